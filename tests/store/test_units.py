"""Unit and property tests of the pure parts: identity, attribution, place and date rules, figure ranges."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

import newsfacts.store as store_api
from newsfacts.store import merge
from newsfacts.store.figures import attribution, clause_around, is_earlier_count, official_rank
from newsfacts.store.identity import containment, content_hash, is_copy, normal_url, shingles
from newsfacts.store.merge import Report, date_interval, place_overlap
from newsfacts.store.records import SourceFigure


def test_public_names_are_sorted_and_exported():
    assert store_api.__all__ == sorted(store_api.__all__)
    assert all(hasattr(store_api, name) for name in store_api.__all__)


# -- identity -------------------------------------------------------------------------------------------

def test_content_hash_ignores_case_and_whitespace_only():
    assert content_hash("Twelve  people\nkilled") == content_hash("twelve people killed")
    assert content_hash("twelve people killed") != content_hash("eleven people killed")


def test_normal_url_drops_tracking_fragment_and_trailing_slash():
    assert normal_url("HTTPS://WWW.Example.org/a/b/?utm_source=x&id=3#top") == "https://example.org/a/b?id=3"
    assert normal_url("  ") is None


def test_copy_needs_shared_wording():
    body = " ".join(f"word{i} said the ministry on day {i}" for i in range(40))
    assert is_copy(shingles("New headline\n" + body), shingles(body + "\nBy agency staff"))
    assert not is_copy(shingles(body), shingles(" ".join(f"other{i} text here now {i}" for i in range(40))))
    assert containment(shingles("too short"), shingles("too short")) == 0.0


@given(st.text(min_size=0, max_size=200))
def test_content_hash_is_stable_under_whitespace(text):
    assert content_hash(text) == content_hash("  " + text.replace(" ", "  ") + "\n")


# -- attribution ----------------------------------------------------------------------------------------

LEDGER = ("A police source quoted by the regional press put the toll at 12, while the provincial health "
          "ministry later said 15 people had died.")


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_attribution_splits_contrasting_clauses():
    assert "police source" in attribution(LEDGER, *_at(LEDGER, "12"))
    assert "health ministry" in attribution(LEDGER, *_at(LEDGER, "15 people"))


def test_attribution_skips_counted_people_and_finds_appositive_speakers():
    text = "He repeated that 19 people, including seven officers, were hurt, and said no one was seriously injured."
    assert attribution(text, *_at(text, "19 people")) is None
    text = "The Open Square Monitor, a rights group with observers there, said it had records of 150 people detained."
    assert "Monitor" in attribution(text, *_at(text, "150 people"))


def test_headline_source():
    text = "Health ministry: 15 dead, 41 injured in market attack\n\nBody."
    assert attribution(text, *_at(text, "41 injured")) == "Health ministry"


def test_official_rank_orders_institution_police_generic_and_unofficial():
    assert official_rank("the provincial health ministry") == 3
    assert official_rank("Velmora police") == 2
    assert official_rank("a police source") == 1
    assert official_rank("officials") == 1
    assert official_rank("witnesses and a hospital worker") == 0
    assert official_rank("a police officer", context="who spoke on condition of anonymity") == 1
    assert official_rank(None) == 0


def test_earlier_count_is_recognised():
    from newsfacts.model import Span

    text = "Superintendent Kesh said the earlier count of 58 had covered only one facility."
    start, end = _at(text, "58")
    assert is_earlier_count(text, Span(text="58", start=start, end=end))
    text = "Police said 64 people were detained."
    start, end = _at(text, "64 people")
    assert not is_earlier_count(text, Span(text="64 people", start=start, end=end))


@given(st.text(alphabet="abc ,.;\n0123456789", min_size=1, max_size=120), st.data())
def test_clause_contains_its_span(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, len(text)))
    left, right = clause_around(text, start, end)
    assert 0 <= left <= start and end <= right <= len(text) or left <= start


# -- places and dates ------------------------------------------------------------------------------------

def test_places_that_contain_each_other_fit():
    assert place_overlap("Kelvaro", "Lantern Square, Kelvaro") == 1
    assert place_overlap("Lantern Square, Kelvaro", "Kelvaro, Ostrimar province") is not None
    assert place_overlap(None, "Anywhere") == 0


def test_two_streets_of_one_city_are_two_places():
    assert place_overlap("Tanner Row, Eastgate, Hollesby", "Mercer Street, Saltmarsh, Hollesby") is None
    assert place_overlap("Springfield, Illinois", "Springfield, Missouri") is None
    assert place_overlap("Aldmoor", "Tervik") is None


@given(st.lists(st.sampled_from(["Kelvaro", "Lantern Square", "Ostrimar province", "Hollesby", "Eastgate"]), min_size=1, max_size=3, unique=True))
def test_place_overlap_is_reflexive_and_symmetric(parts):
    name = ", ".join(parts)
    assert place_overlap(name, name) is not None
    other = parts[-1]
    assert (place_overlap(name, other) is None) == (place_overlap(other, name) is None)


def test_date_intervals():
    assert date_interval("2025-03-14") == (date(2025, 3, 14), date(2025, 3, 14))
    assert date_interval("2025-02") == (date(2025, 2, 1), date(2025, 2, 28))
    assert date_interval("2025-12") == (date(2025, 12, 1), date(2025, 12, 31))
    assert date_interval("2025-03-16/2025-03-14") == (date(2025, 3, 14), date(2025, 3, 16))
    assert date_interval(None, "2025-03-14") == (date(2025, 3, 11), date(2025, 3, 14))
    assert date_interval(None, None) is None


# -- figures ---------------------------------------------------------------------------------------------

def fig(value: int, official: int = 0, source: str | None = None, article_id: int = 1, category: str = "killed") -> SourceFigure:
    return SourceFigure(category=category, value=value, official=official, source=source, total=True, article_id=article_id, outlet=f"o{article_id}")


def test_best_is_the_most_official_source():
    r = merge.figure_range([fig(12, 2), fig(15, 3, "ministry"), fig(14, 0)], "2025-03-14")
    assert (r.low, r.best, r.high) == (12, 15, 15) and "ministry" in r.best_from


def test_best_without_official_is_the_lower_median():
    r = merge.figure_range([fig(19), fig(46)], None)
    assert (r.low, r.best, r.high) == (19, 19, 46) and r.best_from == "median"


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 3)), min_size=1, max_size=8))
def test_low_best_high_are_ordered_and_given_by_a_source(values):
    figures = [fig(v, o) for v, o in values]
    r = merge.figure_range(figures, None)
    assert r.low <= r.best <= r.high
    assert r.best in {v for v, _ in values}


def report(article_id: int, published: str, figures: list[SourceFigure], copy_of: int | None = None, **kw) -> Report:
    defaults = {"type": "shooting", "status": "current", "date": "2025-05-17", "place": "Hollesby"}
    defaults.update(kw)
    return Report(incident_id=article_id, article_id=article_id, published=published, figures=tuple(figures), copy_of=copy_of, **defaults)


def test_latest_day_wins_per_category_and_copies_count_once():
    reports = [
        report(1, "2025-05-17", [fig(2, article_id=1), fig(2, article_id=1, category="injured")]),
        report(2, "2025-05-18", [fig(3, article_id=2)]),
        report(3, "2025-05-18", [fig(9, article_id=3)], copy_of=1),
    ]
    figures, series, checks = merge.merge_figures(reports)
    assert (figures["killed"].best, figures["killed"].day) == (3, "2025-05-18")
    assert figures["injured"].best == 2  # the latest day that reported injuries
    assert [p.day for p in series if p.category == "killed"] == ["2025-05-17", "2025-05-18"]
    assert checks == []


def test_disagreement_says_who_said_what():
    _, _, checks = merge.merge_figures([report(1, "2025-03-14", [fig(12, 2, "police", 1)]), report(2, "2025-03-14", [fig(15, 3, "ministry", 2)])])
    assert checks[0].kind == "source_disagreement"
    assert "o1 (police) 12" in checks[0].detail and "o2 (ministry) 15" in checks[0].detail


def test_choose_event_keeps_two_streets_apart_and_one_article_never_merges_with_itself():
    events = {1: [report(1, "2025-05-17", [], place="Tanner Row, Eastgate")], 2: [report(2, "2025-05-17", [], place="Mercer Street, Saltmarsh")]}
    assert merge.choose_event(report(3, "2025-05-18", [], place="Mercer Street"), events) == 2
    assert merge.choose_event(report(1, "2025-05-17", [], place="Tanner Row"), events) is None
    assert merge.choose_event(report(4, "2025-05-17", [], type="protest", place="Mercer Street"), events) is None
    assert merge.choose_event(report(5, "2025-06-30", [], date="2025-06-29", place="Mercer Street"), events) is None


def test_a_figure_another_incident_counts_is_not_this_incidents_source():
    from newsfacts.store.figures import incident_figures

    from .builders import F, I, build_article

    text = ("Gunmen killed two men and wounded a woman at a bakery on Rope Lane on Sunday, police said. Police "
            "said they were not linking it to Friday's attack at a bar, in which four people were injured.")
    article = build_article(
        text,
        facts=[F("killed", "killed two men", 2, source="police"), F("injured", "four people were injured", 4, source="police")],
        incidents=[I("shooting", "2025-05-18", "Rope Lane", {"killed": 2, "injured": 1}, {"killed": [0]}),
                   I("shooting", "2025-05-16", None, {"injured": 4}, {"injured": [1]}, status="background")],
    )
    current = article.events[0]
    assert sorted((f.category, f.value) for f in incident_figures(article, current)) == [("injured", 1), ("killed", 2)]
