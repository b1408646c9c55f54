"""A step in style over the list on screen: "something a bit more dressy", "anything sportier?", "more casual".

Said while looking at watches, "dressy" is no request for dresses and "formal" or "elegant" is no product of its
own; read word by word they became a search for dresses, or "Sorry, I don't have 'elegant'" over a random list.
Such a message refines the search on screen: the kind, budget and filters stay, and the style word joins the
words the search ranks by, so listings that say it (or mean it, to the embedding) come first.
"""

from __future__ import annotations

import re

# The style asked for, by its comparative or plain form; "fancier", "nicer", "more premium" are a step up in
# price (`assistant.reading`), and "lighter", "bigger" are sizes (`assistant.sizes`), so neither is here.
_STYLES = {
    "dressy": "dressy", "dressier": "dressy", "formal": "formal", "elegant": "elegant", "classy": "classy",
    "classier": "classy", "smart": "smart", "smarter": "smart", "sporty": "sporty", "sportier": "sporty",
    "athletic": "athletic", "casual": "casual", "chic": "chic", "stylish": "stylish", "trendy": "trendy",
    "trendier": "trendy", "modern": "modern", "minimal": "minimalist", "minimalist": "minimalist",
    "rugged": "rugged", "cute": "cute", "cuter": "cute", "fun": "fun", "funky": "funky", "funkier": "funky",
    "colourful": "colourful", "colorful": "colourful", "bold": "bold", "bolder": "bold", "subtle": "subtle",
    "understated": "understated", "professional": "professional", "retro": "retro", "vintage": "vintage",
    "cosy": "cosy", "cozy": "cosy", "cosier": "cosy", "cozier": "cosy", "girly": "girly", "feminine": "feminine",
    "outdoorsy": "outdoor", "durable": "durable", "sturdier": "sturdy", "sturdy": "sturdy", "tougher": "durable",
}
_WORD = "|".join(sorted(_STYLES, key=len, reverse=True))
# "something a bit more dressy", "anything sportier?", "a more casual one", "got any more elegant ones",
# "hmm none of these, somethin more sporty", "these are too plain, something bolder".
_STEP = re.compile(rf"(?:\b(?:more|bit|little|lot)\s+|\b(?:something|anything|smth|sth|somethin|one|ones|any)\s+"
                   rf"(?:(?:a\s+)?(?:bit|little|lot|tad)\s+)?(?:more\s+)?)(?P<style>{_WORD})\b"
                   rf"(?!\s+(?:dress|dresses|shoes?|shirt|watch|jacket|bag|backpack|top)\b)|"
                   rf"^\W*(?:(?:hmm+|ok(?:ay)?|no|nah|actually|maybe)\W+)*(?:(?:a\s+)?(?:bit|little)\s+)?"
                   rf"(?P<alone>{_WORD})(?:\s+(?:ones?|please|pls|maybe|instead|then))*\W*$", re.I)


def style_step(message: str) -> str | None:
    """The style word a message asks the list on screen to lean to, or None."""
    found = _STEP.search(message)
    if found is None:
        return None
    return _STYLES[(found["style"] or found["alone"]).casefold()]
