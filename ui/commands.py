"""One function per CLI command; each parses nothing and prints its result."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.config import AppConfig, build_config
from assistant.types import Reply


def _config(args: argparse.Namespace) -> AppConfig:
    return build_config(args.preset, args.config)


def reply_json(reply: Reply) -> dict:
    """The `ask --json` shape (stable: the HTTP API returns the same)."""
    return {
        "text": reply.text,
        "intent": {"kind": reply.intent.kind, **reply.intent.slots()},
        "products": [
            {"product_id": c.product.product_id, "title": c.product.title,
             "price": None if c.product.price != c.product.price else c.product.price,
             "brand": c.product.brand, "category": c.product.category, "rating": c.product.rating,
             "score": round(c.score, 4), "reasons": list(c.reasons)}
            for c in reply.products
        ],
        "timings_ms": reply.timings_ms,
        "trace": reply.trace,
    }


def cmd_demo_data(args: argparse.Namespace) -> int:
    from assistant.demo_shop import generate_demo_shop

    stats = generate_demo_shop(args.out, seed=args.seed)
    print(stats.summary() if hasattr(stats, "summary") else stats)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from assistant.importers import import_dataset

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
    from assistant.build import build_artifacts, is_up_to_date

    cfg = _config(args)
    if args.if_stale and is_up_to_date(args.data, args.out, cfg):
        print(f"artifacts in {args.out} are up to date")
        return 0
    build_artifacts(args.data, args.out, cfg)
    return 0


def _assistant_and_session(args: argparse.Namespace):
    from assistant.loop import Assistant

    assistant = Assistant.load(args.artifacts, _config(args))
    return assistant, assistant.new_session(args.user, personalize=not args.no_personalize)


def cmd_ask(args: argparse.Namespace) -> int:
    assistant, session = _assistant_and_session(args)
    reply = assistant.respond(session, args.message)
    if args.json:
        print(json.dumps(reply_json(reply), indent=2, ensure_ascii=False))
    else:
        print(reply.text)
    return 0


def chat_loop(assistant, session, stdin=sys.stdin, stdout=sys.stdout) -> int:
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
    args.user, args.no_personalize = None, False
    assistant, session = _assistant_and_session(args)
    print(f"(web UI not available yet: terminal chat; {Path(args.artifacts)})")
    return chat_loop(assistant, session)


COMMANDS = {
    "demo-data": cmd_demo_data, "import": cmd_import, "build": cmd_build,
    "ask": cmd_ask, "chat": cmd_chat, "serve": cmd_serve,
}


def run(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args)
