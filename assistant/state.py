"""Dialogue state updates: how slots carry across turns.

Rules a shopper expects: a refinement keeps everything else; a search for another category
starts over (brand, colour and prices from the old search no longer apply unless restated);
"cheaper" lowers the ceiling relative to what was shown; "pricier" raises the floor to it and lifts an
old ceiling; "more" pages on.
"""

from __future__ import annotations

import copy
import re
import statistics

from assistant.config import AssistantConfig
from assistant.rules import AROUND_BAND
from assistant.types import DialogueState, Intent
from retrieval.types import Filters

# Earlier searches a shopper can go back to ("the first list again"); a session's state stays small.
SEARCHES_KEPT = 8


def _reset_search(state: DialogueState) -> None:
    state.query, state.category, state.brand, state.color, state.size, state.gender = "", None, None, None, None, None
    state.order = state.min_rating = None
    state.in_stock = False
    state.other_brands, state.other_colors = [], []
    state.min_price = state.max_price = None
    state.exclude_brands = []
    state.exclude_terms = []


_SEARCH_SLOTS = ("query", "category", "brand", "color", "min_price", "max_price", "exclude_brands", "exclude_terms",
                 "size", "other_brands", "other_colors", "gender", "order", "min_rating", "in_stock")


def search_slots(state: DialogueState) -> dict:
    """The active search's slots, to put back with `restore_search` (lists copied)."""
    return {slot: copy.copy(getattr(state, slot)) for slot in _SEARCH_SLOTS}


def restore_search(state: DialogueState, slots: dict) -> None:
    for slot, value in slots.items():
        setattr(state, slot, value)


def _clear(state: DialogueState, slots: tuple[str, ...]) -> None:
    """Remove the constraints the shopper lifted ("forget the budget", "any brand", "start over")."""
    if "all" in slots:
        _reset_search(state)
        return
    if "max_price" in slots and state.order == "price":
        state.order = None  # "forget the budget" after "cheap phones": no longer the cheapest first
    for slot in slots:
        if slot in ("exclude_brands", "exclude_terms"):
            setattr(state, slot, [])
        elif slot in ("max_price", "min_price", "brand", "color", "size", "gender", "order", "min_rating"):
            if slot in ("brand", "color"):  # "any brand is fine" after "north face jackets": not found by its name
                lifted = [getattr(state, slot), *getattr(state, f"other_{slot}s")]
                state.query = _without_names(state.query, [name for name in lifted if name])
                setattr(state, f"other_{slot}s", [])
            setattr(state, slot, None)


def _without_names(query: str, names: list[str]) -> str:
    """The search words without the lifted brands' or colours' own words ("The North Face" takes "north face")."""
    for name in names:
        for word in re.findall(r"[\w']+", name):
            if word.lower() != "the":
                query = re.sub(rf"(?<!\w){re.escape(word)}(?:'?s)?(?!\w)", " ", query, flags=re.I)
    return " ".join(query.split())


def _a_band(state: DialogueState) -> bool:
    """Whether the price bounds in force are the band "around" an amount set (a fifth either side of it)."""
    low, high = state.min_price, state.max_price
    return low is not None and high is not None and high > 0 \
        and abs(low / high - AROUND_BAND[0] / AROUND_BAND[1]) < 0.005


def apply_intent(state: DialogueState, intent: Intent, cfg: AssistantConfig) -> None:
    """Update the state's search slots for a search/refine/more/recommend intent."""
    if intent.kind == "more":
        state.offset += cfg.page_size
        return
    if state.searching():  # with the list it showed ("shown"): "add the third backpack" later means its third
        earlier = {**search_slots(state), "shown": list(state.shown)}
        state.earlier_searches = [*state.earlier_searches, earlier][-SEARCHES_KEPT:]
    if intent.kind == "search" and (intent.category or intent.query or intent.new_product):
        # a search said afresh ("pink headphones for my daughter under 50" after JBL earbuds) starts over; a
        # narrowing of the one on screen was read as a refinement before it got here
        # "something for a friend who runs, budget 250" -> "a gps watch maybe": the gift's budget stays
        # ("watches under $60" after gifts "around $60": the price said replaces the gift's whole range)
        budget = (state.min_price, state.max_price) if state.last_kind == "recommend" \
            and intent.min_price is None and intent.max_price is None else (None, None)
        _reset_search(state)
        state.min_price, state.max_price = budget
    if intent.kind in ("search", "recommend"):
        state.query = intent.query
    if intent.kind == "recommend":
        _reset_search(state)
        if intent.category:  # a need said in words ("my skin gets really dry"): picks found by those words there
            state.query = intent.query
    state.offset = 0
    _clear(state, intent.clear)
    if intent.kind == "refine" and intent.max_price is not None and intent.min_price is None and _a_band(state):
        state.min_price = None  # "around 300", then "not more than 400": a ceiling said plainly, no floor kept
    if intent.kind == "search" and "all" in intent.clear:
        state.query = intent.query  # "start over, a blender instead": the restart clears what came before it
    if intent.category and intent.category != state.category and intent.size is None:
        state.size = None  # a size belongs to its aisle: W32 means nothing among t-shirts
    for slot in ("category", "brand", "color", "min_price", "max_price", "size", "gender", "order", "min_rating"):
        value = getattr(intent, slot)
        if value is not None:
            setattr(state, slot, value)
    if intent.in_stock:
        state.in_stock = True
    if intent.brand is not None:  # a brand said afresh replaces the alternatives said with the last one
        state.other_brands = [b for b in intent.other_brands if b != intent.brand]
    if intent.color is not None:
        state.other_colors = [c for c in intent.other_colors if c != intent.color]
    asked = {c.lower() for c in (intent.color, *intent.other_colors) if c}  # "white ones please" after "not white"
    state.exclude_terms = [t for t in state.exclude_terms if t.lower() not in asked]
    if intent.brand and intent.brand in state.exclude_brands:
        state.exclude_brands.remove(intent.brand)
    for brand in dict.fromkeys((intent.exclude_brand, *intent.exclude_brands) if intent.exclude_brand
                               else intent.exclude_brands):
        if state.brand == brand:
            state.brand = state.other_brands.pop(0) if state.other_brands else None
        if brand in state.other_brands:
            state.other_brands.remove(brand)
        if brand not in state.exclude_brands:
            state.exclude_brands.append(brand)
    for term in intent.exclude_terms:
        if term not in state.exclude_terms:
            state.exclude_terms.append(term)
    if intent.pricier and state.order == "price":
        state.order = None  # "something nicer" after "cheap phones": no longer the cheapest first
    if intent.pricier and intent.min_price is None and state.shown_prices:
        known = [p for p in state.shown_prices if p is not None]
        if known:  # above what was shown: the floor is the dearest shown price's neighbourhood
            state.min_price = round(statistics.median(known), 2)
            if intent.max_price is None or state.max_price <= state.min_price:
                # the old ceiling is what kept them cheap ("higher end, money's not an issue"); one said
                # in the same message stays ("nicer, but still under 150")
                state.max_price = None
    # "the cheapest you've got" orders the search by price (`intent.order`): no ceiling is needed for that
    if intent.cheaper and intent.max_price is None and state.shown_prices and intent.order != "price":
        known = [p for p in state.shown_prices if p is not None]
        if known:
            ceiling = round(cfg.cheaper_factor * statistics.median(known), 2)
            state.max_price = min(ceiling, state.max_price) if state.max_price else ceiling
    if state.min_price is not None and state.max_price is not None and state.min_price > state.max_price:
        state.min_price = None  # a lower ceiling wins over an old floor


def filters_of(state: DialogueState) -> Filters:
    """The hard filters the current state imposes on retrieval."""
    return Filters(
        min_price=state.min_price,
        max_price=state.max_price,
        categories=(state.category,) if state.category else (),
        brands=(state.brand, *state.other_brands) if state.brand else (),
        exclude_brands=tuple(state.exclude_brands),
        colors=(state.color, *state.other_colors) if state.color else (),
        in_stock_only=state.in_stock,
    )


def search_text(state: DialogueState) -> str:
    """Text to embed for the current search: the words asked for plus the active slots, less the words
    ruled out: "jackets, not one of those puffer ones" embedded with "puffer" finds only puffers, which
    the exclusion then removes, leaving nothing."""
    parts = [state.query, state.brand or "", *state.other_brands, state.color or "", *state.other_colors,
             state.category or ""]
    text = " ".join(p for p in parts if p).strip()
    ruled_out = [re.escape(t) for t in (*state.exclude_terms, *state.exclude_brands) if t]
    if ruled_out:
        text = re.sub(rf"\b(?:{'|'.join(ruled_out)})(?:s|es|ed|d)?\b", " ", text, flags=re.I)
    return " ".join(text.split())
