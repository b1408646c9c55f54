"""`shopassist` command line. Thin: every command calls into `assistant` (DESIGN.md).

Errors a user can fix (bad data, missing artifacts, bad config) print one line naming the
problem and exit with status 2; nothing else is caught, so real bugs keep their traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ui import commands

USER_ERRORS: tuple[type[BaseException], ...] = (ValueError, FileNotFoundError, RuntimeError)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="shopassist", description="Conversational shopping assistant.")
    p.add_argument("--config", help="TOML file overriding config sections [retrieval] [recsys] [assistant]")
    p.add_argument("--preset", default="default", help="config preset: default or tiny (hash encoder, fast)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("demo-data", help="write the deterministic demo shop (products, ratings, events)")
    s.add_argument("--out", required=True)
    s.add_argument("--seed", type=int, default=7)

    s = sub.add_parser("import", help="convert a public data set into shopassist's formats")
    s.add_argument("format", help="movielens, amazon2018, csv, bigbasket, sephora, uci-retail")
    s.add_argument("paths", nargs="+")
    s.add_argument("--out", required=True)
    s.add_argument("--map", action="append", default=[], metavar="OURS=THEIRS",
                   help="column mapping for the csv format, e.g. --map title=product_name (repeatable)")

    s = sub.add_parser("build", help="build artifacts (index, SVD, profiles) from a data folder")
    s.add_argument("--data", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--if-stale", action="store_true", help="do nothing when the artifacts are up to date")

    for name, help_text in (("ask", "answer one message"), ("chat", "multi-turn chat in the terminal")):
        s = sub.add_parser(name, help=help_text)
        s.add_argument("--artifacts", required=True)
        s.add_argument("--user", default=None, help="user id (personalised ranking)")
        s.add_argument("--no-personalize", action="store_true", help="rank without CF or profile signal")
        if name == "ask":
            s.add_argument("--json", action="store_true", help="print the reply as JSON")
            s.add_argument("message")

    s = sub.add_parser("serve", help="start the chat on HOST:PORT (terminal chat until the web UI lands)")
    s.add_argument("--artifacts", required=True)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=7860)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return commands.run(args)
    except KeyboardInterrupt:
        return 130
    except USER_ERRORS as exc:
        print(f"shopassist {args.command}: error: {exc}", file=sys.stderr)
        return 2






if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
