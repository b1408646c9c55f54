"""A laptop said as what a bag must hold is what the bag is for, not the product asked for."""

from __future__ import annotations

import pytest

from assistant.carried import carried_laptop


@pytest.mark.parametrize("message, aisle", [
    ("i have a 16 inch macbook, what backpack should i get", None),
    ("does the kanken fit a 15 inch macbook?", "backpacks"),
    ("need one that takes a 16 inch laptop", "backpacks"),
    ("carrying my laptop in a tote every day is wrecking my shoulder", None),  # the tote is the bag it is in now
])
def test_a_laptop_a_bag_holds_is_read_as_a_laptop_backpack(message, aisle):
    said = carried_laptop(message, aisle)
    assert "laptop backpack" in said and "inch" not in said and "macbook" not in said


@pytest.mark.parametrize("message, aisle", [
    ("a 15 inch macbook for my son", None), ("for my son, 15 inch", "laptops"), ("macbook air or dell xps", None),
])
def test_a_laptop_asked_for_is_left_alone(message, aisle):
    assert carried_laptop(message, aisle) == message


def test_the_search_stays_with_bags(request):
    from tests.dialogue_plugin import dialogue_runner

    bot = dialogue_runner(request.config).assistant_for({})
    reply = bot.respond(bot.new_session(), "i have a 16 inch macbook, what backpack should i get")
    assert reply.intent.category == "backpacks" and reply.intent.brand is None and reply.products
    assert all(c.product.category == "backpacks" for c in reply.products)


def test_taking_a_laptop_out_is_no_bag_for_it():
    message = "take the laptop out, I'll have a think about that one"
    assert carried_laptop(message, "backpacks") == message
