"""Quality gate on the bundled dev set (38 articles + the seed): fails when accuracy drops below pinned floors.

The floors sit a little under the figures measured when they were pinned (see README, "Accuracy"), so a
regression fails CI while small wording changes elsewhere do not. The corpus is pinned by its hash: change
the gold on purpose, then update DEV_SHA256."""

from __future__ import annotations

import hashlib

import pytest
from conftest import DATA, DEV, SEED_GOLD

from newsfacts.evaluate import describe, evaluate, gold_files

FLOORS = {"facts_f1": 0.95, "checks_found": 5, "checks_false_max": 0, "posts_missed_max": 0,
          "killed": 0.85, "injured": 0.85, "arrested": 0.85}


def corpus_hash() -> str:
    h = hashlib.sha256()
    for path in gold_files([DEV, SEED_GOLD]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def result(extractor):
    return evaluate([DEV, SEED_GOLD], extractor.extract)


def test_corpus_is_the_pinned_one() -> None:
    assert corpus_hash() == (DATA / "dev.sha256").read_text().strip()


def test_facts_f1_floor(result) -> None:
    detail = "\n".join(line for d in result.documents for line in describe(d))
    assert result.errors == 0, detail
    assert result.f1 >= FLOORS["facts_f1"], f"{result.summary()}\n{detail}"


def test_checks_floor(result) -> None:
    assert result.checks_tp >= FLOORS["checks_found"], result.summary()
    assert result.checks_fp <= FLOORS["checks_false_max"], result.summary()


def test_every_post_found(result) -> None:
    assert result.posts_gold - result.posts_found <= FLOORS["posts_missed_max"], result.summary()


@pytest.mark.parametrize("category", ["killed", "injured", "arrested"])
def test_event_totals_floor(result, category) -> None:
    assert result.totals_accuracy()[category] >= FLOORS[category], result.summary()
