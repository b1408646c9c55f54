"""The turn loop: `Assistant.respond(session, message) -> Reply`.

Everything the UI, the HTTP API, the CLI and the dialogue runner do goes through `respond`.
One turn: parse -> validate (fallback recorded in the trace) -> update state -> retrieve ->
rerank -> write (placeholders) -> fill from the catalog.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant import cart, mixed_speech, rules
from assistant.add_unseen import UnseenAdd, add_words, is_named, unseen_add
from assistant.ages import child_age, fits_age
from assistant.aisle_facts import asked_fact, fact_sentence
from assistant.asked_facts import asked_facts, asks_item_policy, sized_pick
from assistant.better_value import asks_better_same_money, price_band
from assistant.brand_question import asks_over_list, brand_answer, brand_asked
from assistant.brand_standing import BrandAsked, brand_asked_about, brand_standing
from assistant.budget import budget_fix
from assistant.budget_left import within_budget
from assistant.carried import carried_laptop
from assistant.carry_in import carry_in
from assistant.cart import cart_turn, past_list_text
from assistant.cart_acts import DOUBLE, MAX_QUANTITY, swapped_in
from assistant.cart_acts import number as count_of_word
from assistant.cart_clauses import shows_cart, split_cart_clauses
from assistant.cart_compare import EMPTY as EMPTY_CART_COMPARE
from assistant.cart_compare import WHICH as WHICH_TO_COMPARE
from assistant.cart_compare import asks_cart_compare, cart_words
from assistant.cart_questions import (
    asked_in_cart,
    asks_cart_extreme,
    asks_last_added,
    cart_extreme_sentence,
    in_cart_sentence,
    last_added_sentence,
)
from assistant.compare_named import first_named, named_pair, naming_words, shared_kind
from assistant.config import AppConfig
from assistant.currency_said import asks_currency, currency_answer, other_currency_note
from assistant.earlier_lists import (
    Named,
    add_clause,
    add_then_more,
    asked_of_named,
    back_from_cart,
    back_to_list,
    named,
    recalled,
    remember,
)
from assistant.engine import Engine
from assistant.evidence import HEAD_HITS, EvidenceReader, Grounding, ground, word_aisle
from assistant.exact_title import MIN_TITLE_WORDS, said_title
from assistant.follow_up import follow_up_request
from assistant.genders import cut_for
from assistant.gifts import gift_budget_after, gift_budget_kept, gift_request, names_occasion
from assistant.glossary import asked_term, term_answer
from assistant.going_back import back_to_previous, earlier_of_kind
from assistant.grounding import fill
from assistant.kids_sizes import ChildCuts
from assistant.language import language_name, message_language
from assistant.like_this import LikeThis, like_this
from assistant.lowest_price import asks_lowest, lowest_answer
from assistant.money import currency_symbol, format_price
from assistant.naming import KIND_FAMILY
from assistant.on_the_list import described_words, replaced_words
from assistant.ordering import RATING, REVIEWS, in_order, order_request, order_said
from assistant.pair_verdict import pair_verdict
from assistant.parser import (
    ITEMS_JOINED,
    IntentParser,
    ParseError,
    RuleParser,
    adds_it_again,
    brand_references,
    cart_references,
    each_named,
    focus_position,
    kept_in_cart,
    listed_answer,
    named_parts,
    priced_line,
    removal_words,
    shown_products,
    shown_references,
    title_word_hits,
    title_word_reference,
)
from assistant.pick_one import asks_pick, pick_of, pick_text
from assistant.price_gap import asks_price_gap, price_gap_text
from assistant.qualities import ASKED_QUALITIES
from assistant.quantity_price import asked_count, count_price_text, item_words
from assistant.range_question import asks_range, range_text
from assistant.reading import (
    GIFT_CARD,
    MONEY_IDIOM,
    NO_BUDGET,
    ONLY_KIND_SAID,
    ONLY_SAID,
    PRICIER,
    asks_for_thing,
    has_term,
    kept_from_before,
    mentions,
    names_other_thing,
    names_product,
    read_extras,
    same_as_before,
)
from assistant.reading import START_OVER as START_OVER_SAID
from assistant.relative_price import priced_against
from assistant.repeat import again_text, asks_again
from assistant.reply import ReplyWriter, TemplateWriter, WriterStream, category_noun, not_carried_text
from assistant.retraction import retract
from assistant.safety import policy_refusal, strip_absurd_prices
from assistant.service import ALONE as SERVICE_ALONE
from assistant.service import NOTICE as SERVICE_NOTICE
from assistant.service import asks_service, service_only, split_service
from assistant.siblings import ModelLines
from assistant.size_pick import SizePick, size_pick
from assistant.size_step import SizeStep, asked_step, complained_of, reference
from assistant.sizes import SPEC_WORDS, SizeChart, SizeRead, fits
from assistant.spanish import in_english as in_english_es
from assistant.spelling import Speller
from assistant.spend import against_budget, spend_question
from assistant.spoken_numbers import spoken_numbers
from assistant.state import apply_intent, filters_of, restore_search, search_slots, search_text
from assistant.stock_count import asks_how_many, count_matching, count_sentence, matching
from assistant.style_step import style_step
from assistant.superlatives import asks_for_one, superlative
from assistant.types import ONE_LESS, PICK, SEARCH_KINDS, SET_TO, DialogueState, Intent, Product, Profile, Reply, Trace
from assistant.undo import asks_undo, undo
from assistant.unit_price import unit_value
from assistant.unlisted_specs import SpecCoverage, unstated_asked, unstated_question_text, unstated_search_notice
from assistant.usage import describes_use, without_verb_homonyms
from assistant.validate import (
    about_the_list,
    described_by_materials,
    named_kinds,
    ones_on_screen,
    validate_intent,
    without_deeds,
)
from assistant.vocab import KINDS_WITHIN, PRODUCT_WORD_ZIPF, CatalogVocab, hyphen_joined, singular, words, zipf
from assistant.why_first import (
    SPONSORED_ANSWER,
    SPONSORED_IN_GENERAL,
    WHO_ANSWERS,
    asks_catch,
    asks_sponsored,
    asks_who_answers,
    asks_why_first,
    catch_explained,
    order_explained,
)
from assistant.why_not import why_not_brand
from recsys.live_profile import SessionSignal, blend_session, with_session
from recsys.types import Candidate
from retrieval.types import Filters, Hit

# Words around a size that change nothing else: "what about 15 inch, same otherwise", "how about 10, rest the same".
_SAME_ELSE = re.compile(r"\b(?:what|how)\s+about\b|\b(?:same|the same|everything else the same|rest the same|"
                        r"same as before|otherwise the same|same otherwise|otherwise|else)\b", re.I)
CART_KEPT = "Okay, your cart stays as it is."  # a cart act that changes nothing says so
# A thing asked for to go with what is shown: "a belt for them?", "and a case for it".
_COMPANION = re.compile(r"\b(?:for|with|to go with|to match)\s+(?:it|them|those|these|that|this|that one|this one)\W*$",
                        re.I)
# A requirement of the kind on screen: "it should be waterproof", "they must have a hood".
_MUST_BE = re.compile(r"^\W*(?:(?:and|also|but|ok|okay|so)\W+)*(?:(?:it|they|this|these|that|those)\s+)?"
                      r"(?:should|must|has to|have to|needs? to|ought to)\s+(?:be|have|fit|hold|take)\b", re.I)
# Asking for a product besides the one looked at: "need a cast iron skillet also", "I want a toaster too".
_ANOTHER_ONE = re.compile(r"\b(?:also|too|as well|another|besides|in addition)\b|"
                          r"^\W*(?:(?:ok(?:ay)?|oh|right)\W+)*(?:and|now|plus)\s+(?:a|an|some)\s+\w|"
                          r"\b(?:i|we)\s+(?:also\s+)?(?:need|want)\b|\bneed (?:a|an|some)\b|\blooking for\b", re.I)


# The oldest a child whose ideas come from the toys (a teenager's need not).
_CHILD_UNTIL = 12
# Acts that point at listed items by position.
_PICKS = ("add_to_cart", "details", "compare", "why")


class Assistant:
    """One loaded shop. Sessions are plain `DialogueState` objects owned by the caller."""

    def __init__(self, engine: Engine, parser: IntentParser | None = None, writer: ReplyWriter | None = None):
        self.engine = engine
        self.config = engine.config
        self.rule_parser = _rule_parser(engine)
        self._aisle_floor: dict[str, float] | None = None
        self._title_shares: dict[tuple[str, str], float] = {}
        self.parser = parser or self.rule_parser
        self.writer = writer or TemplateWriter(engine.currency)
        self.fallback_writer = TemplateWriter(engine.currency)
        self.chat_log = None  # an `assistant.chatlog.ChatLog` when `assistant.chat_log` is on
        self.evidence = EvidenceReader(engine) if self.config.assistant.category_evidence else None
        self.speller = Speller(engine.vocab)
        self.sizes = SizeChart.of_catalog(engine.index.catalog)
        self.child_cuts = ChildCuts.of_catalog(engine.index.catalog)
        self._model_lines: ModelLines | None = None  # built at the first "other colours / sizes?" question
        self._spec_coverage: SpecCoverage | None = None

    @classmethod
    def load(cls, art_dir: str | Path, config: AppConfig | None = None) -> Assistant:
        """Load a build; `assistant.parser`/`writer` = "lm" load the fine-tuned LM the build recorded."""
        from assistant.lm.load import make_components

        engine = Engine.load(art_dir, config)
        parser, writer = make_components(engine.config.assistant, art_dir, engine.vocab, engine.currency)
        assistant = cls(engine, parser, writer)
        if engine.config.assistant.chat_log:
            from assistant.chatlog import ChatLog

            assistant.chat_log = ChatLog(art_dir)
        return assistant

    # -- read-only views of the loaded shop, for front ends (they never reach into the engine) -------

    @property
    def build_id(self) -> str:
        return self.engine.build_id

    @property
    def currency(self) -> str:
        """The ISO code the catalog's prices are in (cards, cart and API replies show it)."""
        return self.engine.currency

    @property
    def spec_coverage(self) -> SpecCoverage:
        """Which aisles state each spec shoppers ask about (RAM, 5G...), read at the first search that needs it."""
        if self._spec_coverage is None:
            self._spec_coverage = SpecCoverage(self.engine.index.products)
        return self._spec_coverage

    def product(self, product_id: str) -> Product | None:
        """The catalog entry of an id (the cart's lookup); None for an id the catalog does not hold."""
        return self.engine.index.product(product_id)

    def catalog_size(self) -> int:
        return len(self.engine.index.products)

    def catalog_prices(self) -> dict[str, float]:
        """product_id -> catalog price (products without a price left out): what any price said may be."""
        return {p.product_id: p.price for p in self.engine.index.products if p.price is not None}

    def categories(self) -> list[str]:
        """The catalog's categories, sorted."""
        return sorted(set(self.engine.vocab.categories.values()))

    def profile(self, user_id: str | None) -> Profile | None:
        """What the behaviour logs say about a shopper; None for a guest or an unknown id."""
        return self.engine.profiles.get(user_id)

    def richest_profiles(self, limit: int, scan: int) -> list[Profile]:
        """The `limit` profiles with the most purchases (then brand affinities) among the first `scan` ids."""
        profiles = self.engine.profiles
        found = [p for p in (profiles.get(u) for u in sorted(profiles.user_ids())[:scan]) if p is not None]
        found.sort(key=lambda p: (-p.n_purchases, -len(p.brand_affinity), p.user_id))
        return found[:limit]

    # -- the cart without a chat message (the UI's cart panel, the HTTP API) -------------------------

    def set_quantity(self, session: DialogueState, product_id: str, quantity: int) -> None:
        """Set a cart line's quantity; 0 removes the line. Raises ValueError for an unknown product or a
        quantity outside 0-99."""
        if self.product(product_id) is None:
            raise ValueError(f"no product {product_id!r} in this shop")
        if not 0 <= quantity <= 99:
            raise ValueError(f"quantity {quantity} is outside 0-99")
        if quantity == 0:
            session.cart.pop(product_id, None)
        else:
            session.cart[product_id] = quantity
            session.last_added = product_id

    def checkout(self, session: DialogueState) -> dict | None:
        """Place an order for the cart (`cart.checkout`); the order ({order_id, total, lines}) or None when
        there was nothing to order."""
        before = session.last_order
        cart.checkout(session, self.engine.index, cart.new_order_id(), self.engine.currency)
        return session.last_order if session.last_order is not before else None

    # -- turns -------------------------------------------------------------------------------------

    def new_session(self, user_id: str | None = None, personalize: bool = True) -> DialogueState:
        return DialogueState(user_id=user_id, personalize=personalize)

    def respond(self, session: DialogueState, message: str) -> Reply:
        reply = None
        for item in self.respond_stream(session, message):
            if isinstance(item, Reply):
                reply = item
        assert reply is not None  # respond_stream always ends with the Reply
        return reply

    def respond_stream(self, session: DialogueState, message: str) -> Iterator[str | Reply]:
        """Like `respond`, but yields the reply text in pieces as the writer produces them, then the Reply.

        Each piece is already grounded (placeholders filled from the catalog); the pieces joined
        are `Reply.text`. `timings_ms["first_token"]` is the time from the message to the first piece.
        """
        started = time.perf_counter()
        timings: dict[str, float] = {}
        trace = Trace()

        @contextmanager
        def timed(stage: str):
            start = time.perf_counter()
            yield
            timings[stage] = round((time.perf_counter() - start) * 1000, 2)

        raw_message, notices, cart_after = message, [], ""
        # the one item just looked at, with its position then: "add 3" next may mean 3 of it
        looked_before = (session.focus, session.shown.index(session.focus) + 1) \
            if session.last_kind == "details" and session.focus in session.shown else None
        cart_at_start, order_at_start = dict(session.cart), session.last_order
        message = self._clean(message, trace, notices)
        # "3rd wala cart mein daal do", "ayoko po ng Nike", "en bas de 130$": the glue said in English, before the
        # Spanish reader, whose cue words ("de", "la") French shares
        message, glued = mixed_speech.in_english(message)
        message, spanish = in_english_es(message)  # "add el primero al carrito": "add the first one to my cart"
        pleasantry = _only_small_talk(message)  # "merci beaucoup", "au revoir", "danke schön": understood as said
        trace.language = None if pleasantry else message_language(message)
        if trace.language:  # said first: what the shop reads, in plain words
            notices.append(self._language_notice(trace.language))
        money = other_currency_note(message, self.engine.currency)  # "trainers under 50 quid" in a dollar shop
        if money:
            notices.append(money)
        refusal = policy_refusal(message)
        standing: BrandAsked | None = None
        answered_whole = False  # said whole (a price for N, a price gap, the shop's pick): no facts added to it
        if refusal is not None:  # never parsed: no parser is asked to change prices or show others' data
            trace.policy = refusal[0]
            intent, candidates, draft = Intent("out_of_scope"), [], refusal[1]
        else:
            message, price_notices = strip_absurd_prices(message)
            notices += price_notices
            if not pleasantry:  # "danke" is no misheard "Anker"
                message, trace.spelling = self.speller.correct(message)
            if (said := spoken_numbers(message)) != message:  # "levis five oh one size thirty two": 501, size 32
                trace.spelling.append(f"numbers in words: {said}")
                message = said
            message = rules.request_after_thanks(message)  # "thx! whats the cheapest one": thanks, then the request
            if (said := carried_laptop(message, session.category)) != message:  # "fits a 15 inch macbook?"
                trace.spelling.append(f"the laptop a bag holds: {said}")
                message = said
            for language in reversed(glued):
                trace.spelling.insert(0, f"{language} words in English: {message}")
            if spanish:
                trace.spelling.insert(0, f"Spanish words in English: {message}")
            meant = retract(message, session, self.engine.vocab)  # "under 10.. sorry, 100": "under 100"
            message, trace.retraction = meant.message, meant.said
            # "bday gift for my boyfriend, he's a runner": "something for runner"
            gift = gift_request(message, self.engine.vocab, session.searching())
            ideas_asked = gift is not None and bool(gift.interest) and bool(rules.RECOMMEND.search(message))
            if gift is not None:
                trace.said_as = f"{message!r} -> {gift.message!r} " + (
                    "(a gift, by what the person is into)" if gift.interest else "(gift ideas: nothing said of them)")
                message, trace.gift = gift.message, gift.interest
                if not gift.interest:
                    notices.append(ASK_INTERESTS)
            message, carried = carry_in(message, session, self.engine.index.product)
            trace.said_as = carried or trace.said_as
            split = split_service(message, self.engine.vocab)
            # "can I still return it if he doesn't like it?"; not "can I return the 2nd one?" (its listing may say)
            alone = service_only(message, self.engine.vocab) and not (
                session.shown and split.service and PRICIER.search(split.shopping)) \
                and not asks_item_policy(message, bool(session.shown), focus_position(session) is not None)
            if alone:
                trace.service = [message]
            elif split.service:  # "lego under 40? and do u do gift wrap": the product part, the rest pointed elsewhere
                message, trace.service = split.shopping, list(split.service)
                notices.append(SERVICE_NOTICE)
            if asked_count(message) is not None and (priced_words := item_words(message)) \
                    and (not session.shown or self._names_other_aisle(priced_words, session)):
                message = priced_words  # "how much for 5 of the cheapest backpack" over no list: the backpack
                trace.said_as = f"a price for a number of items, over no list of them: {message!r} searched"
            if alone:
                intent, candidates, draft = Intent("out_of_scope"), [], SERVICE_ALONE
            elif (fact := asked_fact(message)) and session.searching() and session.focus is None \
                    and not self._names_other(message):  # "which colours does it come in?" over a list of G84s
                trace.said_as = f"a question about the {fact} of what is searched"
                intent, candidates = Intent("out_of_scope"), []
                draft = self._aisle_fact(fact, session, timed)
            elif asks_pick(message) and session.shown:  # "just pick one for me": the best rated on screen, in focus
                trace.said_as = "a pick asked of the shop"
                shown = shown_products(session)
                picked = pick_of(shown)
                intent, candidates, answered_whole = Intent("details", references=(picked + 1,)), [shown[picked]], True
                session.focus = shown[picked].product.product_id
                session.looked_at = [*session.looked_at, session.focus][-2:]
                draft = pick_text(shown, picked)
            elif asks_who_answers(message):  # "am i talking to a real person?": said plainly
                trace.said_as = "a question who answers"
                intent, candidates, draft = Intent("greeting"), [], WHO_ANSWERS
            elif session.shown and (spec := unstated_asked(message, asked := self._asked_about(message, session))):
                trace.said_as = f"a question about the {spec.label}, which no listing asked about states"
                listed = session.shown  # the items the question points at ("does the 1st have 5g"), none when all
                points = bool(rules.parse_references(message, allow_bare_numbers=False))  # "has first one?" of one
                at = tuple(listed.index(p.product_id) + 1 for p in asked if p.product_id in listed) \
                    if len(asked) < len(listed) or points else ()
                draft = unstated_question_text(spec, len(asked) > 1)
                intent, candidates = Intent("details", references=at), []
                if len(at) == 1:  # "how about the one after it?" next is about the one asked of
                    session.focus = listed[at[0] - 1]
                    session.looked_at = [*session.looked_at, session.focus][-2:]
            elif (term := asked_term(message)) is not None:  # "what is noise cancelling?": the word explained
                trace.said_as = f"what '{term}' means"
                intent, candidates, draft = Intent("out_of_scope"), [], term_answer(term)
            elif asks_sponsored(message) and not session.shown and not self._names_other(message):
                trace.said_as = "a question whether the shop's answers are paid for"
                intent, candidates, draft = Intent("why"), [], SPONSORED_IN_GENERAL
            elif asks_cart_compare(message) and (session.shown or not session.cart):
                trace.said_as = "an item in the cart compared with one on screen"
                pair = self._cart_pair(message, session)
                if pair is None:
                    intent, candidates = Intent("compare"), []
                    draft = EMPTY_CART_COMPARE if not session.cart else WHICH_TO_COMPARE
                else:
                    intent = Intent("compare", references=(1, 2))
                    trace.intent = {"kind": intent.kind, **intent.slots()}
                    cart.put_on_screen(session, list(pair))
                    session.offset = 0
                    candidates, draft = self._act(intent, session, timed, trace, message)
            elif asks_price_gap(message) and (pair := self._priced_pair(message, session)):
                trace.said_as = "how far apart the prices of two items are"
                on_screen = [c.product.product_id for c in pair if c.product.product_id in session.shown]
                intent = Intent("compare", references=tuple(session.shown.index(p) + 1 for p in on_screen))
                candidates, answered_whole = list(pair), True
                draft = price_gap_text(pair[0].product, pair[1].product, self.engine.currency)
            elif (count := asked_count(message)) is not None and session.shown \
                    and not self._names_other_aisle(priced_words := item_words(message), session):
                trace.said_as = f"the price of {count} of one item"  # "how much for 5 of the first one"
                shown = shown_products(session)
                at = self._priced_position(priced_words, session, shown)
                if at is None:
                    intent, candidates = Intent("out_of_scope"), []
                    draft = f"{count} of which one? Say e.g. 'how much for {count} of the first one'."
                else:
                    intent, candidates, answered_whole = Intent("details", references=(at + 1,)), [shown[at]], True
                    session.focus = shown[at].product.product_id
                    draft = count_price_text(shown[at].product, count, self.engine.currency)
            elif asks_again(message) and session.shown:  # "repeat that please": the list on screen, said again
                trace.said_as = "the list on screen asked for again"
                intent, candidates = Intent("refine"), shown_products(session)
                draft = again_text(len(candidates))
            elif asks_currency(message):  # "are these prices in pounds or dollars?": said, nothing searched
                trace.said_as = "a question about the currency"
                intent, candidates, draft = Intent("out_of_scope"), [], currency_answer(self.engine.currency)
            elif asks_range(message, self.engine.vocab, session.searching()):  # "ok what do you sell then": the aisles
                trace.said_as = "a question about what the shop sells"
                intent, candidates, draft = Intent("out_of_scope"), [], range_text(self.engine.vocab)
            elif undoing := asks_undo(message, session):  # "oops undo that", "put it back": the cart before
                trace.said_as = "an undo of the last cart change"
                intent = Intent("view_cart", cart_action="undo")
                trace.intent = {"kind": intent.kind, **intent.slots()}
                said = undo(session, self.engine.index.product, put_back=undoing == "put_back")
                if undoing == "not_asked":
                    said = "Sorry, I shouldn't have added that. " + said
                candidates, draft = cart.view_after(said, session, self.engine.index, self.engine.currency)
            elif asks_last_added(message):  # "what did i add last?": an answer from the cart, never an add
                trace.said_as = "a question about the last item added"
                intent = Intent("view_cart")
                trace.intent = {"kind": intent.kind, **intent.slots()}
                last = self.engine.index.product(session.last_added) if session.last_added in session.cart else None
                candidates, draft = cart.view_after(last_added_sentence(last.title if last else None), session,
                                                    self.engine.index, self.engine.currency)
            elif (end := asks_cart_extreme(message)) is not None:  # "which is the cheapest thing in my cart"
                trace.said_as = "a question about the cart's lines by price"
                intent = Intent("view_cart")
                trace.intent = {"kind": intent.kind, **intent.slots()}
                lines = [p for p in self._cart_lines(session) if p.price is not None]
                pick = (min if end == "cheapest" else max)(lines, key=lambda p: p.price) if lines else None
                candidates, draft = cart.view_after(
                    cart_extreme_sentence(end, pick.title if pick else None,
                                          format_price(pick.price, self.engine.currency) if pick else ""),
                    session, self.engine.index, self.engine.currency)
            elif (item := asked_in_cart(message)) is not None and session.cart:  # "is the kettle still in there?"
                trace.said_as = "a question whether an item is in the cart"
                intent = Intent("view_cart")
                trace.intent = {"kind": intent.kind, **intent.slots()}
                titles = [p.title for p in self._named_lines(item, session)]
                candidates, draft = cart.view_after(in_cart_sentence(item, titles), session, self.engine.index,
                                                    self.engine.currency)
            elif spend := spend_question(message, self.engine.vocab):  # "total? am i under 450": the cart, its total
                trace.said_as = "a question about the cart's total"
                intent = Intent("view_cart")
                trace.intent = {"kind": intent.kind, **intent.slots()}
                session.cart_budget = spend.budget if spend.budget is not None else session.cart_budget
                said = against_budget(cart.cart_total(session, self.engine.index.product), session.cart_budget,
                                      self.engine.currency) if session.cart else ""
                candidates, draft = cart.view_after(said, session, self.engine.index, self.engine.currency)
            else:
                while clauses := split_cart_clauses(message):  # "make the first one 3 and remove the third"
                    first, message = clauses
                    if shows_cart(message):  # "add the second one and then show me my basket": the add, the cart
                        trace.validation.append(f"{first!r}, then the cart")
                        alone = self.rule_parser.parse(first, session).kind in ("add_to_cart", "remove_from_cart")
                        # the cart's words help the reading of an add ("add the 265 and show my cart"), but make
                        # "take the watch out and whats the total" a look at the cart alone
                        message, cart_after = (first if alone else f"{first} and {message}"), "asked"
                        break
                    trace.validation.append(f"cart actions one by one: {first!r}, then {message!r}")
                    notices.append(self.respond(session, first).text)
                said_whole = message
                decided = "i'll take that one" if _THAT_ONE.match(message) and session.shown else \
                    _decided_last(message) if not NO_BUDGET.search(message) else None
                if decided and session.last_kind == "compare" and len(session.compared) > 1:
                    session.focus = None  # "ok that one then" after two side by side: which one is asked
                if decided:  # "strange, the purple is more expensive. ok i take the blue": the pick, said last
                    trace.validation.append(f"the pick said last: {decided!r}")
                    message = decided
                then = None if follow_up_request(message) else add_then_more(message)
                if then and (rules.parse_references(then.rest, allow_bare_numbers=False)
                             and not named(then.rest, self.engine.vocab)
                             or len(each_named(message, shown_products(session), self.engine.vocab)) >= 2):
                    then = None  # "add the first one and the third one", "the friends one and the city one": one add
                if then:  # "ok add it. and the sony earbuds from the headphone list": the add first, then the rest
                    trace.validation.append(f"an add, then {then.rest!r}")
                    message = then.add
                adds = bool(rules.ADD_CART.search(message)) or session.pending == f"{PICK}add_to_cart"
                if back_from_cart(session, message, adds, self.engine.index.product):
                    trace.validation.append("an add after a look at the cart: the list before it is back on screen")
                elif kind := back_to_list(session, message, self.engine.vocab, self.engine.index.product):
                    trace.validation.append(f"back to the {kind}: that list is back on screen")
                with timed("parse"):
                    intent = self._parse(message, session, trace)
                if pleasantry and intent.kind != "greeting":
                    # "danke schön", "au revoir": a pleasantry in any language is one, whatever its words look like
                    trace.validation.append(f"{intent.kind} -> greeting: a pleasantry said whole")
                    intent = Intent("greeting")
                if gift is not None and not gift.interest and intent.kind in SEARCH_KINDS and intent.category:
                    # "birthday gift for my girlfriend": ideas from the whole shop, not an aisle the model guessed
                    trace.validation.append(f"gift ideas: category {intent.category} dropped (nothing said of them)")
                    intent = dataclasses.replace(intent, kind="recommend", category=None, query="")
                if ideas_asked and intent.kind == "search":
                    # "present for my boyfriend, he like sport and music. what you propose?": ideas asked for, found
                    # where what he likes is
                    trace.validation.append("search -> recommend: ideas asked for a gift, by what the person likes")
                    intent = dataclasses.replace(intent, kind="recommend")
                intent = self._asked_not_added(intent, message, trace)
                intent = self._asked_of_that(intent, message, session, trace)
                intent = self._asked_of_one(intent, message, session, trace)
                intent = self._styled(intent, message, raw_message, session, trace)
                intent, step = self._size_step(intent, message, session, trace)
                intent = self._why_first(intent, message, session, trace)
                intent = self._why_not(intent, message, session, trace)
                intent = self._on_the_list(intent, message, session, trace)
                intent = self._of_the_kind(intent, message, session, trace)
                intent = self._not_that_aisle(intent, message, session, trace)
                like = None if intent.cart_action or intent.kind in ("add_to_cart", "remove_from_cart", "view_cart") \
                    else like_this(message, session, self.engine.vocab, [c.product for c in shown_products(session)],
                                   self.engine.index.product)
                if like is not None:  # "more like the second one": a search of that item's kind, less the item
                    intent = self._like(like, intent, message, session, trace)
                session.gift_budget = gift_budget_after(intent, message, session, bool(trace.gift))
                said_age = child_age(raw_message)  # "for my granddaughter, she's turning 4"
                session.child_age = said_age if said_age is not None else \
                    None if "all" in intent.clear else session.child_age
                later = follow_up_request(message)  # "add the first one + show me a toaster": the add is its own
                own = message[:message.rfind(later)] if later else message
                unseen = None if intent.kind != "add_to_cart" or intent.cart_action not in ("", "set_quantity") else \
                    unseen_add(own, self.engine.vocab, [c.product for c in shown_products(session)])
                again = self._recalled(message, session) if intent.kind in SEARCH_KINDS and not intent.cart_action \
                    and _ADDS_THE_ONE.match(message) else None
                meant = self._meant_instead(message, session) if not intent.cart_action else None
                titled = self._titled(own, session, timed) if intent.kind == "add_to_cart" \
                    and not intent.cart_action and meant is None else None
                sized = self._size_picked(intent, own, session) if titled is None and meant is None else None
                unfound = self._unfound_parts(intent, own, session)
                if sized is not None and len(sized.positions) == 1:  # "add the small one": the S on screen
                    trace.validation.append(f"{intent.kind}: item {sized.positions[0]}, the one in size {sized.size}")
                    intent = dataclasses.replace(intent, references=sized.positions, unresolved=(),
                                                 kind="details" if intent.kind == "details" else "add_to_cart")
                    trace.intent = {"kind": intent.kind, **intent.slots()}
                if titled is not None:  # "add the Levi's 511 Slim Stretch Slim Jeans - Black": that one, shown or not
                    trace.validation.append(f"add: {titled.product.title}, its whole title said")
                    intent = dataclasses.replace(intent, references=(1,), unresolved=())
                    trace.intent = {"kind": intent.kind, **intent.slots()}
                    candidates, draft = cart_turn(intent, session, [titled], self.engine.index, self.engine.currency)
                elif meant is not None:  # "no wait I meant the black one" right after an add: that one in its place
                    trace.validation.append(f"{intent.kind} -> swap the last add for {meant.product.title}")
                    intent = Intent("add_to_cart", references=(1,), cart_action="swap_last")
                    trace.intent = {"kind": intent.kind, **intent.slots()}
                    candidates, draft = self._instead_of_last(session, meant)
                elif session.last_kind == "add_to_cart" and session.last_added in session.cart \
                        and _MEANT.search(message) and intent.kind in (*SEARCH_KINDS, "out_of_scope"):
                    added = self.engine.index.product(session.last_added)  # the correction names no one item shown
                    trace.notices.append(f"{added.title if added else 'The item just added'} is still in your cart; "
                                         "say 'remove it' if it should go.")
                    candidates, draft = self._act(intent, session, timed, trace, message)
                elif sized is not None and sized.reply():  # "add the large one" with no L, or two, on screen
                    trace.validation.append(f"{intent.kind}: size {sized.size} is items {list(sized.positions)}")
                    intent = Intent("details" if intent.kind == "details" else "add_to_cart")
                    trace.intent = {"kind": intent.kind, **intent.slots()}
                    if sized.positions:
                        session.pending = f"{PICK}{intent.kind}"  # "the first one" next answers the "which one?"
                    candidates, draft = [], sized.reply()
                elif again is not None:  # "add the purple 6.99 one", read as a search: the one item shown before
                    trace.validation.append(f"{intent.kind} -> add {again.product.title}: named, shown before")
                    intent = Intent("add_to_cart", references=(1,))
                    trace.intent = {"kind": intent.kind, **intent.slots()}
                    candidates, draft = cart_turn(intent, session, [again], self.engine.index, self.engine.currency)
                elif (pair := self._compare_named(intent, message, session, timed)) is not None:
                    # "compare the sony wh-1000xm5 and the bose quietcomfort 45": the two named, side by side
                    trace.validation.append(f"compare: {pair[0].product.title} and {pair[1].product.title}, by name")
                    intent = Intent("compare", references=(1, 2))
                    trace.intent = {"kind": intent.kind, **intent.slots()}
                    cart.put_on_screen(session, pair)
                    session.offset = 0
                    candidates, draft = self._act(intent, session, timed, trace, message)
                elif unseen is not None:  # "add the cheapest lodge skillet" over nothing like it: its matches, which?
                    intent = dataclasses.replace(intent, references=())  # never an item of another kind on screen
                    trace.intent = {"kind": intent.kind, **intent.slots()}
                    candidates, draft = self._add_unseen(unseen, session, timed, trace)
                else:
                    candidates, draft = self._act(intent, session, timed, trace, message,
                                                  leave_out=(like.product.product_id,) if like else (), step=step)
                    phrase = None if intent.kind not in SEARCH_KINDS or intent.cart_action else add_words(own) \
                        or (_AND_THE_NEXT.sub("", own) if session.last_kind == "add_to_cart"
                            and _AND_THE_NEXT.match(own) else None)  # "and the cheapest basket" after an add
                    picked = self._first_of_sorted(intent, phrase, candidates, session, trace) if phrase else None
                    if picked is not None:  # "add the cheapest sony earbuds", read as that search: its first added
                        intent = Intent("add_to_cart", references=(1,))
                        trace.intent = {"kind": intent.kind, **intent.slots()}
                        candidates, draft = picked
                done = bool(candidates) or draft == cart.EMPTY_NOTHING_TO_REMOVE  # not a "which one?"
                if intent.kind in SEARCH_KINDS and (child := self.child_cuts.note(raw_message, session.category)):
                    trace.notices.append(child)  # "do you do kids jackets? my daughter is 8": adult sizes, said
                if intent.kind == "add_to_cart" and candidates and draft is not None and unfound:
                    # "add the beige and the purple one" with no beige shown: the purple added, the beige said
                    trace.notices.append(f"I can't find {' or '.join(unfound)} on the list, so I haven't added it.")
                if intent.kind == "add_to_cart" and draft is not None and candidates and looked_before \
                        and (hint := _count_or_position_hint(message, looked_before, candidates, session)):
                    draft += hint  # "the top one, what size" then "add 3": item 3 as the list says, 3 of it offered
                if intent.kind == "add_to_cart" and session.size and candidates and draft is not None:
                    trace.notices += _other_size_added(candidates, session)  # "size 10?" then "the cheapest one"
                follow = later if intent.kind in ("add_to_cart", "remove_from_cart") and draft is not None and done \
                    else None
                if follow:  # "remove the watch, and show me casio instead": the search too, in the same reply
                    candidates, draft = self._follow_up(follow, session, timed, trace, candidates, draft)
                if then and intent.kind == "add_to_cart" and draft is not None and done:
                    candidates, draft = self._then_more(then.rest, session, timed, trace, candidates, draft)
                if cart_after and draft is not None and intent.kind in ("add_to_cart", "remove_from_cart"):
                    said, _ = _fill_piece(draft, [c.product for c in candidates], self.engine.currency)
                    candidates, draft = cart.view_after(said, session, self.engine.index, self.engine.currency)
                    cart_after = "shown"
                message = said_whole
            notices += trace.notices  # what the search itself had to say ("nothing cheaper matches ...")
            standing = None if intent.cart_action or intent.kind in ("add_to_cart", "remove_from_cart", "view_cart") \
                else brand_asked_about(message, self.engine.vocab.mentioned_brands(message))
            if standing:  # "is anker a good brand?": what this shop's reviews say of it
                notices.append(brand_standing(standing.brand, self.engine.index.catalog, session.category))
            if GIFT_CARD.search(raw_message) and intent.kind in SEARCH_KINDS and not trace.not_carried:
                notices.append(GIFT_IDEAS)  # "she loves makeup, do you do gift cards?": ideas, said to be no cards
        products = [c.product for c in candidates]
        pieces: list[str] = []
        reply_start = time.perf_counter()
        if notices:  # told to the shopper first, in plain words (templated, never generated)
            trace.notices = notices
            pieces.append(" ".join(notices) + "\n")
            timings["first_token"] = round((time.perf_counter() - started) * 1000, 2)
            yield pieces[0]
        for draft_piece in self._draft_pieces(intent, candidates, session, draft, trace):
            piece, problems = _fill_piece(draft_piece, products, self.engine.currency)
            if problems:
                trace.grounding.extend(problems)
            if piece and not pieces:
                timings["first_token"] = round((time.perf_counter() - started) * 1000, 2)
            if piece:
                pieces.append(piece)
                yield piece
        if intent.kind in ("compare", "details") and products and not answered_whole:  # "which is lightest?": its words
            said = self.sizes.read(message, products[0].category) if len(products) == 1 else None
            brands = brand_asked(message, self.engine.vocab.mentioned_brands(message))  # "is the first one a Wilson?"
            over = bool(brands) and asks_over_list(message) and bool(session.shown)
            listed = [c.product for c in shown_products(session)] if over else products
            asked = standing.left_out_of(message) if standing else message  # the brand's standing is answered
            if len(products) == 1 and asks_lowest(message):  # "is that the lowest price?": of its kind, here
                facts = lowest_answer(products[0], self.engine.index.catalog, self.engine.vocab.head_words,
                                      self.engine.currency)
            elif brands and (over or len(products) == 1):
                facts = "\n" + brand_answer(listed, brands, over)
            else:
                facts = asked_facts(asked, products, said.value if said else None, self._other_colors,
                                    self._other_sizes)
            extra, _ = _fill_piece(facts, products, self.engine.currency)
            if extra:
                pieces.append(extra)
                yield extra
        timings["reply"] = round((time.perf_counter() - reply_start) * 1000, 2)
        text = "".join(pieces).strip()
        session.history.append((message, text))
        session.last_kind = "view_cart" if cart_after == "shown" else intent.kind  # the cart on screen: "add the
        # 3rd" next is the list's (`back_from_cart`)
        session.last_not_carried = trace.not_carried
        if session.last_order is not order_at_start:  # an order placed is not taken back by "undo"
            session.cart_before = None
        elif session.cart != cart_at_start:
            session.cart_before = cart_at_start
        session.cart_changed = session.cart != cart_at_start
        if self.chat_log is not None:
            self._log_turn(session, raw_message, text, intent, trace)
        yield Reply(text=text, products=tuple(candidates), intent=intent, trace=trace, timings_ms=timings,
                    currency=self.engine.currency)

    def _lines(self) -> ModelLines:
        if self._model_lines is None:
            self._model_lines = ModelLines(self.engine.index.catalog)
        return self._model_lines

    def _other_sizes(self, product: Product) -> list[str] | None:
        return self._lines().other_sizes(product)

    def _other_colors(self, product: Product) -> list[str] | None:
        return self._lines().other_colors(product)

    def _follow_up(self, words: str, session: DialogueState, timed, trace: Trace, done: list[Candidate],
                   draft: str) -> tuple[list[Candidate], str]:
        """The search asked after a cart edit, read as a turn of its own in the state the edit left; the
        reply is the edit's sentence, then the search's list. Its trace is kept apart (`trace.follow_up`),
        so the turn's own intent and evidence stay the cart edit's."""
        side = Trace()
        asked = self._parse(words, session, side)
        if asked.kind not in SEARCH_KINDS or asked.cart_action:
            return done, draft
        shown, text = self._act(asked, session, timed, side, words)
        said, _ = _fill_piece(draft, [c.product for c in done], self.engine.currency)
        trace.follow_up = {"message": words, **side.to_dict()}
        trace.notices += side.notices
        return shown, f"{said}\n{text or self.fallback_writer.write(asked, shown, session)}"

    def _then_more(self, rest: str, session: DialogueState, timed, trace: Trace, done: list[Candidate],
                   draft: str) -> tuple[list[Candidate], str]:
        """What follows an add said first: one more item named from a list shown ("and the sony earbuds from the
        headphone list"), added too; else a search of its own, listed after the add's sentence."""
        if _ASKS_NOT_NAMES.search(rest) and _ABOUT_SPEND.search(rest):  # "and tell me if im under 100": the cart
            said, _ = _fill_piece(draft, [c.product for c in done], self.engine.currency)
            return cart.view_after(said, session, self.engine.index, self.engine.currency)
        pick = None if _ASKS_NOT_NAMES.search(rest) else self._recalled(rest, session)  # not "tell me if im under 100"
        if pick is None:
            return self._follow_up(rest, session, timed, trace, done, draft)
        first, _ = _fill_piece(draft, [c.product for c in done], self.engine.currency)
        shown, text = cart_turn(Intent("add_to_cart", references=(1,)), session, [pick], self.engine.index,
                                self.engine.currency)
        trace.validation.append(f"and {pick.product.title}, by what the message names, from a list shown")
        return shown, f"{first}\n{text}"

    def _add_unseen(self, unseen: UnseenAdd, session: DialogueState, timed,
                    trace: Trace) -> tuple[list[Candidate], str | None]:
        """The products an add names (`add_unseen`): the earlier list of that kind, else searched as a turn of
        their own; the reply lists them and asks which to add, and the next "the first one" adds it. Nothing is
        added unseen, nor an item of another kind that happens to be at the position said."""
        pick = self._recalled(unseen.phrase, session)
        if pick is not None:  # "add the black nike one too" after a detour: the one item seen with all of that
            trace.validation.append(f"add: {pick.product.title}, by what the message names, from a list shown")
            return cart_turn(Intent("add_to_cart", references=(1,)), session, [pick], self.engine.index,
                             self.engine.currency)
        side = Trace()
        earlier = earlier_of_kind(unseen.kind, session)
        asked = earlier.intent if earlier else self._parse(unseen.phrase, session, side)
        if asked.kind not in SEARCH_KINDS or asked.cart_action:
            return [], cart.WHICH_ONE
        shown, text = self._act(asked, session, timed, side, unseen.phrase)
        trace.follow_up = {"message": unseen.phrase, **side.to_dict()}
        trace.notices += side.notices
        position = unseen.position
        if earlier and position and position <= len(earlier.shown) \
                and [c.product.product_id for c in shown[:position]] == list(earlier.shown[:position]):
            # "ok, add the third backpack" after a laptop detour: that list is back on screen as it was, so its
            # third is the one the shopper saw there
            return cart_turn(Intent("add_to_cart", references=(position,)), session, [shown[position - 1]],
                             self.engine.index, self.engine.currency)
        listed = text or self.fallback_writer.write(asked, shown, session)
        if not shown or side.not_carried:
            return shown, listed
        picked = self._first_of_sorted(asked, unseen.phrase, shown, session, trace)
        if picked is not None:
            return picked
        session.pending = f"{PICK}add_to_cart"
        trace.notices.append("I haven't added anything yet: which of these should I add to your cart? "
                             "Say 'the first one', or its number.")
        return shown, listed

    def _first_of_sorted(self, asked: Intent, phrase: str, shown: list[Candidate], session: DialogueState,
                         trace: Trace) -> tuple[list[Candidate], str | None] | None:
        """The add of "the cheapest macbook air" or "the best rated garmin": the first of the search sorted that way
        (`asked`, listed as `shown`), when it is of the kind and maker named; None otherwise (the reply asks which)."""
        order = superlative(phrase)
        if not order or asked.order != order or not shown or not is_named(shown[0].product, phrase, self.engine.vocab):
            return None
        kinds = _kind_asked(session.query, session.category, self.engine.vocab) if session.category else set()
        if kinds and not _names_kind(shown[0].product.title, kinds):
            return None  # "add the cheapest philips" among vacuums, and no Philips vacuum: no lamp added instead
        trace.validation.append(f"add: the first of the search for '{phrase}', sorted by {order}")
        said = phrase.removeprefix("the ")
        for brand in self.engine.vocab.mentioned_brands(said):  # "the cheapest sony earbuds": Sony, as spelt
            said = re.sub(rf"(?<!\w){re.escape(brand)}(?!\w)", brand, said, flags=re.I)
        trace.notices.append(f"The {said} I have:")
        return cart_turn(Intent("add_to_cart", references=(1,)), session, [shown[0]], self.engine.index,
                         self.engine.currency)

    def _language_notice(self, language: str) -> str:
        name = language_name(language)
        if getattr(self.engine.encoder, "multilingual", False):
            return f"I read your message in {name}, but I answer in English."
        categories = sorted(set(self.engine.vocab.categories.values()))
        example = f"{categories[0]} under {currency_symbol(self.engine.currency)}100" if categories else "headphones"
        return (f"I can read English only, and your message looks like {name}, so I may have misread it. "
                f"Try a few English words, e.g. '{example}'.")

    def _log_turn(self, session: DialogueState, message: str, text: str, intent: Intent, trace: Trace) -> None:
        """Append the turn to the chat log (redacted, pseudonymised); a failing log never fails the chat."""
        try:
            self.chat_log.append(session.user_id, message, text, intent.kind)
        except OSError as exc:
            trace.chat_log_error = f"{type(exc).__name__}: {exc}"

    def _draft_pieces(self, intent: Intent, candidates: list[Candidate], session: DialogueState,
                      draft: str | None, trace: Trace) -> Iterator[str]:
        """The reply with placeholders, in pieces; a failing writer falls back to the template (recorded)."""
        if draft is not None:
            yield draft
            return
        sent = False
        if trace.unmet:  # "Nothing for men matches ...": the header must not call the closest matches that
            session = dataclasses.replace(session, **dict.fromkeys(trace.unmet))
        try:
            for piece in (stream := WriterStream(self.writer.stream(intent, candidates, session))):
                sent = True
                yield piece
            trace.writer = list(stream.problems)
        except Exception as exc:  # the chat never crashes on a writer failure either
            trace.writer_error = f"{type(exc).__name__}: {exc}"
            if not sent:
                yield self.fallback_writer.write(intent, candidates, session)

    def _clean(self, message: str, trace: Trace, notices: list[str]) -> str:
        """Drop control characters and cap the length (the cap is recorded and told to the shopper)."""
        cleaned = "".join(ch for ch in message if ch.isprintable() or ch in " \t")
        limit = self.config.assistant.max_message_chars
        if len(cleaned) > limit:
            trace.truncated = f"message cut from {len(cleaned)} to {limit} characters"
            notices.append(f"Your message was long, so I read only its first {limit} characters.")
            cleaned = cleaned[:limit]
        return cleaned.strip()

    def _pages_on_screen(self, intent: Intent, session: DialogueState) -> bool:
        """Put every page the search showed back on screen, numbered on from the first, when the positions said
        fit that list and not the page ("more" found fewer than a page); False, and nothing changed, otherwise."""
        ids = [*session.paged, *session.shown]
        said = (*intent.references, *intent.unresolved)
        if not session.paged or not all(0 < position <= len(ids) for position in said):
            return False
        whole = [session.last_candidates.get(pid) or Candidate(product, 0.0, ())
                 for pid in ids if pid in session.last_candidates or (product := self.engine.index.product(pid))]
        if len(whole) != len(ids):
            return False
        cart.put_on_screen(session, whole)
        session.paged = []  # every page is on screen now
        return True

    def _parse(self, message: str, session: DialogueState, trace: Trace) -> Intent:
        try:
            parsed = self.parser.read(message, session)
        except Exception as exc:  # the one place a parser failure becomes a recorded fallback
            trace.parser_error = f"{type(exc).__name__}: {exc}"
            if isinstance(exc, ParseError):  # what the failed parser saw
                trace.lm_output, trace.intent_prior = exc.output, exc.prior
            parsed = self.rule_parser.read(message, session)
        trace.parser = parsed.parser
        trace.lm_output = parsed.lm_output or trace.lm_output
        trace.intent_prior = parsed.prior or trace.intent_prior
        intent, problems = validate_intent(parsed.intent, self.engine.vocab, session, message)
        if intent.unresolved and intent.kind in _PICKS and self._pages_on_screen(intent, session):
            # "add the 1st and the 3rd" after "more" found two: the whole list the search showed, numbered on
            intent, problems = validate_intent(parsed.intent, self.engine.vocab, session, message)
            problems.append("positions past the page on screen: read in the whole list the search showed")
        trace.validation = problems
        # "and a monopoly as well, the cheapest one" over Lego: a product the brand on screen does not make;
        # "cheapest dyson?" over five Dysons: the cheapest the shop has, not the cheapest of the five
        why = f"a product {session.brand} does not make" if intent.kind == "refine" and session.brand \
            and self._another_line(message, session.brand) else \
            "the shop's cheapest of what is named" if self._shop_cheapest(intent, message) else None
        if why:
            trace.validation.append(f"{intent.kind} -> the rules' reading: {why}")
            intent, problems = validate_intent(self.rule_parser.product_intent(message, session), self.engine.vocab,
                                               session, message)
            trace.validation += problems
        instead = self._cheaper_instead(intent, message, session, trace)
        if instead is not None:
            trace.intent = {"kind": instead.kind, **instead.slots()}
            return instead
        back = back_to_previous(message, session)
        if back is not None:  # "back to the previous ones": the search before the last change, whatever was parsed
            said = {slot: getattr(intent, slot) for slot in ("min_price", "max_price", "color")
                    if getattr(intent, slot) is not None and intent.kind in ("search", "refine")}
            if said:  # "go back to dell but keep it under 900": what this message says, on top
                back = dataclasses.replace(back, clear=tuple(c for c in back.clear if c not in said), **said)
            trace.validation.append(f"{intent.kind} -> {back.kind}: back to the search before the last change")
            trace.intent = {"kind": back.kind, **back.slots()}
            return back
        order = order_request(message) if session.shown and intent.kind not in ("search", "refine", "why") else None
        if order is not None:  # "cheapest first please": the list re-sorted, never its first item into the cart
            trace.validation.append(f"{intent.kind} -> refine: the list asked for in another order ({order})")
            intent = Intent("refine", order=order)
        if session.shown and asks_better_same_money(message) and not intent.cart_action:
            at = session.last_candidates.get(session.focus or session.shown[0])
            if at is not None and at.product.price is not None:  # "anything better for the same money?"
                low, high = price_band(at.product.price)
                trace.validation.append(f"{intent.kind} -> refine: better rated at about {at.product.price}")
                better = round(at.product.rating + 0.1, 1) if at.product.rating is not None \
                    and at.product.rating < 5 else None  # better rated than it, where any is
                intent = Intent("refine", min_price=low, max_price=high, order="rating", min_rating=better)
        if intent.kind in ("out_of_scope", "greeting") and session.searching() and session.shown \
                and asks_how_many(message) and not self._names_other(message):
            # "how many results are there", "how many did you find": the search on screen, counted
            trace.validation.append(f"{intent.kind} -> refine: how many the search on screen matches")
            intent = Intent("refine")
        same = same_as_before(message, session) if intent.kind != "search" else None
        if same is not None:  # "same color" after switching to sneakers: the running shoes' blue
            trace.validation.append(f"{intent.kind} -> refine: kept from an earlier search ({', '.join(same.slots())})")
            intent = same
        intent, notes = read_extras(intent, message, session, self.engine.vocab)
        trace.validation += notes
        if intent.kind == "refine" and not intent.query:  # the model's refinements carry no words: the message's
            intent = dataclasses.replace(intent, query=message)  # ("stainless": a word to look for too)
        intent, notes = priced_against(intent, message, session, shown_products(session), self.engine.vocab)
        trace.validation += notes
        intent = self._read_size(intent, message, session, trace)
        grounded = self._ground(intent, message, session, trace)
        if grounded.category and not intent.category and grounded.size is None and grounded.kind == "search":
            grounded = self._read_size(grounded, message, session, trace)  # "white snekers, size 9": its aisle's sizes
        intent = grounded
        intent, notes = kept_from_before(intent, message, session, self.engine.vocab)  # "now a frying pan, same budget"
        trace.validation += notes
        intent, notes = gift_budget_kept(intent, message, session)  # "kitchen stuff maybe" after a gift, max 50
        trace.validation += notes
        spent = cart.cart_total(session, self.engine.index.product) if session.cart else 0.0
        intent, budget, notes, line = within_budget(intent, message, session, spent, self.engine.currency)
        trace.validation += notes  # "a vacuum for whatever is left of the 400": up to 400 less the cart
        session.cart_budget = budget if budget is not None else session.cart_budget
        if line:
            trace.notices.append(line)
        if intent.kind == "refine" and intent.category and intent.category == session.category:
            intent = dataclasses.replace(intent, category=None)  # the aisle on screen: no change to state
        count = _COUNT_ALONE.fullmatch(message) if len(session.shown) == 1 and (
            intent.kind == "add_to_cart" and not intent.references or intent.kind == "out_of_scope") else None
        if count and 2 <= (n := rules.count_of(count["n"])) <= MAX_QUANTITY:
            # "yes that, 2 please" with one item on screen: two of it, not an item 2 there is not
            trace.validation.append(f"{intent.kind} -> add_to_cart: {n} of the one item shown")
            intent = Intent("add_to_cart", references=(1,), cart_action="set_quantity", quantity=n)
        if intent.kind == "remove_from_cart" and not intent.unresolved and not intent.cart_action:
            intent = dataclasses.replace(intent, references=self._removed_by_name(intent.references, message, session))
        trace.intent = {"kind": intent.kind, **intent.slots()}
        return intent

    def _shop_cheapest(self, intent: Intent, message: str) -> bool:
        """Whether a question picks "the cheapest" of a brand or kind it names ("cheapest dyson?", "how much r the
        cheapest airpods"): of the shop's, which the list on screen may not hold; not of the list ("the cheapest
        of these", "the cheapest one") and never an add."""
        if intent.kind != "details" or not rules.CHEAPEST.search(message) or _OF_THE_LIST.search(message) \
                or rules.ADD_CART.search(message) or rules.CHOOSE.search(message) \
                or rules.PUT_IN_CART.search(message):
            return False
        vocab = self.engine.vocab
        return bool(vocab.mentioned_brands(message) or vocab.brand_of_line(message) or vocab.product_heads(message))

    def _another_line(self, message: str, brand: str) -> bool:
        """Whether the message names a product line by a rare word of the catalog's titles that no title of
        `brand` has ("monopoly" while Lego is on screen)."""
        vocab = self.engine.vocab
        rare = [w for w in words(message) if w in vocab.title_words and zipf(w) < PRODUCT_WORD_ZIPF
                and not any(ch.isdigit() for ch in w) and w not in vocab.colors and w not in vocab.brand_words
                and not vocab.names_kind(w) and w not in vocab.categories]
        if not rare:
            return False
        index = self.engine.index
        titles = [words(index.products[r].title) for r in index.allowed_rows(Filters(brands=(brand,)))]
        return any(not any(w in t for t in titles) for w in rare)

    def _asked_about(self, message: str, session: DialogueState) -> list[Product]:
        """The shown products a question is about: those it points at ("the 2nd one", "the sony"), else the one in
        focus, else every one on screen."""
        shown = shown_products(session)
        refs = shown_references(message, shown, self.engine.vocab) \
            or rules.parse_references(message, allow_bare_numbers=False)
        picked = [shown[r - 1 if r > 0 else r].product for r in refs if 0 < abs(r) <= len(shown)]
        if picked:
            return picked
        focus = self.engine.index.product(session.focus) if session.focus else None
        return [focus] if focus is not None else [c.product for c in shown]

    def _names_other(self, message: str) -> bool:
        """Whether a message names an aisle, a kind of product or a brand: what it asks is then searched first."""
        vocab = self.engine.vocab
        return bool(vocab.mentioned_categories(message) or vocab.product_heads(message)
                    or vocab.mentioned_brands(message))

    def _names_other_aisle(self, message: str, session: DialogueState) -> bool:
        """Whether a message names an aisle other than the one searched ("of the cheapest backpack" over headphones)."""
        return bool(set(self.engine.vocab.mentioned_categories(message)) - {session.category})

    def _compare_named(self, intent: Intent, message: str, session: DialogueState, timed) -> list[Candidate] | None:
        """The two products a compare names in words when positions pick fewer than two (`compare_named`): each the
        first on screen with its naming words, else the first such of the shop's best matches for it."""
        if intent.kind != "compare" or len(self._referenced(intent, session)) >= 2:
            return None
        said = named_pair(message)
        if said is None:
            return None
        vocab, shown = self.engine.vocab, shown_products(session)
        said = shared_kind(said, vocab)  # "nike vs adidas tees": a Nike tee, not a Nike football
        aisles = vocab.wanted_categories(message)
        filters = Filters(categories=(aisles[0],)) if len(aisles) == 1 else Filters()
        picked: list[Candidate] = []
        for name in said:
            found = first_named(name, [c.product for c in shown], vocab)
            if found is None and (naming_words(name, vocab) or vocab.mentioned_brands(name)):
                with timed("retrieve"):
                    hits = self.engine.retrieve(name, filters, 20)
                found = first_named(name, [h.product for h in hits], vocab)
            if found is None:
                return None
            picked.append(Candidate(found, 0.0, (f"named: {name}",)))
        return picked if picked[0].product.product_id != picked[1].product.product_id else None

    def _sub_kinds(self, session: DialogueState) -> set[str]:
        """Words of the search that name a kind within its aisle though the aisle goes by them too ("earbuds" among
        headphones, `KINDS_WITHIN`): a kind where some of the aisle's titles name it and most do not."""
        vocab, category = self.engine.vocab, session.category
        if not category:
            return set()
        heads = {singular(w) for w in vocab.product_heads(session.query)} - set(category.casefold().split())
        within = KINDS_WITHIN.get(category, ())
        return {w for w in heads
                if (w in within or f"{w}s" in within) and 0.05 <= self._title_share(category, w) <= 0.6}

    def _title_share(self, category: str, word: str) -> float:
        """The share of the aisle's titles that name the word, singular or plural (kept per aisle and word)."""
        key = (category, word)
        if key not in self._title_shares:
            titles = self.engine.index.catalog.loc[self.engine.index.catalog["category"] == category, "title"]
            named = titles.str.contains(rf"\b{re.escape(word)}s?\b", case=False, regex=True)
            self._title_shares[key] = float(named.mean()) if len(titles) else 0.0
        return self._title_shares[key]

    def _searched_kind(self, session: DialogueState) -> tuple[set[str], str]:
        """The one kind of product the search's words name ("blender"; none when they name no one kind), and
        the noun a count or a fact about its matches says ("Dyson vacuums", "laptops", "products")."""
        vocab = self.engine.vocab
        kinds = _kind_asked(session.query, session.category, vocab) if session.category else \
            {singular(h) for h in vocab.product_heads(session.query)}
        kinds = kinds if len(kinds) == 1 else set()
        noun = f"{min(kinds)}s" if kinds else category_noun(session.category) if session.category else "products"
        makers = " or ".join((session.brand, *session.other_brands)) if session.brand else ""
        return kinds, f"{makers} {noun}" if makers else noun  # "Apple or Garmin watches"

    def _aisle_fact(self, fact: str, session: DialogueState, timed) -> str:
        """The colours, brands or price range of every product the search on screen matches (`aisle_facts`):
        its filters, the kind of product its words name and any model word said ("g84")."""
        vocab = self.engine.vocab
        kinds, noun = self._searched_kind(session)
        required = tuple(w for w in words(session.query) if w in vocab.title_words and w not in vocab.brand_words
                         and w not in vocab.colors and (any(ch.isdigit() for ch in w) or zipf(w) < 3.0)
                         and not vocab.names_kind(w))
        with timed("count"):
            found = list(matching(self.engine.index, session, kinds, required))
        return fact_sentence(fact, found, noun, self.engine.currency)

    def _titled(self, message: str, session: DialogueState, timed) -> Candidate | None:
        """The product whose whole title an add says (`exact_title`): among those on screen, else among the
        catalog's best matches for the message."""
        shown = [c.product for c in shown_products(session)]
        found = said_title(message, shown)
        if found is None and len(words(message)) > MIN_TITLE_WORDS:
            with timed("retrieve"):
                hits = self.engine.retrieve(message, Filters(), 10)
            found = said_title(message, [h.product for h in hits])
        return None if found is None else Candidate(found, 0.0, ("its title said",))

    def _size_picked(self, intent: Intent, message: str, session: DialogueState) -> SizePick | None:
        """The shown item an add or a question picks by its size ("add the small one", "the 512 one"), unless it
        points by position too ("the 2nd, the large one")."""
        # the words named no item shown, or the size read as a filter ("add the xs one")
        adds = intent.kind in ("out_of_scope", "search", "refine") and rules.ADD_CART.search(message)
        if intent.kind not in ("add_to_cart", "details") and not adds or intent.cart_action \
                or rules.parse_references(message, allow_bare_numbers=False):
            return None
        shown = [c.product for c in shown_products(session)]
        picked = size_pick(message, shown, self.sizes)
        said = named(message, self.engine.vocab, rare_words=False)
        if picked is None or not (said.colors or said.brands):
            return picked
        # "add the 256gb one in pink": of that size, the ones of the colour and brand said too
        return dataclasses.replace(picked, positions=tuple(p for p in picked.positions if said.fits(shown[p - 1])),
                                   also=" ".join([*said.colors, *(b.title() for b in said.brands)]))

    def _unfound_parts(self, intent: Intent, message: str, session: DialogueState) -> list[str]:
        """The parts of an add of several named items that name none on screen ("the beige" of "add the beige and
        the purple one"), when another part names one: said in the reply, so no item is silently left out."""
        if intent.kind != "add_to_cart" or intent.cart_action or not rules.ADD_CART.search(message) \
                or not ITEMS_JOINED.search(message):  # "the first one, the black bose one" names one item twice
            return []
        parts = named_parts(message, shown_products(session), self.engine.vocab, focus_position(session))
        if len(parts) < 2 or not any(found for _, found in parts):
            return []
        # "add the 1st and bye", "... and thanks": a closing said after the add names no item
        return [part for part, found in parts if not found and not _FAREWELL.search(part)
                and not rules.SMALLTALK.match(part)]

    def _of_the_kind(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """"add the cheapest one" over air purifiers and a candle that filled out the page: the cheapest of the
        kind searched for, not of everything on screen (a pick by price, rating or reviews that names no kind)."""
        if intent.kind not in ("add_to_cart", "details", "why") or len(intent.references) != 1 \
                or intent.cart_action not in ("", "set_quantity") \
                or rules.parse_references(message, allow_bare_numbers=True) \
                or self.engine.vocab.product_heads(message):
            return intent
        kinds = _kind_asked(session.query, session.category, self.engine.vocab)
        shown = shown_products(session)
        at = intent.references[0]
        if not kinds or not 0 < at <= len(shown) or _names_kind(shown[at - 1].product.title, kinds):
            return intent
        of_kind = [i for i, c in enumerate(shown) if _names_kind(c.product.title, kinds)]
        picked = shown_references(message, [shown[i] for i in of_kind], self.engine.vocab) if of_kind else ()
        if len(picked) != 1:
            return intent
        trace.validation.append(f"{intent.kind}: item {of_kind[picked[0] - 1] + 1}, of the {min(kinds)}s searched "
                                f"for, not item {at}")
        return dataclasses.replace(intent, references=(of_kind[picked[0] - 1] + 1,))

    def _cheaper_instead(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent | None:
        """"swap that kettle for a cheaper one" with nothing picked: the cart stays as it is and the kind of
        product on that line is searched under its price, with how to swap one in; None for any other swap."""
        if intent.cart_action != "swap_line" or intent.references or not rules.CHEAPER.search(message):
            return None
        old = self._swapped_lines(intent, session)
        if len(old) != 1 or old[0].price is None:
            return None
        heads = sorted(h for h in self.engine.vocab.product_heads(old[0].title) if not h.endswith("s"))
        kind = heads[-1] if heads else category_noun(old[0].category)
        trace.validation.append(f"swap_line -> search: {kind} cheaper than the cart's {old[0].title}")
        trace.notices.append(f"I haven't changed your cart. Here are {kind}s cheaper than {old[0].title} "
                             f"({format_price(old[0].price, self.engine.currency)}): say 'swap the {kind} for the "
                             "first one' to put one in its place.")
        return Intent("search", query=kind, category=old[0].category, max_price=round(old[0].price - 0.01, 2),
                      new_product=True)

    def _removed_by_name(self, references: tuple[int, ...], message: str, session: DialogueState) -> tuple[int, ...]:
        """The cart lines a removal names by their words, where the parser found no position: "take the kettle
        out"; "keep the under armour and remove the decathlon" (the Decathlon); "keep the uniqlo, remove the
        rest" (every other line); "that candle only has 2 stars, take it out" (the candle, not the line "it"
        would be as the last one added)."""
        lines = [p for p in (self.engine.index.product(pid) for pid in session.cart) if p is not None]
        last = list(session.cart).index(session.last_added) + 1 if session.last_added in session.cart else None
        by_pronoun = references == (last,) and not rules.parse_references(message, allow_bare_numbers=True)
        if references and not by_pronoun:
            return references
        kept_words = kept_in_cart(message)
        said = kept_words if kept_words is not None else removal_words(message)
        named = priced_line(said, lines) or title_word_reference(said, lines)
        dearer = None if named else _BY_PRICE.search(said)
        priced = {line: lines[line - 1].price for line in title_word_hits(said, lines)
                  if lines[line - 1].price is not None} if dearer else {}
        if len(priced) > 1:  # "drop the more expensive jacket" of two jackets: the dearer of those named
            named = ((max if dearer["up"] else min)(priced, key=priced.get),)
        if kept_words is not None:
            return tuple(line for line in range(1, len(lines) + 1) if line not in named) if named else references
        return named if named and (not references or len(named) == 1) else references

    def _says_use(self, intent: Intent, message: str, session: DialogueState) -> bool:
        """A sentence about what the products on screen are for, naming no product, brand or price of its own."""
        if not session.category or not describes_use(message) or intent.category not in (None, session.category):
            return False
        if intent.brand or intent.min_price is not None or intent.max_price is not None or intent.color:
            return False
        said = without_verb_homonyms(message)
        return not self.engine.vocab.wanted_categories(said) and not self.engine.vocab.mentioned_brands(said) \
            and not asks_for_thing(said, self.engine.vocab) and not _ASKS_HAVE.search(said) \
            and not (_ANOTHER_ONE.search(said) and self._another_kind(said, session))  # "also a toaster to go with it"

    def _read_size(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """A size the aisle lists ("size 10", "w32", "512gb"): a filter; said alone during a search, it narrows
        that search ("size 10" after white sneakers) instead of starting one for "size"."""
        if intent.kind not in ("search", "refine", "out_of_scope", "greeting"):
            return intent
        said = self.sizes.read(message, intent.category or session.category)
        again = _SIZE_AGAIN.match(rules.digits(message)) if said is None and session.size else None
        if again:  # "okay and the 34?", "and the thirty four" after "levis size 32": another size, not a price
            found = self.sizes.read(f"size {again['n']}", intent.category or session.category)
            said = SizeRead(found.value, (0, len(message))) if found else None
        if said is None:
            return intent
        rest = (message[:said.span[0]] + " " + message[said.span[1]:]).strip()
        aisle = self.engine.vocab.category_words.get(session.category or "", frozenset())
        other = " ".join(w for w in words(_SAME_ELSE.sub(" ", rest)) if w not in aisle and w not in SPEC_WORDS)
        if intent.kind != "refine" and not intent.category and session.category and not intent.new_product \
                and not self.engine.vocab.wanted_categories(message) \
                and not names_other_thing(other, self.engine.vocab) and not asks_for_thing(other, self.engine.vocab):
            # "mens, size L", "any with 16 inch screens instead?": the rest describes the ones on screen
            trace.validation.append(f"{intent.kind} -> refine: size {said.value} of the {session.category} shown")
            intent = dataclasses.replace(intent, kind="refine", query=rest)
        trace.validation.append(f"size {said.value} read from the message")
        number = _number(again["n"]) if again else _number(said.value)
        bounds = {bound: None for bound in ("min_price", "max_price")
                  if number is not None and getattr(intent, bound) is not None
                  and (again or getattr(intent, bound) in (number, *rules.around(number)))
                  # "what about 10.5": no "around 10.5" either
                  and not re.search(r"[$£€₹]\s*" + re.escape(said.value), message)}
        if bounds:  # "sneakers in white over 7.5": the half size read as a price too
            trace.validation.append(f"{' and '.join(bounds)} {said.value} is the size: dropped")
        return dataclasses.replace(intent, size=said.value, **bounds)

    def _child_ideas(self, intent: Intent, message: str, trace: Trace) -> Intent | None:
        """Ideas from the shop's toys aisle for a child the message names by age ("my nephew turns 7, what do kids
        that age even like?"), where the shop has one; None otherwise."""
        age = child_age(message)
        kid = self.engine.vocab.wanted_categories("toys for a child") if age is not None and age <= _CHILD_UNTIL \
            and not self.engine.vocab.mentioned_brands(message) else []
        if not kid:
            return None
        trace.validation.append(f"recommend: ideas for a child ({kid[0]})")
        return dataclasses.replace(intent, query="", category=kid[0])

    def _ground(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """A product search's category and whether the shop carries it, from the catalog's evidence."""
        if self.evidence is None and intent.kind == "recommend" and not intent.category \
                and (ideas := self._child_ideas(intent, message, trace)):
            return ideas
        if intent.kind == "recommend" and trace.parser == "lm" and not rules.RECOMMEND.search(message) \
                and not trace.gift and not rules.QUESTION.search(message) and named_kinds(message, self.engine.vocab):
            # "candles that smell good": a kind of product asked for, which the model read as a wish for ideas
            trace.validation.append("recommend -> search: a kind of product named, no ideas asked for")
            intent = dataclasses.replace(intent, kind="search", query=rules.strip_prices(message))
        if self.evidence is not None and intent.kind == "recommend" and intent.category \
                and not self.engine.vocab.wanted_categories(message):
            grounding = ground(message, intent.category, self.engine.vocab, self.evidence)
            if grounding.evidence is None or grounding.evidence.share(intent.category) == 0:
                # "recommend me something nice, for my mother": a model's aisle the words give no ground for
                trace.validation.append(f"recommend: category {intent.category} dropped (no catalog evidence)")
                intent = dataclasses.replace(intent, category=None)  # the need the words describe, below
        if self.evidence is not None and intent.kind == "recommend" and not intent.category and message.strip() \
                and not self.engine.vocab.mentioned_brands(message):
            grounding = ground(message, None, self.engine.vocab, self.evidence)
            if grounding.carried and grounding.category and grounding.evidence is not None:
                # "gift ideas for my niece? she loves building stuff", "my skin gets really dry, what would u
                # recommend?": picks from where the need or the hobby says, found by its words, not the whole shop's
                trace.category_evidence = grounding.to_dict()
                trace.validation.append(f"recommend: the message describes a need ({grounding.category})")
                return dataclasses.replace(intent, query=rules.strip_prices(message), category=grounding.category)
            if not grounding.carried and (ideas := self._child_ideas(intent, message, trace)):
                return ideas
            if not grounding.carried and _named_with_article(grounding, message):
                # "I want one good pressure cooker, please suggest": a thing asked for by name, which the shop lacks
                trace.validation.append("recommend -> search: a product asked for by name")
                asked = _without_the_ask(message) or message
                return self._ground(dataclasses.replace(intent, kind="search", query=rules.strip_prices(asked)),
                                    asked, session, trace)
            need = _without_the_ask(message)  # "got dry flaky skin, what would u recommend": the need's words
            said = word_aisle(need, self.engine.vocab, self.evidence) if need and not session.category else None
            if said is not None and said.top_category:  # "got dry flaky skin in winter": "skin" is all beauty
                trace.category_evidence = said.to_dict()
                trace.validation.append(f"recommend: a word of the need says {said.top_category}")
                return dataclasses.replace(intent, query=rules.strip_prices(need), category=said.top_category)
        if intent.kind in ("search", "out_of_scope", "refine") and self._says_use(intent, message, session):
            # "she mostly writes essays" while laptops are shown: the search on screen stands
            trace.validation.append(f"{intent.kind} -> refine: what the {session.category} shown are for")
            return dataclasses.replace(intent, kind="refine", category=None, new_product=False, query=message)
        if intent.kind == "refine" and intent.clear == ("all",) and not intent.category \
                and (rest := " ".join(START_OVER_SAID.sub(" ", message).split()).strip(" ,.;:-")) != message \
                and (self.engine.vocab.product_heads(rest)
                     or rules.REQUEST.search(rest) and names_other_thing(rest, self.engine.vocab)):
            # "start over, want a slow cooker actually": the words after the restart are a new search
            trace.validation.append("refine -> search: a restart, then a product asked for")
            intent, message = dataclasses.replace(intent, kind="search", query=rules.strip_prices(rest)), rest
        if intent.kind == "refine" and session.last_not_carried and intent.clear != ("all",) \
                and named_kinds(message, self.engine.vocab):  # a kind the titles name, not "her kitchen is tiny"
            # "do you have microwaves?" (not carried), then "fine, show me grey toasters then": a search of its own
            trace.validation.append("refine -> search: a product named after one the shop does not carry")
            intent = dataclasses.replace(intent, kind="search", query=rules.strip_prices(message))
        if intent.kind in ("refine", "search") and session.category and _FOR_ANOTHER.search(message):
            # "and something for his sister, she's 4. Fisher-Price maybe": a search for someone else, not the list on
            # screen narrowed; "and one for my sister to run in" (a parser's bare search too) is one of the same kind
            named = names_product(message, self.engine.vocab, intent.exclude_terms)
            if intent.kind == "refine" or not (named or intent.category or intent.brand):
                trace.validation.append(f"{intent.kind} -> search: a product for another person")
                intent = dataclasses.replace(intent, kind="search", query=rules.strip_prices(message),
                                             category=intent.category or (None if named else session.category))
                if not named and not intent.brand:
                    return intent  # "and one for my sister": the kind on screen, which no phrase of it names
        ruled_out = _RULED_OUT_ONLY.match(message) if intent.kind in ("out_of_scope", "search", "refine") \
            and session.searching() and not intent.category and not intent.sets_constraints() \
            and not rules.SMALLTALK.match(message) else None
        if ruled_out:
            # "no russell hobbs" over kettles: a maker (or a word) the list is to leave out, not a thing asked for;
            # the shop has none of it, so the list stays as it is
            trace.validation.append(f"{intent.kind} -> refine: words ruled out of the list on screen")
            return Intent("refine", exclude_terms=(" ".join(words(ruled_out["what"])),))
        if self.evidence is None or intent.kind not in ("search", "out_of_scope", "refine"):
            return intent
        grounding = None  # read once: a turn made a search below keeps its category (none) for the final step
        if intent.kind == "refine" and intent.size and not self.engine.vocab.wanted_categories(message):
            return intent  # "size 10", "any with 512gb?": a size of the aisle shown
        if intent.kind == "refine" and (about_the_list(message) or ones_on_screen(message, session, self.engine.vocab)):
            return intent  # "have any of them got 128GB?", "anything smaller, like 13 inch?", "leather ones"
        if intent.kind == "refine" and budget_fix(message, session) \
                and not self.engine.vocab.wanted_categories(message):
            return intent  # "lower the max to 70": the budget's words ("max") name no product
        if intent.kind == "refine" and described_by_materials(message, self.engine.vocab):
            return intent  # "cotton", "leather strap", "stainless steel": what the products on screen are made of
        if intent.kind == "refine" and intent.color and _IN_A_COLOUR.match(message) \
                and not self.engine.vocab.wanted_categories(message):
            return intent  # "Something in a soft pink, if you have it.": the throws on screen, in pink
        unlisted = _unlisted_thing(message, self.engine.vocab) if intent.kind == "refine" else None
        if unlisted:
            grounding = ground(unlisted, None, self.engine.vocab, self.evidence, chatty=False)
            if grounding.carried:
                grounding = None
            else:  # "do you have belts? brown leather" while looking at shoes: a thing no title names, asked for
                trace.validation.append(f"refine -> search: '{unlisted}' asked for, and no title names it")
                intent = dataclasses.replace(intent, kind="search", query=unlisted, category=None, brand=None,
                                             new_product=True)
        if intent.kind == "refine":  # "toasters under 60?" while looking at kettles: a new search
            selling = rules.ASKS_STOCK.search(message)  # "do u sell cases for it too?" asks for another product
            thing = asks_for_thing(message, self.engine.vocab)  # "now a case for it", "any video games?"
            vacuous = _narrows_nothing(intent, session) and (selling or thing or names_other_thing(
                message, self.engine.vocab) and not rules.ABOUT_SHOWN.match(message)
                and not rules.JUDGES_LIST.match(message))  # "these all look a bit plain": the list judged
            if not vacuous and not names_product(message, self.engine.vocab, intent.exclude_terms) \
                    and not _line_elsewhere(message, session, self.engine.vocab):
                return intent
            if _MUST_BE.match(message) and not vacuous:
                return intent  # "it should be waterproof and under 100": what the kind shown must be, no new kind
            if self.engine.vocab.product_heads(message) and not named_kinds(message, self.engine.vocab) \
                    and not self.engine.vocab.wanted_categories(message) and not vacuous:
                return intent  # "not apple, I've got an android phone" over watches: the phone is the shopper's own
            grounding = ground(message, None, self.engine.vocab, self.evidence, chatty=False)
            if _phrase_excluded(grounding, intent):
                return intent  # "not leather tho, vegan house": the word ruled out names no new product
            if (vacuous or selling) and not grounding.carried and not rules.OFF_TOPIC.search(message):
                # "got tvs too?", "do you sell phone cases for it" while looking at phones: a thing the shop lacks
                trace.validation.append("refine -> search: the message narrows nothing and names a product")
                intent = dataclasses.replace(intent, kind="search", query=rules.strip_prices(message), category=None)
            elif (vacuous or self._another_kind(message, session)) and grounding.carried \
                    and grounding.category == session.category and _ANOTHER_ONE.search(message):
                # "need a cast iron skillet also" while looking at dutch ovens: another product, same aisle
                trace.validation.append("refine -> search: the message asks for another product as well")
                intent = dataclasses.replace(intent, kind="search", query=rules.strip_prices(message),
                                             category=session.category, new_product=True)
            elif not grounding.carried or grounding.category in (None, session.category):
                return intent
            elif not grounding.named and (self._ruled_out_of_aisle(intent, session)
                                          or self._brand_of_aisle(intent, session, message)):
                return intent  # "... one of those smartwatches, all that beeping. leave out the Apple and Samsung
                # ones" over watches: brands the aisle sells, ruled out of it; no other aisle asked for; "under
                # armour or nike, he wears that sporty stuff... actually just nike" over t-shirts: a maker of them
            else:
                trace.validation.append(f"refine -> search: the message names {grounding.category}, "
                                        f"not {session.category}")
                intent = dataclasses.replace(intent, kind="search", query=rules.strip_prices(message))
        if intent.kind == "out_of_scope":  # "do u sell dog food", "airpod pros": a product request after all?
            if rules.OFF_TOPIC.search(message) or rules.ARITHMETIC.search(message) or \
                    rules.SMALLTALK.match(message) and not rules.REQUEST.search(message):  # "hi, do you sell bikes?"
                return intent
            grounding = ground(message, None, self.engine.vocab, self.evidence)
            bare_phrase = (len(message.split()) <= 8 and not rules.QUESTION.search(message)  # "car tyres 17 inch"
                           and not rules.parse_references(message, allow_bare_numbers=False)
                           and names_other_thing(message, self.engine.vocab))  # not "hmm not sure"
            if not (rules.REQUEST.search(message) or bare_phrase or grounding.category and grounding.carried
                    or asks_for_thing(message, self.engine.vocab)):
                return intent
            if _FOR_SOMEONE_ONLY.search(message) and not (grounding.category and grounding.carried):
                # "something for my dad, he is always cold": ideas for a person, not a thing the shop lacks
                trace.validation.append("out_of_scope -> recommend: ideas for a person")
                return self._ground(dataclasses.replace(intent, kind="recommend", query=""), message, session,
                                    trace)
            trace.validation.append("out_of_scope -> search: the message asks for a product")
            intent = dataclasses.replace(intent, kind="search", query=rules.strip_prices(message))
        if grounding is None:
            grounding = ground(message, intent.category, self.engine.vocab, self.evidence)
        trace.category_evidence = grounding.to_dict()
        if session.shown and session.category and intent.category is None \
                and grounding.category != session.category and _ASKS_OF_LIST.match(message) \
                and not self.engine.vocab.wanted_categories(message) \
                and not any(self.engine.vocab.names_kind(w) for w in words(message)) \
                and (grounding.evidence is None or grounding.evidence.head_hits < HEAD_HITS):
            # "whats the battery life" over earbuds: a question about them, not laptops ("Long-Battery" titles) nor a
            # thing the shop lacks; a head noun the titles spell ("whats the best sunscreen" over dresses) is asked for
            trace.validation.append(f"{intent.kind} -> refine: a question about the {session.category} shown")
            return dataclasses.replace(intent, kind="refine", category=None)
        for_person = not grounding.carried and _GIFT_FOR_PERSON.match(message) is not None
        if not grounding.carried and intent.kind == "search" and not intent.brand \
                and (not intent.category or not grounding.named and for_person) \
                and (trace.gift or rules.RECOMMEND.search(message) and names_occasion(message) or for_person) \
                and not GIFT_CARD.search(message):  # "can I just buy a $50 gift card?": a thing the shop lacks
            # "gift for my brother, he's a big gamer", "buying a gift for a total tech nerd, what would u suggest?":
            # ideas for the person, not a thing called "big gamer" the shop lacks
            trace.validation.append("search -> recommend: a gift by an interest no title names")
            only_person = not (trace.gift or rules.RECOMMEND.search(message))  # "gift for my mum, she's always cold"
            aisle = intent.category if grounding.named else grounding.nearest if only_person else None
            return dataclasses.replace(intent, kind="recommend", query="", category=aisle)
        trace.not_carried = not grounding.carried
        if trace.not_carried and grounding.category is not None and not grounding.lacking:
            # the shop does not carry it: the nearest items come from wherever they are, not one guessed category
            # (the parser's included: a message naming a category or brand is carried)
            grounding = dataclasses.replace(grounding, category=None)
        if grounding.category != intent.category:
            trace.validation.append(f"category {intent.category} -> {grounding.category} (catalog evidence)")
            intent = dataclasses.replace(intent, category=grounding.category)
        return intent

    def _act(self, intent: Intent, session: DialogueState, timed, trace: Trace, message: str = "",
             leave_out: tuple[str, ...] = (), step: SizeStep | None = None) -> tuple[list[Candidate], str | None]:
        """Do what the intent asks; returns the products of the reply and, for cart turns, its text.
        `leave_out`: products a search must not show (the item a "more like this one" is like); `step`: the
        bigger (or smaller) size than one looked at that the list keeps to, where any is.

        Cart confirmations are templated by `cart_turn`, never generated: they report a transaction.
        """
        pending, session.pending = session.pending, None  # a question waits one turn for its answer
        if intent.kind == "view_cart" and not intent.cart_action and pending \
                and (pending.startswith(SET_TO) or pending == ONE_LESS or pending == f"{PICK}add_to_cart"):
            session.pending = pending  # a look at the cart between "which one should be 3?" and "the first one"
        if intent.cart_action:
            return self._cart_action(intent, session, pending, message)
        if intent.kind == "greeting" and (_FAREWELL.search(message) or rules.CLOSING.search(message)
                                          and not _JUST_BROWSING.search(message)) \
                and (session.history or session.cart):
            return [], FAREWELL  # "thanks, i'll have a look and come back": a goodbye, not "tell me what you want"
        if intent.kind == "out_of_scope" and asks_service(message):
            return [], SERVICE_ALONE  # "... it is the final price or there will be a reduction soon?": the help pages
        if intent.kind == "refine" and intent.clear == ("all",) and not dataclasses.replace(intent, clear=()) \
                .sets_constraints() and not intent.category and len(words(message)) <= 8:
            # "start over", "scrap all that": nothing asked yet, so nothing is shown (not the whole shop at random)
            apply_intent(session, intent, self.config.assistant)
            session.shown, session.shown_prices, session.last_candidates = [], [], {}
            if session.cart and _EVERYTHING.search(message):  # "start over, clear everything": the cart too, if yes
                return [], "OK, starting over: your search is cleared. " + cart.clear_request(
                    session, self.engine.index, self.engine.currency)
            return [], START_OVER
        if intent.kind in SEARCH_KINDS:
            shown = self._search(intent, session, timed, trace, leave_out, step)
            if asks_how_many(message) and not trace.not_carried and session.searching() \
                    and (session.category or self.engine.vocab.product_heads(session.query)):
                kinds, noun = self._searched_kind(session)  # "how many blenders"
                with timed("count"):
                    count = count_matching(self.engine.index, session, kinds)
                trace.notices.append(count_sentence(count, len(shown), noun))
            elif (fact := asked_fact(message)) and not trace.not_carried and session.searching() \
                    and (session.category or self.engine.vocab.product_heads(session.query)):
                trace.notices.append(self._aisle_fact(fact, session, timed))  # "what brands of headphones do you
                # carry?": the answer, over every match, above the list
            if trace.not_carried:  # said plainly, with the nearest items under their own wording
                said = trace.category_evidence.get("maker") or trace.category_evidence.get("condition") \
                    or trace.category_evidence.get("evidence", {}).get("phrase", "")
                return shown, not_carried_text(said, len(shown))
            return shown, None
        if intent.unresolved and not intent.references and intent.kind in ("add_to_cart", "remove_from_cart",
                                                                           "details", "compare"):
            session.pending = f"{PICK}{intent.kind}"  # "the 5th then" next completes it
            return [], past_list_text(intent, session)  # said plainly; the cart is never touched
        if intent.kind == "remove_from_cart":
            targets = self._cart_targets(intent, session)
            # "remove the airpods if i added them" with none in the cart: said, though "them" points at a line
            said = _OWN_CLAUSE.sub("", removal_words(message))
            absent = "" if intent.cart_action or rules.parse_references(message, allow_bare_numbers=True) \
                else self._absent_colour(said, session) or ("" if (targets or intent.references)
                                                            and not _IF_ADDED.search(message)
                                                            else self._absent_line(said, session))
            if absent:
                return cart.not_in_cart(session, self.engine.index, absent, self.engine.currency)
            return cart_turn(intent, session, targets, self.engine.index, self.engine.currency)
        shown = self._referenced(intent, session)
        if not shown and intent.kind == "details" and not intent.unresolved \
                and session.focus in session.last_candidates:  # "whats the rating" after a look at one item
            shown = [session.last_candidates[session.focus]]
        if intent.kind == "details" and len(shown) == 1 \
                and not rules.parse_references(message, allow_bare_numbers=False):  # "is the first one a Nike?" asks
            # "back to the dutch ovens, the red le creuset - dishwasher safe?" with a green one at that place
            said, pick = self._named_instead(message, shown[0].product, session, rare_words=False)
            if said:
                if pick is None:
                    return [], f"I can't find {said.said()} on the lists I showed. Say its number, or search for it."
                trace.validation.append(f"details: {pick.product.title}, by what the message names")
                shown = [pick]
        if intent.kind == "compare" and len(shown) == 1 and session.focus in session.last_candidates \
                and session.focus != shown[0].product.product_id:  # "compare it with the white one": with the one
            shown = [session.last_candidates[session.focus], shown[0]]  # looked at
            trace.validation.append("compare: the item looked at and the one named")
        if intent.kind in ("details", "why"):
            session.focus = shown[0].product.product_id if len(shown) == 1 else None
            if session.focus and session.focus not in session.looked_at[-1:]:
                session.looked_at = [*session.looked_at, session.focus][-2:]
        elif intent.kind == "compare" and len(shown) >= 2:
            session.compared = [c.product.product_id for c in shown]
            # "which of these is the cheapest?": that one, named first
            answer = listed_answer(message, shown, self.engine.vocab)
            if (unit := unit_value(message, [c.product for c in shown], self.engine.currency)) is not None:
                trace.notices.append(unit.text)  # "which is better value per ml": price over listed content
                session.focus = unit.pick.product_id if unit.pick is not None else session.focus
            elif answer is not None:
                pick = shown[answer[0] - 1].product
                session.focus = pick.product_id  # "add that one" next means it
                trace.notices.append(f"{answer[1][0].upper()}{answer[1][1:]} of these: {pick.title}.")
            elif verdict := pair_verdict(message, [c.product for c in shown], self.engine.currency):
                trace.notices.append(verdict.text)  # "is the 2nd one cheaper than the first?": which way, in words
                if verdict.pick is not None:
                    session.focus = verdict.pick.product_id
            elif (biggest := sized_pick(message, [c.product for c in shown])) is not None:
                session.focus = shown[biggest].product.product_id  # "which has the biggest screen", "add that one"
        elif not shown and intent.kind == "add_to_cart" and not intent.references \
                and (pick := self._recalled(add_clause(message), session)) is not None:
            shown = [pick]  # "just add the JBL black bass boost to cart" after a detour: the one item shown with that
        elif not shown and session.focus in session.last_candidates and intent.kind in ("add_to_cart",
                                                                                         "remove_from_cart"):
            shown = [session.last_candidates[session.focus]]  # "I'll take it" after looking at one item
        elif not shown and intent.kind == "add_to_cart" and not intent.references and not intent.cart_action \
                and session.shown and session.shown[0] in session.last_candidates and session.order \
                and asks_for_one(session.query) == session.order \
                and (adds_it_again(message) or _YES_ADD.match(message)):
            shown = [session.last_candidates[session.shown[0]]]  # "whats the cheapest kettle" -> "add it": that one
        elif not shown and intent.kind == "add_to_cart" and not intent.references and not intent.cart_action \
                and session.last_kind == "refine" and session.focus is None \
                and session.shown and session.shown[0] in session.last_candidates \
                and (adds_it_again(message) or _YES_ADD.match(message)) and re.search(r"\bit\b", message, re.I):
            # "white?" -> "add it", "brown if poss" -> "pop it in": the list narrowed to what was wanted, its best
            # match at the top (over a plain search's list, "add that" asks which)
            trace.validation.append("add 'it' right after a narrowed list: the top one")
            shown = [session.last_candidates[session.shown[0]]]
        if session.shown and (intent.kind == "compare" and len(shown) < 2 or intent.kind == "details" and not shown
                              or intent.kind == "add_to_cart" and not shown and len(session.shown) > 1):
            session.pending = f"{PICK}{intent.kind}"  # the reply asks which: "the first two" next answers it
        if intent.kind == "add_to_cart" and not shown and not intent.references and not intent.cart_action \
                and len(session.shown) == 1 and session.shown[0] in session.last_candidates:
            shown = [session.last_candidates[session.shown[0]]]  # "add it" with one on screen; "the navy one" is
            # checked against it below
        if intent.kind == "add_to_cart" and session.last_kind == "add_to_cart" and len(shown) == 1 \
                and shown[0].product.product_id == session.last_added in session.cart and adds_it_again(message):
            return shown, cart.already_added(session)  # "2nd one" (added) -> "add it": once is what was meant
        if intent.kind == "add_to_cart" and len(shown) == 1 and not intent.cart_action:
            # "and the blue macbook, the 709 one, add that too" with earbuds on screen: the one named (of several
            # parts, "the first clinique and the beige one", the part that named it)
            parts = named_parts(message, shown_products(session), self.engine.vocab, focus_position(session))
            own = next((part for part, found in parts if found == intent.references), None) \
                if len(parts) > 1 and ITEMS_JOINED.search(message) else None
            said, pick = self._named_instead(own or add_clause(message), shown[0].product, session)
            if said:
                if pick is None:
                    return [], (f"I can't find {said.said()} on the lists I showed, so I haven't added anything. "
                                "Say its number, or search for it.")
                trace.validation.append(f"add: {pick.product.title}, by what the message names, not the screen's")
                shown = [pick]
            other = self._other_size(message, shown[0].product)
            sibling = self._lines().in_size(shown[0].product, other) if other is not None else None
            if sibling is not None and (listed := self.engine.index.product(sibling)) is not None:
                # "the 1st pls, size 8" with the first listed in 6.5: the same model and colour, listed in 8
                trace.validation.append(f"add: {listed.title}, the size {other} listing of the item pointed at")
                return cart_turn(intent, session, [Candidate(listed, 0.0, (f"size {other}",))], self.engine.index,
                                 self.engine.currency)
            if other is not None and _SIZE_LOOSE.search(message):
                # "ok add that one, size 7 if it matters": the size is a remark, so the listing goes in, with a note
                trace.validation.append(f"add: size {other} said loosely, the listing's {shown[0].product.size} kept")
                turn = cart_turn(intent, session, shown[:1], self.engine.index, self.engine.currency)
                return turn[0], turn[1] + (f"\nNote: it is listed in size {shown[0].product.size}, not {other}; say "
                                           f"'size {other}' to see what I have in {other}.")
            if other is not None:  # "add the first one size 32" with the first listed in W38: asked, not added
                session.focus = shown[0].product.product_id
                return shown, (f"[name_1] is listed in size {shown[0].product.size}, not {other}. Say 'add it' to "
                               f"take it in {shown[0].product.size}, or 'size {other}' to see what I have in {other}.")
        if intent.kind == "add_to_cart" and len(shown) == 1 and not intent.cart_action and _INSTEAD.search(message) \
                and session.last_added in session.cart and shown[0].product.product_id != session.last_added:
            last = self.engine.index.product(session.last_added)
            if last is not None and last.category == shown[0].product.category:
                return self._instead_of_last(session, shown[0])  # "maybe I'll take that instead": a swap, not a 2nd
        if intent.kind in ("add_to_cart", "remove_from_cart", "view_cart"):
            return cart_turn(intent, session, shown, self.engine.index, self.engine.currency)
        if intent.kind == "why":
            return (shown or shown_products(session)), None
        if intent.kind in ("details", "compare"):
            return shown, None
        return [], None

    def _asked_of_that(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """"Oh, and remind me, is it waterproof?" right after an add, or about the one looked at: a question about
        that item, not a search for waterproof things; "what material is it?" read as "why" is one too."""
        if intent.kind == "why" and intent.references and not _WHY_ASKED.search(message) \
                and _ENDS_ASKING.search(message):  # "The black one at the top... What material is it?"
            trace.validation.append("why -> details: a question about the item, not about the ranking")
            asked = Intent("details", references=intent.references[:1])
            trace.intent = {"kind": asked.kind, **asked.slots()}
            return asked
        if intent.kind not in (*SEARCH_KINDS, "out_of_scope") or intent.cart_action \
                or not _IT_QUESTION.search(message) or _SHOP_MATTERS.search(message) \
                or intent.kind == "out_of_scope" and rules.OFF_TOPIC.search(message) \
                or self.engine.vocab.mentioned_categories(message) \
                or any(self.engine.vocab.names_kind(w) for w in words(message)):
            return intent
        pid = session.focus if session.focus in session.shown else \
            session.last_added if session.last_kind == "add_to_cart" and session.last_added in session.cart else \
            session.shown[0] if len(session.shown) == 1 else None
        product = self.engine.index.product(pid) if pid else None
        if product is None:
            return intent
        if pid not in session.shown:  # the item just added from an earlier list: pointed at past this one's end
            session.shown.append(pid)
            session.shown_prices.append(product.price)
            session.last_candidates[pid] = Candidate(product, 0.0, ("in your cart",))
        at = session.shown.index(pid) + 1
        trace.validation.append(f"{intent.kind} -> details of {product.title}: a question about it")
        trace.not_carried, trace.category_evidence = False, None
        asked = Intent("details", references=(at,))
        trace.intent = {"kind": asked.kind, **asked.slots()}
        return asked

    def _cart_pair(self, message: str, session: DialogueState) -> tuple[Candidate, Candidate] | None:
        """The cart line and the item on screen a compare with the cart means: the line its words name (else the one
        just added, else the only one) and the item the rest names by position (else the one in focus); None when
        the cart is empty or either is not said."""
        lines = self._cart_lines(session)
        if not lines or not session.shown:
            return None
        said, rest = cart_words(message)
        said_lines = self._named_lines(said, session) if said else []
        line = said_lines[0] if len(said_lines) == 1 else self.engine.index.product(session.last_added) \
            if session.last_added in session.cart else lines[0] if len(lines) == 1 else None
        shown = shown_products(session)
        refs = [r for r in rules.parse_references(rest, allow_bare_numbers=True) if r]
        at = (refs[0] if refs[0] > 0 else len(shown) + 1 + refs[0]) if refs else focus_position(session)
        if line is None or at is None or not 0 < at <= len(shown) \
                or shown[at - 1].product.product_id == line.product_id:
            return None
        return Candidate(line, 0.0, ("in your cart",)), shown[at - 1]

    @staticmethod
    def _priced_pair(message: str, session: DialogueState) -> tuple[Candidate, Candidate] | None:
        """The two items a price gap is asked of: the two positions said, else the two set side by side last, else
        the two on screen when only two are; None when it is not said which two."""
        shown = shown_products(session)
        said = [r for r in rules.parse_references(message, allow_bare_numbers=True) if 0 < r <= len(shown)]
        if len(said) >= 2:
            return shown[said[0] - 1], shown[said[1] - 1]
        compared = [session.last_candidates[p] for p in session.compared if p in session.last_candidates]
        if len(compared) == 2:
            return compared[0], compared[1]
        return (shown[0], shown[1]) if len(shown) == 2 else None

    def _priced_position(self, words: str, session: DialogueState, shown: list) -> int | None:
        """The item (0-based, on screen) a price for a number of items is asked of: the one named by position
        ("of the second"), by price or rating or name (`shown_references`: "of the cheapest", "of the sony one"),
        the one in focus ("of it", "of them" after a look at one), or the only one shown; None when it is not said
        which."""
        said = [r for r in rules.parse_references(words, allow_bare_numbers=False) if r]
        if said:
            at = said[0] - 1 if said[0] > 0 else len(shown) + said[0]
            return at if 0 <= at < len(shown) else None
        picked = shown_references(words, shown, self.engine.vocab)
        if len(picked) == 1:
            return picked[0] - 1
        at = focus_position(session)
        if at is not None and at <= len(shown):
            return at - 1
        return 0 if len(shown) == 1 else None

    def _asked_not_added(self, intent: Intent, message: str, trace: Trace) -> Intent:
        """"The yellow one is nice, is it safe for a newborn?", "I don't want a cleanser. Is the Nivea gold one free
        of perfume?": a question about an item, answered, never an add, unless the message says to add it."""
        if intent.kind != "add_to_cart" or intent.cart_action:
            return intent
        if NO_BUDGET.search(message) and (re.search(r"\bones\b", message, re.I) or not intent.references) \
                and not re.search(r"\b(?:add|cart|basket|trolley)\b", message, re.I):
            # "forget the thousand i want the pro ones", "budget doesn't matter ... I'd rather buy something decent":
            # the budget let go and the list kept to those, nothing added
            trace.validation.append("add_to_cart -> refine: a budget let go, then which ones")
            asked = Intent("refine", query=message, clear=("max_price", "min_price"))
            trace.intent = {"kind": asked.kind, **asked.slots()}
            return asked
        used = _USE_ASKED.search(message) and not rules.CART_WORD.search(message)
        if not used and (not _ENDS_ASKING.search(message) or _ADD_SAID.search(_NOT_AN_ADD.sub(" ", message))):
            return intent
        trace.validation.append("add_to_cart -> details: a question about the item, with no add said")
        asked = Intent("details", references=intent.references[:1])
        trace.intent = {"kind": asked.kind, **asked.slots()}
        return asked

    def _not_that_aisle(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """"forget laptops. headphones or a watch under 50?", "not a laptop lol, any gift ideas under 50": an aisle the
        message rules out is never the one searched; and ideas for someone on a budget are not kept to an aisle the
        message never named when nothing there is that cheap ("a teenage boy who has everything, budget 50" was
        laptops, none under $50)."""
        if intent.kind not in SEARCH_KINDS or intent.cart_action:
            return intent
        vocab = self.engine.vocab
        ruled_out = {c for m in _NOT_THIS_KIND.finditer(message) for c in vocab.mentioned_categories(m["what"])
                     if singular(words(m["what"])[0]) == singular(words(c)[-1])}  # "not a laptop"; not "no graphic
        # tees" nor "not a smartwatch" (a kind within the aisle)
        named = [c for c in vocab.mentioned_categories(message) if c not in ruled_out]
        aisle = intent.category or (session.category if intent.kind in ("refine", "more") else None)
        trace.ruled_out = sorted(ruled_out) if not named else []  # "anything under 8 that isnt a toy": none of them
        if aisle in ruled_out:
            trace.validation.append(f"{aisle} ruled out by the message" + (f": {named[0]}" if named else ""))
            if named:
                intent = dataclasses.replace(intent, kind="search", category=named[0], new_product=True, query=message)
            else:  # nothing else named: ideas, within the budget said
                intent = dataclasses.replace(intent, kind="recommend", category=None, query="", new_product=False)
        elif intent.kind == "recommend" and intent.category and intent.category not in named \
                and intent.max_price is not None and intent.max_price < self._cheapest_in(intent.category):
            trace.validation.append(f"recommend: no {intent.category} under {intent.max_price:g}, and none was named")
            intent = dataclasses.replace(intent, category=None)
        else:
            return intent
        trace.intent = {"kind": intent.kind, **intent.slots()}
        return intent

    def _aisle_sells(self, session: DialogueState, brands: tuple[str, ...]) -> bool:
        """Whether there are brands and every one of them sells in the aisle on screen."""
        sells = self.engine.vocab.brand_categories
        return bool(brands) and bool(session.category) and all(session.category in sells.get(b, ()) for b in brands)

    def _ruled_out_of_aisle(self, intent: Intent, session: DialogueState) -> bool:
        """Whether the refinement only rules brands out, every one of them sold in the aisle on screen (a brand
        wanted, "and macbook air" over iPhones, may ask for another aisle)."""
        ruled_out = intent.exclude_brands or ((intent.exclude_brand,) if intent.exclude_brand else ())
        return not intent.brand and self._aisle_sells(session, ruled_out)

    def _brand_of_aisle(self, intent: Intent, session: DialogueState, message: str) -> bool:
        """Whether the refinement asks for brands, every one of them sold in the aisle on screen, and names no
        product line of another aisle ("iphone too. under 800" over earbuds: Apple, yet phones)."""
        vocab = self.engine.vocab
        wanted = (intent.brand, *intent.other_brands) if intent.brand else ()
        lines = " ".join(singular(w) for w in words(message))
        return self._aisle_sells(session, wanted) \
            and not _line_elsewhere(message, session, vocab) and not _line_elsewhere(lines, session, vocab)

    def _another_kind(self, message: str, session: DialogueState) -> bool:
        """Whether the message names a kind of product the search on screen did not ask for ("we also need a
        toaster to go with it, same budget" over kettles)."""
        heads = {singular(h) for h in self.engine.vocab.product_heads(message)}
        searched = {singular(w) for w in words(session.query or "")}
        return bool(heads) and not heads & searched

    def _cheapest_in(self, category: str) -> float:
        """The lowest price listed in an aisle (infinity when it lists none)."""
        if self._aisle_floor is None:
            catalog = self.engine.index.catalog
            self._aisle_floor = catalog.groupby("category")["price"].min().dropna().to_dict() \
                if {"category", "price"} <= set(catalog.columns) else {}
        return float(self._aisle_floor.get(category, float("inf")))

    def _on_the_list(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """"slim fit instead?" over men's jeans: a refinement of the list on screen, not a search of the aisle
        whose titles use the words, nor of the whole shop (`assistant.on_the_list`)."""
        asked = (intent.kind == "search" or intent.kind == "out_of_scope" and _ASKED_OF_LIST.search(message)
                 # "nvm show me road ones": a refinement whose words no slot took
                 or intent.kind == "refine" and _narrows_nothing(intent, session) and not about_the_list(message)) \
            and not rules.SMALLTALK.match(message)  # "rtx 4060?", "lighter wash?"; not "ok cool"
        narrowed = intent.kind == "search" and intent.category == session.category and not intent.brand \
            and bool(ONLY_SAID.search(message) or ONLY_KIND_SAID.search(message))  # "only high tops" over Converse
        # sneakers, "show me please only the maxi dresses" over dresses: these, narrowed
        described = described_words(message, self.engine.vocab, session.category or "") \
            if asked and not intent.cart_action and session.category and session.shown \
            and (intent.category != session.category or narrowed) else []
        if described and _COMPANION.search(message) and asks_for_thing(message, self.engine.vocab):
            return intent  # "a belt for them?" over jeans: a thing to go with them, though titles say "belt loops"
        if narrowed and not described and asked and session.shown:  # "only high tops": the aisle's own words
            described = [w for w in words(message) if w not in ("only", "just", "the")]
        if not described:
            return intent
        trace.validation.append(f"search -> refine: {message!r} names no kind of product, so it is about the list")
        catalog = self.engine.index.catalog
        titles = catalog.loc[catalog["category"] == session.category, "title"].astype(str).tolist()
        searched = session.query.split()
        dropped = replaced_words([w.lower() for w in searched], described, titles)
        if dropped:  # "nvm show me road ones" over trail running shoes: road in place of trail
            trace.validation.append(f"{', '.join(sorted(dropped))} replaced by {' '.join(described)}")
        kept = [w for w in searched if w.lower() not in dropped]
        session.query = " ".join(dict.fromkeys([*kept, *described]))
        trace.not_carried, trace.category_evidence = False, None
        intent = dataclasses.replace(intent, kind="refine", category=None, new_product=False, query=message)
        trace.intent = {"kind": intent.kind, **intent.slots()}
        return intent

    def _why_first(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """"why is the first one first? is it actually the best rated?", "are any of these sponsored?": what the list
        is sorted by, how its first item compares, that nothing on it is paid for (`assistant.why_first`)."""
        if not session.shown or session.last_kind == "view_cart" or intent.cart_action \
                or intent.kind in ("add_to_cart", "remove_from_cart", "view_cart"):
            return intent
        listed = shown_products(session)
        shown = [c.product for c in listed]
        if asks_sponsored(message):
            trace.notices.append(SPONSORED_ANSWER)
            intent = Intent("why")
        elif asks_why_first(message):
            trace.notices.append(order_explained(shown, session.order, session.query, self.engine.currency))
            # "why is the 1st ranked above the 2nd?": both items the question sets side by side
            said = [r for r in rules.parse_references(message, allow_bare_numbers=False) if r <= len(shown)]
            several = _THESE_FIRST.search(message) is not None  # "why are these at the top?": the list, no one item
            intent = Intent("why", references=tuple(dict.fromkeys([1, *said])) if said else () if several else (1,))
        elif asks_catch(message) and (picked := self._catch_of(intent, message, session, listed)):
            # "whats the catch with the anker one, its way cheaper": the facts that may be it, then its details
            trace.notices.append(catch_explained(shown[picked - 1], shown, self.engine.currency))
            intent = Intent("details", references=(picked,))
        elif intent.kind in ("compare", "details", "why") and _ONE_WITH.search(message) \
                and (order := order_said(message)) in (REVIEWS, RATING):
            # "that has like 2 reviews, is that really the best? what about one with lots of reviews": the list in
            # that order, not a compare of item 2
            intent = Intent("refine", order=order)
        else:
            return intent
        trace.validation.append("a question about the list's order")
        trace.intent = {"kind": intent.kind, **intent.slots()}
        return intent

    def _catch_of(self, intent: Intent, message: str, session: DialogueState, shown: list[Candidate]) -> int | None:
        """The shown item (of `shown`, the list on screen) "what's the catch with ..." asks about: the one the reader
        picked, the one the words name ("the anker one"), else the one looked at; None when none is clear."""
        if intent.kind in ("details", "why") and len(intent.references) == 1 \
                and 0 < intent.references[0] <= len(shown):
            return intent.references[0]
        named = shown_references(message, shown, self.engine.vocab) \
            or brand_references(message, shown, self.engine.vocab)
        return named[0] if len(named) == 1 else focus_position(session)

    def _why_not(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """"why no bose?" over a list: the brand's item on it pointed at with its reasons, else the brand's
        items that fit the same search (`assistant.why_not`); never "no Bose" ruling the brand out."""
        brand = why_not_brand(message, list(self.engine.vocab.mentioned_brands(message))) \
            if session.shown and not intent.cart_action else None
        if brand is None:
            return intent
        shown = shown_products(session)
        at = next((i + 1 for i, c in enumerate(shown) if c.product.brand == brand), None)
        if at:
            trace.notices.append(f"{brand} is on the list: number {at}.")
            intent = Intent("why", references=(at,))
        else:
            trace.notices.append(f"No {brand} was on the list, so I looked for {brand} with the same search.")
            intent = Intent("refine", brand=brand)
        trace.validation.append(f"why no {brand}: " + (f"item {at} is one" if at else "searched for"))
        trace.intent = {"kind": intent.kind, **intent.slots()}
        return intent

    def _size_step(self, intent: Intent, message: str, session: DialogueState,
                   trace: Trace) -> tuple[Intent, SizeStep | None]:
        """"thats only 30ml? is there a bigger one": the list on screen, kept to sizes past the one complained of,
        or the one looked at, or those shown (`assistant.size_step`); a size asked for by name is left to the
        size reading ("a bigger one, like 50ml")."""
        direction = asked_step(message) if session.searching() and not intent.cart_action \
            and intent.kind in (*SEARCH_KINDS, "out_of_scope", "details") \
            and intent.category in (None, session.category) else 0
        if not direction:
            return intent, None
        focus = self.engine.index.product(session.focus) if session.focus else None
        shown = [p for p in map(self.engine.index.product, session.shown) if p is not None]
        aisles = [p.category for p in shown]
        aisle = session.category or (focus.category if focus else None) \
            or (max(set(aisles), key=aisles.count) if aisles else None)
        said = self.sizes.read(message, aisle)
        if said is not None and not complained_of(message, said.span[0]):
            return intent, None
        than = reference(direction, said.value if said else None, focus.size if focus else None,
                         [p.size for p in shown])
        if than is None:
            return intent, None
        step = SizeStep(direction, than)
        trace.validation.append(f"{intent.kind} -> refine: {step.words}")
        trace.not_carried, trace.category_evidence = False, None  # "a size up?" asks for no thing called "up"
        clear = tuple(dict.fromkeys((*intent.clear, *(("size",) if session.size else ()))))
        intent = dataclasses.replace(intent, kind="refine", category=None, query="", new_product=False, size=None,
                                     references=(), unresolved=(), clear=clear)
        trace.intent = {"kind": intent.kind, **intent.slots()}
        return intent, step

    def _styled(self, intent: Intent, message: str, said: str, session: DialogueState, trace: Trace) -> Intent:
        """"something a bit more dressy" over watches: the watches, leaning to that style (`style_step`, read in
        the words `said`, before spelling made "dressy" a dress), never a search for dresses or for the word."""
        style = style_step(said) if session.searching() and not intent.cart_action \
            and intent.kind in (*SEARCH_KINDS, "out_of_scope") else None
        rest = re.sub(rf"\b{style[:4]}\w*", " ", message, flags=re.I) if style is not None else ""
        if style is None or names_product(rest, self.engine.vocab, intent.exclude_terms) \
                or asks_for_thing(rest, self.engine.vocab):
            # "a more formal dress", "something sportier in running shoes", "any cute purses to go w it?": a product
            return intent
        trace.validation.append(f"{intent.kind} -> refine: the list on screen, more {style}")
        trace.not_carried, trace.category_evidence = False, None  # a style, not a thing the shop may lack
        if style not in session.query.split():
            session.query = f"{session.query} {style}".strip()
        intent = dataclasses.replace(intent, kind="refine", category=None, query="", new_product=False)
        trace.intent = {"kind": intent.kind, **intent.slots()}
        return intent

    def _like(self, like: LikeThis, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """The search a "more like this one" request asks for: the item's aisle and kind words, the budget and the
        other constraints so far, with what the message adds ("in navy"); "cheaper" is below the item's price."""
        item = like.product
        cheaper = bool(rules.CHEAPER.search(message))
        ceiling = round(item.price - 0.01, 2) if cheaper and item.price is not None else session.max_price
        if cheaper and session.max_price is not None and ceiling is not None:
            ceiling = min(ceiling, session.max_price)
        trace.validation.append(f"{intent.kind} -> search like {item.title}: {like.words!r}")
        trace.notices.append(f"These are like {item.title}{' and cost less' if cheaper else ''}.")
        found = Intent("search", query=like.words, category=item.category, color=intent.color,
                       other_colors=intent.other_colors, exclude_brand=intent.exclude_brand,
                       exclude_brands=(*session.exclude_brands, *intent.exclude_brands),
                       min_price=None if cheaper else session.min_price, max_price=ceiling,
                       size=intent.size or session.size, gender=intent.gender or session.gender,
                       in_stock=intent.in_stock or session.in_stock, brand=intent.brand)
        trace.intent = {"kind": found.kind, **found.slots()}
        return found

    def _cheapest_over_budget(self, session: DialogueState, filters: Filters, kinds: set[str]) -> Product | None:
        """The cheapest product of the kind asked that fits every filter but the budget, if any."""
        wider = self.engine.retrieve(search_text(session), dataclasses.replace(filters, max_price=None),
                                     self.config.retrieval.candidates)
        fitting = [h.product for h in wider if h.product.price is not None and _names_kind(h.product.title, kinds)]
        return min(fitting, key=lambda p: p.price) if fitting else None

    def _asked_of_one(self, intent: Intent, message: str, session: DialogueState, trace: Trace) -> Intent:
        """A search that asks about one item shown is a question about it: "is the pixel 8a 512gb white water
        resistant?" (the one shown that it names) or "is that the cheapest one you have?" after looking at one."""
        if intent.kind == "view_cart" and not intent.cart_action and session.cart and _OF_CART_LINE.search(message):
            lines = self._cart_lines(session)  # "is the one in my cart vegan?": about that line
            named = lines if len(lines) == 1 else self._named_lines(message, session)
            if len(named) == 1:  # pointed at past the list's end when not on it, so "the second one" stays the list's
                pid = named[0].product_id
                if pid not in session.shown:
                    session.shown.append(pid)
                    session.shown_prices.append(named[0].price)
                    session.last_candidates[pid] = Candidate(named[0], 0.0, ("in your cart",))
                at = session.shown.index(pid) + 1
                trace.validation.append(f"view_cart -> details of {named[0].title}: a question about that cart line")
                asked = Intent("details", references=(at,))
                trace.intent = {"kind": asked.kind, **asked.slots()}
                return asked
        if _PRICE_OF_IT.match(message) and session.shown and intent.kind not in ("details", "compare", "view_cart") \
                and not intent.cart_action:  # "price?": of the one looked at, else the first shown
            at = session.shown.index(session.focus) + 1 if session.focus in session.shown else 1
            trace.validation.append(f"{intent.kind} -> details of item {at}: its price asked")
            asked = Intent("details", references=(at,))
            trace.intent = {"kind": asked.kind, **asked.slots()}
            return asked
        if intent.kind not in SEARCH_KINDS or intent.cart_action:
            return intent
        if session.shown and (_FEATURE_OF_POSITION.match(message) or _ASKED_OF_IT.match(message)):
            refs = rules.parse_references(message, allow_bare_numbers=False)  # "battery life on the 1st"
            at = refs[0] if len(refs) == 1 and refs[0] <= len(session.shown) else None
            if at is None and not refs:  # "how big is it": the one looked at, else the first shown
                at = session.shown.index(session.focus) + 1 if session.focus in session.shown else 1
            if at is not None:
                trace.validation.append(f"{intent.kind} -> details of item {at}: a question about it")
                trace.not_carried, trace.category_evidence = False, None
                asked = Intent("details", references=(at,))
                trace.intent = {"kind": asked.kind, **asked.slots()}
                return asked
        # "no HP please, I have one before and it die after one year": the brand named is ruled out, not asked about
        at = asked_of_named(session, message, self.engine.vocab, self.engine.index.product) \
            if not (intent.exclude_brand or intent.exclude_brands) else None
        why = "the one shown that it names"
        if not at and asks_lowest(message) and session.focus in session.shown:
            at, why = session.shown.index(session.focus) + 1, "is it the cheapest of its kind"
        if not at:
            return intent
        trace.validation.append(f"{intent.kind} -> details of item {at}: {why}")
        asked = Intent("details", references=(at,))
        trace.intent = {"kind": asked.kind, **asked.slots()}
        return asked

    def _meant_instead(self, message: str, session: DialogueState) -> Candidate | None:
        """The item a correction right after an add names ("no wait I meant the black one", "not that one, the
        other bondi"): the one shown item, other than the one added, that has what the words name; else None."""
        if session.last_kind != "add_to_cart" or session.last_added not in session.cart or not _MEANT.search(message):
            return None
        shown = shown_products(session)
        places = rules.parse_references(message, allow_bare_numbers=False)
        if len(places) == 1 and 0 < places[0] <= len(shown):  # "no wait i meant the third one instead"
            pick = shown[places[0] - 1]
            return pick if pick.product.product_id != session.last_added else None
        said = named(message, self.engine.vocab)
        if not said:
            return None
        fitting = [c for c in shown if c.product.product_id != session.last_added and said.fits(c.product)]
        return fitting[0] if len(fitting) == 1 else None

    def _instead_of_last(self, session: DialogueState, pick: Candidate) -> tuple[list[Candidate], str]:
        """The item just added comes out, `pick` goes in, in the same quantity."""
        return self._replaced(session, session.last_added, pick, Intent("add_to_cart", references=(1,)))

    def _replaced(self, session: DialogueState, old_id: str, pick: Candidate,
                  add: Intent) -> tuple[list[Candidate], str]:
        """The cart line `old_id` comes out and `pick` goes in, in the same quantity (a swap, or a correction)."""
        old = self.engine.index.product(old_id)
        quantity = session.cart.pop(old_id)
        shown, text = cart.set_quantity(session, [pick], quantity, self.engine.index) if quantity > 1 else \
            cart_turn(add, session, [pick], self.engine.index, self.engine.currency)
        return shown, f"Took out {old.title if old else 'the item just added'}. {text}"

    def _named_instead(self, message: str, product: Product, session: DialogueState,
                       rare_words: bool = True) -> tuple[Named, Candidate | None]:
        """What the message names that the product picked lacks (empty when it names nothing, or the product has it
        all), and the one item of the lists shown that has it, if any."""
        said = named(self._without_size(message, product), self.engine.vocab, rare_words)
        if said.brands:  # "the brooks ghost ones": a model of the brand named, however common its word
            models = {w for b in said.brands for w in self._lines().model_words(b)}
            said = dataclasses.replace(said, models=tuple(dict.fromkeys(
                (*said.models, *(w for w in words(message) if w in models)))))
        if not said or said.fits(product):
            return Named(), None
        return said, recalled(said, session, self.engine.index.product)

    def _recalled(self, message: str, session: DialogueState) -> Candidate | None:
        """The one item of the lists shown that has all a message names ("the sony earbuds from the headphone
        list"); None when it names nothing, or no one item has it all."""
        said = named(message, self.engine.vocab)
        return recalled(said, session, self.engine.index.product) if said else None

    def _without_size(self, message: str, product: Product) -> str:
        """The message less a size it says ("add the first one size 32"), which names no price."""
        said = self.sizes.read(message, product.category) if product.size else None
        return message if said is None else message[:said.span[0]] + " " + message[said.span[1]:]

    def _other_size(self, message: str, product: Product) -> str | None:
        """The size an add asks for when the product it picks is listed in another ("size 32" of a W38), else
        None (a listing is one size of a product: adding it would put the wrong size in the cart)."""
        said = self.sizes.read(message, product.category) if product.size else None
        return said.value if said is not None and said.value.casefold() != product.size.casefold() else None

    def _cart_action(self, intent: Intent, session: DialogueState, pending: str | None,
                     message: str = "") -> tuple[list[Candidate], str]:
        """Checkout, emptying the cart (asked, then confirmed) and quantities (`assistant.cart_acts`)."""
        index = self.engine.index
        if intent.cart_action == "checkout":
            return cart.checkout_request(session, index, self.engine.currency)
        if intent.cart_action == "confirm_checkout" and pending == cart.CHECKOUT_ASKED:
            return cart.checkout(session, index, cart.new_order_id(), self.engine.currency)
        if intent.cart_action == "clear":
            return [], cart.clear_request(session, index, self.engine.currency)
        if intent.cart_action == "confirm_clear" and pending == "clear_cart":
            return [], cart.clear_confirmed(session)
        if intent.cart_action == "swap_last":
            return self._swap_last(intent, session)
        if intent.cart_action == "swap_line":
            return self._swap_line(intent, session, message)
        if intent.cart_action == "set_quantity" and intent.quantity:
            if intent.unresolved and not intent.references:
                return [], past_list_text(intent, session)
            targets = self._referenced(intent, session)
            lines = self._named_lines(intent.query, session) if intent.query and session.cart else []
            if len(lines) == 1 and targets and targets[0].product.product_id != lines[0].product_id:
                # "make the blue candle 2" with a white candle on screen: the cart line the words name
                targets = [Candidate(lines[0], 0.0, ("in your cart",))]
            if not targets and intent.query:  # "set the backpack quantity to 2": the cart line it names
                named = self._named_lines(intent.query, session)
                absent = "" if named else self._absent_line(intent.query, session)
                if absent:  # "the blanket should be 2" with no blanket in the cart: no other line changes
                    return cart.view_after(f"Your cart has no {absent}, so I haven't changed anything.",
                                           session, index, self.engine.currency)
                if len(named) > 1:
                    session.pending = f"{SET_TO}{intent.quantity}"  # "the first one" next answers it
                    return cart.which_line(session, index, f"Which one should be {intent.quantity}?", named)
                targets = [Candidate(p, 0.0, ("in your cart",)) for p in named]
            return cart.set_quantity(session, targets, intent.quantity, index)
        if intent.cart_action == DOUBLE:  # "double the monopoly": the line named, or the one just added
            named = self._named_lines(intent.query, session) if intent.query not in ("it", "that", "them") else \
                [p for p in self._cart_lines(session) if p.product_id == session.last_added]
            if len(named) != 1:
                return cart.which_line(session, index, "Which one should I double?", named or None,
                                       self.engine.currency) if named else \
                    cart.view_after(f"There's no {intent.query} in your cart, so I haven't changed anything.",
                                    session, index, self.engine.currency)
            twice = min(MAX_QUANTITY, 2 * session.cart[named[0].product_id])
            return cart.set_quantity(session, [Candidate(named[0], 0.0, ("in your cart",))], twice, index)
        if intent.cart_action == "one_less":
            lines = self._cart_lines(session)
            named = [lines[r - 1] for r in intent.references if 0 < r <= len(lines)] \
                or (self._named_lines(intent.query, session) if intent.query else [])
            if not named and intent.query and not _PRONOUN_ONLY.fullmatch(intent.query) and session.cart:
                # "remove one of the tees" with no tee in the cart: said, never another line taken instead
                return cart.view_after(f"I can't see {intent.query} in your cart, so I haven't changed anything.",
                                       session, index, self.engine.currency)
            return cart.take_one(session, named, index, self.engine.currency)
        return [], CART_KEPT

    def _cart_lines(self, session: DialogueState) -> list[Product]:
        return [p for p in (self.engine.index.product(pid) for pid in session.cart) if p is not None]

    def _named_lines(self, words_said: str, session: DialogueState) -> list[Product]:
        """The cart lines the words name ("the backpack", "the yoga mats"): one, several, or none."""
        lines = self._cart_lines(session)
        return [lines[i - 1] for i in title_word_hits(words_said, lines)]

    def _swap_last(self, intent: Intent, session: DialogueState) -> tuple[list[Candidate], str]:
        """"no wait, 5 not 3": one of the product just added comes out, the one meant goes in. A position
        past the list is said plainly and the cart stays as it is."""
        if intent.unresolved and not intent.references:
            return [], past_list_text(intent, session)
        targets = self._referenced(intent, session)
        last = session.last_added
        if not targets and len(session.shown) > 1:  # "swap to that then" over a list, none in focus: which?
            session.pending = f"{PICK}swap_last"
            return [], "Which one should it be instead? Say e.g. 'swap it for the first one'."
        if not targets or targets[0].product.product_id == last:
            return [], CART_KEPT
        if session.cart.get(last, 0) > 1:
            session.cart[last] -= 1
        else:
            session.cart.pop(last, None)
        old = self.engine.index.product(last)
        shown, text = cart_turn(dataclasses.replace(intent, cart_action=""), session, targets[:1],
                                self.engine.index, self.engine.currency)
        return shown, (f"Took out {old.title}. " if old is not None else "") + text

    def _swapped_lines(self, intent: Intent, session: DialogueState) -> list[Product]:
        """The cart lines a swap names for what comes out: by position, else by their words."""
        lines = self._cart_lines(session)
        if _MINE.fullmatch(intent.query.strip()):  # "swap mine for that navy one": the line just added, or the only one
            last = self.engine.index.product(session.last_added) if session.last_added in session.cart else None
            return [last] if last is not None else lines if len(lines) == 1 else []
        said = cart_references(intent.query, session)
        return [lines[r - 1] for r in said if 0 < r <= len(lines)] or self._named_lines(intent.query, session)

    def _swap_line(self, intent: Intent, session: DialogueState, message: str = "") -> tuple[list[Candidate], str]:
        """"swap the dunks for the converse": the cart line named comes out and the item picked on screen goes in,
        in the same quantity. A line not found, several found, or nothing on screen picked leaves the cart as it
        is and says why."""
        old = self._swapped_lines(intent, session)
        if len(old) != 1:
            return cart.which_line(session, self.engine.index, "Which item in your cart should I swap?",
                                   old or None, self.engine.currency) if old else \
                ([], f"I can't find {intent.query} in your cart, so I haven't changed it. Say 'cart' to see it.")
        targets = self._referenced(intent, session)
        coming = swapped_in(message)
        count = _SWAP_COUNT.match(coming)
        if count:  # "put back the uniqlo and get 2 nike instead": 2 of the Nike, not item 2
            coming = coming[count.end():]
        said = named(coming, self.engine.vocab) if coming else Named()
        if count:
            targets = [c for c in shown_products(session) if said.fits(c.product)][:1]
        if said and not said.kinds:  # "swap the parachute throw for the ikea beige one": a blanket, as the old is
            said = dataclasses.replace(said, kinds=tuple(sorted({singular(h) for h in
                                                                 self.engine.vocab.product_heads(old[0].title)})))
        if said and (not targets or not said.fits(targets[0].product)) \
                and not rules.parse_references(coming, allow_bare_numbers=False):
            # the words name another item than the one picked on screen: the first on screen that fits ("change the
            # lamp to the brown one" over brown lamps), else the one item of the lists shown before that fits
            on_screen = [c for c in shown_products(session) if said.fits(c.product)]
            recalled_pick = on_screen[0] if on_screen else recalled(said, session, self.engine.index.product)
            targets = [recalled_pick] if recalled_pick is not None else []
            if not targets:
                return [], (f"I can't find {said.said()} on the lists I showed, so I haven't changed your cart. "
                            "Search for it, then say 'swap it for the first one'.")
        if not targets:
            return [], (f"Which item should replace {old[0].title}? I haven't changed your cart: pick one from a "
                        "list, e.g. 'swap it for the second one'.")
        new = targets[0].product
        if new.product_id == old[0].product_id:
            return [], CART_KEPT
        wanted = _kind_named_after_for(message, self.engine.vocab)
        if wanted and not _names_kind(new.title, wanted):  # "swap it for the cheapest toaster" over kettles
            return [], (f"I haven't changed your cart: {new.title} is no {min(wanted)}. Search for one, then say "
                        "'swap it for the first one'.")
        if count:
            session.cart.pop(old[0].product_id, None)
            shown, text = cart.set_quantity(session, [targets[0]], count_of_word(count[1]), self.engine.index)
            return shown, f"Took out {old[0].title}. {text}"
        return self._replaced(session, old[0].product_id, targets[0], dataclasses.replace(intent, cart_action=""))

    def _search(self, intent: Intent, session: DialogueState, timed, trace: Trace,
                leave_out: tuple[str, ...] = (), step: SizeStep | None = None) -> list[Candidate]:
        shown_before = [p for p in session.shown_prices if p is not None]
        list_before = (session.shown, session.shown_prices, session.last_candidates)
        ceiling_before = session.max_price
        # "more": what this search showed on its earlier pages and on screen, none of which comes again
        listed = [*session.paged, *session.shown] if intent.kind == "more" else []
        # A thing the shop does not carry is said so, with the nearest items; the search the shopper was
        # on stays theirs ("do you have Allbirds?" -> "something similar in grey then" refines the sneakers)
        kept_search = search_slots(session) if trace.not_carried and session.searching() else None
        apply_intent(session, intent, self.config.assistant)
        added: list[str] = []
        if intent.kind == "refine":  # "which are sweatproof?", "one with more storage": what to look for too
            added = _product_words(rules.past_verdict(without_deeds(intent.query)), session, self.engine.vocab)
            if intent.size:  # "less storage, like 256?": the size read says it; no listing need say "storage"
                added = [w for w in added if w not in _SIZE_DIMENSIONS]
            if added:
                session.query = f"{session.query} {' '.join(added)}".strip()
                trace.validation.append(f"refine: search text + {' '.join(added)}")
        if intent.kind == "more":  # the next products after those seen
            session.offset = len(listed)
        session.focus = None
        session.compared, session.looked_at = [], []
        unstated = self.spec_coverage.unstated_in_search(session.query, session.category) \
            if intent.kind in ("search", "refine") and not trace.not_carried else None
        if unstated is not None:  # "laptop with 16gb ram": no laptop listing states RAM; the rest is searched
            session.query = unstated.rest
            trace.notices.append(unstated_search_notice(unstated, category_noun(session.category)))
        nearest = trace.category_evidence.get("nearest") if trace.not_carried and trace.category_evidence else None
        if trace.not_carried and not nearest and trace.category_evidence:
            nearest = _aisle_named(trace.category_evidence.get("aisle") or {})  # "hiking boots": running shoes
        if trace.not_carried and not nearest and kept_search and kept_search.get("category") \
                and _ALSO_THIS.search(intent.query):  # "and shuttlecocks, tube of 12" after rackets: beside them
            nearest = kept_search["category"]
        if nearest and not session.category:
            # "a big heavy pot for stews": the nearest items from the kitchen, and "a red one" next stays there
            session.category = nearest
            trace.validation.append(f"not carried: nearest items from {nearest}")
        filters = dataclasses.replace(filters_of(session), exclude_ids=leave_out)
        page = self.config.assistant.page_size
        want = session.offset + page
        from_profile = intent.kind == "recommend" and not session.query
        several = len({singular(h) for h in self.engine.vocab.product_heads(session.query)}) > 1
        # "a dutch oven and a chef's knife": each kind's own words describe it, no one item has them all
        described = [w for w in _described_by(session.query, session.category, self.engine.vocab)
                     if w not in session.exclude_terms] \
            if intent.kind == "search" and not from_profile and not trace.not_carried and not leave_out \
            and not several else []  # "stainless steel kettle, not plastic": plastic is ruled out, not asked for
        signals = self._session_signals(session)
        with timed("retrieve"):
            if from_profile:
                hits = self.engine.recommend_hits(session.user_id if session.personalize else None, filters,
                                                  self.config.retrieval.candidates)
                if signals:  # like what was just put in the cart or ordered, and not those products again
                    latest = signals[-1].product
                    hits = _merged(hits, self.engine.retrieve(f"{latest.brand} {latest.category}", filters,
                                                              self.config.retrieval.candidates))
                    hits = [h for h in hits if h.product.product_id not in {s.product.product_id for s in signals}]
            else:
                # a size is kept after retrieval, so more are fetched: one product in ten or so has it
                # an order asked for ("cheap phone") looks further down the relevance ranking
                hits = self.engine.retrieve(search_text(session), filters,
                                            max(self.config.retrieval.candidates, want)
                                            * (8 if session.size else 1) * (2 if session.gender else 1)
                                            * (4 if session.order or session.min_rating or described or step else 1))
                if _fitting(hits, session) < _FEW and intent.cheaper and intent.max_price is None \
                        and shown_before:  # few cheaper ones at all, or in the size asked for
                    hits, filters = self._cheaper_fallback(session, shown_before, ceiling_before, want, trace,
                                                           hits, filters)
        closest = "matches the rest of what you asked for; here are the closest matches."
        if session.child_age is not None:  # "she's turning 4": not the toys listed "ages 8 and up", where others fit
            age = session.child_age
            hits = _kept_where_any(hits, lambda p: fits_age(p, age), f"Nothing listed for a {age}-year-old {closest}",
                                   trace)
        if trace.ruled_out:  # "anything under 8 bucks that isnt a toy": from the other aisles, where any is
            ruled = set(trace.ruled_out)
            hits = _kept_where_any(hits, lambda p: p.category not in ruled,
                                   "Everything I found is from the aisle you ruled out; here are the closest matches.",
                                   trace)
        if session.gender:  # only what is cut for them (or unisex, or listed for no one), where any is
            gender = session.gender  # unmet: the list's header then does not say "for men" either
            hits = _kept_where_any(hits, lambda p: cut_for(p, gender), f"Nothing for {gender} {closest}", trace,
                                   unmet="gender")
        if session.exclude_terms:  # a hard filter where alternatives exist, else the best there is
            excluded = session.exclude_terms
            hits = _kept_where_any(hits, lambda p: not any(has_term(p, t) for t in excluded),
                                   f"Everything I found has {', '.join(excluded)}; showing the closest matches.", trace)
        if step is not None:  # "is there a bigger one?": listed bigger than the one looked at, where any is
            hits = _kept_where_any(hits, lambda p: step.keeps(p.size), f"Nothing {step.words} {closest}", trace)
        said_again: set[str] = set()
        # (a list asked for in an order, "the cheapest airpods", is in that order, not with the sayers first)
        asked = [] if intent.order else added or (
            _product_words(intent.query, session, self.engine.vocab, new_only=False)
            if intent.kind == "refine" and about_the_list(intent.query) else [])
        if asked:  # "which of these are waterproof?", "is any of them cashmere": those that say so, where any does
            hits, said_again = _saying(hits, asked, list_before[2], trace)
        if session.min_rating is not None:  # "rated at least 4 stars", where any is
            floor = session.min_rating
            hits = _kept_where_any(hits, lambda p: (p.rating or 0.0) >= floor,
                                   f"Nothing rated {floor:g} or more {closest}", trace)
        # The size asked for first, then the others (a listing is one size of a product, so a strict filter
        # leaves a list of one or two); none in that size, among what the other filters kept, is said.
        sized = {h.product.product_id for h in hits if fits(h.product.size, session.size)} if session.size else set()
        if session.size and hits and not sized:
            trace.notices.append(f"Nothing in size {session.size} matches the rest of what you asked for; "
                                 "here are other sizes.")
            trace.unmet.append("size")  # the list's header then does not say "size 8 first"
        ordered = bool(session.order) and not from_profile
        mixed = bool(session.brand and session.other_brands) and not ordered  # "samsung or google pixel phones"
        searched = intent.kind == "search" and not several and not trace.not_carried
        kinds = _kind_asked(session.query, session.category, self.engine.vocab) | self._sub_kinds(session) \
            if (intent.kind == "refine" or ordered or searched) and not described and not leave_out else set()
        with timed("rerank"):
            terms = tuple(t for t in (session.category, session.brand, session.color) if t)
            live = with_session(self.engine.profiles.get(session.user_id), session.user_id, signals) \
                if signals else None
            # reordered after ranking
            every = from_profile and signals or sized or ordered or mixed or described or said_again or kinds
            ranked = self.engine.rank(hits, session.user_id, session.personalize, len(hits) if every else want, terms,
                                      source="recommend" if from_profile else "search", profile=live)
            if from_profile and signals:
                latest = signals[-1].product
                related = {c.product.product_id for c in ranked
                           if c.product.category == latest.category or c.product.brand == latest.brand}
                ranked = blend_session(ranked, related, want)
        if ordered:
            # the gender filter holds "mens": "cheapest t shirts, mens" is not only the titles that say "Men's"
            cut = f"{session.gender} {session.gender}s" if session.gender else ""
            filtered = " ".join(w for w in (session.category, session.color, *session.other_colors, session.brand,
                                             *session.other_brands, cut) if w)
            ranked = in_order(ranked, session.order, session.query, filtered)
        if sized:
            ranked = sorted(ranked, key=lambda c: c.product.product_id not in sized)  # stable: in rank order
            if intent.size and _INSISTS.search(intent.query or ""):  # "they have to be size 8!!": that size only
                ranked = [c for c in ranked if c.product.product_id in sized]
        if said_again:  # the question was about those on screen
            ranked = sorted(ranked, key=lambda c: c.product.product_id not in said_again)
        if mixed:  # each brand asked for in turn, in rank order: "pixel" in the words must not fill the page
            ranked = _taking_turns(ranked, lambda c: c.product.brand)
        ranked = sorted(ranked, key=lambda c: not c.product.in_stock)  # what can be ordered first, in rank order
        if described:  # "mens fleece jacket": the fleece ones first (in stock first among them); a page padded
            # with other kinds says so
            ranked = sorted(ranked, key=lambda c: not all(mentions(c.product, w) for w in described))
            page_of = ranked[session.offset:want]
            said = sum(all(mentions(c.product, w) for w in described) for c in page_of)
            if 0 < said < len(page_of):
                trace.notices.append(f"Only {said} of these {'says' if said == 1 else 'say'} "
                                     f"{' and '.join(described)}; the rest are the closest other "
                                     f"{category_noun(session.category)}.")
            elif page_of and not said and (unsaid := [w for w in described
                                                      if not any(mentions(c.product, w) for c in page_of)]):
                # only the words no item says: "leather" is on every strap even if none says "classic"
                trace.notices.append(f"None of the {category_noun(session.category)} I found says "
                                     f"{' and '.join(unsaid)}; here are the closest.")
        if sized:  # a page filled out with other sizes says so, so none of them is taken for the size asked
            fit = sum(c.product.product_id in sized for c in ranked[session.offset:want])
            if 0 < fit < len(ranked[session.offset:want]):
                trace.notices.append(f"Only {fit} of these {'is' if fit == 1 else 'are'} in size {session.size}; "
                                     "the others are other sizes.")
            elif not fit and ranked[session.offset:want]:  # "womens skinny jeans w28": no skinny one in W28
                trace.notices.append(f"None of these is in size {session.size}: nothing in that size matches the "
                                     "rest of what you asked for.")
                trace.unmet.append("size")
        only_kind = None
        if kinds:  # "is there one thats not from ikea?" about throw blankets: blankets first, or none said plainly
            ranked = sorted(ranked, key=lambda c: not _names_kind(c.product.title, kinds))
            page_of = ranked[session.offset:want]
            named_kind = sum(_names_kind(c.product.title, kinds) for c in page_of)
            if 0 < named_kind < len(page_of) and len(kinds) == 1:
                # "show me white toasters" with one white toaster, "in red" over kettles with two red kettles: the
                # page filled out with other kinds says so; the one toaster is what "add it" next means
                kind = min(kinds)
                only_kind = next(c.product.product_id for c in page_of if _names_kind(c.product.title, kinds)) \
                    if named_kind == 1 else None
                trace.notices.append(f"Only {named_kind} of these "
                                     + (f"is a {kind}" if named_kind == 1 else f"are {_plural(kind)}")
                                     + f"; the rest are the closest other {category_noun(session.category)}.")
            elif intent.kind != "search" and page_of and not named_kind:  # a search with none says not carried
                kind = min(kinds)
                over = self._cheapest_over_budget(session, filters, kinds) if session.max_price is not None else None
                budget = f" under {format_price(session.max_price, self.engine.currency)}" if over else ""
                trace.notices.append(f"I found no {kind}{budget} that fits all of that"
                                     + (f" (the cheapest that fits the rest is {over.title}, "
                                        f"{format_price(over.price, self.engine.currency)})" if over else "")
                                     + f"; here are the closest {category_noun(session.category)}.")
        if intent.cheaper and intent.max_price is None and session.max_price != ceiling_before:
            session.stepped_ceiling = [session.max_price, ceiling_before]
        if intent.kind == "more":  # "show more" is the next page, numbered from 1: "the 2nd" is its 2nd
            seen = set(listed)
            shown = [c for c in ranked if c.product.product_id not in seen][:page]
            if not shown and self._lift_stepped_ceiling(session, trace):
                order, session.order = session.order, "price"  # the next cheapest, above what was seen
                try:
                    return self._search(intent, session, timed, trace, leave_out, step)
                finally:
                    session.order = order
        else:
            shown = ranked[session.offset:want]
        if shown or intent.kind not in ("refine", "more"):
            session.paged = listed
            session.shown = [c.product.product_id for c in shown]
            session.shown_prices = [c.product.price for c in shown]
            session.last_candidates = {c.product.product_id: c for c in shown}
            remember(session, [*listed, *session.shown], extends=intent.kind == "more")
        else:  # "any pink?" or "more" found nothing: "cart the 1st" still means the list on the screen
            session.shown, session.shown_prices, session.last_candidates = list_before
        if only_kind is not None and only_kind in session.shown:
            session.focus = only_kind
        trace.filters = filters.to_dict()
        trace.retrieved = len(hits)
        if kept_search is not None:
            restore_search(session, kept_search)
        elif trace.not_carried:
            if len({c.product.category for c in shown}) > 1:
                # "do u sell bikes?" first, answered from several aisles: its words are no search that a later
                # "womens, size M" narrows (the nearest aisle, when one was read, stays what it narrows)
                session.query = ""
        return shown

    def _cheaper_fallback(self, session: DialogueState, shown: list[float], ceiling_before: float | None,
                          want: int, trace: Trace, found: list[Hit], found_filters: Filters
                          ) -> tuple[list[Hit], Filters]:
        """"Cheaper" found fewer than a few matches under its usual ceiling (a fifth below the median shown):
        first anything under the median, while that finds more; then, with one item or none, anything under the
        dearest shown; failing all, the same search at its old ceiling, cheapest first, with a notice. A shopper
        who asks for cheaper is never left with an empty screen, or a single item, while cheaper ones match, nor
        with two when more match under the median."""
        k = max(self.config.retrieval.candidates, want) * (8 if session.size else 1)
        best = (found, found_filters, session.max_price)
        for ceiling, cheapest_first in ((statistics.median(shown) - 0.01, False), (max(shown) - 0.01, True)):
            if cheapest_first and _fitting(best[0], session) >= _FEWEST:
                break  # two under the median are cheaper; the dearest shown would bring back dearer ones
            session.max_price = round(min(ceiling, ceiling_before) if ceiling_before else ceiling, 2)
            filters = filters_of(session)
            hits = self.engine.retrieve(search_text(session), filters, k)
            if cheapest_first:  # under the dearest shown: the cheapest of them (in the size asked for first)
                hits = sorted(hits, key=lambda h: (not fits(h.product.size, session.size) if session.size else False,
                                                   _price_of(h)))[:want]
            if (_fitting(hits, session), len(hits)) > (_fitting(best[0], session), len(best[0])):
                best = (hits, filters, session.max_price)
            if _fitting(best[0], session) >= _FEW:
                break
        if best[0]:
            session.max_price = best[2]
            return best[0], best[1]
        session.max_price = ceiling_before
        filters = filters_of(session)
        hits = sorted(self.engine.retrieve(search_text(session), filters, k), key=_price_of)[:want]
        if hits:
            trace.notices.append("Nothing cheaper matches what you asked for; here are the lowest-priced matches.")
        return hits, filters

    def _lift_stepped_ceiling(self, session: DialogueState, trace: Trace) -> bool:
        """"You have more?" after "cheaper" showed all there is under the ceiling that step chose: the step is
        lifted back to the ceiling before it, with a notice, so the next cheapest above it can be shown. A ceiling
        the shopper said stays a hard limit."""
        stepped = session.stepped_ceiling
        if not stepped or session.max_price is None or stepped[0] != session.max_price:
            return False
        trace.notices.append(f"That's all up to {format_price(session.max_price, self.engine.currency)}; "
                             "here are the next cheapest.")
        session.max_price, session.stepped_ceiling = stepped[1], None
        return True

    def _session_signals(self, session: DialogueState) -> list[SessionSignal]:
        """What a known, personalising shopper did in this session: the cart's lines, then the last order's."""
        if not (session.user_id and session.personalize):
            return []
        out = [SessionSignal(p, "cart", q) for p, q in ((self.product(pid), q) for pid, q in session.cart.items())
               if p is not None]
        for line in (session.last_order or {}).get("lines", []):
            product = self.product(line["product_id"])
            if product is not None:
                out.append(SessionSignal(product, "purchase", int(line["quantity"])))
        return out

    def _cart_targets(self, intent: Intent, session: DialogueState) -> list[Candidate]:
        """The cart lines a removal means: its positions (said, or the line whose title the message names,
        read in `_parse`: "take the kettle out"). Emptying the whole cart is a cart action (`cart_acts`),
        asked before it is done."""
        lines = [p for p in (self.engine.index.product(pid) for pid in session.cart) if p is not None]
        chosen = [lines[r - 1] for r in intent.references if 0 < r <= len(lines)]
        return [Candidate(p, 0.0, ("in your cart",)) for p in chosen]

    def _absent_colour(self, message: str, session: DialogueState) -> str:
        """"black one" when a removal names a colour no cart line has ("delete the black one please" with three white
        tees in the cart), else "": no other line is taken out instead."""
        lines = [p for p in (self.engine.index.product(pid) for pid in session.cart) if p is not None]
        colours = self.engine.vocab.mentioned_colors(message)
        if not lines or len(colours) != 1:
            return ""
        colour = colours[0].casefold()
        held = any(colour == (p.color or "").casefold() or colour in words(p.title) for p in lines)
        return "" if held else f"{colours[0]} one"

    def _absent_line(self, message: str, session: DialogueState) -> str:
        """The kind of product a removal names that no cart line is ("remove the jacket" with only shoes in
        the cart), else "": asking "which one?" there would suggest the jacket is somewhere in it."""
        vocab = self.engine.vocab
        lines = [p for p in (self.engine.index.product(pid) for pid in session.cart) if p is not None]
        if not lines:
            return ""
        held = {singular(w) for p in lines for w in words(f"{p.title} {p.category}")}
        message = rules.CART_WORD.sub(" ", message)  # "from my bag": the cart, no product
        for word in words(message):
            named = vocab.names_kind(word) or word in vocab.categories or word in vocab.line_brands
            brand = word in vocab.brands and re.search(rf"\bthe\s+{re.escape(word)}\b", message, re.I)  # "the nike"
            if (named and word not in vocab.brands or brand) and singular(word) not in held \
                    and not KIND_FAMILY.get(singular(word), set()) & held \
                    and not any(singular(w) in held for w in words(vocab.categories.get(word, ""))):
                return vocab.brands[word] if brand else word
        return ""

    def _referenced(self, intent: Intent, session: DialogueState) -> list[Candidate]:
        """Candidates for the (already validated) 1-based references of the intent."""
        shown = shown_products(session)
        return [shown[r - 1] for r in intent.references if 0 < r <= len(shown)]


# A question asked of what is on screen: "whats the battery life", "how long does it last?", "is there a lighter one".
_ASKS_OF_LIST = re.compile(r"^\W*(?:(?:and|so|ok|okay|hmm+|but|wait|oh|um+)\W+)*(?:what(?:'?s| is| are)?|whats|which|"
                           r"how|does|do|is|are|can)\b(?!\s+(?:about|there|you|u|else|other)\b)", re.I)
# A size said as a remark, not a condition: "size 7 if it matters", "size 8 but whatever".
_SIZE_LOOSE = re.compile(r"\b(?:if (?:it|that|size) (?:matters|helps|makes a difference)|not that it matters|"
                         r"(?:doesn'?t|does not|don'?t) (?:really )?matter|whatever|either way|"
                         r"if (?:you )?need(?:ed)? (?:it|to know))\b", re.I)
# Words for a cart line that name no thing: "remove one of them", "one less of it".
_PRONOUN_ONLY = re.compile(r"\W*(?:it|that|this|them|those|these|that one|this one|one|ones)?\W*", re.I)
# The shopper's own item, in the cart: "mine", "my one", "the one i have".
_MINE = re.compile(r"(?:mine|my one|my pair|the one i (?:have|added|got)|the one in (?:my|the) (?:cart|basket))", re.I)
# A count said with what comes in: "get 2 nike instead".
_SWAP_COUNT = re.compile(r"^\s*(\d{1,2}|two|three|four|five|six)\s+(?=[a-z])", re.I)
# A yes to the item just named, with the verb: "yep that one, add", "ok add it then", "yes i'll take it".
_YES_ADD = re.compile(r"^\W*(?:(?:yes|yep|yeah|yup|ok|okay|sure|great|perfect|cool)\W+)*(?:(?:that|this) one\W+)?"
                      r"(?:add(?:\s+(?:it|that|that one))?|i'?ll take it|take it|buy it|get it)"
                      r"(?:\s+(?:then|pls|please|thanks|thx))*\W*$", re.I)
# What follows a removal's own words: "remove the moisturiser, i have one at home" (the home is no cart line).
_OWN_CLAUSE = re.compile(r"\s*(?:[,;.!?]|\s-\s|\b(?:i|we)\s+(?:have|got|already|own)\b|\bcause\b|\bbecause\b|"
                         r"\bsince\b).*$", re.I | re.S)
# A removal on a condition about the cart: "remove the airpods if i added them", "take out the case if it's in there".
_IF_ADDED = re.compile(r"\bif\s+(?:i|you|u|we)\s+(?:already\s+)?(?:added|put|have|got)\b|\bif\s+(?:it'?s|they'?re|"
                       r"its|theyre)\s+(?:in\s+)?(?:there|in)\b", re.I)
# A pick said last, after remarks: "... ok i take the blue", "... so i'll take the first one".
_PICK_SAID_LAST = re.compile(r"^\W*(?:(?:ok|okay|so|then|fine|alright|right)\W+)*(?:i'?ll take|i take|i'?ll have|"
                             r"i'?ll get|add)\s+(?:the|this|that|it)\b", re.I)  # not "i want the cheapest jacket"


# The dearer or the cheaper of the lines a removal names: "drop the more expensive jacket".
_BY_PRICE = re.compile(r"\b(?:(?P<up>more expensive|pricier|priciest|dearer|dearest|most expensive)|"
                       r"(?P<down>cheaper|cheapest|less expensive|least expensive))\b", re.I)
# An item picked by its price or rating: "the cheapest one", "the best rated".
_PICKED_BY_WORD = re.compile(r"\bthe\s+(?:cheapest|cheaper|priciest|pricier|most expensive|least expensive|"
                             r"best[- ]rated|top[- ]rated|highest[- ]rated)\b", re.I)


def _only_small_talk(message: str) -> bool:
    """Whether the whole message is greetings, thanks or goodbyes (`rules.SMALLTALK`), in whichever language:
    "merci, au revoir"."""
    if len(message) > 40:
        return False
    rest, said = message, False
    while rest and (m := rules.SMALLTALK.match(rest)) and m.end():
        rest, said = rest[m.end():].lstrip(" !.?,~:)(-"), True
    return said and not rest


def _decided_last(message: str) -> str | None:
    """The last sentence of several when it picks an item: the remarks before it ask for nothing."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", message.strip()) if s.strip()]
    if len(sentences) < 2 or not _PICK_SAID_LAST.match(sentences[-1]):
        return None
    if not rules.parse_references(sentences[-1], allow_bare_numbers=True) \
            and re.search(r"\b(?:it|that|them|this)\b", sentences[-1], re.I) \
            and any(rules.parse_references(s, allow_bare_numbers=False) or _PICKED_BY_WORD.search(s)
                    for s in sentences[:-1]):
        # "I would like the second one please. Add it to the basket.", "the cheapest one. add it": "it" is the one
        # said before
        return None
    return sentences[-1]


# A question about an item in the cart: "is the one in my cart vegan?", "does the kettle in my basket have a
# warranty?" (not "what's in my cart?").
_OF_CART_LINE = re.compile(r"^\W*(?:(?:and|so|ok|okay|hmm+|wait|quick question)\W+)*(?:is|does|has|will|can|are|do|"
                           r"did|would|how\s+\w+\s+is)\s+(?:the|that|this|my)\s+[\w' -]{1,40}?\s+(?:in|from)\s+"
                           r"(?:my|the)\s+(?:cart|basket|bag|trolley)\b\s+\w+", re.I)
# The price asked in a word or two: "price?", "how much?", "cost?" (of the item looked at, or the first shown).
_PRICE_OF_IT = re.compile(r"^\W*(?:(?:and|so|ok|okay|um+|hmm+|the)\W+)*(?:price|prices|cost|how much|how much is it|"
                          r"how much for (?:it|that)|what(?:'?s| is) (?:the|its) (?:price|cost))(?:\s+(?:pls|please))?"
                          r"\W*$", re.I)
# A feature asked of a place on the list: "battery life on the 1st", "whats the material of the second one?".
_FEATURE_OF_POSITION = re.compile(r"^\W*(?:(?:and|so|ok|okay|hmm+|what about|what'?s|whats|how'?s|hows|how is|"
                                  r"what is)\W+)*(?:the\s+)?[a-z][\w' -]{1,30}?\s+(?:on|of|for|about|with)\s+"
                                  r"(?:the\s+|that\s+)?(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th|"
                                  r"#\d|number \d)(?:\s+one)?\s*\??\s*$", re.I)
# A question about "it" asked in words no product is named by: "how big is it", "what size is that one?".
_ASKED_OF_IT = re.compile(r"^\W*(?:(?:and|so|ok|okay|hmm+|but)\W+)*(?:how\s+(?:big|large|heavy|light|long|tall|wide|"
                          r"small|loud|warm|durable|comfy|comfortable|old|sturdy)|what\s+size|how much does it weigh|"
                          r"what(?:'s| is)\s+(?:it|that|this)\s+made\s+(?:of|from))\b[^.?!]*?"
                          r"\b(?:it|that|this|that one|this one)\b\s*\??\s*$", re.I)
# Asked of the list on screen in a few words: "rtx 4060?", "slim fit ones", "lighter wash instead".
_ASKED_OF_LIST = re.compile(r"\?\s*$|\b(?:ones?|instead)\W*$", re.I)
# A message that ends asking about an item: "... is it safe for a newborn baby?", "Will it fit a double bed, and
# can I put it in the washing machine?", "is the Nivea gold one free of perfume?".
_ENDS_ASKING = re.compile(r"(?:^|[.!?;]\s*|,\s*)(?:(?:and|so|but|ok|okay|oh|also|then)\W+)*"
                          r"(?:is|are|does|do|will|would|can|could|has|have|did|how|what|which)\s+[^.!?]*\?\s*$", re.I)
# An add said in words: "add it", "put that in my basket", "I'll take it", "I'll have the blue one".
_ADD_SAID = re.compile(r"\b(?:add|put|pop|stick|chuck|basket|cart|trolley|i'?ll\s+(?:take|have|get|buy|go)|"
                       r"i\s+(?:take|buy)|buy|order|get\s+me|go\s+(?:with|for)|"
                       r"can\s+(?:i|we)\s+(?:get|have)\s+(?:the|that|this|number|#|\d)|"  # "can I get the second one?"
                       r"want\s+(?:it|that|this|the\s+\w+\s+one))\b", re.I)
# ... and words that look like one but are not: "I don't want a cleanser", "can I put it in the washing machine?".
_NOT_AN_ADD = re.compile(r"\b(?:don'?t|do not|didn'?t|did not|not|never)\s+(?:\w+\s+){0,3}?(?:add|put|want|buy)\b"
                         r"[^.!?,]*|\bput\s+(?:it|them|this|that)\s+in(?:to)?\s+(?:the\s+|a\s+)?(?:washing machine|"
                         r"wash|washer|dishwasher|dryer|tumble dryer|oven|microwave|freezer|fridge)\b", re.I)
# A question whether an item can be used so: "can i put the first one in the dishwasher", "can i take the samsung
# swimming with it?", "is it ok to tumble dry the 2nd": never an add, unless it names the cart as where it goes.
_USE_ASKED = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay|oh|also|wait|hmm|quick q(?:uestion)?)\W+)*"
    r"(?:(?:can|could|may|should|do|does|will|would)\s+(?:i|we|he|she|they|you|u|one|it)\s+|"
    r"is it (?:ok|okay|safe|fine|alright) to\s+)"
    r"(?:(?:put|pop|stick|throw|take|bring)\s+[^.!?]*?\b(?:in|into|on|through|swimming|diving|hiking|running|"
    r"camping|snorkell?ing|surfing|skiing)\b|"
    r"(?:use|wash|machine wash|hand wash|wear|microwave|iron|tumble dry|dry clean|swim|shower|dive|go swimming)\b)",
    re.I)
# A question about "it": "is it waterproof?", "oh and remind me, does it have a hood?", "will that fit a double bed?".
_IT_QUESTION = re.compile(r"(?:^|[.!?,;]\s*)(?:(?:oh|and|so|ok|okay|also|but|remind me|sorry)\W+)*"
                          r"(?:is|does|will|can|has|would|could|did)\s+(?:it|that|this)\b[^.!?]*\?", re.I)
# ... unless it asks about the shop, not the item: "will it get here before saturday?", "can I return it?".
_SHOP_MATTERS = re.compile(r"\b(?:deliver\w*|ship\w*|arriv\w*|get (?:here|there|to (?:me|us))|dispatch\w*|"
                           r"post(?:ed|age)?|return\w*|refund\w*|exchange\w*|pay\w*|discount\w*|coupon|voucher|"
                           r"gift ?wrap\w*)\b", re.I)
_WHY_ASKED = re.compile(r"\bwhy\b|\breasons?\b|\bexplain\b|\bhow come\b|\bhow did you (?:pick|choose)\b", re.I)
# A kind of product ruled out: "forget laptops", "not a laptop lol", "no more headphones", "anything but watches".
_NOT_THIS_KIND = re.compile(r"\b(?:not|no|forget(?:\s+about)?|nothing|never\s*mind|don'?t\s+want|anything\s+but|"
                            r"(?:that|which)\s+(?:isn'?t|is\s+not|aren'?t|are\s+not)|isnt|arent|"
                            r"other\s+than|instead\s+of|skip)\s+(?:a|an|the|any|more|those|these)?\s*"
                            r"(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.I)
# A question after an add, naming no item: "tell me if im under 100", "whats the total", "am i over budget?".
_ASKS_NOT_NAMES = re.compile(r"\b(?:tell me|let me know|if i'?m|if im|am i|how much|what'?s|whats|total|budget)\b",
                             re.I)
_ABOUT_SPEND = re.compile(r"\b(?:total|under|over|budget|how much|spent|spend|cost me)\b", re.I)
# A pick said as "that one": "ok that one then", "this one please", "alright, that one it is" (not "that one?").
_THAT_ONE = re.compile(r"^\W*(?:(?:ok(?:ay)?|alright|right|fine|great|cool|perfect|yes|yeah|yep|hmm+|then|so)\W+)*"
                       r"(?:that|this)\s+one(?:\s+(?:then|it is|please|pls|plz|thanks|thx|for me|looks good))*[\s.!]*$",
                       re.I)
# A correction of the item just added: "no wait I meant the black one", "not that one, the other bondi", "sorry, the
# green one, she likes green".
_MEANT = re.compile(r"\b(?:i\s+)?meant\s+the\b|\bnot\s+(?:that|this)\s+one\W+(?:the|i\s+want\s+the)\b|"
                    r"^\W*(?:no+|nope|sorry|oops|wait)\W+(?:(?:no|wait|sorry)\W+)*the\s+\w+(?:\s+\w+)?\s+one\b", re.I)
_INSTEAD = re.compile(r"\binstead\b|\brather\s+than\b|\bin\s+(?:its|their)\s+place\b", re.I)
# An add of one item by what it is: "add the purple 6.99 one", "ok i'll take the 100ml one".
_ADDS_THE_ONE = re.compile(r"^\W*(?:(?:ok|okay|and|also|then|so|yes|yeah|great)\W+)*(?:add|put|i'?ll take|i take|"
                           r"take|buy|get me|grab)\s+(?:the|that)\s+|"
                           r"^\W*(?:the|that)\s+[^.?!]{3,60}?[,.;]\s*(?:pls\s+|please\s+)?(?:add|put)\s+(?:it|that|this)\b",
                           re.I)  # "the JBL black for 52, add it"
# Words naming what a size measures: with a size read, they are no words for a listing to say.
_SIZE_DIMENSIONS = frozenset("storage memory capacity size sizes waist length volume".split())
# "something in a soft pink, if you have it", "any in a darker blue?": a colour for the products on screen, whatever
# one word before it says of the shade.
_IN_A_COLOUR = re.compile(r"^\W*(?:(?:and|or|ok|okay|maybe|perhaps|hmm+)\W+)?(?:something|anything|one|any|ones?)\s+"
                          r"in\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+)?[a-z]+(?:\s+colou?r)?\s*(?:[,.?!]|$)", re.I)
# A goodbye mid-conversation is answered as one, not with "anything else?".
_FAREWELL = re.compile(r"\b(?:bye+|goodbye|see (?:ya|you)|cya|laters|ttyl|take care|that'?s (?:all|it|me(?: done)?)|"
                       r"that'?ll do (?:me|us) for (?:today|now|the day|tonight)|"
                       r"that is (?:all|it)|(?:i'?m|im|all) done|ta-?ra|cheerio|toodle-?oo|"
                       rf"{rules.GOODBYES_ABROAD}|"
                       r"have a (?:good|great|nice|lovely|wonderful|fab) (?:one|day|weekend|evening|night|week))\b",
                       re.I)
_JUST_BROWSING = re.compile(r"\bjust (?:browsing|looking)\b", re.I)  # a closing said on arrival, no goodbye
FAREWELL = "Thanks for shopping with us. Bye!"
GIFT_IDEAS = "I can't find gift cards in this shop; here are gift ideas instead."
# Gift ideas for someone the shopper said nothing about: what would narrow them.
ASK_INTERESTS = "Tell me what they're into (cooking, running, music, gaming...) and I'll narrow these down."
# "do you have belts?", "do u sell gift wrap", "you guys do sunglasses?": a thing asked for by name.
_HAVE_THING = re.compile(r"\b(?:do|does)\s+(?:you|u|ya)\s+(?:guys\s+)?(?:have|sell|stock|carry|do)\s+(?:any\s+)?"
                         r"([a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?)\s*(?:[?.!,;]|$)", re.I)


# "... gonna need a case for it do you have phone cases": whether the shop sells a thing, asked after the use
_ASKS_HAVE = re.compile(r"\b(?:(?:do|does)\s+(?:you|u|ya)|(?:have|got)\s+(?:you|u))\s+(?:also\s+|even\s+)?"
                        r"(?:have|sell|stock|carry|got)\s+(?:any\s+)?(?!(?:them|these|those|it|this|that|one|ones|"
                        r"anything|any|in|with|for|something|the same)\b)[a-z]", re.I)


def _unlisted_thing(message: str, vocab: CatalogVocab) -> str | None:
    """The thing a shop question asks for when no title of the catalog names it, nor anything like it
    ("do you have belts?" where only dresses are "belted"); None when the question is about what is shown
    ("do you have these in brown?") or names what the shop lists."""
    said = _HAVE_THING.search(message)
    if not said:
        return None
    head = words(said[1])[-1]
    if head in _NOT_A_THING_ASKED or head in vocab.colors or head in vocab.brand_words or len(head) < 3 \
            or head in vocab.title_words or singular(head) in vocab.title_words or head in vocab.categories \
            or zipf(head) >= PRODUCT_WORD_ZIPF + 1:
        return None
    return said[1]


_NOT_A_THING_ASKED = frozenset("these those them it this that they one ones any anything something more others "
                               "other stock size sizes".split())
# "and one for my sister to run in", "also for my niece, the little one": the next thing is for another person
# (independent writers labelled all 13 such turns of the development half a new search, those naming no list item).
_FOR_ANOTHER = re.compile(r"^\W*(?:and|also|now|plus|ok|okay|oh|right)\b[^.?!]{0,40}?\bfor\s+"
                          r"(?:my|his|her|our|the|their)\s+(?:\w+[\s-]+){0,2}?(?:son|daughter|sister|brother|mum|"
                          r"mom|mother|(?:yrs?|years?)[\s-]old|yo|y/o|teen|teenager|"
                          r"dad|father|wife|husband|niece|"
                          r"nephew|nan|gran|grandma|grandpa|grandad|friend|girlfriend|boyfriend|partner|kids?|boss|"
                          r"teacher|aunt|uncle|cousin|neighbou?r|colleague|baby|little one|youngest|eldest|in-laws|"
                          # a wedding's party: "and for the best man something a bit nicer"
                          r"best man|groom|groomsm[ae]n|bride|bridesmaids?|maid of honou?r|flower girl|page ?boy|"
                          r"granddaughter|grandson|(?:mother|father|sister|brother)[- ]in[- ]law)\b",
                          re.I)
# A message that only rules words out: "no russell hobbs", "not delonghi please", "nothing from smeg".
_RULED_OUT_ONLY = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|but|hmm+|also|oh)\W+)*(?:no|not|nothing\s+(?:from|by)|without|"
                             r"anything\s+but)\s+(?P<what>[a-z][\w'&-]*(?:\s+[a-z][\w'&-]*){0,2}?)"
                             r"(?:\s+(?:please|pls|thanks|thx|either|again|then|ones?))*\W*$", re.I)
# "gift for my mum, she's always cold": a present for a person, the thing left to the shop.
_GIFT_FOR_PERSON = re.compile(r"^\W*(?:(?:hi|hello|hey|ok|so|need|i need|looking for|i'?m looking for)\W+)*(?:a\s+)?"
                              r"(?:gift|present|pressie)s?\s+for\s+(?:my|our|his|her|a|an)\s+[\w-]+(?:\s+[\w-]+)?"
                              r"\s*(?:[,.;!?]|$)", re.I)
# Ideas asked for a person, no thing named: "something for my dad, ...", "what about for her brother".
_FOR_SOMEONE_ONLY = re.compile(r"^\W*(?:(?:and|ok|okay|so|hmm+)\W+)?(?:(?:anything|something|smth)\s+for|"
                               r"what about for|how about for)\s+(?:my|our|his|her|him|the|a)\b", re.I)
# How close a thing's name must be to an aisle's name for that aisle to hold its nearest items: "hiking boots" is
# 0.49 from "running shoes" (its matches by words are hiking backpacks), "golf clubs" 0.43 from "sports".
NEAREST_AISLE = 0.45


# How a request after thanks starts: a question, a search word, a cart verb ("anything cheaper?", "whats the
# cheapest one", "show me black ones", "add the 2nd").
def _aisle_named(similarity: dict[str, float]) -> str | None:
    """The aisle whose name is nearest a thing the shop does not carry, when clearly near."""
    best = max(similarity, key=similarity.get, default=None)
    return best if best is not None and similarity[best] >= NEAREST_AISLE else None


# "why are these at the top?", "why do they come first": the items on top together, not the first one.
_THESE_FIRST = re.compile(r"\bwhy\s+(?:are|were|do|did)\s+(?:these|those|they|them)(?:\s+(?:ones|two|three))?\b", re.I)
# A thing asked for beside the search on screen: "and shuttlecocks", "also a case for it", "plus socks too".
_ALSO_THIS = re.compile(r"^\W*(?:and|also|plus)\b|\b(?:too|as well)\W*$", re.I)
# "clear everything", "wipe it all": more than the search, so emptying the cart is asked too.
_EVERYTHING = re.compile(r"\b(?:everything|all of it|it all|the lot|cart|basket)\b", re.I)
START_OVER = "OK, starting over: your search is cleared (your cart is kept). What are you looking for?"


def _saying(hits: list[Hit], asked: list[str], shown: dict[str, Candidate], trace: Trace) -> tuple[list[Hit], set[str]]:
    """The hits whose listings say every word a refinement asks for ("which of these are waterproof?"), where any
    does, and which of them were on screen (the question was about those, so they go first); when none on screen
    said it, the reply says so before the ones that do."""
    said = " and ".join(asked)
    kept = _kept_where_any(hits, lambda p: all(mentions(p, w) for w in asked),
                           f"Nothing I found says {said}; here are the closest matches.", trace)
    if not kept or kept is hits or not shown:
        return kept, set()
    again = {h.product.product_id for h in kept if h.product.product_id in shown}
    if not again and not any(all(mentions(c.product, w) for w in asked) for c in shown.values()):
        trace.notices.append(f"None of the ones shown says {said}; these do.")
    elif again:  # "which of them are water resistant": how many of those asked about do, named first
        trace.notices.append(f"{len(again)} of the {len(shown)} shown {'says' if len(again) == 1 else 'say'} {said}; "
                             f"{'it is' if len(again) == 1 else 'they are'} first.")
    return kept, again


def _plural(noun: str) -> str:
    return f"{noun}es" if noun.endswith(("s", "x", "ch", "sh")) else f"{noun}s"


def _other_size_added(added: list[Candidate], session: DialogueState) -> list[str]:
    """A note for each item put in the cart whose size is not the one the search asked for (of the same aisle)."""
    return [f"Note: {c.product.title} is listed in size {c.product.size}, not the {session.size} you asked for."
            for c in added if c.product.category == session.category and c.product.size
            and not fits(c.product.size, session.size) and c.product.product_id in session.cart]


# A count said alone, or after a yes: "yes that, 2 please", "3 of them", "2x pls", "ok two".
# The next of a run of adds, said without the verb: "and the cheapest basket" after "add the cheapest lamp".
_AND_THE_NEXT = re.compile(r"^\W*(?:and|also|plus|then|\+)\s+(?=(?:the\s+)?(?:cheapest|best|highest|top)\b)", re.I)
_COUNT_ALONE = re.compile(r"\W*(?:(?:yes|yeah|yep|yup|ok|okay|sure|great|perfect|lovely)\W+)?"
                          r"(?:(?:that|that one|this one|this|it)\W+)?(?P<n>\d{1,2}|two|three|four|five|six)"
                          r"(?:\s*x|\s+of\s+(?:it|them|those|that)|\s+(?:please|pls|plz|thanks|thx))*\W*", re.I)
# A pick kept to the list on screen: "the cheapest of these", "the cheapest one here", "cheapest on the list".
_OF_THE_LIST = re.compile(r"\b(?:of|among|out of)\s+(?:these|those|them|the\s+(?:ones|lot|list|\w+\s+(?:shown|here|"
                          r"above|listed)))\b|\bhere\b|\bshown\b|\bon\s+(?:the|this|that|your)\s+(?:list|screen|page)\b|"
                          r"\bones?\b|\b(?:these|those|them)\b", re.I)


def _number(text: str) -> float | None:
    """The number a size value is said with ("10.5", "W29", "512GB"), or None."""
    found = re.fullmatch(r"[a-z]?(\d+(?:\.\d+)?)\s*(?:[a-z]{1,2}|\")?", text.strip(), re.I)
    return float(found[1]) if found else None


# Another item asked for by what it has: "what about one with lots of reviews", "any with better ratings?".
_ONE_WITH = re.compile(r"\b(?:one|ones|any|something|anything)\s+with\b", re.I)
# A bare number said while a size is on ("okay and the 34?", "what about 30"): another size of the aisle.
_SIZE_AGAIN = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|hmm+|um+|what about|how about|or|maybe|the|in|a|size)\W+)*"
                         r"(?P<n>\d{1,3}(?:\.5)?)\s*(?:(?:one|ones|pair|then|instead|too|please|pls)\W*)*\??\W*$",
                         re.I)
# A size insisted on: "they have to be size 8!!", "must be a medium", "10.5 only", "only in XL".
_INSISTS = re.compile(r"\b(?:ha(?:s|ve)\s+to|must|needs?\s+to|got\s+to|gotta)\s+be\b|\bonly\b|!!", re.I)


# The ask for a pick, said around a need: "what would you recommend", "what do u suggest", "any ideas?".
_THE_ASK = re.compile(r"\b(?:what|which)\s+(?:would|do|can|could|should)\s+(?:you|u|ya)\s+(?:recommend|suggest)\b|"
                      r"\b(?:can|could)\s+(?:you|u)\s+(?:recommend|suggest)\b|\bany\s+(?:recommendations|suggestions|"
                      r"ideas|recs)\b|\b(?:recommend|suggest)\s+(?:me\s+)?(?:something|anything|smth|sth)?|"
                      r"\bwhat would help\b", re.I)


def _without_the_ask(message: str) -> str:
    """A recommend request's need without the words that ask ("what would u recommend" grounds nothing)."""
    return " ".join(_THE_ASK.sub(" ", message).split()).strip(" ,.?!")


# Each position's word, "first" to "tenth" (the first spelling `rules.ORDINALS` gives it: "fourth", not "forth").
_ORDINALS = tuple(next(w for w, n in rules.ORDINALS.items() if n == at and w.isalpha())
                  for at in range(1, max(rules.ORDINALS.values()) + 1))
_BARE_ADD_N = re.compile(r"^\W*(?:(?:ok|okay|great|cool|yes|yeah|perfect|then|so)\W+)*(?:add|get|grab|take)\s+"
                         r"(\d{1,2}|two|three|four|five|six)(?:\s+(?:please|pls|plz))?\W*$", re.I)


def _count_or_position_hint(message: str, looked: tuple[str, int], added: list[Candidate],
                            session: DialogueState) -> str:
    """"add 3" right after a look at another item ("the top one, what size"): item 3 is added as the list
    numbers it, and the other reading, 3 of the item looked at, is offered in words that do it."""
    said = _BARE_ADD_N.match(message)
    focus, position = looked
    n = count_of_word(said[1]) if said else None
    if n is None or n == position or added[0].product.product_id == focus or focus in session.cart \
            or not 1 <= position <= len(_ORDINALS):
        return ""
    return (f" (If you meant {n} of the {_ORDINALS[position - 1]} one you just asked about, say 'undo', then "
            f"'add {n} of the {_ORDINALS[position - 1]} one'.)")


def _described_by(query: str, category: str | None, vocab: CatalogVocab) -> list[str]:
    """The words of a search that say what kind of its aisle's products it wants ("fleece" in "mens fleece
    jacket", "denim" in "denim jacket", though "denim" alone means jeans, "leather"): words the catalog's titles
    or attributes use that are rare in English and name no kind of product, brand, colour, size, who wears it or
    the aisle itself."""
    if not category:
        return []
    known = vocab.title_words | vocab.attribute_words
    return list(dict.fromkeys(
        w for w in words(MONEY_IDIOM.sub(" ", query))  # "with my pocket money": no pockets asked for
        if (w in known and zipf(w) < PRODUCT_WORD_ZIPF or w in ASKED_QUALITIES) and not any(ch.isdigit() for ch in w)
        and len(w) > 2
        and not vocab.names_kind(w) and w not in vocab.brand_words and w not in vocab.colors
        and category not in (vocab.categories.get(w), vocab.categories.get(singular(w))) and w not in SPEC_WORDS))


def _kind_asked(query: str, category: str | None, vocab: CatalogVocab) -> set[str]:
    """The kinds of product a search's words name within its aisle ("blanket" of "throw blanket" among home
    products), singular; none where the aisle is that kind ("running shoes")."""
    if not category:
        return set()
    named = category.casefold().split()
    heads = vocab.product_heads(query)

    def aisle_of(word: str) -> str | None:
        return vocab.categories.get(word) or vocab.categories.get(f"{word}s")

    def names_aisle(word: str) -> bool:
        return word in named or f"{word}s" in named or aisle_of(word) == category

    # "laptop backpack" among backpacks: the aisle itself is named, so "laptop" says what it is for, no kind
    aisle_named = any(names_aisle(w) for w in heads)
    return {w for w in heads if not w.endswith("s") and not names_aisle(w)
            and not (aisle_named and aisle_of(w) is not None)}


def _kind_named_after_for(message: str, vocab: CatalogVocab) -> set[str]:
    """The kinds of product a swap names for what goes in ("swap it for the cheapest toaster": toaster)."""
    said = re.search(r"\b(?:for|with|to)\s+(?:the\s+|a\s+|an\s+)?(.+)$", message, re.I)
    return {singular(w) for w in vocab.product_heads(said[1])} if said else set()


def _names_kind(title: str, kinds: set[str]) -> bool:
    said = {singular(w) for w in words(title)}
    return bool(said & kinds)


def _fitting(hits: list[Hit], session: DialogueState) -> int:
    """How many hits come in the size asked for and are cut for whom the shopper said (all of them when neither was
    said): what the list keeps of them, so "cheaper" looks further when it would keep one or none."""
    return sum((not session.size or fits(h.product.size, session.size))
               and (not session.gender or cut_for(h.product, session.gender)) for h in hits)


def _kept_where_any(hits: list[Hit], keep, notice: str, trace: Trace, unmet: str | None = None) -> list[Hit]:
    """The hits whose product `keep` accepts, where any is; else all of them, with `notice` told first (and `unmet`,
    the slot no product meets, recorded so the list's header does not claim it): a filter that would empty the
    screen gives way to the closest matches, said plainly."""
    kept = [h for h in hits if keep(h.product)]
    if kept or not hits:
        return kept
    trace.notices.append(notice)
    if unmet:
        trace.unmet.append(unmet)
    return hits


def _taking_turns(items: list, group) -> list:
    """The items with their groups taking turns (first of each group in order of first appearance, then the
    second of each, ...); each group keeps its own order."""
    groups: dict = {}
    for item in items:
        groups.setdefault(group(item), []).append(item)
    lanes = list(groups.values())
    return [lane[i] for i in range(max((len(lane) for lane in lanes), default=0)) for lane in lanes if i < len(lane)]


def _merged(first: list, second: list) -> list:
    """Hits of both lists, each product once (the first list's hit wins)."""
    seen = {h.product.product_id for h in first}
    return first + [h for h in second if h.product.product_id not in seen]


def _line_elsewhere(message: str, session: DialogueState, vocab: CatalogVocab) -> bool:
    """Whether the message names a product line that only another aisle's titles use ("and macbook air"
    while looking at iPhones): the brand alone would narrow the phones; the line asks for laptops."""
    if not session.category:
        return False
    for w in words(message):
        if w in vocab.line_brands:
            aisles = {c for c, used in vocab.category_words.items() if w in used}
            if aisles and session.category not in aisles:
                return True
    return False


def _narrows_nothing(intent: Intent, session: DialogueState) -> bool:
    """A refinement with no slot of its own: no brand, colour, price, direction, exclusion or lift, and no
    category but the current one."""
    return intent.category in (None, session.category) and not intent.sets_constraints()


def _rule_parser(engine: Engine) -> RuleParser:
    """The rule parser; with a multilingual index it can also name categories in other languages."""
    if not getattr(engine.encoder, "multilingual", False):
        return RuleParser(engine.vocab)
    from assistant.crosslingual import CategoryMatcher

    return RuleParser(engine.vocab, CategoryMatcher(engine.encoder, sorted(set(engine.vocab.categories.values()))))


# A list shorter than this after "cheaper" (one or two items) steps the ceiling up to the median shown, if that finds
# more; one shorter than _FEWEST (one item) up to the dearest shown.
_FEW = 3
_FEWEST = 2


def _price_of(hit: Hit) -> float:
    return hit.product.price if hit.product.price is not None else float("inf")


# "oven safe", "dishwasher-safe", "cruelty free": one quality, whose first word names no product (or ingredient)
# wanted.
_SAFE_FOR = re.compile(r"\b(oven|microwave|dishwasher|freezer|induction|food|baby|child|kid)[- ]safe\b|"
                       r"\b(cruelty|fragrance|paraben|sulfate|sulphate|gluten|sugar|oil|alcohol|bpa|latex|"
                       r"nickel|plastic|pfoa|scent|perfume)[- ]free\b", re.I)


def _product_words(message: str, session: DialogueState, vocab: CatalogVocab, new_only: bool = True) -> list[str]:
    """The words of a refinement that describe products ("sweatproof", "storage", "cushioned", "cotton"): words
    the catalog's titles or attributes use and everyday English does not overuse, less brands, colours, category
    names, words ruled out and (`new_only`) words the search already has."""
    have = (set(words(session.query)) if new_only else set()) | set(session.exclude_terms)
    tails = _hyphen_tails(vocab.title_words)
    said = _SAFE_FOR.sub(lambda m: f"{m[1]}-safe" if m[1] else f"{m[2]}-free", MONEY_IDIOM.sub(" ", message))
    return list(dict.fromkeys(
        tails.get(w, w) if w not in vocab.title_words else w for w in hyphen_joined(said, vocab.title_words)
        if ((w in vocab.title_words or w in vocab.attribute_words or w in tails) and zipf(w) < PRODUCT_WORD_ZIPF
            or w in ASKED_QUALITIES or w.endswith(("-safe", "-free"))) and w not in have
        and w not in vocab.brand_words
        and w not in vocab.colors and w not in vocab.categories and not w.isdigit()))


def _named_with_article(grounding: Grounding, message: str) -> bool:
    """Whether the catalog evidence's phrase is said as a thing asked for, after "want a", "suggest one", "need
    some" and its adjectives ("I want one good pressure cooker"), not pieced from a story ("my skin gets dry, what
    would u recommend", "I've a little money put by") nor the place or purpose of the need ("what would you suggest
    for a new flat")."""
    phrase = grounding.evidence.phrase if grounding.evidence is not None else ""
    if not phrase or len(phrase.split()) > 3:
        return False
    said = phrase.split()
    return any(re.search(r"\b(?:want|need|looking for|after|get|buy|suggest|recommend|have|sell|got)\s+(?:me\s+)?"
                         r"(?:a|an|one|some)\s+(?:[a-z]+\s+){0,2}?" + r"\s+".join(map(re.escape, said[i:]))
                         + r"\b", message, re.I)
               for i in range(len(said)))  # the phrase "suggest rice cooker" said as "a good rice cooker"


def _phrase_excluded(grounding: Grounding, intent: Intent) -> bool:
    """Whether the catalog evidence was found for words the message rules out ("not leather": no leather goods)."""
    phrase = grounding.evidence.phrase if grounding.evidence is not None else ""
    excluded = {w for term in intent.exclude_terms for w in term.casefold().split()}
    return bool(phrase) and set(phrase.casefold().split()) <= excluded


@functools.lru_cache(maxsize=8)
def _hyphen_tails(title_words: frozenset[str]) -> dict[str, str]:
    """The last part of each hyphened title word, to that word ("wicking": "moisture-wicking", "cancelling":
    "noise-cancelling"), read once per catalog rather than on every refinement."""
    return {t.rsplit("-", 1)[1]: t for t in sorted(title_words) if "-" in t}


def _fill_piece(piece: str, products: list, currency: str) -> tuple[str, list[str]]:
    """`grounding.fill` for one streamed piece, keeping the whitespace around it (fill strips it)."""
    if not piece.strip():
        return piece, []
    filled, problems = fill(piece, products, currency)
    lead = piece[:len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()):]
    return lead + filled + trail, problems
