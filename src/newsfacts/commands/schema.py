"""`newsfacts schema`: print the JSON Schema of the extract record."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of the record `extract --json` prints",
                       description="Print the JSON Schema (draft 2020-12) generated from newsfacts' data model.")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..model import json_schema_text

    print(json_schema_text(), end="")
    return 0
