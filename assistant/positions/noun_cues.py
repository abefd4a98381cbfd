"""A noun that frames what follows as someone's words: "In his message, he appreciated …", "In her opinion, …",
"In the words of Ana Ruiz, "…"". The noun is the cue; who speaks is its possessor, the "of" after "words", or the
subject of the clause it opens. A claim noun with its owner and a "that" clause ("rejected the mayor's claim that
…", "dismissed claims by Tom Berg that …") reports the owner's words."""

from __future__ import annotations

import re
from typing import Any

from assistant.positions import speakers as sp
from assistant.positions.cues import NOUN_CUES, SPEECH, Cue, _clause_subject, _span
from assistant.positions.document import Document
from assistant.positions.nouns import CLAIM_NOUNS
from assistant.positions.speaker_phrase import speaker


def noun_cue(d: Document, doc: Any, tok: Any, off: int, para: tuple[int, int]) -> Cue | None:
    """The cue a noun after "in" makes, or a claim noun with its owner, or None."""
    if tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and tok.lemma_.lower() in CLAIM_NOUNS | _HELD_NOUNS \
            and tok.head.lemma_ == "be":
        return _copular(d, tok, off, para)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in CLAIM_NOUNS | REPORT_NOUNS | _ASK_NOUNS:
        return _claim(d, doc, tok, off, para)
    # "In his message, he appreciated …" / "In her opinion, …": the noun is the cue
    verb = _framed(tok.head) if tok.dep_ == "pobj" and tok.head.lower_ == "in" else None
    if verb is not None and verb.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in NOUN_CUES or tok.lower_ in NOUN_CUES):
        if verb.pos_ == "VERB" and verb.lemma_.lower() in SPEECH:
            return None  # "X said in a statement that …": the verb is the cue
        subj = _clause_subject(verb)
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        who = poss if poss is not None and tok.lemma_.lower() in ("opinion", "view", "message", "words") else subj or poss
        if who is poss and poss is not None and (poss.lower_ in sp.PERSON_PRONOUNS or poss.lower_ in sp.GROUP_PRONOUNS) \
                and subj is not None and _can_speak(subj):
            who = subj  # "In his message, Tom Berg …": the pronoun points ahead to the clause's subject
            # ("In her opinion, consolidation should …": a subject that can speak for no one; "her" refers back)
        of = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                   if p.dep_ == "pobj"), None)
        if of is not None and tok.lemma_.lower() in ("word", "opinion", "view"):
            who = of  # "In the words of Ana Ruiz, …", "In the view of the ministry, …"
        if who is None or d.in_quote(off + who.idx) is not None:
            return None
        m, name, conf = speaker(d, who, off)
        own = {t.i for t in subj.subtree} if subj is not None and who is subj else set()  # (not the speaker)
        outside = [t for t in verb.subtree if not (tok.head.i <= t.i <= tok.right_edge.i) and t.i > tok.i
                   and t.i not in own]
        span = _span(outside, off)
        cue_text = doc[tok.head.i : tok.i + 1].text
        return Cue(verb, off + tok.head.idx, cue_text, m, name, conf * 0.9, span, [], para)
    return None


def _framed(prep: Any) -> Any:
    """The verb an opening "In her opinion, …" frames: its head, or the verb of the subject the parser hung it on
    ("In her opinion, consolidation … should be based on …")."""
    head = prep.head
    if head.pos_ not in ("VERB", "AUX") and head.dep_ in ("nsubj", "nsubjpass") and prep.i < head.i:
        return head.head
    return head


def _can_speak(tok: Any) -> bool:
    """A clause subject that can be the one whose message or opinion it is: a name, a person or body, a pronoun
    for one."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in sp.PERSON_PRONOUNS or tok.lower_ in sp.GROUP_PRONOUNS
    return tok.lemma_.lower() in sp.HUMAN_NOUNS | sp.BODY_NOUNS | sp.SPOKES_NOUNS


# what someone holds or answered, which a copula equates with its content: "the ministry's position is that …"
_HELD_NOUNS = {"position", "message", "view", "stance", "demand", "request", "response", "reply", "answer"}


def _copular(d: Document, tok: Any, off: int, para: tuple[int, int]) -> Cue | None:
    """'X's position is that …', 'the government's second promise was to run …': the owner said what the copula's
    clause (a "that" clause or an infinitive) says. An owner must be named with the noun."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    be = tok.head
    clause = next((c for c in be.children if c.i > be.i and (
        (c.dep_ == "ccomp" and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children)) or
        (c.dep_ == "xcomp" and any(k.dep_ == "aux" and k.lower_ == "to" and k.i == c.left_edge.i
                                   for k in c.children)))), None)
    if owner is None or clause is None or d.in_quote(off + owner.idx) is not None:
        return None
    m, name, conf = speaker(d, owner, off)
    name = re.sub(r"\s*['’]s?$", "", name)
    if not name or (owner.pos_ == "PRON" and m is None):  # ("His answer was …" with no one named before)
        return None
    # (not a comment set off after it: "…, which many saw as …")
    aside = {t.i for r in clause.subtree if r.dep_ == "relcl" and r.left_edge.i > 0
             and r.doc[r.left_edge.i - 1].text == "," for t in [r.doc[r.left_edge.i - 1], *r.subtree]}
    span = _span([t for t in clause.subtree if t.i not in aside and
                  not (t.dep_ == "mark" and t.head is clause and t.lower_ == "that")], off)
    return Cue(tok, off + tok.idx, f"{tok.text} {be.text}", m, name, conf * 0.9, span, [], para, comp=clause)


# what someone asked for: "calls by X to delay the vote"
_ASK_NOUNS = {"call", "demand", "request", "appeal", "plea"}
# a document whose "that" clause is what its named issuer reported ("a Reuters report that …")
REPORT_NOUNS = {"report", "article", "story", "study", "survey", "finding", "analysis", "investigation"}
NAMED_OWNERS = ("ORG", "PERSON", "NORP", "GPE")


def _claim(d: Document, doc: Any, tok: Any, off: int, para: tuple[int, int]) -> Cue | None:
    """'X's claim that …' / 'claims by X that …': the owner said the clause. An owner only the clause's verb
    names, or none ("the claim that …"), gives nothing."""
    # (a content clause: "that" as its mark, which the parser may also read as a relative clause's)
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > tok.i
                   and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children)), None)
    if clause is None and tok.lemma_.lower() in _ASK_NOUNS:
        # "calls by X to delay the vote", "the union's demand to raise wages": the act asked for (an infinitive the
        # parser may hang on the verb the noun is the object of)
        clause = next((c for c in [*tok.children, *tok.head.children] if c.dep_ in ("acl", "advcl") and c.i > tok.i
                       and c.left_edge.lower_ == "to" and any(k.dep_ == "aux" and k.i == c.left_edge.i for k in c.children)
                       and (c.head is tok or c.left_edge.i == tok.right_edge.i + 1)), None)
    if clause is None:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None:  # "the Riverton Times report that …": a named owner before the noun
        owner = next((c for c in tok.children if c.dep_ == "compound" and c.ent_type_ in NAMED_OWNERS), None)
    if owner is None and tok.lemma_.lower() not in CLAIM_NOUNS | _ASK_NOUNS:
        return None  # (a report's words are its issuer's only when the issuer is named with it)
    if owner is None:
        owner = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < clause.i
                      for p in c.children if p.dep_ == "pobj"), None)
    if owner is None or d.in_quote(off + owner.idx) is not None:
        return None
    known = {id(x) for x in d.mentions}
    m, name, conf = speaker(d, owner, off)
    if m is not None and id(m) not in known:  # (named here as an owner, not as the sentence's subject or speaker)
        m.subject = m.speaker = m.main = False
    name = re.sub(r"\s*['’]s?$", "", name)  # (the owner's phrase with its possessive ending)
    if not name:
        return None
    span = _span([t for t in clause.subtree if not (t.dep_ == "mark" and t.head is clause and t.lower_ == "that")], off)
    return Cue(tok, off + tok.idx, f"{tok.text} {clause.left_edge.lower_}", m, name, conf * 0.9,
               span, [], para, comp=clause)
