"""Parsing quality of the LM parser (and the rule parser, for reference) on messages it never saw.

Two sets:
- held-out: generated from the held-out paraphrase bank (`assistant/training/heldout_phrases.py`) with the
  brands withheld from training (`lm_heldout_brands`), multi-turn, with the states they occur in;
- reworded: ~40 messages written by hand (`bench/data/lm_reworded.jsonl`);
- fresh: 40 more, written after the training bank was widened from the first two sets' errors and
  never used to tune anything (`bench/data/lm_fresh.jsonl`): the least optimistic of the three.

Usage:
    .venv/bin/python bench/lm_parse.py --data data/demo --model MODEL_DIR [--quantize int8] [--n 200]
    .venv/bin/python bench/lm_parse.py --data data/demo --model MODEL_DIR --json bench/results/lm_parse.json
    # the intent prior's A/B (0 = the model alone; default: the config's weight)
    .venv/bin/python bench/lm_parse.py --data data/demo --model MODEL_DIR --prior-weight 0 --prior-weight 1
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_common import markdown, write_json  # noqa: E402

from assistant.config import AssistantConfig  # noqa: E402
from assistant.parser import RuleParser  # noqa: E402
from assistant.shopdata.load import load_shop  # noqa: E402
from assistant.training.evaluate import load_cases, score_parser  # noqa: E402
from assistant.training.train_lm import heldout_cases  # noqa: E402
from assistant.vocab import CatalogVocab  # noqa: E402

REWORDED = Path(__file__).resolve().parent / "data" / "lm_reworded.jsonl"
FRESH = Path(__file__).resolve().parent / "data" / "lm_fresh.jsonl"


def _parsers(args: argparse.Namespace, vocab: CatalogVocab) -> dict:
    from assistant.lm.load import load_lm
    from assistant.lm.parser import LmParser
    from assistant.lm.prior import load_prior

    out = {}
    for model in args.model:
        prior = load_prior(model)
        for quantize in args.quantize:
            for speculate in args.speculate:
                lm = load_lm(model, quantize, args.threads, speculate)
                for weight in args.prior_weight:
                    label = f", {speculate} drafts" if len(args.speculate) > 1 else ""
                    if len(args.prior_weight) > 1:
                        label += f", prior {weight:g}" if prior is not None or weight == 0 else ", no prior file"
                    out[f"{Path(model).name} ({quantize}{label})"] = LmParser(lm, vocab, prior=prior,
                                                                              prior_weight=weight)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--model", action="append", default=[], help="fine-tuned model folder (repeatable)")
    p.add_argument("--quantize", action="append", default=None, help="none, int8, bf16 (repeatable)")
    p.add_argument("--n", type=int, default=200, help="held-out messages")
    p.add_argument("--heldout-brands", type=float, default=AssistantConfig().lm_heldout_brands)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--speculate", type=int, action="append", default=None,
                   help="draft tokens checked per pass (repeatable; 0 = plain decoding; default: the config's)")
    p.add_argument("--prior-weight", type=float, action="append", default=None,
                   help="intent prior weight (repeatable; 0 = the model alone; default: the config's)")
    p.add_argument("--json", default=None)
    p.add_argument("--errors", type=int, default=0, help="print this many wrong parses per set")
    args = p.parse_args(argv)
    args.quantize = args.quantize or ["int8"]
    args.speculate = args.speculate or [AssistantConfig().lm_speculate]
    args.prior_weight = args.prior_weight or [AssistantConfig().lm_prior_weight]
    shop = load_shop(args.data, ratings=False)
    catalog, events = shop.catalog, shop.events_if_any
    vocab = CatalogVocab.from_catalog(catalog)
    sets = {"held-out": heldout_cases(catalog, events, AssistantConfig(lm_heldout_brands=args.heldout_brands), args.n),
            "reworded (hand-written)": load_cases(REWORDED), "fresh (hand-written, 2nd set)": load_cases(FRESH)}
    parsers = {"rules": RuleParser(vocab), **_parsers(args, vocab)}
    rows, results = [], {}
    for name, parser in parsers.items():
        for set_name, cases in sets.items():
            scores = score_parser(parser, cases, vocab)
            results[f"{name} / {set_name}"] = {**scores.summary(), "errors": scores.errors[:args.errors]}
            rows.append((name, set_name, scores.n, f"{scores.intent_accuracy:.1%}", f"{scores.slot_f1:.3f}",
                         f"{scores.exact_match:.1%}", scores.fallbacks, f"{scores.ms_per_message:.0f}"))
            for error in scores.errors[:args.errors]:
                print(f"  [{name} / {set_name}] {error}", file=sys.stderr)
    print(markdown(("parser", "set", "messages", "intent accuracy", "slot F1", "exact match", "fallbacks",
                    "ms/message"), rows))
    if args.json:
        write_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
