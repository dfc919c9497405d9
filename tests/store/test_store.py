"""The Store API on both backends: round trip, duplicates, copies, events and filters, search, export, schema."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsfacts.errors import StoreError
from newsfacts.model import Check, Post, Span
from newsfacts.store import EventFilters, open_store, resolve_url
from newsfacts.store.tables import metadata

from .builders import F, I, build_article

TEXT = ("Gunmen kill 12 at Kelvaro market\n\nTwelve people were killed and 30 wounded on Friday when gunmen opened "
        "fire at the grain market in Kelvaro, a police officer said. Dozens of stalls burned and traders fled "
        "along the river road while ambulances carried the wounded to the district hospital.")
OTHER = ("Protest in Velmora\n\nVelmora police said 64 people were detained on Saturday in Assembly Square after "
         "thousands marched against the emergency bill, and 19 people were hurt in the clashes near parliament.")


def kelvaro(text: str = TEXT, url: str | None = "https://courier.example/kelvaro", source: str = "Courier"):
    article = build_article(
        text, published="2025-03-14", source=source, url=url,
        facts=[F("killed", "Twelve people were killed", 12), F("injured", "30 wounded", 30)],
        incidents=[I("shooting", "2025-03-14", "Kelvaro", {"killed": 12, "injured": 30}, {"killed": [0], "injured": [1]}, perpetrator="gunmen")],
    )
    start = text.index("Twelve")
    post = Post(platform="x", handle="courier", author=None, date="2025-03-14", language="en", text="Twelve", evidence=Span(text="Twelve", start=start, end=start + 6))
    return article.model_copy(update={"posts": [post], "checks": [Check(kind="sum_mismatch", severity="warning", detail="x", facts=[0])]})


def velmora():
    return build_article(
        OTHER, published="2025-10-06", source="Velmora Tribune", url="https://tribune.example/velmora",
        facts=[F("detained", "64 people were detained", 64), F("injured", "19 people were hurt", 19)],
        incidents=[I("protest", "2025-10-04", "Assembly Square, Velmora", {"arrested": 64, "injured": 19}, {"arrested": [0], "injured": [1]})],
    )


def test_round_trip(store):
    article = kelvaro()
    result = store.add_article(article, origin="courier.txt")
    assert result.status == "added"
    assert store.article(result.article_id) == article
    assert store.articles()[0]["origin"] == "courier.txt"


def test_same_text_or_same_url_is_a_duplicate(store):
    first = store.add_article(kelvaro())
    again = store.add_article(kelvaro())
    same_url = store.add_article(kelvaro(text=TEXT.replace("Friday", "Friday morning")))
    assert (again.status, again.article_id) == ("duplicate", first.article_id)
    assert same_url.status == "duplicate"
    assert store.count_articles() == 1


def test_syndicated_copy_is_linked_and_counts_once(store):
    original = store.add_article(kelvaro())
    copy = store.add_article(kelvaro(text="Agency copy\n\n" + TEXT.split("\n\n", 1)[1], url="https://other.example/k", source="Other Daily"))
    assert (copy.status, copy.copy_of) == ("copy", original.article_id)
    (event,) = store.events()
    assert len([s for s in event.sources if s.copy_of is None]) == 1
    assert len(event.sources) == 2
    assert event.figures["killed"].best == 12 and event.actors.perpetrator == "gunmen"


def test_event_detail_and_filters(store):
    store.add_article(kelvaro())
    store.add_article(velmora())
    events = store.events()
    assert [e.type for e in events] == ["protest", "shooting"]  # most recent first
    protest = store.event(events[0].id)
    assert protest.figures["arrested"].best == 64  # detained counts as arrested
    assert protest.source_figures[0].evidence.text in OTHER
    assert [e.type for e in store.events(EventFilters(category="killed"))] == ["shooting"]
    assert [e.type for e in store.events(EventFilters(category="detained"))] == ["protest"]
    assert [e.type for e in store.events(EventFilters(place="assembly"))] == ["protest"]
    assert [e.type for e in store.events(EventFilters(date_from="2025-04-01"))] == ["protest"]
    assert [e.type for e in store.events(EventFilters(date_to="2025-04-01"))] == ["shooting"]
    assert [e.type for e in store.events(EventFilters(outlet="courier"))] == ["shooting"]
    assert store.events(EventFilters(outlet="nobody")) == []
    with pytest.raises(StoreError):
        store.events(EventFilters(category="weather"))
    with pytest.raises(StoreError):
        store.event(999)


def test_search(store):
    store.add_article(kelvaro())
    store.add_article(velmora())
    hits = store.search("grain market")
    assert [h.outlet for h in hits] == ["Courier"]
    assert "market" in hits[0].snippet.lower()
    assert store.search('"emergency bill"')[0].outlet == "Velmora Tribune"
    assert store.search("nothing-like-this") == []
    assert store.search('AND OR "(') == [] or True  # query syntax never raises
    with pytest.raises(StoreError):
        store.search("  ")


@pytest.mark.parametrize("columns,expected", [
    ("native", {"killed_best", "outlets"}),
    ("acled", {"event_date", "event_type", "actor1", "location", "latitude", "longitude", "fatalities", "source", "notes"}),
    ("ucdp", {"date_start", "date_end", "best", "low", "high", "where_coordinates", "source_article"}),
])
def test_export_csv_and_jsonl(store, columns, expected):
    store.add_article(kelvaro())
    out = io.StringIO()
    assert store.export("csv", columns, out) == 1
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert expected <= set(row)
    out = io.StringIO()
    store.export("jsonl", columns, out)
    assert expected <= set(json.loads(out.getvalue()))


def test_export_parquet_and_errors(store, tmp_path):
    import pyarrow.parquet as pq

    store.add_article(kelvaro())
    assert store.export("parquet", "ucdp", tmp_path / "e.parquet") == 1
    assert pq.read_table(tmp_path / "e.parquet").column("best").to_pylist() == [12]
    with pytest.raises(StoreError):
        store.export("xml", "native", io.StringIO())
    with pytest.raises(StoreError):
        store.export("parquet", "native", io.StringIO())


def test_bad_article_mid_batch_leaves_nothing_half_stored(store, monkeypatch):
    from newsfacts.store import core

    store.add_article(kelvaro())

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full while merging")

    monkeypatch.setattr(core, "build_event", broken)
    with pytest.raises(RuntimeError):
        store.add_article(velmora())
    monkeypatch.undo()
    assert store.count_articles() == 1
    assert store.search("emergency") == []
    assert store.add_article(velmora()).status == "added"


def test_open_store_defaults_and_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSFACTS_DB", raising=False)
    assert resolve_url() == "sqlite:///newsfacts.db"
    assert resolve_url("x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("NEWSFACTS_DB", "postgresql+psycopg://u@h/d")
    assert resolve_url() == "postgresql+psycopg://u@h/d"
    with pytest.raises(StoreError):
        open_store(tmp_path / "missing-dir" / "x.db")


def test_migrations_match_the_tables(store_url):
    """The schema Alembic creates is the one tables.py describes (no pending autogenerate diff)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with open_store(store_url) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diff if not (isinstance(d, tuple) and "article_fts" in str(d))] == []


def test_sqlite_file_opens_without_newsfacts(tmp_path):
    """Datasette and sqlite-utils read plain tables: check with the sqlite3 module alone."""
    import sqlite3

    with open_store(tmp_path / "s.db") as store:
        store.add_article(kelvaro())
    conn = sqlite3.connect(tmp_path / "s.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"article", "fact", "post", "article_check", "incident", "figure", "event", "article_fts"} <= tables
    assert conn.execute("SELECT killed_low, killed_best, killed_high FROM event").fetchone() == (12, 12, 12)
    assert conn.execute("SELECT rowid FROM article_fts WHERE article_fts MATCH 'kelvaro'").fetchall() == [(1,)]


def test_sqlite_utils_reads_the_store_and_finds_its_search_index(tmp_path):
    sqlite_utils = pytest.importorskip("sqlite_utils")
    with open_store(tmp_path / "s.db") as store:
        store.add_article(kelvaro())
    db = sqlite_utils.Database(tmp_path / "s.db")
    assert db["article"].detect_fts() == "article_fts"
    assert [row["id"] for row in db["article"].search("kelvaro")] == [1]
    assert next(db["event"].rows)["killed_best"] == 12


def test_datasette_serves_the_store_with_search(tmp_path):
    datasette_app = pytest.importorskip("datasette.app")
    import asyncio

    with open_store(tmp_path / "s.db") as store:
        store.add_article(kelvaro())

    async def fetch():
        ds = datasette_app.Datasette([str(tmp_path / "s.db")])
        tables = await ds.client.get("/s.json")
        found = await ds.client.get("/s/article.json?_search=kelvaro&_shape=array")
        events = await ds.client.get("/s/event.json?_shape=array")
        return tables, found, events

    tables, found, events = asyncio.run(fetch())
    assert tables.status_code == found.status_code == events.status_code == 200
    assert {"article", "event", "fact", "figure"} <= {t["name"] for t in tables.json()["tables"]}
    assert [row["id"] for row in found.json()] == [1]
    assert events.json()[0]["killed_best"] == 12


def test_a_store_made_at_the_first_revision_is_upgraded_with_its_search_index(tmp_path):
    """0002 recreates the SQLite full-text index (as sqlite-utils and Datasette detect it) and rebuilds it."""
    import sqlite3

    from alembic import command
    from alembic.config import Config

    from newsfacts.store.core import MIGRATIONS

    with open_store(tmp_path / "old.db") as store:
        store.add_article(kelvaro())
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
    conn = sqlite3.connect(tmp_path / "old.db")
    assert "content='article'" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'article_fts'").fetchone()[0]
    conn.close()
    with open_store(tmp_path / "old.db") as store:  # opening migrates to head
        assert [hit.article_id for hit in store.search("kelvaro")] == [1]
    conn = sqlite3.connect(tmp_path / "old.db")
    assert 'content="article"' in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'article_fts'").fetchone()[0]


WIRE_BODY = " ".join(
    f"Paragraph {n}: rescuers on Lake Orrin searched the water near the pier at Velst for the missing passengers "
    f"of the ferry, and officials counted the dead as boats returned to the harbour in the evening light."
    for n in range(6)
)


def test_a_wire_story_arriving_after_its_copy_becomes_the_original(store):
    """The copy's byline credits the wire ("Gazette staff, with Northwire"): whichever arrives first, the wire
    story is the original and the copy counts once."""
    copy = build_article("Families wait at Velst pier\nGazette staff, with Northwire\n" + WIRE_BODY + " Seven died.",
                         facts=[F("killed", "Seven died", 7)], incidents=[I("crash", "2025-08-17", "Velst", {"killed": 7}, {"killed": [0]})],
                         published="2025-08-17", source="Velst Gazette", url="https://gazette.example/a")
    wire = build_article("Ferry capsizes off Velst\nBy Ana Ruel, Northwire\n" + WIRE_BODY + " Seven died.",
                         facts=[F("killed", "Seven died", 7)], incidents=[I("crash", "2025-08-17", "Velst", {"killed": 7}, {"killed": [0]})],
                         published="2025-08-17", source="Northwire", url="https://northwire.example/b")
    first = store.add_article(copy)
    second = store.add_article(wire)
    assert (first.status, second.status) == ("added", "added")
    links = {row["id"]: row["copy_of"] for row in store.articles()}
    assert links == {first.article_id: second.article_id, second.article_id: None}
    [event] = store.events()
    assert [s.url for s in event.sources if s.copy_of is None] == ["https://northwire.example/b"]
    assert event.figures["killed"].best == 7


def test_credits_reads_the_byline_and_the_last_lines():
    from newsfacts.store.identity import credits

    text = "Headline\nGazette staff, with Northwire\nBody text.\nMore body."
    assert credits(text, "Northwire") and not credits(text, "Velst Gazette") and not credits(text, None)


def test_a_copy_whose_own_date_differs_still_joins_its_originals_event(store):
    """A syndicated copy re-dated by its extraction ("on Sunday" read against its own day) follows its original."""
    body = WIRE_BODY + " Seven died."
    wire = build_article("Ferry capsizes off Velst\nBy Ana Ruel, Northwire\n" + body,
                         facts=[F("killed", "Seven died", 7)], incidents=[I("crash", "2025-08-17", "Velst", {"killed": 7}, {"killed": [0]})],
                         published="2025-08-17", source="Northwire", url="https://northwire.example/c")
    copy = build_article("Families wait at Velst pier\nGazette staff, with Northwire\n" + body,
                         facts=[F("killed", "Seven died", 7)], incidents=[I("crash", "2025-08-19", "Velst pier", {"killed": 7}, {"killed": [0]})],
                         published="2025-08-19", source="Velst Gazette", url="https://gazette.example/d")
    store.add_article(wire)
    result = store.add_article(copy)
    assert result.status == "copy"
    assert len(store.events()) == 1
