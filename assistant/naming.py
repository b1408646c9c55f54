"""How a shopper names one shown product other than by its position: by its price ("the 104.99 one"), by a
model number ("the white solo 4"), by the brand an ordinal is said of ("the second sony one"), or by words of
its title that narrow several of a brand to one ("the levis 505 grey").

Why: a number in such words is read as a list position otherwise, and the wrong product goes into the cart
("add the white solo 4" added item 4).
"""

from __future__ import annotations

import re

from assistant.rules import COUNTED
from assistant.vocab import CatalogVocab, words

# Words that name no product and no position: what a message says around its product words.
STOP_WORDS = frozenset(
    "a an the i me my im i'm want need looking for find show some any please can you get with and or of "
    "in on to under below over above than less more cheap cheaper price priced dollars bucks usd "
    "something good nice best new buy one ones it them that this these those is are do does have has "
    "what which who how much".split()
)

# Words for a kind of thing that cover the kinds titles name: "remove the shoes" takes out the sneakers.
KIND_FAMILY = {"shoe": {"sneaker", "trainer", "boot", "shoe", "runner", "sandal"}, "trainer": {"sneaker", "shoe"},
                "shirt": {"t-shirt", "tee", "top"}, "top": {"t-shirt", "tee", "shirt"}, "tee": {"t-shirt"},
                "bag": {"backpack", "daypack", "rucksack"}, "phone": {"smartphone"}, "watch": {"smartwatch"},
                "headphone": {"earbud", "headphone"}, "earphone": {"earbud", "headphone"}, "pan": {"skillet"},
                "laptop": {"notebook", "chromebook", "macbook"}}


def without_model_numbers(text: str, shown: list) -> str:
    """The message with the numbers that name a shown product's model blanked ("the white solo 4" over a Beats
    Solo 4, "the iphone 15", "the levis 505"), so they are not read as list positions."""
    titles = [set(words(c.product.title)) for c in shown]

    def blank(m: re.Match) -> str:  # the word before it and the number are words of one title: "bose 18"
        word = m[1].casefold()
        named = word not in STOP_WORDS and any(m[2] in title and word in title for title in titles)
        return m[1] + " " + "_" * len(m[2]) if named else m[0]
    return re.sub(r"\b([a-z][\w'-]*)\s+(\d{1,4})\b", blank, text, flags=re.I) if titles else text


# An ordinal said of a brand's items: "the first nike one", "the 2nd sony".
_NTH_OF = re.compile(r"\b(?:first|second|third|fourth|fifth|[1-5](?:st|nd|rd|th))\s+"
                     r"(?!(?:one|ones|item|items|pair|of|in|on|is|a|an|the|and|or|to|with)\b)([\w'&-]+(?:\s+[\w'&-]+){0,2}?)"
                     r"(?=\s+(?:one|ones|pair|item)\b|\s*[,.!?]|\s*$|\s+(?:to|in|into|please|pls)\b)", re.I)


# A shown product named by its price: "the 104.99 one", "the samsung at 162", "the blue one for $24.99". Not a
# budget ("under 104.99", "between 20 and 30").
_AT_PRICE = re.compile(r"(?<!under )(?<!below )(?<!over )(?<!above )(?<!than )(?<!to )(?<!max )(?<!between )"
                       r"(?<!and )(?<!budget )(?<!around )(?<!about )"
                       r"(?:[$£€₹]\s?(\d{1,5}(?:\.\d{2})?)|\b(\d{1,5}\.\d{2})\b|"
                       r"\b(?:the|at|for)\s+(\d{2,5})\b(?![.,]?\d)"
                       rf"(?!\s*(?:{COUNTED}|(?:in|w|h|x|series|pro|max|plus|mini|ultra)\b)))", re.I)


def priced_pick(text: str, priced: list[tuple[float, int]]) -> tuple[int, ...]:
    """The one shown position whose price the message says (`priced`: (price, position) pairs); () otherwise."""
    for said in _AT_PRICE.finditer(text):
        value = said[1] or said[2] or said[3]
        exact = "." in value
        hits = [i for p, i in priced if (round(p, 2) == float(value) if exact else int(p) == int(value))]
        if len(hits) == 1:
            return (hits[0],)
    return ()


def nth_of_brand(text: str, shown: list, vocab: CatalogVocab) -> list[int] | None:
    """The positions of the shown products of the brand an ordinal is said of ("the first nike one": where the
    Nikes are, in list order; [] when none is shown); None when the ordinal is of the whole list."""
    said = _NTH_OF.search(text)
    brands = set(vocab.mentioned_brands(said[1])) if said else set()
    if not brands:
        return None
    return [i + 1 for i, c in enumerate(shown) if c.product.brand in brands]


def narrowed(said: str, positions: list[int], shown: list) -> list[int]:
    """Of `positions`, those whose titles have each word said that some of them have: "the grey philips kettle"
    of three Philips is the grey kettle; a word none has narrows nothing."""
    for word in words(said):
        if word in STOP_WORDS:
            continue
        hits = [i for i in positions if word in words(shown[i - 1].product.title)]
        positions = hits or positions
    return positions
