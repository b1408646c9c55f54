"""Thai words Thai shoppers mix into English chat ("have black colour mai krub?", "mai ao Apple", "ao an nee,
number 2", "pairng! want took kwa", "the 4th tao rai?", "mee eek"), said in English.

Why: Thai shoppers write second-language English and keep Thai glue: the polite particles ("krub", "ka", "na"),
the question "mai" at a clause's end ("waterproof mai?": is it waterproof), "mai" before a word as not ("mai ao":
don't want, "mai suay": not pretty), "ao" (take: "ao 2" adds the second), "mee ... mai" (do you have), "pairng"
(expensive), "took kwa" (cheaper), "tao rai" (how much), "eek" (more) and "555" (laughing). Unread, "ao 1" was out
of scope, "mai ao Apple" asked for Apple and "number 3 waterproof mai" was a new search.
"""

from __future__ import annotations

from assistant.glue import Glue

_PARTICLE = r"(?:\s+(?:krub|krab|khrap|khrub|kub|ka|kha|na|ja|jaa|nha|nae|laew))*"
_PHRASES: tuple[tuple[str, str], ...] = (
    # "555" (ha ha ha) is laughing, said first or last in a clause: not a price after a price word, nor a model
    # number ("the casio 555 model")
    (r"(?<!under )(?<!over )(?<!below )(?<!above )(?<!than )(?<!and )(?<!to )(?<!\$)\b5{3,}\+*"
     r"(?=\s*(?:[.!?,]|$)|\s+(?:ok|sorry|lol|na|krub|ka|kha|jaa?)\b)", ""),
    (r"sawa?sdee\b", "hello"), (r"khob\s*khun(?:\s+mak)?\b", "thank you"), (r"mai\s+pen\s+rai\b", "never mind"),
    (r"(next|more)\s+(?:na|ka|krub|kha)\b(?=\W*$)", r"\1"), (r"tao\s*rai\b", "how much is it"),
    (r"(?:mee|have)\s+eek\b", "any more"), (r"eek\s+mai\b", "any more"),
    # "ao an nee", "ao an raek", "ao tang song an", "ao 2", "ao number 3", "ao first one": take, so add
    (r"ao\s+an\s+nee\b", "add this one"), (r"ao\s+an\s+raek\b", "add the first one"),
    (r"ao\s+(?:tang\s+)?song\s+an\b", "add both"),
    (r"ao\s+(?:an\s+)?(?=(?:number\s+|no\.?\s*|#)?\d\b|first|second|third|fourth|fifth|last|both|it\b|this|that|the\b)",
     "add "),
    (r"(?<=\d)\s+kub\s+(?=\d)", " and "),                                    # "ao 1 kub 3": 1 and 3
    # "mai ao over 120", "mai ao skinny", "mai ao Apple": not over, no skinny, no Apple
    (r"mai\s+ao\s+(?=over|more|above|more\s+than)", "not "), (r"mai\s+ao\b", "no"),
    (r"mai\s+(suay|chob|dee|took|ow)\b", r"not \1"),
    (rf"(?:mee|have)\s+(?-i:mai){_PARTICLE}\b(?:\s*\?)?", "available?"),        # "white colour have mai"
    (rf"(?:mee|have)\s+((?:[\w&'$-]+\s+){{0,5}}?[\w&'$-]+)\s+(?-i:mai){_PARTICLE}\b(?:\s*\?)?",
     r"do you have \1?"),
    (rf"\s*(?-i:mai){_PARTICLE}\s*(?=\?)", ""),                                # "waterproof mai?": is it waterproof
    (rf"(?-i:mai){_PARTICLE}\s*(?=[.!,]|$|\s+and\b|\s+I\b)", "?"),
    (r"took\s+kwa(?:\s+nee)?\b", "cheaper"), (r"pairng\s+(?:mak|maak|ja)?!*", "too expensive "),
    (r"(?:suay\s+)+(?:kwa)\b", "prettier"),
)
_WORDS: dict[str, str] = {
    "krub": "", "krab": "", "khrap": "", "khrub": "", "kha": "", "pairng": "expensive", "suay": "pretty",
    "laew": "", "nong": "younger sibling", "mak": "", "maak": "",
}
# English words too, or shared with other languages' glue ("na", "ka", "ja"): read once something Thai was.
_WEAK_WORDS: dict[str, str] = {"ka": "", "na": "", "ja": "", "kub": "", "nee": "this", "kwa": "er", "ao": "want",
                               "eek": "more", "took": "cheap"}

THAI = Glue(_PHRASES, _WORDS, _WEAK_WORDS)
