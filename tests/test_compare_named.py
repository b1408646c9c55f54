"""Two products compared by the names the shopper says, on screen or not."""

from __future__ import annotations

import pytest

from assistant.compare_named import named_pair


@pytest.mark.parametrize("message, pair", [
    ("compare the sony wh-1000xm5 and the bose quietcomfort 45", ("sony wh-1000xm5", "bose quietcomfort 45")),
    ("macbook air vs dell xps which should i get for working from home", ("macbook air", "dell xps")),
    ("whats the difference between the kanken and the raven?", ("kanken", "raven")),
])
def test_the_two_names_are_read(message, pair):
    assert named_pair(message) == pair


@pytest.mark.parametrize("message", ["compare 1 and 3", "compare them", "which is cheaper"])
def test_no_names_no_pair(message):
    found = named_pair(message)
    assert found is None or found == ("1", "3")


def test_two_products_named_off_screen_are_set_side_by_side_and_picked_next(assistant):
    session = assistant.new_session()
    assistant.respond(session, "running shoes")
    reply = assistant.respond(session, "compare the sony sound 13 and the bose sound 17")
    assert reply.intent.kind == "compare" and [c.product.product_id for c in reply.products] == ["P013", "P017"]
    assistant.respond(session, "add the second one")
    assert session.cart == {"P017": 1}


def test_a_name_the_shop_lacks_compares_nothing(assistant):
    session = assistant.new_session()
    reply = assistant.respond(session, "compare the sony sound 13 and the ninja blender")
    assert reply.intent.kind == "compare" and not reply.products


def test_the_kind_one_side_names_is_the_other_sides_too_and_a_brand_said_as_typed_names_it(demo_assistant):
    """"nike vs adidas tees": two tees (not a Nike football); "levis jeans vs wrangler": a Levi's and a Wrangler."""
    from assistant.compare_named import shared_kind

    vocab = demo_assistant.engine.vocab
    assert shared_kind(("nike", "adidas tees"), vocab) == ("nike tees", "adidas tees")
    session = demo_assistant.new_session()
    reply = demo_assistant.respond(session, "nike vs adidas tees")
    assert reply.intent.kind == "compare" and [c.product.brand for c in reply.products] == ["Nike", "Adidas"]
    assert all(c.product.category == "t-shirts" for c in reply.products)
    reply = demo_assistant.respond(demo_assistant.new_session(), "levis jeans vs wrangler, show me both")
    assert [c.product.brand for c in reply.products] == ["Levi's", "Wrangler"]
