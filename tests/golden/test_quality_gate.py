"""Quality gates on the bundled gold corpora: they fail when accuracy drops below pinned floors.

- dev: the 38 development articles and the seed, the set the rules were built on;
- heldout: 24 articles in other styles (wire, South Asian and African press, police releases, UN situation
  reports, conflict digests, liveblogs, scraped pages), written apart from the code to measure how the rules
  generalise. Its first, blind measure was facts F1 0.829; rules fixed since were fixed by class of phrasing.
- blind-2: 10 more articles written the same way a session later (tests/data/blind-2/README.md). Its blind
  measure was facts F1 0.854, event totals 0.80 / 0.60 / 0.90, the one sum check missed.
- blind-3: 12 more (tests/data/blind-3/README.md), blind F1 0.897, totals 0.92 / 0.83 / 0.75.

The floors sit a little under the figures measured when they were pinned (README, "Accuracy"), so a
regression fails CI while small wording changes elsewhere do not. Each corpus is pinned by its hash: change
the gold on purpose, then update tests/data/<corpus>.sha256."""

from __future__ import annotations

import hashlib

import pytest
from conftest import DATA, DEV, SEED_GOLD

from newsfacts.evaluate import describe, evaluate, gold_files

HELDOUT = DATA / "heldout"
BLIND_2 = DATA / "blind-2" / "articles"
BLIND_3 = DATA / "blind-3" / "articles"
CORPORA = {"dev": [DEV, SEED_GOLD], "heldout": [HELDOUT], "blind-2": [BLIND_2], "blind-3": [BLIND_3]}
FLOORS = {
    "dev": {"facts_f1": 0.97, "checks_found": 6, "checks_false_max": 0, "posts_missed_max": 0,
            "killed": 0.92, "injured": 0.92, "arrested": 0.90},
    "heldout": {"facts_f1": 0.95, "checks_found": 5, "checks_false_max": 0, "posts_missed_max": 0,
                "killed": 0.90, "injured": 0.90, "arrested": 0.85},
    "blind-2": {"facts_f1": 0.90, "checks_found": 1, "checks_false_max": 0, "posts_missed_max": 0,
                "killed": 0.90, "injured": 0.90, "arrested": 0.90},
    "blind-3": {"facts_f1": 0.88, "checks_found": 1, "checks_false_max": 0, "posts_missed_max": 0,
                "killed": 0.90, "injured": 0.90, "arrested": 0.80},
}


def corpus_hash(name: str) -> str:
    h = hashlib.sha256()
    for path in gold_files(CORPORA[name]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module", params=sorted(CORPORA))
def scored(request, extractor):
    return request.param, evaluate(CORPORA[request.param], extractor.extract)


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_is_the_pinned_one(name) -> None:
    assert corpus_hash(name) == (DATA / f"{name}.sha256").read_text().strip()


def test_facts_f1_floor(scored) -> None:
    name, result = scored
    detail = "\n".join(line for d in result.documents for line in describe(d))
    assert result.errors == 0, detail
    assert result.f1 >= FLOORS[name]["facts_f1"], f"{name}: {result.summary()}\n{detail}"


def test_checks_floor(scored) -> None:
    name, result = scored
    assert result.checks_tp >= FLOORS[name]["checks_found"], f"{name}: {result.summary()}"
    assert result.checks_fp <= FLOORS[name]["checks_false_max"], f"{name}: {result.summary()}"


def test_every_post_found(scored) -> None:
    name, result = scored
    assert result.posts_gold - result.posts_found <= FLOORS[name]["posts_missed_max"], result.summary()


@pytest.mark.parametrize("category", ["killed", "injured", "arrested"])
def test_event_totals_floor(scored, category) -> None:
    name, result = scored
    assert result.totals_accuracy()[category] >= FLOORS[name][category], f"{name}: {result.summary()}"
