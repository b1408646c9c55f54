"""A list asked for again: "repeat that please", "say that again", "read the list again", "what were they again?".

Why: read for its words, "repeat that please" searched the shop for "repeat" and showed sneakers, so a shopper who
listens to the replies (a screen reader, a voice assistant) lost the list they were choosing from. The list on
screen is said again as it is, numbered as before; nothing is searched and nothing changes.
"""

from __future__ import annotations

import re

from assistant.reply import product_lines

_AGAIN = re.compile(
    r"^\W*(?:(?:sorry|pardon|ok|okay|um+|hmm+|can you|could you|would you|please|pls)\W+)*"
    r"(?:repeat(?:\s+(?:that|it|the\s+(?:list|options|results|last\s+(?:one|bit|list))|those|them))?"
    r"|say\s+(?:that|it|them|those)\s+again|come\s+again"
    r"|read\s+(?:me\s+)?(?:that|it|them|those|the\s+(?:list|options|results))(?:\s+(?:out|back))?\s+again"
    r"|read\s+(?:me\s+)?(?:the\s+)?(?:list|options|results)(?:\s+(?:out|back))?"
    r"|what\s+were\s+(?:they|those|the\s+(?:options|results))(?:\s+again)?"
    r"|(?:go\s+)?(?:through|over)\s+(?:the\s+)?(?:list|options)\s+again)"
    r"(?:\s+(?:please|pls|plz|again|slowly|for me|thanks))*\W*$", re.I)


def asks_again(message: str) -> bool:
    """Whether the message only asks to hear the list on screen again."""
    return bool(_AGAIN.match(message))


def again_text(shown: int) -> str:
    """The list on screen said again, numbered as it was shown, with placeholders."""
    return "Here is the list again:\n" + product_lines(shown)
