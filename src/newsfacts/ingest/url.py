"""Fetch one page over HTTP(S) with httpx: timeouts, redirects re-checked hop by hop, a streaming size cap,
a content-type check, and private addresses refused (a server-side fetch must not reach the intranet).

The transport parameter swaps the network for `httpx.MockTransport` in tests; host names are resolved by
`resolve_host`, which tests replace too, so no test touches the network.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

import httpcore
import httpx

from ..errors import FetchError, ForbiddenAddressError, InputError, InputTooLargeError
from ..options import Options
from .base import RawDocument
from .text import document_from_bytes

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# Browsers stop at 20 hops; news sites need 1–3 (http → https → canonical → consent page).
MAX_REDIRECTS = 10
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """A body fetched within the limits, with what the server said about it."""

    url: str
    body: bytes
    media_type: str | None
    charset: str | None


def resolve_host(host: str) -> list[str]:
    """Every address the host name resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc}): check the URL and your network connection") from None
    return sorted({str(info[4][0]).split("%")[0] for info in infos})


# IPv6 ranges that carry an IPv4 address inside them, which a gateway or the host itself may route to that
# IPv4 address: NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48), 6to4 (2002::/16), Teredo (2001::/32),
# IPv4-mapped (::ffff:0:0/96) and the deprecated IPv4-compatible (::/96). `64:ff9b::7f00:1` is 127.0.0.1 to a
# NAT64 gateway; Python calls some of these global. They are refused whatever the IPv4 address inside.
EMBEDDING_IPV4 = tuple(
    ipaddress.ip_network(net)
    for net in ("64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "2001::/32", "::ffff:0:0/96", "::/96")
)


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses, and for IPv6
    addresses that embed an IPv4 address (EMBEDDING_IPV4)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and any(ip in net for net in EMBEDDING_IPV4):
        return False
    return ip.is_global and not ip.is_multicast


def check_address(url: httpx.URL, options: Options) -> str | None:
    """Refuse a URL that is not http(s), or whose host is (or resolves to) a non-public address; the address
    checked, which the connection must use (None when private addresses are allowed: no check, no pin)."""
    if url.scheme not in ("http", "https"):
        raise InputError(f"cannot fetch {url}: only http:// and https:// URLs are supported")
    if not url.host:
        raise InputError(f"cannot fetch {url}: the URL has no host name")
    if options.allow_private_urls:
        return None
    try:
        addresses = [str(ipaddress.ip_address(url.host))]
    except ValueError:
        addresses = resolve_host(url.host)
    if not addresses:
        raise FetchError(f"cannot resolve host {url.host!r}: check the URL and your network connection")
    for address in addresses:
        if not is_public_address(address):
            raise ForbiddenAddressError(
                f"refusing to fetch {url}: {url.host} is a private, loopback or reserved address ({address}); "
                "set NEWSFACTS_ALLOW_PRIVATE_URLS=1 if you trust this network"
            )
    return addresses[0]


class PinnedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to the address `check_address` approved for each host name.

    The HTTP client would otherwise resolve the name again to connect, and a DNS server that answers a public
    address to the check and 127.0.0.1 to the connection (DNS rebinding) reached the intranet. Only the
    connection's address changes: the URL, the Host header, the TLS server name and the certificate check
    all still use the host name."""

    def __init__(self) -> None:
        super().__init__()
        self.pins: dict[str, str] = {}

    def pin(self, host: str, address: str) -> None:
        self.pins[host.lower()] = address

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # type: ignore[no-untyped-def]
        address = self.pins.get(str(host).lower())
        if address is None:
            raise httpcore.ConnectError(f"{host} was not checked before connecting; refusing to connect")
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


def pinned_transport(backend: PinnedBackend) -> httpx.HTTPTransport:
    """httpx's transport with its connection pool's network backend replaced by the pinning one."""
    transport = httpx.HTTPTransport()
    transport._pool._network_backend = backend  # httpcore 1.x: the pool opens every connection through it
    return transport


def _media_type(response: httpx.Response) -> tuple[str | None, str | None]:
    """(media type, charset) from the Content-Type header; None where the server gave none."""
    header = response.headers.get("content-type")
    if not header:
        return None, None
    media_type = header.split(";")[0].strip().lower() or None
    return media_type, response.charset_encoding


def _read_capped(response: httpx.Response, url: httpx.URL, options: Options) -> bytes:
    """The body, read in chunks and abandoned as soon as it passes the size limit."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise InputTooLargeError(
            f"{url} is {int(declared):,} bytes, over the limit of {options.max_bytes:,}: raise NEWSFACTS_MAX_BYTES"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise InputTooLargeError(
                f"{url} is over the limit of {options.max_bytes:,} bytes: raise NEWSFACTS_MAX_BYTES to read it"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str, options: Options, accept: frozenset[str], transport: httpx.BaseTransport | None = None
) -> Fetched:
    """GET a URL within the limits, following redirects by hand so that each hop's address is checked."""
    try:
        current = httpx.URL(url.strip())
    except httpx.InvalidURL as exc:
        raise InputError(f"{url!r} is not a valid URL ({exc}): check it") from None
    headers = {"User-Agent": options.user_agent, "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1"}
    backend = PinnedBackend()
    if transport is None and not options.allow_private_urls:
        transport = pinned_transport(backend)
    try:
        with httpx.Client(
            transport=transport, timeout=httpx.Timeout(options.timeout_s), headers=headers, follow_redirects=False,
            trust_env=options.allow_private_urls,  # a proxy would connect by name again: no pin, no check
        ) as client:
            for _ in range(MAX_REDIRECTS + 1):
                address = check_address(current, options)
                if address is not None:
                    backend.pin(current.host, address)
                with client.stream("GET", current) as response:
                    if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                        current = current.join(response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise FetchError(
                            f"{current} answered HTTP {response.status_code} {response.reason_phrase}: check the "
                            "URL, or save the page from a browser and give the file"
                        )
                    media_type, charset = _media_type(response)
                    if media_type is not None and media_type not in accept:
                        raise InputError(
                            f"{current} is {media_type}, not a news page ({', '.join(sorted(accept))}): give the "
                            "address of the article itself"
                        )
                    body = _read_capped(response, current, options)
                    return Fetched(url=str(current), body=body, media_type=media_type, charset=charset)
    except httpx.TimeoutException:
        raise FetchError(
            f"timed out after {options.timeout_s:g} s fetching {current}: try again later, or save the page and "
            "give the file"
        ) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"could not fetch {current} ({type(exc).__name__}: {exc}): check the URL and your "
                         "network connection") from None
    raise FetchError(f"{url} redirected more than {MAX_REDIRECTS} times: give the final address of the article")


def fetch_url(url: str, options: Options, transport: httpx.BaseTransport | None = None) -> RawDocument:
    """One web page as a RawDocument (HTML or plain text), decoded with the charset the server declares."""
    fetched = fetch(url, options, ARTICLE_TYPES, transport=transport)
    is_html = fetched.media_type in ("text/html", "application/xhtml+xml")
    document = document_from_bytes(
        fetched.body, fetched.url, options, declared=fetched.charset, html_hint=is_html
    )
    return RawDocument(
        content=document.content,
        is_html=document.is_html,
        url=fetched.url,
        origin=url,
        encoding=document.encoding,
    )
