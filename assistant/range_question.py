""""What do you sell?": the shop's aisles, said plainly.

Why: a shopper who does not know the shop asks what it has before asking for anything; a search for
"what do you sell" lists whatever its words match (home products, say), which reads as a wrong answer.
The aisles come from the catalog, so an imported shop answers with its own.
"""

from __future__ import annotations

import re

from assistant.reply import listed_with_and
from assistant.vocab import CatalogVocab

_RANGE = re.compile(
    r"\bwhat\s+(?:(?:kind of (?:stuff|things|products)|sort of (?:stuff|things|products)|things|products|stuff)\s+)?"
    r"(?:do|can|does)\s+(?:you|u|ya|i|the shop|this shop)\s+(?:guys\s+)?(?:even\s+)?"
    r"(?:sell|have|stock|carry|got|offer|buy(?:\s+here)?)\b(?!\s+(?:in|for|under|with|that|like)\b)\W*(?:then|here|"
    r"at all|exactly)?\W*$|"
    r"\bwhat(?:'s| is)\s+(?:in\s+)?(?:the|your)\s+(?:range|catalog(?:ue)?|shop|store)\b|"
    r"\bwhat\s+(?:categories|departments|aisles|sections)\b", re.I)


# Said during a search, "what do you have?" can be about the aisle on screen; these ask about the whole shop.
_WHOLE_SHOP = re.compile(r"\b(?:sell|stock|carry|offer|then|at all|even|here|categories|departments|aisles|"
                         r"sections|range|catalog(?:ue)?)\b", re.I)


def asks_range(message: str, vocab: CatalogVocab, searching: bool = False) -> bool:
    """Whether the message asks what the shop sells, naming no aisle, kind of product or brand ("dell xps or
    thinkpad for uni, what do you have" asks for those)."""
    return bool(_RANGE.search(message)) and not vocab.mentioned_categories(message) \
        and not vocab.product_heads(message) and not vocab.mentioned_brands(message) \
        and (not searching or bool(_WHOLE_SHOP.search(message)))


def range_text(vocab: CatalogVocab) -> str:
    """The shop's aisles in a sentence, with an example request."""
    aisles = sorted(set(vocab.categories.values()), key=str.lower)
    if not aisles:
        return "Tell me what you're looking for and I'll search the shop."
    return (f"This shop sells {listed_with_and(aisles)}. Tell me what you're after, "
            f"e.g. '{aisles[0].lower()} under 100', or ask me to recommend something.")
