"""The shop picks one item when asked to choose, and "add it" next adds that one."""

from __future__ import annotations

import pytest

from assistant.pick_one import asks_pick


@pytest.mark.parametrize("message", ["just pick one for me", "which of those would u get", "u decide",
                                     "what would you get?", "ok your pick?"])
def test_asking_the_shop_to_choose(message):
    assert asks_pick(message)


@pytest.mark.parametrize("message", ["pick up in store?", "add the one you would get and a case", "which is cheaper"])
def test_other_messages_ask_no_pick(message):
    assert not asks_pick(message)


def test_the_pick_is_the_best_rated_shown_and_add_it_adds_it(assistant):
    session = assistant.new_session()
    shown = [c.product for c in assistant.respond(session, "headphones").products]
    best = max(shown, key=lambda p: (p.rating or 0, p.review_count or 0))
    reply = assistant.respond(session, "just pick one for me")
    assert reply.text.startswith(f"I'd pick {best.title}") and session.cart == {}
    assistant.respond(session, "ok add it")
    assert session.cart == {best.product_id: 1}


def test_better_for_the_same_money_is_the_price_band_best_rated_first(assistant):
    session = assistant.new_session()
    looked = assistant.respond(session, "headphones").products[1].product
    assistant.respond(session, "tell me about the second one")
    reply = assistant.respond(session, "anything better for the same money?")
    low, high = reply.intent.min_price, reply.intent.max_price
    assert reply.intent.kind == "refine" and low < looked.price < high and reply.intent.order == "rating"
    assert "don't have" not in reply.text and all(low <= c.product.price <= high for c in reply.products)
