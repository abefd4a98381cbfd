"""Who speaks for a text: the issuer of a document noun ("the agency's report", "a statement from the ministry",
"a statement released by the board") and the text that reads a quotation ("The statement read: …")."""

from __future__ import annotations

from typing import Any

from assistant.positions.nouns import BODY_NOUNS, DOCUMENT_NOUNS, HUMAN_NOUNS, NAME_ENTS, OUTLET_NOUNS

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs)
_PARTS = {"part", "portion", "section", "passage", "excerpt", "extract"}  # of a document that reads a quote
# pieces that appear in a publication, which speaks through them ("an article in the Riverton Times")
_PUBLISHED = {"article", "piece", "column", "editorial", "op-ed", "report", "story", "leader"}
_ISSUING = {"release", "issue", "publish", "post", "send", "sign", "circulate", "put"}  # put out


def text_reading(verb: Token) -> Token | None:
    """"The statement read: …", "The summary of the decision read in part: …": the text that reads what it says (a
    document noun), else None. The parser may take "read" before a colon for a participle of the noun before it."""
    if verb.lemma_.lower() != "read":
        return None
    doc = verb.doc
    reader = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.right_edge.i + 1 < len(doc) and \
            doc[verb.right_edge.i + 1].text == ":":
        reader = verb.head
        while reader.dep_ not in ("nsubj", "ROOT") and reader.head.i != reader.i:
            reader = reader.head
    if reader is not None and reader.lemma_.lower() in _PARTS:  # "Part of the judge's statement reads …"
        of = next((c for c in reader.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        reader = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return reader if reader is not None and reader.pos_ == "NOUN" and reader.lemma_.lower() in DOCUMENT_NOUNS else None


def issuer(tok: Token) -> Token | None:
    """Who issued a document noun: its possessor ("the agency's website"), a named compound ("the Reuters
    report") or the object of by / from / of ("a report from X", "the reports by X")."""
    if tok.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod") and c.ent_type_ in NAME_ENTS:
            return c
        if c.dep_ == "poss" and c.lemma_.lower() in HUMAN_NOUNS and c.tag_ == "NN" and \
                any(x.dep_ == "det" and x.lower_ == "the" for x in c.children):
            return c  # "the judge's statement": the judge (resolved as "the judge said" is)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is None or (c.lower_ == "from" and pobj.ent_type_ == "GPE"):
                continue  # "documents from <a place>": where they come from, not who issued them
            if pobj.ent_type_ in NAME_ENTS or (pobj.pos_ == "PROPN" and pobj.text[:1].isupper()) or any(
                    x.dep_ in ("compound", "appos", "amod") and x.ent_type_ in NAME_ENTS for x in pobj.children):
                return pobj  # (a named body, or one its name qualifies: "estimates by the Freedonian government")
            if pobj.lemma_.lower() in BODY_NOUNS | HUMAN_NOUNS and pobj.tag_ != "NNS" and any(
                    x.dep_ in ("det", "poss") and x.lower_ not in ("a", "an") for x in pobj.children):
                return pobj  # "a statement from the ministry": the ministry (resolved as "the ministry said" is)
    if tok.lemma_.lower() in _PUBLISHED:
        # "an article in the Riverton Times claims …": the publication it appeared in (not a place or a date:
        # "a report in Riverton", "a column in May")
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                pobj = next((p for p in c.children if p.dep_ == "pobj" and p.ent_type_ not in ("GPE", "LOC", "FAC", "DATE")
                             and (p.ent_type_ in ("ORG", "WORK_OF_ART") or (p.pos_ == "PROPN" and not p.ent_type_))), None)
                if pobj is not None:
                    return pobj
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _ISSUING:
        # "They released a statement which said …": who released it
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    for c in tok.children:  # "a statement posted to his official Twitter account": whose account it is
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _ISSUING:
            # (or sent from it: "a tweet sent from his account")
            for prep in (p for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "on", "from")):
                place = next((p for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in OUTLET_NOUNS), None)
                owner = next((p for p in place.children if p.dep_ == "poss"), None) if place is not None else None
                if owner is not None:
                    return owner
    if tok.dep_ == "pobj" and tok.head.lower_ in ("with", "in") and tok.head.head.pos_ == "VERB" and \
            tok.head.head.lemma_.lower() not in _ISSUING:
        # "the daily covered the story with a headline pointing out …", "X, in a statement, denied …": the
        # subject's own text (named: "the story with a photo from the agency" has its own issuer above)
        subj = next((c for c in tok.head.head.children if c.dep_ == "nsubj" and c.ent_type_ in NAME_ENTS), None)
        if subj is not None:
            return subj
    for c in tok.children:  # "a statement released by the board": who released it
        agent = next((a for a in c.children if a.dep_ == "agent"), None) if c.dep_ == "acl" and c.tag_ == "VBN" else None
        pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None and (pobj.ent_type_ in NAME_ENTS or pobj.lemma_.lower() in BODY_NOUNS | HUMAN_NOUNS):
            return pobj
    return None
