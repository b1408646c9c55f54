"""A title said whole picks that product, on screen or not; a list's pick said as a sentence of its own is added
before the request after it; a swap for "a cheaper one" shows cheaper items of that kind and changes nothing."""

from __future__ import annotations

from assistant.exact_title import said_title
from retrieval.types import Product


def _p(pid: str, title: str) -> Product:
    return Product(product_id=pid, title=title, price=10.0, description="", category="jeans", brand="Levi's",
                   color="Black")


def test_the_whole_title_said_picks_it_and_a_part_of_one_picks_nothing():
    stretch = _p("A", "Levi's 511 Slim Stretch Slim Jeans - Black")
    mens = _p("B", "Levi's 511 Slim Men's Jeans - Black")
    assert said_title("add the Levi's 511 Slim Stretch Slim Jeans - Black", [mens, stretch]) is stretch
    assert said_title("add the levis 511 slim jeans", [mens, stretch]) is None
    dash = _p("C", "Lodge L8SK3 Stainless Frying Pan - Black")
    comma = _p("D", "Lodge L8SK3 Stainless Frying Pan, Black")
    assert said_title("add the Lodge L8SK3 Stainless Frying Pan, Black", [dash, comma]) is comma
    assert said_title("add the lodge l8sk3 stainless frying pan black", [dash, comma]) is None  # which of the two


def _find(assistant, title):
    return next(p for p in (assistant.engine.index.product(f"P{i:05d}") for i in range(1, 2401))
                if p is not None and p.title == title)


def test_an_add_by_its_whole_title_adds_that_product_when_another_like_it_is_on_screen(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "jeans")
    wanted = _find(demo_assistant, "Levi's 511 Slim Stretch Slim Jeans - Black")
    assert wanted.product_id not in session.shown
    demo_assistant.respond(session, "add the Levi's 511 Slim Stretch Slim Jeans - Black")
    assert list(session.cart) == [wanted.product_id]


def test_a_pick_said_alone_then_another_thing_adds_the_pick_and_looks_for_the_thing(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "table lamps")
    first = session.shown[0]
    reply = demo_assistant.respond(session, "the first one. and the yellow ikea blanket too")
    assert session.cart[first] == 1  # the pick; and no lamp for "the yellow ikea blanket"
    assert all("blanket" in demo_assistant.engine.index.product(pid).title.lower() for pid in session.cart
               if pid != first)
    assert any("blanket" in c.product.title.lower() for c in reply.products)


def test_a_swap_for_a_cheaper_one_shows_cheaper_items_of_that_kind_and_keeps_the_cart(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "a frying pan")
    demo_assistant.respond(session, "add the cheapest")
    demo_assistant.respond(session, "now a kettle")
    demo_assistant.respond(session, "add the first one")
    kettle = demo_assistant.engine.index.product(session.last_added)
    cart = dict(session.cart)
    reply = demo_assistant.respond(session, "actually swap that kettle for a cheaper one")
    assert session.cart == cart
    assert reply.products and all("Kettle" in c.product.title and c.product.price < kettle.price
                                  for c in reply.products)
    cheaper = reply.products[0].product
    demo_assistant.respond(session, "swap the kettle for the first one")
    assert cheaper.product_id in session.cart and kettle.product_id not in session.cart


def test_a_new_kind_asked_for_both_right_after_an_add_is_a_search_not_an_add(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "dinner for 8, need a frying pan")
    demo_assistant.respond(session, "the lodge white one, add")
    cart = dict(session.cart)
    reply = demo_assistant.respond(session, "and a dutch oven and a chef's knife, 150 for both")
    assert session.cart == cart and reply.intent.kind in ("search", "refine")
    titles = [c.product.title for c in reply.products]
    assert any("Dutch Oven" in t for t in titles) and any("Knife" in t for t in titles)
    assert all(c.product.price <= 150 for c in reply.products)


def test_a_variant_and_a_screen_size_said_in_an_add_must_be_the_items(demo_assistant):
    from assistant.earlier_lists import named

    said = named("add the gold 16 inch macbook pro", demo_assistant.engine.vocab)
    pro = Product("A", "Apple MacBook Pro M4 16-inch Laptop - Gold", 919.99, category="laptops", brand="Apple",
                  color="Gold")
    air = Product("B", "Apple MacBook Air M3 Lightweight 15-inch Laptop - Gold", 899.99, category="laptops",
                  brand="Apple", color="Gold")
    assert said.fits(pro) and not said.fits(air)


def test_a_model_number_the_parser_read_as_a_price_is_dropped(demo_assistant):
    from assistant.reading import read_extras
    from assistant.types import DialogueState, Intent

    state = DialogueState(category="jeans", brand="Levi's", query="levis 501s")
    read, notes = read_extras(Intent("refine", min_price=501.0), "what waist sizes do the mens 501 come in", state,
                              demo_assistant.engine.vocab)
    assert read.min_price is None and notes
    kept, _ = read_extras(Intent("refine", max_price=501.0), "under $501 please", state, demo_assistant.engine.vocab)
    assert kept.max_price == 501.0


def test_a_swap_for_an_item_named_from_an_earlier_list_puts_that_item_in(demo_assistant):
    session = demo_assistant.new_session()
    throws = [c.product for c in demo_assistant.respond(session, "ikea throw blanket").products]
    demo_assistant.respond(session, "add the first one")
    old = throws[0]
    wanted = next(p for p in throws[1:] if p.brand == old.brand and p.color != old.color
                  and sum(q.color == p.color for q in throws) == 1)
    lamps = demo_assistant.respond(session, "table lamp").products
    assert all("blanket" not in c.product.title.lower() for c in lamps)
    demo_assistant.respond(session, f"swap the throw for the {wanted.brand.lower()} {wanted.color.lower()} one")
    assert list(session.cart) == [wanted.product_id], "the named throw in the old one's place, no lamp"
    demo_assistant.respond(session, "swap the throw for the ikea purple polka dot one")
    assert list(session.cart) == [wanted.product_id], "nothing shown is that: the cart is kept"
