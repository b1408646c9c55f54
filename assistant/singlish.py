"""Singlish Singaporean shoppers write ("dyson air purifier got or not", "u all sell durian anot?", "below 400 can
or not", "dun want distressed one", "chope the second n the last one", "no nike lor"), said in English.

Why: Singlish asks with "got ... or not" / "anot" / "can?" where English says "do you have" or "is it", says
"dun" for don't and "chope" for reserve (so add), and ends clauses with particles ("lah", "leh", "lor", "meh",
"sia", "ah") the parsers take for words. Unread, "white colour got?" was a new search, "chope the second"
out of scope and "dun show me apple ah" showed Apple.
"""

from __future__ import annotations

from assistant.glue import Glue

_PARTICLE = r"(?:\s*,?\s+(?:lah|la|leh|lor|loh|meh|sia|hor|liao|one|ah))*"
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:u|you)\s+all\s+(?:got\s+)?sell\b", "you sell"), (r"(?:u|you)\s+all\s+got\b", "do you have"),
    (r"(?:u|you)\s+all\b", "you"),
    # "got sell cat food?", "u all sell durian anot?": do you sell
    (r"(?:got\s+sell|you\s+got\s+sell|you\s+sell)\s+(.+?)\s+(?:or\s+not|anot)\b\s*\??", r"do you sell \1?"),
    (r"got\s+sell\b", "do you sell"),
    # "got navy one or not", "got air purifier?": do you have
    (rf"got\s+(?!to\b|a\s+lot|one\s+already|already|any|some|an?\b|the\b|it\b|them\b|more\b)((?:[\w&'$-]+\s+){{0,5}}?[\w&'$-]+)"
     rf"{_PARTICLE}\s+(?:or\s+not|anot)\b\s*\??", r"do you have \1?"),
    # "got air purifier?", "then got toys for kids?": a clause asking with "got"
    (r"((?:^|[.,!?]\s*|(?:then|and|so|ok|hi|eh|oi|hello)\s+))got\s+(?!to\b|a\s+lot|one\s+already|already|any|some|an?\b|the\b|it\b|them\b|more\b)"
     r"(?=[^.?!]*\?)", r"\1do you have "),
    # "dyson air purifier got or not", "white colour got?", "below 400 got or not": is there any
    (rf"(?<=\w)(?<!\bi)(?<!\bu)(?<!\bwe)(?<!\byou)(?<!\bthey)(?<!have)(?<!'ve)(?<!\bwhat)\s+got{_PARTICLE}"
     r"(?:\s*(?:or\s+not|anot)\b\s*\?*|\s*\?+)", " available?"),       # asked: not "look what my son got!"
    # "the 3rd one can boil fast anot?", "below 1200 can?", "under 300 can or not": a question
    (rf"(?<=\w)\s+(?:or\s+not|anot)\b{_PARTICLE}\s*\?*", "?"),
    (rf"(?<=\w)(?<!\bi)(?<!\bu)(?<!\bwe)(?<!\byou)(?<!\bthey)\s+can{_PARTICLE}\s*(?:or\s+not\s*\?*|\?+)", "?"),
    (r"dun\b", "don't"), (r"chope\b", "add"), (r"buay\s+tahan\b", "too much"), (r"so\s+ex\b", "so expensive"),
    (r"too\s+ex\b", "too expensive"), (r"(?:i|we)\s+go\s+think\s+(?:first|about\s+it|1st)\b", "I'll think about it"),
    (r"wah\s+(?=so\b|lau\b|piang\b|seh\b)", "wow "),
)
_WORDS: dict[str, str] = {
    "lah": "", "leh": "", "lor": "", "meh": "", "liao": "", "anot": "?", "alamak": "oh no",
    "aiya": "oh", "aiyo": "oh", "aiyoh": "oh", "paiseh": "sorry", "shiok": "great", "kena": "got",
    "walao": "wow", "wah lau": "wow", "chope": "add",
}
# English words or names too ("la", "ah", "sia", "sian", "hor"): read once something Singlish was.
_WEAK_WORDS: dict[str, str] = {"la": "", "ah": "", "ex": "expensive", "sia": "", "sian": "", "hor": ""}

SINGLISH = Glue(_PHRASES, _WORDS, _WEAK_WORDS)
