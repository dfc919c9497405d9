"""Undeclared encodings are detected (charset-normalizer), while short Western text keeps the WHATWG default."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.ingest.text import BOMS, decode_bytes, read_path
from newsfacts.language import detect_language
from newsfacts.options import Options

RUSSIAN = ("В результате обстрела в пригороде погибли три человека, ещё пятеро получили ранения, сообщили в "
           "полиции города. Власти объявили траур, на месте работают спасатели и следователи.")
GREEK = ("Τρεις άνθρωποι σκοτώθηκαν και πέντε τραυματίστηκαν σε έκρηξη στο κέντρο της πόλης, ανακοίνωσε η "
         "αστυνομία. Οι αρχές ερευνούν τα αίτια της έκρηξης.")
TURKISH = "Saldırıda üç kişi hayatını kaybetti, polis açıklama yaptı. Şehirde güvenlik önlemleri artırıldı."


@pytest.mark.parametrize("text, codec", [(RUSSIAN, "cp1251"), (GREEK, "cp1253"), (TURKISH, "cp1254")])
def test_an_undeclared_legacy_encoding_is_detected(text, codec):
    decoded, encoding = decode_bytes(text.encode(codec))
    assert decoded == text and encoding == codec


def test_an_undeclared_windows_1251_page_is_read_as_russian_not_turkish(tmp_path):
    page = tmp_path / "news.html"
    page.write_bytes(f"<html><body><article><p>{RUSSIAN}</p><p>{RUSSIAN}</p></article></body></html>".encode("cp1251"))
    document = read_path(page, Options())
    assert RUSSIAN in document.content and document.encoding == "cp1251"
    assert detect_language(RUSSIAN) == "ru"


@pytest.mark.parametrize("data, text", [
    ("Préfecture “x” — y".encode("cp1252"), "Préfecture “x” — y"),
    ("The minister said “three people” were killed – police confirmed it in Zürich.".encode("cp1252"),
     "The minister said “three people” were killed – police confirmed it in Zürich."),
])
def test_western_text_stays_windows_1252(data, text):
    assert decode_bytes(data) == (text, "cp1252")


def test_a_declared_charset_still_wins():
    assert decode_bytes(RUSSIAN.encode("koi8_r"), "koi8-r") == (RUSSIAN, "koi8-r")



@settings(deadline=None, max_examples=150)
@given(st.binary(max_size=3000))
def test_decoding_never_fails_and_a_detected_codec_reads_every_byte(data):
    text, encoding = decode_bytes(data)
    assert isinstance(text, str)
    if encoding not in ("cp1252", "utf-8") and not any(data.startswith(bom) for bom, _ in BOMS):
        assert data.decode(encoding) == text  # (a byte-order mark is dropped, by design)


def test_utf8_is_taken_before_any_detection():
    text = "Взрыв в центре города, Έκρηξη στο κέντρο. " * 10
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
