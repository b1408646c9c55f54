"""Core commands: demo-data, import, build, refresh, ask, chat, serve, sign-user."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from assistant.config import AppConfig, build_config
from assistant.types import UsageError
from ui.identity import SECRET_ENV, load_secret, sign_user
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
            raise UsageError(f"--map '{item}' is not OURS=THEIRS")
        mapping[ours.strip()] = theirs.strip()
    report = import_dataset(args.format, args.paths, args.out, mapping or None, args.currency)
    print(report.summary())
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from assistant.offline.build import build_artifacts, is_up_to_date

    cfg = with_vector_store(config_of(args), args)
    if args.engine or args.spark_master:
        engine = args.engine or ("spark" if args.spark_master else cfg.recsys.engine)
        cfg = dataclasses.replace(cfg, recsys=dataclasses.replace(
            cfg.recsys, engine=engine, spark_master=args.spark_master or cfg.recsys.spark_master))
    if args.if_stale and is_up_to_date(args.data, args.out, cfg):
        print(f"artifacts in {args.out} are up to date")
        return 0
    # --if-stale (what `make demo` runs) does not wait for a fine-tune that is not cached: `serve` runs it.
    build_artifacts(args.data, args.out, cfg, defer_lm=args.if_stale)
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    """Retrain profiles and top-N from the shop's files plus the known shoppers' database events."""
    from assistant.offline.refresh import refresh_artifacts

    refresh_artifacts(args.artifacts, args.data, args.state, force=args.force)
    return 0


def load_assistant(art_dir, config: AppConfig):
    """(assistant, why the LM is missing or None): a build without the fine-tuned LM the config asks
    for is loaded with the rule parser and template writer instead of failing."""
    from assistant.lm.load import lm_missing, without_lm
    from assistant.loop import Assistant

    missing = lm_missing(art_dir, config.assistant)
    return Assistant.load(art_dir, without_lm(config) if missing else config), missing


def lm_notice(command: str, art_dir, config: AppConfig, missing: str) -> str:
    """One line: the rules answer, and how to get the LM."""
    from assistant.shopdata.artifacts import read_manifest

    if config.assistant.lm_model:
        return f"shopassist {command}: {missing}; answering with the rule parser"
    try:
        data = Path(read_manifest(art_dir).inputs["products"]["path"]).parent
    except (KeyError, RuntimeError):
        data = "DATA_DIR"
    return (f"shopassist {command}: the build in {art_dir} has no fine-tuned language model yet, so the rule parser "
            f"answers; train it with `shopassist build --data {data} --out {art_dir}` (~5 min) or "
            f"`shopassist finish-lm --artifacts {art_dir}` (`serve` does it in the background)")


def _assistant_and_session(args: argparse.Namespace):
    config = with_vector_store(config_of(args), args)
    check_vector_store(args.artifacts, args.vector_store)
    assistant, missing = load_assistant(args.artifacts, config)
    if missing:
        print(lm_notice(args.command, args.artifacts, config, missing), file=sys.stderr)
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
    from ui.lm_training import BackgroundFineTune
    from ui.ratelimit import RateLimit
    from ui.reload import BuildWatcher
    from ui.server import serve

    if args.ttl_minutes <= 0:
        raise UsageError("--ttl-minutes must be positive")
    if min(args.session_rate, args.client_rate) < 0 or min(args.session_burst, args.client_burst) < 1:
        raise UsageError("--session-rate/--client-rate must not be negative, --session-burst/--client-burst at least 1")
    config = with_vector_store(config_of(args), args)
    check_vector_store(args.artifacts, args.vector_store)
    assistant, missing = load_assistant(args.artifacts, config)
    lm_job = None
    if missing and config.assistant.lm_build and not config.assistant.lm_model:
        # Serve at once with the rules; fine-tune in a child process and switch when it is ready.
        lm_job = BackgroundFineTune.for_build(args.artifacts, args.preset, args.config)
        print(f"shopassist serve: the build in {args.artifacts} has no fine-tuned language model yet: the rule "
              "parser answers while it fine-tunes in the background (~5 min; longer the first time on a machine)",
              flush=True)
    elif missing:
        print(lm_notice(args.command, args.artifacts, config, missing), file=sys.stderr)
    # `user forget` / `update-products` / the background fine-tune publish new builds: the server follows them.
    watcher = BuildWatcher(args.artifacts, lambda: load_assistant(args.artifacts, config)[0], assistant.build_id)
    secret = load_secret(args.user_secret_file)
    if args.demo:
        print("shopassist serve: demo mode: the 'Shopping as' shoppers are made up, and a bare user_id is "
              "believed (never run a real shop with --demo)", flush=True)
    if args.cart_days <= 0 or args.event_days <= 0 or args.sessions_per_client <= 0:
        raise UsageError("--cart-days, --event-days and --sessions-per-client must be positive")
    state = open_state_store(args.artifacts, args.state)
    serve(assistant, host=args.host, port=args.port, ttl_s=args.ttl_minutes * 60,
          session_limit=RateLimit(args.session_rate, args.session_burst),
          client_limit=RateLimit(args.client_rate, args.client_burst), watcher=watcher, lm_job=lm_job,
          demo=args.demo, user_secret=secret, forwarded_allow_ips=args.forwarded_allow_ips, state_db=state,
          cart_ttl_s=args.cart_days * 86400, event_ttl_s=args.event_days * 86400,
          max_per_client=args.sessions_per_client)
    return 0


def open_state_store(art_dir: str, url: str | None):
    """The live-state database (`--state URL`, $SHOPASSIST_STATE, or ART/state.db), schema up to date."""
    from assistant.livestate.db import open_state, state_url
    from assistant.livestate.store import StateStore

    return StateStore(open_state(state_url(art_dir, url)))


def cmd_sign_user(args: argparse.Namespace) -> int:
    """Print a store-signed token for a shopper id (what a shop's backend gives its chat widget)."""
    secret = load_secret(args.secret_file)
    if secret is None:
        raise UsageError(f"no secret: pass --secret-file or set {SECRET_ENV}")
    print(sign_user(args.user_id, secret, ttl_s=args.ttl_minutes * 60))
    return 0


def config_of(args: argparse.Namespace) -> AppConfig:
    """The AppConfig for this invocation: preset, then --config TOML (shared by all commands)."""
    return build_config(args.preset, args.config)


def add_vector_store_args(s: argparse.ArgumentParser, building: bool) -> None:
    from assistant.config import VECTOR_STORES

    if building:
        s.add_argument("--vector-store", choices=VECTOR_STORES, default=None,
                       help="where the product vectors go: faiss (files in the build, the default) or milvus "
                            "(a Milvus collection; the config's retrieval.vector_store otherwise)")
        s.add_argument("--milvus-uri", default=None, metavar="PATH_OR_URL",
                       help="with milvus: a Milvus Lite folder (default: milvus.db inside the build) or a server, "
                            "http://HOST:19530; implies --vector-store milvus")
    else:
        s.add_argument("--vector-store", choices=VECTOR_STORES, default=None,
                       help="refuse to start unless the build keeps its vectors there (the build decides)")
        s.add_argument("--milvus-uri", default=None, metavar="PATH_OR_URL",
                       help="reach a Milvus build's collection at this address instead of the one the build "
                            "recorded (the same server seen from here)")


def with_vector_store(cfg: AppConfig, args: argparse.Namespace) -> AppConfig:
    """`cfg` with --vector-store / --milvus-uri applied (a --milvus-uri alone means milvus when building)."""
    store, uri = getattr(args, "vector_store", None), getattr(args, "milvus_uri", None)
    if uri is not None and not uri.strip():
        raise UsageError("--milvus-uri is empty: give a Milvus Lite folder or http://HOST:19530")
    changes = {}
    if uri:
        changes["milvus_uri"] = uri.strip()
        if args.command == "build":
            if store == "faiss":
                raise UsageError("--milvus-uri goes with --vector-store milvus, not faiss")
            store = "milvus"
    if store and args.command == "build":
        changes["vector_store"] = store
    return dataclasses.replace(cfg, retrieval=dataclasses.replace(cfg.retrieval, **changes)) if changes else cfg


def check_vector_store(art_dir: str, wanted: str | None) -> None:
    """Raise when `--vector-store` names another store than the build in `art_dir` keeps its vectors in."""
    if wanted is None:
        return
    from assistant.config import config_from_dict
    from assistant.shopdata.artifacts import read_manifest

    built = config_from_dict(read_manifest(art_dir).config).retrieval.vector_store
    if built != wanted:
        raise UsageError(f"the build in {art_dir} keeps its vectors in {built}, not {wanted}; rebuild with "
                         f"`shopassist build --vector-store {wanted} ...` or drop --vector-store")


def add_session_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("--artifacts", required=True)
    s.add_argument("--user", default=None, help="user id (personalised ranking)")
    s.add_argument("--no-personalize", action="store_true", help="rank without CF or profile signal")
    add_vector_store_args(s, building=False)


def add_state_arg(s: argparse.ArgumentParser) -> None:
    s.add_argument("--state", default=None, metavar="URL",
                   help="live-state database: sessions, carts, orders, events (default: sqlite file "
                        "ART/state.db, or $SHOPASSIST_STATE; postgresql://user@host/db for several machines)")


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
    s.add_argument("--currency", metavar="CODE",
                   help="ISO 4217 code of the prices (EUR, INR, ...), written to shop.json; default: what the "
                        "format implies (BigBasket INR, UCI GBP, Amazon and Sephora USD), else US dollars")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("build", help="build artifacts (index, SVD, profiles) from a data folder")
    s.add_argument("--data", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--if-stale", action="store_true",
                   help="do nothing when the artifacts are up to date; a fine-tune that is not cached is left "
                        "for later (`serve` runs it in the background, `finish-lm` in the foreground)")
    s.add_argument("--engine", choices=("pandas", "spark"), default=None,
                   help="where profiles, and a top-N model that is ALS, are trained (default: the config's "
                        "recsys.engine, pandas)")
    s.add_argument("--spark-master", default=None,
                   help="Spark master for --engine spark (default local[*]; a cluster: spark://host:7077)")
    add_vector_store_args(s, building=True)
    s.set_defaults(func=cmd_build)

    s = sub.add_parser("refresh", help="retrain profiles and top-N from the files plus shoppers' carts and orders "
                                       "in the live-state database; publish like build")
    s.add_argument("--artifacts", required=True)
    s.add_argument("--data", default=None, help="the shop folder (default: the one the build read)")
    add_state_arg(s)
    s.add_argument("--force", action="store_true",
                   help="publish even when the build already holds these files and database events")
    s.set_defaults(func=cmd_refresh)

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
    add_vector_store_args(s, building=False)
    s.add_argument("--ttl-minutes", type=float, default=30.0, help="idle minutes before a chat session expires")
    s.add_argument("--cart-days", type=float, default=30.0,
                   help="days an idle session that holds a cart is kept (its cart is never dropped sooner)")
    s.add_argument("--sessions-per-client", type=int, default=200,
                   help="live chat sessions one client address may hold (default 200; raise it behind a NAT)")
    s.add_argument("--event-days", type=float, default=365.0,
                   help="days recorded shopper events (shown, added, ordered, feedback) are kept (default 365)")
    add_state_arg(s)
    from ui.ratelimit import CLIENT_LIMIT, SESSION_LIMIT

    for who, limit in (("session", SESSION_LIMIT), ("client", CLIENT_LIMIT)):
        s.add_argument(f"--{who}-rate", type=float, default=limit.rate_per_s,
                       help=f"messages per second per {who} ({'IP' if who == 'client' else 'chat'}), "
                            f"sustained; 0 = no limit (default {limit.rate_per_s})")
        s.add_argument(f"--{who}-burst", type=int, default=limit.burst,
                       help=f"messages a {who} may send at once before the rate applies (default {limit.burst})")
    s.add_argument("--demo", action="store_true",
                   help="demo shop: offer the made-up 'Shopping as' shoppers and believe a bare user_id "
                        "(what `make demo` runs); without it a shopper is known only by a store-signed token")
    s.add_argument("--user-secret-file", default=None,
                   help=f"secret that store-signed user tokens are checked with (or set {SECRET_ENV})")
    s.add_argument("--forwarded-allow-ips", default=None,
                   help="comma-separated addresses of proxies whose X-Forwarded-For is believed (default: none)")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("sign-user", help="print a store-signed user token for the chat (tests, a shop's backend)")
    s.add_argument("user_id")
    s.add_argument("--secret-file", default=None, help=f"the shared secret (or set {SECRET_ENV})")
    s.add_argument("--ttl-minutes", type=float, default=60.0, help="minutes the token stays valid")
    s.set_defaults(func=cmd_sign_user)
