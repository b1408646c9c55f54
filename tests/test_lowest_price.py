"""'Is that the lowest price?' answered from the catalog's prices, among the item's own kind."""

import pandas as pd
import pytest

from assistant.lowest_price import asks_lowest, lowest_answer
from retrieval.types import Product


@pytest.mark.parametrize(("message", "asked"), [
    ("is that the lowest price?", True), ("is this the cheapest one you have?", True),
    ("thats the cheapest you've got?", True), ("lowest price you have?", True),
    ("whats the cheapest blender you have", False), ("show me the cheapest", False), ("cheaper ones?", False),
    ("is the cheapest one water resistant", False), ("is the cheapest one any good", False),  # about that one
])
def test_which_messages_ask_whether_an_item_is_the_cheapest(message, asked):
    assert asks_lowest(message) is asked


def _catalog():
    return pd.DataFrame({"product_id": ["a", "b", "c"], "category": ["kitchen"] * 3,
                         "title": ["Acme Blender - Black", "Zed Blender - Red", "Acme Kettle - White"],
                         "price": [60.0, 45.0, 20.0]})


def test_the_cheapest_of_its_kind_not_of_its_aisle():
    blender = Product("b", "Zed Blender - Red", 45.0, category="kitchen")
    said = lowest_answer(blender, _catalog(), {"blender", "kettle"}, "USD")
    assert said.startswith("\nYes") and "cheapest blender" in said and "of 2" in said  # the kettle is no blender
    dearer = Product("a", "Acme Blender - Black", 60.0, category="kitchen")
    said = lowest_answer(dearer, _catalog(), {"blender", "kettle"}, "USD")
    assert said.startswith("\nNo") and "Zed Blender - Red" in said and "45" in said


@pytest.mark.parametrize("first, asked, brand", [("dyson vacuum", "cheapest dyson?", "Dyson"),
                                                 ("le creuset", "whats the cheapest le creuset?", "Le Creuset")])
def test_the_cheapest_of_a_brand_asked_over_a_list_is_the_shops_cheapest(demo_assistant, first, asked, brand):
    session = demo_assistant.new_session()
    shown = demo_assistant.respond(session, first).products
    reply = demo_assistant.respond(session, asked)
    catalog = demo_assistant.engine.index.catalog
    theirs = catalog[(catalog["brand"] == brand) & (catalog["category"] == shown[0].product.category)]
    assert reply.products[0].product.price == theirs["price"].min(), "the shop's cheapest, not the list's"
    assert not session.cart
    picked = demo_assistant.respond(session, "which is the cheapest of these?").products
    assert len(picked) >= 1 and not session.cart  # of the list: a pick among those shown


def test_a_list_asked_cheapest_first_is_in_price_order_whatever_was_shown_before(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "wireless earbuds under 100")
    reply = demo_assistant.respond(session, "how much r the cheapest airpods")
    prices = [c.product.price for c in reply.products]
    assert prices and prices == sorted(prices) and all(c.product.brand == "Apple" for c in reply.products)
