"""Counted facts from the parse: every figure the text gives for the killed, injured, arrested, ...

For each figure (numbers.quantity_at) the dependency parse decides what it counts: the noun it quantifies
(people, houses, cars), the predicate that governs it (were killed, fatally wounded, taken to hospital) and
the words around it (of them, including, more, thus). The record's evidence, place, date, actor and source
come from attributes.to_fact; roles across figures (part, total, subset, update) from roles.assign_roles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon as lx
from .attributes import to_fact
from .candidates import SUBJECT_DEPS, Candidate, number_head
from .dates import MONTHS
from .metadata import headline
from .model import DateMention, Entity, Fact, Post
from .nlp import entity_at, text_of
from .numbers import Quantity, quantity_at
from .roles import assign_roles
from .rubric import Rubric, rubric_quantity_at

if TYPE_CHECKING:
    from spacy.tokens import Token

SKIP_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
PARTITIVE_PRONOUNS = frozenset({"them", "those", "whom", "these"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "ROOT"})

# Currency codes and names written before an amount ("INR 500,000", "Rs. 2 lakh", "KSh 50,000").
CURRENCY_CODES = frozenset({"inr", "rs", "rupees", "usd", "us$", "eur", "gbp", "pkr", "npr", "bdt", "lkr", "tk", "taka",
                            "ngn", "kes", "ksh", "ugx", "tzs", "zar", "egp", "aed", "sar", "cny", "rmb", "jpy", "rub",
                            "uah", "try", "irr", "iqd", "syp", "afn", "mmk", "php", "idr", "brl", "mxn", "cop", "ars",
                            "clp", "pen", "chf", "cad", "aud"})
# Street words after a number and a name make the number a house number ("333 Rio Vista Dr.").
STREET_WORDS = frozenset({"street", "st", "road", "rd", "avenue", "ave", "av", "drive", "dr", "boulevard", "blvd",
                          "lane", "ln", "way", "court", "ct", "place", "pl", "terrace", "parkway", "pkwy", "highway",
                          "hwy", "circle", "cir", "trail", "pike", "turnpike"})
# Words after a figure that make it a clock time or a time zone ("at 8 p.m.", "at 1835 GMT").
CLOCK_WORDS = frozenset({"p.m.", "a.m.", "pm", "am", "p.m", "a.m", "o'clock", "hrs", "hours", "gmt", "utc", "ist", "est",
                         "edt", "cst", "cdt", "pst", "pdt", "mst", "mdt"})
# Verbs whose active subject does the harm to their object ("50 cadres killed two villagers"); not "died",
# "lost", "suffered", whose subject is the one harmed.
DOING_VERBS = frozenset({"kill", "murder", "slay", "massacre", "execute", "behead", "assassinate", "shoot", "stab",
                         "injure", "wound", "hurt", "maim", "attack", "assault", "beat", "hit", "strike", "arrest",
                         "apprehend", "nab", "capture", "detain", "abduct", "kidnap", "lynch", "slaughter",
                         "eliminate", "neutralise", "neutralize", "hack", "gun", "ambush"})
# Verbs whose complement is only intended or attempted ("tried to flee", "threatened to kill").
INTENT_VERBS = frozenset({"try", "attempt", "seek", "plan", "want", "threaten", "vow", "intend", "refuse"})
# Verbs that make "lives" a death toll ("lost their lives", "claimed 40 lives"), unlike "treated the lives of".
LIFE_TAKING_VERBS = frozenset({"lose", "claim", "take", "cost", "sacrifice", "give"})
# People a health service treats in the ordinary course: counting them counts no one hurt.
CASELOAD_NOUNS = frozenset({"patient", "case", "consultation", "outpatient"})
# Verbs whose "for" names what the people were treated for, however the parser attached it.
TREAT_VERBS = frozenset({"treat", "hospitalise", "hospitalize", "admit", "airlift", "evacuate"})


def find_facts(doc, dates: list[DateMention], entities: list[Entity], published: str | None,
               posts: list[Post] | None = None, rubric: Rubric | None = None) -> list[Fact]:
    """All counted facts of a parsed article, in text order, with roles, places, dates and evidence; a rubric
    gives vague phrases ("several") their figure."""
    skip = _foreign_spans(posts or [])
    paragraphs = _paragraph_starts(text_of(doc))
    candidates: list[Candidate] = []
    for sent in doc.sents:
        if any(s <= sent.start_char < e for s, e in skip):
            continue
        candidates.extend(_sentence_candidates(sent, _paragraph_of(sent.start_char, paragraphs), rubric))
    candidates = _drop_anaphoric_figures(candidates)
    _inherit_list_categories(candidates)
    _inherit_whole_categories(candidates)
    counted = [c for c in candidates if c.category]
    facts = [to_fact(c, dates, published) for c in counted]
    facts, counted = _dedupe(facts, counted)
    return assign_roles(facts, counted)


# --- finding figures ---------------------------------------------------------------------------------

def _sentence_candidates(sent, paragraph: int, rubric: Rubric | None = None) -> list[Candidate]:
    out: list[Candidate] = []
    i = sent.start
    doc = sent.doc
    while i < sent.end:
        q = (rubric_quantity_at(doc, i, rubric) if rubric else None) or quantity_at(doc, i)
        if q is None or q.end > sent.end:
            i += 1
            continue
        if _is_distractor(doc, q):
            i = max(q.end, i + 1)
            continue
        out.append(_describe(doc, q, sent, paragraph))
        i = q.end
    _link_lists(out)
    return out


def _is_distractor(doc, q: Quantity) -> bool:
    """Ages, years, money, measures, identifiers, times: figures that never count victims."""
    first, last = doc[q.number_start], doc[q.end - 1]
    if first.ent_type_ in SKIP_ENTS and not q.vague and not _counts_people_despite_ent(doc, q) and _ent_is_really(first):
        return True
    nxt = doc[q.end] if q.end < len(doc) else None
    prev = doc[q.start - 1] if q.start > 0 else None
    if nxt is not None and (nxt.text in ("-year", "-month", "%") or nxt.lower_ in ("per", "percent", "year-old")
                            or nxt.text.startswith("-year")):
        return True
    if _is_street_number(doc, q):
        return True  # "at 333 Rio Vista Dr.", "1420 Elm Street": an address
    if nxt is not None and (nxt.lower_ in CLOCK_WORDS or nxt.text.startswith(".") and nxt.text[1:].isdigit()):
        return True  # "around 11 p.m.", "at 1835 GMT", "a .315 bore rifle", "a 7.62 rifle"
    if prev is not None and prev.text in (".", "-", "/") and q.start > 1 and (doc[q.start - 2].is_alpha or doc[q.start - 2].like_num) \
            and not doc[q.start - 1].whitespace_:
        return True  # "AK-47", "I-94", "a .303 rifle": part of a name or a calibre
    if nxt is not None and nxt.text == "-" and q.end + 1 < len(doc) and doc[q.end + 1].lower_ in ("year", "month", "week", "day"):
        return True
    if "-year" in last.text or last.text.endswith("s") and last.text[:-1].isdigit():  # "50s"
        return True
    if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")":
        return True  # "Ramesh Singh (45)", "Friday afternoon (7)": an age or a day in brackets
    if _is_code(prev) or (_is_code(nxt) and not _names_the_counted(nxt, first)):
        return True  # "ABJ 412 XY", "UK 07 PA 4512": a registration or a code
    if nxt is not None and nxt.lower_ in ("more", "fewer", "less") and q.end + 2 < len(doc) and \
            doc[q.end + 1].lower_ == "than" and doc[q.end + 2].lower_ in ("the", "a", "an", "that", "those", "in"):
        return True  # "six more than the figure given on the night": a difference, not a count
    if prev is not None and prev.lower_.rstrip(".") in MONTHS or nxt is not None and nxt.lower_.rstrip(".") in MONTHS:
        return True  # a day of a month: "Oct 18", "27 April"
    if prev is not None and (prev.lower_ in ("aged", "age", "ages", "no", "no.", "number", "#", "$", "€", "£")
                             or prev.text[:1] in "$€£₹" or prev.lower_.rstrip(".") in CURRENCY_CODES):
        return True  # an age, a number, money: "a bounty of INR 500,000", "Rs 5 lakh"
    if prev is not None and prev.pos_ == "PROPN" and prev.is_title and first.dep_ in ("nummod", "compound", "appos", "npadvmod") and first.head == prev:
        return True  # Route 31, Gate 7, Flight 103, Article 225
    for tok in (first, last):
        head = _counted_noun(tok)
        if head != tok and head.lemma_.lower() in lx.NON_COUNT_HEADS:
            return True
    if any(ch.dep_ == "prep" and ch.lower_ == "of" and any(g.dep_ == "pobj" and g.lemma_.lower() in lx.NON_COUNT_HEADS
                                                          for g in ch.children) for ch in first.children):
        return True  # "shot down 47 of the 68 drones"
    if first.dep_ == "conj" and first.head.lemma_.lower() in lx.NON_COUNT_HEADS:
        return True  # "eight counts of murder and three of attempted murder"
    if first.lower_ == "one" and (first.dep_ == "pobj" or _is_superlative_partitive(first)):
        return True  # "in one of the largest trials", "at one of the properties"
    if _looks_like_year(first):
        return True
    return _is_age_apposition(first) or _in_age_list(first)


def _in_age_list(tok) -> bool:
    """'her children, ages 14, 9 and 6': every figure of a list that an age word opens."""
    for _ in range(3):
        if tok.dep_ not in ("conj", "appos", "nummod") or tok.head == tok:
            return False
        tok = tok.head
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if tok.lower_ in ("ages", "aged") or (prev is not None and prev.lower_ in ("ages", "aged")):
            return True
    return False


def _ent_is_really(tok) -> bool:
    """spaCy's small model tags bare figures in lists ('21 in the suburb') as DATE: trust the label only
    when the entity has a date or measure word, a time shape, or is not a DATE/TIME entity at all."""
    if tok.ent_type_ not in ("DATE", "TIME"):
        return True
    ent = entity_at(tok.doc, tok.i)  # an index: scanning doc.ents per figure was quadratic (issue 12)
    if ent is None:
        return True
    if any(":" in t.text for t in ent) or _looks_like_year(tok):
        return True
    # the figure belongs to the time expression only when they are attached: "3 days", "Dec 21"
    others = [t for t in ent if not t.like_num and not t.is_punct]
    return any(t == tok.head or t.head == tok or t.head.i in range(tok.i, tok.i + 1) for t in others)


def _counts_people_despite_ent(doc, q: Quantity) -> bool:
    """spaCy sometimes tags '45 people' or '12 attackers' as DATE; a counted person noun overrides it."""
    if _looks_like_year(doc[q.number_start]):
        return False
    head = _counted_noun(doc[q.number_start])
    return head.pos_ == "NOUN" and head.lemma_.lower() not in lx.NON_COUNT_HEADS and head.i != q.number_start


def _is_code(tok) -> bool:
    """An all-capitals token of two to four letters that is not a word: part of a plate or a code."""
    return (tok is not None and tok.is_alpha and tok.is_upper and 2 <= len(tok.text) <= 4
            and tok.ent_type_ not in ("ORG", "GPE", "NORP") and not tok.is_stop)


def _is_street_number(doc, q: Quantity) -> bool:
    """A number, then one to three capitalised words and a street word: a house number."""
    words = doc[q.end:min(len(doc), q.end + 5)]
    for k, tok in enumerate(words):
        if tok.lower_.rstrip(".") in STREET_WORDS and k >= 1:
            return all(w.is_title or w.is_upper or w.like_num for w in words[:k])
        if not (tok.is_title or tok.is_upper):
            return False
    return False


def _names_the_counted(code, num) -> bool:
    """"Two CPI-Maoist cadres": capitals that name the people's organisation, before the noun the number counts."""
    head = _counted_noun(num)
    return head is not num and head.pos_ == "NOUN" and code.head == head and code.dep_ in ("compound", "amod", "nmod")


def _looks_like_year(tok) -> bool:
    """'in 2018', 'the 2019 attack' — but not '1500 people' (a plural noun is counted)."""
    if not (tok.text.isdigit() and len(tok.text) == 4 and 1800 <= int(tok.text) <= 2100):
        return False
    head = _counted_noun(tok)
    return head == tok or head.tag_ != "NNS"


def _is_superlative_partitive(tok) -> bool:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return any(g.tag_ in ("JJS", "RBS") for g in child.subtree)
    return False


def _is_age_apposition(tok) -> bool:
    """'Her boyfriend, 45, was arrested': a bare number set off by commas after a person is an age."""
    if tok.dep_ not in ("appos", "npadvmod", "amod") or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    no_children = not any(c.dep_ in ("prep", "nummod", "conj") for c in tok.children)
    return bool(before is not None and before.text == "," and after is not None and after.text in (",", ".")
                and no_children)


def _counted_noun(num):
    """The noun a number counts: '82 people' → people; 'dozens of motorbikes' → motorbikes; else the number."""
    if num.dep_ in ("nummod", "quantmod") and num.head.pos_ in ("NOUN", "PROPN"):
        return num.head
    if num.dep_ == "compound" and num.head.pos_ == "NUM":
        return _counted_noun(num.head)
    for child in num.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and not any(d.lower_ == "the" for d in obj.children):
                return obj  # dozens of motorbikes; not "eleven of the injured"
    return num


def _describe(doc, q: Quantity, sent, paragraph: int) -> Candidate:
    num = number_head(doc, q)
    anchor = _counted_noun(num)
    cand = Candidate(q, anchor, None, None, sent, paragraph)
    _read_partitive(cand, num)
    cand.increment = _is_increment(doc, q, anchor)
    cand.category, cand.predicate = _category(anchor, num, cand)
    if cand.partitive == "killed" and cand.partitive_pronoun and cand.anchor == num:
        cand.category = "killed"  # "two people were shot, one fatally": the adverb decides
    _read_markers(cand, num)
    return cand


def _read_partitive(cand: Candidate, num) -> None:
    """'Eleven of the injured', '112 of them', 'Of the injured, 38 ...', 'including three children'."""
    for child in list(num.children) + ([] if cand.anchor == num else list(cand.anchor.children)):
        if child.dep_ == "prep" and child.lower_ == "among":  # "17 children among those killed"
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (among := _category_of_phrase(obj)):
                cand.partitive, cand.inclusive = among, True
            continue
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            if obj.lower_ in PARTITIVE_PRONOUNS:
                _read_pronoun_whole(cand, obj)
            elif any(d.lower_ in ("the", "those") for d in obj.children) or obj.tag_ in ("VBN", "JJ"):
                cand.partitive = _category_of_phrase(obj) or cand.partitive
    # "Of the injured, 38 remain ..." / "Among the dead were three children": the prep hangs on the predicate
    pred = cand.anchor.head if cand.anchor.dep_ in SUBJECT_DEPS | {"attr", "dobj"} else None
    if pred is not None:
        for child in pred.children:
            if child.dep_ == "prep" and (child.lower_ == "among" or child.lower_ == "of" and child.i < cand.anchor.i):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and not any(g.dep_ == "nummod" for g in obj.children):
                    cand.partitive = _category_of_phrase(obj) or cand.partitive
                    cand.inclusive = child.lower_ == "among"
                    if obj.lower_ in PARTITIVE_PRONOUNS:
                        _read_pronoun_whole(cand, obj)
    # "Of the 17 dead, eleven died at the scene while three others died later": every figure of the sentence
    # after the fronted phrase is a part of that whole, however the parser attached the phrase
    opener = cand.sentence[0]
    if opener.lower_ == "of" and len(cand.sentence) > 2:
        whole = next((c for c in opener.children if c.dep_ == "pobj"), None)
        if whole is not None and whole.i < cand.quantity.start and any(
                d.lower_ in ("the", "those") for d in whole.subtree):
            cand.partitive = cand.partitive or _category_of_phrase(whole)
            cand.fronted_whole = whole.i
    # "including three children", "among them six women"
    for tok in (cand.anchor, num):
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in ("including", "incl"):
            cand.inclusive = True
        if tok.dep_ in ("conj", "appos") and head.dep_ == "pobj" and head.head.lower_ in ("including", "among"):
            cand.inclusive = True
    if cand.anchor == num and num.dep_ in ("npadvmod", "appos", "conj", "advmod") and any(
            c.lower_ in lx.SEVERITY_ADVERBS for c in num.children):
        cand.partitive_pronoun = True  # "three were injured, one seriously"
        if any(c.lower_ in lx.FATAL_MODIFIERS for c in num.children):
            cand.partitive = "killed"  # "two people were shot, one fatally"
    if cand.anchor == num and num.dep_ == "nsubj" and num.head.lower_ == "dead" and num.head.dep_ in ("advcl", "npadvmod", "appos") \
            and num.head.head.lemma_.lower() in lx.HARM_VERBS:
        cand.partitive_pronoun, cand.partitive = True, "killed"  # "six people were shot, one dead"
    prev = [t.lower_ for t in cand.sentence.doc[max(cand.sentence.start, cand.quantity.start - 3):cand.quantity.start]]
    if prev[-1:] == ["including"] or prev[-2:] == ["among", "them"] or prev[-2:] == ["among", "whom"] or prev[-3:] == ["among", "them", "were"]:
        cand.inclusive = True


def _read_pronoun_whole(cand: Candidate, pronoun) -> None:
    """'of them' points at the figure before; 'of those detained' names its whole; 'of those brought to the
    surface alive' names a group that is no counted figure, so the figure is not a subset of one."""
    if pronoun.lower_ != "those" or not any(c.dep_ in ("acl", "relcl", "amod") for c in pronoun.children):
        cand.partitive_pronoun = True
        return
    cand.partitive = _category_of_phrase(pronoun) or cand.partitive


def _category_of_phrase(tok, asked_by=None) -> str | None:
    """'the injured' → injured, 'those detained' → detained, 'the detainees' → detained, 'the dead' → killed.

    `asked_by`: the predicate whose subject this phrase is, never asked again (a phrase can hold its own
    predicate: "Maoists numbering several dozens")."""
    words = [tok] + [c for c in tok.subtree if c != tok]
    for w in words:
        lemma = w.lemma_.lower()
        low = w.lower_
        if w.pos_ == "VERB" and w != asked_by:
            found = _predicate_category(w, "person")  # "the 64 people taken to hospital" → injured
            if found:
                return found
        if lemma in lx.COUNT_NOUNS and w.pos_ == "NOUN":
            return lx.COUNT_NOUNS[lemma]  # "231 of the fatalities"
        if low in ("detainees", "detainee"):
            return "detained"
        if low in ("taken", "abducted", "kidnapped", "hostages"):
            return "abducted"
        if low in ("dead", "deceased", "victims") and low != "victims":
            return "killed"
        if lemma in lx.PERSON_PREDICATES:
            return lx.PERSON_PREDICATES[lemma]
        if low in lx.PERSON_PREDICATES:
            return lx.PERSON_PREDICATES[low]
        if lemma in ("house", "building", "home") or lemma in lx.BUILDING_NOUNS:
            return None
    return None


def _is_increment(doc, q: Quantity, anchor) -> bool:
    after = doc[q.end] if q.end < len(doc) else None
    before = doc[q.start - 1] if q.start > 0 else None
    following = doc[q.end + 1] if q.end + 1 < len(doc) else None
    if after is not None and after.lower_ in lx.INCREMENT_WORDS - {"another"}:
        return not (following is not None and following.lower_ == "than")  # "six more than the figure given"
    if before is not None and before.lower_ in ("another", "further", "additional"):
        return True
    return any(c.lower_ in ("more", "additional", "further") and c.dep_ == "amod" and c.i > q.start for c in anchor.children)


# --- category ----------------------------------------------------------------------------------------

def _category(anchor, num, cand: Candidate) -> tuple[str | None, Token | None]:
    """What the figure counts, from the counted noun, the governing predicate and its complements."""
    noun = anchor.lemma_.lower()
    if noun not in lx.COUNT_NOUNS and anchor.lower_.rstrip("s") in lx.COUNT_NOUNS:
        noun = anchor.lower_.rstrip("s")  # the small model lemmatises "corpses" as "corps"
    kind = "building" if noun in lx.BUILDING_NOUNS else "vehicle" if noun in lx.VEHICLE_NOUNS else "person"
    counted_noun = None
    if kind == "person" and noun in lx.COUNT_NOUNS and anchor != num:
        counted_noun = lx.COUNT_NOUNS[noun], anchor.head
    if kind == "person" and anchor == num and num.lower_ in ("deaths", "arrests", "injuries", "bodies"):
        counted_noun = lx.COUNT_NOUNS[num.lemma_.lower()], num.head
    if counted_noun and not (anchor.head.lemma_.lower() in lx.REVERSAL_VERBS and anchor.dep_ == "dobj"):
        return counted_noun  # "eight more bodies", "3,400 deaths" — but not "freed 20 hostages"
    if anchor.head.lemma_.lower() in lx.REVERSAL_VERBS and anchor.dep_ in ("dobj", "nsubjpass"):
        cand.reversed = True  # "freed 20 hostages", "rescued 30 residents"
        return None, anchor.head
    # The counted noun's own modifiers: "20 people dead", "eight officers injured", "12 reported killed"
    after = _next_token(num) if anchor == num or anchor.pos_ != "NOUN" or anchor.i < num.i else _next_token(anchor)
    right = _next_token(num)
    if anchor != num and anchor.i > num.i and right is not None and right.lower_ in (
            "dead", "hurt", "injured", "wounded", "killed", "missing"):
        after = right  # "Five dead, 12 hurt": the parser made the category word the counted noun
    if kind == "person" and after is not None and after.pos_ in ("ADJ", "VERB", "NOUN") and (
            after.lower_ in lx.PERSON_PREDICATES or after.lemma_.lower() in ("dead", "hurt", "injured", "wounded")):
        cat = lx.PERSON_PREDICATES.get(after.lower_) or lx.PERSON_PREDICATES.get(after.lemma_.lower())
        if cat:  # "Five dead, 12 hurt as bus overturns", "leaving 744 injured"
            return cat, after
    modifiers = [ch for tok in [anchor, *anchor.conjuncts] if tok.i >= anchor.i for ch in tok.children]
    for child in anchor.children:  # "1,280 damaged homes", "714 displaced people"
        if child.dep_ == "amod" and num.i < child.i < anchor.i:
            found = _predicate_category(child, kind)
            if found:
                return found, child
    if anchor.dep_ == "conj":  # "45 arrests, 17 officers and gendarmes injured": the participle after the
        modifiers += [ch for ch in anchor.head.children if ch.i > anchor.i]  # last item is the parser's guess
    for child in modifiers:
        if child.dep_ == "relcl" and _partitive_subject(child):
            continue  # "six residents, one of whom suffered burns": the clause is about one of them
        if child.dep_ in ("amod", "acl", "relcl") and child.i > anchor.i:  # "the 163 people who died"
            found = _predicate_category(child, kind)
            if found:
                return found, child
        treated_for = child.lower_ == "for" and anchor.head.lemma_.lower() in TREAT_VERBS  # "treated 53 people for injuries"
        if child.dep_ == "prep" and (child.lower_ in ("in", "into", "with") or treated_for) and kind == "person":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in lx.COMPLEMENT_NOUNS:
                return lx.COMPLEMENT_NOUNS[obj.lemma_.lower()], obj
    if _is_agent(anchor) or (kind == "person" and _active_subject_of_transitive(anchor)):
        return None, None
    for pred in _governing_predicates(anchor):
        if pred.lemma_.lower() in lx.REVERSAL_VERBS and not _has_fatal(pred):
            cand.reversed = True
            return None, pred
        found = _predicate_category(pred, kind)
        if found:
            return found, pred
        if cand.partitive and kind == "person":
            return cand.partitive, pred
        if pred.pos_ in ("VERB", "AUX") and pred.lemma_.lower() not in lx.CARRIER_VERBS | {"be", "remain", "include"}:
            break  # a content verb that says nothing of victims ends the search: "58 passengers" travelled
    if cand.partitive and kind == "person":
        return cand.partitive, None
    return None, None


def _active_subject_of_transitive(anchor) -> bool:
    """'About 50 cadres killed two villagers': the subject of a verb with its own object did it to the object
    ('lost their lives', 'suffered injuries' befall their subject: carrier verbs are left to the rules below)."""
    verb = anchor.head
    return (anchor.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() in DOING_VERBS
            and any(c.dep_ == "dobj" for c in verb.children))


def _is_agent(anchor) -> bool:
    """'hit by 20 typhoons', 'attacked by 200 gunmen': the counted noun did it, nothing happened to it."""
    tok = anchor
    for _ in range(4):
        if tok.head == tok:
            return False
        if tok.dep_ == "pobj" and tok.head.lower_ == "by" or tok.dep_ == "agent":
            return True
        if tok.pos_ == "VERB":
            return False
        tok = tok.head
    return False


def _governing_predicates(anchor):
    """Predicates above the counted noun, nearest first, up to the clause's verb (through lists and PPs)."""
    tok = anchor
    seen = 0
    while tok.head != tok and seen < 8:
        tok = tok.head
        seen += 1
        if tok.pos_ in ("VERB", "AUX", "ADJ"):
            yield tok
            if tok.dep_ in CLAUSE_DEPS and tok.dep_ != "ROOT" and tok.pos_ != "ADJ":
                return
            if tok.dep_ == "ROOT":
                return
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.COUNT_NOUNS and tok != anchor and not _via_conj(anchor, tok):
            yield tok


def _next_token(tok):
    return tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None


def _partitive_subject(clause) -> bool:
    """The relative clause's subject is 'one of whom', 'some of whom', 'three of which'."""
    return any(c.dep_ in SUBJECT_DEPS and any(p.lower_ == "of" and any(g.lower_ in ("whom", "which") for g in p.children)
                                              for p in c.children) for c in clause.children)


def _via_conj(anchor, ancestor) -> bool:
    """'45 arrests, 17 officers': a list item is not counted by the noun of the item before it."""
    tok = anchor
    while tok != ancestor and tok.head != tok:
        if tok.dep_ == "conj":
            return True
        tok = tok.head
    return False


def _predicate_category(pred, kind: str) -> str | None:
    lemma = pred.lemma_.lower()
    low = pred.lower_
    children = list(pred.children)
    if kind in ("building", "vehicle"):
        damage = lemma in lx.DAMAGE_PREDICATES or low in lx.DAMAGE_PREDICATES or any(
            c.lemma_.lower() in lx.DAMAGE_PREDICATES and c.dep_ in ("acomp", "oprd", "conj", "xcomp") for c in children)
        if lemma == "set" and not any(c.lower_ in ("fire", "alight", "ablaze", "light") for c in pred.subtree):
            damage = False
        if lemma == "fire" and not any(c.dep_ == "prep" and c.lower_ in ("at", "on") for c in children):
            damage = False
        if damage:
            return "buildings_damaged" if kind == "building" else "vehicles_damaged"
        return None
    if pred.pos_ == "NOUN":
        return lx.COUNT_NOUNS.get(lemma)
    if lemma == "number" and pred.dep_ in ("acl", "relcl", "ROOT", "ccomp"):  # "the injured, numbering 17"
        subject = pred.head if pred.dep_ in ("acl", "relcl") else next(
            (c for c in children if c.dep_ in SUBJECT_DEPS), None)
        return _category_of_phrase(subject, asked_by=pred) if subject is not None else None
    fatal = _has_fatal(pred)
    treated = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    if lemma == "treat" and kind == "person" and any(
            (c.like_num or any(g.dep_ == "nummod" for g in c.children)) and c.lemma_.lower() not in CASELOAD_NOUNS
            for c in treated):
        return "injured"  # "doctors were treating 11 survivors" (not "clinics have treated 1,240 patients", nor
        # "the two men had treated the lives of young people as an inconvenience")
    found = lx.PERSON_PREDICATES.get(lemma) or lx.PERSON_PREDICATES.get(low)
    if found == "injured" and fatal:
        return "killed"
    if found:
        return found
    if lemma in lx.HARM_VERBS:
        return "killed" if fatal else "injured"
    # complements: "were confirmed dead", "treated for injuries", "taken to hospital", "lost their lives",
    # "remain missing", "taken into custody", "sent to prisons", "handed jail terms"
    for child in children:
        clemma = child.lemma_.lower()
        if child.dep_ == "xcomp" and lemma in INTENT_VERBS:
            continue  # "four suspects who tried to flee": an attempt befalls no one
        if child.dep_ in ("acomp", "oprd", "xcomp", "attr") and (clemma in lx.PERSON_PREDICATES or child.lower_ in lx.PERSON_PREDICATES):
            cat = lx.PERSON_PREDICATES.get(clemma) or lx.PERSON_PREDICATES[child.lower_]
            return "killed" if cat == "injured" and fatal else cat
        if child.dep_ in ("dobj", "attr") and lemma in lx.CARRIER_VERBS:
            nouns = [child] + [g for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                               for g in p.children if g.dep_ == "pobj"]  # "various degrees of injuries"
            found = next((lx.COMPLEMENT_NOUNS[n.lemma_.lower()] for n in nouns
                          if n.lemma_.lower() in lx.COMPLEMENT_NOUNS
                          and (n.lemma_.lower() != "life" or lemma in LIFE_TAKING_VERBS)), None)
            if found:
                return found
        if child.dep_ in ("dobj", "nsubj", "nsubjpass") and clemma in lx.TALLY_NOUNS:
            found = _tally_category(child)
            if found:
                return found
        if child.dep_ == "dobj" and any(g.lemma_.lower() in ("jail", "prison") for g in child.subtree):
            return "imprisoned"
        if child.dep_ in ("prep", "agent", "prt", "advmod", "dative"):
            objects = [o for o in child.children if o.dep_ == "pobj"]
            # the complement itself ("to prison terms", "to the district hospital"), not what hangs off it
            for obj in objects + [g for o in objects for g in o.children if g.dep_ in ("compound", "amod")]:
                olemma = obj.lemma_.lower()
                if olemma in lx.COMPLEMENT_NOUNS and (lemma in lx.CARRIER_VERBS or lemma in lx.HARM_VERBS):
                    return lx.COMPLEMENT_NOUNS[olemma]
            if child.lower_ == "for" and lemma == "unaccounted":
                return "missing"
    if lemma == "search" and any(c.dep_ == "prep" and c.lower_ == "for" for c in children):
        return "missing"  # "rescuers were still searching for 6 others"
    if lemma == "round" and any(c.dep_ == "prt" and c.lower_ == "up" for c in children):
        return "detained"  # "rounded up more than 200 migrants"
    if lemma == "book" and any(g.lemma_.lower() in ("jail", "custody", "prison") for c in children for g in c.subtree):
        return "arrested"  # "booked into the county jail"
    if lemma == "sentence" and any(g.lemma_.lower() in ("prison", "jail", "imprisonment") for g in pred.subtree):
        return "imprisoned"  # "sentenced to two years in prison"
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "without" and any(
                g.lemma_.lower() in ("place", "home", "roof", "shelter", "house") for g in child.subtree):
            return "displaced"
    if (lemma == "bus" or low in ("bussed", "bused")) and any(c.lower_ == "out" for c in children):
        return "evacuated"
    return None


def _tally_category(noun) -> str | None:
    """'the death toll' → killed; 'the number of dead' → killed; 'the tally of arrests' → arrested."""
    for tok in noun.subtree:
        if tok == noun:
            continue
        lemma = tok.lemma_.lower()
        if lemma in lx.COUNT_NOUNS:
            return lx.COUNT_NOUNS[lemma]
        if tok.lower_ in lx.PERSON_PREDICATES or lemma in lx.PERSON_PREDICATES:
            return lx.PERSON_PREDICATES.get(tok.lower_) or lx.PERSON_PREDICATES[lemma]
    return "killed" if noun.lemma_.lower() == "toll" else None


def _has_fatal(pred) -> bool:
    return any((c.lower_ in lx.FATAL_MODIFIERS and not _own_subject(c)) or c.lemma_.lower() == "death" and c.dep_ == "prep"
               for c in pred.children) or any(
        c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in pred.children)


def _own_subject(word) -> bool:
    """"Six people were shot, one dead": 'dead' with a subject of its own says who of them died, not that all did."""
    return any(c.dep_ in ("nsubj", "nummod", "npadvmod") for c in word.children)


# --- lists and markers -------------------------------------------------------------------------------

def _link_lists(cands: list[Candidate]) -> None:
    """Figures conjoined in one sentence ('19 ... in Dalla, 15 in Kourou and 9 in Wendé') form one list."""
    by_token = {c.quantity.number_start: c for c in cands}
    for c in cands:
        num = number_head(c.sentence.doc, c.quantity)
        for tok in (num, c.anchor):
            verb = tok.head
            if tok.dep_ in SUBJECT_DEPS and verb.dep_ == "conj" and verb.lemma_ == "be" and verb.head.pos_ in ("VERB", "AUX"):
                first = next((ch for ch in verb.head.children if ch.dep_ in SUBJECT_DEPS), None)
                other = _candidate_for_token(first, by_token) if first is not None else None
                if other is not None and other is not c:
                    c.list_head = other.list_head if other.list_head is not None else other.quantity.number_start
                    break
            if tok.dep_ in ("conj", "appos"):
                head = tok.head
                other = _candidate_for_token(head, by_token)
                if other is not None and other is not c:
                    c.list_head = other.list_head if other.list_head is not None else other.quantity.number_start
                    break


def _candidate_for_token(tok, by_token: dict[int, Candidate]) -> Candidate | None:
    for c in by_token.values():
        if tok.i in range(c.quantity.number_start, c.quantity.end) or tok == c.anchor:
            return c
    for c in by_token.values():  # "131 people were detained on Saturday, and 83 on Sunday"
        if c.predicate is not None and tok == c.predicate and tok.pos_ in ("VERB", "AUX"):
            return c
    if tok.dep_ in ("attr", "acomp"):  # "141 were passengers and 22 were ...": the copula's subject
        subject = next((ch for ch in tok.head.children if ch.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            found = next((c for c in by_token.values() if subject.i in range(c.quantity.number_start, c.quantity.end)
                          or subject == c.anchor), None)
            if found is not None:
                return found
    # '19 people were killed in Dalla, 15 in Kourou': the second figure hangs on the first's place
    while tok.dep_ in ("pobj", "prep", "appos", "conj") and tok.head != tok:
        tok = tok.head
        for c in by_token.values():
            if tok == c.anchor or tok == c.predicate:
                return c
    return None


def _link_place_lists(cands: list[Candidate]) -> None:
    """'27 deaths: 12 in A, 9 in B and 6 in C' — bare figures each followed by 'in <place>' continue the list
    of the figure before them in the sentence, however the parser attached them."""
    for i, c in enumerate(cands):
        if c.list_head is not None or not _bare_with_place(c):
            continue
        before = next((p for p in reversed(cands[:i]) if p.sentence.start == c.sentence.start), None)
        num = number_head(c.sentence.doc, c.quantity)
        if before is not None and (before.list_head is not None or _bare_with_place(before)
                                   or num.dep_ == "appos" and num.head == before.anchor
                                   or _opens_breakdown(before, c)):
            c.list_head = before.list_head if before.list_head is not None else before.quantity.number_start


def _link_colon_lists(cands: list[Candidate]) -> None:
    """'23 people were injured: 20 bus passengers and three traders' — figures with no fate of their own
    after a colon list the people of the counted figure before it, however the parser attached them."""
    for i, c in enumerate(cands):
        if c.category is not None or c.list_head is not None:
            continue
        same = [p for p in cands[:i] if p.sentence.start == c.sentence.start]
        before = next((p for p in reversed(same) if p.category is not None and p.list_head is None), None)
        if before is None:
            continue
        between = c.sentence.doc[before.quantity.end:c.quantity.start]
        colon = next((t.i for t in between if t.text == ":"), None)
        if colon is None:
            continue
        after_colon = c.sentence.doc[colon + 1:c.quantity.start]
        if any(t.pos_ in ("VERB", "AUX") for t in after_colon):
            continue  # "… were injured: police said 20 of them …" is a clause, not a list
        if all(p is before or p.quantity.start < colon or p.list_head == before.quantity.number_start
               for p in same if p is not c):
            c.list_head = before.quantity.number_start


def _opens_breakdown(before: Candidate, c: Candidate) -> bool:
    """'30 deaths: 14 in Kora': only the counted noun and a colon or dash between the two figures."""
    between = c.sentence.doc[before.quantity.end:c.quantity.start]
    return any(t.text in (":", "—", "–") for t in between) and all(
        t.is_punct or t == before.anchor for t in between)


def _normalise_list_heads(cands: list[Candidate]) -> None:
    """Every member of a list points at the list's first figure, however the links were found."""
    by_start = {c.quantity.number_start: c for c in cands}
    for c in cands:
        head, seen = c.list_head, set()
        while head is not None and head in by_start and by_start[head].list_head not in (None, head) and head not in seen:
            seen.add(head)
            head = by_start[head].list_head
        c.list_head = head


def _bare_with_place(c: Candidate) -> bool:
    num = number_head(c.sentence.doc, c.quantity)
    return c.anchor == num and any(ch.dep_ == "prep" and ch.lower_ in ("in", "at", "from") for ch in num.children)


def _drop_anaphoric_figures(cands: list[Candidate]) -> list[Candidate]:
    """'The 23 were among 41 demonstrators arrested': 'the 23' points back at a figure already counted."""
    kept: list[Candidate] = []
    for c in cands:
        doc = c.sentence.doc
        before = doc[c.quantity.start - 1] if c.quantity.start > 0 else None
        bare = c.anchor.i in range(c.quantity.number_start, c.quantity.end)
        if (bare and before is not None and before.lower_ in ("the", "these", "those") and c.quantity.qualifier is None
                and any(k.quantity.value == c.quantity.value for k in kept)):
            continue
        kept.append(c)
    return kept


def _inherit_list_categories(cands: list[Candidate]) -> None:
    """Ellipsis: '147 people were killed and 744 injured', '131 detained on Saturday and 83 on Sunday'."""
    _link_place_lists(cands)
    _link_colon_lists(cands)
    _normalise_list_heads(cands)
    by_start = {c.quantity.number_start: c for c in cands}
    for c in cands:
        if c.category is None and c.list_head is not None and c.list_head in by_start:
            head = by_start[c.list_head]
            if head.category and _same_object_kind(head, c):
                c.category = head.category
                c.predicate = head.predicate
                c.inherited = True
                c.partitive = c.partitive or head.partitive
                c.inclusive = c.inclusive or head.inclusive


def _inherit_whole_categories(cands: list[Candidate]) -> None:
    """'including four fishermen', 'among them six women', 'five of them seriously', '640 of them destroyed':
    the figure counts what its whole counts, the nearest earlier figure in the sentence (or the one before)."""
    for i, c in enumerate(cands):
        if c.partitive or c.reversed:
            continue
        if not (c.inclusive or c.partitive_pronoun):
            continue
        named = _named_whole_before(c) if c.partitive_pronoun else None
        if named is not None:  # "The injured were rushed ..., and eight of them"
            c.whole_category = named
            if not c.category:
                c.category, c.inherited = named, True
            continue
        if c.category and not c.inclusive:
            continue
        if c.category and c.anchor.lemma_.lower() in lx.COUNT_NOUNS:
            c.inclusive = False  # "37 injured, including 15 officers, and 112 arrests": the noun says what it counts
            continue
        whole = next((w for w in reversed(cands[:i]) if w.category and not w.inclusive
                      and w.sentence.start >= _previous_sentence_start(c.sentence)), None)
        if whole is not None:
            c.category = whole.category
            c.inherited = True


def _named_whole_before(c: Candidate) -> str | None:
    """A subject earlier in the sentence that names a group by its fate: 'the injured', 'the detainees'."""
    doc = c.sentence.doc
    for tok in doc[c.sentence.start:c.quantity.start]:
        if tok.dep_ in SUBJECT_DEPS and any(d.lower_ in ("the", "those") for d in tok.children):
            found = _category_of_phrase(tok)
            if found:
                return found
    return None


def _previous_sentence_start(sent) -> int:
    doc = sent.doc
    if sent.start == 0:
        return 0
    return doc[sent.start - 1].sent.start


def _same_object_kind(a: Candidate, b: Candidate) -> bool:
    def kind(c: Candidate) -> str:
        noun = c.anchor.lemma_.lower()
        return "building" if noun in lx.BUILDING_NOUNS else "vehicle" if noun in lx.VEHICLE_NOUNS else "person"
    ka, kb = kind(a), kind(b)
    return ka == kb or "person" in (ka, kb) and b.anchor == number_head(b.sentence.doc, b.quantity)


def _read_markers(cand: Candidate, num) -> None:
    sent = cand.sentence
    words = {t.lower_ for t in sent}
    lemmas = [t.lemma_.lower() for t in sent]
    before = [t.lower_ for t in sent.doc[sent.start:cand.quantity.start]]
    cand.total_marker = bool(
        {"thus", "total", "overall", "altogether"} & set(before)
        or "in all" in " ".join(before)
        or any(t.lower_ == "total" for t in cand.anchor.children)
    )
    head = num.head if num.dep_ == "pobj" else None
    if head is not None and head.lower_ == "to":
        verb = head.head
        if verb.lower_ in ("down", "up") and verb.head != verb:  # "revised the toll down to 14"
            verb = verb.head
        vlemma = verb.lemma_.lower()
        if vlemma in lx.UPDATE_VERBS:
            cand.update_marker = True
        elif vlemma in lx.BRING_VERBS:
            cand.bring_marker = True
    if head is not None and head.lower_ == "from" and ("up" in words or "rose" in words or "risen" in words or "from" in before):
        cand.from_marker = any(lemma in lx.UPDATE_VERBS for lemma in lemmas) or "up" in before[-3:]
    if (cand.predicate is not None and cand.predicate.lemma_.lower() in lx.UPDATE_VERBS and num.dep_ == "pobj"
            and head is not None and head.lower_ == "to"):
        cand.update_marker = True
    if (head is not None and head.lower_ == "at" and head.head.lemma_.lower() == "stand"
            and any(c.dep_ == "nsubj" and c.lemma_.lower() in lx.TALLY_NOUNS for c in head.head.children)):
        cand.total_marker = True  # "the death toll stands at three"
    verb = num.head
    if (num.dep_ in ("dobj", "attr") and verb.lemma_.lower() in lx.UPDATE_VERBS
            and any(c.dep_ == "nsubj" and c.lemma_.lower() in lx.TALLY_NOUNS for c in verb.children)):
        cand.update_marker = True  # "the death toll reaches 27"


# --- building the record -----------------------------------------------------------------------------

def _dedupe(facts: list[Fact], cands: list[Candidate]) -> tuple[list[Fact], list[Candidate]]:
    """A figure the article repeats (a post's translation, a later paragraph) is one fact. A headline's figure
    gives way to the body's telling of it, which says who gave it and how it was reached ("bringing the toll
    to 23")."""
    title = headline(text_of(cands[0].sentence.doc)) if cands else None
    title_end = len(title) if title else 0
    body_keys = {(lx.category_family(f.category), f.value) for f, c in zip(facts, cands) if c.sentence.start_char >= title_end}
    pairs = [(f, c) for f, c in zip(facts, cands)
             if c.sentence.start_char >= title_end or (lx.category_family(f.category), f.value) not in body_keys]
    seen: dict[tuple[str, int], int] = {}
    kept_f: list[Fact] = []
    kept_c: list[Candidate] = []
    for f, c in pairs:
        key = (f.category, f.value)
        if key in seen and seen[key] != c.sentence.start:  # equal figures in one list stay apart
            k = next(k for k, kept in enumerate(kept_f) if (kept.category, kept.value) == key)
            if _tells_how(c) and not _tells_how(kept_c[k]):
                # "Sixteen people have died ... bringing the death toll to 16": keep the telling that says how
                del kept_f[k], kept_c[k]
                kept_f.append(f)
                kept_c.append(c)
            continue
        seen.setdefault(key, c.sentence.start)
        kept_f.append(f)
        kept_c.append(c)
    return kept_f, kept_c


def _tells_how(c: Candidate) -> bool:
    return c.total_marker or c.bring_marker or c.update_marker


def _foreign_spans(posts: list[Post]) -> list[tuple[int, int]]:
    """Posts in another language: their figures are read from the translation the article gives."""
    return [(p.evidence.start, p.evidence.end) for p in posts if p.language not in (None, "en")]


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def _paragraph_of(offset: int, starts: list[int]) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


