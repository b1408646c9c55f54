"""Does the model itself read the direction of a price bound? Its raw slot string, before the turn
loop's rule patterns override the prices they can read (`assistant.lm.parser._stated_prices`).

Each one-sided price phrase of a paraphrase bank ("at most {p}", "{p} or more", ...) is put into
two carrier sentences with the same price; a phrase counts as read when the raw output sets that
bound alone (`under=` for a ceiling, `over=` for a floor). The training bank's phrases were seen in
training, the held-out bank's were not. Why it matters: held-out slot F1 counts prices in wordings
the patterns do not know ("tops $300"), and there the model's own reading is all there is.

Usage:
    .venv/bin/python bench/lm_price_direction.py --data data/demo --model MODEL_DIR [--model ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_common import markdown, write_json  # noqa: E402

from assistant.lm.format import LmOutputError, parse_slot_string  # noqa: E402
from assistant.shopdata.load import load_shop  # noqa: E402
from assistant.training.heldout_phrases import HELDOUT_BANK  # noqa: E402
from assistant.training.phrases import TRAIN_BANK, PhraseBank  # noqa: E402
from assistant.types import DialogueState  # noqa: E402
from assistant.vocab import CatalogVocab  # noqa: E402

CARRIERS = ("i need a jacket {x}", "show me laptops, {x}")
PRICE = "$70"


def direction_score(parser, bank: PhraseBank) -> dict:
    """Share of (phrase, carrier) pairs whose raw parse sets the right bound alone, with the wrong ones."""
    right, wrong = 0, []
    for field, phrases in (("max_price", bank.price_max), ("min_price", bank.price_min)):
        for phrase in phrases:
            for carrier in CARRIERS:
                message = carrier.format(x=phrase.format(p=PRICE))
                try:
                    parser.parse(message, DialogueState())
                except LmOutputError:
                    pass
                raw = parser.last_output or ""
                if _bounds(raw) == {field}:
                    right += 1
                else:
                    wrong.append({"message": message, "raw": raw})
    total = right + len(wrong)
    ceilings = len(bank.price_max) * len(CARRIERS)
    return {"n": total, "accuracy": round(right / total, 3), "ceiling_share": round(ceilings / total, 3),
            "wrong": wrong}


def _bounds(raw: str) -> set[str]:
    """The price fields the raw slot string sets (whatever key names the format uses)."""
    try:
        intent = parse_slot_string(raw)
    except LmOutputError:
        return set()
    return {f for f in ("min_price", "max_price") if getattr(intent, f) is not None}


def main(argv: list[str] | None = None) -> int:
    from assistant.lm.load import load_lm
    from assistant.lm.parser import LmParser

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--model", action="append", required=True, help="fine-tuned model folder (repeatable)")
    p.add_argument("--quantize", default="int8")
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--json", default=None)
    args = p.parse_args(argv)
    catalog = load_shop(args.data, ratings=False).catalog
    vocab = CatalogVocab.from_catalog(catalog)
    results, rows = {}, []
    for model in args.model:
        parser = LmParser(load_lm(model, args.quantize, args.threads), vocab)
        for name, bank in (("training bank", TRAIN_BANK), ("held-out bank", HELDOUT_BANK)):
            score = direction_score(parser, bank)
            results[f"{Path(model).name} / {name}"] = score
            rows.append((f"{Path(model).name} ({args.quantize})", name, score["n"], f"{score['accuracy']:.1%}",
                         f"{score['ceiling_share']:.1%}"))
    print(markdown(("model", "phrases from", "messages", "direction read by the model", "always `under=` would score"),
                   rows))
    if args.json:
        write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
