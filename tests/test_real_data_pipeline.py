"""`shopassist import` + `build` + `ask` end to end on real public data (../shared/data)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SHARED_DATA
from ui.cli.main import main

pytestmark = [pytest.mark.real_data,
              pytest.mark.skipif(not SHARED_DATA.exists(), reason="../shared/data is not present")]


def run_pipeline(tmp_path, capsys, fmt, paths, message):
    data, art = tmp_path / "data", tmp_path / "art"
    assert main(["import", fmt, *map(str, paths), "--out", str(data)]) == 0
    summary = capsys.readouterr().out
    assert main(["--preset", "tiny", "build", "--data", str(data), "--out", str(art)]) == 0
    capsys.readouterr()
    assert main(["--preset", "tiny", "ask", "--artifacts", str(art), "--json", message]) == 0
    return summary, json.loads(capsys.readouterr().out)


def test_amazon_magazines(tmp_path, capsys):
    folder = SHARED_DATA / "amazon2018-magazine-subscriptions"
    summary, reply = run_pipeline(tmp_path, capsys, "amazon2018",
                                  [folder / "Magazine_Subscriptions_ratings.csv.gz",
                                   folder / "meta_Magazine_Subscriptions.json.gz"],
                                  "a magazine about cooking")
    assert "duplicate" in summary  # the 1,065 duplicate meta lines are counted, not silently lost
    assert reply["products"] and reply["intent"]["kind"] == "search"


def test_bigbasket_catalog_with_price_filter(tmp_path, capsys):
    summary, reply = run_pipeline(tmp_path, capsys, "bigbasket",
                                  [SHARED_DATA / "bigbasket-products" / "bigbasket_products.csv.gz"],
                                  "olive oil under 500")
    assert "27,554" in summary or "27554" in summary
    assert reply["products"]
    assert all(p["price"] <= 500 for p in reply["products"])
