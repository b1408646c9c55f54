"""Server-side chat sessions: one `DialogueState` (and so one cart) per browser or API session.

Why server-side and not `gr.State`: the Gradio tabs and the JSON API share one store, so both
get the same isolation, locking and idle expiry, and a test can inspect it. Sessions are keyed
by an opaque string; callers namespace their keys ("ui:<browser id>", "api:<client>:<id>") so an
API client can never address a browser's session.

With a `StateStore` (the default for `shopassist serve`) every session lives in the database and
this store is its per-process cache: a turn saves the dialogue, the cart and its events in one
transaction, a page reload or a restarted server finds them again, and several server processes
share them (each reads the row's version and reloads a session another process changed).
Without one (tests, the CLI's one-shot commands) sessions live in memory only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.livestate.codec import state_from_json, state_to_json
from assistant.livestate.store import Event, StaleSession, StateStore, StoredSession
from assistant.types import DialogueState, Product, Reply

log = logging.getLogger("shopassist.ui")


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
    # The chat as the browser page shows it (role/content messages), kept by the Gradio handlers in
    # memory only: a session loaded from the database rebuilds it from `state.history`.
    page: list[dict] | None = None
    version: int = 0               # the database row's version this state was read at (0: not stored)


class SessionStore:
    """Thread-safe map session_id -> ChatSession with idle expiry, a size cap and per-client quotas.

    Args:
        factory: builds a fresh DialogueState (user_id, personalize) -> state.
        ttl_s: a session unused for this many seconds ends. With a database, one holding a cart
            keeps it (dialogue and cart) for `cart_ttl_s`, so expiry never empties a cart silently.
        max_sessions: beyond this a session is dropped: the least recently used one without a
            cart, else (in memory) the least recently used, so a flood of new ids cannot grow without bound.
        max_per_owner: live sessions one client may hold; one of its own makes room for its next, so one
            client cannot evict everyone else's. The one dropped is its least recently used session left
            idle for `resting_s`, then one paused for a tenth of that (one without a cart first in each), so
            conversations under way from one address (an office behind one gateway, a test rig) are not cut
            while finished ones wait (`quota_victim`).
        resting_s: how long a session goes unused before it counts as finished for the quota.
        clock: monotonic seconds for the in-memory cache; injectable for tests.
        db: the database the sessions live in (None: memory only).
        product: looks a product id up in the current catalog (rebuilds the stored ranking on load).
        cart_ttl_s: how long an idle session with a cart is kept in the database.
        event_ttl_s: retention of recorded events: older ones are purged at each expiry sweep (None: kept).
    """

    def __init__(self, factory: Callable[[str | None, bool], DialogueState], ttl_s: float = 1800.0,
                 max_sessions: int = 2000, clock: Callable[[], float] = time.monotonic,
                 max_per_owner: int = 200, db: StateStore | None = None,
                 product: Callable[[str], Product | None] | None = None, cart_ttl_s: float = 30 * 86400.0,
                 event_ttl_s: float | None = None, resting_s: float = 600.0):
        if ttl_s <= 0 or max_sessions <= 0 or max_per_owner <= 0 or cart_ttl_s < ttl_s:
            raise ValueError("session ttl, max_sessions and max_per_owner must be positive, "
                             "and the cart ttl at least the session ttl")
        self._factory = factory
        self.ttl_s = ttl_s
        self.cart_ttl_s = cart_ttl_s
        self.event_ttl_s = event_ttl_s
        self.max_sessions = max_sessions
        self.max_per_owner = max_per_owner
        self.resting_s = resting_s
        self._clock = clock
        self._sessions: OrderedDict[str, ChatSession] = OrderedDict()
        self._lock = threading.Lock()
        self.db = db
        self._product = product or (lambda _pid: None)
        self._db_expired_at = float("-inf")

    def get(self, session_id: str, user_id: str | None = None, personalize: bool = True,
            owner: str | None = None) -> ChatSession:
        """The live session for this id, created (with user_id, personalize, owner) when new or expired."""
        if self.db is not None:
            return self._get_stored(session_id, user_id, personalize, owner)
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
        if self.db is not None:
            stored = self.db.load(session_id)
            if stored is None:
                with self._lock:
                    self._sessions.pop(session_id, None)
                return None
            with self._lock:
                return self._cached(stored, self._clock())
        with self._lock:
            self._expire_locked(self._clock())
            return self._sessions.get(session_id)

    def drop(self, session_id: str) -> bool:
        with self._lock:
            cached = self._sessions.pop(session_id, None) is not None
        if self.db is not None:
            return self.db.delete(session_id)
        return cached

    def expire(self) -> int:
        """Drop idle sessions now; returns how many were dropped."""
        with self._lock:
            dropped = self._expire_locked(self._clock())
        if self.db is not None:
            ended, carts = self.db.expire(self.ttl_s, self.cart_ttl_s)
            if carts:
                log.info("expired %d idle session(s) with a cart after %.0f days", carts, self.cart_ttl_s / 86400)
            if self.event_ttl_s is not None:
                self.db.purge_events(self.event_ttl_s)
            self._db_expired_at = self._clock()
            return ended + carts
        return dropped

    def save(self, session: ChatSession, events: list[Event] = (), order: dict | None = None) -> None:
        """Write the session (dialogue, cart), the turn's events and its order to the database (no-op in memory).

        Raises `StaleSession` when another process saved it since it was read; the cached copy is
        then dropped, so the next request reads theirs."""
        if self.db is None:
            return
        state = session.state
        try:
            session.version = self.db.save(session.session_id, session.version, user_id=state.user_id,
                                           personalize=state.personalize, state=self._row_state(session),
                                           cart=state.cart, new_events=events, order=order)
        except StaleSession:
            with self._lock:
                self._sessions.pop(session.session_id, None)
            raise

    def __len__(self) -> int:
        if self.db is not None:
            return self.db.count()
        with self._lock:
            return len(self._sessions)

    def owned(self, owner: str) -> int:
        """Live sessions this client holds."""
        if self.db is not None:
            return len(self.db.owned(owner))
        with self._lock:
            return sum(s.owner == owner for s in self._sessions.values())

    # -- database-backed sessions ------------------------------------------------------------------

    def _get_stored(self, session_id: str, user_id: str | None, personalize: bool, owner: str | None) -> ChatSession:
        now = self._clock()
        if now - self._db_expired_at > min(60.0, self.ttl_s / 10):
            self.expire()
        stored = self.db.load(session_id)
        if stored is not None and self.db.now() - stored.last_used > self.ttl_s and not stored.cart:
            self.db.delete(session_id)  # idle past its time: it ends, as it would have at the next sweep
            stored = None
        if stored is None:
            if owner is not None:
                self._make_room_in_db(owner)
            state = self._factory(user_id, personalize)
            stored = self.db.create(session_id, owner, user_id, personalize, self._row_state_of(state, None, ""))
            self._evict_in_db(session_id)
        with self._lock:
            self._expire_locked(now)
            return self._cached(stored, now)

    def _cached(self, stored: StoredSession, now: float) -> ChatSession:
        """The cached session at the stored version: reused when current, else rebuilt from the row."""
        session = self._sessions.get(stored.key)
        if session is None or (session.version != stored.version and not session.lock.locked()):
            data = stored.state
            state = state_from_json(data, self._product, stored.cart)
            session = session or ChatSession(stored.key, state, now, owner=stored.owner)
            session.state, session.version, session.owner = state, stored.version, stored.owner
            rerank = data.get("rerank") or {}
            session.before_last_search = (state_from_json(rerank["before"], self._product, stored.cart)
                                          if rerank.get("before") else None)
            session.last_search_message = rerank.get("message", "")
            self._sessions[stored.key] = session
        session.last_used = now
        self._sessions.move_to_end(stored.key)
        while len(self._sessions) > self.max_sessions:  # the cache only: the rows stay
            victim = _first_idle(self._sessions, list(self._sessions)[:-1])
            if victim is None:
                break
            del self._sessions[victim]
        return session

    def _row_state(self, session: ChatSession) -> dict:
        return self._row_state_of(session.state, session.before_last_search, session.last_search_message)

    @staticmethod
    def _row_state_of(state: DialogueState, before: DialogueState | None, message: str) -> dict:
        data = state_to_json(state)
        data["rerank"] = {"before": state_to_json(before) if before is not None else None, "message": message}
        return data

    def _make_room_in_db(self, owner: str) -> None:
        mine = self.db.owned(owner)
        now = self.db.now()
        while len(mine) >= self.max_per_owner:
            victim = quota_victim([(key, cart, now - used) for key, cart, used in mine if not self._busy(key)],
                                  self.resting_s)
            if victim is None:
                break
            self._drop_for_quota(victim, owner, any(cart for key, cart, _ in mine if key == victim))
            mine = [row for row in mine if row[0] != victim]

    def _drop_for_quota(self, key: str, owner: str, cart: bool) -> None:
        self.drop(key)
        if cart:
            log.warning("client %s is at its quota of %d sessions: dropped its least recently used one, "
                        "which held a cart", owner, self.max_per_owner)

    def _evict_in_db(self, keep: str) -> None:
        excess = self.db.count() - self.max_sessions
        if excess > 0:
            for key in self.db.oldest_without_cart(excess, keep):
                self.drop(key)

    def _busy(self, key: str) -> bool:
        with self._lock:
            session = self._sessions.get(key)
            return session is not None and session.lock.locked()

    # -- in memory -----------------------------------------------------------------------------

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

    def _make_room_for(self, owner: str) -> None:
        now = self._clock()
        mine = [(key, s) for key, s in self._sessions.items() if s.owner == owner]
        idle = [(key, bool(s.state.cart), now - s.last_used) for key, s in mine if not s.lock.locked()]
        for _ in range(len(mine) - self.max_per_owner + 1):
            victim = quota_victim(idle, self.resting_s)
            if victim is None:
                break
            del self._sessions[victim]
            idle = [row for row in idle if row[0] != victim]

    def _evict_locked(self) -> None:
        while len(self._sessions) > self.max_sessions:
            victim = _first_idle(self._sessions, list(self._sessions)[:-1])  # never the one just made
            if victim is None:
                break
            del self._sessions[victim]


def quota_victim(sessions: list[tuple[str, bool, float]], resting_s: float) -> str | None:
    """Which of a client's sessions makes room for its next: `sessions` are (key, holds a cart, idle
    seconds), least recently used first, none with a turn running. Sessions idle for `resting_s` go
    first, then those paused for a tenth of it, then the rest; within each, cartless before carted. A
    conversation between two turns (seconds idle) is never cut for one left minutes ago, cart or not,
    since several run at once from one address (a test rig, an office); None when there is none."""
    paused = resting_s / 10
    for low, high in ((resting_s, float("inf")), (paused, resting_s), (float("-inf"), paused)):
        group = [row for row in sessions if low <= row[2] < high]
        if group:
            return next((key for key, cart, _ in group if not cart), group[0][0])
    return None


def _first_idle(sessions: OrderedDict[str, ChatSession], keys: list[str]) -> str | None:
    """The least recently used of `keys` with no turn running, preferring one whose cart is empty."""
    idle = [k for k in keys if not sessions[k].lock.locked()]
    return next((k for k in idle if not sessions[k].state.cart), idle[0] if idle else None)
