"""Why the list is in its order: what it is sorted by, how the first compares, and that nothing is paid for."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.why_first import SPONSORED_ANSWER, asks_sponsored, asks_why_first, order_explained
from retrieval.types import Product

_SHOWN = [Product("a", "Bose QC45", 107.99, rating=3.0, review_count=4),
          Product("b", "Beats Studio", 86.99, rating=4.3, review_count=59),
          Product("c", "Anker Q30", 38.99, rating=3.0, review_count=2)]


@pytest.mark.parametrize("message, first, sponsored", [
    ("why is the first one first? is it actually the best rated of these?", True, False),
    ("why is a 2.6 rated sony at the top and the 4.3 jbl third", True, False),
    ("why put the bose first", True, False), ("are any of these sponsored?", False, True),
    ("why these?", False, False), ("why are these tops so pricey", False, False)])
def test_the_questions(message, first, sponsored):
    assert asks_why_first(message) == first and asks_sponsored(message) == sponsored


def test_the_order_said_with_the_best_rated_and_the_cheapest():
    said = order_explained(_SHOWN, None, "headphones")
    assert "matches what you asked for ('headphones')" in said
    assert "The best rated here is Beats Studio (rated 4.3/5 from 59 reviews)" in said
    assert "The cheapest here is Anker Q30 at $38.99" in said
    said = order_explained(_SHOWN[1:], "rating", "headphones")
    assert "sorted best rated first" in said and "It is also the best rated of these." in said


def test_why_first_over_a_list_answers_from_it(assistant):
    session = assistant.new_session()
    shown = [c.product for c in assistant.respond(session, "jackets").products]
    reply = assistant.respond(session, "why is the first one first? is it actually the best rated?")
    assert reply.intent.kind == "why" and reply.text.startswith("The list is ranked")
    assert shown[0].title in reply.text
    assert assistant.respond(session, "are any of these sponsored?").text.startswith(SPONSORED_ANSWER)
    assert not session.cart


def test_a_budget_said_again_after_a_complaint_is_the_budget():
    from assistant import rules

    assert rules.parse_prices("none of those are size 10 and half are over 120?? i said under 120") == (None, 120.0)
    assert rules.parse_prices("those are 80, i said under 50") == (None, 50.0)


def test_two_brands_on_the_list_set_against_each_other_are_compared(assistant):
    from assistant.parser import brand_references

    shown = [SimpleNamespace(product=Product("a", "Nike Runner", 80.0, brand="Nike")),
             SimpleNamespace(product=Product("b", "Brooks Ghost", 120.0, brand="Brooks"))]
    said = "why would i pay for brooks when nike is cheaper? whats the difference"
    assert sorted(brand_references(said, shown, assistant.engine.vocab)) == [1, 2]
    assert brand_references("i like nike and brooks", shown, assistant.engine.vocab) == ()


def test_one_with_lots_of_reviews_orders_the_list(assistant):
    from assistant.ordering import REVIEWS, order_said

    assert order_said("what about one with lots of reviews") == REVIEWS
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    reply = assistant.respond(session, "that has like 2 reviews, is that really the best? what about one with lots "
                                       "of reviews")
    counts = [c.product.review_count or 0 for c in reply.products]
    assert reply.intent.kind == "refine" and counts == sorted(counts, reverse=True)


def test_the_catch_with_a_cheap_one_is_said_from_the_listing(assistant):
    from assistant.why_first import asks_catch, catch_explained

    assert asks_catch("whats the catch with the anker one, its way cheaper") and asks_catch("why is it so cheap?")
    said = catch_explained(_SHOWN[2], _SHOWN)
    assert said.startswith("Anker Q30 costs $38.99, $58.50 less than the others shown on average.")
    assert "The best rated shown is Beats Studio" in said and "so few reviews" in said
    session = assistant.new_session()
    shown = [c.product for c in assistant.respond(session, "jackets").products]
    brands = [p.brand for p in shown]
    at = next(i for i, b in enumerate(brands) if brands.count(b) == 1)
    reply = assistant.respond(session, f"whats the catch with the {brands[at].lower()} one")
    assert reply.intent.kind == "details" and reply.text.startswith(shown[at].title) and not session.cart
    assert "than the others shown on average" in reply.text


@pytest.mark.parametrize("message", ["is this chat sponsored?", "do you get paid to recommend certain brands?"])
def test_paid_for_asked_with_nothing_on_screen_is_answered(assistant, message):
    session = assistant.new_session()
    reply = assistant.respond(session, message)
    assert "Nothing here is sponsored" in reply.text and not reply.products


@pytest.mark.parametrize("message", ["Am I talking to a real person?", "are you a bot", "is this a real person or ai"])
def test_who_answers_is_said_plainly(assistant, message):
    reply = assistant.respond(assistant.new_session(), message)
    assert "automated assistant, not a person" in reply.text and not reply.products


def test_a_real_leather_bag_is_no_question_who_answers():
    from assistant.why_first import asks_who_answers

    assert not asks_who_answers("is this a real leather bag?")
