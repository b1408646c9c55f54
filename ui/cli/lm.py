"""Language-model commands: train-lm (fine-tune the parser/writer LM on a catalog), prepare-lm, finish-lm."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from ui.cli.core import config_of


def _settings(args: argparse.Namespace):
    """The assistant config with the command-line overrides of the LM training fields."""
    cfg = config_of(args).assistant
    changes = {name: value for name, value in (
        ("lm_base", args.base), ("lm_dialogues", args.dialogues), ("lm_epochs", args.epochs),
        ("lm_lr", args.lr), ("lm_max_train_seconds", args.max_seconds), ("lm_threads", args.threads),
        ("lm_cache_dir", args.cache_dir)) if value is not None}
    return dataclasses.replace(cfg, **changes)


def cmd_train_lm(args: argparse.Namespace) -> int:
    from assistant.offline.report import check_target
    from assistant.shopdata.load import load_shop
    from assistant.training.cache import ensure_finetuned

    check_target(args.report)
    cfg = _settings(args)
    shop = load_shop(args.data, ratings=False)
    catalog, events = shop.catalog, shop.events_if_any
    model_dir, meta = ensure_finetuned(catalog, events, cfg, out_dir=args.out, force=args.force)
    summary = {k: meta.get(k) for k in ("base", "parameters", "train_examples", "val_examples", "steps",
                                        "train_seconds", "train_loss", "val_loss", "stopped_early")}
    summary["heldout"] = {k: v for k, v in meta.get("heldout", {}).items() if k != "errors"}
    print(json.dumps({"model": str(model_dir), **summary}, indent=2))
    print(f"model card: {model_dir / 'README.md'}\n"
          f"chat with it: shopassist --preset lm build --data {args.data} --out ART  (reuses this model), "
          f"or set [assistant] lm_model = \"{model_dir}\" in a --config TOML", flush=True)
    if args.report:  # after the output: a failing page cannot take it away
        from assistant.offline.report import lm_page, write_report

        write_report(lm_page(meta, model_dir), args.report, lambda message: print(message, file=sys.stderr))
    return 0


def cmd_prepare_lm(args: argparse.Namespace) -> int:
    from assistant.training.prepare import prepare_finetune

    print(json.dumps(prepare_finetune(_settings(args)), indent=2))
    return 0


def cmd_finish_lm(args: argparse.Namespace) -> int:
    from assistant.offline.lm_job import finish_lm

    result = finish_lm(args.artifacts, config_of(args), status_path=args.status)
    print(json.dumps(result, indent=2))
    return 0


def register(sub) -> None:
    s = sub.add_parser("train-lm", help="fine-tune the LM (intent parser + reply writer) on a catalog's dialogues")
    s.add_argument("--data", required=True, help="data folder (products, optional events for user tastes)")
    s.add_argument("--out", default=None, help="model folder (default: the cache folder `build` reuses)")
    s.add_argument("--base", default=None, help="smollm2 (default), tiny-gpt2, or a causal-LM checkpoint folder")
    s.add_argument("--dialogues", type=int, default=None, help="generated training dialogues (~4 turns each)")
    s.add_argument("--epochs", type=float, default=None)
    s.add_argument("--lr", type=float, default=None)
    s.add_argument("--max-seconds", type=float, default=None, help="training time guard (stops early)")
    s.add_argument("--threads", type=int, default=None, help="torch threads (0 = default)")
    s.add_argument("--cache-dir", default=None, help="where bases and fine-tunes are cached")
    s.add_argument("--force", action="store_true", help="train even if a model for these inputs exists")
    s.add_argument("--report", metavar="FILE.html", default=None,
                   help="also write a self-contained HTML page with the loss curve (drawn from the model's "
                        "metadata, so a reused fine-tune has one too)")
    s.set_defaults(func=cmd_train_lm)

    s = sub.add_parser("prepare-lm", help="once per machine: convert the LM base and compile the fine-tune's kernels "
                                          "(~1.5 min here), so the first train-lm spends its time guard training")
    s.add_argument("--base", default=None, help="smollm2 (default), tiny-gpt2, or a causal-LM checkpoint folder")
    s.add_argument("--threads", type=int, default=None, help="torch threads (0 = default)")
    s.add_argument("--cache-dir", default=None, help="where bases, fine-tunes and compiled kernels are cached")
    s.set_defaults(func=cmd_prepare_lm, dialogues=None, epochs=None, lr=None, max_seconds=None)

    s = sub.add_parser("finish-lm", help="fine-tune the LM a build lacks (one built with --if-stale before the "
                                         "fine-tune was cached) and publish the build with it; `serve` runs this "
                                         "in the background")
    s.add_argument("--artifacts", required=True)
    s.add_argument("--status", default=None, help="progress file, JSON (default: ART/lm-job/status.json)")
    s.set_defaults(func=cmd_finish_lm)
