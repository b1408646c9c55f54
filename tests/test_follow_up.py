"""A thing named after an add ("add the first one and also a candle") is looked for after the add is done."""

from __future__ import annotations

import pytest

from assistant.follow_up import follow_up_request


@pytest.mark.parametrize("message, rest", [
    ("add the first one to my cart and also a candle", "a candle"),
    ("add it and also some socks too", "some socks"),
    ("add 2 of the first one, and also a candle please", "a candle"),
    ("add the first one and show me candles", "show me candles"),
    # picks from the list are the add's own
    ("add the first one and a red one", None), ("add the first one and also the third one", None),
    ("add the first and third", None)])
def test_the_request_after_the_add(message, rest):
    assert follow_up_request(message) == rest


def test_an_add_then_a_thing_adds_and_looks_for_the_thing(assistant):
    session = assistant.new_session()
    shown = assistant.respond(session, "jackets").products
    reply = assistant.respond(session, "ad the first one to my cart and also some headphones")
    assert list(session.cart) == [shown[0].product.product_id]  # "ad" is dictation's "add"
    assert reply.products and all(c.product.category == "headphones" for c in reply.products)
