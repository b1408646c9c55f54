"""Generic product tables (CSV/TSV/Parquet/Excel) with a column mapping, and presets for known exports.

`mapping` says which source column feeds each shopassist column (`{"title": "product_name"}`).
Source columns that are not mapped are kept as free attributes (searchable, shown in details),
except spreadsheet artifacts (`Unnamed: 9`, blank headers) which carry no meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assistant.shopdata.importers.clean import parse_bool
from assistant.shopdata.importers.files import read_frame
from assistant.shopdata.importers.report import ImportReport
from assistant.shopdata.importers.tables import PRODUCT_COLUMNS, finish_products
from retrieval.types import DataError

_ARTIFACT = re.compile(r"^(Unnamed: \d+(_level_\d+)?(\.\d+)?|\s*)$")


@dataclass(frozen=True)
class Preset:
    """A built-in mapping for a known export.

    Attributes:
        mapping: shopassist column -> source column.
        inverted: shopassist boolean columns fed by a negated source flag (in_stock <- out_of_stock).
        notes: facts a user should know about the source (caveats).
        currency: ISO 4217 code of the source's prices.
    """

    mapping: dict[str, str]
    inverted: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()
    currency: str | None = None


PRESETS = {
    "bigbasket": Preset(
        mapping={"product_id": "index", "title": "product", "price": "sale_price", "brand": "brand",
                 "category": "category", "rating": "rating"},
        notes=("BigBasket prices are in INR (sale_price); market_price (list price) kept as an attribute",),
        currency="INR",
    ),
    "sephora": Preset(
        mapping={"product_id": "product_id", "title": "product_name", "price": "price_usd",
                 "brand": "brand_name", "category": "primary_category", "rating": "rating",
                 "review_count": "reviews", "in_stock": "out_of_stock"},
        inverted=frozenset({"in_stock"}),
        notes=("Sephora prices are in USD",),
        currency="USD",
    ),
}


def import_table(paths: list[Path], report: ImportReport, mapping: dict[str, str] | None,
                 preset: Preset | None = None) -> dict[str, pd.DataFrame]:
    """Import a product table; `preset` (bigbasket, sephora) supplies a mapping `mapping` may override."""
    full_mapping = {**(preset.mapping if preset else {}), **(mapping or {})}
    if not full_mapping:
        example = '{"product_id": "sku", "title": "name", "price": "price"}'
        raise DataError(str(paths[0]), f"csv import needs a mapping (shopassist column -> source column), "
                        f"e.g. {example}; shopassist columns: {', '.join(PRODUCT_COLUMNS)}")
    raw = pd.concat([read_frame(path) for path in paths], ignore_index=True)
    raw = _drop_artifacts(raw, report)
    _check_mapping(full_mapping, raw, paths[0])
    product_report = report.file("products.csv")
    product_report.rows_read = len(raw)
    frame = _apply_mapping(raw, full_mapping, preset.inverted if preset else frozenset())
    if "price" not in full_mapping:
        report.note("no price column mapped: price left empty")
    for text in preset.notes if preset else ():
        report.note(text)
    if preset and preset.currency:
        report.currency = preset.currency
    return {"products.csv": finish_products(frame, product_report)}


def _drop_artifacts(raw: pd.DataFrame, report: ImportReport) -> pd.DataFrame:
    artifacts = [c for c in raw.columns if _ARTIFACT.match(str(c))]
    if artifacts:
        report.note(f"dropped spreadsheet artifact columns: {', '.join(map(str, artifacts))}")
    return raw.drop(columns=artifacts)


def _check_mapping(mapping: dict[str, str], raw: pd.DataFrame, path: Path) -> None:
    unknown = sorted(set(mapping) - set(PRODUCT_COLUMNS))
    if unknown:
        raise DataError(str(path), f"mapping names unknown shopassist columns {unknown}; "
                        f"choose from: {', '.join(PRODUCT_COLUMNS)}")
    for ours in ("product_id", "title"):
        if ours not in mapping:
            raise DataError(str(path), f"mapping must say which column is '{ours}'")
    available = [str(c) for c in raw.columns]
    for ours, theirs in mapping.items():
        if theirs not in raw.columns:
            raise DataError(str(path), f"mapping {ours!r} -> {theirs!r}: no such column; "
                            f"available columns: {', '.join(available)}", column=theirs)


def _apply_mapping(raw: pd.DataFrame, mapping: dict[str, str], inverted: frozenset[str]) -> pd.DataFrame:
    frame = pd.DataFrame({ours: raw[theirs] for ours, theirs in mapping.items()}, index=raw.index)
    if "in_stock" in frame:
        in_stock = parse_bool(frame["in_stock"])
        frame["in_stock"] = ~in_stock if "in_stock" in inverted else in_stock
    used = set(mapping.values())
    for column in raw.columns:
        if column in used:
            continue
        # An unmapped source column named like one of ours ("rating") must not pose as ours.
        name = f"source_{column}" if column in PRODUCT_COLUMNS else str(column)
        frame[name] = raw[column]
    return frame
