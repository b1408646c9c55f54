"""Orders record the currency their total is in (an imported catalog may be priced in rupees or euros).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Orders placed before this revision were totalled in US dollars, the only currency shown then.
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("currency", sa.String(3), nullable=False, server_default="USD"))


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("currency")
