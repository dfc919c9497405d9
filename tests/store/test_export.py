"""Exports a coder loads as is: ACLED's and UCDP GED's columns in order and types, read back with pandas;
one Arrow schema per column set; what the store does not know left empty."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsfacts.model import Actors, Check, EventPlace
from newsfacts.places import geocode
from newsfacts.store import EventFilters, FigureRange, MergedEvent, open_store
from newsfacts.store.columns import (
    ACLED_COLUMNS,
    COLUMN_SETS,
    UCDP_COLUMNS,
    arrow_schema,
    date_columns,
    pandas_dtypes,
)
from newsfacts.store.export import acled_date, actor_name, event_rows, export_events, ucdp_date_prec
from newsfacts.store.geography import priogrid_gid
from newsfacts.store.records import EventSource, SourceFigure

from .builders import F, I, build_article


def place(name: str, precision: int = 1) -> EventPlace:
    geo = geocode(name)
    assert geo is not None, name
    return EventPlace(name=name, latitude=geo.latitude, longitude=geo.longitude, precision=precision)


def source(article_id: int, outlet: str, title: str, copy_of: int | None = None) -> EventSource:
    return EventSource(article_id=article_id, outlet=outlet, url=f"https://{outlet.lower()}.example/{article_id}",
                       title=title, published="2025-03-15", copy_of=copy_of)


def attack(**update) -> MergedEvent:
    """Maiduguri, 2025-03-14: the police said 12 dead, the health ministry 15; one outlet is a copy."""
    event = MergedEvent(
        id=7, type="shooting", status="current", date="2025-03-14", date_precision="day", place=place("Maiduguri"),
        actors=Actors(perpetrator="gunmen"),
        figures={"killed": FigureRange(low=12, best=15, high=15, best_from="health ministry"),
                 "injured": FigureRange(low=30, best=41, high=41, best_from="median")},
        sources=[source(1, "Courier", "Gunmen kill 15"), source(2, "Tribune", "Market attack"),
                 source(3, "Echo", "Gunmen kill 15", copy_of=1)],
        source_figures=[SourceFigure(category="killed", value=12, source="police", official=2, total=False, article_id=1),
                        SourceFigure(category="killed", value=15, source="health ministry", official=3, total=True, article_id=2)],
        checks=[Check(kind="source_disagreement", severity="info", detail="police 12, health ministry 15")],
    )
    return event.model_copy(update=update)


def read_csv(text: str, columns: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=pandas_dtypes(columns), parse_dates=date_columns(columns))


@pytest.mark.parametrize("columns", ["native", "acled", "ucdp"])
def test_csv_reads_back_with_the_schemas_columns_order_and_types(columns):
    out = io.StringIO()
    events = [attack(), attack(id=8, place=None, actors=Actors(), date=None, figures={"killed": FigureRange(low=1, best=1, high=1, best_from="median")})]
    assert export_events(events, "csv", columns, out) == 2
    frame = read_csv(out.getvalue(), columns)
    assert list(frame.columns) == [c.name for c in COLUMN_SETS[columns]]
    for column in COLUMN_SETS[columns]:
        expected = {"int": "Int64", "float": "float64", "str": "string", "bool": "boolean", "date": "datetime64"}[column.type]
        assert str(frame[column.name].dtype).startswith(expected), (column, frame[column.name].dtype)


@pytest.mark.parametrize("columns", ["native", "acled", "ucdp"])
def test_parquet_has_one_schema_and_two_exports_concatenate(columns, tmp_path):
    full, empty = tmp_path / "full.parquet", tmp_path / "empty.parquet"
    export_events([attack(), attack(id=9, place=None)], "parquet", columns, full)
    export_events([], "parquet", columns, empty)
    tables = [pq.read_table(full), pq.read_table(empty)]
    assert all(t.schema.equals(arrow_schema(columns)) for t in tables)
    joined = pa.concat_tables(tables)
    assert joined.num_rows == 2
    frame = joined.to_pandas()
    assert list(frame.columns) == [c.name for c in COLUMN_SETS[columns]]
    assert frame["latitude"].dtype == "float64"  # a float column, also when one row has no coordinates


def test_parquet_dates_are_dates_and_ints_stay_ints(tmp_path):
    path = tmp_path / "u.parquet"
    export_events([attack()], "parquet", "ucdp", path)
    table = pq.read_table(path)
    assert table.schema.field("date_start").type == pa.date32()
    assert table.schema.field("best").type == pa.int64()
    assert table.column("best").to_pylist() == [15]


def test_acled_row_fills_what_the_store_knows():
    (row,) = event_rows([attack()], "acled", {7: "2025-03-16T10:00:00+00:00"})[1]
    assert list(row) == [c.name for c in ACLED_COLUMNS] and len(row) == 31
    assert row["event_id_cnty"] == "NGA7"
    assert str(row["event_date"]) == "2025-03-14" and row["year"] == 2025 and row["time_precision"] == 1
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
        "Political violence", "Violence against civilians", "Attack")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["country"], row["region"]) == (566, "Nigeria", "Western Africa")
    assert row["fatalities"] == 12  # ACLED: the most conservative figure when sources differ
    assert row["source"] == "Courier; Tribune"  # the copy (Echo) is not an independent source
    assert row["geo_precision"] == 1 and row["actor1"] == "gunmen"
    assert row["timestamp"] == 1742119200
    assert "police 12, health ministry 15" in row["notes"]
    # what the store does not know stays empty, never a guess
    assert row["inter1"] is None and row["interaction"] is None and row["source_scale"] is None and row["admin2"] is None


def test_acled_admin1_from_the_gazetteer_where_it_names_one():
    (row,) = event_rows([attack(place=place("Leeds"))], "acled")[1]
    assert (row["country"], row["admin1"], row["region"], row["event_id_cnty"]) == ("United Kingdom", "England", "Europe", "GBR7")
    (row,) = event_rows([attack(place=place("Baku"))], "acled")[1]
    assert (row["region"], row["admin1"]) == ("Caucasus and Central Asia", None)
    (row,) = event_rows([attack(place=place("Texas", precision=4))], "acled")[1]
    assert (row["country"], row["admin1"], row["region"], row["geo_precision"]) == (
        "United States", "Texas", "North America", 3)
    (row,) = event_rows([attack(place=place("Houston"))], "acled")[1]
    assert (row["admin1"], row["iso"]) == ("Texas", 840)


def test_a_place_the_gazetteer_puts_elsewhere_gives_no_country():
    moved = EventPlace(name="Maiduguri", latitude=1.0, longitude=2.0, precision=1)
    (row,) = event_rows([attack(place=moved)], "acled")[1]
    assert row["country"] is None and row["iso"] is None and row["event_id_cnty"] == "NF7"


@pytest.mark.parametrize("text, expected", [
    ("gunmen", "gunmen"), ("Military personnel", "Military personnel"), ("armed men", "armed men"),
    ("arrested two suspects", None), ("two suspects", None), ("killing 3", None), ("", None), (None, None),
    ("opened fire on the crowd", None), ("United Nations", "United Nations"), ("Red Crescent", "Red Crescent"),
    ("Boko Haram", "Boko Haram"),
])
def test_actors_are_names_never_verb_phrases(text, expected):
    assert actor_name(text) == expected
    (row,) = event_rows([attack(actors=Actors(perpetrator=text))], "acled")[1]
    assert row["actor1"] == expected


@pytest.mark.parametrize("date, day, precision", [
    ("2025-03-14", "2025-03-14", 1), ("2025-03-10/2025-03-14", "2025-03-12", 2),
    ("2025-03-01/2025-03-20", "2025-03-10", 3), ("2025-03", "2025-03-16", 3), ("2025", None, None), (None, None, None),
])
def test_acled_event_date_and_time_precision(date, day, precision):
    got_day, got_precision = acled_date(attack(date=date))
    assert (str(got_day) if got_day else None, got_precision) == (day, precision)


@pytest.mark.parametrize("date, prec", [
    ("2025-03-14", 1), ("2025-03-12/2025-03-14", 2), ("2025-03-08/2025-03-14", 3),
    ("2025-03-01/2025-03-20", 4), ("2025-03", 4), ("2025-01-01/2025-04-30", 5), ("2025", 5), (None, None),
])
def test_ucdp_date_prec(date, prec):
    assert ucdp_date_prec(attack(date=date)) == prec


def test_ucdp_row_fills_best_low_high_sources_and_place():
    (row,) = event_rows([attack()], "ucdp")[1]
    assert list(row) == [c.name for c in UCDP_COLUMNS] and len(row) == 49
    assert (row["best"], row["low"], row["high"], row["deaths_unknown"]) == (15, 12, 15, 15)
    assert row["number_of_sources"] == 2 and row["source_office"] == "Courier;Tribune"
    assert row["source_headline"] == "Gunmen kill 15;Market attack" and row["source_date"] == "2025-03-15;2025-03-15"
    assert row["source_original"] == "health ministry;police"
    assert row["year"] == 2025 and row["date_prec"] == 1 and row["event_clarity"] == 1 and row["where_prec"] == 1
    assert row["country"] == "Nigeria" and row["region"] == "Africa" and row["geom_wkt"].startswith("POINT (13.157")
    assert row["priogrid_gid"] == priogrid_gid(11.84692, 13.15712)
    assert row["conflict_dset_id"] is None and row["type_of_violence"] is None and row["deaths_civilians"] is None


def test_priogrid_cells():
    assert priogrid_gid(-90, -180) == 1 and priogrid_gid(-89.9, -179.4) == 2 and priogrid_gid(-89.4, -180) == 721
    assert priogrid_gid(89.99, 179.99) == 259200


def test_what_a_dataset_would_not_record_is_left_out_not_zero():
    no_deaths = attack(id=2, figures={"injured": FigureRange(low=3, best=3, high=3, best_from="median")})
    crash = attack(id=3, type="crash")
    names, rows = event_rows([attack(), no_deaths, crash], "ucdp")
    assert [r["id"] for r in rows] == [7]
    names, rows = event_rows([attack(), no_deaths, crash], "acled")
    assert [r["event_id_cnty"] for r in rows] == ["NGA7", "NGA2"]
    assert rows[1]["fatalities"] is None  # no figure found is not "no one died"


def test_jsonl_writes_dates_as_iso_text():
    out = io.StringIO()
    export_events([attack()], "jsonl", "ucdp", out)
    row = json.loads(out.getvalue())
    assert row["date_start"] == "2025-03-14" and row["best"] == 15 and row["gwnoa"] is None


TEXT = "Gunmen killed 4 people in Maiduguri on Friday.\n\nIn 2009 an attack there killed 80 people."


def test_status_filter_and_background_events(tmp_path):
    article = build_article(
        TEXT, published="2025-03-15", source="Courier", url="https://courier.example/m",
        facts=[F("killed", "killed 4", 4), F("killed", "killed 80", 80)],
        incidents=[I("shooting", "2025-03-14", "Maiduguri", {"killed": 4}, {"killed": [0]}),
                   I("attack_on_civilians", "2009", "Maiduguri", {"killed": 80}, {"killed": [1]}, status="background")],
    )
    with open_store(tmp_path / "s.db") as store:
        store.add_article(article)
        assert [e.status for e in store.events()] == ["current"]
        background = store.events(EventFilters(statuses=("background",)))
        assert [(e.status, e.date) for e in background] == [("background", "2009")]
        both = store.events(EventFilters(statuses=("current", "background")))
        assert sorted(e.status for e in both) == ["background", "current"]
        out = io.StringIO()
        assert store.export("csv", "acled", out) == 1
        (row,) = read_csv(out.getvalue(), "acled").to_dict("records")
        assert row["fatalities"] == 4 and row["timestamp"] > 0


def test_status_on_the_command_line_and_in_help(tmp_path, capsys):
    from newsfacts import cli

    article = build_article(
        TEXT, published="2025-03-15", source="Courier", url="https://courier.example/m",
        facts=[F("killed", "killed 4", 4), F("killed", "killed 80", 80)],
        incidents=[I("shooting", "2025-03-14", "Maiduguri", {"killed": 4}, {"killed": [0]}),
                   I("attack_on_civilians", "2009", "Maiduguri", {"killed": 80}, {"killed": [1]}, status="background")],
    )
    db = tmp_path / "s.db"
    with open_store(db) as store:
        store.add_article(article)
    capsys.readouterr()
    assert cli.main(["events", "--db", str(db), "--json"]) == 0
    assert [e["status"] for e in json.loads(capsys.readouterr().out)] == ["current"]
    assert cli.main(["events", "--db", str(db), "--json", "--status", "background", "--status", "current"]) == 0
    assert sorted(e["status"] for e in json.loads(capsys.readouterr().out)) == ["background", "current"]
    assert cli.main(["export", "--db", str(db), "--format", "jsonl", "--status", "background"]) == 0
    assert [json.loads(line)["status"] for line in capsys.readouterr().out.splitlines()] == ["background"]
    for command in ("events", "export"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        assert "background" in capsys.readouterr().out


@pytest.mark.parametrize("columns", ["native", "acled", "ucdp"])
def test_parquet_exports_of_two_stores_one_empty_concatenate(columns, tmp_path):
    from newsfacts import cli

    article = build_article(TEXT, published="2025-03-15", source="Courier", url="https://courier.example/m",
                            facts=[F("killed", "killed 4", 4)],
                            incidents=[I("shooting", "2025-03-14", "Maiduguri", {"killed": 4}, {"killed": [0]})])
    full, empty = tmp_path / "full.db", tmp_path / "empty.db"
    with open_store(full) as store:
        store.add_article(article)
    open_store(empty).close()
    outputs = []
    for db in (full, empty):
        out = tmp_path / f"{db.stem}-{columns}.parquet"
        assert cli.main(["export", "--db", str(db), "--format", "parquet", "--columns", columns, "--out", str(out)]) == 0
        outputs.append(pq.read_table(out))
    joined = pa.concat_tables(outputs)
    assert joined.num_rows == 1 and joined.schema.equals(arrow_schema(columns))


def test_a_store_from_before_background_events_gets_them_when_opened(tmp_path):
    from sqlalchemy import update

    from newsfacts.store import tables

    article = build_article(
        TEXT, published="2025-03-15", source="Courier", url="https://courier.example/m",
        facts=[F("killed", "killed 4", 4), F("killed", "killed 80", 80)],
        incidents=[I("shooting", "2025-03-14", "Maiduguri", {"killed": 4}, {"killed": [0]}),
                   I("attack_on_civilians", "2009", "Maiduguri", {"killed": 80}, {"killed": [1]}, status="background")],
    )
    db = tmp_path / "old.db"
    with open_store(db) as store:
        store.add_article(article)
        with store.engine.begin() as conn:  # as an older version left it: the background incident, no event
            conn.execute(update(tables.incident).where(tables.incident.c.status == "background").values(event_id=None))
            conn.execute(tables.event.delete().where(tables.event.c.status == "background"))
        assert store.events(EventFilters(statuses=("background",))) == []
    with open_store(db) as store:
        (event,) = store.events(EventFilters(statuses=("background",)))
        assert (event.type, event.date, event.figures["killed"].best) == ("attack_on_civilians", "2009", 80)
        assert store.backfill_background_events() == 0  # once


@pytest.mark.parametrize("name, region", [
    ("Cairo", "Middle East"), ("Istanbul", "Middle East"), ("Baku", "Europe"), ("Moscow", "Europe"),
    ("Almaty", "Asia"), ("Sydney", "Asia"), ("Tripoli", "Africa"), ("Lima", "Americas"),
])
def test_ucdp_regions_follow_its_country_numbering(name, region):
    (row,) = event_rows([attack(place=place(name))], "ucdp")[1]
    assert row["region"] == region


@pytest.mark.parametrize("columns", ["native", "acled", "ucdp"])
def test_jsonl_reads_back_with_pandas_in_the_schemas_order_and_types(columns):
    out = io.StringIO()
    export_events([attack(), attack(id=8, place=None)], "jsonl", columns, out)
    frame = pd.read_json(io.StringIO(out.getvalue()), lines=True, dtype=False)
    assert list(frame.columns) == [c.name for c in COLUMN_SETS[columns]]
    typed = frame.astype(pandas_dtypes(columns))  # every value converts: no text where a number belongs
    for name in date_columns(columns):
        assert pd.to_datetime(typed[name]).notna().any()
