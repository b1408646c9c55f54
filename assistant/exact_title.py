"""An add that says a product's whole title: "add the Levi's 511 Slim Stretch Slim Jeans - Black", "kettle: Tefal
Classic Stainless Kettle, White, add to cart".

Why: a shopper who copies a title from a card, or from an earlier list, means that product and no other. Picked
by its words among the items on screen, it became the one sharing most of them ("Levi's 511 Slim Men's Jeans -
Black" when the Stretch one had scrolled away), a wrong item in the cart. A title said whole is looked up among
the products that match the message best, and only a title whose every word the message says, in order, counts.
"""

from __future__ import annotations

from assistant.vocab import words
from retrieval.types import Product

# Words a title must have to be taken as said whole: "the black one" is no title, "Lego City 60389" may be.
MIN_TITLE_WORDS = 3


def _runs(title_words: list[str], said: list[str]) -> bool:
    """Whether the title's words come in the message one after another."""
    size = len(title_words)
    return any(said[i:i + size] == title_words for i in range(len(said) - size + 1))


def said_title(message: str, products: list[Product]) -> Product | None:
    """The one product among `products` whose whole title the message says; the longest title where one
    contains another ("Jansport Big Student Daypack" and "... Daypack - Black"), and of titles with the same words
    the one written as said; None when no title is said, or it cannot tell which."""
    said = words(message)
    titled = [(p, words(p.title)) for p in products]
    found = [(p, t) for p, t in titled if len(t) >= MIN_TITLE_WORDS and _runs(t, said)]
    if not found:
        return None
    longest = max(len(t) for _, t in found)
    best = {p.product_id: p for p, t in found if len(t) == longest}
    if len(best) == 1:
        return next(iter(best.values()))
    written = [p for p in best.values() if p.title.casefold() in message.casefold()]  # ", Black" or " - Black"
    return written[0] if len(written) == 1 else None
