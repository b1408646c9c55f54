"""The Spark engine's profiles equal the pandas path's on the demo shop: RFM, segments and affinities.

Spark runs embedded (`local[2]`); a cluster URL runs the same job. Marked slow: a JVM starts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from recsys.config import RecsysConfig
from recsys.profiles import AFFINITIES_FILE, USERS_FILE, ProfileStore

pytest.importorskip("pyspark")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spark():
    from recsys.spark_profiles import spark_session

    session = spark_session("local[2]", "shopassist-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def both(spark, tmp_path_factory):
    from assistant.shopdata.demo import generate_demo_shop
    from assistant.shopdata.load import load_shop
    from recsys.spark_profiles import build_profiles, write_log

    demo = tmp_path_factory.mktemp("demo")
    generate_demo_shop(demo)  # what `make demo` serves (deterministic)
    shop = load_shop(demo)
    out = tmp_path_factory.mktemp("spark")
    write_log(shop.events, out / "events.parquet")
    write_log(shop.ratings, out / "ratings.parquet")
    cfg = RecsysConfig()
    counts = build_profiles(spark, out / "events.parquet", shop.catalog, cfg, out, ratings_path=out / "ratings.parquet")
    pandas = ProfileStore.build(shop.events, shop.ratings, shop.catalog, cfg)
    return pandas, ProfileStore.load(out), counts, len(shop.events)


def test_users_rfm_and_segments_match_pandas(both):
    pandas, spark, counts, events = both
    assert counts["events"] == events and counts["users"] == len(pandas.users)
    left = pandas.users.set_index("user_id").sort_index()
    right = spark.users.set_index("user_id").sort_index()[left.columns]
    assert list(left.index) == list(right.index)
    for column in left.columns:
        if pd.api.types.is_numeric_dtype(left[column]):
            assert np.allclose(left[column].astype(float), right[column].astype(float), equal_nan=True,
                               rtol=1e-9, atol=1e-6), column
        else:
            assert (left[column].astype(str) == right[column].astype(str)).all(), column
    assert set(left["segment"]) > {"browsers"}  # segments were assigned, not left empty


def test_affinities_match_pandas(both):
    pandas, spark, _, _ = both
    key = ["user_id", "kind", "value"]

    def table(store):
        frame = store.affinities.astype({"user_id": str, "kind": str, "value": str})
        return frame.set_index(key)["weight"].sort_index()

    left, right = table(pandas), table(spark)
    assert len(left) == len(right) and (left.index == right.index).all()
    assert np.allclose(left.to_numpy(), right.to_numpy(), rtol=1e-9, atol=1e-9)
    sums = right.groupby(level=["user_id", "kind"]).sum()
    assert np.allclose(sums.to_numpy(), 1.0)  # a user's weights of one kind sum to 1


def test_a_served_profile_is_the_same_whichever_engine_built_it(both):
    pandas, spark, _, _ = both
    user = pandas.users.sort_values("total_spend").iloc[-1]["user_id"]
    a, b = pandas.get(user), spark.get(user)
    assert a.segment == b.segment and a.rfm_score == b.rfm_score and a.frequency == b.frequency
    assert a.category_affinity.keys() == b.category_affinity.keys()
    assert USERS_FILE and AFFINITIES_FILE  # the files ProfileStore reads are the ones written


def test_build_with_the_spark_engine(spark, tiny_shop, tiny_artifacts, tmp_path, capsys):
    from assistant.shopdata.artifacts import read_manifest, verify_files
    from ui.cli.main import main

    out = tmp_path / "art"
    assert main(["--preset", "tiny", "build", "--data", str(tiny_shop), "--out", str(out), "--engine", "spark",
                 "--spark-master", "local[2]"]) == 0
    manifest = read_manifest(out)
    assert manifest.stats["profiles_engine"] == "spark local[2]" and manifest.config["recsys"]["engine"] == "spark"
    built = ProfileStore.load(verify_files(out, manifest))
    reference = ProfileStore.load(verify_files(tiny_artifacts, read_manifest(tiny_artifacts)))
    columns = ["user_id", "frequency", "segment", "rfm_score"]
    assert built.users[columns].sort_values("user_id").reset_index(drop=True).equals(
        reference.users[columns].sort_values("user_id").reset_index(drop=True))
