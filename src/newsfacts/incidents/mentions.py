"""People the article mentions and what befell them, read off spaCy's parse (no second parse).

A `Mention` is one noun phrase or pronoun that names people ("a 22-year-old woman", "two passengers", "she",
"one of them"), with how many it names, how it can be picked up again later (head nouns, sex, age,
definiteness) and its fates: killed, injured or arrested, each read from the predicate it is the patient or
agent of ("was fatally shot", "died at the hospital", "suffered a cut", "was taken into custody").
`ZeroCue` records an explicit zero ("no one was hurt", "no arrests have been made").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span
from ..nlp import text_of
from ..numbers import MAX_FIGURE_DIGITS
from . import lexicon as lx

FATES = ("killed", "injured", "arrested")
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "oprd", "ROOT", "dative"})
_DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those", "both", "all", "each"})
_INDEFINITE_DETS = frozenset({"a", "an", "another", "one", "some", "several", "many", "two", "three"})
# Words that mark a phrase as naming people not yet counted ("a second man", "two other passengers").
_ADDITIVE_MODIFIERS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                                 "eleventh", "twelfth", "another", "other", "further", "additional"})
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


@dataclass(frozen=True)
class Mention:
    """People named once in the text, with what the sentence says happened to them."""

    token: int  # index of the head token
    span: Span
    heads: frozenset[str]  # head noun lemmas, appositions included ("rider", "man")
    count: int | None  # None: a plural whose size the phrase does not give
    definite: bool  # a definite description, pronoun or name: refers back when it can
    pronoun: bool
    name: str | None
    gender: str | None
    ages: tuple[int, ...]
    modifiers: frozenset[str]  # what tells two drivers apart ("car's driver", "driver of the pickup")
    fates: frozenset[str]
    negated: frozenset[str]  # "was not hurt": fates the sentence denies
    sentence: int
    conj_root: int  # the first conjunct's token: conjuncts are never the same people
    partitive_of: int | None = None  # token of the group in "one of them", "two of the injured officers"
    whole_of: bool = False  # "all of the men", "both of them": the group itself
    trigger: bool = False  # "after the death of …": an earlier incident that the news follows from
    additive: bool = False  # "a second man", "another woman", "two other passengers": never someone already named


@dataclass(frozen=True)
class ZeroCue:
    """An explicit zero for one category: "no one was hurt", "no arrests have been made"."""

    category: str
    span: Span
    sentence: int


def number_value(token) -> int | None:
    """The integer a number token writes (digits or a small number word); None for anything vaguer."""
    text = token.text.lower().replace(",", "")
    if _DIGITS.match(token.text):
        return int(text) if len(text) <= MAX_FIGURE_DIGITS else None  # a run of digits, not a count
    return lx.NUMBER_WORDS.get(text) if text not in ("a", "an") else None


def _age_of(token) -> int | None:
    """18 for the `old` of "18-year-old" (tokenised 18 - year - old)."""
    doc = token.doc
    if token.lower_ == "old" and token.i >= 4 and doc[token.i - 2].lower_ in ("year", "years"):
        return number_value(doc[token.i - 4])
    return None


def _is_age_head(token) -> bool:
    return _age_of(token) is not None and token.dep_ in _NOMINAL_DEPS


def _ages(token) -> tuple[int, ...]:
    ages: list[int] = []
    for child in token.children:
        if child.dep_ in ("amod", "appos", "npadvmod") and (age := _age_of(child)) is not None:
            ages.append(age)
        elif child.dep_ == "appos" and child.pos_ == "NUM" and (value := number_value(child)) and 0 < value < 110:
            ages.append(value)
        elif child.dep_ == "appos" and child.lemma_.lower() in ("age", "aged"):
            ages.extend(v for t in child.subtree if t.pos_ == "NUM" and (v := number_value(t)) and v < 110)
        elif child.dep_ == "appos":
            ages.extend(_ages(child))
    if (own := _age_of(token)) is not None:
        ages.append(own)
    return tuple(ages)


def is_person_token(token) -> bool:
    """A token that can head a phrase naming people."""
    lemma = token.lemma_.lower()
    if token.dep_ in ("compound", "poss", "npadvmod", "amod", "nmod"):
        return False
    if token.pos_ == "PRON":
        return token.tag_ == "PRP" and token.lower_ in lx.PRONOUNS or token.lower_ in ("another", "both")
    if token.pos_ in ("NOUN", "PROPN") and (
        lemma in lx.GENERIC_PEOPLE or lemma in lx.GENDER_AGE or lemma in lx.KIN or lemma in lx.ROLES
    ):
        return not (token.pos_ == "PROPN" and token.ent_type_ not in ("", "PERSON", "NORP"))
    if token.pos_ == "PROPN" and token.ent_type_ == "PERSON":
        return True
    if token.pos_ in ("NOUN", "PROPN") and any(_age_of(c) is not None for c in token.children):
        return True  # "a 19-year-old P-plater"
    if _is_age_head(token):
        return True  # "a 19-year-old was arrested"
    if lemma in ("couple", "pair") and token.pos_ == "NOUN":
        return True
    if token.pos_ == "NOUN" and token.dep_ == "conj" and is_person_token(token.head) and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in token.children
    ):
        return True  # "the driver and his turnboy": a role the lexicon lacks, beside a person
    if lemma in lx.FATE_ADJECTIVES and any(c.lower_ == "the" for c in token.children) and token.dep_ in (
        "nsubj", "nsubjpass", "pobj", "dobj"
    ):
        return True  # "the dead", "the injured"
    return _partitive_group(token) is not None


def _partitive_group(token):
    """For "one of them" / "two of the injured officers": the group token; else None."""
    if token.pos_ not in ("NUM", "PRON", "DET", "NOUN") or token.dep_ not in _NOMINAL_DEPS:
        return None
    if number_value(token) is None and token.lower_ not in ("all", "both", "each", "none", "some", "most"):
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (is_person_token(pobj) or pobj.lower_ == "those"):
                    return pobj
    return None


def _count(token) -> int | None:
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in lx.PRONOUNS:
        return None if lx.PRONOUNS[lower][1] else 1
    if lower in ("another",):
        return 1
    if lower == "both" or lemma in ("couple", "pair", "twins"):
        return 2
    if token.pos_ == "NUM":
        return number_value(token)
    for child in token.children:
        if child.dep_ == "nummod" and (value := number_value(child)) is not None:
            return value
        if child.dep_ == "appos" and child.lemma_.lower() in ("age", "aged"):
            n = sum(1 for t in child.subtree if t.pos_ == "NUM")
            if n:
                return n
        if child.dep_ in ("det", "predet") and child.lower_ == "both":
            return 2
    plural = token.tag_ in ("NNS", "NNPS") or lemma in ("people",) or token.lower_ in lx.FATE_ADJECTIVES
    if plural:
        return None
    return 1


def _is_definite(token) -> bool:
    if token.lower_ in lx.PRONOUNS or (token.pos_ == "PROPN" and token.ent_type_ == "PERSON"):
        return True
    for child in token.children:
        if child.dep_ in ("det", "predet") and child.lower_ in _DEFINITE_DETS:
            return True
        if child.dep_ == "poss":
            return True
        if child.dep_ in ("det", "nummod") and child.lower_ in _INDEFINITE_DETS:
            return False
    return token.lower_ in ("both",)


def _gender(token, heads: set[str]) -> str | None:
    for head in heads:
        if head in lx.GENDER_AGE and lx.GENDER_AGE[head][0]:
            return lx.GENDER_AGE[head][0]
        if lx.KIN.get(head):
            return lx.KIN[head]
    if token.lower_ in lx.PRONOUNS:
        return lx.PRONOUNS[token.lower_][0]
    return {"gunman": "m", "policeman": "m", "policewoman": "f", "fireman": "m"}.get(token.lemma_.lower())


def _modifiers(token) -> frozenset[str]:
    mods = set()
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            mods.add(child.lemma_.lower())
        elif child.dep_ == "prep" and child.lower_ == "of":
            mods.update(p.lemma_.lower() for p in child.children if p.dep_ == "pobj" and not is_person_token(p))
    return frozenset(mods)


def _anchor(token):
    """Climb conjunctions and appositions to the phrase whose dependency says its role in the clause."""
    seen = 0
    while token.dep_ in ("conj", "appos") and token.head is not token and seen < 8:
        if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
            break
        token = token.head
        seen += 1
    return token


def _is_fatal(verb) -> bool:
    for child in verb.children:
        lemma = child.lemma_.lower()
        if lemma in ("fatally", "mortally") or (child.dep_ in ("oprd", "acomp", "xcomp", "advmod") and lemma == "dead"):
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lemma_ == "death" for g in child.children):
            return True
        if lemma == "alive" and verb.lemma_.lower() in ("burn", "bury"):
            return True  # "burnt them alive"
    return False


_EARLIER = re.compile(r"^(last|previous|earlier)\b|\b(1[89]|20)\d\d\b|\b(january|february|march|april|june|july"
                      r"|august|september|october|november|december)\b", re.IGNORECASE)


def _dated_before(noun) -> bool:
    """"last month's shooting death of …": a death the possessive dates to before the news."""
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ == "DATE":
            words = text_of(noun.doc)[child.left_edge.idx : child.idx + len(child.text)]
            if _EARLIER.search(words):
                return True
    return False


def _subtree_lemmas(token) -> set[str]:
    return {t.lemma_.lower() for t in token.subtree}


def _is_charge_with_offence(verb) -> bool:
    """"was charged", "charged him with murder" — not "charged each passenger $1,500"."""
    return _is_passive(verb) or any(c.dep_ == "prep" and c.lower_ in ("with", "over", "in") for c in verb.children)


def _patient_fates(verb) -> set[str]:
    """What a verb says befell its object or passive subject."""
    lemma = verb.lemma_.lower()
    fates: set[str] = set()
    if _names_an_offence(verb):
        return fates
    if lemma in lx.KILL_VERBS or _is_fatal(verb):
        fates.add("killed")
    elif lemma in lx.WOUND_VERBS:
        fates.add("injured")
    if lemma in lx.ARREST_VERBS and (lemma != "charge" or _is_charge_with_offence(verb)):
        fates.add("arrested")
    if lemma in lx.CARE_VERBS:
        fates.add("injured")
    if lemma in lx.CONVEY_VERBS or lemma in ("hold", "place", "keep", "remain", "list", "leave", "find"):
        below = {t.lemma_.lower() for c in verb.children if c.dep_ in ("prep", "oprd", "advmod", "acomp")
                 for t in c.subtree}
        if "custody" in below or (lemma == "hold" and ("bail" in below or "jail" in below)):
            fates.add("arrested")
        elif lemma in lx.CONVEY_VERBS and below & lx.HOSPITAL_WORDS:
            fates.add("injured")
        elif lemma in ("list", "remain", "leave", "find") and below & {"condition", "coma"}:
            fates.add("injured")
        elif lemma in ("leave", "find") and below & {"injury", "wound"}:
            fates.add("injured")
    return fates


def _agent_fates(verb) -> set[str]:
    """What a verb says befell its active subject ("died", "suffered a cut", "faces charges")."""
    lemma = verb.lemma_.lower()
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "attr")}
    below = {t.lemma_.lower() for c in verb.children if c.dep_ in ("prep", "acomp", "attr", "oprd") for t in c.subtree}
    passed_away = lemma == "pass" and any(c.lower_ == "away" for c in verb.children)  # "away" is a particle
    if lemma in lx.DIE_VERBS or (lemma == "lose" and "life" in objects) or passed_away:
        return {"killed"}
    if lemma in lx.SUFFER_VERBS and objects & lx.INJURY_NOUNS:
        fatal = any(t.lemma_.lower() in ("fatal", "mortal") for c in verb.children for t in c.subtree)
        return {"killed" if fatal else "injured"}
    if lemma == "face" and objects & {"charge", "count"}:
        return {"arrested"}
    if lemma in ("escape", "survive", "walk", "emerge") and any(
        c.dep_ == "prep" and c.lower_ == "with" and _subtree_lemmas(c) & lx.INJURY_NOUNS for c in verb.children
    ):
        return {"injured"}  # "escaped with minor injuries"
    if lemma in ("be", "remain", "stay", "lie"):
        if "dead" in below:
            return {"killed"}
        if "custody" in below:
            return {"arrested"}
        if below & {"condition", "coma", "hospital"} and not below & {"good"}:
            return {"injured"}
    return set()


def _clause_verbs(verb) -> list:
    """The verb and the conjoined verbs that share its subject ("was struck … and died")."""
    verbs = [verb]
    for conj in verb.conjuncts:
        if conj.i > verb.i and conj.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in conj.children
        ):
            verbs.append(conj)
    return verbs


def _is_negated(verb) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _names_an_offence(verb) -> bool:
    """'– violent disorder and assaulting an emergency worker': a gerund listed with nouns, or after "charged
    with" / "suspicion of", names a charge, not something that happened to that person here."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return False
    tok = verb
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.pos_ in ("NOUN", "PROPN") and tok is not verb:
        return True  # coordinated with an offence noun (or, misparsed, with the name of the accused)
    return tok.dep_ == "pcomp" and tok.head.lower_ in ("with", "of") and tok.head.head.lemma_.lower() in (
        "charge", "suspicion", "accuse", "convict", "arrest", "guilty")


def _fates_from_verb(verb, as_patient: bool) -> tuple[set[str], set[str]]:
    fates: set[str] = set()
    negated: set[str] = set()
    for v in _clause_verbs(verb):
        if as_patient and v is not verb and any(c.dep_ == "dobj" for c in v.children):
            continue  # "killed 12 militants and arrested 43 suspects": each verb has its own object
        patient = as_patient or (v is not verb and any(c.dep_ == "auxpass" for c in v.children))
        found = _patient_fates(v) if patient else _agent_fates(v)  # "escaped with cuts and were later arrested"
        if not as_patient and v.lemma_.lower() in ("be", "remain") and not found:
            found = {"killed"} if any(c.lemma_ == "dead" for c in v.children) else set()
        if "killed" in found and _near_miss(v):
            found = found - {"killed"}  # "bullets that nearly killed him": he lived
        (negated if _is_negated(v) else fates).update(found)
    return fates, negated


def _near_miss(verb) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in ("nearly", "almost", "narrowly", "practically") for c in verb.children)


def _gapped_passive(verb) -> bool:
    """'A man was killed and his brother critically injured': the second verb shares the first's 'was'."""
    return (verb.tag_ == "VBN" and verb.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
            and any(c.dep_ == "auxpass" for c in verb.head.children))


def _is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "conj", "ROOT") and not any(
            c.dep_ == "aux" for c in verb.children)
    )


def mention_fates(token) -> tuple[frozenset[str], frozenset[str], bool]:
    """(fates, negated fates, is a trigger) for the people a token names."""
    fates: set[str] = set()
    negated: set[str] = set()
    trigger = False
    lemma = token.lemma_.lower()
    if lemma in lx.FATE_ADJECTIVES and token.pos_ in ("ADJ", "VERB", "NOUN"):
        fates.add(lx.FATE_ADJECTIVES[lemma])
    for child in token.children:
        clemma = child.lemma_.lower()
        if child.dep_ in ("amod", "acomp", "oprd") and clemma in lx.FATE_ADJECTIVES:
            fates.add(lx.FATE_ADJECTIVES[clemma])
        elif child.dep_ == "prep" and child.lower_ in ("with", "in"):
            inner = _subtree_lemmas(child)
            if child.lower_ == "with" and inner & lx.INJURY_NOUNS:
                fates.add("injured")
            elif child.lower_ == "in" and inner & {"hospital", "condition", "coma"}:
                fates.add("injured")
        elif child.dep_ in ("relcl", "acl") and child.pos_ in ("VERB", "AUX"):
            rel_subject = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
            as_patient = child.dep_ == "acl" or any(c.dep_ == "nsubjpass" for c in rel_subject)
            if child.dep_ == "relcl" and rel_subject and rel_subject[0].lower_ not in ("who", "that", "whom"):
                continue
            f, n = _fates_from_verb(child, as_patient)
            fates |= f
            negated |= n
    # "another who had been grazed": the parser may hang the relative clause elsewhere.
    nxt = token.i + 1 < len(token.doc) and token.doc[token.i + 1]
    if nxt and nxt.lower_ == "who" and nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head.dep_ == "relcl" and (
        nxt.head.head is not token
    ):
        f, n = _fates_from_verb(nxt.head, nxt.dep_ == "nsubjpass")
        fates |= f
        negated |= n
    anchor = _anchor(token)
    head = anchor.head
    if "\n" in text_of(token.doc)[min(anchor.idx, head.idx) : max(anchor.idx, head.idx)]:
        return frozenset(fates), frozenset(negated - fates), trigger  # page chrome glued to a sentence
    if anchor.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        as_patient = anchor.dep_ == "nsubjpass" or _gapped_passive(head)
        f, n = _fates_from_verb(head, as_patient)
        fates |= f
        negated |= n
    elif anchor.dep_ in ("dobj", "dative") and head.pos_ == "VERB":
        f, n = _fates_from_verb(head, True)
        fates |= f
        negated |= n
    elif anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lx.DEATH_NOUNS:
        fates.add("killed")
        death = head.head
        trigger = death.dep_ == "pobj" and death.head.lower_ in lx.TRIGGER_PREPS or _dated_before(death)
    elif anchor.dep_ == "pobj" and head.lower_ == "into" and head.head.lemma_.lower() == "custody":
        fates.add("arrested")
    if "killed" in fates:
        fates.discard("injured")
    return frozenset(fates), frozenset(negated - fates), trigger


def _phrase_span(token) -> Span:
    doc = token.doc
    keep = ("det", "predet", "amod", "nummod", "compound", "poss", "quantmod", "nmod", "case", "punct", "npadvmod")
    start = token.i
    for child in token.lefts:
        if child.dep_ in keep:
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and token.pos_ in ("NUM", "PRON", "DET"):
            end = max(end, child.right_edge.i + 1)
    while start < token.i and doc[start].is_punct:
        start += 1
    first, last = doc[start], doc[end - 1]
    text = text_of(doc)[first.idx : last.idx + len(last.text)]
    return Span(text=text, start=first.idx, end=first.idx + len(text))


def _heads(token) -> frozenset[str]:
    heads = {token.lemma_.lower()}
    for child in token.children:
        if child.dep_ == "appos" and is_person_token(child):
            heads.add(child.lemma_.lower())
        if child.dep_ == "amod" and child.lemma_.lower() in ("teenage",):
            heads.add("teenager")
    if _age_of(token) is not None:
        heads = {"old"}
    return frozenset(heads)


def _is_apposition_of_person(token) -> bool:
    """"two people, the technical director and an electrician": the apposition and its conjuncts (not
    "the driver, a 39-year-old woman, and her children", whose conjunct is more people)."""
    original = token
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token.dep_ == "appos" and is_person_token(token.head) and (
        token is original or _count(token.head) != 1
    )


def _names_the_described(token) -> bool:
    """"A villager, identified as Ram Das, …", "the victim was identified as Jo Lee", "a man named Ali": the
    name restates people already described (the names of a group too: "identified as A, B and C")."""
    root = token
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ == "attr" and root.head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and (c.pos_ in ("PROPN", "PRON") or is_person_token(c)) for c in root.head.children):
        return True  # "Saraiah was also a local leader": a description of the subject, not another person
    if root.dep_ == "pobj" and root.head.lower_ == "as":
        return root.head.head.lemma_.lower() in ("identify", "know", "name", "describe", "list")
    if token.pos_ == "PROPN" and _after_naming_words(token):
        return True
    return root.dep_ in ("oprd", "attr", "dobj") and root.head.lemma_.lower() == "name" and root.head.dep_ in ("acl", "relcl")


_NAMING = (("identified", "as"), ("known", "as"), ("named",), ("aka",))
_NAME_LIST_WORDS = frozenset({",", "and", "alias", "(", ")", "@", "-", "&"})


def _after_naming_words(token) -> bool:
    """A name in a run of names right after 'identified as' / 'named', however the parser attached it."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and (doc[i].pos_ in ("PROPN", "NUM") or doc[i].lower_ in _NAME_LIST_WORDS) and token.i - i < 40:
        i -= 1
    words = [t.lower_ for t in doc[max(0, i - 1):i + 1]]
    return any(tuple(words[-len(naming):]) == naming for naming in _NAMING)


def _introduced_name(token) -> str | None:
    """"A villager, identified as Ram Das": the name the description is given, so the name picks it up later."""
    doc = token.doc
    for child in token.children:
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in ("identify", "name", "know"):
            for t in doc[child.i + 1:min(child.i + 8, len(doc))]:
                if t.pos_ == "PROPN":
                    end = t.i
                    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].lower_ != "alias":
                        end += 1
                    return _full_name(doc[end]) or doc[end].text
    return None


def _full_name(token) -> str | None:
    """"Amanda Kellner" for the token Kellner inside a PERSON entity, without titles."""
    if token.ent_type_ != "PERSON":
        return None
    words = [t.text for t in token.doc[token.i - 3 if token.i >= 3 else 0 : token.i + 1]
             if t.ent_type_ == "PERSON" and t.is_alpha and t.i <= token.i]
    return " ".join(words[-3:]) if words else token.text


def find_mentions(doc) -> list[Mention]:
    """Every phrase naming people, in text order, with its fates; appositions fold into their head."""
    sentence_of = {}
    for index, sent in enumerate(doc.sents):
        for tok in sent:
            sentence_of[tok.i] = index
    mentions: list[Mention] = []
    for token in doc:
        if not is_person_token(token) or _is_apposition_of_person(token) or _names_the_described(token):
            continue
        if token.lower_ in lx.NEGATIVE_DETS or any(
            c.dep_ == "det" and c.lower_ == "no" for c in token.children
        ):
            continue  # "no one", "none of the others": zero cues, not people
        group = _partitive_group(token)
        heads = _heads(token) if group is None else frozenset({group.lemma_.lower()})
        if token.lower_ == "another" and mentions and mentions[-1].sentence == sentence_of[token.i]:
            heads = mentions[-1].heads  # "a man with a gunshot wound … and another"
        fates, negated, trigger = mention_fates(token)
        conj_root = token
        while conj_root.dep_ == "conj" and is_person_token(conj_root.head):
            conj_root = conj_root.head
        name = _full_name(token)
        if name is None:
            names = [n for c in token.children if c.dep_ == "appos" and (n := _full_name(c))]
            name = names[0] if names else (_introduced_name(token) if _count(token) == 1 else None)
        mentions.append(
            Mention(
                token=token.i,
                span=_phrase_span(token),
                heads=heads,
                count=_count(token),
                definite=_is_definite(token) or (group is not None and token.lower_ in ("all", "both")),
                pronoun=token.lower_ in lx.PRONOUNS,
                name=name,
                gender=_gender(token, set(heads)),
                ages=_ages(token),
                modifiers=_modifiers(token),
                fates=fates,
                negated=negated,
                sentence=sentence_of[token.i],
                conj_root=conj_root.i,
                partitive_of=group.i if group is not None and token.lower_ not in ("all", "both") else None,
                whole_of=group is not None and token.lower_ in ("all", "both"),
                trigger=trigger,
                additive=_is_additive(token),
            )
        )
    return mentions


def _is_additive(token) -> bool:
    """"A second man was arrested", "another woman", "two other passengers": people beside those named."""
    if token.lower_ in ("another", "others"):
        return True
    return any(c.dep_ in ("amod", "det", "advmod") and c.lower_ in _ADDITIVE_MODIFIERS for c in token.children)


def find_zero_cues(doc) -> list[ZeroCue]:
    """Explicit zeros: a negative subject of a fate predicate, or "no arrests/injuries/deaths"."""
    cues = []
    sentence_of = {tok.i: index for index, sent in enumerate(doc.sents) for tok in sent}
    for token in doc:
        lemma = token.lemma_.lower()
        negative = token.lower_ in lx.NEGATIVE_DETS or (
            any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
        )
        if not negative:
            continue
        categories: tuple[str, ...] = ()
        if lemma in lx.ZERO_NOUNS:
            categories = lx.ZERO_NOUNS[lemma]
        elif token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
            found = _patient_fates(token.head) if token.dep_ == "nsubjpass" else _agent_fates(token.head)
            if not found and token.dep_ == "nsubj":
                found = _patient_fates(token.head) if token.head.tag_ == "VBN" else set()
            categories = tuple(found)
        for category in categories:
            start = token.left_edge.idx
            end = token.head.idx + len(token.head.text) if token.head.i > token.i else token.idx + len(token.text)
            text = text_of(doc)[start:end]
            cues.append(ZeroCue(category=category, span=Span(text=text, start=start, end=end),
                                sentence=sentence_of[token.i]))
    return cues
