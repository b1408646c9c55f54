"""Fine-tune speed: training steps a minute under OpenMP wait policy x attention kernel x compiled
blocks x embedding rows x who makes the adapters (our own code or peft).

Each combination runs in its own process (libgomp reads OMP_WAIT_POLICY once, when torch loads),
on the same generated examples as `train-lm`, for a fixed wall-clock budget; combinations are
interleaved over the repeats so that machine drift hits them alike. The baseline is the first
combination; the ratio is steps against it, in the same run. The first steps (warm-up
allocations) count, as they do in a real fine-tune; compiling counts against the budget too (as in
`train-lm`), and its seconds are shown apart, with steps a minute of the remaining time.

Usage:
    .venv/bin/python bench/lm_train_speed.py --data data/demo [--seconds 60] [--repeats 2] [--threads 2]
    # compiled blocks and token-row offsets
    .venv/bin/python bench/lm_train_speed.py --data data/demo --policy ACTIVE --attention eager \
        --compile off --compile on --rows all --rows used
    # adapters: our own LoRA and row offsets against peft's (pip install 'shopassist[peft]')
    .venv/bin/python bench/lm_train_speed.py --data data/demo --policy ACTIVE --attention eager --compile on \
        --rows used --adapters own --adapters peft
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retrieval_common import markdown, write_json  # noqa: E402


def worker(args: argparse.Namespace) -> int:
    """One timed fine-tune; prints its steps and seconds as JSON on the last line."""
    import dataclasses

    import torch

    from assistant.config import AssistantConfig
    from assistant.lm.model import CausalLM, base_checkpoint, cache_root
    from assistant.shopdata.load import load_shop
    from assistant.training.finetune import add_placeholder_tokens, train
    from assistant.training.train_lm import train_settings, training_examples

    torch.set_num_threads(args.threads)
    shop = load_shop(args.data, ratings=False)
    catalog, events = shop.catalog, shop.events_if_any
    cfg = AssistantConfig()
    train_ex, val_ex, _ = training_examples(catalog, events, cfg, log=lambda _: None)
    lm = CausalLM.load(base_checkpoint(cfg.lm_base, cache_root(cfg.lm_cache_dir)))
    add_placeholder_tokens(lm.model, lm.tokenizer)
    settings = dataclasses.replace(train_settings(cfg), max_seconds=args.seconds, progress=False,
                                   attention=args.attention, compile=args.compile == "on", embedding_rows=args.rows,
                                   adapters=args.adapters)
    report = train(lm.model, lm.tokenizer, train_ex, val_ex[:8], settings, log=lambda _: None)
    print(json.dumps({"steps": report["steps"], "seconds": report["train_seconds"],
                      "compile_seconds": report["compile_seconds"]}))
    return 0


def run_one(args: argparse.Namespace, policy: str, attention: str, compiled: str, rows: str, adapters: str) -> dict:
    env = {**os.environ, "OMP_WAIT_POLICY": policy}
    cmd = [sys.executable, __file__, "--worker", "--data", args.data, "--seconds", str(args.seconds),
           "--threads", str(args.threads), "--attention", attention, "--compile", compiled, "--rows", rows,
           "--adapters", adapters]
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--seconds", type=float, default=60.0, help="training budget per run")
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--policy", action="append", default=None, help="OMP_WAIT_POLICY values (repeatable)")
    p.add_argument("--attention", action="append", default=None, help="attention kernels (repeatable)")
    p.add_argument("--compile", action="append", default=None, choices=("off", "on"),
                   help="torch.compile the transformer blocks (repeatable; default off)")
    p.add_argument("--rows", action="append", default=None, choices=("all", "used"),
                   help="embedding rows trained (repeatable; default all)")
    p.add_argument("--adapters", action="append", default=None, choices=("own", "peft"),
                   help="who makes the LoRA adapters and row offsets (repeatable; default own)")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--json", default=None)
    args = p.parse_args(argv)
    if args.worker:
        args.attention = (args.attention or ["eager"])[-1]
        args.compile, args.rows = (args.compile or ["off"])[-1], (args.rows or ["all"])[-1]
        args.adapters = (args.adapters or ["own"])[-1]
        return worker(args)
    combos = list(itertools.product(args.policy or ["PASSIVE", "ACTIVE"], args.attention or ["sdpa", "eager"],
                                    args.compile or ["off"], args.rows or ["all"], args.adapters or ["own"]))
    rates: dict[tuple, list[float]] = {c: [] for c in combos}
    compiling: dict[tuple, list[float]] = {c: [] for c in combos}
    training: dict[tuple, list[float]] = {c: [] for c in combos}
    for _ in range(args.repeats):
        for combo in combos:
            r = run_one(args, *combo)
            rates[combo].append(60.0 * r["steps"] / r["seconds"])
            compiling[combo].append(r["compile_seconds"])
            training[combo].append(60.0 * r["steps"] / max(1e-9, r["seconds"] - r["compile_seconds"]))
    base = statistics.mean(rates[combos[0]])
    rows = []
    for combo, values in rates.items():
        mean, compile_s = statistics.mean(values), statistics.mean(compiling[combo])
        rows.append((*combo, ", ".join(f"{v:.1f}" for v in values), f"{mean:.1f}", f"{compile_s:.0f}",
                     f"{statistics.mean(training[combo]):.1f}", f"{mean / base:.2f}x"))
    print(markdown(("OMP_WAIT_POLICY", "attention", "compiled blocks", "embedding rows", "adapters",
                    f"steps/min (each run, {args.seconds:.0f} s)", "mean", "compiling (s)",
                    "steps/min of training time", f"vs {' + '.join(combos[0])}"), rows))
    if args.json:
        write_json(args.json, {"/".join(c): v for c, v in rates.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
