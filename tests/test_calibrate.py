"""The calibration stage: readings of each total, the model's choice, and evidence kept for every total.

A real model is trained from real news by training/train_totals.py; these tests build tiny models by hand, so
they test the mechanics whatever the shipped file says.
"""

from __future__ import annotations

import json

import pytest

from newsfacts import calibrate
from newsfacts.options import Options
from newsfacts.pipeline import Extractor


def stump(feature: str, prefer_above: float, threshold: float = 0.5, margin: float = 0.0) -> calibrate.TotalsModel:
    """A one-split model: readings with `feature` above the threshold score high, the rest low."""
    features = tuple(calibrate.FEATURES)
    tree = {"feature": [features.index(feature), -1, -1], "threshold": [threshold, -2.0, -2.0],
            "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, -prefer_above, prefer_above]}
    return calibrate.TotalsModel(features=features, trees=(tree,), learning_rate=1.0, init=0.0, margin=margin)


@pytest.fixture(scope="module")
def rules_only() -> Extractor:
    return Extractor(Options(totals_model="none"))


TEXT = ("Gunmen attacked a checkpoint near Dorvale on Monday. Three soldiers were killed in the attack, the army "
        "said. A villager was also killed when a stray round hit his house.")


def test_readings_cover_the_rules_each_figure_and_none(rules_only):
    record = rules_only.extract(TEXT)
    doc = rules_only.nlp(record.text)
    table = calibrate.reading_table(doc, record.facts, record.events)
    values = {r.value: r.kinds for r, _ in table["killed"]}
    rules = sum(e.totals["killed"] for e in record.events if e.status != "background")
    assert "rules" in values[rules]
    assert "zero" in values[0]
    assert any("fact" in kinds for kinds in values.values())
    for reading, row in table["killed"]:
        assert set(row) <= set(calibrate.FEATURES)
        for span in reading.spans:
            assert record.text[span.start:span.end] == span.text


def test_no_model_keeps_the_rules(rules_only):
    record = rules_only.extract(TEXT)
    doc = rules_only.nlp(record.text)
    assert calibrate.calibrate_events(doc, record.facts, record.events, None) == record.events


def test_a_model_that_prefers_zero_sets_the_total_and_says_why(rules_only):
    text = "Police arrested a man on Friday. He is accused of the killing of a shopkeeper in 2019."
    record = rules_only.extract(text)
    doc = rules_only.nlp(record.text)
    events = calibrate.calibrate_events(doc, record.facts, record.events, stump("is_zero", 5.0))
    assert sum(e.totals["killed"] for e in events if e.status != "background") == 0
    learned = [d for e in events for d in e.derivations if d.method == "learned" and d.category == "killed"]
    assert all("the rules counted" in d.note for d in learned)


def test_no_one_never_overturns_a_stated_toll(rules_only):
    # four killed are stated and named: "no one" is not a reading the model may choose, however sure it is
    record = rules_only.extract(TEXT)
    doc = rules_only.nlp(record.text)
    events = calibrate.calibrate_events(doc, record.facts, record.events, stump("is_zero", 5.0))
    rules = sum(e.totals["killed"] for e in record.events if e.status != "background")
    assert rules > calibrate.ZERO_AT_MOST
    assert sum(e.totals["killed"] for e in events if e.status != "background") == rules


def test_one_figure_is_no_total_for_several_incidents():
    assert not calibrate.eligible({"fact", "first_fact"}, {"n_events_current": 2.0, "rules_total": 9.0})
    assert calibrate.eligible({"fact", "first_fact"}, {"n_events_current": 1.0, "rules_total": 9.0})
    assert calibrate.eligible({"plus_one"}, {"n_events_current": 3.0, "rules_total": 9.0})


def test_a_chosen_figure_points_at_its_words(rules_only):
    record = rules_only.extract(TEXT)
    doc = rules_only.nlp(record.text)
    events = calibrate.calibrate_events(doc, record.facts, record.events, stump("is_first_fact", 5.0))
    learned = next(d for e in events for d in e.derivations if d.method == "learned" and d.category == "killed")
    assert learned.value == 3
    assert [m.text for m in learned.mentions] == [record.facts[learned.facts[0]].evidence.text]
    assert all(record.text[m.start:m.end] == m.text for m in learned.mentions)


def test_the_margin_keeps_the_rules_when_the_model_hesitates(rules_only):
    record = rules_only.extract(TEXT)
    doc = rules_only.nlp(record.text)
    model = stump("is_zero", 0.01, margin=0.5)
    assert calibrate.calibrate_events(doc, record.facts, record.events, model) == record.events


def test_load_model_reads_json_and_none_turns_it_off(tmp_path):
    model = stump("is_zero", 1.0)
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"features": list(model.features), "trees": list(model.trees),
                                "learning_rate": 1.0, "init": 0.0, "margin": 0.1}))
    loaded = calibrate.load_model(str(path))
    assert loaded is not None and loaded.margin == 0.1
    assert loaded.score({"is_zero": 1.0}) > 0.5 > loaded.score({"is_zero": 0.0})
    assert calibrate.load_model("none") is None


def test_a_named_model_that_is_absent_or_broken_is_an_error(tmp_path):
    from newsfacts.errors import ModelError

    with pytest.raises(ModelError, match="not found"):
        calibrate.load_model(str(tmp_path / "absent.json"))
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    with pytest.raises(ModelError, match="not a model file"):
        calibrate.load_model(str(broken))


def test_a_negative_total_from_the_rules_does_not_crash_the_stage(rules_only):
    # a total below zero is a bug of the rules (now clamped there); the stage must still not fail on it
    record = rules_only.extract(TEXT)
    doc = rules_only.nlp(record.text)
    broken = [e.model_copy(update={"totals": {**e.totals, "injured": -1}}) for e in record.events]
    table = calibrate.reading_table(doc, record.facts, broken)
    assert all(row["value_log"] >= 0 for _, row in table["injured"])
