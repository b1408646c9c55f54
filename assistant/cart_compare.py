"""An item in the cart compared with one on screen: "compare the first pan with the dutch oven in my cart", "how does
the one in my cart compare to the second one here", "is mine better than number 3?".

Why: the cart's words made such a message an add ("Added Lodge ... Frying Pan to your cart"), and the cart changed
when the shopper only asked to compare. The two are set side by side; with nothing in the cart, that is said and
nothing changes.
"""

from __future__ import annotations

import re

_COMPARES = re.compile(r"\bcompar\w*\b|\bvs\.?\b|\bversus\b|\bdifference\b|\bstack up\b|\bbetter than\b|"
                       r"\bworse than\b|\bcheaper than\b|\bpricier than\b|\bmore expensive than\b", re.I)
# The words that name the cart's item, to set apart from those naming the item on screen: "the dutch oven in my
# cart", "the one i added", "mine".
_CART_PART = re.compile(r"\b(?:the\s+)?(?:[\w'-]+\s+){0,3}?(?:in|from)\s+(?:my|the)\s+(?:cart|basket|trolley)\b|"
                        r"\bthe\s+one\s+i\s+(?:added|have|got)\b|\bmine\b", re.I)
# The cart's item said at all: those, or "what i added".
_CART_ITEM = re.compile(_CART_PART.pattern + r"|\bwhat\s+i\s+(?:added|have)\b", re.I)

EMPTY = ("Your cart is empty, so there's nothing in it to compare with. Say 'compare 1 and 2' to compare items on "
         "the list.")
WHICH = "Which item on the list should I compare it with? Say e.g. 'compare it with the second one'."


def asks_cart_compare(message: str) -> bool:
    """Whether the message compares an item in the cart with another one."""
    return bool(_COMPARES.search(message) and _CART_ITEM.search(message))


def cart_words(message: str) -> tuple[str, str]:
    """(the words naming the cart's item, the rest): "the dutch oven in my cart", "compare the first pan with"."""
    found = _CART_PART.search(message)
    if not found:
        return "", message
    return found[0], message[:found.start()] + " " + message[found.end():]
