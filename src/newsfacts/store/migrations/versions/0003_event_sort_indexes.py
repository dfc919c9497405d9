"""Indexes on (column, id) for each column the events list sorts on (issue 12: a page sorted the whole table).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = ("date", "type", "killed_best", "injured_best", "arrested_best", "sources")


def upgrade() -> None:
    import sqlalchemy as sa

    # A new store gets them from 0001 already (it creates tables.py's metadata, which lists them).
    existing = {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("event")}
    for column in COLUMNS:
        if f"ix_event_{column}_id" not in existing:
            op.create_index(f"ix_event_{column}_id", "event", [column, "id"])


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_index(f"ix_event_{column}_id", table_name="event")
