"""Load and validate shopper behaviour: explicit ratings and view/cart/purchase events.

Both files go through `retrieval.catalog.read_table`, so formats, encodings and error messages
(file, row as seen in the file, column) match the catalog loader exactly.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd

from retrieval.catalog import as_text, raise_first, read_table, require_columns, to_numbers

RATINGS_REQUIRED = ("user_id", "product_id", "rating")
EVENTS_REQUIRED = ("user_id", "product_id", "event", "timestamp")
EVENT_KINDS = ("view", "cart", "purchase")
# Unix seconds past this are beyond the year 2255 (datetime64[ns] ends in 2262); such a value
# is almost surely milliseconds.
_MAX_UNIX_SECONDS = 9e9
_LATEST = pd.Timestamp.max.tz_localize("UTC")
_EARLIEST = pd.Timestamp.min.tz_localize("UTC")
_EPOCH = pd.Timestamp(0, tz="UTC")


def load_ratings(path: str | Path, product_ids: Collection[str] | None = None,
                 scale: tuple[float, float] = (1.0, 5.0)) -> pd.DataFrame:
    """Read and validate a ratings file; see `validate_ratings`."""
    return validate_ratings(read_table(path), path, product_ids, scale)


def validate_ratings(df: pd.DataFrame, path: str | Path, product_ids: Collection[str] | None = None,
                     scale: tuple[float, float] = (1.0, 5.0)) -> pd.DataFrame:
    """Check a raw ratings frame and return it normalized.

    Args:
        df: raw frame (string cells, as from `read_table`).
        path: file name used in error messages and to number rows.
        product_ids: catalog ids; a rating for any other product is an error. None skips the check.
        scale: inclusive (low, high) range of valid ratings, e.g. (1, 5) stars.

    Returns:
        Columns user_id, product_id (str), rating (float64), timestamp (float64 unix seconds,
        NaN when the column is absent or the cell empty); index reset to 0..n-1.

    Raises:
        DataError: the first problem found, naming file, row and column.
    """
    df = require_columns(df, path, RATINGS_REQUIRED)
    out = _ids(df, path, product_ids)
    text = as_text(df["rating"])
    values, bad = to_numbers(text)
    bad |= text.to_numpy() == ""
    raise_first(df, bad, path, "rating", lambda i: f"rating {text.iat[i]!r} is not a number")
    low, high = scale
    outside = (values < low) | (values > high)
    raise_first(df, outside, path, "rating",
                lambda i: f"rating {text.iat[i]} is outside the scale {low:g}..{high:g}")
    out["rating"] = values
    if "timestamp" in df.columns:
        stamps = _timestamps(df, path, required=False)
        out["timestamp"] = (stamps - _EPOCH).dt.total_seconds().to_numpy(dtype="float64", na_value=np.nan)
    else:
        out["timestamp"] = np.nan
    return out.reset_index(drop=True)


def load_events(path: str | Path, product_ids: Collection[str] | None = None) -> pd.DataFrame:
    """Read and validate a behaviour-events file; see `validate_events`."""
    return validate_events(read_table(path), path, product_ids)


def validate_events(df: pd.DataFrame, path: str | Path,
                    product_ids: Collection[str] | None = None) -> pd.DataFrame:
    """Check a raw events frame and return it normalized.

    Returns:
        Columns user_id, product_id (str), event (one of `EVENT_KINDS`, lower-cased),
        quantity (int64 >= 1, default 1), price (float64 unit price paid >= 0, NaN when empty,
        e.g. for a view), timestamp (datetime64[ns, UTC], from ISO 8601 or unix seconds);
        index reset to 0..n-1.

    Raises:
        DataError: the first problem found, naming file, row and column.
    """
    df = require_columns(df, path, EVENTS_REQUIRED)
    out = _ids(df, path, product_ids)
    event = as_text(df["event"]).str.lower()
    allowed = ", ".join(EVENT_KINDS)
    raise_first(df, ~event.isin(EVENT_KINDS), path, "event",
                lambda i: f"event {event.iat[i]!r} is not one of {allowed}")
    out["event"] = event.to_numpy()
    out["quantity"] = _quantity(df, path)
    out["price"] = _unit_price(df, path)
    out["timestamp"] = _timestamps(df, path, required=True)
    return out.reset_index(drop=True)


def _ids(df: pd.DataFrame, path: str | Path, product_ids: Collection[str] | None) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    for column in ("user_id", "product_id"):
        out[column] = as_text(df[column])
        raise_first(df, out[column] == "", path, column, lambda _, name=column: f"{name} is empty")
    if product_ids is not None:
        # A hash lookup: Series.isin on Arrow strings is ~10x slower for catalog-sized id lists.
        catalog = pd.Index(pd.unique(np.asarray([str(p) for p in product_ids], dtype=object)))
        known = catalog.get_indexer(out["product_id"].to_numpy(dtype=object)) >= 0
        raise_first(df, ~known, path, "product_id",
                    lambda i: f"product_id {out['product_id'].iat[i]!r} is not in the catalog")
    return out


def _quantity(df: pd.DataFrame, path: str | Path) -> np.ndarray:
    if "quantity" not in df.columns:
        return np.ones(len(df), dtype="int64")
    text = as_text(df["quantity"])
    values, bad = to_numbers(text)
    values = np.where(text.to_numpy() == "", 1.0, values)
    bad |= ~bad & ((values < 1) | (np.floor(values) != values))
    raise_first(df, bad, path, "quantity", lambda i: f"quantity {text.iat[i]!r} is not a whole number >= 1")
    return values.astype("int64")


def _unit_price(df: pd.DataFrame, path: str | Path) -> np.ndarray:
    if "price" not in df.columns:
        return np.full(len(df), np.nan)
    text = as_text(df["price"])
    values, bad = to_numbers(text)
    raise_first(df, bad, path, "price", lambda i: f"price {text.iat[i]!r} is not a plain number")
    raise_first(df, values < 0, path, "price", lambda i: f"price {text.iat[i]} is negative")
    return values


def _timestamps(df: pd.DataFrame, path: str | Path, required: bool) -> pd.Series:
    """Parse unix seconds or ISO 8601 (naive times are taken as UTC) into datetime64[ns, UTC].

    Other date formats are rejected rather than guessed: "05/01/2024" is May or January.
    """
    text = as_text(df["timestamp"])
    empty = (text == "").to_numpy()
    if required:
        raise_first(df, empty, path, "timestamp", lambda _: "timestamp is empty")
    numbers = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    is_number = np.isfinite(numbers)
    hint = "milliseconds? divide by 1000"
    raise_first(df, is_number & (np.abs(numbers) >= _MAX_UNIX_SECONDS), path, "timestamp",
                lambda i: f"timestamp {text.iat[i]} is too large for unix seconds ({hint})")
    stamps = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns, UTC]")
    if is_number.any():
        stamps[is_number] = pd.to_datetime(numbers[is_number], unit="s", utc=True)
    words = ~is_number & ~empty
    if words.any():
        parsed = pd.to_datetime(text[words], format="ISO8601", utc=True, errors="coerce")
        parsed = parsed.where((parsed >= _EARLIEST) & (parsed <= _LATEST))
        stamps[words] = parsed.astype("datetime64[ns, UTC]")
    example = "2024-03-01T12:00:00Z or 1709294400"
    raise_first(df, ~empty & stamps.isna().to_numpy(), path, "timestamp",
                lambda i: f"timestamp {text.iat[i]!r} is not ISO 8601 or unix seconds (e.g. {example})")
    return stamps
