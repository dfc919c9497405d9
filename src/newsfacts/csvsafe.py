"""CSV cells a spreadsheet will not run: formula injection neutralised as OWASP recommends.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and Google
Sheets as a formula (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3`, DDE payloads); article text, titles, outlet and
place names come from the web, so every CSV newsfacts writes (`export`, `search --csv`) goes through
`safe_row`, which prefixes such a text cell with a single quote (`'=1+2`): spreadsheets show it as text.

Numbers are data, not formulas: an int or float value is written as is, and so is a text cell that is only a
plain number (`-5`, `-0.5`), which a spreadsheet reads as that number. Anything else starting with `-`
(`-2+3`, `-cmd|...`) is prefixed. A program reading the CSV back sees the quote; strip it where a cell starts
with `'` followed by one of the characters above.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def safe_cell(value: Any) -> Any:
    """The value, or for text a spreadsheet would run as a formula, the text behind a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: safe_cell(value) for key, value in row.items()}
