"""Vectorised cleaners for scraped text and numbers (HTML, whitespace, prices, booleans).

All functions take and return pandas Series so that a million-row import stays in C loops; the only
per-value Python call is `html.unescape`, and it runs only on values that contain an `&`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

_TAG = r"<[^<>]*>"
# A tag cut off by a scraper: "<span class=\"a-size-medium\"" (no closing >) ...
_UNTERMINATED_TAG = r"<[^<>]*$"
# ... or the tail of a tag whose start was cut off: ` Magazines" />`.
_TAG_TAIL = r"^[^<>]*\"\s*/?>"
_SPACE = r"\s+"
_DECORATED_NUMBER = r"^[^\d\-]{0,5}?(\d+(?:\.\d+)?)"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")

TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "in stock", "instock", "available"})
FALSE_WORDS = frozenset({
    "0", "false", "f", "no", "n", "out of stock", "outofstock", "unavailable", "sold out",
})


def as_text(series: pd.Series) -> pd.Series:
    """Strings with missing values as "" (so "missing" is one test: `== ""`)."""
    return series.astype("object").where(series.notna(), "").astype(str)


def squash_space(series: pd.Series) -> pd.Series:
    """Collapse runs of whitespace (incl. newlines, NBSP) to one space and strip the ends."""
    return as_text(series).str.replace(_SPACE, " ", regex=True).str.strip()


def strip_html(series: pd.Series) -> pd.Series:
    """Remove HTML tags (whole or cut off), decode entities (`&amp;` -> `&`), squash whitespace.

    Tags are removed before and after decoding, so entity-escaped markup (`&lt;b&gt;`) goes too.
    A value that was nothing but a broken tag becomes "" and can then be rebuilt or dropped.
    """
    text = as_text(series)
    for pattern in (_TAG, _UNTERMINATED_TAG, _TAG_TAIL):
        text = text.str.replace(pattern, " ", regex=True)
    has_entity = text.str.contains("&", regex=False).to_numpy()
    if has_entity.any():
        # Positional, not label-aligned: exploded list fields repeat index labels.
        values = text.to_numpy(dtype=object, copy=True)
        values[has_entity] = [html.unescape(value) for value in values[has_entity]]
        text = pd.Series(values, index=text.index, dtype=object).str.replace(_TAG, " ", regex=True)
    return squash_space(text)


def first_sentence(series: pd.Series, max_chars: int = 80) -> pd.Series:
    """The first sentence of each text, cut at a word boundary to `max_chars` (with an ellipsis).

    Used to give a product a readable name when its scraped title is unusable.
    """
    text = squash_space(series)
    sentence = text.str.split(_SENTENCE_END, n=1, regex=True).str[0].fillna("")
    too_long = sentence.str.len() > max_chars
    cut = sentence.str.slice(0, max_chars).str.replace(r"\s+\S*$", "", regex=True).str.rstrip(" ,;:-") + "…"
    return sentence.where(~too_long, cut)


def parse_price(series: pd.Series) -> pd.Series:
    """Parse prices such as `12.99`, `$1,299.00`, `Rs 220`, `€ 5` into floats; NaN when unparseable.

    A range ("$10.00 - $20.00") yields its lower bound; text after the number ("12.99 USD") is ignored.
    Thousands separators are commas.
    """
    if pd.api.types.is_numeric_dtype(series):
        return series.astype(float)
    text = as_text(series).str.replace(",", "", regex=False).str.strip()
    plain = pd.to_numeric(text, errors="coerce")
    # Up to 5 leading non-digits (a currency sign or code, never a minus), then the first number.
    decorated = pd.to_numeric(text.str.extract(_DECORATED_NUMBER, expand=False), errors="coerce")
    return plain.fillna(decorated).astype(float)


def parse_number(series: pd.Series) -> pd.Series:
    """Floats from numbers or numeric strings; anything else becomes NaN."""
    if pd.api.types.is_numeric_dtype(series):
        return series.astype(float)
    return pd.to_numeric(as_text(series).str.strip(), errors="coerce")


def parse_bool(series: pd.Series) -> pd.Series:
    """Booleans from 1/0, true/false, yes/no, "in stock"/"out of stock"; unrecognised -> NA."""
    if pd.api.types.is_bool_dtype(series):
        return series.astype("boolean")
    words = as_text(series).str.strip().str.lower().str.replace(r"\.0$", "", regex=True)
    result = pd.Series(pd.NA, index=series.index, dtype="boolean")
    result[words.isin(TRUE_WORDS)] = True
    result[words.isin(FALSE_WORDS)] = False
    return result


def id_text(series: pd.Series) -> pd.Series:
    """Identifiers as clean strings: whole floats lose their `.0` (13085.0 -> "13085"), NaN -> "".

    Converted once per distinct value: id columns repeat a few thousand values over millions of rows.
    """
    return per_unique(series, _id_text_unique, dtype="str")


def _id_text_unique(values: pd.Series) -> pd.Series:
    if pd.api.types.is_float_dtype(values):
        whole = values.notna() & np.isfinite(values) & (values == np.floor(values))
        text = as_text(values)
        return text.where(~whole, values[whole].astype("int64").astype(str)).str.strip()
    return as_text(values).str.strip()


def per_unique(
    series: pd.Series, convert: Callable[[pd.Series], pd.Series], missing: object = "", dtype: str = "object"
) -> pd.Series:
    """Apply a Series -> Series `convert` to the distinct values only, then spread the results back.

    Why: string conversions of a million-row column with few distinct values (ids, timestamps)
    cost a million Python-level operations otherwise. Missing values become `missing`.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    converted = convert(pd.Series(uniques)).to_numpy(dtype=object)
    table = np.append(converted, np.array([missing], dtype=object))  # code -1 (missing) -> last entry
    return pd.Series(table[codes], index=series.index, dtype=dtype)
