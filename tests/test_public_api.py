"""The package's public face: a sorted __all__ of names that exist, and a versioned JSON Schema."""

from __future__ import annotations

import newsfacts
from newsfacts.model import SCHEMA_VERSION, json_schema


def test_all_is_sorted_and_importable() -> None:
    assert newsfacts.__all__ == sorted(newsfacts.__all__)
    for name in newsfacts.__all__:
        assert hasattr(newsfacts, name), name


def test_schema_is_versioned_and_lists_the_contract() -> None:
    schema = json_schema()
    assert SCHEMA_VERSION in schema["$id"]
    fact = schema["$defs"]["Fact"]["properties"]
    for key in ("category", "value", "qualifier", "high", "role", "place", "date", "actor", "evidence"):
        assert key in fact


def test_extract_from_a_string() -> None:
    article = newsfacts.extract("Police said 3 people were killed and 5 injured in the attack.")
    assert [(f.category, f.value) for f in article.facts] == [("killed", 3), ("injured", 5)]
