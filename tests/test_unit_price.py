"""Value per ml asked of items side by side: each item's price over its listed content, and the best of them."""

from __future__ import annotations

import pytest

from assistant.unit_price import unit_value
from retrieval.types import Product

SMALL = Product("A", "Red Serum", 13.99, size="50ml")
BIG = Product("B", "White Serum", 19.99, size="100ml")


def test_the_better_value_per_ml_is_not_the_cheaper_item():
    said = unit_value("between the 1st and 3rd which is better value per ml", [SMALL, BIG], "USD")
    assert said is not None and said.pick is BIG
    assert "Red Serum: $0.28/ml (50ml)" in said.text and "Best value per ml: White Serum." in said.text


@pytest.mark.parametrize("message, products", [
    ("which is cheaper", [SMALL, BIG]),                                   # no per-unit question
    ("which is better value per ml", [SMALL, Product("C", "Kettle", 30.0, size="")]),  # one content listed
    ("which is better value per ml", [SMALL, Product("D", "Cream", 9.0, size="30g")]),  # ml against grams
])
def test_no_per_unit_answer_without_two_contents_in_one_unit(message, products):
    assert unit_value(message, products, "USD") is None


def test_the_cheapest_per_ml_of_the_list_is_set_out_over_all_of_it(demo_assistant):
    session = demo_assistant.new_session()
    shown = demo_assistant.respond(session, "mascara").products
    reply = demo_assistant.respond(session, "whats the cheapest per ml of these")
    assert reply.intent.kind == "compare" and len(reply.products) == len(shown)
    assert reply.text.startswith("Per ml:") and not session.cart
