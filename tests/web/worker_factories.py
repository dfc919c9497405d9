"""Extractors for the worker-pool tests, importable by name (a spawned worker unpickles its factory)."""

from __future__ import annotations

import time

from newsfacts.errors import EmptyInputError
from newsfacts.model import Article


class ScriptedExtractor:
    """Hangs on HANG, raises on EMPTY and BOOM, else returns an Article of the text."""

    def extract(self, document) -> Article:
        text = document.content if hasattr(document, "content") else document
        if text.startswith("HANG"):
            while True:  # a pure-Python loop that never ends: only killing the process stops it
                time.sleep(0.01)
        if text.startswith("EMPTY"):
            raise EmptyInputError("nothing to read")
        if text.startswith("BOOM"):
            raise ValueError("boom")
        return Article(text=text)


def scripted(_options) -> ScriptedExtractor:
    return ScriptedExtractor()
