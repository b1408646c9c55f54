"""Swahili and Sheng words Kenyan shoppers mix into English chat ("nataka running shoes chini ya $100", "sitaki
Nike", "ongeza ya pili kwa cart", "Lenovo pekee", "mbona zote ni Casio?", "asante sana"), said in English.

Why: Nairobi shoppers keep product words, brands and often prices in English and say the glue in Swahili:
wanting and not wanting ("nataka", "sitaki"), under and between ("chini ya", "kati ya ... na"), the positions
("ya pili": the second one), add and remove ("ongeza", "toa ... kwa cart"), only ("pekee"), show me ("nionyeshe"),
why ("mbona"), forget ("wacha bei": any price), thanks. Unread, "chini ya $100" set no price, "ongeza ya pili kwa
cart" was a thing the shop lacks and "Lenovo pekee" a new search.
"""

from __future__ import annotations

from assistant.glue import Glue

_N = r"(\$?\s*\d+(?:\.\d+)?k?)"
_NTH = {"kwanza": "first", "pili": "second", "tatu": "third", "nne": "fourth", "tano": "fifth", "mwisho": "last"}
_PHRASES: tuple[tuple[str, str], ...] = (
    (rf"dola\s+{_N}", r"$\1"),
    (rf"chini\s+ya\s+{_N}", r"under \1"), (rf"zaidi\s+ya\s+{_N}", r"over \1"), (rf"juu\s+ya\s+{_N}", r"over \1"),
    (rf"kati\s+ya\s+{_N}\s+na\s+{_N}", r"between \1 and \2"),
    (r"(?:niko|nina|iko)\s+na\s+budget\s+ya\b", "my budget is"),
    (r"(?:niko|nina)\s+na\s+nini\s+kwa\s+(cart|basket)", r"what's in my \1"),
    (r"(?:futa|toa|ondoa)\s+(?:hizo\s+|hizi\s+)?filters?\s+zote", "clear all filters"),
    (r"(?:tuanze|anza)\s+upya", "start over"),
    (r"(?:toa|ondoa)\s+((?:\S+\s+){0,4}?)kwa\s+(cart|basket)", r"remove \1from my \2"),
    (r"(?:iingie|iweke|weka)\s+kwa\s+(cart|basket)", r"add to \1"),
    (r"ongeza\s+kwa\s+(cart|basket)\s+", "add "),
    (r"sitaki\s+tena\b", ""),
    (r"wacha\s+bei\b", "any price"), (r"wacha\s+brand\b", "any brand"),
    (r"wacha\s+(?:hizo|hizi)\s+zote\b", "forget all that"),
    (r"yoyote\s+iko\s+sawa\b", "any is fine"), (r"iko\s+sawa\b", "is fine"),
    (r"(?:ni\s+)?bei\s+gani\b", "how much is it"), (r"(\w+)\s+ngapi\b", r"how many \1"),
    (r"(?:zinatofautiana|zina\s+tofauti)\s+aje\b", "what's the difference"),
    (r"saa\s+(?:ya\s+)?mkono\b", "wristwatch"), (r"saa\s+hii\b", "now"),
    (r"(?:uko|you're)\s+fiti\s+sana\b", "you're great"),
    (r"iwe\s+(\w+)", r"in \1"),
    (r"kwa\s+(cart|basket)\b", r"to my \1"), (r"kwa\s+nini\b", "why"), (r"ziko\s+juu\b", "are at the top"),
    (r"(?:ako|yuko)\s+na\s+miaka\s+(\d+)", r"who is \1 years old"), (r"iko\s+na\b", "has"),
    (r"juu\s+ya\s+kichwa\b", "over the head"),
    (r"poa\s+sana\b", "great"), (r"asante(?:ni)?\s+sana\b", "thank you very much"),
    (r"([\w'&-]+(?:\s+[\w'&-]+)?)\s+pekee\b", r"only \1"),             # "Lenovo pekee": only Lenovo
    (r"(\w+)\s+yangu\b", r"my \1"),                                       # "dada yangu": my sister
    (r"miaka\s+(\d+)", r"\1 years old"),
    (r"(?:mnaweza|unaweza|mnaeza|unaeza)\s+(?:ku)?nisaidia\b", "can you help me"),
    *((rf"(?:(?:hii|hiyo|ile)\s+)?ya\s+{word}\b", f"the {english} one") for word, english in _NTH.items()),
)
_WORDS: dict[str, str] = {
    "nataka": "I want", "tunataka": "we want", "sitaki": "no", "hatutaki": "no", "ongeza": "add",
    "nionyeshe": "show me", "tuonyeshe": "show us", "zingine": "more", "nyingine": "other", "linganisha": "compare",
    "ipi": "which", "gani": "which", "mbona": "why", "zote": "all", "hizi": "these", "hizo": "those",
    "asante": "thanks", "asanteni": "thanks", "shukran": "thanks", "shukrani": "thanks", "poa": "cool",
    "sawa": "ok", "bana": "", "mambo": "hi", "niaje": "hi", "wacha": "forget", "bei": "price",
    "yoyote": "any", "kitu": "something", "haraka": "fast", "stima": "electric", "mpira": "ball",
    "mtoto": "child", "watoto": "children", "ngapi": "how many", "nimechoka": "I'm tired", "nazo": "of them",
    "hiyo": "that", "kichwa": "head", "chini": "under", "kati": "between", "zaidi": "more",
    "niko": "I am", "tofauti": "difference", "umenionyesha": "you showed me", "ndio": "", "kuchemsha": "boil",
    "maji": "water", "nini": "what", "kwanza": "first", "basi": "then", "mabeste": "friends", "rafiki": "friend",
    "nunua": "buy", "kununua": "buy",
}
# Words that are English or other languages' too: read once something Swahili was.
_WEAK_WORDS: dict[str, str] = {
    "ya": "for", "za": "for", "wa": "for", "na": "and", "ni": "is", "kwa": "for", "ama": "or", "pia": "too",
    "tena": "again", "aki": "", "ile": "the", "iko": "it has", "ako": "is", "aje": "how", "nina": "I have",
    "toa": "remove", "ondoa": "remove", "futa": "remove", "sana": "very", "saa": "watch", "juu": "top",
    "kama": "about", "yake": "their", "hii": "this", "dada": "sister", "kaka": "brother", "mama": "mum", "baba": "dad",
}

SWAHILI = Glue(_PHRASES, _WORDS, _WEAK_WORDS)


def in_english(message: str) -> tuple[str, bool]:
    """The message with its Swahili glue in English, and whether anything changed."""
    return SWAHILI.in_english(message)
