"""Open the live-state database: resolve its URL, tune the engine, bring the schema up to date.

Why SQLAlchemy + Alembic: one well-kept layer speaks SQLite (embedded, nothing to install) and
PostgreSQL (several servers, several machines) with the same tables, and Alembic's migrations
let a later schema upgrade the file a shop already has instead of starting it over.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import StaticPool

from retrieval.types import UsageError

STATE_FILE = "state.db"
ENV_URL = "SHOPASSIST_STATE"
MIGRATIONS = Path(__file__).parent / "migrations"
_PG_MIGRATION_LOCK = 0x5A0F_57A7  # pg_advisory_lock key: one process migrates at a time


class StateError(UsageError):
    """The live-state database cannot be used as configured (the message names the URL and why)."""


def state_url(art_dir: str | Path | None = None, url: str | None = None) -> str:
    """The database to use: `url` as given, else $SHOPASSIST_STATE, else `ART/state.db` (SQLite)."""
    chosen = url or os.environ.get(ENV_URL)
    if chosen:
        return chosen
    if art_dir is None:
        raise StateError("no live-state database: give --state URL or an artifacts folder")
    return f"sqlite:///{Path(art_dir).resolve() / STATE_FILE}"


def shown_url(url) -> str:
    """A URL (text or parsed) as messages and manifests may show it: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"


def open_state(url: str) -> Engine:
    """An engine on `url` with the schema at the latest migration.

    SQLite runs in WAL mode (readers never wait for the writer; a crash loses no committed turn)
    with foreign keys on and a busy timeout, so several server processes can share one file.
    `sqlite://` (no path) is one in-memory database shared by the process's threads (tests).
    Raises `StateError` naming the URL when it is malformed or names an engine other than these two.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StateError(f"--state {url!r} is not a database URL (e.g. sqlite:///state.db or "
                        f"postgresql+psycopg://user@host/db)") from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # the driver the project installs
    if backend not in ("sqlite", "postgresql"):
        raise StateError(f"--state {url!r}: only sqlite:// and postgresql:// databases are supported")
    if backend == "sqlite":
        engine = _sqlite_engine(parsed)
    else:
        engine = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=10)
    try:
        _migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise StateError(f"--state {shown_url(parsed)}: cannot open the database "
                         f"({reason})") from exc
    return engine


def _sqlite_engine(parsed) -> Engine:
    path = parsed.database
    if path and path != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"--state {parsed}: cannot open the database ({exc.strerror}: {exc.filename})") from exc
        engine = create_engine(parsed, connect_args={"timeout": 30, "check_same_thread": False})
    else:
        engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten: a forgotten shopper is gone
        if path and path != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at each checkpoint, never corrupt
        cursor.close()

    return engine


def _migrate(engine: Engine) -> None:
    """Upgrade to Alembic's head, one process at a time (servers started together race otherwise)."""
    from alembic import command
    from alembic.config import Config

    with _migration_lock(engine), engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextlib.contextmanager
def _migration_lock(engine: Engine):
    """An exclusive file lock beside a SQLite file (PostgreSQL locks inside the transaction)."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        yield
        return
    with open(f"{path}.migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
