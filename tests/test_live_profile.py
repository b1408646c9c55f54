"""The loop closes within a session: a known shopper's cart and order move their profile and the ranking."""

from __future__ import annotations

import pytest

from recsys.live_profile import SESSION_SHARE, SessionSignal, blend_session, with_session
from recsys.types import Profile
from retrieval.types import Product


def _product(pid: str, brand: str, category: str, price: float = 50.0) -> Product:
    return Product(pid, f"{brand} {category} {pid}", price, brand=brand, category=category)


def test_a_cart_add_shifts_affinities_and_names_the_product():
    base = Profile("U", n_purchases=20, frequency=5, total_spend=500.0, brand_affinity={"Sony": 1.0},
                   category_affinity={"headphones": 1.0})
    signals = [SessionSignal(_product("P1", "Nike", "running shoes"), "cart")]
    live = with_session(base, "U", signals)
    assert 0.2 <= live.brand_affinity["Nike"] <= SESSION_SHARE and live.brand_affinity["Sony"] < 1.0
    assert sum(live.brand_affinity.values()) == pytest.approx(1.0)
    assert "put in your cart" in live.recent["brand:Nike"] and live.n_purchases == 20, "a cart add is no purchase"
    bought = with_session(base, "U", [SessionSignal(_product("P1", "Nike", "running shoes", 80.0), "purchase", 2)])
    assert (bought.n_purchases, bought.frequency, bought.recency_days) == (22, 6, 0.0)
    assert bought.total_spend == pytest.approx(660.0) and "just ordered" in bought.recent["brand:Nike"]
    assert with_session(base, "U", []) is base
    fresh = with_session(None, "New", signals)
    assert fresh.brand_affinity == {"Nike": 1.0}, "no history: the session is all there is"


def test_blend_gives_the_session_its_slots():
    class C:
        def __init__(self, pid):
            self.product = _product(pid, "B", "c")

    ranked = [C(p) for p in ("a", "b", "c", "x", "y")]
    assert [c.product.product_id for c in blend_session(ranked, {"x", "y"}, 5)] == ["x", "a", "y", "b", "c"]
    assert [c.product.product_id for c in blend_session(ranked, set(), 3)] == ["a", "b", "c"]


def test_recommend_follows_what_a_known_shopper_just_put_in_the_cart(assistant):
    session = assistant.new_session("U1")  # U1 only ever bought Sony
    shown = assistant.respond(session, "jackets").products
    added = shown[0].product
    assistant.respond(session, "add the first one")
    picks = assistant.respond(session, "recommend me something").products
    first = picks[0].product
    assert added.product_id not in {c.product.product_id for c in picks}, "not the carted product again"
    assert first.category == added.category or first.brand == added.brand
    assert any("in your cart" in reason for reason in picks[0].reasons)

    guest = assistant.new_session()
    assistant.respond(guest, "jackets")
    assistant.respond(guest, "add the first one")
    assert not any("in your cart" in r for c in assistant.respond(guest, "recommend me something").products
                   for r in c.reasons), "a guest's cart is not a profile"
    off = assistant.new_session("U1", personalize=False)
    assistant.respond(off, "jackets")
    assistant.respond(off, "add the first one")
    assert not any("in your cart" in r for c in assistant.respond(off, "recommend me something").products
                   for r in c.reasons), "personalisation off: nothing personal"
