"""A budget for a whole list ("300 total", "500 for both") caps the search at the amount, and "whatever is left of
the 400" at that amount less the cart; the budget is kept for the questions about the cart after it."""

from __future__ import annotations

import pytest

from assistant import rules
from assistant.budget_left import budget_said, items_counted


@pytest.mark.parametrize("message, amount, left", [
    ("now a cordless vacuum for whatever is left of the 400", 400.0, True),
    ("earbuds, whatever fits in the rest of the 900", 900.0, True),
    ("how much have i got left for my sisters lego out of the 400?", 400.0, True),
    ("a toaster with whats left", None, True), ("the rest of my 1.2k", 1200.0, True),
    ("300 total, mens jeans first", 300.0, False), ("air purifier and a vacuum, 500 for both", 500.0, False),
    ("gaming laptop plus headset, 1200 all in", 1200.0, False)])
def test_a_budget_for_everything(message, amount, left):
    said = budget_said(message)
    assert said is not None and (said.amount, said.left) == (amount, left)


@pytest.mark.parametrize("message", ["one out of the 5 shown", "3 out of 5 stars", "i need 2 in total",
                                     "headphones around 300", "whats the total"])
def test_counts_ratings_and_single_prices_are_no_budget_for_everything(message):
    assert budget_said(message) is None


@pytest.mark.parametrize("message, count", [
    ("i need 5 backpacks, 400 total", 5), ("$400 for 5 backpacks", 5), ("400 for all 5", 5),
    ("need three jackets for the boys, 450 total", 3), ("budget is 200 for 4 tees", 4),
    ("my 2 kids need backpacks, 100 for both", 2), ("two pairs of running shoes, 250 total", 2),
    # sizes, measures, model numbers and a list of different things are no count of the thing searched
    ("size 10 shoes 200 total", None), ("15 inch laptop bag and a mouse, 200 total", None),
    ("2 in 1 vacuum, 300 total", None), ("jeans and 2 tshirts, 150 total", None),
    ("300 total for a jacket and boots", None), ("air purifier and a vacuum, 500 for both", None)])
def test_how_many_things_a_budget_for_everything_buys(message, count):
    assert budget_said(message) is not None and items_counted(message) == count


@pytest.mark.parametrize("message, ceiling", [("need sunscreen and a dress, ~300 total", 300.0),
                                              ("got about 300 to spend. first a backpack", 300.0),
                                              ("phones for my 2 teens, 500 total for both", 500.0),
                                              ("$45 for both", 45.0)])
def test_an_amount_for_everything_is_a_ceiling_not_a_band(message, ceiling):
    assert rules.parse_prices(message) == (None, ceiling)


def test_what_is_left_of_the_budget_after_the_cart_caps_the_search(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "new flat, 400 total. first a kettle")
    assert session.max_price == 400.0 and session.cart_budget == 400.0
    demo_assistant.respond(session, "add the first one")
    spent = demo_assistant.engine.index.product(next(iter(session.cart))).price
    reply = demo_assistant.respond(session, "now a cordless vacuum for whatever is left of the 400")
    left = round(400 - spent, 2)
    assert session.min_price is None and session.max_price == left
    assert reply.products and all(c.product.price <= left for c in reply.products)
    assert f"${left:.2f} is left of your $400.00" in reply.text
    # the budget is kept: "with what's left" and "how much do i have left?" count against it
    assert f"${left:.2f} under your $400.00" in demo_assistant.respond(session, "how much do i have left?").text


def test_a_budget_said_for_everything_then_whats_left_without_the_amount(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "kettles, 100 all in")
    demo_assistant.respond(session, "add the first")
    spent = demo_assistant.engine.index.product(next(iter(session.cart))).price
    reply = demo_assistant.respond(session, "a toaster with whats left")
    assert session.max_price == round(100 - spent, 2)
    assert all(c.product.price <= 100 - spent for c in reply.products)


def test_a_budget_for_n_of_a_thing_caps_each_at_its_share(demo_assistant):
    session = demo_assistant.new_session()
    reply = demo_assistant.respond(session, "$400 for 5 backpacks")
    assert session.max_price == 80.0 and session.cart_budget == 400.0
    assert reply.products and all(c.product.price <= 80 for c in reply.products)
    assert "$400.00 for 5 is up to $80.00 each" in reply.text


def test_forgetting_a_limit_by_its_amount_lifts_it(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "toys under 5")
    reply = demo_assistant.respond(session, "forget the 5 limit. cheapest toys you've got")
    assert session.max_price is None and reply.products


def test_a_budget_for_a_kit_beside_a_ceiling_for_one_item_keeps_both():
    from assistant.budget_left import budget_said, item_ceiling

    said = budget_said("my budget for a running kit is 220. start me with running shoes under 140")
    assert said is not None and said.amount == 220 and not said.left
    assert budget_said("my budget is 220") is None, "one amount alone is the parser's ceiling"
    assert item_ceiling("need a new work outfit, budget 250 total. show me black jeans under 90", 250) == 90
    assert item_ceiling("budget 250 total, jeans", 250) is None
