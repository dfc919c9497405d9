"""Text and HTML from a string, a file or stdin: size, emptiness and binary checks, and decoding.

Decoding follows what browsers do (WHATWG): a byte-order mark wins, then the charset the carrier declares
(HTTP header), then the page's own `<meta charset>` or XML declaration, then strict UTF-8, and last
Windows-1252, which is also what a page declaring ISO-8859-1 or ASCII really means (curly quotes in 0x80–0x9F).
"""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path
from typing import BinaryIO

import httpx

from ..errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError
from ..options import Options
from .base import RawDocument

# Bytes a text file never starts with; named so the message can say what the file is.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x7fELF", "a program"),
)
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# WHATWG: these labels decode as Windows-1252, a superset that gives curly quotes and dashes their meaning.
WINDOWS_1252_ALIASES = frozenset({"ascii", "latin_1", "iso8859_1", "cp1252"})
# How far into a file binary sniffing and <meta charset> look; a page's <head> declares it within this.
SNIFF_BYTES = 8192
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_HTML_START = re.compile(r"\A\s*(<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<(!doctype\s+)?html\b)", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?(html|head|body|article|main|div|p|br|span|h[1-6]|a|meta|title|section)\b[^<>]*>", re.I)
# Two structural tags in the opening stretch tell an HTML fragment from text that merely mentions "<p>".
MIN_HTML_TAGS = 2


def _codec_name(label: str | None) -> str | None:
    """The Python codec for an encoding label, with ISO-8859-1 and ASCII widened to Windows-1252."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name.replace("-", "_") in WINDOWS_1252_ALIASES else name


def _try_decode(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_windows_1252(data: bytes) -> str:
    """Windows-1252, with the five bytes it leaves undefined mapped as in Latin-1 (never an error)."""
    return "".join(
        chunk.decode("cp1252", errors="strict") if index % 2 == 0 else chunk.decode("latin-1")
        for index, chunk in enumerate(re.split(rb"([\x81\x8d\x8f\x90\x9d]+)", data))
    )


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding): BOM, then the declared charset, then <meta charset>, then UTF-8, then what
    charset-normalizer finds in undeclared bytes, else Windows-1252 (the WHATWG default)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = _try_decode(data[len(bom) :], codec)
            if text is not None:
                return text, codec
    candidates = [_codec_name(declared)]
    meta = _META_CHARSET.search(data[:SNIFF_BYTES])
    if meta:
        candidates.append(_codec_name((meta.group(1) or meta.group(2)).decode("ascii")))
    for name in [*candidates, "utf-8"]:
        if name is None or name in ("utf-16", "utf-32"):  # a declared UTF-16 without a BOM is a mislabelled page
            continue
        text = _try_decode(data, name)
        if text is not None:
            return text, name
    western = _decode_windows_1252(data)
    detected = _detect_charset(data, western)
    return detected if detected else (western, "cp1252")


# The encodings web pages are written in, as charset-normalizer names them. Its other candidates (DOS and Mac
# code pages) fit short Western text as well as Windows-1252 does, and are never what a news page used.
WEB_CODECS = frozenset({
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874",
    "koi8_r", "koi8_u", "iso8859_2", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_9",
    "iso8859_13", "iso8859_15", "tis_620", "shift_jis", "cp932", "euc_jp", "iso2022_jp", "gb2312", "gbk",
    "gb18030", "big5", "big5hkscs", "euc_kr", "cp949",
})
# Below this many non-ASCII bytes there is too little evidence to overrule the WHATWG default (Windows-1252):
# a stray "café" must not become Cyrillic. A page in another script has hundreds.
MIN_DETECTION_BYTES = 16
DETECTION_SAMPLE = 256 * 1024


def _detect_charset(data: bytes, western: str) -> tuple[str, str] | None:
    """An undeclared, non-UTF-8 encoding found by charset-normalizer, when it reads the bytes differently
    from Windows-1252 (a windows-1251 Russian page); None keeps the Windows-1252 default."""
    if sum(byte >= 0x80 for byte in data[:DETECTION_SAMPLE]) < MIN_DETECTION_BYTES:
        return None
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:DETECTION_SAMPLE])
    best = matches.best()
    if best is None:
        return None
    codec = next((m.encoding for m in [best, *matches] if m.encoding in WEB_CODECS and m.chaos <= best.chaos), None)
    text = _try_decode(data, codec)
    if codec is None or text is None or text == western:
        return None
    return text, codec


def binary_kind(data: bytes) -> str | None:
    """What the bytes are when they are not text ("a PDF file", ...), or None for text."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, codec in BOMS if codec.startswith("utf-16") or codec.startswith("utf-32")):
        return None
    if b"\x00" in data[:SNIFF_BYTES]:
        return "binary data (it contains NUL bytes)"
    return None


def looks_like_html(text: str) -> bool:
    """True for a document or fragment of HTML, not for prose that mentions a tag."""
    head = text[:SNIFF_BYTES]
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= MIN_HTML_TAGS


def _too_large(origin: str, size: int, options: Options) -> InputTooLargeError:
    return InputTooLargeError(
        f"{origin} is {size:,} bytes, over the limit of {options.max_bytes:,}: give a single article, "
        "or raise the limit with NEWSFACTS_MAX_BYTES"
    )


def _empty(origin: str) -> EmptyInputError:
    return EmptyInputError(f"{origin} is empty: give a file, URL or text that holds a news article")


def check_bytes(data: bytes, origin: str, options: Options) -> None:
    """The checks every byte reader makes: size, emptiness, binary content."""
    if len(data) > options.max_bytes:
        raise _too_large(origin, len(data), options)
    if not data.strip():
        raise _empty(origin)
    kind = binary_kind(data)
    if kind:
        raise BinaryInputError(
            f"{origin} looks like {kind}, not text or HTML: convert it to text first (pdftotext, a browser's "
            "'save as text') and give that file"
        )


def document_from_bytes(
    data: bytes, origin: str, options: Options, declared: str | None = None, html_hint: bool = False
) -> RawDocument:
    """Checked and decoded bytes as a RawDocument; HTML when the hint says so or the content looks like it."""
    check_bytes(data, origin, options)
    text, encoding = decode_bytes(data, declared)
    if not text.strip():
        raise _empty(origin)
    return RawDocument(
        content=text, is_html=html_hint or looks_like_html(text), origin=origin, encoding=encoding
    )


def document_from_text(text: str, options: Options) -> RawDocument:
    """A string given directly (library call, web form) as a RawDocument."""
    # Every character is at least one byte, so only long strings need encoding to be measured.
    size = len(text) if len(text) * 4 <= options.max_bytes else len(text.encode("utf-8"))
    if size > options.max_bytes:
        raise _too_large("the text", size, options)
    if not text.strip():
        raise _empty("the text")
    if "\x00" in text[:SNIFF_BYTES]:
        raise BinaryInputError("the text contains NUL bytes, so it is binary data: give text or HTML")
    return RawDocument(content=text, is_html=looks_like_html(text))


def read_bytes(path: str | Path, options: Options) -> bytes:
    """A file's bytes, refused before reading when it is missing, a folder, or over the size limit."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise InputError(f"no such file: {file}: check the path (or give an http(s):// URL)") from None
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from None
    if file.is_dir():
        raise InputError(f"{file} is a folder: give one file (or use `newsfacts batch` for a folder)")
    if size > options.max_bytes:
        raise _too_large(str(file), size, options)
    try:
        with file.open("rb") as handle:
            return _read_capped(handle, str(file), options)
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from None


def _read_capped(handle: BinaryIO, origin: str, options: Options) -> bytes:
    """Read at most max_bytes + 1 bytes, so a growing file or an endless pipe cannot exhaust memory."""
    data = handle.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise _too_large(origin, len(data), options)
    return data


def read_path(path: str | Path, options: Options) -> RawDocument:
    """A file as a RawDocument: HTML when its name ends in .html/.htm or its content looks like HTML."""
    data = read_bytes(path, options)
    return document_from_bytes(data, str(path), options, html_hint=Path(path).suffix.lower() in HTML_SUFFIXES)


def read_stdin(options: Options) -> RawDocument:
    """Standard input as a RawDocument (bytes, so the encoding is detected like a file's)."""
    data = _read_capped(sys.stdin.buffer, "<stdin>", options)
    return document_from_bytes(data, "<stdin>", options)


def read_input(spec: str, options: Options, transport: httpx.BaseTransport | None = None) -> RawDocument:
    """One input named on the command line: "-" is stdin, http(s):// a URL, anything else a path."""
    if spec == "-":
        return read_stdin(options)
    if spec.lower().startswith(("http://", "https://")):
        from .url import fetch_url

        return fetch_url(spec, options, transport=transport)
    return read_path(spec, options)
