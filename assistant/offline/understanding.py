"""Understanding measured on shopper language no generator wrote: single messages and whole dialogues.

The sets (bench/data/shoppers/, format in docs/dialogues.md) were written by independent writers
who saw only the catalog and the intent schema, never the training phrase banks. Each is split
into a development half, which may be studied, and a final half, which is scored only as totals.

Everything runs through `Assistant.respond`, the path a shopper's message takes: earlier messages
of a single's `context` are replayed first, so "cheaper" is read after a search as it would be.

Scoring a single: the intent kind, and each gold slot (category, brand, exclude_brands, color,
min/max price, cheaper, pricier, references, clear, exclude_terms, not_carried). A predicted slot
the gold does not have counts against precision. A message is correct when its kind and its slot
set both match. Scoring a dialogue: every turn's `expect` checks hold (what was shown, the cart).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.types import DialogueState, Product, Reply
from retrieval.types import DataError

PRICE_TOLERANCE = 0.5
SLOTS = ("category", "brand", "exclude_brands", "color", "min_price", "max_price", "cheaper", "pricier",
         "references", "clear", "exclude_terms", "not_carried")
# A reply that tells the shopper the shop does not carry what they asked for.
NOT_CARRIED_TEXT = re.compile(r"\b(?:don't|do not|doesn't|does not)\s+(?:have|carry|sell|stock)\b|"
                              r"\bnot (?:something|anything) (?:we|i) (?:carry|sell|have)\b|"
                              r"\b(?:we|i) (?:only )?(?:carry|sell)\b.*\bnot\b", re.I)


def read_set(path: str | Path) -> list[dict[str, Any]]:
    """A JSON Lines set; a line that does not parse names the file and line."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DataError(str(path), f"not JSON ({exc.msg})", row=number) from exc
    return rows


# ------------------------------------------------------------------------------------- predictions

def not_carried(reply: Reply) -> bool:
    """Whether the reply says the shop does not carry what was asked (a flag in the trace, else the wording).
    After a cart edit with a search asked too ("add the 2nd and show me some socks") the wording is the
    search's, not about what the message mainly asked: the flag alone counts."""
    if getattr(reply.trace, "follow_up", None):
        return bool(getattr(reply.trace, "not_carried", False))
    return bool(getattr(reply.trace, "not_carried", False)) or bool(NOT_CARRIED_TEXT.search(reply.text))


def pointed_at(intent) -> list[int]:
    """The positions the message points at: those on the list, and those past it ("add the 6th one" with
    five shown points at 6, which the reply says is not there; the gold labels what was said)."""
    past = [r for r in getattr(intent, "unresolved", ()) if r > 0]
    return list(dict.fromkeys([*intent.references, *past]))


def predicted_slots(reply: Reply) -> dict[str, Any]:
    """The scored slots of a turn's validated intent, in the gold's vocabulary."""
    intent = reply.intent
    excluded = list(getattr(intent, "exclude_brands", ()) or ())
    if intent.exclude_brand and intent.exclude_brand not in excluded:
        excluded.insert(0, intent.exclude_brand)
    out = {"category": intent.category, "brand": intent.brand, "exclude_brands": excluded, "color": intent.color,
           "min_price": intent.min_price, "max_price": intent.max_price, "cheaper": intent.cheaper,
           "pricier": getattr(intent, "pricier", False), "references": pointed_at(intent),
           "clear": list(getattr(intent, "clear", ()) or ()),
           "exclude_terms": list(getattr(intent, "exclude_terms", ()) or ()), "not_carried": not_carried(reply)}
    return {k: v for k, v in out.items() if v not in (None, False, [], "")}


def _same(slot: str, gold: Any, got: Any) -> bool:
    if slot in ("min_price", "max_price"):
        return isinstance(got, int | float) and abs(float(gold) - float(got)) <= PRICE_TOLERANCE
    if slot == "exclude_terms":  # "laces" and "lace", "chromebooks" and "chromebook" are one term
        return {_stem(v) for v in gold} == {_stem(v) for v in got}
    if slot in ("exclude_brands", "clear"):
        return {str(v).casefold() for v in gold} == {str(v).casefold() for v in got}
    if slot == "references":  # "the 4th and the first" picks the same two products as "the 1st and 4th"
        return sorted(set(gold)) == sorted(set(got))
    if isinstance(gold, str) and isinstance(got, str):
        return gold.casefold() == got.casefold()
    return gold == got


def _stem(word: object) -> str:
    word = str(word).casefold()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _reference_text_ok(text: str | list[str], refs: list[int], listed: list[Product]) -> bool:
    """"cheapest" / a brand name: the one position picked is the cheapest listed / the one of that brand; a list
    ("sony vs bose": ["Sony", "Bose"]): as many distinct positions, each word picking one of them.
    `listed`: the products shown, or for a removal the cart's lines (what its positions point at)."""
    if isinstance(text, list):
        return len(set(refs)) == len(refs) == len(text) \
            and all(any(_reference_text_ok(t, [r], listed) for r in refs) for t in text)
    if len(refs) != 1 or not 1 <= refs[0] <= len(listed):
        return False
    picked = listed[refs[0] - 1]
    if text.casefold() in ("cheapest", "the cheapest", "cheapest one"):
        prices = [p.price for p in listed if p.price is not None]
        return picked.price is not None and picked.price == min(prices)
    if text.casefold() in ("most expensive", "priciest"):
        prices = [p.price for p in listed if p.price is not None]
        return picked.price is not None and picked.price == max(prices)
    return text.casefold() in (picked.brand.casefold(), picked.title.casefold()) or \
        text.casefold() in picked.title.casefold()


# ------------------------------------------------------------------------------------------ singles

@dataclass
class SingleResult:
    id: str
    phenomena: list[str]
    kind_ok: bool
    correct: bool
    true_pos: int
    n_pred: int
    n_gold: int
    gold: dict[str, Any]
    predicted: dict[str, Any]
    parser: str
    matched: frozenset[str] = frozenset()  # the gold slots this message got right




def score_single(assistant, row: dict[str, Any]) -> SingleResult:
    session = assistant.new_session()
    for message in row.get("context", []):
        assistant.respond(session, message)
    shown = [session.last_candidates[p].product for p in session.shown if p in session.last_candidates]
    cart_lines = [p for p in (assistant.product(pid) for pid in session.cart) if p is not None]
    reply = assistant.respond(session, row["message"])
    gold = dict(row["gold"])
    kind = gold.pop("kind")
    reference_text = gold.pop("reference_text", None)
    gold = {k: v for k, v in gold.items() if k in SLOTS and v not in (None, False, [], "")}
    got = predicted_slots(reply)
    matched = {slot for slot, value in gold.items() if slot in got and _same(slot, value, got[slot])}
    n_pred, n_gold = len(got), len(gold)
    if reference_text is not None:  # one more gold slot: the position that text picks out
        n_gold += 1
        listed = cart_lines if kind == "remove_from_cart" else shown  # a removal points at cart lines
        if "references" in got and _reference_text_ok(reference_text, got["references"], listed):
            matched.add("references")
    extra = set(got) - matched
    kind_ok = reply.intent.kind == kind
    return SingleResult(row["id"], list(row.get("phenomena", [])), kind_ok,
                        kind_ok and not extra and len(matched) == n_gold, len(matched), n_pred, n_gold,
                        {"kind": kind, **gold, **({"reference_text": reference_text} if reference_text else {})},
                        {"kind": reply.intent.kind, **got}, reply.trace.parser, frozenset(matched))


# ---------------------------------------------------------------------------------------- dialogues

@dataclass
class DialogueResult:
    id: str
    success: bool
    turns: int
    failures: list[str] = field(default_factory=list)
    checks: frozenset[str] = frozenset()  # which kinds of check failed (see CHECKS), for totals
    wrong_kinds: tuple[str, ...] = ()  # each turn whose kind was wrong, as "expected -> read"


def _family(brand: str, excluded: Iterable[str]) -> bool:
    """A brand is excluded when it is an excluded name or starts with one ("Cadbury Bournville" under "Cadbury")."""
    brand = brand.casefold()
    return any(brand == e.casefold() or brand.startswith(e.casefold() + " ") for e in excluded)


# What a failed check is about: the word each failure line of `check_turn` turns on.
CHECKS = (("kind", re.compile(r"^kind ")), ("category", re.compile(r" category ")),
          ("price", re.compile(r" price ")), ("brand", re.compile(r" brand ")),
          ("excluded brand", re.compile(r" excluded brand ")), ("colour", re.compile(r" colour ")),
          ("excluded term", re.compile(r" has excluded ")), ("nothing shown", re.compile(r"^no products shown")),
          ("cart add", re.compile(r" not added to the cart")), ("cart size", re.compile(r"^cart has ")),
          ("cart changed", re.compile(r"^cart changed")), ("not carried", re.compile(r"does not carry")),
          ("references", re.compile(r"^references ")))


def check_of(failure: str) -> str:
    """The check a failure line (without its turn prefix) broke, for totals by check."""
    return next((name for name, pattern in CHECKS if pattern.search(failure)), "other")


def check_turn(expect: dict[str, Any], reply: Reply, before: DialogueState, cart_before: dict[str, int],
               session: DialogueState) -> list[str]:
    """What this turn got wrong against its `expect`, in words (empty: all held)."""
    bad: list[str] = []
    shown = [c.product for c in reply.products]
    if "kind" in expect and reply.intent.kind != expect["kind"]:
        bad.append(f"kind {reply.intent.kind} != {expect['kind']}")
    product_checks = {k for k in ("category", "max_price", "min_price", "brand", "color", "exclude_brands",
                                  "exclude_terms") if k in expect}
    if product_checks and not shown and not expect.get("not_carried"):
        bad.append("no products shown")
    for p in shown:
        if "category" in expect and p.category.casefold() != str(expect["category"]).casefold():
            bad.append(f"{p.product_id} category {p.category}")
        if "max_price" in expect and (p.price is None or p.price > expect["max_price"] + PRICE_TOLERANCE):
            bad.append(f"{p.product_id} price {p.price} > {expect['max_price']}")
        if "min_price" in expect and (p.price is None or p.price < expect["min_price"] - PRICE_TOLERANCE):
            bad.append(f"{p.product_id} price {p.price} < {expect['min_price']}")
        if "brand" in expect and p.brand.casefold() != str(expect["brand"]).casefold():
            bad.append(f"{p.product_id} brand {p.brand}")
        if "exclude_brands" in expect and _family(p.brand, expect["exclude_brands"]):
            bad.append(f"{p.product_id} excluded brand {p.brand}")
        colour = str(expect.get("color", "")).casefold()
        if colour and colour not in (p.color.casefold(), *p.title.casefold().split()):
            bad.append(f"{p.product_id} colour {p.color}")
        for term in expect.get("exclude_terms", ()):
            if term.casefold() in p.title.casefold():
                bad.append(f"{p.product_id} title has excluded '{term}'")
    previous = before.shown
    if before.paged and any(position > len(previous) for position in expect.get("cart_add_positions", ())):
        previous = [*before.paged, *before.shown]  # past a short page after "more": the whole list it showed
    for position in expect.get("cart_add_positions", ()):
        pid = previous[position - 1] if 1 <= position <= len(previous) else None
        if pid is None or session.cart.get(pid, 0) <= cart_before.get(pid, 0):
            bad.append(f"position {position} not added to the cart")
    if "cart_size" in expect and len(session.cart) != expect["cart_size"]:
        bad.append(f"cart has {len(session.cart)} products, expected {expect['cart_size']}")
    if expect.get("cart_unchanged") and session.cart != cart_before:
        bad.append("cart changed")
    if expect.get("not_carried") and not not_carried(reply):
        bad.append("reply does not say the shop does not carry it")
    if "references" in expect and sorted(set(pointed_at(reply.intent))) != sorted(set(expect["references"])):
        bad.append(f"references {pointed_at(reply.intent)} != {expect['references']}")
    return bad


def score_dialogue(assistant, row: dict[str, Any]) -> DialogueResult:
    import copy

    session = assistant.new_session()
    failures: list[str] = []
    checks: set[str] = set()
    wrong_kinds: list[str] = []
    for number, turn in enumerate(row["turns"], 1):
        before, cart_before = copy.deepcopy(session), dict(session.cart)
        reply = assistant.respond(session, turn["user"])
        broken = check_turn(turn.get("expect", {}), reply, before, cart_before, session)
        failures += [f"turn {number} ({turn['user']!r}): {b}" for b in broken]
        checks.update(check_of(b) for b in broken)
        expected = turn.get("expect", {}).get("kind")
        if expected and reply.intent.kind != expected:
            wrong_kinds.append(f"{expected} -> {reply.intent.kind}")
    return DialogueResult(row["id"], not failures, len(row["turns"]), failures, frozenset(checks),
                          tuple(wrong_kinds))


# ------------------------------------------------------------------------------------------ reports

def summarise(singles: list[SingleResult], dialogues: list[DialogueResult]) -> dict[str, Any]:
    """Totals: intent accuracy, slot precision/recall/F1, exact match, per phenomenon, dialogue success."""
    out: dict[str, Any] = {"messages": len(singles), "dialogues": len(dialogues)}
    if singles:
        tp = sum(r.true_pos for r in singles)
        n_pred, n_gold = sum(r.n_pred for r in singles), sum(r.n_gold for r in singles)
        p = tp / n_pred if n_pred else 1.0
        r = tp / n_gold if n_gold else 1.0
        out.update(intent_accuracy=round(sum(x.kind_ok for x in singles) / len(singles), 4),
                   slot_precision=round(p, 4), slot_recall=round(r, 4),
                   slot_f1=round(2 * p * r / (p + r), 4) if p + r else 0.0,
                   exact_match=round(sum(x.correct for x in singles) / len(singles), 4))
        groups: dict[str, list[SingleResult]] = defaultdict(list)
        for x in singles:
            for tag in x.phenomena:
                groups[tag].append(x)
        out["phenomena"] = {tag: {"n": len(xs), "correct": round(sum(x.correct for x in xs) / len(xs), 4)}
                            for tag, xs in sorted(groups.items())}
        out["slots"] = slot_totals(singles)
        out["kinds"] = kind_totals(singles)
    if dialogues:
        out["dialogue_success"] = round(sum(d.success for d in dialogues) / len(dialogues), 4)
        turns = sum(d.turns for d in dialogues)
        out["turns"] = turns
        failed = Counter(check for d in dialogues for check in d.checks)
        out["dialogue_checks"] = dict(failed.most_common())
        out["dialogue_kinds"] = dict(Counter(k for d in dialogues for k in d.wrong_kinds).most_common())
    return out


def slot_totals(singles: list[SingleResult]) -> dict[str, dict[str, int]]:
    """Per slot: how often the gold has it, the reply has it, and they agree: where slot F1 is lost,
    as counts that say nothing of any one message (so the final half may be read this way too)."""
    out: dict[str, dict[str, int]] = {}
    for slot in SLOTS:
        gold = sum(slot in x.gold or (slot == "references" and "reference_text" in x.gold) for x in singles)
        got = sum(slot in x.predicted for x in singles)
        right = sum(slot in x.matched for x in singles)
        if gold or got:
            out[slot] = {"gold": gold, "predicted": got, "matched": right}
    return out


def kind_totals(singles: list[SingleResult]) -> dict[str, int]:
    """Wrong intent kinds as "gold -> predicted" counts, most frequent first."""
    wrong = Counter(f"{x.gold['kind']} -> {x.predicted['kind']}" for x in singles if not x.kind_ok)
    return dict(wrong.most_common())


def evaluate_sets(assistant, singles_path: str | Path | None, dialogues_path: str | Path | None,
                  progress: Callable[[int, int], None] | None = None) -> tuple[dict[str, Any], list, list]:
    """Score the sets through `assistant`; returns (summary, per-message results, per-dialogue results)."""
    single_rows = read_set(singles_path) if singles_path else []
    dialogue_rows = read_set(dialogues_path) if dialogues_path else []
    total, done = len(single_rows) + len(dialogue_rows), 0
    singles, dialogues = [], []
    for row in single_rows:
        singles.append(score_single(assistant, row))
        done += 1
        if progress:
            progress(done, total)
    for row in dialogue_rows:
        dialogues.append(score_dialogue(assistant, row))
        done += 1
        if progress:
            progress(done, total)
    return summarise(singles, dialogues), singles, dialogues
