""""Something to carry it in": a bag for the thing the shopper just chose, said in the catalog's words.

No product title says "something to carry it in", so neither the rules nor the embedding search find
the bag aisle from those words; a bag named for the thing ("a laptop bag") does, on any catalog whose
titles say what their bags are for. "It" is the product last added to the cart, else the one in focus.
"""

from __future__ import annotations

import re

from assistant.types import DialogueState, Product
from assistant.vocab import singular

# "something to carry it in", "anything to keep them in", "something to carry her laptop around campus"
# (the rest of the sentence stays: "a laptop bag around campus").
_CARRY = re.compile(r"\b(?:something|anything|smth|sth|a thing|somethin|one)\s+(?:i can use\s+)?to\s+"
                    r"(?:(?:carry|transport|lug|pack)\s+(?:(?:it|them|this|that|these|those)|"
                    r"(?:my|his|her|their|our)\s+([a-z][a-z-]+))(?:\s+in)?|"
                    # keeping or putting it is containment only with "in": not "something to keep my tea hot"
                    r"(?:keep|put|store)\s+(?:(?:it|them|this|that|these|those)|"
                    r"(?:my|his|her|their|our)\s+([a-z][a-z-]+))\s+in)\b", re.I)


def carry_in(message: str, state: DialogueState, product_of) -> tuple[str, str | None]:
    """The message with "something to carry it in" said as "a <thing> bag", and a note for the trace (None
    when nothing was rewritten). `product_of(product_id) -> Product | None` looks the cart's products up."""
    found = _CARRY.search(message)
    if not found:
        return message, None
    thing = found[1] or found[2] or _thing(state, product_of)
    if not thing:
        return message, None
    said = f"a {thing} bag"
    return message[:found.start()] + said + message[found.end():], f"{found[0]!r} -> {said!r}"


def _thing(state: DialogueState, product_of) -> str | None:
    """What "it" is: the category of the product last added, else of the one in focus ("laptops" -> laptop)."""
    for pid in (state.last_added, state.focus):
        product: Product | None = product_of(pid) if pid else None
        if product is not None and product.category:
            return singular(product.category.split()[-1].lower())
    return None
