"""Direct speech: the words between quotation marks, with the speaker the parse names.

A quote is three or more words in straight, curly, low-9 or angle quotation marks; one or two quoted words are
scare quotes ('Black January') and are skipped. The speaker is, in order:

1. the subject of a speech verb (say, tell, add, write, ...) in the quote's sentence, or "according to X";
2. the subject of a short adjacent sentence that only attributes ("The minister said.", "He added:");
3. the speaker of the quote just before, when this one continues it (`"...," she said. "..."`);
4. for the article's translation of an embedded post ("The post says: ..."), the post's author.

A pronoun subject (he, she) becomes the nearest PERSON named before the quote; "it", "they" and nouns such as
"the statement" stay None rather than guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .model import Block, Post, Quote, Span
from .nlp import text_of

__all__ = ["QuotedSpan", "find_quotes", "quoted_spans"]

# Fewer quoted words than this are scare quotes or titles ('Black January'), not speech.
MIN_QUOTE_WORDS = 3
# How far back (characters) a "he said"/"she said" looks for the person it stands for; about two paragraphs
# of wire copy, beyond which another person has usually been named in between.
PRONOUN_LOOKBACK_CHARS = 800
# An adjacent attribution sentence ("The minister said.") is short; a longer one is a new statement.
MAX_ATTRIBUTION_TOKENS = 12
# Subjects longer than this are clauses, not names; the head noun phrase is kept instead.
MAX_SPEAKER_TOKENS = 8

SPEECH_VERBS = frozenset(
    """say tell add write announce state declare claim report confirm insist warn note explain stress
    tweet post reply respond recall acknowledge admit allege argue assert comment continue deny describe
    emphasise emphasize quote read remark reiterate shout urge vow pledge promise ask answer conclude
    call""".split()
)
# Nouns that write but do not speak: their quotes get the post's author or no speaker.
_DOCUMENT_NOUNS = frozenset("post tweet message statement caption text letter video report sign banner notice".split())
_PERSONAL_PRONOUNS = frozenset("he she him her".split())
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Dependents that do not belong in a speaker's name: "Ostrov, who heads the region," / "..., 54,".
_NOT_IN_NAME = frozenset("relcl acl appos advcl parataxis cc conj".split())


@dataclass(frozen=True)
class QuotedSpan:
    """The words inside one pair of quotation marks: `text[start:end]`, marks excluded."""

    start: int
    end: int


# An opening mark stands after a space, a bracket or a dash; a closing one is not followed by a letter
# ("don't" and "5'11" are not quotes).
_OPEN_BEFORE = r"(?<![^\s(\[{—–:;/\"“«„‘])"
_QUOTE_PATTERNS = [
    re.compile(r"“(?=\S)([^“”\n]+?)(?<=\S)”"),
    re.compile(r"„(?=\S)([^„“”\n]+?)(?<=\S)[“”]"),
    re.compile(r"«\s?([^«»\n]+?)\s?»"),
    re.compile(rf'{_OPEN_BEFORE}"(?=\S)([^"\n]+?)(?<=\S)"(?![^\W_])'),
    re.compile(rf"{_OPEN_BEFORE}‘(?=\S)([^‘\n]+?)(?<=\S)’(?![^\W_])"),
    re.compile(rf"{_OPEN_BEFORE}'(?=\S)([^'\n]+?)(?<=\S)'(?![^\W_])"),
]


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every outermost quoted stretch of one line, in order; quotes nested inside another are dropped."""
    found = sorted(
        {(match.start(1), match.end(1)) for pattern in _QUOTE_PATTERNS for match in pattern.finditer(text)},
        key=lambda span: (span[0], -span[1]),
    )
    outermost: list[QuotedSpan] = []
    for start, end in found:
        if outermost and start < outermost[-1].end:
            continue
        outermost.append(QuotedSpan(start, end))
    return outermost


def word_count(text: str) -> int:
    """Words as a reader counts them: "we've" and "2,300" are one each."""
    return len(_WORD.findall(text))


_WORD = re.compile(r"[^\W_]+(?:(?:['’-]|(?<=\d)[.,](?=\d))[^\W_]+)*")


def find_quotes(doc, blocks: list[Block], posts: list[Post] | None = None) -> list[Quote]:
    """Direct speech in the parsed clean text, with speaker, language and the span of the quoted words.
    `posts` are the article's embedded posts when the caller has found them already (else found here): a
    post's translation is quoted as its author's words."""
    text = text_of(doc)
    if posts is None:
        from .posts import find_posts

        posts = find_posts(text, blocks)
    translations = {post.translation: (post.evidence.end, post.author) for post in posts if post.translation}
    parsed = _Parsed.of(doc)
    quotes: list[Quote] = []
    previous: tuple[int, str | None] | None = None  # (sentence index, speaker) of the last quote
    for quoted in quoted_spans(text):
        start, end = quoted.start, _trim_trailing_comma(text, quoted.start, quoted.end)
        words = text[start:end]
        if word_count(words) < MIN_QUOTE_WORDS:
            continue
        sentence_index = parsed.sentence_index(start)
        translated = translations.get(words)
        if translated and translated[0] <= start:
            speaker = translated[1]
        else:
            speaker = find_speaker(doc, start, end, parsed)
            if speaker is None and previous and _continues(parsed, previous[0], sentence_index, start):
                speaker = previous[1]
        quotes.append(
            Quote(
                text=words,
                speaker=speaker,
                language=_detect_language(words),
                evidence=Span(text=words, start=start, end=end),
            )
        )
        previous = (parsed.sentence_index(max(start, end - 1)), speaker)
    return quotes


def _trim_trailing_comma(text: str, start: int, end: int) -> int:
    """`"We will rebuild," he said.`: the comma belongs to the sentence around the quote, not to the words."""
    while end > start and text[end - 1] in ", ":
        end -= 1
    return end


def _detect_language(text: str) -> str | None:
    from .language import detect_language

    return detect_language(text)


@dataclass(frozen=True)
class _Parsed:
    """The Doc with its sentence list, built once per article (doc.sents is a generator)."""

    doc: object
    sentences: list
    starts: list[int]

    @classmethod
    def of(cls, doc) -> _Parsed:
        sentences = list(doc.sents)
        return cls(doc, sentences, [sentence.start_char for sentence in sentences])

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding the character, or -1 outside every sentence."""
        index = bisect.bisect_right(self.starts, char) - 1
        return index if index >= 0 and char <= self.sentences[index].end_char else -1


def _continues(parsed: _Parsed, previous_index: int, sentence_index: int, start: int) -> bool:
    """A quote that opens the sentence right after the previous quote's sentence continues the same speech."""
    if sentence_index < 0 or sentence_index - previous_index not in (0, 1):
        return False
    sentence = parsed.sentences[sentence_index]
    return not text_of(parsed.doc)[sentence.start_char : start].strip(" \t\"“„«'‘")


def find_speaker(doc, start: int, end: int, parsed: _Parsed | None = None) -> str | None:
    """The speaker of the quote at text[start:end], from the quote's sentences, then the adjacent ones."""
    parsed = parsed or _Parsed.of(doc)
    sentences = parsed.sentences
    first = parsed.sentence_index(start)
    last = parsed.sentence_index(max(start, end - 1))
    if first < 0 or last < 0:
        return None
    own = sentences[first : last + 1]
    after = sentences[last + 1] if last + 1 < len(sentences) else None
    if after is not None and after.start_char <= end + 3 and not re.search(r"[.!?]", text_of(doc)[end : after.start_char]):
        own.append(after)  # `"....." said Ostrov.`, split by the parser after the closing mark
    speaker = _speaker_in(doc, own, start, end)
    if speaker is not None:
        return speaker
    neighbours = []
    if after is not None and len(after) <= MAX_ATTRIBUTION_TOKENS and '"' not in after.text:
        neighbours.append(after)
    before = sentences[first - 1] if first > 0 else None
    if before is not None and before.text.rstrip().endswith(":"):
        neighbours.append(before)
    return _speaker_in(doc, neighbours, start, end, attribution_only=True)


def _speaker_in(doc, sentences: list, start: int, end: int, attribution_only: bool = False) -> str | None:
    """The speaker named in these sentences; with `attribution_only`, only by a verb that says nothing of its
    own ("The governor said." attributes; "Critics say it is modelled on ..." is a new statement)."""
    paragraph_start = text_of(doc).rfind("\n", 0, start) + 1
    paragraph_end = text_of(doc).find("\n", end) % (len(text_of(doc)) + 1)
    outside = [
        token
        for sentence in sentences
        for token in sentence
        if paragraph_start <= token.idx < paragraph_end and not start <= token.idx < end and not token.is_punct
    ]
    verbs = [token for token in outside if token.lemma_.lower() in SPEECH_VERBS and token.pos_ in ("VERB", "AUX")]
    if attribution_only:
        verbs = [verb for verb in verbs if not any(child.dep_ in ("ccomp", "xcomp") for child in verb.children)]
    verbs.sort(key=lambda verb: (not _governs(verb, start, end), _distance(verb, start, end)))
    for verb in verbs:
        subject = _subject(verb) or _inverted_subject(verb, end)
        if subject is not None and not start <= subject.idx < end:
            return _name(doc, subject, start)
    for token in outside:
        if token.lower_ == "according":
            objects = [grand for child in token.children if child.lower_ == "to" for grand in child.children]
            if objects:
                return _name(doc, objects[0], start)
    return None


def _inverted_subject(verb, quote_end: int):
    """`"...," said a woman from New Jersey`: the noun right after a verb that follows the quote, which the
    parser sometimes hangs elsewhere."""
    if verb.idx < quote_end:
        return None
    for token in verb.doc[verb.i + 1 : verb.i + 5]:
        if token.pos_ in ("NOUN", "PROPN", "PRON") and token.dep_ != "compound":
            return token
        if token.pos_ not in ("DET", "ADJ", "NUM", "PROPN", "NOUN"):
            return None
    return None


def _governs(verb, start: int, end: int) -> bool:
    return any(start <= token.idx < end for token in verb.subtree)


def _distance(token, start: int, end: int) -> int:
    return start - token.idx if token.idx < start else token.idx - end


def _subject(verb):
    """The verb's subject, or that of the verb it hangs from ("was quoted as saying", "said and added")."""
    current = verb
    for _ in range(4):
        subjects = [child for child in current.children if child.dep_ in _SUBJECT_DEPS]
        if subjects:
            return subjects[0]
        if current.dep_ not in ("xcomp", "advcl", "conj", "ccomp") or current.head is current:
            return None
        current = current.head
    return None


def _name(doc, token, quote_start: int) -> str | None:
    """The speaker's name: a named entity when the token is in one, a pronoun resolved to a person, or the
    noun phrase without its relative clauses and appositions."""
    if token.lower_ in _PERSONAL_PRONOUNS:
        return _nearest_person(doc, quote_start)
    if token.pos_ == "PRON" or token.lemma_.lower() in _DOCUMENT_NOUNS:
        return None
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        entity = next(ent for ent in doc.ents if ent.start <= token.i < ent.end)
        return _full_person_name(doc, entity) if entity.label_ == "PERSON" else entity.text
    phrase = _first_run(sorted(_name_tokens(token), key=lambda t: t.i), token)
    while phrase and (phrase[0].dep_ in ("det", "predet") or phrase[0].is_punct):
        phrase = phrase[1:]
    while phrase and phrase[-1].is_punct:
        phrase = phrase[:-1]
    if not phrase:
        return None
    if len(phrase) > MAX_SPEAKER_TOKENS:
        phrase = [t for t in phrase if t.i <= token.i][-MAX_SPEAKER_TOKENS:]
    return text_of(doc)[phrase[0].idx : phrase[-1].idx + len(phrase[-1])]


def _first_run(tokens: list, head) -> list:
    """The unbroken run of tokens around the head: "the state premier" of "the state premier, who ...,"."""
    run: list = []
    for token in tokens:
        if run and token.i != run[-1].i + 1:
            if run[-1].i >= head.i:
                break
            run = []
        run.append(token)
    return run


def _name_tokens(token) -> list:
    tokens = [token]
    for child in token.children:
        if child.dep_ not in _NOT_IN_NAME:
            tokens.extend(_name_tokens(child))
    return tokens


def _nearest_person(doc, before: int):
    people = [ent for ent in doc.ents if ent.label_ == "PERSON" and before - PRONOUN_LOOKBACK_CHARS <= ent.start_char < before]
    return _full_person_name(doc, people[-1]) if people else None


def _full_person_name(doc, entity) -> str:
    """A surname alone ("Ostrov said") gets the full name used earlier ("Pavel Ostrov"); a name the tagger
    cut short ("Superintendent Neil" + "Faraday") gets the proper nouns it is a compound of."""
    end = entity.end
    while end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end].pos_ == "PROPN":
        end += 1
    if end > entity.end:
        return doc[entity.start : end].text
    if len(entity) > 1:
        return entity.text
    for earlier in doc.ents:
        if earlier.start >= entity.start:
            break
        if earlier.label_ == "PERSON" and len(earlier) > 1 and earlier[-1].text == entity.text:
            return earlier.text
    return entity.text
