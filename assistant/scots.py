"""Scots Glasgow shoppers type as they speak ("nae Beats tho, cannae staun them", "gies somethin cheaper", "any mair?",
"the 3rd in ma basket", "tell us aboot the 2nd", "dae yous dae gift wrappin?"), said in English.

Why: Scots keeps English product words but its own small words: "nae" (no, not), "naw" (no), "aye" (yes),
"cannae"/"dinnae" (can't, don't), "ma" (my), "fur" (for), "tae" (to), "oot"/"aboot" (out, about), "whit" (what),
"wan"/"anes" (one, ones), "mair" (more), "baith" (both), "gies" (give me), "dae" (do), "yous"/"ye" (you), "pure
dear" (far too expensive). Unread, "nae Beats" asked for Beats, "any mair?" was a thing the shop lacks and "tell us
aboot the 2nd" was out of scope.
"""

from __future__ import annotations

from assistant.glue import Glue

_PHRASES: tuple[tuple[str, str], ...] = (
    # "the first wan", "2nd wan", "the cheaper wan": one (not Pidgin's "my boys wan play": want)
    (r"((?:the|a|first|second|third|fourth|fifth|last|\d(?:st|nd|rd|th)|which|that|this|each|cheaper|dearer|other|"
     r"big|wee|black|white|red|blue|green|pink|grey|navy|livin\s+room)\s+)wan(s|'s)?\b", r"\1one\2"),
    (r"aw\s+naw\b", "oh no"), (r"fur\s+ma\b", "for my"), (r"ma\s+(?=basket|cart|trolley|bag)\b", "my "),
    (r"pure\s+dear\b", "too expensive"), (r"(?:awfy|gey|dead)\s+dear\b", "too expensive"),
    (r"haud\s+on\b", "hold on"), (r"nae\s+bother\b", "no problem"), (r"an\s+aw\b", "too"),
    (r"the\s+day\b(?=\s*[?.!,]|\s*$)", "today"),
    (r"dae\s+(?:ye|yous|youse|you)\s+(sell|have|dae|do|stock)\b", r"do you \1"), (r"dae\s+yous\b", "do you"),
    (r"(?:have|hae)\s+(?:yous|youse|ye)\s+got\b", "have you got"),
    (r"if\s+(?:ye|yous)\s+(have|hae|can)\b", r"if you \1"),
    (r"(?:ye'?ve|yous'?ve)\s+got\b", "you've got"),
    (r"tell\s+us\s+aboot\b", "tell me about"), (r"(?:fa|fall)\s+oot\b", "fall out"),
    (r"(?:the\s+)?wee\s+yin\b", "the little one"), (r"ah'?ve\b", "I've"), (r"ah'?m\b", "I'm"),
)
_WORDS: dict[str, str] = {
    "nae": "no", "naw": "no", "naethin": "nothing", "cannae": "can't", "canny": "can't",
    "dinnae": "don't", "didnae": "didn't", "wouldnae": "wouldn't", "isnae": "isn't", "urnae": "aren't",
    "wasnae": "wasn't", "havnae": "haven't", "havenae": "haven't", "aye": "yes", "yous": "you", "youse": "you",
    "yer": "your", "masel": "myself", "tae": "to", "oot": "out", "aboot": "about", "whit": "what", "whits": "what's",
    "anes": "ones", "mair": "more", "noo": "now", "baith": "both",
    "gies": "give me", "gie's": "give me", "gonnae": "going to", "awright": "hi", "och": "", "ach": "",
    "hoose": "house", "weans": "children", "wean": "child", "fitba": "football", "jaicket": "jacket",
    "nane": "none", "daein": "doing", "staun": "stand", "lugs": "ears",
}
# English or other languages' words too ("ma", "fur", "o", "an", "aw", "ye", "dae", "da", "maw", "wee"): read once
# something Scots was.
_WEAK_WORDS: dict[str, str] = {"ma": "my", "fur": "for", "o": "of", "an": "and", "aw": "all", "ye": "you",
                               "dae": "do", "da": "dad", "maw": "mum", "wee": "small", "tho": "though"}

SCOTS = Glue(_PHRASES, _WORDS, _WEAK_WORDS)
