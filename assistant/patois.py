"""Jamaican and Caribbean Creole shoppers mix into English chat ("mi waan Levi's jeans", "yuh sell curry powda?",
"nuttin ova 90", "tek out di Garmin", "wah inna mi cart?", "mi wi tink bout it, tanks"), said in English.

Why: Caribbean shoppers keep product words in English and write the glue as it is said: "mi" (I, me, my), "yuh"
and "unu" (you), "di" (the), "dem" (them, a plural), "nuh" (no, not), "fi" (for, to), "inna" (in), "tek" (take),
"wah" (what), "nuttin ova" (nothing over, so under), "dan" (than). Unread, "nuttin more dan 700" set no price,
"tek out di Garmin" changed the search and "wah inna mi cart?" was out of scope.
"""

from __future__ import annotations

from assistant.glue import Glue

_PHRASES: tuple[tuple[str, str], ...] = (
    (r"wha\s+gwaan\b", "hi"), (r"wah\s+gwaan\b", "hi"), (r"bless\s+up\b", "thanks"), (r"nuh\s+bodda\b", "never mind"),
    (r"(?:good\s+)?mawnin\b", "good morning"),
    # "nuttin ova 90", "nuttin more dan 700", "nutten above 40": nothing over, so under
    (r"nu(?:tt|t)(?:in|en)\s+(?:ova|over|more\s+dan|more\s+than|above)\s+(?=\$?\s*\d)", "under "),
    (r"(?:mi|me)\s+cyaan\s+spend\s+more\s+(?:dan|than)\s+(?=\$?\s*\d)", "under "),
    (r"((?:^|[.,!?]\s*))(?:yuh|unu)\s+(have|got|sell|carry)\b", r"\1do you \2"),
    (r"(?:wah|wha)\s+(?:mi|me)\s+fi\s+do\b", "what should I do"), (r"(?:mi|me)\s+nuh\s+(?=\w)", "I don't "),
    (r"(?:mi|me)\s+a\s+(?:look|search|hunt)\s+(?:a|fi|for)\b", "I am looking for a"),
    (r"(?:mi|me)\s+a\s+go\b", "I am going"), (r"(?:mi|me)\s+(?:wi|will)\s+tink\b", "I will think"),
    (r"(?:mi|me)\s+tek\b", "I will take"),
    (r"tek\s+out\b", "remove"), (r"tek\s+((?:\S+\s+){0,3}?)out\b", r"remove \1"),
    (r"(?:wah|wha)\s+inna\b", "what's in"), (r"(?:wah|wha)\s+bout\b", "what about"),
    (r"(?:a\s+)?(?:wah|wha)\s+di\s+(?:price|cost)\b", "what's the price"), (r"(?:wah|wha)\s+di\b", "what's the"),
    (r"a\s+how\s+much\b", "how much"),
    (r"(?:wah|wha)\s+(?=yuh|mi|dem|it|dis|dat|unu)", "what "),
    (r"(show|tell|give|help|sen|send|get|mek|let)\s+mi\b", r"\1 me"),
    (r"(?:fi|for|to)\s+mi\b(?=\s*[,.!?]|\s*$)", "for me"),
    (r"mi\s+(?=waan|want|need|have|nuh|cyaan|can|wi|will|hear|like|did|shud|should|owe|jus|just|mek|try|go|"
     r"tink|think|buy|ave|did|get|love|a\b)", "I "),
    (r"di\s+(?=\d+(?:st|nd|rd|th)\b|first|firs\b|second|third|fourth|fifth|last|las\b|cart|basket|ones?\b)", "the "),
    (r"dat(?=\s+one|\s+come|'s)", "that"), (r"\s*,?\s*nuh(?=\s*[?.!]|\s*$)", ""),
    (r"(?:inna|ina)\s+(?:di|the)\b", "in the"), (r"di\s+las\b", "the last"), (r"di\s+firs\b", "the first"),
    (r"fi\s+mek\b", "to make"), (r"bun\s+out\b", "broke"),
    (r"(?<!-)(?<!sci )(?<!hi )(?<!wi )fi\s+(?=\w)", "for "),  # "fi church"; not "sci fi", "wi-fi"
    (r"(?:numba|nomba)\b", "number"), (r"one\s+dem\b", "ones"), (r"(?:yute|pickney)\s+dem\b", "kids"),
)
_WORDS: dict[str, str] = {
    "waan": "want", "yuh": "you", "unu": "you", "nuttin": "nothing", "nutten": "nothing", "inna": "in",
    "tek": "take", "likkle": "little", "pickney": "children", "yute": "child", "madda": "mother", "fada": "father",
    "sista": "sister", "breda": "brother", "cyaan": "can't", "tink": "think", "sumting": "something",
    "sumn": "something",
    "lata": "later", "mawnin": "morning", "powda": "powder", "weddin": "wedding", "numba": "number", "irie": "great",
    "gwaan": "go on", "seh": "say", "bwoy": "boy", "gyal": "girl", "nuh": "no",
}
# English or other languages' words too ("di", "dem", "dat", "mi", "den", "tanks", "an"): read once
# something Creole was.
_WEAK_WORDS: dict[str, str] = {
    "mi": "my", "di": "the", "dem": "them", "dat": "that", "dis": "this", "deh": "",
    "den": "then", "tanks": "thanks", "dan": "than", "ova": "over", "wah": "what", "jus": "just", "mek": "make",
    "firs": "first", "las": "last", "an": "and", "bout": "about", "har": "her", "ol": "old", "wi": "will",
}

PATOIS = Glue(_PHRASES, _WORDS, _WEAK_WORDS)
