"""Language of each paragraph and of the whole article (lingua, offline, one detector per process).

The detector covers all of lingua's 75 languages in its low-accuracy mode. Measured here (lingua 2.1.1): building
it takes 0.3 s and 75 MB, against 10 s and 1.1 GB for the high-accuracy mode over all languages, and both
separate Turkish from Azerbaijani on the seed and dev posts (confidence ≥ 0.999). The low-accuracy mode is
unreliable on a handful of words ("Two killed in Lima." comes out Swedish at 0.46), so short or unsure text
gets no language rather than a wrong one.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from .model import Block

# Fewer letters than this and the n-gram evidence is too thin to name a language (a 3-word headline).
MIN_LETTERS = 12
# Below this top confidence the answer is a guess; calibrated on short posts: real one-sentence posts in
# tr/az/ru/es/fr score ≥ 0.63, while four-word English lines mistaken for Swedish or Polish score ≤ 0.46.
MIN_CONFIDENCE = 0.55
# What lingua reads of one block (see detect_language); the longest real words run to ~30 letters.
MAX_DETECT_CHARS = 2_000
MAX_DETECT_WORD = 40
# A closing credit line ("News.Az", "Latin Desk", "Euro Wire reports") is at most this many words.
CREDIT_MAX_WORDS = 5

_LINE = re.compile(r"[^\n]+")
_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


# English function words. Most paragraphs of English news prose have more than ENGLISH_SHARE of their words
# among them (lists and headlines may not: they go to lingua as before). Checked on the dev and held-out
# corpora: the embedded posts in Turkish, Azerbaijani, Spanish, French, German and Portuguese score <= 0.07.
_ENGLISH_WORDS = frozenset(
    "the of and to in a is was were that for on with as by at from it its his her their they he she has have had "
    "been be are an which who said after when but not this or than more also into over".split()
)
ENGLISH_SHARE = 0.28
ENGLISH_MIN_WORDS = 12
_WORDS = re.compile(r"[a-z]+")


def _plainly_english(text: str) -> bool:
    """A cheap answer for long English prose, which is most of every article (lingua costs ~2 ms a block)."""
    words = _WORDS.findall(text.lower())
    return len(words) >= ENGLISH_MIN_WORDS and sum(w in _ENGLISH_WORDS for w in words) / len(words) >= ENGLISH_SHARE


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ("tr", "az", "en", ...), or None when too short or unsure."""
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return None
    if _plainly_english(text):
        return "en"
    # lingua's time grows faster than the length of a long word (60,000 letters in one word took 6 s): it
    # reads a sample, in whole words of at most MAX_DETECT_WORD letters; a paragraph's language shows in its
    # first thousand characters.
    sample = " ".join(word[:MAX_DETECT_WORD] for word in text[:MAX_DETECT_CHARS].split())
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def language_name(code: str) -> str:
    """English name of an ISO 639-1 code ("tr" → "Turkish"); the code itself when lingua does not know it."""
    from lingua import IsoCode639_1, Language

    member = getattr(IsoCode639_1, code.upper(), None)
    if member is None:
        return code
    return Language.from_iso_code_639_1(member).name.capitalize()


def _looks_like_credit(line: str) -> bool:
    """A short closing line with no sentence end: the outlet's credit ("News.Az", "Euro Wire reports")."""
    words = line.split()
    return 0 < len(words) <= CREDIT_MAX_WORDS and not line.rstrip().endswith((".", "!", "?", ":", '"', "”"))


def detect_blocks(text: str) -> list[Block]:
    """One block per non-empty line (paragraphs are lines in clean text), with its offsets and language."""
    blocks: list[Block] = []
    matches = [m for m in _LINE.finditer(text) if m.group().strip()]
    for index, match in enumerate(matches):
        line = match.group()
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.end() - (len(line) - len(line.rstrip()))
        is_last = index == len(matches) - 1
        kind: Literal["credit", "paragraph"] = (
            "credit" if is_last and index > 0 and _looks_like_credit(line) else "paragraph")
        blocks.append(Block(start=start, end=end, language=detect_language(line), kind=kind))
    return blocks


def article_language(blocks: list[Block]) -> str | None:
    """The language with the most characters across the blocks; None when no block has one."""
    sizes: dict[str, int] = {}
    for block in blocks:
        if block.language:
            sizes[block.language] = sizes.get(block.language, 0) + block.end - block.start
    if not sizes:
        return None
    return max(sizes, key=lambda code: sizes[code])


def warnings(blocks: list[Block]) -> list[str]:
    """What the reader should know about language: counted facts come from English text only."""
    if not blocks:
        return []
    code = article_language(blocks)
    if code is None:
        return ["could not tell the article's language; counted facts are extracted from English text only"]
    if code != "en":
        return [
            f"the article is in {language_name(code)} ({code}); counted facts are extracted from English "
            "text only, so few or none were found: translate it to English for a full extraction"
        ]
    return []
