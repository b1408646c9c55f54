"""Top-N ALS on Spark: implicit-feedback ALS (MLlib) trained from Parquet event logs.

When it runs: the build's `engine = "spark"` trains the top-N model on Spark only when that model is
ALS, that is `topn_model = "als"`, or "ease" on a catalog above `ease_max_items` (the build's own
fallback to ALS). EASE and BPR stay where they are: MLlib has neither, and swapping the configured
model for another one because of where it runs would change what shoppers are shown; EASE's cost
grows with the catalog (items x items), not with the log, so a large log does not by itself push it
off one process. The engine says where a model is trained, `topn_model` says which.

The result is a `TopNRecommender` of kind "als" with plain numpy factors, saved as the same
`topn.npz` serving already reads: serving cannot tell which engine trained it (params record it).

The same objective as `implicit`'s ALS (Hu, Koren, Volinsky 2008) on the same binary user x item
matrix (any event, or a rating of at least `topn_min_rating`, counts once), with two parameter
conventions mapped:
- confidence: implicit weighs a seen pair by `alpha` x 1, MLlib by 1 + alpha x 1, so MLlib gets
  `als_alpha - 1` and both weigh a seen pair the same;
- regularisation: MLlib multiplies its `regParam` by each user's (item's) number of pairs (ALS-WR),
  implicit does not, so the numbers are not interchangeable: `spark_als_regularization` is MLlib's
  own, chosen on the demo shop (tests/test_recsys_spark_als.py compares the two engines' top-N).
MLlib solves each least-squares step exactly (Cholesky), implicit by three conjugate-gradient
steps; the factors differ, the quality they give is what the tests compare.

Why Parquet in (not pandas frames): at the sizes this path exists for, the log never passes through
one Python process. What does come back to the driver is what serving holds anyway: the distinct
(user, product) pairs (the history that keeps seen items out of recommendations) and the factors,
read from Parquet with pyarrow rather than as Python rows.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import scipy.sparse as sp

from recsys.config import RecsysConfig
from recsys.spark_profiles import logs_as_parquet, spark_session
from recsys.split import IdMap
from recsys.topn import TopNRecommender


def trains_on_spark(cfg: RecsysConfig, n_items: int) -> bool:
    """Whether the build trains its top-N model on Spark: engine "spark" and the model is ALS
    (configured, or EASE's fallback above `ease_max_items`)."""
    if cfg.engine != "spark":
        return False
    return cfg.topn_model == "als" or (cfg.topn_model == "ease" and n_items > cfg.ease_max_items)


def implicit_pairs(events, ratings=None, min_rating: float | None = None):
    """Distinct (user_id, product_id) strings seen in events or well-enough rated: the Spark side
    of `recsys.topn.implicit_feedback` (without the first time, which training does not use)."""
    from pyspark.sql import functions as F

    pairs = events.select(F.col("user_id").cast("string"), F.col("product_id").cast("string"))
    if ratings is not None:
        if min_rating is not None:
            ratings = ratings.filter(F.col("rating") >= min_rating)
        pairs = pairs.union(ratings.select(F.col("user_id").cast("string"), F.col("product_id").cast("string")))
    return pairs.dropna().distinct()


def _read_factors(frame, folder: Path, n: int, rank: int) -> np.ndarray:
    """MLlib's (id, features) table as float32[n, rank] in id order; ids it has no row for stay 0."""
    frame.write.mode("overwrite").parquet(str(folder))
    table = pq.read_table(folder)
    ids = table.column("id").to_numpy()
    values = table.column("features").combine_chunks().flatten().to_numpy(zero_copy_only=False)
    out = np.zeros((n, rank), dtype=np.float32)
    out[ids] = values.reshape(len(ids), rank)
    return out


def _read_history(indexed, folder: Path, shape: tuple[int, int]) -> sp.csr_matrix:
    """The indexed pairs as the binary csr float32[users, items] `TopNRecommender` keeps."""
    indexed.select("u", "i").write.mode("overwrite").parquet(str(folder))
    table = pq.read_table(folder)
    rows, cols = table.column("u").to_numpy(), table.column("i").to_numpy()
    history = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape)
    history.sum_duplicates()
    history.data[:] = 1.0
    return history


def fit_als(pairs, cfg: RecsysConfig, engine: str = "spark") -> TopNRecommender:
    """Implicit ALS (MLlib) on a Spark frame of distinct (user_id, product_id) pairs.

    Ids are indexed by `StringIndexer` (alphabetical, so the same pairs give the same indices);
    `engine` is recorded in the params (which master trained it). The factor blocks are as many as
    the session's default parallelism (its cores), not MLlib's fixed 10: on a small master the
    per-block tasks' overhead otherwise outweighs the arithmetic.
    """
    from pyspark.ml.feature import StringIndexer
    from pyspark.ml.recommendation import ALS
    from pyspark.sql import functions as F

    pairs = pairs.persist()  # read by the indexer's fit and by its transform
    if pairs.isEmpty():
        pairs.unpersist()
        raise ValueError("top-N ALS on Spark: the logs have no (user_id, product_id) pairs to train on")
    indexer = StringIndexer(inputCols=["user_id", "product_id"], outputCols=["u", "i"],
                            stringOrderType="alphabetAsc").fit(pairs)
    user_ids, item_ids = (np.asarray(labels, dtype=object) for labels in indexer.labelsArray)
    indexed = (indexer.transform(pairs).select(F.col("u").cast("int"), F.col("i").cast("int"))
               .withColumn("r", F.lit(1.0).cast("float")).persist())
    params = {"factors": cfg.als_factors, "regularization": cfg.spark_als_regularization,
              "iterations": cfg.als_iterations, "alpha": cfg.als_alpha, "engine": engine}
    blocks = max(pairs.sparkSession.sparkContext.defaultParallelism, 1)
    als = ALS(rank=cfg.als_factors, maxIter=cfg.als_iterations, regParam=cfg.spark_als_regularization,
              alpha=max(cfg.als_alpha - 1.0, 0.0), implicitPrefs=True, userCol="u", itemCol="i", ratingCol="r",
              seed=cfg.seed, coldStartStrategy="drop",
              numUserBlocks=blocks, numItemBlocks=blocks)
    try:
        model = als.fit(indexed)
        folder = Path(tempfile.mkdtemp(prefix="spark-als-"))
        try:
            user_factors = _read_factors(model.userFactors, folder / "users", len(user_ids), cfg.als_factors)
            item_factors = _read_factors(model.itemFactors, folder / "items", len(item_ids), cfg.als_factors)
            history = _read_history(indexed, folder / "pairs", (len(user_ids), len(item_ids)))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        indexed.unpersist()
        pairs.unpersist()
    return TopNRecommender("als", IdMap(user_ids), IdMap(item_ids), history, user_factors=user_factors,
                           item_factors=item_factors, params=params)


def train_topn(spark, events_path: str | Path, cfg: RecsysConfig, ratings_path: str | Path | None = None,
               engine: str = "spark") -> TopNRecommender:
    """ALS from Parquet logs: events (user_id, product_id, ...) and optional ratings (+ rating, of
    which those below `cfg.topn_min_rating` are left out, as the pandas path does)."""
    events = spark.read.parquet(str(events_path))
    ratings = spark.read.parquet(str(ratings_path)) if ratings_path is not None else None
    return fit_als(implicit_pairs(events, ratings, cfg.topn_min_rating), cfg, engine)


def fit_frames(events, ratings, cfg: RecsysConfig) -> TopNRecommender:
    """`train_topn` for the build's validated pandas logs, on `cfg.spark_master`: the logs are handed
    over as Parquet. EASE's fallback is recorded in the params as the pandas path records it."""
    spark = spark_session(cfg.spark_master)
    with logs_as_parquet(events, ratings) as (events_path, ratings_path):
        model = train_topn(spark, events_path, cfg, ratings_path, engine=f"spark {cfg.spark_master}")
    if cfg.topn_model == "ease":
        model.params["fallback"] = (f"{len(model.items)} items > ease_max_items={cfg.ease_max_items}: "
                                    "ALS instead of EASE")
    return model
