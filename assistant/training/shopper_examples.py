"""Parser examples from messages real shoppers wrote and people labelled, beside the generated ones.

Why: the generated dialogues teach the model the prompt format and the shop's names, but their
wordings come from one paraphrase bank; messages written independently of it ("hmm bit too pricey
tbh", "wat about the On ones") are the language the shop actually meets. A shop's labelled sets in
the evaluation format (`assistant.offline.understanding`: singles with `gold`, dialogues with
`expect` per turn) become examples in the fine-tune's format here.

How a prompt's state line is made, as at chat time:
- a single message: its earlier messages (`context`) are read by the rule parser and applied as the
  generator applies its turns (`training.dialogues.simulate`), so the state is the one the live
  assistant would most likely hold;
- a dialogue turn: the state follows the labels of the turns before it; a refinement's target is
  what its labels change against that state, and a refinement whose change the labels cannot show
  ("more premium", "forget the colour") is left out rather than taught as a bare `refine`.

Only the slots the target format carries are taught (`lm.format.KEYS`, references); what the rule
readers add on top (exclusion words, lifts, sizes) they keep reading. Examples naming a category or
brand the catalog lacks are skipped, so a set written for another shop teaches nothing wrong.
"""

from __future__ import annotations

import glob
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.config import AssistantConfig
from assistant.lm.format import format_intent, parse_prompt, query_text
from assistant.offline.understanding import read_set
from assistant.parser import RuleParser
from assistant.training.dialogues import simulate
from assistant.training.finetune import Example
from assistant.training.shop_vocab import ShopVocab
from assistant.types import INTENT_KINDS, DialogueState, Intent
from assistant.vocab import CatalogVocab
from retrieval.types import UsageError

_STATE_SLOTS = ("category", "brand", "color", "min_price", "max_price")
_LIST_KINDS = ("compare", "details", "why")


class _Shop:
    """What converting needs of the catalog: its names (to skip rows naming others) and the rule parser."""

    def __init__(self, hints: CatalogVocab, vocab: ShopVocab, cfg: AssistantConfig, seed: int):
        self.hints, self.vocab, self.cfg = hints, vocab, cfg
        self.rules = RuleParser(hints)
        self.rng = random.Random(seed)
        self.categories = set(hints.categories.values())
        self.brands = {b.casefold() for b in hints.brands.values()}

    def known(self, target: Intent) -> bool:
        """Whether the catalog has the category and brands the target names."""
        return (not target.category or target.category in self.categories) and \
            all(not b or str(b).casefold() in self.brands for b in (target.brand, target.exclude_brand))

    def step(self, state: DialogueState, message: str, intent: Intent) -> None:
        """Apply a turn as the generator does (invented product ids, shown prices)."""
        intent = Intent(**{**intent.__dict__, "query": query_text(intent.kind, message)})
        simulate(state, intent, self.vocab, self.rng, self.cfg)
        state.history.append((message, ""))


def _price(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _intent(kind: str, labels: dict[str, Any], references: Iterable[int] = ()) -> Intent:
    excluded = list(labels.get("exclude_brands") or [])
    return Intent(kind, category=labels.get("category"), brand=labels.get("brand"),
                  exclude_brand=excluded[0] if excluded else None, color=labels.get("color"),
                  min_price=_price(labels.get("min_price")), max_price=_price(labels.get("max_price")),
                  cheaper=bool(labels.get("cheaper")), references=tuple(int(r) for r in references))


def single_target(gold: dict[str, Any]) -> Intent | None:
    """A single message's gold as the parser's target; None when the gold is no known kind."""
    kind = gold.get("kind")
    if kind not in INTENT_KINDS:
        return None
    labels = dict(gold)
    if labels.get("not_carried"):
        labels.pop("category", None)  # asked for something the shop lacks: a search with no aisle
    return _intent(kind, labels, labels.get("references") or ())


def turn_target(expect: dict[str, Any], state: DialogueState) -> Intent | None:
    """A dialogue turn's labels as the parser's target, given the state before it; None when they
    cannot say what the turn asked (a refinement changing nothing the labels show)."""
    kind = expect.get("kind")
    if kind not in INTENT_KINDS:
        return None
    if kind == "search":
        return _intent(kind, {} if expect.get("not_carried") else expect)
    if kind == "refine":
        changed = {slot: expect[slot] for slot in _STATE_SLOTS
                   if expect.get(slot) is not None and expect[slot] != getattr(state, slot)}
        new_excluded = [b for b in expect.get("exclude_brands") or [] if b not in state.exclude_brands]
        if new_excluded:
            changed["exclude_brands"] = new_excluded
        if not changed:
            return None
        return _intent(kind, changed)
    if kind == "add_to_cart":
        return _intent(kind, {}, expect.get("cart_add_positions") or ())
    if kind in (*_LIST_KINDS, "remove_from_cart"):
        return _intent(kind, {}, expect.get("references") or ())
    return Intent(kind)


def _singles(rows: list[dict[str, Any]], shop: _Shop) -> list[Example]:
    out = []
    for row in rows:
        target = single_target(row.get("gold") or {})
        if target is None or not shop.known(target):
            continue
        state = DialogueState()
        for message in row.get("context") or []:
            shop.step(state, message, shop.rules.parse(message, state))
        out.append(Example(parse_prompt(state, row["message"], shop.hints), format_intent(target)))
    return out


def _dialogues(rows: list[dict[str, Any]], shop: _Shop) -> list[Example]:
    out = []
    for row in rows:
        state = DialogueState()
        for turn in row.get("turns") or []:
            message, expect = turn["user"], turn.get("expect") or {}
            target = turn_target(expect, state)
            if target is not None and shop.known(target):
                out.append(Example(parse_prompt(state, message, shop.hints), format_intent(target)))
            shop.step(state, message, target if target is not None else shop.rules.parse(message, state))
    return out


def shopper_examples(paths: Iterable[str | Path], hints: CatalogVocab, vocab: ShopVocab, cfg: AssistantConfig,
                     seed: int = 0) -> list[Example]:
    """Parser examples from labelled sets: files whose rows carry `gold` (singles) or `turns` (dialogues)."""
    shop = _Shop(hints, vocab, cfg, seed)
    out: list[Example] = []
    for path in paths:
        rows = read_set(path)
        out += _singles([r for r in rows if "gold" in r], shop)
        out += _dialogues([r for r in rows if "turns" in r], shop)
    return out


def shopper_set_paths(cfg: AssistantConfig) -> list[Path]:
    """The files `lm_shopper_sets` names, sorted; a pattern that matches nothing is an error, not a
    silently smaller fine-tune."""
    paths: list[Path] = []
    for pattern in (p.strip() for p in cfg.lm_shopper_sets.split(",")):
        if not pattern:
            continue
        found = sorted(glob.glob(str(Path(pattern).expanduser())))
        if not found:
            raise UsageError(f"config [assistant] lm_shopper_sets: '{pattern}' matches no file")
        paths += [Path(f) for f in found]
    return list(dict.fromkeys(paths))
