"""The red-team suite (bench/data/redteam.jsonl) against built shops: failures per risk, per build.

Usage:
    .venv/bin/python bench/redteam.py rules=artifacts/demo-rules lm=artifacts/demo
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.loop import Assistant  # noqa: E402
from assistant.offline.redteam import load_cases, run_suite  # noqa: E402

CASES = Path(__file__).resolve().parent / "data" / "redteam.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("builds", nargs="+", help="LABEL=ARTIFACTS_DIR")
    args = ap.parse_args()
    cases = load_cases(CASES)
    risks = sorted({c["risk"] for c in cases})
    print("| build | " + " | ".join(f"{r} failed" for r in risks) + " |")
    print("|---|" + "---|" * len(risks))
    details = []
    for item in args.builds:
        label, _, art = item.partition("=")
        report = run_suite(Assistant.load(art), cases)
        print(f"| {label} | " + " | ".join(f"{report['failed'].get(r, 0)}/{report['cases'][r]}" for r in risks) + " |")
        details += [(label, case_id, problems) for case_id, problems in report["failures"]]
    for label, case_id, problems in details:
        print(f"- {label} {case_id}: {'; '.join(problems)}")


if __name__ == "__main__":
    main()
