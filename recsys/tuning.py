"""SVD hyperparameter search with scikit-surprise (GridSearchCV / RandomizedSearchCV).

The search runs on whatever ratings it is given; evaluation code passes only training folds, so
the reported test error never saw the data the parameters were chosen on (nested CV).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

import pandas as pd

from recsys.config import RecsysConfig
from retrieval.types import UsageError

# How a caller shows progress (recsys draws nothing itself): counting(what, total or None) is a context
# that yields tick(n); `assistant.progress_bar.counting` draws it as a bar.
Counting = Callable[[str, int | None], AbstractContextManager[Callable[[int], None]]]


def no_counting(_what: str, _total: int | None) -> AbstractContextManager[Callable[[int], None]]:
    return contextlib.nullcontext(lambda _n: None)


# surprise.SVD argument -> RecsysConfig field, for the parameters the config carries.
_CONFIG_FIELDS = {"n_factors": "svd_factors", "n_epochs": "svd_epochs", "lr_all": "svd_lr", "reg_all": "svd_reg"}
_INTEGER_PARAMS = {"n_factors", "n_epochs"}


def parse_svd_grid(text: str) -> dict[str, list]:
    """"n_factors=20,50; reg_all=0.1" -> {"n_factors": [20, 50], "reg_all": [0.1]}.

    Raises:
        ValueError: a part without "=", or a value that is not a number.
    """
    grid: dict[str, list] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, sep, values = part.partition("=")
        if not sep:
            raise UsageError(f"svd_grid part '{part}' is not name=v1,v2")
        name = name.strip()
        cast = int if name in _INTEGER_PARAMS else float
        try:
            grid[name] = [cast(v) for v in values.split(",") if v.strip()]
        except ValueError as exc:
            raise UsageError(f"svd_grid values for '{name}' must be numbers: {values!r}") from exc
    return grid


@dataclass(frozen=True)
class TuningResult:
    """What the search chose and how it scored (mean over its inner folds)."""

    method: str
    params: dict
    rmse: float | None = None
    mae: float | None = None
    candidates: int = 0
    seconds: float = 0.0
    note: str = ""
    table: list[dict] = field(default_factory=list)

    def apply(self, cfg: RecsysConfig) -> RecsysConfig:
        """The config with the chosen SVD parameters (those the config has fields for)."""
        changes = {_CONFIG_FIELDS[k]: v for k, v in self.params.items() if k in _CONFIG_FIELDS}
        return dataclasses.replace(cfg, **changes)

    def summary(self) -> dict:
        """JSON-ready record for the manifest stats and the eval report."""
        return {"method": self.method, "params": self.params, "cv_rmse": self.rmse, "cv_mae": self.mae,
                "candidates": self.candidates, "seconds": self.seconds, "note": self.note}


def config_params(cfg: RecsysConfig) -> dict:
    return {"n_factors": cfg.svd_factors, "n_epochs": cfg.svd_epochs, "lr_all": cfg.svd_lr, "reg_all": cfg.svd_reg}


def tune_svd(ratings: pd.DataFrame, cfg: RecsysConfig, method: str | None = None,
             counting: Counting = no_counting) -> TuningResult:
    """Search SVD hyperparameters by k-fold CV RMSE on `ratings`.

    Args:
        ratings: user_id, product_id, rating.
        cfg: grid (svd_grid), folds (svd_tune_folds), candidates for "random", n_jobs, seed.
        method: "grid", "random" or "none"; default cfg.svd_tune.
        counting: progress of the search's model fits (candidates x folds).

    Returns:
        The chosen parameters; with "none", or too few ratings to cross-validate, the config's
        own parameters and a note saying why no search ran (recorded, not raised).
    """
    method = method or cfg.svd_tune
    if method == "none":
        return TuningResult("none", config_params(cfg), note="tuning off (svd_tune = 'none')")
    if method not in ("grid", "random"):
        raise ValueError(f"unknown svd_tune '{method}' (known: none, grid, random)")
    if len(ratings) < cfg.svd_tune_min_ratings:
        return TuningResult("none", config_params(cfg),
                            note=f"{len(ratings)} ratings < svd_tune_min_ratings={cfg.svd_tune_min_ratings}")
    note = ""
    if len(ratings) > cfg.svd_tune_max_ratings:
        ratings = ratings.sample(cfg.svd_tune_max_ratings, random_state=cfg.seed)
        note = f"searched on a sample of {cfg.svd_tune_max_ratings} ratings (svd_tune_max_ratings)"
    return _search(ratings, cfg, method, note, counting)


def _search(ratings: pd.DataFrame, cfg: RecsysConfig, method: str, note: str, counting: Counting) -> TuningResult:
    from surprise import SVD
    from surprise.model_selection import GridSearchCV, KFold, RandomizedSearchCV

    from recsys.cf import to_surprise_dataset

    grid = {**{k: [v] for k, v in config_params(cfg).items()}, **parse_svd_grid(cfg.svd_grid)}
    grid["random_state"] = [cfg.seed]
    folds = KFold(n_splits=cfg.svd_tune_folds, random_state=cfg.seed, shuffle=True)
    common = {"measures": ["rmse", "mae"], "cv": folds, "refit": False, "n_jobs": cfg.n_jobs}
    size = math.prod(len(v) for v in grid.values())
    candidates = size if method == "grid" else min(cfg.svd_tune_candidates, size)
    started = time.perf_counter()
    with _counted_fits(SVD, candidates * cfg.svd_tune_folds, cfg.n_jobs,
                       f"SVD {method} search: {candidates} candidates x {cfg.svd_tune_folds} folds", counting) as algo:
        search = GridSearchCV(algo, grid, **common) if method == "grid" else RandomizedSearchCV(
            algo, grid, n_iter=candidates, random_state=cfg.seed, **common)
        search.fit(to_surprise_dataset(ratings, (cfg.rating_min, cfg.rating_max)))
    best = {k: v for k, v in search.best_params["rmse"].items() if k != "random_state"}
    table = [{"params": {k: v for k, v in p.items() if k != "random_state"}, "rmse": round(float(r), 4)}
             for p, r in zip(search.cv_results["params"], search.cv_results["mean_test_rmse"], strict=True)]
    best_row = int(search.cv_results["rank_test_rmse"].argmin())
    return TuningResult(method, best, rmse=round(float(search.best_score["rmse"]), 4),
                        mae=round(float(search.cv_results["mean_test_mae"][best_row]), 4),
                        candidates=len(table), seconds=round(time.perf_counter() - started, 2), note=note,
                        table=table)



@contextlib.contextmanager
def _counted_fits(algo_class: type, fits: int, n_jobs: int, desc: str, counting: Counting) -> Iterator[type]:
    """The SVD class for the search, ticking the caller's `counting` once per model fit.

    Why a subclass: surprise's searches have no callback, and each fit is one candidate on one fold.
    With n_jobs != 1 the fits run in worker processes, so the count has no total (time only).
    """
    if n_jobs != 1:
        with counting(desc, None):
            yield algo_class
        return
    with counting(desc, fits) as tick:
        class Counted(algo_class):  # type: ignore[misc, valid-type]
            def fit(self, trainset):
                fitted = super().fit(trainset)
                tick(1)
                return fitted

        yield Counted
