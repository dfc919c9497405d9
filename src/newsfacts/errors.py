"""The exception tree. Every error newsfacts raises on purpose is a NewsfactsError with a stable code and a
message that tells the user what to do; the CLI prints `error[CODE]: message` on one line and exits non-zero.

    NewsfactsError
    ├── InputError                 the input cannot be read as an article
    │   ├── EmptyInputError        E101  nothing to read
    │   ├── BinaryInputError       E102  bytes that are not text or HTML (a PDF, an image, ...)
    │   ├── InputTooLargeError     E103  over Options.max_bytes
    │   ├── NoArticleError         E104  a page with no article text (all navigation)
    │   ├── RubricError            E105  a vague-quantity rubric that is unknown or malformed
    │   └── ExtractionTimeoutError E106  one document took longer than the web app's budget for it
    ├── FetchError                 E201  a URL or feed could not be fetched (dead host, HTTP error, timeout)
    │   └── ForbiddenAddressError  E202  a private or loopback address, refused unless allowed
    ├── ModelError                 E301  the spaCy pipeline (or another optional model) is not installed
    ├── MissingExtraError          E302  an optional part (web, postgres, batch) is not installed
    ├── StoreError                 E401  the store cannot be opened or written
    ├── ReviewError                E402  a coder's revision the store cannot apply (no such fact, a span
    │   │                              that is not in the text, a value that is not a count)
    │   └── ReviewConflictError    E409  another coder changed the fact since you saw it: carries its state now
    ├── InternalError              E500  newsfacts itself failed on one input (a bug: report it with the input);
    │                                    the shells report it like any bad input and go on with the others
    └── ConfigError                E501  an environment variable or setting has a value that cannot be used
"""

from __future__ import annotations

import re

# `scheme://user:password@host`: the password part of any URL in a message. Linear: the scheme starts only
# where a word starts, and each part stops at the first character that ends it.
_URL_PASSWORD = re.compile(r"(?<![\w+.-])([A-Za-z][\w+.-]*+://[^\s:/@]*+:)[^\s@/]++@")


def redact(text: str) -> str:
    """The text with the password of every URL in it replaced by `***`: a store URL such as
    `postgresql://u:PW@h/db` reached the web app's 503 page in clear (issue 12)."""
    return _URL_PASSWORD.sub(r"\1***@", text)


class NewsfactsError(Exception):
    """Every message is redacted (`redact`) when the error is made, so no shell, page or log shows a password."""

    code = "E000"

    def __init__(self, message: str) -> None:
        message = redact(message)
        super().__init__(message)
        self.message = message

    def one_line(self) -> str:
        return f"error[{self.code}]: " + " ".join(self.message.split())


class InputError(NewsfactsError):
    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class InputTooLargeError(InputError):
    code = "E103"


class NoArticleError(InputError):
    code = "E104"


class RubricError(InputError):
    code = "E105"


class ExtractionTimeoutError(InputError):
    code = "E106"


class FetchError(NewsfactsError):
    code = "E201"


class ForbiddenAddressError(FetchError):
    code = "E202"


class ModelError(NewsfactsError):
    code = "E301"


class MissingExtraError(NewsfactsError):
    code = "E302"


class StoreError(NewsfactsError):
    code = "E401"


class ConfigError(NewsfactsError):
    code = "E501"


class ReviewError(NewsfactsError):
    code = "E402"


class ReviewConflictError(ReviewError):
    """The fact changed since the coder read it. `current` is its state now (a JSON-ready dict), so the
    second coder sees the first one's change and can apply theirs on top of it."""

    code = "E409"

    def __init__(self, message: str, current: dict | None = None) -> None:
        super().__init__(message)
        self.current = current


class InternalError(NewsfactsError):
    code = "E500"


def require_extra(module: str, extra: str) -> None:
    """Import-check an optional dependency and say which extra to install when it is missing."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise MissingExtraError(
            f"this needs the optional package {module!r}: pip install 'newsfacts[{extra}]'"
        )
