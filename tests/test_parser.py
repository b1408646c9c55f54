from __future__ import annotations

import numpy as np
import pytest

from assistant import rules
from assistant.parser import RuleParser
from assistant.rules import parse_prices, strip_prices
from assistant.types import DialogueState, Intent
from assistant.validate import validate_intent
from assistant.vocab import CatalogVocab
from tests.shopfixtures import products


@pytest.fixture(scope="module")
def vocab():
    return CatalogVocab.from_catalog(products())


@pytest.fixture(scope="module")
def parser(vocab):
    return RuleParser(vocab)


SHOWN = DialogueState(query="running shoes", category="running shoes", shown=["P001", "P002", "P003"])


@pytest.mark.parametrize("message, kind, slots", [
    ("running shoes under $80", "search", {"category": "running shoes", "max_price": 80.0}),
    ("I need headphones between 50 and 150 dollars", "search",
     {"category": "headphones", "min_price": 50.0, "max_price": 150.0}),
    ("sony earbuds", "search", {"category": "headphones", "brand": "Sony"}),
    ("a blue jacket, not nike", "search", {"category": "jackets", "color": "blue", "exclude_brand": "Nike"}),
    ("jackets around 100", "search", {"category": "jackets", "min_price": 80.0, "max_price": 120.0}),
    ("cheaper", "refine", {"cheaper": True}),
    ("in blue", "refine", {"color": "blue"}),
    ("under 50", "refine", {"max_price": 50.0}),
    ("show more", "more", {}),
    ("compare 1 and 3", "compare", {"references": (1, 3)}),
    ("tell me more about the second one", "details", {"references": (2,)}),
    ("add the second one to my cart", "add_to_cart", {"references": (2,)}),
    ("remove the first one from my cart", "remove_from_cart", {"references": (1,)}),
    ("what's in my cart?", "view_cart", {}),
    ("why these?", "why", {}),
    ("recommend me something", "recommend", {}),
    ("hello!", "greeting", {}),
    ("what's the weather in Paris", "out_of_scope", {}),
])
def test_parse(parser, message, kind, slots):
    intent = parser.parse(message, SHOWN)
    assert intent.kind == kind
    for name, value in slots.items():
        assert getattr(intent, name) == value, (name, intent)


@pytest.mark.parametrize("message", ["jackets, nothing from nike", "jackets but skip nike", "jackets excluding nike",
                                     "jackets, not a fan of nike", "no more nike jackets",
                                     "jackets, avoid the nike ones", "jackets, don't want nike",
                                     "jackets. not the very expensive nike ones though"])
def test_exclusion_wordings_exclude_the_brand_instead_of_asking_for_it(parser, message):
    intent = parser.parse(message, DialogueState())
    assert (intent.category, intent.exclude_brand, intent.brand) == ("jackets", "Nike", None)
    assert parser.parse("nike jackets, nothing under 50", DialogueState()).brand == "Nike"  # a price, not a brand


def test_exclusion_cues_are_read_from_the_templates():
    cues = rules.exclusion_cues(("steer clear of {b}", "i don't like {b}", "exclude the {b} ones", "leave {b} out",
                                 "skip {b}", "{b} excluded"))
    added = set(cues) - set(rules.exclusion_cues(()))
    # tails that carry the meaning ("leave {b} out") give no cue: "leave nike" alone is not an exclusion
    assert added == {"steer clear", "steering clear", "don't like", "exclude", "excluding", "skip", "skipping"}
    assert list(cues) == sorted(cues, key=lambda cue: (-len(cue), cue))  # longest first
    assert set(rules.EXCLUDE_CUES) >= {"not a fan", "nothing", "avoid", "avoiding"}  # from the training bank
    found = rules.excluded_brands("dont want Nike, steering clear of the north face", {"nike": "Nike",
                                  "the north face": "The North Face", "north": "North"})
    assert found == ["Nike", "The North Face"]  # in order of mention; the longer name wins


def test_a_brand_spelt_like_a_common_word_counts_only_as_the_catalog_writes_it():
    vocab = CatalogVocab(categories={"running shoes": "running shoes"}, brands={"on": "On", "nike": "Nike"})
    assert vocab.mentioned_brands("zoom in on product 2, not NIKE") == ["Nike"]
    assert vocab.mentioned_brands("On running shoes") == ["On"]
    assert rules.excluded_brands("anything not on sale", vocab.brands) == []
    assert rules.excluded_brands("anything but On", vocab.brands) == ["On"]
    rule = RuleParser(vocab).parse("running shoes on sale", DialogueState())
    assert (rule.category, rule.brand) == ("running shoes", None)
    lm_wrote = Intent("details", brand="On", references=(2,))
    valid, problems = validate_intent(lm_wrote, vocab, SHOWN, "zoom in on product 2")
    assert (valid.brand, valid.references) == (None, (2,)) and problems


def test_a_catalog_word_is_not_a_misspelt_brand():
    vocab = CatalogVocab(categories={"kitchen": "kitchen"}, brands={"kitchenaid": "KitchenAid"},
                         colors={"silver": "silver"}, title_words=frozenset({"mixer", "stand"}))
    assert vocab.mentioned_brands("kitchen stuff under 25") == []  # a category, 0.82 like "kitchenaid"
    assert vocab.mentioned_brands("a kitchenaide stand mixer") == ["KitchenAid"]  # a real near miss


@pytest.mark.parametrize("text, expected", [
    ("under $1,200", (None, 1200.0)), ("below 1.5k", (None, 1500.0)), ("over 30 bucks", (30.0, None)),
    ("from 20 to 10", (10.0, 20.0)), ("50 or less", (None, 50.0)), ("no numbers here", (None, None)),
    # a negated comparison flips the direction (and must not also set the opposite bound)
    ("no more than $40", (None, 40.0)), ("no less than 25 bucks", (25.0, None)), ("not over 600", (None, 600.0)),
    ("not under $30", (30.0, None)), ("nothing above 50", (None, 50.0)), ("no cheaper than 70", (70.0, None)),
    ("not more expensive than 90", (None, 90.0)), ("can't go over 300", (None, 300.0)),
    ("that doesn't cost more than $40", (None, 40.0)), ("it should not be more than 70", (None, 70.0)),
    ("shouldn't cost under 20", (20.0, None)), ("i don't want to spend less than $15", (15.0, None)),
    ("50 or more", (50.0, None)), ("pricier than 40", (40.0, None)), ("lower than 20", (None, 20.0)),
    ("min 30 max 90", (30.0, 90.0)), ("in the 404 bucks to 500 range", (404.0, 500.0)),
    ("$400 - 200", (200.0, 400.0)), ("compare 1 to 3", (None, None)),
    # amounts in words
    ("kitchen stuff under twenty five dollars", (None, 25.0)), ("around one hundred and fifty", (120.0, 180.0)),
    ("no more than forty-five bucks", (None, 45.0)),
    ("between five hundred and eight hundred dollars", (500.0, 800.0)),  # two round amounts, not 508 and 100
    # how many to list is no price
    ("please no long lists, max 3 items. i want a blue yoga mat", (None, None)),
    ("no more than 5 options", (None, None)),
])
def test_prices(text, expected):
    assert parse_prices(text) == expected


def test_validation_rejects_hallucinated_brand_and_bad_price(vocab):
    intent = Intent("search", brand="Gucci", category="Running Shoes", max_price="cheap", min_price=-5)
    valid, problems = validate_intent(intent, vocab, DialogueState())
    assert valid.brand is None and valid.category == "running shoes"
    assert valid.max_price is None and valid.min_price is None
    assert any("Gucci" in p for p in problems) and any("cheap" in p for p in problems)


def test_strip_prices_removes_price_phrases_in_words_and_keeps_other_text_as_written():
    assert strip_prices("red jacket under twenty dollars") == "red jacket"
    assert strip_prices("tell me about the third one") == "tell me about the third one"


@pytest.mark.parametrize(("message", "low", "high", "kept"), [
    ("jackets under $80", None, 80.0, (None, 80.0)),
    ("jackets for two hundred or less", None, 200.0, (None, 200.0)),  # stated in words
    ("jackets around 100", 80.0, 120.0, (80.0, 120.0)),               # the band around a stated amount
    ("jackets please", None, 100.0, (None, None)),                    # invented
    ("jackets between 50 and 90", 50.0, 95.0, (50.0, 90.0)),           # one bound misread: the range stated
    ("zoom in on product 2", 1.6, 2.4, (None, None)),                  # an item number, not a price
    ("is item 3 under 3 bucks", None, 3.0, (None, 3.0)),               # both
])
def test_validation_with_the_message_keeps_only_prices_it_states(vocab, message, low, high, kept):
    intent = Intent("search", category="jackets", min_price=low, max_price=high)
    valid, problems = validate_intent(intent, vocab, DialogueState(), message)
    assert (valid.min_price, valid.max_price) == kept
    assert bool(problems) == ((low, high) != kept)
    unchecked, _ = validate_intent(intent, vocab, DialogueState())  # without the message: no such check
    assert (unchecked.min_price, unchecked.max_price) == (low, high)


def test_a_brand_written_as_the_category_moves_to_the_brand_slot(vocab):
    moved, problems = validate_intent(Intent("search", category="sony", min_price=20.0), vocab, DialogueState(),
                                      "let me see the sony range from $20")
    assert (moved.category, moved.brand, moved.min_price) == (None, "Sony", 20.0)
    assert problems == ["category 'sony' is a brand: moved to the brand slot"]
    taken, problems = validate_intent(Intent("search", category="sony", brand="Bose"), vocab, DialogueState())
    assert (taken.category, taken.brand) == (None, "Bose")  # the brand slot is taken: dropped as before
    assert problems == ["category 'sony' is not in the catalog: dropped"]


@pytest.mark.parametrize("message, brand, excluded, kept, changed", [
    ("nike shoes but no asics", "Nike", "Asics", ("Nike", "Asics"), False),        # both named: kept
    ("nothing from brooks please", None, "Asics", (None, "Brooks"), True),        # a known brand for an unseen one
    ("running shoes, skip addidas", "Sony", None, (None, None), True),           # not named, nothing to swap in
    ("patagonai jackets", "Asics", None, ("Patagonia", None), True),               # a misspelt name counts as named
    ("sony or bose headphones", "JBL", None, (None, None), True),                  # two candidates: no guessing
    ("nothing from columbia", None, "Columbix", (None, "Columbia"), True),        # half-copied, not in the catalog
])
def test_validation_with_the_message_keeps_only_brands_it_names(vocab, message, brand, excluded, kept, changed):
    intent = Intent("search", category="running shoes", brand=brand, exclude_brand=excluded)
    valid, problems = validate_intent(intent, vocab, DialogueState(), message)
    assert (valid.brand, valid.exclude_brand) == kept
    assert any("not a brand the message names" in p for p in problems) == changed
    unchecked, _ = validate_intent(intent, vocab, DialogueState())  # without the message: catalog check only
    assert (unchecked.brand, unchecked.exclude_brand) == (vocab.snap("brand", brand), vocab.snap("brand", excluded))


@pytest.mark.parametrize("message, brand, excluded, kept", [
    ("running shoes, avoid nike", "Nike", None, (None, "Nike")),              # wanted -> excluded
    ("running shoes excluding nike", None, None, (None, "Nike")),             # left out -> added
    ("asics running shoes, nothing from brooks", "Brooks", None, ("Asics", "Brooks")),  # named brand swapped in first
    ("asics, nothing from brooks, skip nike", "Asics", "Brooks", ("Asics", "Brooks")),  # one slot: kept as written
    ("nike running shoes, nothing under 50", "Nike", None, ("Nike", None)),   # "nothing" governs a price here
])
def test_validation_excludes_the_brand_an_exclusion_word_governs(vocab, message, brand, excluded, kept):
    intent = Intent("search", category="running shoes", brand=brand, exclude_brand=excluded)
    valid, problems = validate_intent(intent, vocab, DialogueState(), message)
    assert (valid.brand, valid.exclude_brand) == kept
    assert any("exclu" in p for p in problems) == (kept != (brand, excluded))
    compare, _ = validate_intent(Intent("compare", references=(1, 2)), vocab, SHOWN, "compare 1 and 2, not nike")
    assert compare.exclude_brand is None  # only intents that filter products take an exclusion


def test_validation_places_a_named_brand_or_colour_the_model_left_out(vocab):
    dropped = Intent("search", category="running shoes")
    valid, problems = validate_intent(dropped, vocab, DialogueState(), "any black nike running shoes?")
    assert (valid.brand, valid.color) == ("Nike", "black") and len(problems) == 2
    two, _ = validate_intent(dropped, vocab, DialogueState(), "nike or asics running shoes?")
    assert two.brand is None  # which one is not for validation to guess
    excluded, _ = validate_intent(dropped, vocab, DialogueState(), "running shoes, but not nike")
    assert (excluded.brand, excluded.exclude_brand) == (None, "Nike")
    swapped = Intent("search", category="running shoes", brand="Nike", exclude_brand="Asics")
    fixed, _ = validate_intent(swapped, vocab, DialogueState(), "asics running shoes, skip nike")
    assert (fixed.brand, fixed.exclude_brand) == ("Asics", "Nike")  # never the same brand wanted and excluded
    compare, _ = validate_intent(Intent("compare", references=(1, 2)), vocab, SHOWN, "compare 1 and 2, the nike")
    assert compare.brand is None


def test_validation_drops_references_to_unshown_items(vocab):
    valid, problems = validate_intent(Intent("compare", references=(1, 7, -1)), vocab, SHOWN)
    assert valid.references == (1, 3)
    assert any("7" in p for p in problems)


class _TableEncoder:
    """Unit vectors looked up by text: a stand-in for the multilingual model."""

    def __init__(self, table):
        self.table = {k: np.asarray(v, dtype=np.float32) / np.linalg.norm(v) for k, v in table.items()}

    def encode(self, texts, show_progress=False):
        return np.stack([self.table[t] for t in texts])


def test_category_matcher_needs_a_clear_lead():
    from assistant.crosslingual import CategoryMatcher, has_non_latin_letters

    encoder = _TableEncoder({"headphones": [1, 0, 0], "laptops": [0, 1, 0], "耳机": [0.95, 0.2, 0],
                             "你好": [0.6, 0.6, 0.5]})
    matcher = CategoryMatcher(encoder, ["headphones", "laptops"], min_score=0.8, min_lead=0.05)
    assert matcher("耳机") == "headphones"
    assert matcher("你好") is None  # equally near both: a greeting, not a category
    assert has_non_latin_letters("耳机") and has_non_latin_letters("наушники")
    assert not has_non_latin_letters("Café crème 42 $")


def test_rule_parser_asks_the_matcher_only_for_unreadable_messages(vocab):
    asked = []
    parser = RuleParser(vocab, lambda text: asked.append(text) or "headphones")
    assert parser.parse("耳机", DialogueState()).category == "headphones"
    assert parser.parse("hello there", DialogueState()).kind == "greeting"
    assert parser.parse("running shoes", DialogueState()).category == "running shoes"
    assert asked == ["耳机"]
    refine = parser.parse("便宜一点", DialogueState(category="headphones", shown=["P1"]))
    assert refine.cheaper


def test_a_word_names_the_cart_line_whose_title_word_it_ends():
    from assistant.parser import title_word_reference
    from retrieval.types import Product

    lines = [Product("a", "Galaxy Z Flip6 Compact Smartphone 256GB", 300.0, category="smartphones"),
             Product("b", "Galaxy Buds FE Wireless Earbuds", 60.0, category="headphones")]
    assert title_word_reference("take the phone out, I'm getting my brother's", lines) == (1,)
    assert title_word_reference("remove the buds", lines) == (2,)
    assert title_word_reference("drop the galaxy", lines) == (), "a word both titles have names neither"


def test_budgets_said_as_what_is_left_or_no_more_than_are_ceilings(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    reply = assistant.respond(session, "also a running top, womens, no more than 40")
    assert reply.intent.kind != "add_to_cart" and reply.intent.max_price == 40 and not session.cart
    other = assistant.new_session()
    reply = assistant.respond(other, "a jacket for the trails maybe, I have maybe 200 left")
    assert reply.intent.max_price == 200 and reply.intent.min_price is None


@pytest.mark.parametrize(("text", "refs"), [("show me the dumbbell sets, cheapest first", ()),
                                            ("best rated first please", ()), ("add the first one", (1,)),
                                            ("the one before the last", (-2,)), ("how long does the battery last", ()),
                                            ("hoover first. cordless pls", ()), ("candles first, yankee", ()),
                                            ("add the first.", (1,)), ("ok first", (1,)), ("i want the first", (1,))])
def test_an_order_said_with_first_is_no_position(text, refs):
    assert rules.parse_references(text, allow_bare_numbers=False) == refs
