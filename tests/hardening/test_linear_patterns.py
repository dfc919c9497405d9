"""Every module-level regular expression in newsfacts stays linear on hostile text (issue 12, defect 1).

Python's `re` backtracks; on the text a crawler brings back, two shapes made patterns quadratic:

1. **a rescan**: a branch that opens with an unbounded repeat (`[\\w.+-]+@...`, `\\s+said$`) is retried from
   every character of a long run, and each try scans to the run's end (29 s on 40,000 digits);
2. **a scan to the end**: a pattern opening with a literal (`<`) whose unbounded repeat can cross that literal
   again (`<a\\b[^>]*>(.*?)</a>`, `<[^>]+>`) scans to the end of the text from each opening that never closes
   (70 s on 117 kB of unclosed `<a>`).

Both are read from the parsed pattern (`re._parser`), not timed: the test is exact and does not depend on the
machine. A pattern that only ever runs anchored (`match`/`fullmatch`) or on a short slice is listed in
ALLOWED with the reason; `bench/regex_scaling.py` times every pattern on hostile runs for the figures.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import re._constants as C  # type: ignore[import-not-found]
import re._parser as P  # type: ignore[import-not-found]

import pytest

import newsfacts

# name → why its leading repeat cannot rescan a long run.
ALLOWED = {
    "newsfacts.clean.CHROME_PHRASES": "fullmatch only, on one short line",
    "newsfacts.places._ORDINAL": "fullmatch only, on one token",
    "newsfacts.store.figures._HEADLINE_SOURCE": "match only (anchored), and the name is at most 60 characters",
    "newsfacts.store.figures._COUNTED": "searched in the 30 characters before a figure only",
    "newsfacts.web.render.SUM_IN_DETAIL": "searched in a check's detail, which newsfacts writes itself",
    "newsfacts.web.services.HTML_START": "match only (anchored), on the first 1,024 characters",
}
REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT}
SINGLE = {C.IN, C.ANY, C.LITERAL, C.NOT_LITERAL, C.CATEGORY}


def module_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for info in pkgutil.walk_packages(newsfacts.__path__, "newsfacts."):
        if ".migrations" in info.name:
            continue  # Alembic's scripts run only under Alembic
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(id(value), (f"{info.name}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


def branches(items: list) -> list[list]:
    if len(items) == 1 and items[0][0] is C.BRANCH:
        return [list(b.data) for b in items[0][1][1]]
    return [items]


def can_fail_empty(items: list) -> bool:
    """True when what follows may fail at the run's end: it needs characters, or it asserts something."""
    if not items:
        return False
    if any(op in (C.ASSERT, C.ASSERT_NOT, C.AT) for op, _ in items):
        return True
    return P.SubPattern(P.State(), items).getwidth()[0] > 0


def unbounded_single(op, av) -> bool:
    return op in REPEATS and av[1] == C.MAXREPEAT and len(av[2].data) == 1 and av[2].data[0][0] in SINGLE


def rescans(items: list) -> bool:
    """Shape 1: the branch opens (after positive lookarounds) with an unbounded single-character repeat, no
    negative lookbehind or anchor in front of it, and something after it that can fail."""
    for position, (op, av) in enumerate(items):
        if (op is C.ASSERT_NOT and av[0] == -1) or op is C.AT:
            return False  # guarded: starts only where a run starts, or anchored
        if op is C.ASSERT:
            continue
        if op is C.SUBPATTERN:
            inner = list(av[3].data)
            return any(rescans(b + items[position + 1 :]) for b in branches(inner))
        if unbounded_single(op, av):
            return can_fail_empty(items[position + 1 :])
        return False
    return False


def matches_char(item: tuple, char: str, flags: int) -> bool:
    """Whether a single-character item (as re._parser gives it) matches `char`."""
    op, av = item
    if op is C.ANY:
        return char != "\n" or bool(flags & re.DOTALL)
    source = {C.LITERAL: lambda: re.escape(chr(av)), C.NOT_LITERAL: lambda: "[^" + re.escape(chr(av)) + "]"}
    if op in source:
        return re.fullmatch(source[op](), char, flags) is not None
    if op is C.IN:
        negate = any(o is C.NEGATE for o, _ in av)
        hit = False
        for o, a in av:
            if o is C.LITERAL:
                hit |= chr(a) == char
            elif o is C.RANGE:
                hit |= a[0] <= ord(char) <= a[1]
            elif o is C.CATEGORY:
                hit |= re.fullmatch(CATEGORY_SOURCE.get(a, "(?!)"), char, flags) is not None
        return hit != negate
    if op is C.CATEGORY:
        return re.fullmatch(CATEGORY_SOURCE.get(av, "(?!)"), char, flags) is not None
    return True  # unknown: assume the worst


CATEGORY_SOURCE = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}


def walk(items: list):
    for op, av in items:
        yield op, av
        if op is C.SUBPATTERN:
            yield from walk(list(av[3].data))
        elif op is C.BRANCH:
            for b in av[1]:
                yield from walk(list(b.data))
        elif op in REPEATS:
            yield from walk(list(av[2].data))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from walk(list(av[1].data))


def scans_past_opening(pattern: re.Pattern[str]) -> bool:
    """Shape 2: the pattern opens with a literal character and an unbounded repeat inside it can cross that
    character again, so an opening that never closes is scanned to the end of the text, from every opening."""
    items = list(P.parse(pattern.pattern, pattern.flags).data)
    if not items or items[0][0] is not C.LITERAL:
        return False
    opening = chr(items[0][1])
    for position in range(1, len(items)):
        if not can_fail_empty(items[position + 1 :]):
            break  # the rest always matches: a scan that ends here is a match, not a retry
        for op, av in walk(items[position : position + 1]):
            if unbounded_single(op, av) and matches_char(av[2].data[0], opening, pattern.flags):
                return True
    return False


PATTERNS = module_patterns()


def test_the_package_patterns_are_found() -> None:
    names = {name for name, _ in PATTERNS}
    assert {"newsfacts.clean._PROTECTED", "newsfacts.ingest.html._ANCHOR_OPEN"} <= names
    assert len(PATTERNS) > 50


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_no_pattern_rescans_a_run(name: str, pattern: re.Pattern[str]) -> None:
    if name in ALLOWED:
        return
    tree = list(P.parse(pattern.pattern, pattern.flags).data)
    bad = [b for b in branches(tree) if rescans(b)]
    assert not bad, f"{name}: a branch opens with an unguarded repeat; add (?<!class) in front of it"


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_no_pattern_scans_past_its_opening(name: str, pattern: re.Pattern[str]) -> None:
    assert not scans_past_opening(pattern), f"{name}: a repeat can cross the opening character; exclude it"


@pytest.mark.parametrize(
    "source",
    [
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # the old e-mail branch of clean._PROTECTED
        r"\s+(?:reports|reported|said)$",  # the old metadata._CREDIT_SUFFIX
        r"[.!?]+(?=[\"'”’»)\]“‘«(\[]*[^\W\d_])",  # the old clean._SENTENCE_END_BEFORE_LETTER
    ],
)
def test_the_old_rescanning_patterns_are_caught(source: str) -> None:
    assert any(rescans(b) for b in branches(list(P.parse(source, 0).data)))


@pytest.mark.parametrize("source", [r"<a\b[^>]*>(.*?)</a\s*>", r"<[^>]+>"])
def test_the_old_scanning_patterns_are_caught(source: str) -> None:
    assert scans_past_opening(re.compile(source, re.IGNORECASE | re.DOTALL))


@pytest.mark.parametrize("source", [r"(?<![\w.+-])[\w.+-]++@x", r"[a-z]+", r"<[^<>]++>", r"^\d+x"])
def test_linear_shapes_pass(source: str) -> None:
    pattern = re.compile(source)
    assert not any(rescans(b) for b in branches(list(P.parse(source, 0).data)))
    assert not scans_past_opening(pattern)
