"""A gift for someone the shopper says nothing about is a request for gift ideas, cut for them, on its budget."""

from __future__ import annotations

import pytest

from assistant.genders import cut_for
from assistant.gifts import gift_request


@pytest.mark.parametrize("message, said", [("gift for my dad under 50", "gift ideas for my dad under 50"),
                                           ("a present for my sister", "gift ideas for my sister"),
                                           ("xmas present for my boss, around 30",
                                            "gift ideas for my boss between 24 and 36")])
def test_a_gift_for_someone_described_by_nothing_asks_for_ideas(demo_assistant, message, said):
    found = gift_request(message, demo_assistant.engine.vocab)
    assert found is not None and found.message == said and found.interest == ""


@pytest.mark.parametrize("message, said, interest", [
    ("Gifts for office team, 3 people, $20 each max. generic stuff anyone would like",
     "gift ideas for office team under 20", ""),
    ("secret santa at work, limit is $25. coworker is a guy, likes running", "something for running under 25",
     "running"),
    ("gift for my dad, he's a big tea drinker, under 50", "something for tea under 50", "tea"),
    ("xmas stuff for work: 1 gift for my boss, both coffee people", "something for coffee", "coffee")])
def test_gifts_for_a_group_at_work_and_interests_said_of_a_kind_of_people(demo_assistant, message, said, interest):
    found = gift_request(message, demo_assistant.engine.vocab)
    assert found is not None and (found.message, found.interest) == (said, interest)


@pytest.mark.parametrize("message", ["gift for my nephew, he is 9, budget 20", "present for my 4yo niece",
                                     "running shoes for my boyfriend's bday", "gift for my kid"])
def test_a_gift_for_a_child_or_naming_a_product_is_left_as_said(demo_assistant, message):
    assert gift_request(message, demo_assistant.engine.vocab) is None


def test_a_gift_for_dad_is_ideas_for_him_under_the_budget_not_a_search_for_dad(demo_assistant):
    session = demo_assistant.new_session()
    reply = demo_assistant.respond(session, "gift for my dad under 50")
    assert reply.intent.kind == "recommend" and reply.products
    assert "don't have" not in reply.text and "what they're into" in reply.text
    assert all(c.product.price <= 50 and cut_for(c.product, "men") for c in reply.products)
    # the aisle named next is on the gift's budget
    reply = demo_assistant.respond(session, "kitchen stuff maybe")
    assert reply.products and all(c.product.category == "kitchen" and c.product.price <= 50 for c in reply.products)


def test_a_gift_for_a_child_said_with_he_is_is_looked_for_among_toys(demo_assistant):
    reply = demo_assistant.respond(demo_assistant.new_session(), "gift for my nephew, he is 9, budget 20")
    assert reply.products and all(c.product.category == "toys" and c.product.price <= 20 for c in reply.products)
    assert "don't have" not in reply.text
