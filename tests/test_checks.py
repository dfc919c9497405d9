"""Checks: sums against totals (implicit parts included), subsets, anniversaries, disagreeing sources."""

from __future__ import annotations

from newsfacts.checks import anniversary_checks, disagreement_checks, run_checks, subset_checks
from newsfacts.facts import find_facts
from newsfacts.model import DateMention, Fact, Span


def fact(category: str, value: int, role: str = "reported", of: int | None = None, **kw) -> Fact:
    kw.setdefault("evidence", Span(text="x", start=0, end=1))
    return Fact(category=category, value=value, role=role, of=of, **kw)


def checks_of(nlp, text: str, published: str | None = None):
    doc = nlp(text)
    facts = find_facts(doc, [], [], published, [])
    return facts, run_checks(doc, facts, [], published)


def test_parts_that_do_not_make_the_total_are_flagged(nlp) -> None:
    _, flags = checks_of(nlp, "Soldiers killed 40 people in the north and 25 in the south. Thus, 70 people died.")
    [flag] = [c for c in flags if c.kind == "sum_mismatch"]
    assert flag.detail.startswith("40+25=65 but the stated total is 70")


def test_parts_that_make_the_total_are_not_flagged(nlp) -> None:
    _, flags = checks_of(nlp, "Soldiers killed 40 people in the north and 25 in the south. Thus, 65 people died.")
    assert not [c for c in flags if c.kind == "sum_mismatch"]


def test_implicit_parts_close_the_gap(nlp) -> None:
    text = ("Three people were taken to hospital after the crash. The driver of the van and two passengers "
            "were taken to the county hospital.")
    _, flags = checks_of(nlp, text)
    assert not [c for c in flags if c.kind == "sum_mismatch"]


def test_a_person_named_without_a_number_counts_once(nlp) -> None:
    _, flags = checks_of(nlp, "Six people were hurt: three men, two women and a child.")
    assert not [c for c in flags if c.kind == "sum_mismatch"]
    _, flags = checks_of(nlp, "Five people were hurt: three men, two women and a child.")
    [flag] = [c for c in flags if c.kind == "sum_mismatch"]
    assert flag.detail.startswith("3+2=5 (+1 named without a number) but the stated total is 5")


def test_approximate_totals_are_never_flagged(nlp) -> None:
    _, flags = checks_of(nlp, "Rebels killed 40 people in the north and 25 in the south. In total, about 80 died.")
    assert not [c for c in flags if c.kind == "sum_mismatch"]


def test_subset_larger_than_its_whole() -> None:
    facts = [fact("detained", 96), fact("imprisoned", 112, "subset", of=0)]
    [flag] = subset_checks(facts)
    assert flag.kind == "subset_exceeds_total" and flag.facts == [1, 0]
    assert subset_checks([fact("arrested", 841), fact("imprisoned", 112, "subset", of=0)]) == []


def test_subset_is_compared_with_the_latest_update() -> None:
    facts = [fact("killed", 18), fact("killed", 26, "update", of=0), fact("killed", 29, "subset", of=0)]
    [flag] = subset_checks(facts)
    assert "26" in flag.detail


def _date(value: str, start: int) -> DateMention:
    return DateMention(text=value, value=value, precision="day", relative=False,
                       evidence=Span(text=value, start=start, end=start + len(value)))


def test_anniversary_arithmetic() -> None:
    text = "They marked the 40th anniversary of the disaster of 1986-04-26."
    dates = [_date("1986-04-26", text.index("1986"))]
    [flag] = anniversary_checks(text, dates, "2025-04-26")
    assert "39 years" in flag.detail and "40th anniversary" in flag.detail
    assert anniversary_checks(text.replace("40th", "39th"), dates, "2025-04-26") == []
    assert anniversary_checks(text, dates, None) == []  # no year of publication, no check


def test_anniversary_in_a_stated_year() -> None:
    text = "The memorial opened on the 30th anniversary in 2007 of the crash of 1977-03-27."
    dates = [_date("1977-03-27", text.index("1977"))]
    assert anniversary_checks(text, dates, "2025-03-27") == []


def test_sources_that_disagree() -> None:
    facts = [fact("killed", 12, source="police"), fact("killed", 15, source="hospital director")]
    [flag] = disagreement_checks(facts)
    assert flag.detail == "police: 12 killed; hospital director: 15 killed"
    assert disagreement_checks([fact("killed", 12, source="police"), fact("killed", 12, source="army")]) == []
    same = [fact("detained", 214, source="Interior Ministry"), fact("detained", 131, source="ministry")]
    assert disagreement_checks(same) == []


def test_an_earlier_anniversary_named_in_passing_is_not_checked() -> None:
    text = ("They gathered on Friday to mark five years since the bombing of 2020-09-12. A memorial was "
            "unveiled on the third anniversary.")
    dates = [_date("2020-09-12", text.index("2020"))]
    assert anniversary_checks(text, dates, "2025-09-12") == []


def test_a_toll_brought_to_its_total_by_stated_parts_must_add_up(nlp) -> None:
    text = ("Eleven people died on the spot while four others succumbed to injuries in hospital, bringing "
            "the death toll to 16.")
    _, flags = checks_of(nlp, text)
    assert [c.kind for c in flags] == ["sum_mismatch"]


def test_a_toll_raised_by_an_increment_alone_is_not_flagged(nlp) -> None:
    _, flags = checks_of(nlp, "Rescuers recovered eight more bodies, bringing the death toll to 22.")
    assert flags == []


def test_figures_for_two_places_or_a_vague_word_are_not_a_disagreement() -> None:
    places = [fact("killed", 11, source="officials", place="Kharkiv"), fact("killed", 9, source="governor", place="Odesa")]
    assert disagreement_checks(places) == []
    vague = [fact("injured", 24, source="officials", evidence=Span(text="dozens wounded", start=0, end=14)),
             fact("injured", 21, source="governor")]
    assert disagreement_checks(vague) == []


def test_a_figure_with_a_place_and_one_without_are_not_a_disagreement() -> None:
    facts = [fact("arrested", 147, source="police", place="England"), fact("arrested", 8, source="Hull police")]
    assert disagreement_checks(facts) == []


def test_a_fronted_breakdown_that_misses_its_total_is_flagged(nlp) -> None:
    _, flags = checks_of(nlp, "Seventeen people were killed. Of the 17 dead, eleven died at the scene while three "
                              "others died later.")
    [flag] = [c for c in flags if c.kind == "sum_mismatch"]
    assert flag.detail.startswith("11+3=14 but the stated total is 17")
