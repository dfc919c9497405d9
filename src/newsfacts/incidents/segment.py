"""Telling incidents apart: which sentences tell which incident, and whether it is news, history or context.

The main incident is the one the first countable sentence tells (a figure or a person with a fate). Another
incident starts where the text says so ("In a separate incident", "In other news"), where a sentence dates
what it tells well before the main incident ("On March 30, two men were shot dead …", "Last March", "the
summer of 2019, when …": background, which lasts to the end of its paragraph), or where a later date comes
with a different kind of violence ("soldiers killed 12 attackers in a clash on Sunday"). Sentences that give
running statistics ("brings the holiday road toll to 11") belong to no incident.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import DateMention, Fact
from ..nlp import text_of

# An incident whose date is this far before publication is `historical` (its anniversary or follow-up is
# the news). 60 days: the dev set's follow-ups of current news come within a week; its historical subjects
# (a trial over last summer's protest, anniversaries) lie six months to decades back.
HISTORICAL_AFTER_DAYS = 60
# A sentence dated this many days or more before the main incident tells an earlier one. Two days, so that
# "the teenager died late on Sunday" beside Monday night's riot stays with the story the parse links it to.
BACKGROUND_GAP_DAYS = 2
# A weekday named without a date ("on Sunday") within this many days before publication is the news's own week.
RECENT_DAYS = 7

_SEPARATE_CUE = re.compile(
    r"^\W*(in (a|another) (separate|second|different|unrelated|further) (incident|attack|case|shooting|crash)"
    r"|in (another|an unrelated|a separate) \w+|separately|in other news|elsewhere|in a second attack)\b",
    re.IGNORECASE,
)
_CLAUSE_CUE = re.compile(
    r"\b(in a separate|in an unrelated|in another|(?:to|from|with|and) (?:a|an) (?:separate|unrelated|different))"
    r" (incident|attack|case|shooting|stabbing|crash|fire|explosion|blast|raid)\b", re.I)
_BACKGROUND_START = re.compile(
    r"^\W*(last (january|february|march|april|may|june|july|august|september|october|november|december|year"
    r"|month|summer|winter|spring|autumn|fall)|earlier this (year|month)|in (19|20)\d\d\b|years? ago|in a previous"
    r"|it (?:may|might|will) be recalled|it is recalled"
    r"|in (january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|on (jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.? \d)",
    re.IGNORECASE,
)
# A digest's item: a line that opens with a label in capitals ("FATAL CRASH — …") or a date and place
# ("- 5 May, Tessoum: …"), then the item's own text. Two or more make the article a digest of incidents.
_KICKER = re.compile(
    r"^[ \t]*(?:[-•*▪]\s*)?(?:[A-Z][A-Z&'’/ ]{2,40}\s*[—–:-]|\d{1,2}\s+[A-Z][a-z]+\.?,?[^:\n]{0,40}:"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2},?[^:\n]{0,40}:)[ \t]+(?=[^\n]{40})",
    re.MULTILINE,
)
# "In the first incident, …", "In the second attack, …": an article that tells several incidents in turn.
_NUMBERED_INCIDENT = re.compile(
    r"(?:^|(?<=[.!?]\s))[ \t]*In the (?:first|second|third|fourth|fifth|other|latter|last) "
    r"(?:incident|attack|case|shooting|stabbing|crash|blast|explosion|raid|clash)\b",
    re.MULTILINE,
)
_STATISTIC = re.compile(
    r"\b(road toll|so far this year|year to date|since the start of|compared (with|to)|same (point|period) last"
    r" year|on the state's roads|this year's toll|annual toll)\b",
    re.IGNORECASE,
)

TYPE_WORDS: dict[str, frozenset[str]] = {
    "bombing": frozenset({"bomb", "bombing", "shell", "shelling", "artillery", "airstrike", "missile", "rocket",
                          "drone", "grenade", "mortar", "ied", "bomber", "explosive", "detonate", "detonation"}),
    "shooting": frozenset({"shoot", "shooting", "gunshot", "gunfire", "gunman", "shooter", "shot"}),
    "stabbing": frozenset({"stab", "stabbing", "knife", "knifing", "stabbed"}),
    "armed_clash": frozenset({"clash", "gunfight", "firefight", "battle", "skirmish", "ambush"}),
    "attack_on_civilians": frozenset({"massacre", "abduct", "kidnap", "villager", "raider", "killing"}),
    "riot": frozenset({"riot", "rioting", "disorder", "unrest", "looting", "barricade", "rioter"}),
    "protest": frozenset({"protest", "protester", "demonstration", "demonstrator", "march", "rally"}),
    "arrest_operation": frozenset({"warrant", "crackdown", "raid"}),  # not "operation": rescue operations
    "crash": frozenset({"crash", "collision", "collide", "wreck", "derail", "plunge", "capsize"}),
    "fire": frozenset({"fire", "blaze", "flame", "inferno", "firefighter"}),
    "collapse": frozenset({"collapse", "cave"}),
    "disaster": frozenset({"earthquake", "quake", "flood", "landslide", "typhoon", "storm", "hurricane", "cyclone",
                           "tsunami", "eruption", "avalanche", "mudslide", "tornado", "methane", "reactor"}),
}
# Who makes a clash an armed one (ACLED: organised armed groups on at least one side).
ARMED_ACTORS = frozenset({"troop", "soldier", "army", "military", "militant", "rebel", "insurgent", "fighter", "militia",
                          "gunman", "jihadist", "force", "guerrilla", "paramilitary", "gang", "armed"})
_SERVICE_NOUNS = frozenset({"police", "gear", "squad", "brigade", "department", "station", "service", "unit", "officer",
                            "van", "shield", "truck", "engine", "crew", "chief", "marshal", "alarm", "drill", "exit"})
# Incidents a sentence can introduce in passing; raids, searches and operations follow the main incident.
ASIDE_INCIDENT_NOUNS = frozenset({"rally", "protest", "demonstration", "march", "attack", "shooting", "stabbing",
                                  "bombing", "blast", "explosion", "fire", "crash", "clash", "riot", "ambush"})
_NOT_A_BLAZE = frozenset({"open", "return", "exchange", "come", "cease", "set", "under"})


@dataclass
class Frame:
    """One incident as segmentation sees it: where it is told, when it happened, what standing it has."""

    id: int
    kind: str  # main | separate | background
    sentences: list[int] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    lead: int | None = None  # first countable sentence


@dataclass
class Segmentation:
    frames: list[Frame]
    sentence_frame: list[int]  # -1: a statistic sentence, counted nowhere
    clause_frame: dict[int, int]  # token index -> frame, for a lead that tells two incidents


def date_bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day of a YYYY, YYYY-MM, YYYY-MM-DD or START/END value."""
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = date_bounds(first), date_bounds(last)
        return (a[0], b[1]) if a and b else None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


def span_value(bounds: list[tuple[date, date]]) -> str | None:
    """The YYYY-MM-DD or START/END value covering all bounds."""
    if not bounds:
        return None
    start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def is_statistic(text: str) -> bool:
    return bool(_STATISTIC.search(text))


def incident_type(lemmas_by_weight: list[tuple[list[str], int]]) -> str:
    """The event type whose words weigh most (lead sentence words weigh more); `other` when none."""
    scores: dict[str, int] = {}
    armed = any(lemma in ARMED_ACTORS for lemmas, _ in lemmas_by_weight for lemma in lemmas)
    for lemmas, weight in lemmas_by_weight:
        for lemma in lemmas:
            for kind, words in TYPE_WORDS.items():
                if lemma in words:
                    if kind == "armed_clash" and not armed:
                        kind = "riot"  # "rival supporters clashed in the stands": no armed side, no armed clash
                    scores[kind] = scores.get(kind, 0) + weight
    if not scores:
        return "other"
    order = list(TYPE_WORDS)
    return max(scores, key=lambda k: (scores[k], -order.index(k)))


def type_lemmas(sent) -> list[str]:
    lemmas = []
    for token in sent:
        if token.ent_type_ in ("DATE", "TIME") or token.pos_ == "PROPN":
            continue  # "14 March" is no march, "Rally Road" no rally
        lemma = token.lemma_.lower()
        if token.dep_ == "compound" and token.head.lemma_.lower() in _SERVICE_NOUNS:
            continue  # "riot police", "bomb squad", "fire brigade" name a service, not what happened
        if lemma == "fire" and (token.pos_ != "NOUN" or token.head.lemma_.lower() in _NOT_A_BLAZE):
            continue
        lemmas.append(lemma)
    return lemmas


def _sentence_dates(sent, dates: list[DateMention]) -> list[DateMention]:
    return [d for d in dates if sent.start_char <= d.evidence.start < sent.end_char and d.value]


def _paragraph_of(text: str):
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", text)]

    def paragraph(offset: int) -> int:
        return sum(1 for b in breaks if b <= offset)

    return paragraph


def _digest_items(text: str) -> list[int]:
    """Where a digest's items begin ("FIRE — No one was hurt …", "- 7 May, Bari: Troops clashed …", "In the
    first incident, … In the second incident, …"); empty when the text has fewer than two, as a dateline
    ("LAKEPORT — Three men …") alone is no digest."""
    for pattern in (_KICKER, _NUMBERED_INCIDENT):
        starts = [m.start() for m in pattern.finditer(text)]
        if len(starts) >= 2:
            return starts
    return []


def _this_week(mention: DateMention, published: str | None) -> bool:
    """"On Sunday", "Tuesday evening" in the week before publication: the news's own timeline, never an earlier
    incident (those are told with a date or "last month")."""
    pub = date_bounds(published[:10]) if published else None
    own = date_bounds(mention.value)
    return bool(mention.relative and pub and own and mention.precision == "day"
                and 0 <= (pub[0] - own[0]).days < RECENT_DAYS and not _BACKGROUND_START.match(mention.text))


def _possessive(mention: DateMention, text: str) -> bool:
    """"last month's shooting": the date belongs to a noun the sentence mentions, not to what the sentence tells."""
    return text[mention.evidence.end : mention.evidence.end + 2] in ("'s", "’s")


def segment(doc, facts: list[Fact], dates: list[DateMention], countable: set[int],
            published: str | None = None) -> Segmentation:
    """Assign each sentence (and the clauses of a lead that tells two incidents) to an incident frame."""
    sents = list(doc.sents)
    paragraph = _paragraph_of(text_of(doc))
    fact_dates: dict[int, list[str]] = {}
    for fact in facts:
        for index, sent in enumerate(sents):
            if sent.start_char <= fact.evidence.start < sent.end_char:
                if fact.date:
                    fact_dates.setdefault(index, []).append(fact.date)
    statistic = [is_statistic(s.text) for s in sents]
    items = _digest_items(text_of(doc))
    item_starts = {i for i, sent in enumerate(sents) if any(sent.start_char <= k < sent.end_char for k in items)}
    if items:  # a digest: its items are the incidents; figures above the first item roll them up
        statistic = [flag or sent.end_char <= items[0] for flag, sent in zip(statistic, sents)]
    main_sentence = next(
        (i for i in range(len(sents)) if i in countable and not statistic[i] and not _BACKGROUND_START.match(sents[i].text)),
        0,
    )
    main_bounds = _main_bounds(sents, main_sentence, fact_dates, dates, paragraph)
    main_places = {name.lower() for i in range(min(main_sentence + 1, len(sents))) for name in _place_names(sents[i])}
    main = Frame(id=0, kind="main")
    frames = [main]
    sentence_frame: list[int] = []
    clause_frame: dict[int, int] = {}
    current = main
    resume = main
    pending: Frame | None = None
    placed: Frame | None = None  # a paragraph opened by "In Koumbel, …": another place's incident, that paragraph
    for index, sent in enumerate(sents):
        new_paragraph = index > 0 and paragraph(sent.start_char) != paragraph(sents[index - 1].start_char)
        if new_paragraph and (current.kind == "background" or current is placed):
            current = resume
        if statistic[index]:
            sentence_frame.append(-1)
            continue
        text = sent.text
        bounds = [b for d in _sentence_dates(sent, dates) if not _this_week(d, published) and not _possessive(d, text_of(doc))
                  and (b := date_bounds(d.value))]
        bounds += [b for v in fact_dates.get(index, []) if (b := date_bounds(v))]
        told_apart = (index in item_starts or _SEPARATE_CUE.match(text) or _BACKGROUND_START.match(text)
                      or _is_earlier(bounds, main_bounds, text))
        if (index > main_sentence and index in countable and current is main and not told_apart and new_paragraph
                and (opener := _place_opener(sent)) and not _known_place(opener, main_places)):
            # "In Koumbel, the other village targeted on Friday night, … five villagers had been killed there"
            placed = current = Frame(id=len(frames), kind="separate")
            frames.append(current)
        elif (index > main_sentence and index in countable and current is main and not told_apart
                and _another_incident_elsewhere(sent, main_places)):
            # "police had also dispersed a smaller rally in Quillenbrook and detained nine people there": an
            # incident of its own, told in one sentence; the story goes on with the main one after it
            aside = Frame(id=len(frames), kind="separate", sentences=[index], lead=index)
            aside.dates.extend(d.value for d in _sentence_dates(sent, dates) if d.value)
            frames.append(aside)
            continue
        if index in item_starts and index != min(item_starts):
            current = Frame(id=len(frames), kind="separate")  # the next item of a digest
            frames.append(current)
            resume = current
        elif index != main_sentence and _SEPARATE_CUE.match(text):
            current = pending or Frame(id=len(frames), kind="separate")
            if current is not pending:
                frames.append(current)
            pending = None
            resume = current
        elif index != main_sentence and _is_earlier(bounds, main_bounds, text) or (
                index > main_sentence and _BACKGROUND_START.match(text)):
            # "Last month, a similar attack ... killed six": a sentence after the news that opens on an earlier
            # time is context, even when that time ("last month") could hold the news's own day
            current = Frame(id=len(frames), kind="background")
            frames.append(current)
        elif index > main_sentence and index in fact_dates and _is_later_in_retrospect(bounds, main_bounds, published):
            # a retrospective of a past incident naming a later one ("a fire at a dye works last year that
            # injured 12"): context, not the remembered incident
            current = Frame(id=len(frames), kind="background")
            frames.append(current)
        elif index > main_sentence and index in countable and _is_other_kind(sent, bounds, main_bounds, sents, main_sentence):
            current = Frame(id=len(frames), kind="separate")
            frames.append(current)
            resume = current
        if (cue := _CLAUSE_CUE.search(text)) and not _SEPARATE_CUE.match(text):
            # "... unrelated to a separate shooting outside a bar, in which a man was killed": that clause
            # tells another incident; told in the lead it is news too, told later it is context
            pending = Frame(id=len(frames), kind="separate" if index == main_sentence else "background")
            frames.append(pending)
            clause = _clause_of(doc, sent.start_char + cue.start())
            for token in clause.subtree:
                clause_frame[token.i] = pending.id
        current.sentences.append(index)
        current.dates.extend(d.value for d in _sentence_dates(sent, dates) if d.value)
        if index in countable and current.lead is None:
            current.lead = index
    return Segmentation(frames=frames, sentence_frame=sentence_frame_fill(sentence_frame, frames, len(sents)),
                        clause_frame=clause_frame)


def sentence_frame_fill(_unused: list[int], frames: list[Frame], n: int) -> list[int]:
    result = [-1] * n
    for frame in frames:
        for index in frame.sentences:
            result[index] = frame.id
    return result


def _clause_of(doc, offset: int):
    token = next(t for t in doc if t.idx >= offset)
    while token.head is not token and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def _main_bounds(sents, main_sentence, fact_dates, dates, paragraph) -> tuple[date, date] | None:
    bounds = [b for v in fact_dates.get(main_sentence, []) if (b := date_bounds(v))]
    if bounds:
        return min(b[0] for b in bounds), max(b[1] for b in bounds)
    same_paragraph = [
        i for i in range(len(sents)) if paragraph(sents[i].start_char) == paragraph(sents[main_sentence].start_char)
    ]
    order = [main_sentence] + [i for i in same_paragraph if i != main_sentence] + list(
        range(main_sentence + 1, min(len(sents), main_sentence + 4))
    )
    for index in order:
        found = [b for d in _sentence_dates(sents[index], dates) if d.precision != "relative" or True
                 if (b := date_bounds(d.value))]
        if found:
            return found[0]
    return None


def _is_earlier(bounds, main_bounds, text: str) -> bool:
    if main_bounds and bounds:
        limit = main_bounds[0] - timedelta(days=BACKGROUND_GAP_DAYS - 1)
        return any(end < limit for _, end in bounds)
    return bool(_BACKGROUND_START.match(text))


def _place_names(sent) -> set[str]:
    from ..places import named_as_places  # the places stage; imported here, as events.py does

    names = {e.text for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")}
    return names | {chunk.text for chunk in named_as_places(sent)}


def _place_opener(sent) -> str | None:
    """'In Koumbel, …', 'In the village of Koumbel, …': the place a sentence opens on, before a comma."""
    if len(sent) < 4 or sent[0].lower_ != "in":
        return None
    comma = next((t.i for t in sent if t.text == ","), None)
    if comma is None or comma - sent.start > 8:
        return None
    opening = sent.doc[sent.start:comma]
    words = [t.lower_ for t in opening[1:]]
    if words and words[0] in ("a", "an", "his", "her", "their", "its"):
        return None  # "In a statement issued in Tessadine, …" is where it was said
    names = [n for n in _place_names(sent) if n in opening.text]
    return names[0] if names else None


def _known_place(name: str, places: set[str]) -> bool:
    low = name.lower()
    return any(low in p or p in low for p in places)


def _another_incident_elsewhere(sent, main_places: set[str]) -> bool:
    """A sentence that introduces an incident ("a smaller rally", "another attack") at a place the main
    incident's sentences never name."""
    introduced = any(
        tok.lemma_.lower() in ASIDE_INCIDENT_NOUNS and tok.pos_ == "NOUN"
        and any(ch.lower_ in ("a", "an", "another") and ch.dep_ == "det" for ch in tok.children)
        for tok in sent)
    if not introduced or not main_places:
        return False
    here = {name.lower() for name in _place_names(sent)}
    return bool(here) and not any(a in b or b in a for a in here for b in main_places)


def _is_later_in_retrospect(bounds, main_bounds, published: str | None) -> bool:
    published_bounds = date_bounds(published[:10]) if published else None
    if not (bounds and main_bounds and published_bounds):
        return False
    past = (published_bounds[0] - main_bounds[1]).days > HISTORICAL_AFTER_DAYS
    # months later, not the days over which a past incident unfolded (Baku, 19 to 26 January 1990)
    return past and all(start > main_bounds[1] + timedelta(days=HISTORICAL_AFTER_DAYS) for start, _ in bounds)


def _is_other_kind(sent, bounds, main_bounds, sents, main_sentence) -> bool:
    """A sentence dated apart from the main incident, not earlier, that tells a clash where the main incident
    is not one ("soldiers killed 12 attackers in a clash on Sunday" after a weekend's raids)."""
    if not (bounds and main_bounds) or all(b == main_bounds or b[0] < main_bounds[0] for b in bounds):
        return False
    own = incident_type([(type_lemmas(sent), 1)])
    lead = incident_type([(type_lemmas(sents[main_sentence]), 1)])
    return own == "armed_clash" and lead != own


def status_of(frame: Frame, bounds: tuple[date, date] | None, published: str | None) -> str:
    if frame.kind == "background":
        return "background"
    published_bounds = date_bounds(published[:10]) if published else None
    if bounds and published_bounds and (published_bounds[0] - bounds[1]).days > HISTORICAL_AFTER_DAYS:
        return "historical"
    return "current"
