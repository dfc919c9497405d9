"""Shared fixtures: paths to the bundled data, one spaCy pipeline per test session, service requirements."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED_TXT = DATA / "examples" / "black-january.txt"
SEED_GOLD = DATA / "examples" / "black-january.json"
DEV = DATA / "dev"
MULTISOURCE = DATA / "multisource"
# Clusters a helper wrote without seeing the code (tests/data/multisource-blind/README.md): pipeline only.
MULTISOURCE_BLIND = DATA / "multisource-blind"
MULTISOURCE_BLIND_2 = DATA / "blind-2" / "multisource"
MULTISOURCE_BLIND_3 = DATA / "blind-3" / "multisource"
REQUIRE_SERVICES = os.environ.get("NEWSFACTS_REQUIRE_SERVICES") == "1"


def service_missing(reason: str) -> None:
    """Skip when a service (PostgreSQL, Chromium) is absent; fail when CI says services are required."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp():
    from newsfacts.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extractor():
    from newsfacts.pipeline import Extractor

    return Extractor()


def dev_records() -> list[tuple[str, dict]]:
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(DEV.glob("*.json"))]
