"""Romanised Bangla Dhaka shoppers mix into English chat ("running shoe ache?", "100 dollar er moddhe", "aro kom dam
er kisu nai?", "Zara chara", "Casio gula bad dao", "ditio ta cart e add koro", "prothom ar sesh er ta compare koro"),
said in English.

Why: Bangladeshi shoppers keep product words, brands and prices in English and put Bangla glue after them, as its
word order does: "ache?" / "pawa jay?" (is there), "N er moddhe" / "N er niche" (within, under N), "N er upore" (over
N), "N theke M" (from N to M), "kom dam" (cheaper), "chara" (without), "bad dao" (leave out, remove), "dekhao"
(show), "lagbe" / "chai" (need, want), the ordinals ("prothom", "ditio", "sesh") and "ta" (the one), "cart e add
koro" (add to the cart). Unread, "100 dollar er moddhe" set no price, "Zara chara" asked for Zara and "ditio ta cart
e add koro" was a thing the shop lacks.
"""

from __future__ import annotations

from assistant.glue import Glue

_N = r"(\$?\d+(?:\.\d+)?k?)"
_COUNT = {"ek": "1", "dui": "2", "tin": "3", "char": "4", "pach": "5"}
_NTH = {"prothom": "first", "ditio": "second", "ditiyo": "second", "dwitiyo": "second", "tritio": "third",
        "tritiyo": "third", "choturtho": "fourth", "ponchom": "fifth", "pancham": "fifth", "sesh": "last"}
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\b(\d)\s+(?:r|ar|and|&)\s+(\d)\s+(?:number\s+)?er\s+moddhe\b", r"between \1 and \2"),   # two items
    (rf"{_N}\s+theke\s+{_N}(?:\s+(?:dollar|taka|tk))?(?:\s+er)?(?:\s+moddhe)?", r"between \1 and \2"),
    (rf"{_N}(?:\s+(?:dollar|taka|tk))?\s+er\s+(?:moddhe|niche|bhitore|vitore)", r"under \1"),
    (rf"{_N}(?:\s+(?:dollar|taka|tk))?\s+er\s+upore\s+jeno\s+na\s+hoy", r"under \1"),
    (rf"{_N}(?:\s+(?:dollar|taka|tk))?\s+er\s+upore", r"over \1"),
    (rf"{_N}(?:\s+(?:dollar|taka|tk))?\s+er\s+(?=nice|valo|kisu|kichu|moto)", r"under \1 "),
    # "aro kom dam er kisu nai?", "kom dam er nai?": anything cheaper
    (r"(?:aro\s+)?kom\s+dam(?:\s+er)?(?:\s+(?:kisu|kichu))?(?:\s+(?:nai|nei|ache))?", "cheaper"),
    (r"dam\s+(?:ektu\s+)?besi", "too expensive"), (r"besi\s+dam", "too expensive"), (r"dam\s+koto", "how much"),
    (r"brand\s+jai\s+hok", "any brand"), (r"brand\s+matter\s+kore\s+na", "brand doesn't matter"),
    (r"na\s+thak", "never mind"), (r"thik\s+ache", "ok"),
    (r"([\w'&-]+(?:\s+[\w'&-]+)?)\s+(?:gula\s+)?chara\b", r"no \1"),     # "Zara chara": without Zara
    (r"([\w'&-]+(?:\s+[\w'&-]+)?)\s+gula\s+(?:bad|baad)\s+dao", r"no \1"),  # "Casio gula bad dao": not the Casios
    (r"onno\s+brand", "other brands"),
    (r"(?:cart|basket)\s+e\s+(?:add\s+koro|rakho|dao|add\s+kore\s+dao)", "add to cart"),
    (r"prothom\s+dui(?:\s+ta)?\b", "the first two"),
    *((rf"{word}\s+number(?:\s+ta)?(?:\s+tai)?\b(?!\s*\d)", f"number {n}") for word, n in _COUNT.items()),
    (r"(\d)\s+number\s+tar\b", r"number \1's"), (r"(\d)\s+number\s+ta\b", r"number \1"),
    (r"(\d(?:st|nd|rd|th)?)\s+ta\b", r"the \1"),
    (r"(?:amar\s+)?(?:cart|basket)\s+e\s+ki(?:\s+ki)?\s+(?:ache|hoilo|hoise|holo)\b", "what's in my cart"),
    (r"(?:kono\s+)?(?:tai\s+|ta\s+)?pochondo\s+(?:hoy\s+)?(?:nai|na|hoyni)\b", "nothing I like"),
    (r"nil\s+(?=colou?r|rong)", "blue "),
    *((rf"{word}(?:\s+er)?\s+ta\b", f"the {english} one") for word, english in _NTH.items()),
    *((rf"{word}\b", english) for word, english in _NTH.items()),
    (r"(?:bad|baad)\s+dao", "remove"), (r"compare\s+koro(?:\s+to)?", "compare"),
    (r"(?:pawa\s+jay|pawa\s+jabe|ache\s+ki)\s*\??", "available?"), (r"(?<=\w)\s+ache\s*(?:\?+|$)", " available?"),
    (r"apnader\s+(?:kase|kache)\b", "do you have"), (r"rakhar\s+moto", "to hold"),
    (r"kalo\s+(?=colou?r|rong|ta\b|gula)", "black "), (r"sada\s+(?=colou?r|rong|ta\b|gula|e\b|[A-Z])", "white "),
    (r"(?:colou?r|rong)\s+e\b", "colour"), (r"hole\s+(?:best|valo)\b", "would be best"),
    # "electric kettle chai", "jeans chai W32": want, said last (not the tea: "red label chai patti", "masala chai")
    (r"(?<=\w)(?<!tea)(?<!masala)(?<!ginger)(?<!adrak)(?<!elaichi)(?<!green)(?<!iced)(?<!karak)(?<!cutting)(?<!tulsi)"
     r"\s+chai\b(?=\s*(?:[,.!?]|$)|\s+\S*\d)", " wanted"),
)
_WORDS: dict[str, str] = {
    "dekhao": "show", "lagbe": "need", "kisu": "something", "kichu": "something", "ekta": "a", "jonno": "for",
    "valo": "good", "bhai": "", "vai": "", "apu": "", "dhonnobad": "thanks", "dhonyobad": "thanks", "accha": "ok",
    "tahole": "then", "aro": "more", "onno": "other", "gula": "", "moddhe": "within",
    "koto": "how much",
    "nai": "none", "nei": "none", "lal": "red", "golapi": "pink", "sobuj": "green", "holud": "yellow", "jeno": "",
    "koro": "", "rakho": "put", "nibo": "I'll take", "nilam": "I'll take", "nebo": "I'll take", "bhalo": "good",
    "dekhbo": "want to see", "sonali": "gold", "sudhu": "only",
}
# English or other languages' words too ("ar", "ta", "er", "na", "e", "moto", "sada"): read once something Bangla was.
_WEAK_WORDS: dict[str, str] = {"ar": "and", "ta": "", "er": "", "na": "not", "e": "", "moto": "like", "sada": "white",
                               "to": "to", "hoy": "", "porar": "studying", "o": "too", "kor": "", "ki": "what",
                               "niche": "under", "bolo": "tell me", "amar": "my"}

BANGLA = Glue(_PHRASES, _WORDS, _WEAK_WORDS)
