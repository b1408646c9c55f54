"""Sizes read against the sizes each aisle lists (`assistant.sizes`)."""

import pytest

from assistant.sizes import SizeChart, fits

CHART = SizeChart([("dresses", "S"), ("dresses", "M"),
                   ("running shoes", "10"), ("running shoes", "10.5"), ("jeans", "W28"), ("jeans", "W32"),
                   ("t-shirts", "L"), ("t-shirts", "XL"), ("smartphones", "256GB"), ("smartphones", "512GB"),
                   ("laptops", '14"'), ("laptops", '16"'), ("watches", "38mm"), ("beauty", "50ml"),
                   ("backpacks", "30L"), ("toys", "")])


@pytest.mark.parametrize("message, category, size", [
    ("size 10", "running shoes", "10"), ("sz 10.5 pls", "running shoes", "10.5"),
    ("also add it in M for my friend", "dresses", "M"), ("tshirt navy M", "dresses", "M"),
    ("any in 28 waist?", "jeans", "W28"), ("w32", "jeans", "W32"), ("size 32", "jeans", "W32"),
    ("mens, size L", "t-shirts", "L"), ("XL", "t-shirts", "XL"), ("extra large please", "t-shirts", "XL"),
    ("what about 512gb", "smartphones", "512GB"), ("with at least 256 GB", "smartphones", "256GB"),
    ("only 14 inch ones", "laptops", '14"'), ('16" screens?', "laptops", '16"'),
    ("womens watch 38mm", "watches", "38mm"), ("what about 50ml", "beauty", "50ml"),
    ("around 30 litres please", "backpacks", "30L"), ("in M please", "dresses", "M"),
    ("in a large pls", "t-shirts", "L"), ("plain tshirts mens XL, cotton, under 25", "t-shirts", "XL"),
    ("tshirts. xl. black or navy", "t-shirts", "XL"), ("mens fleece, L, under 150", "t-shirts", "L"),
    ("a dress for my mom, M.", "dresses", "M"),
    ("is it available with less storage, like 256?", "smartphones", "256GB"),
    ("the 512 storage one", "smartphones", "512GB"),
    ("does it come in 512", "smartphones", "512GB"), ("got them in 256?", "smartphones", "256GB"),
    ("do you have them in 28 as well", "jeans", "W28"),
    ("i need a 10, womens", "running shoes", "10"), ("im a 10.5", "running shoes", "10.5"),
    ("she wears a 10", "running shoes", "10"),
])
def test_a_size_the_aisle_lists_is_read_in_the_catalogs_spelling(message, category, size):
    said = CHART.read(message, category)
    assert said is not None and said.value == size, message


@pytest.mark.parametrize("message, category", [
    ("under 10", "running shoes"), ("size 15", "running shoes"), ("a 2-pack", "t-shirts"), ("size 10", "toys"),
    ("size 10", None), ("large family tent", "backpacks"), ("in black", "t-shirts"), ("1tb", "smartphones"),
    ("what sizes does the first one come in?", "dresses"),  # the "s" of "sizes" is no size S
    ("in medium weight cotton", "dresses"), ("M&S dresses", "dresses"), ("L.L.Bean tee", "t-shirts"),
    ("a dress, m", "dresses"),  # a lone small letter is no size
    ("more storage, under $256", "smartphones"),  # a price, not a size
    ("i need a 10 dollar one", "running shoes"), ("he's a 10 year old", "running shoes"),
])
def test_no_size_is_read_where_the_aisle_lists_none_like_it(message, category):
    assert CHART.read(message, category) is None, message


def test_a_products_size_fits_whatever_its_case_and_spacing():
    assert fits("W32", "w32") and fits("256 GB", "256GB") and not fits("10.5", "10") and not fits("", "10")
