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
