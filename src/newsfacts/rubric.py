"""Vague quantities under a coding rubric: the figure a codebook gives "several", "a few", "a couple".

Coders of event data apply their codebook's rule to vague words ("several" = 3). A rubric is data, a small TOML
(or JSON) file: a name, a description, `figures` (a phrase → its figure) and optionally `bare_plural` (the figure
for a plural with no number, "insurgents were killed"). newsfacts ships `strict` (the default: no figure beyond
the conventions of numbers.py) and `isaf` in `newsfacts/rubrics/`; `--rubric PATH` reads a user's own file.

A rubric's figure is marked in its fact (`qualifier` "rubric", `rule` naming the rubric and the phrase) and never
raises a consistency flag: it is the coder's convention, not a figure the text states.
"""

from __future__ import annotations

import functools
import json
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import lexicon as lx
from .errors import RubricError
from .numbers import VAGUE, Quantity, is_number_token

DEFAULT_RUBRIC = "strict"
# Longest phrase a rubric may give, in words: "a large number of" is the longest a codebook was seen to use.
MAX_PHRASE_WORDS = 4
# Entities that count no one: "several hours", "some $2 million".
NON_PEOPLE_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
# Predicates whose subject is who it happened to ("civilians died"); for the others the subject did it.
INTRANSITIVE_FATES = frozenset({"die", "perish", "drown", "succumb", "disappear", "flee"})
# Plurals that are things, not people, even as the subject of a casualty verb ("houses were destroyed").
NON_PERSON_NOUNS = lx.NON_COUNT_HEADS | lx.BUILDING_NOUNS | lx.VEHICLE_NOUNS | frozenset(lx.COUNT_NOUNS)
# Words that already make a plural counted or vague ("many insurgents", "other victims", "dozens").
QUANTIFIER_WORDS = frozenset({"many", "few", "several", "numerous", "multiple", "other", "more", "most", "all",
                              "both", "various", "countless", "some", "any", "no", "these", "those"}) | frozenset(VAGUE)


@dataclass(frozen=True)
class Rubric:
    name: str
    description: str
    figures: dict[tuple[str, ...], int]  # lowercased words of a phrase → its figure
    bare_plural: int | None = None

    @property
    def is_strict(self) -> bool:
        return not self.figures and self.bare_plural is None

    def rule(self, phrase: tuple[str, ...]) -> str:
        return f"{self.name}: {' '.join(phrase)} = {self.figures[phrase]}"


@dataclass(frozen=True)
class RubricQuantity(Quantity):
    """A figure a rubric gave to a vague phrase, with the rule that gave it."""

    rule: str = ""


def shipped_rubrics() -> list[str]:
    """The names of the rubrics the package ships, sorted."""
    return sorted(p.name.removesuffix(".toml") for p in resources.files("newsfacts").joinpath("rubrics").iterdir()
                  if p.name.endswith(".toml"))


@functools.cache
def load_rubric(spec: str | None) -> Rubric:
    """A shipped rubric by name, or a user's .toml/.json file by path; None is the default (strict)."""
    spec = spec or DEFAULT_RUBRIC
    if spec in shipped_rubrics():
        text = resources.files("newsfacts").joinpath("rubrics", f"{spec}.toml").read_text(encoding="utf-8")
        return parse_rubric(tomllib.loads(text), spec)
    path = Path(spec)
    if path.suffix.lower() not in (".toml", ".json"):
        raise RubricError(f"unknown rubric {spec!r}: name one of {', '.join(shipped_rubrics())} or give a .toml "
                          "or .json file")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RubricError(f"cannot read rubric {spec}: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise RubricError(f"rubric {spec} is not valid {path.suffix[1:].upper()}: {exc}") from None
    return parse_rubric(data, spec)


def parse_rubric(data: object, where: str) -> Rubric:
    """A Rubric from a parsed file; says what is wrong and where when the file is not one."""
    if not isinstance(data, dict):
        raise RubricError(f"rubric {where}: write a table with name, description and figures")
    figures = data.get("figures", {})
    if not isinstance(figures, dict):
        raise RubricError(f"rubric {where}: figures must map phrases to whole numbers (\"several\" = 3)")
    parsed: dict[tuple[str, ...], int] = {}
    for phrase, value in figures.items():
        words = tuple(str(phrase).lower().split())
        if not words or len(words) > MAX_PHRASE_WORDS or not _whole(value):
            raise RubricError(f"rubric {where}: {phrase!r} = {value!r} must be a phrase of 1 to "
                              f"{MAX_PHRASE_WORDS} words and a whole number of 0 or more")
        parsed[words] = value
    bare = data.get("bare_plural")
    if bare is not None and not _whole(bare):
        raise RubricError(f"rubric {where}: bare_plural must be a whole number of 0 or more")
    name = data.get("name") or Path(where).stem
    return Rubric(name=str(name), description=str(data.get("description", "")), figures=parsed, bare_plural=bare)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def rubric_quantity_at(doc, i: int, rubric: Rubric) -> RubricQuantity | None:
    """The rubric's figure for a vague phrase that starts at token i ('several', 'a handful') or for a bare
    plural there ('insurgents were killed'); None if there is none.

    A phrase before a figure is a qualifier, not a count ("some 40 people" is about 40, numbers.py); a phrase
    that counts time, money or measures ("several hours later") counts no one."""
    if doc[i].ent_type_ in NON_PEOPLE_ENTS:
        return None
    for n in range(min(MAX_PHRASE_WORDS, len(doc) - i), 0, -1):
        phrase = tuple(t.lower_ for t in doc[i:i + n])
        if phrase not in rubric.figures:
            continue
        nxt = doc[i + n] if i + n < len(doc) else None
        if nxt is not None and (is_number_token(nxt) or nxt.like_num) or _counts_no_one(doc, i + n) \
                or _are_the_doers(doc[i:i + n]):
            return None
        return RubricQuantity(value=rubric.figures[phrase], high=None, qualifier="rubric", start=i, end=i + n,
                              number_start=i, vague=True, rule=rubric.rule(phrase))
    if rubric.bare_plural is not None and is_bare_plural(doc[i], rubric):
        return RubricQuantity(value=rubric.bare_plural, high=None, qualifier="rubric", start=i, end=i + 1,
                              number_start=i, vague=True, rule=f"{rubric.name}: bare plural = {rubric.bare_plural}")
    return None


def _counts_no_one(doc, j: int) -> bool:
    """The noun after the phrase (past 'of' and adjectives, to the head of a compound) is a measure, a time or
    an event: 'several hours', 'several murder cases'."""
    for tok in doc[j:j + 4]:
        if tok.lower_ == "of" or tok.pos_ in ("ADJ", "DET"):
            continue
        while tok.dep_ == "compound" and tok.head.i > tok.i:
            tok = tok.head
        return tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.NON_COUNT_HEADS
    return False


def _are_the_doers(phrase) -> bool:
    """'A group of Maoists shot at two villagers', 'several gunmen killed a guard': the vague phrase is who
    did it, not who it happened to; a rubric counts victims and arrests only."""
    tokens = list(phrase)
    head = next((t for t in tokens if t.head.i < phrase.start or t.head.i >= phrase.end or t.head == t), tokens[-1])
    if head.dep_ in ("amod", "det", "nummod", "quantmod") and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # 'several gunmen': the noun the quantifier counts
    verb = head.head
    return (head.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() not in INTRANSITIVE_FATES
            and any(c.dep_ in ("dobj", "prep") for c in verb.children if c.i > verb.i))


def is_bare_plural(tok, rubric: Rubric) -> bool:
    """A plural noun with no determiner, figure or quantifier, the subject or object of a casualty or arrest
    predicate: 'insurgents were killed', 'police detained protesters', 'civilians died'."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() in NON_PERSON_NOUNS or tok.ent_type_:
        return False
    if tok.dep_ not in ("nsubj", "nsubjpass", "dobj") or tok.head.lemma_.lower() not in lx.PERSON_PREDICATES:
        return False
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() not in INTRANSITIVE_FATES:
        return False  # "insurgents killed two soldiers": the plural did it, it was not counted
    quantifiers = {w for phrase in rubric.figures for w in phrase} | QUANTIFIER_WORDS
    for child in tok.children:
        if child.i < tok.i and (child.dep_ in ("nummod", "det", "poss", "quantmod", "predet")
                                or child.lower_ in quantifiers or child.like_num):
            return False
    return True
