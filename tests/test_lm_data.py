from __future__ import annotations

import dataclasses
import re

import pytest

from assistant.config import AssistantConfig
from assistant.lm.format import PLACEHOLDER_TOKENS, parse_slot_string
from assistant.lm.reply_phrases import reply_vocabulary, reply_words
from assistant.training.dialogues import flatten, generate_dialogues
from assistant.training.heldout_phrases import HELDOUT_BANK
from assistant.training.phrases import TRAIN_BANK
from assistant.training.shop_vocab import shop_vocab
from assistant.training.train_lm import examples_of, heldout_cases
from assistant.types import INTENT_KINDS
from assistant.vocab import CatalogVocab
from tests.shopfixtures import events, products

HELDOUT_FRACTION = 0.34


@pytest.fixture(scope="module")
def catalog():
    return products()


@pytest.fixture(scope="module")
def train_turns(catalog):
    vocab = shop_vocab(catalog, "train", HELDOUT_FRACTION, events(catalog))
    hints = CatalogVocab.from_catalog(catalog)
    return flatten(generate_dialogues(vocab, TRAIN_BANK, 300, seed=3, hints=hints))


def test_prompts_carry_catalog_hints_for_the_brands_mentioned(train_turns):
    with_brand = [t for t in train_turns if t.intent.brand and t.intent.brand.lower() in t.message.lower()]
    assert with_brand
    assert all(f"brand={t.intent.brand}" in t.prompt or f",{t.intent.brand}" in t.prompt for t in with_brand)


def test_every_intent_kind_is_generated(train_turns):
    assert {t.intent.kind for t in train_turns} == set(INTENT_KINDS)


def test_targets_parse_back_to_the_gold_intent(train_turns):
    for turn in train_turns:
        assert parse_slot_string(turn.target) == dataclasses.replace(turn.intent, query="")


def test_gold_slots_are_catalog_values(catalog, train_turns):
    brands, categories, colors = set(catalog["brand"]), set(catalog["category"]), set(catalog["color"])
    for t in train_turns:
        assert t.intent.brand in brands | {None} and t.intent.exclude_brand in brands | {None}
        assert t.intent.category in categories | {None} and t.intent.color in colors | {None}


def test_heldout_brands_never_appear_in_training(catalog, train_turns):
    heldout = shop_vocab(catalog, "heldout", HELDOUT_FRACTION).all_brands()
    assert heldout and len(heldout) < len(set(catalog["brand"]))
    text = " ".join(t.prompt + t.target for t in train_turns).lower()
    for brand in heldout:
        assert brand.lower() not in text


def test_heldout_bank_shares_no_wording_with_training():
    for field in dataclasses.fields(TRAIN_BANK):
        if field.name in ("price_formats", "closers"):
            continue  # "$80" and "" are not paraphrases
        shared = set(getattr(TRAIN_BANK, field.name)) & set(getattr(HELDOUT_BANK, field.name)) - {""}
        assert not shared, (field.name, shared)


def test_multi_turn_state_carries_slots(train_turns):
    """A refine turn is only labelled refine when the prompt's state shows an active search or results."""
    refines = [t for t in train_turns if t.intent.kind == "refine"]
    assert refines
    assert all(re.search(r"(cat|brand|not|color|min|max)=|shown=[1-9]", t.prompt.split("\n")[0]) for t in refines)
    assert any("cat=" in t.prompt for t in refines)
    cheaper = [t for t in refines if t.intent.cheaper]
    assert cheaper and all("shown=" in t.prompt for t in cheaper)


def test_noise_and_paraphrases(train_turns):
    messages = [t.message for t in train_turns]
    assert len(set(messages)) > 0.7 * len(messages)
    assert any(m.islower() for m in messages) and any(m[:1].isupper() for m in messages)


def test_replies_use_only_placeholders_and_vocabulary(train_turns):
    allowed = reply_vocabulary()
    replies = {t.reply_target for t in train_turns if t.reply_target}
    assert len(replies) > 10
    tokens = {p.strip() for p in PLACEHOLDER_TOKENS}
    for reply in replies:
        for placeholder in re.findall(r"\[[a-z_0-9]+\]", reply):
            assert placeholder in tokens
        assert set(reply_words(re.sub(r"\[[a-z_0-9]+\]", " ", reply))) <= allowed
        assert not re.search(r"\d", re.sub(r"\[[a-z_0-9]+\]", " ", reply))


def test_examples_and_heldout_cases(catalog, train_turns):
    import random

    examples = examples_of(train_turns, random.Random(0))
    assert len(examples) > len(train_turns) and all(e.target.startswith(" ") for e in examples)
    cfg = AssistantConfig(lm_heldout_brands=HELDOUT_FRACTION)
    cases = heldout_cases(catalog, None, cfg, 30)
    assert len(cases) == 30
    train_messages = {t.message for t in train_turns}
    assert sum(c.message in train_messages for c in cases) <= 3  # only the shortest can coincide


def test_invented_brands_teach_copying(catalog):
    vocab = shop_vocab(catalog, "train", HELDOUT_FRACTION)
    turns = flatten(generate_dialogues(vocab, TRAIN_BANK, 200, seed=5, invented_brands=0.5))
    brands = [t.intent.brand or t.intent.exclude_brand for t in turns if t.intent.brand or t.intent.exclude_brand]
    invented = [b for b in brands if b not in set(catalog["brand"])]
    assert 0.25 < len(invented) / len(brands) < 0.75
    for t in turns:
        name = t.intent.brand or t.intent.exclude_brand
        if name in invented:
            assert name.lower() in t.message.lower()  # the name is in the message, to copy


@pytest.mark.parametrize("name", ["lm_reworded.jsonl", "lm_fresh.jsonl"])
def test_hand_written_benchmark_sets_have_valid_gold_labels(name):
    """A typo in a gold label would silently cost the parser points in bench/lm_parse.py."""
    from pathlib import Path

    from assistant.shopdata.demo import CATEGORIES
    from assistant.shopdata.demo.vocab import COLORS
    from assistant.training.evaluate import load_cases

    cases = load_cases(Path(__file__).resolve().parents[1] / "bench" / "data" / name)
    brands = {b for spec in CATEGORIES for b in spec.brands}
    assert len(cases) >= 40
    for case in cases:
        gold = case.gold
        assert gold.kind in INTENT_KINDS
        assert gold.category in {None, *(spec.name for spec in CATEGORIES)}, case
        assert gold.color in {None, *COLORS}, case
        assert {gold.brand, gold.exclude_brand} <= {None, *brands}, case
        assert all(r == -1 or 1 <= r <= len(case.state.shown) for r in gold.references), case
        assert gold.kind != "refine" or case.state.shown, case  # a refinement needs something to refine


def test_price_direction_benchmark_scores_the_models_own_key(monkeypatch):
    """bench/lm_price_direction.py: a parser that always writes `under=` scores exactly the ceiling
    share, one that knows each phrase's side scores 1, and output that is not a slot string counts wrong."""
    from pathlib import Path

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "bench"))
    from lm_price_direction import CARRIERS, direction_score

    from assistant.lm.format import LmOutputError

    class Fixed:
        def __init__(self, key):
            self.key, self.last_output = key, None

        def parse(self, message, state):
            self.last_output = f"search | {self.key(message)}=70" if self.key(message) else "??"
            if not self.key(message):
                raise LmOutputError("not a slot string")

    always_under = direction_score(Fixed(lambda m: "under"), TRAIN_BANK)
    assert always_under["accuracy"] == always_under["ceiling_share"] < 1
    floors = {t.format(p="$70") for t in TRAIN_BANK.price_min}
    prefixes = tuple(c.format(x="") for c in CARRIERS)
    oracle = Fixed(lambda m: "over" if next(m[len(p):] for p in prefixes if m.startswith(p)) in floors else "under")
    assert direction_score(oracle, TRAIN_BANK)["accuracy"] == 1.0
    broken = direction_score(Fixed(lambda m: None), TRAIN_BANK)
    assert broken["accuracy"] == 0 and len(broken["wrong"]) == broken["n"]


def test_training_data_from_a_loaded_catalog_with_gaps_and_no_colour_column(tmp_path):
    """An imported catalog as `train-lm` reads it: no colour column, a brand missing, and a nullable
    integer column with blanks (Sephora's review counts). `catalog.fillna("")` used to crash on the
    integer column before any training started."""
    from assistant.training.train_lm import training_examples
    from retrieval.catalog import load_catalog

    frame = products().drop(columns=["color"])
    frame["review_count"] = [None if i % 3 else i for i in range(len(frame))]
    frame.loc[frame.index[0], "brand"] = None
    frame.to_csv(tmp_path / "products.csv", index=False)
    catalog = load_catalog(tmp_path / "products.csv")
    assert str(catalog["review_count"].dtype) == "Int64" and catalog["review_count"].isna().any()
    vocab = CatalogVocab.from_catalog(catalog)
    assert vocab.colors == {} and "" not in vocab.brands and vocab.categories
    train, val, _ = training_examples(catalog, None, AssistantConfig(lm_dialogues=20), log=lambda _m: None)
    assert train and val


@pytest.mark.parametrize("avx512_bf16, amx, trains_bf16", [(True, False, True), (False, True, True),
                                                            (False, False, False)])
def test_the_fine_tune_uses_bf16_only_where_the_cpu_computes_it(monkeypatch, avx512_bf16, amx, trains_bf16):
    import torch

    from assistant.config import build_config
    from assistant.training.train_lm import train_settings

    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: avx512_bf16)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: amx)
    assert train_settings(build_config("lm").assistant).bf16 is trains_bf16
