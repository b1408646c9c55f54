"""`shopassist user export|forget USER --artifacts ART`: a shopper's personal data (docs/privacy-and-safety.md)."""

from __future__ import annotations

import argparse
import json


def cmd_user_export(args: argparse.Namespace) -> int:
    from assistant.offline.userdata import export_user

    print(json.dumps(export_user(args.artifacts, args.user_id), indent=2, ensure_ascii=False))
    return 0


def cmd_user_forget(args: argparse.Namespace) -> int:
    from assistant.offline.userdata import forget_user
    from ui.reload import SERVERS_FOLLOW

    removed = forget_user(args.artifacts, args.user_id)
    found = ", ".join(f"{place}: {count}" for place, count in removed.items() if count) or "nothing found"
    print(f"forgot user {args.user_id} in {args.artifacts} ({found}); {SERVERS_FOLLOW}")
    return 0


def register(sub) -> None:
    s = sub.add_parser("user", help="export or delete everything held about one shopper")
    actions = s.add_subparsers(dest="action", required=True)
    for name, func, text in (
            ("export", cmd_user_export, "print the user's profile, model rows, input rows and chat log as JSON"),
            ("forget", cmd_user_forget, "remove the user from profiles, models, the build's inputs and logs")):
        a = actions.add_parser(name, help=text)
        a.add_argument("user_id")
        a.add_argument("--artifacts", required=True)
        a.set_defaults(func=func)
