"""The store's commands through the CLI (hand-built extraction, so no spaCy), and their documentation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsfacts import cli

from .test_store import kelvaro, velmora

DOCS = Path(__file__).resolve().parents[2] / "docs" / "store.md"
COMMANDS = ("ingest", "events", "search", "export")


class FakeExtractor:
    """Stands in for the pipeline: returns the hand-built article whose URL the document carries."""

    def __init__(self, *_args, **_kwargs) -> None:
        self.articles = {a.url: a for a in (kelvaro(), velmora())}

    def extract(self, document):
        return self.articles[document.url]


@pytest.fixture
def db(tmp_path, monkeypatch):
    import newsfacts.pipeline

    monkeypatch.setattr(newsfacts.pipeline, "Extractor", FakeExtractor)
    inputs = []
    for article in (kelvaro(), velmora()):
        path = tmp_path / f"{len(inputs)}.json"
        path.write_text(json.dumps({"text": article.text, "url": article.url, "source": article.source, "published": article.published}))
        inputs.append(str(path))
    path = tmp_path / "store.db"
    assert cli.main(["ingest", "--db", str(path), *inputs]) == 0
    return path, inputs


def test_ingest_twice_keeps_one_copy(db, capsys):
    path, inputs = db
    capsys.readouterr()
    assert cli.main(["ingest", "--db", str(path), "--quiet", *inputs]) == 0
    assert capsys.readouterr().out.strip() == "ingested: 2 duplicate"


def test_ingest_reports_bad_input_and_goes_on(db, tmp_path, capsys):
    path, inputs = db
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert cli.main(["ingest", "--db", str(path), str(bad), inputs[0]]) == 1
    captured = capsys.readouterr()
    assert "bad.json" in captured.err and "1 failed" in captured.out
    assert cli.main(["ingest", "--db", str(path)]) == 1  # nothing to ingest: an error, not a crash


def test_events_table_json_csv_and_detail(db, capsys):
    path, _ = db
    capsys.readouterr()
    assert cli.main(["events", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "protest" in out and "shooting" in out
    assert cli.main(["events", "--db", str(path), "--json", "--category", "killed"]) == 0
    (event,) = json.loads(capsys.readouterr().out)
    assert event["figures"]["killed"]["best"] == 12
    assert cli.main(["events", "--db", str(path), "--csv", "--outlet", "tribune"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("id,date,type")
    assert cli.main(["events", str(event["id"]), "--db", str(path)]) == 0
    assert "who said what" in capsys.readouterr().out
    assert cli.main(["events", "999", "--db", str(path)]) == 1


def test_search_and_export(db, capsys, tmp_path):
    path, _ = db
    capsys.readouterr()
    assert cli.main(["search", "grain market", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["outlet"] == "Courier"
    assert cli.main(["export", "--db", str(path), "--format", "jsonl", "--columns", "acled"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["event_type"] for r in rows} == {"Protests", "Violence against civilians"}
    assert cli.main(["export", "--db", str(path), "--format", "csv", "--columns", "ucdp", "--out", str(tmp_path / "u.csv")]) == 0
    assert (tmp_path / "u.csv").read_text().startswith("id,relid,year,active_year,code_status,type_of_violence")


def test_every_command_and_option_is_documented():
    docs = DOCS.read_text(encoding="utf-8")
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in COMMANDS:
        assert f"newsfacts {name}" in docs, name
        for action in sub.choices[name]._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert re.search(rf"`{re.escape(option)}\b", docs), f"{name} {option} is not in docs/store.md"
