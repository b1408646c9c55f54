"""A bigger or smaller one than the one looked at keeps the list to sizes past it."""

from __future__ import annotations

import pytest

from assistant.size_step import SizeStep, asked_step, complained_of, size_rank


@pytest.mark.parametrize("size, rank", [("XS", 1), ("xl", 5), ("W32", 32), ('13"', 13), ("256GB", 256),
                                        ("100ml", 100), ("40L", 40), ("", None), ("nan", None)])
def test_a_listed_size_has_its_place(size, rank):
    assert size_rank(size) == rank


@pytest.mark.parametrize("message, step", [("is there a bigger one?", 1), ("any smaller ones?", -1),
                                           ("a size up?", 1), ("something more compact", -1),
                                           ("nothing bigger than 50 bucks", 0), ("running shoes", 0)])
def test_the_step_asked(message, step):
    assert asked_step(message) == step


def test_a_size_complained_of_is_the_reference_not_the_size_asked():
    message = "hmm thats only 30ml? is there a bigger one"
    assert complained_of(message, message.index("30ml"))
    message = "a bigger one, like 50ml"
    assert not complained_of(message, message.index("50ml"))
    assert SizeStep(1, "30ml").keeps("100ml") and not SizeStep(1, "30ml").keeps("15ml")
    assert SizeStep(-1, "M").keeps("S") and not SizeStep(-1, "M").keeps(None)


def test_a_bigger_one_than_the_one_looked_at_is_bigger(demo_assistant):
    session = demo_assistant.new_session()
    shown = [c.product for c in demo_assistant.respond(session, "backpacks").products]
    small = min(range(len(shown)), key=lambda i: size_rank(shown[i].size) or 0)
    demo_assistant.respond(session, f"tell me about number {small + 1}")
    reply = demo_assistant.respond(session, "is there a bigger one?")
    than = size_rank(shown[small].size)
    assert reply.intent.kind == "refine" and reply.products
    assert all(c.product.category == "backpacks" and size_rank(c.product.size) > than for c in reply.products)
    assert "don't have" not in reply.text


def test_the_size_complained_of_is_not_the_size_asked_for(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "moisturizer")
    reply = demo_assistant.respond(session, "hmm thats only 30ml? is there a bigger one")
    assert reply.products and all(size_rank(c.product.size) > 30 for c in reply.products)
    assert session.size is None


class _AroundParser:
    """What a model reads of "what about 10.5" or "do you have them in 29 as well": a refine around that price."""

    def read(self, message, state):
        from assistant.parser import Parsed
        from assistant.rules import around
        from assistant.types import Intent

        low, high = around(10.5) if "10.5" in message else (29.0, None)
        return Parsed(Intent("refine", min_price=low, max_price=high), "lm")

    def parse(self, message, state):
        return self.read(message, state).intent


@pytest.mark.parametrize("first, message, size", [("sneakers", "what about 10.5", "10.5"),
                                                  ("womens jeans", "do u have them in 29 as well", "W29")])
def test_a_size_said_alone_is_no_price_whatever_the_model_read(demo_assistant, first, message, size):
    from assistant.loop import Assistant

    chat = Assistant(demo_assistant.engine, _AroundParser())
    session = chat.new_session()
    demo_assistant.respond(session, first)
    reply = chat.respond(session, message)
    assert reply.intent.size == size and reply.intent.min_price is None and reply.intent.max_price is None
    assert reply.products  # not "I couldn't find sneakers between $8.40 and $12.60"
