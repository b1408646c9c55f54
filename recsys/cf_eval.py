"""Rating-prediction evaluation: k-fold cross-validation and a train/test split, several models.

Every model sees the same folds, so differences are not split luck. "svd-tuned" searches its
hyperparameters inside each training fold (nested CV): the test fold never influences the choice.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from recsys.cf import make_svd, to_surprise_dataset
from recsys.config import RecsysConfig
from recsys.metrics import mae, rmse
from recsys.tuning import Counting, TuningResult, no_counting, tune_svd
from retrieval.types import UsageError

MODELS = ("baseline", "svd-default", "svd", "svd-tuned", "knn-baseline", "svdpp", "blend")
DEFAULT_MODELS = ("baseline", "svd-default", "svd", "knn-baseline", "blend")


def _factories(cfg: RecsysConfig, tuning_log: list[TuningResult], counting: Counting) -> dict[str, Callable]:
    """Model name -> (trainset -> unfitted surprise algorithm)."""
    import surprise

    knn_options = {"name": "pearson_baseline", "user_based": False}
    return {
        "baseline": lambda _train: surprise.BaselineOnly(verbose=False),
        "svd-default": lambda _train: surprise.SVD(random_state=cfg.seed),
        "svd": lambda _train: make_svd(cfg),
        "svd-tuned": lambda train: make_svd(_tune_on(train, cfg, tuning_log, counting).apply(cfg)),
        "knn-baseline": lambda _train: surprise.KNNBaseline(k=40, sim_options=knn_options, verbose=False),
        "svdpp": lambda _train: surprise.SVDpp(random_state=cfg.seed, cache_ratings=True),
    }


def _tune_on(trainset, cfg: RecsysConfig, tuning_log: list[TuningResult], counting: Counting) -> TuningResult:
    """Tune on a surprise Trainset (its raw ratings only), logging the result for the report."""
    frame = pd.DataFrame(trainset.build_testset(), columns=["user_id", "product_id", "rating"])
    result = tune_svd(frame, cfg, cfg.svd_tune if cfg.svd_tune != "none" else "grid", counting)
    tuning_log.append(result)
    return result


def _run_split(trainset, testset, names: list[str], factories: dict) -> tuple[dict, dict, np.ndarray]:
    """Fit each model on trainset; returns ({name: estimates}, {name: fit seconds}, truth)."""
    truth = np.array([r for (_, _, r) in testset], dtype=np.float64)
    estimates, seconds = {}, {}
    for name in names:
        started = time.perf_counter()
        algo = factories[name](trainset)
        algo.fit(trainset)
        seconds[name] = time.perf_counter() - started
        estimates[name] = np.array([p.est for p in algo.test(testset)], dtype=np.float64)
    return estimates, seconds, truth


def _with_blend(names: list[str]) -> tuple[list[str], str | None]:
    """Models to fit (blend parts added if needed) and the SVD variant the blend uses."""
    fit = [n for n in names if n != "blend"]
    if "blend" not in names:
        return fit, None
    svd_part = "svd-tuned" if "svd-tuned" in names else "svd"
    fit += [p for p in ("knn-baseline", svd_part) if p not in fit]
    return fit, svd_part


def evaluate_rating_models(ratings: pd.DataFrame, cfg: RecsysConfig, folds: int = 5,
                           test_size: float = 0.2, models: tuple[str, ...] = DEFAULT_MODELS,
                           counting: Counting = no_counting) -> dict:
    """k-fold CV and one holdout split for each model.

    Returns:
        {"rows": [{"model", "cv_rmse", "cv_rmse_std", "cv_mae", "holdout_rmse", "holdout_mae",
        "fit_seconds", "cv_rmse_folds"}], "tuning": [per-fold TuningResult.summary()], "ratings", "folds"};
        `cv_rmse_folds` is each fold's RMSE (the spread `cv_rmse_std` summarises).
    """
    from surprise.model_selection import KFold, train_test_split

    unknown = set(models) - set(MODELS)
    if unknown:
        raise UsageError(f"unknown model(s) {', '.join(sorted(unknown))} (known: {', '.join(MODELS)})")
    names, svd_part = _with_blend(list(models))
    tuning_log: list[TuningResult] = []
    factories = _factories(cfg, tuning_log, counting)
    data = to_surprise_dataset(ratings, (cfg.rating_min, cfg.rating_max))
    cv: dict[str, list] = {n: [] for n in names + (["blend"] if svd_part else [])}
    fit_times: dict[str, list] = {n: [] for n in cv}
    for trainset, testset in KFold(n_splits=folds, random_state=cfg.seed, shuffle=True).split(data):
        est, sec, truth = _run_split(trainset, testset, names, factories)
        _add_blend(est, sec, svd_part)
        for name in cv:
            cv[name].append((rmse(truth, est[name]), mae(truth, est[name])))
            fit_times[name].append(sec[name])
    train, test = train_test_split(data, test_size=test_size, random_state=cfg.seed)
    est, _, truth = _run_split(train, test, names, factories)
    _add_blend(est, {}, svd_part)
    rows = [{"model": name, "cv_rmse": float(np.mean([r for r, _ in cv[name]])),
             "cv_rmse_std": float(np.std([r for r, _ in cv[name]])),
             "cv_mae": float(np.mean([m for _, m in cv[name]])),
             "holdout_rmse": rmse(truth, est[name]), "holdout_mae": mae(truth, est[name]),
             "fit_seconds": float(np.mean(fit_times[name])),
             "cv_rmse_folds": [float(r) for r, _ in cv[name]]} for name in models if name in cv]
    return {"rows": rows, "tuning": [t.summary() for t in tuning_log], "ratings": len(ratings),
            "folds": folds, "blend_of": ["knn-baseline", svd_part] if svd_part else []}


def _add_blend(estimates: dict, seconds: dict, svd_part: str | None) -> None:
    if svd_part is None:
        return
    estimates["blend"] = (estimates["knn-baseline"] + estimates[svd_part]) / 2.0
    if seconds:
        seconds["blend"] = seconds["knn-baseline"] + seconds[svd_part]
