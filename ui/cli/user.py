"""`shopassist user export|forget USER --artifacts ART`: a shopper's personal data (docs/privacy-and-safety.md)."""

from __future__ import annotations

import argparse
import json
import sys


def cmd_user_export(args: argparse.Namespace) -> int:
    from assistant.offline.userdata import export_user

    print(json.dumps(export_user(args.artifacts, args.user_id, state=args.state), indent=2, ensure_ascii=False))
    return 0


def cmd_user_forget(args: argparse.Namespace) -> int:
    from assistant.offline.userdata import forget_user, missing_inputs
    from ui.reload import SERVERS_FOLLOW

    removed = forget_user(args.artifacts, args.user_id, shared_inputs_ok=args.shared_inputs_ok, state=args.state)
    missing = removed.pop("inputs_missing", 0)
    found = ", ".join(f"{place}: {count}" for place, count in removed.items() if count) or "nothing found"
    print(f"forgot user {args.user_id} in {args.artifacts} ({found}); {SERVERS_FOLLOW}")
    if missing:
        paths = ", ".join(missing_inputs(args.artifacts))
        print(f"shopassist user forget: could not delete everything: the build's input file(s) {paths} are gone "
              f"(moved or deleted); wherever they are now they may still hold {args.user_id}'s rows", file=sys.stderr)
        return 1
    return 0


def register(sub) -> None:
    s = sub.add_parser("user", help="export or delete everything held about one shopper")
    actions = s.add_subparsers(dest="action", required=True)
    for name, func, text in (
            ("export", cmd_user_export, "print the user's profile, model rows, input rows, chat log and live "
                                        "state (sessions, carts, orders, events) as JSON"),
            ("forget", cmd_user_forget, "remove the user from profiles, models, the build's inputs, logs and the "
                                        "live-state database")):
        a = actions.add_parser(name, help=text)
        a.add_argument("user_id")
        a.add_argument("--artifacts", required=True)
        a.add_argument("--state", default=None, metavar="URL",
                       help="the live-state database (default: ART/state.db when it exists, or $SHOPASSIST_STATE)")
        if name == "forget":
            a.add_argument("--shared-inputs-ok", action="store_true",
                           help="forget even when this folder is a copy of another whose input files it shares")
        a.set_defaults(func=func)
