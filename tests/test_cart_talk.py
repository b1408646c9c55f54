"""Cart talk a shopper types mid-chat: questions about the cart never change it, and a change touches the line the
words name ("also a bin" is no removal; "only 1 black candle" is the black one; "drop it, i'll just get the uniqlo"
keeps the Uniqlo)."""

from __future__ import annotations

import pytest

from assistant.cart_questions import asked_in_cart, asks_last_added
from recsys.types import Candidate


@pytest.mark.parametrize("message", ["what did i add last?", "what did i just add", "what was the last thing i added",
                                     "wait theres 3 black ones, which did u add", "which one did you add?"])
def test_what_was_added_last_is_a_question(message):
    assert asks_last_added(message)


@pytest.mark.parametrize("message, item", [("is the kettle still in there?", "the kettle"),
                                           ("do i still have the sony in my cart?", "the sony"),
                                           ("is the rain jacket in my basket?", "the rain jacket")])
def test_whether_an_item_is_in_the_cart_is_a_question(message, item):
    assert asked_in_cart(message) == item


def _title(assistant, pid):
    return assistant.engine.index.product(pid).title


def test_questions_about_the_cart_change_nothing(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "kettle")
    demo_assistant.respond(session, "add the first one")
    kettle = session.last_added
    demo_assistant.respond(session, "candles")
    cart = dict(session.cart)
    reply = demo_assistant.respond(session, "what did i add last?")
    assert session.cart == cart and _title(demo_assistant, kettle) in reply.text
    reply = demo_assistant.respond(session, "is the kettle still in there?")
    assert session.cart == cart and reply.text.startswith("Yes")
    reply = demo_assistant.respond(session, "wait theres 3 red ones, which did u add")
    assert session.cart == cart and _title(demo_assistant, kettle) in reply.text


def test_a_bin_asked_for_is_no_removal_of_the_bin_in_the_cart(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "pedal bins")
    demo_assistant.respond(session, "add the first one")
    cart = dict(session.cart)
    reply = demo_assistant.respond(session, "also a bin")
    assert session.cart == cart and reply.intent.kind != "remove_from_cart"
    demo_assistant.respond(session, "bin it")
    assert not session.cart  # the verb still removes


def test_only_one_of_the_line_named(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "yankee candle")
    shown = [demo_assistant.engine.index.product(pid) for pid in session.shown]
    black = next(i for i, p in enumerate(shown, 1) if p.color.casefold() == "black")
    other = next(i for i, p in enumerate(shown, 1) if p.color.casefold() not in ("black", ""))
    demo_assistant.respond(session, f"add 3 of number {black}")
    demo_assistant.respond(session, f"add 2 of number {other}")
    demo_assistant.respond(session, "only 1 black candle please")
    assert session.cart[shown[black - 1].product_id] == 1 and session.cart[shown[other - 1].product_id] == 2


def test_drop_it_keeps_the_one_still_wanted(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "uniqlo dresses")
    demo_assistant.respond(session, "add the first one")
    uniqlo = session.last_added
    demo_assistant.respond(session, "zara dresses")
    demo_assistant.respond(session, "add the first one")
    demo_assistant.respond(session, "ok drop it, ill just get the uniqlo")
    assert list(session.cart) == [uniqlo]


def test_a_look_at_the_cart_keeps_the_question_asked(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "football")
    demo_assistant.respond(session, "add the first one")
    demo_assistant.respond(session, "add the second one")
    first, second = list(session.cart)
    assert "Which one should be 3" in demo_assistant.respond(session, "make the football 3").text
    demo_assistant.respond(session, "cart")
    assert session.cart == {first: 1, second: 1}
    demo_assistant.respond(session, "the first one")
    assert session.cart == {first: 3, second: 1}


def test_another_thing_as_well_is_no_second_of_the_last_add(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "lego")
    demo_assistant.respond(session, "add the third one")
    cart = dict(session.cart)
    reply = demo_assistant.respond(session, "and a monopoly as well, the cheapest one")
    assert session.cart == cart and reply.intent.kind in ("search", "refine")


def test_the_extra_one_is_one_less(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "lego")
    demo_assistant.respond(session, "add 2 of the first one")
    line = session.last_added
    demo_assistant.respond(session, "take the extra lego out of the basket")
    assert session.cart == {line: 1}


def test_a_count_after_a_pick_by_price_is_no_position(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "football")
    prices = {pid: p for pid, p in zip(session.shown, session.shown_prices, strict=True) if p is not None}
    demo_assistant.respond(session, "cheapest one pls, add 1")
    assert list(session.cart) == [min(prices, key=prices.get)]


def test_a_colour_the_one_item_on_screen_is_not_adds_nothing(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "dresses")
    green = next(c for c in session.last_candidates.values() if c.product.color != "Navy")
    session.shown, session.shown_prices = [green.product.product_id], [green.product.price]
    session.last_candidates = {green.product.product_id: Candidate(green.product, 0.0)}
    demo_assistant.respond(session, "the navy one, pop it in my basket")
    assert not session.cart


def test_the_most_expensive_of_a_kind_is_the_dearest_first(demo_assistant):
    session = demo_assistant.new_session()
    reply = demo_assistant.respond(session, "whats the most expensive laptop you sell")
    prices = [c.product.price for c in reply.products]
    assert session.order == "price_high" and session.max_price is None and prices == sorted(prices, reverse=True)


def test_double_a_line_and_back_to_one_of_a_line(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "kettle")
    demo_assistant.respond(session, "add the first one")
    kettle = session.last_added
    demo_assistant.respond(session, "football")
    demo_assistant.respond(session, "add 2 of the first one")
    ball = session.last_added
    demo_assistant.respond(session, "double the kettle")
    assert session.cart == {kettle: 2, ball: 2}
    demo_assistant.respond(session, "actually just one of the footballs")
    assert session.cart == {kettle: 2, ball: 1}


def test_which_of_the_shown_say_a_quality_is_said_and_they_come_first(demo_assistant):
    from assistant.reading import mentions

    session = demo_assistant.new_session()
    demo_assistant.respond(session, "watch")
    shown = list(session.shown)
    saying = [pid for pid in shown if mentions(demo_assistant.engine.index.product(pid), "water-resistant")]
    assert saying and len(saying) < len(shown)  # the question has an answer on this list
    reply = demo_assistant.respond(session, "which of them are water resistant")
    assert f"{len(saying)} of the {len(shown)} shown" in reply.text
    assert {c.product.product_id for c in reply.products[:len(saying)]} == set(saying)


def test_a_product_line_the_brand_on_screen_does_not_make_is_searched_not_refined(demo_assistant):

    session = demo_assistant.new_session()
    demo_assistant.respond(session, "lego")
    assert session.brand == "Lego"
    assert demo_assistant._another_line("and a monopoly as well, the cheapest one", "Lego")
    assert not demo_assistant._another_line("any in pink?", "Lego")
    assert not demo_assistant._another_line("the city ones", "Lego")



def test_a_models_refine_to_another_product_line_is_read_as_the_search_it_is(demo_assistant, monkeypatch):
    from assistant.parser import Parsed
    from assistant.types import Intent

    class Refines:  # what the fine-tuned model read: a cheaper Lego
        def read(self, message, state):
            return Parsed(Intent("refine", brand="Lego", cheaper=True), "lm")

    session = demo_assistant.new_session()
    demo_assistant.respond(session, "lego")
    demo_assistant.respond(session, "add the third one")
    monkeypatch.setattr(demo_assistant, "parser", Refines())
    reply = demo_assistant.respond(session, "and a monopoly as well, the cheapest one")
    assert reply.intent.kind == "search" and session.brand != "Lego"
