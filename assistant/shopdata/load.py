"""Reading a shop folder: `DIR/products.*` (required), `ratings.*` and `events.*` (optional), validated.

The one way a shop folder is read: the build, `train-lm`, the evaluation commands and the
benchmarks all call `load_shop`, so each sees the same files, the same validation and the same
empty frames for absent files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assistant.shopdata.interactions import load_events, load_ratings
from assistant.shopdata.rating_sources import empty_events, empty_ratings
from retrieval.catalog import load_catalog
from retrieval.types import DataError

SUFFIXES = (".csv", ".csv.gz", ".jsonl", ".jsonl.gz", ".parquet")


@dataclass(frozen=True)
class Shop:
    """A validated shop: the catalog, ratings and events (empty frames for absent files), and the files read."""

    catalog: pd.DataFrame
    ratings: pd.DataFrame
    events: pd.DataFrame
    files: dict[str, Path]

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
    """The shop files a folder holds, by role (products, ratings, events)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(str(data_dir), "data directory does not exist")
    found = {"products": find_input(data_dir, "products", True),
             "ratings": find_input(data_dir, "ratings", False),
             "events": find_input(data_dir, "events", False)}
    return {role: path for role, path in found.items() if path is not None}


def load_shop(data_dir: str | Path, rating_scale: tuple[float, float] = (1.0, 5.0),
              ratings: bool = True) -> Shop:
    """Read and validate a shop folder; `ratings=False` skips reading the ratings file (left empty)."""
    files = input_files(data_dir)
    catalog = load_catalog(files["products"])
    ids = set(catalog["product_id"])
    rated = load_ratings(files["ratings"], ids, rating_scale) if ratings and "ratings" in files else empty_ratings()
    events = load_events(files["events"], ids) if "events" in files else empty_events()
    return Shop(catalog, rated, events, files)
