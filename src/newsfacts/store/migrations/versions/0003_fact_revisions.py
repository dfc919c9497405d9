"""Coders' review: the append-only `fact_revision` and `event_revision` tables, per-coder tokens (`coder`),
and which figures and events a coder reviewed (`figure.fact_idx`, `figure.reviewed`, `event.reviewed`); indexes for paging and
sorting the events in SQL.

Revision 0001 creates its tables from the live `tables.metadata`, so on a new store these tables and columns
exist already when this revision runs: each step here adds only what is missing.

Append-only is enforced in the database, not only in the code: triggers refuse UPDATE and DELETE on
`fact_revision` and `event_revision` (SQLite `RAISE(ABORT)`, a PostgreSQL trigger function), so no shell can rewrite the audit trail.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsfacts.store.tables import coder, event_revision, fact_revision

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY_TABLES = ("fact_revision", "event_revision")
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} BEGIN
         SELECT RAISE(ABORT, '{table} is append-only: add a new revision instead');
       END"""
    for table in APPEND_ONLY_TABLES
    for verb in ("UPDATE", "DELETE")
]
POSTGRES_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION newsfacts_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '% is append-only: add a new revision instead', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql""",
    *(statement for table in APPEND_ONLY_TABLES for statement in (
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION newsfacts_append_only()""",
    )),
]
NEW_COLUMNS: tuple[tuple[str, sa.Column], ...] = (
    ("figure", sa.Column("fact_idx", sa.Integer())),
    ("figure", sa.Column("reviewed", sa.Boolean(), nullable=False, server_default="0")),
    ("event", sa.Column("reviewed", sa.Boolean(), nullable=False, server_default="0")),
)


# The events page sorts and pages in SQL, the chart sums per day: indexes keep them fast at 100,000 events.
NEW_INDEXES: tuple[tuple[str, list[str]], ...] = (
    ("ix_event_reviewed", ["reviewed"]),
    ("ix_event_killed_best", ["killed_best"]),
    ("ix_event_injured_best", ["injured_best"]),
    ("ix_event_arrested_best", ["arrested_best"]),
    ("ix_event_sources", ["sources"]),
    ("ix_event_tolls", ["date_start", "killed_best", "injured_best", "arrested_best"]),
)


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    existing = set(inspector.get_table_names())
    for table in (fact_revision, event_revision, coder):
        if table.name not in existing:
            table.create(bind)
    for table_name, column in NEW_COLUMNS:
        if column.name not in {c["name"] for c in inspector.get_columns(table_name)}:
            with op.batch_alter_table(table_name) as batch:
                batch.add_column(column)
    present = {i["name"] for i in inspector.get_indexes("event")}
    for name, columns in NEW_INDEXES:
        if name not in present:
            op.create_index(name, "event", columns)
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(bind.dialect.name, [])
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in APPEND_ONLY_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS newsfacts_append_only()")
    for name, _ in NEW_INDEXES:
        op.drop_index(name, "event")
    for table_name, column in NEW_COLUMNS:
        with op.batch_alter_table(table_name) as batch:
            batch.drop_column(column.name)
    coder.drop(bind)
    event_revision.drop(bind)
    fact_revision.drop(bind)
