"""find_events(): the incidents an article reports, assembled from mentions, segments, people and totals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import is_dateline
from ..model import TOTAL_CATEGORIES, Actors, DateMention, Entity, Event, EventPlace, Fact, Span
from ..nlp import text_of
from .mentions import Mention, find_mentions, find_zero_cues
from .people import CATEGORY_FATE, PeopleIndex, Person
from .segment import Frame, date_bounds, incident_type, segment, span_value, status_of, type_lemmas
from .totals import count_category

PERPETRATORS = frozenset(
    {"gunman", "shooter", "attacker", "assailant", "suspect", "perpetrator", "robber", "bomber", "raider",
     "militant", "kidnapper", "smuggler", "gunmen", "intruder", "burglar", "thief", "rioter", "boyfriend",
     "husband"}
)
_STREET = re.compile(
    r"\b(?:\d+ block of |(?<=on )|(?<=at )|(?<=near ))(?:[A-Z][\w'.-]*\s){0,3}"
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Drive|Lane|Boulevard|Parade|Court|Way|Highway|Route|Place|Square"
    r"|Row|Close|Terrace|Crescent|Gardens|Hill|Market|Bridge|Expressway|Motorway|Bypass)"
    r"(?:\s\d+)?\b|\b\d+ block of (?:[A-Z][\w'.-]*\s?){1,4}"
)


# Nouns after a place's possessive that keep the place: "Wattle Creek's north", "Kabul's outskirts".
_AREA_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "outskirts",
                         "centre", "center", "suburbs", "suburb", "downtown", "old", "district", "province", "region",
                         "border", "port", "airport", "neighbourhood", "neighborhood", "quarter", "capital"})
# Figures that happen in the incident itself; arrests, trials and displacement may follow it by days or years.
CASUALTY_CATEGORIES = frozenset({"killed", "injured", "missing", "abducted"})
AFTERMATH_DAYS = 7


@dataclass
class _Context:
    doc: object
    sentence_of: dict[int, int]
    sentence_frame: list[int]
    clause_frame: dict[int, int]

    def frame_at(self, token: int) -> int:
        if token in self.clause_frame:
            return self.clause_frame[token]
        return self.sentence_frame[self.sentence_of[token]]

    def token_at(self, offset: int) -> int:
        char = self.doc.char_span(offset, offset + 1, alignment_mode="expand")  # type: ignore[attr-defined]
        return char.start if char is not None else 0


def find_events(
    doc, facts: list[Fact], dates: list[DateMention], entities: list[Entity], published: str | None
) -> list[Event]:
    """The incidents the article reports, each with type, date, place, actors, status, totals, derivations."""
    sents = list(doc.sents)
    if not sents:
        return []
    sentence_of = {tok.i: index for index, sent in enumerate(sents) for tok in sent}
    facts = _link_deaths_among_injured(facts, doc, sentence_of)
    mentions = find_mentions(doc)
    zeros = find_zero_cues(doc)
    countable = {m.sentence for m in mentions if m.fates and not m.trigger}
    for fact in facts:
        if CATEGORY_FATE.get(fact.category):
            token = doc.char_span(fact.evidence.start, fact.evidence.start + 1, alignment_mode="expand")
            if token is not None:
                countable.add(sentence_of[token.start])
    seg = segment(doc, facts, dates, countable, published)
    ctx = _Context(doc, sentence_of, seg.sentence_frame, seg.clause_frame)
    frames = list(seg.frames)
    fact_frame = {i: ctx.frame_at(ctx.token_at(f.evidence.start)) for i, f in enumerate(facts)}
    people = _people(mentions, facts, fact_frame, ctx, frames)
    zero_frames: dict[int, list] = {}
    for cue in zeros:
        zero_frames.setdefault(ctx.frame_at(ctx.token_at(cue.span.start)), []).append(cue)
    events = []
    for frame in frames:
        has_people = any(p.incident == frame.id and p.final_fates and not _only_negated(p) for p in people.people)
        has_facts = any(fact_frame.get(i) == frame.id and CATEGORY_FATE.get(f.category) for i, f in enumerate(facts))
        if not (has_people or has_facts or (frame.id == 0 and frame.id in zero_frames)):
            continue
        events.append(_event(frame, doc, sents, facts, fact_frame, people.people, zero_frames.get(frame.id, []),
                             dates, entities, published))
    return events


def _link_deaths_among_injured(facts: list[Fact], doc, sentence_of: dict[int, int]) -> list[Fact]:
    """"Two people were shot, one fatally": a killed figure told as a subset of an injured figure in its sentence
    is one of those people, who died (indices stay those of `facts`)."""
    def sentence(fact: Fact) -> int | None:
        span = doc.char_span(fact.evidence.start, fact.evidence.start + 1, alignment_mode="expand")
        return sentence_of.get(span.start) if span is not None else None

    linked = list(facts)
    for i, fact in enumerate(facts):
        if fact.category != "killed" or fact.role != "subset" or fact.of is not None:
            continue
        here = sentence(fact)
        holder = next((j for j in range(i - 1, -1, -1) if CATEGORY_FATE.get(facts[j].category) == "injured"
                       and facts[j].evidence.start < fact.evidence.start and sentence(facts[j]) == here
                       and facts[j].value > fact.value), None)
        if holder is not None and here is not None:
            linked[i] = fact.model_copy(update={"of": holder})
    return linked


def _only_negated(person: Person) -> bool:
    return not (person.final_fates - person.negated)


def _people(mentions: list[Mention], facts: list[Fact], fact_frame: dict[int, int], ctx: _Context,
            frames: list[Frame]) -> PeopleIndex:
    """Facts and mentions in text order; a mention inside a figure's evidence is that figure's people."""
    index = PeopleIndex()
    fact_people: dict[int, Person] = {}
    trigger_frame: Frame | None = None

    def add_fact(i: int) -> Person | None:
        if i not in fact_people and fact_frame[i] >= 0:
            fact_people[i] = index.add_fact(facts[i], i, fact_frame[i], ctx.token_at(facts[i].evidence.start))
        return fact_people.get(i)

    order = sorted([(f.evidence.start, 0, i) for i, f in enumerate(facts)] +
                   [(m.span.start, 1, j) for j, m in enumerate(mentions)])
    for _, kind, i in order:
        if kind == 0:
            add_fact(i)
            continue
        mention = mentions[i]
        frame = ctx.frame_at(mention.token)
        if frame < 0:
            continue
        if mention.trigger:
            if trigger_frame is None:
                trigger_frame = Frame(id=len(frames), kind="background", sentences=[mention.sentence])
                frames.append(trigger_frame)
            frame = trigger_frame.id
        holder = None
        for j, fact in enumerate(facts):
            fate = CATEGORY_FATE.get(fact.category)
            inside = fact.evidence.start <= mention.span.start < fact.evidence.end or (
                mention.span.start <= fact.evidence.start < mention.span.end
            )
            if inside and fate and (not mention.fates or fate in mention.fates) and mention.count != 1 or (
                inside and fate and mention.count == fact.value
            ):
                holder = add_fact(j)
                break
        index.resolve(mention, frame, holder)
    return index


def _event(frame: Frame, doc, sents, facts, fact_frame, people, zeros, dates, entities, published) -> Event:
    lead = frame.lead if frame.lead is not None else (frame.sentences[0] if frame.sentences else 0)
    fact_dates = _incident_dates(facts, fact_frame, frame.id)
    lead_dates = [d for d in dates if sents[lead].start_char <= d.evidence.start < sents[lead].end_char and d.value]
    if fact_dates:
        value = span_value(fact_dates)
        precision = "range" if value and "/" in value else "day"
        if value and (same := _one_coarse_date(facts, fact_frame, frame.id, fact_dates)):
            value, precision = same  # "in 2015" stays a year, not the range of its days
    elif lead_dates or frame.dates:
        chosen = lead_dates[0] if lead_dates else next(d for d in dates if d.value == frame.dates[0])
        value, precision = chosen.value, chosen.precision
    elif frame.kind != "background" and (told := _date_told_before(frame, sents, dates, text_of(doc))) is not None:
        value, precision = told.value, told.precision  # "on Saturday … In the second incident, …"
    else:
        value, precision = None, "unknown"
    bounds = date_bounds(value)
    status = status_of(frame, bounds, published)
    derivations = [
        count_category(c, people, facts, fact_frame, frame.id, zeros, text_of(doc), status == "historical")
        for c in TOTAL_CATEGORIES
    ]
    weighted = [(type_lemmas(sents[i]), 3 if i == lead else 1) for i in frame.sentences if i < len(sents)]
    lead_sent = sents[lead]
    return Event(
        type=incident_type(weighted),  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        date=value,
        date_precision=precision,  # type: ignore[arg-type]
        place=_place(frame, doc, sents, lead, entities, _fact_places(facts, fact_frame, frame.id)),
        actors=_actors(frame, people),
        totals={d.category: d.value for d in derivations},
        derivations=derivations,
        evidence=Span(text=lead_sent.text, start=lead_sent.start_char, end=lead_sent.end_char),
    )


def _date_told_before(frame: Frame, sents, dates: list[DateMention], text: str) -> DateMention | None:
    """The day an undated incident in a run of incidents is told under: the last day named before it."""
    if not frame.sentences:
        return None
    start = sents[frame.sentences[0]].start_char
    earlier = [d for d in dates if d.evidence.start < start and d.value and d.precision == "day"
               and not is_dateline(text, d)]
    return earlier[-1] if earlier else None


def _incident_dates(facts: list[Fact], fact_frame: dict[int, int], frame_id: int) -> list:
    """The days the incident's figures are dated to: where the dead and wounded are dated, other figures count
    only within a week of them (the weekend's arrests, not the trial that followed in 2019)."""
    mine = [f for i, f in enumerate(facts) if fact_frame.get(i) == frame_id and f.date]
    # a part dated apart from its dated whole ("three of the injured were still in hospital on Sunday") tells
    # of later days, not of the incident
    own = [f for f in mine if f.of is None or f.of >= len(facts) or not facts[f.of].date] or mine
    dated = [(f.category, b) for f in own if (b := date_bounds(f.date))]
    casualties = [b for category, b in dated if category in CASUALTY_CATEGORIES]
    if not casualties:
        return [b for _, b in dated]
    first, last = min(b[0] for b in casualties), max(b[1] for b in casualties)
    slack = timedelta(days=AFTERMATH_DAYS)
    # Held at the calendar's ends: published 9999-12-31 dated "Monday" near the last day there is (issue 12).
    low = first - slack if first > date.min + slack else date.min
    high = last + slack if last < date.max - slack else date.max
    return [b for _, b in dated if b[0] >= low and b[1] <= high]


def _one_coarse_date(facts: list[Fact], fact_frame: dict[int, int], frame_id: int, kept: list) -> tuple[str, str] | None:
    """The one year or month all the incident's dated figures give, with its precision."""
    values = {f.date for i, f in enumerate(facts) if fact_frame.get(i) == frame_id and f.date and date_bounds(f.date) in kept}
    if len(values) != 1:
        return None
    value = values.pop()
    precision = {4: "year", 7: "month"}.get(len(value))
    return (value, precision) if precision else None


def _fact_places(facts: list[Fact], fact_frame: dict[int, int], frame_id: int) -> list[str]:
    """The places the incident's figures name; not a subset's, which is where part of them are ('6,000 of them
    are sheltering in Amar-Tul')."""
    return [f.place for i, f in enumerate(facts) if fact_frame.get(i) == frame_id and f.place and f.role != "subset"]


def _place(frame: Frame, doc, sents, lead: int, entities: list[Entity], fact_places: list[str]) -> EventPlace | None:
    if fact_places:  # the place the figures are attached to, most often named first
        name = max(fact_places, key=lambda p: (fact_places.count(p), -fact_places.index(p))).split("; ")[0]
        geo = next((e.geo for e in entities if e.text == name and e.geo), None) or _geocode(name)
        return EventPlace(name=name, latitude=geo.latitude if geo else None, longitude=geo.longitude if geo else None,
                          precision=geo.precision if geo else None)
    order = [lead] + [i for i in frame.sentences if i > lead] + [i for i in frame.sentences if i < lead]
    ranges = [(sents[i].start_char, sents[i].end_char) for i in order if i < len(sents)]
    street = None
    for start, end in ranges:
        if found := _STREET.search(text_of(doc)[start:end]):
            street = found.group(0).strip()
            break
    for start, end in ranges:
        places = [e for e in entities if e.kind == "place" and start <= e.evidence.start < end
                  and not _possessor(text_of(doc), e.evidence.end)]
        if places:
            best = next((e for e in places if e.geo is not None), places[0])
            geo = best.geo or _geocode(best.text)
            if street and _STREET.search(best.text):  # two streets make no place: keep the incident's own
                name = street
            else:
                name = f"{street}, {best.text}" if street and best.text not in street else best.text
            town = _headline_place(sents) if geo is None and "," not in name else None
            if town and town.lower() not in name.lower() and name.lower() not in town.lower():
                name = f"{name}, {town}"  # "the Bab al-Nahr market" under "… Kharzan market bombing"
            return EventPlace(name=name, latitude=geo.latitude if geo else None,
                              longitude=geo.longitude if geo else None,
                              precision=(1 if street else geo.precision) if geo else None)
        spacy_places = [e for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC") and start <= e.start_char < end
                        and not _possessor(text_of(doc), e.end_char) and not _modifies_a_name(e)]
        if spacy_places:
            name = spacy_places[0].text
            geo = _geocode(name)
            full = street if street and _STREET.search(name) else (
                f"{street}, {name}" if street and name not in street else name)
            return EventPlace(name=full, latitude=geo.latitude if geo else None,
                              longitude=geo.longitude if geo else None,
                              precision=(1 if street else geo.precision) if geo else None)
    return EventPlace(name=street) if street else None


def _headline_place(sents) -> str | None:
    """The place a headline names ("16 killed in Kharzan market bombing"): the town a facility or square the
    text names without one lies in."""
    if not sents or sents[0].text.rstrip().endswith((".", "!", "?")) or "\n" not in sents[0].text_with_ws:
        return None
    try:
        from ..places import named_as_places
    except ImportError:
        return None
    headline = sents[0]
    named = [c.text for c in named_as_places(headline)]
    named += [e.text for e in headline.ents if e.label_ in ("GPE", "LOC") and not _modifies_a_name(e)]
    return named[0] if named else None


def _modifies_a_name(ent) -> bool:
    """"the Sauden Garment Workers' Union": whose union, not a place of the incident."""
    return ent.root.dep_ in ("compound", "amod", "nmod") and ent.root.head.pos_ == "PROPN"


def _possessor(text: str, end: int) -> bool:
    """"the worst disaster in Sauden's history": whose history, not where it happened ("Wattle Creek's north"
    and "Baku's Sabail district" are still in the place)."""
    if text[end:end + 2] not in ("'s", "’s"):
        return False
    following = re.match(r"\s*(?:[A-Z][\w-]*\s+)*([a-z-]+)", text[end + 2:])
    return not (following and following.group(1) in _AREA_WORDS)


def _geocode(name: str):
    """Coordinates from the places stage's gazetteer, when that stage is installed."""
    try:
        from ..places import geocode
    except ImportError:
        return None
    return geocode(name)


def _actors(frame: Frame, people: list[Person]) -> Actors:
    mine = [p for p in people if p.incident == frame.id]
    perpetrator = next((p for p in mine if p.heads & PERPETRATORS and p.mentions), None)
    target = next((p for p in mine if p.final_fates & {"killed", "injured"} and p.mentions), None)
    return Actors(
        perpetrator=perpetrator.mentions[0].text if perpetrator else None,
        target=target.mentions[0].text if target else None,
    )
