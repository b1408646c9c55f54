"""Questions about what the cart holds: "what did i add last?", "is the kettle still in there?", "do i still have the
sony in my cart?".

Why: read for their words, "what did i add last?" was an add (of the fifth item on screen), and "is the kettle
still in there?" a search ("Sorry, I don't have 'kettle still'"). Each is answered from the cart, which is shown.
"""

from __future__ import annotations

import re

# "what did i add last?", "what did i just add", "which did u add", "what was the last thing i added", "whats the last
# one i put in"
_LAST_ADDED = re.compile(r"^\W*(?:(?:sorry|wait|hmm|um|ok|okay|so|and)\W+)*(?:"
                         r"(?:what|which(?:\s+one)?)\s+(?:did|have)\s+(?:i|you|u)\s+(?:just\s+)?(?:add|added|put\s+in)"
                         r"(?:\s+(?:last|just now|most recently))?"
                         r"|what(?:'s|s| is| was)\s+the\s+last\s+(?:thing|item|one|product)\s+(?:i|we)\s+"
                         r"(?:added|put\s+in|add(?:ed)?\s+to\s+(?:my|the)\s+(?:cart|basket))"
                         r")\W*$", re.I)
# "is the kettle still in there?", "do i still have the sony in my cart?", "is the rain jacket in my basket?",
# "did the blue one get added?": the words naming the item are group "item".
_IN_CART = re.compile(
    r"^\W*(?:(?:sorry|wait|hmm|um|ok|okay|so|and|just checking|quick q)\W+)*(?:"
    r"(?:is|are)\s+(?P<item>(?:the|my|that|those|these)\s+[\w' -]+?)\s+(?:still\s+)?"
    r"(?:in\s+(?:there|my\s+(?:cart|basket|trolley|bag)|the\s+(?:cart|basket|trolley))|in\s+it)"
    r"|do\s+i\s+(?:still\s+)?have\s+(?P<item2>(?:the|my|that|those|these)\s+[\w' -]+?)\s+(?:in\s+(?:there|my\s+(?:cart|"
    r"basket|trolley|bag)|the\s+(?:cart|basket|trolley))|still)"
    r"|did\s+(?P<item3>(?:the|my|that)\s+[\w' -]+?)\s+(?:get|go)\s+(?:added|in)"
    r")\W*$", re.I)


def asks_last_added(message: str) -> bool:
    """Whether the message, or its last clause ("wait theres 3 black ones, which did u add"), asks what was added
    last."""
    clauses = [c for c in re.split(r"[,;.!]", message) if c.strip()]
    return bool(_LAST_ADDED.match(message) or clauses and _LAST_ADDED.match(clauses[-1]))


def asked_in_cart(message: str) -> str | None:
    """The words naming the item a message asks is in the cart ("the kettle"), or None."""
    found = _IN_CART.match(message)
    if not found:
        return None
    return found["item"] or found["item2"] or found["item3"]


def last_added_sentence(title: str | None) -> str:
    return f"The last thing you added is {title}." if title else "You haven't added anything yet."


def in_cart_sentence(said: str, titles: list[str]) -> str:
    """"Yes, ... is in your cart." for the lines the words name, else a plain no."""
    if not titles:
        return f"No, {said} isn't in your cart."
    return f"Yes, {' and '.join(titles)} {'is' if len(titles) == 1 else 'are'} in your cart."


# "which is the cheapest thing in my cart", "what's the most expensive item in the basket?"
_CART_EXTREME = re.compile(r"^\W*(?:(?:ok|okay|so|and|hmm+)\W+)*(?:which|what)(?:'s|s|\s+is|\s+was|\s+one\s+is)?\s+"
                           r"(?:the\s+)?(?P<end>cheapest|least expensive|lowest priced|most expensive|priciest|dearest)"
                           r"(?:\s+(?:thing|item|one|product))?\s+(?:in|on)\s+(?:my|the)\s+(?:cart|basket|trolley|bag)"
                           r"(?:\s+(?:now|so far))?\W*$", re.I)


def asks_cart_extreme(message: str) -> str | None:
    """"cheapest" or "dearest" when the message asks which cart line is that ("which is the cheapest thing in my
    cart"), else None: answered from the cart; read for its words it was an add of the cheapest item on screen."""
    found = _CART_EXTREME.match(message)
    if not found:
        return None
    return "cheapest" if found["end"].lower() in ("cheapest", "least expensive", "lowest priced") else "dearest"


def cart_extreme_sentence(end: str, title: str | None, price: str) -> str:
    if title is None:
        return "Your cart is empty."
    which = "cheapest" if end == "cheapest" else "most expensive"
    return f"The {which} thing in your cart is {title}, at {price} each."
