"""Real-browser tests: Debian's Chromium driven by Playwright. They skip when Chromium is absent, and fail
instead under NEWSFACTS_REQUIRE_SERVICES=1 (as in CI). Screenshots go to test-artifacts/."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def reader_font_px(page) -> float:
    return page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#article-text')).fontSize)"
    )


def test_text_size_control_changes_and_persists(live_server, page, artifacts):
    base, _store = live_server
    page.goto(f"{base}/articles/1")
    assert reader_font_px(page) == 16
    assert page.locator(".textsize-value").inner_text() == "16 px"
    page.get_by_role("button", name="Larger text").click()
    page.get_by_role("button", name="Larger text").click()
    page.get_by_role("button", name="Smaller text").click()
    assert reader_font_px(page) == 18
    assert page.locator(".textsize-value").inner_text() == "18 px"
    page.reload()
    assert reader_font_px(page) == 18, "the size should persist across reloads (localStorage)"
    assert page.locator(".textsize-value").inner_text() == "18 px"
    page.get_by_role("button", name="Reset text size to 16 px").click()
    assert reader_font_px(page) == 16


def test_text_size_control_works_from_the_keyboard(live_server, page):
    base, _store = live_server
    page.goto(f"{base}/articles/1")
    larger = page.get_by_role("button", name="Larger text")
    larger.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert reader_font_px(page) == 20
    page.keyboard.press("Tab")  # → reset
    page.keyboard.press("Enter")
    assert reader_font_px(page) == 16
    page.keyboard.press("Tab")  # → smaller
    page.keyboard.press("Enter")
    assert reader_font_px(page) == 14
    page.evaluate("localStorage.clear()")


def test_seed_article_page_shows_flag_post_card_and_popover(live_server, page, artifacts):
    base, _store = live_server
    page.goto(f"{base}/articles/1")
    flag = page.locator(".panel-checks .arithmetic")
    assert flag.first.inner_text() == "82+20+21+8 = 131 ≠ 147"
    card = page.locator(".post-card")
    assert card.count() == 1
    assert "TC_Disisleri" in card.inner_text()
    assert "tr" in card.locator(".badge").first.inner_text().lower()
    assert "We commemorate" in card.locator(".translation").inner_text()
    assert page.locator(".kicker .outlet").text_content() == "News.Az"
    assert "2025-01-20" in page.locator(".kicker time").inner_text()
    page.screenshot(path=str(artifacts / "article-seed.png"), full_page=True)

    # Keyboard focus on a highlighted figure shows its popover with category, value, role, place, date.
    mark = page.locator("mark#fact-4")
    mark.focus()
    tip = mark.locator(".tip")
    assert tip.is_visible()
    page.evaluate("document.querySelector('mark#fact-4').scrollIntoView({block: 'center'})")
    text = tip.text_content()
    for expected in ("killed", "147", "total", "place", "date"):
        assert expected in text
    page.screenshot(path=str(artifacts / "article-seed-popover.png"))
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_events_page_sorts_and_filters(live_server, page, artifacts):
    base, _store = live_server
    page.goto(f"{base}/events")
    assert page.locator("#events-table tbody tr").count() == 5
    assert page.locator(".chart svg rect.bar").count() >= 1
    page.screenshot(path=str(artifacts / "events.png"), full_page=True)
    page.get_by_role("link", name="Killed").click()
    first = page.locator("#events-table tbody tr").first.inner_text()
    assert "Baku" in first  # best 147 is the largest
    page.get_by_label("Place").fill("tervik")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("#events-table tbody tr").count() == 1
    page.locator("#events-table tbody a").first.click()
    assert page.locator("polyline.line").count() == 1
    page.screenshot(path=str(artifacts / "event-timeline.png"), full_page=True)


XSS_ARTICLE = """Police said 3 people were killed. <script>window.__pwned = 1</script>
<img src=x onerror="window.__pwned = 2"> <a href="javascript:window.__pwned = 3">click</a>"""


def test_hostile_article_stays_inert_in_the_browser(live_server, page, artifacts):
    base, _store = live_server
    page.goto(f"{base}/")
    page.get_by_label("Text or HTML").fill(XSS_ARTICLE)
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_selector("#article-text")
    for link in page.locator("#article-text a").all():
        link.click()
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert "<script>" in page.locator("#article-text").inner_text()
    page.screenshot(path=str(artifacts / "xss-inert.png"))
