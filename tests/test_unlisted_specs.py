"""Specs no listing states (RAM, model year, 5G): a question about one is answered plainly, and a search that asks
for one goes on without it, saying so; a spec some listing of the aisle states is left to the search."""

from __future__ import annotations

import pytest

from assistant.unlisted_specs import SpecCoverage, unstated_asked
from retrieval.types import Product


def _product(pid, title, category, description=""):
    return Product(pid, title, 100.0, description, category, "Brand", "black", "", 4.0, 10, "", True)


LAPTOPS = [_product("L1", "Acer Swift Go 14-inch Laptop - Silver", "laptops", "An OLED screen. About 1.2 kg."),
           _product("L2", "HP Envy 16-inch Laptop - Grey", "laptops", "A touchscreen folds back.")]
PHONES = [_product("P1", "OnePlus 12R 5G Phone 256GB - Black", "smartphones"),
          _product("P2", "Nokia G42 Phone 128GB (Blue)", "smartphones")]


@pytest.mark.parametrize("message, label", [("how much ram does it have", "RAM"), ("what year is it", "model year"),
                                            ("does the second one have 16gb of ram?", "RAM"),
                                            ("which ones have a 4k screen?", "screen resolution")])
def test_a_question_about_a_spec_no_listing_states(message, label):
    assert unstated_asked(message, LAPTOPS).label == label


@pytest.mark.parametrize("message", ["add the one with more ram", "ram laptop", "w 16gb ram?"])
def test_a_stated_spec_or_no_question_is_left_alone(message):
    assert unstated_asked(message, LAPTOPS) is None


def test_a_spec_some_listing_of_the_aisle_states_stays_in_the_search():
    coverage = SpecCoverage([*LAPTOPS, *PHONES])
    unstated = coverage.unstated_in_search("looking for a laptop with 16gb ram", "laptops")
    assert unstated.spec.label == "RAM" and unstated.rest == "looking for a laptop" and "16gb ram" in unstated.said
    assert coverage.unstated_in_search("phone with 5g", "smartphones") is None  # the OnePlus says 5G
    assert coverage.unstated_in_search("laptop with 5g", "laptops").spec.label == "5G support"


def test_on_the_demo_shop_ram_is_no_screen_size_and_is_answered_plainly(demo_assistant):
    session = demo_assistant.new_session()
    reply = demo_assistant.respond(session, "looking for a laptop with 16gb ram under 1200")
    assert "states the RAM" in reply.text
    assert any('16"' != c.product.size for c in reply.products), "not read as 16-inch laptops"
    assert all(c.product.price <= 1200 for c in reply.products)
    reply = demo_assistant.respond(session, "does the second one have 16gb of ram?")
    assert "doesn't state the RAM" in reply.text and session.cart == {}
