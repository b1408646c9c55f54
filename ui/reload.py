"""Follow the artifacts a server was started on: load the new build when the manifest changes.

Why: `shopassist user forget` and `shopassist update-products` publish a new build while a
server may be running. Without a reload, the server would keep ranking with a forgotten
shopper's profile, or keep showing a removed product, until someone restarts it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.shopdata.artifacts import MANIFEST, read_manifest

log = logging.getLogger("shopassist.ui")

# What commands that publish a build tell the user about servers already running on it.
SERVERS_FOLLOW = "a running `shopassist serve` on these artifacts switches to the new build at its next turn"


class BuildWatcher:
    """`poll()` returns a freshly loaded assistant when the manifest names another build, else None.

    Cheap enough to call on every turn: it stats the manifest at most once per `min_interval_s`
    and reads it only when its modification time changed. A build that fails to load is logged
    and the old one keeps serving (the next manifest change is tried again). One caller loads at a
    time (the background fine-tune loads the build it published with `force`, outside the turn lock).

    Args:
        art_dir: the artifacts folder the server was started on.
        load: loads an assistant from `art_dir` (the server's own preset and config).
        build_id: the build the running assistant serves.
    """

    def __init__(self, art_dir: str | Path, load: Callable[[], Any], build_id: str,
                 min_interval_s: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self.manifest = Path(art_dir) / MANIFEST
        self.load = load
        self.build_id = build_id
        self.min_interval_s = min_interval_s
        self.clock = clock
        self._checked = clock()
        self._mtime = self._stat()
        self._loading = threading.Lock()

    def _stat(self) -> int | None:
        try:
            return self.manifest.stat().st_mtime_ns
        except OSError:
            return None

    def poll(self, force: bool = False) -> Any | None:
        """The new build's assistant, or None. `force` checks now and waits for a load another thread
        has begun; without it a poll while another thread loads returns None at once (that turn is
        answered by the build already loaded, not kept waiting)."""
        if not self._loading.acquire(blocking=force):
            return None
        try:
            return self._poll(force)
        finally:
            self._loading.release()

    def _poll(self, force: bool) -> Any | None:
        now = self.clock()
        if not force and now - self._checked < self.min_interval_s:
            return None
        self._checked = now
        mtime = self._stat()
        if mtime is None or mtime == self._mtime:
            return None
        self._mtime = mtime
        try:
            build_id = read_manifest(self.manifest.parent).build_id
            if build_id == self.build_id:
                return None
            assistant = self.load()
        except Exception as exc:  # keep serving the build that works; say why in the log
            log.error("could not load the new build in %s: %s", self.manifest.parent, exc)
            return None
        log.warning("serving build %s (was %s)", build_id, self.build_id)
        self.build_id = build_id
        return assistant
