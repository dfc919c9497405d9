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
    Column("killed_best", Integer, index=True),  # index (revision 0003): the events table sorts by it, a page at a time
    Column("killed_high", Integer),
    Column("injured_low", Integer),
    Column("injured_best", Integer, index=True),
    Column("injured_high", Integer),
    Column("arrested_low", Integer),
    Column("arrested_best", Integer, index=True),
    Column("arrested_high", Integer),
    Column("sources", Integer, nullable=False, index=True),  # independent articles
    Column("disagreement", Boolean, nullable=False),
    Column("detail", Text, nullable=False),  # the MergedEvent as JSON: what `Store.event` returns
    Column("updated_at", String(32), nullable=False),
    # revision 0003: a coder reviewed at least one of its figures (exports and the API can keep only these)
    Column("reviewed", Boolean, nullable=False, server_default="0", index=True),
    # revision 0003: the events chart sums these per day without reading the rows (a covering index)
    Index("ix_event_tolls", "date_start", "killed_best", "injured_best", "arrested_best"),
)

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
    # revision 0003: the article fact the figure rests on (its index in the article's facts, added ones after
    # the machine's), and whether a coder confirmed, corrected or added it
    Column("fact_idx", Integer),
    Column("reviewed", Boolean, nullable=False, server_default="0"),
)

# revision 0003: the coders' revisions of facts, append-only (triggers refuse UPDATE and DELETE). One row per
# change: what the fact was before (old_*) and after; the machine's value stays in `fact`/`article.record`.
fact_revision = Table(
    "fact_revision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("article.id"), nullable=False, index=True),
    Column("fact_idx", Integer, nullable=False),
    Column("action", String(16), nullable=False),  # confirm, correct, reject, add
    Column("previous_id", Integer),  # the revision this one follows (None: it follows the machine's fact)
    Column("category", String(32)),
    Column("value", Integer),
    Column("role", String(16)),
    Column("old_category", String(32)),
    Column("old_value", Integer),
    Column("old_role", String(16)),
    Column("incident_idx", Integer),  # an added figure: the article's incident it counts in
    Column("evidence", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("coder", Text, nullable=False),
    Column("note", Text),
    Column("created_at", String(32), nullable=False),
)

# revision 0003: coders' merges and splits of events, append-only like fact_revision. No foreign key to `event`:
# the event merged away is deleted, its number stays here.
event_revision = Table(
    "event_revision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(16), nullable=False),  # merge, split
    Column("event_id", Integer, nullable=False, index=True),  # the event kept (merge) or split from (split)
    Column("other_event_id", Integer, nullable=False, index=True),  # the event merged into it, or the new one
    Column("incidents", Text, nullable=False),  # JSON list of the incident ids that moved
    Column("coder", Text, nullable=False),
    Column("note", Text),
    Column("created_at", String(32), nullable=False),
)

# revision 0003: per-coder write tokens, stored as SHA-256 digests (a leaked file does not leak tokens).
coder = Table(
    "coder",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
)
