"""What an import did: rows read, kept and dropped (with reasons) per output file, plus notes.

Why a report and not log lines: a shop owner importing a messy export needs to see at a glance that
"1,065 duplicate products" or "133k guest purchases" were removed, and tests assert the same numbers.
Invariant per file: `rows_read == rows_kept + sum(dropped.values())`; each dropped row is counted once,
under the first rule that removed it (rules run in the order they are listed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

Table = TypeVar("Table", pd.DataFrame, pd.Series)


@dataclass
class FileReport:
    """Counts for one output file (e.g. `products.csv`).

    Attributes:
        rows_read: source rows considered for this file (for aggregated outputs such as UCI products:
            distinct source keys).
        rows_kept: rows written.
        dropped: reason -> rows removed for that reason.
        cleaned: fix -> rows repaired but kept (e.g. "title rebuilt from description").
    """

    name: str
    rows_read: int = 0
    rows_kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    cleaned: dict[str, int] = field(default_factory=dict)

    def drop(self, frame: Table, mask: pd.Series, reason: str) -> Table:
        """Remove the rows where `mask` is True and count them under `reason`."""
        mask = mask.fillna(False).astype(bool)
        count = int(mask.sum())
        if count:
            self.dropped[reason] = self.dropped.get(reason, 0) + count
        return frame.loc[~mask]

    def fixed(self, count: int | pd.Series, fix: str) -> None:
        """Record `count` rows repaired by `fix` (a boolean Series is summed)."""
        number = int(count.sum()) if isinstance(count, pd.Series) else int(count)
        if number:
            self.cleaned[fix] = self.cleaned.get(fix, 0) + number

    @property
    def rows_dropped(self) -> int:
        return sum(self.dropped.values())


@dataclass
class ImportReport:
    """The outcome of `import_dataset`: one `FileReport` per file written, plus notes."""

    fmt: str
    out_dir: Path
    files: dict[str, FileReport] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    currency: str | None = None  # ISO 4217 code of the prices, when the source says; written to shop.json

    def file(self, name: str) -> FileReport:
        """The report for output `name`, created on first use."""
        if name not in self.files:
            self.files[name] = FileReport(name)
        return self.files[name]

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (written next to the outputs as `import_report.json`)."""
        return {
            "format": self.fmt,
            "out_dir": str(self.out_dir),
            "files": {
                name: {key: value for key, value in vars(report).items() if key != "name"}
                for name, report in self.files.items()
            },
            "notes": list(self.notes),
            "currency": self.currency,
        }

    def summary(self) -> str:
        """A human-readable table: one line per file, its drop reasons and fixes indented below."""
        width = max([len(name) for name in self.files] + [4])
        lines = [
            f"Imported {self.fmt} into {self.out_dir}",
            f"{'file':<{width}}  {'read':>10}  {'kept':>10}  {'dropped':>10}",
        ]
        for name, report in self.files.items():
            counts = f"{report.rows_read:>10,}  {report.rows_kept:>10,}  {report.rows_dropped:>10,}"
            lines.append(f"{name:<{width}}  {counts}")
            lines += [f"    dropped {count:>10,}  {reason}" for reason, count in report.dropped.items()]
            lines += [f"    fixed   {count:>10,}  {fix}" for fix, count in report.cleaned.items()]
        lines += [f"note: {text}" for text in self.notes]
        return "\n".join(lines)
