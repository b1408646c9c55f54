"""A shown item picked by its size: one in that size is the pick; none or several, and nothing is added."""

from __future__ import annotations

import pytest

from assistant.size_pick import size_pick
from assistant.sizes import SizeChart
from retrieval.types import Product

CHART = SizeChart([("jackets", s) for s in ("XS", "S", "L", "XL", "XXL")]
                  + [("smartphones", "256GB"), ("smartphones", "512GB"), ("kitchen", "")])


def _p(pid: str, category: str, size: str) -> Product:
    return Product(product_id=pid, title=f"Item {pid}", price=10.0, description="", category=category, brand="B",
                   color="Black", size=size)


JACKETS = [_p("1", "jackets", "XXL"), _p("2", "jackets", "S"), _p("3", "jackets", "L"), _p("4", "jackets", "XXL")]
PHONES = [_p("1", "smartphones", "512GB"), _p("2", "smartphones", "256GB"), _p("3", "smartphones", "512GB")]


@pytest.mark.parametrize("message, shown, size, positions", [
    ("add the small one", JACKETS, "S", (2,)), ("the large one pls", JACKETS, "L", (3,)),
    ("add the xxl one", JACKETS, "XXL", (1, 4)), ("add the xl one", JACKETS, "XL", ()),
    ("add the 256 one", PHONES, "256GB", (2,)), ("add the 512gb one", PHONES, "512GB", (1, 3)),
    ("add the black one in L", JACKETS, "L", (3,)), ("the black one in a small pls", JACKETS, "S", (2,)),
    ("add the first one in size XL", JACKETS, "XL", ())])
def test_the_size_said_picks_the_items_listed_in_it(message, shown, size, positions):
    picked = size_pick(message, shown, CHART)
    assert picked is not None and picked.size == size and picked.positions == positions
    assert (picked.reply() is None) == (len(positions) == 1)


@pytest.mark.parametrize("message, shown", [("add the small one", [_p("1", "kitchen", ""), _p("2", "kitchen", "")]),
                                            ("add the first one", JACKETS), ("add the black one", JACKETS)])
def test_no_size_pick_where_the_aisle_lists_no_such_size(message, shown):
    assert size_pick(message, shown, CHART) is None


def test_an_add_of_a_size_nothing_shown_is_in_adds_nothing(demo_assistant):
    session = demo_assistant.new_session()
    shown = demo_assistant.respond(session, "mens t-shirts").products
    sizes = {c.product.size for c in shown}
    absent = next(s for s in ("XS", "S", "M", "L", "XL", "XXL") if s not in sizes)
    present = next(s for s in sizes if [c.product.size for c in shown].count(s) == 1)
    said = {"S": "small", "M": "medium", "L": "large"}
    reply = demo_assistant.respond(session, f"add the {said.get(absent, absent.lower())} one")
    assert not session.cart and f"size {absent}" in reply.text
    demo_assistant.respond(session, f"add the {said.get(present, present.lower())} one")
    assert [demo_assistant.product(pid).size for pid in session.cart] == [present]


def test_a_size_and_a_colour_said_together_pick_the_one_item_with_both(demo_assistant):
    session = demo_assistant.new_session()
    shown = [c.product for c in demo_assistant.respond(session, "iphone").products]
    size = next(s for s in {p.size for p in shown} if sum(p.size == s for p in shown) >= 2)
    wanted = next(p for p in shown if p.size == size
                  and sum(q.size == size and q.color == p.color for q in shown) == 1)
    demo_assistant.respond(session, f"add the {size.lower()} one in {wanted.color.lower()}")
    assert list(session.cart) == [wanted.product_id]


def test_a_page_filled_out_with_other_sizes_says_so_and_an_add_of_another_size_is_noted(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "white sneakers")
    reply = demo_assistant.respond(session, "size 10?")
    sizes = [c.product.size for c in reply.products]
    fit = sizes.count("10")
    assert 0 < fit < len(sizes) and f"Only {fit} of these" in reply.text
    other = next(i for i, s in enumerate(sizes) if s != "10")
    reply = demo_assistant.respond(session, f"add number {other + 1}")
    assert f"listed in size {sizes[other]}, not the 10 you asked for" in reply.text
    reply = demo_assistant.respond(session, f"add number {sizes.index('10') + 1}")
    assert "not the 10" not in reply.text
