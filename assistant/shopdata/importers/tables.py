"""Shared last steps that turn an importer's raw frames into shopassist's CSV schemas.

Every format-specific importer ends here, so the rules (what counts as a duplicate, an unknown
product, an impossible price) are written once and counted the same way for every source.
"""

from __future__ import annotations

import pandas as pd

from assistant.shopdata.importers.clean import as_text, id_text, parse_number, parse_price, squash_space, strip_html
from assistant.shopdata.importers.report import FileReport

PRODUCT_COLUMNS = (
    "product_id", "title", "price", "description", "category", "brand", "color", "size",
    "rating", "review_count", "image_url", "in_stock",
)
RATING_COLUMNS = ("user_id", "product_id", "rating", "timestamp")
EVENT_COLUMNS = ("user_id", "product_id", "event", "quantity", "price", "timestamp")
EVENT_KINDS = ("view", "cart", "purchase")
_HTML_COLUMNS = ("title", "description")
_TEXT_COLUMNS = ("category", "brand", "color", "size", "image_url")


def finish_products(frame: pd.DataFrame, report: FileReport) -> pd.DataFrame:
    """Clean and validate a products frame; columns beyond PRODUCT_COLUMNS are free attributes.

    Drops (in this order): missing product id, missing title, duplicate product id (first kept).
    A missing, unparseable or non-positive price becomes empty (= unknown), counted as a fix.
    """
    out = frame.reset_index(drop=True)
    out["product_id"] = id_text(out["product_id"])
    out = report.drop(out, out["product_id"] == "", "missing product id")
    for column in _HTML_COLUMNS:
        if column in out:
            out[column] = strip_html(out[column])
    out = report.drop(out, out["title"] == "", "missing title")
    out = report.drop(out, out["product_id"].duplicated(keep="first"), "duplicate product id (first kept)")
    if "price" not in out:
        out["price"] = float("nan")
    out["price"] = _clean_price(out["price"], report)
    for column in _TEXT_COLUMNS:
        if column in out:
            out[column] = squash_space(out[column])
    out = _clean_product_numbers(out, report)
    attributes = [c for c in out.columns if c not in PRODUCT_COLUMNS]
    for column in attributes:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = squash_space(out[column])
    ordered = [c for c in PRODUCT_COLUMNS if c in out] + attributes
    report.rows_kept = len(out)
    return out[ordered].reset_index(drop=True)


def _clean_price(raw: pd.Series, report: FileReport) -> pd.Series:
    price = parse_price(raw)
    given = as_text(raw).str.strip() != "" if not pd.api.types.is_numeric_dtype(raw) else raw.notna()
    report.fixed(given & price.isna(), "unparseable price left empty")
    bad = price.notna() & (price <= 0)
    report.fixed(bad, "non-positive price left empty")
    return price.where(~bad)


def _clean_product_numbers(out: pd.DataFrame, report: FileReport) -> pd.DataFrame:
    if "rating" in out:
        rating = parse_number(out["rating"])
        bad = rating.notna() & ((rating < 0) | (rating > 5))
        report.fixed(bad, "product rating outside 0..5 left empty")
        out["rating"] = rating.where(~bad)
    if "review_count" in out:
        count = parse_number(out["review_count"])
        bad = count.notna() & (count < 0)
        report.fixed(bad, "negative review count left empty")
        out["review_count"] = count.where(~bad).round().astype("Int64")
    if "in_stock" in out:
        # Written as true/false; unknown stays empty (the catalog loader treats it as in stock).
        words = {True: "true", False: "false"}
        out["in_stock"] = out["in_stock"].astype("boolean").map(words, na_action="ignore")
    return out


def is_in(values: pd.Series, allowed: pd.Series) -> pd.Series:
    """`values.isin(allowed)` by hash lookup (Arrow-string `isin` makes a Python object per allowed value)."""
    index = pd.Index(pd.unique(allowed.to_numpy(dtype=object)))
    return pd.Series(index.get_indexer(values.to_numpy(dtype=object)) >= 0, index=values.index)


def finish_ratings(frame: pd.DataFrame, product_ids: pd.Series, report: FileReport) -> pd.DataFrame:
    """Validate explicit ratings (1..5) against the imported products.

    Drops (in this order): missing user/product id, rating not a number in 1..5, unknown product,
    exact duplicate row, older rating of the same user and product (the latest one is kept).
    """
    out = frame[list(RATING_COLUMNS)].reset_index(drop=True)
    out["user_id"] = id_text(out["user_id"])
    out["product_id"] = id_text(out["product_id"])
    out = report.drop(out, (out["user_id"] == "") | (out["product_id"] == ""), "missing user or product id")
    out["rating"] = parse_number(out["rating"])
    out = report.drop(out, ~out["rating"].between(1, 5), "rating missing or outside 1..5")
    out = report.drop(out, ~is_in(out["product_id"], product_ids), "unknown product")
    out["timestamp"] = parse_number(out["timestamp"]).round().astype("Int64")
    out = report.drop(out, out.duplicated(keep="first"), "exact duplicate rating")
    # Stable sort so that, among equal timestamps, the later row in the file wins.
    latest_last = out.sort_values("timestamp", kind="stable", na_position="first")
    superseded = latest_last.duplicated(["user_id", "product_id"], keep="last").reindex(out.index)
    out = report.drop(out, superseded, "older rating by the same user for the same product")
    if (out["rating"] == out["rating"].round()).all():
        out["rating"] = out["rating"].astype("int64")
    report.rows_kept = len(out)
    return out.reset_index(drop=True)


def finish_events(frame: pd.DataFrame, product_ids: pd.Series, report: FileReport) -> pd.DataFrame:
    """Validate interaction events against the imported products.

    Drops (in this order): missing user/product id, unknown event kind, quantity < 1,
    non-positive unit price, unknown product. `timestamp` must already be ISO 8601 UTC text.
    """
    out = frame[list(EVENT_COLUMNS)].reset_index(drop=True)
    out["user_id"] = id_text(out["user_id"])
    out["product_id"] = id_text(out["product_id"])
    out = report.drop(out, (out["user_id"] == "") | (out["product_id"] == ""), "missing user or product id")
    out = report.drop(out, ~out["event"].isin(EVENT_KINDS), "unknown event kind")
    out["quantity"] = parse_number(out["quantity"])
    out = report.drop(out, ~(out["quantity"] >= 1), "quantity missing or below 1")
    out["quantity"] = out["quantity"].round().astype("int64")
    out["price"] = parse_number(out["price"])
    out = report.drop(out, ~(out["price"] > 0), "price missing or not positive")
    out = report.drop(out, ~is_in(out["product_id"], product_ids), "unknown product")
    report.rows_kept = len(out)
    return out.reset_index(drop=True)
