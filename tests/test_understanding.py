"""Understanding shoppers: catalog evidence, message readers, spelling, conversation acts, the scorer.

The tiny shop (tests/shopfixtures.py) has running shoes, headphones and jackets from Nike, Asics,
Brooks, Sony, Bose, JBL, Patagonia and Columbia; the evidence tests use a scripted retrieval so the
decision rules are checked apart from any encoder.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from assistant.aisles import Aisles
from assistant.evidence import EvidenceReader, ground, noun_phrase
from assistant.parser import RuleParser, listed_answer, shown_references
from assistant.reading import cleared, excluded_terms, has_term, pricier, read_extras
from assistant.spelling import Speller
from assistant.types import DialogueState, Intent, Product
from retrieval.filters import FilterTable, filter_mask
from retrieval.types import Filters, Hit

# ---------------------------------------------------------------------------------------- evidence


class VectorIndex:
    """An index of stored vectors, one category per row: what `assistant.aisles` averages."""

    def __init__(self, categories: list[str], vectors: list[list[float]]):
        self.catalog = pd.DataFrame({"category": categories})
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self.dim = self._vectors.shape[1] if len(vectors) else 4

    def __len__(self) -> int:
        return len(self.catalog)

    def vectors(self, rows: list[int]) -> np.ndarray:
        return self._vectors[rows]


class ScriptedEncoder:
    """Embeds the texts a test names; any other text is the zero vector."""

    def __init__(self, vectors: dict[str, list[float]]):
        self.named = vectors

    def encode(self, texts, show_progress=False):
        return np.asarray([self.named.get(t, [0.0] * 4) for t in texts], dtype=np.float32)


class ScriptedEngine:
    """`retrieve` returns the hits a test names for a phrase; an `index` and `encoder` give the aisles (none
    unless a test builds them)."""

    def __init__(self, vocab, hits: dict[str, list[tuple[str, str, float]]], index=None, encoder=None):
        self.vocab = vocab
        self.hits = hits
        self.asked: list[str] = []
        self.index = index if index is not None else VectorIndex([], [])
        self.encoder = encoder or ScriptedEncoder({})

    def retrieve(self, text, filters, k):
        self.asked.append(text)
        rows = self.hits.get(text, [])
        return [Hit(Product(f"X{i}", title, 10.0, category=cat), score, dense_score=score)
                for i, (title, cat, score) in enumerate(rows)][:k]


def test_the_last_noun_of_a_compound_is_the_category(assistant):
    vocab = assistant.engine.vocab
    engine = ScriptedEngine(vocab, {"jacket headphones": [("Sony Travel Headphones", "headphones", 0.7)] * 4 +
                                    [("Nike Shell Jacket", "jackets", 0.5)]})
    grounding = ground("jacket headphones", None, vocab, EvidenceReader(engine))
    assert grounding.named == ("headphones",)  # "jacket" only says which headphones
    assert grounding.category == "headphones" and grounding.carried


def test_the_products_decide_between_two_categories_named(assistant):
    vocab = assistant.engine.vocab
    engine = ScriptedEngine(vocab, {"jackets": [("Nike Shell Jacket", "jackets", 0.5)],
                                    "jackets and headphones": [("Sony Travel Headphones", "headphones", 0.7)] * 4 +
                                    [("Nike Shell Jacket", "jackets", 0.5)]})
    grounding = ground("jackets and headphones", None, vocab, EvidenceReader(engine))
    assert set(grounding.named) == {"headphones", "jackets"}
    assert grounding.category == "headphones" and grounding.carried


def test_a_phrase_nothing_matches_closely_is_not_carried(assistant):
    vocab = assistant.engine.vocab
    engine = ScriptedEngine(vocab, {"table top bandsaw": [("Nike Runner Table Edition", "running shoes", 0.39)],
                                    "yoga mat": [("Nike Yoga Mat", "jackets", 0.45)]})
    reader = EvidenceReader(engine)
    bandsaw = ground("table top bandsaw for metal", None, vocab, reader)
    assert not bandsaw.carried and bandsaw.evidence.head == "bandsaw"
    # between the two thresholds the head noun in a matching title decides
    mat = ground("a yoga mat please", None, vocab, reader)
    assert mat.carried and mat.category == "jackets"
    # a message naming a catalog category or brand is carried whatever the scores
    assert ground("sony", None, vocab, reader).carried


def test_a_long_phrase_is_carried_by_the_product_word_its_best_titles_spell(assistant):
    vocab = assistant.engine.vocab
    rackets = [("Wilson Tennis Racket", "sports", 0.42)] * 5
    bluetooth = [("Sony Bluetooth Headphones", "headphones", 0.45)] * 5
    long_ = "back into tennis years off forgiving for rusty beginner"
    speakers_long = "bluetooth speakers small loud for garden"
    reader = EvidenceReader(ScriptedEngine(vocab, {long_: rackets, "bluetooth speakers": bluetooth,
                                                   speakers_long: bluetooth}))
    tennis = reader.read(long_)
    assert tennis.head == "beginner" and tennis.word == "tennis" and tennis.word_hits == 5 and tennis.carried
    # a short phrase's head is its product: the titles' "bluetooth" does not make speakers carried
    assert not reader.read("bluetooth speakers").carried
    # nor in a long one, where "bluetooth" is followed by a product word no title uses
    assert reader.read(speakers_long).word is None and not reader.read(speakers_long).carried


def _aisle_engine(vocab, hits, texts):
    """Kitchen products point one way, headphones another, backpacks a third."""
    index = VectorIndex(["kitchen", "kitchen", "headphones", "headphones", "backpacks"],
                        [[1, 0.1, 0, 0], [1, -0.1, 0, 0], [0, 1, 0.1, 0], [0, 1, -0.1, 0], [0, 0, 1, 0]])
    return ScriptedEngine(vocab, hits, index=index, encoder=ScriptedEncoder(texts))


def test_the_aisle_is_the_category_the_whole_message_is_nearest_on_average(assistant):
    engine = _aisle_engine(assistant.engine.vocab, {}, {"pot for stews": [0.9, 0.2, 0.1, 0],
                                                        "gift": [0.6, 0.6, 0, 0], "book": [0.1, 0.1, 0.1, 1]})
    aisles = Aisles(engine)
    assert aisles.read("pot for stews").clear == "kitchen"
    assert aisles.read("gift").clear is None  # two aisles alike: none chosen
    assert aisles.read("book").clear is None  # near no aisle at all
    engine.index = VectorIndex(["kitchen", "headphones"], [[0, 1, 0, 0], [1, 0, 0, 0]])  # the catalog changed
    assert aisles.read("pot for stews").clear == "headphones"


def test_the_aisle_outweighs_one_word_a_few_titles_share(assistant):
    vocab = assistant.engine.vocab
    tees = [("Nike Dry Fit Running Tee", "kitchen", 0.41)] * 5  # "dry" in every title, all in the wrong aisle
    message = "something for her skin which is very dry"
    engine = _aisle_engine(vocab, {"dry": tees, message: tees}, {message: [0.1, 0.2, 0.95, 0]})
    grounding = ground(message, None, vocab, EvidenceReader(engine))
    assert grounding.category == "backpacks" and grounding.aisle.clear == "backpacks"
    close = [("Nike Scented Candle", "kitchen", 0.6)] * 5  # a phrase its best matches spell closely stands
    engine = _aisle_engine(vocab, {"scented candles": close}, {"scented candles": [0.1, 0.2, 0.95, 0]})
    assert ground("scented candles", None, vocab, EvidenceReader(engine)).category == "kitchen"


def test_a_thing_given_as_an_example_is_searched_in_the_aisle_its_matches_share(assistant):
    vocab = assistant.engine.vocab
    watches = [("Garmin Forerunner 265 GPS Watch", "jackets", 0.41)] * 5  # one aisle, matched loosely
    reader = EvidenceReader(ScriptedEngine(vocab, {"fitbit": watches, "my fitbit broke": watches}))
    example = ground("something like a fitbit to count my steps", None, vocab, reader)
    assert example.carried and example.category == "jackets"
    assert not ground("my fitbit broke", None, vocab, reader).carried  # the thing itself, which no title names


def test_a_thing_not_carried_is_offered_from_the_aisle_it_sounds_like(assistant):
    vocab = assistant.engine.vocab
    message = "a big heavy pot for stews"
    far = [("Osprey Big Heavy Duty Backpack", "backpacks", 0.3)] * 5
    engine = _aisle_engine(vocab, {"big heavy pot": far, message: far}, {message: [0.9, 0.1, 0.1, 0]})
    grounding = ground(message, None, vocab, EvidenceReader(engine))
    assert not grounding.carried and grounding.nearest == "kitchen"
    assert grounding.to_dict()["nearest"] == "kitchen"


def test_noun_phrase_drops_prices_colours_and_what_follows_the_phrase(assistant):
    vocab = assistant.engine.vocab
    assert noun_phrase("black running shoes for a half marathon under $80", vocab) == "running shoes"
    assert noun_phrase("do you have a laptop backpack? for commuting", vocab) == "laptop backpack"
    # an order word is no product word: "cheapest lego" was no thing the shop carries
    assert noun_phrase("cheapest Lego set in stock", vocab) == "lego"
    assert noun_phrase("top rated toaster", vocab) == "toaster"


# ----------------------------------------------------------------------------------------- readers

@pytest.mark.parametrize(("text", "up"), [("something more premium", True), ("smth nicer? money no object", True),
                                         ("higher end ones please", True), ("cheaper please", False),
                                         ("in blue", False)])
def test_price_direction_up(text, up):
    assert pricier(text) is up


@pytest.mark.parametrize(("text", "lifted"), [
    ("forget the budget", ("max_price", "min_price")), ("any brand is fine", ("brand", "exclude_brands")),
    ("colour doesn't matter", ("color",)), ("ugh start over", ("all",)), ("drop the minimum", ("min_price",)),
    ("nicer ones, money is no object", ()),  # a direction, not a lifted budget
    ("under 80", ())])
def test_lifted_constraints(text, lifted):
    assert cleared(text, DialogueState()) == lifted


def test_a_brand_allowed_again_clears_the_exclusions():
    assert cleared("actually nike is fine", DialogueState(exclude_brands=["Nike"])) == ("exclude_brands",)
    assert cleared("actually nike is fine", DialogueState()) == ()


def test_exclusion_terms_are_catalog_words_after_a_cue_or_before_free(assistant):
    vocab = assistant.engine.vocab
    assert excluded_terms("jackets but nothing red", vocab, []) == ("red",)
    assert excluded_terms("shell jackets without the shell", vocab, []) == ("shell",)
    assert excluded_terms("not too expensive, no more than 80", vocab, []) == ()  # not attributes
    assert excluded_terms("no nike", vocab, ["Nike"]) == ()  # a brand, read as a brand exclusion
    assert excluded_terms("sulphate free shampoo", vocab, []) == ("sulphate",)


def test_an_excluded_term_filters_unless_the_product_is_free_of_it():
    leather = Product("P1", "Classic Leather Sneakers", 50.0, color="white")
    free = Product("P2", "Sulphate-Free Shampoo", 9.0)
    laces = Product("P3", "Trail Runner with Laces", 80.0)
    assert has_term(leather, "leather") and not has_term(free, "sulphate") and has_term(laces, "lace")


def test_read_extras_turns_a_lone_constraint_change_into_a_refinement(assistant):
    vocab = assistant.engine.vocab
    state = DialogueState(query="running shoes", category="running shoes", max_price=100.0, shown=["P001"],
                          shown_prices=[99.99])
    intent, notes = read_extras(Intent("out_of_scope", query="colour doesnt matter"), "colour doesnt matter",
                                state, vocab)
    assert intent.kind == "refine" and intent.clear == ("color",) and notes
    several, _ = read_extras(Intent("search", exclude_brand="Nike"), "no nike or asics", state, vocab)
    assert several.exclude_brands == ("Nike", "Asics") and several.kind == "refine"
    untouched, notes = read_extras(Intent("add_to_cart", references=(1,)), "add the first", state, vocab)
    assert untouched == Intent("add_to_cart", references=(1,)) and not notes


def test_brand_families_are_excluded_together():
    catalog = pd.DataFrame({"product_id": ["a", "b", "c"], "title": ["x", "y", "z"], "price": [1.0, 2.0, 3.0],
                            "category": ["c", "c", "c"], "brand": ["Cadbury", "Cadbury Bournville", "Amul"],
                            "color": ["", "", ""]})
    filters = Filters(exclude_brands=("cadbury",))
    assert filter_mask(catalog, filters).tolist() == [False, False, True]
    assert FilterTable(catalog).mask(filters).tolist() == [False, False, True]


# ---------------------------------------------------------------------------------------- spelling

def test_spelling_mends_rare_words_against_the_shops_words(assistant):
    speller = Speller(assistant.engine.vocab)
    assert speller.correct("w/o hood")[0] == "without hood"
    assert speller.correct("jacket w/ hood")[0] == "jacket with hood"
    fixed, changes = speller.correct("runnin shoes undr 80 pls")
    assert fixed == "running shoes under 80 please" and "undr -> under" in changes
    fixed, _ = speller.correct("sony hedphones")
    assert fixed == "sony headphones"
    # real words, unknown names and product words the shop lacks are left alone
    assert speller.correct("a gift for my wife, gucci maybe")[1] == []
    from assistant.vocab import CatalogVocab

    with_bands = Speller(CatalogVocab(title_words=frozenset({"resistance", "bands"})))
    assert with_bands.correct("table top bandsaw for metal")[0] == "table top bandsaw for metal"  # not "bands"
    assert with_bands.correct("resistence bands")[0] == "resistance bands"
    with_training = Speller(CatalogVocab(title_words=frozenset({"training", "set"})))
    assert with_training.correct("whats the raiting on the friends one")[0] == \
        "whats the rating on the friends one"  # a word about the listing, not the titles' "training"


# ----------------------------------------------------------------------------------- conversation acts

def _shown(assistant, message="running shoes"):
    session = assistant.new_session()
    assistant.respond(session, message)
    return session


def test_and_the_third_one_too_adds_after_an_add(assistant):
    session = _shown(assistant)
    first = assistant.respond(session, "add the first one to my cart")
    third = assistant.respond(session, "and the third one too")
    assert first.intent.kind == third.intent.kind == "add_to_cart" and third.intent.references == (3,)
    assert len(session.cart) == 2


def test_a_reference_past_the_list_never_touches_the_cart(assistant):
    session = _shown(assistant, "Sony headphones under 100")  # few results
    shown = len(session.shown)
    reply = assistant.respond(session, f"add number {shown + 2} to my cart")
    assert session.cart == {} and reply.intent.unresolved == (shown + 2,)
    assert f"only {shown}" in reply.text


def test_ranges_words_and_cart_lines_as_references(assistant):
    parser = RuleParser(assistant.engine.vocab)
    session = _shown(assistant)
    assert parser.parse("compare the first two", session).references == (1, 2)
    assert parser.parse("the 1st and 4th look fine, add both", session).references == (1, 4)
    cheapest = min(range(len(session.shown)), key=lambda i: session.shown_prices[i]) + 1
    assert parser.parse("tell me about the cheapest one", session).references == (cheapest,)
    brand = session.last_candidates[session.shown[1]].product.brand
    if sum(session.last_candidates[p].product.brand == brand for p in session.shown) == 1:
        assert parser.parse(f"the {brand} one, more details pls", session).references == (2,)
    assistant.respond(session, "add the 2nd and the 3rd")
    removal = parser.parse("remove the first one from my cart", session)
    assert removal.kind == "remove_from_cart" and removal.references == (1,)  # the cart's first line
    assert parser.parse("clear my cart", session).kind == "remove_from_cart"


@pytest.mark.parametrize(("message", "kind"), [
    ("same but white thx", None), ("what else have you got thx", "more"),  # thanks ends, it does not greet
    ("What did i add to my cart cheers", "view_cart"), ("The 3rd of them goes in the cart if possible", "add_to_cart"),
    ("view cart", "view_cart"), ("a nike gym bag for women", "search"), ("1st one into cart", "add_to_cart"),
    ("thx ur the best", "greeting"), ("whats ur refund policy if the shoes dont fit", "out_of_scope"),
    ("the add to cart button isnt working", "out_of_scope"), ("hmm any others", "more"),
    ("what's the diff between 1 and 2", "compare"),
    # a goodbye after other words, how the shop runs (payment, returns), a typo'd "tell me more"
    ("ok never mind, bye", "greeting"), ("ok thanks anyway", "greeting"), ("no thanks, that's all", "greeting"),
    ("never mind the budget", None), ("can I pay in instalments?", "out_of_scope"),
    ("And how do I send them back if he doesn't like them?", "out_of_scope"),
    ("lol do you guys do refunds", "out_of_scope"), ("the last one, tell me more", "details"),
    # a hello that opens a request, closings that are no requests, a bare "cart" after a sentence
    ("hi! my husband's birthday is sunday, any ideas for him?", "recommend"), ("k thx", "greeting"),
    ("ill think about it, thanks", "greeting"), ("ok just those then. cart", "view_cart"),
    ("will it arrive before the 1st?", "out_of_scope"), ("will it come in a gift box?", "out_of_scope"),
    ("ok no worries, what else would you recommend for a housewarming?", "recommend"),
    # the request is answered before the question about delivery
    ("our headphones just died, need a new pair asap, do you do next day delivery?", None)])
def test_conversation_acts(assistant, message, kind):
    session = _shown(assistant)
    intent = RuleParser(assistant.engine.vocab).parse(message, session)
    assert intent.kind == kind if kind else intent.kind != "greeting"


# -------------------------------------------------------------------------------------------- scorer

def test_the_scorer_counts_slots_phenomena_and_dialogues(assistant, tmp_path):
    from assistant.offline.understanding import evaluate_sets

    singles = tmp_path / "singles.jsonl"
    singles.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "message": "sony headphones under 100", "phenomena": ["price", "brand"],
         "gold": {"kind": "search", "category": "headphones", "brand": "Sony", "max_price": 100}},
        {"id": "b", "context": ["running shoes"], "message": "cheaper", "phenomena": ["direction"],
         "gold": {"kind": "refine", "cheaper": True}},
        {"id": "c", "message": "hello", "phenomena": ["smalltalk"], "gold": {"kind": "out_of_scope"}},
    ]))
    dialogues = tmp_path / "dialogues.jsonl"
    dialogues.write_text(json.dumps({"id": "d", "turns": [
        {"user": "jackets under 150", "expect": {"kind": "search", "category": "jackets", "max_price": 150}},
        {"user": "add the first one to my cart", "expect": {"cart_add_positions": [1], "cart_size": 1}},
        {"user": "thanks", "expect": {"cart_unchanged": True, "kind": "out_of_scope"}}]}))
    summary, results, dialogue_results = evaluate_sets(assistant, singles, dialogues)
    assert summary["messages"] == 3 and summary["intent_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert summary["phenomena"]["smalltalk"]["correct"] == 0.0 and summary["phenomena"]["price"]["correct"] == 1.0
    assert [r.correct for r in results] == [True, True, False]
    assert summary["dialogue_success"] == 0.0  # the last turn's kind is greeting, not out_of_scope
    assert "turn 3" in dialogue_results[0].failures[0]
    # totals that say where it lost, with no message in them
    assert summary["slots"]["max_price"] == {"gold": 1, "predicted": 1, "matched": 1}
    assert summary["slots"]["cheaper"]["matched"] == 1
    assert summary["kinds"] == {"out_of_scope -> greeting": 1}
    assert summary["dialogue_checks"] == {"kind": 1}
    assert summary["dialogue_kinds"] == {"out_of_scope -> greeting": 1}


def test_the_scorer_reads_positions_as_a_set_and_a_removal_against_the_cart(assistant, tmp_path):
    from assistant.offline.understanding import evaluate_sets

    singles = tmp_path / "singles.jsonl"
    singles.write_text("\n".join(json.dumps(r) for r in [
        {"id": "a", "context": ["running shoes"], "message": "add the third one and the first",
         "gold": {"kind": "add_to_cart", "references": [3, 1]}},  # the same two products, said in another order
        {"id": "b", "context": ["jackets", "add the first one", "sony headphones", "add the first one"],
         "message": "please take the headphones back out", "gold": {"kind": "remove_from_cart",
                                                                     "reference_text": "headphones"}},
    ]))
    summary, results, _ = evaluate_sets(assistant, singles, None)
    assert [r.correct for r in results] == [True, True]
    assert results[1].predicted["references"] == [2]  # the cart's second line, named by its title


def test_the_scorer_reads_two_words_pointing_at_two_items(assistant):
    from assistant.offline.understanding import _reference_text_ok

    listed = [Product("A", "Sony Quiet Headphones", 10.0, brand="Sony"), Product("B", "JBL Tune", 20.0, brand="JBL"),
              Product("C", "Bose Calm Headphones", 30.0, brand="Bose")]
    assert _reference_text_ok(["Sony", "Bose"], [3, 1], listed)
    assert not _reference_text_ok(["Sony", "Bose"], [1, 2], listed)
    assert not _reference_text_ok(["Sony", "Bose"], [1], listed)


def test_the_shopper_sets_are_well_formed():
    """Every set parses, ids are unique, kinds and slots are the schema's (read as data, not studied)."""
    from pathlib import Path

    from assistant.offline.understanding import SLOTS, read_set
    from assistant.types import INTENT_KINDS

    folder = Path(__file__).resolve().parents[1] / "bench" / "data" / "shoppers"
    ids = set()
    counts = {}
    for path in sorted(folder.glob("*.jsonl")):
        rows = read_set(path)
        counts[path.name] = len(rows)
        for row in rows:
            assert row["id"] not in ids
            ids.add(row["id"])
            if "gold" in row:
                assert row["gold"]["kind"] in INTENT_KINDS
                assert set(row["gold"]) <= {"kind", "reference_text", *SLOTS}
            else:
                assert all(turn["user"] for turn in row["turns"])
    demo = sum(n for name, n in counts.items() if name.startswith("demo-singles"))
    assert demo >= 400 and sum(n for name, n in counts.items() if name.startswith("demo-dialogues")) >= 80


def test_thanks_mid_conversation_is_answered_as_thanks(assistant):
    session = _shown(assistant, "jackets")
    assert assistant.respond(session, "thanks, those look good").text.startswith("You're welcome")
    assert assistant.respond(session, "thanks, that's all").text.startswith("Thanks for shopping with us")
    assert assistant.respond(session, "ok bye").text.startswith("Thanks for shopping with us")
    assert assistant.respond(session, "ta, thats me done").text.startswith("Thanks for shopping with us")
    assert assistant.respond(assistant.new_session(), "hi").text.startswith("Hi!")


class _RefineEverything:
    """A parser that reads every message as a refinement with no slots (what a model says of "got X too?")."""

    def read(self, message, state):
        from assistant.parser import Parsed

        return Parsed(Intent("refine"), "lm")

    def parse(self, message, state):
        return self.read(message, state).intent


def test_a_refinement_that_narrows_nothing_but_names_a_thing_is_a_search(assistant):
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine, _RefineEverything())
    chat.evidence = EvidenceReader(ScriptedEngine(assistant.engine.vocab, {
        "hoverboards": [("Nike Runner Board Edition", "running shoes", 0.2)]}))
    for message, kind, not_carried in [("got hoverboards as well?", "search", True),
                                       ("are they any good?", "refine", False),  # about what is shown
                                       ("hmm ok", "refine", False)]:
        session = chat.new_session()
        chat.respond(session, "jackets")
        reply = chat.respond(session, message)
        assert (reply.intent.kind, reply.trace.not_carried) == (kind, not_carried), message


def test_interjections_are_no_product_words(assistant):
    vocab = assistant.engine.vocab
    assert noun_phrase("haha ok. do you have rain jackets? something warm", vocab) == "rain jackets"
    assert noun_phrase("hmmm, yikes. sony headphones", vocab) == "sony headphones"


def test_a_yes_after_looking_at_one_item_adds_that_item(assistant):
    for yes in ("yes, that one", "yes", "that'll do, pop it in"):
        session = _shown(assistant)
        assistant.respond(session, "tell me more about the 2nd")
        reply = assistant.respond(session, yes)
        assert reply.intent.kind == "add_to_cart" and reply.intent.references == (2,), yes
        assert list(session.cart) == [session.shown[1]]
    session = _shown(assistant)  # without an item looked at, a bare "yes" adds nothing
    assert assistant.respond(session, "yes").intent.kind != "add_to_cart" and not session.cart


def test_a_chatty_message_is_grounded_by_what_it_asks_for(assistant):
    vocab = assistant.engine.vocab
    engine = ScriptedEngine(vocab, {
        "physio says should stretches for back every morning": [("Nike Stretch Jacket", "jackets", 0.55)],
        "mat": [("Nike Yoga Mat", "running shoes", 0.45)],
        "hat yoga matt": [("Nike Yoga Mat", "running shoes", 0.44)],
        "thanks": [], "toys for kids": [("Nike Kids Runner", "running shoes", 0.6)],
        "for 4yo nephew": [("Sony Kids Headphones", "headphones", 0.2)]})
    reader = EvidenceReader(engine)
    # the phrase after "I need" is read first, not a carried phrase about something else before it
    stretch = ground("My physio says I should do stretches for my back every morning. I need a mat to lie on",
                     None, vocab, reader)
    assert stretch.evidence.phrase == "mat" and stretch.category == "running shoes"
    # a head noun a letter off a title word ("matt") counts as in the titles
    assert ground("hat yoga matt", None, vocab, reader).carried
    # a gift for a young child with no product named is looked for where the shop keeps children's things
    assert ground("need a present for my 4yo nephew", None, vocab, reader).category == "running shoes"
    from assistant.evidence import noun_phrases

    assert noun_phrases("something to keep a 3 year old busy on a car journey", vocab)[0] == "toys for kids"
    assert "toys for kids" not in noun_phrases("something durable, lasts 5 years at least", vocab)
    # a category word used as a place names no category
    from assistant.vocab import CatalogVocab

    shop = CatalogVocab(categories={"home": "home", "kitchen": "kitchen"})
    assert shop.wanted_categories("my kettle at home broke, have you got kitchen ones?") == ["kitchen"]
    assert shop.wanted_categories("something for the home") == ["home"]


def test_a_not_carried_reply_never_quotes_a_long_run_of_words():
    from assistant.reply import not_carried_text

    assert not_carried_text("table top bandsaw", 2).startswith("Sorry, I don't have 'table top bandsaw'")
    assert not_carried_text("top for running breathable sporty cause gets soaked", 2).startswith(
        "Sorry, I don't have that in this shop")


@pytest.mark.parametrize(("text", "prices"), [
    ("Two hundred pounds at the very most.", (None, 200.0)), ("50ish max", (None, 50.0)),
    ("a couple hundred at most", (None, 200.0)), ("under a grand", (None, 1000.0)),
    ("a hosepipe about 20 metres long", (None, None))])
def test_spoken_budgets_and_lengths(text, prices):
    from assistant import rules

    assert rules.parse_prices(text) == prices


def test_an_exclusion_after_one_of_those_is_read_and_kept_out_of_the_search_text(assistant):
    from assistant.state import search_text

    vocab = assistant.engine.vocab
    assert excluded_terms("a jacket, not one of those shell ones", vocab, []) == ("shell",)
    state = DialogueState(query="jackets, not one of those shell ones", category="jackets",
                          exclude_terms=["shell"], exclude_brands=["Nike"])
    assert "shell" not in search_text(state).lower() and "nike" not in search_text(state).lower()
    session = assistant.new_session()
    reply = assistant.respond(session, "jackets, not one of those blue ones")
    assert reply.intent.exclude_terms == ("blue",) and reply.products
    assert not any("blue" in c.product.title.lower() for c in reply.products)


class _RefineToJackets(_RefineEverything):
    """A parser that reads every message as a refinement keeping the jackets (what a model says of
    "do you sell cases for it?" while jackets are shown)."""

    def read(self, message, state):
        from assistant.parser import Parsed

        return Parsed(Intent("refine", category="jackets"), "lm")


def test_a_refinement_naming_the_aisle_on_screen_reads_as_no_change_of_aisle(assistant):
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine, _RefineToJackets())
    session = chat.new_session()
    chat.respond(session, "jackets")
    assert session.category == "jackets"
    reply = chat.respond(session, "in black")
    assert reply.intent.kind == "refine" and reply.intent.category is None and session.category == "jackets"


def test_asking_for_a_thing_the_shop_lacks_while_refining_is_a_search_it_cannot_serve(assistant):
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine, _RefineToJackets())
    chat.evidence = EvidenceReader(ScriptedEngine(assistant.engine.vocab, {
        "cases": [("Nike Runner Board Edition", "running shoes", 0.2)]}))
    for message, kind, not_carried in [("do u sell cases for it too?", "search", True),
                                       ("do you sell them in size 10?", "refine", False)]:
        session = chat.new_session()
        chat.respond(session, "jackets")
        reply = chat.respond(session, message)
        assert (reply.intent.kind, reply.trace.not_carried) == (kind, not_carried), message


@pytest.mark.parametrize(("ask", "answer", "kind", "refs"), [
    ("I'd like to compare a couple of them", "first two", "compare", (1, 2)),
    ("add one to my cart", "the 3rd", "add_to_cart", (3,)),
    ("tell me more", "number 2", "details", (2,))])
def test_an_answer_to_which_one_completes_the_act_asked_about(assistant, ask, answer, kind, refs):
    session = _shown(assistant, "jackets")
    assert assistant.respond(session, ask).intent.kind == kind  # the reply asks which
    reply = assistant.respond(session, answer)
    assert (reply.intent.kind, reply.intent.references) == (kind, refs)
    assert len(session.cart) == (1 if kind == "add_to_cart" else 0)
    # the question waits one turn only; a new search is a search
    assert assistant.respond(session, ask).intent.kind == kind
    assert assistant.respond(session, "running shoes under 100").intent.kind == "search"


def test_another_product_of_the_same_aisle_is_a_new_search(assistant):
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine, _RefineEverything())
    chat.evidence = EvidenceReader(ScriptedEngine(assistant.engine.vocab, {
        "windbreaker": [("Nike Shell Windbreaker", "jackets", 0.6)] * 3}))
    for message, kind in [("need a windbreaker also", "search"), ("any windbreaker?", "refine")]:
        session = chat.new_session()
        chat.respond(session, "jackets")
        reply = chat.respond(session, message)
        assert reply.intent.kind == kind, message
        assert kind == "refine" or reply.intent.category == "jackets" and "windbreaker" in reply.intent.query


@pytest.mark.parametrize(("context", "message", "slots"), [
    (["sony headphones"], "hmm actually not sony, bose", {"brand": "Bose", "exclude_brands": ()}),
    (["headphones"], "not sony, bose or jbl", {"brand": None, "exclude_brands": ("Sony", "Bose", "JBL")}),
    (["running shoes under 90"], "actually sorry i meant 60 not 90", {"kind": "refine", "max_price": 60.0}),
    (["running shoes under 70"], "hmm bump it to 120", {"kind": "refine", "max_price": 120.0}),
    (["jackets in black", "under 200"], "scrap that", {"clear": ("all",)}),
    (["jackets"], "lets just start ovr", {"clear": ("all",)})])
def test_corrections_and_second_thoughts(assistant, context, message, slots):
    session = assistant.new_session()
    for said in context:
        assistant.respond(session, said)
    intent = assistant.respond(session, message).intent
    for slot, value in slots.items():
        got = getattr(intent, slot)
        assert (tuple(got) if isinstance(got, list | tuple) else got) == value, (message, slot, got)


def test_picks_by_price_rating_and_position_questions(assistant):
    session = _shown(assistant, "headphones")
    shown = [assistant.engine.index.product(pid) for pid in session.shown]
    cheapest_two = tuple(sorted(sorted(range(1, 6), key=lambda i: shown[i - 1].price)[:2]))
    assert assistant.respond(session, "can you compare the 2 cheapest ones").intent.references == cheapest_two
    assert assistant.respond(session, "line up the two cheapest side by side").intent.kind == "compare"
    which = assistant.respond(session, "which of these is the cheapest")  # side by side, the answer named
    cheapest = min(range(1, 6), key=lambda i: shown[i - 1].price)
    assert (which.intent.kind, which.intent.references) == ("compare", (1, 2, 3, 4, 5))
    assert session.focus == shown[cheapest - 1].product_id and shown[cheapest - 1].title in which.text
    assert assistant.respond(session, "add that one").intent.references == (cheapest,)
    assistant.respond(session, "headphones")
    session.cart.clear()
    best = max(p.rating or 0 for p in shown)
    add = assistant.respond(session, "add the one with the better rating")
    assert add.intent.kind == "add_to_cart" and shown[add.intent.references[0] - 1].rating == best
    asked = assistant.respond(session, "is 4 waterproof?")
    assert (asked.intent.kind, asked.intent.references) == ("details", (4,))
    assert assistant.respond(session, "add the 3rd and the forth").intent.references == (3, 4)


def test_removals_by_both_and_by_category_word(assistant):
    session = _shown(assistant, "jackets")
    assistant.respond(session, "add 1 and 2")
    assert assistant.respond(session, "REMOVE BOTH").intent.references == (1, 2) and not session.cart
    assistant.respond(session, "add the 2nd")
    removed = assistant.respond(session, "actually ditch the jacket, ill wear my old one")
    assert removed.intent.kind == "remove_from_cart" and not session.cart


def test_an_answer_after_a_position_past_the_list(assistant):
    session = _shown(assistant, "jackets")
    assert not assistant.respond(session, "add the 6th one").intent.references and not session.cart
    reply = assistant.respond(session, "oh wait theres only 5 showing. the 5th then")
    assert reply.intent.kind == "add_to_cart" and list(session.cart) == [session.shown[4]]


def test_titles_that_spell_the_head_noun_make_it_carried(assistant):
    vocab = assistant.engine.vocab
    engine = ScriptedEngine(vocab, {"blender": [("Nike Blender Runner", "running shoes", 0.3)] * 4,
                                    "food mixer": [("Nike Food Runner", "running shoes", 0.3)]})
    reader = EvidenceReader(engine)
    assert ground("blender under 100", None, vocab, reader).carried  # low cosine, but 4 titles say it
    assert not ground("food mixer", None, vocab, reader).carried


def test_a_short_phrase_matched_by_its_modifier_alone_is_not_carried(assistant):
    vocab = assistant.engine.vocab
    laptops = [("Dell Inspiron Laptop", "laptops", 0.55)] * 5
    engine = ScriptedEngine(vocab, {"laptop stand": laptops, "stand": [("KitchenAid Stand Mixer", "kitchen", 0.27)],
                                    "vacuum cleaner": [("Dyson Cordless Vacuum", "home", 0.51)] * 5,
                                    "cleaner": [("Dyson Cordless Vacuum", "home", 0.33)]})
    reader = EvidenceReader(engine)
    stand = reader.read("laptop stand")  # the titles match "laptop"; a stand alone sits in another aisle
    assert stand.top_score >= 0.5 and stand.head_alone is False and not stand.carried
    # the head alone still in the phrase's aisle: the catalog's other word for the same thing
    assert reader.read("vacuum cleaner").carried


# ------------------------------------------------------------------- picks, cheaper, new things, goodbyes

def test_cheaper_is_never_left_with_an_empty_screen(assistant):
    session = _shown(assistant, "running shoes under 60")  # the cheapest running shoes: 59.99 each
    assert session.shown and max(session.shown_prices) < 60
    reply = assistant.respond(session, "cheaper")
    assert reply.products and "Nothing cheaper matches" in reply.text  # said, and the list still matches
    assert session.max_price == 60.0  # the shopper's own ceiling, not one below every product
    assert assistant.respond(session, "ok the 2nd").intent.kind == "add_to_cart" and len(session.cart) == 1


def test_cheaper_steps_down_to_the_median_before_giving_up(assistant):
    session = _shown(assistant, "running shoes under 100")  # 59.99, 74.99 and 94.99 from three brands
    reply = assistant.respond(session, "cheaper")
    assert reply.products and "Nothing cheaper" not in reply.text
    assert max(p.product.price for p in reply.products) < max(session.shown_prices or [100]) + 1


@pytest.mark.parametrize(("context", "message", "kind", "refs"), [
    ("headphones", "1st it is", "add_to_cart", (1,)), ("headphones", "ok the 2nd", "add_to_cart", (2,)),
    ("headphones", "The top one will do. Put it in my basket.", "add_to_cart", (1,)),
    ("headphones", "pros n cons of the first 2?", "compare", (1, 2)),
    ("headphones", "shame. that's all then, ta", "greeting", ()), ("headphones", "laters 👋", "greeting", ()),
    ("headphones", "How do I send back something I bought last week? It was the wrong size.", "out_of_scope", ()),
    ("jackets", "I will get him the second one.", "add_to_cart", (2,)),
    ("jackets", "the second one is fine", "add_to_cart", (2,)), ("jackets", "first one", "add_to_cart", (1,)),
    ("jackets", "the 3rd?", "details", (3,)), ("jackets", "that 2nd one", "add_to_cart", (2,)),
    ("jackets", "that 2nd one?", "details", (2,)),
    ("jackets", "hmm, how come you're showing me these? never heard of them", "why", ())])
def test_choices_comparisons_questions_and_goodbyes(assistant, context, message, kind, refs):
    reply = assistant.respond(_shown(assistant, context), message)
    assert (reply.intent.kind, reply.intent.references) == (kind, refs)


def test_the_least_expensive_is_the_cheapest_and_i_ll_have_it_adds_it(assistant):
    session = _shown(assistant, "headphones")
    cheapest = min(range(len(session.shown)), key=lambda i: session.shown_prices[i]) + 1
    reply = assistant.respond(session, "Whichever is the least expensive, I'll have that one.")
    assert (reply.intent.kind, reply.intent.references) == ("add_to_cart", (cheapest,)) and not reply.intent.cheaper


def test_shown_products_named_by_their_brand(assistant):
    session = _shown(assistant, "headphones")
    first = {}
    for i, pid in enumerate(session.shown):
        first.setdefault(assistant.engine.index.product(pid).brand, i + 1)
    brands = sorted(first, key=first.get)[:2]
    assert len(brands) == 2, "the tiny shop shows headphones of several brands"
    parser = RuleParser(assistant.engine.vocab)
    compare = parser.parse(f"out of the {brands[0]} and the {brands[1]}, which is comfier?", session)
    assert (compare.kind, compare.references) == ("compare", tuple(sorted(first[b] for b in brands)))
    add = parser.parse(f"the {brands[1]} it is, add it please", session)
    assert (add.kind, add.references) == ("add_to_cart", (first[brands[1]],))
    asked = parser.parse(f"what's the battery like on the {brands[0]} ones", session)
    assert (asked.kind, asked.references) == ("details", (first[brands[0]],))
    assert parser.parse(f"what about {brands[0]}", session).kind != "details"  # a bare brand asks for the brand


def test_compare_it_with_another_takes_the_item_looked_at(assistant):
    session = _shown(assistant, "jackets")
    assistant.respond(session, "tell me about the 1st one")
    assert assistant.respond(session, "compare it with the 3rd for me").intent.references == (1, 3)


@pytest.mark.parametrize(("text", "prices"), [
    ("i've got 45 dollars for running shoes", (None, 45.0)), ("ive got $60 to spend", (None, 60.0)),
    ("i got 2 kids", (None, None)), ("I have got 3 of them", (None, None))])
def test_budgets_said_as_what_the_shopper_has(text, prices):
    from assistant import rules

    assert rules.parse_prices(text) == prices


def test_dont_want_excludes_and_any_brand_except_keeps_the_exclusion(assistant):
    vocab = assistant.engine.vocab
    assert "wireless" in excluded_terms("headphones, I don't want wireless", vocab, []) or \
        "wireless" not in vocab.attribute_words
    assert cleared("any brand except Sony", DialogueState()) == ()
    assert cleared("any brand is fine", DialogueState()) == ("brand", "exclude_brands")


def test_a_thing_asked_for_after_now_or_and_is_a_new_search(assistant):
    from assistant.reading import asks_for_thing

    vocab = assistant.engine.vocab
    for text in ("now a case for it", "any video games?", "oh and a big heavy pot for stews", "and resistance bands"):
        assert asks_for_thing(text, vocab), text
    for text in ("any others?", "and cheaper?", "any in green", "and the third one too", "any with pockets?",
                 "also sony", "got any Bose?"):
        assert not asks_for_thing(text, vocab), text
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine)
    chat.evidence = EvidenceReader(ScriptedEngine(vocab, {"case": [("Sony Travel Headphones", "headphones", 0.2)]}))
    session = chat.new_session()
    chat.respond(session, "Sony headphones under 100")
    reply = chat.respond(session, "now a case for it")
    assert reply.intent.kind == "search" and reply.trace.not_carried and "don't have 'case'" in reply.text


def test_same_budget_keeps_the_earlier_ceiling_for_a_new_search(assistant):
    session = _shown(assistant, "jackets under 120")
    reply = assistant.respond(session, "now running shoes, same budget")
    assert reply.intent.kind == "search" and session.max_price == 120.0 and session.category == "running shoes"
    assert all(c.product.price <= 120 for c in reply.products)


def test_hedges_after_a_category_do_not_hide_it(assistant):
    assert assistant.engine.vocab.wanted_categories("headphones maybe, <100") == ["headphones"]


def test_a_gift_idea_with_no_product_is_a_recommendation(assistant):
    assert assistant.respond(assistant.new_session(), "need a gift idea for my dad, no clue").intent.kind == \
        "recommend"


def test_the_lm_never_changes_the_cart_without_a_word_that_does(assistant):
    from assistant.lm.parser import LmParser
    from tests.lmfakes import ScriptedLM, by_message

    lm = ScriptedLM(by_message({"now something to carry it in": " add_to_cart | ref=5",
                                "the second one in my basket please": " add_to_cart | ref=2"}))
    parser = LmParser(lm, assistant.engine.vocab)
    session = _shown(assistant, "jackets")
    assert parser.read("now something to carry it in", session).intent.kind != "add_to_cart"
    assert parser.read("the second one in my basket please", session).intent.kind == "add_to_cart"


def test_a_hello_with_a_request_the_lm_called_a_greeting_asks_for_picks(assistant):
    from assistant.lm.parser import LmParser
    from tests.lmfakes import ScriptedLM

    parser = LmParser(ScriptedLM(lambda _prompt: " greeting"), assistant.engine.vocab)
    assert parser.read("hiya! whats good?", DialogueState()).intent.kind == "recommend"
    assert parser.read("hiya, just browsing", DialogueState()).intent.kind == "greeting"


def test_add_it_and_another_adds_the_item_looked_at_too(assistant):
    session = _shown(assistant, "jackets")
    assistant.respond(session, "tell me about the 1st")
    assert assistant.respond(session, "add it + the 2nd").intent.references == (1, 2) and len(session.cart) == 2


def test_a_budget_said_before_and_the_new_one(assistant):
    session = _shown(assistant, "jackets under 150")
    reply = assistant.respond(session, "hmm i said 150 but 200 is fine if theres something better")
    assert reply.intent.max_price == 200.0 and reply.intent.min_price is None and session.max_price == 200.0


@pytest.mark.parametrize("text", ["levis jeans in black, 32 waist", "Levi's, waist 30."])
def test_waist_sizes_are_no_prices(text):
    from assistant import rules

    assert rules.parse_prices(text) == (None, None)


def test_the_scorer_counts_a_position_past_the_list_as_pointed_at():
    from assistant.offline.understanding import pointed_at

    assert pointed_at(Intent("add_to_cart", references=(2,), unresolved=(6, -1))) == [2, 6]


@pytest.mark.parametrize(("message", "max_price"), [
    ("what should i get my roommate for her bday, 25 bucks max", 25.0),
    ("what would you get a 10 year old? birthday next week and i'm clueless", None)])
def test_a_request_for_gift_ideas_with_no_product_is_a_recommendation(assistant, message, max_price):
    intent = RuleParser(assistant.engine.vocab).parse(message, DialogueState())
    assert (intent.kind, intent.max_price) == ("recommend", max_price)


def test_recommend_keeps_an_exclusion_and_wants_no_brand(assistant):
    intent = RuleParser(assistant.engine.vocab).parse("recommend me something nice for my dad, just not anything "
                                                      "from sony lol", DialogueState())
    assert intent.kind == "recommend" and intent.brand is None and intent.exclude_brand == "Sony"


@pytest.mark.parametrize(("context", "message", "clear"), [
    ("jackets under 80", "screw the budget its my best mates wedding", ("max_price", "min_price")),
    ("jackets under 80", "ok money's not the issue", ("max_price", "min_price")),
    ("jackets but no shell", "ok shell is fine actually", ("exclude_terms",))])
def test_lifting_a_constraint_mid_search_is_a_refinement(assistant, context, message, clear):
    session = _shown(assistant, context)
    reply = assistant.respond(session, message)
    assert reply.intent.kind == "refine" and set(clear) <= set(reply.intent.clear) and not reply.trace.not_carried


def test_homework_and_shorthand(assistant):
    assert assistant.respond(assistant.new_session(), "can u do my math hw 😭").intent.kind == "out_of_scope"
    assert Speller(assistant.engine.vocab).correct("smthn more high end")[0] == "something more high end"


@pytest.mark.parametrize("message, kind", [("yo whats a good pair of headphones", "search"),
                                           ("fr is that one wireless", "details"),
                                           ("ngl the 2nd one slaps, cop it", "add_to_cart"),
                                           ("cop the first one", "add_to_cart")])
def test_slang_asides_and_buy_words(assistant, message, kind):
    session = assistant.new_session()
    assistant.respond(session, "headphones")
    if kind == "details":
        assistant.respond(session, "tell me about the 2nd")
    reply = assistant.respond(session, message)
    assert reply.intent.kind == kind, message
    assert bool(session.cart) == (kind == "add_to_cart")
    assert Speller(assistant.engine.vocab).correct("yo")[0] == "yo", "said alone, it is a hello"


def test_a_shown_product_named_by_a_word_of_its_title(assistant):
    titles = ["Yonex Nanoflare 700 Racket", "Yonex Astrox 88 Racket", "Dyson V8 Origin Vacuum",
              "Yonex Astrox 99 Racket"]
    shown = [SimpleNamespace(product=SimpleNamespace(title=t, brand=t.split()[0], category="", price=None,
                                                     rating=None)) for t in titles]
    vocab = assistant.rule_parser.vocab
    assert shown_references("the V8 one, whats the runtime", shown, vocab) == (3,)
    assert shown_references("the nanoflare one", shown, vocab) == (1,)
    assert shown_references("the astrox one", shown, vocab) == (2,), "two Astrox: the higher-ranked, as for brands"
    assert shown_references("the astrox ones", shown, vocab) == (), "both Astrox: not one pick"
    assert shown_references("the 700 one", shown, vocab) == (), "a number is a position, not a model"


@pytest.mark.parametrize(("message", "kind", "refs"), [
    ("I'll get that one too", "add_to_cart", (2,)), ("i will take it", "add_to_cart", (2,))])
def test_taking_the_one_just_asked_about(assistant, message, kind, refs):
    session = _shown(assistant, "jackets")
    assistant.respond(session, "tell me about the 2nd")
    reply = assistant.respond(session, message)
    assert (reply.intent.kind, reply.intent.references) == (kind, refs)


def test_positions_with_the_lists_own_category_pick_from_it(assistant):
    session = _shown(assistant, "jackets")
    reply = assistant.respond(session, "the 2nd and 4th jackets please")
    assert (reply.intent.kind, reply.intent.references) == ("add_to_cart", (2, 4)) and len(session.cart) == 2


@pytest.mark.parametrize(("message", "lifted"), [
    ("alright let leather back in then", ("exclude_terms",)), ("bring nike back", ("exclude_brands",)),
    ("leather is fine actually", ("exclude_terms",)), ("nike is fine", ("exclude_brands",))])
def test_letting_back_in_lifts_only_what_it_names(message, lifted):
    state = DialogueState(exclude_terms=["leather"], exclude_brands=["Nike"])
    assert cleared(message, state) == lifted


def test_a_choice_said_in_the_negative_rules_the_brand_out(assistant):
    session = _shown(assistant, "headphones")
    reply = assistant.respond(session, "I'd rather not go with Sony, the hinge on my last pair snapped after a month.")
    assert reply.intent.kind == "refine" and "Sony" in session.exclude_brands and not session.cart
    assert all(c.product.brand != "Sony" for c in reply.products)


def test_a_bare_verb_of_putting_with_no_object_adds_nothing(assistant):
    session = _shown(assistant, "jackets")
    assistant.respond(session, "add the first one")
    reply = assistant.respond(session, "Now something warm to throw over the sofa, grey if you have it.")
    assert reply.intent.kind != "add_to_cart" and len(session.cart) == 1
    assert assistant.respond(session, "throw the 2nd in too").intent.kind == "add_to_cart" and len(session.cart) == 2


def test_and_a_number_after_an_add_adds_it(assistant):
    session = _shown(assistant, "jackets")
    assistant.respond(session, "add 1")
    reply = assistant.respond(session, "and 2")
    assert (reply.intent.kind, reply.intent.references) == ("add_to_cart", (2,)) and len(session.cart) == 2


def test_an_answer_with_its_own_cart_verb_is_not_the_pick_asked_for(assistant):
    session = _shown(assistant, "jackets")
    assert "compare" in assistant.respond(session, "compare them").text.lower()  # which two?
    reply = assistant.respond(session, "ok the second, add to cart")
    assert (reply.intent.kind, reply.intent.references) == ("add_to_cart", (2,)) and len(session.cart) == 1


def test_compare_the_two_with_two_shown_compares_both(assistant):
    session = _shown(assistant, "jackets")
    session.shown = session.shown[:2]
    assert assistant.respond(session, "compare the two").intent.references == (1, 2)


@pytest.mark.parametrize("message", ["do you ship to canada btw", "How do I get my money back?"])
def test_shipping_and_refunds_are_shop_questions(assistant, message):
    session = _shown(assistant, "jackets")
    assert assistant.respond(session, message).intent.kind == "out_of_scope" and not session.cart


def test_a_gift_budget_carries_into_the_product_named_next(assistant):
    session = _shown(assistant, "can u recommend something for a friend who runs a lot? budget 100")
    reply = assistant.respond(session, "running shoes maybe")
    assert reply.intent.kind == "search" and session.max_price == 100.0
    assert reply.products and all(c.product.price <= 100 for c in reply.products)


@pytest.mark.parametrize("message", ["Have any of them got a hood? He's always cold.", "anything lighter?",
                                     "do they come in a longer cut?", "ones without laces pls, he cant tie them"])
def test_a_question_about_the_list_refines_it(assistant, message):
    session = _shown(assistant, "jackets under 200")
    reply = assistant.respond(session, message)
    assert reply.intent.kind == "refine" and session.max_price == 200.0 and session.category == "jackets"
    assert not reply.trace.not_carried


def test_a_kind_ruled_out_or_only_matched_is_no_wanted_category(assistant):
    vocab = assistant.engine.vocab
    assert vocab.wanted_categories("he's not a jacket kind of guy, so no Nike") == []
    assert vocab.wanted_categories("something to carry my headphones in") == []


def test_a_product_only_said_to_be_carried_is_grounded_elsewhere(assistant):
    vocab = assistant.engine.vocab
    message = "something to carry my headphones around campus"
    bag = [("Nike Gym Sack", "running shoes", 0.6)] * 2 + [("Sony Travel Headphones", "headphones", 0.55)] * 3
    only_headphones = [("Sony Travel Headphones", "headphones", 0.6)] * 5
    hits = {message: bag, "headphones": only_headphones}  # its noun phrase alone: the headphones
    grounding = ground(message, None, vocab, EvidenceReader(ScriptedEngine(vocab, hits)))
    assert grounding.category == "running shoes" and grounding.carried
    hits = {message: only_headphones, "headphones": only_headphones}
    grounding = ground(message, None, vocab, EvidenceReader(ScriptedEngine(vocab, hits)))
    assert grounding.category is None and not grounding.carried  # "a case to protect my phone" with no cases


def test_exclusion_words_that_are_no_exclusion(assistant):
    vocab = assistant.engine.vocab
    assert excluded_terms("no shell please", vocab, []) == ("shell",)
    assert excluded_terms("my flat has basically no shell at night", vocab, []) == ()
    assert excluded_terms("not l'shell", vocab, []) == ()


def test_brand_initials_for_the_big_brands_only():
    from assistant.vocab import brand_initials

    sizes = {"Calvin Klein": 30, "The North Face": 25, "Lets Bite": 3, "Under Armour": 40, "Uber Arch": 40,
             "Tiny Tim": 20}
    assert brand_initials(sizes) == {"ck": "Calvin Klein", "tnf": "The North Face", "nf": "The North Face",
                                     "tt": "Tiny Tim"}
    assert "tt" not in brand_initials(sizes, frozenset({"tt"}))  # a word of the catalog's titles


@pytest.mark.parametrize(("message", "kind", "refs"), [
    ("Please add the cheapest one to my basket and then show me what's in it.", "add_to_cart", None),
    ("forget it, I'll just get him the first one", "add_to_cart", (1,))])
def test_an_add_said_first_is_the_act(assistant, message, kind, refs):
    session = _shown(assistant, "jackets")
    reply = assistant.respond(session, message)
    assert reply.intent.kind == kind and len(session.cart) == 1
    assert refs is None or reply.intent.references == refs


def test_pricy_is_pricey(assistant):
    session = _shown(assistant, "jackets")
    assert assistant.respond(session, "way too pricy").intent.cheaper


@pytest.mark.parametrize(("text", "prices"), [
    ("My budget's around 600, absolute max 700.", (None, 700.0)), ("about 80, no more than 100 though", (None, 100.0)),
    ("around 50", (40.0, 60.0))])
def test_a_ceiling_said_beside_around_is_the_ceiling(text, prices):
    from assistant import rules

    assert rules.parse_prices(text) == prices


@pytest.mark.parametrize("message", ["specs on 3", "details on #3", "more info on 3"])
def test_asking_for_details_on_a_number(assistant, message):
    session = _shown(assistant, "jackets")
    reply = assistant.respond(session, message)
    assert (reply.intent.kind, reply.intent.references) == ("details", (3,)) and not session.cart


def test_interjections_are_no_brand_initials(assistant):
    from assistant.vocab import brand_initials

    assert brand_initials({"Hot Muggs": 30, "Hugo Mann": 1}) == {}  # "hm" is a word of chat


def test_everyday_brands_are_the_ones_other_brands_titles_use():
    from assistant.vocab import everyday_brands

    brands = ["All Out", "The North Face", "Apple", "Tropicana", "Master Home", "Bisk", "Acme"]
    titles = ["All Out Refill", "The North Face Jacket", "Apple iPhone", "Tropicana Apple Juice",
              "Master Home Knife", "Choco bar with must-quit-master home flavour", "Acme Face Cream"]
    # "All Out": every word very common; "Apple": another brand's title says it; "Master Home": the phrase is
    # in another brand's title (inside a hyphenated word too); "The North Face": "face" alone is not the phrase
    assert everyday_brands(brands, titles) == frozenset({"All Out", "Apple", "Master Home"})


@pytest.mark.parametrize(("message", "meant"), [("no wait, 4 not 2", 4), ("sorry, I meant the 4th", 4),
                                                ("oops the first one not the second", 1)])
def test_correcting_the_add_just_made_swaps_it(assistant, message, meant):
    session = _shown(assistant, "jackets")
    wrong, right = session.shown[1], session.shown[meant - 1]
    assistant.respond(session, "add the 2nd")
    reply = assistant.respond(session, message)
    assert reply.intent.cart_action == "swap_last" and session.cart == {right: 1}
    assert "Took out" in reply.text and wrong not in session.cart


def test_a_correction_past_the_list_or_without_an_add_changes_nothing(assistant):
    session = _shown(assistant, "jackets")
    assistant.respond(session, "add the 2nd")
    before = dict(session.cart)
    assert assistant.respond(session, "no wait, the 9th").intent.kind == "add_to_cart" and session.cart == before
    fresh = _shown(assistant, "jackets")
    assert assistant.respond(fresh, "no wait, 4 not 2").intent.cart_action != "swap_last" and not fresh.cart


def test_the_build_saves_the_vocabulary_and_serving_loads_it(tiny_artifacts, tmp_path):
    import json

    from assistant.shopdata.artifacts import read_manifest, verify_files
    from assistant.vocab import VOCAB_FILE, CatalogVocab
    from retrieval.index import ProductIndex

    directory = verify_files(tiny_artifacts, read_manifest(tiny_artifacts))
    catalog = ProductIndex.load(directory).catalog
    built = CatalogVocab.from_catalog(catalog)
    assert CatalogVocab.load_or_build(directory / VOCAB_FILE, catalog.iloc[:0]) == built  # read, not recomputed
    stale = json.loads((directory / VOCAB_FILE).read_text())
    stale["code"] = "other code"
    (tmp_path / VOCAB_FILE).write_text(json.dumps(stale))
    recomputed = CatalogVocab.load_or_build(tmp_path / VOCAB_FILE, catalog.iloc[:3])
    assert recomputed == CatalogVocab.from_catalog(catalog.iloc[:3]) != built  # other code's file is not trusted


@pytest.mark.parametrize(("text", "ceiling"), [
    ("kindly show me wireless earbuds below rs 150, Samsung make only", 150.0),
    ("I want laptop for gaming, 16GB RAM, not Apple, until 1.500 €", 1500.0),
    ("what you recommend me? I have 100 dollars for spend", 100.0),
    ("open till 9 am?", None), ("I have 3 cats", None), ("a 1.5 litre kettle under 40", 40.0),
])
def test_amounts_written_the_ways_the_world_writes_them(text, ceiling):
    from assistant.rules import parse_prices

    assert parse_prices(text) == (None, ceiling)


def test_the_basket_total_and_cart_said_as_card(assistant):
    assert assistant.respond(assistant.new_session(), "whats in my card so far").intent.kind == "view_cart"
    for message in ("how much is that all together", "whats the total now", "ok nvm. whats my total"):
        session = _shown(assistant, "jackets")
        assistant.respond(session, "add the first one")
        assert assistant.respond(session, message).intent.kind == "view_cart", message
    assert assistant.respond(assistant.new_session(), "my mum's a total foodie, show me jackets").intent.kind \
        == "search"
    session = _shown(assistant, "jackets")
    assistant.respond(session, "tell me more about the 2nd")
    reply = assistant.respond(session, "lovely, pop it in the basket")  # not a thank-you that drops the add
    assert reply.intent.kind == "add_to_cart" and len(session.cart) == 1


def test_positions_in_words_and_any_other(assistant):
    session = _shown(assistant, "jackets")
    assert assistant.respond(session, "tell me more about number two").intent.references == (2,)
    assert assistant.respond(_shown(assistant, "jackets"), "any other?").intent.kind == "more"


def test_weather_small_talk_and_asking_for_a_pick(assistant):
    def kind(message, *before):
        session = assistant.new_session()
        for said in before:
            assistant.respond(session, said)
        return assistant.respond(session, message).intent.kind

    assert kind("Tomorrow it will rain in Madrid? I must to know for my trip") == "out_of_scope"
    assert kind("how are you today?") == "greeting"
    assert kind("what do people even get for one year olds?") == "recommend"
    assert kind("anyway what else should i get with it? recommend me something", "jackets") == "recommend"
    assert kind("any others you'd suggest?", "jackets") == "more"
    refined = assistant.respond(_shown(assistant, "jackets"), "Nothing under 100 please, I don't want it to look cheap")
    assert refined.intent.min_price == 100 and not refined.intent.pricier  # the floor said is the step up


def test_no_need_rules_a_brand_out(assistant):
    reply = assistant.respond(_shown(assistant, "headphones"), "ok no need sony, show me bose")
    assert reply.intent.brand == "Bose" and "Sony" in (reply.intent.exclude_brand, *reply.intent.exclude_brands)


def test_a_question_ending_in_a_position_asks_about_that_item(assistant):
    session = _shown(assistant, "headphones")
    intent = RuleParser(assistant.engine.vocab).parse("hows the battery on 2", session)
    assert (intent.kind, intent.references) == ("details", (2,))


def test_a_thing_said_in_a_story_is_found(assistant):
    """The thing after "needs a" is read first, a compound title word ("football") spells a head noun
    ("ball"), and a verb after the category's name ("snapped", "sounds") ends the product's phrase."""
    vocab = assistant.engine.vocab
    engine = ScriptedEngine(vocab, {"ball": [("Nike Strike Football", "running shoes", 0.5)] * 5})
    reader = EvidenceReader(engine)
    found = ground("my son starts soccer next wk and needs a ball", None, vocab, reader)
    assert found.evidence.phrase == "ball" and found.carried and found.category == "running shoes"
    assert noun_phrase("a throw blanket sounds nice", vocab) == "throw blanket"
    assert vocab.wanted_categories("my headphones snapped on the train, need new ones") == ["headphones"]


def test_something_else_being_fine_keeps_the_brands_ruled_out():
    state = DialogueState(query="jackets", category="jackets", exclude_brands=("Nike",))
    assert "exclude_brands" not in cleared("something a bit more special, pricier is fine", state)
    assert "exclude_brands" in cleared("nike is fine actually", state)
    assert "exclude_brands" in cleared("those are fine actually", state)


def test_a_step_down_decoded_for_a_lifted_budget_is_dropped(assistant):
    """The model decoded "forget the budget" as cheaper; the words lift the ceiling and step nowhere."""
    state = DialogueState(query="jackets", category="jackets", max_price=100.0)
    vocab = assistant.engine.vocab
    lifted, _ = read_extras(Intent("refine", cheaper=True), "forget the budget", state, vocab)
    assert not lifted.cheaper and "max_price" in lifted.clear
    both, _ = read_extras(Intent("refine", cheaper=True), "forget the budget, cheaper ones", state, vocab)
    assert both.cheaper


def test_a_gift_described_by_the_persons_hobby_is_looked_for_in_the_aisle_that_serves_it(assistant):
    vocab = assistant.engine.vocab
    engine = ScriptedEngine(vocab, {
        "cooking": [("Tefal Chef Saucepan", "kitchen", 0.45)] * 5,
        "gardening": [("IKEA Plant Pot", "home", 0.21), ("Tefal Herb Pan", "kitchen", 0.2)],
        "floral scents": [("Zara Floral Dress", "dresses", 0.4)] * 5})
    reader = EvidenceReader(engine)
    cooking = ground("I need a gift for my dad, he likes cooking", None, vocab, reader)
    assert (cooking.category, cooking.carried) == ("kitchen", True)
    assert cooking.evidence.phrase == "cooking"
    # a hobby no aisle serves (weak, split matches) stays not carried: said so, not guessed
    assert not ground("a present for my mum who loves gardening", None, vocab, reader).carried
    # a product asked for by name decides, not the hobby after it
    perfume = ground("do you sell perfume? something for my wife, she loves floral scents", None, vocab, reader)
    assert not perfume.carried and perfume.category != "dresses"


class _RecommendSports:
    """A parser that reads every message as a recommendation in one aisle (a model's guess)."""

    def read(self, message, state):
        from assistant.parser import Parsed

        return Parsed(Intent("recommend", category="running shoes"), "lm")

    def parse(self, message, state):
        return self.read(message, state).intent


def test_a_recommendations_aisle_needs_ground_in_the_message(assistant):
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine, _RecommendSports())
    chat.evidence = EvidenceReader(ScriptedEngine(assistant.engine.vocab, {
        "running": [("Nike Runner", "running shoes", 0.5)] * 5}))
    gift = chat.respond(chat.new_session(), "recommend me something nice, it's a gift for my mother")
    assert gift.intent.kind == "recommend" and gift.intent.category is None
    running = chat.respond(chat.new_session(), "recommend me something for running")
    assert running.intent.category == "running shoes"


class _RecommendJackets(_RecommendSports):
    def read(self, message, state):
        from assistant.parser import Parsed

        return Parsed(Intent("recommend", category="jackets"), "lm")


def test_a_recommendations_aisle_without_ground_gives_way_to_the_need_described(assistant):
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine, _RecommendJackets())
    chat.evidence = EvidenceReader(ScriptedEngine(assistant.engine.vocab, {
        "running": [("Nike Runner", "running shoes", 0.5)] * 5}))
    # "what about something for running" after gift ideas: the model's aisle dropped, the need's aisle taken
    reply = chat.respond(chat.new_session(), "what about something for running")
    assert reply.intent.category == "running shoes"


def test_a_thing_the_shop_does_not_carry_leaves_the_search_the_shopper_was_on(assistant):
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine, RuleParser(assistant.engine.vocab))
    chat.evidence = EvidenceReader(ScriptedEngine(assistant.engine.vocab, {
        "allbirds": [("Canada Goose Parka", "jackets", 0.2), ("Levi's 501 Jeans", "jeans", 0.18)]}))
    session = chat.new_session()
    first = chat.respond(session, "running shoes under 90")
    assert session.category == "running shoes" and first.products
    lacking = chat.respond(session, "have you got any allbirds?")
    assert lacking.trace.not_carried and lacking.products  # said so, with the nearest items
    assert (session.category, session.query, session.max_price) == ("running shoes", first.intent.query, 90)
    assert session.shown == [c.product.product_id for c in lacking.products]  # "the 2nd" means what is shown
    later = chat.respond(session, "ok, something similar under 60 then?")
    assert later.intent.kind == "refine" and later.products
    assert all(c.product.category == "running shoes" and c.product.price <= 60 for c in later.products)


def test_a_hobby_said_after_a_gift_request_finds_its_aisle(assistant):
    vocab = assistant.engine.vocab
    engine = ScriptedEngine(vocab, {"football": [("Nike Strike Football", "running shoes", 0.44)] * 5,
                                    "he loves football": [("Nike Strike Football", "running shoes", 0.3)]})
    loves = ground("he loves football", None, vocab, EvidenceReader(engine))
    assert (loves.category, loves.carried) == ("running shoes", True)


def test_a_need_said_as_its_use_finds_the_aisle_that_serves_it(assistant):
    vocab = assistant.engine.vocab
    engine = ScriptedEngine(vocab, {"winter walks": [("Nike Puffer Jacket", "running shoes", 0.39)] * 5,
                                    "floral scents": [("Zara Floral Dress", "headphones", 0.4)] * 5})
    reader = EvidenceReader(engine)
    walks = ground("something warm for winter walks", None, vocab, reader)
    assert (walks.category, walks.carried) == ("running shoes", True)
    # a product asked for first decides, not a use said after it
    assert not ground("do you sell perfume? something for my wife, floral scents", None, vocab, reader).carried



def test_the_nearest_items_of_a_thing_not_carried_come_from_its_aisle_and_stay_there(assistant):
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine)
    message = "a big heavy waterproof running sound bar"
    far = [("Patagonia Big Heavy Duty Jacket", "jackets", 0.3)] * 5
    index = VectorIndex(["headphones", "headphones", "jackets"], [[1, 0.1, 0, 0], [1, -0.1, 0, 0], [0, 0, 1, 0]])
    hits = {"big heavy waterproof running sound bar": far, message: far}
    chat.evidence = EvidenceReader(ScriptedEngine(assistant.engine.vocab, hits, index=index,
                                                  encoder=ScriptedEncoder({message: [1, 0, 0.1, 0]})))
    session = chat.new_session()
    reply = chat.respond(session, message)
    assert reply.trace.not_carried and reply.products
    assert {c.product.category for c in reply.products} == {"headphones"}
    assert reply.intent.category is None  # the request itself names no aisle
    reply = chat.respond(session, "cheaper")
    assert reply.products and {c.product.category for c in reply.products} == {"headphones"}


@pytest.mark.parametrize(("message", "shopping"), [
    ("can i return these if they dont fit? also do u have them in black", "also do u have them in black"),
    ("need running shoes under 30 tbh. how fast is shipping to texas", "need running shoes under 30 tbh."),
    ("sony headphones under 40? and do u do gift wrap", "sony headphones under 40?"),
    ("amazon has sony headphones for 279, can you match?", "amazon has sony headphones for 279"),  # price match
    ("r returns free?", "r returns free?"),  # all service: read whole (out of scope)
    ("nah. whats the weather like in paris", "nah. whats the weather like in paris"),  # not service, no product
    ("I bought a jacket from you in march and it ripped. How do I get my money back?",
     "I bought a jacket from you in march and it ripped. How do I get my money back?"),
])
def test_service_questions_beside_a_product_request_are_set_aside(assistant, message, shopping):
    from assistant.service import split_service

    assert split_service(message, assistant.engine.vocab).shopping == shopping


def test_a_service_question_beside_a_request_is_pointed_to_the_help_pages(assistant):
    from assistant.service import NOTICE

    session = assistant.new_session()
    reply = assistant.respond(session, "jackets under 200 pls. and how long is delivery to nyc")
    assert reply.intent.kind == "search" and reply.intent.max_price == 200
    assert reply.trace.service == ["and how long is delivery to nyc"] and reply.text.startswith(NOTICE)
    reply = assistant.respond(session, "r returns free?")
    assert reply.intent.kind == "out_of_scope" and not reply.intent.exclude_terms


def test_any_brand_but_one_rules_that_brand_out(assistant):
    session = assistant.new_session()
    assistant.respond(session, "headphones")
    reply = assistant.respond(session, "any brand but sony")
    assert reply.intent.exclude_brands == ("Sony",) and reply.intent.brand is None
    assert reply.products and all(c.product.brand != "Sony" for c in reply.products)


@pytest.mark.parametrize("message", ["ok, how much is everything", "how much is it all?", "how much for the lot"])
def test_asking_what_everything_costs_shows_the_cart(assistant, message):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    assistant.respond(session, "add the first one")
    assert assistant.respond(session, message).intent.kind == "view_cart"


def test_a_named_category_stands_when_the_whole_message_sounds_more_like_it(assistant):
    vocab = assistant.engine.vocab
    message = "jackets for running, no nike"
    shoes = [("Asics Running Shoe", "running shoes", 0.6)] * 5  # the best matches say running shoes
    for towards, expected in (([0, 1, 0, 0], "jackets"), ([1, 0, 0, 0], "running shoes")):
        index = VectorIndex(["running shoes", "jackets"], [[1, 0, 0, 0], [0, 1, 0, 0]])
        said = {message: towards, "jackets for running": towards}
        engine = ScriptedEngine(vocab, {"jackets": shoes, message: shoes, "jackets for running": shoes},
                                index=index, encoder=ScriptedEncoder(said))
        assert ground(message, None, vocab, EvidenceReader(engine)).category == expected


def test_a_removal_said_last_after_a_complaint_removes(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    assistant.respond(session, "add the first one")
    reply = assistant.respond(session, "ugh thats way over what i wanted to spend, remove the jacket")
    assert reply.intent.kind == "remove_from_cart" and not session.cart


def test_those_after_looking_at_one_item_is_that_item(assistant):
    session = assistant.new_session()
    assistant.respond(session, "running shoes")
    shown = list(session.shown)
    assistant.respond(session, "do the 2nd ones run small?")
    reply = assistant.respond(session, "ok add those")
    assert reply.intent.kind == "add_to_cart" and list(session.cart) == [shown[1]]


def test_sizes_are_no_product_words(assistant):
    vocab = assistant.engine.vocab
    from assistant.evidence import head_noun, noun_phrases

    assert head_noun("bed sheets twin xl", vocab) == "sheets"
    assert noun_phrases("also need bed sheets, twin xl", vocab) == ["bed sheets"]


@pytest.mark.parametrize(("said", "english"), [
    ("3rd wala cart mein daal do", "3rd one add to cart"),
    ("2nd wala hata do", "2nd one remove"),
    ("kuch sasta dikhao", "something cheaper show"),
    ("atta 500 se kam", "atta under 500"),
    ("top 3 compare karo", "top 3 compare"),
    ("add the 2nd one to my cart", "add the 2nd one to my cart"),  # English stays as written
])
def test_hindi_glue_words_are_said_in_english(said, english):
    from assistant.hinglish import in_english

    assert in_english(said) == (english, said != english)


def test_a_hinglish_cart_message_acts_on_the_list(assistant):
    session = assistant.new_session()
    assistant.respond(session, "running shoes")
    third = session.shown[2]
    reply = assistant.respond(session, "3rd wala cart mein daal do")
    assert reply.intent.kind == "add_to_cart" and list(session.cart) == [third]


@pytest.mark.parametrize(("text", "prices"), [
    ("pressure cooker 5 ltr under 2000", (None, 2000.0)), ("chai patti 1kg, 550 tak", (None, 550.0)),
    ("yoga mat under 30 tbh", (None, 30.0)), ("macbook 2020", (None, None)), ("1tb laptop under 800", (None, 800.0)),
])
def test_a_year_after_a_price_cue_is_a_price(text, prices):
    from assistant import rules

    assert rules.parse_prices(text) == prices


_SHOES_UNDER_80 = {"category": "running shoes", "max_price": 80.0}


@pytest.mark.parametrize(("message", "slots", "meant"), [
    ("*120 sorry", _SHOES_UNDER_80, "under 120"),
    ("*120 sorry", {"category": "running shoes", "min_price": 80.0}, "over 120"),  # the bound that is set
    ("*under 90 sorry, 80 was a typo", _SHOES_UNDER_80, "under 90"),
    ("nike running shoes under 10.. sorry, 100", {}, "nike running shoes under 100"),
    ("add the third one. sorry, fourth!", _SHOES_UNDER_80, "add the fourth one"),
    ("black was a typo lol, blue", _SHOES_UNDER_80, "blue"),
    ("80 was wrong, 120", _SHOES_UNDER_80, "under 120"),
    ("actually the earlier price was fine, 60", _SHOES_UNDER_80, "under 60"),
    ("I said black. why are half of these blue?", _SHOES_UNDER_80, "in black"),
    ("there's STILL nike in there", _SHOES_UNDER_80, "no Nike"),
    ("ok drop the black", {**_SHOES_UNDER_80, "color": "black"}, "ok any colour"),
    ("no, forget headphones, just recommend me something", {"category": "headphones"},
     "no, just recommend me something"),
    ("ugh not those, the runner ones", _SHOES_UNDER_80, "the runner ones"),
    ("forget trail. road running shoes mens", {"query": "trail running shoes"}, "road running shoes mens, not trail"),
    ("forget nike. running shoes under 100", {"query": "nike running shoes", "brand": "Nike"},
     "forget nike. running shoes under 100"),  # a brand let go is a filter lifted, not a word ruled out
    # no correction: said as written
    ("*120 sorry", {}, "*120 sorry"),  # nothing searched, so no bound to replace
    ("running shoes under 80, sorry im new to this", {}, "running shoes under 80, sorry im new to this"),
    ("is the nike one still in stock", _SHOES_UNDER_80, "is the nike one still in stock"),
    ("ok drop the black one", {**_SHOES_UNDER_80, "color": "black"}, "ok drop the black one"),  # a cart line
    ("not those, the ones for hiking", _SHOES_UNDER_80, "not those, the ones for hiking"),  # another kind
])
def test_a_self_correction_is_read_as_what_was_meant(assistant, message, slots, meant):
    from assistant.retraction import retract

    said = retract(message, DialogueState(**slots), assistant.engine.vocab)
    assert said.message == meant and (said.said is None) == (meant == message)


def test_a_bound_said_the_other_way_replaces_the_one_set(assistant):
    session = assistant.new_session()
    assistant.respond(session, "running shoes under 100")
    reply = assistant.respond(session, "sorry i meant OVER 100")
    assert reply.intent.min_price == 100 and "max_price" in reply.intent.clear
    assert session.max_price is None and reply.products and all(c.product.price >= 100 for c in reply.products)


def test_a_new_colour_instead_of_the_old_is_no_exclusion(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets in red")
    reply = assistant.respond(session, "sorry, blue not red")
    assert reply.intent.color == "blue" and "red" not in reply.intent.exclude_terms


def test_a_removal_beside_what_stays_removes_only_its_own_line(assistant):
    session = assistant.new_session()
    assistant.respond(session, "running shoes")
    first = session.shown[0]
    assistant.respond(session, "add the 1st and 2nd")
    reply = assistant.respond(session, "no wait just the 1st, take the 2nd out")
    assert reply.intent.kind == "remove_from_cart" and list(session.cart) == [first]


def test_a_starred_budget_keeps_the_search(assistant):
    session = assistant.new_session()
    assistant.respond(session, "nike running shoes under 70")
    reply = assistant.respond(session, "*100 sorry")
    assert reply.intent.kind == "refine" and session.max_price == 100 and session.brand == "Nike"
    assert reply.trace.retraction and reply.products and all(c.product.brand == "Nike" for c in reply.products)


@pytest.mark.parametrize("message", ["take off the first one", "take the first one off", "rm it"])
def test_taking_a_line_off_removes_it(assistant, message):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    first = session.shown[0]
    assistant.respond(session, "add the first one")
    reply = assistant.respond(session, message)
    assert reply.intent.kind == "remove_from_cart" and first not in session.cart, message


@pytest.mark.parametrize("message", ["cart total?", "total please", "what have i got", "how many items do I have",
                                     "checkout total"])
def test_the_cart_asked_for_in_few_words_is_shown_and_kept(assistant, message):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    assistant.respond(session, "add the first one")
    cart = dict(session.cart)
    reply = assistant.respond(session, message)
    assert reply.intent.kind == "view_cart" and session.cart == cart and session.last_order is None, message


@pytest.mark.parametrize("message", ["How soon could it arrive if I order today?",
                                     "Can I still return it if he doesn't like it?",
                                     "Do you offer free shipping over a certain amount?"])
def test_a_service_question_alone_points_to_the_help_pages_and_keeps_the_search(assistant, message):
    session = assistant.new_session()
    assistant.respond(session, "jackets under 80")
    reply = assistant.respond(session, message)
    assert reply.intent.kind == "out_of_scope" and "help pages" in reply.text and not reply.products, message
    assert session.category == "jackets" and session.max_price == 80 and not session.exclude_terms


@pytest.mark.parametrize("message", ["running shoes, asics for her, he wants brooks",
                                     "asics running shoes for me, brooks for him"])
def test_one_brand_for_each_of_two_people_shows_both_for_no_one_cut(assistant, message):
    session = assistant.new_session()
    reply = assistant.respond(session, message)
    assert reply.intent.brand == "Asics" and reply.intent.other_brands == ("Brooks",) and not reply.intent.gender
    assert not reply.intent.exclude_brands and {c.product.brand for c in reply.products} == {"Asics", "Brooks"}


def test_brands_said_either_or_are_both_shown_and_only_they(assistant):
    session = assistant.new_session()
    assistant.respond(session, "running shoes")
    reply = assistant.respond(session, "asics or brooks only")
    assert reply.intent.brand == "Asics" and reply.intent.other_brands == ("Brooks",)
    brands = {c.product.brand for c in reply.products}
    assert brands == {"Asics", "Brooks"} and "Asics or Brooks" in reply.text
    reply = assistant.respond(session, "no brooks")
    assert {c.product.brand for c in reply.products} == {"Asics"}


def test_a_brand_said_with_too_joins_the_one_on_screen(assistant):
    session = assistant.new_session()
    assistant.respond(session, "nike running shoes")
    reply = assistant.respond(session, "show asics too")
    assert {c.product.brand for c in reply.products} == {"Nike", "Asics"}
    reply = assistant.respond(session, "just brooks")
    assert {c.product.brand for c in reply.products} == {"Brooks"} and not session.other_brands


@pytest.mark.parametrize("message, colours", [("black or blue", {"black", "blue"}),
                                              ("red/white", {"red", "white"})])
def test_colours_said_either_or_are_both_shown(assistant, message, colours):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    reply = assistant.respond(session, message)
    assert reply.products and {c.product.color for c in reply.products} <= colours
    assert len({c.product.color for c in reply.products}) == 2, [c.product.color for c in reply.products]


def test_colours_ruled_out_with_or_are_no_alternatives(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    reply = assistant.respond(session, "not black or blue")
    assert reply.products and not {c.product.color for c in reply.products} & {"black", "blue"}
    assert session.color is None


@pytest.mark.parametrize("message, category, max_price", [
    ("bday gift for my boyfriend, he's a runner, under 150", "running shoes", 150),
    ("xmas present for my sister, she loves running, max 100", "running shoes", 100),
])
def test_a_gift_described_by_what_the_person_is_into_searches_for_that(assistant, message, category, max_price):
    reply = assistant.respond(assistant.new_session(), message)
    assert reply.trace.gift and reply.intent.kind == "search" and not reply.trace.not_carried, reply.trace.to_dict()
    assert reply.products and {c.product.category for c in reply.products} == {category}
    assert all(c.product.price <= max_price for c in reply.products)


def test_a_gift_naming_a_product_or_said_during_a_search_is_read_as_said(assistant):
    reply = assistant.respond(assistant.new_session(), "running shoes for my boyfriend's bday")
    assert reply.trace.gift is None and reply.intent.category == "running shoes"
    session = assistant.new_session()
    assistant.respond(session, "headphones under 150")
    reply = assistant.respond(session, "my budget is actually 250 since my brother's chipping in for the gift")
    assert reply.trace.gift is None and reply.intent.kind == "refine" and session.max_price == 250


@pytest.mark.parametrize("message, said", [
    ("my sister turns 30 next week, she loves cooking, budget around 60 bucks",
     "something for cooking between 48 and 72"),
    ("present for a teenage girl into music, ~80", "something for music between 64 and 96"),
    ("housewarming gift for a friend who just moved into her first flat, max 50", "something for the home under 50"),
    ("a birthday present for my nephew, he loves building things. not more than 40 please",
     "something for building things under 40"),
])
def test_a_gift_is_said_as_what_to_look_for(assistant, message, said):
    from assistant.gifts import gift_request

    assert gift_request(message, assistant.engine.vocab).message == said


@pytest.mark.parametrize("message", ["need a present for my 4yo nephew, under twenty bucks",
                                     "do you sell perfume? something for my wife's birthday, she loves floral scents"])
def test_a_gift_saying_nothing_of_an_interest_or_asking_for_a_product_is_left_as_said(assistant, message):
    from assistant.gifts import gift_request

    assert gift_request(message, assistant.engine.vocab) is None


class _BansTheSecond:
    """A parser that reads "asics or brooks only" as a model once did: Asics, and not Brooks."""

    def __init__(self, rules):
        self.rules = rules

    def read(self, message, state):
        from assistant.parser import Parsed

        if "brooks" not in message:
            return self.rules.read(message, state)
        return Parsed(Intent("refine", brand="Asics", exclude_brand="Brooks", exclude_brands=("Brooks",)), "lm")

    def parse(self, message, state):
        return self.read(message, state).intent


def test_either_brand_said_is_no_ban_whatever_the_parser_read(assistant):
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine, _BansTheSecond(assistant.rule_parser))
    session = chat.new_session()
    chat.respond(session, "running shoes")
    reply = chat.respond(session, "asics or brooks only")
    assert not session.exclude_brands and {c.product.brand for c in reply.products} == {"Asics", "Brooks"}
    session = chat.new_session()
    chat.respond(session, "running shoes")
    reply = chat.respond(session, "show me just asics and brooks")  # "and" in a request: both, never one banned
    assert not session.exclude_brands and {c.product.brand for c in reply.products} == {"Asics", "Brooks"}
    session = assistant.new_session()
    assistant.respond(session, "running shoes")
    reply = assistant.respond(session, "could you filter out asics and brooks? id rather try something else")
    assert set(session.exclude_brands) == {"Asics", "Brooks"} and not session.brand
    assert not {c.product.brand for c in reply.products} & {"Asics", "Brooks"}


def test_a_maker_the_shop_lacks_before_a_kind_it_carries_is_not_carried(assistant):
    vocab = assistant.engine.vocab
    phones = [("Sony Wireless Headphones", "headphones", 0.6)] * 5
    engine = ScriptedEngine(vocab, {"huawei headphones": phones, "do you sell huawei headphones": phones,
                                    "sony headphones": phones})
    reader = EvidenceReader(engine)
    huawei = ground("do you sell Huawei headphones?", None, vocab, reader)
    assert not huawei.carried and huawei.maker == "huawei headphones" and huawei.category == "headphones"
    assert huawei.to_dict()["maker"] == "huawei headphones"
    assert ground("sony headphones", None, vocab, reader).carried  # a brand the shop has


@pytest.mark.parametrize("message", ["wireles headphones", "comfy headphones", "ergonomic headphones",
                                     "gaming headphones", "hypoallergenic headphones"])
def test_a_misspelt_common_or_describing_word_before_a_product_is_no_maker(assistant, message):
    from assistant.makers import unknown_maker

    assert unknown_maker(message, assistant.engine.vocab) is None


def test_a_thing_the_catalog_never_names_is_not_carried_however_near_its_matches(assistant):
    vocab = assistant.engine.vocab
    fleece = [("Patagonia Fleece Jacket", "jackets", 0.52)] * 5
    sony = [("Sony Wireless Headphones", "headphones", 0.5)] * 5
    engine = ScriptedEngine(vocab, {"hoodie": fleece, "hoodie without zip not from nike": fleece,
                                    "sony tvs": sony, "jacket": [("Nike Shell Jacket", "jackets", 0.2)] * 5})
    reader = EvidenceReader(engine)
    assert reader.read("hoodie").head_unknown and not reader.read("hoodie").carried
    # a brand named (even one ruled out) does not carry a thing the catalog never names
    assert not ground("do you have a hoodie without a zip? not from nike", None, vocab, reader).carried
    assert not ground("do you sell sony tvs", None, vocab, reader).carried


def test_a_kind_of_product_most_best_titles_end_with_is_carried_at_any_cosine():
    from assistant.vocab import CatalogVocab

    titles = ["Melissa Classic Puzzle - Red", "Melissa Junior Puzzle - Blue", "Ravens Family Puzzle", "Lego City Set",
              "Melissa Explorer Puzzle (Green)"]
    vocab = CatalogVocab.from_catalog(pd.DataFrame({"title": titles, "brand": [t.split()[0] for t in titles],
                                                    "category": ["toys"] * 5, "color": [""] * 5}))
    puzzles = [(t, "toys", 0.2) for t in titles if "Puzzle" in t] + [("Lego City Set", "toys", 0.2)]
    reader = EvidenceReader(ScriptedEngine(vocab, {"puzzle": puzzles, "blue puzzle box": puzzles}))
    assert reader.read("puzzle").head_is_kind and reader.read("puzzle").carried
    assert not reader.read("blue puzzle box").carried  # a longer phrase whose head is no kind: the cosine decides


def test_the_thing_asked_to_be_shown_after_a_story_is_read_first(assistant):
    from assistant.evidence import noun_phrases

    said = "My grandson plays under-11s soccer and his ball has gone flat. Can you show me footballs?"
    assert noun_phrases(said, assistant.engine.vocab)[0] == "footballs"



def test_every_price_comparative_picks_by_price(assistant):
    """One set of price comparative words serves the picks of two and the superlatives of more: "more
    affordable", "lower-priced", "costs more" read as "cheaper" and "pricier" do."""
    prices = [40.0, 25.0, 60.0]
    shown = [SimpleNamespace(product=SimpleNamespace(title=f"Kettle {i}", brand="", category="kitchen", price=p,
                                                     rating=None)) for i, p in enumerate(prices, 1)]
    vocab = assistant.rule_parser.vocab
    for words in ("the cheaper one", "the more affordable one", "the lower-priced one", "the less expensive one"):
        assert shown_references(words, shown[:2], vocab) == (2,), words
    for words in ("the pricier one", "the more expensive one", "the dearer one", "the higher priced one"):
        assert shown_references(words, shown[:2], vocab) == (1,), words
    assert listed_answer("which one is more affordable?", shown, vocab)[0] == 2
    assert listed_answer("which one costs more?", shown, vocab)[0] == 3


def test_shown_items_said_to_lack_an_attribute_rule_nothing_out(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets")
    reply = assistant.respond(session, "uhh those arent shell jackets lol. he needs a proper shell one")
    assert "shell" not in reply.intent.exclude_terms and "shell" not in session.exclude_terms
    other = assistant.new_session()
    assert "shell" in assistant.respond(other, "a jacket that isnt shell").intent.exclude_terms


def test_not_other_brands_keeps_the_brand_named(assistant):
    session = assistant.new_session()
    assistant.respond(session, "nike jackets")
    reply = assistant.respond(session, "no i meant the nike ones in blue, not other brands")
    assert reply.intent.brand == "Nike" and "Nike" not in session.exclude_brands
    assert reply.products and all(c.product.brand == "Nike" for c in reply.products)
    assistant.respond(session, "show me other brands")
    assert "Nike" in session.exclude_brands, "'other brands' alone still rules the brand out"


def test_another_colour_than_the_one_named_rules_that_colour_out(assistant):
    session = assistant.new_session()
    assistant.respond(session, "jackets in black")
    reply = assistant.respond(session, "do they come in other colours? black gets dirty so fast")
    assert "black" in session.exclude_terms and session.color is None
    assert reply.products and all(c.product.color.lower() != "black" for c in reply.products)
    again = assistant.respond(session, "black ones please")
    assert session.color == "black" and "black" not in session.exclude_terms, "a colour asked for again is let back"
    assert again.products and all(c.product.color.lower() == "black" for c in again.products)


def test_an_add_named_from_an_earlier_list_adds_that_item_and_a_cart_look_keeps_the_list(assistant):
    session = _shown(assistant, "jackets")
    jackets = [session.last_candidates[p].product for p in session.shown]
    assistant.respond(session, "headphones")
    phones = list(session.shown)
    assistant.respond(session, "add the first one")
    assert session.cart == {phones[0]: 1}
    everything = jackets + [session.last_candidates[p].product for p in phones]
    unique = [j for j in jackets
              if sum((p.brand, p.color) == (j.brand, j.color) for p in everything) == 1]
    assert unique, "the tiny shop shows a jacket of a brand and colour no other listed product has"
    wanted = unique[0]
    reply = assistant.respond(session, f"add the {wanted.color.lower()} {wanted.brand.lower()} one to my cart")
    assert session.cart == {phones[0]: 1, wanted.product_id: 1}, reply.text  # not the first headphones again
    assistant.respond(session, "whats in my cart")
    assistant.respond(session, "add the second one")  # the list chosen from, not the cart's second line
    assert session.cart == {phones[0]: 1, wanted.product_id: 1, phones[1]: 1}
    before = dict(session.cart)
    listed = {(p.brand, p.color.lower()) for p in everything}
    brand, colour = next((b, c) for b in sorted({p.brand for p in everything})
                         for c in sorted({p.color.lower() for p in everything}) if (b, c) not in listed)
    reply = assistant.respond(session, f"add the first one, the {colour} {brand} one")  # on no list: none added
    assert session.cart == before and "haven't added anything" in reply.text


@pytest.mark.parametrize(("message", "clause"), [
    ("add the 1st, and have you got duvet covers", "add the 1st"),
    ("and the blue macbook, the 709 one, add that too", "and the blue macbook, the 709 one, add that too"),
    ("add it. whats the total?", "add it"),
    ("ok never mind, i prefer the brown fossil 32.99 with leather. add to basket",
     "ok never mind, i prefer the brown fossil 32.99 with leather add to basket"),  # the add names nothing itself
])
def test_an_adds_own_clause_names_its_item(message, clause):
    from assistant.earlier_lists import add_clause

    assert add_clause(message) == clause


def test_what_an_add_names_prices_models_and_colours_not_counts_or_sizes():
    from assistant.earlier_lists import _PRICE_SAID, Named
    from assistant.types import Product

    assert [next(g for g in m if g) for m in _PRICE_SAID.findall("the 709 one, or for 439.99, $24")] == \
        ["709", "439.99", "24"]
    assert not _PRICE_SAID.findall("the 14 inch, 256gb, flip6, add #2, add 10 of them")
    assert not _PRICE_SAID.findall("the philips grey one, is 3.8 ok?")  # a rating asked about, no price
    cream = Product("c", "Clinique Eye Cream - Brown", 30.0, color="Brown")
    assert Named(colors=("cream",)).fits(cream)  # the colour word is the product's name
    assert not Named(colors=("blue",)).fits(cream) and Named(prices=(30.0,)).fits(cream)
    assert not Named(models=("939",)).fits(cream)


def test_going_back_to_a_list_by_its_kind_acts_on_that_list_and_its_search(assistant):
    session = _shown(assistant, "jackets")
    jackets = list(session.shown)
    assistant.respond(session, "headphones")
    reply = assistant.respond(session, "go back to the jackets pls, compare the first two")
    assert reply.intent.kind == "compare" and [c.product.product_id for c in reply.products] == jackets[:2]
    reply = assistant.respond(session, "cheaper ones?")
    assert reply.products and {c.product.category for c in reply.products} == {"jackets"}
    cheaper = list(session.shown)
    reply = assistant.respond(session, "go back to the jackets, compare the first two")  # they are on screen
    assert [c.product.product_id for c in reply.products] == cheaper[:2]


def _named_by(product):
    return f"{product.brand.lower()} {product.color.lower()} one for ${product.price:g}"


def test_a_question_naming_an_item_from_an_earlier_list_is_answered_about_it_not_searched(assistant):
    session = _shown(assistant, "headphones")
    listed = list(session.shown)
    item = session.last_candidates[listed[2]].product
    assistant.respond(session, "running shoes under 60")
    reply = assistant.respond(session, f"is the {_named_by(item)} waterproof?")
    assert reply.intent.kind == "details" and [c.product.product_id for c in reply.products] == [item.product_id]
    assert session.shown == listed  # its list is back, so "add it" or "the first one" next acts on it
    assistant.respond(session, "ok add it")
    assert session.cart == {item.product_id: 1}


def test_an_item_said_to_have_been_shown_before_is_brought_back(assistant):
    session = _shown(assistant, "headphones")
    item = session.last_candidates[session.shown[1]].product
    assistant.respond(session, "running shoes")
    reply = assistant.respond(session, f"no the {_named_by(item)} that you showed me before")
    assert reply.intent.kind == "details" and [c.product.product_id for c in reply.products] == [item.product_id]
    reply = assistant.respond(session, f"is there a {item.brand} one in blue?")  # a question about the shop: a search
    assert reply.intent.kind in ("refine", "search")


def test_a_question_about_an_item_named_otherwise_than_the_one_at_its_place_is_not_answered_about_that_one(assistant):
    session = _shown(assistant, "jackets")
    listed = [session.last_candidates[p].product for p in session.shown]
    pairs = {(p.brand, p.color.lower()) for p in listed}
    brand, colour = next((p.brand, c) for p in listed for c in sorted({q.color.lower() for q in listed})
                         if (p.brand, c) not in pairs)
    reply = assistant.respond(session, f"tell me more about the {colour} {brand} one")
    assert reply.intent.kind == "details" and not reply.products and "can't find" in reply.text
    reply = assistant.respond(session, f"is the first one a {brand}?")  # a question of its own about the first
    assert reply.products and reply.products[0].product.product_id == session.shown[0]


def test_an_add_then_another_item_named_from_an_earlier_list_adds_both(assistant):
    session = _shown(assistant, "jackets")
    jackets = [session.last_candidates[p].product for p in session.shown]
    assistant.respond(session, "headphones")
    phones = [session.last_candidates[p].product for p in session.shown]
    everything = jackets + phones
    wanted = next(j for j in jackets if sum((p.brand, p.color) == (j.brand, j.color) for p in everything) == 1)
    reply = assistant.respond(session, f"ok add the first one. and the {wanted.color.lower()} {wanted.brand.lower()} "
                                       "one from before")
    assert session.cart == {phones[0].product_id: 1, wanted.product_id: 1}, reply.text
    assert phones[0].title in reply.text and wanted.title in reply.text
    reply = assistant.respond(session, "add the second one. now show me running shoes")  # then a search of its own
    assert session.cart[phones[1].product_id] == 1
    assert reply.products and {c.product.category for c in reply.products} == {"running shoes"}


def test_advice_questions_and_counts_in_questions_never_change_the_cart(assistant):
    session = _shown(assistant, "jackets")
    for message in ("hmm or the third one. which would you pick for him?", "which one would u go for?",
                    "is the first one in stock? i'd need 2 of them"):
        reply = assistant.respond(session, message)
        assert session.cart == {} and reply.intent.kind != "add_to_cart", message
    assistant.respond(session, "add the 2nd one")
    assert len(session.cart) == 1
    reply = assistant.respond(session, "which would you go for?")  # the shop's pick of what is shown, nothing added
    assert reply.text.startswith("I'd pick") and len(reply.products) == 1 and len(session.cart) == 1


def test_a_count_of_reviews_is_no_cart_line(assistant):
    session = _shown(assistant, "jackets")
    listed = [session.last_candidates[p].product for p in session.shown]
    first, other = listed[0], next(p for p in listed[1:] if p.brand != listed[0].brand)
    assistant.respond(session, "add the first one")
    assistant.respond(session, f"add number {listed.index(other) + 1}")
    assert set(session.cart) == {first.product_id, other.product_id}
    assistant.respond(session, f"actually remove the {first.brand} one, 2 reviews isnt enough for me")
    assert set(session.cart) == {other.product_id}


@pytest.mark.parametrize(("message", "rest"), [
    ("ok add it. and the sony earbuds from the headphone list", "the sony earbuds from the headphone list"),
    ("add that + the cerave cream beige 13.99", "the cerave cream beige 13.99"),
    ("add the decathlon purple one. now the bands pls", "the bands pls"),
    ("ok add it, make it 2, one for each twin", None),  # how many of it
    ("add the first one, the red sony one", None),  # one item named twice
    ("add the navy one and show me my cart", None),  # one cart turn
    ("add the uno. and do you have a football?", "do you have a football?"),  # an item named in a word
    ("I'll get the cheaper one. and a throw", "a throw"),
])
def test_an_add_said_first_and_the_request_after_it(message, rest):
    from assistant.earlier_lists import add_then_more

    said = add_then_more(message)
    assert (said.rest if said else None) == rest


def test_a_look_at_an_empty_cart_leaves_the_list_on_screen(assistant):
    session = _shown(assistant, "jackets")
    listed = list(session.shown)
    assistant.respond(session, "total pls")
    reply = assistant.respond(session, "the 4th one then, tell me more")
    assert session.shown == listed and [c.product.product_id for c in reply.products] == [listed[3]]


def test_more_like_one_item_searches_its_kind_without_it(assistant):
    session = _shown(assistant, "headphones under 300")
    second = session.last_candidates[session.shown[1]].product
    reply = assistant.respond(session, "more like the second one")
    assert reply.intent.kind == "search" and reply.products
    assert second.product_id not in [c.product.product_id for c in reply.products]
    assert {c.product.category for c in reply.products} == {second.category}
    assert all(c.product.price <= 300 for c in reply.products) and second.title in reply.text
    reply = assistant.respond(session, "show me more like these")  # more of the list, not like one item
    assert reply.intent.kind == "more"


def test_anything_similar_but_cheaper_after_looking_at_one_is_cheaper_than_that_one(assistant):
    session = _shown(assistant, "headphones")
    looked = sorted((session.last_candidates[p].product for p in session.shown), key=lambda p: p.price)[1]
    place = ("first", "second", "third", "fourth", "fifth")[session.shown.index(looked.product_id)]
    assistant.respond(session, f"tell me about the {place} one")
    reply = assistant.respond(session, "anything similar but cheaper?")
    assert reply.products and all(c.product.price < looked.price for c in reply.products)
    assert {c.product.category for c in reply.products} == {looked.category}
    assert f"like {looked.title} and cost less" in reply.text  # said, as the LM path's reply does too


def test_is_a_brand_good_is_answered_from_the_shops_reviews(assistant):
    session = _shown(assistant, "headphones")
    brand = session.last_candidates[session.shown[0]].product.brand
    reply = assistant.respond(session, f"is {brand.lower()} a good brand? never heard of it")
    assert f"By this shop's reviews: {brand} has" in reply.text and "on average from" in reply.text


@pytest.mark.parametrize("message", [
    "hi!! im freezing in this winter weather, any good jacket?",
    "need a jacket for wet weather",
])
def test_weather_that_says_what_a_product_is_for_is_no_small_talk(assistant, message):
    reply = assistant.respond(assistant.new_session(), message)
    assert reply.intent.kind == "search"


def test_weather_asked_about_is_still_out_of_scope(assistant):
    assert assistant.respond(assistant.new_session(), "whats the weather like today").intent.kind == "out_of_scope"


def test_the_cheaper_of_two_positions_is_one_item_picked_by_price(assistant):
    session = _shown(assistant, "headphones")
    prices = [session.last_candidates[p].product.price for p in session.shown]
    reply = assistant.respond(session, "the cheaper of the first two, is it any good? 1 star seems bad")
    assert reply.intent.kind == "details" and reply.intent.references == (1 if prices[0] < prices[1] else 2,)
    dearer = 1 if prices[0] > prices[2] else 3
    assistant.respond(session, "add the more expensive of the 1st and 3rd")
    assert session.cart == {session.shown[dearer - 1]: 1}  # one item, never both


def test_only_3_after_a_reviews_question_is_a_count_guessed_not_item_3():
    from assistant import rules

    assert rules.parse_references("and how many reviews has it got, only 3?", allow_bare_numbers=True) == ()
    assert rules.parse_references("compare 2 and 3, which has more reviews", allow_bare_numbers=True) == (2, 3)


def test_the_kind_asked_within_a_broad_aisle_is_told_apart_from_the_aisle():
    import pandas as pd

    from assistant.loop import _kind_asked, _names_kind
    from assistant.vocab import CatalogVocab

    frame = pd.DataFrame({
        "product_id": ["a", "b", "c", "d", "e"], "brand": ["IKEA", "Parachute", "Yankee Candle", "IKEA", "Nike"],
        "title": ["IKEA Stockholm Throw Blanket - Blue", "Parachute Loft Throw Blanket - Yellow",
                  "Yankee Candle Calm Scented Candle - Grey", "IKEA Ranarp Table Lamp - Beige",
                  "Nike Pegasus Running Shoes - Black"],
        "category": ["home", "home", "home", "home", "running shoes"],
        "color": ["blue", "yellow", "grey", "beige", ""]})
    vocab = CatalogVocab.from_catalog(frame)
    assert _kind_asked("throw blanket", "home", vocab) == {"blanket"}
    assert _kind_asked("running shoes", "running shoes", vocab) == set()  # the aisle is that kind
    assert _names_kind("Parachute Loft Throw Blankets", {"blanket"}) and not _names_kind("Calm Candle", {"blanket"})


def test_is_that_the_cheapest_one_after_looking_at_one_is_answered_about_it(assistant):
    session = _shown(assistant, "headphones")
    dearest = max((session.last_candidates[p].product for p in session.shown), key=lambda p: p.price)
    place = ("first", "second", "third", "fourth", "fifth")[session.shown.index(dearest.product_id)]
    assistant.respond(session, f"tell me about the {place} one")
    reply = assistant.respond(session, "is that the cheapest one you have?")
    assert reply.intent.kind == "details" and [c.product.product_id for c in reply.products] == [dearest.product_id]
    assert "No: the cheapest" in reply.text


def test_a_material_no_listing_says_is_said_not_found_not_dropped(assistant):
    session = assistant.new_session()
    reply = assistant.respond(session, "do u have any cashmere jackets")
    assert reply.products and "says cashmere" in reply.text
    reply = assistant.respond(session, "those arent cashmere though? is any of them cashmere")
    assert "says cashmere" in reply.text
    session = _shown(assistant, "headphones")
    reply = assistant.respond(session, "are any of them lavender scented?")
    assert "says lavender" in reply.text


def test_an_add_that_names_nothing_takes_the_item_named_in_the_sentence_before(assistant):
    session = _shown(assistant, "headphones")
    item = session.last_candidates[session.shown[3]].product
    assistant.respond(session, "running shoes under 100")
    assistant.respond(session, f"ok never mind, i prefer the {_named_by(item)}. add to basket")
    assert session.cart == {item.product_id: 1}


def test_a_count_with_an_add_of_the_item_named_is_how_many(assistant):
    session = _shown(assistant, "headphones")
    item = session.last_candidates[session.shown[1]].product
    assistant.respond(session, f"the {item.brand.lower()} {item.color.lower()} for {item.price:g}, put 3 in cart")
    assert session.cart == {item.product_id: 3}
    session = _shown(assistant, "headphones")
    colours = [session.last_candidates[p].product.color.lower() for p in session.shown]
    unique = next(i for i, c in enumerate(colours) if colours.count(c) == 1 and i != 2)
    assistant.respond(session, f"ok i buy 3 {colours[unique]} headphones")
    assert session.cart == {session.shown[unique]: 3}  # not item 3


def test_cart_alone_after_which_one_looks_at_the_cart(assistant):
    session = _shown(assistant, "sony headphones under 40")
    assert len(session.shown) == 1
    assistant.respond(session, "tell me about the first one")
    assistant.respond(session, "add number 3")  # "only 1 item on the list ... which one do you mean?"
    assert session.pending
    reply = assistant.respond(session, "cart")
    assert reply.intent.kind == "view_cart" and not session.cart


def test_take_the_named_item_out_removes_it_never_adds(assistant):
    session = _shown(assistant, "headphones")
    first = session.last_candidates[session.shown[0]].product
    assistant.respond(session, "add the first one")
    assistant.respond(session, f"{first.brand.lower()} headphones in {first.color.lower()}")
    reply = assistant.respond(session, "take the headphones out")
    assert reply.intent.kind == "remove_from_cart" and session.cart == {}


def test_a_quantity_for_a_cart_line_named_goes_to_that_line_not_the_screens(assistant):
    session = _shown(assistant, "sony headphones")
    first, second = (session.last_candidates[p].product for p in session.shown[:2])
    assert first.color != second.color
    assistant.respond(session, "add the first one")
    assistant.respond(session, "add the second one")
    assistant.respond(session, f"sony headphones in {first.color.lower()}")  # the second is off screen
    assistant.respond(session, f"make the {second.color.lower()} sony headphones 2")
    assert session.cart == {first.product_id: 1, second.product_id: 2}


def test_an_add_a_model_read_as_a_search_adds_the_one_item_named_from_an_earlier_list(assistant, monkeypatch):
    from assistant.parser import Parsed
    from assistant.types import Intent

    session = _shown(assistant, "headphones")
    listed = [session.last_candidates[p].product for p in session.shown]
    item = next(p for p in listed if sum((q.color, q.price) == (p.color, p.price) for q in listed) == 1)
    assistant.respond(session, "running shoes")

    class ReadsASearch:  # what the fine-tuned model decoded for it: "refine | color=..."
        def read(self, message, state):
            return Parsed(Intent("refine", color=item.color), "lm")

    monkeypatch.setattr(assistant, "parser", ReadsASearch())
    reply = assistant.respond(session, f"add the {item.color.lower()} {item.price:g} one")
    assert reply.intent.kind == "add_to_cart" and session.cart == {item.product_id: 1}


def test_reviews_asked_about_are_no_thing_to_look_for(assistant):
    from assistant.evidence import noun_phrases

    phrases = noun_phrases("which mascara has the best reviews", assistant.engine.vocab, asked_first=True)
    assert phrases and all("review" not in p for p in phrases) and any("mascara" in p for p in phrases)


def test_a_question_with_no_subject_is_about_the_item_looked_at(assistant):
    session = _shown(assistant, "headphones")
    assistant.respond(session, "tell me about the second one")
    reply = assistant.respond(session, "yes but is waterproof? i sweat very much")
    assert reply.intent.kind == "details" and reply.intent.references == (2,)


def test_a_pick_said_after_remarks_adds_the_one_named(assistant):
    session = _shown(assistant, "sony headphones")
    listed = [session.last_candidates[p].product for p in session.shown]
    colour = next(p.color for p in listed if sum(q.color == p.color for q in listed) == 1).lower()
    wanted = next(p for p in listed if p.color.lower() == colour)
    assistant.respond(session, f"strange, they look the same but cost different. ok i take the {colour}")
    assert session.cart == {wanted.product_id: 1}


def test_learners_which_of_this_compares_the_list(assistant):
    session = _shown(assistant, "headphones")
    reply = assistant.respond(session, "which from this have the most good sound?")
    assert reply.intent.kind == "compare" and len(reply.intent.references) == len(session.shown)


@pytest.mark.parametrize("message", ["hmm no just 1, sorry", "I only need one pair", "hmm no go back to 1"])
def test_back_down_to_one_of_the_line_just_made_several(assistant, message):
    session = _shown(assistant, "headphones")
    assistant.respond(session, "add the first one")
    assistant.respond(session, "make it 3")
    assistant.respond(session, message)
    assert session.cart == {session.shown[0]: 1}


def test_no_the_brand_one_is_the_one_meant_not_a_brand_ruled_out(assistant):
    session = _shown(assistant, "headphones")
    brand = session.last_candidates[session.shown[0]].product.brand
    reply = assistant.respond(session, f"no the {brand.lower()} one in black")
    assert brand not in reply.intent.exclude_brands and brand != reply.intent.exclude_brand


def test_how_many_of_them_is_no_price():
    from assistant import rules

    assert rules.stated_numbers("cheapest plain white tee? need like 3 of them") == set()


def test_the_kind_a_swap_asks_for_is_read_after_for():
    import pandas as pd

    from assistant.loop import _kind_named_after_for
    from assistant.vocab import CatalogVocab

    titles = [f"{b} {m} {kind} - {c}" for b, m, c in (("Tefal", "Classic", "White"), ("Philips", "Daily", "Black"),
                                                      ("Smeg", "Retro", "Red")) for kind in ("Kettle", "Toaster")]
    frame = pd.DataFrame({"product_id": list("abcdef"), "brand": [t.split()[0] for t in titles],
                          "category": ["kitchen"] * 6, "title": titles,
                          "color": [t.rsplit(" ", 1)[1].lower() for t in titles]})
    vocab = CatalogVocab.from_catalog(frame)
    message = "wait my cart has a kettle, i wanted a toaster there. swap it for the cheapest toaster"
    assert _kind_named_after_for(message, vocab) == {"toaster"}
    assert _kind_named_after_for("swap it for the second one", vocab) == set()


def test_a_budget_left_over_is_no_look_at_the_cart(assistant):
    session = _shown(assistant, "headphones under 100")
    assistant.respond(session, "add the cheapest")
    reply = assistant.respond(session, "now a basic jacket with whats left")
    assert reply.intent.kind == "search"


def test_i_meant_the_other_one_right_after_an_add_swaps_it_in(assistant):
    session = _shown(assistant, "headphones")
    listed = [session.last_candidates[p].product for p in session.shown]
    added = listed[1]
    other = next(p for p in listed if p.color != added.color and sum(q.color == p.color for q in listed) == 1)
    assistant.respond(session, "add the second one")
    reply = assistant.respond(session, f"no wait i meant the {other.color.lower()} one")
    assert session.cart == {other.product_id: 1} and "Took out" in reply.text


def test_a_correction_naming_nothing_shown_says_the_add_still_stands(assistant):
    session = _shown(assistant, "sony headphones")
    listed = [session.last_candidates[p].product for p in session.shown]
    assistant.respond(session, "add the first one")
    reply = assistant.respond(session, "sorry, the green one")  # none shown is green
    assert session.cart == {listed[0].product_id: 1} and "is still in your cart" in reply.text


@pytest.mark.parametrize("message", ["hmm maybe i'll take the third one instead",
                                     "no wait i meant the third one instead"])
def test_the_third_one_instead_right_after_an_add_replaces_the_item_just_added(assistant, message):
    session = _shown(assistant, "headphones")
    first, third = session.shown[0], session.shown[2]
    assistant.respond(session, "add the first one")
    reply = assistant.respond(session, message)
    assert session.cart == {third: 1} and first not in session.cart and "Took out" in reply.text


def test_a_brand_misheard_as_two_words_is_the_brand(assistant):
    speller = Speller(assistant.engine.vocab)
    fixed, changes = speller.correct("i'll take the colum bya one")
    assert "columbia" in fixed and changes
    # everyday words, or the catalog's own, stay apart
    assert speller.correct("a big red one")[0] == "a big red one"
    assert speller.correct("the north face one")[0] == "the north face one"


def test_waterproof_asked_of_a_listing_that_says_water_resistant():
    from assistant.asked_facts import asked_facts
    from assistant.reading import mentions

    watch = Product("W1", "Casio F-91W Digital Watch", 27.99,
                    description="A clean design. It is water resistant to 100 metres, so swimming is fine.")
    diver = Product("W2", "Casio Diver Watch", 29.99, description="Meet the F-91W from Casio, made for diving.")
    assert mentions(watch, "waterproof") and not mentions(Product("W3", "Casio Watch", 9.0), "waterproof")
    assert "water resistant to 100 metres" in asked_facts("is it waterproof?", [watch])
    assert "made for diving" in asked_facts("is the first one waterproof", [diver])


def test_a_short_model_word_after_the_brand_names_that_model(assistant):
    from assistant.parser import brand_references

    shown = [SimpleNamespace(product=Product("A", "Sony Walkman Pro Player", 99.0, brand="Sony")),
             SimpleNamespace(product=Product("B", "Sony Walkman SE Player", 49.0, brand="Sony"))]
    assert brand_references("the sony walkman se, how many reviews has it got", shown,
                            assistant.engine.vocab) == (2,)
    assert brand_references("the sony one", shown, assistant.engine.vocab) == (1,)


def test_no_then_not_excludes_what_follows(assistant):
    vocab = assistant.engine.vocab
    assert excluded_terms("no not the shell something else", vocab, []) == ("shell",)
    assert excluded_terms("nah not the shell ones", vocab, []) == ("shell",)


def test_everyday_words_next_to_each_other_are_no_misheard_brand():
    from assistant.vocab import CatalogVocab

    speller = Speller(CatalogVocab(brands={"oneplus": "OnePlus", "cerave": "CeraVe"}))
    assert speller.correct("no skinny ones pls")[0] == "no skinny ones please"  # no OnePlus
    assert speller.correct("the cera vee one")[0] == "the cerave one"


def test_a_colour_alone_names_no_item_of_another_aisle_from_an_earlier_list():
    """"the pink one is cute, add it" over candles, with one pink T-shirt two searches back: not that T-shirt; a
    brand said with it still finds it."""
    from assistant.earlier_lists import Named, recalled
    from retrieval.types import Product

    products = {"t1": Product("t1", "Levi's Soft T-Shirt (Pink)", 14.99, brand="Levi's", category="t-shirts",
                              color="pink"),
                "c1": Product("c1", "Yankee Candle Haven - Black", 19.99, brand="Yankee Candle", category="home",
                              color="black")}
    state = DialogueState(category="home", shown=["c1"], earlier_lists=[["t1"]])
    assert recalled(Named(colors=("pink",)), state, products.get) is None
    found = recalled(Named(colors=("pink",), brands=("levi's",)), state, products.get)
    assert found is not None and found.product.product_id == "t1"


def test_a_thing_named_in_a_request_for_suggestions_or_after_a_restart_is_searched(assistant):
    """"I want one good pressure cooker, please suggest" and "start over, want a slow cooker" name a thing: when
    the shop lacks it, that is said (no picks from an aisle a word of the need suggests)."""
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine)
    chat.evidence = EvidenceReader(ScriptedEngine(assistant.engine.vocab, {
        "pressure cooker": [("Nike Runner Pressure Edition", "running shoes", 0.2)],
        "slow cooker": [("Nike Runner Slow Edition", "running shoes", 0.2)]}))
    reply = chat.respond(chat.new_session(), "I want one good pressure cooker for daily cooking, please suggest")
    assert reply.intent.kind == "search" and reply.trace.not_carried
    session = chat.new_session()
    chat.respond(session, "jackets")
    reply = chat.respond(session, "start over, want a slow cooker actually")
    assert reply.intent.kind == "search" and reply.trace.not_carried
    chat.respond(session, "jackets")
    assert chat.respond(session, "ugh start over").intent.kind == "refine"  # no product after the restart
    story = "Hello there. I've a little money put by and fancy treating myself. What would you recommend?"
    assert chat.respond(chat.new_session(), story).intent.kind == "recommend"  # "a little money" is asked for by no one


def test_evidence_found_for_the_word_ruled_out_names_no_new_product(assistant):
    """"not leather tho, vegan house" over sneakers: the best matches for "leather" (balls) are no new aisle."""
    from assistant.loop import _phrase_excluded

    grounding = ground("not leather tho, vegan house", None, assistant.engine.vocab, EvidenceReader(ScriptedEngine(
        assistant.engine.vocab, {"leather": [("Nike Leather Ball", "running shoes", 0.7)] * 5})))
    assert grounding.evidence is not None and grounding.evidence.phrase == "leather"
    assert _phrase_excluded(grounding, Intent("refine", exclude_terms=("leather",)))
    assert not _phrase_excluded(grounding, Intent("refine", exclude_terms=("suede",)))


def test_a_thing_asked_for_with_a_style_word_is_no_style_of_the_list(assistant):
    """"any cute purses to go w it?" over dresses: purses asked for (the shop lacks them), not cuter dresses."""
    from assistant.loop import Assistant

    chat = Assistant(assistant.engine)
    chat.evidence = EvidenceReader(ScriptedEngine(assistant.engine.vocab, {
        "purses": [("Nike Runner Purse Edition", "running shoes", 0.2)]}))
    session = chat.new_session()
    chat.respond(session, "jackets")
    reply = chat.respond(session, "any cute purses to go w it?")
    assert reply.intent.kind == "search" and reply.trace.not_carried
    assert chat.respond(session, "jackets").intent.kind == "search"
    assert chat.respond(session, "anything cuter?").intent.kind == "refine"


def test_a_request_for_ideas_the_lm_called_out_of_scope_asks_for_picks(assistant):
    from assistant.lm.parser import LmParser
    from tests.lmfakes import ScriptedLM

    parser = LmParser(ScriptedLM(lambda _prompt: " out_of_scope"), assistant.engine.vocab)
    assert parser.read("whats popular rn?", DialogueState()).intent.kind == "recommend"
    assert parser.read("whats the weather like?", DialogueState()).intent.kind == "out_of_scope"
