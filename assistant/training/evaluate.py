"""Parsing quality: intent accuracy, slot F1 and exact match, measured as the assistant runs.

Predictions go through the same path as a live turn (parse; on error, the rule parser; then
`validate_intent`), and gold intents are validated too (so "the last one" is resolved the same
way on both sides). The query text is not scored: it is copied from the message, not decoded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sized
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.lm.format import parse_slot_string
from assistant.parser import IntentParser, ParseError, RuleParser
from assistant.progress_bar import bar
from assistant.types import DialogueState, Intent
from assistant.validate import validate_intent
from assistant.vocab import CatalogVocab

SLOT_FIELDS = ("category", "brand", "exclude_brand", "color", "min_price", "max_price", "cheaper", "references")


@dataclass(frozen=True)
class Case:
    state: DialogueState
    message: str
    gold: Intent


@dataclass
class ParseScores:
    n: int = 0
    intent_accuracy: float = 0.0
    slot_precision: float = 0.0
    slot_recall: float = 0.0
    slot_f1: float = 0.0
    exact_match: float = 0.0
    fallbacks: int = 0
    ms_per_message: float = 0.0
    errors: list[dict] = field(default_factory=list)

    def summary(self) -> dict:
        out = asdict(self)
        out.pop("errors")
        return out


def slot_pairs(intent: Intent) -> set[tuple[str, object]]:
    pairs = set()
    for name in SLOT_FIELDS:
        value = getattr(intent, name)
        if value in (None, False, ()):
            continue
        if name in ("min_price", "max_price"):
            value = round(float(value), 2)
        if isinstance(value, str):
            value = value.lower()
        pairs.add((name, value))
    return pairs


def score_parser(parser: IntentParser, cases: Iterable[Case], vocab: CatalogVocab,
                 keep_errors: int = 50) -> ParseScores:
    fallback = RuleParser(vocab)
    scores, true_pos, n_pred, n_gold, kinds_ok, exact = ParseScores(), 0, 0, 0, 0, 0
    started = time.perf_counter()
    for case in bar(cases, total=len(cases) if isinstance(cases, Sized) else None, desc="held-out parsing",
                    unit="msg"):
        try:
            parsed = parser.read(case.message, case.state)
            raw, output = parsed.intent, parsed.lm_output
        except Exception as exc:  # as in the live loop: a failed parse falls back to the rules
            scores.fallbacks += 1
            raw, output = fallback.parse(case.message, case.state), exc.output if isinstance(exc, ParseError) else None
        predicted, _ = validate_intent(raw, vocab, case.state, case.message)
        gold, _ = validate_intent(case.gold, vocab, case.state)  # the truth: not held to the price check
        got, want = slot_pairs(predicted), slot_pairs(gold)
        true_pos, n_pred, n_gold = true_pos + len(got & want), n_pred + len(got), n_gold + len(want)
        kinds_ok += predicted.kind == gold.kind
        ok = predicted.kind == gold.kind and got == want
        exact += ok
        scores.n += 1
        if not ok and len(scores.errors) < keep_errors:
            scores.errors.append({"message": case.message, "gold": [gold.kind, sorted(map(str, want))],
                                  "predicted": [predicted.kind, sorted(map(str, got))],
                                  "raw": output})
    n = max(scores.n, 1)
    scores.ms_per_message = round((time.perf_counter() - started) * 1000 / n, 1)
    scores.intent_accuracy, scores.exact_match = round(kinds_ok / n, 4), round(exact / n, 4)
    scores.slot_precision = round(true_pos / n_pred, 4) if n_pred else 1.0
    scores.slot_recall = round(true_pos / n_gold, 4) if n_gold else 1.0
    p, r = scores.slot_precision, scores.slot_recall
    scores.slot_f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return scores


def state_from_dict(data: dict) -> DialogueState:
    """{"category": ..., "max_price": ..., "exclude_brands": [...], "shown": 5} -> DialogueState."""
    shown = int(data.get("shown", 0))
    fields = {k: v for k, v in data.items() if k != "shown"}
    return DialogueState(**fields, shown=[f"S{i}" for i in range(shown)], shown_prices=[50.0] * shown)


def load_cases(path: str | Path) -> list[Case]:
    """Hand-written cases, one JSON object a line: {"state": {...}, "message": "...", "gold": "slot string"}."""
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            row = json.loads(line)
            cases.append(Case(state_from_dict(row.get("state", {})), row["message"], parse_slot_string(row["gold"])))
    return cases
