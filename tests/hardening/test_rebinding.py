"""DNS rebinding and IPv6 forms of IPv4 (issue 12, defect 2): the fetch connects to the address that was
checked, with the host name kept for the Host header and TLS; no test touches the network (a resolver stub
and an in-memory network stream stand in)."""

from __future__ import annotations

import httpcore
import pytest
from httpcore._backends.mock import MockStream

from newsfacts.errors import FetchError, ForbiddenAddressError
from newsfacts.ingest import url as url_module
from newsfacts.ingest.url import fetch_url, is_public_address
from newsfacts.options import Options

PUBLIC = "93.184.216.34"
BODY = b"Police said five people were killed in the market on Monday, and twelve were injured there. " * 3


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::5db8:d822",  # NAT64 of a public address: refused too, as the issue asks
        "64:ff9b:1::a00:1",  # local-use NAT64
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:c0a8:104::1",  # 6to4 of 192.168.1.4
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:93.184.216.34",  # IPv4-mapped public: still an IPv4 address in IPv6 clothing
        "::127.0.0.1",  # IPv4-compatible
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "127.0.0.1",
        "10.1.2.3",
        "::1",
        "fe80::1",
    ],
)
def test_embedded_and_private_addresses_are_refused(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", [PUBLIC, "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])
def test_public_addresses_pass(address: str) -> None:
    assert is_public_address(address)


class RecordingStream(MockStream):
    """An HTTP server in memory: answers one response and remembers what was written and the TLS name."""

    def __init__(self, response: list[bytes]) -> None:
        super().__init__(response)
        self.written = b""
        self.server_hostname: str | None = None

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.written += buffer

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):  # type: ignore[no-untyped-def]
        self.server_hostname = server_hostname
        return self


@pytest.fixture
def network(monkeypatch):
    """A resolver that answers a public address once and loopback afterwards (a rebinding DNS server), and
    a network that records where each connection went."""
    answers = iter([[PUBLIC]])
    resolved: list[str] = []
    connections: list[tuple[str, int]] = []
    streams: list[RecordingStream] = []

    def resolve(host: str) -> list[str]:
        resolved.append(host)
        return next(answers, ["127.0.0.1"])

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        connections.append((host, port))
        head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + str(len(BODY)).encode() + b"\r\n\r\n")
        stream = RecordingStream([head, BODY])
        streams.append(stream)
        return stream

    monkeypatch.setattr(url_module, "resolve_host", resolve)
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    return resolved, connections, streams


def test_the_connection_goes_to_the_checked_address(network) -> None:
    resolved, connections, streams = network
    document = fetch_url("http://rebind.example/article", Options())
    assert document.content.startswith("Police said")
    assert resolved == ["rebind.example"]  # resolved once, for the check
    assert connections == [(PUBLIC, 80)]  # not a second lookup (which would answer 127.0.0.1)
    assert b"Host: rebind.example\r\n" in streams[0].written


def test_tls_keeps_the_host_name(network) -> None:
    _, connections, streams = network
    fetch_url("https://rebind.example/article", Options())
    assert connections == [(PUBLIC, 443)]
    assert streams[0].server_hostname == "rebind.example"  # SNI and the certificate check use the name
    assert b"Host: rebind.example\r\n" in streams[0].written


def test_a_redirect_is_checked_and_pinned_again(monkeypatch, network) -> None:
    resolved, connections, _ = network

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        connections.append((host, port))
        return RecordingStream([b"HTTP/1.1 302 Found\r\nLocation: http://second.example/x\r\nContent-Length: 0\r\n\r\n"])

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    with pytest.raises(ForbiddenAddressError):  # the second name answers 127.0.0.1: refused before connecting
        fetch_url("http://rebind.example/article", Options())
    assert resolved == ["rebind.example", "second.example"]
    assert connections == [(PUBLIC, 80)]


def test_an_unchecked_host_is_never_connected() -> None:
    backend = url_module.PinnedBackend()
    with pytest.raises(httpcore.ConnectError):
        backend.connect_tcp("elsewhere.example", 80)


def test_an_empty_answer_is_a_fetch_error(monkeypatch) -> None:
    monkeypatch.setattr(url_module, "resolve_host", lambda host: [])
    with pytest.raises(FetchError):
        fetch_url("http://nowhere.example/", Options())
