"""Unit and property tests for the pure view functions: highlighting by offsets, arithmetic, charts, links."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfacts.model import Article, Block, Check, Fact, Span
from newsfacts.web import charts, render


def fact(text: str, evidence: str, value: int = 1, role: str = "reported", category: str = "killed") -> Fact:
    start = text.index(evidence)
    return Fact(category=category, value=value, role=role, evidence=Span(text=evidence, start=start,
                                                                          end=start + len(evidence)))


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
    n = len(text)
    pairs = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=6))
    spans = [(min(a, b), max(a, b), i) for i, (a, b) in enumerate(pairs) if a != b]
    return text, spans


@given(text_and_spans(), st.data())
def test_segments_concatenate_back_to_the_text_and_cover_exactly_their_spans(case, data):
    text, spans = case
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    pieces = render.segments(text, start, end, spans)
    assert "".join(p.text for p in pieces) == text[start:end]
    position = start
    for piece in pieces:
        for s, e, i in spans:
            covers = s <= position and position + len(piece.text) <= e
            assert (i in piece.facts) == covers
        position += len(piece.text)


@given(text_and_spans())
def test_each_fact_anchor_appears_once_in_the_paragraph_where_it_starts(case):
    text, spans = case
    facts = [Fact(category="killed", value=1, evidence=Span(text=text[s:e], start=s, end=e)) for s, e, _ in spans]
    article = Article(text=text, facts=facts)
    bounds = render.paragraph_bounds(text, [])
    starts = [i for p in render.paragraphs(article) for seg in p.segments for i in seg.starts]
    expected = [i for i, f in enumerate(facts) if any(b[0] <= f.evidence.start < b[1] for b in bounds)]
    assert sorted(starts) == sorted(expected)


def test_mismatched_offsets_are_not_highlighted():
    text = "Police said 3 people were killed."
    good = fact(text, "3 people were killed", 3)
    wrong = Fact(category="injured", value=2, evidence=Span(text="two hurt", start=0, end=8))
    article = Article(text=text, facts=[good, wrong])
    covered = {i for p in render.paragraphs(article) for seg in p.segments for i in seg.facts}
    assert covered == {0}
    assert [v.anchored for v in render.fact_views(article)] == [True, False]


def test_paragraphs_follow_blank_lines_or_blocks():
    text = "First para.\nstill first.\n\nSecond."
    assert [p.segments[0].text for p in render.paragraphs(Article(text=text))] == [
        "First para.\nstill first.", "Second."]
    blocks = [Block(start=0, end=11, language="en"), Block(start=26, end=33, language="fr", kind="post")]
    paras = render.paragraphs(Article(text=text, blocks=blocks))
    assert [(p.kind, p.language) for p in paras] == [("paragraph", "en"), ("post", "fr")]


def test_figure_text_reads_like_the_article():
    def f(**kw):
        return Fact(category="killed", evidence=Span(text="x", start=0, end=1), **kw)

    assert render.figure_text(f(value=82)) == "82"
    assert render.figure_text(f(value=12, qualifier="at_least")) == "at least 12"
    assert render.figure_text(f(value=3, qualifier="range", high=5)) == "between 3 and 5"


SEED_LIKE = "They killed 82 people and fatally wounded 20. 21 people were killed. Eight more died. Thus 147 were killed."


def test_sum_arithmetic_from_fact_roles():
    facts = [
        fact(SEED_LIKE, "killed 82 people", 82, "part"),
        fact(SEED_LIKE, "fatally wounded 20", 20, "part"),
        fact(SEED_LIKE, "21 people were killed", 21, "part"),
        fact(SEED_LIKE, "Eight more died", 8, "part"),
        fact(SEED_LIKE, "147 were killed", 147, "total"),
    ]
    check = Check(kind="sum_mismatch", severity="warning", detail="parts do not make the total", facts=[0, 1, 2, 3, 4])
    assert render.check_arithmetic(check, facts) == "82+20+21+8 = 131 ≠ 147"


def test_sum_arithmetic_from_detail_when_indices_are_missing():
    check = Check(kind="sum_mismatch", severity="warning", detail="19+15+9=43 but total says 47")
    assert render.check_arithmetic(check, []) == "19+15+9 = 43 ≠ 47"
    assert render.check_arithmetic(Check(kind="sum_mismatch", severity="info", detail="no figures"), []) is None


def test_subset_and_disagreement_arithmetic():
    text = "96 detained, 112 of them sent to prison; police: 12 killed; hospital: 15 killed"
    facts = [fact(text, "96 detained", 96, "total", "arrested"), fact(text, "112 of them", 112, "subset", "imprisoned"),
             fact(text, "12 killed", 12), fact(text, "15 killed", 15)]
    subset = Check(kind="subset_exceeds_total", severity="error", detail="x", facts=[0, 1])
    assert render.check_arithmetic(subset, facts) == "112 > 96"
    disagree = Check(kind="source_disagreement", severity="info", detail="x", facts=[2, 3])
    assert render.check_arithmetic(disagree, facts) == "12 ≠ 15"
    anniversary = Check(kind="anniversary_mismatch", severity="warning", detail="39 years, not the 40th")
    assert render.check_arithmetic(anniversary, facts) is None


def test_safe_link_keeps_only_http():
    assert render.safe_link("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil", None, ""):
        assert render.safe_link(bad) is None


def test_events_over_time_buckets_by_span():
    days = charts.events_over_time(["2025-07-08", "2025-07-08", "2025-07-15/2025-07-16", None, "bad"])
    assert days.unit == "day" and [b.count for b in days.bars] == [2, 1]
    assert days.bars[0].height > days.bars[1].height
    months = charts.events_over_time(["2024-01-03", "2025-06"])
    assert months.unit == "month" and [b.label for b in months.bars] == ["2024-01", "2025-06"]
    years = charts.events_over_time(["1990-01-19/1990-01-26", "2025-03-14"])
    assert years.unit == "year" and years.x_ticks[-1].label == "2025"
    assert charts.events_over_time([None, ""]) is None


def test_figure_timeline_is_a_step_line_in_date_order():
    chart = charts.figure_timeline([("2025-07-11", 27, "c"), ("2025-07-08", 8, "a"), ("2025-07-09", 19, "b"),
                                    (None, 5, "undated")])
    assert [p.value for p in chart.points] == [8, 19, 27]
    assert chart.points[0].x < chart.points[1].x < chart.points[2].x
    assert chart.points[2].y < chart.points[0].y  # higher figures are drawn higher
    assert len(chart.path.split()) == 5  # start, then a horizontal and a vertical step per later report
    assert charts.figure_timeline([("2025-07-08", 8, "a")]) is None


@given(st.lists(st.dates().map(lambda d: d.isoformat()), min_size=1, max_size=30))
def test_bar_counts_add_up_to_the_dated_events(dates):
    chart = charts.events_over_time(dates)
    assert sum(b.count for b in chart.bars) == len(dates)
    assert all(0 <= b.y <= chart.baseline and b.height >= 0 for b in chart.bars)
