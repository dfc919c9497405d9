"""Store fixtures: `store_url` runs each test on SQLite and on PostgreSQL (a fresh schema per test; skipped
when no server answers at NEWSFACTS_TEST_PG_URL, failed instead when NEWSFACTS_REQUIRE_SERVICES=1)."""

from __future__ import annotations

import os
import uuid

import pytest

try:  # tests/ as a package or as a rootdir on sys.path
    from tests.conftest import service_missing
except ImportError:
    from conftest import service_missing

from newsfacts.store import open_store

PG_URL = os.environ.get("NEWSFACTS_TEST_PG_URL")


def _pg_schema_url() -> tuple[str, str]:
    if not PG_URL:
        service_missing("PostgreSQL: set NEWSFACTS_TEST_PG_URL (source .ci/services/postgres.sh)")
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(PG_URL)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(
            host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username, password=url.password,
            dbname=url.database, autocommit=True, connect_timeout=3,
        ) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        service_missing(f"PostgreSQL not reachable at {url.render_as_string(hide_password=True)}: {exc}")
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False), schema


def _drop_schema(schema: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(PG_URL)
    with psycopg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password,
                         dbname=url.database, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url, schema = _pg_schema_url()
    yield url
    _drop_schema(schema)


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture
def sqlite_path(tmp_path):
    return tmp_path / "store.db"
