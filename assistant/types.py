"""Data types that cross the `assistant` package boundary (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from recsys.types import Candidate

INTENT_KINDS = (
    "search",      # new or refined product search
    "refine",      # change constraints of the current search ("cheaper", "in blue")
    "more",        # show more results of the current search
    "compare",     # compare shown items
    "details",     # details of one shown item
    "add_to_cart",
    "remove_from_cart",
    "view_cart",
    "recommend",   # "recommend me something" with no query
    "why",         # explain the ranking
    "greeting",
    "out_of_scope",
)


@dataclass(frozen=True)
class Intent:
    """A parsed shopper message. Slots absent from the message are None / empty.

    `references` are 1-based positions in the list last shown ("the second one" -> (2,)).
    """

    kind: str
    query: str = ""
    category: str | None = None
    brand: str | None = None
    exclude_brand: str | None = None
    color: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    cheaper: bool = False
    references: tuple[int, ...] = ()

    def slots(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "kind" and v not in (None, "", (), False)}
        if "references" in out:
            out["references"] = list(out["references"])
        return out


@dataclass
class DialogueState:
    """Per-session memory: the active search slots, what was shown, and the cart."""

    query: str = ""
    category: str | None = None
    brand: str | None = None
    exclude_brands: list[str] = field(default_factory=list)
    color: str | None = None
    min_price: float | None = None
    max_price: float | None = None
    shown: list[str] = field(default_factory=list)          # product ids, in display order
    shown_prices: list[float] = field(default_factory=list)
    offset: int = 0
    cart: dict[str, int] = field(default_factory=dict)      # product_id -> quantity
    history: list[tuple[str, str]] = field(default_factory=list)  # (user, assistant) texts
    last_candidates: dict[str, Candidate] = field(default_factory=dict)  # shown id -> its ranking
    # The one product the last details/why turn was about: "I'll take it" then means that one.
    focus: str | None = None
    personalize: bool = True
    user_id: str | None = None


@dataclass(frozen=True)
class Reply:
    """What one turn produced; `trace` records fallbacks and timings for debugging."""

    text: str
    products: tuple[Candidate, ...]
    intent: Intent
    trace: dict[str, Any] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)
