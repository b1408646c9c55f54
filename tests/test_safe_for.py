"""'are they oven safe?' asks about a quality of the list shown, not for ovens."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("question", ["are they oven safe?", "which ones are microwave safe"])
def test_a_use_a_product_is_safe_for_names_no_product(demo_assistant, question):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "saucepan set")
    reply = demo_assistant.respond(session, question)
    assert reply.intent.kind == "refine" and not session.cart
    assert reply.products and all("saucepan" in c.product.title.lower() for c in reply.products)


def test_a_quality_said_as_free_of_something_is_looked_for_as_said(demo_assistant):
    from assistant.reading import mentions

    session = demo_assistant.new_session()
    demo_assistant.respond(session, "serum")
    reply = demo_assistant.respond(session, "show me only the cruelty free ones")
    assert reply.products and all(mentions(c.product, "cruelty-free") for c in reply.products)
