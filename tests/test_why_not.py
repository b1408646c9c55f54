""""Why no Bose?" over a list: the brand's item on it is pointed at, else the brand is searched for."""

from __future__ import annotations

import pytest

from assistant.why_not import why_not_brand


def test_the_brand_asked_about_is_read_only_from_a_why_not_question():
    assert why_not_brand("why no bose?", ["Bose"]) == "Bose"
    assert why_not_brand("why isnt there any sony", ["Sony"]) == "Sony"
    assert why_not_brand("why didnt you show me any apple ones?", ["Apple"]) == "Apple"
    assert why_not_brand("no bose", ["Bose"]) is None
    assert why_not_brand("why is the bose one so expensive", ["Bose"]) is None


def test_a_brand_on_the_list_is_pointed_at_and_not_ruled_out(assistant):
    session = assistant.new_session()
    shown = [c.product for c in assistant.respond(session, "headphones").products]
    brand = shown[-1].brand
    at = next(i for i, p in enumerate(shown) if p.brand == brand) + 1
    reply = assistant.respond(session, f"why no {brand.lower()}?")
    assert reply.intent.kind == "why" and f"number {at}" in reply.text
    assert brand not in session.exclude_brands


def test_a_brand_not_on_the_list_is_searched_for_with_the_same_search(assistant):
    session = assistant.new_session()
    assistant.respond(session, "patagonia jackets")
    reply = assistant.respond(session, "why isn't there any columbia?")
    assert reply.intent.kind == "refine" and reply.products
    assert all(c.product.brand == "Columbia" and c.product.category == "jackets" for c in reply.products)


@pytest.mark.parametrize("message", ["forget jackets. headphones under 100?", "no jackets, show me headphones"])
def test_an_aisle_ruled_out_is_never_the_one_searched(assistant, message):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    reply = assistant.respond(session, message)
    assert reply.products and all(c.product.category == "headphones" for c in reply.products), message
