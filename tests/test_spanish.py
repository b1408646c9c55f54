"""Spanish words mixed into English chat, read in English."""

from __future__ import annotations

import pytest

from assistant.spanish import in_english


@pytest.mark.parametrize("message, english", [
    ("smartphone samsung menos de 400 dolares", "smartphone samsung under 400 dollars"),
    ("add el primero al carrito", "add the first one to my cart"),
    ("no me gusta Nike", "no Nike"),
    ("quiero audifonos sony o bose", "i want headphones sony or bose"),
    ("hay uno mas barato que 200?", "is there something under 200?"),
    ("tienes este en negro?", "do you have it in black?"),
    ("vacia el carrito", "empty my cart"), ("sacalo del carrito porfa", "remove it from my cart please"),
    ("cual tiene mejor rating?", "which has best rated?"), ("ahora ponle solo 2", "now make it 2"),
])
def test_spanish_glue_is_read_in_english(message, english):
    assert in_english(message) == (english, True)


@pytest.mark.parametrize("message", ["is the beats solo 4 wireless", "uno for the kids", "no nike, under 100",
                                     "sin city poster", "a con air dvd"])
def test_an_english_message_is_left_alone(message):
    assert in_english(message) == (message, False)


def test_a_spanish_budget_is_a_ceiling_and_no_english_only_notice(assistant):
    session = assistant.new_session()
    reply = assistant.respond(session, "busco audifonos sony menos de 100 dolares por favor")
    assert reply.intent.max_price == 100 and reply.intent.min_price is None and reply.intent.brand == "Sony"
    assert "English" not in reply.text and all(c.product.price <= 100 for c in reply.products)
    assistant.respond(session, "add el primero al carrito")
    assert session.cart == {reply.products[0].product.product_id: 1}
