"""Labelled shopper sets become parser examples in the fine-tune's format (assistant/training/shopper_examples.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import AssistantConfig
from assistant.training.cache import lm_key
from assistant.training.shop_vocab import shop_vocab
from assistant.training.shopper_examples import shopper_examples, shopper_set_paths, turn_target
from assistant.types import DialogueState
from assistant.vocab import CatalogVocab
from retrieval.types import UsageError
from tests.shopfixtures import products


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _examples(path: Path) -> list:
    catalog = products()
    return shopper_examples([path], CatalogVocab.from_catalog(catalog), shop_vocab(catalog), AssistantConfig())


def test_a_single_message_is_prompted_with_the_state_its_context_leaves(tmp_path: Path) -> None:
    rows = [{"id": "a", "context": ["sony headphones under 100"], "message": "hmm bit too pricey tbh",
             "gold": {"kind": "refine", "cheaper": True}},
            {"id": "b", "context": [], "message": "wat about brooks runners, no nike",
             "gold": {"kind": "search", "category": "running shoes", "brand": "Brooks", "exclude_brands": ["Nike"]}}]
    first, second = _examples(_write(tmp_path / "s.jsonl", rows))
    assert first.prompt.startswith("state: cat=headphones | brand=Sony | under=100 | shown=")
    assert first.prompt.endswith("user: hmm bit too pricey tbh\nparse:")
    assert first.target == " refine | cheaper"
    assert second.prompt.startswith("state: shown=0\n")
    assert second.target == " search | cat=running shoes | brand=Brooks | not=Nike"


def test_a_dialogue_refinement_teaches_what_its_labels_change(tmp_path: Path) -> None:
    turns = [{"user": "need runnin shoes under 100", "expect": {"kind": "search", "category": "running shoes",
                                                                "max_price": 100}},
             {"user": "no nike", "expect": {"kind": "refine", "category": "running shoes", "max_price": 100,
                                            "exclude_brands": ["Nike"]}},
             {"user": "smth more premium", "expect": {"kind": "refine", "category": "running shoes"}},
             {"user": "put #2 in the cart", "expect": {"kind": "add_to_cart", "cart_add_positions": [2]}}]
    examples = _examples(_write(tmp_path / "d.jsonl", [{"id": "d", "turns": turns}]))
    assert [e.target for e in examples] == [" search | cat=running shoes | under=100", " refine | not=Nike",
                                            " add_to_cart | ref=2"]  # "more premium": its change is unlabelled
    assert examples[1].prompt.startswith("state: cat=running shoes | under=100 | shown=")
    assert "not=Nike" in examples[2].prompt


def test_a_refinement_without_a_labelled_change_is_left_out() -> None:
    state = DialogueState(category="headphones", max_price=100.0)
    assert turn_target({"kind": "refine", "category": "headphones", "max_price": 100}, state) is None
    assert turn_target({"kind": "refine", "max_price": 60}, state).max_price == 60.0


def test_rows_naming_what_the_catalog_lacks_teach_nothing(tmp_path: Path) -> None:
    rows = [{"id": "x", "context": [], "message": "le creuset pans", "gold": {"kind": "search", "category": "kitchen",
                                                                            "brand": "Le Creuset"}},
            {"id": "y", "context": [], "message": "a hammock?", "gold": {"kind": "search", "category": "sports",
                                                                         "not_carried": True}}]
    assert [e.target for e in _examples(_write(tmp_path / "s.jsonl", rows))] == [" search"]


def test_set_patterns_that_match_nothing_are_an_error(tmp_path: Path) -> None:
    _write(tmp_path / "a.jsonl", [])
    cfg = AssistantConfig(lm_shopper_sets=f"{tmp_path}/*.jsonl, {tmp_path}/a.jsonl")
    assert shopper_set_paths(cfg) == [tmp_path / "a.jsonl"]
    with pytest.raises(UsageError, match="missing-\\*.jsonl' matches no file"):
        shopper_set_paths(AssistantConfig(lm_shopper_sets=f"{tmp_path}/missing-*.jsonl"))


def test_the_sets_and_their_contents_are_part_of_the_fine_tune_key(tmp_path: Path) -> None:
    catalog = products()
    path = _write(tmp_path / "s.jsonl", [{"id": "a", "context": [], "message": "hi", "gold": {"kind": "greeting"}}])
    plain = lm_key(catalog, None, AssistantConfig())
    with_set = lm_key(catalog, None, AssistantConfig(lm_shopper_sets=str(path)))
    _write(path, [{"id": "a", "context": [], "message": "hello", "gold": {"kind": "greeting"}}])
    assert len({plain, with_set, lm_key(catalog, None, AssistantConfig(lm_shopper_sets=str(path)))}) == 3
