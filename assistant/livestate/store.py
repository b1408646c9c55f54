"""Reads and writes of the live state: sessions with their carts, orders, events.

Every write is one transaction, so a turn's dialogue, cart lines and events land together or not
at all (a `kill -9` between turns loses nothing that was acknowledged). Sessions are saved with
optimistic concurrency: `save` names the version it read, and a session another process saved
meanwhile raises `StaleSession` instead of being overwritten.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Text, cast, delete, func, insert, select, update

from assistant.livestate.schema import cart_lines, events, orders, sessions, settings

EVENT_KINDS = ("shown", "why", "cart_add", "cart_remove", "cart_quantity", "checkout", "feedback")


class StaleSession(Exception):
    """The session changed in another process since it was read; the turn must not overwrite it."""


@dataclass
class StoredSession:
    """One session row with its cart lines (product_id -> quantity, in the cart's order)."""

    key: str
    owner: str | None
    user_id: str | None
    personalize: bool
    state: dict[str, Any]
    cart: dict[str, int]
    version: int
    last_used: float


@dataclass(frozen=True)
class Event:
    """Something a shopper did. user_id/session_key are None for anonymous events (guests, or
    personalisation off): those count only in aggregates."""

    kind: str
    product_id: str | None = None
    position: int | None = None
    value: float | None = None
    detail: str | None = None
    user_id: str | None = None
    session_key: str | None = None


class StateStore:
    """The live state behind one engine; thread-safe (each call takes its own connection)."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.time):
        self.engine = engine
        self._clock = clock

    def now(self) -> float:
        """The store's clock (Unix seconds): the one session times are compared with."""
        return self._clock()

    def setting(self, name: str, make: Callable[[], str]) -> str:
        """The shared value of `name`, made by `make()` and stored by the first process that asks."""
        with self.engine.connect() as conn:
            found = conn.execute(select(settings.c.value).where(settings.c.name == name)).scalar()
        if found is not None:
            return found
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(settings).values(name=name, value=make()))
        except Exception:  # another process stored it first: theirs is the one
            pass
        with self.engine.connect() as conn:
            return conn.execute(select(settings.c.value).where(settings.c.name == name)).scalar_one()

    # -- sessions -------------------------------------------------------------------------------

    def load(self, key: str) -> StoredSession | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(sessions).where(sessions.c.key == key)).mappings().first()
            if row is None:
                return None
            return _stored(row, _cart(conn, key))

    def create(self, key: str, owner: str | None, user_id: str | None, personalize: bool,
               state: dict[str, Any]) -> StoredSession:
        """Insert a new session; if another process created the same key first, theirs is returned."""
        now = self._clock()
        values = {"key": key, "owner": owner, "user_id": user_id, "personalize": personalize, "state": state,
                  "version": 1, "created_at": now, "last_used": now}
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(sessions).values(**values))
        except Exception:  # IntegrityError on the primary key: created meanwhile
            existing = self.load(key)
            if existing is None:
                raise
            return existing
        return StoredSession(key, owner, user_id, personalize, state, {}, 1, now)

    def save(self, key: str, version: int, *, user_id: str | None, personalize: bool, state: dict[str, Any],
             cart: dict[str, int], new_events: Iterable[Event] = (), order: dict[str, Any] | None = None) -> int:
        """Write the session's dialogue and cart over `version`, with the turn's events and the order its
        checkout placed ({order_id, total, lines}); the new version.

        Raises `StaleSession` when the row is no longer at `version` (or was deleted): nothing is written."""
        now = self._clock()
        with self.engine.begin() as conn:
            done = conn.execute(update(sessions).where(sessions.c.key == key, sessions.c.version == version)
                                .values(user_id=user_id, personalize=personalize, state=state,
                                        version=version + 1, last_used=now))
            if done.rowcount != 1:
                raise StaleSession(key)
            _write_cart(conn, key, cart, now)
            _insert_events(conn, new_events, now)
            if order is not None:
                known = user_id if personalize else None
                conn.execute(insert(orders).values(order_id=order["order_id"], session_key=key, user_id=known,
                                                   created_at=now, total=order["total"], lines=order["lines"],
                                                   currency=order.get("currency", "USD")))
        return version + 1

    def orders_of(self, key: str) -> list[dict[str, Any]]:
        """The orders placed in one session, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(orders).where(orders.c.session_key == key)
                                .order_by(orders.c.created_at)).mappings().all()
        return [dict(r) for r in rows]

    def touch(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(sessions).where(sessions.c.key == key).values(last_used=self._clock()))

    def delete(self, key: str) -> bool:
        with self.engine.begin() as conn:
            conn.execute(delete(cart_lines).where(cart_lines.c.session_key == key))
            return conn.execute(delete(sessions).where(sessions.c.key == key)).rowcount > 0

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(sessions)).scalar_one()

    def owned(self, owner: str) -> list[tuple[str, bool, float]]:
        """The owner's sessions, least recently used first, each with whether it holds a cart and
        the time it was last used (this store's clock)."""
        with self.engine.connect() as conn:
            carted = _carted()
            rows = conn.execute(select(sessions.c.key, sessions.c.key.in_(carted), sessions.c.last_used)
                                .where(sessions.c.owner == owner).order_by(sessions.c.last_used)).all()
        return [(key, bool(has_cart), float(used)) for key, has_cart, used in rows]

    def oldest_without_cart(self, n: int, keep: str) -> list[str]:
        """Up to n least recently used sessions that hold no cart, never `keep`."""
        with self.engine.connect() as conn:
            carted = _carted()
            return list(conn.execute(select(sessions.c.key).where(sessions.c.key.not_in(carted), sessions.c.key != keep)
                                     .order_by(sessions.c.last_used).limit(n)).scalars())

    def expire(self, idle_s: float, cart_idle_s: float) -> tuple[int, int]:
        """Sessions idle past `idle_s` end; one holding a cart keeps its cart (and its row, with the
        dialogue reset) until `cart_idle_s`. Returns (sessions ended, carts dropped)."""
        now = self._clock()
        with self.engine.begin() as conn:
            carted = _carted()
            ended = conn.execute(delete(sessions).where(sessions.c.last_used < now - idle_s,
                                                        sessions.c.key.not_in(carted))).rowcount
            old_carts = conn.execute(select(sessions.c.key).where(sessions.c.last_used < now - cart_idle_s)).scalars()
            old = list(old_carts)
            if old:
                conn.execute(delete(cart_lines).where(cart_lines.c.session_key.in_(old)))
                conn.execute(delete(sessions).where(sessions.c.key.in_(old)))
        return ended, len(old)

    # -- orders and events ----------------------------------------------------------------------

    def record(self, new_events: Iterable[Event]) -> None:
        with self.engine.begin() as conn:
            _insert_events(conn, new_events, self._clock())

    def user_events(self, user_id: str, kinds: tuple[str, ...] = EVENT_KINDS) -> list[dict[str, Any]]:
        """The shopper's events, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(events).where(events.c.user_id == user_id, events.c.kind.in_(kinds))
                                .order_by(events.c.time, events.c.event_id)).mappings().all()
        return [dict(r) for r in rows]

    def all_events(self, kinds: tuple[str, ...] = EVENT_KINDS) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(events).where(events.c.kind.in_(kinds))
                                .order_by(events.c.time, events.c.event_id)).mappings().all()
        return [dict(r) for r in rows]

    def shopper_events(self, kinds: tuple[str, ...]) -> tuple[list[dict[str, Any]], int]:
        """(events of known shoppers of these kinds, oldest first; how many of these kinds are anonymous),
        read in one transaction so the two agree. What `refresh` folds into the models."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(events).where(events.c.kind.in_(kinds), events.c.user_id.is_not(None))
                                .order_by(events.c.time, events.c.event_id)).mappings().all()
            anonymous = conn.execute(select(func.count()).select_from(events)
                                     .where(events.c.kind.in_(kinds), events.c.user_id.is_(None))).scalar_one()
        return [dict(r) for r in rows], int(anonymous)

    def order_lines(self, order_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """order_id -> its lines ({product_id, title, quantity, price}) for the orders that exist."""
        wanted = list(dict.fromkeys(order_ids))
        if not wanted:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(orders.c.order_id, orders.c.lines).where(orders.c.order_id.in_(wanted))).all()
        return {order_id: list(lines or []) for order_id, lines in rows}

    def purge_events(self, older_than_s: float) -> int:
        """Retention: delete events older than this many seconds; how many went."""
        with self.engine.begin() as conn:
            return conn.execute(delete(events).where(events.c.time < self._clock() - older_than_s)).rowcount

    # -- one shopper's data (export / forget) ----------------------------------------------------

    @staticmethod
    def _mentions(user_id: str):
        """Sessions of the shopper: theirs now, or whose dialogue still names them (a switch to the guest
        keeps the ranking state of before, with the id)."""
        quoted = '"' + user_id.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return (sessions.c.user_id == user_id) | cast(sessions.c.state, Text).contains(quoted, autoescape=True)

    def export_user(self, user_id: str) -> dict[str, list[dict[str, Any]]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(sessions).where(self._mentions(user_id))).mappings().all()
            held = [{**dict(r), "cart": [{"product_id": p, "quantity": q} for p, q in _cart(conn, r["key"]).items()]}
                    for r in rows]
            placed = conn.execute(select(orders).where(orders.c.user_id == user_id)
                                  .order_by(orders.c.created_at)).mappings().all()
        return {"sessions": held, "orders": [dict(o) for o in placed], "events": self.user_events(user_id)}

    def forget_user(self, user_id: str) -> dict[str, int]:
        """Delete the shopper's sessions (with their carts), orders and events; counts per table."""
        with self.engine.begin() as conn:
            keys = list(conn.execute(select(sessions.c.key).where(self._mentions(user_id))).scalars())
            lines = conn.execute(delete(cart_lines).where(cart_lines.c.session_key.in_(keys))).rowcount if keys else 0
            removed = {
                "sessions": conn.execute(delete(sessions).where(sessions.c.key.in_(keys))).rowcount if keys else 0,
                "cart_lines": lines,
                "orders": conn.execute(delete(orders).where(orders.c.user_id == user_id)).rowcount,
                "events": conn.execute(delete(events).where(events.c.user_id == user_id)).rowcount,
            }
        if self.engine.dialect.name == "sqlite":  # the write-ahead log still holds the old pages: fold it in
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed


def _carted():
    """The keys of sessions that hold a cart (a subquery)."""
    return select(cart_lines.c.session_key).distinct().scalar_subquery()


def _stored(row, cart: dict[str, int]) -> StoredSession:
    return StoredSession(row["key"], row["owner"], row["user_id"], bool(row["personalize"]), row["state"], cart,
                         row["version"], row["last_used"])


def _cart(conn, key: str) -> dict[str, int]:
    rows = conn.execute(select(cart_lines.c.product_id, cart_lines.c.quantity)
                        .where(cart_lines.c.session_key == key).order_by(cart_lines.c.line_no)).all()
    return {pid: int(q) for pid, q in rows}


def _write_cart(conn, key: str, cart: dict[str, int], now: float) -> None:
    """Make the stored lines equal `cart` (its order is the line order); unchanged lines keep their time."""
    current = {pid: (q, added) for pid, q, added in conn.execute(
        select(cart_lines.c.product_id, cart_lines.c.quantity, cart_lines.c.added_at)
        .where(cart_lines.c.session_key == key))}
    gone = [pid for pid in current if pid not in cart]
    if gone:
        conn.execute(delete(cart_lines).where(cart_lines.c.session_key == key, cart_lines.c.product_id.in_(gone)))
    for line_no, (pid, quantity) in enumerate(cart.items()):
        if pid in current:
            conn.execute(update(cart_lines).where(cart_lines.c.session_key == key, cart_lines.c.product_id == pid)
                         .values(quantity=quantity, line_no=line_no))
        else:
            conn.execute(insert(cart_lines).values(session_key=key, product_id=pid, quantity=quantity,
                                                   line_no=line_no, added_at=now))


def _insert_events(conn, new_events: Iterable[Event], now: float) -> None:
    rows = [{"time": now, "kind": e.kind, "user_id": e.user_id, "session_key": e.session_key,
             "product_id": e.product_id, "position": e.position, "value": e.value, "detail": e.detail}
            for e in new_events]
    if rows:
        conn.execute(insert(events), rows)
