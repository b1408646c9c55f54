"""A step in style over the list on screen ("something a bit more dressy") refines that list."""

from __future__ import annotations

import pytest

from assistant.style_step import style_step


@pytest.mark.parametrize("message, style", [
    ("something a bit more dressy", "dressy"), ("anything sportier?", "sporty"),
    ("hmm none of these, somethin more sporty?", "sporty"), ("a more casual one", "casual"),
    ("something more elegant", "elegant"), ("classier ones?", "classy"),
    ("a more formal dress", None), ("running shoes", None), ("add the smart watch", None),
    ("something fancier", None),
])
def test_the_style_asked_is_read_from_the_words_said(message, style):
    assert style_step(message) == style


def test_a_style_step_keeps_the_kind_on_screen(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets under 300")
    for message in ("something a bit more dressy", "anything more elegant?"):
        reply = assistant.respond(session, message)
        assert reply.intent.kind == "refine", message
        assert reply.products and all(c.product.category == "jackets" for c in reply.products), message
        assert all(c.product.price <= 300 for c in reply.products), "the budget stays"
        assert "don't have" not in reply.text, "a style is not a thing the shop lacks"


def test_a_style_said_with_a_product_searches_that_product(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    reply = assistant.respond(session, "a more casual pair of headphones")
    assert reply.products and all(c.product.category == "headphones" for c in reply.products)
