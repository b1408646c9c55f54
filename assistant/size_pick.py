"""A shown item picked by its size: "add the small one", "the 512 one", "the 10.5 pair", "is the large one in stock?".

Why: a size is how a clothes, shoe or phone shopper tells listings of one model apart. Read as no pick, the
add falls to the first item, and a wrong size goes into the cart with nothing said. Only a size the items'
own aisle lists is read ("the small one" among kettles names a small kettle, not size S), and only items on
screen are picked: one in that size is the pick; none or several, and the reply says so and nothing is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.sizes import LETTER, SizeChart, fits
from assistant.types import Product

# "the small one", "the 40mm one", "the 512 one", "the 10.5 pair", "the W32 ones", "the xl version"
_SIZE_SAID = rf"(?:{LETTER}|\d{{1,4}}(?:\.5)?\s*(?:gb|tb|mm|ml|l|\"|inch)?|w\s?\d{{2}})"
# ... or after the pick: "the black one in 9", "the nike pair in a 10", "the first one in size M"
_THE_SIZE = re.compile(rf"\bthe\s+(?P<size>{_SIZE_SAID})\s+(?:one|ones|pair|size|version)\b|"
                       rf"\bthe\s+(?:[\w'&-]+\s+){{0,2}}(?:one|ones|pair)\s+in\s+(?:a\s+|an\s+|size\s+)?"
                       rf"(?P<after>{_SIZE_SAID})(?![\w.])", re.I)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True)
class SizePick:
    """The size the words name (the catalog's spelling) and the positions on screen listed in it."""

    size: str
    positions: tuple[int, ...]
    shown: int
    also: str = ""  # what else the words name of it ("pink"), said in the reply

    def reply(self) -> str | None:
        """What to say instead of acting when the size picks no one item; None when it picks one."""
        if len(self.positions) == 1:
            return None
        if not self.positions:
            also = f"{self.also} and " if self.also else ""
            return (f"None of the {self.shown} shown is {also}listed in size {self.size}, so I haven't changed your "
                    f"cart. Say 'size {self.size}' to see what I have in {self.size}.")
        items = ", ".join(str(p) for p in self.positions[:-1]) + f" and {self.positions[-1]}"
        example = _ORDINALS[self.positions[0] - 1] if self.positions[0] <= len(_ORDINALS) else str(self.positions[0])
        every = "both" if len(self.positions) == 2 else "all"
        return f"Items {items} are {every} in size {self.size}: which one? Say e.g. 'the {example} one'."


def size_pick(message: str, products: list[Product], chart: SizeChart) -> SizePick | None:
    """The pick `message` makes by a size among `products` (the screen, in order), or None when it names no size
    their aisles list."""
    said = _THE_SIZE.search(message)
    if not said or not products:
        return None
    wanted: dict[str, str] = {}
    size_said = said["size"] or said["after"]
    for category in dict.fromkeys(p.category for p in products):
        read = chart.read(said[0], category) or chart.read(f"size {size_said}", category) \
            or chart.read(f"{size_said} storage", category)
        if read is not None:
            wanted[category] = read.value
    if not wanted:
        return None
    size = next(iter(wanted.values()))
    positions = tuple(i + 1 for i, p in enumerate(products)
                      if p.category in wanted and fits(p.size, wanted[p.category]))
    return SizePick(size, positions, len(products))
