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
    owner: str | None = None      # the client that created it (its address); quotas count per owner
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
        max_sessions: beyond this a session is dropped: the least recently used one without a
            cart, else the least recently used, so a flood of new ids cannot grow memory without bound.
        max_per_owner: live sessions one client may hold; its own least recently used session (one
            without a cart first) makes room for its next, so one client cannot evict everyone else's.
        clock: monotonic seconds; injectable for tests.
    """

    def __init__(self, factory: Callable[[str | None, bool], DialogueState], ttl_s: float = 1800.0,
                 max_sessions: int = 2000, clock: Callable[[], float] = time.monotonic,
                 max_per_owner: int = 50):
        if ttl_s <= 0 or max_sessions <= 0 or max_per_owner <= 0:
            raise ValueError("session ttl, max_sessions and max_per_owner must be positive")
        self._factory = factory
        self.ttl_s = ttl_s
        self.max_sessions = max_sessions
        self.max_per_owner = max_per_owner
        self._clock = clock
        self._sessions: OrderedDict[str, ChatSession] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_id: str, user_id: str | None = None, personalize: bool = True,
            owner: str | None = None) -> ChatSession:
        """The live session for this id, created (with user_id, personalize, owner) when new or expired."""
        now = self._clock()
        with self._lock:
            self._expire_locked(now)
            session = self._sessions.get(session_id)
            if session is None:
                if owner is not None:
                    self._make_room_for(owner)
                session = ChatSession(session_id, self._factory(user_id, personalize), now, owner=owner)
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

    def owned(self, owner: str) -> int:
        """Live sessions this client holds."""
        with self._lock:
            return sum(s.owner == owner for s in self._sessions.values())

    def _make_room_for(self, owner: str) -> None:
        mine = [key for key, s in self._sessions.items() if s.owner == owner]
        while len(mine) >= self.max_per_owner:
            victim = _first_idle(self._sessions, mine)
            if victim is None:
                break
            del self._sessions[victim]
            mine.remove(victim)

    def _evict_locked(self) -> None:
        while len(self._sessions) > self.max_sessions:
            victim = _first_idle(self._sessions, list(self._sessions)[:-1])  # never the one just made
            if victim is None:
                break
            del self._sessions[victim]


def _first_idle(sessions: OrderedDict[str, ChatSession], keys: list[str]) -> str | None:
    """The least recently used of `keys` with no turn running, preferring one whose cart is empty."""
    idle = [k for k in keys if not sessions[k].lock.locked()]
    return next((k for k in idle if not sessions[k].state.cart), idle[0] if idle else None)
