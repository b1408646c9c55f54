"""Ratings files in public layouts, for evaluation without importing a whole shop first.

`shopassist eval cf --ratings u.data --format movielens` needs only the ratings, while the
importers (which also need product metadata) build a full shop; this reads just the ratings.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from assistant.shopdata.interactions import load_ratings
from retrieval.types import UsageError

RATING_FORMATS = ("shopassist", "movielens", "amazon2018")


def empty_ratings() -> pd.DataFrame:
    """A ratings frame with no rows and the loader's column types."""
    return pd.DataFrame({"user_id": pd.Series(dtype=str), "product_id": pd.Series(dtype=str),
                         "rating": pd.Series(dtype=float), "timestamp": pd.Series(dtype=float)})


def empty_events() -> pd.DataFrame:
    """An events frame with no rows and the loader's column types."""
    return pd.DataFrame({"user_id": pd.Series(dtype=str), "product_id": pd.Series(dtype=str),
                         "event": pd.Series(dtype=str), "quantity": pd.Series(dtype="int64"),
                         "price": pd.Series(dtype=float), "timestamp": pd.Series(dtype="datetime64[ns, UTC]")})
_COLUMNS = {"movielens": ["user_id", "product_id", "rating", "timestamp"],
            "amazon2018": ["product_id", "user_id", "rating", "timestamp"]}


def read_ratings_source(path: str | Path, fmt: str = "shopassist",
                        scale: tuple[float, float] = (1.0, 5.0)) -> pd.DataFrame:
    """Read ratings as user_id, product_id (str), rating, timestamp (float unix seconds).

    Args:
        path: "shopassist": a ratings.csv in our format (validated by `assistant.shopdata.interactions`);
            "movielens": u.data (or the ml-100k folder), tab-separated user, item, rating, time;
            "amazon2018": the UCSD "ratings only" CSV, item, user, rating, time, no header.
        fmt: one of RATING_FORMATS.

    Returns:
        One row per (user, product): for a repeated pair the latest rating is kept, as a
        shopper's current opinion.
    """
    if fmt not in RATING_FORMATS:
        raise UsageError(f"unknown ratings format '{fmt}' (known: {', '.join(RATING_FORMATS)})")
    path = Path(path)
    if fmt == "shopassist":
        return load_ratings(path, None, scale)
    if fmt == "movielens" and path.is_dir():
        path = path / "u.data"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such ratings file")
    frame = pd.read_csv(path, sep="\t" if fmt == "movielens" else ",", header=None, names=_COLUMNS[fmt],
                        dtype={"user_id": str, "product_id": str})
    frame["rating"] = pd.to_numeric(frame["rating"], errors="coerce")
    frame["timestamp"] = pd.to_numeric(frame["timestamp"], errors="coerce")
    frame = frame.dropna(subset=["rating"])  # e.g. a header line
    frame = frame.sort_values("timestamp", kind="stable").drop_duplicates(["user_id", "product_id"], keep="last")
    return frame[["user_id", "product_id", "rating", "timestamp"]].reset_index(drop=True)
