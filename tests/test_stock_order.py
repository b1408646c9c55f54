"""Products that can be ordered come first: an out-of-stock item is still listed, after those in stock."""

from __future__ import annotations

from assistant.loop import Assistant
from assistant.offline.build import build_artifacts
from tests.shopfixtures import products


def test_out_of_stock_products_are_listed_after_those_in_stock(tmp_path, tiny_config):
    catalog = products()
    catalog["in_stock"] = [i % 2 == 0 for i in range(len(catalog))]  # every other product sold out
    shop = tmp_path / "shop"
    shop.mkdir()
    catalog.to_csv(shop / "products.csv", index=False)
    build_artifacts(shop, tmp_path / "art", tiny_config, log=lambda _msg: None)
    assistant = Assistant.load(tmp_path / "art", tiny_config)
    stock = dict(zip(catalog["product_id"], catalog["in_stock"], strict=True))
    mixed = 0
    for query in ("jackets", "headphones", "running shoes"):
        shown = [c.product.product_id for c in assistant.respond(assistant.new_session(), query).products]
        flags = [stock[pid] for pid in shown]
        assert flags == sorted(flags, reverse=True), f"{query}: {flags}"
        mixed += len(set(flags)) == 2
    assert mixed, "some list shows both kinds, so the order is tested"
