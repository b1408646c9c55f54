"""Top-N ALS on Spark (MLlib, `recsys.spark_als`) against `implicit`'s ALS, and the build that trains it.

Quality, not factors, is compared: the two solve the same objective differently (exact Cholesky vs
conjugate gradient), so both are scored by `recsys.topn_eval` on one split. Tolerance: Spark's
recall@10 and nDCG@10 within 10% (relative) of implicit's on the demo shop. On the demo shop both
ALS rank below popularity (its shoppers mostly follow the best sellers: popular nDCG@10 0.44, implicit
ALS 0.34), so "better than popularity" is checked where there is taste to learn: a log of taste groups
with popular items mixed in. Spark runs embedded (`local[2]`); marked slow: a JVM starts.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from recsys.config import RecsysConfig
from recsys.spark_als import trains_on_spark
from recsys.topn import TopNRecommender, implicit_feedback
from recsys.topn_eval import evaluate_topn

TOLERANCE = 0.10  # relative, Spark vs implicit, recall@10 and nDCG@10


def test_which_builds_train_on_spark():
    spark_als = RecsysConfig(engine="spark", topn_model="als")
    assert trains_on_spark(spark_als, 100)
    assert not trains_on_spark(dataclasses.replace(spark_als, engine="pandas"), 100)
    assert not trains_on_spark(dataclasses.replace(spark_als, topn_model="bpr"), 100)
    ease = dataclasses.replace(spark_als, topn_model="ease", ease_max_items=1000)
    assert not trains_on_spark(ease, 1000) and trains_on_spark(ease, 1001)  # EASE's fallback to ALS


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    from recsys.spark_profiles import spark_session

    session = spark_session("local[2]", "shopassist-tests")
    yield session
    session.stop()


def spark_trainer(spark, cfg: RecsysConfig):
    from recsys.spark_als import fit_als

    return lambda train: fit_als(spark.createDataFrame(train[["user_id", "product_id"]]), cfg, "spark local[2]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from assistant.shopdata.demo import generate_demo_shop
    from assistant.shopdata.load import load_shop

    folder = tmp_path_factory.mktemp("demo")
    generate_demo_shop(folder)  # what `make demo` serves (deterministic)
    return load_shop(folder)


def taste_groups(n_users: int = 400, groups: int = 8, per_group: int = 30, seed: int = 0) -> pd.DataFrame:
    """Each user touches 10 items of their group's 30 and 2 of 20 best sellers (Zipf-like)."""
    rng = np.random.default_rng(seed)
    head = 1.0 / np.arange(1, 21)
    rows = []
    for u in range(n_users):
        group = u % groups
        own = rng.choice(per_group, 10, replace=False) + group * per_group
        popular = rng.choice(20, 2, replace=False, p=head / head.sum())
        rows += [(f"u{u}", f"i{i}") for i in own] + [(f"u{u}", f"top{i}") for i in popular]
    return pd.DataFrame(rows, columns=["user_id", "product_id"]).drop_duplicates()


@pytest.mark.slow
def test_spark_als_matches_implicit_als_on_the_demo_shop(spark, demo):
    cfg = RecsysConfig()
    frame = implicit_feedback(demo.ratings, demo.events, cfg.topn_min_rating)
    result = evaluate_topn(frame, cfg, "user", 10, ("popular", "als"), trainers={"spark": spark_trainer(spark, cfg)})
    rows = {r["model"]: r for r in result["rows"]}
    assert rows["spark"]["params"]["engine"] == "spark local[2]"
    for metric in ("recall", "ndcg"):
        assert abs(rows["spark"][metric] - rows["als"][metric]) <= TOLERANCE * rows["als"][metric], metric
        # far from chance: a random top 10 of ~2,400 products would find almost nothing
        assert rows["spark"][metric] > 0.5 * rows["popular"][metric], metric


@pytest.mark.slow
def test_spark_als_beats_popularity_where_there_is_taste(spark):
    cfg = dataclasses.replace(RecsysConfig(), als_factors=8)  # one factor per taste group
    result = evaluate_topn(taste_groups(), cfg, "user", 10, ("popular", "als"),
                           trainers={"spark": spark_trainer(spark, cfg)})
    rows = {r["model"]: r for r in result["rows"]}
    assert rows["spark"]["ndcg"] > 1.5 * rows["popular"]["ndcg"]
    assert rows["spark"]["recall"] > 1.5 * rows["popular"]["recall"]
    assert abs(rows["spark"]["ndcg"] - rows["als"]["ndcg"]) <= TOLERANCE * rows["als"]["ndcg"]


@pytest.mark.slow
def test_parquet_logs_to_a_saved_model_that_loads(spark, demo, tmp_path):
    from recsys.spark_als import train_topn
    from recsys.spark_profiles import write_log

    cfg = RecsysConfig(topn_model="als")
    write_log(demo.events, tmp_path / "events.parquet")
    write_log(demo.ratings, tmp_path / "ratings.parquet")
    model = train_topn(spark, tmp_path / "events.parquet", cfg, tmp_path / "ratings.parquet")
    pairs = implicit_feedback(demo.ratings, demo.events, cfg.topn_min_rating)
    # the same users, products and history as the pandas path's implicit feedback
    assert set(model.users.ids) == set(pairs["user_id"]) and set(model.items.ids) == set(pairs["product_id"])
    assert model.history.nnz == len(pairs)
    assert model.user_factors.shape == (len(model.users), cfg.als_factors)
    model.save(tmp_path)
    loaded = TopNRecommender.load(tmp_path)
    user = str(pairs["user_id"].iloc[0])
    picks = loaded.recommend(user, 10)
    assert picks == model.recommend(user, 10) and len(picks) == 10
    seen = set(pairs.loc[pairs["user_id"] == user, "product_id"])
    assert not seen & {pid for pid, _ in picks}


@pytest.mark.slow
def test_build_with_the_spark_engine_trains_als_on_spark_and_serves_it(spark, tiny_shop, tmp_path):
    from assistant.engine import Engine
    from assistant.shopdata.artifacts import read_manifest
    from retrieval.types import Filters
    from ui.cli.main import main

    toml = tmp_path / "als.toml"
    toml.write_text('[recsys]\ntopn_model = "als"\nals_factors = 8\n')
    out = tmp_path / "art"
    assert main(["--preset", "tiny", "--config", str(toml), "build", "--data", str(tiny_shop), "--out", str(out),
                 "--engine", "spark", "--spark-master", "local[2]"]) == 0
    topn = read_manifest(out).stats["topn"]
    assert topn["model"] == "als" and topn["params"]["engine"] == "spark local[2]"
    engine = Engine.load(out)
    model = engine.profiles.topn
    assert model.params["engine"] == "spark local[2]" and model.user_factors.shape[1] == 8
    user = str(model.users.ids[0])
    ids = engine.index.catalog["product_id"].astype(str).tolist()
    hits = [h.product.product_id for h in engine.recommend_hits(user, Filters(), 3)]
    assert hits and hits == [pid for pid, _ in model.recommend(user, 3, ids)]  # served from the Spark model


@pytest.mark.slow
def test_an_empty_log_is_a_clear_error(spark):
    from pyspark.sql.types import StringType, StructField, StructType

    from recsys.spark_als import fit_als

    empty = spark.createDataFrame([], StructType([StructField("user_id", StringType()),
                                                  StructField("product_id", StringType())]))
    with pytest.raises(ValueError, match="no \\(user_id, product_id\\) pairs"):
        fit_als(empty, RecsysConfig())
