"""The LM intent parser: prompt with the dialogue state, greedy-decode a slot string, parse it.

It does not validate or fall back itself: `parse` returns the Intent exactly as the model wrote
it (values as strings where they are not numbers) or raises `LmOutputError`; the turn loop's
`_parse` is the one place that turns an error into the rule parser's answer, records why, and
runs `validate_intent` (snap brands/categories, drop non-numeric prices, resolve references).
"""

from __future__ import annotations

import dataclasses
import math
import re

from assistant import rules
from assistant.lm.format import ABOUT_BAND, LmOutputError, format_intent, parse_prompt, parse_slot_string, query_text
from assistant.lm.model import CausalLM
from assistant.lm.prior import IntentPrior
from assistant.parser import Parsed, RuleParser
from assistant.types import DialogueState, Intent
from assistant.vocab import CatalogVocab


class LmParser:
    """`IntentParser` over a fine-tuned causal LM; `read` returns the intent with the raw decode and the prior."""

    def __init__(self, lm: CausalLM, vocab: CatalogVocab | None = None, max_new_tokens: int = 24,
                 prior: IntentPrior | None = None, prior_weight: float = 1.0, rules_acts: bool = True):
        self.lm = lm
        self.vocab = vocab
        self.max_new_tokens = max_new_tokens
        # Its slot string is the first guess speculative decoding checks (~2 ms; the model decides).
        self.rules = RuleParser(vocab) if vocab is not None else None
        # The embedding classifier's log-probabilities, times the weight, join the model's at the
        # intent (assistant/lm/prior.py); None or weight 0: the model alone.
        self.prior = prior if prior_weight > 0 else None
        self.prior_weight = prior_weight
        self.rules_acts = rules_acts

    def parse(self, message: str, state: DialogueState) -> Intent:
        return self.read(message, state).intent

    def read(self, message: str, state: DialogueState) -> Parsed:
        """Raises LmOutputError (with the decoded text) when the decoded text is not a slot string.

        With `rules_acts`, a message the rule patterns read as a conversation act ("add the 2nd one
        too", "compare the first two", "thanks!") is answered from them without a decode: on shopper
        messages no generator wrote they read those acts and their references better than the
        5-minute fine-tune (docs/benchmarks.md "Understanding"), and the turn skips the model's latency.
        """
        ruled = None
        if self.rules is not None:
            act = self.rules.conversation_act(message, state)
            if act is not None and self.rules_acts:
                return Parsed(act, "rules")
            ruled = act or self.rules.product_intent(message, state)  # the guess: the rules' whole reading
        prior = None
        guess = format_intent(ruled) if ruled is not None else None
        starts = None
        if self.prior is not None:
            logp = self.prior.log_probs(message, state)
            top = max(logp, key=logp.get)
            prior = {"top": top, "p": round(math.exp(logp[top]), 3)}
            starts = {f" {kind}": self.prior_weight * lp for kind, lp in logp.items()}
        raw = self.lm.generate(parse_prompt(state, message, self.vocab), self.max_new_tokens, guess, starts)
        try:
            intent = parse_slot_string(raw)
        except LmOutputError as exc:
            exc.output, exc.prior = raw.strip(), prior
            raise
        intent = dataclasses.replace(intent, query=query_text(intent.kind, message), **_stated_prices(message))
        intent = _without_unsaid_prices(intent, message, state)
        if ruled is not None and _number_not_a_position(intent.references, message):
            intent = ruled  # "she's a 7.5", "my son (11)": a size or an age the model took for item 7 or 11
        if ruled is not None and self.rules_acts:
            intent = _with_named_slots(intent, ruled)
            if intent.kind in ("add_to_cart", "remove_from_cart") and not _cart_cue(message):
                intent = ruled  # "now something to carry it in" read as an add: the cart is never changed on a guess
            elif intent.kind in ("greeting", "out_of_scope") and ruled.kind == "recommend":
                # "hiya! whats good?", "whats popular rn?": the rule patterns, which read every hello and every
                # question about the shop's help pages, saw a request for ideas
                intent = ruled
        return Parsed(intent, "lm", raw.strip(), prior)


_PRODUCT_KINDS = ("search", "refine", "recommend")


def _cart_cue(message: str) -> bool:
    """Whether the message says anything that changes a cart: a verb of choosing, adding, putting or removing,
    the cart's name, or a bare pick ("ok the 2nd", "number 3 pls")."""
    return bool(rules.CHOOSE.search(message) or rules.PUT_IN_CART.search(message) or rules.CART_WORD.search(message)
                or rules.CART_VERB.match(message) or rules.REMOVE.search(message) or rules.REMOVE_CART.search(message)
                or len(message.split()) <= 4 and rules.parse_references(message, allow_bare_numbers=True))


def _with_named_slots(intent: Intent, ruled: Intent) -> Intent:
    """The model's reading of a product request, with the values the message names word for word.

    Why: a category, brand or colour the message spells out is read by the catalog's own words
    exactly, while the 5-minute fine-tune still confuses some on language it never saw ("sunscreen
    spf 50" as sports). The model keeps what only it reads: the intent, and slots the words miss.
    A product request the model calls out of scope, which the words read as a search, is a search.
    """
    read_by_words = ruled.kind in _PRODUCT_KINDS and bool(ruled.category or ruled.brand or ruled.color
                                                          or ruled.min_price is not None or ruled.max_price is not None)
    if intent.kind not in _PRODUCT_KINDS and (read_by_words or ruled.kind == "search"):
        # The patterns found no conversation act (they are read first) but a product with named slots or
        # the catalog's product words ("iphone 15", "pair of 5 kg dumbbells"): the model's act
        # ("compare", "view_cart", "greeting" for a product request) is the mistake.
        return ruled
    if ruled.kind == "recommend" and intent.kind == "search" and not ruled.category:
        # "what should i get my roommate for her bday, 25 bucks max": a request for ideas, no product named
        return dataclasses.replace(intent, kind="recommend", category=None, query="")
    if intent.kind == "recommend" and ruled.kind == "search":
        # a described need ("a grippy yoga mat, nothing over 35") is a search, not "recommend me something"
        # with the words to look for: a recommend decodes none ("what's a good yoga mat?" showed footballs)
        return dataclasses.replace(intent, kind="search", category=ruled.category or intent.category,
                                   query=ruled.query or intent.query)
    if intent.kind not in _PRODUCT_KINDS or ruled.kind not in _PRODUCT_KINDS:
        return intent
    named = {slot: getattr(ruled, slot) for slot in ("category", "brand", "color", "exclude_brand")
             if getattr(ruled, slot)}
    if intent.kind == ruled.kind == "refine" and intent.category and not ruled.category:
        # "nokia?" while looking at phones, decoded as "refine | cat=nokia | cat=sports": a refinement names
        # no aisle the words do not, so it stays in the one on screen
        named["category"] = None
    if intent.exclude_brand and intent.exclude_brand == ruled.brand and not ruled.exclude_brand:
        # "apple if it's not crazy expensive", "levis, no more than $90": no exclusion word governs the
        # brand (`rules.excluded_brands` reads which one a "not" or "no" governs), so it is the one wanted
        named["exclude_brand"] = None
    return dataclasses.replace(intent, **named)


def _without_unsaid_prices(intent: Intent, message: str, state: DialogueState) -> Intent:
    """The model's price bounds, less those that are no amount of money the message says.

    Why: the model reads any number as a price now and then: "jeans for my son 15" became "over $15", an age. A
    bound is kept when its value is a number the message says once ages, sizes, model numbers and counts are
    masked (`rules.mask_non_prices`), a thousand times one ("1.2k"), an end of the band "about 100" reads as, or a
    bound already set (carried from the state line)."""
    if intent.min_price is None and intent.max_price is None:
        return intent
    text = rules.digits(message)
    said = _numbers(rules.mask_non_prices(text))
    # a number said as an age or a size elsewhere is that again ("turns 58 next week, at 58 he deserves..."),
    # unless money is said right with it
    said -= {n for n in _numbers(" ".join(m[0] for m in rules.NOT_PRICE.finditer(text)))
             if not re.search(rf"(?:[$£€₹]\s?{n:g}\b|\b{n:g}\s*(?:\$|dollars|bucks|quid|pounds|euros))", text)}
    said |= {n * 1000 for n in said}
    said |= {n * end for n in said for end in ABOUT_BAND} | {state.min_price, state.max_price} - {None}
    if not said and not re.search(r"\d", rules.digits(message)):
        return intent  # no digits at all: amounts in words the digit reader missed stay the model's
    kept = {k: None for k in ("min_price", "max_price") if getattr(intent, k) is not None
            and round(getattr(intent, k), 2) not in {round(n, 2) for n in said}}
    return dataclasses.replace(intent, **kept) if kept else intent


def _number_not_a_position(references: tuple[int, ...], message: str) -> bool:
    """Whether the model read a list position from a number the message says as something else: a size ("7.5"),
    an age ("son (11)"), a measure ("20-25 litres"), which the position patterns do not read as a position."""
    if not references or rules.parse_references(message, allow_bare_numbers=True):
        return False
    text = rules.digits(message)
    return any(r > 0 and re.search(rf"(?<![\d.]){r}(?![\d])", text) for r in references)


def _numbers(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def _stated_prices(message: str) -> dict[str, float | None]:
    """Prices the message states in a form the price patterns read ("under $80", "50-100 dollars").

    Why they override the model: the direction of a bound is one word ("under" / "over") that the
    5-minute fine-tune still swaps (its most common slot error: docs/benchmarks.md "Price direction"),
    while the patterns read it exactly. The model keeps the prices only the patterns cannot read ("budget is 800", "a
    hundred bucks") and everything else: intent, categories, brands, exclusions, references.
    """
    low, high = rules.parse_prices(message)
    return {} if low is None and high is None else {"min_price": low, "max_price": high}
