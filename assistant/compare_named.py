"""Two products compared by name: "compare the sony wh-1000xm5 and the bose quietcomfort 45", "macbook air vs dell
xps which should i get", "samsung galaxy watch vs apple watch se".

Why: a compare read from positions found none on screen (or one), and the reply asked for "two items to compare,
for example 'compare 1 and 3'" though the shopper had named both. Each side is the first product, on screen or in
the shop, whose title has the side's naming words (brand, product line, model numbers); both found, they are set
side by side and become the list on screen, so "add the first one" next means the first of them.
"""

from __future__ import annotations

import re

from assistant.vocab import CatalogVocab, words

# Where the two names part: "x vs y", "x versus y", "x or y", "x and y", "x with y", "x compared to y".
_BETWEEN = re.compile(r"\s+(?:vs\.?|versus|or|and|with|against|compared\s+(?:to|with)|over)\s+", re.I)
# What comes before the first name: "ok compare", "whats the difference between", "should i get".
_LEAD = re.compile(r"^\W*(?:(?:ok|okay|so|hmm+|hey|also)\W+)*(?:(?:can you\s+|pls\s+|please\s+)?compare|"
                   r"what'?s\s+the\s+difference\s+between|whats\s+the\s+difference\s+between|difference\s+between|"
                   r"which\s+is\s+better,?|should\s+i\s+get|is\s+it\s+better\s+to\s+get)?\s*", re.I)
# What follows the second name: a question or reason ("... which should i get", "..., which is lighter").
_TAIL = re.compile(r"\s*(?:[?,.;!].*|\s+(?:which|what|for|to|if|in\s+terms|because|cause|since)\b.*)$", re.I | re.S)
_ARTICLE = re.compile(r"^(?:the|a|an|my|that|this|those|these)\s+", re.I)


def named_pair(message: str) -> tuple[str, str] | None:
    """The two names a compare message says ("sony wh-1000xm5", "bose quietcomfort 45"), or None."""
    body = _LEAD.sub("", message, count=1)
    parts = _BETWEEN.split(body, maxsplit=1)
    if len(parts) != 2:
        return None
    left, right = (_ARTICLE.sub("", _TAIL.sub("", p).strip()).strip() for p in parts)
    if not left or not right or len(left.split()) > 5 or len(right.split()) > 5:
        return None
    return left, right


def naming_words(name: str, vocab: CatalogVocab) -> list[str]:
    """The words of a name a title must have: brands, product lines and model numbers ("sony", "wh-1000xm5")."""
    return [w for w in words(name) if w in vocab.brand_words or w in vocab.line_brands
            or any(ch.isdigit() for ch in w) and len(w) >= 2]


def first_named(name: str, products: list, vocab: CatalogVocab):
    """The first of `products` whose title has every naming word of `name` (and, of those, one whose title has its
    kind word too, "watch" of "samsung galaxy watch"); None when the name has no naming word or none has them."""
    needed = naming_words(name, vocab)
    brands = set(vocab.mentioned_brands(name))  # "levis" is Levi's, spelt as the shopper spells it
    if not needed and not brands:
        return None
    fitting = [p for p in products if set(needed) <= set(words(p.title)) or brands and p.brand in brands
               and set(needed) - set(vocab.brand_words) <= set(words(p.title))]
    kinds = [w for w in words(name) if vocab.names_kind(w)]
    of_kind = [p for p in fitting if any(t.startswith(k) for k in kinds for t in words(p.title))]
    return (of_kind or fitting or [None])[0]


def shared_kind(pair: tuple[str, str], vocab: CatalogVocab) -> tuple[str, str]:
    """The pair with the kind of product one side names given to the side that names none: "nike vs adidas tees" is
    "nike tees" vs "adidas tees"."""
    kinds = [[w for w in words(name) if vocab.names_kind(w)] for name in pair]
    if kinds[0] and not kinds[1]:
        return pair[0], f"{pair[1]} {' '.join(kinds[0])}"
    if kinds[1] and not kinds[0]:
        return f"{pair[0]} {' '.join(kinds[1])}", pair[1]
    return pair
