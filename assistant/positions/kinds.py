"""Whose words a statement gives: the speaker's own (direct: quoted; reported: paraphrased) or a description of
another person (third_party: "accused him of …", "called the president's plan …", "said the minister had
"failed …""). General English only.

A quote is the speaker's own words when it is the whole of what the speech verb reports, or most of a
reported clause ('said naming it would place "tremendous stigma …"'). A short quote embedded in a paraphrase
('said the crash was "likely" their doing') leaves the statement a paraphrase: reported. A quote inside a
clause or a predicate about another person is third_party. A quote that is most of a reported clause but not all
of it (a mixed quote: 'said the measure was "nowhere near enough"') gives two statements: the quoted words (direct)
and the claim they stand in (reported; statements.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.positions import speakers as sp
from assistant.positions.cues import THIRD, _clause_subject

if TYPE_CHECKING:
    from assistant.positions.document import Document

# a quote must be at least this share of the reported clause it stands in to make the statement direct.
# Fit on the dev split of eval/attribution: the clause-embedded quotes there have shares 0.10-0.46 where the
# statement is a paraphrase ('the crash was "likely" …', 'he prepaid "millions of dollars" in taxes') and
# 0.57-0.92 where it is direct ('the outbreak a "public health emergency"'); 0.5 is the middle of the gap
QUOTE_SHARE = 0.5
# prepositions by which an object names the party it is aimed at ("the inquiry into X", "the case against X")
_TARGET_PREPS = {"into", "against"}


def described(d: Document, verb: Any, comp: Any, off: int, speaker: str) -> list[str]:
    """The person a statement describes: the object of the speech verb ("accused him of …", "called Lee's
    order …"), else the subject of the reported clause ("said the president had …"). Pronoun objects of
    describing verbs and title nouns ("the president") are resolved to the mention they stand for; a pronoun
    subject of the reported clause is left alone (it is most often the speaker)."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
    if obj is None and verb.lemma_.lower() in THIRD:
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)  # "X was accused by Y of …"
    if obj is None and verb.lemma_.lower() == "refer":  # "referred to X as …"
        to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    target = obj if obj is not None else comp if comp.dep_ in ("dobj", "dative") else _clause_subject(comp)
    if target is None:
        return []
    who = _person(d, target, off, obj is target and verb.lemma_.lower() in THIRD, speaker)
    if who is None and obj is not None and obj is target and verb.lemma_.lower() in THIRD:
        who = _body(d, obj)  # "accused the council of …": a body is described as a person is
    if who is None and obj is not None and obj is target and verb.lemma_.lower() in THIRD and obj.pos_ == "PROPN":
        # "accused Ana Ruiz of lying" with no entity tagged: the name the describing verb is aimed at
        run = [t for t in obj.subtree if (t.i < obj.i and t.dep_ in ("compound", "flat")) or t.i == obj.i]
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in run) and len(run) <= 4:
            who = d.full_name(" ".join(t.text for t in run), "PERSON")
    if who is None:
        poss = next((c for c in target.children if c.dep_ == "poss"), None)
        who = _person(d, poss, off, False, speaker) if poss is not None else None
        if who is None and obj is not None and obj is target and verb.lemma_.lower() in THIRD:
            who = _party_of(d, obj, off, speaker)
    return [who] if who and who != speaker else []


def _party_of(d: Document, obj: Any, off: int, speaker: str) -> str | None:
    """Whose conduct the object of a describing verb is: a named party that owns it or that it targets
    ("called the council's inquiry …", "called the investigation into Tom Berg …"). A pronoun owner is left
    alone ("called his own plan …" is most often the speaker's)."""
    poss = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if poss is not None:
        return _body(d, poss)
    after = [c for c in obj.head.children if c.dep_ == "prep" and c.i == obj.right_edge.i + 1]  # (parser's attachment)
    for prep in (c for c in [*obj.children, *after] if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ != "PRON":
            return _person(d, pobj, off, False, speaker) or _body(d, pobj)
    return None


def _body(d: Document, tok: Any) -> str | None:
    """The organisation an object names: a named one ("the Riverton Times") or one by its kind ("the council")."""
    ent = sp.phrase_entity(tok)
    if ent is not None and not any(t.text[:1].isupper() for t in ent):
        ent = None  # (the small model's "the council of "reckless reporting" is no name)
    if ent is not None and ent.label_ in ("ORG", "NORP") and not ent.text.strip().isupper():
        return d.full_name(ent.text.strip(), ent.label_)
    if ent is None and tok.pos_ == "NOUN" and sp.nominal_head(tok) in sp.BODY_NOUNS and \
            any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return " ".join(t.text for t in tok.subtree if not t.is_punct and t.i <= tok.i)
    return None


def _person(d: Document, tok: Any, off: int, object_pronoun: bool, speaker: str) -> str | None:
    """The person a token names, or None. An object pronoun of a describing verb is someone other than the
    speaker ("She described him as …"); a possessive or subject pronoun is most often the speaker ("said his
    country …") and names no one else; a title noun counts only when an earlier mention carries that title."""
    others = [m for m in d.mentions if m.name != speaker]
    if tok.pos_ == "PRON":
        if tok.lower_ not in sp.PERSON_PRONOUNS or (tok.dep_ != "poss" and not object_pronoun):
            return None
        if not object_pronoun:
            return None  # "said his country …": left alone, as a pronoun subject is
        m, _conf = sp.resolve(tok, off + tok.idx, others, [s for s in d.speakers if s.name != speaker])
        return m.name if m is not None and m.label == "PERSON" else tok.text
    ent = sp.phrase_entity(tok)
    if ent is not None and ent.text.strip().isupper():
        return None  # an acronym the small model tags as a person ("confirmed that FWAP had been discussed")
    if ent is not None:
        name = d.full_name(ent.text.strip(), ent.label_)
        return name if d.person_label(name, ent.label_) == "PERSON" else None
    if tok.pos_ == "NOUN" and sp.nominal_head(tok) in sp.HUMAN_NOUNS and \
            any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        m, conf = sp.resolve(tok, off + tok.idx, others, [])
        if m is not None and m.label == "PERSON" and conf >= sp.TITLE_MATCH:
            return m.name
        # the object of a describing verb is described ("thanked the secretary for …"); the subject of a reported
        # clause names no one unless the title resolves ("reported that the president had resigned": a report)
        return " ".join(t.text for t in tok.subtree if not t.is_punct and t.i <= tok.i) if object_pronoun else None
    return None


def is_clause(comp: Any) -> bool:
    """The reported complement is a clause with its own subject ("said [the crash was …]")."""
    return comp is not None and (comp.dep_ == "ccomp" or any(c.dep_ in ("nsubj", "nsubjpass") for c in comp.children))


def predicate_quoted(d: Document, cue: Any, q_start: int, q_end: int) -> bool:
    """The quote holds the reported clause's own verb, with only the clause's subject before it ('said Smithers
    "perpetuated …"', 'said the use of the currencies "costs Africa …"'): the speaker's words, the subject
    standing outside the marks."""
    comp = cue.comp
    if comp is None or not is_clause(comp) or comp.pos_ not in ("VERB", "AUX"):
        return False
    off = cue.para[0]
    if not q_start <= off + comp.idx < q_end:
        return False
    subj = _clause_subject(comp)
    if subj is None or off + subj.idx >= q_start:
        return False
    if subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN" or subj.lower_ in sp.PERSON_PRONOUNS or \
            sp.nominal_head(subj) in sp.HUMAN_NOUNS:
        return False  # 'said Berg "founded …"': words about a person, described (third_party), not the speaker's claim
    end = off + subj.right_edge.idx + len(subj.right_edge.text)
    return end <= q_start and not any(ch.isalnum() for ch in d.text[end:q_start])


def quoted_share(d: Document, span: tuple[int, int]) -> float:
    """Share of a reported clause's characters that stand inside quotation marks."""
    s, e = span
    inside = sum(max(0, min(q.end, e) - max(q.start, s)) for q in d.quotes)
    return inside / max(1, e - s)
