"""`shopassist` command line. Thin: every command parses arguments, calls into `assistant` and prints.

Command groups are the other modules of `ui/cli/`, each with `register(subparsers)`; they are
found by listing the package, so a new command group is a new file. Errors a user can fix (a
`UserError`: bad data, missing artifacts, bad config or arguments; a missing file) print one line
naming the problem and exit with status 2; anything else keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.progress_bar import QUIET_ENV
from assistant.types import UserError

# One line and exit status 2 for what a user can fix: the project's UserError (bad data, config or arguments,
# missing artifacts or packages) and a file the user named that is not there. Everything else is a bug and
# keeps its traceback.
USER_ERRORS: tuple[type[BaseException], ...] = (UserError, FileNotFoundError)
# Commands that own the CPU while they run (they may fine-tune the LM or embed a whole catalog).
BATCH_COMMANDS = frozenset({"build", "refresh", "train-lm", "prepare-lm", "finish-lm"})


def command_modules() -> list[str]:
    here = Path(__file__).parent
    return sorted(f"ui.cli.{m.name}" for m in pkgutil.iter_modules([str(here)]) if m.name != "main")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="shopassist", description="Conversational shopping assistant.")
    p.add_argument("--config", help="TOML file overriding config sections [retrieval] [recsys] [assistant]")
    p.add_argument("--preset", default="default",
                   help="config preset: default (the fine-tuned LM parses and writes; ~5 min fine-tune, in the "
                        "background under `serve`), rules (rule parser and template replies, no model), tiny (hash "
                        "encoder, rules, fast; tests), lm (= default) or lm-quality (a 3-epoch, ~13 min fine-tune)")
    p.add_argument("--quiet", action="store_true",
                   help="no progress bars (they show only on a terminal anyway, and never when CI is set)")
    sub = p.add_subparsers(dest="command", required=True)
    for name in command_modules():
        importlib.import_module(name).register(sub)
    return p


def batch_wait_policy(argv: Sequence[str]) -> None:
    """Let OpenMP threads spin between ops for a batch command, unless the user chose a policy.

    Why: `assistant` makes waiting threads sleep (PASSIVE) so a chat turn stays fast beside other
    processes; a fine-tune runs thousands of small ops per step, and waking sleeping threads for
    each cost it about a fifth of its steps (bench/lm_train_speed.py: 36.2 vs 45.4 steps a minute
    with sdpa attention, on 2 cores). libgomp reads the variable once, when torch loads, so it is
    decided here, before any command module imports `assistant`.
    """
    if "torch" not in sys.modules and BATCH_COMMANDS.intersection(argv):
        os.environ.setdefault("OMP_WAIT_POLICY", "ACTIVE")


def main(argv: Sequence[str] | None = None) -> int:
    batch_wait_policy(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.quiet:
        os.environ[QUIET_ENV] = "1"  # read by every bar, in this process and in the jobs it starts
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except USER_ERRORS as exc:
        print(f"shopassist {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
