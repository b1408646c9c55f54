"""Short messages about the list on screen stay on it: words that name no kind of product refine the list,
a question about "it" or about a place on the list is answered about that item."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("message", ["slim fit instead?", "lighter wash?", "rtx 4060?"])
def test_words_naming_no_kind_refine_the_list_on_screen(demo_assistant, message):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "levis jeans for men")
    reply = demo_assistant.respond(session, message)
    assert reply.intent.kind == "refine" and reply.products, message
    assert all(c.product.category == "jeans" for c in reply.products), message
    assert "don't have" not in reply.text


def test_a_thing_the_shop_never_heard_of_is_no_refinement_of_the_list(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "levis jeans for men")
    assert demo_assistant.respond(session, "bandsaw?").intent.kind != "refine"


def test_a_feature_asked_of_a_place_or_of_it_is_answered_about_that_item(demo_assistant):
    session = demo_assistant.new_session()
    shown = [c.product.product_id for c in demo_assistant.respond(session, "garmin watches").products]
    reply = demo_assistant.respond(session, "battery life on the 2nd")
    assert reply.intent.kind == "details" and reply.products[0].product.product_id == shown[1]
    reply = demo_assistant.respond(session, "how big is it")
    assert reply.intent.kind == "details" and reply.products[0].product.product_id == shown[1]
