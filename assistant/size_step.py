"""A bigger or smaller one than the one looked at: "thats only 30ml? is there a bigger one", "any smaller
backpacks?", "a size up?".

A listing is one size of a product, and "bigger" names no size, so the search on screen came back unchanged,
or the size said as the complaint ("only 30ml") became the size asked for. The step is read against a size:
the one the message says it is ("only 30ml"), else the item looked at, else the largest (or smallest) shown;
the list then keeps the products of that kind listed bigger (or smaller) than it, where any is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BIGGER = re.compile(r"\b(?:bigger|larger|roomier|more (?:capacity|room|space)|(?:a |one )?size up|"
                     r"next size up|higher capacity)\b", re.I)
_SMALLER = re.compile(r"\b(?:smaller|more compact|tinier|less bulky|(?:a |one )?size down|next size down)\b", re.I)
# "bigger than 50 bucks": a price, not a size.
_PRICE_AFTER = re.compile(r"\b(?:bigger|larger|smaller)\s+than\s+(?:\$|\d+\s*(?:\$|dollars?|bucks|usd)|"
                          r"(?:my|the)\s+budget)", re.I)
# The size the message complains of: "thats only 30ml", "it's just 15L", "30ml is too small".
_ONLY = re.compile(r"\b(?:only|just|that'?s|thats|it'?s|its|is|so)\s+(?:a\s+)?$", re.I)
_LETTERS = {"xxs": 0, "xs": 1, "s": 2, "m": 3, "l": 4, "xl": 5, "xxl": 6, "2xl": 6, "xxxl": 7, "3xl": 7}


def size_rank(size: str | None) -> float | None:
    """Where a listed size stands among its aisle's sizes: letter sizes in order (XS < S < M ...), others by
    their number ("W32" 32, '13"' 13, "256GB" 256, "100ml" 100); None for no size."""
    text = str(size or "").strip().lower()
    if not text or text == "nan":
        return None
    if text in _LETTERS:
        return float(_LETTERS[text])
    found = re.search(r"\d+(?:\.\d+)?", text)
    return float(found.group()) if found else None


@dataclass(frozen=True)
class SizeStep:
    """Bigger (+1) or smaller (-1) than `than` (a listed size)."""

    direction: int
    than: str

    def keeps(self, size: str | None) -> bool:
        mine, theirs = size_rank(size), size_rank(self.than)
        return mine is not None and theirs is not None and (mine - theirs) * self.direction > 0

    @property
    def words(self) -> str:
        return f"{'bigger' if self.direction > 0 else 'smaller'} than {self.than}"


# How a listing fits, asked or heard: "do the converse run big?", "you're supposed to size down in chucks".
_FIT_TALK = re.compile(r"\bruns?\s+(?:big|small|large|narrow|wide|true|tight)\b|"
                       r"\b(?:supposed to|should i|do i|need to|have to)\s+size\s+(?:up|down)\b", re.I)


def asked_step(message: str) -> int:
    """+1 when the message asks for a bigger one, -1 for a smaller one, 0 for neither."""
    if _PRICE_AFTER.search(message) or _FIT_TALK.search(message):
        return 0
    bigger, smaller = bool(_BIGGER.search(message)), bool(_SMALLER.search(message))
    return 0 if bigger == smaller else (1 if bigger else -1)


def complained_of(message: str, start: int) -> bool:
    """Whether the size said at `start` is the one complained of ("thats only 30ml"), not the one asked for."""
    return bool(_ONLY.search(message[:start]))


def reference(direction: int, said: str | None, focus_size: str | None, shown_sizes: list[str]) -> str | None:
    """The size the step is taken from: said, else the item looked at, else the extreme of those shown."""
    if said:
        return said
    if size_rank(focus_size) is not None:
        return focus_size
    ranked = [s for s in shown_sizes if size_rank(s) is not None]
    if not ranked:
        return None
    pick = max if direction > 0 else min
    return pick(ranked, key=lambda s: size_rank(s) or 0.0)
