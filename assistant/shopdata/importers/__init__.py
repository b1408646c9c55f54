"""Importers: public data sets and shop exports -> shopassist's products/ratings/events CSVs.

One entry point, `import_dataset(fmt, paths, out_dir, mapping)`, so the CLI and the offline build
do not need to know how each source is laid out. Every importer cleans what can be cleaned (HTML in
titles, duplicates, cancellations, guests, unknown products), counts what it removed, and writes
its outputs as one set (see `files.write_outputs`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from assistant.money import check_currency
from assistant.shopdata.importers.amazon import import_amazon
from assistant.shopdata.importers.files import existing_paths, write_outputs
from assistant.shopdata.importers.movielens import import_movielens
from assistant.shopdata.importers.report import FileReport, ImportReport
from assistant.shopdata.importers.tabular import PRESETS, import_table
from assistant.shopdata.importers.uci_retail import import_uci_retail
from retrieval.types import DataError

FORMATS = ("movielens", "amazon2018", "csv", "bigbasket", "sephora", "uci-retail")
_MAPPED_FORMATS = ("csv", "bigbasket", "sephora")
Frames = dict[str, pd.DataFrame]  # output file name -> table
Importer = Callable[[list[Path], ImportReport], Frames]

__all__ = ["FORMATS", "FileReport", "ImportReport", "import_dataset"]


def import_dataset(
    fmt: str,
    paths: list[str | Path],
    out_dir: str | Path,
    mapping: dict[str, str] | None = None,
    currency: str | None = None,
) -> ImportReport:
    """Convert a source data set into products.csv (+ ratings.csv / events.csv) in `out_dir`.

    Args:
        fmt: one of FORMATS. "movielens": the ml-100k folder (or u.item + u.data). "amazon2018":
            meta_*.json(.gz) plus ratings CSV(.gz) or reviews JSON, told apart by content. "csv": a
            product table with `mapping`. "bigbasket"/"sephora": csv with a built-in mapping.
            "uci-retail": Online Retail (II) invoice files (parquet, csv or xlsx).
        paths: input files or folders.
        out_dir: created if needed; earlier outputs there are replaced as a set.
        mapping: shopassist column -> source column (e.g. {"title": "product_name"}); required for
            "csv", optional overrides for the presets, not accepted by the other formats.
        currency: ISO 4217 code of the prices ("EUR"), written to `shop.json`; overrides what the
            format implies (BigBasket INR, UCI GBP, Amazon and Sephora USD).

    Returns:
        Per output file: rows read, kept and dropped by reason, plus notes; also written to
        `out_dir/import_report.json`.

    Raises:
        DataError: unknown format, missing path, missing or wrong mapping, unreadable source.
    """
    if fmt not in FORMATS:
        raise DataError(fmt, f"unknown import format; choose one of: {', '.join(FORMATS)}")
    if mapping and fmt not in _MAPPED_FORMATS:
        raise DataError(fmt, f"a column mapping only applies to the formats {', '.join(_MAPPED_FORMATS)}")
    sources = existing_paths(paths)
    target = Path(out_dir).expanduser()
    if target.exists() and not target.is_dir():
        raise DataError(str(target), "output path exists and is not a folder")
    report = ImportReport(fmt=fmt, out_dir=target)
    code = check_currency(currency, "--currency") if currency else None
    frames = _non_empty(_importer(fmt, mapping)(sources, report), report, sources[0])
    if code:
        report.currency = code
    write_outputs(frames, target, report)
    return report


def _non_empty(frames: Frames, report: ImportReport, source: Path) -> Frames:
    """Refuse an import with no products; leave out (with a note) ratings/events files with no rows.

    Why: the loaders reject header-only files, and an empty set would only fail later, less clearly.
    """
    if frames["products.csv"].empty:
        reasons = report.files["products.csv"].dropped
        why = "; ".join(f"{count:,} {reason}" for reason, count in reasons.items()) or "no rows"
        raise DataError(str(source), f"no usable products after cleaning ({why})")
    for name in [n for n, frame in frames.items() if frame.empty]:
        report.note(f"no usable rows for {name}: not written")
        del frames[name]
    return frames


def _importer(fmt: str, mapping: dict[str, str] | None) -> Importer:
    if fmt == "movielens":
        return import_movielens
    if fmt == "amazon2018":
        return import_amazon
    if fmt == "uci-retail":
        return import_uci_retail
    preset = PRESETS.get(fmt)
    return lambda sources, report: import_table(sources, report, mapping, preset)
