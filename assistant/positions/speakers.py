"""From a speech verb to a speaker's name: the verb's subject in the dependency parse, with pronouns and
titles ("he", "the minister", "the office") resolved to the nearest compatible earlier mention (antecedents.py).
"""

from __future__ import annotations

from typing import Any

from assistant.positions.antecedents import (  # noqa: F401 (used as sp.*)
    GROUP_PRONOUNS,
    LESSER_TITLES,
    PERSON_PRONOUNS,
    TITLE_MATCH,
    Mention,
    resolve,
)
from assistant.positions.cues import goes_on
from assistant.positions.names import clean_name, name_parts, titled_name  # noqa: F401 (used as sp.*)
from assistant.positions.nouns import (  # noqa: F401 (used as sp.*)
    BODY_NOUNS,
    DOCUMENT_NOUNS,
    EVENT_NOUNS,
    HUMAN_NOUNS,
    NAME_ENTS,
    SPOKES_NOUNS,
)
from assistant.positions.titles import (  # noqa: F401 (used as sp.*)
    according_source,
    affiliated,
    nominal_head,
    person_by_role,
    role_beside,
    title_noun,
    title_words,
)

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs)

_NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "del", "la", "le", "bin", "al", "ibn"}


def _split_name_first(kids: list[Token]) -> list[Token]:
    """"said study co-author Ana Ruiz", parsed with "co" and "Ruiz" both the verb's subjects: a subject that is
    only the first word of a name's own words (every token up to the name hangs on it) gives way to the name."""
    subs = [c for c in kids if c.dep_ == "nsubj"]
    if len(subs) < 2:
        return kids
    first, doc = subs[0], subs[0].doc
    for other in subs[1:]:
        named = other.ent_type_ in ("PERSON", "ORG") and not first.ent_type_
        if named and first.i < other.i and all(doc[k].head.i == other.i or doc[k].is_punct
                                               for k in range(first.i + 1, other.i)):
            return [other, *[c for c in kids if c.i != other.i]]
    return kids


# verbs that bring their object to do what follows ("led her to say", "prompted him to admit")
_MADE_TO = frozenset(["lead", "prompt", "cause", "force", "compel", "drive", "move", "push", "spur", "inspire"])
# prepositions of a time or a place that may open a sentence ("On Friday …", "In Riverton …")
_WHEN_PREPS = frozenset(["on", "in", "at", "after", "before", "during", "since", "until", "by", "following"])


def subject_of(verb: Token) -> Token | None:
    """The nsubj of a speech verb; inherited through conj / xcomp / advcl ("..., adding that ...") and
    relative clauses ("Berg, who said ...")."""
    seen = 0
    tok = verb
    root = verb.sent.root
    if verb.dep_ == "conj" and verb.head.dep_ == "relcl" and verb.tag_ != verb.head.tag_ and verb.tag_ == root.tag_:
        # "X recognized the role Jordan plays … and thanked Y": a verb in the main verb's tense, not the relative
        # clause's, goes on from the main verb (the parser joined it to the relative clause)
        own = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if own is not None:
            return own
    if verb.dep_ in ("conj", "advcl") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        # "found the strike justified and called …", 'said, "I do not …", calling it …': a speech verb
        # coordinated with or adjoined to another speech verb's complement shares that verb's subject, not
        # the complement's
        anc = verb.head
        # ("…, but Tom Berg disagreed, saying …": a verb with a subject of its own gives it to the participle)
        while anc.head.i != anc.i and anc.dep_ in ("conj", "ccomp", "xcomp", "oprd", "advcl") and \
                not (anc.dep_ == "conj" and anc.head.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in anc.children)):
            anc = anc.head
            if anc.pos_ == "VERB" and anc.lemma_.lower() in _speech():
                tok = anc
                break
    while tok is not None and seen < 4:
        kids = list(tok.children)
        if sum(c.dep_ == "nsubj" for c in kids) > 1:
            # "…, which the agency reported left …": the relative pronoun is what is reported, the name speaks;
            # '"The dam," engineer Tom Berg said': the subject nearest the verb speaks, not a noun of the quote
            kids = [c for c in kids if not (c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP"))]
            kids.sort(key=lambda c: abs(c.i - tok.i))
            kids = _split_name_first(kids)
        for c in kids:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i != verb.i and not (tok.tag_ == "VBG" and c.i > tok.i):
                # (a participle's subject never follows it: "Saying "…" (a gloss), he …" parsed with a
                # noun of the gloss as nsubj)
                if c.dep_ == "nsubjpass":
                    agent = next((a for a in tok.children if a.dep_ == "agent"), None)
                    if agent is not None:
                        pobj = next((p for p in agent.children if p.dep_ == "pobj"), None)
                        if pobj is not None:
                            return pobj
                    if tok is verb:
                        return None  # "X is expected to …", "it was announced …": no one is named as speaking
                    continue
                folded = _folded_speech(c)
                if folded is not None:
                    return next(x for x in folded.children if x.dep_ == "nsubj")
                # "the company invested in …, but Riverton Daily reports …": a subject joined by "but" is no pair;
                # the name after it is the verb's own subject
                after_but = next((x for x in c.children if x.dep_ == "conj" and x.i < tok.i and any(
                    y.dep_ == "cc" and y.lower_ == "but" and c.i < y.i < x.i for y in c.children)), None)
                return after_but if after_but is not None else c
        if tok.i == verb.i and verb.dep_ != "conj":  # (a conjunct shares its head's subject: "X called …, and
            # on Twitter referred to …")
            # "On Friday Ford Motor Company announced …": the parser hung the subject on the date before it
            glued = next((p for c in tok.children if c.dep_ == "prep" and c.i < tok.i and c.lower_ in _WHEN_PREPS
                          for p in c.children
                          if p.dep_ == "pobj" and p.pos_ == "PROPN" and p.right_edge.i == tok.i - 1
                          and p.ent_type_ in NAME_ENTS), None)
            if glued is not None:
                return glued
            # "Water Act Advocate, Ana Ruiz, said: …" with the title misread as a clause: the name set off by commas
            # right before the verb speaks
            doc, j = tok.doc, tok.i - 1
            while j > 0 and doc[j].head.i == tok.i and doc[j].dep_ in ("aux", "neg", "advmod"):
                j -= 1  # ("…, Ana Ruiz, has also said")
            name = doc[j - 1] if j >= 2 and doc[j].text == "," else None
            if name is not None and name.dep_ == "appos" and name.ent_type_ == "PERSON" and \
                    name.left_edge.i > 0 and doc[name.left_edge.i - 1].text == ",":
                return name
            # 'Calling it "a sham", Ana Ruiz of the charity, told …' with the name hung on the quote: a sentence's
            # subjectless main verb is said by the one person set beside a noun before it
            named = [t for t in tok.sent if t.i < tok.i and t.dep_ == "appos" and t.ent_type_ == "PERSON"]
            if tok.dep_ == "ROOT" and len(named) == 1 and not any(t.dep_ in ("nsubj", "nsubjpass") and t.i < tok.i
                                                                 for t in tok.sent):
                return named[0]
        if tok.dep_ == "prep" and tok.lower_ == "as":
            # "X quoted Y as saying …", "Y was quoted as saying …": Y speaks
            obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is None or tok.head.lemma_.lower() not in ("cite", "quote"):
                # ("The BBC cited Ana Ruiz, chief of …, as saying …" with "as" hung on a later clause's verb)
                cited = next((v for v in reversed(list(tok.sent)) if v.i < tok.i and v.pos_ == "VERB"
                              and v.lemma_.lower() in ("cite", "quote")), None)
                obj = next((c for c in cited.children if c.dep_ in ("dobj", "nsubjpass") and c.i < tok.i),
                           None) if cited is not None else obj
            return obj
        if tok.dep_ == "prep" and tok.lower_ in ("by", "in", "upon", "on", "after") and tok.head.pos_ in ("VERB", "AUX"):
            # "X continued by announcing, "…"", "X responded by saying …", "X joined Y in announcing …", "X was
            # applauded upon announcing …"
            tok = tok.head
        elif tok.dep_ == "xcomp" and tok.head.i != tok.i and \
                any(c.dep_ == "dobj" and c.i < tok.i for c in tok.head.children):
            if tok.head.lemma_.lower() in _MADE_TO:  # "The backlash led Ana Ruiz to say …": she said it
                return next(c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i)
            if not goes_on(tok):
                return None  # "A asked B to post …", "urged the crowd to consider …": asked of B, said by no one yet
            tok = tok.head  # "X used his account to encourage …": X
        elif tok.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "acl" and _medium_of_statement(tok.head):
            # "X posted a message on Twitter blaming …": the parser hung the participle on where the message
            # went; the message's sender speaks
            tok = tok.head.head.head.head
        elif tok.dep_ == "acl" and tok.head.lemma_.lower() in EVENT_NOUNS and tok.head.dep_ in ("dobj", "pobj"):
            # "X held a press conference claiming …", "X issued a statement saying …": X speaks
            tok = tok.head.head if tok.head.dep_ == "dobj" else tok.head.head.head
        elif tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") and \
                not any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
            # "people believed to have …", "a plan announced on Friday": the noun is what is said, not who says
            # it (a participle with an object or a clause of its own is a past tense the tagger missed)
            agent = next((a for a in tok.children if a.dep_ == "agent"), None)
            return next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
        elif tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN")):
            head = tok.head
            if head.dep_ == "conj" and head.pos_ == "NOUN" and head.head.ent_type_ in NAME_ENTS:
                return head.head  # "with Lord Berg and others calling for …": the one named
            return head
        else:
            return None
        seen += 1
    return None


def _medium_of_statement(noun: Token) -> bool:
    """Is the noun where a statement someone made went ("a message on Twitter", "a statement on its website"): the
    object of a preposition after a statement noun that is a verb's object?"""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("on", "to", "via", "through"):
        return False
    said = prep.head
    return said.lemma_.lower() in EVENT_NOUNS and said.dep_ == "dobj" and said.head.pos_ == "VERB"


def affiliation(tok: Token) -> Token | None:
    """The named organisation a role belongs to: "the agency's chief officer", "a spokesman for the party"."""
    for c in tok.children:
        if c.dep_ == "poss" and c.ent_type_ in NAME_ENTS:
            return c
        if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "from"):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and (pobj.ent_type_ in NAME_ENTS or any(
                    x.dep_ in ("compound", "appos") and x.ent_type_ in NAME_ENTS for x in pobj.children)):
                return pobj
    return None


def named_modifier(tok: Token) -> bool:
    """A noun modified by a name ("the Iraqi government", "the city's council", "the G20 joint statement")
    describes someone by itself."""
    return any(c.dep_ in ("amod", "compound", "nmod", "poss") and (c.ent_type_ in NAME_ENTS or _code_name(c))
               for c in tok.children)


def _code_name(tok: Token) -> bool:
    """A modifier written as a name even where the tagger sees none: an acronym or a code of capitals and
    digits ("UN", "G20", "C40"), never the first word of a sentence."""
    t = tok.text
    return tok.i != tok.sent.start and len(t) >= 2 and t[0].isupper() and t.isalnum() and \
        sum(ch.isupper() or ch.isdigit() for ch in t) >= 2


def phrase(tok: Token) -> list[Token]:
    """A noun's phrase without its relative, participial, appositive and prepositional clauses or a time."""
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "appos") or (c.dep_ == "prep" and any(
                x.dep_ == "pcomp" or (x.dep_ == "pobj" and x.ent_type_ in ("DATE", "TIME")) for x in c.children)):
            drop.update(t.i for t in c.subtree)  # (and a time the parser hung on the noun: "X on Friday said")
    return [t for t in tok.subtree if t.i not in drop]


def trailing_name(tok: Token) -> Any | None:
    """A title whose phrase ends in a person's name that the parser hung on the title's preposition ("Chair of the
    Basin Board Lena Ortiz", "Former envoy to the River Commission Tom Berg"): that name, as a PERSON span."""
    from spacy.tokens import Span

    if tok.lemma_.lower() not in HUMAN_NOUNS:
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "for", "at")), None)
    if prep is None or prep.right_edge.i != tok.right_edge.i:
        return None
    doc, end = tok.doc, tok.right_edge.i + 1
    for ent in doc.ents:
        if not (prep.i < ent.start and ent.end <= end and end - ent.start <= 4):
            continue
        run = doc[ent.start:end]
        if not all((t.pos_ == "PROPN" and t.text[:1].isupper()) or t.lower_ in _NAME_PARTICLES for t in run):
            continue
        if ent.label_ == "PERSON":
            return Span(doc, ent.start, end, label="PERSON")
        # a name the model tagged as an organisation: two or three words straight after another name
        if ent.end == end and 2 <= len(run) <= 3 and any(e.end == ent.start for e in doc.ents):
            return Span(doc, ent.start, end, label="PERSON")
    return None


def _folded_speech(noun: Token) -> Token | None:
    from assistant.positions.cues import folded_speech

    return folded_speech(noun)


def _speech() -> set[str]:
    from assistant.positions.cues import SPEECH

    return SPEECH


def nominal_head_word(phrase: str) -> str:
    """The last word of a speaker phrase, lower-cased, without a possessive ("The Riverton water board" -> board)."""
    words = phrase.split()
    return words[-1].lower().removesuffix("'s").removesuffix("’s") if words else ""


def phrase_entity(tok: Token) -> Any | None:
    """The named entity a subject token belongs to, or one in its appositive ("the mayor, Tom Berg")
    or compound ("Water Minister Ana Ruiz")."""
    doc = tok.doc
    named = trailing_name(tok)
    if named is not None:
        return named
    if tok.ent_type_ != "PERSON":
        # "the Institute's director, Dr. Anthony Fauci": a person in apposition names the speaker
        for c in tok.subtree:
            if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.head.ent_type_ != "PERSON":
                for ent in doc.ents:
                    if ent.start <= c.i < ent.end:
                        return ent
            if c.dep_ == "appos" and c.head.lemma_.lower() in HUMAN_NOUNS and not c.ent_type_:
                # "The governor, Ana Ruiz, said": a name the tagger missed, in apposition to a title
                run = [t for t in c.subtree if t.i <= c.i]
                if 2 <= len(run) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha()
                                              and not t.ent_type_ for t in run):
                    from spacy.tokens import Span

                    return Span(doc, run[0].i, c.i + 1, label="PERSON")
    if tok.ent_type_ in NAME_ENTS:
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    # "the Riverton water board", "the Freedonia refugee agency": a body the name only locates or qualifies, described
    # by a word of its own, is that body (its phrase speaks), not the place or the parent organisation
    described_body = tok.text.islower() and tok.lower_ in BODY_NOUNS and any(
        c.dep_ in ("compound", "amod") and (c.pos_ in ("NOUN", "ADJ") or c.text.islower()) and not c.ent_type_
        for c in tok.children)  # ("foreign" may be tagged a proper noun)
    # "U.S. scientists", "Freedonian officials": people a place or nation only qualifies are those people
    qualified_people = tok.tag_ == "NNS" and tok.lemma_.lower() in HUMAN_NOUNS
    # "the Berg campaign", "the Ruiz administration": a body a person's name only qualifies speaks for itself
    persons_body = tok.text.islower() and tok.lower_ in BODY_NOUNS | {"camp", "family"}
    for c in tok.children:
        if c.dep_ == "compound" and qualified_people and c.ent_type_ in ("GPE", "NORP"):
            continue
        if c.dep_ == "compound" and persons_body and c.ent_type_ == "PERSON":
            continue
        if c.dep_ in ("appos", "compound") and c.ent_type_ in NAME_ENTS and not (described_body and c.dep_ == "compound"):
            for ent in tok.doc.ents:
                if ent.start <= c.i < ent.end and ent.label_ in NAME_ENTS:
                    return ent
    # "a spokesman for the PMF" is unnamed; "Ahmed al-Assadi, a spokesman" has the name as the head
    return None
