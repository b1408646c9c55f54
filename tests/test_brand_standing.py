"""A brand's standing asked ("is anker a good brand?") is answered from the shop's own ratings and reviews."""

import pandas as pd
import pytest

from assistant.brand_standing import brand_asked_about, brand_standing


@pytest.mark.parametrize(("message", "brands", "asked"), [
    ("is anker a good brand? never heard of it", ["Anker"], "Anker"),
    ("is levis a good brand or overrated?", ["Levi's"], "Levi's"),
    ("what do you think of skullcandy?", ["Skullcandy"], "Skullcandy"),
    ("how good is bose", ["Bose"], "Bose"),
    ("is the ninja one any good? how big is it", ["Ninja"], None),  # the item, not the brand
    ("is the first one a nike?", ["Nike"], None),
    ("sony or bose, which is a good brand?", ["Sony", "Bose"], None),
    ("headphones from a good brand", [], None),
])
def test_which_brand_a_message_asks_the_standing_of(message, brands, asked):
    found = brand_asked_about(message, brands)
    assert (found.brand if found else None) == asked


def test_the_question_is_left_out_of_what_is_asked_of_an_item():
    message = "ok the first one sounds good, is nike a good brand?"
    left = brand_asked_about(message, ["Nike"]).left_out_of(message)
    assert "brand" not in left and "first one" in left


def _catalog():
    rows = [("a", "Acme Kettle", "Acme", "kitchen", 4.0, 10), ("b", "Acme Toaster", "Acme", "kitchen", 5.0, 30),
            ("c", "Acme Lamp", "Acme", "home", 1.0, 100), ("d", "Other Kettle", "Other", "kitchen", 2.0, 60),
            ("e", "Acme Mug", "Acme", "kitchen", 5.0, 1)]
    return pd.DataFrame(rows, columns=["product_id", "title", "brand", "category", "rating", "review_count"])


def test_the_standing_is_the_review_weighted_rating_in_the_aisle_asked_about():
    said = brand_standing("Acme", _catalog(), "kitchen")
    # (4*10 + 5*30 + 5*1) / 41 = 4.76; the aisle: (195 + 2*60) / 101 = 3.12; the lamp (other aisle) left out
    assert "3 listed in kitchen" in said and "4.8/5 on average from 41 reviews" in said and "3.1/5" in said
    assert "Best rated: Acme Toaster (5.0/5 from 30 reviews)" in said  # not the mug's one review
    everywhere = brand_standing("Acme", _catalog(), "toys")  # no Acme toys: all of Acme
    assert "4 listed," in everywhere and "everything here" in everywhere
    assert "nothing from Zeta" in brand_standing("Zeta", _catalog(), None)
