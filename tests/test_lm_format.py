from __future__ import annotations

import pytest

from assistant.lm.format import (
    LmOutputError,
    format_intent,
    parse_prompt,
    parse_slot_string,
    query_text,
    state_line,
)
from assistant.types import DialogueState, Intent
from assistant.validate import validate_intent
from assistant.vocab import CatalogVocab
from tests.shopfixtures import products


@pytest.fixture(scope="module")
def vocab():
    return CatalogVocab.from_catalog(products())


@pytest.mark.parametrize("intent", [
    Intent("search", category="running shoes", brand="Nike", color="blue", max_price=80.0),
    Intent("refine", exclude_brand="Asics", min_price=20.5, max_price=99.99, cheaper=True),
    Intent("compare", references=(1, -1)),
    Intent("greeting"),
])
def test_slot_string_round_trip(intent):
    assert parse_slot_string(format_intent(intent)) == intent


def test_slot_string_is_compact():
    assert format_intent(Intent("search", category="running shoes", max_price=80.0, color="blue")) == \
        " search | cat=running shoes | color=blue | under=80"


@pytest.mark.parametrize("text", ["", "buy now", "search | colour=blue", "search | cat", "compare | ref=two",
                                  "search | cat=", "Here are five shoes"])
def test_unparseable_output_raises(text):
    with pytest.raises(LmOutputError):
        parse_slot_string(text)


def test_about_becomes_a_band_and_dollar_signs_are_read():
    intent = parse_slot_string("search | about=100 | cat=jackets")
    assert (intent.min_price, intent.max_price) == (80.0, 120.0)
    assert parse_slot_string("refine | under=$1,200").max_price == 1200.0
    assert parse_slot_string("refine | max=10 | min=5") == Intent("refine", min_price=5.0, max_price=10.0)


def test_validation_rejects_hallucinated_brand_and_non_numeric_price(vocab):
    raw = parse_slot_string("search | cat=Running Shoes | brand=Gucci | under=cheap | not=nike")
    valid, problems = validate_intent(raw, vocab, DialogueState())
    assert valid.category == "running shoes" and valid.exclude_brand == "Nike"
    assert valid.brand is None and valid.max_price is None
    assert any("Gucci" in p for p in problems) and any("cheap" in p for p in problems)


def test_references_are_resolved_against_shown_items(vocab):
    state = DialogueState(shown=["P001", "P002", "P003"])
    valid, problems = validate_intent(parse_slot_string("compare | ref=2,-1,9"), vocab, state)
    assert valid.references == (2, 3) and any("9" in p for p in problems)


def test_state_line_and_prompt():
    state = DialogueState(category="jackets", exclude_brands=["Nike", "Asics"], max_price=79.99, shown=["a", "b"])
    assert state_line(state) == "state: cat=jackets | not=Nike,Asics | under=79.99 | shown=2"
    assert parse_prompt(DialogueState(), "  hi   there ") == "state: shown=0\nuser: hi there\nparse:"


def test_catalog_hint_names_mentioned_brands_and_categories(vocab):
    prompt = parse_prompt(DialogueState(), "Nike or Asics runners, not bose, maybe patagnoia", vocab)
    assert "catalog: cat=running shoes | brand=Nike,Asics,Bose,Patagonia" in prompt
    assert parse_prompt(DialogueState(), "hello", vocab) == "state: shown=0\nuser: hello\nparse:"


def test_around_is_written_as_a_centre():
    assert format_intent(Intent("search", min_price=80.0, max_price=120.0)) == " search | about=100"
    assert format_intent(Intent("search", min_price=50.0, max_price=120.0)) == " search | over=50 | under=120"


def test_query_text_is_copied_not_decoded():
    assert query_text("search", "waterproof jackets under $200") == "waterproof jackets"
    assert query_text("recommend", "recommend me jackets") == ""


def test_refine_of_nothing_or_of_another_category_is_a_new_search(vocab):
    searching = DialogueState(query="running shoes", category="running shoes", shown=["P001"])
    same, _ = validate_intent(parse_slot_string("refine | color=blue"), vocab, searching)
    assert same.kind == "refine"
    other, problems = validate_intent(parse_slot_string("refine | cat=jackets"), vocab, searching)
    assert other.kind == "search" and problems
    fresh, _ = validate_intent(parse_slot_string("refine | color=blue"), vocab, DialogueState())
    assert fresh.kind == "search"


def test_search_that_only_narrows_an_active_search_is_a_refinement(vocab):
    searching = DialogueState(query="jackets", category="jackets", shown=["P025"])
    narrowed, problems = validate_intent(parse_slot_string("search | over=50"), vocab, searching)
    assert narrowed.kind == "refine" and problems
    new_brand, _ = validate_intent(parse_slot_string("search | brand=Sony"), vocab, searching)
    assert new_brand.kind == "search"
    first, _ = validate_intent(parse_slot_string("search | over=50"), vocab, DialogueState())
    assert first.kind == "search"
