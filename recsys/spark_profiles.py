"""Profiles on Spark: RFM, segments and affinities from Parquet event logs, past one process's memory.

Same definitions as `recsys.profiles` and `recsys.segments` (a test compares both on the demo shop,
column by column): RFM from purchases, quantile scores with ties sharing their average rank, the
same segment rules, and affinities as decayed, event-weighted shares per user and kind. The output
is the three Parquet files `ProfileStore.load` reads, so serving does not know which engine built
them.

Why Parquet in and out (not pandas frames): at the sizes this path exists for, the events never
pass through one Python process; Spark reads the log's files and writes the tables.
`local[*]` runs it embedded (tests, one machine); a cluster URL (`spark://host:7077`) scales it out.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from recsys.config import RecsysConfig
from recsys.profiles import (
    AFFINITIES_FILE,
    AFFINITY_KINDS,
    BANDS_FILE,
    EVENT_WEIGHTS,
    USERS_FILE,
    ProfileStore,
    _with_price_level,
    price_bands,
)
from recsys.segments import assign_segments
from retrieval.types import MissingPackageError

_DAY_SECONDS = 86400.0
USER_COLUMNS = ("user_id", "n_purchases", "frequency", "total_spend", "avg_price", "avg_spend", "recency_days")


def spark_session(master: str = "local[*]", app: str = "shopassist-profiles", conf: dict[str, str] | None = None):
    """A Spark session for the jobs (UI off, a few shuffle partitions for one machine); `conf` adds
    settings, e.g. {"spark.driver.memory": "8g"}, which apply only when this call starts the JVM."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingPackageError("the Spark engine needs pyspark: pip install 'shopassist[spark]'") from exc
    builder = (SparkSession.builder.master(master).appName(app).config("spark.ui.enabled", "false")
               .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "8")
               .config("spark.ui.showConsoleProgress", "false"))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _clean(column: str):
    """A float column with NaN read as missing (Spark sums NaN; pandas skips it)."""
    from pyspark.sql import functions as F

    return F.when(F.isnan(F.col(column)), F.lit(None)).otherwise(F.col(column))


def write_log(frame: pd.DataFrame, path: str | Path) -> None:
    """Write an events or ratings frame as Parquet that Spark reads: timestamps in microseconds (Spark
    refuses pandas' nanoseconds)."""
    frame.to_parquet(path, index=False, coerce_timestamps="us", allow_truncated_timestamps=True)


def rfm_frame(events, now: float):
    """Per user from purchase events: n_purchases, frequency (distinct checkout times), total_spend,
    avg_price, avg_spend (per order), recency_days (to `now`, the log's last event, epoch seconds)."""
    from pyspark.sql import functions as F

    purchases = events.filter(F.col("event") == "purchase").withColumn("price", _clean("price"))
    rfm = (purchases.groupBy("user_id").agg(
        F.sum("quantity").cast("long").alias("n_purchases"), F.countDistinct("timestamp").alias("frequency"),
        F.sum(F.col("quantity") * F.col("price")).alias("total_spend"), F.avg("price").alias("avg_price"),
        F.max("timestamp").cast("double").alias("last"))
        .withColumn("avg_spend", F.col("total_spend") / F.col("frequency"))
        .withColumn("recency_days", (F.lit(now) - F.col("last")) / _DAY_SECONDS)
        .drop("last"))
    return rfm


def _all_users(events, ratings, rfm):
    from pyspark.sql import functions as F

    seen = events.select("user_id")
    if ratings is not None:
        seen = seen.union(ratings.select("user_id"))
    users = seen.distinct().join(rfm, "user_id", "left")
    return users.fillna({"n_purchases": 0, "frequency": 0, "total_spend": 0.0}).select(
        *[F.col(c) for c in USER_COLUMNS])


def affinity_frame(events, ratings, catalog, now: float, half_life: float):
    """Long table (user_id, kind, value, weight): per user and kind, weights sum to 1."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    weight_of = F.create_map(*[x for kind, w in EVENT_WEIGHTS.items() for x in (F.lit(kind), F.lit(w))])
    signals = (events
               .select("user_id", "product_id",
                       (F.coalesce(weight_of[F.col("event")], F.lit(0.0))
                        * F.pow(F.lit(0.5), (F.lit(now) - F.col("timestamp").cast("double"))
                                / _DAY_SECONDS / F.lit(half_life))).alias("weight")))
    if ratings is not None:
        liked = ratings.filter(F.col("rating") >= 4).select("user_id", "product_id",
                                                            (F.col("rating") - 3.0).alias("weight"))
        signals = signals.union(liked)
    joined = signals.join(catalog, "product_id", "inner")
    kinds = [k for k in AFFINITY_KINDS if k in catalog.columns]
    per_user = Window.partitionBy("user_id", "kind")
    tables = []
    for kind in kinds:
        summed = (joined.filter(F.col(kind) != "").groupBy("user_id", F.col(kind).alias("value"))
                  .agg(F.sum("weight").alias("sum")).withColumn("kind", F.lit(kind)))
        tables.append(summed)
    if not tables:
        return None
    long = tables[0]
    for table in tables[1:]:
        long = long.unionByName(table)
    total = F.sum("sum").over(per_user)
    return long.select("user_id", "kind", "value",
                       F.when(total > 0, F.col("sum") / total).otherwise(F.lit(0.0)).alias("weight"))


def build_profiles(spark, events_path: str | Path, catalog: pd.DataFrame, cfg: RecsysConfig, out: str | Path,
                   ratings_path: str | Path | None = None) -> dict:
    """Compute the profile tables from Parquet logs and write `ProfileStore`'s files into `out`.

    `events_path`: Parquet file or folder with user_id, product_id, event, quantity, price, timestamp.
    `ratings_path`: optional Parquet with user_id, product_id, rating. The catalog is small beside the
    logs (it is loaded for serving anyway): its price bands are computed here and its attributes joined.

    Returns counts: users, affinity rows, events read.
    """
    from pyspark.sql import functions as F

    out = Path(out)
    events = spark.read.parquet(str(events_path))
    ratings = spark.read.parquet(str(ratings_path)).select("user_id", "product_id", "rating") \
        if ratings_path is not None else None
    bands = price_bands(catalog)
    summary = events.agg(F.max("timestamp").cast("double").alias("now"), F.count(F.lit(1)).alias("n")).collect()[0]
    now, counted = summary["now"] if summary["now"] is not None else time.time(), summary["n"]  # empty log: today
    with tempfile.TemporaryDirectory() as tmp:
        attributes = _attributes(catalog, bands)
        attributes.to_parquet(Path(tmp) / "catalog.parquet", index=False)
        catalog_frame = spark.read.parquet(str(Path(tmp) / "catalog.parquet"))
        users = _all_users(events, ratings, rfm_frame(events, now))
        affinities = affinity_frame(events, ratings, catalog_frame, now, cfg.recency_half_life_days)
        n_users = _write_single(users, out / "_users", out / USERS_FILE, segments=cfg.rfm_bins)
        if affinities is None:
            pd.DataFrame({"user_id": [], "kind": [], "value": [], "weight": []}).to_parquet(out / AFFINITIES_FILE)
            n_affinities = 0
        else:
            n_affinities = _write_single(affinities, out / "_affinities", out / AFFINITIES_FILE)
    bands.to_parquet(out / BANDS_FILE, index=False)
    return {"events": int(counted), "users": n_users, "affinity_rows": n_affinities}


def build_store(events: pd.DataFrame, ratings: pd.DataFrame, catalog: pd.DataFrame,
                cfg: RecsysConfig) -> ProfileStore:
    """`ProfileStore.build` on Spark, for the build's `engine = "spark"`: the validated logs are handed
    over as Parquet, the job runs on `cfg.spark_master`, the store is read back from its files."""
    spark = spark_session(cfg.spark_master)
    with logs_as_parquet(events, ratings) as (events_path, ratings_path):
        folder = events_path.parent
        build_profiles(spark, events_path, catalog, cfg, folder, ratings_path=ratings_path)
        return ProfileStore.load(folder)


@contextlib.contextmanager
def logs_as_parquet(events: pd.DataFrame, ratings: pd.DataFrame) -> Iterator[tuple[Path, Path | None]]:
    """The validated logs as Parquet files in a temporary folder, for the build's Spark jobs:
    (events path, ratings path or None when there are no ratings); the folder is removed after."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_log(events, folder / "events.parquet")
        rated = None
        if len(ratings):
            write_log(ratings, folder / "ratings.parquet")
            rated = folder / "ratings.parquet"
        yield folder / "events.parquet", rated


def _attributes(catalog: pd.DataFrame, bands: pd.DataFrame) -> pd.DataFrame:
    """product_id and the affinity kinds' values ("" when missing), price_level from the bands."""
    with_level = _with_price_level(catalog, bands)
    kinds = [k for k in AFFINITY_KINDS if k in with_level.columns]
    frame = pd.DataFrame({"product_id": with_level["product_id"].astype(str)})
    for kind in kinds:
        frame[kind] = with_level[kind].fillna("").astype(str).to_numpy(dtype=object)
    return frame


def _write_single(frame, folder: Path, target: Path, segments: int = 0) -> int:
    """Spark writes a folder of part files; `ProfileStore` reads one file. The users table is as many
    rows as shoppers (not events), so it is gathered here and segmented with the pandas rules: the
    quantile scores need every buyer's rank, which Spark would compute on one partition anyway.
    Returns the rows written."""
    frame.write.mode("overwrite").parquet(str(folder))
    table = pd.read_parquet(folder)
    shutil.rmtree(folder, ignore_errors=True)
    if segments:
        table = assign_segments(table, segments)
    table.to_parquet(target, index=False)
    return len(table)
