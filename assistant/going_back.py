""""Back to the previous ones": the search as it was before the last search or refinement.

Shoppers who narrow step by step ("same but white", "no Nike") also step back; the state keeps the
slots each change replaced (`DialogueState.earlier_searches`), and going back is an ordinary intent
built from them, so every parser, the trace and the evaluation see it as what it does: a refinement
that lifts or resets what changed, or a search said afresh when the kind of product changed too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import DialogueState, Intent

# "back to the previous ones", "go back to the last results", "undo that", "show me the earlier ones
# again", "the ones before were better" -- not "back to the first one" (an item) nor "send it back".
BACK = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|hmm+|hm+|actually|nah|no|wait|um+|erm|sorry|oh|ugh|meh)\W+)*"
    r"(?:(?:can (?:we|you|u)|could (?:we|you)|let'?s|please|pls)\s+)?"
    r"(?:(?:go|take me|get|take us|switch|bring (?:me|us|it))\s+)?back\s+to\s+(?:the\s+|my\s+|what i had\s+)?"
    r"(?:previous|last|earlier|old|other|original|first)\s*(?:ones|results?|list|search|options|lot|selection)"
    r"(?:\s+(?:please|pls|again|then))?\W*$|"
    r"^\W*(?:(?:ok(?:ay)?|hmm+|actually|nah|no)\W+)?undo(?:\s+(?:that|this|it|the last (?:one|change|filter|step)))?"
    r"(?:\s+(?:please|pls))?\W*$|"
    r"^\W*(?:(?:ok(?:ay)?|hmm+|actually|nah|no)\W+)?(?:show|give)\s+(?:me\s+)?(?:the\s+)?(?:previous|earlier|last|old)"
    r"\s+(?:ones|results|list|options)(?:\s+again)?(?:\s+(?:please|pls))?\W*$|"
    r"\bthe ones before (?:were|was) (?:better|nicer)\b",
    re.I)

# "nah go back to the pixels": back to a search named by a word of it.
BACK_TO_NAMED = re.compile(r"^\W*(?:(?:ok(?:ay)?|hmm+|actually|nah|no|fine|wait|um+)\W+)*"
                           r"(?:(?:let'?s|can we|could we|please)\s+)?(?:go\s+)?back\s+to\s+(?:the\s+|my\s+)?"
                           r"([a-z][\w' -]{1,40}?)(?:\s+(?:please|pls|then|again|ones?))?\W*$", re.I)

# "show me the first list again", "back to the original results": the first search of this kind of product.
# Not "are the first ones a loose fit?": a question about the first item (jeans, shoes: a pair said as "ones").
FIRST_AGAIN = re.compile(r"\b(?:the\s+)?(?<!are the )(?<!were the )(?<!do the )(?<!does the )(?<!did the )"
                         r"(?<!will the )(?<!would the )(?<!can the )(?<!could the )(?<!have the )(?<!has the )"
                         r"(?:first|original|initial|very first)\s+(?:list|results?|ones|search|lot|"
                         r"options|selection|suggestions)\b(?!\s+(?:one|item))|\bwhat you showed (?:me )?first\b",
                         re.I)
# "go back to the cheaper ones", "the less expensive ones from before": the latest search with a lower ceiling.
CHEAPER_AGAIN = re.compile(r"\bback\s+to\s+(?:the\s+)?(?:cheaper|less expensive|lower[- ]priced|cheap|budget)\s+"
                           r"(?:ones|list|results?|options|stuff)\b|\bthe\s+(?:cheaper|less expensive)\s+ones\s+"
                           r"(?:from\s+)?(?:before|earlier)\b", re.I)
_LIST_SLOTS = ("exclude_brands", "exclude_terms")
_VALUE_SLOTS = ("brand", "color", "min_price", "max_price")


def back_to_previous(message: str, state: DialogueState) -> Intent | None:
    """The intent that restores the search before the last change, or None when the message does not ask
    for it or there is nothing to go back to."""
    text = " ".join(message.split())
    before = _earlier(text, state)
    if before is None:
        before = state.previous_search
        if not before or not (BACK.search(text) or _names_previous(text, before, state)):
            return None
    if before.get("query", "") != state.query or before.get("category") != state.category:
        return _said_afresh(before)  # another kind of product since
    clear: list[str] = []
    changes: dict[str, object] = {}
    for slot in _VALUE_SLOTS:
        was, now = before.get(slot), getattr(state, slot)
        if was != now:
            if was is None:
                clear.append(slot)
            else:
                changes[slot] = was
    for slot in _LIST_SLOTS:
        was, now = list(before.get(slot) or ()), list(getattr(state, slot))
        if was != now:
            clear.append(slot)  # the list is put back whole: lifted, then what it held is ruled out again
            if was:
                changes[slot] = tuple(was)
    return Intent("refine", clear=tuple(clear), **changes)


def _said_afresh(before: dict) -> Intent:
    """An earlier search, said afresh with all its constraints."""
    return Intent("search", query=before.get("query", ""), category=before.get("category"), new_product=True,
                  **{slot: before.get(slot) for slot in _VALUE_SLOTS},
                  exclude_brands=tuple(before.get("exclude_brands") or ()),
                  exclude_terms=tuple(before.get("exclude_terms") or ()))


@dataclass(frozen=True)
class EarlierList:
    """An earlier search said afresh, and the products it showed then (ids, in order; () if not kept)."""
    intent: Intent
    shown: tuple[str, ...]


def earlier_of_kind(kind: set[str], state: DialogueState) -> EarlierList | None:
    """The latest earlier search whose words or aisle name the kind of product said ("the first pan you showed
    me" after frying pans, then kettles: the frying pans), said afresh; None when no earlier search does."""
    said = {w.rstrip("s") for w in kind}
    for before in reversed(state.earlier_searches):
        if said & _stems(f"{before.get('query') or ''} {before.get('category') or ''}"):
            return EarlierList(_said_afresh(before), tuple(before.get("shown") or ()))
    return None


def _earlier(text: str, state: DialogueState) -> dict | None:
    """The earlier search "the first list again" (the first of the kind of product on screen) or "back to the
    cheaper ones" (the latest with a lower ceiling) means; None when the words ask neither or none fits."""
    kind = [s for s in state.earlier_searches if s.get("category") == state.category]
    if FIRST_AGAIN.search(text) and kind:
        first = kind[-1]
        for earlier in reversed(kind):  # back through this run of the same kind of product
            if earlier.get("query") and earlier.get("query") != first.get("query"):
                break
            first = earlier
        return first if first != _slots_now(state) else None
    if CHEAPER_AGAIN.search(text):
        ceiling = state.max_price if state.max_price is not None else float("inf")
        return next((s for s in reversed(kind) if s.get("max_price") is not None and s["max_price"] < ceiling), None)
    return None


def _slots_now(state: DialogueState) -> dict:
    return {slot: getattr(state, slot) for slot in ("query", "category", *_VALUE_SLOTS, *_LIST_SLOTS)}


def _stems(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if len(w) >= 3}


def _names_previous(text: str, before: dict, state: DialogueState) -> bool:
    """Whether "back to the X" names the previous search (its words, brand or category) and not the current."""
    named = BACK_TO_NAMED.match(text)
    if not named:
        return False
    said = _stems(named[1])
    previous = _stems(" ".join(str(before.get(k) or "") for k in ("query", "brand", "category")))
    # what the current search says that the previous did not (a refinement keeps the earlier words)
    current = _stems(state.query) - _stems(before.get("query", "")) \
        | _stems(f"{state.brand or ''} {state.category or ''}")
    return bool(said & previous) and not said & current
