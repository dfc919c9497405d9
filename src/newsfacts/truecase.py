"""Case recovery for upper-case text (old wire services, teletype, archives) before it is parsed.

spaCy's English pipelines are trained on mixed-case text: in "A GUARD WAS WOUNDED" every word looks like a
proper noun, so the parse finds no predicate and no count. This stage guesses a plausible case for text that
is (mostly) upper case, block by block, and leaves mixed-case text as it is:

1. sentence starts and the pronoun "I" get a capital;
2. words of the English word list (the lemmatizer's WordNet tables, its exceptions and suffix rules, and the
   pipeline's stop words) go lower case;
3. place names of the gazetteer (countries, states, cities, several-word names such as "San Salvador"),
   demonyms of countries ("Salvadoran"), months and weekdays get a capital;
4. other short words without a lower-case form in the list (FMLN, AFP) stay upper case; longer ones (names)
   get a capital.

The result has the same length as the input, character by character, so every offset into it is an offset into
the text as given: the pipeline parses the recased text and slices evidence from the original.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .places import fold

# A block is upper-case text when at least this share of its cased letters are capitals. Real all-caps wire
# copy keeps a few lower-case letters (a "[text]" tag, "pm", "km"); mixed-case prose is below 0.2.
UPPER_SHARE = 0.9
# Fewer cased letters than this in a block and it is a headline, a code or a name, not running text: it is
# recased only when the whole document is upper case.
MIN_BLOCK_LETTERS = 40
# Words shorter than this that are not English words are read as acronyms (AFP, ELN), and words of this length
# with no vowel or three consonants in a row (FMLN, CPDN); longer unknown words are names.
ACRONYM_MAX = 4
# A gazetteer city whose name is also an English word ("Mobile", "Reading", "Police") gets a capital only when
# it is at least this big and the word is a noun alone in the word list: "Lima", "Bogota", "Salvador", not "bath"
# as a noun of 80,000 people.
COMMON_WORD_CITY_POPULATION = 500_000

_BLOCK = re.compile(r"\S(?:.*?)(?=\n[ \t]*\n|\Z)", re.DOTALL)
_WORD = re.compile(r"[^\W\d_]+")
_BRACKETED = re.compile(r"[(\[]([^\W\d_a-z]{2,5})[)\]]")
_SENTENCE_END = frozenset(".!?")
# After these the next word opens a new unit of text: "(AFP) -- [TEXT] A GUARD", "REPORTER: THE ARMY".
_OPENERS = frozenset("\"“([]:")
_MONTHS = frozenset(
    "january february april june july august september october november december "
    "jan feb apr jun jul aug sep sept oct nov dec".split()
)
# Month names that are also common words: a capital only next to a figure ("15 MAY 89", "MARCH 3").
_AMBIGUOUS_MONTHS = frozenset({"march", "may", "mar"})
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# Demonyms a suffix rule cannot make from the country's name.
_IRREGULAR_DEMONYMS = frozenset(
    "american americans british english french spanish dutch irish scottish welsh swiss peruvian peruvians "
    "soviet soviets argentine filipino filipinos portuguese catholic catholics christian christians muslim "
    "muslims jewish latin".split()
)


# Suffixes that make a word from a word (and the endings the stem may have lost): the word list has the base.
_DERIVATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ically", ("ic", "ical")), ("ally", ("al", "")), ("ily", ("y",)), ("ly", ("", "e", "le")),
    ("ness", ("", "y")), ("ment", ("",)), ("ments", ("",)), ("al", ("", "e")), ("ist", ("", "ism", "y")),
    ("ists", ("", "ism", "y")), ("ism", ("", "e")), ("ity", ("", "e")), ("less", ("",)), ("ful", ("",)),
    ("ization", ("ize", "")), ("ation", ("ate", "e", "")), ("ations", ("ate", "e", "")), ("ers", ("", "e")),
    ("er", ("", "e")), ("ed", ("", "e")), ("ing", ("", "e")),
)
_PREFIXES = ("anti", "non", "pro", "counter", "para", "un", "re", "pre", "post", "ex", "semi", "co")


@dataclass(frozen=True)
class Recased:
    """The text to parse, and how many blocks had their case recovered (0: the text was left as given)."""

    text: str
    blocks: int


def upper_share(text: str) -> tuple[float, int]:
    """Share of cased letters that are capitals, and how many cased letters there are."""
    upper = sum(map(str.isupper, text))  # map over a str method runs in C: ~0.1 ms for an article
    lower = sum(map(str.islower, text))
    cased = upper + lower
    return (upper / cased if cased else 0.0), cased


def is_upper_text(text: str, min_letters: int = MIN_BLOCK_LETTERS) -> bool:
    share, cased = upper_share(text)
    return cased >= min_letters and share >= UPPER_SHARE


def truecase(text: str, lexicon: CaseLexicon) -> Recased:
    """The text with its upper-case blocks recased; the same string when no block is upper case."""
    whole_upper = is_upper_text(text)
    # an abbreviation the text sets in brackets once, "(AFP)", "[FBI]", is one wherever the text uses it; a
    # longer English word in brackets is an editor's tag ("[TEXT]") or a party named by a word ("(ARENA)")
    acronyms = frozenset(low for m in _BRACKETED.finditer(text)
                         if len(low := m.group(1).lower()) <= 3 or not lexicon.is_word(low))
    out = list(text)
    changed = 0
    for block in _BLOCK.finditer(text):
        share, cased = upper_share(block.group())
        if share < UPPER_SHARE or not cased or (cased < MIN_BLOCK_LETTERS and not whole_upper):
            continue
        recased = recase_block(block.group(), lexicon, acronyms)
        if recased != block.group():
            out[block.start():block.end()] = recased
            changed += 1
    return Recased("".join(out) if changed else text, changed)


def recase_block(text: str, lexicon: CaseLexicon, acronyms: frozenset[str] = frozenset()) -> str:
    """One upper-case block recased word by word; same length as the input. `acronyms` (lower case) stay
    capitals wherever they occur."""
    words = list(_WORD.finditer(text))
    cases = ["upper" if m.group().lower() in acronyms else lexicon.case_of(m.group()) for m in words]
    _mark_place_phrases(text, words, cases, lexicon)
    _mark_name_words(text, words, cases, lexicon)
    out = list(text)
    for m, case in zip(words, cases):
        low = m.group().lower()
        if low in _AMBIGUOUS_MONTHS and _next_to_figure(text, m.start(), m.end()):
            case = "title"
        if case != "lower" and low.endswith("n") and text[m.end():m.end() + 2].lower() == "'t":
            case = lexicon.case_of(m.group()[:-1])  # DIDN'T, WASN'T: the verb before the negation
        if len(low) <= ACRONYM_MAX + 1 and text[m.start() - 1:m.start()] == "(" and text[m.end():m.end() + 1] == ")":
            case = "upper"  # "(AFP)", "(ELN)": a word alone in brackets after a name is its abbreviation
        if _after_apostrophe(text, m.start()):
            case = "lower"  # DON'T, GUERRILLAS' : the letters after the apostrophe belong to the word
        elif case == "lower" and (low == "i" or _opens_sentence(text, m.start())):
            case = "title"
        out[m.start():m.end()] = _apply(m.group(), case)
    return "".join(out)


def _apply(word: str, case: str) -> str:
    """The word in the case asked for, character by character: a character whose other case is longer than
    one character ('ß'.upper(), 'İ'.lower()) stays as it is, so the length never changes."""
    if case == "upper":
        return "".join(_one(ch, ch.upper()) for ch in word)
    lowered = "".join(_one(ch, ch.lower()) for ch in word)
    if case == "title":
        return _one(word[0], word[0].upper()) + lowered[1:]
    return lowered


def _one(ch: str, changed: str) -> str:
    return changed if len(changed) == 1 else ch


def _opens_sentence(text: str, start: int) -> bool:
    """Nothing but spaces and openers between the previous sentence end (or the block start) and the word."""
    i = start - 1
    while i >= 0 and (text[i] in " \t\n" or text[i] in _OPENERS or text[i] in "'‘-—–"):
        if text[i] == ":" or text[i] == "\n" and text[:i].rstrip(" \t").endswith("\n"):
            return True
        if text[i] == "]" and _opens_with_tag(text, i):
            return True
        if text[i] == "-" and i > 0 and text[i - 1] == "-" and text[:i - 1].rstrip().endswith(")"):
            return True  # the dateline's "(AFP) --"
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END and not _is_initial(text, i)


def _opens_with_tag(text: str, close: int) -> bool:
    """'-- [TEXT] A GUARD', '[EXCERPTS] THE': an editor's tag that opens the story, not '[PDC] NATIONAL'."""
    open_at = text.rfind("[", 0, close)
    before = text[:open_at].rstrip()
    return open_at >= 0 and (not before or before.endswith(("--", "]")) or before[-1] in _SENTENCE_END)


def _is_initial(text: str, dot: int) -> bool:
    """'J. SMITH', 'U.S. TROOPS': a dot after a single letter ends an initial, not a sentence."""
    return dot >= 1 and text[dot - 1].isalpha() and (dot < 2 or not text[dot - 2].isalpha())


def _after_apostrophe(text: str, start: int) -> bool:
    return start >= 2 and text[start - 1] in "'’" and text[start - 2].isalpha()


def _next_to_figure(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 4):start].strip()
    after = text[end:end + 4].strip()
    return bool(before[-1:].isdigit() or after[:1].isdigit())


def _consonant_cluster(low: str) -> bool:
    """Three consonants in a row that no English word of four letters has: 'CPDN', 'ARDN'."""
    return len(low) == ACRONYM_MAX and re.search(r"[^aeiouy]{3}", low) is not None


def _mark_name_words(text: str, words: list[re.Match], cases: list[str], lexicon: CaseLexicon) -> None:
    """A noun that is also a first name or a title goes with the name it stands before: 'EDGAR PALACIOS',
    'PRESIDENT ALFREDO CRISTIANI', 'JOSE NAPOLEON DUARTE'. Only unknown words (not places) count as names."""
    names = {j for j, m in enumerate(words) if cases[j] == "title" and not lexicon.is_word(m.group().lower())}
    for k in range(len(words) - 2, -1, -1):
        low = words[k].group().lower()
        if cases[k] == "lower" and low in lexicon.noun_only and low not in lexicon.stop_words \
                and text[words[k].end():words[k + 1].start()] == " " and k + 1 in names:
            cases[k] = "title"
            names.add(k)


def _mark_place_phrases(text: str, words: list[re.Match], cases: list[str], lexicon: CaseLexicon) -> None:
    """Gazetteer names of two or three words ('SAN SALVADOR', 'LA PAZ', 'NEW YORK'): each word a capital."""
    for k in range(len(words)):
        for n in (3, 2):
            if k + n > len(words):
                continue
            run = words[k:k + n]
            if any(text[a.end():b.start()] != " " for a, b in zip(run, run[1:])):
                continue
            if lexicon.is_place_phrase(" ".join(m.group().lower() for m in run)):
                for j in range(k, k + n):
                    cases[j] = "title"
                break


class CaseLexicon:
    """What a word's case should be, from the pipeline's own tables and the gazetteer: nothing is downloaded."""

    def __init__(self, words: frozenset[str], rules: dict[str, list[tuple[str, str]]],
                 noun_only: frozenset[str], stop_words: frozenset[str], place_lookup) -> None:
        self.words = words
        self.rules = rules
        self.noun_only = noun_only
        self.stop_words = stop_words
        self._place_lookup = place_lookup
        self._demonym_roots = _demonym_roots()

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process; the cache dies with it
    def case_of(self, word: str) -> str:
        """'lower', 'title' or 'upper' for one word as the block writes it (upper case)."""
        low = word.lower()
        if low in self.stop_words:
            return "lower"
        if low in _WEEKDAYS or (low in _MONTHS and low not in _AMBIGUOUS_MONTHS) or self.is_demonym(low):
            return "title"
        place = self._place_lookup(low)
        if place is not None and self._names_place(low, place):
            return "title"
        if len(low) == 1:
            return "upper"  # an initial ('J. SMITH', 'U.S.'); 'a' and 'I' are stop words
        if len(low) == 3 and low not in self.stop_words and re.match(r"[^aeiouy]{2}[^y]", low):
            return "upper"  # FBI, PLO, GMT: no English word of three letters opens with two consonants but -y ones
        if self.is_word(low):
            return "lower"
        if len(low) < ACRONYM_MAX or not any(v in low for v in "aeiouy") or _consonant_cluster(low):
            return "upper"
        return "title"

    def _names_place(self, low: str, place) -> bool:
        if place.feature in ("country", "admin", "continent"):
            return True
        if not self.is_word(low):
            return True
        # an English word names a place only as the place's own name, not one of its many alternates
        return (low in self.noun_only and place.population >= COMMON_WORD_CITY_POPULATION
                and fold(place.name) == low)

    @functools.lru_cache(maxsize=65536)  # noqa: B019
    def is_word(self, low: str) -> bool:
        """An English word or an inflection of one, by the lemmatizer's tables and suffix rules."""
        if low in self.words or low in self.stop_words:
            return True
        for rules in self.rules.values():
            for old, new in rules:
                if low.endswith(old) and len(low) > len(old) and low[: len(low) - len(old)] + new in self.words:
                    return True
        return self._is_derived(low)

    def _is_derived(self, low: str) -> bool:
        """'infamously', 'fratricidal', 'antigovernment': a word of the list with a common affix."""
        for suffix, replacements in _DERIVATIONS:
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                stem = low[: -len(suffix)]
                if any(stem + r in self.words for r in replacements):
                    return True
        for prefix in _PREFIXES:
            if low.startswith(prefix) and len(low) - len(prefix) >= 4 and self.is_word(low[len(prefix):]):
                return True
        # a closed compound of two words: 'machinegunned', 'antiexplosives' is a prefix and a word
        return any(low[:k] in self.words and len(low[:k]) >= 4 and self.is_word(low[k:])
                   for k in range(4, len(low) - 3))

    def is_demonym(self, low: str) -> bool:
        """'salvadoran', 'colombians', 'iraqi', 'chinese': made from a country's name by the usual suffixes."""
        if low in _IRREGULAR_DEMONYMS:
            return True
        stem = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
        for suffix in ("ian", "an", "n", "ese", "i", "ish"):
            if stem.endswith(suffix) and len(stem) > len(suffix) + 2:
                root = stem[: -len(suffix)]
                if root in self._demonym_roots or root + "a" in self._demonym_roots or root + "o" in self._demonym_roots:
                    return True
        return False

    def is_place_phrase(self, phrase: str) -> bool:
        if all(w in self.stop_words for w in phrase.split()):
            return False
        place = self._place_lookup(phrase)
        return place is not None


@functools.cache
def _demonym_roots() -> frozenset[str]:
    """Country names (last word, 'el salvador' → 'salvador') and their stems without a final vowel or 's'."""
    import json

    from .places import _data_dir

    countries = json.loads((_data_dir() / "countries.json").read_text(encoding="utf-8"))
    roots: set[str] = set()
    for country in countries.values():
        name = country["name"].strip().lower().split()[-1]
        roots.add(name)
        if name[-1:] in "aeious":
            roots.add(name[:-1])
    return frozenset(r for r in roots if len(r) >= 3)


@functools.cache
def lexicon_for(nlp) -> CaseLexicon:
    """The case lexicon of a loaded pipeline (its lemmatizer's tables and stop words), built once per pipeline."""
    from .places import gazetteer

    words: set[str] = set()
    noun_only: set[str] = set()
    rules: dict[str, list[tuple[str, str]]] = {}
    if "lemmatizer" in nlp.pipe_names:
        lookups = nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index") if lookups.has_table("lemma_index") else {}
        by_pos = {pos: set(index.get(pos) or ()) for pos in ("noun", "verb", "adj", "adv")}
        for found in by_pos.values():
            words |= found
        noun_only = by_pos["noun"] - by_pos["verb"] - by_pos["adj"] - by_pos["adv"]
        if lookups.has_table("lemma_exc"):
            for table in lookups.get_table("lemma_exc").values():
                words.update(table)
        if lookups.has_table("lemma_rules"):
            rules = {pos: [tuple(r) for r in found] for pos, found in lookups.get_table("lemma_rules").items()}
    # WordNet keeps several-word entries with underscores; the words of the text never have them.
    words = {w for w in words if "_" not in w and " " not in w}
    return CaseLexicon(frozenset(words), rules, frozenset(noun_only),  # type: ignore[arg-type]
                       frozenset(w.lower() for w in nlp.Defaults.stop_words), gazetteer().lookup)


def recase_for_parse(text: str, nlp) -> Recased:
    """What the pipeline parses: the text with its upper-case blocks recased (the text itself when none is)."""
    if upper_share(text)[0] < UPPER_SHARE and not _has_upper_block(text):
        return Recased(text, 0)
    return truecase(text, lexicon_for(nlp))


def _has_upper_block(text: str) -> bool:
    return any(is_upper_text(block.group()) for block in _BLOCK.finditer(text))


def restore_text(value, original: str, recased: str):
    """The record with every Span's text sliced again from the original text, recursively; a record's `text`
    that is a slice of its evidence (an entity, a date, a quote) is taken from the original too."""
    from pydantic import BaseModel

    from .model import Span

    if isinstance(value, Span):
        text = original[value.start:value.end]
        return value if text == value.text else value.model_copy(update={"text": text})
    if isinstance(value, BaseModel):
        updates = {}
        for name in type(value).model_fields:
            current = getattr(value, name)
            new = restore_text(current, original, recased)
            if new is not current:
                updates[name] = new
        evidence = getattr(value, "evidence", None)
        own = getattr(value, "text", None)
        if isinstance(evidence, Span) and isinstance(own, str):
            at = recased.find(own, evidence.start, evidence.end) if own else -1
            if at >= 0 and original[at:at + len(own)] != own:
                updates["text"] = original[at:at + len(own)]
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        items = [restore_text(v, original, recased) for v in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    if isinstance(value, dict):
        entries = {k: restore_text(v, original, recased) for k, v in value.items()}
        return entries if any(entries[k] is not value[k] for k in value) else value
    return value


def warning(recased: Recased) -> str:
    blocks = f"{recased.blocks} block" + ("s" if recased.blocks != 1 else "")
    return (f"upper-case text: its case was recovered for parsing ({blocks}); evidence quotes the text as given, "
            "and names may be spelled in the recovered case")
