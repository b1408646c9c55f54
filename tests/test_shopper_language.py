"""Shopper wordings the independent development set showed the parsers misreading, on a small catalog.

Each case is a kind of wording, not a message from the set: brands written without "The" or the
possessive, product lines named first in titles, the category a product goes with, a new kind of
product in the same category, brand exclusions in casual phrasing.
"""

from __future__ import annotations

import pandas as pd
import pytest

from assistant.parser import RuleParser
from assistant.reading import read_extras
from assistant.types import DialogueState
from assistant.validate import new_kind_of_product, validate_intent
from assistant.vocab import CatalogVocab

ROWS = [
    # title, brand, category
    ("The North Face Nuptse Puffer Jacket - Black", "The North Face", "jackets"),
    ("The North Face Nuptse Down Jacket (Blue)", "The North Face", "jackets"),
    ("The North Face Nuptse Short Jacket - Red", "The North Face", "jackets"),
    ("Levi's 501 Original Jeans (Blue)", "Levi's", "jeans"),
    ("Levi's 511 Slim Jeans - Black", "Levi's", "jeans"),
    ("Apple iPhone 15 Phone 128GB (Pink)", "Apple", "smartphones"),
    ("Apple iPhone 15 Phone 256GB - Black", "Apple", "smartphones"),
    ("Apple iPhone 16 Phone 128GB - White", "Apple", "smartphones"),
    ("Nokia G42 Phone 128GB (Blue)", "Nokia", "smartphones"),
    ("Parachute Studio Washable Duvet Cover - White", "Parachute", "home"),
    ("Parachute Haven Sateen Duvet Cover - Grey", "Parachute", "home"),
    ("Parachute Hygge Organic Duvet Cover - Beige", "Parachute", "home"),
    ("Columbia Hooded Rain Jacket - Navy", "Columbia", "jackets"),
    ("Dyson V8 Cordless Vacuum - Grey", "Dyson", "home"),
    ("Shark Stratos Cordless Vacuum - Blue", "Shark", "home"),
    ("Tefal Chef Kettle - White", "Tefal", "kitchen"),
    ("Philips Compact Kettle - White", "Philips", "kitchen"),
    ("Philips Daily Toaster - Black", "Philips", "kitchen"),
    ("Tefal Express Toaster (Red)", "Tefal", "kitchen"),
    ("Herschel Classic Laptop Backpack - Black", "Herschel", "backpacks"),
    ("Jansport Right Pack Laptop Backpack (Blue)", "Jansport", "backpacks"),
    ("Dell Inspiron 15 Laptop - Silver", "Dell", "laptops"),
    ("Apple MacBook Air 13 Laptop - Silver", "Apple", "laptops"),
    ("Lego City Fire Station Building Set", "Lego", "toys"),
    ("Hasbro Jenga Classic Game", "Hasbro", "toys"),
    ("Veja Campo Leather Sneakers - White", "Veja", "sneakers"),
    ("Veja Vegan Canvas Sneakers - White", "Veja", "sneakers"),
    ("Veja Chunky Platform Sneakers - Black", "Veja", "sneakers"),
    ("Casio Classic Steel Watch - Silver", "Casio", "watches"),
    ("Garmin Venu GPS Smartwatch - Black", "Garmin", "watches"),
]


def _vocab_of(rows: list[tuple[str, str, str]]) -> CatalogVocab:
    """The vocabulary of a catalog of (title, brand, category) rows without colours."""
    frame = pd.DataFrame(rows, columns=["title", "brand", "category"])
    frame["color"] = ""
    return CatalogVocab.from_catalog(frame)


@pytest.fixture(scope="module")
def vocab() -> CatalogVocab:
    return _vocab_of(ROWS)


@pytest.fixture(scope="module")
def parser(vocab) -> RuleParser:
    return RuleParser(vocab)


def test_brands_without_the_or_the_possessive(vocab):
    assert vocab.mentioned_brands("north face puffer blck") == ["The North Face"]
    assert vocab.mentioned_brands("levi 501s") == ["Levi's"]


def test_a_product_line_is_named_first_in_its_titles(vocab):
    assert vocab.line_brands.get("nuptse") == "The North Face"
    assert vocab.line_brands.get("iphone") == "Apple"  # camel case in the titles: a line though a common word
    # a product type one brand happens to sell comes later in its titles: naming it names no brand
    assert "duvet" not in vocab.line_brands


@pytest.mark.parametrize(("message", "wanted"), [
    ("skool bag that fits a 15in laptop", []),
    ("laptop backpack", ["backpacks"]),
    ("do you sell phone cases?", []),
    ("headphones for my laptop", []),             # headphones are no category of this shop
    ("something for my phone under 300", ["smartphones"]),
    ("white shoes to wear with jeans", []),
    ("laptop under 1000", ["laptops"]),
    ("jeans size 32", ["jeans"]),
    ("a jeans set under 60", ["jeans"]),          # a set, kit or bundle is of the category, no other product
    ("smartphones bundle", ["smartphones"]),
    ("laptop stand", []),
])
def test_the_category_a_product_goes_with_is_not_the_one_wanted(vocab, message, wanted):
    assert vocab.wanted_categories(message) == wanted


def test_a_new_kind_of_product_in_the_same_category_is_a_new_search(vocab, parser):
    state = DialogueState(query="kettle that boils fast", category="kitchen", brand="Philips", max_price=40.0)
    assert new_kind_of_product("toasters under 60?", state, vocab)
    assert not new_kind_of_product("white ones under 60", state, vocab)
    intent, problems = validate_intent(parser.parse("toasters under 60?", state), vocab, state, "toasters under 60?")
    assert intent.kind == "search" and intent.new_product and intent.max_price == 60
    refine, _ = validate_intent(parser.parse("under 30 please", state), vocab, state, "under 30 please")
    assert refine.kind == "refine" and not refine.new_product


def _read(parser, vocab, message, state=None):
    state = state or DialogueState()
    intent, _ = validate_intent(parser.parse(message, state), vocab, state, message)
    return read_extras(intent, message, state, vocab)[0]


@pytest.mark.parametrize(("message", "excluded"), [
    ("my kids say Lego is overrated so leave those out", ("Lego",)),
    ("leave out lego", ("Lego",)),
    ("need something cordless for the fur, not a Dyson though", ("Dyson",)),
    ("are there any that aren't Lego though?", ("Lego",)),
    ("actually scratch the lego, he has a mountain of it", ("Lego",)),
    ("he already has a mountain of Lego, could you show me other brands instead?", ("Lego",)),
])
def test_casual_brand_exclusions(parser, vocab, message, excluded):
    state = DialogueState(query="toys", category="toys")
    intent = _read(parser, vocab, message, state)
    assert (intent.exclude_brands or (intent.exclude_brand,)) == excluded and intent.brand is None


def test_forgetting_the_brand_filter_does_not_ban_the_brand(parser, vocab):
    state = DialogueState(query="nike sneakers", category="jackets", brand="The North Face")
    intent = _read(parser, vocab, "forget north face, any brand is fine", state)
    assert "brand" in intent.clear and not intent.exclude_brands and intent.exclude_brand is None


def test_a_brand_given_as_an_example_is_no_filter(parser, vocab):
    assert _read(parser, vocab, "cordless vacuum, dyson or similar, 300-500").brand is None
    assert _read(parser, vocab, "cordless vacuum from dyson").brand == "Dyson"


def test_words_about_the_shopper_are_not_the_product(parser, vocab):
    state = DialogueState(query="white sneakers", category="sneakers")
    intent = _read(parser, vocab, "not of leather please, i am vegan", state)
    assert intent.kind == "refine" and intent.exclude_terms == ("leather",)


def test_cart_and_details_wordings(parser, vocab):
    state = DialogueState(query="jackets", category="jackets")
    assert parser.parse("cart pls", state).kind == "view_cart"
    assert parser.parse("and not more of 70", state).max_price == 70


def test_lifting_a_constraint_is_no_cart_removal(parser, vocab):
    state = DialogueState(query="laptops", category="laptops", min_price=1500.0)
    state.cart["P1"] = 1
    intent = _read(parser, vocab, "drop the minimum and just show me the dell ones", state)
    assert intent.kind == "refine" and "min_price" in intent.clear and state.cart == {"P1": 1}


def test_a_kind_of_the_category_asked_for_can_be_ruled_out(parser, vocab):
    intent = _read(parser, vocab, "a classic watch rather than a smartwatch... over 200")
    assert intent.category == "watches" and intent.exclude_terms == ("smartwatch",) and intent.min_price == 200
    assert _read(parser, vocab, "he said jackets, not jeans").exclude_terms == ()


def test_references_in_a_refinement_point_at_nothing(parser, vocab):
    state = DialogueState(query="laptops", category="laptops", shown=["a", "b", "c"])
    intent = _read(parser, vocab, "no dell though, my last one had a dodgy keyboard. what else have you got?", state)
    assert intent.references == () and (intent.exclude_brands or (intent.exclude_brand,)) == ("Dell",)


@pytest.mark.parametrize("message", ["whats your returns policy if they dont fit", "can u help me write a cover letter",
                                     "what time is it in Tokyo rn", "lol whats 2+2", "is it going to snow tomorrow?"])
def test_questions_no_product_answers_are_out_of_scope(parser, message):
    assert parser.parse(message, DialogueState()).kind == "out_of_scope"


@pytest.mark.parametrize(("message", "kind"), [
    ("y did u pick these lol", "why"), ("how did you even pick these", "why"),
    ("Thank you so much, you've been really helpful, my mum is going to love it! Have a lovely evening", "greeting"),
    ("The last one is very beautiful. From what material it is made? I am allergic for wool.", "details")])
def test_why_thanks_and_item_questions_in_other_words(parser, message, kind):
    state = DialogueState(query="jackets", category="jackets", shown=["a", "b", "c"])
    assert parser.parse(message, state).kind == kind


# -- what a short message means after a compare, an add or a look at one item -------------------------

def _listing(prices, **extra) -> DialogueState:
    """A state showing one product per price (ids p1, p2, ...), as after a search."""
    from assistant.types import Candidate, Product

    products = [Product(f"p{i}", f"Tefal Kettle {i}", price, category="kitchen", brand="Tefal")
                for i, price in enumerate(prices, 1)]
    state = DialogueState(query="kettle", category="kitchen", shown=[p.product_id for p in products], **extra)
    state.last_candidates = {p.product_id: Candidate(p, 1.0) for p in products}
    return state


@pytest.mark.parametrize(("message", "kind", "refs"), [
    ("great, I'll have both then", "add_to_cart", (2, 4)),
    ("both of those please", "add_to_cart", (2, 4)),
    ("fine, the 4th one", "add_to_cart", (4,)),
    ("the less expensive one thanks", "add_to_cart", (4,)),
    ("I'll take the dearer of the two", "add_to_cart", (2,)),
])
def test_a_pick_after_a_compare_means_the_products_compared(parser, message, kind, refs):
    state = _listing([10.0, 30.0, 20.0, 15.0, 25.0], compared=["p2", "p4"], last_kind="compare")
    intent = parser.parse(message, state)
    assert (intent.kind, intent.references) == (kind, refs)


def test_compared_products_count_only_while_their_list_is_shown(parser):
    state = _listing([10.0, 30.0, 20.0], compared=["p9", "p2"], last_kind="compare")
    assert parser.parse("both please", state).references == (1, 2)  # p9 is no longer on screen


@pytest.mark.parametrize(("message", "refs"), [("how does the first stack up against the third", (1, 3)),
                                               ("what is the difference between the last two", (4, 5))])
def test_compare_wordings(parser, message, refs):
    intent = parser.parse(message, _listing([10.0, 30.0, 20.0, 15.0, 25.0]))
    assert (intent.kind, intent.references) == ("compare", refs)


@pytest.mark.parametrize(("message", "kind", "refs"), [
    ("does it fold flat for storage?", "details", (3,)),
    ("ok stick it in my basket", "add_to_cart", (3,)),
    ("right, add please", "add_to_cart", (3,)),
    ("when will it be back in stock?", "details", (3,)),
])
def test_it_means_the_product_just_looked_at(parser, message, kind, refs):
    state = _listing([10.0, 30.0, 20.0], focus="p3", last_kind="details")
    intent = parser.parse(message, state)
    assert (intent.kind, intent.references) == (kind, refs)


def test_a_question_about_it_right_after_an_add_is_about_that_product(parser):
    state = _listing([10.0, 30.0, 20.0], last_kind="add_to_cart", last_added="p2")
    state.cart["p2"] = 1
    intent = parser.parse("is it dishwasher safe?", state)
    assert (intent.kind, intent.references) == ("details", (2,))


@pytest.mark.parametrize(("message", "kind", "refs"), [
    ("i'll get the second", "add_to_cart", (2,)),
    ("basket the third one for me", "add_to_cart", (3,)),
    ("could you ditch the second cart item", "remove_from_cart", (2,)),
])
def test_cart_verbs_in_other_words(parser, message, kind, refs):
    state = _listing([10.0, 30.0, 20.0])
    state.cart.update({"p1": 1, "p3": 1})
    intent = parser.parse(message, state)
    assert (intent.kind, intent.references) == (kind, refs)


def test_an_excluded_part_is_read_from_its_adjective_in_the_titles(parser, vocab):
    from assistant.reading import has_term
    from assistant.types import Product

    assert _read(parser, vocab, "a rain jacket, ideally without a hood").exclude_terms == ("hood",)
    assert has_term(Product("x", "Columbia Hooded Rain Jacket - Navy", 80.0), "hood")
    assert not has_term(Product("y", "Columbia Rain Jacket - Navy", 80.0), "hood")


def test_nothing_with_an_attribute_excludes_it(parser, vocab):
    state = DialogueState(query="jackets", category="jackets")
    intent = _read(parser, vocab, "nothing with down inside please, it makes me sneeze", state)
    assert intent.kind == "refine" and intent.exclude_terms == ("down",)


@pytest.mark.parametrize(("message", "prices"), [
    ("anything decent under three twenty?", (None, 320.0)),      # a digit and tens, spoken: hundreds
    ("keep it below forty nine ninety nine", (None, 49.99)),     # two and two digits, spoken: cents
    ("a budget upto 250 please", (None, 250.0)),
    ("between 3 and 45 dollars", (3.0, 45.0)),                    # digits as typed are not re-read
])
def test_prices_said_as_spoken(message, prices):
    from assistant import rules

    assert rules.parse_prices(message) == prices


def test_cheaper_than_an_amount_is_a_ceiling_not_a_step_down(parser, vocab):
    from assistant.types import Intent

    state = DialogueState(query="kettle", category="kitchen", shown=["a"], shown_prices=[80.0])
    ruled = _read(parser, vocab, "any cheaper than forty?", state)
    assert ruled.max_price == 40 and not ruled.cheaper
    modelled = read_extras(Intent("refine", max_price=40.0, cheaper=True), "any cheaper than forty?", state, vocab)[0]
    assert not modelled.cheaper  # a model's step down is dropped when the message says the ceiling
    assert _read(parser, vocab, "hmm a bit dear, what else is there", state).cheaper


@pytest.mark.parametrize(("message", "cheaper"), [
    ("which of these are waterproof?", False),  # a question about the list asks no lower price
    ("are any of them stainless steel inside?", False),
    ("which of these are cheaper?", True),
])
def test_a_models_step_down_for_a_question_about_the_list_is_dropped(vocab, message, cheaper):
    from assistant.types import Intent

    state = DialogueState(query="kettle", category="kitchen", shown=["a"], shown_prices=[80.0])
    assert read_extras(Intent("refine", cheaper=True), message, state, vocab)[0].cheaper is cheaper


@pytest.mark.parametrize("message", ["none of these grab me. more please", "more pls 🙂"])
def test_more_at_the_end_of_a_message(parser, message):
    assert parser.parse(message, _listing([10.0, 30.0, 20.0])).kind == "more"


def test_a_line_is_a_word_right_after_its_brand_in_many_titles():
    rows = [(f"Google Pixel {n} Phone 128GB - Black", "Google") for n in range(10)] + \
        [(f"Patagonia Better Sweater Fleece {n}", "Patagonia") for n in range(10)] + [("Nokia G42 Phone", "Nokia")]
    frame = pd.DataFrame(rows, columns=["title", "brand"])
    frame["category"], frame["color"] = "smartphones", ""
    lines = CatalogVocab.from_catalog(frame).line_brands
    assert lines.get("pixel") == "Google"  # fairly rare in English, but always the name right after the brand
    assert "sweater" not in lines          # second after the brand: a kind of product, no line


def test_a_line_within_one_category_names_its_brand_there_only():
    rows = [(f"Samsung Galaxy Watch {n} Smartwatch - Black", "Samsung", "watches") for n in range(10)] + \
        [(f"Casio Classic Watch {n}", "Casio", "watches") for n in range(3)] + \
        [(f"{brand} Galaxy Play Set {n}", brand, "toys") for n in range(3) for brand in ("Lego", "Playmobil")]
    vocab = _vocab_of(rows)
    assert "galaxy" not in vocab.line_brands  # toys of two brands are "Galaxy" sets too
    assert vocab.brand_of_line("a galaxy watch", "watches") == "Samsung"
    assert vocab.brand_of_line("galaxy play set", "toys") is None
    assert vocab.brand_of_line("a galaxy watch") is None


def test_a_brand_no_exclusion_word_governs_is_the_one_wanted(parser):
    from assistant.lm.parser import _with_named_slots
    from assistant.types import Intent

    message = "a laptop for college, apple if it isn't silly money"
    ruled = parser.product_intent(message, DialogueState())
    modelled = Intent("search", category="laptops", exclude_brand="Apple")
    merged = _with_named_slots(modelled, ruled)
    assert merged.brand == "Apple" and merged.exclude_brand is None
    ruled = parser.product_intent("a laptop for college, not apple", DialogueState())
    assert _with_named_slots(modelled, ruled).exclude_brand == "Apple"


def test_going_up_lifts_the_old_ceiling_unless_said_again():
    from assistant.config import AssistantConfig
    from assistant.state import apply_intent
    from assistant.types import Intent

    def after(intent):
        state = DialogueState(query="phones", category="smartphones", max_price=600.0,
                              shown_prices=[350.0, 480.0, 590.0])
        apply_intent(state, intent, AssistantConfig())
        return state.min_price, state.max_price

    assert after(Intent("refine", pricier=True)) == (480.0, None)
    assert after(Intent("refine", pricier=True, max_price=650.0)) == (480.0, 650.0)


def test_closings_and_requests_in_other_words(parser, vocab):
    state = _listing([10.0, 30.0, 20.0], last_kind="add_to_cart")
    assert parser.parse("cheers, that's everything we needed", state).kind == "greeting"
    assert parser.parse("that's all for now, but i need a toaster too", state).kind != "greeting"
    assert parser.parse("hello! I'm after a nice kettle", DialogueState()).kind == "search"
    intent = _read(parser, vocab, "i don't care about the brands, just make it white",
                   DialogueState(query="jeans", category="jeans", brand="Levi's"))
    assert "brand" in intent.clear


def test_asking_for_another_product_for_it_is_no_question_about_it(parser):
    state = _listing([10.0, 30.0, 20.0], last_kind="add_to_cart", last_added="p2")
    state.cart["p2"] = 1
    assert parser.parse("do you sell descaler for it?", state).kind != "details"


@pytest.mark.parametrize(("message", "mended"), [("wht colors it come in", "what colors it come in"),
                                                 ("wht is the price", "what is the price"),
                                                 ("wht sneakers sz 9", "white sneakers sz 9"),
                                                 ("same model but with more big memory?",
                                                  "same model but with bigger memory?"),
                                                 ("Dyson is too much expensive", "Dyson is too expensive")])
def test_wht_asking_is_what_and_wht_naming_is_white(vocab, message, mended):
    from assistant.spelling import Speller

    assert Speller(vocab).correct(message)[0] == mended


@pytest.mark.parametrize(("message", "mended"), [
    ("an i phone 16 in black", "an iphone 16 in black"),      # a product line
    ("a lap top bag", "a laptop bag"),                         # a title word that is no everyday word
    ("two i phones please", "two iphones please"),             # ... or its plural
    ("put it in to the cart", "put it in to the cart"),        # "into" is an everyday word: left alone
])
def test_one_catalog_word_said_as_two_is_joined(vocab, message, mended):
    from assistant.spelling import Speller

    assert Speller(vocab).correct(message)[0] == mended


@pytest.mark.parametrize(("message", "mended"), [
    ("cheap airfryer under 100", "cheap air fryer under 100"),  # two catalog words typed as one
    ("airfryers", "air fryers"),
    ("a backpack", "a backpack"),                               # a catalog word of its own: left alone
    ("smartwatch", "smartwatch"),
])
def test_two_catalog_words_typed_as_one_are_split(message, mended):
    from assistant.spelling import Speller

    rows = [("Ninja AF101 Air Fryer - Grey", "Ninja", "kitchen"), ("Osprey Daylite Backpack", "Osprey", "backpacks"),
            ("Garmin Venu GPS Smartwatch - Black", "Garmin", "watches")]
    assert Speller(_vocab_of(rows)).correct(message)[0] == mended


def test_a_brand_both_wanted_and_excluded_without_an_exclusion_word_is_wanted(vocab):
    from assistant.types import Intent

    state = DialogueState()
    message = "jeans, levis, nothing more than 70 please"
    intent, _ = validate_intent(Intent("search", category="jeans", brand="Levi's", exclude_brand="Levi"), vocab,
                                state, message)
    assert intent.brand == "Levi's" and intent.exclude_brand is None
    intent, _ = validate_intent(Intent("search", category="jeans", brand="Levi's", exclude_brand="Levi"), vocab,
                                state, "jeans but not levis")
    assert intent.exclude_brand == "Levi's" and intent.brand is None


@pytest.mark.parametrize(("message", "read_as_floor"), [("make it 70", 70.0), ("hmm bump it to 70", 70.0)])
def test_a_new_budget_moves_the_ceiling_whatever_direction_a_model_read(vocab, message, read_as_floor):
    from assistant.types import Intent

    state = DialogueState(query="backpacks", category="backpacks", max_price=50.0, shown=["a"], shown_prices=[40.0])
    modelled = read_extras(Intent("refine", min_price=read_as_floor), message, state, vocab)[0]
    assert modelled.max_price == 70 and modelled.min_price is None


@pytest.mark.parametrize(("message", "up"), [
    ("These look rather cheap and flimsy. I would not mind paying more for something that lasts.", True),
    ("happy to spend a bit more", True),
    ("I can spend more", True),
    ("I don't want to spend more", False),
    ("I'm not paying more than 50", False),
    ("hmm i think the seiko presage from before was nicer. is that real gold?", False),  # a judgement of an item
    ("the second one looks way fancier", False),
    ("they all look a bit basic, something nicer?", True),
])
def test_willing_to_pay_more_is_a_step_up_unless_negated(message, up):
    from assistant.reading import pricier

    assert pricier(message) is up


def test_one_cue_rules_out_every_word_it_lists():
    import pandas as pd

    from assistant.reading import excluded_terms
    from assistant.vocab import CatalogVocab

    vocab = CatalogVocab.from_catalog(pd.DataFrame({
        "product_id": ["1", "2", "3"], "price": [30.0, 40.0, 50.0], "category": ["kitchen", "jeans", "jeans"],
        "brand": ["Tefal", "Levi's", "Levi's"], "color": ["black", "blue", "blue"],
        "title": ["Tefal Non-Stick Frying Pan", "Levi's 510 Skinny Jeans", "Levi's 501 Distressed Jeans"]}))
    assert excluded_terms("nothing distressed or skinny", vocab, []) == ("distressed", "skinny")
    assert excluded_terms("a pan but nothing non stick, I read it's bad", vocab, []) == ("non-stick",)
    assert excluded_terms("no skinny ones, or anything under 40", vocab, []) == ("skinny",)


@pytest.mark.parametrize(("message", "slot"), [
    ("no graphic tees pls", "exclude_terms"),                 # the aisle's own name, with an exclusion
    ("colour doesnt matter tbh for the toaster", "clear"),    # the product on screen, with a lift
    ("no wait make it philips, the white ones", "brand"),     # a switch of brand
])
def test_the_kind_on_screen_named_with_a_narrowing_is_a_refinement(vocab, message, slot):
    rows = [("Uniqlo Graphic Tee - White", "Uniqlo", "t-shirts"), ("Uniqlo Plain Tee - Black", "Uniqlo", "t-shirts"),
            ("Nike Dri-FIT Tee - Red", "Nike", "t-shirts"), ("Philips Daily Toaster - White", "Philips", "kitchen"),
            ("Tefal Express Toaster (Red)", "Tefal", "kitchen"), ("Tefal Chef Toaster - White", "Tefal", "kitchen")]
    frame = pd.DataFrame(rows, columns=["title", "brand", "category"])
    frame["color"] = ["white", "black", "red", "white", "red", "white"]
    shop = CatalogVocab.from_catalog(frame)
    state = (DialogueState(query="t shirts for the gym", category="t-shirts", max_price=30.0)
             if "tees" in message else DialogueState(query="red toaster", category="kitchen", brand="Tefal",
                                                     color="red", max_price=50.0))
    intent = _read(RuleParser(shop), shop, message, state)
    assert intent.kind == "refine" and getattr(intent, slot)
    if slot != "brand":  # with no aisle on screen (the last search found nothing the shop sells): a search
        assert _read(RuleParser(shop), shop, message, DialogueState(query="phone cases")).kind == "search"


def test_another_kind_of_product_in_the_aisle_stays_a_new_search(parser, vocab):
    state = DialogueState(query="kettle", category="kitchen", brand="Tefal")
    intent = _read(parser, vocab, "a toaster, no wait make it philips", state)
    assert intent.kind == "search"


def test_one_more_product_of_another_brand_is_a_search_of_its_own(parser, vocab):
    state = DialogueState(query="casio watch", category="watches", brand="Casio", cart={"w1": 1})
    intent = _read(parser, vocab, "and a garmin under 200", state)
    assert intent.kind == "search" and intent.brand == "Garmin" and intent.category == "watches"
    assert intent.max_price == 200
    switch = _read(parser, vocab, "what about garmin?", state)
    assert switch.kind == "refine" and switch.brand == "Garmin"


@pytest.mark.parametrize(("message", "mended"), [
    ("moisturiser under 30", "moisturizer under 30"),         # the titles spell it the American way
    ("a colourful tee", "a colorful tee"),
    ("four pack", "four pack"),                                # short words keep their spelling ("for")
])
def test_a_word_spelt_the_other_side_of_the_atlantic_takes_the_catalogs_spelling(message, mended):
    from assistant.spelling import Speller

    rows = [("CeraVe Daily Moisturizer", "CeraVe", "beauty"), ("Colorful Graphic Tee", "Uniqlo", "t-shirts"),
            ("For Days Tee", "Uniqlo", "t-shirts")]
    assert Speller(_vocab_of(rows)).correct(message)[0] == mended


def test_a_product_line_of_another_aisle_names_another_product(vocab):
    from assistant.loop import _line_elsewhere

    on_laptops = DialogueState(query="dell laptop", category="laptops", brand="Dell")
    assert _line_elsewhere("and iphone 15", on_laptops, vocab)          # iPhones live in smartphones only
    assert not _line_elsewhere("and iphone 15", DialogueState(query="phones", category="smartphones"), vocab)
    assert not _line_elsewhere("in silver", on_laptops, vocab)


@pytest.mark.parametrize(("message", "prices"), [
    ("samsung phone between 300 n 500", (300.0, 500.0)),
    ("got 1k for a new phone, 256gb minimum", (None, 1000.0)),     # money one has is a ceiling; 256gb no price
    ("3 plain white tees, fifteen each max", (None, 15.0)),
    ("white sneakers sub-80", (None, 80.0)),                        # not a model number like "ab-80"
    ("model ab-80 please", (None, None)),
    ("what if i go to 150", (None, 150.0)),
    ("go to the 3rd", (None, None)),
])
def test_budgets_in_other_words(message, prices):
    from assistant import rules

    assert rules.parse_prices(message) == prices


@pytest.mark.parametrize(("message", "bounds"), [
    ("lower the max to 70", {"max_price": 70.0}),
    ("what if i go to 150", {"max_price": 150.0}),
    ("actually can you go lower? like 90", {"max_price": 90.0}),
    ("oof. what about half that", {"max_price": 50.0}),
    ("can you go lower", {}),                                       # lower, by no amount: a step down, no bound
    ("hmm maybe 1500 then", {"max_price": 1500.0}), ("no wait 400", {"max_price": 400.0}),
    ("no wait 2", {}),                                              # a position or a count, not a budget
])
def test_a_budget_moved_while_one_is_set(message, bounds):
    from assistant.budget import budget_fix

    assert budget_fix(message, DialogueState(query="sneakers", category="sneakers", max_price=100.0)) == bounds
    assert budget_fix(message, DialogueState(query="sneakers", category="sneakers")) == {}


@pytest.mark.parametrize(("message", "kind", "refs"), [
    ("Oh, the third one is just perfect. Would you pop it in my basket please?", "add_to_cart", (3,)),
    ("ooh the 2nd ones are nice, basket them", "add_to_cart", (2,)),
    ("is the 2nd one in my basket?", "view_cart", ()),
    ("how much am i spending so far", "view_cart", ()),
    ("what's it all come to?", "view_cart", ()),
    ("ok done thx", "greeting", ()),
    ("lol way out of my league. nevermind, thanks anyway", "greeting", ()),
    ("whats the most expensive one you've got", "out_of_scope", ()),  # no pick from the list: a product request
    ("whats left in there", "view_cart", ()),
    ("first one then", "add_to_cart", (1,)),
    ("more like these", "more", ()),
    ("sweet thanks", "greeting", ()),
])
def test_cart_checks_and_closings_in_other_words(parser, message, kind, refs):
    state = _listing([10.0, 30.0, 20.0, 15.0, 25.0], cart={"p1": 1})
    intent = parser.parse(message, state)
    assert (intent.kind, intent.references) == (kind, refs)


@pytest.mark.parametrize(("message", "slots"), [
    ("can u go lower", {"cheaper": True}),
    ("whats the most expensive one you've got", {"pricier": True}),
    ("not fussed about the brand actually, whatever's best value", {"clear": ("brand", "exclude_brands")}),
    ("eh forget the brand thing", {"clear": ("brand", "exclude_brands")}),
    ("way too rich for my blood", {"cheaper": True}),
    ("ok moneys not the issue, just want the best one", {"pricier": True, "clear": ()}),  # up, not only a lift
    ("money is no object", {"pricier": False, "clear": ("max_price", "min_price")}),
])
def test_price_steps_and_lifts_in_other_words(parser, vocab, message, slots):
    state = DialogueState(query="kettle", category="kitchen", brand="Tefal", max_price=50.0)
    intent = _read(parser, vocab, message, state)
    assert intent.kind == "refine" and all(getattr(intent, k) == v for k, v in slots.items())


@pytest.mark.parametrize(("message", "mended"), [
    ("do u sell hoovers", "do you sell vacuum"),                  # the catalog's name for the thing
    ("my kettle's started leaking", "my kettle started leaking"),  # a possessive product word
    ("levi's jeans", "levi's jeans"),                             # a brand keeps its apostrophe
    ("it's too pricey", "it's too pricey"),
    ("moar", "more"),                                              # chat shorthand
    ("she wants a mac", "she wants a macbook"),                   # a product line's short name
])
def test_other_names_and_possessives_take_the_catalogs_word(vocab, message, mended):
    from assistant.spelling import Speller

    assert Speller(vocab).correct(message)[0] == mended


def test_a_new_search_said_as_a_correction_starts_afresh(parser, vocab):
    state = DialogueState(query="classic watch", category="watches", brand="Casio", max_price=20.0)
    intent = _read(parser, vocab, "actually no, a gps watch", state)  # the same kind of product: only the cue
    assert intent.kind == "search" and intent.new_product
    lifted = _read(parser, vocab, "hmm no. any brand then", state)
    assert not lifted.new_product
    from assistant.types import Intent

    modelled = read_extras(Intent("refine", brand="Garmin"), "actually no, a gps watch. garmin", state, vocab)[0]
    assert modelled.kind == "search" and modelled.new_product  # a model's refinement of the old search too


def test_a_product_line_named_in_the_plural_names_its_brand(parser, vocab):
    intent = _read(parser, vocab, "show me iphones")
    assert intent.kind == "search" and intent.brand == "Apple"


def test_any_colour_in_a_first_search_lifts_nothing(parser, vocab):
    assert _read(parser, vocab, "iphone 15 256gb, any colour").clear == ()
    state = DialogueState(query="iphone 15", category="smartphones")
    assert _read(parser, vocab, "any colour is fine", state).clear == ("color",)


@pytest.fixture(scope="module")
def coloured() -> CatalogVocab:
    frame = pd.DataFrame([
        ("Patagonia Wool Blend Jacket - Grey", "Patagonia", "jackets", "grey"),
        ("Columbia Fleece Rain Jacket - Navy", "Columbia", "jackets", "navy"),
        ("Nike Cotton Crew T-Shirt - White", "Nike", "t-shirts", "white"),
        ("Adidas Cotton Crew T-Shirt - Black", "Adidas", "t-shirts", "black"),
        ("Asics Gel Running Shoes - Blue", "Asics", "running shoes", "blue"),
        ("Dell Inspiron 15 Laptop - Silver", "Dell", "laptops", "silver"),
    ], columns=["title", "brand", "category", "color"])
    return CatalogVocab.from_catalog(frame)


@pytest.mark.parametrize(("message", "slots"), [
    ("Could you leave out anything made with wool? It makes me itch.", {"exclude_terms": ("wool",)}),
    ("i'm allergic to wool", {"exclude_terms": ("wool",)}),
    ("gray one?", {"color": "grey"}),                                   # the other spelling of the colour
    ("nike I have enough, show adidas instead", {"brand": "Adidas"}),   # the brand said with "instead"
    ("Actually, I don't mind what make they are. Could you show me some others?",
     {"clear": ("brand", "exclude_brands")}),
])
def test_second_language_and_polite_refinements(coloured, message, slots):
    parser = RuleParser(coloured)
    state = DialogueState(query="jackets", category="jackets", brand="Nike")
    intent = _read(parser, coloured, message, state)
    assert intent.kind == "refine" and all(getattr(intent, k) == v for k, v in slots.items())


@pytest.mark.parametrize(("message", "category"), [
    ("hello, I search shoes for run, maximum 100 dollar", "running shoes"),
    ("my granddaughter needs a computer she can carry between lectures", "laptops"),  # the shop's computers
])
def test_a_thing_named_in_other_words_finds_its_category(coloured, message, category):
    assert _read(RuleParser(coloured), coloured, message).category == category


def test_a_models_step_down_in_a_first_search_needs_words_about_money(vocab):
    from assistant.types import Intent

    said = "my husband said you get what you pay for. I need a cordless vacuum that doesn't weigh a ton"
    assert not read_extras(Intent("search", category="home", cheaper=True), said, DialogueState(), vocab)[0].cheaper
    cheap = read_extras(Intent("search", category="home", cheaper=True), "a cheap cordless vacuum", DialogueState(),
                        vocab)[0]
    assert cheap.order == "price" and not cheap.cheaper  # nothing shown to be cheaper than: the cheapest first
    during = DialogueState(query="vacuum", category="home")  # during a search a model's "cheaper" stands
    assert read_extras(Intent("refine", cheaper=True), "hmm bit much tbh", during, vocab)[0].cheaper


def test_a_brand_said_with_instead_is_wanted_whatever_a_model_excluded(vocab):
    from assistant.types import Intent

    state = DialogueState(query="jackets", category="jackets", brand="Columbia")
    modelled = Intent("refine", brand="Columbia", exclude_brand="The North Face",
                      exclude_brands=("The North Face",))
    read = read_extras(modelled, "columbia I have enough, show north face instead", state, vocab)[0]
    assert read.brand == "The North Face" and "The North Face" not in read.exclude_brands


@pytest.mark.parametrize(("message", "excluded", "brand"), [
    ("too many north face, show me other stuff", ("The North Face",), None),
    ("these are all north face", ("The North Face",), None),
    ("hm all north face. any columbia?", ("The North Face",), "Columbia"),
])
def test_a_brand_the_list_has_too_much_of_is_ruled_out(parser, vocab, message, excluded, brand):
    state = DialogueState(query="jackets", category="jackets", shown=["a", "b", "c"])
    intent = _read(parser, vocab, message, state)
    assert intent.kind == "refine" and intent.exclude_brands == excluded and intent.brand == brand


def test_all_of_a_brand_asked_for_is_no_exclusion(parser, vocab):
    intent = _read(parser, vocab, "all north face jackets please")
    assert intent.brand == "The North Face" and not intent.exclude_brands


@pytest.mark.parametrize("message", ["columbia's fine actually", "columbia is ok after all"])
def test_a_brand_said_fine_lifts_its_ban(parser, vocab, message):
    state = DialogueState(query="jackets", category="jackets", exclude_brands=("Columbia",))
    intent = _read(parser, vocab, message, state)
    assert "exclude_brands" in intent.clear and intent.brand is None


def test_a_bare_amount_with_then_is_the_new_budget(parser, vocab):
    state = DialogueState(query="jackets", category="jackets", max_price=50.0)
    assert _read(parser, vocab, "ok 100 then", state).max_price == 100


@pytest.mark.parametrize(("message", "kind"), [
    ("take the first one i added out", "remove_from_cart"), ("y these", "why"),
    ("the second one looks nice", "details"), ("the second one looks nice, anything cheaper?", "refine")])
def test_removals_whys_and_likes_in_few_words(parser, vocab, message, kind):
    state = _listing([10.0, 30.0, 20.0])
    state.cart["p1"] = 1
    assert _read(parser, vocab, message, state).kind == kind


@pytest.mark.parametrize(("message", "kind", "refs"), [
    ("ok that one, the 2nd", "add_to_cart", (2,)),
    ("ok nvm, thanks", "greeting", ()),
    ("the 3rd one, is the basket dishwasher safe?", "details", (3,)),   # the product's basket
    ("does the 2nd fit a 15 inch laptop?", "details", (2,)),           # a product named about a shown one
    ("which ones the stretchiest", "compare", (1, 2, 3)),
])
def test_picks_questions_and_closings_said_loosely(parser, message, kind, refs):
    intent = parser.parse(message, _listing([10.0, 30.0, 20.0]))
    assert (intent.kind, intent.references) == (kind, refs)


def test_an_empty_basket_question_is_about_the_cart(parser):
    state = _listing([10.0, 30.0, 20.0], last_kind="add_to_cart")
    state.cart["p2"] = 1
    assert parser.parse("is the basket empty?", state).kind == "view_cart"


def test_a_step_down_said_with_for_me_refines_the_search(parser, vocab):
    state = DialogueState(query="jackets", category="jackets", shown=["a", "b"])
    intent = _read(parser, vocab, "way too fancy for me honestly, somethin cheaper", state)
    assert intent.kind == "refine" and intent.cheaper
    assert _read(parser, vocab, "need a gift, budget 50, no clue what").kind == "recommend"


def test_a_judgement_of_the_list_rules_its_word_out(parser, vocab):
    state = DialogueState(query="sneakers", category="sneakers", shown=["a", "b"])
    intent = _read(parser, vocab, "too chunky, i want something slim and clean", state)
    assert intent.kind == "refine" and intent.exclude_terms == ("chunky",)
    assert _read(parser, vocab, "these are too expensive", state).exclude_terms == ()


def test_a_diff_brand_rules_out_the_one_filtered_on(parser, vocab):
    state = DialogueState(query="jackets", category="jackets", brand="Columbia", shown=["a"])
    intent = _read(parser, vocab, "anything like it under 150 from a diff brand?", state)
    assert intent.exclude_brands == ("Columbia",) and intent.brand is None and intent.max_price == 150


def test_a_liked_brand_with_but_is_no_filter(parser, vocab):
    state = DialogueState(query="jackets", category="jackets", shown=["a", "b"])
    intent = _read(parser, vocab, "The Columbia ones look nice but they're out of my league. Anything under 120?",
                   state)
    assert intent.kind == "refine" and intent.brand is None and intent.max_price == 120


def test_the_x_one_with_two_such_shown_is_the_higher_ranked():
    from assistant.parser import title_word_reference
    from assistant.types import Product

    rackets = [Product("r1", "Yonex Nanoflare 700 Racket", 40.0), Product("r2", "Yonex Astrox 88 Racket", 55.0),
               Product("r3", "Yonex Astrox 99 Racket", 70.0)]
    assert title_word_reference("astrox", rackets) == ()
    assert title_word_reference("astrox", rackets, first_of_few=True) == (2,)
    assert title_word_reference("racket", rackets, first_of_few=True) == ()  # every one: names none


def test_an_adjective_in_y_rules_out_the_titles_word(parser, vocab):
    state = DialogueState(query="jackets", category="jackets", shown=["a", "b"])
    intent = _read(parser, vocab, "Nothing puffy please, I look like a marshmallow in those things.", state)
    assert intent.exclude_terms == ("puffer",)


@pytest.mark.parametrize("message", ["a watch for my dad. He hates smartwatches, likes classic stuff",
                                     "a watch, she's not a fan of smartwatches"])
def test_what_someone_dislikes_is_ruled_out(parser, vocab, message):
    assert _read(parser, vocab, message).exclude_terms == ("smartwatch",)


def test_last_legs_is_no_position(parser):
    state = _listing([10.0, 30.0, 20.0])
    intent = parser.parse("my kettle at home is on its last legs too. Have you got kettles?", state)
    assert intent.references == () and intent.kind != "details"


@pytest.mark.parametrize("message", ["Is that all the red ones you have?", "are these all you've got?"])
def test_asking_whether_that_is_all_asks_for_more(parser, message):
    assert parser.parse(message, _listing([10.0, 30.0, 20.0])).kind == "more"


@pytest.mark.parametrize("message", ["lookin for a tv for the basement, 55 inch or so",
                                     "have you got a telly for the lounge room",
                                     "our lawnmower died and the grass is knee high now, what have you got"])
def test_requests_in_other_words_are_requests(message):
    from assistant import rules

    assert rules.REQUEST.search(message)


def test_something_to_put_it_on_adds_nothing(parser):
    state = _listing([10.0, 30.0, 20.0], last_kind="add_to_cart", focus="p1", last_added="p1")
    state.cart["p1"] = 1
    assert parser.parse("now something to put it on", state).kind != "add_to_cart"


def _shown(rows, **extra) -> DialogueState:
    """A state showing these catalog rows (title, brand, category), ids r1, r2, ..."""
    from assistant.types import Candidate, Product

    products = [Product(f"r{i}", title, 50.0 + i, category=category, brand=brand)
                for i, (title, brand, category) in enumerate(rows, 1)]
    state = DialogueState(query=rows[0][2], category=rows[0][2], shown=[p.product_id for p in products], **extra)
    state.last_candidates = {p.product_id: Candidate(p, 1.0) for p in products}
    return state


def test_a_brand_and_a_model_word_pick_that_model(parser):
    veja = [r for r in ROWS if r[1] == "Veja"]
    state = _shown([veja[0], ROWS[0], veja[1], veja[2]])
    assert parser.parse("add the veja chunky", state).references == (4,)
    assert parser.parse("add the veja vegan please", state).references == (3,)
    assert parser.parse("add the veja one", state).references == (1,), "no model word: the first of it"


def test_show_me_the_brand_ones_asks_for_that_brand_not_one_product(parser):
    state = _shown([r for r in ROWS if r[2] == "jackets"])
    intent = parser.parse("show me the columbia ones", state)
    assert intent.kind in ("search", "refine") and intent.brand == "Columbia"


def test_which_is_better_right_after_a_compare_is_about_the_two_compared(parser):
    state = _listing([10.0, 30.0, 20.0, 15.0, 25.0], compared=["p1", "p2"], last_kind="compare")
    assert parser.parse("which is better", state).references == (1, 2)
    assert parser.parse("which of all of them is best", state).references != (1, 2)


@pytest.mark.parametrize(("message", "cut"), [
    ("wmns jeans blk <60", "women"), ("women's running shoes", "women"), ("ladies jacket", "women"),
    ("mens, size L", "men"), ("men's trainers under 100", "men"), ("gents watch", "men"),
    ("men's or women's, doesn't matter", None), ("unisex is fine", None), ("a kettle", None),
    ("something for women's day", None),
    ("i want jacket rain for woman, yellow", "women"), ("a watch for my husband", None),
])
def test_who_a_product_is_for_is_read_from_the_message(message, cut):
    from assistant.genders import gender_said

    assert gender_said(message) == cut


def test_a_product_is_cut_for_its_gender_unisex_or_none():
    from assistant.genders import cut_for
    from assistant.types import Product

    def product(gender):
        return Product("x", "x", 1.0, attributes={"gender": gender} if gender else {})

    assert cut_for(product("women"), "women") and cut_for(product("Unisex"), "men") and cut_for(product(""), "men")
    assert not cut_for(product("men"), "women")


@pytest.mark.parametrize(("message", "ceiling"), [
    ("nike air max 90", None),  # a model, not "max 90"
    ("air max 90 under 120", 120),
    ("spf 50 sunscreen, i've got 15 to spend", 15),
    ("phone with 128gb, i've got 250 to spend", 250),
    ("watch for my dad, no more then 2 hundred", 200),
])
def test_budgets_said_as_money_to_spend_or_with_a_typo_are_ceilings(message, ceiling):
    from assistant import rules

    assert rules.parse_prices(message)[1] == ceiling


def test_max_after_a_budget_is_no_product_word_left_behind():
    from assistant import rules

    assert rules.strip_prices("budget is 600 max") == ""  # "max" is no Air Max


def test_a_saying_about_money_names_no_product(vocab):
    from assistant.reading import names_product

    stretchy = CatalogVocab.from_catalog(pd.DataFrame({"title": ["Levi's 511 Stretch Slim Jeans - Black"] * 2,
                                                       "brand": ["Levi's"] * 2, "category": ["jeans"] * 2,
                                                       "color": ["black"] * 2}))
    assert names_product("stretch ones", stretchy, ())
    assert not names_product("cheaper pls, 1k is a stretch rly", stretchy, ())


def test_a_position_compared_with_after_the_one_picked_is_no_pick():
    from assistant import rules

    assert rules.parse_references("remove the 2nd one, the colour is too similar to the first", False) == (2,)
    assert rules.parse_references("is the 2nd better than the first", False) == (2, 1)


@pytest.mark.parametrize("message", ["is there an umbrella that doesnt flip inside out in the wind lol",
                                     "anything to dry my hair quicker??",
                                     "my flat is always dusty, what would actually help"])
def test_a_need_asked_as_a_question_is_a_product_request(message):
    from assistant import rules

    assert rules.REQUEST.search(message)


def test_looking_flimsy_or_going_back_up_is_a_step_up_in_price():
    from assistant.reading import pricier

    assert pricier("ugh they look flimsy, go back up")
    assert not pricier("go back up to the first list")


@pytest.mark.parametrize(("message", "brand"), [
    ("she's vetoed levis, apparently it reminds her of school", "Levi's"),
    ("he doesn't like tefal", "Tefal"),
])
def test_a_person_ruling_a_brand_out_in_their_own_words(parser, vocab, message, brand):
    state = DialogueState(query="stuff", category="kitchen")
    assert _read(parser, vocab, message, state).exclude_brand == brand


def test_not_into_a_kind_rules_it_out(vocab):
    from assistant.reading import excluded_terms

    assert excluded_terms("he's not into smartwatches at all, a proper watch", vocab, []) == ("smartwatch",)


def test_colours_said_loosely_are_the_catalog_colour(coloured):
    assert coloured.mentioned_colors("something navy-ish") == ["navy"]
    assert coloured.mentioned_colors("a greyish one") == ["grey"]
    assert coloured.mentioned_colors("bluey ones") == ["blue"]


@pytest.mark.parametrize("message", ["cheapest?", "cheapest decent ones?", "ok the cheapest ones pls"])
def test_the_cheapest_ones_ask_the_search_not_one_shown_item(parser, message):
    state = DialogueState(query="headphones", category="headphones")
    assert parser._dialogue_act(message, state) is None


def test_two_positions_and_what_difference_is_a_compare():
    from assistant import rules

    assert rules.COMPARE.search("2 and 4 what difference")
    assert rules.OFF_TOPIC.search("can u tell me if itll rain tmrw")


def test_a_brand_of_words_typed_as_one(vocab):
    assert vocab.mentioned_brands("any northface ones?") == ["The North Face"]


def test_the_persons_own_ordinals_and_one_more_are_no_positions():
    from assistant import rules

    assert rules.parse_references("shopping for my first grandchild", False) == ()
    assert rules.parse_references("all he wants is a second PS5 controller", False) == ()
    assert rules.parse_references("it's our tenth, show me the nicer end", False) == ()
    assert rules.parse_references("add the second one", False) == (2,)


@pytest.mark.parametrize(("message", "cut"), [
    ("a watch for my husband", "men"), ("a gift for my mum and dad", None), ("something for my son", None),
    ("a jacket for my wife", "women"), ("a nice watch for my husbands birthday", "men"),
    ("for my mums and dads anniversary", None),
    ("my boyfriend needs new jeans, he wears slim fit", "men"), ("my wife wants a rain jacket", "women"),
    ("my wife is visiting, need a kettle", None), ("my daughter wants running shoes", None),
])
def test_who_they_are_to_the_shopper_says_who_a_product_is_for_in_a_search(message, cut):
    from assistant.genders import gender_said

    assert gender_said(message, relations=True) == cut


def test_any_brand_but_a_price_lifts_the_brand(parser, vocab):
    state = DialogueState(query="jackets", category="jackets", brand="Columbia")
    intent = _read(parser, vocab, "hmm no. any brand but under 150", state)
    assert "brand" in intent.clear and intent.max_price == 150 and not intent.exclude_brands
    assert _read(parser, vocab, "any brand but columbia", state).exclude_brand == "Columbia"


def test_a_habit_with_not_fussy_is_no_brand_filter(parser, vocab):
    message = "he normally wears Columbia but honestly he's not fussy, just needs a rain jacket"
    assert _read(parser, vocab, message).brand is None


def test_forget_what_i_said_about_money_lifts_the_budget():
    from assistant.reading import NO_BUDGET

    assert NO_BUDGET.search("it's his 30th, forget what I said about money")


def test_another_brand_not_wanted_is_ruled_out(vocab):
    from assistant import rules

    assert rules.excluded_brands("I don't want another Jansport", vocab.brands) == ["Jansport"]


def test_an_add_naming_one_shown_item_by_a_title_word_adds_it(parser):
    from assistant.types import Candidate, Product

    products = [Product("p1", "Lancome Vegan Lipstick Hydra (Red)", 45.99, category="beauty", brand="Lancome"),
                Product("p2", "Lancome Glow Serum - Red", 144.99, category="beauty", brand="Lancome")]
    state = DialogueState(query="lipstick", category="beauty", brand="Lancome", shown=["p1", "p2"])
    state.last_candidates = {p.product_id: Candidate(p, 1.0) for p in products}
    intent = parser.parse("add the lipstick", state)
    assert intent.kind == "add_to_cart" and intent.references == (1,)
    assert parser.parse("add the serum please", state).references == (2,)


def test_which_have_good_reviews_during_a_search_orders_the_list_not_picks_from_anywhere(vocab):
    from assistant.types import Intent

    state = DialogueState(query="rain jacket", category="jackets", max_price=120.0)
    intent = read_extras(Intent("recommend"), "which have good reviews?", state, vocab)[0]
    assert intent.kind == "refine" and intent.order == "rating"
    assert read_extras(Intent("recommend"), "recommend me something", state, vocab)[0].kind == "recommend"


def test_a_pick_by_price_naming_a_brand_picks_among_that_brands_shown_items(parser):
    state = _shown([r for r in ROWS if r[2] == "jackets"])  # three North Face, then Columbia; prices rising
    assert parser.parse("add the cheapest columbia", state).references == (4,)
    assert parser.parse("add the most expensive north face one", state).references == (3,)
    assert parser.parse("add the cheapest one", state).references == (1,)
    assert parser.parse("add the cheapest levis", state).references == (), "no Levi's shown: no other maker's"


def test_the_and_a_digit_before_a_question_about_it_is_a_position():
    from assistant import rules

    assert rules.parse_references("the 4, is it waterproof?", allow_bare_numbers=False) == (4,)
    assert rules.parse_references("the 2 - does it fold", allow_bare_numbers=False) == (2,)
    assert rules.parse_references("the 2 is it wireless", allow_bare_numbers=False) == (2,)
    assert rules.parse_references("the 2 pack of socks", allow_bare_numbers=False) == ()


def test_and_a_brand_alone_asks_about_that_brand_and_too_adds_it(vocab):
    from assistant.types import Intent

    state = DialogueState(query="jackets", category="jackets", brand="The North Face")
    alone = read_extras(Intent("refine", brand="Columbia"), "and columbia?", state, vocab)[0]
    assert alone.brand == "Columbia" and not alone.other_brands
    both = read_extras(Intent("refine", brand="Columbia"), "and columbia too", state, vocab)[0]
    assert both.brand == "The North Face" and both.other_brands == ("Columbia",)


def test_a_budget_put_back_to_a_number_is_a_ceiling():
    from assistant import rules

    assert rules.parse_prices("ok budget back to 200 actually, that last lot was silly money") == (None, 200.0)
    assert rules.parse_prices("budget goes up to 300") == (None, 300.0)


def test_not_knowing_why_is_no_question_why():
    from assistant import rules

    assert not rules.WHY.search("ok lenovo's fine, idk why i said that")
    assert rules.WHY.search("why are these all the same brand?")


def test_one_brand_let_back_in_keeps_the_others_out(parser, vocab):
    state = DialogueState(query="jackets", category="jackets", exclude_brands=["The North Face", "Columbia"])
    intent = _read(parser, vocab, "hmm fine, columbia's ok too", state)
    assert intent.exclude_brands == ("The North Face",) and "exclude_brands" in intent.clear


def test_any_brand_except_one_lifts_the_brand_asked_for_and_keeps_that_one_out(parser, vocab):
    state = DialogueState(query="jackets", category="jackets", brand="Columbia")
    intent = _read(parser, vocab, "under 100, any brand except north face", state)
    assert "brand" in intent.clear and intent.exclude_brand == "The North Face" and intent.max_price == 100


def test_a_ruled_out_word_that_begins_a_kind_in_the_titles_rules_that_kind_out(parser, vocab):
    state = DialogueState(query="watches", category="watches")
    intent = _read(parser, vocab, "nothing smart, he hates that", state)
    assert intent.kind == "refine" and intent.exclude_terms == ("smartwatch",)


def test_a_which_question_after_a_remark_compares_the_list(parser):
    state = _listing([10.0, 30.0, 20.0])
    intent = parser.parse("I carry it everywhere, which of these is lightest", state)
    assert intent.kind == "compare" and intent.references == (1, 2, 3)


def test_the_brand_ones_asked_alone_narrows_the_list_to_that_brand(parser):
    state = _shown([r for r in ROWS if r[2] == "jackets"])
    intent = parser.parse("the columbia ones?", state)
    assert intent.kind in ("search", "refine") and intent.brand == "Columbia" and not intent.references


def test_a_question_about_the_one_picked_by_price_is_about_that_one(parser):
    state = _listing([20.0, 15.0, 25.0])
    intent = parser.parse("the cheaper one, what does it smell like", state)
    assert intent.kind == "details" and intent.references == (2,)


def test_another_kind_asked_for_in_the_same_aisle_is_a_new_search_even_when_some_are_on_screen(vocab):
    from assistant.types import Candidate, Product
    from assistant.validate import new_kind_of_product

    products = [Product("k1", "Tefal Chef Kettle - White", 40.0, category="kitchen", brand="Tefal"),
                Product("t1", "Philips Daily Toaster - White", 35.0, category="kitchen", brand="Philips"),
                Product("t2", "Tefal Express Toaster (White)", 39.0, category="kitchen", brand="Tefal")]
    state = DialogueState(query="kettle", category="kitchen", color="white", shown=[p.product_id for p in products])
    state.last_candidates = {p.product_id: Candidate(p, 1.0) for p in products}
    assert new_kind_of_product("also need a toaster, under 40", state, vocab)


def test_still_beside_a_new_budget_is_no_complaint_about_a_brand_still_shown(vocab):
    from assistant.retraction import retract

    state = DialogueState(query="jackets", category="jackets", brand="Columbia", exclude_brands=["The North Face"])
    assert retract("under 100, any brand except north face still", state, vocab).said is None
    assert retract("still seeing north face", state, vocab).message == "no The North Face"



@pytest.mark.parametrize(("message", "refs"), [
    ("whats the warranty on the first one?", (1,)),
    ("does the 3rd one have a warranty?", (3,)),
    ("does it come with a guarantee?", (2,)),  # "it": the one just added
])
def test_a_warranty_question_about_a_shown_item_is_about_that_item(parser, message, refs):
    state = _listing([10.0, 30.0, 20.0], last_kind="add_to_cart", focus="p3", last_added="p2")
    intent = parser.parse(message, state)
    assert (intent.kind, intent.references) == ("details", refs)


def test_sending_a_shown_item_back_is_for_the_help_pages(parser):
    state = _listing([10.0, 30.0, 20.0], last_kind="add_to_cart", focus="p3", last_added="p2")
    assert parser.parse("can i return it if it doesnt fit?", state).kind == "out_of_scope"


def test_the_shops_returns_policy_with_nothing_shown_is_for_its_help_pages(parser):
    assert parser.parse("what's your returns policy?", DialogueState()).kind == "out_of_scope"
    assert parser.parse("whats the warranty on the first one?", DialogueState()).kind == "out_of_scope"


def test_a_negated_spend_is_a_ceiling_and_a_budgets_max_is_no_product_word():
    from assistant import rules

    assert rules.parse_prices("not spending more than 60 on it") == (None, 60.0)
    assert rules.parse_prices("not looking to spend more than 200") == (None, 200.0)
    assert rules.parse_prices("nothing dearer than 400 please") == (None, 400.0)
    assert rules.parse_prices("The North Face perhaps, but not if it's over 300 dollars") == (None, 300.0)
    assert rules.strip_prices("budget is around 1000 max") == ""  # not "budget is max": Nike Air Max
    assert rules.parse_prices("my old iphone died. budget is like 600") == (None, 600.0)
    assert rules.parse_prices("budget: 250 for a tent") == (None, 250.0)
    assert rules.strip_prices("budget is like between 500 and 600") == ""
    assert rules.parse_prices("i like 600 watt ones") == (None, None)
    assert rules.strip_prices("nike air max under 100") == "nike air max"


def test_what_do_you_have_after_naming_a_brand_asks_for_it_not_for_the_aisles(vocab):
    from assistant.range_question import asks_range

    assert not asks_range("dell xps or thinkpad for uni, what do you have", vocab)
    assert asks_range("what do you have", vocab)


@pytest.mark.parametrize("message", ["ok total?", "wats my total lol"])
def test_the_total_asked_in_few_words_shows_the_cart(parser, message):
    state = _listing([10.0, 30.0, 20.0], last_kind="add_to_cart", last_added="p1")
    state.cart["p1"] = 1
    assert parser.parse(message, state).kind == "view_cart"


def test_clear_everything_empties_the_cart_after_cart_work_else_starts_the_search_over(parser):
    state = _listing([10.0, 30.0, 20.0], last_kind="add_to_cart", last_added="p1")
    state.cart["p1"] = 1
    intent = parser.parse("clear everything, changed my mind", state)
    assert (intent.kind, intent.cart_action) == ("remove_from_cart", "clear")
    from assistant.reading import START_OVER

    searching = _listing([10.0, 30.0], last_kind="search")
    assert parser.parse("clear everything", searching).kind != "remove_from_cart"
    assert START_OVER.search("clear everything") and not START_OVER.search("clear everything from my cart")


def test_anything_cheaper_in_a_brand_on_screen_asks_for_other_products_not_about_one(parser):
    state = _shown([("Asics Gel-Kayano 31 Shoes", "Asics", "running shoes"),
                    ("Asics Novablast 5 Shoes", "Asics", "running shoes")])
    assert parser.parse("Is there anything cheaper in the Asics?", state).kind != "details"


def test_just_show_me_the_brand_ones_narrows_the_list(parser):
    state = _shown([("Herschel Classic Laptop Backpack - Black", "Herschel", "backpacks"),
                    ("Jansport Right Pack Laptop Backpack (Blue)", "Jansport", "backpacks")])
    intent = parser.parse("Actually, just show me the Jansport ones.", state)
    assert intent.kind != "details" and intent.brand == "Jansport"


def test_versus_one_after_looking_at_another_compares_the_two(parser):
    state = _listing([10.0, 30.0, 20.0], last_kind="details", focus="p2")
    intent = parser.parse("vs 1?", state)
    assert (intent.kind, intent.references) == ("compare", (1, 2))


def test_for_him_and_a_letter_size_said_of_a_person_are_read():
    from assistant.genders import gender_said
    from assistant.sizes import SizeChart

    assert gender_said("what about a warm jacket for him instead", relations=True) == "men"
    assert gender_said("a gift for her brother", relations=True) != "women"
    chart = SizeChart([("jackets", "L"), ("jackets", "M")])
    assert chart.read("he's a large", "jackets").value == "L"
    assert chart.read("a large family tent", "jackets") is None


def test_a_lifted_brand_or_colour_leaves_the_search_words_too():
    from assistant.config import AssistantConfig
    from assistant.state import apply_intent
    from assistant.types import Intent

    state = DialogueState(query="womens north face jackets", category="jackets", brand="The North Face")
    apply_intent(state, Intent("refine", clear=("brand", "exclude_brands")), AssistantConfig())
    assert state.brand is None and state.query == "womens jackets"


def test_the_colour_after_the_ones_let_go_is_the_one_meant(vocab):
    from assistant.reading import CORRECTION

    assert CORRECTION.search("nvm the pink ones show navy")
    assert not CORRECTION.search("the pink ones are nice")


def test_brands_asked_for_together_take_turns_in_the_list():
    from assistant.loop import _taking_turns

    ranked = ["g1", "g2", "g3", "s1", "s2"]
    assert _taking_turns(ranked, lambda x: x[0]) == ["g1", "s1", "g2", "s2", "g3"]


@pytest.mark.parametrize(("message", "prices"), [
    ("show me rain jackets under 120 in yellow", (None, 120.0)),  # "in yellow": a colour, not 120 inches
    ("laptops between 800 and 1500 in silver", (800.0, 1500.0)),
    ("anything under 50 in stock?", (None, 50.0)),
    ("a 15 in laptop bag", (None, None)),                         # inches
    ("55 in tv", (None, None)),
])
def test_a_number_before_in_and_a_colour_is_a_price_not_inches(message, prices):
    from assistant import rules

    assert rules.parse_prices(message) == prices


@pytest.mark.parametrize(("message", "floor"), [
    ("headphones between 100 and 250 in black, rated 4 or more", 4.0),
    ("smartwatch between 150 and 350, rating 4+, not Apple", 4.0),
    ("rated 4.5 and up", 4.5),
    ("backpacks, green or grey, 4 stars+, under 100", 4.0),
    ("a tent for 4 or more people", None),
])
def test_rated_n_or_more_is_a_rating_floor(message, floor):
    from assistant.ordering import rating_floor

    found = rating_floor(message)
    assert (found[0] if found else None) == floor


def test_a_price_the_model_misread_is_the_one_the_message_states(vocab):
    from assistant.types import Intent

    wrong = Intent("search", query="laptops", category="laptops", max_price=150.0)  # "1500" cut short
    intent, problems = validate_intent(wrong, vocab, DialogueState(), "laptops between 800 and 1500 in silver")
    assert (intent.min_price, intent.max_price) == (800.0, 1500.0)
    assert any("replaced by 1500" in p for p in problems)
    invented = Intent("search", query="jackets", max_price=5.0)  # nothing in the message is a price
    assert validate_intent(invented, vocab, DialogueState(), "waterproof jackets")[0].max_price is None


@pytest.mark.parametrize(("message", "order"), [
    ("cheapest first please", "price"),
    ("thx, highest rated first", "rating"),
    ("can you sort them by price high to low", "price_high"),
    ("most expensive first", "price_high"),
    ("add the first one", None),             # a pick, not an order
    ("cheapest one", None),                  # which one, not the list re-sorted
])
def test_a_message_asking_only_for_another_order(message, order):
    from assistant.ordering import order_request

    assert order_request(message) == order


def test_most_expensive_first_lists_the_dearest_first():
    from assistant.ordering import PRICE_HIGH, in_order
    from recsys.types import Candidate
    from retrieval.types import Product

    prices = (20.0, None, 90.0, 45.0)
    ranked = [Candidate(Product(f"p{i}", f"Kettle {i}", price), 1.0) for i, price in enumerate(prices)]
    assert [c.product.price for c in in_order(ranked, PRICE_HIGH, "kettle")] == [90.0, 45.0, 20.0, None]


def test_best_rated_first_is_not_led_by_the_one_title_that_spells_a_describing_word():
    from assistant.ordering import RATING, in_order
    from recsys.types import Candidate
    from retrieval.types import Product

    rows = [("Flip6 Triple-Camera Smartphone", 2.0), ("S24 Phone", 5.0), ("iPhone 16 Pro", 4.8), ("Pixel 9", 4.6)]
    ranked = [Candidate(Product(f"p{i}", title, 600.0, rating=r), 1.0) for i, (title, r) in enumerate(rows)]
    ordered = in_order(ranked, RATING, "phone with a good camera", "smartphones")
    assert [c.product.rating for c in ordered] == [5.0, 4.8, 4.6, 2.0]
    mats = [Candidate(Product(f"m{i}", title, 10.0, rating=r), 1.0)
            for i, (title, r) in enumerate([("Jump Rope", 5.0), ("Yoga Mat A", 3.0), ("Yoga Mat B", 4.0),
                                            ("Yoga Mat C", 2.0)])]
    assert [c.product.title for c in in_order(mats, RATING, "yoga mat", "sports")][:3] == \
        ["Yoga Mat B", "Yoga Mat A", "Yoga Mat C"]  # a kind several titles spell still goes first


def test_the_cheapest_is_not_led_by_titles_that_spell_a_glue_word():
    """"the cheapest backpack" is the cheapest of them, not the cheapest that says "the" (The North Face)."""
    from assistant.ordering import PRICE, in_order
    from recsys.types import Candidate
    from retrieval.types import Product

    rows = [("The North Face Borealis", 72.99), ("The North Face Jester", 80.99), ("The North Face Recon", 92.99),
            ("Fjallraven Raven 28 Backpack", 24.99), ("Jansport Big Student", 27.99)]
    ranked = [Candidate(Product(f"p{i}", title, price), 1.0) for i, (title, price) in enumerate(rows)]
    assert [c.product.price for c in in_order(ranked, PRICE, "the cheapest backpack", "backpacks")][:2] == \
        [24.99, 27.99]


def test_a_refinement_keeps_its_aisle_when_the_model_names_one_the_message_does_not(vocab):
    from assistant.types import Intent

    state = DialogueState(query="kettle", category="kitchen", shown=["p1", "p2"])
    intent, problems = validate_intent(Intent("refine", category="toys"), vocab, state, "stainless")
    assert intent.kind == "refine" and intent.category is None  # a word about the kettles, not another aisle
    assert any("names no aisle" in p for p in problems)
    moved, _ = validate_intent(Intent("refine", category="toys"), vocab, state, "lego instead")
    assert moved.kind == "search"  # the message names another kind of product: a new search


def test_a_brand_with_model_and_colour_picks_the_one_they_all_name(vocab):
    """"the levis 505 grey": of three Levi's, the 505 in grey (each word after the brand narrows the last)."""
    from types import SimpleNamespace

    from assistant.parser import brand_references

    titles = ["Levi's 501 Original Jeans - Black", "Levi's 505 Regular Jeans - Blue", "Levi's 505 Bootcut Jeans - Grey"]
    shown = [SimpleNamespace(product=SimpleNamespace(title=t, brand="Levi's", category="jeans")) for t in titles]
    assert brand_references("and also the levis 505 grey, add it too", shown, vocab) == (3,)
    assert brand_references("the levis 505 please", shown, vocab) == (2,)
    assert brand_references("the levis one", shown, vocab) == (1,)


def test_a_model_number_is_no_price_the_model_may_keep():
    """"jbl tune 770nc", "garmin fenix 8", "levis 501": an LM price of 770, 8 (or its band) or 501 is dropped."""
    from types import SimpleNamespace

    from assistant.validate import _grounded, model_numbers

    vocab = SimpleNamespace(line_brands={"fenix": "Garmin", "forerunner": "Garmin"}, category_lines={},
                            mentioned_brands=lambda t: ["Levi's"] if "levi" in t.lower() else [],
                            title_words=frozenset({"latitude", "5440", "laptops", "1000"}))
    assert model_numbers("jbl tune 770nc", vocab) == {770.0}
    assert model_numbers("no i meant the latitude 5440 for 669.99", vocab) == {5440.0}, "a title's own number"
    assert model_numbers("laptops 1000 max", vocab) == set(), "a round amount after a title word is a price"
    assert model_numbers("garmin fenix 8 under 500", vocab) == {8.0}
    assert model_numbers("levis 501 w32", vocab) == {501.0}
    assert model_numbers("headphones 5k budget", vocab) == set()
    for message, low, high in (("jbl tune 770nc", 770.0, None), ("garmin fenix 8", 6.4, 9.6),
                               ("garmin forerunner 965", 965.0, None)):
        assert _grounded(low, high, message, [], model_numbers(message, vocab)) == (None, None), message
    assert _grounded(None, 500.0, "garmin fenix 8 under 500", [], model_numbers("garmin fenix 8 under 500", vocab)) \
        == (None, 500.0)


@pytest.mark.parametrize(("message", "cheaper"), [("waterproof?", False), ("softest?", False), ("adjustable?", False),
                                                   ("cheeper pls", True), ("anything less pricey?", True),
                                                   ("kuch sasta dikhao", True), ("bit much?", True),
                                                   ("in M please", False), ("ouch", True), ("便宜一点", True)])
def test_a_models_step_down_needs_words_about_money(vocab, message, cheaper):
    """The LM read short questions ("waterproof?", "softest?") as cheaper=true over a list: no money is said;
    "bit much?" says it is too dear."""
    from assistant.types import Intent

    state = DialogueState(query="jackets", category="jackets", shown=["P1"])
    intent, _ = read_extras(Intent("refine", cheaper=True), message, state, vocab)
    assert intent.cheaper is cheaper


def test_a_quality_asked_of_the_list_keeps_listings_that_say_it_those_on_screen_first():
    from assistant.loop import _saying
    from assistant.reading import mentions
    from assistant.types import Product, Trace
    from recsys.types import Candidate
    from retrieval.types import Hit

    def jacket(pid, title, description=""):
        return Product(pid, title, 99.0, description=description)

    dry = jacket("a", "Trail Rain Jacket", "Taped seams and a waterproof shell keep rain out.")
    proofed = jacket("b", "Summit Waterproof Shell")
    plain = jacket("c", "Breathable Rain Jacket", "A light shell for spring.")
    free = jacket("d", "Fleece", "Made waterproof-free.")  # "<word>-free" says the opposite
    assert mentions(dry, "waterproof") and mentions(proofed, "waterproof")
    assert not mentions(plain, "waterproof") and not mentions(free, "waterproof")
    hits = [Hit(p, 1.0) for p in (proofed, plain, dry)]

    trace = Trace()
    kept, again = _saying(hits, ["waterproof"], {"a": Candidate(dry, 1.0), "c": Candidate(plain, 1.0)}, trace)
    assert [h.product.product_id for h in kept] == ["b", "a"] and again == {"a"}
    assert trace.notices == ["1 of the 2 shown says waterproof; it is first."]  # which of those asked about do

    trace = Trace()
    kept, again = _saying(hits, ["waterproof"], {"c": Candidate(plain, 1.0)}, trace)
    assert {h.product.product_id for h in kept} == {"a", "b"} and not again
    assert trace.notices == ["None of the ones shown says waterproof; these do."]

    trace = Trace()
    assert _saying([], ["waterproof"], {"c": Candidate(plain, 1.0)}, trace) == ([], set()) and not trace.notices

    trace = Trace()
    kept, again = _saying([Hit(plain, 1.0)], ["waterproof"], {"c": Candidate(plain, 1.0)}, trace)
    assert [h.product.product_id for h in kept] == ["c"] and trace.notices[0].startswith("Nothing I found says")


@pytest.mark.parametrize("message", ["i like cerave but open to others", "dyson or similar",
                                     "nike ideally, happy to try other brands"])
def test_a_brand_liked_but_not_required_is_an_example_not_a_filter(message):
    from assistant.reading import OR_SIMILAR

    assert OR_SIMILAR.search(message)


def test_less_of_a_spec_is_no_step_down_in_price(vocab):
    from assistant.reading import read_extras
    from assistant.types import Intent

    state = DialogueState(query="phones", category="smartphones", shown=["a"], shown_prices=[800.0])
    modelled = read_extras(Intent("refine", cheaper=True), "is it available with less storage, like 256?", state,
                           vocab)[0]
    assert not modelled.cheaper
    assert read_extras(Intent("refine", cheaper=True), "less storage is fine if it's cheaper", state, vocab)[0].cheaper


def test_a_models_recommend_read_as_a_search_keeps_the_words_to_look_for(parser):
    from assistant.lm.parser import _with_named_slots
    from assistant.types import Intent

    message = "what's a good rain jacket?"
    ruled = parser.product_intent(message, DialogueState())
    merged = _with_named_slots(Intent("recommend", category="backpacks"), ruled)
    assert merged.kind == "search" and "rain jacket" in merged.query


@pytest.mark.parametrize(("message", "ceiling"), [
    ("i only have 100 for a backpack and a water bottle", 100.0), ("i have 50 for both", 50.0),
    ("ive got 3 for the kids", None), ("i have 2 kids", None),
])
def test_a_sum_one_has_for_things_is_a_ceiling(message, ceiling):
    from assistant import rules

    assert rules.parse_prices(message) == (None, ceiling)


@pytest.mark.parametrize(("message", "prices"), [
    ("more cheap than 380", (None, 380.0)),  # learners' "cheaper than"
    ("laptop 16gb ram, memory minimum 256, under 900", (None, 900.0)),
])
def test_numbers_that_are_no_prices_and_learners_price_words(message, prices):
    from assistant import rules

    assert rules.parse_prices(message) == prices


@pytest.mark.parametrize("message", ["the jenga have 5 stars", "is for -20 degree",
                                     "my daughter want them, she use 38", "memory minimum 256"])
def test_a_models_price_from_a_number_that_is_no_amount_of_money_is_dropped(message):
    from assistant import rules

    assert rules.stated_numbers(message) == set()  # so a model's "over=5" for "5 stars" is not kept


def test_a_number_said_as_a_price_is_no_list_position():
    from assistant import rules

    assert rules.parse_references("the JBL black for 52, how many hours is the battery?", True) == ()
    assert rules.parse_references("add 2", True) == (2,)


@pytest.mark.parametrize(("message", "mended"), [
    ("w 16gb ram?", "with 16gb ram?"), ("earbuds w noise cancelling", "earbuds with noise cancelling"),
    ("jeans w/o stretch", "jeans without stretch"), ("size W32 jeans", "size W32 jeans"),
])
def test_a_lone_w_before_a_word_is_with(vocab, message, mended):
    from assistant.spelling import Speller

    assert Speller(vocab).correct(message)[0] == mended


def test_with_a_spec_no_listing_states_refines_the_list_and_says_so(assistant):
    session = assistant.new_session()
    assistant.respond(session, "headphones under 100")
    reply = assistant.respond(session, "w 16gb ram?")
    assert reply.intent.kind == "refine" and "don't have" not in reply.text and "says ram" in reply.text
    assert all(c.product.category == "headphones" and c.product.price < 100 for c in reply.products)


def test_a_brand_compared_against_is_not_the_brand_asked_for(vocab):
    """"anything cheaper than the dyson? philips maybe" over Dyson vacuums: Philips, under the Dyson's price."""
    from assistant.reading import read_extras
    from assistant.relative_price import priced_against
    from assistant.types import Intent
    from recsys.types import Candidate
    from retrieval.types import Product

    state = DialogueState(query="dyson vacuum", category="home", brand="Dyson", shown=["d1"])
    message = "woah expensive. anything cheaper than the dyson? philips maybe"
    intent, _ = read_extras(Intent("refine", brand="Dyson"), message, state, vocab)
    assert intent.brand == "Philips"
    shown = [Candidate(Product("d1", "Dyson V8 Cordless Vacuum", 380.0, brand="Dyson", category="home"), 1.0)]
    priced, _ = priced_against(intent, message, state, shown, vocab)
    assert priced.brand == "Philips" and priced.max_price == 379.99


def test_the_shoes_name_the_sneakers_in_the_cart():
    from assistant.parser import title_word_hits
    from retrieval.types import Product

    lines = [Product("s1", "Puma RS-X Sneakers - Black", 80.0, category="sneakers"),
             Product("t1", "Nike Club Tee - White", 20.0, category="t-shirts")]
    assert title_word_hits("the shoes", lines) == (1,)
    assert title_word_hits("the shirt", lines) == (2,)


def test_a_brand_allowed_but_not_required_and_a_model_number_that_is_no_price(vocab):
    from assistant import rules
    from assistant.reading import read_extras
    from assistant.types import Intent

    intent, _ = read_extras(Intent("search", brand="Philips"), "a kettle. and dont just show me philips",
                            DialogueState(), vocab)
    assert intent.brand is None and "Philips" not in intent.exclude_brands
    assert rules.parse_prices("nike air max 90s") == (None, None)
    assert rules.strip_prices("air max 90 under 120") == "air max 90"


@pytest.mark.parametrize("message, bounds", [("you ignored my budget, that one's over 700", (None, 700.0)),
                                             ("those are all over 100, too expensive", (None, 100.0)),
                                             ("laptops over 700", (700.0, None)), ("anything over 50", (50.0, None))])
def test_a_complaint_that_the_budget_was_passed_is_a_ceiling(message, bounds):
    from assistant import rules

    assert rules.parse_prices(message) == bounds


def test_the_brand_named_is_the_one_just_looked_at_among_several_of_it(vocab):
    from assistant.parser import brand_references
    from recsys.types import Candidate
    from retrieval.types import Product

    shown = [Candidate(Product(f"p{i}", f"Philips Kettle {i}", 30.0 + i, brand="Philips", category="kitchen"), 1.0)
             for i in range(1, 4)]
    assert brand_references("add the philips", shown, vocab) == (1,)
    assert brand_references("add the philips", shown, vocab, focus=3) == (3,)


def test_the_cheapest_of_two_brands_named_is_the_cheapest_of_both(vocab):
    """"compare the cheapest philips with the cheapest dyson": the cheapest of the two, whichever brand it is (a pick
    narrowed by the first brand's name said a Philips was the cheapest of these)."""
    from assistant.parser import listed_answer
    from recsys.types import Candidate
    from retrieval.types import Product

    shown = [Candidate(Product("p1", "Philips Compact Kettle", 123.99, brand="Philips", category="kitchen"), 1.0),
             Candidate(Product("d1", "Dyson V8 Cordless Vacuum", 65.99, brand="Dyson", category="home"), 1.0)]
    answer = listed_answer("compare the cheapest philips with the cheapest dyson", shown, vocab)
    assert answer is not None and answer[0] == 2


def test_a_size_said_with_a_pick_by_rating_describes_none_of_them(vocab):
    """"ok put the higher rated one in my cart, size 10": the better rated of the two compared, not the one whose
    title says "Size"."""
    from assistant.parser import shown_references
    from recsys.types import Candidate
    from retrieval.types import Product

    shown = [Candidate(Product("a", "Philips Kettle", 30.0, rating=3.6), 1.0),
             Candidate(Product("b", "Philips Toaster - White, Size 6.5", 40.0, rating=3.2), 1.0)]
    assert shown_references("ok put the higher rated one in my cart, size 10", shown, vocab, (1, 2)) == (1,)


@pytest.mark.parametrize(("message", "mended"), [
    ("um no nigh key and no adidas", "um no Nike and no adidas"),  # Nike, not Nokia, which sounds the same
    ("show me t shirts from uni clo", "show me t shirts from Uniqlo"),
    ("uh do you have dice on vacuums", "uh do you have Dyson vacuums"),
    ("hoe ka running shoes", "Hoka running shoes"),
    ("the 2nd one pls", "the 2nd one please"),                     # chat shorthand: no OnePlus
    ("i need a mat to lie on", "i need a mat to lie on"),           # catalog words: no Mattel
    ("show me some like a hoodie", "show me some like a hoodie"),   # everyday words: no Xiaomi, no Lego
    ("hmm any brand is fine", "hmm any brand is fine"),             # sounds like Himani, but no brand's place
    ("our lab eats like a horse", "our lab eats like a horse"),     # ... Oral-B
])
def test_a_brand_voice_typing_wrote_as_other_words_is_the_brand(message, mended):
    from assistant.spelling import Speller

    rows = [("Nike Pegasus 40 Running Shoes", "Nike", "running shoes"),
            ("Nokia G42 Smartphone", "Nokia", "smartphones"),
            ("Uniqlo Supima Cotton T-Shirt", "Uniqlo", "t-shirts"), ("Dyson V8 Cordless Vacuum", "Dyson", "home"),
            ("Shark Stick Vacuum", "Shark", "home"), ("Hoka Clifton 9", "Hoka", "running shoes"),
            ("Himani Navratna Oil", "Himani", "beauty"), ("Oral-B Pro Toothbrush", "Oral-B", "beauty"),
            ("OnePlus 12 Smartphone", "OnePlus", "smartphones"), ("Mattel Uno Card Game", "Mattel", "toys"),
            ("Manduka Yoga Mat", "Manduka", "sports"), ("Xiaomi Redmi Note 13", "Xiaomi", "smartphones"),
            ("Lego Classic Bricks", "Lego", "toys"), ("Adidas Ultraboost", "Adidas", "running shoes")]
    assert Speller(_vocab_of(rows)).correct(message)[0] == mended
