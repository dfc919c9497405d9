"""Publication date, outlet and title of an article, with what the user says winning over what the page says.

Precedence, for each field: 1. the options (the user); 2. the document (its carrier: a feed, a WARC record,
a crawler's JSON); 3. the HTML page's own metadata (trafilatura, htmldate) and a date in the page's URL;
4. the text itself: the removed chrome (`date 2025-01-20`, `Published March 4, 2025`), a dateline
(`LIMA, March 14 (Andes Wire) -` gives the outlet but no year), a closing credit line (`News.Az`,
`Euro Wire reports`), a copyright line, an "X reports." attribution near the start, a headline line.

A year is never guessed: a dateline's "March 14" leaves `published` empty and says so in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .clean import CleanText
from .dates import MONTHS
from .errors import InputError
from .ingest.base import RawDocument
from .ingest.html import MainText
from .options import Options

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})(?!\d)", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})(?!\d)", re.I),
)
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<mnum>\d{1,2})[/-](?P<day>\d{1,2})(?:/|-|$)")
_PUBLISHED_LINE = re.compile(r"^\s*(first published|published|posted|date)\b", re.I)
_UPDATED_LINE = re.compile(r"^\s*(last updated|updated|modified)\b", re.I)

# `LIMA, March 14 (Andes Wire) -`, `SABROL, Kelmar, Nov 18 (Sahel Monitor) -`, `DARVAN (CWS) —`: a capitalised
# place, optional region and day, the outlet in brackets, then a dash.
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÞĀ-Ž][A-ZÀ-ÞĀ-Ž .'’-]+)(?:,\s*[^(),\n]{1,40}){0,2}?"
    r"(?:,\s*" + _MONTH.replace("(?P<month>", "(?P<dmonth>") + r"\s+(?P<dday>\d{1,2}))?"
    r"\s*\((?P<outlet>[^()\n]{2,60})\)\s*[-–—]",
    re.I,
)
_DATELINE_PLACE = re.compile(r"^[A-ZÀ-ÞĀ-Ž][A-ZÀ-ÞĀ-Ž .'’-]+,")
_COPYRIGHT = re.compile(
    r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?P<owner>.+?)"
    r"(?:\.?\s*all rights reserved.*)?\.?$",
    re.I,
)
# `..., News.Az reports.` — an outlet credited in the running text, after a comma or a closing quote.
_REPORTS = re.compile(
    r"[,\"”]\s+(?P<outlet>(?:[A-Z][\w.&'’-]*)(?:\s+[A-Z0-9][\w.&'’-]*){0,4})\s+(?:reports|reported)\s*[.,]"
)
# `(Photo: Jenna Ruiz/Millbrook Courier)`: a staff photographer's credit names the outlet after the slash.
_PHOTO_CREDIT = re.compile(r"\((?:photo|photos|image|video|picture)\s*:\s*[^()/\n]{2,60}/\s*(?P<outlet>[^()/\n]{2,60})\)", re.I)
# Picture agencies credited on photos; a photo by them says nothing about the outlet running it.
PICTURE_AGENCIES = frozenset("ap afp reuters getty images getty epa shutterstock anadolu xinhua tass pa".split(" "))
# Started only where a whitespace run starts: `\s+` alone was retried from every space of a long run.
_CREDIT_SUFFIX = re.compile(r"(?<!\s)\s++(?:reports|reported|said)$", re.I)
# Words that are credited with reports in news copy but are not outlets.
NOT_OUTLETS = frozenset(
    "police officials witnesses sources media residents authorities the ministry reports it he she they".split()
)
# Headline, byline and dateline all sit in the first few lines.
OPENING_LINES = 3
# A byline names a person and an outlet; longer lines are the lead.
BYLINE_MAX_WORDS = 12
_BYLINE = re.compile(r"^by\s+[^,]{3,60},\s*(?P<outlet>[^,]{3,60})$", re.I)
_DESK_LINE = re.compile(r"^(?P<outlet>.{3,60}?)\s+(?:\w+\s+)?(?:desk|staff|newsroom)\b", re.I)
# Words after a byline's comma that are a job, not an outlet ("By Jane Doe, Staff Writer").
BYLINE_ROLES = frozenset(
    "staff writer reporter correspondent editor contributor columnist chief bureau special freelance".split()
)
NAME_JOINERS = frozenset("of the and de la du for on".split())
# A closing credit is a short name; a longer last line is prose. The dev set's are 1–3 words.
CREDIT_MAX_WORDS = 5
# How far into the text an "X reports." attribution still names the outlet rather than a quoted third party.
ATTRIBUTION_WINDOW = 1500
# Headline shape for plain text: seen headlines run 4–12 words; a 20-word line is a lead sentence.
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 16
LEAD_MIN_WORDS = 12


@dataclass(frozen=True)
class Metadata:
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------------------------
# Dates.


# A publication date anchors relative dates ("last year", "in ten days", "Monday"), so it needs room on both
# sides of it in the calendar: published 0001-01-01 or 9999-12-31 overflowed the date arithmetic (issue 12).
PUBLISHED_YEARS = range(1000, 9999)


def _valid_date(year: int, month: int, day: int) -> str | None:
    if year not in PUBLISHED_YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first full date (with a year) in the text as YYYY-MM-DD: ISO, "March 4, 2025", "4 March 2025"."""
    found: list[tuple[int, str]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
            value = _valid_date(int(groups["year"]), month, int(groups["day"]))
            if value:
                found.append((match.start(), value))
                break
    return min(found)[1] if found else None


def normalise_date(value: str | None) -> str | None:
    """A carrier's date ("2025-01-20", "2025-01-20T10:00:00Z", "20 January 2025") as YYYY-MM-DD."""
    if not value:
        return None
    iso = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if iso:
        return _valid_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    return parse_date(value)


def date_from_url(url: str | None) -> str | None:
    """A date in the URL's path, as news sites write it: /2025/03/14/slug or /2025-07-09/slug."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    return _valid_date(int(match.group("year")), int(match.group("mnum")), int(match.group("day")))


def date_from_lines(lines: list[str], furniture: bool = True) -> str | None:
    """The publication date in lines: a "Published"/"date" line first, then "Updated"; in page furniture
    (removed chrome) also any short line with a date, which there can only be the page's own."""
    for wanted in (_PUBLISHED_LINE, _UPDATED_LINE):
        for line in lines:
            if wanted.match(line):
                found = parse_date(line)
                if found:
                    return found
    if not furniture:
        return None
    for line in lines:
        found = parse_date(line)
        if found and len(line.split()) <= 8:
            return found
    return None


# ---------------------------------------------------------------------------------------------------------------
# Outlet.


def _opening_lines(text: str, count: int = OPENING_LINES) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()][:count]


def dateline(text: str) -> re.Match[str] | None:
    """The wire dateline that opens the text (after a headline and byline, if any)."""
    for line in _opening_lines(text):
        match = _DATELINE.match(line)
        if match and match.group("place").strip().isupper():
            return match
    return None


def byline_outlet(text: str) -> str | None:
    """The outlet in a byline or desk line under the headline: `By Ines Marlow, Continental Press Agency`,
    `The Harbour Chronicle world desk, from agency reports`."""
    for line in _opening_lines(text):
        if len(line.split()) > BYLINE_MAX_WORDS:
            continue
        match = _BYLINE.match(line) or _DESK_LINE.match(line)
        if not match:
            continue
        outlet = match.group("outlet").strip(" .,")
        words = outlet.split()
        if words and all(w[0].isupper() or w.lower() in NAME_JOINERS for w in words) and not any(
            w.lower() in BYLINE_ROLES for w in words
        ):
            return outlet
    return None


def credit_line(text: str) -> str | None:
    """The outlet from a short closing credit line: `News.Az`, `Latin Desk`, `Euro Wire reports`."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    last = lines[-1]
    words = last.split()
    if len(words) > CREDIT_MAX_WORDS or last.endswith((".", "!", "?", ":", ",", ";", '"', "”", "'", "’", ")")):
        return None
    name = _CREDIT_SUFFIX.sub("", last).strip()
    name_words = name.split()
    if not name_words or not all(word[0].isupper() or word[0].isdigit() for word in name_words):
        return None
    return name


def copyright_owner(lines: list[str]) -> str | None:
    """The owner named in a copyright line: `Copyright 2023 Channel 6 Lakeport. All rights reserved.`"""
    for line in lines:
        match = _COPYRIGHT.match(line.strip())
        if match:
            owner = match.group("owner").strip(" .,")
            if owner and owner.lower() != "all rights reserved" and owner[0].isalnum():
                return owner
    return None


def attributed_outlet(text: str) -> str | None:
    """An outlet credited near the start: `..., News.Az reports.`"""
    for match in _REPORTS.finditer(text[:ATTRIBUTION_WINDOW]):
        outlet = match.group("outlet")
        if outlet.lower() not in NOT_OUTLETS and outlet.split()[0].lower() not in ("the", "a", "an"):
            return outlet
    return None


def photo_credit_outlet(text: str) -> str | None:
    """The outlet in a staff photo credit, `(Photo: Jenna Ruiz/Millbrook Courier)`; agencies do not count."""
    for match in _PHOTO_CREDIT.finditer(text):
        outlet = match.group("outlet").strip()
        if outlet.lower() not in PICTURE_AGENCIES and not any(w in PICTURE_AGENCIES for w in outlet.lower().split()):
            return outlet
    return None


def source_from_text(cleaned: CleanText) -> str | None:
    """The outlet as the text names it. The publisher of this copy first (byline or desk line, closing
    credit, copyright), then the wire in the dateline, which a republishing outlet keeps, then attributions."""
    match = dateline(cleaned.text)
    return (
        byline_outlet(cleaned.text)
        or credit_line(cleaned.text)
        or copyright_owner(list(cleaned.chrome))
        or (match.group("outlet").strip() if match else None)
        or attributed_outlet(cleaned.text)
        or photo_credit_outlet(cleaned.text)
    )


# ---------------------------------------------------------------------------------------------------------------
# Title.


def headline(text: str) -> str | None:
    """The first line when it clearly is a headline: short, no sentence end, not a dateline, and followed by a
    paragraph of prose."""
    lines = _opening_lines(text)
    if len(lines) < 2:
        return None
    first = lines[0]
    words = first.split()
    if not HEADLINE_MIN_WORDS <= len(words) <= HEADLINE_MAX_WORDS:
        return None
    if first.endswith((".", ",", ";", ":")) or _DATELINE_PLACE.match(first) or dateline(first):
        return None
    if first.startswith(("“", '"', "'", "‘", "@", "—", "-")) or "pic.twitter.com" in first:
        return None
    # The lead follows at once, or after a byline.
    if not any(len(line.split()) >= LEAD_MIN_WORDS for line in lines[1:3]):
        return None
    return first


# ---------------------------------------------------------------------------------------------------------------
# All together.


# How data exports write a missing date.
MISSING_DATE_MARKERS = frozenset({"na", "n/a", "nan", "null", "none", "-", ""})


def _first(*values: str | None) -> str | None:
    return next((value for value in values if value), None)


def find_metadata(cleaned: CleanText, document: RawDocument, main: MainText | None, options: Options) -> Metadata:
    """Publication date, outlet and title, each from the most trusted place that has it."""
    warnings: list[str] = []
    published = options.published
    if published is not None and published.strip().lower() in MISSING_DATE_MARKERS:
        # coded data exported from R or a spreadsheet writes an unknown date as NA: unknown, not an error
        warnings.append(f"publication date given as {published!r}: read as unknown")
        published = None
    given = normalise_date(published) if published else None
    if published and not given:
        raise InputError(f"--published {options.published!r} is not a publication date: give it as YYYY-MM-DD, "
                         f"years {PUBLISHED_YEARS.start}-{PUBLISHED_YEARS.stop - 1}")
    carrier = normalise_date(document.published)
    if document.published and not carrier:
        warnings.append(f"ignored the carrier's publication date {document.published!r}: not a date")
    page = _first(
        main.published if main else None,
        date_from_url(document.url or options.url),
        date_from_lines(list(cleaned.chrome)),
        date_from_lines(cleaned.text.split("\n")[:3], furniture=False),
    )
    published = _first(given, carrier, page)
    if given and page and page != given:
        warnings.append(f"the page gives {page} as its publication date; using the given date {given}")
    if published is None:
        match = dateline(cleaned.text)
        if match and match.group("dmonth"):
            day = f"{match.group('dmonth')} {match.group('dday')}"
            warnings.append(
                f"the dateline gives {day} but no year, so the publication date is unknown: pass --published "
                "YYYY-MM-DD to resolve relative dates and check anniversaries"
            )
        else:
            warnings.append(
                "no publication date found: pass --published YYYY-MM-DD to resolve relative dates (on Sunday, "
                "last week) and check anniversaries"
            )
    source = _first(options.source, document.source, main.source if main else None, source_from_text(cleaned))
    title = document.title or (main.title if main and main.title else headline(cleaned.text))
    return Metadata(published=published, source=source, title=title, warnings=tuple(warnings))
