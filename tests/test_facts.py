"""Counted facts from the parse: categories, qualifiers, roles, distractors, evidence spans.

Sentences here are written for the tests, in several styles, not taken from the dev set."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.facts import find_facts


def facts_of(nlp, text: str):
    return find_facts(nlp(text), [], [], None, [])


def pairs(nlp, text: str) -> set[tuple[str, int]]:
    return {(f.category, f.value) for f in facts_of(nlp, text)}


@pytest.mark.parametrize("text,expected", [
    ("An airstrike on a market killed 35 civilians and wounded more than 60 others, officials said.",
     {("killed", 35), ("injured", 60)}),
    ("Security forces arrested 12 suspected militants and detained another 30 people.",
     {("arrested", 12), ("detained", 30)}),
    ("The floods have displaced an estimated 150,000 people and destroyed 2,400 homes.",
     {("displaced", 150000), ("buildings_damaged", 2400)}),
    ("Police said 4 officers were hurt and 23 protesters were taken into custody.",
     {("injured", 4), ("detained", 23)}),
    ("The attack left 9 soldiers dead and 14 wounded.", {("killed", 9), ("injured", 14)}),
    ("Gunmen kidnapped 80 students from a boarding school.", {("abducted", 80)}),
    ("Some 3,000 people were evacuated as the wildfire burned 12 houses and 30 cars.",
     {("evacuated", 3000), ("buildings_damaged", 12), ("vehicles_damaged", 30)}),
    ("Up to 200 migrants are feared missing after the boat sank.", {("missing", 200)}),
    ("Nearly two dozen people were injured.", {("injured", 24)}),
    ("Dozens of people were hurt in the stampede.", {("injured", 24)}),
    ("Eleven miners were confirmed dead and three remain unaccounted for.", {("killed", 11), ("missing", 3)}),
    ("Twelve people were taken to hospital with burns.", {("injured", 12)}),
    ("The militia freed 20 hostages on Monday.", set()),
    ("Five dead, 12 hurt as bus overturns near Kisumu.", {("killed", 5), ("injured", 12)}),
    ("At least seven people have lost their lives and 40 others sustained injuries.",
     {("killed", 7), ("injured", 40)}),
    ("The blast claimed 14 lives.", {("killed", 14)}),
    ("The death toll stands at 41, officials said.", {("killed", 41)}),
    ("The number of dead has climbed to 230, with 1,500 injured.", {("killed", 230), ("injured", 1500)}),
    ("The fire gutted 40 shops.", {("buildings_damaged", 40)}),
    ("Four people were treated for smoke inhalation.", {("injured", 4)}),
    ("Six policemen were among those killed.", {("killed", 6)}),
    ("The 163 people who died are remembered every year.", {("killed", 163)}),
    ("Nine persons sustained various degrees of injuries.", {("injured", 9)}),
    ("The agency counts 1,280 damaged homes and 714 displaced people.",
     {("buildings_damaged", 1280), ("displaced", 714)}),
    ("Troops arrested 43 suspects in 19 intelligence-based operations.", {("arrested", 43)}),
    ("The dead were identified as Ramesh Singh (45) and Pooja (19).", set()),
    ("The bus, registration ABJ 412 XY, was burnt.", set()),
    ("Women and children account for 231 of the fatalities.", {("killed", 231)}),
    ("Rescue teams were still searching for 6 miners.", {("missing", 6)}),
    ("The storm forced the evacuation of 12,000 residents.", {("evacuated", 12000)}),
    ("At least a dozen homes were swept away and 300 livestock perished.", {("buildings_damaged", 12)}),
    ("They face eight counts of murder and three of attempted murder.", set()),
    ("Rescuers have freed the last two people trapped in the front carriage.", set()),
    ("The air force said it had shot down 47 of the 68 drones launched.", set()),
    ("Police found four people with gunshot wounds.", {("injured", 4)}),
    ("Authorities rounded up more than 200 suspected migrants.", {("detained", 200)}),
    ("Nine men were booked into the county jail on charges of rioting.", {("arrested", 9)}),
    ("Some 60 people were held overnight at police stations.", {("detained", 60)}),
    ("Forty protesters were sentenced to two years in prison.", {("imprisoned", 40)}),
])
def test_categories(nlp, text, expected) -> None:
    assert pairs(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "A 45-year-old man and his 12-year-old son were seen at 4:30 p.m. on Route 9.",
    "The 2019 attack was condemned by 27 countries at the summit.",
    "Officials pledged $4 million and sent 300 soldiers to clear 15 km of road.",
    "Her brother, 34, was arrested at the scene.",
    "The stadium holds 40,000 people and opened in 1968.",
    "Turnout was 64% in 12 of the 15 districts.",
    "He was hit by an average of 20 storms a year.",
    "Call 555-0142 with information about the fire at 14 Quay Street.",
    "She was one of the largest donors and visited 11 addresses.",
])
def test_distractors_are_not_facts(nlp, text) -> None:
    assert facts_of(nlp, text) == []


def test_qualifiers_and_ranges(nlp) -> None:
    found = {f.value: f for f in facts_of(nlp, "Between 30 and 40 homes were damaged and at least 5 people died, "
                                               "while more than 100 were injured.")}
    assert (found[30].qualifier, found[30].high) == ("range", 40)
    assert found[5].qualifier == "at_least"
    assert found[100].qualifier == "more_than"


def test_subsets_and_partitives(nlp) -> None:
    facts = facts_of(nlp, "The clashes left 22 people dead, including 7 police officers. "
                          "Of the 40 injured, 12 remain in hospital.")
    by_value = {f.value: f for f in facts}
    assert by_value[7].role == "subset" and by_value[7].category == "killed"
    assert facts[by_value[7].of].value == 22


def test_elliptical_subset(nlp) -> None:
    facts = facts_of(nlp, "Three officers were injured, one seriously.")
    assert [(f.value, f.role, f.of) for f in facts] == [(3, "reported", None), (1, "subset", 0)]


def test_anaphoric_figure_is_not_counted_twice(nlp) -> None:
    facts = facts_of(nlp, "A court sentenced 23 people to prison. The 23 were among 41 protesters arrested in May.")
    assert {(f.category, f.value) for f in facts} == {("imprisoned", 23), ("arrested", 41)}


def test_reversal_verbs_count_no_one(nlp) -> None:
    assert pairs(nlp, "Rebels abducted 15 aid workers and released 3 of them on Sunday.") == {("abducted", 15)}


def test_update_and_earlier_figure(nlp) -> None:
    facts = facts_of(nlp, "The death toll from the earthquake climbed to 1,200 on Tuesday, up from 800 a day earlier.")
    roles = {f.value: f.role for f in facts}
    assert roles == {1200: "update", 800: "reported"}


def test_summary_total_and_parts(nlp) -> None:
    facts = facts_of(nlp, "Rebels killed 30 villagers in the north. Another 12 people were killed in the east. "
                          "In total, 42 people died in the raids.")
    roles = {f.value: f.role for f in facts}
    assert roles[42] == "total" and roles[30] == "part" and roles[12] == "part"


def test_breakdown_after_a_figure_makes_it_a_total(nlp) -> None:
    facts = facts_of(nlp, "Police detained 50 people over the weekend. Officers said 30 were detained on Saturday "
                          "and 20 on Sunday.")
    roles = {f.value: f.role for f in facts}
    assert roles == {50: "total", 30: "part", 20: "part"}


def test_a_list_after_a_colon_or_dash_says_who_the_figure_is(nlp) -> None:
    for text in ("Four people were hurt: three cyclists and a bus driver.",
                 "Four others — three cyclists aged 20 to 31 and a bus driver — were hurt.",
                 "Four other people, three cyclists and a bus driver, were hurt."):
        facts = facts_of(nlp, text)
        assert [(f.value, f.role, f.of) for f in facts] == [(4, "total", None), (3, "part", 0)], text


def test_a_plain_list_of_groups_is_not_an_elaboration(nlp) -> None:
    facts = facts_of(nlp, "Four cyclists, three pedestrians and a bus driver were hurt.")
    assert "total" not in {f.role for f in facts}


def test_a_figure_in_a_commemorated_event_takes_that_events_date(nlp) -> None:
    def dates_of(text, published="2025-06-01"):
        from newsfacts.dates import find_dates

        doc = nlp(text)
        return [f.date for f in find_facts(doc, find_dates(doc, published), [], published, [])]

    assert dates_of("On Sunday crowds marked five years since a bomb tore through the hall, killing 34 people. "
                    "The bomb went off on 12 September 2020.") == ["2020-09-12"]
    assert dates_of("The city marked the 20th anniversary of the massacre, in which 40 people were killed.") == ["2005"]
    assert dates_of("Police said on Sunday that 40 people were killed.") == ["2025-06-01"]


def test_evidence_actor_and_place(nlp) -> None:
    text = "Gunmen on motorbikes killed 47 villagers in Mopti on Saturday, the governor said."
    [fact] = facts_of(nlp, text)
    assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.text == "killed 47 villagers"
    assert fact.actor == "Gunmen"
    assert fact.place == "Mopti"
    assert fact.source == "governor"


def test_place_in_a_town_the_tagger_does_not_know(nlp) -> None:
    [fact] = facts_of(nlp, "Nine traders were killed in the bombing of the cattle market in Varnost on Monday.")
    assert fact.place == "Varnost"


def test_where_the_wounded_were_treated_is_not_the_place(nlp) -> None:
    facts = facts_of(nlp, "Six of the wounded were flown to the regional hospital in Tirmeth.")
    assert [f.place for f in facts] == [None]


def test_a_place_is_written_with_what_contains_it(nlp) -> None:
    [fact] = facts_of(nlp, "Three people were shot dead at a bar in Kessel Heights, Dunmore, late on Friday.")
    assert fact.place == "Kessel Heights, Dunmore"
    [fact] = facts_of(nlp, "Four guards were killed at the Rolle Street depot in Varnost.")
    assert fact.place in ("Rolle Street, Varnost", "Varnost")


def test_an_institution_after_in_is_no_place(nlp) -> None:
    [fact] = facts_of(nlp, "Two people were arrested in Parliament on Tuesday.")
    assert fact.place is None


WORDS = st.sampled_from(["people", "were", "killed", "injured", "at", "least", "12", "three", "houses",
                         "damaged", "including", "of", "them", "and", "more", "than", ",", ".", "Police",
                         "said", "dozens", "the", "toll", "rose", "to", "1,200", "in", "Baku"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_evidence_offsets_always_map_back(nlp, words) -> None:
    text = " ".join(words)
    for f in facts_of(nlp, text):
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text
        assert f.value >= 0
        assert f.of is None or 0 <= f.of < len(facts_of(nlp, text))


def test_one_fatally_is_a_death(nlp) -> None:
    facts = facts_of(nlp, "Two people were shot, one fatally, early Sunday outside a bar.")
    assert ("killed", 1, "subset") in {(f.category, f.value, f.role) for f in facts}


def test_a_breakdown_after_a_colon(nlp) -> None:
    facts = facts_of(nlp, "The agency reports 30 deaths: 14 in Kora, 10 in Bela and 6 in Tumo.")
    assert [(f.value, f.role) for f in facts] == [(30, "total"), (14, "part"), (10, "part"), (6, "part")]


def test_copular_list_after_a_partitive(nlp) -> None:
    facts = facts_of(nlp, "Of the dead, 141 were passengers and 22 were crew members.")
    assert {(f.category, f.value) for f in facts} == {("killed", 141), ("killed", 22)}


def test_a_pronoun_partitive_takes_the_group_named_before_it(nlp) -> None:
    facts = facts_of(nlp, "Two people died. The injured were rushed to hospital, and eight of them were referred "
                          "to a trauma centre.")
    assert ("injured", 8) in {(f.category, f.value) for f in facts}


def test_one_of_them_belongs_to_the_group_the_sentence_names(nlp) -> None:
    facts = facts_of(nlp, "Two people died and three others were hurt. The injured were rushed to hospital, "
                          "where one of them later succumbed to his injuries.")
    last = facts[-1]
    assert (last.category, last.value, last.role) == ("killed", 1, "subset")
    assert facts[last.of].category == "injured"


def test_a_toll_revised_down_is_an_update(nlp) -> None:
    facts = facts_of(nlp, "Authorities revised the death toll down to 14 from 16 on Sunday.")
    assert [(f.value, f.role) for f in facts] == [(14, "update"), (16, "reported")]
    assert facts[0].of == 1


def test_a_figure_takes_the_date_of_its_own_clause(nlp) -> None:
    from newsfacts.dates import find_dates

    doc = nlp("Hundreds gathered on Friday to mark the anniversary of the massacre of July 1995, when forces "
              "killed more than 8,000 men.")
    [fact] = find_facts(doc, find_dates(doc, "2025-07-11"), [], "2025-07-11", [])
    assert fact.date == "1995-07"


def test_a_fronted_whole_makes_its_figures_one_breakdown(nlp) -> None:
    facts = facts_of(nlp, "Seventeen people were killed on Friday. Of the 17 dead, eleven died at the scene while "
                          "three others died on the way to hospital.")
    assert [(f.value, f.role, f.of) for f in facts] == [(17, "total", None), (11, "part", 0), (3, "part", 0)]


def test_a_list_after_a_colon_takes_the_fate_of_the_figure_before_it(nlp) -> None:
    facts = facts_of(nlp, "She added that 23 people were injured: 20 bus passengers and three traders.")
    assert [(f.category, f.value, f.role) for f in facts] == [
        ("injured", 23, "total"), ("injured", 20, "part"), ("injured", 3, "part")]


def test_treated_people_are_injured_but_a_clinics_patients_are_not(nlp) -> None:
    assert [f.value for f in facts_of(nlp, "Doctors said they were treating 11 survivors for hypothermia.")] == [11]
    assert facts_of(nlp, "Mobile clinics have treated 1,240 patients since February.") == []


def test_lives_are_a_toll_only_when_lost_or_claimed(nlp) -> None:
    assert [f.value for f in facts_of(nlp, "Twelve people lost their lives in the fire.")] == [12]
    assert facts_of(nlp, "The judge said the two men had treated the lives of young people as an inconvenience.") == []


def test_children_among_those_killed_are_a_subset(nlp) -> None:
    facts = facts_of(nlp, "48 civilians killed since 1 May\n17 children among those killed")
    assert [(f.category, f.value, f.role, f.of) for f in facts] == [("killed", 48, "reported", None), ("killed", 17, "subset", 0)]


def test_a_partitive_reaches_the_clause_conjoined_with_it(nlp) -> None:
    facts = facts_of(nlp, "Twenty-seven people were injured in the fire. Nineteen of the injured were treated at the "
                          "clinic and 11 were sent to the burn unit.")
    assert [(f.value, f.role, f.of) for f in facts] == [(27, "total", None), (19, "part", 0), (11, "part", 0)]


def test_a_noun_that_says_what_it_counts_keeps_its_category_in_a_list(nlp) -> None:
    facts = facts_of(nlp, "Toll: four dead, 37 injured, including 15 members of the security forces, and 112 arrests.")
    assert [(f.category, f.value, f.role) for f in facts][-1] == ("arrested", 112, "reported")


def test_figures_told_one_sentence_each_that_add_up_break_the_figure_down(nlp) -> None:
    facts = facts_of(nlp, "Attacks injured 29 people over the past day. North Oblast: shelling injured 11 in the city. "
                          "East Oblast: a drone strike injured two women. South Oblast: 12 people were injured. "
                          "West Oblast: four people were injured.")
    assert [(f.value, f.role) for f in facts] == [(29, "total"), (11, "part"), (2, "part"), (12, "part"), (4, "part")]
    facts = facts_of(nlp, "Attacks injured 29 people. North Oblast: shelling injured 11. South Oblast: 12 were injured.")
    assert [f.role for f in facts] == ["reported", "reported", "reported"]  # 23 is no breakdown of 29


def test_corpses_are_counted_whatever_the_lemmatiser_says(nlp) -> None:
    [fact] = facts_of(nlp, "A community leader said 17 corpses had been recovered from the bush.")
    assert (fact.category, fact.value) == ("killed", 17)
