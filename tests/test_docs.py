"""Docs are tested: every CLI command and option appears in the README or docs/."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsfacts.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def documentation() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def commands_and_options():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        options = [s for a in command._actions for s in a.option_strings if s.startswith("--") and s != "--help"]
        yield name, options


def test_every_command_and_option_is_documented() -> None:
    docs = documentation()
    missing = []
    for name, options in commands_and_options():
        if f"newsfacts {name}" not in docs:
            missing.append(f"newsfacts {name}")
        missing.extend(f"{name} {opt}" for opt in options if opt not in docs)
    assert not missing, "undocumented: " + ", ".join(missing)


def test_readme_opens_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:1500]
    assert "make run" in head and "make test" in head


def test_readme_shows_the_seed_as_newsfacts_prints_it(extractor) -> None:
    from newsfacts.ingest.base import RawDocument
    from newsfacts.report import render

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\nNews.Az") + len("```text\n")
    shown = readme[start:readme.index("```", start)]
    seed = (ROOT / "examples" / "black-january.txt").read_text(encoding="utf-8")
    printed = render(extractor.extract(RawDocument(content=seed, origin="examples/black-january.txt")))
    assert shown.rstrip("\n") == printed.rstrip("\n")


def test_readme_shows_the_events_make_run_lists(tmp_path, capsys) -> None:
    """`make run` ingests the bundled examples and lists the events; the README shows that table as it is."""
    from newsfacts.cli import main

    db = str(tmp_path / "run.db")
    examples = sorted(str(p) for p in (ROOT / "examples").iterdir() if p.suffix in (".txt", ".jsonl"))
    assert main(["ingest", *examples, "--db", db]) == 0
    capsys.readouterr()
    assert main(["events", "--db", db]) == 0
    printed = [line.rstrip() for line in capsys.readouterr().out.strip().splitlines()]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\nid  date") + len("```text\n")
    shown = [line.rstrip() for line in readme[start:readme.index("```", start)].strip().splitlines()]
    assert shown == printed
