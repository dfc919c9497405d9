"""Embedded posts: the seed and every dev article with a post, the real variants of the scraped form, the
translation cues, post dates, HTML embed flattening, and offsets on random text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.posts import find_posts, find_translation, flatten_embedded_posts, parse_post_date

DATA = Path(__file__).parent / "data"  # read directly: importing conftest depends on how pytest is started
SEED_TXT = DATA / "examples" / "black-january.txt"
SEED_GOLD = DATA / "examples" / "black-january.json"


def dev_records() -> list[tuple[str, dict]]:
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((DATA / "dev").glob("*.json"))]



def _spans_hold(text: str, posts) -> None:
    for post in posts:
        assert text[post.evidence.start : post.evidence.end] == post.evidence.text


def _gold_articles() -> list[tuple[str, str, list[dict]]]:
    seed = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    articles = [("seed", SEED_TXT.read_text(encoding="utf-8"), seed["posts"])]
    return articles + [(name, record["text"], record.get("posts", [])) for name, record in dev_records()]


GOLD = _gold_articles()


@pytest.mark.parametrize("name,text,gold", [a for a in GOLD if a[2]], ids=[a[0] for a in GOLD if a[2]])
def test_gold_posts_are_found_with_their_credit_and_translation(name, text, gold):
    posts = find_posts(text, [])
    _spans_hold(text, posts)
    assert [(p.platform, p.handle, p.author, p.date, p.language) for p in posts] == [
        (g["platform"], g["handle"], g["author"], g["date"], g["language"]) for g in gold
    ]
    for post in posts:
        # The article's translation, quoted in the paragraph after the post; not the post's own words.
        assert post.translation and post.translation in text[post.evidence.end :]
        assert post.translation[0].isupper() and post.translation not in post.text
        assert "pic.twitter.com" not in post.text and post.links[0].startswith("https://pic.twitter.com/")


def test_no_post_is_found_where_the_gold_has_none():
    for name, text, gold in GOLD:
        if not gold:
            assert find_posts(text, []) == [], name


def test_seed_post_text_and_evidence(seed_text):
    (post,) = find_posts(seed_text, [])
    assert post.text.startswith("20 Ocak 1990'da") and post.text.endswith("anıyoruz.")
    assert post.evidence.text.endswith("(@TC_Disisleri) January 20, 2025")
    assert post.translation.startswith("We commemorate") and post.translation.endswith("January 20, 1990")


VARIANTS = {
    "t.co link, en dash, day-month date, Azerbaijani author": (
        "Lead paragraph.\n\nBakıda güclü partlayış olub, xəsarət alan var https://t.co/AbC123 – Əli Həsənov "
        "(@ali_hasanov) 20 January 2025\n",
        ("x", "ali_hasanov", "Əli Həsənov", "2025-01-20"),
    ),
    "hyphen, abbreviated month, Cyrillic author": (
        "Lead.\n\nМы помним всех погибших в ту ночь. pic.twitter.com/xyz - Мэрия города (@mayor_office) Jan 20, 2025",
        ("x", "mayor_office", "Мэрия города", "2025-01-20"),
    ),
    "escaped dash, no link, French date": (
        "Lead.\n\nNous sommes avec vous toutes et tous. &mdash; Ville de Lyon (@VilledeLyon) 4 mars 2025\n",
        ("x", "VilledeLyon", "Ville de Lyon", "2025-03-04"),
    ),
    "no space before the dash, ISO date": (
        "Lead.\n\nYangın söndürüldü pic.twitter.com/q1—İtfaiye (@itfaiye) 2025-02-01\n",
        ("x", "itfaiye", "İtfaiye", "2025-02-01"),
    ),
    "Bluesky handle and time": (
        "Lead.\n\nWe are monitoring the flooding closely. — NWS Boston (@nwsboston.bsky.social) January 20, "
        "2025 at 10:00 AM\n",
        ("bluesky", "nwsboston.bsky.social", "NWS Boston", "2025-01-20"),
    ),
    "Mastodon handle": (
        "Lead.\n\nServer maintenance tonight, expect downtime. — Eugen (@Gargron@mastodon.social) Jan 5, 2025\n",
        ("mastodon", "Gargron@mastodon.social", "Eugen", "2025-01-05"),
    ),
    "Instagram credit": (
        "Lead.\n\nA day in the park https://www.instagram.com/p/ABC123/ A post shared by NASA (@nasa) on Jan 20, "
        "2017 at 10:00am PST\n",
        ("instagram", "nasa", "NASA", "2017-01-20"),
    ),
    "Facebook credit": (
        "Lead.\n\nThe bridge is closed. https://www.facebook.com/city/posts/1 Posted by City of Springfield on "
        "Monday, January 20, 2025\n",
        ("facebook", None, "City of Springfield", "2025-01-20"),
    ),
    "Telegram widget link": ("Lead.\n\nhttps://t.me/durov/43\n\nNext.", ("telegram", "durov", None, None)),
}


@pytest.mark.parametrize("text,expected", VARIANTS.values(), ids=VARIANTS.keys())
def test_scraped_form_variants(text, expected):
    (post,) = find_posts(text, [])
    _spans_hold(text, [post])
    assert (post.platform, post.handle, post.author, post.date) == expected
    assert not post.evidence.text.startswith("Lead")


def test_multi_line_post_with_a_link_in_the_middle():
    text = (
        "Lead.\n\nErste Zeile des Beitrags mit vielen Worten.\nZweite Zeile pic.twitter.com/abc des Beitrags.\n"
        "https://t.co/zz9\n— Stadt Köln (@StadtKoeln) February 1, 2025\n\nNext paragraph."
    )
    (post,) = find_posts(text, [])
    assert post.text == "Erste Zeile des Beitrags mit vielen Worten.\nZweite Zeile pic.twitter.com/abc des Beitrags."
    assert post.links == ["https://pic.twitter.com/abc", "https://t.co/zz9"]
    assert post.language == "de"


def test_credit_on_its_own_paragraph_takes_the_paragraph_before():
    text = "Lead.\n\nBu gün şəhərdə böyük yanğın baş verib, xəsarət alan yoxdur.\n\n— FHN (@FHN_Media) June 18, 2025"
    (post,) = find_posts(text, [])
    assert post.text.startswith("Bu gün") and post.language == "az"


def test_several_posts_in_one_paragraph_are_split_at_each_credit():
    text = (
        "Primer mensaje de la alcaldía sobre el incendio. pic.twitter.com/a1 — Alcaldía (@alc) March 1, 2025 "
        "Segundo mensaje del gobernador sobre la evacuación. pic.twitter.com/b2 — Gobernación (@gob) March 2, 2025"
    )
    first, second = find_posts(text, [])
    assert (first.handle, second.handle) == ("alc", "gob")
    assert second.text == "Segundo mensaje del gobernador sobre la evacuación."
    assert first.evidence.end <= second.evidence.start


def test_a_byline_with_a_handle_but_no_date_or_link_is_not_a_post():
    assert find_posts("By Jane Doe — Jane Doe (@janedoe)\n\nText of the article.", []) == []


def test_hyphenated_names_are_not_credits():
    assert find_posts("Jean-Luc (@jl) spoke on March 3, 2025.", []) == []


def test_language_falls_back_to_the_block_when_detection_is_unsure():
    from newsfacts.model import Block

    text = "Lead.\n\nOk pic.twitter.com/a — Bob (@bob) March 1, 2025"
    blocks = [Block(start=7, end=len(text), language="nl")]
    assert find_posts(text, blocks)[0].language == "nl"
    assert find_posts(text, [])[0].language is None


POST = "Seguimos buscando a los desaparecidos en el pueblo. pic.twitter.com/Qm7 — Alcaldía (@alc) March 4, 2025"
TRANSLATIONS = {
    "the post says": ('The post says: "We are still searching for the missing."', "We are still searching for the missing."),
    "the tweet reads": ('The tweet reads: “We are still searching for the missing.”', "We are still searching for the missing."),
    "which translates as": (
        'The mayor wrote the message, which translates as "we are still searching for the missing," on Monday.',
        "we are still searching for the missing",
    ),
    "translation label": ("(Translation: We are still searching for the missing.)", "We are still searching for the missing."),
    "in the post, X wrote": (
        'In the post, the mayor wrote: "We are still searching for the missing."',
        "We are still searching for the missing.",
    ),
    "quote opening the paragraph": ('"We are still searching for the missing," it said.', "We are still searching for the missing"),
}


@pytest.mark.parametrize("paragraph,expected", TRANSLATIONS.values(), ids=TRANSLATIONS.keys())
def test_translation_cues(paragraph, expected):
    (post,) = find_posts(f"Lead.\n\n{POST}\n\n{paragraph}\n\nThe end.", [])
    assert post.translation == expected


def test_no_translation_without_a_cue_or_beyond_the_next_paragraph():
    unrelated = 'Rescuers worked through the night, and officials called it "a race against time again".'
    far = 'Rescuers worked through the night.\n\nThe post says: "We are still searching for the missing."'
    assert find_posts(f"{POST}\n\n{unrelated}", [])[0].translation is None
    assert find_posts(f"{POST}\n\n{far}", [])[0].translation is None


def test_an_english_post_has_no_translation():
    text = 'We are still searching for the missing in town. pic.twitter.com/a — Mayor (@m) March 4, 2025\n\nThe post says: "We are still searching."'
    assert find_posts(text, [])[0].translation is None


def test_find_translation_stops_at_the_limit():
    text = 'X\n\nThe post says: "We are still searching for the missing."'
    assert find_translation(text, 1, len(text)) == "We are still searching for the missing."
    assert find_translation(text, 1, 10) is None


@pytest.mark.parametrize(
    "written,expected",
    [
        ("January 20, 2025", "2025-01-20"),
        ("Jan 20, 2025", "2025-01-20"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("20 January 2025", "2025-01-20"),
        ("Monday, January 20, 2025", "2025-01-20"),
        ("2025-01-20", "2025-01-20"),
        ("23 сентября 2024 г.", "2024-09-23"),
        ("4 de marzo de 2025", "2025-03-04"),
        ("February 30, 2025", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_post_date(written, expected):
    assert parse_post_date(written) == expected


@given(st.dates(min_value=dt.date(2006, 3, 21), max_value=dt.date(2099, 12, 31)))
def test_parse_post_date_round_trips_english_forms(day):
    iso = day.isoformat()
    for written in (f"{day:%B} {day.day}, {day.year}", f"{day.day} {day:%B} {day.year}", f"{day:%b} {day.day}, {day.year}"):
        assert parse_post_date(written) == iso


TWEET_HTML = (
    '<html><body><article><p>The ministry shared a post on its account about the anniversary today.</p>'
    '<blockquote class="twitter-tweet"><p lang="tr" dir="ltr">20 Ocak 1990&#39;da şehit düşen kahramanlarımızı '
    'saygı ve rahmetle anıyoruz.<br>Ruhları şad olsun. <a href="https://t.co/hDJu2YbHLM">pic.twitter.com/hDJu2YbHLM</a>'
    '</p>&mdash; T.C. Dışişleri Bakanlığı (@TC_Disisleri) <a href="https://twitter.com/TC_Disisleri/status/1">'
    "January 20, 2025</a></blockquote> <script async src=\"https://platform.twitter.com/widgets.js\"></script>"
    '<p>The post says: "We commemorate with respect the heroes who died for independence," the ministry added '
    "in its message on the anniversary.</p><p>Closing paragraph of the article with a few more words.</p>"
    "</article></body></html>"
)


def test_flatten_twitter_embed_into_the_scraped_form():
    flat = flatten_embedded_posts(TWEET_HTML)
    assert "<script" not in flat and "twitter-tweet" not in flat
    assert (
        "<p>20 Ocak 1990'da şehit düşen kahramanlarımızı saygı ve rahmetle anıyoruz. Ruhları şad olsun. "
        "pic.twitter.com/hDJu2YbHLM — T.C. Dışişleri Bakanlığı (@TC_Disisleri) January 20, 2025</p>"
    ) in flat


def test_flattened_embed_survives_trafilatura_and_is_found():
    import trafilatura

    text = trafilatura.extract(flatten_embedded_posts(TWEET_HTML))
    (post,) = find_posts(text, [])
    assert (post.handle, post.author, post.date, post.language) == (
        "TC_Disisleri",
        "T.C. Dışişleri Bakanlığı",
        "2025-01-20",
        "tr",
    )
    assert post.translation == "We commemorate with respect the heroes who died for independence"


def test_flatten_instagram_telegram_bluesky_facebook():
    html = (
        '<div><blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/ABC/?utm_source=x">'
        '<a href="#">View this post on Instagram</a><p>Sunset over the bay</p><p><a href="#">A post shared by NASA '
        '(@nasa)</a></p><time datetime="2017-01-20T15:00:00+00:00">Jan 20</time></blockquote>'
        '<script async src="//www.instagram.com/embed.js"></script>'
        '<script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="durov/43"></script>'
        '<blockquote class="bluesky-embed"><p lang="en">Flooding update.<br><br>Stay safe.</p>&mdash; NWS (<a>'
        "@nws.bsky.social</a>) <a>January 20, 2025 at 10:00 AM</a></blockquote>"
        '<blockquote cite="https://www.facebook.com/city/posts/1" class="fb-xfbml-parse-ignore"><p>Bridge closed.</p>'
        'Posted by <a href="#">City</a> on&nbsp;<a href="#">Monday, January 20, 2025</a></blockquote></div>'
    )
    flat = flatten_embedded_posts(html)
    assert "<p>Sunset over the bay https://www.instagram.com/p/ABC/ A post shared by NASA (@nasa) on January 20, 2017</p>" in flat
    assert "<p>https://t.me/durov/43</p>" in flat
    assert "<p>Flooding update. Stay safe. — NWS (@nws.bsky.social) January 20, 2025 at 10:00 AM</p>" in flat
    assert "<p>Bridge closed. https://www.facebook.com/city/posts/1 Posted by City on Monday, January 20, 2025</p>" in flat
    assert "<script" not in flat
    text = "\n".join(line for line in _paragraphs(flat))
    assert [p.platform for p in find_posts(text, [])] == ["instagram", "telegram", "bluesky", "facebook"]


def _paragraphs(html: str) -> list[str]:
    import re

    return re.findall(r"<p>(.*?)</p>", html)


def test_pages_without_embeds_come_back_untouched():
    page = "<html><body><p>No embeds <b>here</b>.</p><script src='x.js'></script></body></html>"
    assert flatten_embedded_posts(page) is page


@pytest.mark.parametrize(
    "broken",
    [
        "",
        '<blockquote class="twitter-tweet">',
        '<blockquote class="twitter-tweet"><p>unclosed <a href=',
        '<?xml version="1.0" encoding="utf-8"?><blockquote class="twitter-tweet"><p>x</p></blockquote>',
        "\x00\x01 twitter-tweet \ufffe",
        "twitter-tweet",
    ],
)
def test_flatten_never_raises_on_broken_html(broken):
    assert isinstance(flatten_embedded_posts(broken), str)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200).map(lambda s: '<blockquote class="twitter-tweet">' + s))
def test_flatten_never_raises_on_random_html(html):
    assert isinstance(flatten_embedded_posts(html), str)


_words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
_post_blocks = st.builds(
    lambda words, author, handle, link, dash, date: f"{words} {link} {dash} {author} (@{handle}) {date}",
    _words,
    st.text(alphabet="abcXYZ ÇəЖ.'-", max_size=20),
    st.from_regex(r"[A-Za-z0-9_]{1,15}(\.bsky\.social)?", fullmatch=True),
    st.sampled_from(["pic.twitter.com/AbC1", "https://t.co/xY9", "", "https://www.instagram.com/p/Q/"]),
    st.sampled_from(["—", "–", "-", "&mdash;", ""]),
    st.sampled_from(["January 20, 2025", "20 January 2025", "Jan 20, 2025", "2025-13-45", "Ocak", ""]),
)
_separators = st.sampled_from(["\n\n", "\n", " ", "", "\n \n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_words, _separators, _post_blocks, _separators), max_size=4))
def test_find_posts_never_raises_and_its_spans_hold(parts):
    text = "".join(a + b + c + d for a, b, c, d in parts)
    with mock.patch("newsfacts.posts.detect_language", return_value=None):
        posts = find_posts(text, [])
    _spans_hold(text, posts)
    ends = [(post.evidence.start, post.evidence.end) for post in posts]
    assert ends == sorted(ends) and all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


_plain_words = st.text(alphabet="abcdefgh ijklmnopqrstuvwxyzçəöüşğıЖжби.,!?", min_size=1, max_size=60).filter(str.strip)


@settings(max_examples=80, deadline=None)
@given(
    _plain_words,
    _plain_words,
    st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True),
    st.dates(min_value=dt.date(2006, 3, 21), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["—", "–", " -", "&mdash;"]),
)
def test_a_well_formed_post_between_paragraphs_is_always_found(before, words, handle, day, dash):
    block = f"{words} pic.twitter.com/AbC1{dash} Some Author ({'@' + handle}) {day:%B} {day.day}, {day.year}"
    text = f"{before}\n\n{block}\n\nThe end."
    with mock.patch("newsfacts.posts.detect_language", return_value=None):
        (post,) = find_posts(text, [])
    assert (post.handle, post.author, post.date) == (handle, "Some Author", day.isoformat())
    assert post.evidence.text == block.strip()
    assert post.text == words.strip()


def test_flatten_returns_the_input_when_it_cannot_be_encoded():
    html = '<blockquote class="twitter-tweet">\ud800</blockquote>'
    assert flatten_embedded_posts(html) is html


@pytest.mark.parametrize(
    "text",
    [
        "x\n\n" + "https://a" * 40 + ") — N (@h) January 1, 2025",  # glued links once made a regex backtrack
        "Some text — with dashes – and more - text (@nope) here. " * 3000,
        "a" * 50_000 + "—" + " " * 50_000 + "(@h) January 1, 2025",
    ],
    ids=["glued links", "many false credits", "long runs"],
)
def test_find_posts_stays_fast_on_pathological_text(text):
    import time

    began = time.perf_counter()
    with mock.patch("newsfacts.posts.detect_language", return_value=None):
        find_posts(text, [])
    assert time.perf_counter() - began < 2.0


def test_trailing_links_are_cut_from_the_words_but_kept_as_links():
    text = "Lead.\n\nAlerta en la costa https://t.co/a1 pic.twitter.com/b2 — Defensa Civil (@dc) May 2, 2025"
    (post,) = find_posts(text, [])
    assert post.text == "Alerta en la costa"
    assert post.links == ["https://t.co/a1", "https://pic.twitter.com/b2"]
