"""Calibrate the incidents' totals with a small learned model, where the rules are known to part from coders.

The rules count each category (killed, injured, arrested) as a careful reader would; on real news they miss
in known ways (one person told twice, one victim told without a numeral, a restated figure added). This stage
lists the readings the text supports for each category's article total — the rules' own total, each stated
figure, their sum, the rules' total with one uncounted person named with the fate, the wounded less the dead,
none at all — and a model trained on human-coded real news (training/train_totals.py, docs/model-card.md)
scores each reading. When another reading beats the rules' by the model's margin, the event's total becomes
that reading, with method "learned", the facts and spans it rests on, and a note naming the rules' figure.

    calibrate_events(doc, facts, events, model) -> list[Event]

Without a model file (Options.totals_model = "none", or the file absent) the rules' totals stand unchanged.
Every reading points at evidence: a figure's span, the spans the rules counted, or the words naming the
uncounted person; the zero reading is the only one with no span, as a total of none is.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import lexicon as flx
from .errors import ModelError
from .incidents import lexicon as ilx
from .model import Derivation, Event, Fact, Span

CATEGORIES = ("killed", "injured", "arrested")
FAMILY = {"detained": "arrested"}
DEFAULT_MODEL = Path(__file__).parent / "data" / "totals-model.json"

# Readings a candidate total can come from; each is a 0/1 feature of the value it proposes.
KINDS = ("rules", "rules_all", "current_only", "zero", "fact", "first_fact", "last_fact", "max_fact", "lead_fact", "role_total",
         "role_reported", "role_part", "role_subset", "role_update", "qualified", "sum", "minus_dead", "plus_one",
         "minus_one", "minus_two", "historical_fact", "quoted_fact")
METHODS = ("explicit_total", "sum_of_parts", "update", "implicit", "explicit_zero", "reported", "none")

_FATE_VERBS = {
    "killed": ilx.KILL_VERBS | ilx.DIE_VERBS | {"dead", "lynch", "behead", "hack"},
    "injured": frozenset({"injure", "wound", "hurt", "injured", "wounded", "hospitalize", "hospitalise"}),
    "arrested": ilx.ARREST_VERBS | {"detain", "custody"},
}
_HARM = flx.HARM_VERBS | {"shoot", "gun"}
_NOT_PEOPLE = frozenset({"GPE", "LOC", "FAC", "ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "DATE", "TIME"})


@dataclass
class Reading:
    """One value the article's total for a category could take, and what supports it."""

    category: str
    value: int
    kinds: set[str] = field(default_factory=set)
    facts: list[int] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    note: str = ""


@dataclass
class Cues:
    """What the parse says of one category beyond the rules' counts: who is named with the fate."""

    fate_words: int
    singular_patients: int
    uncovered_singular: list[Span]
    bare_plurals: int
    uncovered_words: list[Span] = field(default_factory=list)


# --- the model ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TotalsModel:
    """A gradient-boosted tree ensemble read from JSON (no pickles, no third-party runtime)."""

    features: tuple[str, ...]
    trees: tuple[dict, ...]
    learning_rate: float
    init: float
    margin: float

    def score(self, row: dict[str, float]) -> float:
        """P(this reading is the coders' count)."""
        return self.score_many([row])[0]

    def score_many(self, rows: list[dict[str, float]]) -> list[float]:
        """The probabilities of several readings: every tree walked for every reading at once, one level at a
        time (numpy), so an article's few readings cost one pass over the ensemble."""
        import numpy as np

        feature, threshold, left, right, value, depth = self._arrays()
        # one row a reading; the last column is the slot leaves point at (feature -1)
        x = np.array([[row.get(name, 0.0) for name in self.features] + [0.0] for row in rows])
        trees = np.arange(len(feature))[None, :]
        readings = np.arange(len(rows))[:, None]
        node = np.zeros((len(rows), len(feature)), dtype=np.int64)
        for _ in range(depth):
            go_left = x[readings, feature[trees, node]] <= threshold[trees, node]
            nxt = np.where(go_left, left[trees, node], right[trees, node])
            node = np.where(nxt >= 0, nxt, node)  # a leaf stays where it is
        raw = self.init + value[trees, node].sum(axis=1)
        return [1.0 / (1.0 + math.exp(-r)) for r in raw.tolist()]

    def _arrays(self) -> tuple:
        """The trees as padded arrays (tree × node), leaf values scaled by the learning rate; built once."""
        import numpy as np

        arrays = self.__dict__.get("_tree_arrays")
        if arrays is None:
            width = max(len(t["left"]) for t in self.trees)

            def pad(key: str, fill: float, scale: float = 1.0):
                return np.array([[v * scale for v in t[key]] + [fill] * (width - len(t[key])) for t in self.trees])

            feature = pad("feature", -1).astype(np.int64)
            arrays = (np.where(feature < 0, len(self.features), feature), pad("threshold", 0.0),
                      pad("left", -1).astype(np.int64), pad("right", -1).astype(np.int64),
                      pad("value", 0.0, self.learning_rate), _depth(self.trees))
            object.__setattr__(self, "_tree_arrays", arrays)  # a cache on a frozen record
        return arrays


def _depth(trees) -> int:
    def depth(tree: dict, node: int) -> int:
        if tree["left"][node] == -1:
            return 0
        return 1 + max(depth(tree, tree["left"][node]), depth(tree, tree["right"][node]))
    return max((depth(t, 0) for t in trees), default=0)


def load_model(name: str | None) -> TotalsModel | None:
    """'default' (or None) is the shipped file, 'none' turns the stage off, anything else is a path."""
    if name == "none":
        return None
    if name in (None, "default"):
        return _load(str(DEFAULT_MODEL)) if DEFAULT_MODEL.exists() else None  # no file shipped: the rules alone
    if not Path(name).is_file():
        raise ModelError(f"totals model {name!r} not found: give default, none, or a file written by "
                         "training/train_totals.py")
    return _load(name)


@lru_cache(maxsize=4)
def _load(path: str) -> TotalsModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return TotalsModel(features=tuple(data["features"]), trees=tuple(data["trees"]),
                           learning_rate=float(data["learning_rate"]), init=float(data["init"]),
                           margin=float(data.get("margin", 0.0)))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"totals model {path!r} is not a model file written by training/train_totals.py "
                         f"({type(exc).__name__})") from None


# --- readings ----------------------------------------------------------------------------------------

def _family(category: str) -> str:
    return FAMILY.get(category, category)


def _total(events: list[Event], category: str, background: bool = False) -> int:
    return sum(e.totals.get(category, 0) for e in events if background or e.status != "background")


def _rules_support(events: list[Event], category: str, background: bool) -> tuple[list[int], list[Span]]:
    facts: list[int] = []
    spans: list[Span] = []
    for event in events:
        if event.status == "background" and not background:
            continue
        for d in event.derivations:
            if d.category == category:
                facts.extend(d.facts)
                spans.extend(d.mentions)
    return sorted(set(facts)), spans


def readings(facts: list[Fact], events: list[Event], category: str, cues: Cues, lead_end: int,
             text: str = "") -> list[Reading]:
    """The candidate totals of one category, merged by value (a value's kinds are all that propose it)."""
    by_value: dict[int, Reading] = {}

    def add(value: int, kind: str, fact_ids=(), spans=(), note: str = "") -> Reading:
        reading = by_value.setdefault(value, Reading(category, value))
        reading.kinds.add(kind)
        reading.facts.extend(i for i in fact_ids if i not in reading.facts)
        if not reading.spans:
            reading.spans.extend(spans)
        if note and not reading.note:
            reading.note = note
        return reading

    rules = _total(events, category)
    rule_facts, rule_spans = _rules_support(events, category, background=False)
    add(rules, "rules", rule_facts, rule_spans, "the rules' count")
    all_facts, all_spans = _rules_support(events, category, background=True)
    add(_total(events, category, background=True), "rules_all", all_facts, all_spans,
        "the rules' count with the incidents told as background")
    current = sum(e.totals.get(category, 0) for e in events if e.status == "current")
    current_facts = sorted({i for e in events if e.status == "current" for d in e.derivations
                            if d.category == category for i in d.facts})
    current_spans = [m for e in events if e.status == "current" for d in e.derivations if d.category == category
                     for m in d.mentions]
    add(current, "current_only", current_facts, current_spans, "the rules' count of the incidents of the news itself")
    add(0, "zero", note="no one")
    mine = [(i, f) for i, f in enumerate(facts) if _family(f.category) == category]
    values = [f.value for _, f in mine]
    historical = {i for e in events if e.status != "current" for d in e.derivations if d.category == category
                  for i in d.facts}
    for n, (i, fact) in enumerate(mine):
        reading = add(fact.value, "fact", [i], [fact.evidence], f"the figure {fact.evidence.text!r}")
        reading.roles.add(fact.role)
        reading.kinds.add(f"role_{fact.role}")
        if n == 0:
            reading.kinds.add("first_fact")
        if n == len(mine) - 1:
            reading.kinds.add("last_fact")
        if fact.value == max(values):
            reading.kinds.add("max_fact")
        if fact.evidence.start < lead_end:
            reading.kinds.add("lead_fact")
        if fact.qualifier:
            reading.kinds.add("qualified")
        if i in historical:
            reading.kinds.add("historical_fact")
        if text and _in_quote(text, fact.evidence.start):
            reading.kinds.add("quoted_fact")
    stated = [(i, f) for i, f in mine if f.role != "subset"]
    if len(stated) > 1:
        add(sum(f.value for _, f in stated), "sum", [i for i, _ in stated], [f.evidence for _, f in stated],
            "the stated figures added up")
    if category == "injured" and rules and (dead := _total(events, "killed")):
        add(max(rules - dead, 0), "minus_dead", rule_facts, rule_spans, "the wounded less those who died")
    if cues.uncovered_singular:
        add(rules + 1, "plus_one", rule_facts, rule_spans + cues.uncovered_singular[:1],
            f"one more person named with this fate: {cues.uncovered_singular[0].text!r}")
    elif cues.uncovered_words:
        add(rules + 1, "plus_one", rule_facts, rule_spans + cues.uncovered_words[:1],
            f"one more person told with this fate: {cues.uncovered_words[0].text!r}")
    if rules > 1:
        add(rules - 1, "minus_one", rule_facts, rule_spans, "one person told twice")
    if rules > 2:
        add(rules - 2, "minus_two", rule_facts, rule_spans, "two people told twice")
    return list(by_value.values())


# --- cues off the parse --------------------------------------------------------------------------------

def _fate_of(token) -> str | None:
    lemma = token.lemma_.lower()
    for category, verbs in _FATE_VERBS.items():
        if lemma in verbs:
            return category
    if lemma in _HARM and token.pos_ == "VERB":
        fatal = any(c.lower_ in ("dead", "fatally", "mortally") or
                    (c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)) for c in token.children)
        return "killed" if fatal else "injured"
    return None


def _patients(verb):
    for child in verb.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            yield child
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        yield verb.head
    if verb.lemma_.lower() in ilx.DIE_VERBS or verb.lower_ == "dead":
        for child in verb.children:
            if child.dep_ == "nsubj":
                yield child


def find_cues(doc, covered: dict[str, list[tuple[int, int]]]) -> dict[str, Cues]:
    """Per category: fate words, people named singly with the fate, those the rules did not count."""
    words = {c: 0 for c in CATEGORIES}
    singular = {c: 0 for c in CATEGORIES}
    plural = {c: 0 for c in CATEGORIES}
    uncovered: dict[str, list[Span]] = {c: [] for c in CATEGORIES}
    loose: dict[str, list[Span]] = {c: [] for c in CATEGORIES}
    for token in doc:
        category = _fate_of(token)
        if category is None:
            continue
        words[category] += 1
        if not any(s <= token.idx < e for s, e in covered.get(category, [])):
            loose[category].append(Span(text=token.text, start=token.idx, end=token.idx + len(token.text)))
        for patient in _patients(token):
            if any(c.dep_ == "nummod" or c.like_num for c in patient.children) or patient.like_num:
                continue
            if patient.tag_ in ("NNS", "NNPS"):
                plural[category] += 1
                continue
            if patient.tag_ not in ("NN", "NNP", "PRP") or patient.lower_ in ("it", "one") or \
                    patient.ent_type_ in _NOT_PEOPLE:
                continue  # "shelling hit Kalynivska Oblast": a place, not a person
            singular[category] += 1
            start, end = patient.left_edge.idx, patient.idx + len(patient.text)
            if not any(s <= patient.idx < e or start <= s < end for s, e in covered.get(category, [])) and \
                    patient.tag_ != "PRP":
                uncovered[category].append(Span(text=doc.text[start:end], start=start, end=end))
    return {c: Cues(words[c], singular[c], uncovered[c], plural[c], loose[c]) for c in CATEGORIES}


def _covered(facts: list[Fact], events: list[Event]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {c: [] for c in CATEGORIES}
    for fact in facts:
        if _family(fact.category) in spans:
            spans[_family(fact.category)].append((fact.evidence.start, fact.evidence.end))
    for event in events:
        for d in event.derivations:
            if d.category in spans:
                spans[d.category].extend((m.start, m.end) for m in d.mentions)
    return spans


# --- features ------------------------------------------------------------------------------------------

_NOMINAL = re.compile(r"(?:killing|murder|death|assassination|abduction|kidnapping|arrest)s?\s+of\s+(?:\S+\s+){0,3}$",
                      re.IGNORECASE)


def _nominal_share(text: str, spans: list[Span]) -> float:
    """How many of the counted people are named after 'the killing of', 'the murder of': often a past crime
    that the news (an arrest, a surrender) only recalls."""
    if not spans:
        return 0.0
    return sum(bool(_NOMINAL.search(text[max(0, s.start - 60):s.start])) for s in spans) / len(spans)


def _in_quote(text: str, offset: int) -> bool:
    before = text[max(0, offset - 2000):offset]
    return (before.count('"') % 2 == 1) or before.count("“") > before.count("”")


_CUE_WORDS = {
    "killed": re.compile(r"\b(?:died|dead|death|killed|fatal(?:ly)?|slain|bodies|body|homicide|murder(?:ed)?)\b", re.I),
    "injured": re.compile(r"\b(?:hospitali[sz]ed|hospital|condition|wound(?:ed|s)?|injur(?:ed|y|ies)|hurt|survive[sd]?)\b", re.I),
    "arrested": re.compile(r"\b(?:arrest(?:ed|s)?|custody|charged|detained|booked|jail(?:ed)?|captured)\b", re.I),
}


@dataclass(frozen=True)
class _DocSummary:
    """What every category's features read off the whole article, computed once."""

    sentence_starts: list[int]
    lead_end: int  # where the first sentence ends
    upper_ratio: float
    log_chars: float
    cue_counts: dict[str, float]

    @classmethod
    def of(cls, doc) -> _DocSummary:
        text = doc.text
        letters = [ch for ch in text[:4000] if ch.isalpha()]
        sents = [(sent.start_char, sent.end_char) for sent in doc.sents]
        return cls(sentence_starts=[start for start, _ in sents], lead_end=sents[0][1] if sents else 0,
                   upper_ratio=sum(ch.isupper() for ch in letters) / len(letters) if letters else 0.0,
                   log_chars=math.log1p(len(text)),
                   cue_counts={c: float(len(pattern.findall(text))) for c, pattern in _CUE_WORDS.items()})

    def sentence_at(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1


def _shared_sentences(summary: _DocSummary, events: list[Event], category: str) -> float:
    """How many of the category's counted spans share a sentence with another category's: the same people
    told with two fates ('shot … died') or two groups in one sentence."""
    def sentences(cat: str) -> set[int]:
        _, spans = _rules_support(events, cat, background=False)
        return {summary.sentence_at(s.start) for s in spans}
    mine = sentences(category)
    others = set().union(*(sentences(c) for c in CATEGORIES if c != category))
    return len(mine & others) / len(mine) if mine else 0.0


def _doc_features(doc, facts: list[Fact], events: list[Event], category: str, cues: Cues,
                  summary: _DocSummary) -> dict[str, float]:
    text = doc.text
    _, rule_spans = _rules_support(events, category, background=False)
    upper = summary.upper_ratio
    mine = [f for f in facts if _family(f.category) == category]
    current = [e for e in events if e.status == "current"]
    method = next((d.method for e in events if e.status != "background" for d in e.derivations
                   if d.category == category and d.value), "none")
    row = {
        f"cat_{category}": 1.0,
        "rules_total": float(_total(events, category)),
        "rules_background": float(_total(events, category, True) - _total(events, category)),
        "n_facts": float(len(mine)),
        "n_fact_values": float(len({f.value for f in mine})),
        "n_events_current": float(len(current)),
        "n_events_historical": float(sum(e.status == "historical" for e in events)),
        "n_events_background": float(sum(e.status == "background" for e in events)),
        "upper_ratio": upper,
        "log_chars": summary.log_chars,
        "n_sentences": float(len(summary.sentence_starts)),
        "fate_words": float(cues.fate_words),
        "singular_patients": float(cues.singular_patients),
        "uncovered_singular": float(len(cues.uncovered_singular)),
        "uncovered_words": float(len(cues.uncovered_words)),
        "bare_plurals": float(cues.bare_plurals),
        "nominal_share": _nominal_share(text, rule_spans),
        "shared_sentences": _shared_sentences(summary, events, category),
        "cue_killed": summary.cue_counts["killed"],
        "cue_injured": summary.cue_counts["injured"],
        "cue_arrested": summary.cue_counts["arrested"],
        "quoted_facts": float(sum(_in_quote(text, f.evidence.start) for f in mine)),
        "other_killed": float(_total(events, "killed")),
        "other_injured": float(_total(events, "injured")),
        "other_arrested": float(_total(events, "arrested")),
    }
    row[f"method_{method}"] = 1.0
    return row


def _reading_features(reading: Reading, rules: int, base: dict[str, float]) -> dict[str, float]:
    row = dict(base)
    for kind in reading.kinds:
        row[f"is_{kind}"] = 1.0
    row["value_log"] = math.log1p(max(reading.value, 0))
    row["value_minus_rules"] = float(max(-5, min(5, reading.value - rules)))
    row["value_is_zero"] = float(reading.value == 0)
    row["n_facts_with_value"] = float(len(reading.facts)) if "fact" in reading.kinds else 0.0
    return row


FEATURES: tuple[str, ...] = tuple(
    [f"cat_{c}" for c in CATEGORIES]
    + ["rules_total", "rules_background", "n_facts", "n_fact_values", "n_events_current", "n_events_historical",
       "n_events_background", "upper_ratio", "log_chars", "n_sentences", "fate_words", "singular_patients",
       "uncovered_singular", "uncovered_words", "bare_plurals", "nominal_share", "shared_sentences", "cue_killed", "cue_injured", "cue_arrested", "quoted_facts", "other_killed", "other_injured", "other_arrested"]
    + [f"method_{m}" for m in METHODS]
    + [f"is_{k}" for k in KINDS]
    + ["value_log", "value_minus_rules", "value_is_zero", "n_facts_with_value"]
)


def reading_table(doc, facts: list[Fact], events: list[Event]) -> dict[str, list[tuple[Reading, dict[str, float]]]]:
    """Per category, each candidate total with its features: what the model scores (and training reads)."""
    summary = _DocSummary.of(doc)
    lead_end = summary.lead_end
    cues = find_cues(doc, _covered(facts, events))
    table = {}
    for category in CATEGORIES:
        base = _doc_features(doc, facts, events, category, cues[category], summary)
        rules = _total(events, category)
        table[category] = [(r, _reading_features(r, rules, base))
                           for r in readings(facts, events, category, cues[category], lead_end, doc.text)]
    return table


# --- applying the choice -------------------------------------------------------------------------------

# Readings that keep the rules' incidents as they are: the only ones offered when the article tells several.
_STRUCTURE_KEEPING = frozenset({"rules", "rules_all", "current_only", "plus_one", "minus_one", "minus_dead"})
# Above this count "no one" would overturn stated figures, not a person told in passing.
ZERO_AT_MOST = 3


def eligible(kinds, row: dict[str, float]) -> bool:
    """Whether a reading may replace the rules' total at all, whatever the model says.

    Where the rules tell several incidents (a digest, a day's roundup) one figure is no article total; and "no
    one" may only undo a small count (a past killing an arrest story recalls), never a stated toll."""
    kinds = set(kinds)
    if "rules" in kinds:
        return True
    if row.get("n_events_current", 0.0) >= 2 and not kinds & _STRUCTURE_KEEPING:
        return False
    if kinds <= {"zero"} and row.get("rules_total", 0.0) > ZERO_AT_MOST:
        return False
    return True


def choose(model: TotalsModel, scored: list[tuple[Reading, dict[str, float]]]) -> Reading | None:
    """The reading the model prefers, when it beats the rules' own by the model's margin; else None."""
    scored = [(reading, row) for reading, row in scored if eligible(reading.kinds, row)]
    if len(scored) < 2:
        return None  # the rules' reading alone: nothing to choose
    probabilities = list(zip(model.score_many([row for _, row in scored]), [r for r, _ in scored]))
    rules_p = next(p for p, r in probabilities if "rules" in r.kinds)
    best_p, best = max(probabilities, key=lambda pr: pr[0])
    if "rules" in best.kinds or best_p < rules_p + model.margin:
        return None
    return best


def calibrate_events(doc, facts: list[Fact], events: list[Event], model: TotalsModel | None) -> list[Event]:
    """The events with each category's total set to the model's reading where it overrides the rules."""
    if model is None:
        return events
    table = reading_table(doc, facts, events)
    for category in CATEGORIES:
        chosen = choose(model, table[category])
        if chosen is not None:
            events = _apply(events, chosen, _total(events, category))
    return events


def _target(events: list[Event], reading: Reading) -> int | None:
    """The event whose total takes the reading: the one counting its figure, else the first not in background."""
    for index, event in enumerate(events):
        if any(i in d.facts for d in event.derivations if d.category == reading.category for i in reading.facts):
            if event.status != "background":
                return index
    return next((i for i, e in enumerate(events) if e.status != "background"), None)


def _apply(events: list[Event], reading: Reading, rules: int) -> list[Event]:
    index = _target(events, reading)
    if index is None:
        index = next((i for i, e in enumerate(events) if any(j in d.facts for d in e.derivations
                                                                for j in reading.facts)), None)
        if index is None:
            if reading.value == 0 or not reading.spans:
                return events
            return list(events) + [_new_event(reading, rules)]  # the rules saw no incident; the model does
        events = list(events)
        events[index] = events[index].model_copy(update={"status": "current"})
    others = sum(e.totals.get(reading.category, 0) for i, e in enumerate(events)
                 if i != index and e.status != "background")
    value = reading.value - others
    out = list(events)
    if value < 0:  # the reading holds fewer people than the other incidents count: it is the article's total
        value = reading.value
        for i, e in enumerate(out):
            if i != index and e.status != "background" and e.totals.get(reading.category):
                out[i] = _with_total(e, reading.category, 0, Derivation(
                    category=reading.category, value=0, method="learned",
                    note=f"counted in another incident by the model (rules: {e.totals[reading.category]})"))
    derivation = Derivation(category=reading.category, value=value, method="learned", facts=sorted(reading.facts),
                            mentions=reading.spans,
                            note=f"model: {reading.note} ({reading.value} for the article; the rules counted {rules})")
    out[index] = _with_total(out[index], reading.category, value, derivation)
    return out


def _new_event(reading: Reading, rules: int) -> Event:
    totals = {c: 0 for c in CATEGORIES}
    totals[reading.category] = reading.value
    derivation = Derivation(category=reading.category, value=reading.value, method="learned",
                            facts=sorted(reading.facts), mentions=reading.spans,
                            note=f"model: {reading.note} (the rules counted {rules} and told no incident)")
    return Event(type="other", status="current", date=None, totals=totals, derivations=[derivation],
                 evidence=reading.spans[0])


def _with_total(event: Event, category: str, value: int, derivation: Derivation) -> Event:
    totals = dict(event.totals)
    totals[category] = value
    derivations = [d for d in event.derivations if d.category != category] + [derivation]
    return event.model_copy(update={"totals": totals, "derivations": derivations})
