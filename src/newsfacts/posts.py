"""Embedded social-media posts: found in the clean text in their scraped form, and flattened into that form
from HTML embed markup before trafilatura sees the page.

The scraped form of an embedded X post is the post's words, its links, then a credit line:

    20 Ocak 1990'da ... anıyoruz. pic.twitter.com/hDJu2YbHLM — T.C. Dışişleri Bakanlığı (@TC_Disisleri) January 20, 2025

Bluesky and Mastodon embeds use the same "— Name (@handle) date" credit (their handles carry a dot or a second
@); Instagram's is "A post shared by Name (@handle) on date", Facebook's "Posted by Name on Weekday, date";
a Telegram widget leaves only its t.me link. The article's translation of the post, when it gives one, is
usually in the next paragraph ("The post says: ...") and is paired with the post.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from datetime import date

from .dates import MONTHS
from .model import Block, Post, Span
from .quotes import quoted_spans

log = logging.getLogger(__name__)

__all__ = ["find_posts", "flatten_embedded_posts", "parse_post_date"]

# X shows posts of up to 280 characters, but long posts and Instagram captions (2,200 characters) exist; a
# "post" longer than this is a paragraph the scraper joined to the post, so only its last sentences are kept.
MAX_POST_CHARS = 2200
# The translation sits in the paragraph right after the post (all 5 posts of the seed and dev set); further
# away a quote is the article's own reporting.
TRANSLATION_PARAGRAPHS = 1
# Quotes of one or two words are scare quotes ('Black January'), not a translation.
MIN_TRANSLATION_WORDS = 3


_WORD = r"[^\W\d_]{3,12}\.?"  # a month name in any script ("January", "Ocak", "сентября", "Jan.")
_TIME = r"(?:,?[ \t]+(?:at[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{2,4}\b)?)?"
_DATE = (
    r"(?:(?:[^\W\d_]{3,9},[ \t]+)?"  # a weekday, as Facebook writes it
    rf"(?:{_WORD}[ \t]+\d{{1,2}},?[ \t]+\d{{4}}"  # January 20, 2025 / Jan 20 2025
    rf"|\d{{1,2}}\.?[ \t]+(?:de[ \t]+)?{_WORD},?[ \t]+(?:de[ \t]+)?\d{{4}}(?:[ \t]*г\.)?"  # 20 January 2025
    r"|\d{4}-\d{2}-\d{2}"
    rf"){_TIME})"
)
_URL = r"(?:https?://|www\.|pic\.twitter\.com/)[^\s<>\"“”«»()]+"
_HANDLE = r"@(?P<handle>[\w.-]+(?:@[\w-]+(?:\.[\w-]+)+)?)"
# A dash opens the credit; a hyphen must stand apart ("Jean-Luc" is a name, not a credit).
_DASH = r"(?:[—–―]|&mdash;|&#8212;|&ndash;|&#8211;|(?<!\S)-{1,2})"
# The author: no brackets, no new line, no other dash standing apart (which would belong to the post text).
_AUTHOR = r"(?P<author>(?:(?![—–―]|\s-{1,2}\s)[^\n()\[\]]){0,100}?)"

_DASH_CREDIT = re.compile(
    rf"{_DASH}[ \t]*{_AUTHOR}[ \t]*\([ \t]*{_HANDLE}[ \t]*\)(?:[ \t]*(?:on[ \t]+)?(?P<date>{_DATE}))?"
)
_INSTAGRAM_CREDIT = re.compile(
    rf"\bA post shared by[ \t]+(?:{_AUTHOR}[ \t]*\([ \t]*{_HANDLE}[ \t]*\)|@(?P<bare>[\w.]+))"
    rf"(?:[ \t]+on[ \t]+(?P<date>{_DATE}))?"
)
_FACEBOOK_CREDIT = re.compile(rf"\bPosted by[ \t]+(?P<author>[^\n()]{{1,80}}?)[ \t]+on[ \t]+(?P<date>{_DATE})")
_TELEGRAM_LINK = re.compile(r"^[ \t]*(?P<url>(?:https?://)?t\.me/(?P<handle>\w{4,})/\d+)[ \t]*$", re.MULTILINE)
_URL_RE = re.compile(_URL)
_URL_START = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")

# "The post says:", "the tweet reads", "which translates as", "In the post, X wrote:" — what an article writes
# right before the translation of a post it embeds.
_TRANSLATION_CUE = re.compile(
    r"\b(?:post|tweet|message|caption|statement|translat\w*|reads?|says?|said|wrote|writes|stated?s?|"
    r"tweeted|posted|added)\b",
    re.IGNORECASE,
)
_TRANSLATION_LABEL = re.compile(
    r"\(\s*(?:English\s+)?translation\s*:\s*(?P<paren>[^)\n]+?)\s*\)|"
    r"^[ \t]*(?:English\s+)?translation\s*:\s*(?P<line>[^\n]+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class _Credit:
    start: int
    end: int
    platform: str | None
    handle: str | None
    author: str | None
    date: str | None
    dated: bool = True  # the credit carries a date, parsed or not


def find_posts(text: str, blocks: list[Block]) -> list[Post]:
    """Embedded posts in the clean text, in order, each with its translation when the article gives one."""
    credits = sorted(_find_credits(text), key=lambda credit: credit.start)
    paragraphs = _Paragraphs.of(text)
    posts: list[Post] = []
    floor = 0
    for index, credit in enumerate(credits):
        if credit.start < floor:
            continue
        start = _post_start(text, paragraphs, credit.start, floor)
        end = _extend_over_trailing_link(text, credit.end)
        body = text[start : credit.start]
        words = _without_trailing_links(body)
        links = [_absolute(url) for url in _URL_RE.findall(text[start:end])]
        if credit.platform != "telegram" and not (links or credit.dated):
            continue  # "By Jane Doe — Jane Doe (@janedoe)": a byline, not an embed, which has a date or a link
        language = _post_language(words, start, blocks)
        limit = credits[index + 1].start if index + 1 < len(credits) else len(text)
        translation = None if language == "en" else find_translation(text, end, limit, paragraphs)
        posts.append(
            Post(
                platform=credit.platform or _platform_from_links(links),
                handle=credit.handle,
                author=credit.author,
                date=credit.date,
                language=language,
                text=words,
                links=links,
                translation=translation,
                evidence=Span(text=text[start:end], start=start, end=end),
            )
        )
        floor = end
    return posts


def _without_trailing_links(body: str) -> str:
    """The post's words: the body less the links that close it (a regex would backtrack exponentially on
    runs of glued links)."""
    words = body.rstrip()
    while words:
        cut = max(words.rfind(" "), words.rfind("\t"), words.rfind("\n"))
        if not _URL_START.match(words, cut + 1):
            break
        words = words[: cut + 1].rstrip()
    return words.strip()


def _find_credits(text: str) -> list[_Credit]:
    credits = []
    for match in _DASH_CREDIT.finditer(text):
        handle = match["handle"].rstrip(".-")
        credits.append(
            _Credit(
                match.start(),
                match.end(),
                _platform_from_handle(handle),
                handle,
                _clean_author(match["author"]),
                parse_post_date(match["date"]),
                dated=bool(match["date"]),
            )
        )
    for match in _INSTAGRAM_CREDIT.finditer(text):
        handle = (match["handle"] or match["bare"] or "").rstrip(".") or None
        author = _clean_author(match["author"] or "")
        credits.append(_Credit(match.start(), match.end(), "instagram", handle, author, parse_post_date(match["date"])))
    for match in _FACEBOOK_CREDIT.finditer(text):
        author = _clean_author(match["author"])
        credits.append(_Credit(match.start(), match.end(), "facebook", None, author, parse_post_date(match["date"])))
    for match in _TELEGRAM_LINK.finditer(text):
        # The widget leaves only its link; the post starts and ends with it.
        credits.append(_Credit(match.end(), match.end(), "telegram", match["handle"], None, None))
    return credits


@dataclass(frozen=True)
class _Paragraphs:
    """Where the text's paragraph breaks are, found once per article: blank lines, or new lines where the
    scraper never leaves a blank line (one paragraph per line)."""

    break_starts: list[int]
    break_ends: list[int]

    @classmethod
    def of(cls, text: str) -> _Paragraphs:
        pattern = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
        found = list(pattern.finditer(text))
        return cls([match.start() for match in found], [match.end() for match in found])

    def start_before(self, position: int, floor: int) -> int:
        """The start of the paragraph holding `position`, or `floor` if that is later."""
        index = bisect.bisect_right(self.break_ends, position) - 1
        return max(floor, self.break_ends[index]) if index >= 0 else floor

    def breaks_between(self, start: int, end: int) -> list[tuple[int, int]]:
        first = bisect.bisect_left(self.break_starts, start)
        last = bisect.bisect_left(self.break_starts, end)
        return list(zip(self.break_starts[first:last], self.break_ends[first:last], strict=True))


def _post_start(text: str, paragraphs: _Paragraphs, credit_start: int, floor: int) -> int:
    """Where the post's words begin: the start of the paragraph holding the credit, or the paragraph before
    when the credit stands alone; never before the end of the previous post."""
    start = paragraphs.start_before(credit_start, floor)
    if credit_start - start <= MAX_POST_CHARS and not text[start:credit_start].strip() and start > floor:
        start = paragraphs.start_before(start - 1, floor)
    if credit_start - start > MAX_POST_CHARS:  # checked before slicing: long texts stay linear
        start = _trim_to_last_sentences(text, start, credit_start)
    while start < credit_start and text[start].isspace():
        start += 1
    return start


def _trim_to_last_sentences(text: str, start: int, end: int) -> int:
    for boundary in _SENTENCE_END.finditer(text, max(start, end - MAX_POST_CHARS - 1), end):
        if end - boundary.end() <= MAX_POST_CHARS:
            return boundary.end()
    return end - MAX_POST_CHARS


def _extend_over_trailing_link(text: str, end: int) -> int:
    """A credit sometimes ends with the post's own address ("... 2025 https://x.com/a/status/1"): keep it."""
    found = re.compile(rf"[ \t]+{_URL}").match(text, end)
    return found.end() if found else end


def _clean_author(author: str) -> str | None:
    author = author.strip(" \t,:;-")
    return author or None


def _platform_from_handle(handle: str) -> str | None:
    if "@" in handle:
        return "mastodon"  # @user@instance
    if "." in handle:
        return "bluesky"  # name.bsky.social, or a domain used as a handle; X handles have no dots
    return None


def _platform_from_links(links: list[str]) -> str:
    hosts = {
        "instagram.com": "instagram",
        "t.me/": "telegram",
        "facebook.com": "facebook",
        "bsky.app": "bluesky",
        "threads.net": "threads",
    }
    for link in links:
        for host, platform in hosts.items():
            if host in link:
                return platform
    return "x"


def _absolute(url: str) -> str:
    url = url.rstrip(".,;:!?…")
    return url if url.startswith(("http://", "https://")) else "https://" + url


def _post_language(words: str, start: int, blocks: list[Block]) -> str | None:
    plain = re.sub(rf"{_URL}|[@#][\w.]+", " ", words)
    language = detect_language(plain) if plain.strip() else None
    if language:
        return language
    return next((block.language for block in blocks if block.start <= start < block.end), None)


def detect_language(text: str) -> str | None:
    """The language module's detector, imported when first needed (it loads lingua's models)."""
    from .language import detect_language as detect

    return detect(text)


def find_translation(text: str, start: int, limit: int, paragraphs: _Paragraphs | None = None) -> str | None:
    """The translation the article gives for a post ending at `start`: the first quote after it, when a cue
    ("The post says:", "which translates as", "the tweet reads") comes before or after it or it opens its
    sentence; else a "(Translation: ...)" label; looked for in the next paragraph, before `limit`."""
    window_end = _window_end(text, paragraphs or _Paragraphs.of(text), start, limit)
    window = text[start:window_end]
    labelled = _TRANSLATION_LABEL.search(window)
    for span in quoted_spans(window):
        quote_start, quote_end = span.start, span.end
        quoted = window[quote_start:quote_end]
        if len(re.findall(r"\w+", quoted)) < MIN_TRANSLATION_WORDS:
            continue
        if labelled and labelled.start() < quote_start:
            break
        lead_in = window[_sentence_start(window, quote_start) : quote_start]
        follow = window[quote_end : _sentence_end(window, quote_end)]
        if not lead_in.strip(" \t\"“«'‘") or _TRANSLATION_CUE.search(lead_in) or _TRANSLATION_CUE.search(follow):
            return quoted.strip().rstrip(",").strip()
        break
    if labelled:
        return (labelled["paren"] or labelled["line"]).strip().strip("\"“”«»").strip()
    return None


def _window_end(text: str, paragraphs: _Paragraphs, start: int, limit: int) -> int:
    """The rest of the post's paragraph and the TRANSLATION_PARAGRAPHS non-empty paragraphs after it."""
    seen, position = 0, start
    for break_start, break_end in paragraphs.breaks_between(start, limit):
        if position > start and text[position:break_start].strip():
            seen += 1
            if seen == TRANSLATION_PARAGRAPHS:
                return break_start
        position = max(position, break_end)
    return limit


def _sentence_start(text: str, position: int) -> int:
    start = 0
    for boundary in re.finditer(r"[.!?…](?=\s)|\n", text[:position]):
        start = boundary.end()
    return start


def _sentence_end(text: str, position: int) -> int:
    found = re.compile(r"[.!?…](?=\s|$)|\n").search(text, position + 1)
    return found.end() if found else len(text)


def parse_post_date(text: str | None) -> str | None:
    """A post date as YYYY-MM-DD: English forms directly, other languages through dateparser."""
    if not text:
        return None
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        return _iso(int(iso[1]), int(iso[2]), int(iso[3]))
    month_first = re.match(r"(?:[^\W\d_]+,\s+)?([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text)
    if month_first and month_first[1].lower() in MONTHS:
        return _iso(int(month_first[3]), MONTHS[month_first[1].lower()], int(month_first[2]))
    day_first = re.match(r"(?:[^\W\d_]+,\s+)?(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})", text)
    if day_first and day_first[2].lower() in MONTHS:
        return _iso(int(day_first[3]), MONTHS[day_first[2].lower()], int(day_first[1]))
    return _parse_foreign_date(text)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _parse_foreign_date(text: str) -> str | None:
    import dateparser

    day_month_year = re.search(r"\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]+\.?,?\s+(?:de\s+)?\d{4}|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4}", text)
    if not day_month_year:
        return None
    parsed = dateparser.parse(day_month_year[0], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date().isoformat() if parsed else None


def flatten_embedded_posts(html: str) -> str:
    """Rewrite X, Bluesky, Instagram, Facebook and Telegram embed markup into one <p> each, in the scraped
    form `find_posts` reads, and drop the embed scripts, so trafilatura keeps the posts as paragraphs.

    Pages without embeds come back untouched; HTML lxml cannot parse comes back unchanged, with a log line."""
    if not _EMBED_MARKERS.search(html):
        return html
    import lxml.html
    from lxml import etree

    try:
        # Control characters out first: lxml parses them but refuses to set them when a tree is rewritten
        # (drop_tree, .tail), which crashed on fuzzed pages (bench/fuzz_extract.py).
        root = lxml.html.document_fromstring(_XML_INCOMPATIBLE.sub("", html).encode("utf-8"), parser=_html_parser())
    except (etree.LxmlError, ValueError) as exc:
        log.info("embedded posts left as they are: the HTML could not be parsed (%s)", exc)
        return html
    for element in list(root.iter("blockquote", "script", "div")):
        if element.getparent() is None:
            continue  # inside an embed already replaced
        classes = set((element.get("class") or "").split())
        if element.tag == "blockquote" and classes & {"twitter-tweet", "bluesky-embed", "fb-xfbml-parse-ignore"}:
            _replace(element, _credit_embed_text(element))
        elif element.tag == "blockquote" and "instagram-media" in classes:
            _replace(element, _instagram_text(element))
        elif element.get("data-telegram-post"):
            _replace(element, "https://t.me/" + element.get("data-telegram-post", "").strip("/"))
        elif element.tag == "script" and _EMBED_SCRIPT.search(element.get("src") or ""):
            element.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")


_EMBED_MARKERS = re.compile(
    r"twitter-tweet|bluesky-embed|instagram-media|fb-xfbml-parse-ignore|data-telegram-post", re.IGNORECASE
)
_EMBED_SCRIPT = re.compile(
    r"platform\.twitter\.com|instagram\.com/embed|connect\.facebook\.net|embed\.bsky\.app|telegram\.org/js",
    re.IGNORECASE,
)


_XML_INCOMPATIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _html_parser():
    import lxml.html

    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)


def _replace(element, text: str) -> None:
    import lxml.html

    paragraph = lxml.html.Element("p")
    paragraph.text = _XML_INCOMPATIBLE.sub("", text)  # lxml refuses control characters the page may hold
    paragraph.tail = element.tail
    element.getparent().replace(element, paragraph)


def _plain(element) -> str:
    """An element's text on one line, <br> as a space."""
    for br in element.iter("br"):
        br.tail = " " + (br.tail or "")
    return " ".join(element.text_content().split())


def _credit_embed_text(blockquote) -> str:
    """X, Bluesky and Facebook embeds: the post's <p>s, then what follows them (the credit and the date)."""
    paragraphs = blockquote.findall(".//p")
    words = " ".join(_plain(p) for p in paragraphs)
    for p in paragraphs:
        p.drop_tree()
    credit = _plain(blockquote)
    if paragraphs and credit and not credit.startswith(("—", "–", "-", "Posted by")):
        credit = "— " + credit
    cite = blockquote.get("cite") or ""
    link = cite if "fb-xfbml-parse-ignore" in (blockquote.get("class") or "") and cite.startswith("http") else ""
    return " ".join(part for part in (words, link, credit) if part)


def _instagram_text(blockquote) -> str:
    """Instagram: caption, permalink, then "A post shared by Name (@handle) on Month D, YYYY"."""
    permalink = (blockquote.get("data-instgrm-permalink") or "").split("?")[0]
    caption, credit = [], ""
    for p in blockquote.findall(".//p"):
        line = _plain(p)
        if line.startswith("A post shared by"):
            credit = line
        elif line and "View this post on Instagram" not in line:
            caption.append(line)
    time = blockquote.find(".//time")
    posted = parse_post_date((time.get("datetime") or "")[:10]) if time is not None else None
    if credit and posted and " on " not in credit:
        when = date.fromisoformat(posted)
        credit += f" on {when:%B} {when.day}, {when.year}"
    return " ".join(part for part in (" ".join(caption), permalink, credit) if part)
