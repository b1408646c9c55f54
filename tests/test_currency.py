"""Prices in the catalog's currency: a shop folder's shop.json names it, and every place a price is shown
(replies, the cart, order confirmations, cards, the JSON of a reply) says it in that currency."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.money import check_currency, format_price
from assistant.shopdata.load import load_shop
from retrieval.types import DataError
from ui.cards import cards_html, cart_html
from ui.replies import reply_json


def test_format_price_uses_the_currency_symbol_and_grouping() -> None:
    assert format_price(79.99) == "$79.99"
    assert format_price(1250, "INR") == "₹1,250.00"
    assert format_price(12, "EUR") == "€12.00"
    assert format_price(None, "INR") == "price not listed"
    assert check_currency(" gbp ", "shop.json") == "GBP"
    with pytest.raises(DataError, match="unknown currency 'rupees'"):
        check_currency("rupees", "shop.json")


@pytest.mark.parametrize(("content", "problem"), [
    ('{"currency": "XYZ"}', "unknown currency 'XYZ'"),
    ('{"currancy": "INR"}', "unknown setting"),
    ('["INR"]', "expected a JSON object"),
    ('{"currency": "INR"', "not readable as JSON"),
])
def test_a_bad_shop_json_is_named(tmp_path: Path, tiny_shop: Path, content: str, problem: str) -> None:
    shop = shutil.copytree(tiny_shop, tmp_path / "shop")
    (shop / "shop.json").write_text(content)
    with pytest.raises(DataError, match=problem) as caught:
        load_shop(shop)
    assert "shop.json" in str(caught.value)


@pytest.fixture(scope="module")
def rupee_assistant(tmp_path_factory, tiny_shop, tiny_config):
    from assistant.loop import Assistant
    from assistant.offline.build import build_artifacts, is_up_to_date

    shop = shutil.copytree(tiny_shop, tmp_path_factory.mktemp("inr") / "shop")
    (shop / "shop.json").write_text(json.dumps({"currency": "INR"}))
    out = tmp_path_factory.mktemp("inr-art")
    build_artifacts(shop, out, tiny_config, log=lambda _msg: None)
    assert is_up_to_date(shop, out, tiny_config)
    (shop / "shop.json").write_text(json.dumps({"currency": "EUR"}))
    assert not is_up_to_date(shop, out, tiny_config)  # a changed currency is a changed shop
    (shop / "shop.json").write_text(json.dumps({"currency": "INR"}))
    return Assistant.load(out, tiny_config)


def test_replies_cart_and_orders_speak_the_catalogs_currency(rupee_assistant) -> None:
    assistant = rupee_assistant
    assert assistant.currency == "INR"
    session = assistant.new_session()
    reply = assistant.respond(session, "running shoes under 80")
    assert "up to ₹80.00" in reply.text and "$" not in reply.text
    assert "₹" in reply.text.split("\n")[1]  # the first product line's price
    body = reply_json(reply)
    assert body["currency"] == "INR" and body["products"][0]["price"] < 80
    html = cards_html(reply.products, currency=assistant.currency)
    assert "₹" in html and "$" not in html
    assistant.respond(session, "add the first one to my cart")
    cart = assistant.respond(session, "show my cart")
    assert "Total: ₹" in cart.text and "$" not in cart.text
    lines = [(c.product, 1) for c in cart.products]
    assert "Total ₹" in cart_html(lines, assistant.currency)
    assistant.respond(session, "checkout")
    order = assistant.respond(session, "yes")
    assert "total ₹" in order.text and session.last_order["currency"] == "INR"


def test_the_example_prompt_names_the_catalogs_currency(rupee_assistant) -> None:
    from ui.service import ChatService

    prompts = ChatService(rupee_assistant).example_prompts()
    assert prompts[0].endswith("under ₹100") and not any("$" in p for p in prompts)


def test_a_shop_without_shop_json_is_in_dollars(assistant) -> None:
    reply = assistant.respond(assistant.new_session(), "running shoes under 80")
    assert assistant.currency == "USD" and "up to $80.00" in reply.text and reply_json(reply)["currency"] == "USD"
