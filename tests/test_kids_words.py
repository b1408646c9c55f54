"""Children named beside a product ("a toaster the kids can use") keep the product's aisle; children named with no
product ("a present for my 4yo nephew") send the search to where the shop keeps children's things."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("message, category", [("a toaster, something cheap the kids can use safely", "kitchen"),
                                               ("a present for my 4yo nephew", "toys"),
                                               ("what would u recommend for a 3yo instead, under 20", "toys"),
                                               ("can you suggest a car seat for my newborn", None)])
def test_the_aisle_of_a_request_that_names_children(demo_assistant, message, category):
    from assistant.evidence import noun_phrases

    phrases = noun_phrases(message, demo_assistant.engine.vocab, asked_first=False)
    assert (phrases[0] == "toys for kids") == (category == "toys")


def test_children_asked_for_in_a_worn_aisle_cut_for_adults_only_are_told_these_are_adult_sizes():
    from assistant.kids_sizes import ADULT_SIZES, ChildCuts

    cuts = ChildCuts([("jackets", "women"), ("jackets", "men"), ("toys", ""), ("sneakers", "unisex")])
    assert cuts.note("do you do kids jackets? my daughter is 8", "jackets") == ADULT_SIZES
    assert cuts.note("a jacket for my son, hes 10", "jackets") == ADULT_SIZES
    assert cuts.note("a jacket for a 10 year old", "jackets") == ADULT_SIZES
    assert cuts.note("lego for my son", "toys") is None  # toys are cut for no one
    assert cuts.note("a warm jacket for my husband", "jackets") is None
    assert ChildCuts([("jackets", "girls"), ("jackets", "men")]).note("kids jackets", "jackets") is None


def test_the_girls_ones_narrow_the_list_to_the_womens_cut(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "sneakers")
    reply = demo_assistant.respond(session, "show me the girls ones")
    assert reply.intent.kind == "refine" and session.gender == "women"
    assert "adult sizes, not children's" in reply.text
