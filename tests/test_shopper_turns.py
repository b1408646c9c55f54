"""Turns HTTP shoppers typed on the demo shop (spec-minded, skincare, budget planners, indecisive browsers): each
case is a kind of wording that changed the cart, a filter or an answer the wrong way, checked on the demo shop."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def demo_assistant(request):
    from tests.dialogue_plugin import dialogue_runner

    return dialogue_runner(request.config).assistant_for({})


@pytest.fixture()
def say(demo_assistant):
    session = demo_assistant.new_session()

    def _say(message: str):
        return demo_assistant.respond(session, message)

    _say.session = session
    _say.assistant = demo_assistant
    return _say


def test_any_brand_is_fine_show_me_all_of_them_lifts_the_brand_and_adds_nothing(say):
    say("show me headphones but only sony or bose pls")
    reply = say("hmm actually any brand is fine, show me all of them")
    assert say.session.cart == {}
    assert reply.intent.kind == "refine" and "brand" in reply.intent.clear
    assert {c.product.brand for c in reply.products} - {"Sony", "Bose"}, "other brands are back"


def test_remove_everything_asked_politely_asks_to_empty_the_cart(say):
    say("watch for running")
    say("add the first one")
    reply = say("wait can u just remove everything, im gonna think")
    assert reply.intent.cart_action == "clear" and "Empty your cart?" in reply.text


def test_one_less_of_a_thing_not_in_the_cart_takes_nothing_else(say):
    say("running shoes")
    say("add the first one")
    cart = dict(say.session.cart)
    reply = say("hmm remove one of the tees, 1 is enough")
    assert say.session.cart == cart and "tees" in reply.text


def test_a_line_set_to_n_instead_of_m_or_with_a_remark_after(say):
    say("t-shirts under 20")
    say("add 3 of the first one")
    tee = say.session.last_added
    say("jeans")
    say("add the first one")
    say("change the tees to 2 instead of 3")
    assert say.session.cart[tee] == 2
    say("make the t-shirt 4, they go fast lol")
    assert say.session.cart[tee] == 4


def test_a_removal_with_the_new_total_asked_removes_and_tells_it(say):
    say("frying pan")
    say("add the first one")
    pan = say.session.last_added
    say("kettle")
    say("add the first one")
    kettle = say.session.last_added
    reply = say("remove the frying pan and tell me the new total")
    assert pan not in say.session.cart and kettle in say.session.cart
    price = demo_assistant_product(say, kettle).price
    assert reply.intent.kind == "remove_from_cart" and f"${price:,.2f} in total" in reply.text


def demo_assistant_product(say, pid):
    return say.assistant.product(pid)
