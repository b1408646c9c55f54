"""Retrieval commands: index-info (what was built), search (raw retrieval, no dialogue) and
update-products (add, change or remove products in a built index without a full rebuild).

Why a raw search command: when the assistant shows odd products, the first question is whether
retrieval or reranking put them there; `search` prints the dense, lexical and fused scores.
"""

from __future__ import annotations

import argparse
import json

from ui.cli.core import add_vector_store_args, check_vector_store, config_of, with_vector_store


def _engine(args: argparse.Namespace):
    from assistant.engine import Engine

    check_vector_store(args.artifacts, args.vector_store)
    return Engine.load(args.artifacts, with_vector_store(config_of(args), args))


def cmd_index_info(args: argparse.Namespace) -> int:
    engine = _engine(args)
    info = {"encoder": engine.encoder.name, **engine.index.describe()}
    print(json.dumps(info, indent=2, sort_keys=True))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from assistant.types import Filters

    engine = _engine(args)
    filters = Filters(min_price=args.min_price, max_price=args.max_price, categories=tuple(args.category),
                      brands=tuple(args.brand), exclude_brands=tuple(args.exclude_brand), colors=tuple(args.color),
                      in_stock_only=args.in_stock, exclude_ids=tuple(args.exclude_id))
    hits = engine.retrieve(args.text, filters, args.k)
    print(f"{'score':>7} {'dense':>7} {'bm25':>7}  {'product_id':<12} title")
    for hit in hits:
        p = hit.product
        print(f"{hit.score:7.3f} {hit.dense_score:7.3f} {hit.lexical_score:7.2f}  {p.product_id:<12} {p.title[:70]}")
    return 0


def cmd_update_products(args: argparse.Namespace) -> int:
    from assistant.offline.catalog_update import update_products
    from ui.reload import SERVERS_FOLLOW

    remove = [pid.strip() for pid in args.remove if pid.strip()]
    if args.remove_file:
        with open(args.remove_file, encoding="utf-8") as fh:
            remove += [line.strip() for line in fh if line.strip()]
    result = update_products(args.artifacts, args.products, remove)
    print(f"updated {args.artifacts}: {result['upserted']} replaced, {result['added']} added, "
          f"{result['removed']} removed ({result['unknown_ids']} unknown ids); {result['products']} products, "
          f"{result['dead_slots']} dead slots, {result['seconds']} s; {SERVERS_FOLLOW}")
    return 0


def register(sub) -> None:
    s = sub.add_parser("index-info", help="describe the built retrieval index (kind, parameters, sizes)")
    s.add_argument("--artifacts", required=True)
    add_vector_store_args(s, building=False)
    s.set_defaults(func=cmd_index_info)

    s = sub.add_parser("search", help="raw retrieval for a text: fused, dense and BM25 scores (no reranking)")
    s.add_argument("--artifacts", required=True)
    add_vector_store_args(s, building=False)
    s.add_argument("--k", type=int, default=10)
    s.add_argument("--min-price", type=float, default=None)
    s.add_argument("--max-price", type=float, default=None)
    s.add_argument("--category", action="append", default=[], help="repeatable")
    s.add_argument("--brand", action="append", default=[], help="repeatable")
    s.add_argument("--exclude-brand", action="append", default=[], help="repeatable")
    s.add_argument("--color", action="append", default=[], help="repeatable")
    s.add_argument("--exclude-id", action="append", default=[], metavar="PRODUCT_ID", help="repeatable")
    s.add_argument("--in-stock", action="store_true")
    s.add_argument("text")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("update-products", help="add, change or remove products in built artifacts (no rebuild)")
    s.add_argument("--artifacts", required=True)
    s.add_argument("--products", default=None,
                   help="products file (csv/jsonl/parquet, build format): new ids are added, known ids replaced")
    s.add_argument("--remove", action="append", default=[], metavar="PRODUCT_ID", help="repeatable")
    s.add_argument("--remove-file", default=None, help="file with one product id to remove per line")
    s.set_defaults(func=cmd_update_products)
