"""The lists searches showed before the one on screen, and adds that name an item rather than point at it.

Why: a shopper who runs several errands in one chat names items from lists that have scrolled away ("and the
blue macbook, the 709 one, add that too" while earbuds are shown), or looks at the cart and then says "add the
first one" about the list they were choosing from. Resolved against the screen alone, such an add puts the
wrong product in the cart (the earbuds again, the cart's first line twice). Here an add of one item whose
named colour, brand or price the item lacks is checked against the earlier lists: the one item there that
has them all is added; none or several, and nothing is added and the reply says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.state import restore_search, search_slots
from assistant.types import DialogueState, Product
from assistant.vocab import CatalogVocab, singular, words, zipf
from recsys.types import Candidate

LISTS_KEPT = 4
# Prices said to name an item: "the 709 one", "for 439.99", "$24" (not "256gb", "flip6", "#2", "the 14 inch").
# (a number like 3.8 said with "ok", "stars" or "rating" is the rating asked about: "is 3.8 ok?")
_PRICE_SAID = re.compile(r"[$£€]\s?(\d+(?:\.\d{1,2})?)|(?<![\w.#])(?![1-5]\.\d(?!\d)\s*(?:ok|okay|fine|good|enough|"
                         r"stars?|rating|rated|/\s*5|out of))(\d{1,5}\.\d{1,2})(?![\w.%])|"
                         r"\b(?:the|for|at)\s+(\d{2,5})(?![\w.%])(?!\s*(?:-?inch|in\b|gb|tb|mm|ml|l\b|\"|pack|pcs|"
                         r"x\b|of\b|percent))")
# Returning to the list after a look at the cart: an add, not one more of a cart line.
_ONE_MORE = re.compile(r"\b(?:another|one more|more of|again|extra|second one of)\b", re.I)
# A title word this rare in English names a model or line ("vintage", "nimbus"), not the kind of thing.
_RARE = 3.5
# A story around the add ("it goes with my black dress") names other things than the item.
_MOST_WORDS = 14


def remember(state: DialogueState, shown: list[str], extends: bool) -> None:
    """Keep the list a search put on screen; "show more" extends the last one."""
    if not shown:
        return
    if extends and state.earlier_lists:
        state.earlier_lists = [*state.earlier_lists[:-1], list(shown)]
    elif not state.earlier_lists or state.earlier_lists[-1] != shown:
        state.earlier_lists = [*state.earlier_lists, list(shown)][-LISTS_KEPT:]


@dataclass(frozen=True)
class Named:
    """What an add said of its item: colours, brands and prices (each empty when not said)."""

    colors: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    prices: tuple[float, ...] = ()
    models: tuple[str, ...] = ()  # model numbers and rare title words: "939", "vintage", "flip6"
    # kinds of product said, singular ("blanket"): an item must be one, though they alone name no item
    kinds: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.colors or self.brands or self.prices or self.models)

    def fits(self, product: Product) -> bool:
        title = product.title.casefold()  # "the clinique eye cream": a colour word that is the product's name
        in_title = set(words(title))
        return (not self.colors or product.color.casefold() in self.colors
                or all(re.search(rf"\b{re.escape(c)}\b", title) for c in self.colors)) \
            and all(m in in_title for m in self.models) \
            and all(any(singular(w).endswith(k) for w in in_title) for k in self.kinds) \
            and (not self.brands or product.brand.casefold() in self.brands) \
            and (not self.prices or any(product.price is not None and 0 <= product.price - p < 1
                                        for p in self.prices))

    def said(self) -> str:
        """"the blue Apple ($709)": what was named, for the reply."""
        words = " ".join([*self.colors, *(b.title() for b in self.brands), *self.models]) or "item"
        prices = f" (${self.prices[0]:g})" if self.prices else ""
        return f"the {words}{prices}"


def named(message: str, vocab: CatalogVocab, rare_words: bool = True) -> Named:
    """The colours, brands (or a brand's product line: "macbook"), prices and model numbers an add names, and
    with `rare_words` its rare title words ("washable"); a question names none of those ("is the 1st one
    cordless?" asks whether it is)."""
    if len(message.split()) > _MOST_WORDS:
        return Named()
    brands = [b.casefold() for b in vocab.mentioned_brands(message)]
    line = vocab.brand_of_line(message)
    if line and line.casefold() not in brands:
        brands.append(line.casefold())
    prices = tuple(float(next(g for g in m if g)) for m in _PRICE_SAID.findall(message))
    colors = {c.casefold() for c in vocab.mentioned_colors(message)}
    models = tuple(dict.fromkeys(
        w for w in words(_PRICE_SAID.sub(" ", message))
        if w in vocab.title_words and (_model_number(w) or rare_words and zipf(w) < _RARE or w in _VARIANTS)
        and w not in vocab.brand_words and w not in colors and w not in vocab.categories
        and not vocab.names_kind(w)))
    inches = tuple(f"{n}-inch" for n in _INCHES.findall(message))  # "the 16 inch macbook pro"
    kinds = tuple(sorted({singular(h) for h in vocab.product_heads(message)}))
    return Named(tuple(colors), tuple(brands), prices, (*models, *inches), kinds)


# Words that tell a model's variants apart ("macbook pro" is no "macbook air"): said in an add, the title must
# have them.
_VARIANTS = frozenset("pro air max mini plus ultra lite se fe xl".split())
# A screen or size in inches: "16 inch", "16in", '16"'.
_INCHES = re.compile(r"\b(\d{2}(?:\.\d)?)\s?(?:-\s?)?(?:inch(?:es)?|in\b|\")", re.I)
# Where another request starts: "add the 1st, and have you got duvet covers", "add it. what's the total?".
_NEXT_REQUEST = re.compile(r"[.?!;]\s+|,?\s+\b(?:and|also|plus|then|but)\s+(?=(?:have|has|do|does|can|could|show|what|"
                           r"whats|what's|any|got|is|are|how|where|which)\b)", re.I)
_ADDS = re.compile(r"\b(?:add|put|throw|chuck|stick|pop|toss|take|get|buy|order|cart|basket)\b", re.I)


# An add that names nothing itself: "add to basket", "put it in the cart pls".
_BARE_ADD = re.compile(r"^\W*(?:(?:pls|please|so|ok|okay|then)\s+)*(?:add|put)\s+(?:it\s+|that\s+|this\s+|one\s+)?"
                       r"(?:(?:in|to|into)\s+(?:my\s+|the\s+)?(?:cart|basket|bag|trolley))?\W*(?:pls|please)?\W*$",
                       re.I)


def add_clause(message: str) -> str:
    """The part of a message that holds its add ("add the 1st" of "add the 1st, and have you got duvet
    covers"), so another request's words name nothing of the item added; an add that names nothing itself goes
    with the part said before it ("i prefer the brown fossil 32.99 with leather. add to basket")."""
    parts = [p for p in _NEXT_REQUEST.split(message) if p and p.strip()]
    at = next((i for i, p in enumerate(parts) if _ADDS.search(p)), None)
    if at is None:
        return message
    if at > 0 and _BARE_ADD.match(parts[at]):
        return f"{parts[at - 1]} {parts[at]}"
    return parts[at]


def _model_number(word: str) -> bool:
    """"939", "wf-1000xm5", "flip6": digits with letters, or three digits or more (not a count: "add 2")."""
    digits = sum(ch.isdigit() for ch in word)
    return digits > 0 and (digits < len(word) or digits >= 3)


def recalled(said: Named, state: DialogueState, product_of) -> Candidate | None:
    """The one product of the earlier lists (and the screen) that has everything the add named, else None. A
    colour alone names an item of the aisle on screen only: "the pink one is cute, add it" over candles is no pink
    T-shirt from two searches before."""
    seen: dict[str, Product] = {}
    colour_only = bool(said.colors) and not (said.brands or said.prices or said.models)
    for ids in (state.shown, *state.earlier_lists):
        for pid in ids:
            found = product_of(pid)
            if found is not None and said.fits(found) \
                    and not (colour_only and state.category and found.category != state.category):
                seen[pid] = found
    if len(seen) != 1:
        return None
    product = next(iter(seen.values()))
    return state.last_candidates.get(product.product_id) or Candidate(product, 0.0)


def back_from_cart(state: DialogueState, message: str, adds: bool, product_of) -> bool:
    """After a look at the cart, an add ("add the first one") picks from the list the shopper was choosing from,
    not the cart's lines: that list is put back on screen. One more of a line ("add another of the first") is
    the cart's."""
    if state.last_kind != "view_cart" or not adds or not state.earlier_lists or _ONE_MORE.search(message):
        return False
    products = [p for p in map(product_of, state.earlier_lists[-1]) if p is not None]
    if not products:
        return False
    _put_on_screen(state, products)
    return True


def _put_on_screen(state: DialogueState, products: list[Product]) -> None:
    state.shown = [p.product_id for p in products]
    state.shown_prices = [p.price for p in products]
    state.last_candidates = {p.product_id: Candidate(p, 0.0) for p in products}


# "go back to the phones pls, compare the first two", "back to the games. add the red jenga one": a list named by
# its kind, and something done with it.
_BACK_TO = re.compile(r"\bback\s+to\s+(?:the\s+|those\s+|these\s+|my\s+)?([a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)", re.I)
# What "back to the X" goes on to do with an item of that list: add, compare, or ask about one ("back to the
# garmins, whats the battery like on the first one"); not a new constraint ("back to the air fryers, under 120").
_ACTS_ON = re.compile(r"\b(?:add|put|stick|pop|compare|vs|versus|first|second|third|fourth|fifth|last|1st|2nd|3rd|"
                      r"4th|5th|number\s+\d|#\s?\d|cart|basket|is\s+(?:it|that|the)|does\s+(?:it|that|the)|"
                      r"how\s+much|tell\s+me|whats|what's|what\s+is)\b", re.I)


def back_to_list(state: DialogueState, message: str, vocab: CatalogVocab, product_of) -> str | None:
    """Put back on screen the latest earlier list of the kind a message goes back to when it acts on an item of it
    ("go back to the phones pls, compare the first two" while watches are shown, "back to the garmins, whats the
    battery like on the first one"), with its search: the kind's word in most of its titles, or its aisle.
    Returns the kind said, or None when nothing was put back."""
    said = _BACK_TO.search(message)
    if not said or not _ACTS_ON.search(message[said.end():] + " " + message[:said.start()]):
        return None  # "back to the jackets (under 120)": the earlier search said afresh (`going_back`)
    kinds = [w for w in words(said[1]) if len(w) > 2]
    on_screen = [p for p in map(product_of, state.shown) if p is not None]
    if not kinds or on_screen and _of_kind(on_screen, kinds, vocab):
        return None  # that kind is what is shown: "back to" it changes nothing
    for ids in reversed(state.earlier_lists):
        if ids == state.shown:
            continue
        products = [p for p in map(product_of, ids) if p is not None]
        if products and _of_kind(products, kinds, vocab):
            _back_on_screen(state, ids, products)
            return said[1]
    return None


def _back_on_screen(state: DialogueState, ids: list[str], products: list[Product]) -> None:
    """An earlier list on screen again, with its search, so "cheaper" next narrows that list, not the last one."""
    slots = next((dict(s) for s in reversed(state.earlier_searches) if s.get("shown") == ids), None)
    if slots is not None:
        state.earlier_searches = [*state.earlier_searches, {**search_slots(state), "shown": list(state.shown)}]
        slots.pop("shown", None)
        restore_search(state, slots)
    _put_on_screen(state, products)
    state.compared, state.looked_at, state.focus = [], [], None


# A question about one item named ("is the pixel 8a 512gb white water resistant?", "does the dyson come in pink"),
# not about the shop ("is there one in blue?", "do you have ...").
_ABOUT_ONE = re.compile(r"(?:^|[.!?,;]\s*)(?:(?:and|so|ok|okay|hmm+|also|but|wait|then)\W+)*"
                        r"(?:is|does|has|did|can|will|would|could|how\s+\w+\s+is)\s+(?:the|that)\s+(?!one\b|ones\b)",
                        re.I)
# An item said to have been shown: "the seiko presage from before", "the 8a ... that you showed me before".
_SHOWN_BEFORE = re.compile(r"\b(?:from\s+(?:before|earlier)|(?:you|u)\s+(?:showed|showd|had|listed|mentioned|suggested|"
                           r"recommended)|(?:one|ones)\s+(?:before|earlier)|earlier\s+one|(?:first|last|other|previous)"
                           r"\s+list)\b", re.I)


def asked_of_named(state: DialogueState, message: str, vocab: CatalogVocab, product_of) -> int | None:
    """The place on screen of the one item shown that a question asks about by name ("is the pixel 8a 512gb white
    water resistant?" after a cheaper list without it), or that is said to have been shown ("the seiko presage from
    before"); its list is back on screen when it had scrolled away. None when the message is neither, or names
    no one item of the lists shown. Why: read as a search, such a message keeps the last list's filters (a
    "cheaper" ceiling below the item's price) and says the item the shopper saw does not exist."""
    if not (_ABOUT_ONE.search(message) or _SHOWN_BEFORE.search(message)):
        return None
    pick = None
    for rare_words in (True, False):  # rare title words name it best ("presage"), unless the question asks one
        said = named(message, vocab, rare_words)
        if said.brands or said.models or said.prices:  # a colour alone names no item
            pick = recalled(said, state, product_of)
        if pick is not None:
            break
    if pick is None:
        return None
    pid = pick.product.product_id
    if pid not in state.shown:
        ids = next(ids for ids in reversed(state.earlier_lists) if pid in ids)
        _back_on_screen(state, ids, [p for p in map(product_of, ids) if p is not None])
    return state.shown.index(pid) + 1


def _of_kind(products: list[Product], kinds: list[str], vocab: CatalogVocab) -> bool:
    """Whether most products are of a kind named ("phones", "games", "the jackets"): a title word or the aisle."""
    stems = {k[:-1] if k.endswith("s") and len(k) > 3 else k for k in kinds}
    aisles = {vocab.categories.get(k) for k in kinds} - {None}

    def of_it(product: Product) -> bool:
        title = {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words(product.title)}
        return bool(stems & title) or product.category in aisles

    return 2 * sum(map(of_it, products)) > len(products)


# "ok add it. and the sony earbuds from the headphone list", "add that + the cerave cream beige 13.99", "add the
# decathlon purple one. now the bands pls": an add of what is on screen, then another request.
_LEADING_ADD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|nice|great|cool|yes|yep|yeah|perfect|fine|sure|lovely|right|awesome)\W+)*"
    r"(?:(?P<add>(?:add|put|stick|pop|throw|chuck)\s+(?:it|that|this|them|those|both|that one|this one|"
    r"the(?:\s+[\w'-]+){1,3}?\s+one|the\s+(?:first|second|third|fourth|fifth|last|\d(?:st|nd|rd|th))|"
    # "add the uno. and do you have a football?": an item named in a word or two, then a full stop
    r"the\s+[\w'&-]+(?:\s+[\w'&-]+)?(?=\s*[.!;]))"
    r"(?:\s+(?:in|to|into)\s+(?:my|the)\s+(?:cart|basket|bag|trolley))?(?:\s+(?:too|as well|please|pls))?)"
    r"(?:\s*[.!;+&]|,?\s+(?:and|then|plus|also|now)\b)|"
    # "the first one. and the yellow ikea blanket too": a pick said as a sentence of its own
    r"(?P<pick>(?:i'?ll\s+(?:take|have|get|go\s+with)\s+|(?:give|get)\s+me\s+)?the\s+(?:first|second|third|fourth|"
    r"fifth|last|\d(?:st|nd|rd|th)|cheaper|cheapest|better|best rated|pricier)(?:\s+one)?(?:\s+(?:please|pls))?)"
    r"\s*[.!;])"
    r"\s*(?:(?:and|also|then|plus|now|&)\s+)*(?P<rest>\S.*)$",
    re.I | re.S)  # not a comma alone: "add the first one, the purple one" names one item twice
# How many of it, said after the add: "add it, make it 2", "add it and 2 of them".
_COUNT_AFTER = re.compile(r"^\W*(?:make|change|set|update|\d|x\s?\d|(?:one|two|three|four|five|six)\b)", re.I)


_ABOUT_THE_CART = re.compile(r"\b(?:cart|basket|trolley|total|checkout|check out)\b", re.I)


@dataclass(frozen=True)
class AddThenMore:
    """An add of what is on screen, said first, and the request after it."""

    add: str
    rest: str


def add_then_more(message: str) -> AddThenMore | None:
    """The add said first and the rest, when a message adds what is on screen and then asks for more."""
    found = _LEADING_ADD.match(message)
    if not found or len(found["rest"].split()) < 2 or _ABOUT_THE_CART.search(found["rest"]) \
            or _COUNT_AFTER.match(found["rest"]):
        return None  # "add the navy one and show me my cart", "ok add it, make it 2": one cart turn
    add = found["add"] or f"add {found['pick']}"
    return AddThenMore(add, found["rest"].strip())
