"""Where a reported clause ends when the parser hangs its second half on the speech verb, or adds the narrator's
aside to it: the tense of what follows tells (a narrator tells in the past; a claim after a past-tense cue keeps
its own present, modal or backshifted tense). General English only."""

from __future__ import annotations

from typing import Any


def run_root(toks: list[Any]) -> Any | None:
    """The token of a run whose head lies outside it (the run's own root), else None."""
    mine = {x.i for x in toks}
    return next((x for x in toks if x.head.i not in mine or x.head.i == x.i), None)


def finite(v: Any) -> str:
    """The tag of a verb's finite part: its auxiliary's ("have arrived": VBP) or its own."""
    aux = next((k for k in v.children if k.dep_ in ("aux", "auxpass") and k.i < v.i), None)
    return str(aux.tag_ if aux is not None else v.tag_)


def tense_conjunct(verb: Any, clause: Any, last: int) -> int:
    """"He remarked paper is bulky, and, when sold out, leaves shelves empty": the parser may join the clause's
    second verb to the speech verb. A conjunct with no subject of its own, in the clause's tense and not the speech
    verb's, continues what was said (the speaker's next act would be told in the cue's own tense). Returns the
    clause's new last token index."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > last and c.pos_ in ("VERB", "AUX") and finite(verb) == "VBD" and \
                finite(c) in ("VBZ", "VBP", "MD") and \
                any(k.dep_ == "mark" and k.lower_ in ("so", "because") for k in c.children):
            # "stated the purchase was financed by a loan, so it is not a burden …": a reason or consequence out of
            # the narrator's past is the claim's
            gap = verb.doc[last + 1 : c.left_edge.i]
            if all(t.is_punct for t in gap):
                return max(t.i for t in c.subtree)
        if c.dep_ != "conj" or c.i <= last or c.pos_ not in ("VERB", "AUX"):
            continue
        # (or with "they"/"it" for a subject: "the refugees are safe, but they have arrived with nothing"; or any
        # subject when the claim and the conjunct both stay out of the past the narrator tells in: "said the pumps
        # will run on both wells, and users would be able to …")
        subject = next((k for k in c.children if k.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        tense = finite(c)
        if subject is not None and subject.lower_ not in ("they", "it") and not (
                finite(verb) == "VBD" and tense in ("VBZ", "VBP", "MD") and finite(clause) in ("VBZ", "VBP", "MD")):
            continue
        if tense != finite(clause) or tense == finite(verb) or tense not in ("VBZ", "VBP", "VBD", "MD"):
            continue
        gap = verb.doc[last + 1 : c.left_edge.i]
        if all(t.is_punct or t.dep_ == "cc" for t in gap):
            return max(t.i for t in c.subtree)
    return last


def aside(toks: list[Any], rel: Any) -> bool:
    """Is a relative clause closing a complement the narrator's aside? Its tense is not the claim's ("said the
    budget must include the wall, which was a campaign promise"; a claim with no verb and an aside in the past:
    "claimed victory in the vote, which was marred by …"); in the claim's own tense it goes on with it ("said the
    coating repels bacteria, which has implications for …")."""
    root = run_root(toks)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return finite(rel) == "VBD"  # (a claim with no verb: the narrator's asides tell the past)
    return finite(root) != finite(rel)
