"""The seed article end to end: every figure of issue 2's list, checked by hand against the text."""

from __future__ import annotations

import pytest

from newsfacts.ingest.base import RawDocument


@pytest.fixture(scope="module")
def seed(extractor, seed_text):
    return extractor.extract(RawDocument(content=seed_text, origin="black-january.txt"))


def test_metadata_and_clean_text(seed) -> None:
    assert seed.published == "2025-01-20"
    assert seed.source == "News.Az"
    assert seed.language == "en"
    assert "16 px" not in seed.text and "↺" not in seed.text
    assert "reports. Thirty-five years" in seed.text
    assert "News.Az" in seed.text


def test_the_post_and_its_translation(seed) -> None:
    [post] = seed.posts
    assert (post.platform, post.handle, post.author, post.date, post.language) == (
        "x", "TC_Disisleri", "T.C. Dışişleri Bakanlığı", "2025-01-20", "tr")
    assert post.text.startswith("20 Ocak 1990'da") and post.text.endswith("anıyoruz.")
    assert post.links == ["https://pic.twitter.com/hDJu2YbHLM"]
    assert post.translation.startswith("We commemorate with respect and reverence")
    assert seed.text[post.evidence.start:post.evidence.end] == post.evidence.text


EXPECTED_FACTS = [
    # category, value, role, place, date, evidence
    ("killed", 82, "part", None, None, "killed 82 people"),
    ("killed", 20, "part", None, None, "fatally wounded 20"),
    ("killed", 21, "part", "Baku", None, "21 people were killed"),
    ("killed", 8, "part", "Neftchala; Lankaran", "1990-01-25/1990-01-26", "Eight more people were killed"),
    ("killed", 147, "total", "Baku", None, "147 people were killed"),
    ("injured", 744, "total", "Baku", None, "744 injured"),
    ("arrested", 841, "reported", "Baku", None, "841 people were illegally arrested"),
    ("imprisoned", 112, "subset", "USSR", None, "112 of them were sent to prisons"),
    ("buildings_damaged", 200, "reported", None, None, "fired at 200 houses"),
    ("vehicles_damaged", 80, "reported", None, None, "80 cars"),
]


def test_all_ten_facts(seed) -> None:
    got = [(f.category, f.value, f.role, f.place, f.date, f.evidence.text) for f in seed.facts]
    assert len(got) == len(EXPECTED_FACTS)
    for (cat, value, role, place, date, evidence), fact in zip(EXPECTED_FACTS, seed.facts, strict=True):
        assert (fact.category, fact.value, fact.role, fact.evidence.text) == (cat, value, role, evidence)
        if place:
            assert place in (fact.place or "")
        if date:
            assert fact.date == date
        assert fact.qualifier is None and fact.high is None
        assert seed.text[fact.evidence.start:fact.evidence.end] == fact.evidence.text
    assert seed.facts[0].actor == "military personnel"
    assert seed.facts[7].of == 6  # 112 of the 841


def test_sum_mismatch_with_arithmetic_and_no_false_flags(seed) -> None:
    kinds = [c.kind for c in seed.checks]
    assert kinds.count("sum_mismatch") == 1
    assert "subset_exceeds_total" not in kinds
    assert "anniversary_mismatch" not in kinds
    [flag] = [c for c in seed.checks if c.kind == "sum_mismatch"]
    assert flag.detail.startswith("82+20+21+8=131 but the stated total is 147")
    assert sorted(flag.facts) == [0, 1, 2, 3, 4]


def test_record_is_schema_valid(seed) -> None:
    from newsfacts.model import Article

    assert Article.model_validate_json(seed.model_dump_json()) == seed
