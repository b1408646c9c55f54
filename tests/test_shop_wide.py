"""The shop's cheapest of a kind, asked while a list is on screen, is looked for in the whole aisle; a pick by
price that names a kind picks among the shown items of that kind; a word said in place of one searched for
replaces it."""

from __future__ import annotations

import pytest

from assistant import rules
from assistant.on_the_list import replaced_words
from assistant.parser import shown_references


@pytest.mark.parametrize("message", ["thats a lot. cheapest vacuum u got?", "cheapest basketball overall?",
                                     "ok whats the cheapest thing in the whole shop then lol",
                                     "cheapest air purifier from any brand?",
                                     "is there anything cheaper than that at all?"])
def test_the_shops_extreme_is_asked_of_its_stock(message):
    assert rules.SHOP_WIDE.search(message)


@pytest.mark.parametrize("message", ["which of these is the cheapest?", "add the cheapest one",
                                     "the cheapest of those"])
def test_a_pick_from_the_list_is_not_asked_of_the_stock(message):
    assert not rules.SHOP_WIDE.search(message)


def test_the_cheapest_of_a_kind_u_got_over_a_list_is_the_aisles_cheapest(assistant):
    catalog = assistant.engine.index.catalog
    cheapest = catalog.loc[catalog["category"] == "jackets", "price"].min()
    session = assistant.new_session()
    shown = assistant.respond(session, "best rated jackets over 150").products
    assert min(c.product.price for c in shown) > cheapest  # the list on screen lacks the cheapest
    for message in ("thats a lot. cheapest jacket u got?", "any jacket cheaper than that at all?"):
        reply = assistant.respond(session, message)
        assert reply.intent.kind != "details" and reply.products, message
        assert min(c.product.price for c in reply.products) == cheapest, message


def test_the_cheapest_kettle_is_picked_among_the_kettles_shown(demo_assistant):
    catalog = demo_assistant.engine.index.catalog
    vocab = demo_assistant.engine.vocab
    kettle = next(demo_assistant.engine.index.product(p) for p in catalog.loc[
        catalog["title"].str.contains("Kettle"), "product_id"])
    pan = next(demo_assistant.engine.index.product(p) for p in catalog.loc[
        catalog["title"].str.contains("Frying Pan") & (catalog["price"] < kettle.price), "product_id"])

    class Shown:
        def __init__(self, product):
            self.product = product

    assert shown_references("add the cheapest kettle", [Shown(kettle), Shown(pan)], vocab) == (1,)
    assert shown_references("add the cheapest one", [Shown(kettle), Shown(pan)], vocab) == (2,)


def test_a_word_in_place_of_one_searched_for_replaces_it():
    titles = ["Nike Trail Running Shoes", "Brooks Trail Running Shoes", "Hoka Road Running Shoes",
              "Asics Road Running Shoes", "Nike Lightweight Trail Shoes"]
    assert replaced_words(["trail", "running", "shoes"], ["road"], titles) == {"trail"}
    assert replaced_words(["trail", "running", "shoes"], ["lightweight"], titles) == set()  # said together


def test_road_ones_over_trail_shoes_are_road_shoes(demo_assistant):
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "trail running shoes")
    reply = demo_assistant.respond(session, "nvm show me road ones")
    assert reply.products and "trail" not in session.query
    assert all("Trail" not in c.product.title for c in reply.products)
    assert any("Road" in c.product.title for c in reply.products)


def test_most_reviewed_orders_by_review_count():
    from assistant.ordering import REVIEWS, order_said

    assert order_said("most reviewed headphones") == REVIEWS
    assert order_said("sort by number of reviews") == REVIEWS
    assert order_said("best reviewed headphones") != REVIEWS


def test_most_reviewed_headphones_come_most_reviewed_first(assistant):
    reply = assistant.respond(assistant.new_session(), "most reviewed headphones")
    counts = [c.product.review_count or 0 for c in reply.products]
    assert reply.products and counts == sorted(counts, reverse=True)


def test_nothing_under_asked_is_a_ceiling_said_flat_is_a_floor():
    assert rules.parse_prices("really? nothing under 100?") == (None, 100.0)
    assert rules.parse_prices("watches, nothing under 100") == (100.0, None)


def test_an_aisle_ruled_out_with_isnt_is_left_out(assistant):
    reply = assistant.respond(assistant.new_session(), "anything under 300 that isnt a jacket?")
    assert reply.products and all(c.product.category != "jackets" for c in reply.products)


def test_the_basket_an_add_puts_it_in_picks_nothing(assistant):
    session = assistant.new_session()
    shown = assistant.respond(session, "jackets").products
    cheapest = min(range(len(shown)), key=lambda i: shown[i].product.price)
    reply = assistant.respond(session, "stick the cheapest one in the basket")
    assert reply.intent.references == (cheapest + 1,) and list(session.cart) == [shown[cheapest].product.product_id]


def test_an_order_said_is_no_product_and_plurals_in_es_find_their_titles(assistant):
    from assistant.evidence import noun_phrase
    from assistant.ordering import _spells

    assert noun_phrase("smartwatches between 50 and 100 best rated first", assistant.engine.vocab) == "smartwatches"
    assert _spells({"galaxy", "smartwatch"}, "smartwatches") and _spells({"mat"}, "mats")


def test_the_cheapest_mens_are_not_only_the_titles_saying_mens(demo_assistant):
    catalog = demo_assistant.engine.index.catalog
    session = demo_assistant.new_session()
    reply = demo_assistant.respond(session, "cheapest t shirts you got, mens")
    assert session.gender == "men" and reply.products
    cut = catalog[(catalog["category"] == "t-shirts") & catalog["gender"].fillna("").isin(["men", "unisex", ""])]
    assert reply.products[0].product.price == cut["price"].min()


def test_cheaper_than_that_at_all_lifts_the_floor(assistant):
    session = assistant.new_session()
    shown = assistant.respond(session, "jackets between 100 and 400").products
    assistant.respond(session, "tell me about the first one")
    price = shown[0].product.price
    assistant.respond(session, "is there anything cheaper than that at all in jackets?")
    assert session.min_price is None and session.max_price == round(price - 0.01, 2)


def test_cheaper_than_the_brand_on_the_list_is_under_its_price_not_that_brand(assistant):
    session = assistant.new_session()
    shown = [c.product for c in assistant.respond(session, "jackets").products]
    brands = [p.brand for p in shown]
    at = next(i for i, b in enumerate(brands) if brands.count(b) == 1)
    assistant.respond(session, f"is there anything cheaper than the {brands[at].lower()} at all, any size?")
    assert session.brand is None and session.max_price == round(shown[at].price - 0.01, 2)


def test_a_sort_asked_is_no_step_down(assistant):
    from assistant.reading import read_extras
    from assistant.types import DialogueState, Intent

    state = DialogueState(category="jackets", shown=["a"], shown_prices=[100.0])
    read, _ = read_extras(Intent("refine", cheaper=True), "sort those lowest price first", state,
                          assistant.engine.vocab)
    assert read.order == "price" and not read.cheaper


def test_a_kind_within_an_aisle_named_by_it_comes_first_from_all_matches(demo_assistant):
    """"show me sony earbuds": earbuds are headphones too, but most headphones titles are not earbuds, so the
    earbuds come first, from every match rather than the first page only."""
    catalog = demo_assistant.engine.index.catalog
    sony = catalog[(catalog["brand"] == "Sony") & (catalog["category"] == "headphones")]
    assert sony["title"].str.contains("Earbuds").sum() >= 5 and not sony["title"].str.contains("Earbuds").all()
    reply = demo_assistant.respond(demo_assistant.new_session(), "show me sony earbuds")
    assert len(reply.products) == 5 and all("Earbuds" in c.product.title for c in reply.products)
    running = demo_assistant.respond(demo_assistant.new_session(), "running shoes")
    assert "Only" not in running.text  # every running shoe is one: no kind within that aisle


def test_the_cheapest_of_a_brands_line_is_picked_among_that_line(demo_assistant):
    """"add the cheapest lego city" over Lego City and cheaper Lego Friends sets: the cheapest Lego City."""
    catalog = demo_assistant.engine.index.catalog
    vocab = demo_assistant.engine.vocab
    lego = catalog[catalog["brand"] == "Lego"]
    city = [demo_assistant.engine.index.product(p) for p in lego.loc[lego["title"].str.contains(" City "),
                                                                      "product_id"]][:2]
    other = next(demo_assistant.engine.index.product(p) for p in lego.loc[
        ~lego["title"].str.contains(" City ") & (lego["price"] < min(c.price for c in city)), "product_id"])

    class Shown:
        def __init__(self, product):
            self.product = product

    shown = [Shown(city[0]), Shown(other), Shown(city[1])]
    cheaper_city = 1 if city[0].price <= city[1].price else 3
    assert shown_references("add the cheapest lego city", shown, vocab) == (cheaper_city,)
    assert shown_references("add the cheapest lego", shown, vocab) == (2,)


def test_the_cheapest_of_the_ones_a_word_describes(demo_assistant):
    """"add the cheapest gaming one" over gaming and other laptops: the cheapest that says gaming."""
    catalog = demo_assistant.engine.index.catalog
    vocab = demo_assistant.engine.vocab
    laptops = catalog[catalog["category"] == "laptops"]
    gaming = laptops[laptops["title"].str.contains("Gaming")].sort_values("price")
    cheaper = laptops[~laptops["title"].str.contains("Gaming") & (laptops["price"] < gaming["price"].min())]
    product = demo_assistant.engine.index.product

    class Shown:
        def __init__(self, product):
            self.product = product

    shown = [Shown(product(gaming["product_id"].iloc[1])), Shown(product(cheaper["product_id"].iloc[0])),
             Shown(product(gaming["product_id"].iloc[0]))]
    assert shown_references("add the cheapest gaming one", shown, vocab) == (3,)
    assert shown_references("add the cheapest one", shown, vocab) == (2,)


def test_a_brand_of_everyday_words_after_from_is_the_brand_and_free_in_it_rules_nothing_out(demo_assistant):
    """"anything from free people?": Free People dresses, no "from"-free ones; "the cheapest free people one"."""
    session = demo_assistant.new_session()
    demo_assistant.respond(session, "dresses")
    reply = demo_assistant.respond(session, "anything from free people?")
    assert session.brand == "Free People" and not session.exclude_terms
    assert reply.products and all(c.product.brand == "Free People" for c in reply.products)
    demo_assistant.respond(session, "add the cheapest free people one")
    assert [demo_assistant.engine.index.product(p).brand for p in session.cart] == ["Free People"]
