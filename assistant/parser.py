"""Intent parsers behind one protocol: `read(message, state) -> Parsed` (and `parse` for the intent alone).

`RuleParser` is the deterministic parser (regular expressions + catalog vocabulary). The LM
parser plugs in behind the same protocol; what it saw on the way (its raw output, the intent
classifier's pick) comes back in `Parsed`, which the turn loop copies into the trace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from assistant import rules
from assistant.asked_facts import asks_item_policy
from assistant.budget import budget_fix
from assistant.cart_acts import read_cart_act, swap_act, swap_line_act
from assistant.crosslingual import has_non_latin_letters
from assistant.earlier_lists import named as what_is_named
from assistant.genders import gender_said
from assistant.naming import KIND_FAMILY, STOP_WORDS, narrowed, nth_of_brand, priced_pick, without_model_numbers
from assistant.types import ONE_LESS, PICK, SET_TO, DialogueState, Intent
from assistant.unit_price import ASKED as PER_UNIT_ASKED
from assistant.validate import cart_line
from assistant.vocab import PRODUCT_WORD_ZIPF, CatalogVocab, find_longest, graded_from_word, singular, words, zipf
from assistant.worth_it import worth_pair


@dataclass(frozen=True)
class Parsed:
    """A parser's reading of one message: the intent, which parser read it, and what it saw on the way."""

    intent: Intent
    parser: str                              # "rules" or "lm"
    lm_output: str | None = None             # the LM's raw decode
    prior: dict[str, Any] | None = None      # the intent classifier's own pick


class ParseError(ValueError):
    """A parser could not read the message; `output`/`prior` keep what it saw for the trace (the rules answer)."""

    output: str | None = None
    prior: dict[str, Any] | None = None


class IntentParser(Protocol):
    def read(self, message: str, state: DialogueState) -> Parsed:
        """Turn one shopper message, in the context of the dialogue so far, into an Intent (with its trace)."""
        ...

    def parse(self, message: str, state: DialogueState) -> Intent:
        """`read(...).intent`."""
        ...


_PRAISE = frozenset(
    "thanks thank you thx ty cheers ur your you're youre u are a the best lifesaver life saver great awesome "
    "amazing star "
    "legend so much very helpful that's thats all for today ok okay cool perfect nice lovely brilliant bye goodbye "
    "see ya later it that was were really just wow".split())


def _only_praise(text: str) -> bool:
    """A closing line ending in thanks whose other words are praise or sign-off only."""
    found = words(text)
    return bool(found) and found[-1] in ("thanks", "thx", "ty", "cheers", "you", "u") and all(w in _PRAISE
                                                                                               for w in found)


# "hey! my son starts soccer next wk and needs a ball", "hi! ideas for my mom?": a hello that opens a request.
_HELLO = re.compile(r"^\W*(?:hi+|hello|hey+|hiya|heya|yo|howdy|good (?:morning|afternoon|evening)|"
                    rf"{rules.HELLOS_ABROAD}|ciao)\b"
                    r"(?:\s+(?:there|all|guys|folks|team))?[\W_]*", re.I)
_NEED = re.compile(r"\b(?:needs?|needed|want(?:s|ed)?|looking|after|ideas?|gifts?|presents?|recommend|suggest|"
                   r"shopping|buy(?:ing)?|for (?:my|his|her|our|a|the))\b", re.I)


def _hello_then_request(text: str) -> bool:
    """Whether a hello opens a request ("hey! my son needs a ball"), which is answered, not greeted back."""
    found = _HELLO.match(text)
    if not found:
        return False
    rest = text[found.end():]
    return len(words(rest)) >= 3 and bool(_NEED.search(rest)) and not rules.SMALLTALK.match(rest)


def shown_products(state: DialogueState) -> list:
    """The candidates of the list on screen, in order."""
    return [state.last_candidates[p] for p in state.shown if p in state.last_candidates]


# Advice asked between items: "which would you pick for him?", "what would u choose", "which should I get?".
_ADVICE = re.compile(r"\bwhich\b[^.?!]{0,40}?\b(?:would|should|do|did)\s+(?:you|u|ya|i|we)\s+"
                     r"(?:\w+\s+)?(?:pick|choose|go (?:with|for)|take)\b|"
                     r"\b(?:would|should)\s+(?:you|u|i)\s+(?:pick|choose|go (?:with|for))\b[^.!]*\?|"
                     r"\byour (?:pick|choice|vote)\b", re.I)
# "did the pan actually go into my cart, right?", "is it in my basket": a question about the cart.
_CART_CHECK = re.compile(r"\b(?:did|has|have|is|was|are)\b[^?.!]{0,60}\b(?:go|gone|went|get|got|added|make it|in|into)"
                         r"\b[^?.!]{0,20}\b(?:cart|basket|trolley)\b(?:[^?]{0,15}\?|\W*right\b)", re.I)
# A message that starts by asking why: "why are these all Lenovo and HP?" asks about the ranking, whatever it names.
_ASKS_WHY = re.compile(r"^\W*(?:(?:and|so|ok|okay|but|hmm+|wait|um+)\W+)*(?:why|how come)\b", re.I)
# A question about a shown item: "is the 2nd waterproof", "does the first one fold".
_ITEM_QUESTION = re.compile(r"^\W*(?:and\s+|so\s+|ok\s+)?"
                            r"(?:is|does|do|are|has|have|can|will|how|hows|what|whats|which)\b|"
                            # "They resist to the sweat?", "it fits a 15 inch laptop?": a statement asked as a question
                            r"^\W*(?:and\s+|so\s+|ok\s+)?(?:they|it)\s+(?!(?:are|is|'re|'s)\b)[a-z]+\b(?=[^?]*\?\W*$)",
                            re.I)
# "does the 1st one come pumped up or do i need to buy a pump?": something else to buy, asked about; no pick.
_NEED_TO_BUY = re.compile(r"\b(?:need|have|got)\s+to\s+(?:buy|get|order)\b", re.I)
# A position, then the question about it, unpunctuated: "1st one what color", "3rd one how much".
_POSITION_THEN_ASKS = re.compile(rf"^\W*{rules.POSITION}\s+(?:what|whats|how|hows|is|does|do|any|which|can|will|has)\b",
                                 re.I)
_THE_X_ONE = re.compile(r"\b(?:the|that)\s+([\w'&\- ]{2,30}?)\s+(?:one|ones|pair)\b", re.I)
_MOST_EXPENSIVE = re.compile(r"\b(?:most expensive|priciest|dearest|most premium)\b", re.I)


# A question about a list position by its bare number: "is 4 waterproof?", "does #2 come in black".
_NUMBER_QUESTION = re.compile(r"^(?:(?:is|does|has|can|will|are|do)\s+|"
                              r"(?:specs?|details?|info|more info|more)\s+(?:on|for|of|about|abt)\s+)"
                              r"(?:number\s+|no\.?\s*|#)?(\d)\b"
                              r"(?!\s?(?:[$%]|mm\b|cm\b|kg\b|gb\b|tb\b|inch|hours?\b|years?\b|dollars|bucks))", re.I)
# ... or ending in it: "hows the battery on 2", "what's the weight of #3?".
# ... or asked tersely: "battery on 2?", "weight of #3?", "price for the 4th?"
_QUESTION_ON_NUMBER = re.compile(r"^(?:(?:how|hows|how's|what|whats|what's|is|are|does|do|any)\b[^?.!]{0,40}?|"
                                 r"(?:the\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?=(?:on|of|for)\s+[^?]*\?\s*$))"
                                 r"\b(?:on|of|for|with|about|abt)\s+(?:number\s+|no\.?\s*|#)?(\d)\s*\??\s*$", re.I)
# "what else would you recommend for a housewarming?": ideas for an occasion or a person, not more of the list.
_FOR_SOMEONE = re.compile(r"\bfor\s+(?:a|an|my|his|her|their|our|the)\s+\w+", re.I)
# What a service question is about, and what was bought already: "free returns on shoes", "ordered running
# shoes 2 days ago". The product there is the question's subject, not one asked for.
_SERVICE_OF = re.compile(r"\b(?:returns?|refunds?|exchanges?|delivery|shipping|postage)\s+(?:on|for|of)\s+"
                         r"(?:the\s+|your\s+|my\s+|these\s+|those\s+)?[\w-]+(?:\s+[\w-]+)?|"
                         r"\b(?:ordered|bought|purchased)\s+(?:a\s+|an\s+|some\s+|the\s+|my\s+)?[\w-]+(?:\s+[\w-]+)?",
                         re.I)
# What someone a present is for likes: "he like sport and music", "she's into yoga".
_LIKES_OF = re.compile(r"\b(?:he|she|they|who)(?:'s|\s+is|\s+are)?\s+(?:likes?|loves?|(?:really\s+)?into|enjoys?|"
                       r"plays?)\s+[^.?!,;]*", re.I)
# "trying to decide if i need a jacket": a need in doubt asks for nothing.
_IF_I_NEED = re.compile(r"\b(?:if|whether)\s+(?:i|we|he|she|they)\s+(?:really\s+)?(?:need|want)", re.I)
# Words of assent before a pick: "ok the 2nd", "yeah the 3rd one".
_LEADING_OK = re.compile(r"^\W*(?:(?:ok(?:ay)?|yes|yeah|yep|yup|hmm+|um+|right|alright|fine|cool|so|well|then|meh|eh|"
                         r"whatever|oh well|and)\W+)+",
                         re.I)
# "the two cheapest", "the 3 cheapest ones".
# "only 1?", "just 2 results?": a remark on how many were found, not a position.
_ONLY_COUNT = re.compile(r"^\W*(?:only|just)\s+(?:\d|one|two|three)\s*(?:\?|results?\b|items?\b|options?\b|left\b)",
                         re.I)
_CHEAPEST_ONES = re.compile(r"^\W*(?:(?:ok|okay|so|hmm+|and|what about|show me|any|what are|whats|what's)\s+)*"
                            r"(?:the\s+)?(?:cheapest|least expensive|lowest[- ]priced?)"
                            r"(?:\s+(?:decent|good|ok|okay|ones|options|stuff|you(?:'ve| have)?\s+got|available|pls|"
                            r"please))*"
                            r"\W*$", re.I)
# "top rated ones please", "show me the best rated ones": the search's best rated first (plural), not one item of the
# list picked ("which is the top rated one?" asks of the list)
_BEST_RATED_ONES = re.compile(r"^\W*(?:(?:ok|okay|so|hmm+|and|what about|show me|can i see|let me see|any|what are|"
                              r"whats|what's|just)\s+)*(?:the\s+|only\s+)?(?:top|best|highest)[- ]rated\s+"
                              r"(?:ones|options|stuff|items|products)(?:\s+(?:pls|please|first|only|then))*\W*$", re.I)
# "could you show me some dearer ones?", "any nicer options": a step up for the search, not a pick of the dearest shown.
_PRICIER_ONES = re.compile(r"\b(?:dearer|pricier|more expensive|higher[- ]end|fancier|posher|nicer|better quality)\s+"
                           r"(?:ones|options|stuff|models)\b|\bsome\s+(?:dearer|pricier|more expensive|nicer|better)\b",
                           re.I)
_N_CHEAPEST = re.compile(r"\b(?:the\s+)?(two|three|four|2|3|4)\s+cheapest\b|"
                         r"\bthe\s+cheapest\s+(two|three|four|2|3|4)\b", re.I)
# "the best rated", "the one with the better rating", "highest reviews", "top rated".
_MOST_REVIEWS = re.compile(r"\bmost (?:reviews|reviewed|ratings|popular)\b", re.I)
_BEST_RATED = re.compile(r"\b(?:best|better|highest|higher|top)[\s-]+(?:rated|rating|reviewed|reviews?|stars?)\b|"
                         r"\bmost (?:stars|reviews|popular)\b", re.I)
# "which of these is the cheapest?", "which one of them has the best reviews", "which would you say is the
# lightest", "among these which one most soft": all shown, side by side (the loop names the one a listed fact
# picks: `listed_answer`).
_WHICH_OF_THESE = re.compile(r"^\W*(?:(?:among(?:st)?|out of|of|from)\s+(?:these|those|them)\W+)?"
                             r"(?:so\s+|ok\s+|and\s+)?which\s+(?:one\s+)?(?:(?:would|do|did)\s+(?:you|u)\s+"
                             r"(?:say|think|reckon)\s+)?(?:(?:of|from)\s+(?:these|those|them|this|"
                             r"the\s+\w+)|(?:ones?|is|has|'s|s|costs?)\b)", re.I)
# "which of these has ...", "which one is ...": one item asked for among those shown, by a feature.
_WHICH_ONE_HAS = re.compile(r"^\W*(?:(?:so|ok|okay|and|hmm|also)\W+)?which\s+(?:one\s+)?"
                            r"(?:of\s+(?:these|those|them)\s+|(?<=one\s))"
                            r"(?:is|has|'s|comes?|got|does|can|will|would|works?|fits?)\b", re.I)
# "which of these is a smartwatch": the kind asked for among those shown, a question whether or not it ends in "?".
_WHICH_IS_A = re.compile(r"^\W*(?:(?:so|ok|okay|and|hmm|also)\W+)?which\s+(?:one\s+)?(?:of\s+(?:these|those|them)\s+)?"
                         r"is\s+(?:a|an)\s+[\w -]+\??$", re.I)
# A superlative a listed fact answers: price, rating, review count.
_LISTED_FACT = re.compile(rf"{rules.CHEAPEST.pattern}|{_MOST_EXPENSIVE.pattern}|{_BEST_RATED.pattern}", re.I)


def listed_answer(text: str, shown: list, vocab: CatalogVocab) -> tuple[int, str] | None:
    """"which of these is the cheapest / best rated / has the most reviews?": the 1-based position the catalog's
    price, rating or review count picks among `shown` (candidates), and the words that asked; None otherwise.
    Of more than two, a price comparative asks the superlative ("which one is cheaper?" of five: the cheapest);
    of two, `pair_verdict` says by how much."""
    asked = _LISTED_FACT.search(text)
    if not asked and len(shown) > 2:
        text = _as_superlative(text)
        asked = _LISTED_FACT.search(text)
    if not asked or not shown:
        return None
    picked = shown_references(text, shown, vocab)
    return (picked[0], asked[0].strip()) if len(picked) == 1 else None
# A yes/no question whose subject is a shown position: "does the 2nd fit a 15 inch laptop?".
_POSITION_ASKED = re.compile(r"^\W*(?:is|does|do|can|will|would|could|has|have)\s+(?:the\s+|number\s+|#)?"
                             r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)\b", re.I)
# A product wanted for a use, with the verb a cart command would have: "something to put it on".
_THING_TO_DO = re.compile(r"\b(?:something|anything|smth|a thing)\s+to\s+(?:put|keep|carry|store|stick|hang)\b", re.I)
# A basket that is part of the product (an air fryer's, a bike's): "is the basket dishwasher safe?"
_ITEMS_BASKET = re.compile(r"\b(?:is|are|does|do|can|how \w+ is)\s+(?:the|its|it'?s|their)\s+baskets?\b"
                           r"(?!\s*(?:\?|empty|full|now))|"
                           r"\bbaskets?\s+(?:size|capacity|dishwasher|non-?stick|removable|big|large|small)\b", re.I)
# The brand's items named before, then taken off the list: "leave those out", "take them away", "hide these".
_LEAVE_THEM_OUT = re.compile(r"\b(?:leave|keep)\s+(?:those|them|these)\s+out\b|\btake\s+(?:those|them|these)\s+"
                             r"(?:away|off)\b|\bhide\s+(?:those|them|these)\b", re.I)
# "go on then", "go on": a British yes, said with a pick ("that one at the top, go on").
_GO_ON = re.compile(r"\bgo on(?:\s+then)?\W*$|^\W*go on\b", re.I)
# "the cheaper of those two", "the less expensive one": a pick between two set side by side.
_COMPARATIVE = re.compile(rf"\b(?:the\s+)?(?:({rules.COSTS_LESS_WORDS})|({rules.COSTS_MORE_WORDS}))\s+(?:one|of)\b",
                          re.I)

# "the cheaper one", "the pricier one": of more than two shown, the superlative's pick.
_THE_COMPARATIVE_ONE = re.compile(rf"\bthe\s+(?:{rules.COSTS_LESS_WORDS}|{rules.COSTS_MORE_WORDS})\s+one\b", re.I)

# The better rated of two: "ok go with the better rated one", "the higher rated of the two".
_RATED_COMPARATIVE = re.compile(r"\b(?:better|higher|more\s+highly)[\s-]+(?:rated|reviewed)\b|\bbetter\s+reviews\b",
                                re.I)

# A yes-or-no question with no subject, about the item in focus: "is waterproof?", "yes but has bluetooth?"
_SUBJECTLESS_QUESTION = re.compile(r"^\W*(?:(?:yes|yeah|ok|okay|but|and|so|hmm+)\W+)*(?:is|are|has|have|can|does)\s+"
                                   r"(?!(?:there|it|its|this|that|they|these|those|the|a|an|any|you|u|your|i|we|he|"
                                   r"she|one|ones|my)\b)[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s*\?", re.I)
_CART_ALONE = re.compile(r"^\W*(?:(?:my|the|show|see|view)\s+)*(?:cart|basket|bag|trolley)\W*$", re.I)
# One item picked by price between positions said: "the cheaper of the first two", "the pricier of the 1st and 3rd".
_COMPARATIVE_PICK = re.compile(rf"\bthe\s+(?:{rules.COSTS_LESS_WORDS}|{rules.COSTS_MORE_WORDS})\s+(?:one\s+)?of\s+"
                               r"(?:the\s+)?(?:first|last|top|bottom|\d(?:st|nd|rd|th)|#\s?\d|number\s+\d)\b", re.I)


def shown_references(text: str, shown: list, vocab: CatalogVocab, compared: tuple[int, ...] = ()) -> tuple[int, ...]:
    """The one shown product the words pick: "the cheapest", "the most expensive", "the Sony one",
    "the kettle", and after a compare (`compared`: the positions set side by side) "the cheaper of
    the two"; () when none or several match (which of several is not for a pattern to guess)."""
    if not shown:
        return ()
    among = _of_named(text, shown, vocab)
    if among is not None and not among:
        return ()  # "add the cheapest osprey" with no Osprey shown: no other maker's cheapest
    pool = [(i, c) for i, c in enumerate(shown) if among is None or i + 1 in among]
    priced = [(c.product.price, i + 1) for i, c in pool if c.product.price is not None]
    comparative = _COMPARATIVE.search(text)
    # "the cheaper of the first two", "the pricier of the 1st and 3rd": between the positions said
    ranged = rules.RANGE_REF.search(text) or rules.LAST_RANGE.search(text)  # not "those two": the ones compared
    said = (rules.range_references(text, len(shown)) if ranged else ()) \
        or rules.parse_references(text, allow_bare_numbers=False)
    among_said = set(said) if comparative and len(said) >= 2 else set(compared)
    # of two shown, or of the ones the words name ("the cheaper of the red kettles")
    pair = [(p, i) for p, i in priced if i in among_said] if among_said else \
        priced if len(shown) == 2 or among is not None and len(pool) >= 2 else []
    if comparative and pair:
        return (min(pair)[1],) if comparative[1] else (max(pair)[1],)
    rated_pair = [(c.product.rating or 0.0, -(i + 1)) for i, c in pool if i + 1 in among_said] if among_said else \
        [(c.product.rating or 0.0, -(i + 1)) for i, c in pool] if len(shown) == 2 else []
    if _RATED_COMPARATIVE.search(text) and len(rated_pair) >= 2:  # "go with the better rated one" of the two
        return (-max(rated_pair)[1],)
    several = _N_CHEAPEST.search(text)
    if priced and several:  # "the two cheapest", "the 3 cheapest ones": in list order
        n = rules.count_of(several[1] or several[2])
        return tuple(sorted(i for _, i in sorted(priced)[:n])) if 2 <= n <= len(priced) else ()
    if priced and rules.CHEAPEST.search(text):
        return (min(priced)[1],)
    at_price = priced_pick(text, priced)
    if at_price:
        return at_price
    reviewed = [(c.product.review_count, i + 1) for i, c in pool
                if getattr(c.product, "review_count", None) is not None]
    if reviewed and _MOST_REVIEWS.search(text):  # "the one with the most reviews", first on ties
        most = max(n for n, _ in reviewed)
        return (min(i for n, i in reviewed if n == most),)
    rated = [(c.product.rating, i + 1) for i, c in pool if c.product.rating is not None]
    if rated and _BEST_RATED.search(text):  # "the one with the best reviews": the highest rated, first on ties
        best = max(r for r, _ in rated)
        return (min(i for r, i in rated if r == best),)
    if priced and _MOST_EXPENSIVE.search(text):
        return (max(priced)[1],)
    named = _THE_X_ONE.search(text)  # "the Sony one", "the kettle": a name, not a new search
    if not named or re.search(r"\b(?:not|no|none of|without|except)\s+(?:the|that|those)\s*$", text[:named.start() + 4],
                              re.I):
        return ()  # "not the matte ones" excludes, it does not pick
    for brand in vocab.mentioned_brands(named[1]):
        hits = narrowed(named[1], [i + 1 for i, c in enumerate(shown) if c.product.brand == brand], shown)
        if len(hits) == 1 or hits and named[0].lower().endswith(" one"):
            return (hits[0],)  # "the hoka one" with two Hokas shown: the higher-ranked one
    return title_word_reference(named[1], [c.product for c in shown], first_of_few=named[0].lower().endswith(" one"))


def _the_thing_asked(said: re.Match | None, shown: list) -> tuple[int, ...]:
    """"the puzzle, what age is it for?", "the one with the hood, does it pack down small?" (`said`: the message's
    `_THE_THING_THEN` match): the one shown product a word of its title names, said before a question about it; ()
    when none or several are named."""
    return title_word_reference(said[1], [c.product for c in shown]) if said and len(shown) > 1 else ()


# "the puzzle, what age ...", "and the kettle - does it ...": a thing named, then a question.
_THE_THING_THEN = re.compile(r"^\W*(?:(?:and|so|ok|okay|hmm+)\W+)?the\s+(?:one\s+with\s+(?:the\s+|a\s+|an\s+)?)?"
                             r"([a-z][\w'-]+(?:\s+[a-z][\w'-]+)?)\s*"
                             r"(?:,|-+|:)\s*(?:what|how|is|does|do|can|will|has|would|are|any)\b", re.I)


def picked_after_compare(text: str, shown: list, vocab: CatalogVocab, compared: tuple[int, ...]) -> tuple[int, ...]:
    """"black one pls", "ok orange one" right after two were set side by side: the one of them the words pick,
    said without "the"; () when none or both do."""
    said = _BARE_ONE.match(text)
    picked = shown_references(f"the {said[1]} one", shown, vocab, compared) if said else ()
    return picked if len(picked) == 1 and picked[0] in compared else ()


# "black one pls", "ok the orange one": a word and "one", the whole of a short message.
_BARE_ONE = re.compile(r"^\W*(?:(?:ok|okay|yeah|yes|right|fine|then|so|hmm+)\W+)*(?:the\s+)?([\w'&-]+(?:\s+[\w'&-]+)?)"
                       r"\s+one\b\W*(?:(?:pls|please|plz|thanks|then)\W*)?$", re.I)


# A question word: "... wants a basketball too, whats the best rated one" asks, it picks nothing yet.
_WH_ASKED = re.compile(r"\b(?:what'?s|whats|what\s+is|which|how)\b", re.I)
_SIZE_SAID = re.compile(r"\b(?:size|sz)\s*\S+|\b\d+(?:\.\d+)?\b", re.I)
# Where an add puts it: "stick the cheapest one in the basket" names no basket to pick.
_CART_NOUN = re.compile(r"\b(?:basket|cart|trolley|checkout)s?\b", re.I)


def _of_named(text: str, shown: list, vocab: CatalogVocab) -> set[int] | None:
    """Positions of the shown products of the brands and aisles a pick by price or rating names ("the cheapest
    osprey", "the best rated sony one", "the cheapest levi's jackets" over jeans: none); None when it names
    neither or picks by no such fact."""
    if not (rules.CHEAPEST.search(text) or _N_CHEAPEST.search(text) or _BEST_RATED.search(text)
            or _MOST_EXPENSIVE.search(text) or _MOST_REVIEWS.search(text)
            or _COMPARATIVE.search(text) and _OF_THE_KIND_SAID.search(text)):  # "the cheaper of the red kettles"
        return None
    brands, aisles = set(vocab.mentioned_brands(text)), set(vocab.wanted_categories(text))
    # "add the cheapest kettle" over kettles and the pans that filled the list: the kettles
    heads = set() if aisles else vocab.product_heads(_CART_NOUN.sub(" ", text))  # not "in the basket"
    if not brands and not aisles and not heads:
        # "add the cheapest gaming one", "the best rated black one": the titles that have the words said, where
        # some shown do and some do not
        every = list(range(1, len(shown) + 1))
        # (a size, a number or the cart said with the pick describes none of them: "the higher rated one, size 10")
        said = narrowed(rules.CART_WORD.sub(" ", _SIZE_SAID.sub(" ", text)), every, shown)
        return set(said) if len(said) < len(every) else None
    picked = [i + 1 for i, c in enumerate(shown)
              if (not brands or c.product.brand in brands) and (not aisles or c.product.category in aisles)
              and (not heads or heads & set(words(c.product.title)))]
    # "the cheapest lego city" of Lego City and Lego Friends sets: the model words said narrow the brand's
    return set(narrowed(text, picked, shown) if len(brands) == 1 and picked else picked)


# "ok what's in there now", "what have i got in there": the cart, asked right after it changed
_IN_THERE = re.compile(r"^\W*(?:(?:ok|okay|so|and|right)\W+)*"
                       r"(?:what'?s|whats|what is|what have i got|what do i have)\s+in\s+(?:there|it)"
                       r"(?:\s+(?:now|so far|then))?\W*$", re.I)
# "1 of the 2nd", "one of the third one": one of that item, an add (as "2 of the first one" is)
_ONE_OF_NTH = re.compile(r"^\W*(?:(?:and|ok|okay|plus|then)\W+)?(?:just\s+)?(?:1|one|a single)\s+of\s+(?:the\s+)?"
                         r"(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)(?:\s+one)?(?:\s+(?:pls|please))?\W*$",
                         re.I)
# "... of the red kettles", "of those sony ones": the shown products a comparative picks among, by words
_OF_THE_KIND_SAID = re.compile(r"\bof\s+(?:the|those|these)\s+(?!(?:two|2|first|last|top|bottom)\b)[a-z]", re.I)
# A cart line picked by its price: "drop the expensive one", "remove the cheaper one", "take out the priciest".
_PRICE_PICK = re.compile(r"\b(?:the\s+)?(?:(cheap|cheaper|cheapest|less expensive|least expensive|lower priced)|"
                         r"(expensive|more expensive|most expensive|pricier|priciest|pricey|dearer|dearest))"
                         r"(?:\s+(?:one|ones|item|thing|of)\b|\W*$)", re.I)


def priced_line(text: str, lines: list) -> tuple[int, ...]:
    """The one cart line (products, in cart order) a removal picks by price ("remove the most expensive" of one line
    is that line); () otherwise."""
    picked = _PRICE_PICK.search(text)
    priced = [(p.price, i + 1) for i, p in enumerate(lines) if p.price is not None]
    if not picked or not priced:
        return ()
    return (min(priced)[1],) if picked[1] else (max(priced)[1],)


# A count of items named in words: "2 of the black bass boost ones".
_OF_NAMED = re.compile(r"\bof\s+the\s+(?!(?:first|second|third|fourth|fifth|last|cheapest|top)\b)[\w'&-]+"
                       r"(?:\s+[\w'&-]+){0,2}\s+ones?\b", re.I)
# A size said of a pick: "the black one in 9", "the first pair in a 10" (blanked before positions are read).
_ONE_IN_SIZE = re.compile(r"(\b(?:one|ones|pair|pairs)\s+in\s+(?:a\s+|an\s+|size\s+)?)\d{1,2}(?:\.5)?\b(?![\d.,%$])",
                          re.I)
# A count of the items on screen with no pick: "add 2 of those", "grab 2 of them, one for my brother".
_ADD_N_OF_THEM = re.compile(r"^\W*(?:(?:ok|okay|so|then|yes|yeah|cool|great)\W+)*(?:(?:can you|pls|please)\s+)?"
                            r"(?:add|grab|get|buy|take|order|put)\s+(?:me\s+)?(?:\d|two|three|four)\s+of\s+"
                            r"(?:those|these|them|em)\b", re.I)
_N_OF_THEM = re.compile(r"\b(?:\d|two|three|four)\s+of\s+(?:those|these|them|em)\b", re.I)
# Facts of an item asked for by naming them: "number 2 please, price and colour", "the 3rd, size and rating?"
# ("the 1st pls, size 8": the size chosen, not asked).
_FACTS_ASKED = re.compile(r"\b(?:price|cost|colou?rs?|sizes?(?!\s+(?:\d|[xsml]{1,3}\b|xx?[sl]\b|small|medium|large)"
                          r")|rating|reviews|specs|details|description|material|weight|dimensions)\b", re.I)
# A liking said, then a question: "the ikea one is fine. whats its rating", "that one's perfect, how big is it?".
_FINE_THEN_ASKS = re.compile(r"\b(?:is|'s)\s+(?:fine|perfect|ok|okay|good)\b\W+(?:but\s+|and\s+|so\s+)?"
                             r"(?:what|whats|what's|how|is|does|do|has|can|which|any)\b", re.I)
# A price superlative with no article and no "one": the list asked for, cheapest first ("cheapest skechers pls").
_LIST_ASKED = re.compile(r"\W*(?:(?:ok|okay|hmm+|so|and)\W+)*(?:cheapest|lowest[- ]priced?)\s+(?!ones?\b)[\w'&-]+"
                         r"(?:\s+(?!ones?\b)[\w'&-]+)?\W+(?:please|pls|plz)\W*$", re.I)
# What follows a pick as a remark, not a question or a request: "fingers crossed it fits", "hope she likes it".
_REMARK_AFTER = re.compile(r"(?:fingers crossed|hope|hopefully|(?:she|he|they|it|that)(?:'ll| will)|i think|"
                           r"looks|sounds|lovely|great|perfect|thanks|thank you|cheers|ta\b|wish me luck|"
                           r"it'?s for|its for|for my|for her|for him)", re.I)
# An answer that only points: "the 2nd?", "number 3", "first one pls".
_BARE_PICK = re.compile(rf"\W*(?:(?:ok|okay|um+|hmm+|erm?)\W+)?{rules.POSITION}(?:\s+(?:please|pls|plz))?\W*", re.I)
_POINTER = re.compile(r"\b(?:it|them|those|these|that|this)\b", re.I)
_SAID_OF_IT = re.compile(r"\s+(?:would|will|could|is|are|looks?|seems?|match(?:es)?|goes|go|please|pls|too|also)\b",
                         re.I)


def _named_in(words_said: str, shown: list, vocab: CatalogVocab) -> tuple[int, ...]:
    """The shown items a phrase names as "the airpods", "the samsung", "the yellow": read as "the ... one"."""
    part = _SAID_OF_IT.split(words_said.strip(" ?!.,"))[0]
    part = re.sub(r"^\W*(?:is|are|was|would|will|do|does)\s+", "", part, flags=re.I)
    if not re.search(r"\b(?:one|ones|pair)\W*$", part, re.I):
        part = f"{part} one"
    return shown_references(part, shown, vocab) or brand_references(part, shown, vocab)


# What comes before a part's "the" or "that": the verb and fillers of the message ("ooh add").
_FROM_THE = re.compile(r"^.*?\b(?=(?:the|that)\b)", re.I)


def named_parts(text: str, shown: list, vocab: CatalogVocab,
                focus: int | None = None) -> list[tuple[str, tuple[int, ...]]]:
    """Each part of a message naming a shown product ("the red and the blue one", "the casio vs the seiko", "the
    first maybelline and the brown vegan one"), with the positions it picks (`shown_references`, or the nth of the
    brand it says; "that one" is `focus`, the item just looked at): one when it names one item, () when none.
    Each part is given from its "the" or "that" on ("the beige one" of "ooh add the beige"), as a reply names it."""
    parts: list[tuple[str, tuple[int, ...]]] = []
    said_the = False
    for part in re.split(r"\s*(?:\band\b|\bvs\.?|\bversus\b|\bor\b|\bwith\b|[,;.!?]|&)\s*", text, flags=re.I):
        if not re.search(r"\b(?:the|that)\s+\S", part, re.I):
            if not (said_the and 0 < len(part.split()) <= 3 and re.fullmatch(r"[\w'&-]+(?:\s+[\w'&-]+)*", part)
                    and not rules.parse_references(part, allow_bare_numbers=True)):  # "the 1st and 3rd": positions
                said_the = False
                continue
            part = f"the {part}"  # "the v15 and v8": the article said once for both
        said_the = True
        if _THAT_ONE_PART.search(part):  # "get me that one and the blue tefal one"
            parts.append((_FROM_THE.sub("", part), (focus,) if focus is not None else ()))
            continue
        part = _SAID_OF_IT.split(part)[0]  # "the grey philips kettle would match": the name before what is said of it
        if not re.search(r"\b(?:one|ones|pair)\W*$", part, re.I):
            part = f"{part.rstrip(' ?!.')} one"
        places = rules.parse_references(part, allow_bare_numbers=False)
        among = nth_of_brand(part, shown, vocab) if len(places) == 1 else None
        if among is not None:  # "the first maybelline": the first of the Maybellines
            found = (among[places[0] - 1],) if 0 < places[0] <= len(among) else ()
        else:
            found = places if len(places) == 1 and 0 < places[0] <= len(shown) else shown_references(part, shown, vocab)
        name = _FROM_THE.sub("", part)
        said = what_is_named(name, vocab, rare_words=False)
        if len(found) == 1 and said and not said.fits(shown[found[0] - 1].product):
            found = ()  # "the black bose one" with a red Bose shown, "the yellow ikea blanket" among lamps: not it
        parts.append((name, found))
    return parts


# "both nivea ones", "both the renew ones", "both of the black ones": two items named by what they share.
_BOTH_OF = re.compile(r"\bboth\s+(?:of\s+)?(?:the\s+|those\s+|these\s+)?(?P<what>[\w'&-]+(?:\s+[\w'&-]+){0,2}?)"
                      r"\s+ones?\b", re.I)


def _both_named(text: str, shown: list, vocab: CatalogVocab) -> tuple[int, ...] | None:
    """The positions of the shown items "both X ones" names (by brand, colour or title words), when that is two
    of them; () when it names another number of them (which two is asked); None when "both" names nothing."""
    said = _BOTH_OF.search(text)
    if not said or rules.parse_references(said["what"], allow_bare_numbers=True) \
            or re.search(r"\b(?:of|these|those|them|two|2)\b", said["what"], re.I):
        return None  # "both the first one and the last one": positions, read as such
    what = what_is_named(said["what"], vocab, rare_words=False)
    wanted = [w for w in words(said["what"]) if w not in STOP_WORDS]
    if what.brands or what.colors:
        hits = tuple(i + 1 for i, c in enumerate(shown) if what.fits(c.product))
    elif wanted:
        hits = tuple(i + 1 for i, c in enumerate(shown)
                     if all(w in words(c.product.title.lower()) or singular(w) in words(c.product.title.lower())
                            for w in wanted))
    else:
        return None
    return hits if len(hits) == 2 else ()


# Items joined as several ("the friends one and the city one", "x & y"), not one item named twice with a comma.
ITEMS_JOINED = re.compile(r"\b(?:and|plus|as well as)\b|&", re.I)
# A part that points at the item just looked at: "get me that one", "add this one".
_THAT_ONE_PART = re.compile(r"^\W*(?:(?:ok|okay|so|yes|yeah)\W+)*(?:(?:add|get(?: me)?|put|i'?ll take|take|grab)\s+)?"
                            r"(?:that|this)\s+one\W*$", re.I)


def each_named(text: str, shown: list, vocab: CatalogVocab) -> tuple[int, ...]:
    """Shown products named one by one: the positions in the order said when at least two parts each name one,
    else ()."""
    picked: list[int] = []
    for _, found in named_parts(text, shown, vocab):
        if len(found) == 1 and found[0] not in picked:
            picked.append(found[0])
    return tuple(picked) if len(picked) >= 2 else ()


# How many are needed, said beside a removal: "dont need 2", "only need 1", "don't want two".
_COUNT_NEEDED = re.compile(r"\b(?:(?:do\s*n'?o?t|dont|only|just)\s+)?(?:need|want)\s+(?:\d|two|three|both)\b", re.I)
# "recommend me something", "suggest anything?": a request for a pick, not for more of the list.
_ASKS_PICK = re.compile(r"\b(?:recommend|suggest)\s+(?:me\s+|us\s+)?(?:something|anything|one)\b", re.I)
# A removal asked first, a question after it: "remove the frying pan and tell me the new total".
_REMOVE_FIRST = re.compile(r"\W*(?:(?:ok|okay|so|then|pls|please|now|hmm+|actually)\W+)*"
                           r"(?:remove|delete|drop|ditch|take\s+out|get\s+rid\s+of)\s+(?:the|my|that|this|it)\b", re.I)
# What the basket comes to: "what's the total", "how much is that all together", "what do I owe".
_TOTAL = re.compile(r"\b(?:what'?s|whats|what is|what'?s my|wh?at'?s|wots|wat is|tell me)\s+(?:the\s+|my\s+)?"
                    r"(?:\w+\s+)?total\b|"
                    # "cart total?", "ok total?", "total please": the basket's sum, asked in two words
                    r"\b(?:cart|basket|order|checkout|grand)\s+total\b|"
                    r"^\W*(?:(?:ok|okay|so|and|right|k)\W+)?(?:the\s+|my\s+)?(?:total|tot|ttl|sub-?total)\b"
                    r"(?:\s+(?:please|pls|plz|so far|now|then|lol))?\W*$|"
                    # "what have i got", "what do i have so far", "how many items do i have"
                    r"^\W*(?:(?:ok|so|and|right)\W+)?what (?:have i got|do i have)"
                    r"(?:\s+(?:so far|now|then|in there))?\W*$|"
                    r"\bhow many (?:items|things|products|bits) "
                    r"(?:do i have|have i got|are (?:in|on) (?:it|there|my|the))\b|"
                    # "how much is that comin to", "how much dat come to?"
                    r"\bhow much (?:(?:is|does|will|would) )?(?:that|it|this|everything|all (?:that|this)|the lot)\b"
                    r".{0,20}?\b(?:all together|altogether|in total|come to|coming to|comes to|add up to)\b|"
                    r"\bwhat do i owe\b|"
                    # "ok, how much is everything", "how much is it all?": the whole basket, nothing else said
                    r"\bh(?:o|ow)?w much (?:(?:is|for|does) )?(?:everything|it all|all (?:of )?(?:it|that|this|them)|"
                    r"the lot|all)"
                    r"(?:\s+(?:cost|so far|now|then|together))?\W*$|"
                    r"\bhow much (?:am i|have i|i'?m|will i be|would i be)\s+(?:spending|paying|in for|spent|up to)\b|"
                    # "ok how much is it now" after a cart change, "and where does that leave me": the sum so far
                    r"^\W*(?:(?:ok|okay|so|and|right)\W+)?how much (?:is|'s) (?:it|that) now\W*$|"
                    r"\bwhere does (?:that|this|it) leave (?:me|us)\b|"
                    # "how much are we at", "how much have we spent", "where are we at now"
                    r"\b(?:how much|where) (?:are we|r we|we'?re|am i|i'?m|are we up to)\s+at\b"
                    r"(?:\s+(?:now|so far))?\W*$|"
                    r"\bhow much (?:have we|did we|we'?ve|are we|will we be)\s+(?:spen[dt]|spending|paying|in for)\b|"
                    # "both jackets total?", "all 3 total?": what the lines come to
                    r"^\W*(?:(?:ok|so|and)\W+)?(?:both|all)\b[^?.!]{0,25}\btotal\W*$|"
                    r"\bwhat(?:'?s| does| do| will| would)\s+(?:it|that|this|everything|they|the lot)\s+(?:all\s+)?"
                    r"(?:come|add)\s+(?:to|up)\b|"
                    # "what's left in my cart?"; not "a basic watch with whats left" (of a budget)
                    r"(?<!with )(?<!from )(?<!for )(?<!of )(?<!on )\bwhat'?s\s+left"
                    r"(?:\s+in\s+(?:there|it|(?:my|the)\s+(?:cart|basket)))?\W*$|"
                    r"\b(?:the|my|grand|running)\s+total\b"
                    r"(?=\s*(?:$|[?.!,]|now|so far|pls|please|plz|is|comes?|again))|"
                    # "what is the sum?", "how many articles I have?", "how much I pay in total?"
                    r"\bwhat(?:'?s|\s+is)\s+the\s+sum\b|\bhow\s+many\s+(?:articles|items|things|pieces|products)\s+"
                    r"(?:i|do\s+i|have\s+i)\s+(?:have|got)\b|\bhow\s+much\s+(?:i|do\s+i|will\s+i|shall\s+i|must\s+i)\s+"
                    r"(?:pay|owe|spend)\b(?:\s+(?:in\s+total|altogether|all\s+together|total|for\s+(?:all|everything)))?"
                    r"\W*$", re.I)
# A verb that puts a product in the cart: "would you pop it in my basket?" asks for an add, not a check.
_PUT_VERB = re.compile(r"\b(?:add|put|pop|chuck|stick|throw|toss|bung|whack|place)\b", re.I)
# "chuck the 3rd in", "bung it in", "pop number 2 in": a casual put verb, with "in" after what goes in.
_PUT_IN = re.compile(r"\b(?:chuck|bung|whack|pop|stick|throw|toss|shove)\s+(?:\w+\s+){0,4}?in(?:to)?\b"
                     r"(?!\s+(?:a|an|blue|black|white|red|green|size|stock)\b)|"
                     r"\bin with (?:it|them|that|those)\W*$", re.I)  # Irish: "the 2nd one looks deadly, in with it"
# The put verb a message starts with, which no product is named by ("chuck" of Converse's Chuck Taylors).
_PUT_FIRST = re.compile(r"^\W*(?:chuck|bung|whack|pop|stick|toss|shove)\b(?=\s+(?:the|that|this|it|them|#|\d|number))",
                        re.I)
# "... in the basket", "into my cart": where the items said go.
_INTO_CART = re.compile(r"\b(?:in|into|to)\s+(?:my|the|me)\s+(?:shopping\s+)?(?:cart|basket|trolley|bag)\b", re.I)
# A word of assent, then where the item goes: "parfait, in the basket", "great, into my cart please" (no question).
_INTO_CART_ALONE = re.compile(r"^\W*(?!(?:what|whats|what's|how|show|is|anything|see|check)\b)(?:[a-z]+\W+){0,2}?"
                              r"(?:in|into)\s+(?:the|my)\s+(?:shopping\s+)?(?:basket|cart|trolley)"
                              r"(?:\s+(?:please|pls|then|thanks|thx))*\W*$", re.I)
# The cart's name as the verb after a comma or "and": "the 2nd ones are nice, basket them".
_CART_VERB_LATER = re.compile(r"(?:[,;]|\band|\bso|\bpls|\bplease)\s+(?:cart|basket)\s+"
                              r"(?:it|that|this|them|these|those|both)\b", re.I)
# A question said first, then a remark: "Is the Pixel in stock? I don't want to order one that isn't."
_QUESTION_FIRST = re.compile(r"^\W*(?:(?:and|so|ok|okay|hmm+|also|sorry|but)\W+)*(?:is|are|does|do|did|which|what|"
                             r"whats|what'?s|how|can(?!\s+(?:i|we)\s+(?:get|have|buy|order)\b)|could|has|have|will|would)"
                             r"\b[^?]*\?", re.I)  # not "can I get the second one?": an add asked politely
# A question about what the cart now holds: "did u add both?", "did the watch get added too?", "whats the cheapest
# thing in my cart rn".
_ASKS_WHAT_WAS_ADDED = re.compile(r"^\W*(?:(?:so|and|wait|ok|okay|hmm+|um+)\W+)*(?:did|have|has)\s+(?:you|u|ya|it|they|"
                                  r"that|those|both|the\s+\w+(?:\s+\w+)?)\s+(?:\w+\s+)?(?:add(?:ed)?|put|go(?:ne)?\s+in|"
                                  r"get\s+added|make\s+it\s+in)\b[^.!]*$|"
                                  r"^\W*(?:(?:so|and|ok|okay|hmm+)\W+)*(?:what'?s|whats|what\s+is|which\s+is|which'?s)\b"
                                  r"[^?.!]*\b(?:in|on)\s+(?:my|the)\s+(?:cart|basket|bag|trolley)\b", re.I)
_NEGATED_ADD = re.compile(r"\b(?:don'?t|dont|do not|not|never|won'?t|wont)\s+(?:\w+\s+){0,2}?"
                          r"(?:add|order|buy|get|want)\b(?:\s+to\s+(?:add|order|buy|get))?", re.I)
# "compare 1 and 3 of the backpacks": positions of a kind, no count
_OF_THE_KIND = re.compile(r"\b(\d)\s+of\s+(?:the|those|these)\s+[a-z][\w-]*", re.I)
# A position with the kind of product it is meant to be: "the first laptop", "the 2nd phone".
_NTH_KIND = re.compile(r"\b(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+"
                       r"([a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.I)
# "add that", "ok get it": the one the talk is about, said with a pronoun only.
_ADD_THAT = re.compile(r"^\W*(?:(?:ok|okay|yes|yeah|great|cool|perfect|then|so)\W+)*(?:add|get|grab|take|i'?ll take)\s+"
                       r"(?:that|it|this)(?:\s+one)?(?:\s+(?:please|pls|then))?\W*$", re.I)
_THE_CHEAPEST_THING = re.compile(r"\bcheapest\s+(?!first\b|ones?\b|to\b|options?\b)[a-z]", re.I)
_COMPARE_FIRST = re.compile(r"^\W*(?:(?:ok|okay|so|and|pls|please|can\s+(?:you|u)|could\s+(?:you|u)|now)\W+)*compare\b",
                            re.I)
# "any brand is fine": a filter lifted, not a pick
_LIFT_FINE = re.compile(r"\bany\s+(?:\w+\s+)?(?:brand|colou?r|size|price|make|style|kind|type)s?\s+"
                        r"(?:is|'s|are|would be)\s+(?:fine|ok|okay|good|perfect)\b", re.I)
# "forget the nike thing", "drop the under 50 bit": a filter named by what it held, let go
_FORGET_THE = re.compile(r"\b(?:forget|drop|ditch|scrap|never\s?mind|nvm)\s+(?:about\s+)?the\s+[\w&'$ -]{1,25}?\s+"
                         r"(?:thing|filter|bit|idea|part|requirement|limit|rule)\b", re.I)
# "show me all of them", "let me see them all": every match asked to be seen, not bought
_SHOW_ALL = re.compile(r"\b(?:show|see|list|display)\s+(?:me\s+|us\s+)?(?:all|every|them all|the lot)\b", re.I)
# "show me the jbl ones", "let me see the black ones": a list asked for, by what its products share.
_SHOW_ONES = re.compile(r"(?:(?:just\s+|only\s+)?(?:show|see|let'?s see|let me see|list)\s+(?:me\s+|us\s+)?"
                        r"(?:only\s+|just\s+)?|"
                        r"^\W*(?:(?:ok|okay|and|so|hmm+|what about|how about)\W+)*(?:only\s+|just\s+)?)"
                        r"(?:the|those|some|all(?: the)?)\s+(?P<what>[\w'& -]+?)\s+ones\W*$", re.I)
# A request's polite opening: "could you show me just the Seiko ones?" asks as "show me just the Seiko ones".
_ASKED_POLITELY = re.compile(r"^\W*(?:(?:could|can|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?|please\s+|pls\s+)",
                             re.I)
# Products other than those pointed at: "anything cheaper in the Asics", "any cheaper ones than the 2nd".
_OTHER_ONES = re.compile(r"\b(?:anything|something|any(?:\s+(?:other|others|ones))?|others|ones)\b", re.I)
# One item set against the one in focus: "vs 1?", "compared to the 3rd?".
_VERSUS = re.compile(r"^\W*(?:(?:and|ok|okay|so|hmm+)\W+)?(?:vs\.?|versus|against|compared? (?:to|with))\b", re.I)
_TOO = re.compile(r"\b(?:too|also|as well)\b", re.I)
_THE_BRAND = re.compile(r"\b(?:the|that|those|this|these)\s+(?:[a-z]+\s+)?$", re.I)  # "the sony", "the green levis"
# "zwilling one add", "add sony one": one shown item of the brand, said tersely without "the" (not "a sony one",
# "any zwilling ones", "zwilling one?": the brand asked for)
_BRAND_ONE = re.compile(r"\s+one\b(?!\s+(?:of|with|that|which|in|for|from|under|over|below|above)\b)", re.I)
_A_BRAND = re.compile(r"\b(?:a|an|any|some|another|other|different)\s+(?:[a-z]+\s+)?$", re.I)
_WHICH_BETTER = re.compile(r"\b(?:which|better|best|vs\.?|versus|or|difference|differ|compare|comfier|nicer)\b", re.I)


# Two positions said as a choice between them: "1 or 5", "#2 vs #4", "the 2nd or the 3rd".
_POSITION = r"(?:#|no\.?\s*|number\s+|the\s+)?([1-9])(?:st|nd|rd|th)?(?:\s+one)?"
_PAIR = re.compile(rf"(?<![\w$£€.,]){_POSITION}\s*(?:or|vs\.?|versus|v|&|and|/)\s*{_POSITION}(?![\w$£€%.,]*\d)"
                   rf"(?!\s*(?:{rules.COUNTED}|(?:in|items)\b))", re.I)
_PAIR_ASKS = re.compile(r"\?|\b(?:which|better|best|vs\.?|versus|difference|differ|compare|prefer|"
                        r"\w+er than|more \w+|less \w+|\w{3,}ier|comfier|nicer|lighter|bigger|smaller)\b", re.I)


def _ranks(text: str) -> bool:
    """Whether the message ranks what is shown by a quality: a superlative ("lightest", "comfiest", "most
    comfortable", "best") or a comparative after "is" ("which is warmer"). A word ending in -est or -er
    counts when what is left once the ending is gone is an English word ("light", "comfy", "big"), so
    "interest", "forest", "water" and "trainers" do not."""
    if re.search(r"\b(?:best|better|most|least|worst)\b", text, re.I) or rules.COSTS_LESS.search(text) \
            or rules.COSTS_MORE.search(text):
        return True
    for word, ending in re.findall(r"\b([a-z]{2,}?)(i?est)\b", text.casefold()) + \
            re.findall(r"\b(?:is|are|'s|be|feels?|looks?)\s+(?:a\s+bit\s+|slightly\s+|any\s+)?([a-z]{2,}?)(i?er)\b",
                       text.casefold()):
        stem = word + "y" if ending.startswith("i") else word
        if stem not in _NOT_RANKS and graded_from_word(word, ending, bare=True):  # "stretchiest": stretch
            return True
    return False


# "cheapest one in stock pls, add 1", "best rated one, add one": a count of the item the words pick, not item 1.
_PICK_WORD = re.compile(r"\b(?:cheapest|priciest|dearest|most expensive|(?:best|top|highest)[- ]rated|most reviewed|"
                        r"cheaper|pricier)\b", re.I)
_ADD_ONE_END = re.compile(r"\badd\s+(?:1|one)\W*$", re.I)
# The removal verb said last, as learners put it: "and the blanket remove", "the headphones delete pls".
_REMOVE_LAST = re.compile(rf"\b(?:remove|delete|ditch|drop|{rules.BIN_VERB})"
                          r"(?:\s+(?:it|them|please|pls|plz|too|also|now))*\W*$", re.I)


# Stems of -est / -er words that are no superlative or comparative of them.
_NOT_RANKS = frozenset({"for", "inter", "hon", "mod", "sugg", "requ", "inv", "harv", "prot", "cont", "dig",
                        "arr", "ch", "gu", "w", "n", "v", "t", "r", "pow", "ord", "answ", "form", "oth",
                        "und", "ov", "cov", "summ", "wint", "train", "sneak", "numb", "rath", "eith", "aft"})


_ORDINAL_WORD = r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)"
# Positions said alone, ordinals joined by "and": "the 1st and the 3rd", "first and last then".
_BARE_PICKS = re.compile(rf"(?:(?:the|that|this)\s+)?{_ORDINAL_WORD}(?:\s+one)?(?:\s*(?:,|and|&|\+)\s*(?:the\s+)?"
                         rf"{_ORDINAL_WORD}(?:\s+ones?)?)+(?:\W+(?:then|please|pls|thanks|whatever|i guess))*[\s.!]*",
                         re.I)


def _pair_question(text: str, shown: int) -> bool:
    """A choice between two shown positions asked as a question ("1 or 5, which is more comfy??", "2 vs 4?",
    "which runs cooler, 2 or 4?"), not an add ("add 1 and 2" starts with its verb) nor a price ("20 or 30")."""
    m = _PAIR.search(text)
    if not m or not (1 <= int(m[1]) <= shown and 1 <= int(m[2]) <= shown) or m[1] == m[2]:
        return False
    before = text[:m.start()]
    if re.search(r"\b(?:add|put|buy|take|get|remove|delete|drop|cart|under|over|between|below|above|size|"
                 r"from|to|about|around|budget)\W*$|\$\s*$", before, re.I) or _PUT_VERB.search(text) \
            or rules.REMOVE.search(text):
        return False
    return bool(_PAIR_ASKS.search(text)) or not re.sub(r"[\W_]+", "", before + text[m.end():])  # "3 or 4"


# Two brands set against each other: "whats the difference", "lodge vs le creuset", "why would i pay for X when Y".
_TWO_BRANDS_ASKED = re.compile(r"\b(?:difference|differ|vs\.?|versus|compared? (?:to|with)|worth (?:it|the)|"
                               r"why would i (?:pay|buy|get)|better than)\b", re.I)


def brand_references(text: str, shown: list, vocab: CatalogVocab, compared: tuple[int, ...] = (),
                     focus: int | None = None) -> tuple[int, ...]:
    """Shown products named by their brand after "the" ("out of the Sony and the Bose", "the Bose it is",
    "on the JBL ones"): for each brand, in the order said, the first shown product of it, or the one whose model
    word follows the brand ("the sony xm5"; `compared`: positions set side by side, preferred), or the one just
    looked at (`focus`: "tell me about the third one" then "add the lodge" of five Lodge pans). A bare brand
    ("what about Bose") asks for that brand, so it picks nothing."""
    brands = {c.product.brand: i + 1 for i, c in reversed(list(enumerate(shown)))}
    picked: list[int] = []
    spans = vocab.brand_spans(text)
    # "why would i pay for le creuset when lodge is cheaper? whats the difference": two brands on the list set
    # against each other name their items without "the"
    pair = _TWO_BRANDS_ASKED.search(text) and len({b for _, _, b in spans if b in brands}) == 2
    for start, end, brand in spans:
        if brand in brands and (pair or _THE_BRAND.search(text[:start])
                                or _BRAND_ONE.match(text[end:]) and "?" not in text
                                and not _A_BRAND.search(text[:start])):
            looked_at = focus if focus and 0 < focus <= len(shown) and shown[focus - 1].product.brand == brand else None
            position = _brand_model(text[end:], brand, shown, compared) or _brand_colour(text, brand, shown, vocab) \
                or looked_at or brands[brand]
            if position not in picked:
                picked.append(position)
    return tuple(picked)


def _brand_colour(text: str, brand: str, shown: list, vocab: CatalogVocab) -> int | None:
    """"the green levis": the first of the brand's shown products in a colour the message names; None if none."""
    hues = {c.casefold() for c in vocab.mentioned_colors(text)}
    return next((i + 1 for i, c in enumerate(shown) if c.product.brand == brand and hues
                 and ((getattr(c.product, "color", "") or "").casefold() in hues
                      or hues & set(words(c.product.title)))), None)


def _brand_model(after: str, brand: str, shown: list, compared: tuple[int, ...]) -> int | None:
    """"the sony xm5", "the levis 505 grey": the brand's shown product whose title has the model words and colour
    said after the brand, each word narrowing the last (of several left, the one set side by side last, else the
    higher-ranked); None when no word follows or none matches."""
    said = re.match(r"((?:\s+[\w-]{1,20}){1,3})", after.split(",")[0])
    own = [(i + 1, c.product) for i, c in enumerate(shown) if c.product.brand == brand]
    left = own
    for word in words(said[1]) if said else []:
        if word in STOP_WORDS or word in ("one", "ones", "pair", "it", "too"):
            break
        if word.isdigit() or len(word) <= 2:  # a model number or a short model word is a whole word of the
            hits = [(i, p) for i, p in left if word in words(p.title)]  # title: "505", not "5050"; "fe", "se"
        else:
            hits = [left[i - 1] for i in title_word_hits(word, [p for _, p in left])]
        left = hits or left
    if left is own:
        return None
    return next((i for i, _ in left if i in compared), left[0][0])


_MODEL_CODE = re.compile(r"(?=\w*\d)(?=\w*[^\W\d])\w{2,}$")  # "v8", "s23": short, but a model's name


def title_word_reference(text: str, products: list, first_of_few: bool = False) -> tuple[int, ...]:
    """The one product the message names by a word of its title or category ("take the kettle out"); a word
    also names the compound it ends ("the phone" -> "Smartphone", "the buds" -> "Earbuds"). `first_of_few`:
    "the astrox one" with two Astrox rackets among five is the higher-ranked one, as with a brand."""
    named = [(w, n) for n, clause in enumerate(re.split(r"[,.;!?]+|\s+-\s+", text)) for w in words(clause)
             if w not in STOP_WORDS and not w.isdigit() and (len(w) >= 3 or _MODEL_CODE.match(w))]
    if first_of_few and len(named) > 1:  # "the m3 oled one": of two M3s, the OLED
        left = [i + 1 for i in range(len(products))]
        for word, _ in named:
            hits = [i for i in left if _names(word, words(products[i - 1].title), False)]
            left = hits or left
        if len(left) == 1:
            return (left[0],)
    for compound in (False, True):  # the word itself first; the compound it ends only if nothing else named one
        found = [(hits, clause) for word, clause in named if (hits := _word_hits(word, products, compound))]
        for hits, clause in found:
            # one product, which every other word of its clause that names anything names too: not the pink
            # mascara for "the pink lipstick" beside a red lipstick ("take the lego out, the board game is enough"
            # names the Lego in its first clause)
            if (len(hits) == 1 or first_of_few and len(hits) < len(products)) \
                    and all(hits[0] in other for other, c in found if c == clause):
                return (hits[0],)
        if any(len(hits) == 1 for hits, _ in found):
            return ()  # words that pick different products: for `title_word_hits` to weigh
    return ()


def first_of_few_named(text: str, products: list) -> tuple[int, ...]:
    """The higher-ranked of the few products (at most half of those listed) the words name ("the monopoly" over
    two Monopoly games among five), as a brand names the higher-ranked of its items; () when the words name
    most of the list ("the jacket" over jackets: which of them is asked) or none."""
    hits = title_word_hits(text, products)
    return hits[:1] if 1 < len(hits) <= len(products) // 2 else ()


def title_word_hits(text: str, products: list) -> tuple[int, ...]:
    """Every product the words could name: the one `title_word_reference` picks, else those every naming word
    names ("the backpack" with two backpacks in the cart: both), else those the last naming word names, else none."""
    one = title_word_reference(text, products)
    if one:
        return one
    named = [w for w in words(text) if w not in STOP_WORDS and not w.isdigit() and len(w) >= 3]
    for compound in (False, True):
        found = [hits for word in named if (hits := _word_hits(word, products, compound))]
        if found:
            both = set.intersection(*map(set, found))
            # the products every word names ("the black bose"); else the one the last word, the head, names
            # ("the pink lipstick" with a pink mascara and a red lipstick: the lipstick)
            return tuple(sorted(both)) if both else found[-1]
    return ()


def _word_hits(word: str, products: list, compound: bool) -> tuple[int, ...]:
    """The positions of the products a word names: by a word of the title or the category (`compound`: by the
    title alone, where the word may end a compound: "phone" of "Smartphone"; the category's own word only as
    itself)."""
    return tuple(i + 1 for i, p in enumerate(products)
                 if _names(word, words(p.title if compound else f"{p.title} {p.category or ''}"), compound))


def _names(word: str, title_words: list[str], compound: bool) -> bool:
    stem = word.rstrip("s")
    family = KIND_FAMILY.get(stem, set())  # "the shoes" names the sneakers
    return any(w.rstrip("s") == stem or w == f"{stem}ed"  # "the one with the hood": "Hooded"
               or compound and len(w) - len(stem) >= 3 and w.rstrip("s").endswith(stem)
               or w.rstrip("s") in family for w in title_words)


def compared_positions(state: DialogueState) -> tuple[int, ...]:
    """Positions in the list of the products the last compare set side by side (empty when none)."""
    if not state.compared or any(pid not in state.shown for pid in state.compared):
        return ()
    return tuple(state.shown.index(pid) + 1 for pid in state.compared)


def focus_position(state: DialogueState) -> int | None:
    """The position of the one shown product the talk is about: the one just added ("is it loud?" right after
    "add the second one", even when another was looked at before), else the one just looked at (details, why),
    else the only one listed."""
    if state.last_kind == "add_to_cart" and state.last_added in state.shown:
        return state.shown.index(state.last_added) + 1
    if state.focus in state.shown:
        return state.shown.index(state.focus) + 1
    return 1 if len(state.shown) == 1 else None  # "is that one a touchscreen" over the one laptop listed


def relative_reference(text: str, state: DialogueState) -> tuple[int, ...]:
    """A position said against the item in focus: "the other one" of the two compared or listed ("nah i'll take
    the other one", "grab the other one too" after adding one of them), "the one before it", "the one after that"
    ("sorry not that one, the one before it" after a question about the 3rd); () when nothing is in focus or the
    words say none of these."""
    focus = focus_position(state)
    if focus is None and state.last_added in state.shown:
        focus = state.shown.index(state.last_added) + 1
    said = _RELATIVE_REF.search(text)
    if not said or focus is None:
        return ()
    if said["other"]:
        pair = compared_positions(state) or (tuple(range(1, len(state.shown) + 1)) if len(state.shown) == 2 else ())
        others = [p for p in pair if p != focus]
        return (others[0],) if len(pair) == 2 and len(others) == 1 else ()
    at = focus - 1 if said["before"] or said["previous"] else focus + 1
    return (at,) if 1 <= at <= len(state.shown) else ()


_RELATIVE_REF = re.compile(r"\bthe\s+(?:(?P<other>other)\s+(?:one|1)\b(?!\s+(?:of|from)\b)|"
                           r"one\s+(?:(?P<before>before|above)|after|below)\s+(?:it|that|this|that one|this one)\b|"
                           r"(?P<previous>previous|preceding)\s+one\b|next\s+one\s+(?:down|along)\b)", re.I)


# "it", "that one": the product in focus.
_IT_AND = re.compile(r"(?<!forget )(?<!leave )(?<!skip )(?<!scrap )(?<!drop )(?<!ditch )"
                     r"\b(?:it|that one|this one)\s*(?:\+|&|and|,|plus)\s*(?:also\s+)?(?:the\s+|number\s+|#)?\w",
                     re.I)  # not "forget it, I'll just get him the first one"
_ITS = re.compile(r"\b(?:it|its|it'?s|this one|that one)\b", re.I)
# (with an item in focus, "those"/"them" is that item: a pair of shoes, "ok add those")
_PRONOUN = re.compile(r"\b(?:it|that|this|that one|this one|those|these|them|they)\b", re.I)
# An add with no object ("ok add", "add please", "buy"): what is in focus.
_BARE_ADD = re.compile(r"^(?:add|buy|take|get|grab|cart)(?:\s+(?:it|that|this|that one|this one))?"
                       r"(?:\s+(?:to|in|into)\s+(?:my\s+|the\s+)?(?:cart|basket))?"
                       r"(?:\s+(?:please|pls|plz|then|now|thanks|thx))*\W*$", re.I)
# A yes to the item just looked at: "yes, that one", "that'll do", "I'll have it", "yes please".
_AFFIRM = re.compile(r"^\W*(?:(?:ok|okay|yes|yep|yeah|yup|great|lovely|perfect|sure|right)\W+)*"
                     r"(?:yes|yep|yeah|yup|that one|this one|that'?ll do|that will do|that'?s the one|"
                     r"(?:i'?ll|i will) (?:have|take|get|grab|buy) (?:it|that|that one|this one)|sounds (?:good|great)|"
                     r"sold)(?:\W+(?:please|pls|plz|then|thanks|thx|ta|too|also|as well))*\W*$", re.I)
# A bare request for more about an item, naming none: "tell me more", "more details pls", "specs?".
# Liking a shown item without choosing it yet: "the Philips one looks good", "I like the second one".
_LIKES = re.compile(r"(?:\b(?:looks?|sounds?|seems?|are|is)|'re|'s)\s+(?:really\s+|pretty\s+|very\s+|so\s+|quite\s+)?"
                    r"(?:good|nice|great|lovely|perfect|cool|promising|interesting|cute|gorgeous|beautiful|stunning|"
                    r"amazing|mint|fab|fabulous)\b|\bi\s+(?:really\s+)?like\b", re.I)
# ... unless the same message asks for something else: "the grey one looks nice, anything cheaper?"
_BUT_ASKS_MORE = re.compile(r"\b(?:cheaper|pricier|anything|any others?|something|other|more like)\b", re.I)


def adds_it_again(text: str) -> bool:
    """A bare "add it" / "put it in my cart", naming no position or quantity: right after an add of the one item in
    focus, the shopper confirming what was done, not asking for a second one."""
    said = _said_first(text)
    return bool(_BARE_ADD.match(said) or _PUT_IT_IN.fullmatch(said))


_PUT_IT_IN = re.compile(r"(?:put|pop|stick|throw|chuck|bung)\s+(?:it|that|that one|this one)\s+(?:in|into)"
                        r"(?:\s+(?:my|the)\s+(?:cart|basket|trolley))?(?:\s+(?:please|pls|plz|then|thanks))*\W*", re.I)


def _likes(text: str) -> bool:
    """Whether the message only likes an item, so that item comes into focus rather than a new list."""
    # not "I like the vibe of the first but it's too pricey": a step down the price, from that item
    return bool(_LIKES.search(text)) and not _BUT_ASKS_MORE.search(text) and not rules.CHEAPER.search(text)
_MORE_INFO = re.compile(r"(?:tell me (?:a (?:bit|little) )?more|more (?:info|information|details)|details|specs)"
                        r"(?:\s+(?:about|abt|on)\s+(?:it|that|this|that one|this one|the one))?"
                        r"(?:\s+(?:please|pls|plz))?\W*$", re.I)
# A question about the item in focus said by pointing at it, whatever product words follow ("battery life").
_ABOUT_IT = re.compile(r"(?:tell me (?:a (?:bit|little) )?(?:more )?(?:about|abt)|more (?:info|information|details) "
                       r"(?:about|on))\s+(?:it|that|this|that one|this one)\b", re.I)
_FEATURE_OF_IT = re.compile(r"^\W*(?:what(?:'s| is| about)?\s+(?:the\s+)?)?\w+(?:\s+\w+)?\s+(?:on|of)\s+"
                            r"(?:it|that one|this one)\W*$", re.I)
_PICKED_THEN_ASKED = re.compile(r"^\W*(?:(?:ok|okay|and|so|hmm+)\W+)*(?:the|that)\s+"
                                rf"(?:cheapest|(?:most|least) expensive|{rules.COSTS_LESS_WORDS}|"
                                rf"{rules.COSTS_MORE_WORDS}|best rated|higher rated)\s+(?:one|of the two)\b"
                                r"\W+(?:what|how|is|does|do|has|can|will|which|any)\b", re.I)


def _picked_by_price(text: str, shown: list, vocab: CatalogVocab) -> tuple[int, ...]:
    """The shown product "the cheaper one" picks: of two, the cheaper; of more, the cheapest."""
    return shown_references(text, shown, vocab) or shown_references(_as_superlative(text), shown, vocab)


def _as_superlative(text: str) -> str:
    """The message with its price comparatives as superlatives ("cheaper" -> "cheapest", "pricier" -> "most
    expensive"): of more than two, the one a comparative picks is the superlative's."""
    return rules.COSTS_MORE.sub("most expensive", rules.COSTS_LESS.sub("cheapest", text))


_STOCK_QUESTION = re.compile(r"^\W*(?:(?:is|are|r)\s+(?:it|that|this|that one|this one|they|those|these)\s+"
                             r"(?:still\s+)?(?:in stock|available|sold out)|(?:do|have)\s+you\s+(?:still\s+)?"
                             r"(?:have|got)\s+(?:it|that one|this one)\s+in stock|"
                             # "when will it be back in stock?", "will it be restocked?"
                             r"(?:when|will)\s+(?:will\s+)?(?:it|that|this|that one|this one|they|those)\s+(?:be\s+)?"
                             r"(?:back\s+in\s+stock|restocked|available\s+again|back))\b|"
                             # "whats the rating", "hows it rated", "what's it rated": about the item in focus
                             r"(?:what'?s|whats|what\s+is)\s+(?:the|its|it'?s)\s+rating"
                             r"(?:\s+on\s+(?:it|that|this|that one))?\W*$|"
                             r"(?:how'?s|hows|how\s+is)\s+(?:it|that|that one)\s+rated\W*$", re.I)
# Words that begin a message before its own verb ("ok", "hmm", "actually").
_LEADING = re.compile(r"^(?:\W*(?:ok|okay|right|alright|fine|sure|wait|actually|hmm+|oh|sorry|no|yes|yep|yeah|"
                      r"great|cool|perfect|lovely|nice|and|then|also|so|ugh|meh|eh|oops|whatever|"
                      r"never ?mind(?=\W+(?:add|put|take|remove|drop|delete|get|give|show))|"
                      r"on second thoughts?|come to think of it|please|pls)\b)*\W*", re.I)


def _asks_after_name(text: str) -> bool:
    """A question after the item's name and a comma: "the V8 one, whats the runtime"."""
    return bool(_ITEM_QUESTION.match(text.split(",", 1)[-1]))


# A choice said in the negative: "I'd rather not go with Sony", "I don't want the Bose one".
_NOT_CHOSEN = re.compile(r"\b(?:rather not|not|n'?t|never|no longer)\s+(?:\w+\s+)?(?:go(?:ing)? with|go for|take|"
                         r"get|buy|want|pick|choose|have|like)\b", re.I)
# "and 2", "and #4 too" right after an add: the next pick.
_AND_NUMBER = re.compile(r"\W*(?:and|&|\+|plus)\s+(?:#|no\.?\s*|number\s+)?\d\b\W*(?:too|also|as well)?\W*", re.I)


# What the shopper does with the cart when "bag" names it: "put it in my bag", "what's in my bag?".
_BAG_ACT = re.compile(r"\b(?:add|put|pop|chuck|throw|stick|remove|delete|take|drop|show|see|view|check|open|empty|"
                      r"clear|what'?s|whats|what is)\s+(?:\w+\s+){0,3}?(?:(?:in|into|to|from|out of)\s+)?"
                      r"(?:(?:my|the)\s+)?(?:shopping\s+)?bag\b|"
                      r"^\W*(?:(?:my|the|show|view|see)\s+)?(?:shopping\s+)?bag\W*$", re.I)


def _cart_named(text: str) -> bool:
    """Whether the message names the cart: "bag" only with something done with it, so "a case, so they don't get
    scratched in my bag" is the shopper's own bag."""
    named = rules.CART_WORD.search(text)
    if named and named[0].casefold().endswith("bag") and not _BAG_ACT.search(text[:named.end()]):
        return any(not m[0].casefold().endswith("bag") for m in rules.CART_WORD.finditer(text))
    return bool(named)


def _said_first(text: str) -> str:
    """The message from its own verb on, past the leading words ("ok", "actually", "sorry")."""
    return text[_LEADING.match(text).end():]


# "add the lipstick", "put the kettle in my basket too": an add naming one shown item by a word of its title.
_ADD_THE = re.compile(r"^(?:(?:ok|okay|so|then|fine|just)\W+)*"
                      r"(?:add|put|pop|get me|grab|i'?ll take|i'?ll have|i take|take|"
                      r"buy|i buy)\s+(?:the|that|this)\s+"
                      r"([\w'&\- ]{2,30}?)(?:\s+(?:too|also|as well|(?:to|in|into) (?:my |the )?(?:cart|basket)|"
                      r"please|pls|thanks|thx))*\W*$", re.I)


# "green, I think. No, wait, ... Navy, please": the colour said after a change of mind is the one wanted.
_MIND_CHANGED = re.compile(r"\b(?:no,?\s+wait|wait,?\s+no|actually|i mean|on second thought|scratch that|"
                           # "Under Armour or Nike... no, better only Nike"
                           r"or rather|make (?:it|that)|no\W+(?:better\s+|rather\s+)?(?:only|just))\b", re.I)
# "the grey ones look a bit dreary ... anything in pink?": a colour judged, not asked for.
_COLOUR_JUDGED = re.compile(r"\s+(?:ones?\s+)?(?:look|looks|looked|seem|seems|is|are)\s+"
                            r"(?:a bit\s+|too\s+|so\s+|rather\s+|quite\s+|really\s+)?"
                            r"(?:dreary|dull|boring|drab|plain|dark|bright|loud|much|ugly|meh|"
                            r"horrible|awful|depressing)\b", re.I)


def _wanted_colours(text: str, colours: list[str]) -> list[str]:
    """The colours a message asks for, the wanted one first: of several, the one said after a change of mind, and
    never one the message judges."""
    if len(colours) < 2:
        return colours
    low = text.lower()
    judged = {c for c in colours for m in re.finditer(rf"\b{re.escape(c.lower())}\b", low)
              if _COLOUR_JUDGED.match(low[m.end():])} | {c for c in colours if rules.ruled_out_word(low, c)}
    kept = [c for c in colours if c not in judged] or colours
    again = [c for c in kept if rules.said_again(low, c)]
    if again:  # "BLACK. i literally said black, why is there a white pair": the colour said again
        kept = again + [c for c in kept if c not in again]
    twice = [c for c in kept if len(re.findall(rf"\b{re.escape(c.lower())}\b", low)) > 1]
    if len(twice) == 1:  # "Navy or black... black please": of two weighed, the one said again is chosen
        kept = twice + [c for c in kept if c not in twice]
    if _MIND_CHANGED.search(low):  # the colour said last is the one the shopper settled on
        return sorted(kept, key=lambda c: -low.rfind(c.lower()))
    return kept


def named_add(text: str, shown: list, vocab: CatalogVocab | None = None) -> tuple[int, ...]:
    """The one shown item an add names by a word of its title ("add the lipstick"), or (with `vocab`) by its
    colour, brand, price or model ("add the purple 6.99 one"); () when none or several. A title word two of
    the items share names the higher-ranked ("add the monopoly" over two Monopoly games), as a brand does."""
    said = _ADD_THE.match(_said_first(text))
    if not said or not shown:
        return ()
    products = [c.product for c in shown]
    picked = title_word_reference(said[1], products) or first_of_few_named(said[1], products)
    if len(picked) != 1 and vocab is not None:
        what = what_is_named(said[1], vocab)
        picked = tuple(i + 1 for i, c in enumerate(shown) if what.fits(c.product)) if what else ()
    return picked if len(picked) == 1 else ()


def the_named(text: str, shown: list) -> tuple[int, ...]:
    """The one shown item a "the ..." phrase of an add names by words of its title, where the add itself names
    none ("ok the gold iphone then, is it in stock? if yes throw it in the cart"); () when none or several."""
    products = [c.product for c in shown]
    for phrase in _THE_WORDS.finditer(text):
        picked = title_word_reference(phrase[1], products) or first_of_few_named(phrase[1], products)
        if len(picked) == 1:
            return picked
    return ()


# "the gold iphone", "the blue macbook air": a name of up to three words after "the".
_THE_WORDS = re.compile(r"\bthe\s+((?:[a-z][\w'&-]*\s+){0,2}[a-z][\w'&-]*)", re.I)


# "just the 1st", "keep the blue one": a clause naming what stays in the cart.
# (and "remove the second one, the first is enough": what stays)
_KEEP = re.compile(r"\b(?:just|only|keep|leave)\b|(?:\b(?:is|are)|'s)\s+(?:enough|plenty|all i need)\b", re.I)
_OTHERS = re.compile(r"\b(?:the\s+)?(?:other|others|rest)\b", re.I)


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text)[-1]


# Where a clause ends: a comma, a sentence end or a dash between words.
_CLAUSE_END = re.compile(r"[,;.!?]|\s-+\s")


def _clause_starting(text: str, pattern: re.Pattern) -> str | None:
    """The first clause, past leading words, that starts as `pattern` says: the one that asks which of the list
    ("Out of these, which would you say is the lightest? I tend to ..."), or the removal ("I change my mind,
    take out the jeans, he have many"); None when none does."""
    return next((c for c in map(_said_first, _CLAUSE_END.split(text)) if pattern.match(c)), None)


def _last_clause(text: str) -> str:
    """The message's last clause (after its last comma, dash or sentence end), past leading words."""
    parts = [p for p in _CLAUSE_END.split(text) if p.strip()]
    return _said_first(parts[-1].strip()) if parts else ""


# Where a removal's clauses part: punctuation, or "and", "but", "so", "then".
_CLAUSE = re.compile(r"[,;.!?]|\b(?:and|but|so|then)\b")


def kept_in_cart(text: str) -> str | None:
    """The words naming what stays when a removal is of everything else ("keep the uniqlo, remove the rest",
    "i only wanted the north face one! remove the others", "remove all but the first"); None when it is not."""
    m = rules.ALL_BUT.search(text)
    if m:
        return m["kept"]
    if not _OTHERS.search(text):
        return None
    clauses = _CLAUSE.split(text)
    keeping = [c for c in clauses if _KEEP.search(c) and not rules.REMOVE.search(c)]
    if all(c in keeping for c in clauses if _OTHERS.search(c)):
        return None  # "take the V8 out and keep the other one": the other one is what stays, not what goes
    return ", ".join(keeping) or None


# A clause saying what stays in the cart: "keep the wilson", "i only wanted the nike" (not "it only has 2 stars").
_STAYS = re.compile(r"\b(?:keep|leave|hold on to)\b|\b(?:just|only)\s+(?:the|that|this|want|need|wanted|needed)\b|"
                    r"\b(?:want|need|wanted|needed)\s+(?:just|only)\b|"
                    # "ok drop it, ill just get the uniqlo": the one still wanted
                    r"\b(?:i'?ll|ill|i will|i'?d)\s+(?:just\s+|only\s+)?(?:get|take|have|go with|stick with)\b", re.I)


def removal_words(text: str) -> str:
    """The part of a removal that names what goes: "keep the under armour and remove the decathlon" -> the
    Decathlon's words (the whole message when no clause says what stays)."""
    clauses = _CLAUSE.split(text)
    going = [c for c in clauses if not (_STAYS.search(c) and not rules.REMOVE.search(c))]
    return " ".join(going) if len(going) < len(clauses) and going else text


def cart_references(text: str, state: DialogueState) -> tuple[int, ...]:
    """Cart lines a removal points at (1-based, in the order added): "the first one", "it" (the last
    product added). Words that name a cart product ("the kettle") are matched by the turn loop, which
    can look the cart's products up."""
    refs = rules.parse_references(text, allow_bare_numbers=True)
    lines = list(state.cart)
    if refs:
        return tuple(cart_line(r, state) if len(refs) == 1 else len(lines) + 1 + r if r < 0 else r for r in refs)
    if rules.BOTH.search(text) and len(lines) == 2:
        return (1, 2)  # "remove both" with two lines in the cart
    if re.search(r"\b(it|that|that one|this one)\b", text, re.I) and state.last_added in lines:
        return (lines.index(state.last_added) + 1,)
    if re.search(r"\b(?:them|they|those|these)\b", text, re.I) and len(lines) == 1:
        return (1,)  # "would you take them out" with one pair of headphones in the cart
    return ()



# The cart kept as it is: "keep the one in the cart", "keep what's in my basket", "keep my cart as is".
_KEEP_CART = re.compile(r"\b(?:keep|stick with|stay with|i'?ll keep)\s+"
                        r"(?:the\s+one|the\s+ones|what'?s|what\s+i\s+(?:have|got)|it|them|the\s+\w+)\s+(?:that'?s\s+|i\s+have\s+|already\s+)?(?:in|on)\s+(?:my|the)\s+"
                        r"(?:cart|basket)\b|\bkeep\s+(?:my|the)\s+(?:cart|basket)\s+as\s+(?:it\s+)?is\b", re.I)
# A fact asked in one word over what is on screen: "rating?", "and the reviews?", "stars?".
_RATING_ALONE = re.compile(r"^\W*(?:(?:and|ok|so|hmm+)\W+)?(?:(?:the|its|it's|their)\s+)?(?:ratings?|reviews?|stars?|"
                           r"rated)\s*\?+\W*$", re.I)
# A cart verb said alone: "add", "ok add pls"; "rmv", "nvm remove it".
_ADD_ALONE = re.compile(r"^\W*(?:(?:ok|okay|yes|yeah|yep|ya|k|kk|cool|great|perfect|then|sure)\W+)*(?:add|buy)"
                        r"(?:\s+(?:pls|please|plz|then|now|thx|thanks|ty))*\W*$", re.I)
_REMOVE_ALONE = re.compile(r"^\W*(?:(?:ok|okay|nvm|never ?mind|actually|no|nah|hmm+|ugh|pls|please)\W+)*"
                           r"(?:remove|rmv|rm|delete|del|drop|ditch)(?:\s+(?:it|that|this|pls|please|plz|then|thx))*"
                           r"\W*$", re.I)


class RuleParser:
    """Deterministic parser over the catalog's vocabulary; the fallback for the LM parser too."""

    def __init__(self, vocab: CatalogVocab, category_matcher: Callable[[str], str | None] | None = None):
        """`category_matcher` names the category of a message the catalog's words cannot read
        (another language); set when the index is multilingual (`assistant.crosslingual`)."""
        self.vocab = vocab
        self.category_matcher = category_matcher

    def read(self, message: str, state: DialogueState) -> Parsed:
        return Parsed(self.parse(message, state), "rules")

    def _one_of_colour(self, text: str, shown: list) -> bool:
        """Whether the message names a colour that exactly one shown product has."""
        colours = {c.casefold() for c in self.vocab.mentioned_colors(text)}
        return len(colours) == 1 and sum(c.product.color.casefold() in colours for c in shown) == 1

    def conversation_act(self, message: str, state: DialogueState) -> Intent | None:
        """The intent when the message is about the conversation (greeting, cart, compare, details, why,
        more, off-topic), read by pattern; None for a product request."""
        text = " ".join(message.split())
        if _ADD_ALONE.match(text) and len(state.shown) > 1 and focus_position(state) is None:
            return Intent("add_to_cart")  # "add", "ok add pls" over a list, no item in focus: "which one?"
        if rules.WHAT_I_ADDED.search(text) and rules.CART_WORD.search(text) \
                and not rules.ADD_CART.search(rules.WHAT_I_ADDED.sub(" ", text)):
            return Intent("view_cart")  # "remind me what I've put in my basket": the cart, shown
        if _IN_THERE.match(text) and state.cart and state.last_kind in ("add_to_cart", "remove_from_cart", "view_cart"):
            return Intent("view_cart")  # "ok what's in there now" right after a cart change: the cart
        if _KEEP_CART.search(text) and state.cart and not rules.ADD_CART.search(text):
            return Intent("view_cart")  # "too much. keep the one in the cart": nothing changes, the cart is shown
        if _RATING_ALONE.match(text) and state.shown:  # "rating?", "reviews?": of the item in focus, else which?
            at = focus_position(state)
            return Intent("details", references=(at,) if at else ())
        if _REMOVE_ALONE.match(text) and len(state.cart) == 1:  # "nvm rmv" with one line in the cart: that line
            return Intent("remove_from_cart", references=(1,))
        cart = swap_act(text, state) or swap_line_act(text, state)  # "no wait, 5 not 3"; "swap the dunks for ..."
        if cart is None and budget_fix(text, state):
            return None  # "sorry, I meant 60 not 90": a budget, not two list positions
        refs = rules.parse_references(text, allow_bare_numbers=False)
        # "add that one, quantity 2", "ok the nokia, add 2 please" (of several Nokias the first, as "the nokia one"
        # picks): one item, so the number is how many
        named = not refs and (bool(self._brand_named(text, shown_products(state)))
                              or self._one_of_colour(text, shown_products(state)))  # "i buy 3 white candles"
        one = len(refs) == 1 or not refs and focus_position(state) is not None or named \
            or not refs and len(shown_references(text, shown_products(state), self.vocab)) == 1  # "the cosy blue one"
        if _ASKS_WHAT_WAS_ADDED.match(text) and (state.cart or state.last_kind == "add_to_cart"):
            return Intent("view_cart")  # "did u add both?", "whats the cheapest thing in my cart": the cart, shown
        if cart is None and not _COMPARE_FIRST.match(text):  # not "compare 1 and 3 of the backpacks": no count
            cart = read_cart_act(text, state, single_reference=one, named=named)
        if cart is not None:
            references = ()
            if cart.action == "one_less":  # "remove one of the yoga mats": a cart line, by position or name
                references = cart_references(cart.named, state) if cart.named else ()
            elif cart.span is not None:  # positions from the rest of the message: "add 2 of the first one" -> [1]
                references = self._references(text[:cart.span[0]] + text[cart.span[1]:], cart.kind, state)
                if not references and cart.action == "set_quantity" and not state.cart.keys() & set(state.shown) \
                        and self._one_of_colour(text, shown_products(state)):  # "i buy 3 white candles"
                    colours = {c.casefold() for c in self.vocab.mentioned_colors(text)}
                    references = tuple(i + 1 for i, c in enumerate(shown_products(state))
                                       if c.product.color.casefold() in colours)
                if not references and cart.action == "set_quantity" and _OF_NAMED.search(text):
                    return Intent("add_to_cart")  # "add 2 of the black bass boost ones", none shown: which?
            return Intent(cart.kind, query=cart.named, references=references, cart_action=cart.action,
                          quantity=cart.quantity)
        if state.pending and (state.pending.startswith(SET_TO) or state.pending == ONE_LESS) and len(words(text)) <= 6 \
                and not _CART_ALONE.match(text):  # "cart" after "which one should be 3?" looks at the cart
            # "which one should be 2?" / "which item should I take one off?" -> "the first one"
            asked = self._references(_last_sentence(text), "add_to_cart", state)
            if asked and state.pending == ONE_LESS:
                return Intent("remove_from_cart", references=asked, cart_action="one_less")
            if asked:
                return Intent("add_to_cart", references=asked, cart_action="set_quantity",
                              quantity=int(state.pending[len(SET_TO):]))
        if state.pending and state.pending.startswith(PICK) and (state.shown or state.cart) \
                and not _CART_ALONE.match(text):  # "cart" after "which one?" looks at the cart, it picks nothing
            # "compare them" -> "which two?" -> "first two": the answer completes the act asked about
            kind = state.pending[len(PICK):]
            swap = kind == "swap_last"  # "swap to that then" -> "which one?" -> "the first one": swapped in
            kind = "add_to_cart" if swap else kind
            answer = _last_sentence(text)  # "oh wait, only 5 showing. the 5th then"
            picked = self._references(answer, kind, state)
            own_act = kind != "add_to_cart" and (rules.CART_WORD.search(answer) or rules.ADD_CART.search(answer)) \
                or kind != "remove_from_cart" and rules.REMOVE.search(answer)  # "remove the red one" after "which two?"
            asks = "?" in answer and not _BARE_PICK.fullmatch(answer)  # "2nd in stock?" asks; "the 2nd?" picks
            if picked and len(words(answer)) <= 6 and not own_act and not asks \
                    and not self._names_product(answer, shown_products(state)):
                return Intent(kind, references=picked, cart_action="swap_last" if swap else "")
        weighed = worth_pair(text, shown_products(state), self.vocab, _named_in, compared_positions(state),
                             focus_position(state))
        if weighed is not None:  # "is the airpods worth the extra 30 over the samsung": the two side by side
            return Intent("compare", references=weighed)
        if PER_UNIT_ASKED.search(text) and len(state.shown) >= 2 and not rules.ADD_CART.search(text):
            # "whats the cheapest per ml of these": all of them (or the ones said) side by side, priced per ml
            said = rules.parse_references(text, allow_bare_numbers=False) or \
                rules.range_references(text, len(state.shown))
            return Intent("compare", references=said if len(said) >= 2 else tuple(range(1, len(state.shown) + 1)))
        kind = self._dialogue_act(text, state)
        shown = shown_products(state)
        if kind == "add_to_cart" and shown and (nth := _NTH_KIND.search(text)) \
                and (aisles := set(self.vocab.wanted_categories(nth[1]))) \
                and not aisles & {c.product.category for c in shown} and self._other_kinds(nth[1], shown) \
                and not any(s.get("category") in aisles for s in state.earlier_searches):  # not a list gone back to
            return None  # "add the first laptop" over kettles: no laptop is on the list; laptops are searched
        if kind == "add_to_cart" and _QUESTION_FIRST.match(text) \
                and not rules.ADD_CART.search(_NEGATED_ADD.sub(" ", text)) and not rules.PUT_IN_CART.search(text):
            if not self._references(text, "details", state) and focus_position(state) is None:
                return None  # "Is the Pixel in stock? I don't want to order one that isn't": a search of them
            kind = "details"  # "Which colours does the second come in? I want one to match my kettle": asked only
        if kind == "details" and not state.shown and not state.cart \
                and (rules.REQUEST.search(text) or self.vocab.product_heads(text)):
            return None  # "first date friday, what perfumes do you stock": nothing shown to ask about; a request
        return None if kind is None else Intent(kind, references=self._references(text, kind, state))

    def parse(self, message: str, state: DialogueState) -> Intent:
        return self.conversation_act(message, state) or self.product_intent(message, state)

    def product_intent(self, message: str, state: DialogueState) -> Intent:
        """The message read as a product request (search, refine, recommend or out of scope)."""
        return self._product_intent(" ".join(message.split()), state)

    @staticmethod
    def _removed_lines(text: str, state: DialogueState) -> tuple[int, ...]:
        """Cart lines a removal names. A clause naming what stays ("no wait just the 1st, take the 2nd
        out") names no line to remove, unless the removal is of "the rest" ("only the first one.
        remove the other", "remove all but the first"): then every line but those (named by words, the
        turn loop finds them)."""
        text = _COUNT_NEEDED.sub(" ", text)  # "remove the pink one, dont need 2": how many, not line 2
        kept_words = kept_in_cart(text)
        if kept_words is not None:
            kept = cart_references(kept_words, state)
            return tuple(line for line in range(1, len(state.cart) + 1) if line not in kept) if kept else ()
        clauses = re.split(r"[,;.!?]", text)
        keeping = [c for c in clauses if _KEEP.search(c) and not rules.REMOVE.search(c)]
        if not keeping:
            return cart_references(text, state)
        return cart_references(", ".join(c for c in clauses if c not in keeping), state)

    def _references(self, text: str, kind: str, state: DialogueState) -> tuple[int, ...]:
        """Positions in the list shown (in the cart, for a removal): "the first two", "the 3rd",
        a bare number where the act takes one ("add 2", "compare 1 and 4"), or words that pick one
        shown product ("the Sony one", "the cheapest of these", "take the kettle out")."""
        if kind == "remove_from_cart":
            return self._removed_lines(text, state)
        if kind in ("view_cart", "greeting", "out_of_scope"):
            return ()
        sentences = [s for s in re.split(r"(?<=[.!?;])\s+", text) if s.strip()]
        if kind == "add_to_cart" and len(sentences) > 1 and any(_TOTAL.search(s) for s in sentences[1:]):
            # "add the first one. so whats the total for both jackets": the add is the first sentence's
            return self._references(" ".join(s for s in sentences if not _TOTAL.search(s)), kind, state)
        if kind == "add_to_cart" and len(sentences) > 1 and not rules.ADD_CART.search(sentences[0]):
            # "4 and 5 are not linen!! anyway, add the green zara one": the add's own sentence says what
            adding = next((s for s in sentences[1:] if rules.ADD_CART.search(s)), None)
            # "add both": the ones said; "no the Cosy one, number 5. add to cart": the add names nothing itself
            pointing = adding and (rules.BOTH.search(adding) or _POINTER.search(adding) or _BARE_ADD.match(adding))
            picked = self._references(adding, kind, state) if adding and not pointing else ()
            if picked:
                return picked
        bare = kind in ("compare", "details", "add_to_cart", "why")
        if kind == "add_to_cart" and _INTO_CART_ALONE.match(text) and (focus := focus_position(state)):
            return (focus,)  # "parfait, in the basket": the item in focus
        if kind == "add_to_cart":  # "good, this also in the basket": the cart, not the storage basket on the list
            text = " ".join(_INTO_CART.sub(" ", text).split())
        if kind == "add_to_cart" and rules.ADD_CART.search(text) and ITEMS_JOINED.search(text):
            # "add the first maybelline and the brown one" (not "the first one, the black bose one": one item)
            parts = named_parts(text, shown_products(state), self.vocab, focus_position(state))
            picks = [found[0] for _, found in parts if len(found) == 1]
            if len(parts) >= 2 and len(picks) == len(parts) == len(set(picks)):
                return tuple(picks)
        if kind == "add_to_cart" and _PICK_WORD.search(text) and _ADD_ONE_END.search(text):
            text = _ADD_ONE_END.sub("add", text)  # "cheapest one in stock pls, add 1": one of the cheapest
        if bare and _N_CHEAPEST.search(text):  # "compare the 2 cheapest": not item 2
            return shown_references(text, shown_products(state), self.vocab)
        said = _ONE_IN_SIZE.sub(r"\1", text)  # "the black one in 9"
        # "2 of those" is some of them; "compare 1 and 3 of the backpacks" is no count
        said = _OF_THE_KIND.sub(r"\1", said) if kind == "compare" else _N_OF_THEM.sub("some of them", said)
        refs = rules.parse_references(without_model_numbers(said, shown_products(state)), allow_bare_numbers=bare)
        ranged = rules.range_references(text, len(state.shown))
        compared = compared_positions(state)
        looked = tuple(state.shown.index(pid) + 1 for pid in state.looked_at if pid in state.shown)
        if kind == "compare" and not refs and state.last_kind == "details" and len(looked) == 2 \
                and re.search(r"^\W*(?:\w+\W+)?compare\s+(?:them|those|these|both|the two|the 2)(?:\s+(?:two|2))?\W*$",
                              text, re.I):
            return looked  # "compare those two" after "tell me about the 2nd" and "and the 4th?"
        if compared and _COMPARATIVE.search(text) and kind in ("add_to_cart", "details", "why"):
            return shown_references(text, shown_products(state), self.vocab, compared)  # "the cheaper of those two"
        if kind == "add_to_cart" and not refs and len(state.shown) > 2 and _THE_COMPARATIVE_ONE.search(text):
            return _picked_by_price(text, shown_products(state), self.vocab)  # "add the cheaper one" of five
        if kind == "details" and not refs and _PICKED_THEN_ASKED.match(text):
            return _picked_by_price(text, shown_products(state), self.vocab)
        if compared and len(compared) == 2 and rules.BOTH.search(text) and not rules.RANGE_REF.search(text) \
                and len(refs) < 2 and kind in ("add_to_cart", "details", "why", "compare"):
            return compared  # "both please", "which of those 2 is lighter" after "compare the 1st and 3rd"
        if not refs and not compared and rules.BOTH.search(text) and kind in ("add_to_cart", "compare") \
                and len(named := each_named(text, shown_products(state), self.vocab)) == 2:
            return named  # "the grey tefal toaster and the grey philips kettle would match. add both"
        if not refs and kind == "add_to_cart" and rules.ADD_CART.match(text) \
                and len(named := each_named(text, shown_products(state), self.vocab)) >= 2:
            return named  # "add the under armour one and the decathlon one"
        if ranged and kind in ("add_to_cart", "details", "why") and _COMPARATIVE.search(text):
            return shown_references(text, shown_products(state), self.vocab, ranged)  # "of the first two, the cheaper"
        if len(refs) >= 2 and kind in ("add_to_cart", "details", "why") and _COMPARATIVE_PICK.search(text):
            return shown_references(text, shown_products(state), self.vocab, refs)  # "the pricier of the 1st and 3rd"
        both_of = _both_named(text, shown_products(state), self.vocab) if kind in ("compare", "add_to_cart") else None
        if both_of is not None:  # "add both nivea ones": the two Niveas shown, not the first two
            return both_of
        if ranged and kind in ("compare", "add_to_cart", "details", "why") \
                and not (len(refs) >= 2 and (rules.BOTH.search(text) or rules.ALL_SHOWN.search(text))):
            # "the first two", "both" (unless two positions are named: "1st and 4th, add both"; "compare the first and
            # the last one, I don't know what all these numbers mean")
            return ranged
        focus = focus_position(state)
        if kind == "compare" and len(refs) == 1 and focus and focus != refs[0] \
                and (_ITS.search(text) or _VERSUS.match(text)):
            return tuple(sorted((focus, refs[0])))  # "compare it with the 3rd", "vs 1?" after looking at the 2nd
        if kind == "add_to_cart" and refs and focus and focus not in refs and _IT_AND.search(text):
            return tuple(sorted((focus, *refs)))  # "add it + the 2nd" after looking at the 1st
        among = nth_of_brand(text, shown_products(state), self.vocab) if len(refs) == 1 else None
        if among is not None and kind in ("details", "add_to_cart", "why"):  # "the first nike one": of the Nikes
            return (among[refs[0] - 1],) if 0 < refs[0] <= len(among) else ()
        if refs or kind not in ("compare", "details", "add_to_cart", "why"):
            return refs
        if kind == "add_to_cart" and _ADD_THAT.match(text) and focus_position(state) is None and state.shown \
                and state.order == "price" and _THE_CHEAPEST_THING.search(state.query or ""):
            return (1,)  # "cheapest dumbbell set" then "add that": the cheapest, listed first ("jackets cheapest
            # first" is an order: "add it" next asks which)
        said_first = _said_first(text)
        if kind == "compare" and compared and state.last_kind == "compare" \
                and not re.search(r"\b(?:of|among|out of)\s+(?:these|those|them|all)\b|\ball\b", text, re.I):
            return compared  # "which is better" right after "compare 1 and 2": those two, not the whole list
        which_later = _clause_starting(text, _WHICH_OF_THESE) and not self.vocab.mentioned_brands(text) \
            or _ADVICE.search(text)  # "which would you pick for him?": what is shown, side by side
        if kind == "compare" and (_WHICH_OF_THESE.match(said_first) or len(state.shown) == 2 or which_later):
            # "which of these is the cheapest?": all, side by side; "compare the two" with two shown
            return tuple(range(1, len(state.shown) + 1))
        added = tuple(state.shown.index(pid) + 1 for pid in state.cart if pid in state.shown)
        if kind == "compare" and state.last_kind == "add_to_cart" and 2 <= len(added) <= 5 \
                and re.search(r"\b(?:them|those|these|both|the two|the 2)\b", text, re.I):
            return added  # "compare them" right after adding two of the list
        picked = shown_references(text, shown_products(state), self.vocab, compared) \
            or brand_references(text, shown_products(state), self.vocab, compared, focus_position(state)) \
            or (picked_after_compare(text, shown_products(state), self.vocab, compared)
                if compared and state.last_kind == "compare" else ()) or relative_reference(text, state) \
            or _the_thing_asked(_THE_THING_THEN.match(text), shown_products(state))
        if kind == "compare" and len(picked) < 2:
            picked = each_named(text, shown_products(state), self.vocab) or picked  # "the red and the blue one"
        if not picked and kind == "add_to_cart":
            picked = named_add(text, shown_products(state), self.vocab) or the_named(text, shown_products(state))
        if not picked and kind in ("add_to_cart", "details") and focus and \
                (_PRONOUN.search(text) or _BARE_ADD.match(said_first) or _AFFIRM.match(text)
                 or kind == "details" and (_MORE_INFO.match(said_first) or _SUBJECTLESS_QUESTION.match(said_first))):
            return (focus,)  # "ok add it" after "tell me more about the 2nd"; "is it loud?" after adding it
        return picked

    def _dialogue_act(self, text: str, state: DialogueState) -> str | None:
        """Intents that are about the conversation, not about which products to find."""
        if not text or rules.GREETING.match(text):
            return "greeting"
        if state.shown and _COMPARATIVE_PICK.search(text):  # "the cheaper of the first two, is it any good?"
            return "add_to_cart" if rules.ADD_CART.search(text) else "details"
        if _ONLY_COUNT.match(text) or _CHEAPEST_ONES.match(text) or _BEST_RATED_ONES.match(text) \
                or _PRICIER_ONES.search(text) and not rules.parse_references(text, allow_bare_numbers=False):
            # "only 1? any colour is fine then": how many were found, then what to change; "cheapest decent
            # ones?", "cheapest?": the search's cheapest (a refinement), not the one shown item "the cheapest one" picks
            return None

        if asks_item_policy(text, bool(state.shown), focus_position(state) is not None):
            return "details"  # "what's the warranty on the 2nd one?": its listing may say; the help pages for the rest
        if (rules.OFF_TOPIC.search(text) or rules.ARITHMETIC.search(text)) and not (rules.CHOOSE.match(text)
                                                                                     and state.shown) \
                and not (state.cart and rules.REMOVE.match(_said_first(text))) \
                and not (rules.REQUEST.search(text) and not _IF_I_NEED.search(text)
                         and (self.vocab.mentioned_categories(asked := _SERVICE_OF.sub(" ", text))
                              or self.vocab.product_heads(asked))):
            # but "add the first one, and how long is shipping?" adds it, and "our kettle died, need a new
            # one asap, do you deliver tomorrow?" asks for a kettle first
            return "out_of_scope"
        if (rules.STOCK_EXTREME.search(text) or rules.SHOP_WIDE.search(text)) and not rules.CART_WORD.search(text) \
                and not rules.ADD_CART.search(text):
            return None  # "what's the most expensive one you've got": a step in price, read as a product request
        ones = _SHOW_ONES.match(_ASKED_POLITELY.sub("", _said_first(text)))
        if ones and (self.vocab.mentioned_brands(ones["what"]) or self.vocab.mentioned_colors(ones["what"])
                     or gender_said(ones["what"])):  # "show me the girls ones": the list narrowed to that cut
            return None  # "show me the jbl ones": the list narrowed to that brand, not one product's details
        if _FORGET_THE.search(text) and not rules.CART_WORD.search(text):
            return None  # "eh forget the nike thing, any brand is fine": a filter lifted, no Nike picked
        if _NOT_CHOSEN.search(text) and self.vocab.mentioned_brands(text) and not rules.CART_WORD.search(text):
            return None  # "I'd rather not go with Sony": a brand ruled out, read as a product request
        if rules.excluded_brands(text, self.vocab.brands) and not rules.CART_WORD.search(text) \
                and not rules.CHOOSE.search(text) and not rules.REMOVE.search(text) and not rules.COMPARE.search(text) \
                and not rules.WHY.search(text):
            return None  # "anything that isnt nike? last pair killed my arches": a brand ruled out, no item asked about
        shown = shown_products(state)
        if len(shown) > 1 and focus_position(state) is None and _ADD_N_OF_THEM.match(text):
            return "add_to_cart"  # "add 2 of those" over a list: 2 of which? (asked; never item 2)
        compared = compared_positions(state)
        relative = relative_reference(text, state)
        thing = _THE_THING_THEN.match(text)
        refs = rules.parse_references(text, allow_bare_numbers=False) or rules.range_references(text, len(shown)) \
            or shown_references(text, shown, self.vocab, compared) or relative or _the_thing_asked(thing, shown)
        product = self._names_product(_PUT_FIRST.sub(" ", text), shown)  # "chuck the 3rd in": no Chuck Taylor
        said_first = _said_first(text)  # the message's own verb: "wait actually remove the phone"
        if shown and not refs and thing \
                and any(_word_hits(w, [c.product for c in shown], False) for w in words(thing[1])):
            return "details"  # "the one with the hood, does it pack down small?" of two hooded ones: which?
        if state.last_kind in ("details", "why") and relative \
                and not (rules.CHOOSE.search(text) or rules.ADD_CART.search(text) or rules.PUT_IN_CART.search(text)
                         or rules.REMOVE.search(text)):
            return "details"  # "sorry not that one, the one before it" after a question about the 3rd
        if shown and _ADVICE.search(text) and not rules.CART_WORD.search(text):
            # "which would you pick for him?": advice between the items in play, never an add
            return "details" if len(refs) == 1 else "compare"
        by_brand = () if refs or re.search(r"\b(?:what|how) about\b", text, re.I) else \
            brand_references(text, shown, self.vocab)
        if _LEAVE_THEM_OUT.search(text) and self.vocab.mentioned_brands(text) and not rules.CART_WORD.search(text):
            return None  # "the Apple ones are far too fiddly, could you leave those out?": a brand ruled out
        if (refs or by_brand) and rules.CHEAPER.search(text) and _OTHER_ONES.search(text) \
                and not rules.CHOOSE.search(text):
            return None  # "is there anything cheaper in the Asics?": other products, not the Asics on screen
        if len(by_brand) >= 2 and _WHICH_BETTER.search(text) and not rules.CHOOSE.search(text):
            return "compare"  # "out of the Sony and the Bose, which is comfier?"
        if not refs and not by_brand and named_add(text, shown, self.vocab) and not rules.REMOVE.search(text):
            return "add_to_cart"  # "add the lipstick": the one lipstick on the list (not "take the candle out")
        if not refs and not by_brand and state.last_kind == "add_to_cart" and _TOO.search(text) and "?" not in text \
                and len(words(text)) <= 8 and not rules.REMOVE.search(text) and the_named(text, shown):
            return "add_to_cart"  # "oh and the uno too, it's cheap" right after an add
        if len(by_brand) >= 2 and state.shown and re.match(r"(?:add|put|pop|get|grab|take)\b", said_first, re.I) \
                and not rules.REMOVE.search(text):
            return "add_to_cart"  # "add the jansport and the herschel"
        if len(by_brand) == 1 and not rules.REMOVE.search(text) and not _NOT_CHOSEN.search(text):
            if rules.CHOOSE.search(text) or rules.PUT_IN_CART.search(text):
                return "add_to_cart"  # "the Bose it is, add it please"
            if state.last_kind == "add_to_cart" and _TOO.search(text) and len(words(text)) <= 6 and "?" not in text:
                return "add_to_cart"  # "and the JBL too" right after an add
            if _LIKES.search(text) and not _likes(text):
                return None  # "the Bose ones look nice but they're out of my league. Anything under 120?"
            if ("?" in text or _ITEM_QUESTION.match(said_first) or _MORE_INFO.search(text) or _asks_after_name(text)
                    or _likes(text)) and not _ASKS_WHY.match(text):  # not "why are these all Lenovo and HP?"
                return "details"  # "what's the battery life like on the JBL ones", "the Philips one looks good"
        closing = _only_praise(text)  # "ur a lifesaver thx", not "same but white thx"
        thanks_only = bool(re.search(r"\b(?:thanks?|thank you|thx|cheers|obrigad[oa]|grazie|merci|danke|gracias|"
                                     r"ta(?=\s+(?:for|very|muchly)\b|\W*$))\b",
                                     text, re.I)) and "?" not in text
        if (rules.SMALLTALK.match(text) or closing or said_first and rules.SMALLTALK.match(said_first)
                or thanks_only and rules.SMALLTALK.match(_last_sentence(text))  # "way over budget. nvm, thanks anyway"
                or rules.CLOSING.search(text) and (len(words(text)) <= 8
                                                   or thanks_only and len(words(text)) <= 16)) \
                and not product and not refs \
                and (len(words(text)) <= 12 or thanks_only and len(words(text)) <= 30
                     # "Hello? Is there anybody there? My neighbour's boy set this up for me": a first hello, at length
                     or _HELLO.match(text) and not state.shown and len(words(text)) <= 30
                     and not self._things_named(text) and not self.vocab.mentioned_categories(text)) \
                and not rules.REQUEST.search(unclosed := rules.CLOSING.sub(" ", text)) \
                and not _hello_then_request(unclosed) \
                and not rules.REMOVE.search(text) and not rules.RECOMMEND.search(text) \
                and not re.search(r"\b(?:show|find|recommend)\b", text, re.I) \
                and not (state.shown and (rules.ADD_CART.search(unclosed)
                                          or rules.PUT_IN_CART.search(text) or rules.CHOOSE.search(unclosed))) \
                and not rules.CART_WORD.search(text):
            # "Lovely, add that one please" and "lovely, pop it in the basket" add; "lovely, thanks" greets
            return "greeting"
        if _TOTAL.search(text) and not refs and not _REMOVE_FIRST.match(text):
            return "view_cart"  # "how much is that all together", "what's the total now"
        if focus_position(state) and _INTO_CART_ALONE.match(text):
            return "add_to_cart"  # "parfait, in the basket" after a look at one item: that item goes in
        if (_cart_named(text) or rules.VIEW_CART.search(text)) \
                and not (_ITEMS_BASKET.search(text) and (refs or focus_position(state))):
            if rules.REMOVE_CART.search(text) or rules.REMOVE.search(text):
                return "remove_from_cart"
            if state.shown and re.match(r"(?:add|put|pop|chuck|throw|stick|take|grab)\b", said_first, re.I):
                return "add_to_cart"  # "add the cheapest one to my basket and then show me what's in it"
            if re.search(r"\bwhat (?:did|have) i (?:add|put|got)|\bwhat'?s (?:in|on)\b", text, re.I) or \
                    _CART_CHECK.search(text) and not (state.shown and _PUT_VERB.search(text)):
                return "view_cart"
            if (refs or len(by_brand) == 1 and _INTO_CART.search(text)) and state.shown:
                return "add_to_cart"  # "the 3rd of them goes in the cart", "the Ninja in the basket please"
            if state.shown and _INTO_CART.search(text) and rules.parse_references(text, allow_bare_numbers=True):
                return "add_to_cart"  # "2 and 4 in the basket please"
            if rules.ADD_CART.search(text) or rules.CHOOSE.search(text) or rules.PUT_IN_CART.search(text) or \
                    re.search(r"\b(?:in)?to (my |the )?(cart|basket)", text, re.I):
                return "add_to_cart"  # "chuck it in the cart"
            return "view_cart"
        if shown and (rules.CART_VERB.match(said_first) or _CART_VERB_LATER.search(text)):
            return "add_to_cart"  # "cart the first one", "ooh the 2nd ones are nice, basket them"
        if state.cart and (rules.REMOVE.match(said_first) or rules.REMOVE.search(text) and not product
                           # "ugh way over budget, remove the watch", "I change my mind, take out the jeans, he
                           # have many": a clause that starts with the removal
                           or _clause_starting(text, rules.REMOVE)
                           or _REMOVE_LAST.search(text)):  # "and the headphones remove"
            return "remove_from_cart"
        if not state.cart and rules.REMOVE.match(said_first):
            if shown and rules.excluded_brands(text, self.vocab.brands):
                return None  # "Please drop Converse as well" with nothing in the cart: the maker, off the list
            return "remove_from_cart"  # "delete the first one ..." with an empty cart: said so, never an add
        if shown and rules.CHOOSE.match(said_first) \
                and rules.parse_references(without_model_numbers(said_first, shown), allow_bare_numbers=True):
            return "add_to_cart"  # "ok, add the third backpack": the list's item, not a new search
        if shown and not product and _MORE_INFO.match(said_first):
            return "details"  # "tell me more": about the item in focus, else the reply asks which
        if shown and len(refs) >= 2 and _BARE_PICKS.fullmatch(_LEADING_OK.sub("", text)):
            return "add_to_cart"  # "the 1st and the 3rd": picks off the list, as one bare pick is
        if shown and _pair_question(text, len(shown)):
            return "compare"  # "1 or 5, which is more comfy??", "2 vs 4?"
        # "I carry it a lot, which ...", "Out of these, which would you say is the lightest? I tend to ...": the
        # first clause that asks which
        which = _clause_starting(text, _WHICH_OF_THESE) or _last_clause(text)
        if rules.COMPARE.search(text) or shown and not product and _WHICH_OF_THESE.match(which) \
                and (_BEST_RATED.search(text) or _ranks(which)):
            return "compare"  # "which of these is lightest", "which one is the most comfortable"
        if shown and _WHICH_ONE_HAS.match(which) and ("?" in text and not product or _WHICH_IS_A.match(which)) \
                and not re.search(r"\bsizes?\b", which, re.I) and not self.vocab.mentioned_colors(which):
            # "which of these has replaceable ear pads?", "which one is waterproof?": the one item asked for among
            # those shown, answered side by side; the list stays as it is (not "which ones are waterproof?")
            return "compare"
        if rules.WHY.search(text) and (shown or not (rules.RECOMMEND.search(text) or product)) \
                and not (shown and rules.SAID_AGAIN.search(text) and self._sets_filter(text)):
            return "why"  # not "I need road running shoes, what would you recommend and why?" with nothing shown
        if compared and state.last_kind == "compare" and not refs:
            refs = picked_after_compare(text, shown, self.vocab, compared)  # "black one pls"
        if compared and state.last_kind == "compare" and not product \
                and (refs and set(refs) <= set(compared) or rules.BOTH.search(text)) \
                and "?" not in text and not _ITEM_QUESTION.match(said_first) and not rules.DETAILS.search(text) \
                and len(words(said_first)) <= 8:
            return "add_to_cart"  # a pick right after a compare: "ok the first one", "the cheaper of the two pls"
        focus = focus_position(state)
        if shown and _PICKED_THEN_ASKED.match(text) and not rules.CHOOSE.search(text) \
                and (refs or _picked_by_price(text, shown, self.vocab)):
            return "details"  # "the cheaper one, what does it smell like": a question about the one picked
        if shown and not refs and not product and _STOCK_QUESTION.match(said_first):
            return "details"  # "is it in stock?": about the item in focus, else the reply asks which
        if focus and not refs and not product and _SUBJECTLESS_QUESTION.match(said_first):
            return "details"  # "yes but is waterproof?": learners' English for "is it waterproof?"
        if focus and not refs and (_ABOUT_IT.match(said_first) or _FEATURE_OF_IT.search(text)) \
                and not rules.REQUEST.search(text) and not rules.CHOOSE.match(said_first):
            return "details"  # "tell me more about that one, battery life?", "battery life on that one?"
        if focus and not refs and not product and _PRONOUN.search(text) and _ITEM_QUESTION.match(said_first) \
                and not rules.CHOOSE.match(said_first) and not rules.ADD_CART.search(text) \
                and not rules.REQUEST.search(text):  # "do you sell cases for it?" asks for another product
            return "details"  # "is it loud though?" about the one just added or looked at
        if shown and not product:
            bare = rules.parse_references(without_model_numbers(text, shown), allow_bare_numbers=True)
            if refs and _FINE_THEN_ASKS.search(text) and not rules.ADD_CART.search(text):
                return "details"  # "the ikea one is fine. whats its rating": a question about it, nothing added yet
            if not refs and len(shown) > 2 and _THE_COMPARATIVE_ONE.search(text) \
                    and (rules.CHOOSE.search(text) or rules.ADD_CART.search(text)) \
                    and _picked_by_price(text, shown, self.vocab):
                return "add_to_cart"  # "add the cheaper one" of five: the cheapest
            if (refs or bare) and rules.CHOOSE.search(_NEED_TO_BUY.sub(" ", _LIFT_FINE.sub(" ", text))) \
                    and not _SHOW_ALL.search(text):
                return "add_to_cart"  # not "any brand is fine, show me all of them"
            if refs and _PUT_IN.search(text) and not rules.REMOVE.search(text):
                return "add_to_cart"  # "chuck the 3rd in", "yep that 4th one looks mint, bung it in"
            if refs and state.last_kind == "add_to_cart" and (rules.ALSO.search(text) or len(words(text)) <= 4) \
                    and ("?" not in text or _BARE_PICK.fullmatch(text)) and not _WH_ASKED.search(text) \
                    and not self._other_kinds(text, shown):  # not "2nd waterproof?"
                return "add_to_cart"
            if bare and state.last_kind == "add_to_cart" and _AND_NUMBER.fullmatch(text):
                return "add_to_cart"  # "add 1" -> "and 2"
            if refs and _ONE_OF_NTH.match(text):
                return "add_to_cart"  # "1 of the 2nd", as "2 of the first one" was said before
            if refs and state.cart and re.search(r"\b(?:too|also|as well)\b", text, re.I) \
                    and not _WH_ASKED.search(text) \
                    and not self._other_kinds(text, shown):  # not "and a monopoly as well, the cheapest one"
                return "add_to_cart"  # "2nd one too" after a search, once something was added before
            if refs and _FACTS_ASKED.search(text) and not rules.CHOOSE.search(text) and len(words(text)) <= 8:
                return "details"  # "number 2 please, price and colour": its facts, read out
            if refs and _GO_ON.search(text) and len(words(text)) <= 8 and "?" not in text:
                return "add_to_cart"  # "that one at the top, go on": the pick, agreed to
            if refs and rules.POLITE.search(text) and not rules.DETAILS.search(text) and len(words(text)) <= 6 \
                    and not _LIST_ASKED.match(text) and not re.search(r"\bones\b", text, re.I):
                # "the cheapest one pls", "2nd pls": a pick; "cheapest skechers pls" asks to see, and "only the
                # white ones, please" narrows the list to them
                return "add_to_cart"
            if (rules.ADD_CART.search(text) or rules.PUT_IN_CART.search(text)
                    and (focus or re.search(r"\b(?:it|that|this)\s+in\W*$", text, re.I))) \
                    and (re.search(r"\b(it|that one|this one|that|this)\b", text, re.I)
                         or focus and re.search(r"\b(?:those|these|them)\b", text, re.I)) \
                    and not _THING_TO_DO.search(text):  # not "now something to put it on"; "ok add those" (a pair)
                return "add_to_cart"
            if rules.ALL_SHOWN.search(text) and (rules.ADD_CART.search(text) or rules.CHOOSE.search(text)
                                                 or rules.PUT_IN_CART.search(text)) \
                    and not _SHOW_ALL.search(text):  # not "any brand is fine, show me all of them"
                return "add_to_cart"  # "add all of them", "i'll take them all"
            if rules.ADD_CART.match(said_first) and len(each_named(text, shown, self.vocab)) >= 2:
                return "add_to_cart"  # "add the pink one for her and the black one for me"
            if focus and rules.CHOOSE.search(text) and re.search(r"\b(?:that|this) one\b|\bit\b", text, re.I) \
                    and "?" not in text and not _THING_TO_DO.search(text) \
                    and not re.search(r"\bto go with\b|\bgoes with\b|\b(?:a|an|another)\s+\w|\bfor (?:it|them)\b",
                                      text, re.I):
                # "ok I'll go with that one" after looking at it (not "a bottle to go with it", "airpods for it")
                return "add_to_cart"
            if focus and _BARE_ADD.match(said_first):
                return "add_to_cart"  # "ok add" after looking at one item
            if focus and state.last_kind == "details" and _AFFIRM.match(text):
                return "add_to_cart"  # "yes, that one" after looking at one item: the shopper's choice
        last_sentence = _last_sentence(text)  # "none of these are quite her. more?"
        first_clause, *rest = _CLAUSE_END.split(text, maxsplit=1)  # "more pls, none of these are his style"
        more_first = bool(rules.MORE.match(first_clause)) and not (  # not "more, in blue"
            rest and (self.vocab.mentioned_colors(rest[0]) or self.vocab.mentioned_brands(rest[0])
                      or rules.parse_prices(rest[0]) != (None, None) or rules.CHEAPER.search(rest[0])))
        if shown and more_first and rest and rules.JUDGES_LIST.match(rest[0].strip()):
            return "more"  # "more. these are all the same dress in five colours": the list judged, the next asked
        if rules.MORE.match(text) or (shown and (rules.SOFT_MORE.search(text) or rules.MORE.match(last_sentence)
                                                 or more_first)
                                      and not product and not _ASKS_PICK.search(text)
                                      and not (rules.RECOMMEND.search(text) and _FOR_SOMEONE.search(text))) \
                and not (rules.CHEAPER.search(text) and rules.excluded_brands(text, self.vocab.brands,
                                                                               self.vocab.everyday)):
            return "more"  # not "what else should I get with it? recommend me something", nor "le creuset's out
            # of my league, what else have you got?" (a brand priced out: a refinement without it)
        asked = _NUMBER_QUESTION.match(said_first) or _QUESTION_ON_NUMBER.match(said_first)
        if shown and asked and 1 <= int(asked[1]) <= len(shown) and not product:
            return "details"  # "is 4 waterproof?", "does 2 come in black?"
        if shown and _POSITION_ASKED.match(said_first) and refs and max(refs) <= len(shown):
            return "details"  # "does the 2nd fit a 15 inch laptop?": a product named about a shown one
        picked = _LEADING_OK.sub("", text)  # "ok the 2nd", "yeah 3rd one", "that 2nd one"
        picked = re.sub(r"^(?:that|this) one\W+(?=\w)", "", picked, flags=re.I)  # "ok that one, the 2nd"
        # "first one then", "fine, number 1"
        bare_pick = bool(re.fullmatch(r"(?:just\s+)?((?:the|that|this)\s+)?(?:number\s+|no\.?\s*|#)?\w+(\s+one)?"
                                      # "the 3rd, whatever", "3rd. done."
                                      r"(?:\W+(?:then|please|pls|plz|thanks|thx|ta|i guess|i suppose|whatever|done|"
                                      r"fine|that'?s it)|"
                                      # "2nd one for him", "and the 2nd for my son"
                                      r"\s+for\s+(?:him|her|them|me|myself|my\s+\w+(?:\s+\w+)?))*[\s.!]*",
                                      picked, re.I))
        digit = re.fullmatch(r"\s*(\d)[\s.!]*", picked)
        if digit and text.strip() != picked.strip() and shown and 1 <= int(digit[1]) <= len(shown):
            return "add_to_cart"  # "ok 2", "whatever, 1": a position given as the answer to the list
        first, _, rest = picked.partition(".") if "." in picked else picked.partition(",")
        if not bare_pick and rest and "?" not in rest and _REMARK_AFTER.match(rest.strip()):
            # "The second one then please. Fingers crossed it fits!": a pick, then a remark
            bare_pick = bool(re.fullmatch(r"((?:the|that|this)\s+)?\w+(\s+one)?"
                                          r"(?:\W+(?:then|please|pls|plz|thanks|thx|ta))*[\s.!]*", first, re.I))
        if refs and bare_pick and shown:
            # "first one", "ok the 2nd": a choice (independent writers' dialogues: 20 of 20 bare picks after a
            # list were adds); "the 3rd?" asks about it (below)
            return "add_to_cart"
        if refs and shown and _LIKES.search(text) and not _likes(text):
            return None  # "the grey one looks nice, anything cheaper?": the list moves on
        if refs and shown and not product and _likes(text) and not rules.CHOOSE.search(text):
            return "details"  # "the second one looks nice": that one in focus, so "add it" next adds it
        if refs and (rules.DETAILS.search(text) or re.fullmatch(r"(the\s+)?\w+(\s+one)?\s*\??", picked, re.I)
                     or ("?" in text or _ITEM_QUESTION.match(text) or _asks_after_name(text)
                         or _POSITION_THEN_ASKS.match(picked)) and not product):
            # "the first, what is the graphic card?", "is the 2nd waterproof"
            return "details"
        return None

    def _brand_named(self, text: str, shown: list) -> list[int]:
        """Positions of the shown products of the brands the message names ("the nokia")."""
        brands = set(self.vocab.mentioned_brands(text))
        return [i + 1 for i, c in enumerate(shown) if c.product.brand in brands]

    def _other_kinds(self, text: str, shown: list) -> bool:
        """Whether the message names kinds of product no title on screen has: "and a dutch oven and a chef's
        knife, 150 for both" right after a frying pan was added asks for those, not for both pans shown."""
        titled = {singular(w) for c in shown for w in words(c.product.title)}
        heads = {singular(h) for h in self.vocab.product_heads(text)}
        if heads and not heads & titled:
            return True
        # "and a monopoly as well, the cheapest one" over Lego sets: a rare word of the catalog's titles none shown has
        return any(w in self.vocab.title_words and zipf(w) < PRODUCT_WORD_ZIPF and singular(w) not in titled
                   and not w.isdigit() and w not in self.vocab.colors for w in words(text))

    def _things_named(self, text: str) -> set[str]:
        """The catalog's kinds of product a message names, less words said as verbs ("my neighbour's boy set this
        up": no building set)."""
        return {h for h in self.vocab.product_heads(text)
                if not re.search(rf"\b{re.escape(h)}\s+(?:this|it|that|them|me|him|her|us|up)\b", text, re.I)}

    def _names_product(self, text: str, shown: list) -> bool:
        """Whether the message asks for products (a category, a price, or a brand not among those shown).
        The category of the products shown, said with their positions, only points at them ("the 2nd and
        4th tees please")."""
        if rules.parse_prices(text) != (None, None):
            return True
        categories = set(self.vocab.mentioned_categories(text))
        # "add the lipstick" with one lipstick among the lip products shown points at it
        if categories and not (categories <= {c.product.category for c in shown}
                               and (rules.parse_references(text, allow_bare_numbers=False)
                                    or rules.ADD_CART.search(text)
                                    and len(title_word_reference(text, [c.product for c in shown])) == 1)):
            return True
        shown_brands = {c.product.brand for c in shown}
        return any(b not in shown_brands for b in self.vocab.mentioned_brands(text))

    def _sets_filter(self, text: str) -> bool:
        """Whether the message names a colour, a brand it wants or a price: a filter it can set on the search ("I
        said no Sony", a rule already kept, asks why the list is what it is)."""
        excluded = rules.excluded_brands(text, self.vocab.brands, self.vocab.everyday)
        return bool(self.vocab.mentioned_colors(text) or set(self.vocab.mentioned_brands(text)) - set(excluded)
                    or rules.parse_prices(text) != (None, None))

    def _product_intent(self, text: str, state: DialogueState) -> Intent:
        categories = find_longest(text, self.vocab.categories)
        excluded = rules.excluded_brands(text, self.vocab.brands, self.vocab.everyday)
        said = [(start, b) for start, _, b in self.vocab.brand_spans(text) if b not in excluded]
        brands = [b for _, b in said]
        meant = rules.corrected_brand(text, self.vocab.brands)
        if meant:  # "sorry, not samsung, google pixel": the second is the one wanted
            brands = [meant]
        elif len(set(brands)) > 1 and (mind := _MIND_CHANGED.search(text)) \
                and any(start >= mind.end() for start, _ in said):
            # "Under Armour or Nike... no, better only Nike": the brand said after the change of mind
            brands = [b for start, b in said if start >= mind.end()]
        colors = _wanted_colours(text, self.vocab.mentioned_colors(text))
        min_price, max_price = rules.parse_prices(text)
        priced = rules.brand_priced_out(text, self.vocab.brands, self.vocab.everyday)
        cheaper = bool(rules.CHEAPER.search(priced) or rules.CHEAPER_ZH.search(text))
        wanted = self.vocab.wanted_categories(text)  # not "laptop" in "a bag that fits a laptop"
        category = wanted[0] if wanted else None
        if category is None and self.category_matcher is not None and has_non_latin_letters(text):
            category = self.category_matcher(text)
            categories = [(0, 0, category)] if category else []
        slots = dict(
            category=category,
            brand=brands[0] if brands else None,
            exclude_brand=excluded[0] if excluded else None,
            color=colors[0] if colors else None,
            min_price=min_price, max_price=max_price, cheaper=cheaper,
        )
        content = [w for w in words(rules.ABOUT_ME.sub(" ", text)) if w not in STOP_WORDS and not w.isdigit()]
        known = [w for w in content if w in self.vocab.title_words]
        # For "recommend": a product word, not an everyday word a title also uses ("nice", "year", "old")
        # nor a brand ("recommend something for my dad, just not anything from apple")
        priceless = set(words(rules.strip_prices(text)))  # "25 bucks max": no product in "max"
        product_words = [w for w in known if zipf(w) < PRODUCT_WORD_ZIPF and w not in self.vocab.brand_words
                         and w in priceless]
        stepping = cheaper and bool(state.query or state.category)  # "too fancy for me, somethin cheaper"
        advice = rules.RECOMMEND.search(text) or rules.GOOD_GIFT_ASKED.search(text) and not brands
        # "present for my boyfriend, he like sport and music. what you propose?": his likes ask for no aisle
        asked = _LIKES_OF.sub(" ", text) if advice else text
        if advice and not find_longest(asked, self.vocab.categories) \
                and not any(w in words(asked) for w in product_words) and not stepping \
                or re.search(rules.HARD_TO_BUY, text, re.I) and not categories:  # her hobbies name no product asked
            return Intent("recommend", **{**slots, "brand": None})
        if categories or (known and not self._only_slot_words(text, slots)):
            return Intent("search", query=self._query_text(text), **slots)
        if any(v not in (None, False) for v in slots.values()):
            return Intent("refine" if state.query or state.category else "search",
                          query=self._query_text(text), **slots)
        if rules.RECOMMEND.search(text):
            return Intent("recommend")
        return Intent("out_of_scope", query=text)

    def _only_slot_words(self, text: str, slots: dict) -> bool:
        """True when every content word is a brand/colour name: a refinement, not a new search."""
        slot_words = set()
        for value in (slots["brand"], slots["color"], slots["exclude_brand"]):
            if value:
                slot_words.update(words(value))
        content = [w for w in words(text) if w not in STOP_WORDS and not w.isdigit()
                   and w not in {"not", "no", "except", "without", "other", "but", "only", "just", "k"}]
        return all(w in slot_words for w in content)

    @staticmethod
    def _query_text(text: str) -> str:
        """The message without price phrases: what the embedding search should look for."""
        return rules.strip_prices(text)
