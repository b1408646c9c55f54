"""Which language a message is in, when it is clearly not English.

Why: the parser reads the catalog's English words; a message in Spanish or Chinese was answered with
the English help text as if the shopper had asked for nothing, with no word about why. Knowing the
language lets the reply say plainly what the shop reads (and, with the multilingual encoder, that
it searched anyway but answers in English).

Latin-script languages are told apart by word frequencies (wordfreq's lists): a word counts as foreign
when it is common in another language and clearly rarer in English ("zapatillas", "para", "chaussures");
which language is then the one whose words these are, all told.
Brand names and typos vote for nobody, so an English message with "Le Creuset" stays English.
Other scripts are named by their letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from wordfreq import zipf_frequency

from assistant.vocab import words

# Latin-script languages wordfreq knows well and shoppers write in.
_OTHERS = ("es", "fr", "de", "it", "pt", "nl")
# The first word of a Unicode letter's name -> the language its script most likely writes.
_SCRIPTS = {"CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CYRILLIC": "ru", "ARABIC": "ar",
            "HEBREW": "he", "DEVANAGARI": "hi", "GREEK": "el", "THAI": "th", "BENGALI": "bn", "TAMIL": "ta"}
_COMMON = 2.5   # zipf: a word most speakers of the language know
_CLEARLY = 1.5  # how much commoner than in English a word must be to vote for another language
_NEAR = 0.5    # a word about as common in English as in another language counts as English
_LETTER = re.compile(r"[^\W\d_]")


def message_language(text: str) -> str | None:
    """An ISO 639-1 code ("es", "zh") when the message is clearly in another language than English; else None.
    The loop asks after the glue of languages mixed into English is said in English (`mixed_speech`): "50 se kam me
    hai koi?" would otherwise read as Italian, "kahit anong kulay na lang po" as Portuguese."""
    scripts = Counter(_script(ch) for ch in text if _LETTER.match(ch))
    scripts.pop(None, None)
    latin = scripts.pop("LATIN", 0)
    if scripts and sum(scripts.values()) >= latin:
        return _SCRIPTS.get(scripts.most_common(1)[0][0])
    said = [w for w in words(text) if len(w) > 1 and not w.isdigit()]
    if len(said) < 2:
        return None  # "hola" alone is a greeting anyone may type
    foreign = english = 0
    for word in said:
        en = zipf_frequency(word, "en")
        best = max(zipf_frequency(word, lang) for lang in _OTHERS)
        if best >= _COMMON and best - en >= _CLEARLY:
            foreign += 1
        elif en >= _COMMON and en >= best - _NEAR:  # "maximum", "dollars": as much English as French
            english += 1
    if foreign < 2 or foreign <= english:
        return None
    # Which of the languages: the one whose words these are, all told ("zapatillas para correr": "para" and
    # "correr" are Portuguese too, "zapatillas" only Spanish)
    return max(_OTHERS, key=lambda lang: sum(zipf_frequency(word, lang) for word in said))


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    if first == "LATIN":
        return "LATIN"
    return first if first in _SCRIPTS else None


def language_name(code: str) -> str:
    """"es" -> "Spanish" (Babel's names)."""
    from babel import Locale

    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, LookupError):
        return code
