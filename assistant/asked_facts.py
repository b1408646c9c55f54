"""The catalog's own sentences on the quality a shopper asks about ("which is lightest?", "is the 2nd
waterproof?"): a compare or a details reply names price, brand and rating; the question asks about
weight. Each product's description is searched for the sentence on that quality, and the sentence is
quoted as the catalog writes it, so no fact is made up; a product whose description says nothing of it
is said to say nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.reply import listed_with_and
from assistant.size_step import size_rank
from assistant.vocab import zipf
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
        ("water resistance", r"\b(?:water\w*|rain\w*|wet|shower\w*|swim\w*)\b",
         r"\bwater\w*|\brain\w*|\bswim\w*|\bdiv(?:e|es|ing|ers?)\b"),
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
# A word of a title at least this common in English is a plain word ("waterproof" 2.9, "dishwasher" 3.1), not a
# product's name ("quietcomfort" 0).
NAME_WORD_ZIPF = 2.5
# Asked of the listing itself rather than its description: stock, and the size it is listed in.
_STOCK_ASKED = re.compile(r"\b(?:in stock|out of stock|available|availability|sold out|have it|restock(?:ed|ing)?)\b",
                          re.I)
_WHEN_BACK = re.compile(r"\bwhen\b.*\b(?:back|restock|again|available)\b|\brestock", re.I)
_SIZE_ASKED = re.compile(r"\b(?:what|which)\s+sizes?\b|\bhow many (?:litres?|liters?|l|gb|inch(?:es)?|ml|mls|"
                         r"millilit(?:re|er)s?|oz|ounces|mm|cm)\b|"
                         r"\bhow (?:big|large)\b|\bcapacity\b|\bsize is it\b", re.I)
_OTHER_COLORS = re.compile(r"\b(?:other|different|more|any)\s+(?:\w+\s+)?colou?r(?:s|ways)?\b|"
                           r"\b(?:what|which)\s+(?:\w+\s+)?colou?r(?:s|ways)\b|"
                           r"\bcome in (?:any )?colou?rs?\b|\bcolou?r options\b", re.I)
_COLOR_ASKED = re.compile(r"\b(?:what|which)\s+colou?rs?\b|\bcolou?rs?\s+(?:is|are|does)\b|"
                          r"\b(?:other|different|more)\s+colou?r(?:s|ways)?\b|\bcome in (?:any )?colou?rs?\b", re.I)
# One colour asked of an item: "does the 2nd come in black?", "is it available in navy?", "got it in red?".
_COME_IN = re.compile(r"\b(?:comes?|available|have (?:it|one|them|that)|got (?:it|one|them|that)|make it|sell it)"
                      r"\s+in\s+(?:a\s+|the\s+)?([a-z]+)\b", re.I)
_HUES = frozenset("black white grey gray blue navy red green yellow orange pink purple brown beige silver gold "
                  "cream tan khaki olive teal burgundy".split())
# How many reviews a rating rests on: "how many reviews", "5 stars from how many people?", "only 3 reviews?".
_REVIEWS_ASKED = re.compile(r"\bhow many (?:reviews?|ratings?|people|customers|buyers|votes?)\b|"
                            r"\b(?:reviews?|ratings?)\s+(?:any\s+)?(?:good|bad|ok|okay|decent|positive|like)\b|"
                            r"\b(?:good|bad|decent|positive|the)\s+(?:reviews?|ratings?)\b(?=[^.?!]*\?)|"
                            r"\bwhat do (?:people|reviewers|customers|buyers|others) (?:say|think)\b|"
                            r"\bhow (?:is|are) (?:it|its|the)\s+(?:reviews?|ratings?|rated)\b|\bwell[- ]reviewed\b|"
                            r"\b(?:reviews?|ratings?) count\b|\bnumber of (?:reviews?|ratings?)\b|"
                            r"\b\d+\s+reviews?\s*(?:right|\?)|\bonly \d+\s*(?:reviews?)?\s*\?", re.I)
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


def _reviews(count: int | None) -> str:
    return "reviews the listing does not count" if not count else f"{count} review{'s' if count != 1 else ''}"


def asked_quality(message: str) -> str | None:
    """The quality the message asks about, if one of the known ones: "which is lightest" -> "weight"."""
    for label, asked, _said in _QUALITIES:
        if asked.search(message):
            return label
    return None


def asks_item_policy(message: str, showing: bool, focused: bool) -> bool:
    """Whether the message asks about the warranty of one item on screen ("what's the warranty on the 2nd one",
    "does that one come with a guarantee?" after a look at it): a question its listing may answer. The same words
    with no item pointed at ("what's the warranty on these") are for the shop's help pages, and so is sending an
    item back ("can I return it if the size is not good?"): returns are the shop's rule, whichever item."""
    if not showing or _BOUGHT.search(message) or asked_quality(message) != "warranty":
        return False
    return bool(_ONE_SHOWN.search(message) or focused and _IT.search(message))


_MADE_OF = re.compile(r"\bmade (?:of|from)\b", re.I)


def quality_sentence(product: Product, quality: str) -> str | None:
    """The first sentence of the product's description about the quality, as the catalog writes it."""
    said = next(s for label, _asked, s in _QUALITIES if label == quality)
    # a word of the product's own name says nothing of the quality: "QuietComfort" is no word on noise; a plain
    # word of the title does ("Waterproof" in "Pegasus 41 Waterproof", where a sentence says "waterproof membrane")
    if quality == "material":  # what it is made of, as the listing says it, before a word on one of its parts
        made = next((x.strip() for x in _SENTENCE.split(product.description or "") if _MADE_OF.search(x)), None)
        material = str((product.attributes or {}).get("material") or "").strip()
        if made or material and material.lower() != "nan":
            return made or f"Its listing gives the material as {material}."
    names = [w for w in re.findall(r"[\w'-]{4,}", product.title)
             if not all(zipf(part) >= NAME_WORD_ZIPF for part in w.lower().split("-") if part)]
    name = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in names) + r")\b", re.I) if names else None
    for sentence in _SENTENCE.split(product.description or ""):
        if said.search(name.sub(" ", sentence) if name else sentence):
            return sentence.strip()
    return None


def asked_facts(message: str, products: list[Product], size_said: str | None = None,
                other_colors: Callable[[Product], list[str] | None] | None = None,
                other_sizes: Callable[[Product], list[str] | None] | None = None) -> str:
    """A reply's addition on the quality asked about, with `[name_i]` placeholders (filled from the catalog
    like the rest of the reply); "" when the message asks about no known quality or no description of the
    products says anything about it. `size_said`: the size the message names ("available in size 9?"),
    in the catalog's spelling; `other_colors`: the colours a product's model is also listed in
    (`siblings.ModelLines.other_colors`), for "does it come in other colours?"; `other_sizes`: the sizes it is
    also listed in, for "which sizes does it come in?"."""
    listing = _listing_facts(message, products, size_said, other_colors, other_sizes)
    quality = asked_quality(message)
    if quality is None and len(products) == 1 and not listing:
        return _asked_feature(message, products[0])
    if quality is None or not products:
        return listing
    if quality == "size" and len(products) > 1 and any(p.size for p in products):
        return listing + _sizes_compared(message, products)
    found = [quality_sentence(p, quality) for p in products]
    unsaid = POLICY_UNSAID if quality in _POLICIES else "its description says nothing about it."
    if len(products) == 1:  # "is the 2nd waterproof?" asks yes or no: an answer either way
        return listing + f"\nOn {quality}: {found[0] or unsaid}"
    if not any(found):
        return listing
    rows = "\n".join(f"- [name_{i + 1}]: {sentence or 'its description does not say.'}"
                     for i, sentence in enumerate(found))
    return listing + f"\nOn {quality}:\n{rows}"


_SMALLER = re.compile(r"\bsmall(?:er|est)\b|\bless (?:big|bulky)\b|\bcompact\b", re.I)


def _sizes_compared(message: str, products: list[Product]) -> str:
    """"which one is smaller?" of items with listed sizes: each one's size, and the smallest (or biggest) where
    the sizes compare ("44mm" against "46mm"); a listing is one size, so its size field is the answer."""
    rows = "\n".join(f"- [name_{i + 1}]: " + (f"listed in size {p.size}." if p.size else "its listing gives no size.")
                     for i, p in enumerate(products))
    at = sized_pick(message, products)
    verdict = ""
    if at is not None:
        smaller = bool(_SMALLER.search(message))
        word = ("smaller" if smaller else "bigger") if len(products) == 2 else ("smallest" if smaller else "biggest")
        verdict = f"\nThe {word}: [name_{at + 1}] ({products[at].size})."
    return f"\nOn size:\n{rows}{verdict}"


def sized_pick(message: str, products: list[Product]) -> int | None:
    """The index of the one biggest (or, asked so, smallest) of products whose listed sizes all compare, for "which
    of these has the biggest screen" (the one "add that one" next means); None where sizes tie or are missing."""
    if asked_quality(message) != "size" or len(products) < 2:
        return None
    ranked = sorted((r, i) for i, p in enumerate(products) if (r := size_rank(p.size)) is not None)
    if len(ranked) != len(products) or ranked[0][0] == ranked[-1][0]:
        return None
    rank, at = ranked[0] if _SMALLER.search(message) else ranked[-1]
    return at if sum(r == rank for r, _ in ranked) == 1 else None


def _listing_facts(message: str, products: list[Product], size_said: str | None = None,
                   other_colors: Callable[[Product], list[str] | None] | None = None,
                   other_sizes: Callable[[Product], list[str] | None] | None = None) -> str:
    """Stock, listed size and colour, when asked ("is it in stock?", "the second one - how many litres?", "is the
    first one available in size 9?", "what colour is that one?"): read from the listing's own fields, one line per
    product. A size said with the question is answered against the listed one: a listing is one size."""
    out = []
    if _STOCK_ASKED.search(message) and not size_said:
        when = bool(_WHEN_BACK.search(message))  # the shop knows no restock dates: said so, not guessed
        out += [f"\n[name_{i + 1}] is {'in stock' if p.in_stock else 'out of stock right now'}."
                + (" I have no date for when it will be back." if when and not p.in_stock else "")
                for i, p in enumerate(products)]
    if size_said or _SIZE_ASKED.search(message):
        out += [f"\n[name_{i + 1}]'s listing gives no size." if not p.size else
                f"\n[name_{i + 1}] is listed in size {p.size}"
                + ("." if not size_said or size_said.casefold() == p.size.casefold() else f", not {size_said}.")
                for i, p in enumerate(products)]
        others = other_sizes(products[0]) if other_sizes is not None and len(products) == 1 else None
        if others:  # "which sizes does it come in?", "do you have it in a small": the model's other listings
            said = size_said and size_said.casefold() in {o.casefold() for o in others}
            out.append(f" The same model is also listed in {'size ' if len(others) == 1 else 'sizes '}"
                       f"{listed_with_and(others)}"
                       + (f": say 'size {size_said}' to see it." if said else "."))
    if _REVIEWS_ASKED.search(message):  # "how many reviews is that?", "5 stars from how many people?"
        out += [f"\n[name_{i + 1}] is rated {p.rating:g}/5 from {_reviews(p.review_count)}." if p.rating is not None
                else f"\n[name_{i + 1}] has no rating yet." for i, p in enumerate(products)]
    if _COLOR_ASKED.search(message):
        out += [f"\n[name_{i + 1}] is listed in {p.color}." if p.color else
                f"\n[name_{i + 1}]'s listing gives no colour." for i, p in enumerate(products)]
    named = _COME_IN.search(message) if other_colors is not None and len(products) == 1 else None
    if named and not _OTHER_COLORS.search(message):  # "does the 2nd come in black?"
        product, hue = products[0], named[1].casefold()
        known = other_colors(product)  # None: no model line to read other colours from
        others = known or []
        if product.color and hue == product.color.casefold():
            out.append(f"\nYes: [name_1] is listed in {product.color}.")
            return "".join(out)
        if hue in {c.casefold() for c in others} or hue in _HUES:
            has = hue in {c.casefold() for c in others}
            out.append(f"\n[name_1] is listed in {product.color or 'no colour'}; "
                       + (f"the same model is also listed in {listed_with_and(others)}." if has else
                          f"it is not listed in {named[1]}" + (f" (other colours: {listed_with_and(others)})."
                                                                if others else ", nor in any other colour."
                                                                if known is not None else ".")))
            return "".join(out)
    if other_colors is not None and len(products) == 1 and _OTHER_COLORS.search(message):
        others = other_colors(products[0])
        if others is not None:
            out.append(f" The same model is also listed in {listed_with_and(others)}." if others else
                       " No other colour of it is listed.")
    return "".join(out)


# A yes-or-no question about one item ("does it have gps?", "are those stretchy", "does the first one have a hood").
_YES_NO = re.compile(r"(?:^|[,.;!?]\s*)\W*(?:(?:ok|okay|and|so|hmm+|what about)\W+)*"
                     r"(?:(?:the|that|this)\s+\w+(?:\s+\w+)?\W+)?(?:does|do|is|are|has|have|can|will|would|any)\b|"
                     r"\?\s*$", re.I)
# Words of such a question that name no feature.
_NOT_FEATURES = frozenset(
    "a an the it its it's this that these those they them one ones first second third fourth fifth last 1st 2nd "
    "3rd 4th 5th does do is are has have had can will would could should any some got get come comes with without "
    "for of on in to and or but so ok okay hmm what about which how much many good nice really very too also "
    "still there here me my i i'm im you your u ur he she his her him we our pair pairs mean meant tho though "
    "think wondering wonder know tell more info details about sound sounds look looks seem seems like nice great "
    "lol pls please thanks thx then just actually wait oh ooh wow hmm hey yeah yes no not anything something good "
    "better best than fine perfect whats its "
    "worth buying getting money extra bucks "
    "cheaper cheap pricier price cost costs shop store ones two three four five both cart basket trolley "
    "item thing cheapest priciest expensive dearest rated rating ratings review reviews before after last".split())
_CLAUSES = re.compile(r"(?<=[.?!;])\s+")


def _asked_feature(message: str, product: Product) -> str:
    """A yes-or-no question about a feature no quality above covers ("does it have gps?"): the title or the
    description sentence that names it, quoted; else that the listing does not mention it. "" when the message
    is no such question or names nothing but the product's own brand, colour or aisle."""
    question = next((c for c in _CLAUSES.split(message) if _YES_NO.search(c)), None)
    if question is None:
        return ""
    named = f"{product.brand} {product.brand.replace(chr(39), '')} {product.color} {product.category}".lower()
    own = set(re.findall(r"[a-z]+", named))  # "the levis one?" names the product, asks nothing
    asked = [w for w in re.findall(r"[a-z][a-z'-]+", question.lower()) if len(w) >= 3 and w not in _NOT_FEATURES
             and w.replace("'", "") not in own and w.replace("'", "") not in _NOT_FEATURES]
    titled = set(re.findall(r"[a-z]+", product.title.lower().replace("'", "")))
    # "is the loreal glow one fragrance free?": words of its title before the feature name the item
    asked = [w for i, w in enumerate(asked) if w.replace("'", "") not in titled or i >= len(asked) - 2]
    if not asked or len(asked) > 3:  # nothing, or no one feature, asked about: the reply says what it knows
        return ""
    # The feature is said last ("is the lancome lipstick vegan?"), maybe in two words ("... fragrance free?").
    said = ([asked[-2:]] if len(asked) > 1 else []) + [[w] for w in reversed(asked)]
    for feature in said:
        if len(feature) == 1 and feature[0] in _QUALIFIERS and len(asked) > 1:
            continue  # "fragrance free?" is not answered by "cruelty free"
        stem = re.compile(r"\b" + r"[\s-]+".join(_word_forms(w) for w in feature) + r"\b", re.I)
        label = " ".join(feature)
        if stem.search(product.title):
            return f"\nOn {label}: its title names it ([name_1])."
        for sentence in _SENTENCE.split(product.description or ""):
            if stem.search(sentence):
                return f"\nOn {label}: {sentence.strip()}"
    if len(asked) > 2:
        return ""
    return f"\nOn {' '.join(asked[:3])}: its listing does not mention it."


# Words that say how an item is free of or safe from something, and name nothing alone: "fragrance free".
_QUALIFIERS = frozenset("free safe proof resistant friendly based compatible ready".split())


# Endings a feature word is said or listed with ("stretchy" / "stretch", "lined" / "lines", "insulated" / "insulation").
_ENDINGS = ("ability", "ility", "ions", "ness", "able", "ing", "ies", "ers", "ion", "ity", "ive", "ed", "es", "er",
            "ly", "y", "s", "d")


def _word_forms(word: str) -> str:
    """A pattern for a word and its forms: the word less one usual ending (at least four letters left), with any
    usual ending or none ("lined" -> "line", "lined", "lines"; not "linen", another word)."""
    base = next((word[:-len(e)] for e in _ENDINGS if word.endswith(e) and len(word) - len(e) >= 4), word)
    return f"{re.escape(base)}(?:{'|'.join(_ENDINGS)})?"
