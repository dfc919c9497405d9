"""What a figure's record says beyond its number: the evidence span, the place, the date, who did it and who
said so — each read off the sentence the figure sits in."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import lexicon as lx
from .candidates import SUBJECT_DEPS, Candidate, number_head
from .checks import ORDINAL_WORDS
from .dates import date_near, dates_in, is_dateline, is_report_date
from .model import DateMention, Fact, Span
from .nlp import text_of
from .numbers import parse_number_text
from .places import CARE_PLACES, PLACE_KINDS, named_as_places

if TYPE_CHECKING:
    from spacy.tokens import Span as TextSpan


def to_fact(c: Candidate, dates: list[DateMention], published: str | None = None) -> Fact:
    q = c.quantity
    doc = c.sentence.doc
    start_tok, end_tok = q.start, q.end - 1
    if c.from_marker:  # "up from 12 reported on Monday": the earlier figure, not the rise
        while start_tok > c.sentence.start and doc[start_tok - 1].lower_ in ("from", "up"):
            start_tok -= 1
    for tok in [] if c.from_marker else _evidence_tokens(c):
        if c.sentence.start <= tok.i < c.sentence.end and abs(tok.i - q.start) <= 8:
            start_tok, end_tok = min(start_tok, tok.i), max(end_tok, tok.i)
    start, end = doc[start_tok].idx, doc[end_tok].idx + len(doc[end_tok])
    return Fact(
        category=c.category,  # type: ignore[arg-type]
        value=q.value,
        qualifier=q.qualifier,  # type: ignore[arg-type]
        high=q.high,
        role="reported",
        place=_place_of(c),
        date=_commemorated_date(c, dates, published) or _date_of(c, dates),
        actor=_actor_of(c),
        source=_source_of(c),
        evidence=Span(text=text_of(doc)[start:end], start=start, end=end),
        rule=getattr(q, "rule", None) or None,  # a rubric's figure (rubric.RubricQuantity) names its rule
    )


def _evidence_tokens(c: Candidate) -> list:
    """The counted noun, the predicate and the complement that gave the category ('were still missing')."""
    toks = [c.anchor]
    num = number_head(c.sentence.doc, c.quantity)
    toks.extend(t for ch in num.children if ch.dep_ == "prep" and ch.lower_ == "of" for t in ch.subtree)
    in_list = c.list_head is not None and c.list_head != c.quantity.number_start
    if (c.inherited or in_list or c.partitive_pronoun) and c.predicate is not None and c.predicate.i < c.quantity.start:
        return toks  # '15 in Kourou', 'five of them': the predicate belongs to the figure before
    pred = c.predicate
    if pred is None:
        return toks
    toks.append(pred)
    for child in pred.children:
        if child.dep_ in ("acomp", "oprd", "prt", "xcomp") and child.i > pred.i:
            toks.append(child)
        elif child.dep_ == "advmod" and child.lower_ in lx.FATAL_MODIFIERS:
            toks.append(child)  # "fatally wounded 20"
        elif child.dep_ == "dobj" and child.i > pred.i and child.lemma_.lower() in lx.COMPLEMENT_NOUNS:
            toks.append(child)  # "two firefighters suffered minor burns"
        elif child.dep_ in ("prep", "dative") and child.i > pred.i:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in lx.COMPLEMENT_NOUNS:
                toks.append(obj)
    return toks


def _place_of(c: Candidate) -> str | None:
    """Places named in the figure's clause, else in its sentence, as written, joined with '; '.

    A place inside another ("the Lantern Square market in Kelvaro") is written with its container after a
    comma; where the injured were treated ("the hospital in Ostrimar city") is not where it happened.
    """
    scope = list(c.predicate.subtree) if c.predicate is not None and c.predicate.pos_ != "NOUN" else []
    scope_ids = {t.i for t in scope}
    places = [e for e in c.sentence.ents if _is_place(e)]
    places += [p for p in named_as_places(c.sentence) if all(p.end <= e.start or p.start >= e.end for e in places)]
    places = sorted((p for p in places if not _where_treated(p) and not _where_said(p)), key=lambda e: e.start)
    contained = _containers(places)
    inner = [p for p in places if p.start not in {q.start for q in contained.values()}]
    names: list[str] = []
    for ent in inner:
        if (not scope_ids or ent.start in scope_ids) and (name := _qualified(ent, contained)) not in names:
            names.append(name)
    if not names and scope_ids:
        names = list(dict.fromkeys(_qualified(e, contained) for e in inner))
    return "; ".join(names) or None


# Acts of telling: a place they hang on is where the figure was given.
SPEECH_WORDS = frozenset({"say", "tell", "speak", "announce", "statement", "conference", "briefing", "interview",
                          "issue", "address", "release", "communique", "told", "said"})
# How far up the tree a place's head may sit from the noun it names the container of (compound → noun → prep).
_UP_DEPS = frozenset({"compound", "amod", "nmod", "pobj", "prep", "appos"})


def _containers(places: list[TextSpan]) -> dict[int, TextSpan]:
    """For each place (by start token) the place it says it is in: 'X ... in Y', where 'in Y' hangs on X or on
    the noun X names ('the Lantern Square grain market in Kelvaro')."""
    by_root = {p.root.i: p for p in places}
    for p in places:  # "in the Eastgate district": the district is the place
        if p.root.dep_ == "compound" and p.root.head.lemma_.lower() in PLACE_KINDS:
            by_root.setdefault(p.root.head.i, p)
    found: dict[int, TextSpan] = {}
    for place in places:
        holder = place.root
        apposed = next((ch for ch in place.root.children if ch.dep_ == "appos" and ch.i in by_root), None)
        if apposed is not None:  # "in KwaZakhele, Gqeberha", "Ruhengeri, Rwanda"
            found[place.start] = by_root[apposed.i]
            continue
        for _ in range(3):
            containing = ("in", "of") if holder.lemma_.lower() in PLACE_KINDS else ("in",)  # "district of Hollesby"
            inner = next((ch for ch in holder.children
                          if ch.dep_ == "prep" and ch.lower_ in containing and ch.i >= place.end), None)
            if inner is not None:
                obj = next((g for g in inner.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.i in by_root:
                    found[place.start] = by_root[obj.i]
                break
            if holder.dep_ not in ("compound", "amod", "nmod") or holder.head.pos_ not in ("NOUN", "PROPN"):
                break
            holder = holder.head
    return found


def _qualified(place: TextSpan, contained: dict[int, TextSpan]) -> str:
    """'Lantern Square, Kelvaro': the place, then what it is in, most specific first."""
    parts, seen = [place.text], {place.start}
    while (outer := contained.get(place.start)) is not None and outer.start not in seen:
        seen.add(outer.start)
        parts.append(outer.text)
        place = outer
    return ", ".join(parts)


def _where_said(place) -> bool:
    """'in a statement issued in Tessadine', 'told reporters in Sabrol': where the figure was given, not where
    it happened. The walk up stops at the first verb: 'killed in Kelvaro, police said' is the incident's."""
    tok = place.root
    for _ in range(5):
        if tok.head is tok:
            return False
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_WORDS:
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("acl", "relcl"):
            return False
    return False


def _where_treated(place) -> bool:
    """'taken to the provincial hospital in Ostrimar city', 'the Kelvaro district hospital'."""
    tok = place.root
    for _ in range(4):
        if tok.dep_ not in _UP_DEPS or tok.head is tok:
            return False
        tok = tok.head
        if tok.lemma_.lower() in CARE_PLACES:
            return True
    return False


def _is_place(ent) -> bool:
    """A country, city or region, or a named facility that the text puts something in, at or near: 'The Open
    Square Monitor said' is an organisation however the tagger labels it."""
    if ent.label_ in ("GPE", "LOC"):
        if ent.root.dep_ in ("compound", "amod", "nmod") and ent.root.head.lemma_.lower() not in PLACE_KINDS:
            return False  # "the Ostrimar provincial health ministry": whose ministry, not where it happened
        if ent.root.dep_ == "poss":
            return False  # "the worst disaster in Sauden's history"
        return ent.root.dep_ not in SUBJECT_DEPS
    if ent.label_ != "FAC":
        return False
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in ("in", "at", "near", "outside", "inside", "on", "into", "from")


def _commemorated_date(c: Candidate, dates: list[DateMention], published: str | None) -> str | None:
    """The date of a past event that the sentence marks: 'gathered on Friday to mark five years since a bomb
    … killing 34', 'the tenth anniversary of the massacre, in which 40 were killed'. The figure belongs to
    that event, not to the day it is remembered: the text's date in that year, else the year itself."""
    years = _years_back(c)
    if years is None:
        return None
    sent = c.sentence
    own = [d for d in dates_in(sent, dates) if d.value and d.precision != "year" and len(d.value) >= 10]
    reference = own[0].value[:4] if own else (published[:4] if published else None)  # type: ignore[index]
    if reference is None:
        return None
    year = int(reference) - years
    in_year = [d for d in dates if d.value and d.value[:4] == str(year) and "/" not in d.value]
    if in_year:
        figure_at = sent.doc[c.quantity.start].idx
        return min(in_year, key=lambda d: (-len(d.value or ""), abs(d.evidence.start - figure_at))).value
    return str(year)


def _years_back(c: Candidate) -> int | None:
    """How many years before its own sentence the figure's event lies, when the sentence says so: the figure's
    clause hangs on 'N years since' or 'the Nth anniversary of', or follows it as a participle or relative
    clause ('… five years since a bomb tore through the hall, killing 34', however the parser attached it)."""
    tok = c.predicate if c.predicate is not None else c.anchor
    ancestors = [tok, *tok.ancestors][:8]
    for node in ancestors:
        for child in node.children:
            if (n := _years_before_since(child)) is not None:
                return n
        if (n := _anniversary_years(node)) is not None:
            return n
    if tok.tag_ == "VBG" or tok.dep_ == "relcl" or (tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl")):
        for earlier in reversed(c.sentence.doc[c.sentence.start:tok.i]):
            if (n := _years_before_since(earlier)) is not None or (n := _anniversary_years(earlier)) is not None:
                return n
    return None


def _years_before_since(tok) -> int | None:
    """'five years since', 'a decade since' -> 5, 10."""
    if tok.lower_ != "since" or tok.dep_ not in ("mark", "prep") or tok.i < 2:
        return None
    unit, count = tok.doc[tok.i - 1].lower_, tok.doc[tok.i - 2]
    if unit not in ("year", "years", "decade", "decades"):
        return None
    n = 1 if count.lower_ in ("a", "one") else parse_number_text(count.text)
    return n * (10 if unit.startswith("decade") else 1) if n else None


def _anniversary_years(tok) -> int | None:
    """'the tenth anniversary', 'the 35th anniversary' -> 10, 35."""
    if tok.lemma_.lower() != "anniversary":
        return None
    for child in tok.children:
        word = child.lower_
        if word in ORDINAL_WORDS:
            return ORDINAL_WORDS[word]
        if (m := re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word)) is not None:
            return int(m.group(1))
    return None


def _date_of(c: Candidate, dates: list[DateMention]) -> str | None:
    """When the counted thing happened: the figure's own date in its sentence ('131 on Saturday and 83 on
    Sunday'), the span of several dates it shares ('on January 25 in Neftchala and on January 26 in Lankaran'),
    else the latest event date earlier in the paragraph ('On the night of January 19-20, 1990, ... killed 82')."""
    sent, doc = c.sentence, c.sentence.doc
    events = [d for d in dates_in(sent, dates) if d.value and not is_report_date(sent, d) and not is_dateline(text_of(doc), d)]
    mixed = len({d.precision for d in events}) > 1 or len({d.value[:4] for d in events if d.value}) > 1
    if c.list_head is not None or len(events) <= 1 or mixed:
        # one date, a list's own date, or dates of different kinds ("on Friday ... the massacre of July 1995"):
        # the one nearest the figure
        near = date_near(sent, dates, doc[c.quantity.start].idx)
        if near is not None and near.value:
            return near.value
    elif events:
        bounds = sorted(v for d in events for v in d.value.split("/") if len(v) == 10)  # type: ignore[union-attr]
        if bounds:
            return bounds[0] if bounds[0] == bounds[-1] else f"{bounds[0]}/{bounds[-1]}"
    return _earlier_date_in_paragraph(c, dates)


def _earlier_date_in_paragraph(c: Candidate, dates: list[DateMention]) -> str | None:
    """A date that opens an earlier sentence of the paragraph ('On the night of January 19-20, 1990, troops
    entered ...') sets the scene for the figures after it; a summary total spans more than that scene."""
    if c.total_marker:
        return None
    doc = c.sentence.doc
    paragraph_start = text_of(doc).rfind("\n", 0, c.sentence.start_char) + 1
    earlier = [d for d in dates if paragraph_start <= d.evidence.start < c.sentence.start_char and d.value
               and d.precision in ("day", "range") and _opens_its_sentence(doc, d) and not _remembering(doc, d)]
    return earlier[-1].value if earlier else None


def _remembering(doc, mention: DateMention) -> bool:
    """'Crowds gathered on Sunday to mark ten years since …': the day of a commemoration sets no scene."""
    span = doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
    return span is not None and any(
        _years_before_since(t) is not None or _anniversary_years(t) is not None for t in span.sent)


def _opens_its_sentence(doc, mention: DateMention) -> bool:
    span = doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
    return span is not None and span.start - span.sent.start <= 4


def _actor_of(c: Candidate) -> str | None:
    """Who did it: the subject of an active predicate ('military personnel killed 82'), or 'by X'."""
    pred = c.predicate
    if pred is None or pred.pos_ not in ("VERB",):
        return None
    for child in pred.children:
        if child.dep_ == "nsubj" and child != c.anchor and child.pos_ in ("NOUN", "PROPN"):
            return _phrase(child)
        if child.dep_ == "agent":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase(obj)
    if pred.dep_ == "conj" and pred.head.pos_ == "VERB":
        for child in pred.head.children:
            if child.dep_ == "nsubj" and child.pos_ in ("NOUN", "PROPN") and child != c.anchor:
                return _phrase(child)
    return None


def _source_of(c: Candidate) -> str | None:
    """Who the figure is attributed to: the speaker of the clause that holds it, else of its sentence, or
    'according to X'."""
    start = c.predicate if c.predicate is not None else c.anchor
    for tok in [start, *start.ancestors]:
        if tok.lemma_.lower() in lx.SPEECH_VERBS and tok.pos_ == "VERB":
            subj = next((ch for ch in tok.children if ch.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ == "PRON" and subj.lower_ in ("he", "she", "it", "they"):
                return _previous_speaker(c.sentence)  # "He repeated that 19 people were hurt"
            if subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj != c.anchor:
                return _phrase(subj)
    for tok in c.sentence:
        if tok.lemma_.lower() in lx.SPEECH_VERBS and tok.pos_ == "VERB":
            subj = next((ch for ch in tok.children if ch.dep_ == "nsubj" and ch.pos_ in ("NOUN", "PROPN")), None)
            if subj is not None and subj is not c.anchor:
                return _phrase(subj)
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            obj = next((g for g in tok.doc[tok.i + 1].children if g.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase(obj)
    return None


def _previous_speaker(sent) -> str | None:
    """The named speaker of the sentence before, which a pronoun subject points back to."""
    doc = sent.doc
    if sent.start == 0:
        return None
    for tok in doc[sent.start - 1].sent:
        if tok.lemma_.lower() in lx.SPEECH_VERBS and tok.pos_ == "VERB":
            subj = next((ch for ch in tok.children if ch.dep_ == "nsubj" and ch.pos_ in ("NOUN", "PROPN")), None)
            if subj is not None:
                return _phrase(subj)
    return None


def _phrase(tok) -> str:
    parts = [t for t in tok.subtree if t.dep_ in ("compound", "amod", "det", "poss") and t.head == tok or t == tok]
    parts = [t for t in parts if t.lower_ not in ("the", "a", "an")]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
