"""'Is that the lowest price?' answered from the catalog's prices, among the item's own kind."""

import pandas as pd
import pytest

from assistant.lowest_price import asks_lowest, lowest_answer
from retrieval.types import Product


@pytest.mark.parametrize(("message", "asked"), [
    ("is that the lowest price?", True), ("is this the cheapest one you have?", True),
    ("thats the cheapest you've got?", True), ("lowest price you have?", True),
    ("whats the cheapest blender you have", False), ("show me the cheapest", False), ("cheaper ones?", False),
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
