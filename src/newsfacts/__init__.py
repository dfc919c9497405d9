"""newsfacts: news articles in, structured and checked event facts out, every fact traceable to its words."""

import logging

from .errors import NewsfactsError
from .model import SCHEMA_VERSION, Article, Check, Event, Fact, Post, Quote, Span
from .options import Options

__version__ = "0.1.0"


def extract(document, options: Options | None = None) -> Article:  # noqa: D401 - thin re-export
    """Extract an Article record from text, HTML or a RawDocument (see `newsfacts.pipeline.extract`)."""
    from .pipeline import extract as _extract

    return _extract(document, options or Options())


__all__ = [
    "Article",
    "Check",
    "Event",
    "Fact",
    "NewsfactsError",
    "Options",
    "Post",
    "Quote",
    "SCHEMA_VERSION",
    "Span",
    "__version__",
    "extract",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
