"""A search asked after a cart edit in the same message: "remove the watch, and show me casio instead",
"add the 2nd and then show me some lamps".

Why: the message is read as its first act (the cart edit, which is what it mainly asks), and the search
after it was lost: the shopper had to ask again. The words after the cart clause are read as a turn of
their own, in the state the cart edit left, and answered in the same reply.
"""

from __future__ import annotations

import re

from assistant import rules

# Where the second request starts: after "and", "then", a comma or a full stop, a request verb.
_FOLLOW = re.compile(
    r"(?:,|\.|;|!|\+|&|\band\b|\bthen\b|\bplus\b)\s*(?:and\s+)?(?:then\s+)?(?:also\s+|now\s+)?"
    r"(?:(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:also\s+|please\s+|pls\s+)?|pls\s+|please\s+|maybe\s+)?"
    r"(?P<rest>(?:show|find|search\s+for|look\s+for|get\s+me|give\s+me|let\s+me\s+see|lemme\s+see|"
    r"i\s+(?:also\s+)?(?:want|need)|what\s+about|how\s+about|recommend|suggest)\b.*)$", re.I)
# What the rest asks that is not a search: the cart, what is left in it, the total ("and show me my cart").
_ABOUT_CART = re.compile(r"\b(?:cart|basket|bag|total|what'?s\s+left|whats\s+left|what\s+is\s+left|"
                         r"what\s+i\s+have|order)\b", re.I)


# "add the first one to my cart and also a candle", "... plus some socks too": a thing named after "also".
_ALSO_THING = re.compile(r"(?:,|\band\b|\bplus\b)\s*(?:also\s+|then\s+)*(?P<rest>(?:a|an|some)\s+[a-z][\w' -]*?)"
                         r"(?:\s+(?:too|as well|also|please|pls))*\W*$|"
                         r"\band\s+also\s+(?P<bare>[a-z][\w' -]*?)(?:\s+(?:too|as well|please|pls))*\W*$", re.I)
# What makes the words after "also" a pick from the list, not a thing: "and also the third one", "and a red one".
_A_PICK = re.compile(r"\b(?:one|ones|first|second|third|fourth|fifth|last|it|them|that|those|these|"
                     r"\d+(?:st|nd|rd|th)?)\b", re.I)


def follow_up_request(message: str) -> str | None:
    """The words of a search asked after the message's cart clause, or None."""
    found = _FOLLOW.search(message)
    also = None if found else _ALSO_THING.search(message)
    if also and rules.ADD_CART.search(message[:also.start()]) and not _A_PICK.search(also["rest"] or also["bare"]):
        return (also["rest"] or also["bare"]).strip()  # the add first, then the thing looked for
    if not found:
        return None
    rest = found["rest"].strip()
    if _ABOUT_CART.search(rest) or rules.REMOVE.search(rest) or rules.ADD_CART.search(rest) \
            or len(rest.split()) < 2:
        return None
    return rest
