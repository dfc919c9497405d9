"""The pure review rules (`newsfacts.store.review`): revisions applied in order, and the article rebuilt from
them keeps every index and every evidence span true, whatever the coders did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.model import Article, Derivation, Event, Fact, Span
from newsfacts.store.review import Revision, apply_revisions, review_view, reviewed_article, reviewed_total

TEXT = "Officials said 4 died and 9 were hurt; later 6 died in all. Another 2 died in hospital, police said 3."
WORDS = ["4 died", "9 were hurt", "6 died in all", "2 died", "police said 3"]


def span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(text=words, start=start, end=start + len(words))


def article() -> Article:
    facts = [
        Fact(category="killed", value=4, role="part", of=2, evidence=span("4 died")),
        Fact(category="injured", value=9, evidence=span("9 were hurt")),
        Fact(category="killed", value=6, role="total", evidence=span("6 died in all")),
        Fact(category="killed", value=2, role="part", of=2, evidence=span("2 died")),
        Fact(category="killed", value=3, source="police", evidence=span("police said 3")),
    ]
    event = Event(type="shooting", status="current", date="2025-04-01", totals={"killed": 6, "injured": 9},
                  derivations=[Derivation(category="killed", value=6, method="explicit_total", facts=[2]),
                               Derivation(category="injured", value=9, method="explicit_total", facts=[1])])
    return Article(text=TEXT, facts=facts, events=[event])


def revision(n: int, action: str, fact: int, **fields) -> Revision:
    return Revision(id=n, article_id=1, fact=fact, action=action, coder="c", created_at="2026-01-01", **fields)


def test_corrections_and_rejections_recount_the_incident():
    base = article()
    done = apply_revisions(base, [revision(1, "correct", 0, value=5), revision(2, "reject", 2)])
    assert [f.state for f in done] == ["corrected", "machine", "rejected", "machine", "machine"]
    assert done[0].machine.value == 4 and done[0].fact.value == 5
    rebuilt = reviewed_article(base, done)
    assert rebuilt.events[0].totals == {"killed": 7, "injured": 9}  # no total left: 5 + 2, the parts
    assert [f.value for f in rebuilt.facts] == [5, 9, 2, 3]
    assert all(f.of is None for f in rebuilt.facts)  # their whole was rejected


def test_a_corrected_part_raises_the_sum_check_and_the_view_points_at_review_indices():
    base = article()
    done = apply_revisions(base, [revision(1, "correct", 3, value=1)])
    view = review_view(base, done)
    (check,) = [c for c in view.checks if c.kind == "sum_mismatch"]
    assert check.facts == [0, 3, 2] and "4+1=5 but the stated total is 6" in check.detail


def test_total_rule():
    done = apply_revisions(article(), [revision(1, "confirm", 2)])
    pairs = [(done[i], i) for i in (0, 2, 3)]
    assert reviewed_total(pairs) == (6, "explicit_total", [2])
    assert reviewed_total([(done[0], 0), (done[3], 3)]) == (6, "sum_of_parts", [0, 3])
    assert reviewed_total([(done[4], 4)]) == (3, "reported", [4])
    assert reviewed_total([]) is None


actions = st.one_of(
    st.tuples(st.just("confirm"), st.integers(0, 6), st.none()),
    st.tuples(st.just("reject"), st.integers(0, 6), st.none()),
    st.tuples(st.just("correct"), st.integers(0, 6), st.fixed_dictionaries({
        "value": st.integers(0, 50), "category": st.sampled_from(["killed", "injured", "arrested", "missing"]),
        "role": st.sampled_from(["part", "total", "subset", "update", "reported"])})),
    st.tuples(st.just("add"), st.sampled_from(WORDS), st.integers(0, 50)),
)


@settings(deadline=None, max_examples=150)
@given(st.lists(actions, max_size=12))
def test_any_sequence_of_revisions_keeps_indices_and_evidence_true(steps):
    base = article()
    revisions: list[Revision] = []
    next_fact = len(base.facts)
    for n, (action, target, extra) in enumerate(steps, start=1):
        if action == "add":
            revisions.append(revision(n, "add", next_fact, category="killed", value=extra, role="reported",
                                      evidence=span(target)))
            next_fact += 1
        else:
            revisions.append(revision(n, action, target, **(extra or {})))
    done = apply_revisions(base, revisions)
    assert [f.index for f in done] == list(range(len(done)))
    assert all(f.machine == base.facts[f.index] for f in done if f.index < len(base.facts))
    for rebuilt in (reviewed_article(base, done), review_view(base, done)):
        n = len(rebuilt.facts)
        for fact in rebuilt.facts:
            assert TEXT[fact.evidence.start : fact.evidence.end] == fact.evidence.text
            assert fact.of is None or 0 <= fact.of < n
        assert all(0 <= i < n for c in rebuilt.checks for i in c.facts)
        assert all(0 <= i < n for e in rebuilt.events for d in e.derivations for i in d.facts)
        assert all(v >= 0 for e in rebuilt.events for v in e.totals.values())
    kept = reviewed_article(base, done)
    assert len(kept.facts) == sum(1 for f in done if f.state != "rejected")


def test_a_revision_follows_its_words_when_the_machine_facts_move():
    base = article()
    made_on = [revision(1, "correct", 1, value=10, evidence=span("9 were hurt")), revision(2, "reject", 4,
                                                                                             evidence=span("police said 3"))]
    # the same article extracted again, its facts in another order
    again = base.model_copy(update={"facts": [base.facts[4], base.facts[1], base.facts[0], base.facts[3], base.facts[2]]})
    done = apply_revisions(again, made_on)
    by_words = {f.fact.evidence.text: f for f in done}
    assert by_words["9 were hurt"].state == "corrected" and by_words["9 were hurt"].fact.value == 10
    assert by_words["police said 3"].state == "rejected" and by_words["police said 3"].index == 0
    assert [f.state for f in done].count("machine") == 3
