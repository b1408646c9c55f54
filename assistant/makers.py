"""A maker the shop does not carry, named before a kind of product it does: "Huawei phones", "a Miele vacuum".

Why: the kind of product names a category, and a message that names one was taken as carried, so "do you
sell Huawei phones?" got a list of other phones with no word that there is no Huawei. A name-like word
(rare in English, in no title, brand, colour or attribute of the catalog, and no misspelling of one) right
before the product word is a maker or a line the shop does not have; saying so, with that aisle's nearest
products, is what a shop assistant would do.
"""

from __future__ import annotations

import re

from assistant import rules
from assistant.vocab import CatalogVocab, singular, words, zipf

# Rarer in English than this: a name ("huawei" 3.3, "miele" 2.2, "oakley" 3.3), not a describing word
# ("rugged" 3.6, "gaming" 4.4, "android" 4.4, "cheap" 4.7).
NAME_ZIPF = 3.4
# ... or than this, written as a name in a question whether the shop has it ("got any Marshall headphones?": a
# surname as common as "marshall", 4.2, names the maker; "any Cheap headphones?", 4.7, does not).
WRITTEN_NAME_ZIPF = 4.5
# A word this close to a catalog word is a misspelling of it ("wireles" headphones), not a name.
TYPO_RATIO = 0.8
# Nor is a word one letter from an English word this common ("cheep", "wireles"), unless it is written as a name.
TYPO_OF_ZIPF = 4.0
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A word less "-est" or "-er" this common in English is the describing word graded ("comfy" of "comfiest").
GRADED_STEM_ZIPF = 3.0
# Endings of describing words, however rare ("ergonomic", "hypoallergenic", "reusable", "padded").
_DESCRIBING = re.compile(r"(?:ic|ical|ous|ive|ful|less|able|ible|ing|ed|ish|ary|proof|free|[a-z]{5}al)$")
# "any huawei phones?", "got any fitbit watches": asked whether the shop has them.
_ANY_OF = re.compile(r"^\W*(?:(?:got|have|any)\s+)?any\b|\b(?:do|d'?you|u)\s+(?:guys\s+)?(?:have|got|stock|sell|"
                     r"carry|do)\b", re.I)
# Words a shopper puts before a product that name no maker, however rare ("comfy", "cosy", "lil").
_NOT_NAMES = frozenset("comfy cosy cozy lil kiddie kiddy wee teeny bestest nicest fav fave fancy decent sturdy "
                       "lightweight waterproof unisex mens womens ladies kids girls boys toddler teen".split())


def _graded(word: str) -> bool:
    """A describing word said as more or most of it ("warmest", "lighter", "comfiest", "biggest"): its stem is
    a common English word (not "hoover": "hoov" is none)."""
    for end in ("est", "er"):
        if word.endswith(end) and len(word) > len(end) + 2:
            stem = word[:-len(end)]
            forms = {stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem,
                     stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem}
            if any(zipf(f) >= GRADED_STEM_ZIPF for f in forms):
                return True
    return False


def is_head(word: str, vocab: CatalogVocab) -> bool:
    """Whether the word is a kind of product the titles name or an aisle's name ("puzzle", "laptops")."""
    return vocab.names_kind(word) or word in vocab.categories or singular(word) in vocab.categories


def _one_letter_from_english(word: str) -> bool:
    """Whether a common English word is one letter added, dropped, swapped or changed away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1} \
        | {a + c + b[1:] for a, b in splits if b for c in _LETTERS} | {a + c + b for a, b in splits for c in _LETTERS}
    return any(zipf(e) >= TYPO_OF_ZIPF for e in edits - {word})


def _written_as_name(name: str, message: str) -> bool:
    """Capitalised inside the message ("do you sell Huawei phones"), not only as its first word."""
    return re.search(rf"(?<=\w)\W+{name.capitalize()}\b|\b{name.upper()}\b", message) is not None


def unknown_maker(message: str, vocab: CatalogVocab) -> str | None:
    """"huawei phones" for "do you sell Huawei phones?": the unknown name and the product word after it. The
    name is written as one ("Huawei") or asked about ("do you sell huawei phones"): a rare word in lower case
    before a product is as often a kind of it ("a jigsaw puzzle for my mum")."""
    asked = rules.ASKS_STOCK.search(message) or _ANY_OF.search(message)
    said = words(message)
    known = vocab.known_words
    for name, head in zip(said, said[1:], strict=False):
        if len(name) < 4 or not name.isalpha() or name in known or name in _NOT_NAMES or not is_head(head, vocab):
            continue
        written = _written_as_name(name, message)
        common = zipf(name) >= (WRITTEN_NAME_ZIPF if written and asked else NAME_ZIPF)  # "any Marshall headphones?"
        if common or (name.endswith("s") and name[:-1] in known) or _DESCRIBING.search(name) or _graded(name):
            continue
        if not (written or asked) or vocab.misspells_known(name, TYPO_RATIO) \
                or not written and _one_letter_from_english(name):
            continue
        return f"{name} {head}"
    return None
