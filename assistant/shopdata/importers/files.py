"""Reading source files of any common kind, and writing an import's outputs as one set.

Sources arrive as CSV/TSV (optionally gzipped), Parquet, Excel or JSON lines; the importers should
not care which. Outputs are staged in a sibling directory and moved in only once every file is
complete, so a failed import never leaves a half-written or mixed set behind.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from assistant.shopdata.atomic import atomic_write_text, fsync_dir, write_csv_atomic
from assistant.shopdata.importers.report import ImportReport
from assistant.shopdata.load import SETTINGS_FILE
from retrieval.types import DataError

OUTPUT_NAMES = ("products.csv", "ratings.csv", "events.csv")
REPORT_NAME = "import_report.json"


def existing_paths(paths: list[str | Path]) -> list[Path]:
    """The input paths as `Path`s, or a DataError naming the first one that does not exist."""
    if not paths:
        raise DataError("<inputs>", "no input paths given")
    resolved = [Path(p).expanduser() for p in paths]
    for path in resolved:
        if not path.exists():
            raise DataError(str(path), "file or folder not found")
    return resolved


def peek_text(path: Path, size: int = 4096) -> str:
    """The first `size` bytes of a (possibly gzipped) file, decoded leniently, for format sniffing."""
    with open(path, "rb") as handle:
        magic = handle.read(2)
    opener = gzip.open if magic == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as handle:
            return handle.read(size).decode("utf-8", errors="replace")
    except OSError as error:
        raise DataError(str(path), f"cannot read file: {error}") from error


def _plain_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes if s.lower() not in (".gz", ".bz2", ".zip", ".xz")]
    return suffixes[-1] if suffixes else ""


def read_frame(path: Path, strings: bool = True, **csv_options: object) -> pd.DataFrame:
    """Read a table by its file type: .parquet, .xlsx/.xls, .json/.jsonl (lines), else CSV/TSV.

    Args:
        path: the file; `.gz` and other compressions pandas knows are handled.
        strings: read CSV cells as text (keeps ids such as "00123" intact); empty cells become "".
        csv_options: extra `pandas.read_csv` options (e.g. `header=None`, `names=...`).
    """
    suffix = _plain_suffix(path)
    try:
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix in (".xlsx", ".xls"):
            return _read_excel(path)
        if suffix in (".json", ".jsonl", ".ndjson"):
            return pd.read_json(path, lines=True)
        options: dict[str, object] = {"sep": "\t" if suffix in (".tsv", ".tab") else ","}
        if strings:
            options.update(dtype=str, keep_default_na=False)
        options.update(csv_options)
        return pd.read_csv(path, **options)
    except DataError:
        raise
    except (ValueError, OSError, UnicodeDecodeError) as error:
        raise DataError(str(path), f"cannot parse as {suffix or 'CSV'}: {error}") from error


def _read_excel(path: Path) -> pd.DataFrame:
    try:
        return pd.read_excel(path)
    except ImportError as error:
        raise DataError(str(path), f"reading Excel needs the 'openpyxl' package ({error})") from error


def write_outputs(frames: dict[str, pd.DataFrame], out_dir: Path, report: ImportReport) -> None:
    """Write `frames` (name -> table) and `import_report.json` into `out_dir` as one set.

    Files are written to a temporary sibling directory first and moved in only after all of them
    are complete. Outputs of an earlier import that this one does not produce (e.g. an old
    events.csv) are removed, so the folder never mixes two imports.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.importing-"))
    try:
        for name, frame in frames.items():
            write_csv_atomic(frame, staging / name)
        atomic_write_text(staging / REPORT_NAME, json.dumps(report.to_dict(), indent=2) + "\n")
        if report.currency:
            atomic_write_text(staging / SETTINGS_FILE, json.dumps({"currency": report.currency}) + "\n")
        for stale in set(OUTPUT_NAMES) - set(frames):
            (out_dir / stale).unlink(missing_ok=True)
        if not report.currency:
            (out_dir / SETTINGS_FILE).unlink(missing_ok=True)  # an earlier import's currency is not this one's
        else:
            os.replace(staging / SETTINGS_FILE, out_dir / SETTINGS_FILE)
        # Products last: a reader that sees the new products.csv also sees the matching ratings/events.
        for name in sorted(frames, key=lambda n: n == "products.csv"):
            os.replace(staging / name, out_dir / name)
        os.replace(staging / REPORT_NAME, out_dir / REPORT_NAME)
        fsync_dir(out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
