"""Self-contained HTML reports with charts, for `eval cf|topn|bias --report`, `train-lm --report`
and `bench/lm_latency.py --report`.

One file, nothing fetched: each chart is a PNG embedded as a base64 `data:` URI, the page's CSS is
inline and there is no script, so the report opens offline in any browser and can be mailed or
attached to a ticket. Each chart sits above a table of the numbers it draws, so a reader (or a
test, or a screen reader) has the figures without reading them off the picture.

Why matplotlib and not plotly: a static PNG needs no JavaScript; a plotly page either loads
plotly.js from a CDN (not offline) or inlines ~3.5 MB of it per report. matplotlib is imported only
when a chart is drawn (never by serving), and drawn on the Agg canvas (no display, no GUI toolkit,
no global pyplot state).

A chart that fails to draw (matplotlib missing, odd numbers) becomes a one-line note above its
table: the report is still written, and the command's own output was printed before it.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.shopdata.atomic import atomic_write_text
from retrieval.types import UsageError

Draw = Callable[[Any], None]  # draws on a matplotlib Figure


@dataclass
class Section:
    title: str
    draw: Draw | None
    columns: list[str]
    rows: list[dict]
    note: str = ""
    size: tuple[float, float] = (7.0, 4.0)
    image: str = ""      # base64 PNG once rendered
    error: str = ""      # why the chart was not drawn


@dataclass
class Report:
    """A titled page of sections, each a chart and the table of its numbers."""

    title: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)

    def add(self, title: str, draw: Draw | None, columns: list[str], rows: list[dict], note: str = "",
            size: tuple[float, float] = (7.0, 4.0)) -> Section:
        section = Section(title, draw, columns, rows, note, size)
        self.sections.append(section)
        return section

    def render(self) -> str:
        """The HTML page; draws each chart (a failing one is noted, not raised)."""
        for section in self.sections:
            if section.draw is not None and not section.image and not section.error:
                try:
                    section.image = png_of(section.draw, section.size)
                except Exception as exc:  # noqa: BLE001 - any drawing failure: keep the numbers, say why
                    section.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        return _page(self)

    def write(self, path: str | Path) -> list[str]:
        """Write the page to `path` (atomically); returns the titles of charts that failed to draw."""
        atomic_write_text(Path(path), self.render())
        return [s.title for s in self.sections if s.error]


def check_target(path: str | Path | None) -> None:
    """Fail before a long run, not after it: the report's folder must exist."""
    if path is None:
        return
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"--report {path}: is a folder; give a file name such as report.html")
    if not target.resolve().parent.is_dir():
        raise UsageError(f"--report {path}: folder {target.resolve().parent} does not exist")


def write_report(report: Report, path: str | Path, warn: Callable[[str], None]) -> None:
    """Write the report and tell `warn` where it is and which charts (if any) failed to draw."""
    failed = report.write(path)
    if failed:
        warn(f"report {path}: {len(failed)} chart(s) not drawn ({', '.join(failed)}); their numbers are there")
    else:
        warn(f"report: {path}")


def png_of(draw: Draw, size: tuple[float, float] = (7.0, 4.0), dpi: int = 100) -> str:
    """Base64 PNG of what `draw(figure)` puts on a new figure, rendered on the Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    draw(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return base64.b64encode(buffer.getvalue()).decode("ascii")


# ---- chart kinds shared by the commands -------------------------------------------------------------

def spread(labels: Sequence[str], values: Sequence[float], errors: Sequence[float] | None = None,
           points: Sequence[Sequence[float]] | None = None, markers: Sequence[float] | None = None,
           ylabel: str = "", marker_label: str = "") -> Draw:
    """A mean per label with error bars, the individual values (e.g. folds) beside it and one extra
    marker per label (e.g. the holdout). Dots, not bars: a bar from a cut-off axis exaggerates
    differences, and one from zero hides them (RMSE 1.91 vs 1.92)."""
    def draw(figure) -> None:
        ax = figure.subplots()
        x = list(range(len(labels)))
        ax.errorbar(x, values, yerr=errors, fmt="o", markersize=9, capsize=8, color="#2c5d8f",
                    label="mean, error bar 1 sd" if errors else "mean")
        for i, values_i in enumerate(points or []):
            ax.scatter([i + 0.12] * len(values_i), values_i, s=16, color="#8fb3d9", zorder=3,
                       label="per fold" if i == 0 else None)
        if markers:
            ax.scatter([i - 0.12 for i in x], markers, marker="D", s=36, color="#d9822b", zorder=4,
                       label=marker_label or None)
        ax.set_xticks(x, list(labels), rotation=20 if len(labels) > 4 else 0)
        ax.set_xlim(-0.6, len(labels) - 0.4)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", alpha=0.3)
        ax.legend(fontsize="small")
    return draw


def line_panels(x: Sequence[float], panels: dict[str, dict[str, Sequence[float]]], xlabel: str,
                log_x: bool = False, invert_x: bool = False) -> Draw:
    """One panel per metric (`panels[metric][series] = y values over x`), side by side."""
    def draw(figure) -> None:
        axes = figure.subplots(1, len(panels), squeeze=False)[0]
        for ax, (metric, series) in zip(axes, panels.items(), strict=True):
            for name, ys in series.items():
                ax.plot(x, ys, marker="o", label=name)
            ax.set_title(metric)
            ax.set_xlabel(xlabel)
            if log_x:
                ax.set_xscale("log")
                ax.set_xticks(list(x), [f"{v:g}" for v in x])
            if invert_x:
                ax.invert_xaxis()
            ax.grid(alpha=0.3)
        axes[0].legend(fontsize="small")
    return draw


def loss_curve(losses: Sequence[float], val_loss: float | None = None, window: int = 20) -> Draw:
    """Per-step training loss, its moving average, and the validation loss as a line."""
    def draw(figure) -> None:
        ax = figure.subplots()
        steps = list(range(1, len(losses) + 1))
        ax.plot(steps, losses, color="#8fb3d9", linewidth=0.8, label="loss per step")
        smooth = moving_average(losses, window)
        if 1 < window < len(losses):
            ax.plot(steps, smooth, color="#2c5d8f", linewidth=2, label=f"mean of last {window} steps")
        if val_loss is not None and math.isfinite(val_loss):
            ax.axhline(val_loss, color="#d9822b", linestyle="--", label=f"validation loss {val_loss:.3f}")
        ax.set_xlabel("step")
        ax.set_ylabel("cross-entropy (target tokens)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    return draw


def histogram(samples: dict[str, Sequence[float]], xlabel: str, bins: int = 30,
              marks: dict[str, float] | None = None) -> Draw:
    """Overlaid histograms, one per named sample, with optional vertical marks (e.g. p50/p95)."""
    def draw(figure) -> None:
        ax = figure.subplots()
        values = [v for s in samples.values() for v in s]
        edges = _edges(values, bins)
        for name, sample in samples.items():
            ax.hist(sample, bins=edges, alpha=0.55, label=f"{name} ({len(sample)})")
        for label, value in (marks or {}).items():
            ax.axvline(value, linestyle="--", linewidth=1, color="#555555")
            ax.annotate(f" {label} {value:g}", (value, 0.97), xycoords=("data", "axes fraction"), va="top",
                        ha="left", fontsize="small")
        ax.set_xlabel(xlabel)
        ax.set_ylabel("count")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    return draw


def moving_average(values: Sequence[float], window: int) -> list[float]:
    out, total = [], 0.0
    for i, v in enumerate(values):
        total += v
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out


def _edges(values: list[float], bins: int) -> list[float]:
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high <= low:
        high = low + 1.0
    return [low + (high - low) * i / bins for i in range(bins + 1)]


# ---- the pages of the commands ---------------------------------------------------------------------

def cf_page(report: dict) -> Report:
    """`eval cf`: each model's cross-validated RMSE, its spread over the folds, and the holdout RMSE."""
    rows = report["rows"]
    page = Report("Rating error per model (eval cf)",
                  f"{report['ratings']} ratings, {report['folds']}-fold cross-validation and one holdout split")
    folds = max((len(r.get("cv_rmse_folds", [])) for r in rows), default=0)
    table = [{**r, **{f"fold {i + 1}": v for i, v in enumerate(r.get("cv_rmse_folds", []))}} for r in rows]
    page.add("RMSE per model", spread([r["model"] for r in rows], [r["cv_rmse"] for r in rows],
                                    [r["cv_rmse_std"] for r in rows], [r.get("cv_rmse_folds", []) for r in rows],
                                    [r["holdout_rmse"] for r in rows], "RMSE (rating units)", "holdout"),
             ["model", "cv_rmse", "cv_rmse_std", *(f"fold {i + 1}" for i in range(folds)), "holdout_rmse",
              "cv_mae", "holdout_mae"], table,
             "Large dots: mean RMSE over the folds, with one standard deviation over the folds as error bars; "
             "small dots: each fold; diamonds: the holdout split. Lower is better.")
    return page


def topn_page(report: dict) -> Report:
    """`eval topn`: precision, recall, nDCG and coverage at several list lengths, one line per model."""
    rows = [r for r in report["rows"] if r.get("at_k")]
    ks = [point["k"] for point in rows[0]["at_k"]] if rows else []
    page = Report("Top-N ranking quality (eval topn)",
                  f"{report['users']} users, {report['items']} items, split '{report['protocol']}': "
                  f"{report['train']} train / {report['test']} test interactions")
    panels = {f"{label}@k": {r["model"]: [p[metric] for p in r["at_k"]] for r in rows}
              for metric, label in (("precision", "precision"), ("recall", "recall"), ("ndcg", "nDCG"),
                                    ("coverage", "coverage"))}
    table = [{"model": r["model"], **point} for r in rows for point in r["at_k"]]
    page.add("precision, recall, nDCG and coverage at k", line_panels(ks, panels, "k (list length)", log_x=True),
             ["model", "k", "precision", "recall", "ndcg", "coverage"], table,
             "Each model's top-k lists (training items excluded) scored against the test split; coverage is "
             "the share of items shown in at least one list.", size=(12.0, 3.6))
    return page


def bias_page(rows: list[dict], gini_column: str, note: str, exposure: list[dict] | None = None,
              exposure_title: str = "") -> Report:
    """`eval bias`: coverage, Gini, diversity and head exposure as the MMR lambda moves, a line per penalty."""
    page = Report("The diversity knob's effect (eval bias)", note)
    lambdas = sorted({float(r["mmr_lambda"]) for r in rows}, reverse=True)
    penalties = sorted({float(r["pop_penalty"]) for r in rows})
    by = {(float(r["mmr_lambda"]), float(r["pop_penalty"])): r for r in rows}
    panels = {label: {f"popularity penalty {p:g}": [by[(lam, p)][column] for lam in lambdas] for p in penalties}
              for column, label in (("coverage", "catalog coverage"), (gini_column, gini_column.replace("_", " ")),
                                    ("diversity", "diversity"), ("head_exposure", "head exposure share"))}
    page.add("coverage, Gini, diversity and head exposure by MMR lambda",
             line_panels(lambdas, panels, "MMR lambda (1 = relevance only)", invert_x=True),
             ["mmr_lambda", "pop_penalty", "coverage", gini_column, "diversity", "head_exposure",
              "head_interactions"], rows,
             "Moving right lowers lambda (more diversity in each list). Coverage and diversity up and Gini "
             "down mean exposure spread over more of the catalog.", size=(12.0, 3.6))
    if exposure:
        page.add(exposure_title, None, ["label", "items", "exposure_share", "catalog_share", "interaction_share"],
                 exposure)
    return page


def lm_page(meta: dict, model_dir: str | Path, every: int = 0) -> Report:
    """`train-lm`: the fine-tune's loss per step (kept in its metadata) and its summary figures."""
    losses = meta.get("loss_history") or []
    page = Report("Fine-tune (train-lm)", f"{meta.get('base')} fine-tuned as {model_dir}")
    window = max(1, min(20, len(losses) // 5))
    smooth = moving_average(losses, window)
    every = every or max(1, len(losses) // 25)
    mean = f"mean of last {window}"
    table = [{"step": i + 1, "loss": losses[i], mean: smooth[i]}
             for i in range(len(losses)) if i % every == 0 or i == len(losses) - 1]
    shown = "every step" if every == 1 else f"one step in {every} and the last"
    note = (f"Training loss of every step ({len(losses)} steps; the table: {shown}); dashed: the validation "
            "loss after training." if losses else
            "This fine-tune was made before the loss history was kept: train it again (--force) to draw it.")
    page.add("loss curve", loss_curve(losses, meta.get("val_loss"), window) if losses else None,
             ["step", "loss", *([mean] if window > 1 else [])], table, note)
    held = meta.get("heldout") or {}
    summary = [{"figure": name, "value": meta.get(key) if key else value} for name, key, value in (
        ("steps (planned)", None, f"{meta.get('steps')} ({meta.get('planned_steps')})"),
        ("stopped by the time guard", "stopped_early", None), ("training seconds", "train_seconds", None),
        ("train loss (last tenth of steps)", "train_loss", None), ("validation loss", "val_loss", None),
        ("held-out intent accuracy", None, held.get("intent_accuracy")),
        ("held-out slot F1", None, held.get("slot_f1")), ("held-out exact match", None, held.get("exact_match")))]
    page.add("summary", None, ["figure", "value"], summary)
    return page


# ---- the page --------------------------------------------------------------------------------------

_CSS = """body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#222;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
img{max-width:100%;height:auto}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:right}th{background:#f4f4f4}
td:first-child,th:first-child{text-align:left}.note{color:#555}.error{color:#a33}"""


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "nan" if value != value else f"{value:.4f}"
    return html.escape(str(value))


def _table(columns: list[str], rows: list[dict]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(r.get(c, ''))}</td>" for c in columns) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(s: Section) -> str:
    parts = [f"<h2>{html.escape(s.title)}</h2>"]
    if s.note:
        parts.append(f'<p class="note">{html.escape(s.note)}</p>')
    if s.image:
        parts.append(f'<img alt="{html.escape(s.title)}" src="data:image/png;base64,{s.image}">')
    elif s.error:
        parts.append(f'<p class="error">chart not drawn ({html.escape(s.error)}); the numbers:</p>')
    if s.rows:
        parts.append(_table(s.columns, s.rows))
    return "\n".join(parts)


def _page(report: Report) -> str:
    subtitle = f'<p class="note">{html.escape(report.subtitle)}</p>' if report.subtitle else ""
    body = "\n".join(_section(s) for s in report.sections)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(report.title)}</title><style>{_CSS}</style></head>\n"
            f"<body><h1>{html.escape(report.title)}</h1>{subtitle}\n{body}\n</body></html>\n")
