"""'Is X worth the extra over Y?': the two side by side, with how much more the first costs and how both are rated."""

from __future__ import annotations

import pytest

from assistant.pair_verdict import pair_verdict
from assistant.worth_it import WORTH
from retrieval.types import Product


@pytest.mark.parametrize("message, asks", [
    ("is the airpods worth the extra 30 over the samsung", True), ("is the kitchenaid worth almost double?", True),
    ("is it worth 40 more?", True), ("worth the upgrade?", True), ("is it worth it", False),
    ("a backpack worth carrying", False), ("worth of a gift", False)])
def test_a_question_of_the_extra_cost(message, asks):
    assert bool(WORTH.search(message)) is asks


def test_the_verdict_weighs_price_and_rating():
    dear = Product("A", "Apple AirPods Pro 2", 89.99, rating=4.4)
    cheap = Product("B", "Samsung Galaxy Buds FE", 58.99, rating=3.6)
    verdict = pair_verdict("is the airpods worth the extra 30 over the samsung", [dear, cheap], "USD")
    assert verdict is not None and "by $31.00" in verdict.text and "Apple AirPods Pro 2 (4.4/5 against 3.6/5)" in \
        verdict.text


def test_worth_the_extra_over_a_named_item_compares_the_two(demo_assistant):
    session = demo_assistant.new_session()
    shown = [c.product for c in demo_assistant.respond(session, "kettle").products]
    first = shown[0]
    other = next(p for p in shown if p.brand != first.brand and sum(q.brand == p.brand for q in shown) == 1)
    reply = demo_assistant.respond(session, f"is the {first.brand.lower()} worth the extra over the "
                                            f"{other.brand.lower()}?")
    assert reply.intent.kind == "compare" and {c.product.product_id for c in reply.products} == \
        {first.product_id, other.product_id}
    assert not session.cart
