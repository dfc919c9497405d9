"""A coder's session in real Chromium over a real SQLite store holding the seed article as the pipeline reads it:
sign in, correct a figure (the sum check goes), reject one and add a missed one (the event's totals change),
export the reviewed view and read it back, re-ingest the article and find every correction kept.
Skips without Chromium; fails instead under NEWSFACTS_REQUIRE_SERVICES=1 (see conftest)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pytest

from newsfacts.ingest.base import RawDocument
from newsfacts.web.services import ExtractionService, StoreService

from .conftest import SEED_TXT, TOKEN, make_app, serving

pytestmark = pytest.mark.browser


@pytest.fixture
def coder_server(chromium_path, tmp_path, extractor, monkeypatch) -> Iterator[tuple[str, object]]:

    app = make_app(monkeypatch=monkeypatch)
    app.state.extraction = ExtractionService(app.state.options, factory=lambda _options: extractor)
    app.state.store = StoreService(f"sqlite:///{tmp_path / 'coder.db'}")
    store = app.state.store.get()
    store.add_article(extractor.extract(RawDocument(content=SEED_TXT.read_text(encoding="utf-8"), origin="seed")))
    with serving(app) as base_url:
        yield base_url, store


def fact_index(store, value: int, category: str) -> int:
    return next(f.index for f in store.reviewed_facts(1) if f.fact.value == value and f.fact.category == category)


def review_row(page, index: int):
    return page.locator(f"#row-{index} + tr.review-row")


def select_words(page, words: str) -> None:
    """Select `words` in the article text the way a mouse does, then let the page read the selection."""
    page.evaluate(
        """(words) => {
          const walker = document.createTreeWalker(document.querySelector('#article-text'), NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            if (node.parentElement.closest('.tip')) continue;
            const at = node.nodeValue.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            document.querySelector('#article-text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            return;
          }
          throw new Error('words not found: ' + words);
        }""",
        words,
    )


def test_a_coders_session(coder_server, page, artifacts):
    base, store = coder_server
    (event,) = store.events()
    assert event.figures["killed"].best == 147 and event.figures["injured"].best == 744
    page.goto(f"{base}/articles/1")
    assert "82+20+21+8 = 131 ≠ 147" in page.locator(".panel-checks").inner_text()
    page.fill("#signin input[name=token]", TOKEN)
    page.fill("#signin input[name=coder]", "Ana")
    page.click("#signin button[type=submit]")
    page.wait_for_selector("#signed-in:not([hidden])")
    assert page.locator("#signed-in .coder-name").inner_text() == "Ana"

    # 1. correct a figure: the 82 was 98 (an invented correction); the parts now add up to the total
    part = fact_index(store, 82, "killed")
    review_row(page, part).locator("summary").click()
    review_row(page, part).locator("input[name=value]").fill("98")
    review_row(page, part).locator("input[name=note]").fill("the ministry's list names 98")
    with page.expect_navigation():
        review_row(page, part).get_by_role("button", name="Save correction").click()
    assert "machine: 82" in page.locator(f"#row-{part}").inner_text()
    assert "131 ≠ 147" not in page.locator(".panel-checks").inner_text()

    # 2. reject one: the 744 injured; the event loses its injured figure
    injured = fact_index(store, 744, "injured")
    with page.expect_navigation():
        review_row(page, injured).get_by_role("button", name="Reject").click()
    assert page.locator(f"#row-{injured}").get_attribute("data-state") == "rejected"
    assert "injured" not in store.events()[0].figures

    # 3. add a missed one by selecting its words: the event gets it back as the coder counts it
    select_words(page, "744 injured")
    form = page.locator("#add-fact")
    form.wait_for(state="visible")
    assert form.locator(".add-words").inner_text() == "744 injured"
    assert form.locator("input[name=value]").input_value() == "744"
    form.locator("select[name=category]").select_option("injured")
    form.locator("input[name=value]").fill("750")
    form.locator("select[name=role]").select_option("total")
    with page.expect_navigation():
        form.get_by_role("button", name="Add figure").click()
    added = store.reviewed_facts(1)[-1]
    assert added.state == "added" and added.fact.evidence.text == "744 injured" and added.coder == "Ana"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / "review-article.png"), full_page=True)

    # the event page shows the new totals, which figures a person vouched for, and the history
    event = store.events()[0]
    assert event.figures["injured"].best == 750 and event.reviewed
    page.goto(f"{base}/events/{event.id}")
    cards = page.locator(".figure-cards").inner_text()
    assert "750" in cards and "reviewed" in cards
    history = page.locator(".revisions").inner_text()
    assert "Ana" in history and "98" in history and "the ministry's list names 98" in history
    page.screenshot(path=str(artifacts / "review-event.png"), full_page=True)

    # export the reviewed view from the events page, and read it back
    page.goto(f"{base}/events?reviewed=1")
    href = page.get_by_role("link", name="CSV").get_attribute("href")
    rows = list(csv.DictReader(io.StringIO(httpx.get(base + href).text)))
    assert [(r["id"], r["injured_best"], r["reviewed"]) for r in rows] == [(str(event.id), "750", "True")]

    # re-ingest the article: a duplicate, and every correction stays
    again = httpx.post(f"{base}/api/v1/articles", json={"text": SEED_TXT.read_text(encoding="utf-8")},
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert again.status_code == 201 and again.json()["result"]["status"] == "duplicate"
    page.goto(f"{base}/articles/1")
    assert "machine: 82" in page.locator(f"#row-{part}").inner_text()
    assert page.locator(f"#row-{injured}").get_attribute("data-state") == "rejected"
    assert store.events()[0].figures["injured"].best == 750


def test_a_second_coder_is_told_and_loses_nothing(coder_server, browser):
    base, store = coder_server
    pages = []
    for name in ("Ana", "Ben"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/articles/1")
        page.fill("#signin input[name=token]", TOKEN)
        page.fill("#signin input[name=coder]", name)
        page.click("#signin button[type=submit]")
        page.wait_for_selector("#signed-in:not([hidden])")
        pages.append(page)
    ana, ben = pages
    total = fact_index(store, 147, "killed")
    review_row(ana, total).locator("summary").click()
    review_row(ana, total).locator("input[name=value]").fill("148")
    with ana.expect_navigation():
        review_row(ana, total).get_by_role("button", name="Save correction").click()
    # Ben's page still shows the machine's 147: his change is refused and he is shown Ana's
    review_row(ben, total).locator("summary").click()
    review_row(ben, total).locator("input[name=value]").fill("150")
    review_row(ben, total).get_by_role("button", name="Save correction").click()
    status = ben.locator(".review-status.error").first
    status.wait_for()
    assert "Ana" in status.inner_text() and "148" in status.inner_text()
    with ben.expect_navigation():  # sending again applies his on top of hers
        review_row(ben, total).get_by_role("button", name="Save correction").click()
    trail = store.revisions(article_id=1)
    assert [(r.coder, r.old_value, r.value) for r in trail] == [("Ana", 147, 148), ("Ben", 148, 150)]
    for page in pages:
        page.context.close()


PAGES = ("/articles/1", "/events", "/events/1", "/map", "/review", "/articles", "/")


def test_phone_layout_and_the_text_size_of_the_whole_reading_area(coder_server, browser, artifacts):
    base, _store = coder_server
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in PAGES:
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(f"{base}/articles/1")
    # the checks come before the text they concern, within the first screen, not 2,000 px down
    checks_top = page.evaluate("document.querySelector('.panel-checks').getBoundingClientRect().top")
    text_top = page.evaluate("document.querySelector('#article-text').getBoundingClientRect().top")
    assert checks_top < text_top and checks_top < 844
    page.screenshot(path=str(artifacts / "article-390.png"))

    def sizes() -> tuple[float, float]:
        return page.evaluate("""[parseFloat(getComputedStyle(document.querySelector('#article-text')).fontSize),
                                 parseFloat(getComputedStyle(document.querySelector('.panel-checks .check-detail')).fontSize)]""")

    text_before, panel_before = sizes()
    page.get_by_role("button", name="Larger text").click()
    page.get_by_role("button", name="Larger text").click()
    text_after, panel_after = sizes()
    assert text_after == text_before + 4 and panel_after > panel_before  # the panels grow with the text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.evaluate("localStorage.clear()")
    context.close()


def test_merge_and_split_from_the_event_page(coder_server, page):
    from newsfacts.model import Article, Derivation, Event, EventPlace, Fact, Span

    base, store = coder_server
    text = "Baku, 1990: 131 people died in January, the archive shows."
    store.add_article(Article(
        text=text, source="Archive Review", published="2024-01-21",
        facts=[Fact(category="killed", value=131, role="total", evidence=Span(text="131 people died", start=12, end=27))],
        events=[Event(type="attack_on_civilians", status="historical", date="1990-03", place=EventPlace(name="Baku"),
                      totals={"killed": 131}, derivations=[Derivation(category="killed", value=131,
                                                                      method="explicit_total", facts=[0])])]))
    keep, other = sorted(e.id for e in store.events())
    page.goto(f"{base}/events/{keep}")
    page.fill("#signin input[name=token]", TOKEN)
    page.click("#signin button[type=submit]")
    page.wait_for_selector(".event-changes:not([hidden])")
    page.fill(".event-changes input[name=other]", str(other))
    with page.expect_navigation():
        page.get_by_role("button", name="Merge").click()
    assert len(store.events()) == 1 and "merged event #" in page.locator(".event-revisions").inner_text()
    page.get_by_label("Archive Review").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Split").click()
    assert page.url.endswith(f"/events/{store.event_revisions(keep)[-1].other_event_id}")
    assert len(store.events()) == 2
