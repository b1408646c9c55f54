"""Server-side chat sessions: one `DialogueState` (and so one cart) per browser tab or API session.

Why server-side and not `gr.State`: the Gradio tabs and the JSON API share one store, so both
get the same isolation, locking and idle expiry, and a test can inspect it. Sessions are keyed
by an opaque string; callers namespace their keys ("ui:<gradio session hash>", "api:<id>") so an
API client can never address a browser tab's session.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.types import DialogueState, Reply


@dataclass
class ChatSession:
    """One conversation. `lock` serialises turns: the assistant is not thread-safe per session."""

    session_id: str
    state: DialogueState
    last_used: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    # The state just before the last search turn and that turn's message, so a change of user or
    # personalisation can re-run the same search and show its effect on the ranking.
    before_last_search: DialogueState | None = None
    last_search_message: str = ""
    last_reply: Reply | None = None


class SessionStore:
    """Thread-safe map session_id -> ChatSession with idle expiry and a size cap.

    Args:
        factory: builds a fresh DialogueState (user_id, personalize) -> state.
        ttl_s: a session unused for this many seconds is dropped (its cart too).
        max_sessions: beyond this the least recently used session is dropped, so a flood of new
            session ids cannot grow memory without bound.
        clock: monotonic seconds; injectable for tests.
    """

    def __init__(self, factory: Callable[[str | None, bool], DialogueState], ttl_s: float = 1800.0,
                 max_sessions: int = 2000, clock: Callable[[], float] = time.monotonic):
        if ttl_s <= 0 or max_sessions <= 0:
            raise ValueError("session ttl and max_sessions must be positive")
        self._factory = factory
        self.ttl_s = ttl_s
        self.max_sessions = max_sessions
        self._clock = clock
        self._sessions: OrderedDict[str, ChatSession] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str, user_id: str | None = None, personalize: bool = True) -> ChatSession:
        """The live session for this id, created (with user_id, personalize) when new or expired."""
        now = self._clock()
        with self._lock:
            self._expire_locked(now)
            session = self._sessions.get(session_id)
            if session is None:
                session = ChatSession(session_id, self._factory(user_id, personalize), now)
                self._sessions[session_id] = session
                self._evict_locked()
            session.last_used = now
            self._sessions.move_to_end(session_id)
            return session

    def peek(self, session_id: str) -> ChatSession | None:
        """The session if it is live; does not create it or refresh its idle timer."""
        with self._lock:
            self._expire_locked(self._clock())
            return self._sessions.get(session_id)

    def drop(self, session_id: str) -> bool:
        with self._lock:
            return self._sessions.pop(session_id, None) is not None

    def expire(self) -> int:
        """Drop idle sessions now; returns how many were dropped."""
        with self._lock:
            return self._expire_locked(self._clock())

    def __len__(self) -> int:
        with self._lock:
            return len(self._sessions)

    def _expire_locked(self, now: float) -> int:
        # Oldest first (move_to_end on use), so stop at the first live one.
        dropped = 0
        for session_id, session in list(self._sessions.items()):
            if now - session.last_used <= self.ttl_s:
                break
            if session.lock.locked():  # a turn is running: not idle, whatever the clock says
                continue
            del self._sessions[session_id]
            dropped += 1
        return dropped

    def _evict_locked(self) -> None:
        while len(self._sessions) > self.max_sessions:
            self._sessions.popitem(last=False)
