"""The catalog's own sentences on the quality a shopper asks about ("which is lightest?", "is the 2nd
waterproof?"): a compare or a details reply names price, brand and rating; the question asks about
weight. Each product's description is searched for the sentence on that quality, and the sentence is
quoted as the catalog writes it, so no fact is made up; a product whose description says nothing of it
is said to say nothing.
"""

from __future__ import annotations

import re

from retrieval.types import Product

# A quality, the words that ask about it, and what a description sentence about it contains.
_QUALITIES: tuple[tuple[str, re.Pattern, re.Pattern], ...] = tuple(
    (label, re.compile(asked, re.I), re.compile(said, re.I)) for label, asked, said in (
        # First: "can I return it if it doesn't fit?" asks about returns, not size.
        ("warranty", r"\bwarrant(?:y|ies)\b|\bguarantee[ds]?\b", r"\bwarrant\w*|\bguarantee\w*"),
        ("returns", r"\breturn(?:s|able|ed)?\b|\brefund\w*|\bsend (?:it|that one|this one) back\b",
         r"\breturns?\b|\brefund\w*"),
        ("weight", r"\b(?:light(?:er|est)?|heav(?:y|ier|iest)|weigh\w*|weight)\b",
         r"\b(?:kg|kilos?|grams?|oz|ounces?|pounds?|lbs?)\b|\bweigh\w*|\blight(?:weight|er)?\b"),
        ("battery", r"\b(?:battery|batteries|charge|charging|last(?:s|ing)?\s+longer|longest)\b",
         r"\bbattery\b|\bmah\b|\bhours?\b|\bcharg\w*"),
        ("water", r"\b(?:water\w*|rain\w*|wet|shower\w*|swim\w*)\b", r"\bwater\w*|\brain\w*|\bswim\w*"),
        ("warmth", r"\b(?:warm(?:er|est|th)?|cold|winter|freezing|insulated)\b",
         r"\bwarm\w*|\binsulat\w*|\bdown\b|\bfleece\b|\bwinter\b|\bcold\b"),
        ("comfort", r"\b(?:comf(?:y|ier|iest|ortable|ort)|soft(?:er|est)?|cushion\w*)\b",
         r"\bcomf\w*|\bcushion\w*|\bsoft\w*|\bpadded\b"),
        ("noise", r"\b(?:quiet(?:er|est)?|loud(?:er|est)?|noise|noisy)\b", r"\bnoise\b|\bquiet\w*|\bloud\w*"),
        ("size", r"\b(?:bigg(?:er|est)|larg(?:er|est)|small(?:er|est)|capacity|roomi(?:er|est)|fits?)\b",
         r"\b\d+(?:\.\d+)?\s?(?:l|litres?|liters?|qt|quarts?|inch|in|cm)\b|\bcapacity\b|\bfits?\b|\broom\w*"),
        ("material", r"\b(?:leather|suede|cotton|wool|woollen|plastic|metal|steel|canvas|polyester|made (?:of|from)|"
                     r"material|fabric)\b",
         r"\b(?:made (?:of|from)|leather|suede|cotton|wool|plastic|metal|steel|canvas|polyester|nylon|aluminium)\b"),
        ("screen and camera", r"\b(?:(?:touch\s?)?screen|display|camera|photos?|pictures?)\b",
         r"\b(?:touch\s?)?screen\b|\bdisplay\b|\bcamera\b|\bmegapixel\w*|\boled\b|\bamoled\b"),
        ("age", r"\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]*(?:yrs?|years?)[\s-]*olds?\b|"
                r"\bage(?:s|d)?\b|\bold enough\b", r"\bages?\b|\b\d+\s?\+|\byears?\b|\bkids?\b|\bchild\w*"),
    ))
# Asked of the listing itself rather than its description: stock, and the size it is listed in.
_STOCK_ASKED = re.compile(r"\b(?:in stock|out of stock|available|availability|sold out|have it)\b", re.I)
_SIZE_ASKED = re.compile(r"\b(?:what|which)\s+size\b|\bhow many (?:litres?|liters?|l|gb|inch(?:es)?)\b|"
                         r"\bhow (?:big|large)\b|\bcapacity\b|\bsize is it\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# The qualities a listing may state while the shop's help pages hold the rule for everything else.
_POLICIES = ("warranty", "returns")
POLICY_UNSAID = "its listing does not say; the shop's help pages cover returns and warranties."
# One item pointed at: "the 3rd one", "the sony one"; or "it", "that one" while one item is in focus (not
# "these": a list has no one policy line to quote).
_ONE_SHOWN = re.compile(r"\b(?:(?:the\s+)?(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)(?:\s+one)?|"
                        r"the\s+\w+(?:\s+\w+)?\s+one)\b", re.I)
_IT = re.compile(r"\b(?:it|that one|this one|that|this)\b", re.I)
_BOUGHT = re.compile(r"\b(?:bought|ordered|purchased|received|arrived)\b", re.I)


def asked_quality(message: str) -> str | None:
    """The quality the message asks about, if one of the known ones: "which is lightest" -> "weight"."""
    for label, asked, _said in _QUALITIES:
        if asked.search(message):
            return label
    return None


def asks_item_policy(message: str, showing: bool, focused: bool) -> bool:
    """Whether the message asks about the warranty or returns of one item on screen ("what's the warranty on the
    2nd one", "can I return it if it doesn't fit?" right after adding it): a question its listing may answer. The
    same words with no item pointed at ("what's your returns policy?", "can I still return it?" over a list) are
    for the shop's help pages."""
    if not showing or _BOUGHT.search(message) or asked_quality(message) not in _POLICIES:
        return False
    return bool(_ONE_SHOWN.search(message) or focused and _IT.search(message))


def quality_sentence(product: Product, quality: str) -> str | None:
    """The first sentence of the product's description about the quality, as the catalog writes it."""
    said = next(s for label, _asked, s in _QUALITIES if label == quality)
    for sentence in _SENTENCE.split(product.description or ""):
        if said.search(sentence):
            return sentence.strip()
    return None


def asked_facts(message: str, products: list[Product]) -> str:
    """A reply's addition on the quality asked about, with `[name_i]` placeholders (filled from the catalog
    like the rest of the reply); "" when the message asks about no known quality or no description of the
    products says anything about it."""
    listing = _listing_facts(message, products)
    quality = asked_quality(message)
    if quality is None or not products:
        return listing
    found = [quality_sentence(p, quality) for p in products]
    unsaid = POLICY_UNSAID if quality in _POLICIES else "its description says nothing about it."
    if len(products) == 1:  # "is the 2nd waterproof?" asks yes or no: an answer either way
        return listing + f"\nOn {quality}: {found[0] or unsaid}"
    if not any(found):
        return listing
    rows = "\n".join(f"- [name_{i + 1}]: {sentence or 'its description does not say.'}"
                     for i, sentence in enumerate(found))
    return listing + f"\nOn {quality}:\n{rows}"


def _listing_facts(message: str, products: list[Product]) -> str:
    """Stock and listed size, when asked ("is it in stock?", "the second one - how many litres?"): read from the
    listing's own fields, one line per product."""
    out = []
    if _STOCK_ASKED.search(message):
        out += [f"\n[name_{i + 1}] is {'in stock' if p.in_stock else 'out of stock right now'}."
                for i, p in enumerate(products)]
    if _SIZE_ASKED.search(message):
        out += [f"\n[name_{i + 1}] is listed in size {p.size}." if p.size else
                f"\n[name_{i + 1}]'s listing gives no size." for i, p in enumerate(products)]
    return "".join(out)
