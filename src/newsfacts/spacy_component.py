"""newsfacts as a spaCy pipeline component: `nlp.add_pipe("newsfacts")`.

Registered through the `spacy_factories` entry point (pyproject.toml), so an installed newsfacts is found by
name without importing it first. Put it last: it reads the parse, entities and sentences the earlier
components made, and sets

    doc._.facts    list[Fact]    counted figures with evidence spans (offsets into doc.text)
    doc._.events   list[Event]   incidents with totals
    doc._.checks   list[Check]   consistency flags
    doc._.newsfacts Article      the whole record (posts, quotes, entities, dates, warnings too)

The doc's text is taken as clean text (no page chrome removal); give `published` (YYYY-MM-DD) in the config
to resolve relative dates and check anniversaries:

    nlp.add_pipe("newsfacts", config={"published": "2025-03-14"})
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .model import Article
from .options import Options

EXTENSIONS = ("facts", "events", "checks", "newsfacts")


def _register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class NewsfactsComponent:
    """Runs the newsfacts stages after the parse on each doc (see `Extractor.extract` for the stages)."""

    def __init__(self, nlp: Language, name: str, published: str | None, source: str | None) -> None:
        from .pipeline import Extractor

        _register_extensions()
        self.name = name
        # The component reuses the caller's pipeline: no second model is loaded.
        self.extractor = Extractor(Options(published=published, source=source), nlp=nlp)

    def __call__(self, doc: Doc) -> Doc:
        article: Article = self.extractor.extract(doc)
        doc._.newsfacts = article
        doc._.facts = article.facts
        doc._.events = article.events
        doc._.checks = article.checks
        return doc


@Language.factory("newsfacts", default_config={"published": None, "source": None})
def make_newsfacts(nlp: Language, name: str, published: str | None, source: str | None) -> NewsfactsComponent:
    return NewsfactsComponent(nlp, name, published, source)
