"""Top-N ALS on Spark (MLlib) against `implicit`'s ALS on one generated event log: seconds, events/s, cost.

    .venv/bin/python bench/recsys_spark_als.py [--events 20000000] [--users 1000000] [--products 100000]
        [--cores 1,2] [--threads 1] [--driver-memory 8g] [--no-implicit]

The log is bench/recsys_spark.py's (bench/recsys_profiles.py's synthetic shop in one Parquet file).
Spark runs `recsys.spark_als.train_topn` on `local[N]` for each N in --cores (a new Spark context each
in the JVM pyspark keeps; `--driver-memory` applies when it starts): read
the log, distinct (user, product) pairs, index the ids, ALS, factors and history back to the driver
as a `TopNRecommender`. The baseline, in the same run: pyarrow reads the same two columns, pandas
and scipy build the same binary matrix, `implicit` fits ALS with the same factors and iterations on
--threads threads (the build's `num_threads`, default 1). Core-seconds per million events = wall
seconds x cores / millions of events. CPU seconds are measured too (the JVM's, or this process's for
implicit): on a shared machine they say what the work cost when the wall clock includes waiting for
other jobs. The 1-minute load average is printed before and after each row.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recsys_spark import write_log  # noqa: E402
from retrieval_common import markdown, save_result  # noqa: E402

from recsys.config import RecsysConfig  # noqa: E402
from recsys.spark_als import train_topn  # noqa: E402
from recsys.spark_profiles import spark_session  # noqa: E402
from recsys.split import IdMap, interaction_matrix  # noqa: E402
from recsys.topn import TopNRecommender  # noqa: E402


def children_cpu() -> dict[int, float]:
    """CPU seconds (user + system) of each process this one started (the JVM), by pid."""
    out = {}
    for child in psutil.Process().children(recursive=True):
        with_times = child.cpu_times()
        out[child.pid] = with_times.user + with_times.system
    return out


def load() -> float:
    return round(os.getloadavg()[0], 1)


def implicit_baseline(log: Path, cfg: RecsysConfig) -> tuple[float, float, TopNRecommender]:
    """(seconds to read + build the matrix, seconds to fit, model) with implicit's ALS."""
    started = time.perf_counter()
    pairs = pq.read_table(log, columns=["user_id", "product_id"]).to_pandas()
    users, items = IdMap.of(pairs["user_id"]), IdMap.of(pairs["product_id"])
    x = interaction_matrix(pairs, users, items)
    del pairs
    read = time.perf_counter() - started
    started = time.perf_counter()
    model = TopNRecommender.from_matrix(x, users, items, cfg, "als")
    return read, time.perf_counter() - started, model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=20_000_000)
    ap.add_argument("--users", type=int, default=1_000_000)
    ap.add_argument("--products", type=int, default=100_000)
    ap.add_argument("--cores", default="1,2")
    ap.add_argument("--threads", type=int, default=1, help="implicit's threads")
    ap.add_argument("--driver-memory", default="8g", help="Spark's JVM heap (local mode: the driver does the work)")
    ap.add_argument("--no-implicit", action="store_true")
    args = ap.parse_args()
    cfg = dataclasses.replace(RecsysConfig(), num_threads=args.threads)
    millions = args.events / 1e6
    rows, shape = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "events.parquet"
        started = time.perf_counter()
        write_log(log, args.events, args.users, args.products)
        print(f"wrote {args.events} events in {time.perf_counter() - started:.0f} s", flush=True)
        if not args.no_implicit:
            before, cpu = load(), time.process_time()
            read, fit, model = implicit_baseline(log, cfg)
            cpu = time.process_time() - cpu
            shape = {"users": len(model.users), "items": len(model.items), "pairs": int(model.history.nnz)}
            print(f"matrix {shape}", flush=True)
            total = read + fit
            rows.append([f"implicit ALS, {args.threads} thread(s) (read + matrix + fit)", args.threads,
                         round(total, 1), round(args.events / total), round(total * args.threads / millions, 2),
                         round(fit, 1), round(cpu, 1), f"{before} / {load()}"])
            print(rows[-1], flush=True)
            del model
        for cores in (int(c) for c in args.cores.split(",")):
            spark = spark_session(f"local[{cores}]", f"bench-als-{cores}", {"spark.driver.memory": args.driver_memory})
            before, cpu, started = load(), children_cpu(), time.perf_counter()
            model = train_topn(spark, log, cfg, engine=f"spark local[{cores}]")
            seconds = time.perf_counter() - started
            jvm = sum(t - cpu.get(pid, 0.0) for pid, t in children_cpu().items())
            spark.stop()
            shape = shape or {"users": len(model.users), "items": len(model.items), "pairs": int(model.history.nnz)}
            assert model.history.nnz == shape["pairs"] and len(model.users) == shape["users"], "engines disagree"
            rows.append([f"Spark MLlib ALS local[{cores}] (read + pairs + index + fit + collect)", cores,
                         round(seconds, 1), round(args.events / seconds), round(seconds * cores / millions, 2), "",
                         round(jvm, 1), f"{before} / {load()}"])
            print(rows[-1], flush=True)
            del model
    header = ["engine", "cores", "seconds", "events/s", "core-s per 1M events", "fit alone, s", "CPU s",
              "load before / after"]
    print(f"{args.events} events -> {shape}; ALS factors {cfg.als_factors}, {cfg.als_iterations} iterations")
    print(markdown(header, rows))
    save_result(f"recsys_spark_als_{args.events}", {"events": args.events, **shape, "factors": cfg.als_factors,
                                                    "iterations": cfg.als_iterations,
                                                    "rows": [dict(zip(header, r, strict=True)) for r in rows]})


if __name__ == "__main__":
    main()
