"""What text a product is embedded and lexically indexed as.

Why one module: the dense encoder, the BM25 index and the benchmarks must agree on the text of a
product, and the choice of fields (identifying fields first, then key attributes, description
last) is the single biggest lever on retrieval quality that is not a model.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from retrieval.catalog import CATALOG_OPTIONAL, CATALOG_REQUIRED

# Free columns whose values are mostly numbers (prices, counts, ids, 0/1 flags) say nothing a
# shopper types; long ones are prose. Neither is a "key attribute".
_MAX_ATTRIBUTE_CHARS = 60
_MAX_NUMERIC_SHARE = 0.5


def product_text(title: str, brand: str, category: str, color: str, description: str,
                 max_chars: int = 600, attributes: Mapping[str, str] | None = None) -> str:
    """The text a product is embedded as: identifying fields first, description last.

    Why this order: MiniLM truncates long inputs, and the title/brand/category carry what
    shoppers type; key attributes (sub-category, type, size) come next; the description only
    adds context, so it is what the `max_chars` cut removes first.
    """
    values = [v for v in (attributes or {}).values() if v and v not in (title, brand, category, color)]
    head = ". ".join(part for part in (title, brand, category, color, *values) if part)
    text = f"{head}. {description}" if description else head
    return text[:max_chars]


def key_attribute_columns(catalog: pd.DataFrame) -> list[str]:
    """Free (non-schema) columns that hold short words, plus `size`.

    Why a heuristic: importers keep every source column as a free attribute (BigBasket's
    `sub_category` and `type`, but also `market_price`); only the textual ones help retrieval.
    """
    known = set(CATALOG_REQUIRED) | set(CATALOG_OPTIONAL)
    chosen = ["size"] if "size" in catalog.columns and (catalog["size"].astype(str) != "").any() else []
    for column in catalog.columns:
        if column in known:
            continue
        text = catalog[column].astype(str).str.strip()
        text = text[text != ""]
        if text.empty:
            continue
        numeric = pd.to_numeric(text, errors="coerce").notna().mean()
        if numeric <= _MAX_NUMERIC_SHARE and text.str.len().median() <= _MAX_ATTRIBUTE_CHARS:
            chosen.append(column)
    return chosen


def catalog_texts(catalog: pd.DataFrame, max_chars: int = 600, description: bool = True) -> list[str]:
    """`product_text` of every row of a validated catalog frame, in row order.

    Args:
        catalog: frame from `validate_catalog`.
        max_chars: truncation of each text.
        description: False for the lexical index (BM25 over names, not prose).
    """
    columns = key_attribute_columns(catalog)
    n = len(catalog)

    def column(name: str) -> list[str]:
        if name not in catalog.columns:
            return [""] * n
        return catalog[name].fillna("").astype(str).str.strip().tolist()

    title, brand, category, color = (column(c) for c in ("title", "brand", "category", "color"))
    prose = column("description") if description else [""] * n
    attrs = [column(c) for c in columns]
    rows = zip(*attrs, strict=True) if attrs else [()] * n
    return [product_text(t, b, c, col, d, max_chars, dict(zip(columns, a, strict=True)))
            for t, b, c, col, d, a in zip(title, brand, category, color, prose, rows, strict=True)]

