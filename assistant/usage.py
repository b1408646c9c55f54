"""A message that says what the product on screen is for: "she mostly writes essays", "it's mostly for browsing".

Why: said during a search, such a sentence names no product; it tells the shop about the person or the use,
and the search on screen stands. Read as a search of its own, its words ground in whatever aisle they sound
like ("he mostly plays games" -> board games, "I mostly use them at the gym" -> gym bags) or in nothing
("Sorry, I don't have 'she mostly writes essays'").
"""

from __future__ import annotations

import re

_LEAD = r"^\W*(?:(?:well|so|ok|okay|um+|hmm+|oh|and|but|also|yeah|yes)\W+)*"
_ADVERB = r"(?:mostly|mainly|mostly just|usually|primarily|just|only|often|also|normally|generally)"
_WHO = r"(?:she|he|they|i|we|it|my\s+\w+|her|his)"
_USE = re.compile(
    _LEAD + r"(?:"
    # "she mostly writes essays", "he'll mainly use it for gaming", "we usually cook for six"
    rf"{_WHO}(?:'s|'re|'ll|'d| is| are| will| would)?\s+(?:{_ADVERB}\s+)+(?!for\b)[a-z]+\b"
    # "it's mostly for browsing and streaming", "they're just for the gym", "mainly for school"
    rf"|(?:(?:it|they|this|these|that)(?:'s|'re| is| are| will be|'ll be)\s+)?{_ADVERB}\s+for\s+\w+"
    # "I'll use it for work", "she would use them at the gym", "we use it every day"
    rf"|{_WHO}(?:'ll| will| would|'d)?\s+(?:{_ADVERB}\s+)?use\s+(?:it|them|one|this|these|that)\b"
    r")", re.I)
# A category word used as a verb: "watches netflix", "watches tv", "watches youtube".
_WATCHES = re.compile(r"\bwatch(?:es|ing)?\s+(?:(?:a\s+lot\s+of|lots\s+of|the)\s+)?"
                      r"(?:netflix|tv|television|movies|films?|shows|youtube|videos?|anime|series|sports|football|"
                      r"news|streams?|twitch|dramas?)\b", re.I)


def describes_use(message: str) -> bool:
    """Whether the message says what the product is for, or what its user does, rather than asking for one."""
    return bool(_USE.search(message))


def without_verb_homonyms(message: str) -> str:
    """The message less a product word said as a verb ("she watches netflix"), for reading which products it names."""
    return _WATCHES.sub(" ", message)
