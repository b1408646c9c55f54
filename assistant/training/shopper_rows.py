"""Labelled shopper messages written by people, as (message, state, intent kind) rows for the intent prior.

Why: the prior learns from generated messages, which share the generator's phrasings. The development halves of
`bench/data/shoppers/` hold messages that independent writers labelled with the kind a careful shop assistant
would read; the prior learns their kinds too (never the final halves, which stay unread). A row's state is
reduced to what the prior sees: whether a list is on screen (after an earlier message in the chat for a single
row; after a turn that showed products for a dialogue's turn).
"""

from __future__ import annotations

import glob
import hashlib
import json
from pathlib import Path

from assistant.types import INTENT_KINDS, DialogueState

# Turns after which the writers' shopper sees a list.
_SHOWS = ("search", "refine", "recommend", "more")


def shopper_files(pattern: str) -> list[Path]:
    """The set files a glob names (sorted), development halves only: a final half is never learnt from."""
    return [Path(p) for p in sorted(glob.glob(pattern)) if "-final" not in Path(p).name] if pattern else []


def files_digest(files: list[Path]) -> str:
    """What the rows are, for a stored prior to be retrained when they change ("" for none)."""
    if not files:
        return ""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def shopper_rows(files: list[Path]) -> tuple[list[str], list[DialogueState], list[str]]:
    """(messages, states, kinds) from single-message rows (`gold.kind`) and dialogue rows (`turns[].expect.kind`)."""
    messages: list[str] = []
    states: list[DialogueState] = []
    kinds: list[str] = []
    shown, empty = DialogueState(shown=["listed"]), DialogueState()

    def add(message: str, listed: bool, kind: str | None) -> None:
        if kind in INTENT_KINDS and message.strip():
            messages.append(message)
            states.append(shown if listed else empty)
            kinds.append(kind)

    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "turns" in row:
                listed = False
                for turn in row["turns"]:
                    kind = turn.get("expect", {}).get("kind")
                    add(turn.get("user", ""), listed, kind)
                    listed = listed or kind in _SHOWS
            else:
                add(row.get("message", ""), bool(row.get("context")), row.get("gold", {}).get("kind"))
    return messages, states, kinds
