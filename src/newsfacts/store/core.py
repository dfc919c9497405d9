"""The Store: one transaction per article (article, posts, facts, checks, incidents, figures), then the
re-merge of the events it touched. SQLite by default (WAL, immediate write transactions, a busy timeout, so
several processes can ingest into one file); any SQLAlchemy URL works, PostgreSQL included."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from ..errors import StoreError, require_extra
from ..model import Article
from . import merge, reviewing, tables
from .figures import incident_figures
from .identity import content_hash, credits, is_copy, normal_url, shingles, sketch
from .records import AddResult, AddStatus, EventSource, MergedEvent, SearchHit, SourceFigure
from .review import ReviewedFact, Revision, apply_revisions
from .reviewing import EventRevision, QueueItem, ReviewRequest, ReviewResult

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///newsfacts.db"
# How long a writer waits for another process's transaction before giving up (SQLite busy timeout).
# One article's transaction takes milliseconds; a minute covers a slow disk and a long merge.
BUSY_TIMEOUT_S = 60
# PostgreSQL: one advisory lock serialises writers, so two processes never merge one event twice.
PG_WRITE_LOCK = 7_401_004
MIGRATIONS = Path(__file__).parent / "migrations"
# Stored articles whose text is compared in full with a new one, those sharing most of its sketch first: a copy
# shares nearly all of it, and the cap keeps templated bulletins (which share common phrases with thousands of
# stored articles) from making each insert slower than the last.
MAX_COPY_CANDIDATES = 8


def resolve_url(url: str | Path | None = None) -> str:
    """None → NEWSFACTS_DB or sqlite:///newsfacts.db in the working directory; a bare path means SQLite."""
    url = str(url or os.environ.get("NEWSFACTS_DB") or DEFAULT_URL)
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # pragma: no cover - exercised by every test
        # We issue BEGIN ourselves (below): pysqlite's own deferred BEGIN would take the write lock late and
        # fail with "database is locked" instead of waiting when two processes write at once.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get("newsfacts_read_only")
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql"):
        require_extra("psycopg", "postgres")
    try:
        if url.startswith("sqlite"):
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot use the store URL {safe_url(url)!r} ({exc}); give an SQLite path or an SQLAlchemy "
                         "URL with --db or NEWSFACTS_DB") from None  # the chained error would repeat the password


def migrate(engine: Engine) -> None:
    """Run the Alembic migrations to head, inside one locked write transaction (safe from two processes)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for another database or an in-memory one)."""
    if not url.startswith("sqlite:///") or url in ("sqlite://", "sqlite:///:memory:"):
        return None
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])


def open_store(url: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at `url`; see `resolve_url` for the default.

    With `create=False` (the read-only commands) a missing SQLite file is an error rather than a new, empty
    store: a mistyped --db must not answer "no events"."""
    resolved = resolve_url(url)
    path = sqlite_path(resolved)
    if not create and path is not None and not path.exists():
        raise StoreError(f"no store at {path}: ingest articles into it first (newsfacts ingest FILE --db {path}) "
                         "or give the right store with --db / NEWSFACTS_DB")
    engine = make_engine(resolved)
    try:
        migrate(engine)
    except SQLAlchemyError as exc:  # also DatabaseError: `--db /etc/passwd` is "file is not a database"
        engine.dispose()
        raise StoreError(
            f"cannot open the store at {safe_url(resolved)}: {getattr(exc, 'orig', exc)}; check that the path is writable or "
            "the database server is running, or give another store with --db / NEWSFACTS_DB"
        ) from exc
    store = Store(engine, resolved)
    store.backfill_background_events()
    return store


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a message helper must not fail
        return "<store>"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


EVENT_STATUSES: tuple[str, ...] = ("current", "historical", "background")
DEFAULT_STATUSES: tuple[str, ...] = ("current", "historical")


@dataclass(frozen=True)
class EventFilters:
    """What `Store.events` filters on; every field is optional and they combine with AND."""

    category: str | None = None  # killed, injured, arrested (detained counts as arrested)
    place: str | None = None  # a substring of the event's place, case-insensitive
    date_from: str | None = None  # YYYY-MM-DD: events that end on or after it
    date_to: str | None = None  # YYYY-MM-DD: events that start on or before it
    outlet: str | None = None  # a substring of a source outlet's name
    limit: int | None = None
    # current, historical, background; background (events an article recalls as context) is left out unless asked
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    reviewed: bool = False  # only events a coder reviewed (at least one source figure)
    offset: int = 0  # skip this many (paging, with limit)


class Store:
    """Articles and the events merged from them. Build with `open_store`; use as a context manager or
    call `close()`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                if self.dialect == "postgresql":
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
                yield connection
        except OperationalError as exc:
            raise StoreError(f"cannot write to the store at {safe_url(self.url)}: {exc.orig}; retry, or check the disk and the database server") from exc

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect().execution_options(newsfacts_read_only=True) as connection:
                yield connection
        except OperationalError as exc:
            raise StoreError(f"cannot read the store at {safe_url(self.url)}: {exc.orig}; retry, or check the "
                             "database server") from exc

    # -- writing -----------------------------------------------------------------------------------------

    def add_article(self, article: Article, *, origin: str | None = None) -> AddResult:
        """Store one article in one transaction, and re-merge the events it reports.

        1. a duplicate (same normalised text, or same URL) is not stored again;
        2. a syndicated copy (another stored article's wording) is stored and linked with `copy_of`;
        3. the article, its posts, facts, checks, incidents and per-source figures are inserted;
        4. each non-background incident joins the event it fits (see `merge`) or starts one; a background
           incident is an event of its own that never merges;
        5. every event touched is merged again: low/best/high, sources, time series, checks.
        """
        digest = content_hash(article.text)
        url = normal_url(article.url)
        grams = shingles(article.text)
        try:
            with self._write() as conn:
                existing = self._find_duplicate(conn, digest, url)
                if existing is not None:
                    return AddResult(status="duplicate", article_id=existing)
                copy_of = self._find_copy(conn, grams)
                demoted = copy_of if copy_of is not None and self._credits_new_outlet(conn, copy_of, article) else None
                if demoted is not None:
                    copy_of = None  # the stored text credits this article's outlet: this one is the original
                article_id = self._insert_article(conn, article, digest, url, origin, copy_of, grams)
                event_ids = self._insert_incidents(conn, article, article_id, copy_of)
                if demoted is not None:
                    event_ids |= self._relink_copies(conn, demoted, article_id)
                    event_ids -= self._drop_empty_events(conn, event_ids)
                for event_id in sorted(event_ids):
                    self._remerge(conn, event_id)
        except IntegrityError:
            # another writer stored the same article between our check and our insert (PostgreSQL without
            # the lock held, e.g. an older process): it is a duplicate now
            with self._read() as conn:
                existing = self._find_duplicate(conn, digest, url)
            if existing is None:
                raise
            return AddResult(status="duplicate", article_id=existing)
        status: AddStatus = "copy" if copy_of is not None else "added"
        return AddResult(status=status, article_id=article_id, copy_of=copy_of, event_ids=sorted(event_ids))

    def _find_duplicate(self, conn: Connection, digest: str, url: str | None) -> int | None:
        condition = tables.article.c.content_hash == digest
        if url:
            condition = or_(condition, tables.article.c.url == url)
        return conn.execute(select(tables.article.c.id).where(condition).order_by(tables.article.c.id).limit(1)).scalar()

    def _find_copy(self, conn: Connection, grams: set[int]) -> int | None:
        """The earliest stored original whose wording this text repeats, if any."""
        probe = sketch(grams)
        if not probe:
            return None
        # a copy shares most of the sketch; one shared hash is only a common phrase
        needed = max(1, len(probe) // 2)
        candidates = conn.execute(
            select(tables.shingle.c.article_id)
            .where(tables.shingle.c.hash.in_(probe))
            .group_by(tables.shingle.c.article_id)
            .having(func.count() >= needed)
            .order_by(func.count().desc(), tables.shingle.c.article_id)
            .limit(MAX_COPY_CANDIDATES)  # templated bulletins share common phrases with thousands of articles
        ).scalars().all()
        for candidate in sorted(candidates):
            row = conn.execute(
                select(tables.article.c.text, tables.article.c.copy_of).where(tables.article.c.id == candidate)
            ).one()
            if is_copy(grams, shingles(row.text)):
                return row.copy_of or candidate
        return None

    def _original_event(self, conn: Connection, original_id: int, index: int, kind: str) -> int | None:
        """The event a copy's incident belongs to: that of the original's incident it repeats (same place in the
        article, else the one of a compatible type), whatever date or place the copy's own extraction gave."""
        i = tables.incident
        rows = conn.execute(
            select(i.c.idx, i.c.type, i.c.event_id)
            .where(i.c.article_id == original_id, i.c.event_id.is_not(None), i.c.status != "background")
        ).all()
        fitting = [r for r in rows if merge.types_compatible(r.type, kind)]
        same_place = next((r.event_id for r in fitting if r.idx == index), None)
        return same_place or (fitting[0].event_id if len(fitting) == 1 else None)

    def _drop_empty_events(self, conn: Connection, event_ids: set[int]) -> set[int]:
        """Delete the events no incident reports any more (a copy's, once it follows its original)."""
        used = {r.event_id for r in conn.execute(
            select(tables.incident.c.event_id).where(tables.incident.c.event_id.in_(event_ids)))}
        empty = event_ids - used
        if empty:
            conn.execute(tables.event.delete().where(tables.event.c.id.in_(empty)))
        return empty

    def _credits_new_outlet(self, conn: Connection, stored_id: int, article: Article) -> bool:
        """Whether the stored near-copy credits the new article's outlet ("Evening Post staff, with
        Pan-Continental News") while the new one does not credit the stored one's: the wire story came second."""
        row = conn.execute(
            select(tables.article.c.text, tables.article.c.source).where(tables.article.c.id == stored_id)
        ).one()
        return credits(row.text, article.source) and not credits(article.text, row.source)

    def _relink_copies(self, conn: Connection, old_original: int, new_original: int) -> set[int]:
        """Make the former original, and its copies, copies of the new original; the events they report."""
        a, i = tables.article, tables.incident
        conn.execute(update(a).where(or_(a.c.id == old_original, a.c.copy_of == old_original)).values(copy_of=new_original))
        linked = select(a.c.id).where(a.c.copy_of == new_original)
        rows = conn.execute(select(i.c.id, i.c.idx, i.c.type, i.c.event_id).where(
            i.c.article_id.in_(linked), i.c.event_id.is_not(None))).all()
        touched = {r.event_id for r in rows}
        for row in rows:  # the copies' incidents follow the original's events
            target = self._original_event(conn, new_original, row.idx, row.type)
            if target is not None and target != row.event_id:
                conn.execute(update(i).where(i.c.id == row.id).values(event_id=target))
                touched.add(target)
        return touched

    def _insert_article(
        self, conn: Connection, article: Article, digest: str, url: str | None, origin: str | None,
        copy_of: int | None, grams: set[int],
    ) -> int:
        article_id = conn.execute(
            insert(tables.article).values(
                content_hash=digest, url=url, source=article.source, published=article.published,
                title=article.title, language=article.language, text=article.text, origin=origin,
                copy_of=copy_of, record=article.model_dump_json(), added_at=_now(),
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        sketch_rows = [{"article_id": article_id, "hash": h} for h in sketch(grams)]
        if sketch_rows:
            conn.execute(insert(tables.shingle), sketch_rows)
        if article.posts:
            conn.execute(insert(tables.post), [
                {
                    "article_id": article_id, "platform": p.platform, "handle": p.handle, "author": p.author,
                    "date": p.date, "language": p.language, "text": p.text, "translation": p.translation,
                    "evidence_start": p.evidence.start, "evidence_end": p.evidence.end,
                }
                for p in article.posts
            ])
        if article.facts:
            conn.execute(insert(tables.fact), [
                {
                    "article_id": article_id, "idx": i, "category": f.category, "value": f.value,
                    "qualifier": f.qualifier, "high": f.high, "role": f.role, "place": f.place, "date": f.date,
                    "actor": f.actor, "source": f.source, "of_idx": f.of, "evidence": f.evidence.text,
                    "evidence_start": f.evidence.start, "evidence_end": f.evidence.end,
                }
                for i, f in enumerate(article.facts)
            ])
        if article.checks:
            conn.execute(insert(tables.article_check), [
                {"article_id": article_id, "kind": c.kind, "severity": c.severity, "detail": c.detail, "facts": json.dumps(c.facts)}
                for c in article.checks
            ])
        return article_id

    def _insert_incidents(self, conn: Connection, article: Article, article_id: int, copy_of: int | None) -> set[int]:
        touched: set[int] = set()
        machine_facts = apply_revisions(article, [])
        for index, incident in enumerate(article.events):
            interval = merge.date_interval(incident.date, article.published)
            place = incident.place
            values: dict[str, Any] = {
                "article_id": article_id, "idx": index, "type": incident.type, "status": incident.status,
                "date": incident.date, "date_precision": incident.date_precision,
                "date_start": interval[0].isoformat() if interval else None,
                "date_end": interval[1].isoformat() if interval else None,
                "place": place.name if place else None,
                "latitude": place.latitude if place else None, "longitude": place.longitude if place else None,
                "precision": place.precision if place else None,
                "perpetrator": incident.actors.perpetrator, "target": incident.actors.target,
                "killed": incident.totals.get("killed"), "injured": incident.totals.get("injured"),
                "arrested": incident.totals.get("arrested", incident.totals.get("detained")),
            }
            incident_id = conn.execute(insert(tables.incident).values(**values)).inserted_primary_key[0]  # type: ignore[index]
            # a new article has no revisions: its facts are the machine's, indexed as they are
            figures = reviewing.annotate(incident_figures(article, incident, article_id), machine_facts)
            if figures:
                conn.execute(insert(tables.figure), reviewing.figure_values(figures, incident_id, article_id))
            if incident.status == "background":
                # Context an article recalls (an earlier attack, an anniversary's event) is kept as an event of
                # its own that never merges, so `--status background` can list it; a copy adds none.
                if copy_of is None:
                    touched.add(self._background_event(conn, incident_id, incident.type))
                continue
            report = merge.Report(
                incident_id=incident_id, article_id=article_id, type=incident.type, status=incident.status,
                date=incident.date, published=article.published, place=values["place"],
                latitude=values["latitude"], longitude=values["longitude"], precision=values["precision"],
                copy_of=copy_of, outlet=article.source, perpetrator=incident.actors.perpetrator,
                figures=tuple(figures),
            )
            event_id = self._original_event(conn, copy_of, index, incident.type) if copy_of is not None else None
            if event_id is None:
                event_id = merge.choose_event(report, self._candidate_events(conn, report, interval))
            if event_id is None:
                event_id = conn.execute(
                    insert(tables.event).values(type=incident.type, status=incident.status, sources=0, disagreement=False, detail="{}", updated_at=_now())
                ).inserted_primary_key[0]  # type: ignore[index]
            conn.execute(update(tables.incident).where(tables.incident.c.id == incident_id).values(event_id=event_id))
            touched.add(event_id)
        return touched

    def backfill_background_events(self) -> int:
        """Stores written before background incidents became events hold them only as incidents: make each
        (of an original, not a copy) an event of its own, once. Returns how many; a cheap read when none."""
        i, a = tables.incident, tables.article
        pending = (select(i.c.id, i.c.type).join(a, a.c.id == i.c.article_id)
                   .where(i.c.event_id.is_(None), i.c.status == "background", a.c.copy_of.is_(None)).order_by(i.c.id))
        with self._read() as conn:
            if conn.execute(pending.limit(1)).first() is None:
                return 0
        with self._write() as conn:
            rows = conn.execute(pending).all()  # again, inside the lock: another process may have done it
            for row in rows:
                self._remerge(conn, self._background_event(conn, row.id, row.type))
        return len(rows)

    def _background_event(self, conn: Connection, incident_id: int, kind: str) -> int:
        event_id = conn.execute(
            insert(tables.event).values(type=kind, status="background", sources=0, disagreement=False, detail="{}", updated_at=_now())
        ).inserted_primary_key[0]  # type: ignore[index]
        conn.execute(update(tables.incident).where(tables.incident.c.id == incident_id).values(event_id=event_id))
        return event_id

    def _candidate_events(self, conn: Connection, report: merge.Report, interval) -> dict[int, list[merge.Report]]:
        """The events with a member whose dates could overlap the report's (the merge rule decides the rest)."""
        if interval is None:
            return {}
        slack = timedelta(days=merge.DATE_SLACK_DAYS)
        i = tables.incident
        types = [t for t in (*merge.TYPE_FAMILIES, "other") if merge.types_compatible(report.type, t)]
        event_ids = conn.execute(
            select(i.c.event_id).distinct().where(
                i.c.event_id.is_not(None),
                i.c.status != "background",
                i.c.type.in_(types),
                i.c.date_start <= _shifted(interval[1], slack).isoformat(),
                i.c.date_end >= _shifted(interval[0], -slack).isoformat(),
            )
        ).scalars().all()
        return self._reports(conn, list(event_ids))

    def _reports(self, conn: Connection, event_ids: list[int]) -> dict[int, list[merge.Report]]:
        if not event_ids:
            return {}
        i, a, f = tables.incident, tables.article, tables.figure
        rows = conn.execute(
            select(i, a.c.published, a.c.copy_of, a.c.source.label("outlet"))
            .join(a, a.c.id == i.c.article_id)
            .where(i.c.event_id.in_(event_ids))
            .order_by(i.c.id)
        ).all()
        figure_rows = conn.execute(
            select(f, a.c.source.label("outlet"), a.c.published)
            .join(a, a.c.id == f.c.article_id)
            .where(f.c.incident_id.in_([r.id for r in rows]))
            .order_by(f.c.id)
        ).all()
        figures: dict[int, list[SourceFigure]] = {}
        for r in figure_rows:
            figures.setdefault(r.incident_id, []).append(_figure_from_row(r))
        reports: dict[int, list[merge.Report]] = {}
        for r in rows:
            reports.setdefault(r.event_id, []).append(
                merge.Report(
                    incident_id=r.id, article_id=r.article_id, type=r.type, status=r.status, date=r.date,
                    published=r.published, place=r.place, latitude=r.latitude, longitude=r.longitude,
                    precision=r.precision, copy_of=r.copy_of, outlet=r.outlet, perpetrator=r.perpetrator,
                    figures=tuple(figures.get(r.id, [])),
                )
            )
        return reports

    def _remerge(self, conn: Connection, event_id: int) -> None:
        reports = self._reports(conn, [event_id]).get(event_id, [])
        merged = build_event(event_id, reports, self._sources(conn, event_id))
        intervals = [iv for r in reports if (iv := merge.date_interval(r.date, r.published)) is not None]
        values: dict[str, Any] = {
            "type": merged.type, "status": merged.status, "date": merged.date,
            "date_start": min(iv[0] for iv in intervals).isoformat() if intervals else None,
            "date_end": max(iv[1] for iv in intervals).isoformat() if intervals else None,
            "place": merged.place.name if merged.place else None,
            "latitude": merged.place.latitude if merged.place else None,
            "longitude": merged.place.longitude if merged.place else None,
            "sources": len({r.article_id for r in reports if r.copy_of is None}),
            "disagreement": any(c.kind == "source_disagreement" for c in merged.checks),
            "reviewed": merged.reviewed,
            "detail": merged.model_dump_json(), "updated_at": _now(),
        }
        for category in ("killed", "injured", "arrested"):
            figure_range = merged.figures.get(category)
            for bound in ("low", "best", "high"):
                values[f"{category}_{bound}"] = getattr(figure_range, bound) if figure_range else None
        if merged.date and "/" not in merged.date and len(merged.date) == 10:
            values["date_start"] = values["date_end"] = merged.date
        conn.execute(update(tables.event).where(tables.event.c.id == event_id).values(**values))

    def _sources(self, conn: Connection, event_id: int) -> list[EventSource]:
        i, a = tables.incident, tables.article
        rows = conn.execute(
            select(a.c.id, a.c.source, a.c.url, a.c.title, a.c.published, a.c.copy_of, i.c.status, i.c.date, i.c.place)
            .join(i, i.c.article_id == a.c.id)
            .where(i.c.event_id == event_id)
            .order_by(a.c.published, a.c.id)
        ).all()
        return [
            EventSource(article_id=r.id, outlet=r.source, url=r.url, title=r.title, published=r.published,
                        copy_of=r.copy_of, status=r.status, date=r.date, place=r.place)
            for r in rows
        ]

    # -- review ------------------------------------------------------------------------------------------

    def review(self, article_id: int, request: ReviewRequest) -> ReviewResult:
        """Append one coder's revision of one fact (confirm, correct, reject) or an added figure, then rebuild
        the article's figures from its reviewed facts and merge its events again, in one transaction.

        Raises ReviewConflictError (with the fact's state now) when `request.seen_revision` is not the fact's
        latest revision: another coder changed it since this one read it, and nothing is written."""
        with self._write() as conn:
            result = reviewing.append_revision(conn, article_id, request, _now())
            event_ids = reviewing.rebuild_article(conn, article_id)
            for event_id in sorted(event_ids):
                self._remerge(conn, event_id)
        return result.model_copy(update={"event_ids": sorted(event_ids)})

    def merge_events(self, keep: int, other: int, *, coder: str, note: str | None = None) -> EventRevision:
        """A coder's merge: every report of event `other` joins event `keep`, which is merged again; `other` is
        deleted (its number stays in the revision)."""
        with self._write() as conn:
            revision = reviewing.merge_events(conn, keep, other, coder, note, _now())
            self._remerge(conn, keep)
        return revision

    def split_event(self, event_id: int, article_ids: list[int], *, coder: str, note: str | None = None) -> EventRevision:
        """A coder's split: the reports of `article_ids` (and their copies) leave the event for a new one
        (`revision.other_event_id`); both are merged again."""
        with self._write() as conn:
            revision = reviewing.split_event(conn, event_id, article_ids, coder, note, _now())
            self._remerge(conn, event_id)
            self._remerge(conn, revision.other_event_id)
        return revision

    def event_revisions(self, event_id: int) -> list[EventRevision]:
        """The merges and splits an event took part in, oldest first."""
        with self._read() as conn:
            return reviewing.event_revisions(conn, event_id)

    def reviewed_facts(self, article_id: int) -> list[ReviewedFact]:
        """The article's facts as the coders left them, each with the machine's fact and its latest revision."""
        with self._read() as conn:
            return reviewing.reviewed_facts(conn, article_id)[2]

    def revisions(self, *, article_id: int | None = None, event_id: int | None = None) -> list[Revision]:
        """The audit trail, oldest first: of one article, or of every article reporting one event."""
        with self._read() as conn:
            if event_id is not None:
                ids = list(conn.execute(select(tables.incident.c.article_id).distinct()
                                        .where(tables.incident.c.event_id == event_id)).scalars())
            else:
                ids = [article_id] if article_id is not None else []
            return reviewing.load_revisions(conn, ids)

    def review_queue(self, limit: int = 50, offset: int = 0) -> list[QueueItem]:
        """Unreviewed events that most need a person: sources disagree, a flagged article, a large toll."""
        with self._read() as conn:
            return reviewing.review_queue(conn, limit, offset)

    def add_coder(self, name: str) -> str:
        """Register a coder; returns their token (shown once: the store keeps only its digest)."""
        with self._write() as conn:
            return reviewing.add_coder(conn, name, _now())

    def coder_for_token(self, token: str) -> str | None:
        with self._read() as conn:
            return reviewing.coder_for_token(conn, token)

    # -- reading -----------------------------------------------------------------------------------------

    def article(self, article_id: int) -> Article:
        """The stored Article, equal to the one that was added."""
        with self._read() as conn:
            record = conn.execute(select(tables.article.c.record).where(tables.article.c.id == article_id)).scalar()
        if record is None:
            raise StoreError(f"no article {article_id} in the store; list them with `newsfacts events` or `newsfacts search`")
        return Article.model_validate_json(record)

    def articles(self, *, outlet: str | None = None, copies: bool = True, limit: int | None = None,
                 offset: int = 0, newest_first: bool = False) -> list[dict]:
        """Stored articles as rows (id, source, url, published, title, copy_of), oldest first (or newest first);
        paged in SQL, so a page costs the same however large the store."""
        a = tables.article
        query = select(a.c.id, a.c.source, a.c.url, a.c.published, a.c.title, a.c.copy_of, a.c.origin)
        query = query.order_by(a.c.id.desc() if newest_first else a.c.id)
        if outlet:  # autoescape: % and _ in the name are letters, not wildcards
            query = query.where(func.lower(a.c.source).contains(outlet.lower(), autoescape=True))
        if not copies:
            query = query.where(a.c.copy_of.is_(None))
        if limit:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def find_url(self, url: str | None) -> int | None:
        """The stored article with this URL (normalised), if any: lets a rerun skip extracting it again."""
        normal = normal_url(url)
        if normal is None:
            return None
        with self._read() as conn:
            return conn.execute(select(tables.article.c.id).where(tables.article.c.url == normal)).scalar()

    def find_text(self, text: str) -> int | None:
        """The stored article with this (clean) text, if any: lets a rerun skip extracting it again."""
        with self._read() as conn:
            return conn.execute(select(tables.article.c.id).where(tables.article.c.content_hash == content_hash(text))
                                .order_by(tables.article.c.id).limit(1)).scalar()

    def count_articles(self) -> int:
        with self._read() as conn:
            return conn.execute(select(func.count()).select_from(tables.article)).scalar_one()

    def event(self, event_id: int) -> MergedEvent:
        """One merged event with every source's figures and evidence, its time series and checks."""
        with self._read() as conn:
            detail = conn.execute(select(tables.event.c.detail).where(tables.event.c.id == event_id)).scalar()
        if detail is None:
            raise StoreError(f"no event {event_id} in the store; list them with `newsfacts events`")
        return MergedEvent.model_validate_json(detail)

    def events(self, filters: EventFilters | None = None) -> list[MergedEvent]:
        """Merged events matching the filters, most recent first."""
        from .search import event_query

        with self._read() as conn:
            details = conn.execute(event_query(filters or EventFilters())).scalars().all()
        return [MergedEvent.model_validate_json(d) for d in details]

    def event_page(self, filters: EventFilters | None = None, sort: str = "-date", limit: int = 100,
                   offset: int = 0) -> tuple[list[MergedEvent], int]:
        """One page of the filtered events, sorted in SQL (see `paging`), and how many match in all."""
        from .paging import event_page

        with self._read() as conn:
            return event_page(conn, filters or EventFilters(), sort, limit, offset)

    def event_tolls(self, filters: EventFilters | None = None) -> list[tuple[str | None, dict[str, int]]]:
        """(first day, best killed/injured/arrested) of every filtered event: what the events chart sums."""
        from .paging import event_tolls

        with self._read() as conn:
            return event_tolls(conn, filters or EventFilters())

    def event_points(self, filters: EventFilters | None = None, limit: int = 2000) -> tuple[list[dict], int]:
        """The filtered events with coordinates (deadliest first, at most `limit`) and how many there are."""
        from .paging import event_points

        with self._read() as conn:
            return event_points(conn, filters or EventFilters(), limit)

    def article_page(self, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """One page of the stored articles, newest first, and how many there are."""
        from .paging import article_page

        with self._read() as conn:
            return article_page(conn, limit, offset)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over article titles and texts (SQLite FTS5, PostgreSQL full-text)."""
        from .search import search_articles

        with self._read() as conn:
            return search_articles(conn, query, limit)

    def export(self, fmt: str, columns: str = "native", out: str | Path | IO[str] | None = None,
               filters: EventFilters | None = None, progress: Callable | None = None) -> int:
        """Write the merged events as csv, jsonl or parquet with native, acled or ucdp columns; returns the row count."""
        from .export import export_events

        events = self.events(filters)
        with self._read() as conn:
            updated = dict(conn.execute(
                select(tables.event.c.id, tables.event.c.updated_at).where(tables.event.c.id.in_([e.id for e in events]))
            ).all()) if events else {}
        return export_events(events, fmt, columns, out, updated, progress=progress)


def _figure_from_row(row) -> SourceFigure:
    from ..model import Span

    evidence = None
    if row.evidence is not None and row.evidence_start is not None and row.evidence_end is not None:
        evidence = Span(text=row.evidence, start=row.evidence_start, end=row.evidence_end)
    return SourceFigure(
        category=row.category, value=row.value, source=row.source, official=row.official, total=row.is_total,
        article_id=row.article_id, outlet=row.outlet, day=row.published, evidence=evidence,
        fact=row.fact_idx, reviewed=bool(row.reviewed),
    )


def build_event(event_id: int, reports: list[merge.Report], sources: list[EventSource]) -> MergedEvent:
    """The MergedEvent record of one event's reports (pure: the merge rule lives in `merge`)."""
    figures, series, checks = merge.merge_figures(reports)
    date, precision = merge.merged_date(reports)
    source_figures = [f for r in reports if r.copy_of is None for f in r.figures]
    return MergedEvent(
        id=event_id,
        type=merge.merged_type(reports),
        status=merge.merged_status(reports),
        date=date,
        date_precision=precision,
        place=merge.merged_place(reports),
        actors=merge.merged_actors(reports),
        figures=figures,
        sources=sources,
        source_figures=source_figures,
        series=series,
        checks=checks,
        reviewed=any(f.reviewed for f in source_figures),
    )


def _shifted(day, delta):
    """A day moved by the merge's slack, held at the ends of the calendar (year 1, year 9999)."""
    try:
        return day + delta
    except OverflowError:
        return day
