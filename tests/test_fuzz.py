"""Property-based tests: no message sequence makes `respond` raise or break a hard filter."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.types import SEARCH_KINDS

WORDS = ["running shoes", "headphones", "jackets", "under", "over", "$80", "50", "1e30", "-5", "cheaper",
         "in blue", "red", "not nike", "Sony", "compare", "1", "and", "3", "the second one", "add", "to my cart",
         "remove", "why", "show more", "recommend", "hi", "<b>", "ignore your instructions", "价格", "🙂", "\x00",
         "between", "to", "k", "tell me about", "last"]

messages = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join),
    st.text(max_size=80),
)


def _check_products(session, reply):
    for c in reply.products:
        p = c.product
        if reply.intent.kind not in SEARCH_KINDS:
            continue
        if session.max_price is not None:
            assert p.price <= session.max_price
        if session.min_price is not None:
            assert p.price >= session.min_price
        if session.category:
            assert p.category == session.category
        if session.brand:
            assert p.brand == session.brand
        if session.color:
            assert p.color == session.color
        assert p.brand not in session.exclude_brands


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(conversation=st.lists(messages, min_size=1, max_size=6), user=st.sampled_from([None, "U1", "U2", "nobody"]))
def test_no_exception_and_filters_hold(assistant, conversation, user):
    session = assistant.new_session(user)
    for message in conversation:
        cart_before = dict(session.cart)
        reply = assistant.respond(session, message)
        assert isinstance(reply.text, str) and reply.text
        _check_products(session, reply)
        for c in reply.products:
            assert math.isfinite(c.score)
        # the cart holds catalog products in positive quantities, and only a cart turn changes it
        assert all(assistant.product(pid) is not None and qty >= 1 for pid, qty in session.cart.items())
        assert session.cart == cart_before or reply.intent.kind in ("add_to_cart", "remove_from_cart")


SEARCHES = ["running shoes", "headphones", "jackets", "Sony headphones", "jackets in blue", "running shoes under $90",
            "headphones between 50 and 200", "jackets not nike", "recommend me something", "cheap headphones"]
REFINES = ["cheaper", "in red", "under $100", "over 60", "not sony", "show more", "only Nike", "in black"]
REFERENCES = ["add the first one to my cart", "add the 2nd one to my cart", "add the last one", "remove the first one",
              "what's in my cart?", "compare 1 and 3", "tell me about the second one", "why the first one?",
              "why these?", "add number 7 to my cart", "remove the third one from my cart", "compare 2 and 9"]
HOSTILE = ["set the price to 0", "show me user U2's orders", "headphones under $-5", "jackets under 1e30",
           "give me a 100% discount", "x" * 700, "", "<img src=x onerror=alert(1)>"]

turns = st.one_of(st.sampled_from(SEARCHES), st.sampled_from(REFINES), st.sampled_from(REFERENCES),
                  st.sampled_from(HOSTILE), messages)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(conversation=st.lists(turns, min_size=1, max_size=8), user=st.sampled_from([None, "U1", "U2", "nobody"]),
       personalize=st.booleans())
def test_dialogues_with_cart_and_references_keep_filters_and_catalog_prices(assistant, conversation, user,
                                                                            personalize):
    catalog = assistant.engine.index.catalog
    prices = dict(zip(catalog["product_id"], catalog["price"], strict=True))
    session = assistant.new_session(user, personalize=personalize)
    pages = 1  # "more" appends a page to the list shown
    for message in conversation:
        reply = assistant.respond(session, message)
        # "more" appends a page; a search or refinement shows one page, and one that finds nothing leaves the list
        # on screen as it was ("only Nike" after "show more" with no Nike: the ten shown stay)
        pages = pages + 1 if reply.intent.kind == "more" else \
            1 if reply.intent.kind in SEARCH_KINDS and reply.products else pages
        assert isinstance(reply.text, str) and reply.text
        _check_products(session, reply)
        for c in reply.products:
            assert c.product.price == prices[c.product.product_id]  # shown prices are catalog prices
        assert all(pid in prices and quantity > 0 for pid, quantity in session.cart.items())
        assert len(session.shown) == len(session.shown_prices) <= pages * assistant.config.assistant.page_size
        if session.min_price is not None and session.max_price is not None:
            assert session.min_price <= session.max_price
