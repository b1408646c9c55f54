"""The LM parser and writer inside the turn loop, with a scripted model (no weights needed)."""

from __future__ import annotations

import re

import pytest

from assistant.lm.parser import LmParser
from assistant.lm.reply_phrases import fixed_texts, reply_target
from assistant.lm.writer import LmWriter
from assistant.loop import Assistant
from assistant.types import DialogueState, Intent, Reply
from tests.lmfakes import ScriptedLM, by_message

PARSES = {
    "running shoes under 120": " search | cat=running shoes | under=120",
    "in blue": " refine | color=blue",
    "not nike": " refine | not=Nike",
    "cheaper": " refine | cheaper",
    "jackets": " search | cat=jackets",
    "headphones": " search | cat=headphones",
    "gucci bags": " search | brand=Gucci | under=lots",
    "the second one": " details | ref=2",
    "add the first one to my cart": " add_to_cart | ref=1",
    "compare 1 and 3": " compare | ref=1,3",
    "why these?": " why",
    "hello": " greeting",
    "limit it to nike": " refine | brand=Nike | under=100",           # a price nobody said
    "jackets for a hundred or less": " search | cat=jackets | under=100",  # said in words
    "too steep for me": " refine | over=600",                          # said nothing of the kind
}


def _reply_script(prompt: str) -> str:
    """A well-trained writer: the training target for the reply prompt."""
    head = prompt.split("\n")[0].removeprefix("reply: ").split(" | ")
    kind, n = head[0], int(head[1].removeprefix("n="))
    slots = tuple(s for s in head[2:] if s != "cheaper")
    return reply_target(kind, n, slots, "cheaper" in head)


def _script(prompt: str) -> str:
    if prompt.startswith("reply: "):
        return _reply_script(prompt)
    return by_message(PARSES, default="I am not sure what you mean")(prompt)


@pytest.fixture()
def lm_assistant(assistant):
    lm = ScriptedLM(_script)
    return Assistant(assistant.engine, LmParser(lm), LmWriter(lm))


def test_multi_turn_refinement_keeps_earlier_slots(lm_assistant):
    session = lm_assistant.new_session()
    first = lm_assistant.respond(session, "running shoes under 120")
    assert first.intent.kind == "search" and first.products
    blue = lm_assistant.respond(session, "in blue")
    assert blue.products and all(c.product.color == "blue" and c.product.category == "running shoes"
                                 and c.product.price <= 120 for c in blue.products)
    no_nike = lm_assistant.respond(session, "not nike")
    assert all(c.product.brand != "Nike" and c.product.color == "blue" for c in no_nike.products)
    assert session.category == "running shoes" and session.max_price == 120


def test_cheaper_is_relative_to_what_was_shown(lm_assistant):
    session = lm_assistant.new_session()
    shown = lm_assistant.respond(session, "jackets")
    median = sorted(c.product.price for c in shown.products)[len(shown.products) // 2]
    cheaper = lm_assistant.respond(session, "cheaper")
    assert session.max_price is not None and session.max_price < median
    assert all(c.product.price <= session.max_price for c in cheaper.products)


def test_new_search_resets_what_no_longer_applies(lm_assistant):
    session = lm_assistant.new_session()
    lm_assistant.respond(session, "running shoes under 120")
    lm_assistant.respond(session, "in blue")
    reply = lm_assistant.respond(session, "headphones")
    assert session.color is None and session.max_price is None
    assert all(c.product.category == "headphones" for c in reply.products)


def test_invalid_output_is_validated_and_unparseable_output_falls_back(lm_assistant):
    session = lm_assistant.new_session()
    hallucinated = lm_assistant.respond(session, "gucci bags")
    assert hallucinated.intent.brand is None and hallucinated.intent.max_price is None
    assert any("Gucci" in p for p in hallucinated.trace.validation)
    assert any("lots" in p for p in hallucinated.trace.validation)
    garbled = lm_assistant.respond(session, "headphones under 200 please")
    assert "LmOutputError" in garbled.trace.parser_error
    assert garbled.trace.parser == "rules" and hallucinated.trace.parser == "lm"
    assert garbled.trace.lm_output == "I am not sure what you mean"
    assert garbled.intent.kind == "search" and garbled.intent.max_price == 200  # the rule parser's answer


def test_references_cart_and_details(lm_assistant):
    session = lm_assistant.new_session()
    listing = lm_assistant.respond(session, "headphones")
    details = lm_assistant.respond(session, "the second one")
    second = listing.products[1].product
    assert [c.product.product_id for c in details.products] == [second.product_id]
    assert second.title in details.text and f"${second.price:,.2f}" in details.text
    lm_assistant.respond(session, "add the first one to my cart")
    assert session.cart == {listing.products[0].product.product_id: 1}


def test_stream_pieces_join_to_the_reply(lm_assistant):
    session = lm_assistant.new_session()
    items = list(lm_assistant.respond_stream(session, "running shoes under 120"))
    reply = items[-1]
    assert isinstance(reply, Reply) and all(isinstance(i, str) for i in items[:-1])
    assert len(items) > 3  # word by word, then the product list
    assert "".join(items[:-1]).strip() == reply.text
    assert "first_token" in reply.timings_ms and reply.timings_ms["first_token"] <= sum(reply.timings_ms.values())
    assert "[" not in reply.text  # every placeholder filled
    assert "$120.00" in reply.text  # the shopper's ceiling, from the state


def test_a_correct_fixed_wording_reply_streams_before_the_model_has_finished(assistant):
    events: list[str] = []

    class Logged(ScriptedLM):
        def stream(self, prompt, max_new_tokens, expected=None):
            yield from super().stream(prompt, max_new_tokens, expected)
            events.append("model done")

    writer = LmWriter(Logged(_reply_script))
    shown = []
    for piece in writer.stream(Intent("greeting"), [], DialogueState()):
        events.append("shown")
        shown.append(piece)
    assert events.index("shown") < events.index("model done")  # the first words went out while the model still wrote
    assert "".join(shown).strip() in fixed_texts("greeting", 0)
    assert not writer.last_problems


def test_the_writer_offers_its_trained_sentence_as_the_guess_to_check(lm_assistant):
    lm = lm_assistant.writer.lm
    session = lm_assistant.new_session()
    # (a greeting after the chat began is the template's welcome, the model unasked: "why these?" instead)
    for message in ("running shoes under 120", "in blue", "compare 1 and 3", "cheaper", "why these?"):
        lm_assistant.respond(session, message)
    replies = [(p, e) for p, e in zip(lm.prompts, lm.expected, strict=True) if p.startswith("reply: ")]
    assert len(replies) == 5
    assert all(expected == " " + _reply_script(prompt) for prompt, expected in replies)  # as trained: after "bot:"


def test_the_parser_offers_the_rule_parsers_slot_string_as_the_guess_to_check(assistant):
    from assistant.lm.format import format_intent
    from assistant.parser import RuleParser

    vocab = assistant.parser.vocab
    lm = ScriptedLM(by_message(PARSES))
    state = DialogueState()
    intent = LmParser(lm, vocab).parse("running shoes under 120", state)
    assert intent.kind == "search" and intent.max_price == 120.0  # what the model wrote still decides
    assert lm.expected == [format_intent(RuleParser(vocab).parse("running shoes under 120", state))]
    assert lm.expected[0].startswith(" search | cat=running shoes")
    assert LmParser(ScriptedLM(by_message(PARSES))).rules is None  # no catalog vocabulary: no guess


def test_respond_and_stream_agree(assistant):
    lm = ScriptedLM(_script)
    one = Assistant(assistant.engine, LmParser(lm), LmWriter(lm))
    other = Assistant(assistant.engine, LmParser(lm), LmWriter(lm))
    s1, s2 = one.new_session(), other.new_session()
    for message in ["jackets", "cheaper", "compare 1 and 3", "why these?", "hello"]:
        streamed = list(one.respond_stream(s1, message))[-1]
        assert streamed.text == other.respond(s2, message).text


ADVERSARIAL = [
    " Here are [count] [category]: the Gucci Runner 3000 at $9.99 is the top pick.",
    " [name_1] costs $1.00 today only.",
    " Only [price_7] for [name_9], plus [discount_1] off!",
    " I found [count] [category] from [brand]:",
    "\n\n",
    " Take a look at these [count] products: Zorblax Ultra is best.",
]


@pytest.mark.parametrize("output", ADVERSARIAL)
def test_writer_never_lets_an_invented_fact_through(assistant, output):
    lm = ScriptedLM(lambda prompt: output if prompt.startswith("reply: ") else _script(prompt))
    bot = Assistant(assistant.engine, LmParser(lm), LmWriter(lm))
    session = bot.new_session()
    for message in ["running shoes under 120", "the second one", "compare 1 and 3", "hello"]:
        reply = bot.respond(session, message)
        assert_grounded(reply, assistant.engine.index.catalog, session)
        for invented in ("Gucci", "Runner 3000", "$9.99", "$1.00", "Zorblax", "discount"):
            assert invented not in reply.text


def assert_grounded(reply: Reply, catalog, session) -> None:
    """Every price in the reply is a catalog price or the shopper's own limit; every product-like
    name is a catalog title."""
    allowed = {f"${p:,.2f}" for p in catalog["price"]}
    allowed |= {f"${v:,.2f}" for v in (session.max_price, session.min_price) if v is not None}
    if reply.trace.policy and not reply.products:  # canned safety text; its example query has a price
        return
    for price in re.findall(r"\$[\d,]+(?:\.\d+)?", reply.text):
        assert price in allowed or "Total" in reply.text, (price, reply.text)
    titles = set(catalog["title"])
    for line in reply.text.splitlines():
        m = re.match(r"\d+\. (.+?) by ", line)
        if m:
            assert m[1] in titles, line


def test_hundreds_of_random_writer_outputs_stay_grounded(assistant):
    """A writer that emits random mixes of reply words, numbers, prices, invented names and
    placeholders (valid and not): whatever it writes, no fact outside the catalog gets through."""
    import random

    rng = random.Random(0)
    pool = ["Here", "are", "the", "top", "pick", "[count]", "[category]", "[name_1]", "[price_1]", "[price_2]",
            "[name_7]", "[max_price]", "[brand]", "[discount_1]", "$12.34", "99", "Gucci", "Zorblax", "3000",
            "at", "under", "from", "[rating_1]", "[color]", "deal!", "[", "]", "[name_", "\n", "$", "Nike Air 9"]

    def script(prompt: str) -> str:
        if not prompt.startswith("reply: "):
            return _script(prompt)
        return " " + " ".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))

    lm = ScriptedLM(script)
    bot = Assistant(assistant.engine, LmParser(lm), LmWriter(lm))
    catalog = assistant.engine.index.catalog
    messages = list(PARSES) + ["tell me about the second one", "hello"]
    session = bot.new_session()
    for turn in range(200):
        if turn % len(messages) == 0:
            session = bot.new_session()
        reply = bot.respond(session, messages[turn % len(messages)])
        assert_grounded(reply, catalog, session)
        for invented in ("Gucci", "Zorblax", "3000", "$12.34", "Nike Air 9", "deal!"):
            assert invented not in reply.text


def test_reply_stops_before_a_placeholder_that_has_no_value():
    """Dropping an unfillable placeholder left "from :" and "is at ." in replies; the sentence ends before it."""
    from assistant.lm.reply_phrases import reply_vocabulary
    from assistant.lm.writer import ReplyGuard

    guard = ReplyGuard(frozenset(reply_vocabulary()), {"count": "0", "category": "jackets"}, n_products=0)
    text = "".join([*guard.feed("I found [count] [category] under [max_price]: my first pick is [name_1]. "),
                    *guard.finish()])
    assert text.split() == ["I", "found", "0", "jackets"]
    assert guard.stopped and "[max_price]" in guard.problems[0]


def test_a_price_the_message_does_not_state_is_dropped_and_recorded(lm_assistant):
    session = lm_assistant.new_session()
    lm_assistant.respond(session, "jackets")
    invented = lm_assistant.respond(session, "limit it to nike")
    assert invented.intent.brand == "Nike" and invented.intent.max_price is None
    assert any("max_price 100 is not a price the message states" in p for p in invented.trace.validation)
    assert invented.products and all(c.product.brand == "Nike" for c in invented.products)
    steep = lm_assistant.respond(session, "too steep for me")
    assert steep.intent.min_price is None and "validation" in steep.trace.to_dict()
    in_words = lm_assistant.respond(lm_assistant.new_session(), "jackets for a hundred or less")
    assert in_words.intent.max_price == 100 and "validation" not in in_words.trace.to_dict()


@pytest.mark.parametrize(("message", "low", "high"), [
    ("running shoes under $80", None, 80.0),           # the model wrote over=80: the stated bound wins
    ("running shoes over 80 dollars", 80.0, None),
    ("running shoes between 50 and 90 dollars", 50.0, 90.0),
])
def test_prices_the_message_states_override_the_models_direction(message, low, high):
    parser = LmParser(ScriptedLM(lambda _prompt: " search | cat=running shoes | over=80"))
    intent = parser.parse(message, DialogueState())
    assert (intent.category, intent.min_price, intent.max_price) == ("running shoes", low, high)


def test_prices_the_patterns_cannot_read_stay_the_models():
    parser = LmParser(ScriptedLM(lambda _prompt: " search | cat=laptops | under=800"))
    intent = parser.parse("laptop for uni, budget is 800", DialogueState())
    assert (intent.min_price, intent.max_price) == (None, 800.0)


@pytest.mark.parametrize("message", ["hello", "why these?", "compare 1 and 3"])
def test_a_search_style_reply_to_another_kind_falls_back_to_the_template(assistant, message):
    """An under-trained writer answered "hi" with "Here are 0 products": every word allowed, [count]
    fillable, so only the reply kind can tell it is wrong."""
    lm = ScriptedLM(lambda prompt: " Here are [count] [category]:" if prompt.startswith("reply: ") else _script(prompt))
    writer = LmWriter(lm)
    bot = Assistant(assistant.engine, LmParser(lm), writer)
    session = bot.new_session()
    if message != "hello":  # a greeting after the chat began is the template's welcome, the model unasked
        bot.respond(session, "running shoes under 120")
    reply = bot.respond(session, message)
    problems = list(writer.last_problems)
    template = Assistant(assistant.engine, LmParser(lm)).respond(_replay(bot, message != "hello"), message).text
    assert "Here are" not in reply.text
    (first, *body), (template_first, *template_body) = reply.text.split("\n", 1), template.split("\n", 1)
    assert body == template_body  # the facts are the template's
    # "Here" begins "Here's why I picked these:" and was already shown: that sentence is finished
    # instead; where "Here" begins none of the kind's sentences (a greeting), the template's is used.
    known = fixed_texts(reply.intent.kind, len(reply.products))
    begun = any(t.startswith("Here") for t in known)
    assert first in known if begun else first == template_first
    assert any("not used in this kind of reply" in p for p in problems)


@pytest.mark.parametrize(("message", "written"), [
    ("hello", " Sorry, I only know about this shop. Ask me for a product, like a gift or new shoes."),
    ("compare these", " Hello! Tell me what you're shopping for."),
    ("why these?", " No products right now. Try widening your search."),
    ("compare these", " Side by side:"),  # its own kind's sentence, but for items that are not there
    ("why these?", " My reasons:")])
def test_another_kinds_sentence_falls_back_to_the_template(assistant, message, written):
    """Seen with int8 weights: "compare" with nothing shown answered with the greeting; its words are
    allowed and it has no placeholder, so only the kind's own fixed sentences can tell. Seen in the LM
    demo: "compare 1 and 2" after a search that found nothing answered "Side by side:" and nothing more.
    (Nothing is shown in these sessions, so compare and why have no items; numbers past the list are
    answered by a fixed sentence before any writer, so "compare these" names none.)"""
    lm = ScriptedLM(lambda prompt: written if prompt.startswith("reply: ") else _script(prompt))
    writer = LmWriter(lm)
    bot = Assistant(assistant.engine, LmParser(lm), writer)
    reply = bot.respond(bot.new_session(), message)
    template = Assistant(assistant.engine, LmParser(lm)).respond(bot.new_session(), message).text
    assert written.strip() not in reply.text
    assert reply.text == template
    assert any("left the fixed sentences" in p for p in writer.last_problems)


def _replay(bot, searched: bool = True):
    """A fresh session in the same state as the test's before `message` (for the template answer)."""
    session = bot.new_session()
    if searched:
        bot.respond(session, "running shoes under 120")
    return session


@pytest.mark.parametrize("written", [" I found [count] [category] under [max_price]:",
                                     " Here are [count] [category] under [max_price]: [name_1] is the top pick."])
def test_a_results_reply_when_nothing_was_found_falls_back_to_the_template(assistant, written):
    """Seen in the LM demo: "in blue" after "cheaper" found nothing, and the model wrote "I found 0
    running shoes in blue under $52.79:" with nothing after the colon."""
    def script(prompt: str) -> str:
        if prompt.startswith("reply: "):
            return written if " n=0" in prompt else _reply_script(prompt)
        return " search | cat=running shoes | under=1" if "under 1" in prompt else _script(prompt)

    lm = ScriptedLM(script)
    writer = LmWriter(lm)
    bot = Assistant(assistant.engine, LmParser(lm), writer)
    reply = bot.respond(bot.new_session(), "running shoes under 1")
    assert not reply.products
    assert "found 0" not in reply.text and "Here are" not in reply.text and not reply.text.endswith(":")
    assert reply.text.startswith("I couldn't find running shoes")  # the template's wording
    assert any("not used in this kind of reply" in p for p in writer.last_problems)


def test_a_nothing_found_reply_from_the_model_is_kept(assistant):
    lm = ScriptedLM(lambda p: _reply_script(p) if p.startswith("reply: ") else " search | cat=running shoes | under=1")
    writer = LmWriter(lm)
    bot = Assistant(assistant.engine, LmParser(lm), writer)
    reply = bot.respond(bot.new_session(), "running shoes under 1")
    assert not reply.products and not writer.last_problems
    assert reply.text in {
        "Sorry, I couldn't find running shoes under $1.00. Try a higher budget, another colour or brand.",
        "No running shoes under $1.00 right now. Try widening your search."}


def test_category_names_that_are_not_plurals_read_as_products_in_both_writers():
    """"Here are 5 kitchen:" read broken in the demo; a mass-noun category gets "products" after it."""
    from assistant.lm.writer import state_values
    from assistant.reply import TemplateWriter, category_noun

    assert category_noun("running shoes") == "running shoes" and category_noun("T-Shirts") == "T-Shirts"
    assert category_noun("kitchen") == "kitchen products" and category_noun("Makeup") == "Makeup products"
    state = DialogueState(category="kitchen")
    assert state_values(state, 5)["category"] == "kitchen products"
    assert TemplateWriter().write(Intent("search"), [], state).startswith("I couldn't find kitchen products.")
    assert state_values(DialogueState(), 5)["category"] == "products", "no category: the subject the fine-tune learnt"


def test_a_results_summary_keeps_to_the_list_and_names_its_category():
    """"I found 5 watches at $279.99" for "cheap watches" read one product's price as the list's, and
    "Here are 5 products" hid the category asked for: the summary stops before a product's fact and
    says the category."""
    from assistant.lm.reply_phrases import reply_vocabulary
    from assistant.lm.writer import ReplyGuard

    values = {"count": "5", "category": "watches", "max_price": "$300.00"}
    guard = ReplyGuard(frozenset(reply_vocabulary()), values, n_products=5, summary=True)
    text = "".join([*guard.feed("I found [count] [category] at [price_1]: the best is [name_1]. "), *guard.finish()])
    assert text == "I found 5 watches:"
    guard = ReplyGuard(frozenset(reply_vocabulary()), values, n_products=5, summary=True)
    text = "".join([*guard.feed("Here are [count] products under [max_price]: "), *guard.finish()])
    assert " ".join(text.split()) == "Here are 5 watches under $300.00:"
    guard = ReplyGuard(frozenset(reply_vocabulary()), values, n_products=5, summary=True)
    text = "".join([*guard.feed("I found [count] [category]: [name_1] is the top pick. "), *guard.finish()])
    assert " ".join(text.split()) == "I found 5 watches:"
    # seen over HTTP: "... over $60.99: My first pick: 1. ..." (the top-pick sentence cut at its placeholder)
    guard = ReplyGuard(frozenset(reply_vocabulary()), values, n_products=5, summary=True)
    text = "".join([*guard.feed("I found [count] [category] under [max_price]: My first pick is [name_1] at "
                                "[price_1]. "), *guard.finish()])
    assert " ".join(text.split()) == "I found 5 watches under $300.00:"


def test_a_reply_that_repeats_itself_stops_before_the_repeat():
    from assistant.lm.reply_phrases import reply_vocabulary
    from assistant.lm.writer import ReplyGuard

    guard = ReplyGuard(frozenset(reply_vocabulary()), {"count": "5", "category": "watches"}, n_products=5)
    text = "".join([*guard.feed("I found: I found: I found: I found: "), *guard.finish()])
    assert text.split() == ["I", "found:"] and "repeated phrase" in guard.problems[0]
    guard = ReplyGuard(frozenset(reply_vocabulary()), {"count": "5", "category": "watches"}, n_products=5)
    text = "".join([*guard.feed("I found [count] [category]: the first is the best for the budget. "), *guard.finish()])
    assert " ".join(text.split()) == "I found 5 watches: the first is the best for the budget." and not guard.problems


def test_an_excluded_brand_is_only_said_after_not():
    """"Here are 5 laptops from Apple" after "not apple": the model wrote "from [not_brand]"; the guard
    ends the sentence before it, and "not from [not_brand]" still reads as written."""
    from assistant.lm.reply_phrases import reply_vocabulary
    from assistant.lm.writer import ReplyGuard

    values = {"count": "5", "category": "laptops", "not_brand": "Apple"}
    guard = ReplyGuard(frozenset(reply_vocabulary()), values, n_products=5)
    text = "".join([*guard.feed("Here are [count] [category] from [not_brand] for you. "), *guard.finish()])
    assert "Apple" not in text and text.startswith("Here are 5 laptops") and guard.problems
    guard = ReplyGuard(frozenset(reply_vocabulary()), values, n_products=5)
    text = "".join([*guard.feed("Here are [count] [category] not from [not_brand]. "), *guard.finish()])
    assert " ".join(text.split()) == "Here are 5 laptops not from Apple."


def test_the_models_reply_names_every_brand_and_colour_the_search_takes():
    """"I found 5 t-shirts from Nike" read wrong over Nike and Under Armour tees shown side by side."""
    from assistant.lm.writer import state_values

    state = DialogueState(category="t-shirts", brand="Nike", other_brands=["Under Armour"], color="navy",
                          other_colors=["black"])
    values = state_values(state, 5)
    assert values["brand"] == "Nike or Under Armour" and values["color"] == "navy or black"


def test_thanks_mid_conversation_gets_the_welcome_not_a_hello():
    """Seen over HTTP: "thanks!" after an add got the model's "Hello! Tell me what you're shopping for."."""
    writer = LmWriter(ScriptedLM(_reply_script))
    mid = DialogueState(history=[("watches", "Here are watches")], cart={"P1": 1})
    text = "".join(writer.stream(Intent("greeting"), [], mid))
    assert text.startswith("You're welcome") and "Hello" not in text
