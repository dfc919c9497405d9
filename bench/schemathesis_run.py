"""schemathesis against the web app's own OpenAPI document, in process (ASGI, no socket).

    python bench/schemathesis_run.py --examples 60 --seconds 240

Every operation of `/api/v1/openapi.json` is called with valid inputs (positive) and with inputs the
document forbids (negative), with the write token and without it, against a real SQLite store seeded
with three extracted dev-set articles (so that `/articles/{id}` and `/events/{id}` hit rows) and the real
spaCy extractor. schemathesis' checks run on every answer (no 5xx, documented status codes, content types
and response schemas, negative data rejected, ...), plus ours: every 4xx/5xx answer has the one error shape
`{"error": {"code": str, "message": str}}`. Prints cases and failures per operation; exits 1 on a failure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "schemathesis-token"
# Seeded so that path parameters 1..3 name real articles and events.
SEED_ARTICLES = ("dev-001.json", "dev-101.json", "dev-010.json")


def seeded_app(workdir: Path):
    from newsfacts.model import Article  # noqa: F401 - imported before the app so spaCy loads once
    from newsfacts.options import Options
    from newsfacts.pipeline import Extractor
    from newsfacts.store import open_store
    from newsfacts.web import create_app

    os.environ["NEWSFACTS_TOKEN"] = TOKEN
    store_url = f"sqlite:///{workdir / 'schemathesis.db'}"
    extractor = Extractor(Options())
    with open_store(store_url) as store:
        for name in SEED_ARTICLES:
            record = json.loads((ROOT / "tests" / "data" / "dev" / name).read_text(encoding="utf-8"))
            store.add_article(extractor.extract(record["text"]), origin=name)
    return create_app(store_url=store_url, options=Options(max_bytes=256 * 1024))


def error_shape_problem(response) -> str | None:
    """Why a 4xx/5xx answer breaks the documented error shape, or None when it keeps it."""
    if response.status_code < 400:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        return f"{response.status_code} answer is not JSON"
    error = body.get("error") if isinstance(body, dict) else None
    if not (isinstance(error, dict) and isinstance(error.get("code"), str) and isinstance(error.get("message"), str)):
        return f"{response.status_code} answer lacks {{'error': {{'code', 'message'}}}}: {str(body)[:120]}"
    return None


def input_refusal_problem(case, response, mode) -> str | None:
    """schemathesis' positive-data check, with the API's documented exception: a schema-valid body may still
    be refused with 422 and an E1xx code when it is no article (empty, binary, all navigation)."""
    from schemathesis import GenerationMode

    if mode != GenerationMode.POSITIVE or response.status_code not in (400, 422):
        return None
    code = (json.loads(response.content).get("error") or {}).get("code", "")
    if response.status_code == 422 and code.startswith("E1"):
        return None
    return f"schema-valid request rejected with {response.status_code} {code}"


def run_operation(operation, mode, headers: dict, examples: int, deadline: float) -> tuple[int, list[str]]:
    """Cases tried and distinct failures for one operation in one generation mode and one auth state."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    cases, failures = 0, []

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case) -> None:
        nonlocal cases
        if time.monotonic() > deadline:
            return
        cases += 1
        try:
            response = case.call(headers=headers)
        except Exception as exc:  # noqa: BLE001 - the app raised instead of answering (a 500 in production)
            failures.append(f"unhandled {type(exc).__name__}: {exc}\n      reproduce: {case.as_curl_command(headers=headers)[:300]}")
            return
        problems = []
        try:
            case.validate_response(response, headers=headers, excluded_checks=[positive_data_acceptance])
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - a failed check: record it, keep testing
            problems.append(" ".join(str(exc).split())[:300])
        problems += [p for p in (error_shape_problem(response), input_refusal_problem(case, response, mode)) if p]
        for problem in problems:
            if problem not in {f.split("\n")[0] for f in failures}:
                failures.append(f"{problem}\n      reproduce: {case.as_curl_command(headers=headers)[:300]}")

    try:
        check()
    except Unsatisfiable:
        pass  # nothing to make invalid (GET /health takes no input): no negative cases
    return cases, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="schemathesis against the in-process web app")
    parser.add_argument("--examples", type=int, default=60, help="cases per operation, mode and auth (default 60)")
    parser.add_argument("--seconds", type=float, default=240, help="stop generating after this (default 240)")
    args = parser.parse_args(argv)

    import schemathesis
    from schemathesis import GenerationMode

    workdir = Path(tempfile.mkdtemp(prefix="schemathesis-"))
    app = seeded_app(workdir)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    deadline = time.monotonic() + args.seconds
    started = time.monotonic()
    totals: Counter[str] = Counter()
    failed: dict[str, list[str]] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        label = f"{operation.method.upper()} {operation.path}"
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for auth, headers in (("token", {"Authorization": f"Bearer {TOKEN}"}), ("no token", {})):
                cases, failures = run_operation(operation, mode, headers, args.examples, deadline)
                totals[label] += cases
                if failures:
                    failed.setdefault(label, []).extend(f"[{mode.value}, {auth}] {f}" for f in failures)
        print(f"{label:34} {totals[label]:5} cases  {len(failed.get(label, []))} failures", flush=True)
    elapsed = time.monotonic() - started
    print(f"schemathesis: {len(operations)} operations, {sum(totals.values()):,} cases in {elapsed:.0f} s, "
          f"{sum(len(f) for f in failed.values())} failures")
    for label, failures in failed.items():
        for failure in failures:
            print(f"FAIL {label}: {failure}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
