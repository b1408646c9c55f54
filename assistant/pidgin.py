"""Nigerian Pidgin shoppers mix into English chat ("abeg show me cheaper ones", "make e no pass $400", "una get
Adidas?", "comot the kettle from my cart", "wetin dey my cart?", "oya add am"), said in English.

Why: Nigerian shoppers write English with Pidgin glue: the polite "abeg", "una get X" (do you have X), "X dey?"
(is there X), "make e no pass $90" (no more than $90), "comot" (take out), "wetin" (what), "add am" (add it),
"e don do" (that will do). Unread, "make e no pass $400" set no price, "comot the second one" was out of scope,
and "oya add am, e don do" a search.
"""

from __future__ import annotations

from assistant.glue import Glue

_N = r"(\$?\s*\d+(?:\.\d+)?k?)"
_PHRASES: tuple[tuple[str, str], ...] = (
    # "make e no pass $90", "e no pass 400", "no go pass 700": up to that price
    (rf"(?:make\s+(?:e|it|am)\s+)?(?:e\s+)?no\s+(?:go\s+|fit\s+)?(?:pass|cost\s+pass|reach|cross)\s+{_N}",
     r"under \1"),
    (rf"make\s+(?:e|it)\s+(?:be|reach)\s+(?:at\s+least|from|above)\s+{_N}", r"at least \1"),
    (r"make\s+(?:e|it)\s+(?:be|reach)\s+", ""),
    (r"una\s+(?:get|don\s+get|still\s+get|dey\s+sell|sell)\b", "do you have"),
    (r"wetin\s+dey\b", "what is in"), (r"wetin\s+be\b", "what is"), (r"wey\s+dey\b", "that"),
    (r"make\s+(?:i|we)\b", "let me"), (r"(una|you|i|we|e|it|dem)\s+no\s+fit\b", r"\1 can't"),
    (r"no\s+be\s+problem\b", "is no problem"),
    (r"no\s+be\s+tokunbo\b", "brand new"), (r"tokunbo\b", "used"),
    (r"no\s+be\b", "is not"), (r"(?:go\s+)?last\s+pass\b", "lasts longer"), (r"well\s+well\b", "a lot"),
    (r"quick\s+quick\b", "quickly"), (r"(buy|for|give)\s+(?-i:am)\b", r"\1 them"),
    (r"(?:e|it)\s+don\s+do\b", "that's fine"), (r"no\s+wahala\b", "no problem"),
    (r"how\s+far(?=\s*[!,]|\s*$)", "hello"),
    (r"(?:i|we)\s+dey\s+(?:find|look\s+for|search\s+for)\b", "I am looking for"),
    (r"(?:i|we)\s+(?:wan|wan\s+to|wanna)\s+buy\b", "I want to buy"),
    (r"(add|buy|see|put|comot|remove|wear|take|check|carry|think|burst)\s+(?-i:am)\b", r"\1 it"),
    (r"comot\b", "remove"),
    (r"(?:no\s+)?dey\s*(?=[?.!]|$)", "available"),            # "Lego dey?", "cheaper one no dey?": is there any
    (r"(?:dey|go|don)\s+clock\s+(\d+)", r"turns \1"),
    (r"(?:wetin|what)\s+(?:i|we)\s+fit\s+buy\b", "what can I buy"),
    (r"(put|add|keep|drop)\s+((?:\S+\s+){0,4}?)for\s+(?:my|the)\s+(cart|basket)\b", r"\1 \2in my \3"),
    (r"(?:i|we)\s+go\s+(checkout|pay|buy|come|check)\b(?=.*\b(?:later|tomorrow|next|another))", r"I will \1"),
    (r"na\s+two\s+(?:i|we)\s+go\s+buy\b", "I will buy two"),
    # "my sister don buy one give me already": she bought me one
    (r"don\s+buy\s+(one|it|am|some)\s+give\s+(me|us)\b", r"bought \2 \1"), (r"don\s+buy\b", "bought"),
)
_WORDS: dict[str, str] = {
    "abeg": "please", "biko": "please", "wetin": "what", "oya": "ok", "comot": "remove", "wahala": "trouble",
    "haba": "come on", "jare": "", "sha": "", "sef": "", "shey": "is it", "abi": "right", "naija": "Nigeria",
    "pikin": "child", "pikins": "children", "ehen": "ok", "dey": "", "wey": "that",
    "kuku": "", "oga": "boss", "oyinbo": "foreign", "sabi": "know",
}
# English words too ("o", "na", "dem", "go", "fit", "don"): read once something Pidgin was.
_WEAK_WORDS: dict[str, str] = {"o": "", "na": "is", "dem": "they", "fit": "can", "don": "has", "tire": "", "e": "it",
               "una": "you", "wan": "want"}

PIDGIN = Glue(_PHRASES, _WORDS, _WEAK_WORDS)


def in_english(message: str) -> tuple[str, bool]:
    """The message with its Nigerian Pidgin glue in English, and whether anything changed."""
    return PIDGIN.in_english(message)
