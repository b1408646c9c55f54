"""Live-state databases for tests: a SQLite file always, PostgreSQL when $SHOPASSIST_TEST_PG_URL names one.

`.ci/run` starts a PostgreSQL cluster and sets the variable; elsewhere the PostgreSQL cases skip
with the reason. Each PostgreSQL case starts from an empty schema.
"""

from __future__ import annotations

import os

import pytest

PG_ENV = "SHOPASSIST_TEST_PG_URL"
ENGINES = ("sqlite", "postgresql")


def fresh_state_url(engine: str, tmp_path) -> str:
    if engine == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL for this run: set {PG_ENV} (CI starts one)")
    from sqlalchemy import create_engine, text

    engine_ = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine_.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine_.dispose()
    return url
