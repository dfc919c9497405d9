"""Careless use and bad records (issue 12, defects 4, 6, 7, 8, 9): refused in one line with a non-zero exit,
or failing only the one record, never a traceback, never silent loss, never a password shown."""

from __future__ import annotations

import csv
import gzip
import io
import json

import pytest

from newsfacts.cli import main
from newsfacts.csvsafe import safe_cell, safe_row
from newsfacts.errors import InternalError, StoreError, redact
from newsfacts.ingest.jsonl import bounded_lines, iter_jsonl, line_offsets, parse_line
from newsfacts.options import Options
from newsfacts.store import open_store
from newsfacts.store.export import export_events
from newsfacts.store.ingesting import ingest
from newsfacts.store.render import csv_text

# --- 7. CSV formula injection ----------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+2", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://e\")", "-"])
def test_formula_cells_are_quoted(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", [-5, -0.5, 3, None, "-5", "-0.5", "12", "Kelvaro", "a=b", "", "'=x"])
def test_data_cells_are_kept(cell) -> None:
    assert safe_cell(cell) == cell


def test_search_csv_and_export_csv_are_neutralised() -> None:
    text = csv_text([{"title": "=cmd|' /C calc'!A0", "rank": -1.5}])
    assert list(csv.reader(io.StringIO(text)))[1] == ["'=cmd|' /C calc'!A0", "-1.5"]
    assert safe_row({"a": "@x", "b": -3}) == {"a": "'@x", "b": -3}


def test_export_csv_quotes_a_formula_place(monkeypatch) -> None:
    from newsfacts.store import export as export_module

    monkeypatch.setattr(export_module, "event_rows",
                        lambda events, columns, *rest: (("place", "killed"), [{"place": "=1+1", "killed": -5}]))
    out = io.StringIO()
    export_events([], "csv", "native", out)
    assert out.getvalue().splitlines()[1] == "'=1+1,-5"


# --- 6. careless commands ----------------------------------------------------------------------------------


def test_export_over_the_store_is_refused(tmp_path, capsys) -> None:
    db = tmp_path / "s.db"
    open_store(db).close()
    before = db.read_bytes()
    assert main(["export", "--db", str(db), "--out", str(db)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error[E100]") and "the store itself" in err and "\n" not in err
    assert db.read_bytes() == before
    other = tmp_path / "other.db"
    open_store(other).close()
    assert main(["export", "--db", str(db), "--out", str(other)]) == 1
    assert "SQLite database" in capsys.readouterr().err


def test_export_into_a_missing_folder_is_one_line(tmp_path, capsys) -> None:
    db = tmp_path / "s.db"
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "missing" / "x.csv")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error[E100]") and "does not exist" in err


def test_ingest_of_several_inputs_with_one_url_is_refused(tmp_path, capsys) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one", encoding="utf-8")
    b.write_text("two", encoding="utf-8")
    assert main(["ingest", str(a), str(b), "--url", "https://example.org/a", "--db", str(tmp_path / "s.db")]) == 1
    assert "--url names one article" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_one_line(tmp_path, capsys) -> None:
    bogus = tmp_path / "passwd"
    bogus.write_text("root:x:0:0:root:/root:/bin/bash\n" * 50, encoding="utf-8")
    assert main(["events", "--db", str(bogus)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error[E401]") and "not a database" in err


# --- 8. credentials ----------------------------------------------------------------------------------------


def test_passwords_are_redacted_from_every_error() -> None:
    assert redact("at postgresql+psycopg2://u:PW@h/db and https://a:b@c/") == (
        "at postgresql+psycopg2://u:***@h/db and https://a:***@c/")
    assert redact("https://example.org/a@b and user@host") == "https://example.org/a@b and user@host"
    assert "PW" not in StoreError("cannot open postgresql://u:PW@h/db").one_line()


def test_a_store_url_without_its_driver_hides_the_password(monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name.startswith("psycopg") else real(name, *a))
    with pytest.raises(Exception) as caught:
        open_store("postgresql+psycopg2://u:S3CRET@127.0.0.1:1/db")
    assert "S3CRET" not in str(caught.value)
    assert "S3CRET" not in repr(caught.value.__cause__) if caught.value.__cause__ else True


# --- 4 and 9. bad records in JSON Lines ------------------------------------------------------------------


def test_a_deeply_nested_line_fails_only_itself(tmp_path) -> None:
    path = tmp_path / "in.jsonl"
    good = json.dumps({"text": "Police said five people were killed in Baku on Monday."})
    path.write_text("[" * 100_000 + "\n" + good + "\n", encoding="utf-8")
    items = list(iter_jsonl(path))
    assert items[0].code == "E100" and "too deeply" in items[0].message
    assert items[1].content.startswith("Police")


def test_a_long_line_is_refused_while_streaming(tmp_path) -> None:
    options = Options(max_bytes=1000)
    path = tmp_path / "in.jsonl.gz"
    good = json.dumps({"text": "Police said five people were killed in Baku on Monday."})
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "x" * 200_000}) + "\n" + good + "\n")
    items = list(iter_jsonl(path, options))
    assert items[0].code == "E103" and "over the limit" in items[0].message
    assert items[1].content.startswith("Police")
    assert [count for _, _, count in line_offsets(path, 1)] == [1, 1]


def test_bounded_lines_never_hold_more_than_the_limit() -> None:
    class Spy(io.BytesIO):
        biggest = 0

        def readline(self, size=-1):  # type: ignore[override]
            line = super().readline(size)
            Spy.biggest = max(Spy.biggest, len(line))
            assert size != -1, "an unbounded readline"
            return line

    stream = Spy(b"short\n" + b"y" * 50_000 + b"\nlast")
    assert list(bounded_lines(stream, 100)) == [b"short\n", 50_001, b"last"]
    assert Spy.biggest <= 1024 * 1024


def test_a_published_date_at_the_end_of_the_calendar_is_a_warning_not_a_crash() -> None:
    line = json.dumps({"text": "Police said five people were killed in Baku on Monday.", "published": "9999-12-31"})
    document = parse_line(line.encode(), "x:1")
    assert document.published == "9999-12-31"  # the reader keeps it; the extractor ignores it with a warning


def test_the_extractor_reads_extreme_publication_dates(extractor) -> None:
    from newsfacts.ingest.base import RawDocument

    for published in ("9999-12-31", "0001-01-01"):
        article = extractor.extract(RawDocument(content="Police said 5 people were killed in Baku on Monday.",
                                                is_html=False, origin="x", published=published))
        assert any("not a date" in w for w in article.warnings)
        assert [f.value for f in article.facts] == [5]


def test_an_unexpected_failure_fails_only_its_record(tmp_path, monkeypatch) -> None:
    from newsfacts.ingest.base import RawDocument
    from newsfacts.pipeline import Extractor

    calls = []

    class Broken(Extractor):
        def __post_init__(self) -> None:
            self.nlp = None

        def _cascade(self, document):
            calls.append(document.origin)
            raise ValueError("boom")

    docs = [RawDocument(content="a", is_html=False, origin=f"doc{i}") for i in range(2)]
    with open_store(tmp_path / "s.db") as store:
        summary = ingest(store, docs, Options(), extractor=Broken())
    assert calls == ["doc0", "doc1"]
    assert len(summary.failures) == 2 and "error[E500]" in summary.failures[0] and "ValueError: boom" in summary.failures[0]
    with pytest.raises(InternalError):
        Broken().extract(docs[0])


def test_a_resumed_ingest_does_not_extract_stored_text_again(tmp_path, extractor) -> None:
    """Issue 12: resuming an interrupted ingest re-extracted every input without a URL."""
    from newsfacts.ingest.base import RawDocument

    text = "Police said five people were killed in Baku on Monday, and twelve were injured."
    docs = [RawDocument(content=text, is_html=False, origin="a.txt")]

    class Counting:
        calls = 0

        def extract(self, document):
            Counting.calls += 1
            return extractor.extract(document)

    with open_store(tmp_path / "s.db") as store:
        first = ingest(store, docs, Options(), extractor=Counting())
        again = ingest(store, docs, Options(), extractor=Counting())
    assert first.counts["added"] == 1 and again.counts["duplicate"] == 1
    assert Counting.calls == 1
