"""Speech verbs that make no statement where they stand: a request for anonymity, a source cited, a statement
declined or not made, a plea, a question put to the speaker, a text written (authorship), a reporter's byline."""

from __future__ import annotations

from typing import Any

from assistant.positions.cues import DECLINED, NEGATED_VIEWS, NOUN_CUES, cited_for
from assistant.positions.nouns import DOCUMENT_NOUNS, HUMAN_NOUNS


def _after_opening(neg: Any, verb: Any) -> bool:
    """A token after its verb with a colon or an opening quote mark between them: part of the words reported."""
    return neg.i > verb.i and any(t.text in (":", '"', "“", "‘") for t in verb.doc[verb.i + 1 : neg.i])


# what one writes that is a text, not words said ("wrote a book", "wrote a letter to the council")
_WRITINGS = frozenset(["book", "letter", "note", "email", "e-mail", "essay", "chapter", "song", "novel", "script",
                       "law", "bill", "legislation", "code", "software", "program", "programme"])


def _content(noun: Any) -> bool:
    """Does the noun carry what the text says ("a letter saying …", "a report that the dam is unsafe", "a post in
    which he …")?"""
    return any((c.dep_ in ("acl", "ccomp") and (c.tag_ == "VBG" or c.left_edge.lower_ == "that"))
               or c.dep_ in ("appos", "relcl")  # ("wrote this post, in which he took issue with …")
               or (c.dep_ == "punct" and c.text == ":") for c in noun.children)


def says_nothing(tok: Any) -> bool:
    """A speech verb that makes no statement where it stands: a request for anonymity, a source cited, a text
    written, a byline, a statement declined or not made, a plea, a question put to the speaker."""
    lemma = tok.lemma_.lower()
    if lemma in ("ask", "request", "speak") and any(
            (c.dep_ == "xcomp" and c.lemma_.lower() in ("name", "identify", "quote")
             and any(x.dep_ == "auxpass" for x in c.children))
            or (c.dep_ == "prep" and any(x.lower_ == "anonymity" for x in c.subtree)) for c in tok.children):
        return True  # "who asked not to be named", "spoke on condition of anonymity": a request, not a statement
    if lemma == "cite" and any(c.dep_ == "dobj" and (c.ent_type_ in ("PERSON", "ORG") or c.lemma_.lower() in
                                                   HUMAN_NOUNS | DOCUMENT_NOUNS | {"source", "people"})
                               and not cited_for(c) for c in tok.children):
        return True  # "Citing unnamed officials, …": who the words come from, not a reason given
    if lemma == "write" and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) and any(
            (c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS | NOUN_CUES | _WRITINGS and not _content(c))
            or (c.dep_ == "prt" and c.lower_ in ("in", "off")) for c in tok.children):
        return True  # "wrote the report", "wrote a letter to the minister": authorship; "wrote in a candidate": a vote
    if lemma == "report" and not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(x.dep_ == "pobj" and x.ent_type_ == "ORG" for x in c.children)
            for c in tok.children):
        return True  # "Ana Ruiz reports for Riverton Radio from Geneva": a byline, whom the reporter works for
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in DECLINED:
        return True  # "declined to confirm that …", "refused to say whether …": nothing was said
    # ("replied: "Absolutely not."": a negation after the verb's colon or quote mark is what was said)
    if any(c.dep_ == "neg" and not _after_opening(c, tok) for c in tok.children) and lemma not in NEGATED_VIEWS:
        return True  # "X did not disclose whether …", "never said": a statement not made
    if any(c.dep_ == "acomp" for c in tok.children) and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return True  # "by pleading guilty to …": a plea, no statement (and no quote nearby is its)
    # "When asked about …, X said": a question put to X, not X's statement
    return bool(tok.tag_ == "VBN" and tok.dep_ == "advcl" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children))
