"""The store's tables (SQLAlchemy Core). The schema itself is created by the Alembic migrations in
`migrations/versions/`; these definitions are what the code queries, and a test checks the two agree.

Plain columns and readable names, so the SQLite file opens as is in Datasette and sqlite-utils:
article → post, fact, article_check, incident (→ figure), and event (the merge of incidents across articles).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
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

article = Table(
    "article",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text, unique=True),
    Column("source", Text),
    Column("published", String(10), index=True),
    Column("title", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("copy_of", Integer, ForeignKey("article.id"), index=True),
    Column("record", Text, nullable=False),  # the Article as JSON: what `Store.article` returns
    Column("added_at", String(32), nullable=False),
)

shingle = Table(
    "shingle",
    metadata,
    Column("article_id", Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True),
    Column("hash", BigInteger, primary_key=True, index=True),
)

post = Table(
    "post",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("platform", Text, nullable=False),
    Column("handle", Text),
    Column("author", Text),
    Column("date", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("translation", Text),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
)

fact = Table(
    "fact",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("category", String(32), nullable=False, index=True),
    Column("value", Integer, nullable=False),
    Column("qualifier", String(16)),
    Column("high", Integer),
    Column("role", String(16), nullable=False),
    Column("place", Text),
    Column("date", String(21)),
    Column("actor", Text),
    Column("source", Text),
    Column("of_idx", Integer),
    Column("evidence", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
)

article_check = Table(
    "article_check",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("detail", Text, nullable=False),
    Column("facts", Text, nullable=False),  # JSON list of fact indices
)

event = Table(
    "event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(32), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("date", String(21)),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10), index=True),
    Column("place", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("killed_low", Integer),
    Column("killed_best", Integer),
    Column("killed_high", Integer),
    Column("injured_low", Integer),
    Column("injured_best", Integer),
    Column("injured_high", Integer),
    Column("arrested_low", Integer),
    Column("arrested_best", Integer),
    Column("arrested_high", Integer),
    Column("sources", Integer, nullable=False),  # independent articles
    Column("disagreement", Boolean, nullable=False),
    Column("detail", Text, nullable=False),  # the MergedEvent as JSON: what `Store.event` returns
    Column("updated_at", String(32), nullable=False),
)

# The events list sorts on these (web/storeview.SORT_KEYS): with an index on (column, id) a page walks the index
# and stops at its end instead of sorting the table (migration 0003).
for _column in ("date", "type", "killed_best", "injured_best", "arrested_best", "sources"):
    Index(f"ix_event_{_column}_id", event.c[_column], event.c.id)

incident = Table(
    "incident",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("date", String(21)),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10), index=True),
    Column("date_precision", String(16)),
    Column("place", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("precision", Integer),
    Column("perpetrator", Text),
    Column("target", Text),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("arrested", Integer),
    Column("event_id", Integer, ForeignKey("event.id", ondelete="SET NULL"), index=True),
)

figure = Table(
    "figure",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", Integer, ForeignKey("incident.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False),
    Column("category", String(16), nullable=False),
    Column("value", Integer, nullable=False),
    Column("source", Text),
    Column("official", Integer, nullable=False),
    Column("is_total", Boolean, nullable=False),
    Column("evidence", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
)
