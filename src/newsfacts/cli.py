"""The `newsfacts` command: a thin shell. Each subcommand lives in `newsfacts.commands.<name>`, which
registers its parser and calls a library function; errors become one line on stderr and a non-zero exit."""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .errors import NewsfactsError

# Subcommand modules, in the order `newsfacts --help` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "extract",
    "eval",
    "batch",
    "schema",
    "serve",
    "ingest", "events", "search", "export",
    "coder",
)

EXIT_USAGE = 2
EXIT_ERROR = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsfacts",
        description="Turn news articles into structured, checked event facts with evidence spans.",
    )
    parser.add_argument("--version", action="version", version=f"newsfacts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"newsfacts.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except NewsfactsError as exc:
        print(exc.one_line(), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
