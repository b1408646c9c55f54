"""Conversation log: off by default; when on, redacted text under keyed user pseudonyms.

Why pseudonyms: the log must not hold raw personal data, yet `shopassist user forget U` must
find and remove every line of U. A keyed hash (secret kept beside the artifacts, never in the
log) gives both. Text goes through `privacy.redact` before it is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import threading
from pathlib import Path

from assistant.privacy import pseudonym, redact
from assistant.shopdata.atomic import atomic_write_bytes, atomic_write_text

LOG_DIR = "logs"
LOG_FILE = "chat.jsonl"
SECRET_FILE = ".log-secret"


def load_secret(art_dir: str | Path) -> bytes:
    """The per-shop pseudonym key, created on first use with owner-only permissions."""
    path = Path(art_dir) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, secrets.token_bytes(32))
        os.chmod(path, 0o600)
    return path.read_bytes()


class ChatLog:
    """Append-only JSONL log of turns; thread-safe; supports per-user export and forget."""

    def __init__(self, art_dir: str | Path):
        self.path = Path(art_dir) / LOG_DIR / LOG_FILE
        self.secret = load_secret(art_dir)
        self._lock = threading.Lock()

    def append(self, user_id: str | None, message: str, reply: str, intent: str) -> None:
        record = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                  "user": pseudonym(user_id, self.secret), "intent": intent,
                  "message": redact(message), "reply": redact(reply)}
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    def _records(self) -> list[dict]:
        if not self.path.exists():
            return []
        with open(self.path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    def export(self, user_id: str) -> list[dict]:
        key = pseudonym(user_id, self.secret)
        return [r for r in self._records() if r.get("user") == key]

    def without(self, user_id: str) -> tuple[str, int]:
        """The log's text without the user's lines, and how many lines that drops (nothing written)."""
        key = pseudonym(user_id, self.secret)
        records = self._records()
        kept = [r for r in records if r.get("user") != key]
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), len(records) - len(kept)

    def forget(self, user_id: str) -> int:
        """Rewrite the log without the user's lines (atomically); returns how many were removed."""
        with self._lock:
            text, removed = self.without(user_id)
            if removed:
                atomic_write_text(self.path, text)
        return removed
