"""Who gave which figure: the per-source figures of one article's incident, with how official each source is.

An article's incident carries one total per category (a careful reader's count). Articles also quote other
sources with other figures ("police put the toll at 12, while the ministry said 15"); those are what make an
event's low and high, so they are kept here with the source named in the same clause.
"""

from __future__ import annotations

import re

from ..lexicon import EARLIER_COUNT
from ..model import Article, Event, Fact, Span
from .records import SourceFigure

# The categories events merge on; detained and taken into custody count as arrested (UCDP/ACLED practice).
MERGED_CATEGORIES: tuple[str, ...] = ("killed", "injured", "arrested")
CATEGORY_ALIASES: dict[str, str] = {"detained": "arrested"}

_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|told|reported|reports|confirmed|announced|stated|added|estimated|counted|"
    r"put the (?:toll|number|figure|count)|gave|recorded|registered)\b"
)
_ACCORDING_TO = re.compile(r"\baccording to\s+([^,;.]{3,80})")
_CLAUSE_BREAK = re.compile(r";|,\s*(?:while|whereas|but)\s|\s(?:while|whereas)\s|\n")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”']?\s+|\n")
_SUBJECT_BREAK = re.compile(r"[,(—–]|\b(?:that|and|when|after|as)\b")
# How official a source is, read from the first source word of its phrase ("a police source quoted by the
# regional press" is the police, anonymously). Calibrated on the wording of the dev set and the multisource
# clusters: a named institution (ministry, office, agency) is the most specific official source; police,
# army and named officials next; generic "officials"/"authorities" last; witnesses, medics, rights groups
# and the press are not official.
_RANKED_WORDS: tuple[tuple[int, str], ...] = (
    (3, r"ministry|ministries|department|office|agency|directorate|commission|civil protection|coroner|"
        r"fire service|emergency services?|disaster management|prosecutor'?s?"),
    (2, r"police|army|military|governor|mayor|spokes(?:man|woman|person)|superintendent|inspector|minister|"
        r"council|government|commander|sheriff"),
    (1, r"officials?|authorities|officers?"),
    (0, r"witness\w*|residents?|relatives?|activists?|monitor\w*|rights|ngo|group|hospital|nurses?|doctors?|"
        r"medics?|survivors?|neighbou?rs?|organi[sz]ers?|union|press|media|journalists?"),
)
_SOURCE_WORD = re.compile(
    "|".join(f"(?P<rank{rank}>\\b(?:{words})\\b)" for rank, words in _RANKED_WORDS), re.IGNORECASE
)
_ANONYMOUS = re.compile(
    r"\b(?:source|anonymity|not authori[sz]ed|asked not to be named|declined to be named|"
    r"did not want to be named)\b", re.IGNORECASE
)
# "seven officers", "including two police": counted people are victims, not sources.
_COUNTED = re.compile(
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|several|including|of them)\s+"
    r"(?:\w+\s+)?$", re.IGNORECASE
)
_HEADLINE_SOURCE = re.compile(r"\s*([^:\n]{3,60}):\s")


def category_key(category: str) -> str | None:
    """The merged category a fact category counts in, or None for categories events do not merge."""
    key = CATEGORY_ALIASES.get(category, category)
    return key if key in MERGED_CATEGORIES else None


def source_word(text: str) -> re.Match[str] | None:
    """The first word in `text` that names a kind of source, skipping counted people ("seven officers")."""
    for match in _SOURCE_WORD.finditer(text):
        if not _COUNTED.search(text[max(0, match.start() - 30) : match.start()]):
            return match
    return None


def official_rank(source: str | None, context: str = "") -> int:
    """0 not official; 1 anonymous or generic official; 2 police, army, named official; 3 named institution."""
    match = source_word(source or "")
    if match is None:
        return 0
    rank = int(next(name for name, value in match.groupdict().items() if value)[len("rank") :])
    if rank > 1 and (_ANONYMOUS.search(source or "") or _ANONYMOUS.search(context)):
        return 1
    return rank


def _bounds(text: str, start: int, end: int, breaks: re.Pattern[str]) -> tuple[int, int]:
    left = max((m.end() for m in breaks.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in breaks.finditer(text, end)), len(text))
    return left, right


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding text[start:end]: the sentence, cut at ';' and contrastive 'while'/'but'."""
    s_left, s_right = _bounds(text, start, end, _SENTENCE_BREAK)
    sentence = text[s_left:s_right]
    c_left, c_right = _bounds(sentence, start - s_left, end - s_left, _CLAUSE_BREAK)
    return s_left + c_left, s_left + c_right


def attribution(text: str, start: int, end: int) -> str | None:
    """The source the clause around text[start:end] names as speaking ("the provincial health ministry"),
    or None when the clause attributes the figure to no one it can name."""
    left, right = clause_around(text, start, end)
    clause = text[left:right]
    found: list[tuple[int, str]] = []
    if (headline := _HEADLINE_SOURCE.match(clause)) and source_word(headline.group(1)):
        found.append((0, headline.group(1)))  # "Health ministry: 15 dead, 41 injured"
    for match in _ACCORDING_TO.finditer(clause):
        found.append((match.start(), match.group(1)))
    figure_at, figure_end = start - left, end - left
    for verb in _SPEECH_VERB.finditer(clause):
        before = clause[: verb.start()]
        cut = max((m.end() for m in _SUBJECT_BREAK.finditer(before)), default=0)
        subject = before[cut:].strip()
        if not source_word(subject):
            # "The Monitor, a rights group that had observers there, said": look one phrase further back,
            # but not into the figure's own words ("19 people, including seven officers, were hurt")
            floor = figure_end if figure_end <= verb.start() else 0
            subject = before[max(floor, verb.start() - 120) :].strip()
            words = source_word(subject)
            subject = subject[words.start() :] if words else ""
            subject = _SUBJECT_BREAK.split(subject)[0].strip() if subject else ""
        if subject and source_word(subject):
            found.append((verb.start(), subject))
            continue
        after = clause[verb.end() :]
        after_subject = _SUBJECT_BREAK.split(after)[0].strip()
        if after_subject and source_word(after_subject):
            found.append((verb.end(), after_subject))
    if not found:
        return None
    _, source = min(found, key=lambda item: abs(item[0] - figure_at))
    return " ".join(source.split())[:120].rstrip(" .")


def is_earlier_count(text: str, evidence: Span) -> bool:
    """True when the clause presents the figure as an earlier count ("the earlier count of 58")."""
    left, right = clause_around(text, evidence.start, evidence.end)
    return bool(EARLIER_COUNT.search(text[left:right]))


def _superseded(facts: list[Fact]) -> set[int]:
    return {fact.of for fact in facts if fact.role == "update" and fact.of is not None}


def _fact_source(article: Article, fact: Fact) -> str | None:
    return fact.source or attribution(article.text, fact.evidence.start, fact.evidence.end)


def _attached(article: Article, event: Event, index: int, fact: Fact) -> bool:
    """Whether fact `index` is about `event`: its derivations cite it, or it is the article's only incident
    and no other incident (a background one included) cites the fact."""
    if any(index in derivation.facts for derivation in event.derivations):
        return True
    if any(index in d.facts for other in article.events if other is not event for d in other.derivations):
        return False  # "police are not linking it to Saturday's shooting, in which three were hurt"
    counted = [e for e in article.events if e.status != "background"]
    return len(counted) == 1 and counted[0] is event


def incident_figures(article: Article, event: Event, article_id: int = 0) -> list[SourceFigure]:
    """The figures one incident of one article contributes to its merged event.

    1. the incident's own totals (killed, injured, arrested; a category with no evidence is left out);
    2. other figures for the same categories that the article attributes to a named source, unless they are
       superseded by an update, presented as an earlier count, or parts/subsets of a total; one per source
       and category, its largest ("police recovered 19 bodies … the count did not include two bodies found
       at the bay": the police say 19).
    """
    figures: list[SourceFigure] = []
    derivations = {d.category: d for d in event.derivations}
    own_sources: dict[str, str | None] = {}
    for raw_category, value in event.totals.items():
        category = category_key(raw_category)
        derivation = derivations.get(raw_category)
        if category is None or (derivation is not None and derivation.method == "none"):
            continue
        if value == 0 and (derivation is None or derivation.method != "explicit_zero"):
            continue
        basis = [article.facts[i] for i in (derivation.facts if derivation else []) if i < len(article.facts)]
        source = next((s for s in (_fact_source(article, f) for f in basis) if s), None)
        context = article.text[slice(*clause_around(article.text, basis[0].evidence.start, basis[0].evidence.end))] if basis else ""
        own_sources[category] = source
        figures.append(
            SourceFigure(
                category=category, value=value, source=source, official=official_rank(source, context),
                total=True, article_id=article_id, outlet=article.source, day=article.published,
                evidence=basis[0].evidence if basis else (derivation.mentions[0] if derivation and derivation.mentions else None),
            )
        )
    superseded = _superseded(article.facts)
    seen = {(f.category, f.value, f.source) for f in figures}
    for index, fact in enumerate(article.facts):
        category = category_key(fact.category)
        if category is None or category not in own_sources or fact.role in ("part", "subset"):
            continue
        if index in superseded or not _attached(article, event, index, fact):
            continue
        if is_earlier_count(article.text, fact.evidence):
            continue
        source = _fact_source(article, fact)
        if source is None or (category, fact.value, source) in seen:
            continue
        seen.add((category, fact.value, source))
        context = article.text[slice(*clause_around(article.text, fact.evidence.start, fact.evidence.end))]
        figures.append(
            SourceFigure(
                category=category, value=fact.value, source=source, official=official_rank(source, context),
                total=False, article_id=article_id, outlet=article.source, day=article.published,
                evidence=fact.evidence,
            )
        )
    return _one_per_source(figures)


def _one_per_source(figures: list[SourceFigure]) -> list[SourceFigure]:
    """The incident's own totals, and each other source's largest figure per category."""
    def key(figure: SourceFigure) -> tuple[str, str]:
        return figure.category, " ".join((figure.source or "").lower().split())

    own = {key(f) for f in figures if f.total}
    best: dict[tuple[str, str], SourceFigure] = {}
    for figure in figures:
        if figure.total or key(figure) in own:
            continue
        if key(figure) not in best or figure.value > best[key(figure)].value:
            best[key(figure)] = figure
    return [f for f in figures if f.total or best.get(key(f)) is f]
