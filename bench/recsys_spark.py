"""Profiles on Spark against pandas on one generated event log: seconds, events/s, cost per event, cores.

    .venv/bin/python bench/recsys_spark.py [--events 20000000] [--users 1000000] [--products 100000]
        [--cores 1,2] [--no-pandas]

The log is bench/recsys_profiles.py's synthetic shop (uniform users, Zipf-like products, 70/20/10
view/cart/purchase), written in chunks to one Parquet file, so neither engine's reading is spared.
Spark runs `recsys.spark_profiles.build_profiles` on `local[N]` for each N in --cores (a new JVM
each); pandas reads the same file and runs `ProfileStore.build`, the baseline. CPU seconds per
million events = wall seconds x cores / millions of events: what a cluster would pay.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recsys_profiles import synthetic_shop  # noqa: E402
from retrieval_common import markdown, save_result  # noqa: E402

from assistant.shopdata.rating_sources import empty_ratings  # noqa: E402
from recsys.config import RecsysConfig  # noqa: E402
from recsys.profiles import ProfileStore  # noqa: E402
from recsys.spark_profiles import build_profiles, spark_session  # noqa: E402

CHUNK = 2_000_000


def write_log(path: Path, n_events: int, n_users: int, n_products: int) -> pd.DataFrame:
    """The synthetic log in chunks (one seed each) into one Parquet file; returns the catalog."""
    writer, catalog = None, None
    for i, start in enumerate(range(0, n_events, CHUNK)):
        catalog, events = synthetic_shop(min(CHUNK, n_events - start), n_users, n_products, seed=i)
        table = pa.Table.from_pandas(events.astype({"timestamp": "datetime64[us, UTC]"}), preserve_index=False)
        writer = writer or pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
    writer.close()
    return catalog


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=20_000_000)
    ap.add_argument("--users", type=int, default=1_000_000)
    ap.add_argument("--products", type=int, default=100_000)
    ap.add_argument("--cores", default="1,2")
    ap.add_argument("--no-pandas", action="store_true")
    args = ap.parse_args()
    cfg = RecsysConfig()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "events.parquet"
        started = time.perf_counter()
        catalog = write_log(log, args.events, args.users, args.products)
        print(f"wrote {args.events} events in {time.perf_counter() - started:.0f} s", flush=True)
        for cores in (int(c) for c in args.cores.split(",")):
            spark = spark_session(f"local[{cores}]", f"bench-{cores}")
            out = Path(tmp) / f"spark{cores}"
            out.mkdir()
            started = time.perf_counter()
            counts = build_profiles(spark, log, catalog, cfg, out)
            seconds = time.perf_counter() - started
            spark.stop()
            rows.append([f"spark local[{cores}]", cores, round(seconds, 1), round(args.events / seconds),
                         round(seconds * cores / (args.events / 1e6), 2), counts["users"], counts["affinity_rows"]])
            print(rows[-1], flush=True)
        if not args.no_pandas:
            started = time.perf_counter()
            events = pd.read_parquet(log)
            store = ProfileStore.build(events, empty_ratings(), catalog, cfg)
            seconds = time.perf_counter() - started
            rows.append(["pandas (read + build)", 1, round(seconds, 1), round(args.events / seconds),
                         round(seconds / (args.events / 1e6), 2), len(store.users), len(store.affinities)])
    header = ["engine", "cores", "seconds", "events/s", "core-s per 1M events", "users", "affinity rows"]
    print(markdown(header, rows))
    save_result(f"recsys_spark_{args.events}", {"events": args.events, "users": args.users,
                                                "products": args.products, "rows": [dict(zip(header, r, strict=True))
                                                                                    for r in rows]})


if __name__ == "__main__":
    main()
