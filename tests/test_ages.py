"""A child's age said by the shopper keeps out toys listed for older children."""

from __future__ import annotations

import pytest

from assistant.ages import child_age, fits_age, listed_min_age
from retrieval.types import Product

OLDER = Product("T1", "Lego Technic Car", 49.99, "Whether it is ages 8 and up or just every day, it has you covered.")
YOUNGER = Product("T2", "Lego Duplo Train", 29.99, "Made for ages 3 and up.")
SILENT = Product("T3", "Hasbro Jenga", 14.99, "A game the whole family can play.")


@pytest.mark.parametrize(("said", "age"), [("a present for my granddaughter, she's turning 4", 4),
                                           ("gift for a 6 yr old", 6), ("my 4yo nephew", 4), ("aged ten", 10),
                                           ("he's 6 ft tall", None), ("lasts 5 years at least", None),
                                           ("for my mum, she is 84", None), ("iphone 15", None)])
def test_a_childs_age_is_read_only_in_the_forms_shoppers_use(said, age):
    assert child_age(said) == age


def test_a_listing_for_older_children_does_not_fit_a_younger_one():
    assert (listed_min_age(OLDER), listed_min_age(YOUNGER), listed_min_age(SILENT)) == (8, 3, None)
    assert not fits_age(OLDER, 4) and fits_age(YOUNGER, 4) and fits_age(SILENT, 4) and fits_age(OLDER, 10)


@pytest.mark.parametrize("said", ["need jeans for my son 15, he's a 30 waist", "my other son (11) wants a basketball",
                                  "my 17 yo son wants an iphone", "for my daughter, she is 12",
                                  "gift for my niece age 7"])
def test_an_age_is_no_price_and_no_list_position(said):
    from assistant import rules

    assert rules.parse_prices(said) == (None, None)
    assert rules.parse_references(said, allow_bare_numbers=True) == ()


@pytest.mark.parametrize("said, bounds", [("jeans for my son 15", (None, None)),
                                          ("my son is 9, lego under 40", (None, 40.0)),
                                          ("around 100", (80.0, 120.0)), ("a laptop, 1.2k max", (None, 1200.0)),
                                          ("he turns 58, at 58 he deserves a nice watch", (None, None)),
                                          ("size 10 shoes, 10 bucks max", (None, 10.0)),
                                          ("a jacket for -20 kind of cold", (None, None)),
                                          ("new balance trail shoes mens 11", (None, None))])
def test_the_models_price_bounds_are_amounts_the_message_says(said, bounds):
    """The LM's bounds are kept only where the message says that amount (an age is no price)."""
    from assistant.lm.parser import _without_unsaid_prices
    from assistant.types import DialogueState, Intent

    decoded = {"jeans for my son 15": (15.0, None), "my son is 9, lego under 40": (9.0, 40.0),
               "around 100": (80.0, 120.0), "a laptop, 1.2k max": (None, 1200.0),
               "he turns 58, at 58 he deserves a nice watch": (58.0, None),
               "size 10 shoes, 10 bucks max": (None, 10.0), "a jacket for -20 kind of cold": (None, 20.0),
               "new balance trail shoes mens 11": (8.8, 13.2)}[said]
    kept = _without_unsaid_prices(Intent("search", min_price=decoded[0], max_price=decoded[1]), said, DialogueState())
    assert (kept.min_price, kept.max_price) == bounds


@pytest.mark.parametrize("said", ["running shoes with good cushion, my size is 44", "hiking backpack, 20-25 litres",
                                  "the 15in one"])
def test_a_size_or_a_measure_is_no_list_position_and_no_price(said):
    from assistant import rules

    assert rules.parse_references(said, allow_bare_numbers=True) == ()
    assert rules.parse_prices(said) == (None, None)
    assert rules.parse_references("add 2", allow_bare_numbers=True) == (2,)


@pytest.mark.parametrize("said, refs, taken", [("she's a 7.5", (7,), True),
                                               ("my other son (11) wants one", (11,), True),
                                               ("add the 2nd one", (2,), False), ("the sony one", (3,), False),
                                               ("add 2", (2,), False)])
def test_a_position_the_model_read_from_a_size_or_an_age(said, refs, taken):
    from assistant.lm.parser import _number_not_a_position

    assert _number_not_a_position(refs, said) is taken
