"""The list on screen said again, unchanged, when the shopper asks to hear it again."""

from __future__ import annotations

import pytest

from assistant.repeat import asks_again


@pytest.mark.parametrize("message", ["repeat that please", "say that again", "read the list again",
                                     "sorry, come again?", "can you read me the options", "what were they again?"])
def test_asking_to_hear_the_list_again(message):
    assert asks_again(message)


@pytest.mark.parametrize("message", ["repeat the order from last week", "same again", "read reviews of the first one",
                                     "what were the prices like last year"])
def test_other_requests_are_not_a_repeat(message):
    assert not asks_again(message)


def test_the_list_is_said_again_unchanged_and_nothing_is_searched(assistant):
    session = assistant.new_session()
    first = assistant.respond(session, "headphones under 200")
    again = assistant.respond(session, "repeat that please")
    assert [c.product.product_id for c in again.products] == [c.product.product_id for c in first.products]
    assert again.text.startswith("Here is the list again:") and "1. " in again.text
    assert session.max_price == 200 and session.category == "headphones"


@pytest.mark.parametrize("message", ["how many results are there", "how many did you find"])
def test_how_many_results_counts_the_search_on_screen(assistant, message):
    session = assistant.new_session()
    first = assistant.respond(session, "headphones")
    reply = assistant.respond(session, message)
    catalog = assistant.engine.index.catalog
    total = int((catalog["category"] == "headphones").sum())
    assert reply.intent.kind == "refine" and f"I have {total} headphones that match" in reply.text
    assert [c.product.product_id for c in reply.products] == [c.product.product_id for c in first.products]
