"""The five multisource clusters: ingesting each reproduces its events, low/best/high, disagreement and copies.

First on hand-built records (what a correct extractor reads: tests the merge alone), then through the real
pipeline (tests extraction and merge together)."""

from __future__ import annotations

import json

import pytest

try:  # tests/ as a package or as a rootdir on sys.path
    from tests.conftest import MULTISOURCE, MULTISOURCE_BLIND, MULTISOURCE_BLIND_2, MULTISOURCE_BLIND_3
except ImportError:
    from conftest import MULTISOURCE, MULTISOURCE_BLIND, MULTISOURCE_BLIND_2, MULTISOURCE_BLIND_3

from newsfacts.store import MergedEvent, open_store

from .builders import build_article
from .cluster_specs import SPECS

CLUSTERS = sorted(p.name for p in MULTISOURCE.iterdir() if p.is_dir())
BLIND_ROOTS = (MULTISOURCE_BLIND, MULTISOURCE_BLIND_2, MULTISOURCE_BLIND_3)
# Known failures, named: what the extraction does not yet do for them.
BLIND_GAPS = {
    "blind-3/cluster-h": "two villages attacked in one night: a report in French is read as one incident, and "
                         "a day-1 report gives a combined toll and both villages' figures in one sentence ('Seven "
                         "people were killed in Dagara … and four in Koumbel'), which stays one incident",
}
BLIND_CLUSTERS = [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=BLIND_GAPS[name])) if name in BLIND_GAPS else name
    for name in sorted(f"{root.parent.name if root.name == 'multisource' else root.name}/{p.name}"
                       for root in BLIND_ROOTS for p in root.iterdir() if p.is_dir())
]


def cluster_files(cluster: str, root=MULTISOURCE) -> list[tuple[str, dict]]:
    """The cluster's articles, in publication order (as a news feed delivers them)."""
    files = [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in (root / cluster).glob("*.json") if p.name != "expected.json"]
    return sorted(files, key=lambda item: (item[1]["published"], item[0]))


def expected(cluster: str, root=MULTISOURCE) -> dict:
    return json.loads((root / cluster / "expected.json").read_text(encoding="utf-8"))


def hand_built(cluster: str, name: str, record: dict):
    facts, incidents = SPECS[cluster][name]
    return build_article(record["text"], facts=facts, incidents=incidents, published=record["published"],
                         source=record["source"], url=record["url"])


def compare(events: list[MergedEvent], results: dict[str, object], files: dict[str, dict], want: dict,
            copy_of_now: dict[int, int | None] | None = None) -> list[str]:
    """Differences between the stored events and expected.json, in words (empty when they agree).

    `copy_of_now` (article id -> the original it copies, as stored at the end) is checked instead of the
    statuses `add_article` returned: a wire story that arrives after its copy becomes the original then."""
    problems = []
    url_of = {name: record["url"] for name, record in files.items()}
    for copy_group in want["syndicated_copies"]:
        original, *copies = copy_group
        for name in copies:
            result, original_id = results[name], results[original].article_id
            linked = (copy_of_now.get(result.article_id) if copy_of_now is not None
                      else result.copy_of if result.status == "copy" else None)
            if linked != original_id:
                problems.append(f"{name}: expected a copy of {original}, got {result.status}")
    for want_event in want["events"]:
        urls = {url_of[name] for name in want_event["articles"]}
        independent = [(e, {s.url for s in e.sources if s.copy_of is None}) for e in events]
        # an article that reports two incidents is a source of two events: the event is the one with exactly
        # these sources, else (to say what went wrong) every event that shares one
        matching = [e for e, got in independent if got == urls] or [e for e, got in independent if urls & got]
        if len(matching) != 1:
            problems.append(f"{want_event['label']}: its articles are in {len(matching)} events, expected 1")
            continue
        event = matching[0]
        got_urls = {s.url for s in event.sources if s.copy_of is None}
        if got_urls != urls:
            problems.append(f"{want_event['label']}: sources {sorted(got_urls)} != {sorted(urls)}")
        if event.date != want_event["date"]:
            problems.append(f"{want_event['label']}: date {event.date} != {want_event['date']}")
        for category in ("killed", "injured", "arrested"):
            if category not in want_event:
                continue
            got = event.figures.get(category)
            got_triple = (got.low, got.best, got.high) if got else None
            want_triple = tuple(want_event[category][k] for k in ("low", "best", "high"))
            if got_triple != want_triple:
                problems.append(f"{want_event['label']}: {category} {got_triple} != {want_triple}")
        disagreement = any(c.kind == "source_disagreement" for c in event.checks)
        if disagreement != want_event["disagreement"]:
            problems.append(f"{want_event['label']}: disagreement {disagreement} != {want_event['disagreement']}")
    return problems


@pytest.mark.parametrize("cluster", CLUSTERS)
def test_cluster_hand_built_sqlite(cluster, tmp_path):
    files = dict(cluster_files(cluster))
    with open_store(tmp_path / "c.db") as store:
        results = {name: store.add_article(hand_built(cluster, name, record)) for name, record in cluster_files(cluster)}
        problems = compare(store.events(), results, files, expected(cluster))
    assert problems == []


@pytest.mark.parametrize("cluster", CLUSTERS)
def test_cluster_hand_built_in_reverse_order(cluster, tmp_path):
    """The merge does not depend on the order the articles arrive in."""
    files = dict(cluster_files(cluster))
    with open_store(tmp_path / "c.db") as store:
        ordered = list(reversed(cluster_files(cluster)))
        results = {name: store.add_article(hand_built(cluster, name, record)) for name, record in ordered}
        want = expected(cluster)
        # in reverse, the copy arrives before its original: the original is then the one linked as the copy
        swap = {}
        for first, second in want["syndicated_copies"]:
            assert (results[first].status, results[second].status) == ("copy", "added")
            swap[first] = second
        events = [{**e, "articles": [swap.get(n, n) for n in e["articles"]]} for e in want["events"]]
        want = {**want, "events": events, "syndicated_copies": []}
        assert compare(store.events(), results, files, want) == []


@pytest.mark.parametrize("cluster", CLUSTERS)
def test_cluster_on_both_backends(cluster, store):
    files = dict(cluster_files(cluster))
    results = {name: store.add_article(hand_built(cluster, name, record)) for name, record in cluster_files(cluster)}
    assert compare(store.events(), results, files, expected(cluster)) == []


def _pipeline_ready() -> bool:
    try:
        import newsfacts.pipeline  # noqa: F401
    except ImportError:
        return False
    return True


def extraction_errors(cluster: str, name: str, article) -> list[str]:
    """Where the extracted incidents differ from what a careful reader finds (the hand-built spec): the
    non-background incidents' per-category totals and their count, then the type family and the place the
    merge needs (a place that cannot be the spec's place is an extraction error, not a merge error)."""
    from newsfacts.store.merge import place_overlap, types_compatible

    _, want_incidents = SPECS[cluster][name]
    want = sorted(tuple(sorted((k.replace("detained", "arrested"), v) for k, v in i.totals.items() if v)) for i in want_incidents if i.status != "background")
    got = sorted(tuple(sorted((k.replace("detained", "arrested"), v) for k, v in e.totals.items() if v)) for e in article.events if e.status != "background")
    if got != want:
        return [f"{name}: incident totals {got} != {want}"]
    errors = []
    current = [e for e in article.events if e.status != "background"]
    for spec in (i for i in want_incidents if i.status != "background"):
        fits = [e for e in current if types_compatible(e.type, spec.type)
                and place_overlap(e.place.name if e.place else None, spec.place) is not None]
        if not fits:
            found = [(e.type, e.place.name if e.place else None) for e in current]
            errors.append(f"{name}: incident type/place {found} cannot be {spec.type} at {spec.place!r}")
    return errors


@pytest.mark.slow
@pytest.mark.parametrize("cluster", CLUSTERS)
def test_cluster_through_the_pipeline(cluster, store, request):
    """Extraction and merge together, on SQLite and on PostgreSQL: the merged events must match expected.json.
    A failure names the extraction errors behind it (the merge alone is tested above on hand-built records)."""
    if not _pipeline_ready():
        pytest.skip("the extraction pipeline is not importable yet")
    from newsfacts.ingest.base import RawDocument

    extractor = request.getfixturevalue("extractor")
    files = dict(cluster_files(cluster))
    extraction = []
    results = {}
    for name, record in cluster_files(cluster):
        document = RawDocument(content=record["text"], published=record["published"], source=record["source"], url=record["url"], origin=name)
        article = extractor.extract(document)
        extraction += extraction_errors(cluster, name, article)
        results[name] = store.add_article(article, origin=name)
    problems = compare(store.events(), results, files, expected(cluster))
    assert problems == [], "extraction errors: " + ("; ".join(extraction) or "none")


@pytest.mark.slow
@pytest.mark.parametrize("cluster", BLIND_CLUSTERS)
def test_blind_cluster_through_the_pipeline(cluster, tmp_path, request):
    """Clusters written without sight of the code (two days of a rising toll with an NGO and a ministry; two
    incidents in one city told by one article in turn; a syndicated copy and an anniversary piece)."""
    from newsfacts.ingest.base import RawDocument

    extractor = request.getfixturevalue("extractor")
    corpus, cluster = cluster.split("/")
    root = next(r for r in BLIND_ROOTS if corpus in (r.name, r.parent.name))
    files = cluster_files(cluster, root)
    with open_store(tmp_path / "b.db") as store:
        results = {
            name: store.add_article(extractor.extract(RawDocument(
                content=record["text"], published=record["published"], source=record["source"], url=record["url"],
                origin=name)), origin=name)
            for name, record in files
        }
        copy_of_now = {row["id"]: row["copy_of"] for row in store.articles()}
        problems = compare(store.events(), results, dict(files), expected(cluster, root), copy_of_now)
    assert problems == []


def test_specs_cover_every_cluster_file():
    for cluster in CLUSTERS:
        assert set(SPECS[cluster]) == {name for name, _ in cluster_files(cluster)}, cluster


@pytest.mark.slow
def test_dev_set_ingested_twice_keeps_the_article_count(tmp_path, request):
    if not _pipeline_ready():
        pytest.skip("the extraction pipeline is not importable yet")
    from newsfacts.ingest.base import RawDocument

    extractor = request.getfixturevalue("extractor")
    dev = sorted((MULTISOURCE.parent / "dev").glob("*.json"))
    records = [json.loads(p.read_text(encoding="utf-8")) for p in dev]
    articles = [extractor.extract(RawDocument(content=r["text"], published=r.get("published"), source=r.get("source"), origin=p.name))
                for p, r in zip(dev, records, strict=True)]
    with open_store(tmp_path / "dev.db") as store:
        first = [store.add_article(a).status for a in articles]
        count = store.count_articles()
        second = [store.add_article(a).status for a in articles]
        assert store.count_articles() == count
    assert set(second) == {"duplicate"}
    assert count == first.count("added") + first.count("copy") == len(dev) - first.count("duplicate")
