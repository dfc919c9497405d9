"""What keeps the web app safe to point at hostile articles: headers, body limits, the write token.

Article text is never rendered raw (templates autoescape every piece, see `render.py`); on top of that the
Content-Security-Policy allows only this server's own scripts and styles, so an injected `<script>`, an
`onerror=` attribute or a `javascript:` link stays inert even if escaping were ever bypassed.
"""

from __future__ import annotations

import hmac
import os
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_ENV = "NEWSFACTS_TOKEN"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
# Room for multipart framing and form fields around an input of Options.max_bytes.
FORM_OVERHEAD_BYTES = 64 * 1024


def write_token_from_env() -> str | None:
    """The token write endpoints require, from NEWSFACTS_TOKEN; None (writes refused) when unset or blank."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    return token or None


def token_matches(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; with no token configured nothing matches, so writes stay closed."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header, else None."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def cross_site(origin: str | None, fetch_site: str | None, host: str | None) -> bool:
    """Whether a request comes from another site's page, by the headers browsers set and pages cannot forge:
    `Sec-Fetch-Site: cross-site`/`same-site` (another site, or a sibling subdomain), or an `Origin` whose host is
    not this server's `Host`. The scheme is not compared, so a TLS-terminating proxy in front does not refuse the
    app's own pages. A request with neither header (curl, scripts) is no browser's cross-site request: the token
    alone decides whether it may write. `Origin: null` (a sandboxed frame, a file) counts as cross-site."""
    if fetch_site and fetch_site.lower() in ("cross-site", "same-site"):
        return True
    if origin is None:
        return False
    return urlsplit(origin.strip()).netloc.lower() != (host or "").strip().lower() or not host


class SecurityHeadersMiddleware:
    """Adds the CSP and friends to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimitMiddleware:
    """Refuses request bodies over `max_bytes` with 413, by Content-Length up front and by counting the stream
    (a chunked upload has no Content-Length). The 413 goes through the app's error handlers, so it has the one
    error shape."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> HTTPException:
        limit_mb = self.max_bytes / (1024 * 1024)
        return HTTPException(413, f"request body over the {limit_mb:.1f} MB limit: send a smaller article")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            scope = {**scope, "newsfacts.body_too_large": True}
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            if scope.get("newsfacts.body_too_large"):
                raise self._too_large()
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise self._too_large()
            return message

        await self.app(scope, counted_receive, send)
