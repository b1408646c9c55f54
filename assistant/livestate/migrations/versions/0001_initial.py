"""Sessions, cart lines, orders and events.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("owner", sa.String(200), nullable=True),
        sa.Column("user_id", sa.String(200), nullable=True),
        sa.Column("personalize", sa.Boolean, nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_used", sa.Float, nullable=False),
    )
    op.create_index("ix_sessions_owner", "sessions", ["owner"])
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_index("ix_sessions_last_used", "sessions", ["last_used"])
    op.create_table(
        "cart_lines",
        sa.Column("session_key", sa.String(200), sa.ForeignKey("sessions.key", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("product_id", sa.String(200), primary_key=True),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("line_no", sa.Integer, nullable=False),
        sa.Column("added_at", sa.Float, nullable=False),
    )
    op.create_table(
        "orders",
        sa.Column("order_id", sa.String(40), primary_key=True),
        sa.Column("session_key", sa.String(200), nullable=True),
        sa.Column("user_id", sa.String(200), nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("total", sa.Float, nullable=False),
        sa.Column("lines", sa.JSON, nullable=False),
    )
    op.create_index("ix_orders_session_key", "orders", ["session_key"])
    op.create_index("ix_orders_user_id", "orders", ["user_id"])
    op.create_table(
        "events",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("time", sa.Float, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("user_id", sa.String(200), nullable=True),
        sa.Column("session_key", sa.String(200), nullable=True),
        sa.Column("product_id", sa.String(200), nullable=True),
        sa.Column("position", sa.Integer, nullable=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("detail", sa.Text, nullable=True),
    )
    op.create_index("ix_events_time", "events", ["time"])
    op.create_index("ix_events_user_time", "events", ["user_id", "time"])


def downgrade() -> None:
    for table in ("events", "orders", "cart_lines", "sessions"):
        op.drop_table(table)
