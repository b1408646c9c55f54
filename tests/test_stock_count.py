"""'How many laptops do you have under 800?' is answered with the catalog's count, not the page's five."""

from __future__ import annotations

import re

import pytest

from assistant.stock_count import asks_how_many


@pytest.mark.parametrize("message", ["how many laptops do you have under 800?", "how many garmins have you got",
                                     "how many of those are in stock"])
def test_a_count_of_products_is_asked(message):
    assert asks_how_many(message)


@pytest.mark.parametrize("message", ["how many reviews does it have", "how many litres is it",
                                     "how many items are in my cart", "how many in my basket?"])
def test_a_count_of_other_things_is_not(message):
    assert not asks_how_many(message)


def _said(reply) -> int:
    found = re.search(r"I have (\d+) ", reply.text)
    assert found, reply.text
    return int(found[1])


def test_the_count_is_the_catalogs_under_the_searchs_constraints(demo_assistant):
    products = demo_assistant.engine.index.products
    session = demo_assistant.new_session()
    reply = demo_assistant.respond(session, "how many laptops do you have under 800?")
    assert session.category == "laptops" and session.max_price == 800
    assert _said(reply) == sum(p.category == "laptops" and p.price is not None and p.price <= 800 for p in products)
    assert len(reply.products) == 5  # the page is still one page


def test_a_kind_within_the_aisle_is_counted_by_its_titles(demo_assistant):
    products = demo_assistant.engine.index.products
    session = demo_assistant.new_session()
    reply = demo_assistant.respond(session, "how many blenders do u have")
    assert _said(reply) == sum("blender" in p.title.lower() for p in products) < sum(
        p.category == "kitchen" for p in products)


@pytest.mark.parametrize("message, kind", [("which colours does it come in?", "colours"),
                                           ("what brands of headphones do you carry?", "brands"),
                                           ("whats the range of prices for blenders", "prices"),
                                           ("is it waterproof?", None), ("what colour is the first one", None)])
def test_questions_about_what_the_shop_has(message, kind):
    from assistant.aisle_facts import asked_fact

    assert asked_fact(message) == kind


def test_the_brands_and_prices_are_those_of_every_match_not_the_page(demo_assistant):
    products = demo_assistant.engine.index.products
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "blender")
    shown = list(session.shown)
    reply = demo_assistant.respond(session, "whats the price range?")
    blenders = [p.price for p in products if "blender" in p.title.lower()]
    assert f"${min(blenders):.2f} to ${max(blenders):.2f}" in reply.text and session.shown == shown
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "laptop")
    reply = demo_assistant.respond(session, "which brands do you have?")
    brands = {p.brand for p in products if p.category == "laptops"}
    assert f"from {len(brands)} brands" in reply.text and all(b in reply.text for b in brands)
