"""SQLite: name the full-text index's content table as sqlite-utils and Datasette look for it.

Revision 0001 wrote `content='article'`; sqlite-utils' `detect_fts()` and Datasette's search look for
`content="article"` (or `content=[article]`), so neither offered search on the article table. The index is
recreated under the same name and rebuilt from `article`; the triggers of 0001 keep working, as they name the
table, not its definition.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _recreate(content_clause: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's index is a GIN expression index: nothing to do
    op.execute("DROP TABLE IF EXISTS article_fts")
    op.execute(f"CREATE VIRTUAL TABLE article_fts USING fts5(title, text, {content_clause}, content_rowid='id')")
    op.execute("INSERT INTO article_fts(article_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _recreate('content="article"')


def downgrade() -> None:
    _recreate("content='article'")
