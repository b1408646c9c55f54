"""Core commands: demo-data, import, build, ask, chat, serve."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.config import AppConfig, build_config
from ui.replies import reply_json


def cmd_demo_data(args: argparse.Namespace) -> int:
    from assistant.shopdata.demo import generate_demo_shop

    stats = generate_demo_shop(args.out, seed=args.seed)
    print(f"demo shop written to {args.out}: {stats.n_products} products in {len(stats.categories)} categories "
          f"({len(stats.brands)} brands), {stats.n_users} users, {stats.n_ratings} ratings, {stats.n_events} events")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from assistant.shopdata.importers import import_dataset

    mapping = {}
    for item in args.map:
        ours, sep, theirs = item.partition("=")
        if not sep or not ours or not theirs:
            raise ValueError(f"--map '{item}' is not OURS=THEIRS")
        mapping[ours.strip()] = theirs.strip()
    report = import_dataset(args.format, args.paths, args.out, mapping or None)
    print(report.summary())
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from assistant.offline.build import build_artifacts, is_up_to_date

    cfg = config_of(args)
    if args.if_stale and is_up_to_date(args.data, args.out, cfg):
        print(f"artifacts in {args.out} are up to date")
        return 0
    build_artifacts(args.data, args.out, cfg)
    return 0


def _assistant_and_session(args: argparse.Namespace):
    from assistant.loop import Assistant

    assistant = Assistant.load(args.artifacts, config_of(args))
    return assistant, assistant.new_session(args.user, personalize=not args.no_personalize)


def cmd_ask(args: argparse.Namespace) -> int:
    assistant, session = _assistant_and_session(args)
    reply = assistant.respond(session, args.message)
    if args.json:
        print(json.dumps(reply_json(reply), indent=2, ensure_ascii=False))
    else:
        print(reply.text)
    return 0


def chat_loop(assistant, session, stdin=None, stdout=None) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    print("shopassist: ask for products, e.g. 'running shoes under $80'. Ctrl-D or 'quit' to leave.",
          file=stdout)
    while True:
        print("you> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip().lower() in ("quit", "exit"):
            print(file=stdout)
            return 0
        reply = assistant.respond(session, line)
        print(f"shop> {reply.text}\n", file=stdout, flush=True)


def cmd_chat(args: argparse.Namespace) -> int:
    assistant, session = _assistant_and_session(args)
    return chat_loop(assistant, session)


def cmd_serve(args: argparse.Namespace) -> int:
    """The web chat, the JSON API and the embed files on one server (blocks until Ctrl-C)."""
    from assistant.loop import Assistant
    from ui.ratelimit import RateLimit
    from ui.reload import BuildWatcher
    from ui.server import serve

    if args.ttl_minutes <= 0:
        raise ValueError("--ttl-minutes must be positive")
    config = config_of(args)
    assistant = Assistant.load(args.artifacts, config)
    # `user forget` / `update-products` publish new builds: the server follows them.
    watcher = BuildWatcher(args.artifacts, lambda: Assistant.load(args.artifacts, config), assistant.build_id)
    serve(assistant, host=args.host, port=args.port, ttl_s=args.ttl_minutes * 60,
          session_limit=RateLimit(args.session_rate, args.session_burst),
          client_limit=RateLimit(args.client_rate, args.client_burst), watcher=watcher)
    return 0


def config_of(args: argparse.Namespace) -> AppConfig:
    """The AppConfig for this invocation: preset, then --config TOML (shared by all commands)."""
    return build_config(args.preset, args.config)


def add_session_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("--artifacts", required=True)
    s.add_argument("--user", default=None, help="user id (personalised ranking)")
    s.add_argument("--no-personalize", action="store_true", help="rank without CF or profile signal")


def register(sub) -> None:
    s = sub.add_parser("demo-data", help="write the deterministic demo shop (products, ratings, events)")
    s.add_argument("--out", required=True)
    s.add_argument("--seed", type=int, default=7)
    s.set_defaults(func=cmd_demo_data)

    s = sub.add_parser("import", help="convert a public data set into shopassist's formats")
    s.add_argument("format", help="movielens, amazon2018, csv, bigbasket, sephora, uci-retail")
    s.add_argument("paths", nargs="+")
    s.add_argument("--out", required=True)
    s.add_argument("--map", action="append", default=[], metavar="OURS=THEIRS",
                   help="column mapping for the csv format, e.g. --map title=product_name (repeatable)")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("build", help="build artifacts (index, SVD, profiles) from a data folder")
    s.add_argument("--data", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--if-stale", action="store_true", help="do nothing when the artifacts are up to date")
    s.set_defaults(func=cmd_build)

    s = sub.add_parser("ask", help="answer one message")
    add_session_args(s)
    s.add_argument("--json", action="store_true", help="print the reply as JSON")
    s.add_argument("message")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("chat", help="multi-turn chat in the terminal")
    add_session_args(s)
    s.set_defaults(func=cmd_chat)

    s = sub.add_parser("serve", help="web chat, JSON API (/api, /docs) and embed widget on HOST:PORT")
    s.add_argument("--artifacts", required=True)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=7860)
    s.add_argument("--ttl-minutes", type=float, default=30.0, help="idle minutes before a chat session expires")
    from ui.ratelimit import CLIENT_LIMIT, SESSION_LIMIT

    for who, limit in (("session", SESSION_LIMIT), ("client", CLIENT_LIMIT)):
        s.add_argument(f"--{who}-rate", type=float, default=limit.rate_per_s,
                       help=f"messages per second per {who} ({'IP' if who == 'client' else 'chat'}), "
                            f"sustained; 0 = no limit (default {limit.rate_per_s})")
        s.add_argument(f"--{who}-burst", type=int, default=limit.burst,
                       help=f"messages a {who} may send at once before the rate applies (default {limit.burst})")
    s.set_defaults(func=cmd_serve)
