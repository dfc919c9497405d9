"""The events page's chart: killed, injured and arrested per week, month or year, from each event's best figures."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.web import charts


def test_weeks_group_by_monday_and_sum_each_category():
    chart = charts.toll_over_time([
        ("2025-07-08", {"killed": 3, "injured": 5}),  # a Tuesday: the week of Monday 7 July
        ("2025-07-13", {"killed": 2}),  # the Sunday of the same week
        ("2025-07-21/2025-07-22", {"arrested": 40}),
        (None, {"killed": 100}),  # undated: not on a time axis
        ("2025-07-09", {}),  # no figure: no bar
    ])
    assert chart.unit == "week"
    assert [(b.label, b.category, b.value) for b in chart.bars] == [
        ("2025-07-07", "killed", 5), ("2025-07-07", "injured", 5), ("2025-07-21", "arrested", 40)]
    assert chart.totals == {"killed": 5, "injured": 5, "arrested": 40}
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.value == 40 and tallest.y == chart.y_ticks[-1].y


def test_months_and_years_for_longer_spans():
    months = charts.toll_over_time([("2024-01-03", {"killed": 1}), ("2025-06", {"injured": 2})])
    assert months.unit == "month" and [b.label for b in months.bars] == ["2024-01", "2025-06"]
    years = charts.toll_over_time([("1990-01-19/1990-01-26", {"killed": 147}), ("2025-03-14", {"killed": 15})])
    assert years.unit == "year" and [b.label for b in years.bars] == ["1990", "2025"]
    assert charts.toll_over_time([(None, {"killed": 1}), ("2025-01-01", {})]) is None


figures = st.dictionaries(st.sampled_from(charts.TOLL_CATEGORIES), st.integers(0, 10_000), max_size=3)


@settings(deadline=None)
@given(st.lists(st.tuples(st.dates().map(lambda d: d.isoformat()), figures), min_size=1, max_size=30))
def test_bars_add_up_to_the_figures(events):
    chart = charts.toll_over_time(events)
    expected = {c: sum(f.get(c, 0) for _, f in events) for c in charts.TOLL_CATEGORIES}
    if not any(expected.values()):
        assert chart is None
        return
    assert {c: sum(b.value for b in chart.bars if b.category == c) for c in charts.TOLL_CATEGORIES} == expected
    assert all(0 <= b.y <= chart.baseline and b.height >= 0 and b.x >= charts.MARGIN_LEFT for b in chart.bars)
