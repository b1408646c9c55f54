"""Why the list is in its order: what it is sorted by, how the first compares, and that nothing is paid for."""

from __future__ import annotations

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
