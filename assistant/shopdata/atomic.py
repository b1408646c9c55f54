"""Crash-safe file writes: readers see the old file or the new one, never half of one.

Every artifact the offline build writes (catalog CSVs, reports, indexes) goes through here, so an
interrupted run cannot leave a truncated file that a later run would load as if it were whole.
The recipe: write to a temporary file in the target's directory (same filesystem, so the final
rename is atomic), fsync it, `os.replace` it over the target, then fsync the directory so the
rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd


def _current_umask() -> int:
    # os.umask can only be read by setting it; done once at import, before any threads write files.
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def fsync_dir(directory: str | Path) -> None:
    """Flush a directory entry (after a rename) to disk; a no-op where the OS does not support it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # e.g. Windows cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `path` atomically.

    Use it for writers that want a file name rather than bytes (e.g. `faiss.write_index`).
    The caller's writer must have closed the file when the block ends; this function fsyncs it.
    On any exception the temporary file is removed and `path` is left untouched.

    Args:
        path: the final destination; its directory must exist.
    """
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync_file(tmp)
        # mkstemp creates 0600 files; give the result the permissions a plain open() would have.
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_UMASK
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the complete new one."""
    with atomic_output(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Text version of `atomic_write_bytes` (UTF-8 unless told otherwise; newlines written as given)."""
    atomic_write_bytes(path, text.encode(encoding))


def write_csv_atomic(frame: pd.DataFrame, path: str | Path, **to_csv_kwargs: object) -> None:
    """Write a DataFrame as CSV (no index, UTF-8, NaN as empty cell) atomically.

    Extra keyword arguments go to `DataFrame.to_csv` (e.g. `float_format`).
    """
    options: dict[str, object] = {"index": False, "na_rep": ""}
    options.update(to_csv_kwargs)
    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        frame.to_csv(handle, **options)
