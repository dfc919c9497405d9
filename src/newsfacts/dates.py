"""Date expressions, normalised with their precision and anchored to the publication date.

Values are `YYYY-MM-DD` (day), `YYYY-MM-DD/YYYY-MM-DD` (range), `YYYY-MM` (month) or `YYYY` (year). The rules
news copy needs, kept explicit rather than left to a general parser:

- a weekday means the current week: the most recent such day on or before publication ("on Sunday" in a
  Monday paper is the day before; in a Sunday paper it is the same day); "last Sunday" is strictly before;
- a date without a year takes the year stated in the same sentence, else the nearest earlier one in the same
  paragraph (a commemoration piece says 1990 once and then "on January 25"), else the publication year —
  and never lands after the publication date;
- without a publication date, relative expressions get no value (precision "relative"): never guess;
- durations and ages ("for nearly three hours", "36 hours", "10 years on", "aged 19") are not dates.

dateparser handles what is left that names a month ("Thursday 5 June", "the 3rd of May"), with the publication
date as RELATIVE_BASE, English only (no language detection, no downloads).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

from .model import DateMention, Span
from .nlp import text_of

Value = tuple[str | None, str]  # (value, precision) as resolve_date returns it

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1):
    MONTHS[_name] = MONTHS[_name[:3]] = _number
MONTHS["sept"] = 9
WEEKDAYS = {name: number for number, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
# Fixed-date holidays news copy dates things by ("since Christmas Eve").
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "new year's eve": (12, 31), "new year's day": (1, 1), "new year’s eve": (12, 31), "new year’s day": (1, 1),
}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# Verbs whose date is when the article was told, not when the thing happened ("..., police said on Monday").
REPORT_VERBS = frozenset({"say", "tell", "announce", "report", "confirm", "add", "state", "claim", "write",
                          "post", "update", "publish", "release", "brief"})

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DASH = r"\s*[-–—]\s*"
_PART_OF_DAY = r"(?:night|evening|morning|afternoon)"
# After a year: not a count of things ("in 2000 homes"), not a longer number, not a decade ("1990s").
_YEAR_END = r"(?![\d,.]\d)(?!s\b)(?!\s+[a-z]+s\b)"

# Candidate patterns, tried on the clean text; the group `d` is the date span. Longer matches win overlaps.
PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    # ISO dates, as scraped page furniture and metadata write them
    r"(?P<d>\b\d{4}-\d{2}-\d{2}\b)",
    # ranges: January 19–20, 1990 / 19-20 January 1990 (with "the night of" when written)
    rf"(?P<d>(?:(?i:the\s+night\s+of)\s+)?\b{_MONTH}\s+{_DAY}{_DASH}{_DAY}\b(?:,?\s+{_YEAR}\b)?)",
    rf"(?P<d>(?:(?i:the\s+night\s+of)\s+)?\b{_DAY}{_DASH}{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR}\b)?)",
    # days: (Thursday,) January 20(, 1990) / 20 January (1990) / the 20th of January
    rf"(?P<d>(?:\b{_WEEKDAY},?\s+)?\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?)",
    rf"(?P<d>(?:\b{_WEEKDAY},?\s+)?\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?)(?!\w)",
    # months: June 2015 / in June / last March
    rf"(?P<d>\b{_MONTH_FULL}\s+{_YEAR}){_YEAR_END}",
    rf"\b(?i:in|since|by|until|till|from|during|before|after|through|early|late|mid-?|last|this|of)\s+"
    rf"(?P<d>(?:(?i:last|this)\s+)?{_MONTH_FULL})\b(?!\s+\d)",
    # years after a preposition: in 2015, since 2022, the end of 1986
    rf"\b(?i:in|since|by|until|till|from|during|before|after|through|of|early|late|mid-?)\s+(?P<d>{_YEAR}){_YEAR_END}\b",
    # weekdays with their part of the day: late on Tuesday, early Saturday, Saturday night, Tuesday's
    rf"(?P<d>(?:\b(?i:late|early)\s+(?:(?i:on)\s+)?)?(?:\b(?i:last|this|next)\s+)?\b{_WEEKDAY}(?:['’]s)?"
    rf"(?:\s+(?i:{_PART_OF_DAY}))?)\b",
    # relative words
    r"(?P<d>\b(?i:today|tonight|yesterday(?:\s+" + _PART_OF_DAY + r")?|overnight|last\s+night|"
    r"this\s+(?:morning|afternoon|evening)|tomorrow))\b",
    r"(?P<d>\b(?i:the|this|last|next)\s+(?i:weekend))\b",
    r"(?P<d>\b(?i:(?:earlier\s+|later\s+)?this|last|next)\s+(?i:week|month|year))\b",
    r"(?P<d>\b(?:\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+"
    r"(?i:days?|weeks?|months?|years?)\s+(?i:ago))\b",
    r"(?P<d>\b(?:Christmas(?:\s+(?:Eve|Day))?|Boxing\s+Day|New\s+Year['’]s\s+(?:Eve|Day)))\b",
))
# Words of a relative expression that only the publication date can anchor.
_RELATIVE_WORDS = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|overnight|night|week|weekend|month|year|ago|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|this|last|next)\b"
)
_YEAR_IN = re.compile(rf"\b({_YEAR})\b")
# Durations, ages, frequencies and anniversaries: they have time words but are not dates.
_NOT_A_DATE = re.compile(
    r"-old\b|\baged?\b|\bages\b|\banniversary\b|\bevery\b|\beach\b|\bper\b|"
    r"\b(?:seconds?|minutes?|hours?|days|weeks|months|years|decades?|centuries|century|nights)\b|"
    r"\b(?:a|an|one|the\s+next|the\s+past|the\s+following|the\s+previous)\s+(?:day|week|month|year|night)\b",
    re.I,
)
# spaCy entity labels that make a date word part of a name.
NAME_LABELS = frozenset({"EVENT", "ORG", "WORK_OF_ART", "PERSON", "FAC", "LAW", "PRODUCT"})
# Capitalised words that open a date expression at a sentence start ("On Sunday", "Last March").
DATE_LEAD_WORDS = frozenset({"on", "late", "early", "last", "this", "next", "since", "by", "until", "from", "in",
                             "before", "after", "over", "during", "through", "the", "of", "and", "or", "till"})
_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:and|but|while|when|after|before)\s")
_AGO_END = re.compile(r"\bago$", re.I)
# A year-less date takes the year of an earlier dated mention this many sentences back at most (or anywhere
# in its paragraph): calibrated on the dev set, where a historical piece restates the year within 2-3
# sentences ("26 April 1986 ... bussed out on 27 April") and the seed carries 1990 through one long paragraph.
CONTEXT_SENTENCES = 3


# --- pure helpers --------------------------------------------------------------------------------------------

def parse_published(published: str | None) -> dt.date | None:
    """The publication date as a date (first 10 characters of an ISO string), or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _day(d: dt.date) -> Value:
    return d.isoformat(), "day"


def _range(first: dt.date, last: dt.date) -> Value:
    if first >= last:
        return _day(last)
    return f"{first.isoformat()}/{last.isoformat()}", "range"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def weekday_on_or_before(published: dt.date, weekday: int) -> dt.date:
    """The most recent `weekday` (Monday=0) on or before `published`: news copy means the current week."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def pick_year(month: int, day: int | None, published: dt.date | None, context_year: int | None) -> int | None:
    """Year for a date written without one: the context year, else the publication year, never after publication."""
    for year in ((context_year,) if context_year else ()) + ((published.year,) if published else ()):
        first = _safe_date(year, month, day or 1)
        if first is not None and (published is None or first <= published):
            return year
    return published.year - 1 if published else None


def _month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower().rstrip(".")[:3])


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = " ".join(text.split()).strip(" ,.;:()")
    return re.sub(r"^(?:(?:on|in|at|the night of|night of|the)\s+)+", "", text, flags=re.I)


# --- absolute expressions ------------------------------------------------------------------------------------

_ABS_RANGE = (
    re.compile(rf"^(?P<m>{_MONTH}) (?P<a>\d{{1,2}}) ?- ?(?P<b>\d{{1,2}})(?:,? (?P<y>{_YEAR}))?$", re.I),
    re.compile(rf"^(?P<a>\d{{1,2}}) ?- ?(?P<b>\d{{1,2}}) (?P<m>{_MONTH})(?:,? (?P<y>{_YEAR}))?$", re.I),
)
_ABS_DAY = (
    re.compile(rf"^(?:{_WEEKDAY},? )?(?P<m>{_MONTH}) (?P<a>\d{{1,2}})(?:,? (?P<y>{_YEAR}))?$", re.I),
    re.compile(rf"^(?:{_WEEKDAY},? )?(?P<a>\d{{1,2}}) (?:of )?(?P<m>{_MONTH})(?:,? (?P<y>{_YEAR}))?$", re.I),
)
_ABS_MONTH = re.compile(rf"^(?:(?P<rel>last|this|early|late|mid-?) ?)?(?P<m>{_MONTH_FULL})(?: (?P<y>{_YEAR}))?$", re.I)
_ABS_YEAR = re.compile(rf"^(?:the )?(?:(?:end|start|beginning|middle|summer|winter|spring|autumn|fall) of |early |late |mid-?)?(?P<y>{_YEAR})$", re.I)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _resolve_absolute(text: str, published: dt.date | None, context_year: int | None) -> Value | None:
    """Expressions that name a month or a year; None when the text is not one."""
    if match := _ISO.match(text):
        found = _safe_date(*(int(g) for g in match.groups()))
        return _day(found) if found else (None, "unknown")
    for pattern in _ABS_RANGE:
        if match := pattern.match(text):
            month = _month_number(match["m"])
            # a year-less range must end on or before publication, so the year is picked for its last day
            if month is None:
                return None, "relative"
            year = int(match["y"]) if match["y"] else pick_year(month, int(match["b"]), published, context_year)
            if year is None:
                return None, "relative"
            first, last = _safe_date(year, month, int(match["a"])), _safe_date(year, month, int(match["b"]))
            return _range(first, last) if first and last and first <= last else (None, "unknown")
    for pattern in _ABS_DAY:
        if match := pattern.match(text):
            month = _month_number(match["m"])
            if month is None:
                return None, "relative"
            year = int(match["y"]) if match["y"] else pick_year(month, int(match["a"]), published, context_year)
            if year is None:
                return None, "relative"
            found = _safe_date(year, month, int(match["a"]))
            return _day(found) if found else (None, "unknown")
    if match := _ABS_MONTH.match(text):
        return _resolve_month(match, published, context_year)
    if match := _ABS_YEAR.match(text):
        return match["y"], "year"
    return None


def _resolve_month(match: re.Match[str], published: dt.date | None, context_year: int | None) -> Value:
    month = _month_number(match["m"])
    assert month is not None
    if match["y"]:
        return f"{match['y']}-{month:02d}", "month"
    relation = (match["rel"] or "").lower()
    if relation == "last":  # "last March": the most recent March before the current month
        if published is None:
            return None, "relative"
        year = published.year if month < published.month else published.year - 1
    elif relation == "this":
        if published is None:
            return None, "relative"
        year = published.year
    else:
        picked = pick_year(month, None, published, context_year)
        if picked is None:
            return None, "relative"
        year = picked
    if published and dt.date(year, month, 1) > published:
        return None, "relative"
    return f"{year}-{month:02d}", "month"


# --- relative expressions ------------------------------------------------------------------------------------

_AGO = re.compile(r"^(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) "
                  r"(?P<unit>day|week|month|year)s? ago$", re.I)
_WEEKDAY_TEXT = re.compile(rf"^(?:(?:late|early) (?:on )?)?(?:(?P<rel>last|this|next) )?(?P<w>{_WEEKDAY})(?:'s)?"
                           rf"(?: {_PART_OF_DAY})?$", re.I)
_PERIOD = re.compile(r"^(?:(?:over|at|during|on) )?(?:(?:earlier|later) )?(?:(?P<rel>the|this|last|next) )?"
                     r"(?P<unit>weekend|week|month|year)$", re.I)


def _weekend(published: dt.date, previous: bool) -> Value:
    saturday = weekday_on_or_before(published, 5)
    if previous and published.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return _range(saturday, min(saturday + dt.timedelta(days=1), published))


def _resolve_period(rel: str, unit: str, published: dt.date) -> Value:
    if rel == "next":
        return None, "relative"  # the future: nothing happened there yet
    if unit == "weekend":
        return _weekend(published, previous=rel == "last")
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        if rel == "last":
            return _range(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1))
        return _range(monday, published)
    if unit == "month":
        if rel == "last":
            last = published.replace(day=1) - dt.timedelta(days=1)
            return f"{last.year}-{last.month:02d}", "month"
        return f"{published.year}-{published.month:02d}", "month"
    return str(published.year - 1 if rel == "last" else published.year), "year"


def _resolve_relative(text: str, published: dt.date) -> Value | None:
    lower = text.lower()
    if lower in ("today", "tonight") or lower.startswith("this ") and lower.split()[1] in ("morning", "afternoon", "evening"):
        return _day(published)
    if lower.startswith("yesterday"):
        return _day(published - dt.timedelta(days=1))
    if lower in ("overnight", "last night"):
        return _range(published - dt.timedelta(days=1), published)
    if lower == "tomorrow":
        return None, "relative"
    if match := _WEEKDAY_TEXT.match(text):
        weekday = WEEKDAYS[match["w"].lower()]
        rel = (match["rel"] or "").lower()
        if rel == "next":
            return None, "relative"
        found = weekday_on_or_before(published, weekday)
        if rel == "last" and found == published:
            found -= dt.timedelta(days=7)
        return _day(found)
    if match := _PERIOD.match(text):
        if match["rel"] is None and match["unit"].lower() != "weekend":
            return None  # a bare "week" or "year" is no date ("the year" was stripped to "year")
        return _resolve_period((match["rel"] or "the").lower(), match["unit"].lower(), published)
    if match := _AGO.match(text):
        count = int(match["n"]) if match["n"].isdigit() else NUMBER_WORDS[match["n"].lower()]
        unit = match["unit"].lower()
        if unit in ("day", "week"):
            return _day(published - dt.timedelta(days=count * (7 if unit == "week" else 1)))
        if unit == "month":
            months = published.year * 12 + published.month - 1 - count
            return f"{months // 12}-{months % 12 + 1:02d}", "month"
        return str(published.year - count), "year"
    if (holiday := HOLIDAYS.get(lower)) is not None:
        year = pick_year(holiday[0], holiday[1], published, None)
        return _day(dt.date(year or published.year, *holiday))
    return None


def _is_relative_text(text: str) -> bool:
    return bool(_RELATIVE_WORDS.search(text.lower())) or text.lower() in HOLIDAYS


@functools.lru_cache(maxsize=32)
def _dateparser(base: dt.datetime):
    """An English-only DateDataParser anchored at `base` (no language detection, nothing downloaded)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base})


def _resolve_with_dateparser(text: str, published: dt.date | None, context_year: int | None) -> Value:
    """What the explicit rules do not cover but names a month ("the 3rd of May", "Thursday 5 June")."""
    if not re.search(_MONTH, text, re.I) or published is None and context_year is None:
        return None, "unknown"
    anchor = published or dt.date(context_year or 2000, 12, 31)
    base = dt.datetime(anchor.year, anchor.month, anchor.day, 23, 59)
    try:
        parsed = _dateparser(base).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; an unparsed text is simply no date
        return None, "unknown"
    found, period = parsed.date_obj, parsed.period
    if found is None:
        return None, "unknown"
    found = found.replace(tzinfo=None)
    if "year" not in (getattr(parsed, "parts", None) or ()):  # no year written: apply our own rule, not dateparser's
        year = pick_year(found.month, found.day, published, context_year)
        found = found.replace(year=year or base.year)
    if period == "month":
        return f"{found.year}-{found.month:02d}", "month"
    if period == "year":
        return str(found.year), "year"
    return _day(found.date())


# What a value may look like (Article.dates): YYYY, YYYY-MM, YYYY-MM-DD or START/END days; year 0 is none.
_WELL_FORMED_VALUE = re.compile(r"(?!0000)\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}")


def resolve_date(text: str, published: str | None, context_year: int | None = None) -> tuple[str | None, str]:
    """Normalise one date expression: (value, precision), precision one of day, range, month, year, relative,
    unknown. Anchored to `published`; a year-less date takes `context_year` first. Never raises."""
    try:
        value, precision = _resolve(text, parse_published(published), context_year)
    except (ValueError, OverflowError, KeyError, AssertionError):
        return None, "unknown"
    if value is not None and not _WELL_FORMED_VALUE.fullmatch(value):
        return None, "unknown"  # counted back past year 1 ("last year" in 0001 gave "0"): no calendar date
    return value, precision


def is_duration(text: str) -> bool:
    """True for durations, ages, frequencies and anniversaries ("for nearly three hours", "aged 19", "10 years
    on", "33rd anniversary", "every year"); "two days ago" and "the previous week"-free periods are dates."""
    return bool(_NOT_A_DATE.search(text)) and not _AGO_END.search(text)


def _resolve(text: str, published: dt.date | None, context_year: int | None) -> Value:
    text = _normalise(text)
    if not text or is_duration(text):
        return None, "unknown"
    if (found := _resolve_absolute(text, published, context_year)) is not None:
        return found
    if published is not None:
        if (found := _resolve_relative(text, published)) is not None:
            return found
    elif _is_relative_text(text):
        return None, "relative"
    return _resolve_with_dateparser(text, published, context_year)


# --- mentions in a parsed document ---------------------------------------------------------------------------

def _candidates(text: str) -> list[tuple[int, int]]:
    """Spans of the clean text that the patterns take for dates, overlaps resolved longest first."""
    spans = [(m.start("d"), m.end("d")) for pattern in PATTERNS for m in pattern.finditer(text)]
    return _non_overlapping(spans)


def _non_overlapping(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    return sorted(chosen)


def _inside_name(doc, start: int, end: int) -> bool:
    """True when a capitalised date word is part of a name: "Black Sunday", "USA Today".

    spaCy's EVENT/ORG/... entities say so; else a capitalised word before it mid-sentence does, unless that
    word is a place (AP style writes "in Valesk Sunday").
    """
    text = text_of(doc)
    if not text[start].isupper() or any(c.isdigit() for c in text[start:end]) or text[start:end].lower() in HOLIDAYS:
        return False  # a figure makes it a date ("Feb 20" inside a dateline ORG); holidays are names anyway
    token = _token_at(doc, start)
    if token is not None and token.ent_type_ in NAME_LABELS:
        return True
    before = text[max(0, start - 40):start]
    match = re.search(r"([A-Za-z][A-Za-z-]*(?:['’][a-z]+)?)\s+$", before)
    if match is None or not match.group(1)[0].isupper() or match.group(1).lower() in DATE_LEAD_WORDS:
        return False
    previous = _token_at(doc, start - len(before) + match.start(1))
    if previous is not None and previous.ent_type_ in ("GPE", "LOC", "FAC"):
        return False
    preceding = before[:match.start()].rstrip()
    return bool(preceding) and preceding[-1] not in ".!?:\"“”'’\n-—–("


def _token_at(doc, position: int):
    span = doc.char_span(position, position + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _spacy_spans(doc) -> list[tuple[int, int]]:
    """spaCy's DATE entities, trimmed of a trailing line break ("March 4, 2025\\n\\n")."""
    spans = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            start, end = ent.start_char, ent.end_char
            while end > start and not text_of(doc)[end - 1].isalnum():
                end -= 1
            spans.append((start, end))
    return spans


def _sentence_index(sentences: list[tuple[int, int]], position: int) -> int:
    return next((i for i, (start, end) in enumerate(sentences) if start <= position < end), len(sentences))


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]


def _explicit_year(text: str, precision: str) -> int | None:
    match = _YEAR_IN.search(text)
    return int(match.group(1)) if match and precision in ("day", "range", "month", "year") else None


def _context_year(position: int, sentence_index: int, paragraph_start: int,
                  years: list[tuple[int, int, int]]) -> int | None:
    """The year of the nearest earlier dated mention in the same paragraph or CONTEXT_SENTENCES back."""
    for pos, sentence, year in reversed(years):
        if pos < position and (pos >= paragraph_start or sentence_index - sentence <= CONTEXT_SENTENCES):
            return year
    return None


def find_dates(doc, published: str | None) -> list[DateMention]:
    """Every date expression in the parsed document, normalised and anchored to `published`.

    1. candidates: the explicit patterns, plus spaCy DATE entities they missed (overlaps: longest wins);
    2. names are not dates ("Black Sunday", "Meridia Today");
    3. expressions with a year of their own are resolved first; the years they state are the context for
       year-less dates in the same sentence or paragraph;
    4. what resolves to nothing and is not a relative expression is dropped (durations, ages, times).
    """
    text = text_of(doc)
    pattern_spans = _candidates(text)
    extra = [s for s in _spacy_spans(doc) if all(s[1] <= a or s[0] >= b for a, b in pattern_spans)]
    spans = [s for s in _non_overlapping(pattern_spans + extra) if not _inside_name(doc, *s)]
    sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
    paragraphs = _paragraph_starts(text)
    sentence_of = {start: _sentence_index(sentences, start) for start, _ in spans}
    years: list[tuple[int, int, int]] = []  # (position, sentence index, year) of mentions that state a year
    for start, end in spans:
        if _YEAR_IN.search(text[start:end]):
            stated = resolve_date(text[start:end], None)
            if (year := _explicit_year(text[start:end], stated[1])) is not None:
                years.append((start, sentence_of[start], year))
    mentions: list[DateMention] = []
    for start, end in spans:
        expression = text[start:end]
        paragraph_start = max(p for p in paragraphs if p <= start)
        context = _context_year(start, sentence_of[start], paragraph_start, years)
        value, precision = resolve_date(expression, published, context)
        if value is None and precision != "relative":
            continue
        relative = _is_relative_text(_normalise(expression)) or (
            value is not None and not _YEAR_IN.search(expression) and context is None)
        mentions.append(DateMention(text=expression, value=value, precision=precision,  # type: ignore[arg-type]
                                    relative=relative, evidence=Span(text=expression, start=start, end=end)))
    return mentions


def dates_in(sent, mentions: list[DateMention]) -> list[DateMention]:
    """The mentions inside a sentence (any spaCy Span), in text order."""
    return [m for m in mentions if sent.start_char <= m.evidence.start and m.evidence.end <= sent.end_char]


def is_report_date(sent, mention: DateMention) -> bool:
    """True when the date says when the article was told ("..., police said on Monday"), not when it happened."""
    span = sent.doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head
    for _ in range(2):  # said Monday / said on Monday
        if head.lemma_.lower() in REPORT_VERBS:
            return True
        if head.dep_ != "prep" or head.head is head:
            break
        head = head.head
    return False


def is_dateline(text: str, mention: DateMention) -> bool:
    """A wire dateline's or page header's date ("KYIV, April 26 -", "date 2025-01-20"): when it was filed."""
    if _ISO.match(mention.text):
        return True
    line_start = text.rfind("\n", 0, mention.evidence.start) + 1
    return mention.evidence.start - line_start <= 80 and bool(re.match(r"\s*(?:\(|[-–—]\s)", text[mention.evidence.end:]))


def _is_told_date(sent, mention: DateMention) -> bool:
    return is_dateline(text_of(sent.doc), mention) or is_report_date(sent, mention)


def date_of_sentence(sent, mentions: list[DateMention]) -> DateMention | None:
    """The date a sentence's events happened on, or None.

    A possessive date names the event itself ("Tuesday's explosion"); then the first other resolved mention;
    a report or dateline date ("..., police said on Monday") only when there is nothing else, since an event is
    seldom later than when it was told.
    """
    inside = [m for m in dates_in(sent, mentions) if m.value is not None]
    if not inside:
        return None
    events = [m for m in inside if not _is_told_date(sent, m)]
    possessive = [m for m in events if m.text.endswith(("'s", "’s"))]
    return (possessive or events or inside)[0]


def date_near(sent, mentions: list[DateMention], position: int) -> DateMention | None:
    """The resolved, non-report mention that belongs to the figure at a character offset: the first one after it
    in the same clause ("... and 83 on Sunday"), else the nearest one; falls back to date_of_sentence."""
    events = [m for m in dates_in(sent, mentions) if m.value is not None and not _is_told_date(sent, m)]
    if not events:
        return date_of_sentence(sent, mentions)
    text = text_of(sent.doc)
    for mention in events:
        if mention.evidence.start >= position and not _CLAUSE_BREAK.search(text[position:mention.evidence.start]):
            return mention
    return min(events, key=lambda m: min(abs(m.evidence.start - position), abs(m.evidence.end - position)))
