"""Reading a shop folder: `DIR/products.*` (required), `ratings.*`, `events.*` and `shop.json` (optional), validated.

The one way a shop folder is read: the build, `train-lm`, the evaluation commands and the
benchmarks all call `load_shop`, so each sees the same files, the same validation and the same
empty frames for absent files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assistant.money import DEFAULT_CURRENCY, check_currency
from assistant.shopdata.interactions import load_events, load_ratings
from assistant.shopdata.rating_sources import empty_events, empty_ratings
from retrieval.catalog import load_catalog
from retrieval.types import DataError

SUFFIXES = (".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".parquet")
SETTINGS_FILE = "shop.json"  # facts about the whole shop: {"currency": "INR"}
_SETTINGS_KEYS = ("currency",)


@dataclass(frozen=True)
class Shop:
    """A validated shop: the catalog, ratings and events (empty frames for absent files), the files read,
    and the currency its prices are in (`shop.json`, else US dollars)."""

    catalog: pd.DataFrame
    ratings: pd.DataFrame
    events: pd.DataFrame
    files: dict[str, Path]
    currency: str = DEFAULT_CURRENCY

    @property
    def events_if_any(self) -> pd.DataFrame | None:
        """The events, or None when the folder has no events file (the LM's cache key tells the two apart)."""
        return self.events if "events" in self.files else None


def find_input(data_dir: Path, stem: str, required: bool) -> Path | None:
    """`DIR/products.csv` (or .jsonl/.parquet); None for an optional file that is absent."""
    for suffix in SUFFIXES:
        if (data_dir / f"{stem}{suffix}").exists():
            return data_dir / f"{stem}{suffix}"
    if required:
        raise DataError(str(data_dir), f"no {stem} file (expected {stem}.csv, .jsonl or .parquet)")
    return None


def input_files(data_dir: str | Path) -> dict[str, Path]:
    """The shop files a folder holds, by role (products, ratings, events, shop settings)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(str(data_dir), "data directory does not exist")
    found = {"products": find_input(data_dir, "products", True),
             "ratings": find_input(data_dir, "ratings", False),
             "events": find_input(data_dir, "events", False),
             "shop": data_dir / SETTINGS_FILE if (data_dir / SETTINGS_FILE).is_file() else None}
    return {role: path for role, path in found.items() if path is not None}


def read_settings(path: Path | None) -> dict[str, str]:
    """`shop.json`, checked: a JSON object whose only keys are known settings (a typo is an error, not ignored)."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(str(path), f"not readable as JSON ({exc})") from None
    if not isinstance(data, dict):
        raise DataError(str(path), 'expected a JSON object such as {"currency": "INR"}')
    unknown = sorted(set(data) - set(_SETTINGS_KEYS))
    if unknown:
        raise DataError(str(path), f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(_SETTINGS_KEYS)}")
    settings = {}
    if "currency" in data:
        settings["currency"] = check_currency(data["currency"], str(path))
    return settings


def load_shop(data_dir: str | Path, rating_scale: tuple[float, float] = (1.0, 5.0),
              ratings: bool = True) -> Shop:
    """Read and validate a shop folder; `ratings=False` skips reading the ratings file (left empty)."""
    files = input_files(data_dir)
    catalog = load_catalog(files["products"])
    ids = set(catalog["product_id"])
    rated = load_ratings(files["ratings"], ids, rating_scale) if ratings and "ratings" in files else empty_ratings()
    events = load_events(files["events"], ids) if "events" in files else empty_events()
    settings = read_settings(files.get("shop"))
    return Shop(catalog, rated, events, files, settings.get("currency", DEFAULT_CURRENCY))
