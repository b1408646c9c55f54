"""A price asked for a number of one item ("how much for 5 of the first one") is answered from the catalog, and the
cart is left as it is."""

from __future__ import annotations

import pytest

from assistant.quantity_price import asked_count, item_words


@pytest.mark.parametrize("message, count", [
    ("how much for 5 of the first one", 5), ("how much would 3 of them cost", 3),
    ("whats the price of 4 of the second", 4), ("price for 2?", 2), ("what would two of those come to", 2),
    ("how much for a dozen", 12), ("total for 6 of the cheapest one?", 6), ("what'd 3 cost", 3),
    ("price per shirt if i buy 5 of the cheapest one?", 5), ("how much would it be if we get 3", 3)])
def test_a_price_asked_for_a_number_of_items(message, count):
    assert asked_count(message) == count


@pytest.mark.parametrize("message", [
    "add 5 of the first one", "make it 3", "how much is the first one", "how much for 2 day shipping",
    "how much for $40 headphones", "whats the price of the 2nd", "how many are in stock", "price under 50",
    "how much for 5 stars", "what would you pick"])
def test_no_price_for_a_number_of_items(message):
    assert asked_count(message) is None


def test_the_words_after_the_count_name_the_item():
    assert item_words("how much for 5 of the cheapest backpack?") == "the cheapest backpack"


def test_a_price_for_five_of_one_item_leaves_the_cart_alone(demo_assistant):
    session = demo_assistant.new_session()
    shown = demo_assistant.respond(session, "backpacks").products
    assert len(shown) >= 2
    reply = demo_assistant.respond(session, "how much for 5 of the second one")
    second = shown[1].product
    assert not session.cart
    assert f"${second.price * 5:,.2f}" in reply.text and second.title in reply.text
    reply = demo_assistant.respond(session, "how much for 3")  # the one just priced, in focus
    assert not session.cart and f"${second.price * 3:,.2f}" in reply.text
    demo_assistant.respond(session, "add 3 of it")
    assert list(session.cart.values()) == [3]
