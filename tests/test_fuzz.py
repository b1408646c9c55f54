"""Property-based tests: no message sequence makes `respond` raise or break a hard filter."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
        if reply.intent.kind not in ("search", "refine", "more", "recommend"):
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
        reply = assistant.respond(session, message)
        assert isinstance(reply.text, str) and reply.text
        _check_products(session, reply)
        for c in reply.products:
            assert math.isfinite(c.score)
        assert sum(session.cart.values()) >= 0
