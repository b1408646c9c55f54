"""Shared helpers of the retrieval benchmarks: tables, latency percentiles, result files.

Why latencies are also reported as ratios: the machine is shared, so absolute milliseconds move
from run to run; a ratio against a baseline measured in the same run (exact search, unfiltered
search) is what carries from one run to the next.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SHARED_DATA = ROOT.parent / "shared" / "data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def markdown(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A markdown table; floats printed with 3 significant decimals."""
    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
        return str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def latencies_ms(call: Callable[[int], object], count: int, warmup: int = 5) -> np.ndarray:
    """Wall time of `call(i)` for i in range(count), in ms, after `warmup` untimed calls."""
    for i in range(min(warmup, count)):
        call(i)
    out = np.empty(count)
    for i in range(count):
        started = time.perf_counter()
        call(i)
        out[i] = (time.perf_counter() - started) * 1e3
    return out


def p50(values: np.ndarray) -> float:
    return float(np.percentile(values, 50))


def p95(values: np.ndarray) -> float:
    return float(np.percentile(values, 95))


def recall_at(got: Sequence[Sequence[int]], truth: Sequence[Sequence[int]], k: int = 10) -> float:
    """Mean |got ∩ truth| / min(k, |truth|) per query (truth: the exact top-k ids)."""
    scores = [len(set(g[:k]) & set(t[:k])) / max(1, min(k, len(t))) for g, t in zip(got, truth, strict=True)]
    return float(np.mean(scores))


def peak_rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def write_json(path: str | Path, payload: object) -> None:
    """A benchmark's --json output (its folder made if missing)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(payload, indent=2), encoding="utf-8")


def save_result(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, default=float))
    return path
