"""A few words that name no kind of product, said over a list: "slim fit instead?" over men's jeans, "lighter
wash?" over women's jeans, "rtx 4060?" over gaming laptops.

Read alone, such words went to the aisle whose titles happen to use them ("Slim-Fit" t-shirts) or to a search
of the whole shop ("Sorry, I don't have 'lighter wash'" over a t-shirt and a blanket), and "add the first one"
then put that in the cart. Said while a list of one kind is on screen, they describe that kind: the search is
refined. Words the catalog has never seen (a product it may not carry, "bandsaw?") are left to the search and
its honesty about what the shop lacks.

A word said in place of one searched for ("road ones" over trail running shoes) replaces it: two words that
titles of the aisle use often but never together (every shoe is a trail or a road shoe) are alternatives.
"""

from __future__ import annotations

import re

from assistant.naming import STOP_WORDS
from assistant.qualities import ASKED_QUALITIES
from assistant.vocab import CatalogVocab, singular, words

# Said with a new request or for someone: "also a toaster", "a gift for my mum" ask for something else.
_ELSEWHERE = re.compile(r"\b(?:also|too|as well|another|gift|present|for (?:my|her|him|his|our)|birthday|"
                        r"do you (?:sell|have|carry|stock)|you guys)\b", re.I)
_FILLER = frozenset("nvm never mind instead maybe then pls please plz thanks thx ones one any got some show me "
                    "what about how rather".split())
MAX_WORDS = 6
# How often each of two words is used by the aisle's titles before they count as alternatives.
MIN_USES = 2


_ENDINGS = ("er", "est", "ier", "iest", "ed", "ing", "y", "s", "es")


def described_words(message: str, vocab: CatalogVocab, category: str) -> list[str]:
    """The words of a short message that describe the products on screen ("slim fit", "lighter wash", "rtx
    4060"): [] unless it names no kind of product, no brand and no aisle, and the catalog knows every word of it
    (or an ending of one: "lighter" of "light", "wash" of "washed"), or shoppers ask for it by name; a product
    line of another aisle than `category` (the one on screen) is a product named."""
    said = words(message)
    if not said or len(said) > MAX_WORDS or _ELSEWHERE.search(message):
        return []
    if vocab.mentioned_brands(message) or vocab.mentioned_categories(message):
        return []
    content = [w for w in said if w not in STOP_WORDS and w not in _FILLER and not w.isdigit()]
    if not content or any(vocab.names_kind(w) for w in content):
        return []
    here = vocab.category_lines.get(category, {})
    if any(form in vocab.line_brands and form not in here for w in content for form in {w, w.rstrip("s")}):
        return []  # "and macbook air" over phones: a product line of another aisle
    if any(_one_other_aisle(w, vocab, category) for w in content):
        return []  # "galaxy buds?" over phones: only headphones' titles say "buds"
    known = vocab.known_words

    def knows(word: str) -> bool:
        return (word in known or singular(word) in known or word in ASKED_QUALITIES
                or any(word.endswith(e) and word[:-len(e)] in known for e in _ENDINGS)
                or any(word + e in known for e in _ENDINGS) or bool(re.fullmatch(r"[a-z]*\d+[a-z\d]*", word)))

    return content if all(map(knows, content)) else []


def _one_other_aisle(word: str, vocab: CatalogVocab, category: str) -> bool:
    """Whether the titles of exactly one other aisle use the word and those of `category` never do: a word of that
    aisle's products ("buds" of earbuds), not a description of the ones on screen ("waterproof" is in many)."""
    forms = {word, singular(word)}
    aisles = vocab.category_words
    if category not in aisles or forms & aisles[category]:
        return False
    return sum(bool(forms & used) for other, used in aisles.items() if other != category) == 1


def replaced_words(searched: list[str], described: list[str], titles: list[str]) -> set[str]:
    """The searched-for words the described ones stand in place of: used by at least `MIN_USES` of the aisle's
    `titles` each and never by the same title ("trail" for "road" among running shoes), so keeping both would
    ask for products that do not exist."""
    title_words = [set(words(t)) for t in titles]

    def uses(word: str) -> set[int]:
        return {i for i, said in enumerate(title_words) if word in said}

    dropped: set[str] = set()
    for new in described:
        with_new = uses(new)
        if len(with_new) < MIN_USES:
            continue
        for old in searched:
            with_old = uses(old) if old != new and old not in STOP_WORDS else set()
            if len(with_old) >= MIN_USES and not with_old & with_new:
                dropped.add(old)
    return dropped
