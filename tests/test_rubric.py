"""Vague-quantity rubrics as data: loading, the figures they give, how facts mark them, and no flags from them."""

from __future__ import annotations

import json

import pytest

from newsfacts.errors import RubricError
from newsfacts.options import Options
from newsfacts.pipeline import Extractor
from newsfacts.rubric import load_rubric, parse_rubric, shipped_rubrics


@pytest.fixture(scope="module")
def isaf() -> Extractor:
    return Extractor(Options(rubric="isaf"))


def counted(article, category: str) -> list[tuple[int, str | None, str | None]]:
    return [(f.value, f.qualifier, f.rule) for f in article.facts if f.category == category]


def test_shipped_rubrics_are_strict_and_isaf_and_strict_is_the_default() -> None:
    assert shipped_rubrics() == ["isaf", "strict"]
    assert load_rubric(None) == load_rubric("strict") and load_rubric(None).is_strict
    isaf = load_rubric("isaf")
    assert isaf.bare_plural == 2
    assert isaf.figures == {("a", "couple"): 2, ("several",): 3, ("a", "few"): 3, ("some",): 3, ("a", "group"): 3,
                            ("multiple",): 3, ("numerous",): 4, ("a", "handful"): 4, ("a", "large", "number"): 5}


def test_a_users_own_rubric_file_in_toml_or_json(tmp_path) -> None:
    toml = tmp_path / "ours.toml"
    toml.write_text('name = "ours"\n[figures]\n"Several" = 4\n"a fair number" = 6\n', encoding="utf-8")
    ours = load_rubric(str(toml))
    assert ours.figures == {("several",): 4, ("a", "fair", "number"): 6} and ours.bare_plural is None
    js = tmp_path / "theirs.json"
    js.write_text(json.dumps({"figures": {"many": 10}, "bare_plural": 1}), encoding="utf-8")
    theirs = load_rubric(str(js))
    assert theirs.name == "theirs" and theirs.figures == {("many",): 10} and theirs.bare_plural == 1


@pytest.mark.parametrize("data, says", [
    ({"figures": {"several": "three"}}, "whole number"),
    ({"figures": {"several": -1}}, "whole number"),
    ({"figures": {"": 3}}, "phrase"),
    ({"figures": ["several"]}, "figures must map"),
    ({"bare_plural": 2.5}, "bare_plural"),
])
def test_a_malformed_rubric_says_what_is_wrong(data, says: str) -> None:
    with pytest.raises(RubricError, match=says):
        parse_rubric(data, "mine.toml")


def test_an_unknown_or_unreadable_rubric_is_a_one_line_error(tmp_path) -> None:
    with pytest.raises(RubricError, match="name one of isaf, strict"):
        load_rubric("lenient")
    with pytest.raises(RubricError, match="cannot read"):
        load_rubric(str(tmp_path / "absent.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("figures = [", encoding="utf-8")
    with pytest.raises(RubricError, match="not valid TOML"):
        load_rubric(str(bad))
    with pytest.raises(RubricError):
        Extractor(Options(rubric="lenient"))


def test_strict_gives_no_figure_to_a_vague_word(extractor) -> None:
    article = extractor.extract("Several people were killed and a few others were wounded in Arvella on Monday.")
    assert article.facts == []


def test_isaf_figures_for_vague_phrases_are_marked_with_their_rule(isaf) -> None:
    article = isaf.extract("Several people were killed and a few others were wounded when gunmen attacked a bus "
                           "in Arvella on Monday. Police arrested a handful of suspects.")
    assert counted(article, "killed") == [(3, "rubric", "isaf: several = 3")]
    assert counted(article, "injured") == [(3, "rubric", "isaf: a few = 3")]
    assert counted(article, "arrested") == [(4, "rubric", "isaf: a handful = 4")]
    for f in article.facts:
        assert article.text[f.evidence.start:f.evidence.end] == f.evidence.text


def test_a_vague_phrase_that_did_it_counts_no_one(isaf) -> None:
    article = isaf.extract("A group of gunmen shot at two villagers near Tormund on Monday, police said. Several "
                           "people died in the fire that followed.")
    assert [f.rule for f in article.facts if f.category == "injured"] == [None]  # the two shot at, not the group
    assert counted(article, "killed") == [(3, "rubric", "isaf: several = 3")]


def test_isaf_bare_plurals_count_two_but_not_the_doers(isaf) -> None:
    article = isaf.extract("Insurgents were killed and civilians were wounded when troops raided a compound near "
                           "Tormund. Insurgents killed three soldiers in an ambush the next day.")
    assert counted(article, "killed") == [(2, "rubric", "isaf: bare plural = 2"), (3, None, None)]
    assert counted(article, "injured") == [(2, "rubric", "isaf: bare plural = 2")]


def test_a_phrase_before_a_figure_or_a_time_counts_no_one(isaf) -> None:
    article = isaf.extract("Some 40 people were killed in Selvan on Friday. Several hours later police said the "
                           "toll was final. A man wanted in several murder cases was arrested.")
    assert [(f.value, f.qualifier) for f in article.facts] == [(40, "about")]


def test_a_rubric_figure_gives_way_to_a_stated_one_and_raises_no_flag(isaf) -> None:
    article = isaf.extract("Several people were wounded in the blast in Selvan on Monday, police said. The "
                           "hospital director said four people were wounded in the blast.")
    assert sorted(f.value for f in article.facts if f.category == "injured") == [3, 4]
    assert article.checks == []
    assert sum(e.totals.get("injured", 0) for e in article.events if e.status != "background") == 4


def test_checks_skip_rubric_figures() -> None:
    from newsfacts.checks import disagreement_checks, subset_checks
    from newsfacts.model import Fact, Span

    span = Span(text="x", start=0, end=1)
    whole = Fact(category="injured", value=2, evidence=span)
    part = Fact(category="injured", value=3, qualifier="rubric", rule="isaf: several = 3", role="subset", of=0,
                evidence=span)
    assert subset_checks([whole, part]) == []
    assert subset_checks([whole, part.model_copy(update={"qualifier": None, "rule": None})]) != []
    a = Fact(category="killed", value=3, qualifier="rubric", rule="isaf: several = 3", source="police", evidence=span)
    b = Fact(category="killed", value=5, source="the hospital", evidence=span)
    assert disagreement_checks([a, b]) == []
    assert disagreement_checks([a.model_copy(update={"qualifier": None, "rule": None}), b]) != []


def test_rubric_option_on_the_command_line(tmp_path, capsys) -> None:
    from newsfacts.cli import main

    article = tmp_path / "a.txt"
    article.write_text("A couple of soldiers died and numerous civilians were injured in the blast in Arvella "
                       "on Monday, police said.", encoding="utf-8")
    assert main(["extract", str(article), "--json", "--rubric", "isaf"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [(f["category"], f["value"], f["rule"]) for f in record["facts"]] == [
        ("killed", 2, "isaf: a couple = 2"), ("injured", 4, "isaf: numerous = 4")]
    assert main(["extract", str(article), "--rubric", "lenient"]) == 1
    assert "error[E105]" in capsys.readouterr().err


def test_the_rubric_comes_from_the_environment_where_no_option_names_one(monkeypatch) -> None:
    monkeypatch.setenv("NEWSFACTS_RUBRIC", "isaf")
    assert Options.from_env().rubric == "isaf"
    assert Options.from_env(rubric="strict").rubric == "strict"
    monkeypatch.delenv("NEWSFACTS_RUBRIC")
    assert Options.from_env().rubric is None
