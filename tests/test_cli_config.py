"""The CLI's guard rails: read-only commands refuse a store that is not there, environment variables are
checked with a one-line error, and the model option has one name everywhere."""

from __future__ import annotations

import io

import pytest

from newsfacts import cli
from newsfacts.errors import ConfigError
from newsfacts.options import Options, parse_flag, parse_size


@pytest.mark.parametrize("argv", [["events"], ["export"], ["search", "fire"]])
def test_read_only_commands_refuse_a_missing_store(argv, tmp_path, capsys):
    missing = tmp_path / "typo.db"
    assert cli.main([*argv, "--db", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error[E401]: no store at") and err.count("\n") == 1
    assert not missing.exists()  # nothing was created


def test_a_missing_store_is_refused_also_through_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSFACTS_DB", str(tmp_path / "nowhere.db"))
    assert cli.main(["events"]) == 1
    assert "no store at" in capsys.readouterr().err


@pytest.mark.parametrize("text, expected", [
    ("20971520", 20971520), ("20MB", 20 * 1024**2), ("20 MiB", 20 * 1024**2), ("512k", 512 * 1024), ("1GB", 1024**3),
])
def test_sizes(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["twenty", "20XB", "0", "-1", "20 Mi", ""])
def test_bad_sizes_are_one_line_errors(text):
    with pytest.raises(ConfigError, match="NEWSFACTS_MAX_BYTES"):
        parse_size(text, "NEWSFACTS_MAX_BYTES")


def test_env_values_are_read_and_checked(monkeypatch):
    monkeypatch.setenv("NEWSFACTS_MAX_BYTES", "20MB")
    monkeypatch.setenv("NEWSFACTS_ALLOW_PRIVATE_URLS", "yes")
    options = Options.from_env()
    assert (options.max_bytes, options.allow_private_urls) == (20 * 1024**2, True)
    monkeypatch.setenv("NEWSFACTS_ALLOW_PRIVATE_URLS", "perhaps")
    with pytest.raises(ConfigError, match="NEWSFACTS_ALLOW_PRIVATE_URLS"):
        Options.from_env()
    assert parse_flag("0", "X") is False


def test_a_bad_env_value_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSFACTS_MAX_BYTES", "lots")
    page = tmp_path / "a.txt"
    page.write_text("Police said 3 people were injured.", encoding="utf-8")
    assert cli.main(["extract", str(page)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error[E501]: NEWSFACTS_MAX_BYTES='lots'") and err.count("\n") == 1


def test_model_option_has_one_name_and_the_old_one_still_works():
    parser = cli.build_parser()
    for command in ("extract", "ingest", "eval", "batch", "serve"):
        args = [command, "x"] if command in ("extract", "ingest", "eval", "batch") else [command]
        if command == "batch":
            args += ["--out", "o"]
        parsed = parser.parse_args([*args, "--model", "my_pipeline"])
        assert (getattr(parsed, "model", None) or getattr(parsed, "spacy_model", None)) == "my_pipeline", command
    for command in ("batch", "serve"):
        args = [command, "x", "--out", "o"] if command == "batch" else [command]
        assert parser.parse_args([*args, "--spacy-model", "old"]).spacy_model == "old"
        assert "--spacy-model" not in parser._subparsers._group_actions[0].choices[command].format_help()  # type: ignore[union-attr]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only():
    from newsfacts.commands.progress import Bar

    tty, log = Terminal(), io.StringIO()
    for stream in (tty, log):
        with Bar("ingest", total=3, stream=stream) as bar:
            assert list(bar.iterate(["a", "b", "c"])) == ["a", "b", "c"]
            bar.write("a.txt: added as article 1")
    assert "ingest" in tty.getvalue() and "3/3" in tty.getvalue() and "article/s" in tty.getvalue()
    assert log.getvalue() == "a.txt: added as article 1\n"  # no bar, no control characters in a log


def test_ingest_knows_its_total_only_for_single_article_inputs():
    from newsfacts.commands.ingest import _known_total

    assert _known_total(["a.txt", "b.html", "https://x.example/"], []) == 3
    assert _known_total(["a.jsonl"], []) is None and _known_total(["-"], []) is None
    assert _known_total(["a.txt"], ["feed.xml"]) is None


def test_a_bar_learns_its_total_from_a_list():
    from newsfacts.commands.progress import Bar

    tty = Terminal()
    with Bar("export", unit="event", stream=tty) as bar:
        list(bar.iterate([1, 2, 3, 4]))
    assert "0/4" in tty.getvalue()  # the total, so rate and ETA follow
