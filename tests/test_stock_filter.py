"""Only what can be bought now: "only in stock", "hide the sold out ones" keep out-of-stock products off the list."""

import pandas as pd
import pytest

from assistant.reading import in_stock_only
from tests.shopfixtures import CATEGORIES, write_shop


@pytest.fixture(scope="module")
def stocked(tmp_path_factory, tiny_config):
    """The tiny shop with every third product sold out."""
    from assistant.loop import Assistant
    from assistant.offline.build import build_artifacts

    shop = write_shop(tmp_path_factory.mktemp("stock-shop"))
    catalog = pd.read_csv(shop / "products.csv")
    catalog["in_stock"] = [i % 3 != 0 for i in range(len(catalog))]
    catalog.to_csv(shop / "products.csv", index=False)
    out = tmp_path_factory.mktemp("stock-art")
    build_artifacts(shop, out, tiny_config, log=lambda _msg: None)
    return Assistant.load(out, tiny_config)


@pytest.mark.parametrize("message", ["only in stock please", "which ones are in stock?", "in-stock ones only",
                                     "hide the sold out ones", "just the ones that are available", "available now?",
                                     "cheapest lego set in stock", "no out of stock stuff"])
def test_asking_for_what_can_be_bought_now(message):
    assert in_stock_only(message)


@pytest.mark.parametrize("message", ["is this available in red?", "let me know when it's back in stock",
                                     "what sizes are available", "out of stock is fine", "it's not in stock?"])
def test_words_of_stock_that_ask_no_filter(message):
    assert not in_stock_only(message)


def test_only_in_stock_hides_what_is_sold_out_and_stays_on(stocked):
    assistant, seen = stocked, 0
    for aisle in CATEGORIES:
        session = assistant.new_session()
        first = assistant.respond(session, aisle)
        if all(c.product.in_stock for c in first.products):
            continue
        seen += 1
        stocked = assistant.respond(session, "only the ones in stock please")
        assert stocked.intent.kind == "refine" and stocked.products, aisle
        assert all(c.product.in_stock and c.product.category == aisle for c in stocked.products), aisle
        assert "in stock" in stocked.text
        cheaper = assistant.respond(session, "cheaper")
        assert all(c.product.in_stock for c in cheaper.products), aisle
    assert seen, "no aisle's first list showed an out-of-stock product"


def test_a_models_cheaper_for_only_in_stock_is_dropped():
    """The LM read "only in stock please" as cheaper=true once: in stock asks no lower price."""
    from assistant.reading import read_extras
    from assistant.types import DialogueState, Intent
    from assistant.vocab import CatalogVocab

    vocab = CatalogVocab.from_catalog(pd.DataFrame({"title": ["Nike Pegasus Running Shoes"], "brand": ["Nike"],
                                                    "category": ["running shoes"], "color": ["black"]}))
    state = DialogueState(query="running shoes", category="running shoes", shown=["P1"])
    intent, _ = read_extras(Intent("refine", cheaper=True), "only in stock please", state, vocab)
    assert intent.in_stock and not intent.cheaper

