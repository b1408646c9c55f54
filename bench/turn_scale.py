"""Whole-turn cost as the catalog grows: parse, retrieve, rerank and reply at 2.4k to 1M products.

The catalogs are BigBasket's 27,554 real products (imported with `shopassist import bigbasket`),
cut down or copied up to each size. A copy is a new product (new id, the title with a variant word,
the price moved by a few percent); every other copy also gets a new brand (the brand plus a
variant word), so the number of brands grows with the catalog as it does in real shops (2,314 at
27k, ~43k at 1M). Each size is built with the rules preset and the hashing encoder (20k products/s
instead of MiniLM's 300, so 1M products build in minutes; the encoder's per-query cost does not depend
on the catalog), then the same shopper messages are asked one at a time and timed.

Usage:
    .venv/bin/shopassist import bigbasket ../shared/data/bigbasket-products/bigbasket_products.csv.gz --out /tmp/bb/data
    .venv/bin/python bench/turn_scale.py --data /tmp/bb/data --sizes 2400,27554,100000,1000000 --work /tmp/scale
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval_common import markdown, write_json  # noqa: E402

# BigBasket shoppers' messages (searches, refinements, references, cart): the same at every size.
MESSAGES = ["atta 5 kg under 300", "not cadbury", "cheaper", "organic honey", "compare the first two",
            "add the first one", "basmati rice", "in a smaller pack", "amul butter", "show me more",
            "green tea bags", "dark chocolate no nestle", "toor dal 1 kg", "shampoo for dry hair under 400",
            "whats in my cart", "remove the first one", "face wash for oily skin", "instant noodles",
            "olive oil under 800", "detergent powder"]
VARIANTS = ("Select", "Value", "Gold", "Prime", "Fresh", "Classic", "Royal", "Daily", "Pure", "Star", "Plus",
            "Choice", "Max", "Lite", "Home", "Smart", "Nature", "Best", "Family", "Special")


def scaled_catalog(base, size: int):
    """`size` products from the real ones: the first `size` of them, or copies past the real count."""
    import numpy as np
    import pandas as pd

    if size <= len(base):
        return base.head(size).copy()
    parts, copy = [base], 0
    while sum(len(p) for p in parts) < size:
        copy += 1
        part = base.copy()
        word = f"{VARIANTS[copy % len(VARIANTS)]} {copy // len(VARIANTS) + 1}"
        part["product_id"] = [f"{pid}-c{copy}" for pid in base["product_id"]]
        part["title"] = part["title"] + f" ({word})"
        part["price"] = (part["price"] * (1 + np.random.default_rng(copy).uniform(-0.08, 0.08, len(part)))).round(2)
        if copy % 2:
            part["brand"] = part["brand"].astype(str) + f" {word}"
        parts.append(part)
    return pd.concat(parts, ignore_index=True).head(size)


def build(data_dir: Path, art_dir: Path) -> float:
    config = art_dir.parent / "scale.toml"
    config.write_text('[retrieval]\nencoder = "hash"\nhash_dim = 256\n', encoding="utf-8")
    started = time.perf_counter()
    cli = Path(sys.executable).with_name("shopassist")
    subprocess.run([str(cli), "--quiet", "--config", str(config), "--preset", "rules", "build", "--data",
                    str(data_dir), "--out", str(art_dir)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(art_dir: Path, rounds: int) -> dict:
    """Turn timings in a fresh process, so its memory is this catalog's alone."""
    code = f"""
import json, resource, statistics, sys, time
sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
from assistant.config import build_config
from assistant.loop import Assistant
started = time.perf_counter()
cfg = build_config("rules", overrides={{"retrieval": {{"encoder": "hash", "hash_dim": 256}}}})
bot = Assistant.load({str(art_dir)!r}, cfg)
load_s = time.perf_counter() - started
turns, parts = [], {{}}
for r in range({rounds} + 1):
    session = bot.new_session()
    for message in {MESSAGES!r}:
        t = time.perf_counter()
        reply = bot.respond(session, message)
        if r:  # the first round warms the caches
            turns.append((time.perf_counter() - t) * 1000)
            for k, v in reply.timings_ms.items():
                parts.setdefault(k, []).append(v)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
q = lambda v, p: sorted(v)[min(len(v) - 1, int(p * len(v)))]
print(json.dumps({{"load_s": round(load_s, 1), "turn_p50": round(statistics.median(turns), 1),
                  "turn_p95": round(q(turns, 0.95), 1), "rss_mb": round(rss / 1024),
                  "parts_p50": {{k: round(statistics.median(v), 1) for k, v in parts.items()}},
                  "brands": len(set(bot.engine.vocab.brands.values())), "products": len(bot.engine.index.catalog)}}))
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    import pandas as pd

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="an imported BigBasket shop folder (products.csv)")
    ap.add_argument("--sizes", default="2400,27554,100000")
    ap.add_argument("--work", default="/tmp/shopassist-scale")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()
    base = pd.read_csv(Path(args.data) / "products.csv")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        folder = Path(args.work) / str(size)
        (folder / "data").mkdir(parents=True, exist_ok=True)
        scaled_catalog(base, size).to_csv(folder / "data" / "products.csv", index=False)
        build_s = build(folder / "data", folder / "art")
        result = measure(folder / "art", args.rounds)
        row = {"products": result["products"], "brands": result["brands"], "build_s": round(build_s, 1), **result}
        print(json.dumps(row), flush=True)
        rows.append(row)
    parts = ("parse", "retrieve", "rerank", "reply")
    first = rows[0]  # memory per product: what a row holds beyond the smallest catalog's process

    def per_product(r: dict) -> str:
        extra = r["products"] - first["products"]
        return "-" if extra <= 0 else f"{(r['rss_mb'] - first['rss_mb']) * 1024 / extra:.2f}"

    print(markdown(["products", "brands", "build s", "load s", *[f"{p} p50 ms" for p in parts], "turn p50 ms",
                    "turn p95 ms", "peak RSS MB", "KB per added product"],
                   [[r["products"], r["brands"], r["build_s"], r["load_s"],
                     *[r["parts_p50"].get(p, "-") for p in parts], r["turn_p50"], r["turn_p95"], r["rss_mb"],
                     per_product(r)] for r in rows]))
    if args.json:
        write_json(args.json, {"rows": rows})


if __name__ == "__main__":
    main()
