"""Emoji said in words: "❌ nike ❌ adidas" rules two brands out, "need new 👟 for the gym" asks for sneakers, and
"candles that smell good 🕯️✨" asks for candles, not for sparkles.

Why: a shopper texting from a phone puts emoji where words go, or after them for feeling. The parsers read
words: a cross or a shoe they never saw is noise at best, and a decoration after the last word keeps patterns
that read a message to its end from matching. The few emoji that stand for a word of the shop's own are said as
that word; every other pictograph is dropped.
"""

from __future__ import annotations

import re

# Emoji that stand for a word: a "no", an "ok", or a kind of product the shop's aisles name.
SAID = {
    "\u274c": "no", "\U0001f6ab": "no", "\u26d4": "no", "\u2716": "no", "\U0001f645": "no",
    "\U0001f44d": "ok", "\U0001f44c": "ok", "\u2705": "ok", "\u2714": "ok",
    "\U0001f45f": "sneakers", "\U0001f3a7": "headphones", "\u231a": "watch",
    "\U0001f4f1": "phone", "\U0001f4bb": "laptop", "\U0001f392": "backpack", "\U0001f457": "dress",
    "\U0001f456": "jeans", "\U0001f455": "t-shirt", "\U0001f9e5": "jacket", "\U0001f9f8": "toy",
    "\U0001f484": "lipstick", "\U0001f56f": "candle", "\U0001f373": "pan", "\u2615": "coffee",
}
_SIGNS = frozenset({"no", "ok"})
# Pictographs, dingbats, flags, skin tones and the joiners between them (not letters, digits or currency).
_PICTOGRAPH = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\ufe0f\u200d"
                         "\U0001f1e6-\U0001f1ff]+")


def in_words(text: str) -> str:
    """The text with each emoji of `SAID` as its word and every other pictograph dropped (spaces kept tidy)."""
    if not _PICTOGRAPH.search(text):
        return text

    low = text.lower()

    def say(m: re.Match) -> str:  # a word the text already says is not said twice ("candles 🕯️")
        said = [SAID[ch] for ch in m[0]
                if ch in SAID and (SAID[ch] in _SIGNS or not re.search(rf"\b{SAID[ch]}", low))]
        return f" {' '.join(dict.fromkeys(said))} " if said else " "

    return " ".join(_PICTOGRAPH.sub(say, text).split())
