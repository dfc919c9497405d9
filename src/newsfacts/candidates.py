"""A figure found in a sentence, with what the parse says about it, before it becomes a Fact.

Shared by the stages that read figures (facts), place and date them (attributes) and give them roles (roles).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .numbers import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class Candidate:
    """A figure with what the parse says about it, before roles are assigned."""

    quantity: Quantity
    anchor: Token  # the noun counted, or the number itself
    predicate: Token | None  # the token governing the count
    category: str | None
    sentence: Span
    paragraph: int
    partitive: str | None = None  # category of "N of the injured / of those detained"
    partitive_pronoun: bool = False  # "N of them", "N of whom"
    inclusive: bool = False  # "including N", "among them N"
    increment: bool = False  # "N more", "another N"
    total_marker: bool = False  # "thus", "in total"
    update_marker: bool = False  # "rose to N"
    bring_marker: bool = False  # "bringing the toll to N"
    from_marker: bool = False  # "up from N"
    list_head: int | None = None  # index of the first figure of a conjoined list this one belongs to
    reversed: bool = False  # "released 3 of them": the state ended, no one is counted
    inherited: bool = False  # category taken from the whole or the list, not from the figure's own words
    whole_category: str | None = None  # "one of them" where the sentence named "the injured"
    fronted_whole: int | None = None  # token of "Of the 17 dead, …" that opens the sentence, for its figures


def number_head(doc, q: Quantity):
    """The token of a figure that the parse attaches to the rest of the sentence."""
    tokens = list(doc[q.number_start:q.end])
    for t in tokens:
        if t.head.i < q.number_start or t.head.i >= q.end or t.head == t:
            return t
    return tokens[-1]
