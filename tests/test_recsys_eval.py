"""Evaluation code and the eval / segments CLI, on small synthetic data (fast)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from assistant.shopdata.rating_sources import read_ratings_source
from recsys.cf_eval import evaluate_rating_models
from recsys.config import RecsysConfig
from recsys.tuning import TuningResult, parse_svd_grid, tune_svd
from tests.test_recsys import checkerboard
from ui.cli.main import main

FAST = RecsysConfig(svd_factors=4, svd_epochs=30, svd_lr=0.02, svd_reg=0.02, svd_tune_min_ratings=50,
                    svd_grid="n_factors=2,4; n_epochs=10,30", svd_tune_folds=2)


def noisy_checkerboard(n: int = 30, keep: float = 0.6) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    ratings = checkerboard(n, n).sample(frac=keep, random_state=0)
    ratings["rating"] = np.clip(ratings["rating"] + rng.normal(0, 0.5, len(ratings)), 1, 5)
    return ratings.reset_index(drop=True)


def test_parse_svd_grid():
    assert parse_svd_grid("n_factors=20,50; reg_all=0.1") == {"n_factors": [20, 50], "reg_all": [0.1]}
    with pytest.raises(ValueError, match="name=v1"):
        parse_svd_grid("n_factors")
    with pytest.raises(ValueError, match="numbers"):
        parse_svd_grid("reg_all=a")


def test_grid_search_picks_from_grid_and_applies_to_config():
    result = tune_svd(noisy_checkerboard(), FAST, "grid")
    assert result.candidates == 4 and result.params["n_factors"] in (2, 4) and result.rmse < 1.5
    cfg = result.apply(FAST)
    assert cfg.svd_factors == result.params["n_factors"] and cfg.svd_epochs == result.params["n_epochs"]
    random = tune_svd(noisy_checkerboard(), FAST, "random")
    assert random.method == "random" and random.candidates == 4  # n_iter capped at the grid size


def test_tuning_skips_tiny_data_with_a_recorded_reason():
    result = tune_svd(checkerboard(3, 3), FAST)
    assert result.method == "none" and "svd_tune_min_ratings" in result.note
    assert result.params["n_factors"] == FAST.svd_factors
    assert isinstance(tune_svd(noisy_checkerboard(), FAST, "none"), TuningResult)
    with pytest.raises(ValueError, match="unknown svd_tune"):
        tune_svd(noisy_checkerboard(), FAST, "bayes")


def test_rating_evaluation_reports_every_model_and_nested_tuning():
    report = evaluate_rating_models(noisy_checkerboard(), FAST, folds=2,
                                    models=("baseline", "svd", "svd-tuned", "knn-baseline", "blend"))
    rows = {r["model"]: r for r in report["rows"]}
    assert list(rows) == ["baseline", "svd", "svd-tuned", "knn-baseline", "blend"]
    assert rows["svd"]["cv_rmse"] < rows["baseline"]["cv_rmse"]
    assert len(report["tuning"]) == 3  # one search per training split: 2 folds + the holdout
    assert report["blend_of"] == ["knn-baseline", "svd-tuned"]
    with pytest.raises(ValueError, match="unknown model"):
        evaluate_rating_models(noisy_checkerboard(), FAST, 2, models=("magic",))


def test_read_ratings_formats(tmp_path):
    (tmp_path / "u.data").write_text("1\t10\t4\t100\n1\t10\t2\t200\n2\t11\t5\t50\n")
    ml = read_ratings_source(tmp_path, "movielens")
    assert ml.to_dict("list") == {"user_id": ["2", "1"], "product_id": ["11", "10"], "rating": [5.0, 2.0],
                                  "timestamp": [50.0, 200.0]}  # the later rating of a repeated pair wins
    (tmp_path / "amz.csv").write_text("B01,A9,5.0,1005177600\n")
    assert read_ratings_source(tmp_path / "amz.csv", "amazon2018").iloc[0]["user_id"] == "A9"
    with pytest.raises(ValueError, match="unknown ratings format"):
        read_ratings_source(tmp_path, "netflix")


def test_cli_eval_cf_prints_rmse_and_mae(tmp_path, capsys):
    path = tmp_path / "ratings.csv"
    noisy_checkerboard().to_csv(path, index=False)
    assert main(["--preset", "tiny", "eval", "cf", "--ratings", str(path), "--folds", "2",
                 "--models", "baseline,svd"]) == 0
    out = capsys.readouterr().out
    assert "cv_rmse" in out and "cv_mae" in out and "baseline" in out and "svd" in out


def test_cli_eval_topn_json(tmp_path, capsys):
    from tests.test_recsys_topn import blocks

    path = tmp_path / "u.data"
    frame = blocks(48).assign(rating=4, timestamp=1)
    frame[["user_id", "product_id", "rating", "timestamp"]].to_csv(path, sep="\t", header=False, index=False)
    assert main(["eval", "topn", "--ratings", str(path), "--format", "movielens", "--models", "popular,ease",
                 "--k", "3", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [r["model"] for r in report["rows"]] == ["popular", "ease"]
    assert report["rows"][1]["ndcg"] > report["rows"][0]["ndcg"]


def test_cli_eval_topn_on_shop_time_split(tiny_shop, capsys):
    assert main(["--preset", "tiny", "eval", "topn", "--data", str(tiny_shop), "--split", "user",
                 "--models", "popular,svd,ease", "--k", "5"]) == 0
    out = capsys.readouterr().out
    assert "ndcg@5" in out and "svd" in out


def test_cli_segments(tiny_shop, tiny_artifacts, capsys):
    assert main(["--preset", "tiny", "segments", "--data", str(tiny_shop), "--json", "--clusters", "2"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sum(s["users"] for s in report["segments"]) == report["users"] == 12
    assert len(report["clusters"]) == 2 and report["selected_features"]
    assert main(["--preset", "tiny", "segments", "--artifacts", str(tiny_artifacts)]) == 0
    assert "browsers" in capsys.readouterr().out  # rated but never bought


def test_cli_eval_bias_diversity_knob_moves_numbers(tiny_artifacts, capsys):
    assert main(["--preset", "tiny", "eval", "bias", "--artifacts", str(tiny_artifacts), "--k", "5",
                 "--lambdas", "1.0,0.3", "--penalties", "0,1", "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    strict, diverse = runs["lambda=1,penalty=0"], runs["lambda=0.3,penalty=0"]
    assert diverse["diversity"] > strict["diversity"]
    assert {"head_exposure_share", "amplification"} <= set(strict["popularity"])
    penalised = runs["lambda=1,penalty=1"]["popularity"]
    assert penalised["head_exposure_share"] <= strict["popularity"]["head_exposure_share"]
