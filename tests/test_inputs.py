"""Every input is read the same way by `extract` and `ingest`: JSON Lines (file or stdin, by name or by
content) one article a line with bad lines reported by number, a `.json` record, WARC files, plain files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_warc_jsonl import make_warc

from newsfacts import cli
from newsfacts.errors import InputError
from newsfacts.ingest.base import RawDocument
from newsfacts.ingest.inputs import is_article_record_line, iter_input
from newsfacts.ingest.jsonl import RecordError
from newsfacts.options import Options

LINES = [
    json.dumps({"text": "Police said 3 people were injured in Leeds.", "published": "2025-03-03", "source": "A"}),
    "{not json",
    "",
    json.dumps({"html": "<p>Two people were injured in a fire.</p>", "url": "https://b.example/1"}),
]


def kinds(items) -> list[str]:
    return [item.origin if isinstance(item, RecordError) else "doc" for item in items]


@pytest.mark.parametrize("name", ["in.jsonl", "in.txt", "in.json", "in"])
def test_json_lines_by_name_or_by_content(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    items = list(iter_input(str(path), Options()))
    assert kinds(items) == ["doc", f"{path}:2", "doc"]
    first, _, last = items
    assert isinstance(first, RawDocument) and first.source == "A" and first.published == "2025-03-03"
    assert isinstance(last, RawDocument) and last.is_html and last.url == "https://b.example/1"


def test_json_lines_on_stdin_are_streamed_with_line_numbers():
    stream = io.BytesIO(("\n" + "\n".join(LINES) + "\n").encode())
    items = list(iter_input("-", Options(), stdin=stream))
    assert kinds(items) == ["doc", "<stdin>:3", "doc"]
    assert items[0].content.startswith("Police said")  # the article's text, not the raw JSON line


def test_stdin_text_is_one_article():
    stream = io.BytesIO(b'Police said {"text": 3} people were hurt.\nA second line.')
    (item,) = iter_input("-", Options(), stdin=stream)
    assert isinstance(item, RawDocument) and item.content.endswith("A second line.")


def test_a_json_record_file(tmp_path: Path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": "Four people were injured.", "source": "C"}, indent=2), encoding="utf-8")
    (item,) = iter_input(str(path), Options())
    assert isinstance(item, RawDocument) and item.source == "C"
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON article record"):
        list(iter_input(str(bad), Options()))


def test_a_warc_file_is_read_record_by_record(tmp_path: Path):
    path = make_warc(tmp_path / "crawl.warc.gz")
    items = list(iter_input(str(path), Options()))
    documents = [i for i in items if isinstance(i, RawDocument)]
    assert len(documents) >= 3 and any("Town1" in d.content for d in documents)


@pytest.mark.parametrize("line, expected", [
    (b'{"text": "x"}', True), (b'  {"html": "<p>x</p>"}\n', True), (b'{"title": "x"}', False),
    (b"[1, 2]", False), (b"Police said", False), (b"{broken", False),
])
def test_what_makes_a_line_an_article_record(line, expected):
    assert is_article_record_line(line) is expected


def test_extract_reports_a_bad_line_by_number_and_goes_on(tmp_path: Path, capsys, monkeypatch):
    import newsfacts.pipeline

    class Echo:
        def __init__(self, *_a, **_k) -> None:
            pass

        def extract(self, document):
            from newsfacts.model import Article

            return Article(text=document.content, source=document.source)

    monkeypatch.setattr(newsfacts.pipeline, "Extractor", Echo)
    path = tmp_path / "three.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    assert cli.main(["extract", str(path), "--jsonl"]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["source"] for r in records] == ["A", None]
    assert f"{path}:2: error[E100]: the line is not valid JSON" in captured.err


def test_ingest_reads_json_lines_from_stdin_and_reports_a_bad_line(tmp_path: Path, capsys, monkeypatch):
    import newsfacts.pipeline

    class Echo:
        def __init__(self, *_a, **_k) -> None:
            pass

        def extract(self, document):
            from newsfacts.model import Article

            return Article(text=document.content, source=document.source, url=document.url)

    monkeypatch.setattr(newsfacts.pipeline, "Extractor", Echo)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(("\n".join(LINES) + "\n").encode())))
    db = tmp_path / "s.db"
    assert cli.main(["ingest", "-", "--db", str(db)]) == 1  # one line failed
    captured = capsys.readouterr()
    assert "<stdin>:2: error[E100]" in captured.err and captured.out.strip() == "ingested: 2 added, 1 failed"
    from newsfacts.store import open_store

    with open_store(db) as store:
        texts = [store.article(a["id"]).text for a in store.articles()]
    assert sorted(texts) == sorted(["Police said 3 people were injured in Leeds.", "<p>Two people were injured in a fire.</p>"])
