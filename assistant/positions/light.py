"""A light verb with a statement or stance noun: "issued a warning that …", "provided an update on …", "expressed
concern that …", "voiced his determination to …": what the noun says is what was said."""

from __future__ import annotations

from typing import Any

from assistant.positions.clause_ends import run_root
from assistant.positions.cues import _cut, _span

# "provided an update on X", "gave an overview of X", "issued a warning that X": a light verb whose object names
# a statement; what the statement was about (or its clause) is what was said
LIGHT_VERBS = {"give", "provide", "make", "offer", "deliver", "issue", "express", "voice"}
STATEMENT_NOUNS = {"update", "overview", "briefing", "summary", "assessment", "warning", "suggestion",
                   "recommendation", "proposal", "promise", "pledge", "appeal", "declaration", "announcement",
                   # "made claims that X", "made allegations that X": the claim's content clause
                   "claim", "allegation", "assertion"}
# statement nouns whose content is an act the speaker commits to or asks for: "made promises to halt imports"
_ACT_NOUNS = {"promise", "pledge", "proposal", "appeal", "recommendation"}
# "expressed concern that the drought would worsen": a stated attitude reports its content clause only (what a
# concern is "about" is a topic, not words said)
MIND_NOUNS = {"concern", "hope", "doubt", "confidence", "regret", "fear", "belief", "optimism", "frustration",
              "disappointment", "scepticism", "skepticism", "view", "opinion", "worry", "conviction"}
# "expressed her commitment to making …", "voiced disappointment at reports that …": a stated stance aimed at
# something; the stance with its aim is what was said
STANCE_NOUNS = {"commitment", "determination", "intention", "willingness", "readiness", "disappointment", "anger",
                "outrage", "dismay", "frustration", "regret", "support", "desire", "opposition", "gratitude",
                "appreciation", "solidarity"}


# "places the blame on corruption", "laid the blame for the outage on the heat": whom or what the blame is put on
BLAME_VERBS = {"place", "put", "lay", "pin", "shift"}


def _blamed(verb: Any, off: int) -> tuple[tuple[int, int] | None, Any]:
    """(whom or what the blame is put on, its token), or (None, None)."""
    blame = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "blame"), None)
    if blame is None:
        return None, None
    # (the parser may hang "on …" on what the blame is for: "laid the blame for the outage on the heat")
    near = [*blame.children, *verb.children]
    near += [x for p in near if p.dep_ == "prep" and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"
             for x in o.children]
    on = next((c for c in near if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i > blame.i), None)
    pobj = next((k for k in on.children if k.dep_ == "pobj"), None) if on is not None else None
    return (_span(_cut(verb, list(pobj.subtree)), off), pobj) if pobj is not None else (None, None)


def light_statement(verb: Any, off: int) -> tuple[tuple[int, int] | None, Any]:
    """(what a light verb + statement noun said, the token it is under), or (None, None)."""
    if verb.lemma_.lower() in BLAME_VERBS:
        return _blamed(verb, off)
    if verb.lemma_.lower() not in LIGHT_VERBS:
        return None, None
    clear = next((c for c in verb.children if c.lower_ == "clear" and c.dep_ in ("ccomp", "oprd", "acomp", "dobj")), None)
    if verb.lemma_.lower() == "make" and clear is not None:
        # "made clear that the sanctions will involve …", "made it clear that …": what was made clear
        clause = next((c for c in [*verb.children, *clear.children] if c.dep_ in ("ccomp", "advcl") and c is not clear
                       and c.i > clear.i and c.left_edge.lower_ == "that"), None)
        if clause is not None:
            return _span([t for t in clause.subtree if t.i > clause.left_edge.i], off), clause
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in
                 STATEMENT_NOUNS | MIND_NOUNS | STANCE_NOUNS), None)
    if noun is None:
        return None, None
    colon = verb.doc[noun.right_edge.i + 1] if noun.right_edge.i + 1 < len(verb.doc) else None
    if colon is not None and colon.text == ":" and noun.lemma_.lower() in STATEMENT_NOUNS:
        # "made a double announcement: the minister has been removed and …": what follows the colon in the sentence
        after = [t for t in verb.sent if t.i > colon.i]
        if sum(not t.is_punct for t in after) >= 3:
            return _span(after, off), run_root(after) or after[0]
    for c in noun.children:
        # "issued a warning that the wells would close" as the parser reads a content clause (not "a promise that
        # it kept", a relative clause), also after where it was made ("an announcement on the radio that …")
        content = c.dep_ in ("acl", "ccomp") or (c.dep_ == "relcl" and any(  # ("that" as its mark, not its pronoun)
            k.dep_ == "mark" and k.lower_ == "that" for k in c.children))
        if content and c.i > noun.i and c.left_edge.lower_ == "that" and any(
                k.dep_ in ("nsubj", "nsubjpass") and k.lower_ != "that" for k in c.children):
            return _span(list(c.subtree), off), c
        if c.dep_ == "acl" and c.i > noun.i and noun.lemma_.lower() in _ACT_NOUNS and any(
                k.dep_ == "aux" and k.lower_ == "to" and k.i == c.left_edge.i for k in c.children):
            # "made promises to halt imports immediately whenever …": to halt imports …, with the adverbs the parser
            # hung on the light verb after it
            late = [t for k in verb.children if k.dep_ in ("advmod", "advcl") and k.i > c.right_edge.i
                    for t in k.subtree]
            return _span(list(c.subtree) + late, off), c
    # (the parser may hang the aim on the verb: "expressing disappointment [at reports …]")
    hung = [c for c in verb.children if c.dep_ == "prep" and c.i == noun.right_edge.i + 1]
    for c in [*noun.children, *hung]:
        aimed = (c.dep_ == "prep" and c.lower_ in ("at", "to", "for", "with") and
                 any(k.dep_ in ("pobj", "pcomp") for k in c.children)) \
            or (c.dep_ == "acl" and any(k.dep_ == "aux" and k.lower_ == "to" for k in c.children)) \
            or (c.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ == "for" for k in c.children))  # "for X to be"
        if aimed and c.i > noun.i and noun.lemma_.lower() in STANCE_NOUNS:
            return _span(_cut(verb, list(verb.doc[noun.left_edge.i : c.right_edge.i + 1])), off), noun
        if c.dep_ == "prep" and c.lower_ in ("on", "of", "about", "regarding", "concerning") and c.i > noun.i \
                and noun.lemma_.lower() not in MIND_NOUNS | STANCE_NOUNS:
            pobj = next((k for k in c.children if k.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return _span(_cut(verb, list(pobj.subtree)), off), pobj
    return None, None
