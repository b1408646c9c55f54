"""`shopassist dialogues run PATH...`: scripted dialogues (YAML) against a build; table, exit status, reports.

Exit status: 0 all pass (known bugs marked `xfail` may still fail), 1 an expectation failed or a
dialogue could not run, 2 a file is invalid (every problem printed with file and line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.types import UsageError
from ui.cli.core import config_of


def cmd_dialogues_run(args: argparse.Namespace) -> int:
    from assistant.scripted.loader import DialogueFileError, dialogue_files, load_dialogues
    from assistant.scripted.report import text_table, write_report
    from assistant.scripted.runner import DialogueRunner
    from assistant.scripted.shop import ShopSource, default_cache_dir, ensure_demo_data

    for report in args.report:
        if Path(report).suffix not in (".xml", ".html", ".htm"):
            raise UsageError(f"--report {report}: the extension must be .xml (JUnit) or .html")
    dialogues, problems = [], []
    for path in dialogue_files(args.paths):
        try:
            dialogues += load_dialogues(path)
        except DialogueFileError as exc:
            problems += exc.problems
    if problems:
        for problem in problems:
            print(f"shopassist dialogues: invalid: {problem}", file=sys.stderr)
        return 2
    if not dialogues:
        raise UsageError(f"no dialogues (*.yaml, *.yml) in {' '.join(args.paths)}")
    cache = Path(args.cache) if args.cache else default_cache_dir()
    data = Path(args.data) if args.data else None
    if args.artifacts is None and data is None:
        data = ensure_demo_data(cache / "demo-data")
        print(f"using the demo shop in {data} (artifacts cached in {cache})", file=sys.stderr)
    log = (lambda msg: print(msg, file=sys.stderr)) if args.verbose else (lambda _msg: None)
    shop = ShopSource(config_of(args), cache, Path(args.artifacts) if args.artifacts else None, data, log)
    results = DialogueRunner(shop).run_all(dialogues)
    print(text_table(results))
    for report in args.report:
        write_report(results, report)
        print(f"report written to {report}", file=sys.stderr)
    return 1 if any(r.counts_as_failure for r in results) else 0


def register(sub) -> None:
    group = sub.add_parser("dialogues", help="scripted dialogue tests (YAML) against the assistant")
    actions = group.add_subparsers(dest="dialogues_command", required=True)
    s = actions.add_parser("run", help="run dialogue files or folders; exit 1 on a failed expectation, 2 on a bad file")
    s.add_argument("paths", nargs="+", metavar="PATH", help="dialogue files, or folders searched for *.yaml/*.yml")
    s.add_argument("--artifacts", help="a build to run against (default: build --data, or the demo shop)")
    s.add_argument("--data", help="data folder to build from when --artifacts is missing or a dialogue "
                                  "overrides retrieval settings")
    s.add_argument("--cache", help="where builds made here are kept (default: $SHOPASSIST_CACHE/dialogues)")
    s.add_argument("--report", action="append", default=[], metavar="FILE",
                   help="also write FILE: .xml (JUnit) or .html (repeatable)")
    s.add_argument("--verbose", action="store_true", help="print build progress")
    s.set_defaults(func=cmd_dialogues_run)
