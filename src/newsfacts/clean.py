"""Clean text: page chrome removed, joined sentences repaired, whitespace normalised, with an offset map back to
the raw text so that every span can be traced to the page as it was read.

1. lines: split on every line break; whitespace runs inside a line become one space, the ends are stripped,
   invisible characters (zero-width space, soft hyphen, BOM) are dropped;
2. joined sentences: one space is inserted where a sentence end touches the next sentence (`reports.Thirty`,
   `January.'On`) — never inside URLs, e-mail addresses, domains (`News.Az`) or abbreviations (`U.S.`);
3. chrome: short lines made of interface words and glyphs (`Share Tweet Email`, `date 2025-01-20 + ↺ − 16 px`)
   and the stock phrases of news sites (`Advertisement`, `Read more`, `Copyright ... All rights reserved.`)
   are removed and kept aside in `chrome`, where the metadata stage still reads dates and outlet names;
4. paragraphs: lines are joined by one newline, or by a blank line where the raw text had one.

Nothing else is rewritten, so the clean text keeps the article's words exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------------------------
# Shapes and word lists.

LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Invisible characters scrapers leave behind; ZWNJ/ZWJ are kept, Persian and emoji need them.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad")

SENTENCE_END = frozenset(".!?")
CLOSERS = frozenset("”’»)]")
OPENERS = frozenset("“‘«([")
QUOTE_MARKS = CLOSERS | OPENERS
STRAIGHT_QUOTES = frozenset("\"'")

# Country-code top-level domains (IANA, 2024) and the old generic ones: `News.Az`, `Report.Az`, `Amazon.Com`.
COUNTRY_TLDS = frozenset(
    """ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca
    cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr
    ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo
    jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr
    ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re
    ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr
    tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw""".split()
)
GENERIC_TLDS = frozenset("com net org gov edu int mil info biz".split())
# Two-letter country codes that are also English words: after a full stop they start a sentence ("said.At least").
ENGLISH_SHORT_WORDS = frozenset(
    "am an as at be by do go he hi id if in is it me my no of oh ok on or so to up us we".split()
)

# Linear on any line: a match may only start where a run of its first class starts (the lookbehinds; a
# start inside a run could only match if the run's start did, so no match is lost) and runs are possessive.
# Before, `[\w.+-]+@` rescanned a run of letters or digits from every position of it: quadratic, 29 s on
# 40,000 digits (issue 12).
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"  # URLs
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++"  # e-mail addresses
    r"|(?<![\w-])(?<![\w-]\.)[\w-]++(?:\.[\w-]++)++/\S*"  # host and path without a scheme (pic.twitter.com/x)
)
_WORD = re.compile(r"[^\W_]+")
_STRAIGHT_QUOTE = re.compile(r"[\"']")
# A sentence end directly followed (through quotes and brackets) by a letter: the only places a join can be.
# Started only at the first mark of a run, so a run of dots is scanned once, not once per dot.
_SENTENCE_END_BEFORE_LETTER = re.compile(r"(?<![.!?])[.!?]++(?=[\"'”’»)\]“‘«(\[]*[^\W\d_])")

# Interface words that make up sharing bars, font controls and player widgets, lower-cased.
UI_WORDS = frozenset(
    """share shares sharing tweet email e-mail mail print comment comments save saved copy link facebook twitter
    whatsapp telegram linkedin pinterest reddit messenger vk instagram youtube flipboard sms font size text px pt
    date listen audio video bookmark follow subscribe more menu search close home top back next previous prev
    gallery photo photos zoom reset aa a+ a- a watch play pause""".split()
)
# The stock phrases of news sites, matched against a whole line (lower-cased, end punctuation stripped).
CHROME_PHRASES = re.compile(
    r"(please |you need to |you must )?enable javascript\b.*|javascript is (disabled|required)\b.*"
    r"|your browser does not support\b.*"
    r"|buy photo|advertisement|advertising|sponsored( content)?|ad|paid content|story continues below.*"
    r"|(read|see) (more|also)\b.*|also read\b.*|related( stories| articles| news| content)?\b.*|recommended( for you)?"
    r"|more (from|on|stories)\b.*|most (read|popular|viewed)|trending( now)?|top stories|latest news"
    r"|share this( story| article| post| page| video)?|share (on|via) \w+|click (here|to)\b.*|tap to\b.*"
    r"|sign (up|in)\b.*|log ?in|register|subscribe\b.*|newsletter\b.*|get the latest\b.*"
    r"|skip to( main)? content|back to top|jump to\b.*|open in app|download (the|our) app\b.*"
    r"|listen to this (article|story)\b.*|\d+ min(ute)?s? (read|listen)|reading time\b.*"
    r"|follow us\b.*|follow (on|@)\b.*|image (caption|source|copyright)\b.*|getty images|(ap|afp|reuters) photo\b.*"
    r"|(we use|this (site|website) uses) cookies\b.*|(accept|manage)( all)? cookies\b.*|cookie (policy|settings)"
    r"|(copyright|\(c\)|©)\s*(\d{4}|[a-z]).*|all rights reserved\.?"
    r"|(published|updated|posted|last updated|first published)\s*:?\s*(on\s*)?[\w ,:./-]{4,40}"
    r"|comments?(\s*\(\d+\))?|\d+ comments?|loading\W*|(previous|next) (article|story|post)"
)
# Headers of the lists of other articles that pages put after the story; the headlines below them are chrome.
LINK_LIST_HEADER = re.compile(
    r"related( stories| articles| news| content| coverage)?|more (stories|news|from [\w .]+|on this story)"
    r"|most (read|popular|viewed|shared)|(you )?(may|might) also like|recommended( for you)?|trending( now)?"
    r"|top stories|latest news|editor'?s picks|read next|popular now|don'?t miss"
)
# A headline in such a list: short, no sentence end; numbered lists too ("1. Council tax to rise").
HEADLINE_MAX_WORDS = 16
# Chrome lines are short; a longer line is prose even when it starts like a stock phrase ("Read more about...").
CHROME_MAX_WORDS = 12
# Cookie notices and copyright lines run longer than sharing bars.
LEGAL_MAX_WORDS = 30
_LEGAL = re.compile(r"^(copyright|\(c\)|©|we use cookies|this (site|website) uses cookies|all rights reserved)", re.I)
_DATE_TOKEN = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}[:.]\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d+(px|pt|em|%)?)$", re.I)
_SEPARATOR_SPLIT = re.compile(r"[\s|/·•]+")


@dataclass(frozen=True)
class CleanText:
    """The clean text, where each of its characters came from in the raw text, and the chrome lines removed.

    `raw_offsets[i]` is the raw index of `text[i]`; an inserted space points at the raw character after it,
    and the extra last entry is the raw end of the text. `raw_span` turns a clean span into a raw one.
    """

    text: str
    raw_offsets: tuple[int, ...]
    chrome: tuple[str, ...] = ()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw (start, end) of the clean span text[start:end]."""
        if end <= start:
            return self.raw_offsets[start], self.raw_offsets[start]
        return self.raw_offsets[start], self.raw_offsets[end - 1] + 1


@dataclass
class _Line:
    chars: list[str]
    offsets: list[int]
    break_offset: int  # raw index of the line break after the line (len(raw) for the last line)

    @property
    def text(self) -> str:
        return "".join(self.chars)


# ---------------------------------------------------------------------------------------------------------------
# 1. Lines and whitespace.


def _normalise_line(raw: str, start: int, end: int, break_offset: int) -> _Line:
    """The line's characters with whitespace runs collapsed to one space (mapped to a real space where the run
    has one, so that offsets point at a matching character) and invisible characters dropped."""
    segment = raw[start:end]
    if segment == " ".join(segment.split()) and INVISIBLE.isdisjoint(segment):
        return _Line(list(segment), list(range(start, end)), break_offset)  # already clean: most lines
    chars: list[str] = []
    offsets: list[int] = []
    pending: int | None = None
    for index in range(start, end):
        char = raw[index]
        if char in INVISIBLE:
            continue
        if char.isspace():
            if pending is None or (char == " " and raw[pending] != " "):
                pending = index
            continue
        if pending is not None and chars:
            chars.append(" ")
            offsets.append(pending)
        pending = None
        chars.append(char)
        offsets.append(index)
    return _Line(chars, offsets, break_offset)


def split_lines(raw: str) -> list[_Line]:
    """Every line of the raw text, normalised, with the raw offset of each character."""
    lines: list[_Line] = []
    start = 0
    for match in LINE_BREAK.finditer(raw):
        lines.append(_normalise_line(raw, start, match.start(), match.end() - 1))
        start = match.end()
    lines.append(_normalise_line(raw, start, len(raw), len(raw)))
    return lines


# ---------------------------------------------------------------------------------------------------------------
# 2. Joined sentences.


def _straight_quote_roles(line: str) -> dict[int, str]:
    """"open" or "close" for each straight quote that is one (apostrophes inside words get no role).

    Scanned left to right with one open/closed state per quote character, so the roles do not change when
    spaces are inserted next to the quotes, which keeps the repair idempotent."""
    roles: dict[int, str] = {}
    is_open = {'"': False, "'": False}
    for match in _STRAIGHT_QUOTE.finditer(line):
        index, char = match.start(), match.group()
        before = line[index - 1] if index > 0 else " "
        after = line[index + 1] if index + 1 < len(line) else " "
        if char == "'" and before.isalnum() and after.isalnum():
            continue  # an apostrophe: Azerbaijan's, 1990'da
        if is_open[char] and not before.isspace():
            roles[index] = "close"
            is_open[char] = False
        elif not before.isalnum() and not after.isspace():
            roles[index] = "open"
            is_open[char] = True
    return roles


def _word_at(line: str, index: int) -> str:
    match = _WORD.match(line, index)
    return match.group() if match else ""


def _word_before(line: str, index: int) -> str:
    start = index
    while start > 0 and line[start - 1].isalnum():
        start -= 1
    return line[start:index]


def is_domain_or_abbreviation(line: str, dot: int) -> bool:
    """True when the full stop at `dot`, followed directly by a capital, belongs to a domain or an abbreviation
    rather than ending a sentence: `News.Az`, `NEWS.AZ`, `Amazon.Com`, `U.S.`, `N.Y` — but not `said.At`."""
    left = _word_before(line, dot)
    right = _word_at(line, dot + 1)
    after = dot + 1 + len(right)
    if len(right) == 1 and (after >= len(line) or line[after] == "." or len(left) == 1):
        return True  # an initial or a chain of them: U.S., N.Y, J.R.R. Tolkien
    if after + 1 < len(line) and line[after] == "." and (line[after + 1].islower() or line[after + 1].isdigit()):
        return True  # a longer host name: Foo.Bar.com (a capital after the next dot could be split itself)
    lowered = right.lower()
    if right.isupper():
        return lowered in COUNTRY_TLDS | GENERIC_TLDS and bool(left) and not left.islower()
    return (lowered in COUNTRY_TLDS and lowered not in ENGLISH_SHORT_WORDS) or lowered in GENERIC_TLDS


# "the façade.12 apartments were damaged": a word of four or more lower-case letters, a full stop and a figure
# followed by a lower-case word starts a sentence with a number; "3.5 km", "p.12", "No.4" never match.
_SENTENCE_END_BEFORE_FIGURE = re.compile(r"(?<=[^\W\d_]{4})(?<![A-Z]{4})\.(?=\d{1,3}(?:,\d{3})*\s+[^\W\d_]*[a-z])")


def join_points(line: str) -> list[int]:
    """Indices where one space goes in: after a sentence end (and its closing quotes) that touches the next
    sentence's capital letter or opening quote."""
    protected = [match.span() for match in _PROTECTED.finditer(line)]
    roles = _straight_quote_roles(line)
    points: list[int] = []
    resume = 0
    for candidate in _SENTENCE_END_BEFORE_LETTER.finditer(line):
        index = candidate.start()
        if index < resume or index == 0 or line[index - 1].isspace():
            continue
        end = index
        while end < len(line) and line[end] in SENTENCE_END:
            end += 1
        quotes = end
        while quotes < len(line) and (line[quotes] in QUOTE_MARKS or quotes in roles):
            quotes += 1
        if quotes < len(line) and line[quotes].isupper() and not any(a <= index < b for a, b in protected):
            split = end
            while split < quotes and (line[split] in CLOSERS or roles.get(split) == "close"):
                split += 1
            only_openers = all(line[i] in OPENERS or roles.get(i) == "open" for i in range(split, quotes))
            plain_dot = line[index:quotes] == "."
            if only_openers and not (plain_dot and is_domain_or_abbreviation(line, index)):
                points.append(split)
        resume = quotes
    for match in _SENTENCE_END_BEFORE_FIGURE.finditer(line):
        if not any(a <= match.start() < b for a, b in protected):
            points.append(match.end())
    return sorted(set(points))


def repair_joins(line: _Line) -> _Line:
    """The line with one space inserted at each join point; the space maps to the raw character after it."""
    points = join_points(line.text)
    if not points:
        return line
    chars: list[str] = []
    offsets: list[int] = []
    previous = 0
    for point in [*points, len(line.chars)]:
        chars.extend(line.chars[previous:point])
        offsets.extend(line.offsets[previous:point])
        if point < len(line.chars):
            chars.append(" ")
            offsets.append(line.offsets[point])
        previous = point
    return _Line(chars, offsets, line.break_offset)


# ---------------------------------------------------------------------------------------------------------------
# 3. Chrome.


def _is_interface_token(token: str) -> bool:
    return token.lower() in UI_WORDS or not any(char.isalnum() for char in token) or bool(_DATE_TOKEN.match(token))


def is_headline_like(line: str) -> bool:
    """A line that reads as a link to another article: short, and not a sentence."""
    text = line.strip()
    return 0 < len(text.split()) <= HEADLINE_MAX_WORDS and (
        text[-1] not in SENTENCE_END or bool(re.match(r"^\d{1,2}[.)]?\s", text)))


def is_chrome(line: str) -> bool:
    """True for a line of page furniture: interface words and glyphs, or a stock phrase of news sites."""
    words = line.split()
    if not words:
        return False
    limit = LEGAL_MAX_WORDS if _LEGAL.match(line) else CHROME_MAX_WORDS
    if len(words) > limit:
        return False
    phrase = line.lower().strip(" .:!|»›>•·-–—")
    if CHROME_PHRASES.fullmatch(phrase):
        return True
    tokens = [token for token in _SEPARATOR_SPLIT.split(line) if token]
    has_interface = any(
        token.lower() in UI_WORDS or not any(char.isalnum() for char in token) for token in tokens
    )
    return has_interface and all(_is_interface_token(token) for token in tokens)


# ---------------------------------------------------------------------------------------------------------------
# 4. Assembly.


def clean_text(raw: str) -> CleanText:
    """The raw text cleaned (see the module docstring), with its offset map and the chrome lines removed."""
    chars: list[str] = []
    offsets: list[int] = []
    chrome: list[str] = []
    blank_since_kept = False
    pending_breaks: list[int] = []  # raw offsets of the line breaks since the last kept line
    in_link_list = False  # below "Related stories" / "Most read": other articles' headlines
    for line in split_lines(raw):
        if not line.chars:
            blank_since_kept = True
            pending_breaks.append(line.break_offset)
            continue
        line = repair_joins(line)
        in_link_list = (in_link_list and is_headline_like(line.text)) or bool(LINK_LIST_HEADER.fullmatch(
            line.text.lower().strip(" .:!|»›>•·-–—")))
        if in_link_list or is_chrome(line.text):
            chrome.append(line.text)
            pending_breaks.append(line.break_offset)
            continue
        if chars:
            separators = 2 if blank_since_kept else 1
            chars.extend("\n" * separators)
            offsets.extend((pending_breaks + pending_breaks[-1:] * 2)[:separators])
        chars.extend(line.chars)
        offsets.extend(line.offsets)
        blank_since_kept = False
        pending_breaks = [line.break_offset]
    end = offsets[-1] + 1 if offsets else 0
    return CleanText(text="".join(chars), raw_offsets=(*offsets, end), chrome=tuple(chrome))
