"""The first schema: articles, posts, facts, checks, incidents, figures, merged events, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

from newsfacts.store.tables import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# SQLite: an FTS5 index over article titles and texts, kept in step by triggers (the layout sqlite-utils'
# enable-fts makes, so Datasette offers search on the article table as is).
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='article', content_rowid='id')",
    """CREATE TRIGGER article_ai AFTER INSERT ON article BEGIN
         INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
       END""",
    """CREATE TRIGGER article_ad AFTER DELETE ON article BEGIN
         INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
       END""",
    """CREATE TRIGGER article_au AFTER UPDATE ON article BEGIN
         INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
         INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
       END""",
]
POSTGRES_FTS = [
    "CREATE INDEX article_fts ON article USING gin "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text))",
]


def upgrade() -> None:
    # This revision creates the schema as tables.py defines it at this revision; later schema changes go into
    # new revisions (alembic revision --autogenerate), never here.
    bind = op.get_bind()
    metadata.create_all(bind)
    statements = {"sqlite": SQLITE_FTS, "postgresql": POSTGRES_FTS}.get(bind.dialect.name, [])
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS article_fts")
    metadata.drop_all(bind)
