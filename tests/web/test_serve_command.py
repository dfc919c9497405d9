"""`newsfacts serve`: its options parse, it builds the app it should, and its help names every option."""

from __future__ import annotations

import pytest

from newsfacts.cli import build_parser
from newsfacts.commands import serve


def parse(*argv: str):
    return build_parser().parse_args(["serve", *argv])


def test_defaults():
    args = parse()
    assert (args.host, args.port, args.db, args.no_db, args.allow_private_urls) == ("127.0.0.1", 8000, None, False, False)


def test_store_url_follows_the_store_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSFACTS_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert serve.store_url(parse()) == f"sqlite:///{tmp_path / 'env.db'}"
    assert serve.store_url(parse("--db", str(tmp_path / "x.db"))) == f"sqlite:///{tmp_path / 'x.db'}"
    assert serve.store_url(parse("--no-db")) is None


def test_db_and_no_db_exclude_each_other(capsys):
    with pytest.raises(SystemExit):
        parse("--db", "a.db", "--no-db")


def test_run_passes_options_to_uvicorn(monkeypatch):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.delenv("NEWSFACTS_TOKEN", raising=False)
    assert serve.run(parse("--no-db", "--port", "8123", "--allow-private-urls")) == 0
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert seen["app"].state.options.allow_private_urls is True
    assert seen["app"].state.store.configured is False


def test_loopback_detection():
    assert serve.is_loopback("127.0.0.1") and serve.is_loopback("::1") and serve.is_loopback("localhost")
    assert not serve.is_loopback("0.0.0.0") and not serve.is_loopback("example.org")


def test_every_serve_option_is_documented():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._subparsers._group_actions[0].choices.items() if a[0] == "serve")[1]
    options = [o for action in sub._actions for o in action.option_strings if o.startswith("--") and o != "--help"]
    assert options and all(f"`{o}" in docs for o in options), [o for o in options if f"`{o}" not in docs]
    assert "newsfacts serve" in docs
