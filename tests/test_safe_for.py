"""'are they oven safe?' asks about a quality of the list shown, not for ovens."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def demo_assistant(request):
    from tests.dialogue_plugin import dialogue_runner

    return dialogue_runner(request.config).assistant_for({})


@pytest.mark.parametrize("question", ["are they oven safe?", "which ones are microwave safe"])
def test_a_use_a_product_is_safe_for_names_no_product(demo_assistant, question):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "saucepan set")
    reply = demo_assistant.respond(session, question)
    assert reply.intent.kind == "refine" and not session.cart
    assert reply.products and all("saucepan" in c.product.title.lower() for c in reply.products)
