"""The main text of an HTML page, with what the page says about itself (title, date, outlet, author).

1. embedded posts (X, Bluesky, ... `<blockquote>` embeds) become plain paragraphs first, so that the post and
   the article's translation of it both survive boilerplate removal (`newsfacts.posts.flatten_embedded_posts`);
2. trafilatura keeps the article's paragraphs and drops navigation, comments and tables;
3. htmldate looks for the publication date in the markup and URL when trafilatura found none.
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from dataclasses import dataclass

from ..errors import NoArticleError
from ..options import Options
from .base import RawDocument

log = logging.getLogger(__name__)

# Fewer words than this is a navigation page, a paywall stub or an error page, not an article; the shortest
# real news items (briefs) run to 40+ words, the boilerplate left on link hubs to a dozen or so.
MIN_ARTICLE_WORDS = 20
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A page whose "main text" is nearly all link labels is a menu or a section index that trafilatura fell back
# to (a page of 200 section links gave 400 words); real articles have at most a "Read more" line or two linked.
NAV_LINE_SHARE = 0.9
# Opening and closing link tags, found separately and paired in one pass (`_link_labels`): the single pattern
# `<a\b[^>]*>(.*?)</a\s*>` scanned to the end of the page from every unclosed `<a>` (117 kB of them: 70 s).
# A tag's scan also stops at the next `<`, so a run of `<a <a <a` without `>` is read once, not once per tag.
_ANCHOR_OPEN = re.compile(r"<a\b[^<>]*+>", re.IGNORECASE)
_ANCHOR_CLOSE = re.compile(r"</a\s*+>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]++>")


@dataclass(frozen=True)
class MainText:
    """The article's paragraphs (separated by blank lines) and the page's own metadata."""

    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None  # the site's name (og:site_name, publisher)
    author: str | None = None
    url: str | None = None


def _flatten_posts(html: str) -> str:
    """Embedded posts as paragraphs, when the posts stage is installed; the page unchanged otherwise."""
    try:
        from ..posts import flatten_embedded_posts
    except ImportError:
        return html
    return flatten_embedded_posts(html)


def _link_labels(html: str) -> list[str]:
    """The markup between each `<a ...>` and the first `</a>` after it, as a lazy match would pair them, in
    time linear in the page: an `<a>` with no `</a>` after it ends the search instead of scanning again."""
    closes = [(m.start(), m.end()) for m in _ANCHOR_CLOSE.finditer(html)]
    labels: list[str] = []
    resume = 0  # the end of the last pair: tags inside it are part of its label
    index = 0
    for opening in _ANCHOR_OPEN.finditer(html):
        if opening.start() < resume:
            continue
        while index < len(closes) and closes[index][0] < opening.end():
            index += 1
        if index == len(closes):
            break
        labels.append(html[opening.end() : closes[index][0]])
        resume = closes[index][1]
    return labels


def _is_navigation(text: str, html: str) -> bool:
    """True when (nearly) every paragraph of the text is the label of a link on the page."""
    lines = [line.casefold() for line in text.split("\n\n") if line.strip()]
    if not lines:
        return False
    labels = {" ".join(_TAG.sub(" ", label).split()).casefold() for label in _link_labels(html)}
    return sum(line in labels for line in lines) >= NAV_LINE_SHARE * len(lines)


def _paragraphs(text: str, title: str | None) -> str:
    """One paragraph per line, blank lines between them, without a leading copy of the headline."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0].casefold() == title.strip().casefold():
        lines = lines[1:]
    return "\n\n".join(lines)


def _page_date(html: str, url: str | None) -> str | None:
    """The publication date from markup and URL alone (no free-text search: it picks up historical dates)."""
    from htmldate import find_date

    try:
        found = find_date(html, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError) as exc:  # htmldate raises on some malformed trees
        log.debug("htmldate failed: %s", exc)
        return None
    return found if found and _ISO_DATE.match(found) else None


@functools.lru_cache(maxsize=1)
def _trafilatura_config():
    """trafilatura's defaults, less its free-text date search: on anniversary pieces it returns the date of
    the events remembered (a page saying "January 20, 2015" got published 2015-01-20 in our check)."""
    from trafilatura.settings import DEFAULT_CONFIG

    config = copy.deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"
    return config


def _clean_field(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def main_text_from_html(doc: RawDocument, options: Options) -> MainText:
    """The article in an HTML page; NoArticleError when the page holds no article text."""
    from trafilatura import bare_extraction

    html = _flatten_posts(doc.content)
    result = bare_extraction(
        html,
        url=doc.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_formatting=False,
        deduplicate=False,
        config=_trafilatura_config(),
    )
    fields = result.as_dict() if result is not None and hasattr(result, "as_dict") else (result or {})
    title = _clean_field(fields.get("title"))
    text = _paragraphs(fields.get("text") or "", title)
    if len(text.split()) < MIN_ARTICLE_WORDS or _is_navigation(text, html):
        raise NoArticleError(
            f"{doc.origin}: no article text found (the page looks like navigation, a paywall or an error "
            "page): give the address of the article itself, or paste its text"
        )
    published = _clean_field(fields.get("date"))
    if not (published and _ISO_DATE.match(published)):
        published = _page_date(html, doc.url)
    return MainText(
        text=text,
        title=title,
        published=published,
        source=_clean_field(fields.get("sitename")),
        author=_clean_field(fields.get("author")),
        url=_clean_field(fields.get("url")) or doc.url,
    )
