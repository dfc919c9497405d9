"""The command line: output formats, metadata options, and bad input as one clear line with a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_TXT

ROOT = Path(__file__).resolve().parents[1]


def newsfacts(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsfacts.cli", *args], input=stdin, capture_output=True,
                          timeout=180, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def seed_json() -> dict:
    r = newsfacts("extract", str(SEED_TXT), "--json")
    assert r.returncode == 0, r.stderr.decode()
    return json.loads(r.stdout)


def test_json_record_has_the_contract_keys(seed_json) -> None:
    for key in ("schema_version", "source", "published", "title", "language", "text", "posts", "quotes",
                "entities", "facts", "checks", "events"):
        assert key in seed_json
    assert seed_json["published"] == "2025-01-20" and seed_json["source"] == "News.Az"


def test_jsonl_several_inputs_and_metadata_options(tmp_path) -> None:
    other = tmp_path / "short.txt"
    other.write_text("Police said 12 people were arrested on Sunday after the protest.", encoding="utf-8")
    r = newsfacts("extract", str(SEED_TXT), str(other), "--jsonl", "--published", "2025-03-03", "--source", "Wire")
    assert r.returncode == 0, r.stderr.decode()
    lines = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert len(lines) == 2
    assert lines[1]["published"] == "2025-03-03" and lines[1]["source"] == "Wire"
    assert [(f["category"], f["value"]) for f in lines[1]["facts"]] == [("arrested", 12)]


def test_readable_report_shows_the_flag() -> None:
    r = newsfacts("extract", str(SEED_TXT))
    out = r.stdout.decode()
    assert r.returncode == 0
    assert "sum_mismatch: 82+20+21+8=131 but the stated total is 147" in out
    assert "@TC_Disisleri" in out


def test_stdin() -> None:
    r = newsfacts("extract", "-", "--json", stdin=b"Two people were killed in the blast.")
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads(r.stdout)["facts"][0]["value"] == 2


@pytest.mark.parametrize("content,code", [
    (b"", "E101"),
    (b"   \n\n ", "E101"),
    (b"%PDF-1.7\x00\x01\x02binary", "E102"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "E102"),
    (b"<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>", "E104"),
])
def test_bad_input_is_one_line_and_non_zero(tmp_path, content, code) -> None:
    path = tmp_path / ("page.html" if content.startswith(b"<html") else "input.txt")
    path.write_bytes(content)
    r = newsfacts("extract", str(path))
    err = r.stderr.decode().strip()
    assert r.returncode != 0
    assert code in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_over_the_size_limit(tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Two people were killed. " * 100, encoding="utf-8")
    r = newsfacts("extract", str(path), "--max-bytes", "1000")
    assert r.returncode != 0 and "E103" in r.stderr.decode()


def test_missing_file_and_bad_date(tmp_path) -> None:
    r = newsfacts("extract", str(tmp_path / "nope.txt"))
    assert r.returncode != 0 and len(r.stderr.decode().strip().splitlines()) == 1
    r = newsfacts("extract", str(SEED_TXT), "--published", "20 Jan")
    assert r.returncode != 0 and "YYYY-MM-DD" in r.stderr.decode()


def test_windows_1252_page_is_decoded(tmp_path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("La Préfecture a annoncé l’arrestation de 45 personnes. Police said 45 people were arrested."
                     .encode("cp1252"))
    r = newsfacts("extract", str(path), "--json")
    assert r.returncode == 0, r.stderr.decode()
    assert "Préfecture" in json.loads(r.stdout)["text"]


def test_non_english_page_says_its_language(tmp_path) -> None:
    path = tmp_path / "de.txt"
    path.write_text("Bei einem Brand in einem Wohnhaus in Köln sind am Sonntag drei Menschen ums Leben gekommen. "
                    "Die Feuerwehr war mit 80 Einsatzkräften vor Ort.", encoding="utf-8")
    r = newsfacts("extract", str(path), "--json")
    assert r.returncode == 0, r.stderr.decode()
    record = json.loads(r.stdout)
    assert record["language"] == "de" and record["warnings"]


def test_model_that_is_not_installed_is_a_clear_error() -> None:
    r = newsfacts("extract", str(SEED_TXT), "--model", "xx_not_a_model")
    assert r.returncode != 0 and "E301" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_schema_command_prints_the_json_schema() -> None:
    r = newsfacts("schema")
    schema = json.loads(r.stdout)
    assert schema["title"] == "Article" and "facts" in schema["properties"]
