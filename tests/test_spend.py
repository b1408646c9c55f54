"""A question about what the cart comes to, against a budget, shows the cart and says how it stands."""

from __future__ import annotations

import pytest

from assistant.spend import against_budget, spend_question


@pytest.mark.parametrize("message, budget", [("total? am i under 450", 450.0), ("am i under 1200 with that?", 1200.0),
                                             ("total? need to stay under 65", 65.0),
                                             ("how much is that all together, i got 45", 45.0),
                                             ("am i still within budget?", None), ("whats the total", None),
                                             ("so whats the damage so far", None),
                                             ("how much do i have left of my 80", 80.0),
                                             ("how am i doing on budget", None)])
def test_a_spend_question_and_its_budget(assistant, message, budget):
    asked = spend_question(message, assistant.engine.vocab)
    assert asked is not None and asked.budget == budget


@pytest.mark.parametrize("message", ["jackets under 450", "add the black one, whats the total", "how much is that one",
                                     "how much is it?",
                                     "total for two jackets?", "cheaper ones under 45"])
def test_what_asks_for_products_is_no_spend_question(assistant, message):
    assert spend_question(message, assistant.engine.vocab) is None


def test_the_gap_to_the_budget_is_said_both_ways():
    assert against_budget(45.99, 450) == "That comes to $45.99, $404.01 under your $450.00."
    assert against_budget(45.99, 45) == "That comes to $45.99, $0.99 over your $45.00."
    assert against_budget(45.99, None) == "That comes to $45.99."


def test_am_i_under_shows_the_cart_against_the_budget_and_searches_nothing(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    assistant.respond(session, "add the first one")
    shown = list(session.shown)
    price = assistant.engine.index.product(next(iter(session.cart))).price
    reply = assistant.respond(session, f"total? am i under {price + 100:.0f}")
    assert reply.intent.kind == "view_cart" and session.max_price is None
    assert "under your" in reply.text and [c.product.product_id for c in reply.products] == list(session.cart)
    assert shown != session.shown  # the cart is what is shown now
    # the budget said is kept for the next such question
    assert "under your" in assistant.respond(session, "am i still within budget?").text


def test_products_asked_for_within_a_budget_are_no_spend_question(assistant):
    assert spend_question("what about Nike, is there anything in my budget?", assistant.engine.vocab) is None
    assert spend_question("is there anything within budget?", assistant.engine.vocab) is None
