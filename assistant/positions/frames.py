"""Verb frames: whether a verb states something where it stands ("put the toll at 49", "the survey found …",
"referred to X as Y", 'led her to express "…"'), and where the words it reports begin ("called for the dam to be
closed", "said hundreds of FLF (…) fighters escaped", "…, argued the lawyer, Tom Berg."). General English only."""

from __future__ import annotations

from typing import Any

from assistant.positions.nouns import DOCUMENT_NOUNS, HUMAN_NOUNS, NAME_ENTS
from assistant.positions.titles import nominal_head

# verbs whose first object may be whom they address ("promised voters taxes would fall")
_ADDRESSEE = {"promise", "ask", "urge", "show", "convince", "persuade", "teach", "give", "assure", "remind"}


def subject_head(obj: Any, first: int) -> bool:
    """'said hundreds of Freedonian (FRD) fighters escaped': a thing taken for the verb's object that runs straight
    into the clause (brackets at most between them) is the start of the clause's subject; not a person or a body
    the words were said to ("promised voters the tax would fall")."""
    gap = obj.doc[obj.right_edge.i + 1 : first]
    subj = next((t for t in obj.doc[first : first + 4] if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or any(c.dep_ in ("det", "poss") for c in subj.children):
        return False
    addressee = obj.head.lemma_.lower() in _ADDRESSEE or obj.pos_ in ("PRON", "PROPN") or \
        obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or obj.lemma_.lower() in HUMAN_NOUNS
    return not addressee and all(t.text in ("(", ")", "[", "]") for t in gap)


# "put the death toll at 49", "placed the value of the artwork at five million dollars": an estimate stated
FIGURE_NOUNS = {"toll", "figure", "number", "value", "cost", "total", "estimate", "damage", "price", "count", "loss",
                "tally", "bill", "size"}


def estimate(verb: Any) -> tuple[Any, Any] | None:
    """'put / placed <a figure> at (or in the range of) <an amount>': (the figure, the amount) of a stated estimate,
    or None (the amount holds a number: not "put the number at risk")."""
    if verb.lemma_.lower() not in ("put", "place") or verb.pos_ != "VERB":
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in FIGURE_NOUNS:
        return None
    amount = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "in") and c.i > obj.i
                   and any(t.like_num or t.tag_ == "CD" for t in c.subtree)), None)
    return (obj, amount) if amount is not None else None


def finding(verb: Any) -> bool:
    """'An investigation by X found no such action', 'the survey showed rising prices': what a document found or
    showed is what it states, an object as much as a clause (a person who "found the keys" states nothing)."""
    if verb.lemma_.lower() not in ("find", "show"):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in DOCUMENT_NOUNS


# verbs that state something only with a preposition of their own: "referred to X as Y", "identified X as Y",
# "spoke of a new era", "talked of his discoveries" (not "spoke to reporters", "spoke about the dam": a topic)
_STATES_WITH = {"refer": "as", "identify": "as", "speak": "of", "talk": "of"}


def speaks_as(verb: Any) -> bool:
    """False for a verb of `_STATES_WITH` without its preposition, or naming its own subject ("identified himself as
    …": a name given); True for any other verb."""
    if verb.lemma_.lower() == "show":
        return finding(verb)  # (only a document shows what it states)
    prep = _STATES_WITH.get(verb.lemma_.lower())
    if prep is None:
        return True
    kids = list(verb.children)
    return any(c.dep_ == "prep" and c.lower_ == prep and c.i > verb.i for c in kids) and not any(
        c.dep_ == "dobj" and c.lower_.endswith(("self", "selves")) for c in kids)


def for_to(c: Any) -> bool:
    """'for the dam to be closed': an infinitive clause with its own subject, introduced by "for"."""
    kids = list(c.children)
    return c.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ == "for" for k in kids) and \
        any(k.dep_ == "aux" and k.lower_ == "to" for k in kids)


def voiced(tok: Any) -> bool:
    """'led Ana Ruiz to express "I should not have …"': a verb of expressing with the words themselves (a clause),
    not an attitude noun ("expressed concern that …", read by `light_statement`)."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in ("express", "voice") and any(
        c.dep_ == "ccomp" and c.i > tok.i for c in tok.children) and not any(c.dep_ == "dobj" for c in tok.children)


def inverted(verb: Any) -> Any | None:
    """'…, argued the government's lawyer, Richard Keen.': a speech verb after the clause it reports, its speaker
    after it and taken by the parser for its object; the sentence ends with the speaker."""
    doc = verb.doc
    if verb.i == 0 or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.head.i == verb.i or verb.head.i > verb.i or \
            doc[verb.i - 1].text not in (",", "”", '"', "’"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "ccomp", "xcomp") for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i), None)
    if obj is None or not (obj.pos_ == "PROPN" or obj.ent_type_ in NAME_ENTS or nominal_head(obj) in HUMAN_NOUNS):
        return None
    mine = {t.i for t in verb.subtree}
    rest = [t for t in doc[verb.i : verb.sent.end] if t.i not in mine and not (t.is_punct or t.is_space)]
    return obj if not rest else None
