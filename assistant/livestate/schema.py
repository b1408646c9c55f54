"""The tables of the live state. SQLAlchemy Core, so one definition serves SQLite and PostgreSQL.

Times are Unix seconds (float): comparable across processes and engines without time zones.
A session row holds the dialogue (JSON) and a version for optimistic concurrency: several
server processes share the rows, and a turn saves only over the version it read.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

sessions = Table(
    "sessions", metadata,
    Column("key", String(200), primary_key=True),            # "api:<client>:<id>", "ui:<browser id>"
    Column("owner", String(200), nullable=True, index=True),  # the client that created it (its quota)
    Column("user_id", String(200), nullable=True, index=True),  # the shopper, when known
    Column("personalize", Boolean, nullable=False, default=True),
    Column("state", JSON, nullable=False),                    # the dialogue without the cart
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", Float, nullable=False),
    Column("last_used", Float, nullable=False, index=True),
)

cart_lines = Table(
    "cart_lines", metadata,
    Column("session_key", String(200), ForeignKey("sessions.key", ondelete="CASCADE"), primary_key=True),
    Column("product_id", String(200), primary_key=True),
    Column("quantity", Integer, nullable=False),
    Column("line_no", Integer, nullable=False),              # the cart's order: "remove the first one"
    Column("added_at", Float, nullable=False),
)

orders = Table(
    "orders", metadata,
    Column("order_id", String(40), primary_key=True),
    Column("session_key", String(200), nullable=True, index=True),
    Column("user_id", String(200), nullable=True, index=True),
    Column("created_at", Float, nullable=False),
    Column("total", Float, nullable=False),
    Column("currency", String(3), nullable=False, server_default="USD"),  # ISO 4217, the catalog's
    Column("lines", JSON, nullable=False),                    # [{product_id, title, quantity, price}]
)

# kind: shown, why, cart_add, cart_remove, cart_quantity, checkout, feedback.
# user_id and session_key stay empty for guests and for shoppers who turned personalisation off:
# their events count only in anonymous aggregates.
events = Table(
    "events", metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=True),
    Column("time", Float, nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("user_id", String(200), nullable=True),
    Column("session_key", String(200), nullable=True),
    Column("product_id", String(200), nullable=True),
    Column("position", Integer, nullable=True),
    Column("value", Float, nullable=True),                    # quantity, order total, +1/-1 feedback
    Column("detail", Text, nullable=True),                    # order id, the reply's intent kind
    Index("ix_events_user_time", "user_id", "time"),
)

# Values every server process must agree on, e.g. the key browser session ids are signed with.
settings = Table(
    "settings", metadata,
    Column("name", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)
