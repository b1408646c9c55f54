"""A condition the shop does not sell things in, asked of a kind it does: "refurbished laptops", "a second-hand
iphone", "pre-loved levis jackets", and things for animals: "chew proof dog toys", "a cat toy".

Why: the kind of product (or its brand) made such a message carried, so "do you sell refurbished laptops?" got
new laptops with no word that the shop has no refurbished ones, and the shopper who wants to avoid buying new
was never told. A condition word the catalog's own words never use (a shop that lists "Refurbished" items keeps
them) before the product is something this shop does not have; saying so, with that aisle's nearest products,
is what a shop assistant would do. The same holds for a kind made for an animal ("dog toys" are not the toys
aisle's children's toys) in a shop whose catalog never names the animal.
"""

from __future__ import annotations

import re

from assistant.makers import is_head
from assistant.vocab import CatalogVocab, words

# Conditions of goods a shop of new products lacks. "used" counts only as a word of goods ("a used phone",
# "any used ones"), never "used to" or "used for".
_CONDITION = re.compile(
    r"\b(refurb(?:ished)?|reconditioned|renewed|second[- ]?hand|pre[- ]?owned|pre[- ]?loved|ex[- ]display|"
    r"open[- ]box|thrifted|vintage|(?<=\ba )used|(?<=\ban )used|(?<=\bany )used|(?<=\bsome )used|"
    r"(?<=\bsell )used|(?<=\bbuy )used|(?<=\bcheap )used)\b", re.I)
# "nothing second hand", "not refurbished please": the condition ruled out, not asked for.
_RULED_OUT = re.compile(r"\b(?:no|not|nothing|never|without|don'?t\s+want|rather\s+not)\s+(?:\w+\s+)?$", re.I)
# The product words looked for after the condition ("refurbished phones", "pre-loved or vintage levis jackets").
WITHIN = 5
# An animal a kind of product is made for, said right before it ("dog toys", "a cat toy"); not what the animal
# leaves or does, nor its people ("dog walking jacket", "cat hair vacuum", "dog-friendly", "dog owners").
_ANIMAL = re.compile(r"\b(dog|cat|puppy|puppies|kitten|pet|hamster|rabbit|bunny|parrot)s?(?:'s|s')?[ -]+"
                     r"(?!(?:walk\w*|hair|fur|friendly|proof|owners?|lovers?|sit\w*|park|mum|mom|dad|people)\b)"
                     r"([a-z]+)\b", re.I)


def unsold_condition(message: str, vocab: CatalogVocab) -> str | None:
    """The condition and the thing it is asked of ("refurbished laptops"), when the catalog never uses the
    condition's word and a kind of product, an aisle or a brand follows it; or the animal and the kind made for it
    ("dog toys") when the catalog never names the animal; None otherwise."""
    for said in _CONDITION.finditer(message):
        condition = said[1].lower()
        if any(w in vocab.known_words for w in re.split(r"[- ]", condition)) or _ruled_out(message, said.start()):
            continue
        after = words(re.split(r"[?.!,;]", message[said.end():])[0])[:WITHIN]
        things = [i for i, word in enumerate(after)
                  if is_head(word, vocab) or vocab.mentioned_brands(word) or vocab.brand_of_line(word)]
        if things:  # up to the last product word of the phrase: "pre-loved or vintage levis denim jackets"
            return " ".join([condition, *after[:things[-1] + 1]])
    for said in _ANIMAL.finditer(message):  # "chew proof dog toys", in a shop that never names dogs
        animal, thing = said[1].lower(), said[2].lower()
        if animal not in vocab.known_words and is_head(thing, vocab) and not _ruled_out(message, said.start()):
            return f"{animal} {thing}"
    return None


def _ruled_out(message: str, start: int) -> bool:
    """Whether the words just before `start` rule out what follows ("nothing second hand", "no dog toys")."""
    return bool(_RULED_OUT.search(message[max(0, start - 24):start]))
