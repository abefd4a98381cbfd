"""The speech vocabulary and parse helpers that statements.py reads: speech verbs, verbs that need a clause,
third-party verbs, noun cues, and how a verb's complement is cut from the parse. General English only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.positions.clause_ends import aside, finite, tense_conjunct
from assistant.positions.frames import estimate, finding, for_to, subject_head
from assistant.positions.nouns import CLAIM_NOUNS, EVENT_NOUNS, OUTLET_NOUNS
from assistant.positions.that_clauses import that_clause
from assistant.textutil import STOPWORDS

SPEECH = set(["say", "refer", "identify", "speak", "show", "tell", "add", "note", "stress", "emphasise", "emphasize", "insist", "explain", "recall", "believe", "argue", "warn", "declare", "affirm", "announce", "state", "demand", "urge", "reaffirm", "underline", "highlight", "claim", "write", "tweet", "post", "ask", "reply", "respond", "answer", "acknowledge", "admit", "confirm", "deny", "suggest", "propose", "predict", "assert", "maintain", "contend", "comment", "remark", "observe", "report", "describe", "accuse", "blame", "criticise", "criticize", "praise", "thank", "promise", "pledge", "vow", "threaten", "advise", "recommend", "conclude", "complain", "allege", "mention", "reveal", "indicate", "estimate", "hope", "fear", "expect", "inform", "testify", "concede", "repeat", "reiterate", "caution", "label", "brand", "dub", "blast", "slam", "attack", "characterize", "characterise", "hail", "call", "cite", "envision", "project", "consider", "deem", "justify", "counter", "elaborate", "invite", "point", "find", "think", "feel", "agree", "disagree", "question", "charge", "predict", "order", "vow", "continue",
               # characterising someone or something as …: statements only with a clause or "as" predicate
               "view", "regard", "portray", "depict", "dismiss", "denounce", "condemn", "deride", "mock", "ridicule",
               "commend", "laud", "credit", "fault", "rebuke", "lambast", "decry", "oppose", "list", "reject",
               "retort", "quip", "boast", "lament", "assure", "clarify", "disclose", "recount", "dispute",
               # asking someone to act, and a court's or a body's decision on a question
               "encourage", "request", "appeal", "plead", "advocate", "rule", "instruct", "direct",
               # a readout's verbs ("outlined the measures", "underscored the commitment",
               # "briefed them on …", "reminds us that …")
               "outline", "underscore", "brief", "remind", "discuss",
               # granting or recognising a point ("recognized that growth would fall")
               "recognize", "recognise", "grant", "forecast", "speculate", "surmise", "foresee", "anticipate", "downplay",
               # hinting at or implying a point ("hinted that a deal was near", "joked that …")
               "hint", "imply", "signal", "joke", "talk",
               # an apology is a statement of what it is for ("apologized for the delay")
               "apologize", "apologise",
               # pledging oneself to an act ("committed to holding a trial"), naming a cause ("attributed the rise
               # to …") and repeating another's point ("echoed the minister's call for …")
               "commit", "attribute", "echo",
               # a view put forward as a guess or a hypothesis ("had hypothesized the lava would …", "suspect the
               # fire was set"): statements only with a clause
               "hypothesize", "hypothesise", "theorize", "theorise", "posit", "postulate", "reckon", "conjecture",
               "suspect", "presume"])
# verbs whose "to" phrase is part of what they state
_TO_WHAT = {"commit", "attribute"}
# verbs whose "of" phrase says what was said (of what someone was accused, warned, reminded)
_OF_WHAT = {"accuse", "suspect", "warn", "remind", "assure", "inform", "notify", "convince", "persuade", "tell", "advise",
            "convict", "speak", "talk", "complain"}
# verbs that make a statement only with a clause or predicate complement ("found the strike justified")
NEEDS_CLAUSE = {"hypothesize", "hypothesise", "theorize", "theorise", "posit", "postulate", "reckon", "conjecture",
                "suspect", "presume", "commit", "attribute", "apologize", "apologise", "talk", "instruct", "direct", "hint", "imply", "signal", "joke", "tell", "counter", "attack", "threaten", "concede", "request", "plead", "post", "inform", "thank", "believe", "hope", "fear", "find", "think", "feel", "consider", "continue", "point",
                "question", "order", "project", "agree", "indicate", "view", "regard", "portray", "depict", "dismiss",
                "denounce", "condemn", "deride", "mock", "ridicule", "commend", "laud", "credit", "fault", "rebuke",
                "lambast", "decry", "oppose", "list", "reject", "assure", "dispute", "recognize", "recognise", "grant", "refer", "identify", "speak"}
THIRD = {"accuse", "blast", "describe", "call", "label", "brand", "dub", "slam", "attack", "criticize",
         "criticise", "praise", "characterize", "characterise", "hail", "blame", "refer", "thank", "view", "regard",
         "portray", "depict", "dismiss", "denounce", "condemn", "deride", "mock", "ridicule", "commend", "laud",
         "credit", "fault", "rebuke", "lambast", "decry", "oppose"}
# a view held is stated in the negative too ("does not foresee a conflict", "the court did not find that …")
NEGATED_VIEWS = {"believe", "think", "expect", "foresee", "anticipate", "find", "consider", "feel"}
# verbs under which a speech verb says nothing ("declined to confirm", "refused to say")
DECLINED = {"decline", "refuse", "fail", "neglect", "hesitate"}
# verbs that report only a clause of their own ("He continued, "…"", not "prices continued to rise")
CLAUSE_ONLY = {"continue"}
NOUN_CUES = {"statement", "message", "tweet", "letter", "interview", "speech", "post", "opinion", "view",
             "analysis", "remarks", "words", "address"}


def folded_speech(noun: Any) -> Any | None:
    """A speech verb the parser folded into the noun after it ("Rivera claimed water levels have been lower":
    "claimed" an adjective of "levels", with "Rivera" as its subject): a finite verb with a subject of its own
    cannot modify a noun, so the verb is the cue and the noun's clause what it reports."""
    return next((c for c in noun.children if c.dep_ == "amod" and c.tag_ in ("VBD", "VBZ") and c.i < noun.i
                 and c.lemma_.lower() in SPEECH and any(x.dep_ == "nsubj" for x in c.children)), None)


def _span(tokens: list[Any], off: int) -> tuple[int, int] | None:
    toks = [t for t in tokens if not t.is_space]
    # (a "that" that is the clause's subject stays: "said that was unrealistic")
    while toks and (toks[0].is_punct or toks[0].lower_ == ":" or (toks[0].lower_ == "that" and toks[0].dep_ != "nsubj")) \
            and toks[0].text not in "\"“«'‘":
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in "\"”»'’)%":
        toks = toks[:-1]
    if not toks:
        return None
    last = toks[-1]
    # 'the talks were "constructive", while …': the parser hangs a closing quote mark on the verb, not the clause
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.text in "\"”»" and _open_quote(toks):
        last = nxt
    return off + toks[0].idx, off + last.idx + len(last.text)


def _stray_predicate(obj: Any) -> Any | None:
    """'issued a statement agreeing the issue should be decided by Congress': the parser takes the clause's subject
    for the verb's object and hangs the clause's verb, with its modal or auxiliary, on a noun before it. A verb with
    no subject of its own whose auxiliary comes right after the object is that object's predicate."""
    doc = obj.doc
    if obj.right_edge.i + 1 >= len(doc):
        return None
    aux = doc[obj.right_edge.i + 1]
    if aux.dep_ not in ("aux", "auxpass") or aux.tag_ not in ("MD", "VBZ", "VBD", "VBP"):
        return None
    pred = aux.head
    if pred.i <= aux.i or pred.pos_ not in ("VERB", "AUX") or pred.dep_ not in ("relcl", "conj", "advcl", "acl") or \
            any(k.dep_ in ("nsubj", "nsubjpass", "expl") for k in pred.children):
        return None
    return pred


def _open_quote(toks: list[Any]) -> bool:
    """Do the tokens open a quotation they do not close?"""
    text = "".join(t.text_with_ws for t in toks)
    return text.count("“") > text.count("”") or text.count("«") > text.count("»") or text.count('"') % 2 == 1


def _complement(verb: Any, off: int) -> tuple[tuple[int, int] | None, Any]:
    """(char span of what the verb reports, the token whose subtree it is)."""
    head = verb.head
    folded = folded_speech(head) if verb.dep_ == "amod" and head.dep_ in ("nsubj", "nsubjpass") else None
    if folded is not None and folded.i == verb.i and head.head.i > verb.i:
        # "X claimed carbon emissions have been lower …" parsed as an adjective: the noun's clause is reported
        return _span(_cut(verb, [t for t in head.head.subtree if t.i > verb.i]), off), head.head
    kids = list(verb.children)
    clauses = [c for c in kids if c.dep_ == "ccomp" and c.i > verb.i]
    if not clauses:
        # "said in an interview that the vote …": the parser hangs the "that" clause on the medium
        clauses = [c for p in kids if p.dep_ == "prep" and p.i > verb.i for m in p.children
                   if m.dep_ == "pobj" and m.lemma_.lower() in _MEDIA for c in m.children
                   if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX") and c.left_edge.lower_ == "that"
                   and any(k.dep_ in ("nsubj", "nsubjpass") and k.lower_ != "that" for k in c.children)][:1]
    if not clauses and verb.dep_ == "advcl" and verb.head.i > verb.i and verb.head.pos_ in ("VERB", "AUX") and \
            any(k.dep_ == "mark" and k.lower_ in _CONCESSIVE for k in kids) and \
            not any(k.dep_ in ("dobj", "xcomp", "ccomp", "prep", "advmod") and k.i > verb.i for k in kids) and \
            any(k.dep_ in ("nsubj", "nsubjpass") and k.i > verb.i for k in verb.head.children):
        # "Although the bank says X is Y, it …": the parser hangs the speech verb on the clause it reports
        # (up to a comma before the head's own subject: "Although X says Y is Z, it is warning …" is not all said)
        mine = {t.i for t in verb.subtree}
        subj = next(k for k in verb.head.children if k.dep_ in ("nsubj", "nsubjpass") and k.i > verb.i)
        stop = next((t.i for t in verb.doc[verb.i + 1 : subj.left_edge.i] if t.text == ","), len(verb.doc))
        return _span(_cut(verb, [t for t in verb.head.subtree if verb.i < t.i < stop and t.i not in mine]), off), verb.head
    if not clauses and verb.lemma_.lower() in ("cite", "quote"):
        # "cited a security source that mental health may be a factor": the clause the source is cited for
        clauses = [c for o in kids if o.dep_ == "dobj" and o.i > verb.i if (c := cited_for(o)) is not None][:1]
    if not clauses:
        # "maintained an impeachment inquiry is what …" parsed as an object and a verb joined to the speech verb:
        # the object is the subject of the clause that verb heads
        for obj in (c for c in kids if c.dep_ == "dobj" and c.i > verb.i):
            glued = next((c for c in kids if c.dep_ == "conj" and c.i == obj.right_edge.i + 1 and c.pos_ in ("AUX", "VERB")
                          and c.tag_ in ("VBZ", "VBD", "VBP") and not any(k.dep_ in ("nsubj", "nsubjpass", "cc")
                                                                          for k in c.children)), None)
            if glued is None:
                glued = _stray_predicate(obj)
            if glued is not None:
                return _span(_cut(verb, list(verb.doc[obj.left_edge.i : glued.right_edge.i + 1])), off), glued
    if clauses:
        # the parser may split one reported clause in two ("said the name had to be …, it must not …"): a
        # second clause joined by a comma or "and" only (not a colon and a quote) continues the first
        first = min(t.i for t in clauses[0].subtree)
        last = max(t.i for t in clauses[0].subtree)
        lead = verb.doc[first]
        if lead.dep_ == "prep" and lead.head.i == clauses[0].i and any(
                c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in lead.children) and lead.right_edge.i < last:
            first = lead.right_edge.i + 1  # "said on Friday he may …": the day it was said, parsed into the clause
        date = next((e for e in verb.doc.ents if e.start == first and e.label_ in ("DATE", "TIME")), None)
        if date is not None and date.root.dep_ in ("npadvmod", "tmod") and date.root.head.i == clauses[0].i and \
                date.end <= last and any(k.dep_ in ("nsubj", "nsubjpass") and k.i >= date.end for k in clauses[0].children):
            first = date.end  # "said Monday the talks were over" (not "said Monday was the deadline")
        # "remarked toilet paper is a bulky item": the parser may take the clause's subject for the verb's object
        obj = next((c for c in kids if c.dep_ == "dobj" and verb.i < c.i < clauses[0].i), None)
        # ("told reporters the clinic was closed": a verb of telling has its audience for object, never the clause's subject)
        if obj is not None and verb.lemma_.lower() not in _AUDIENCE | {"cite", "quote"} and (not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clauses[0].children) or subject_head(obj, first)):
            first = min(first, obj.left_edge.i)
        # ("said it was needed, and that costs would be shared": a second "that" clause the parser joins to the verb)
        more = [k for k in kids if k.dep_ == "conj" and k.i > last and that_clause(k)]
        for c in clauses[1:] + more[:1]:
            gap = verb.doc[last + 1 : min(t.i for t in c.subtree)]
            if not all(t.text in (",", "and") for t in gap):
                break
            last = max(t.i for t in c.subtree)
        last = tense_conjunct(verb, clauses[0], last)
        return _span(_cut(verb, list(verb.doc[first : last + 1])), off), clauses[0]
    if verb.lemma_.lower() in CLAUSE_ONLY:
        left = [c for c in kids if c.dep_ == "ccomp"]
        return (_span(list(left[0].subtree), off), left[0]) if left else (None, None)
    right = [c for c in kids if c.i > verb.i and c.dep_ in ("dobj", "xcomp", "oprd", "prep", "dative", "attr",
                                                             "advcl", "ccomp", "npadvmod")]
    # passive "X was accused by Y of …": the parser hangs "of …" on the agent
    # (not a phrase of the agent's own: "was stated by the leaders of Riverton" is no statement "of Riverton")
    for agent in (c for c in kids if c.dep_ == "agent"):
        for pobj in (p for p in agent.children if p.dep_ == "pobj"):
            right += [p for p in pobj.children if p.dep_ == "prep" and (
                p.lower_ in ("as", "for") or (p.lower_ == "of" and verb.lemma_.lower() in _OF_WHAT))]
    has_obj = any(c.dep_ in ("dobj", "dative") for c in right)
    # ("called for the dam to be closed": a "for … to" clause, which the parser hangs on the verb as an advcl)
    has_pred = any(c.dep_ in ("xcomp", "oprd", "ccomp") or for_to(c) for c in right) or any(
        # ("'It is a disaster,' she said of the law": what "said" is "of" is the topic, not words said)
        c.dep_ == "prep" and ((c.lower_ in ("as", "for", "of", "about", "against")
                               and not (c.lower_ in ("of", "about") and verb.lemma_.lower() == "say"))
                              or (c.lower_ == "on" and verb.lemma_.lower() in ("insist", "call", "brief", *THIRD))
                              or (c.lower_ == "with" and verb.lemma_.lower() in ("agree", "disagree"))
                              # ("committed to holding a trial", "attributed the rise to the campaign")
                              or (c.lower_ == "to" and verb.lemma_.lower() in _TO_WHAT)
                              or _how_clause(c) is not None) for c in right)
    lemma = verb.lemma_.lower()
    left = [c for c in kids if c.dep_ == "ccomp" and c.i < verb.i]
    if left and not has_pred and (not has_obj or lemma in _AUDIENCE):
        # "…, the expert explained." / "X is Y, he said" / "X, she told reporters": the reported clause stands
        # before the verb (the object of a verb of telling is its audience)
        return _span(list(left[0].subtree), off), left[0]
    figure = estimate(verb)
    if figure is not None:  # "put the death toll at 49": the figure and the amount
        obj, amount = figure
        return _span(list(verb.doc[obj.left_edge.i : amount.right_edge.i + 1]), off), obj
    if not (has_obj or has_pred):
        if verb.dep_ == "parataxis" and verb.head.i < verb.i:
            mine = {t.i for t in verb.subtree}
            toks = [t for t in verb.head.subtree if t.i not in mine and t.i < verb.i]
            return _span(toks, off), verb.head
        return None, None
    # ("dismissed claims by X that …", "rejected the council's assertion": a rejection of what someone claimed says
    # the claim is wrong, and its object is what the statement is about)
    rebuts = lemma in _REBUT and any(c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS for c in right)
    if lemma in NEEDS_CLAUSE and not has_pred and not rebuts and not finding(verb):
        return None, None
    core = [c for c in right if c.dep_ != "npadvmod" and not (c.dep_ == "prep" and c.lower_ in ("in", "at", "after", "during", "on") and not has_pred)]
    while len(core) > 1 and core[0].dep_ == "prep" and any(x.dep_ == "pobj" and x.ent_type_ in ("DATE", "TIME")
                                                            for x in core[0].children):
        core = core[1:]  # "called on Monday for a vote": the date is when, not what
    if lemma in _AUDIENCE and any(c.dep_ == "prep" and c.lower_ in ("on", "about", "of") for c in core):
        # "briefed them on X": they heard X, and X is what was said
        core = [next((p for p in c.children if p.dep_ == "pobj"), c) if c.dep_ == "prep" else c
                for c in core if c.dep_ not in ("dobj", "dative")]
    if not core:
        return None, None
    toks = [t for c in core for t in c.subtree]
    toks.sort(key=lambda t: t.i)
    first = toks[0].i
    toks = [t for t in verb.doc[first : toks[-1].i + 1]]
    if (toks[0].dep_ == "prep" and toks[0].lower_ in ("on", "for") and lemma == "call") or \
            (toks[0].dep_ == "prep" and toks[0].lower_ == "to" and lemma in ("refer", "commit")) or \
            (toks[0].dep_ == "prep" and toks[0].lower_ == "of" and lemma in ("speak", "talk")) or \
            (toks[0].dep_ == "mark" and toks[0].lower_ == "for"):
        toks = toks[1:]  # "called on the state to act", "called for a vote": the state to act, a vote
    how = _how_clause(toks[0]) if toks and toks[0].dep_ == "prep" else None
    if how is not None:  # "comments on how drones have many uses": drones have many uses
        toks = [t for t in toks if t.i > how.i]
    return _span(_cut(verb, toks), off), core[0]


def _how_clause(prep: Any) -> Any | None:
    """The "how" of "comments on how X …", "spoke about how X …": a clause on how things are is what was said."""
    if prep.dep_ != "prep" or prep.lower_ not in ("on", "about"):
        return None
    pcomp = next((c for c in prep.children if c.dep_ == "pcomp" and any(k.dep_ in ("nsubj", "nsubjpass") for k in c.children)), None)
    return next((c for c in pcomp.children if c.lower_ == "how" and c.i < pcomp.i), None) if pcomp is not None else None


# verbs whose object is who was told, not what ("briefed the governors on …", "reminded them of …")
_REBUT = {"dismiss", "reject", "dispute", "deny", "refute", "contest"}
_AUDIENCE = {"brief", "inform", "tell", "remind", "assure", "warn", "advise", "update"}
# what a statement is made in ("in a letter", "via a statement"): the channel, not the content
_MEDIA = {"statement", "letter", "interview", "speech", "post", "tweet", "message", "video", "address", "briefing",
          "conference", "email", "op-ed", "column", "broadcast", "podcast"}
_CONTRAST = ("despite", "although", "though", "whereas", "while")
_CONCESSIVE = ("despite", "although", "though", "whereas")


def _cut(verb: Any, toks: list[Any]) -> list[Any]:
    """A complement ends where a coordinated or participial speech verb of the same speaker starts its own
    statement ("found the strike justified and called …", "attacked X for …, accusing …")."""
    for j, t in enumerate(toks):
        if j and t.dep_ == "conj" and t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ") and t.tag_ == verb.tag_ and \
                t.head.tag_ in ("VB", "VBN", "VBG") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) \
                and not (any(c.dep_ in ("nsubj", "nsubjpass") for c in t.head.children) and finite(t.head) == "MD"):
            # "urged the agency to reconsider and spoke with …": a verb in the cue's own tense, joined to an
            # infinitive of the complement, is the speaker's next act, not part of what was urged (not one joined to
            # the clause's own modal verb: "said he would not vote for it but planned to …")
            return _trim_end(toks[:j])
        if j and t.dep_ == "conj" and t.tag_ == "VBG" and verb.tag_ == "VBG" and t.head.tag_ != "VBG" and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            # "…, calling on the state to pass the bill, and expressing her hope …": a participle like the cue's,
            # joined to the complement's verb, is the speaker's next act
            return _trim_end(toks[:j])
        if j and t.dep_ == "relcl" and t.pos_ == "VERB" and t.lemma_.lower() in SPEECH and \
                t.i > verb.i and any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in t.children) and \
                t.right_edge.i >= toks[-1].i:
            # "… an emergency, which he said would allow him …": a relative clause closing the complement with a
            # cue of its own is a statement of its own
            first = min(x.i for x in t.subtree)
            return _trim_end([x for x in toks if x.i < first])
        if j >= 3 and t.dep_ == "relcl" and toks[j - 1].text != "," and t.right_edge.i >= toks[-1].i and \
                t.left_edge.tag_ in ("WDT", "WP") and t.left_edge.i > toks[0].i and \
                t.doc[t.left_edge.i - 1].text == "," and t.head.i < t.left_edge.i and aside(toks, t):
            # "insists that the budget include funding for the wall, which was one of his campaign promises": an
            # aside closing the complement after a comma, in another tense than the claim, is the narrator's
            first = t.left_edge.i - 1
            return _trim_end([x for x in toks if x.i < first])
        if j and t.dep_ == "prep" and t.lower_ in ("in", "via", "during") and t.head.i != verb.i and any(
                c.dep_ == "pobj" and c.lemma_.lower() in _MEDIA and c.i == t.i + 2 for c in t.children):
            # "announced the vote in a letter to members": the medium it was said in, not what was said
            return _trim_end(toks[:j])
        if j >= 3 and t.lower_ == "following" and t.dep_ in ("prep", "acl", "advcl") and \
                any(c.dep_ in ("pobj", "dobj") for c in t.children):
            # "said the rebels had withdrawn following four days of fighting": the narrator's timeline, not the claim
            return _trim_end(toks[:j])
        if j >= 3 and t.lower_ == "without" and t.dep_ == "prep" and any(
                c.tag_ == "VBG" and (c.lemma_.lower() in SPEECH or c.lemma_.lower() in ("give", "provide", "offer"))
                for c in t.children):
            # "said he died in Riverton without elaborating", "… without giving details": how it was said
            return _trim_end(toks[:j])
        if j and t.lower_ in _CONCESSIVE and t.dep_ in ("prep", "mark") and (any(
                x.pos_ in ("VERB", "AUX") and x.dep_ not in ("amod", "compound") for x in t.subtree if x.i != t.i)
                or (t.dep_ == "mark" and t.head.pos_ in ("VERB", "AUX") and t.head.i > t.i
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.head.children))):
            # "asserted he had won the election despite several states certifying …": a concession with a clause
            # of its own is the narrator's framing, not part of the claim
            return _trim_end(toks[:j])
        if j and t.dep_ == "mark" and t.lower_ in ("while", "whereas") and t.head.i > t.i and any(
                c.dep_ == "nsubj" and c.ent_type_ in ("PERSON", "ORG", "NORP") for c in t.head.children):
            # "said 12 people had died, while the Red Cross put the toll at 20": another named party's account set
            # beside the claim by the narrator
            first = min(t.i, t.head.left_edge.i)
            return _trim_end([x for x in toks if x.i < first])
        if j and t.pos_ == "VERB" and t.lemma_.lower() in SPEECH and (
                t.dep_ in ("acl", "pcomp") or any(c.dep_ == "nsubj" for c in t.children)):
            # "… found no trace of explosives despite Y claiming …": a contrasting claim of someone else's is the
            # narrator's addition, not part of what X said
            intro = next((c for c in t.children if c.dep_ == "mark" and c.lower_ in _CONTRAST), None)
            anc = t.head
            while intro is None and anc.i != verb.i and anc.head.i != anc.i and anc.i >= toks[0].i:
                if anc.lower_ in _CONTRAST and anc.dep_ in ("prep", "mark"):
                    intro = anc
                anc = anc.head
            if intro is not None:
                first = min(intro.i, t.left_edge.i)
                return _trim_end([x for x in toks if x.i < first])
        if not j or t.pos_ != "VERB" or t.lemma_.lower() not in SPEECH or t.dep_ not in ("conj", "advcl"):
            continue
        if t.lemma_.lower() in NEEDS_CLAUSE - THIRD and not any(c.dep_ == "ccomp" for c in t.children):
            # "the attacker exited and continued to attack": no clause, so no one's statement (but "… and thanked
            # the President": an act of speech with its object)
            continue
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        if own_subject and t.head.i == verb.i:
            # "…, while Y, in a post, called it …": another speaker's statement starts with its clause
            first = min(x.i for x in t.subtree)
            rest = [x for x in toks[:j] if x.i < first]
        elif not own_subject and (t.head.i == verb.i or t.tag_ == "VBG"
                                  or any(x.dep_ == "cc" for x in toks[max(0, j - 2) : j])):
            rest = toks[:j]
        else:
            continue
        return _trim_end(rest)
    return toks


def _trim_end(toks: list[Any]) -> list[Any]:
    """A cut complement without the punctuation and conjunction left at its end."""
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc" or toks[-1].lower_ in ("and", "but", "while")):
        toks = toks[:-1]
    return toks


def _clause_subject(head: Any) -> Any | None:
    if head is None:
        return None
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None


# whom a speaker meets or addresses in order to say something ("met with reporters to dispute …")
_AUDIENCES = {"reporter", "journalist", "press", "media", "audience", "crowd", "supporter", "lawmaker", "parliament",
              "congress", "senate", "delegate", "member", "viewer", "listener", "resident", "public", "nation"}


def goes_on(verb: Any) -> bool:
    """"X went on to say …", "proceeded to say": the infinitive is what X did next, not a purpose. So is what an
    occasion for speaking served: "held a news conference to announce …", "met with reporters to dispute …",
    "took to Twitter to criticise …", "used the speech to warn …"."""
    head = verb.head
    if verb.dep_ not in ("advcl", "xcomp") or head.pos_ != "VERB":
        return False
    if head.lemma_.lower() in ("proceed", "continue") or any(c.dep_ == "prt" and c.lower_ == "on" for c in head.children):
        return True
    # (or the outlet used for it: "used his Twitter account to encourage …")
    occasion = any(c.dep_ == "dobj" and c.i < verb.i and (c.lemma_.lower() in EVENT_NOUNS or (
        head.lemma_.lower() == "use" and c.lemma_.lower() in OUTLET_NOUNS)) for c in head.children)
    addressed = any(c.dep_ in ("prep", "dative") and c.lower_ in ("with", "to") and c.i < verb.i and any(
        p.dep_ == "pobj" and p.lemma_.lower() in _AUDIENCES for p in c.children) for c in head.children)
    took_to = head.lemma_.lower() == "take" and any(c.dep_ == "prep" and c.lower_ == "to" and c.i < verb.i
                                                    for c in head.children)
    return occasion or addressed or took_to


def nested_in_speech(verb: Any) -> bool:
    """The verb stands inside the reported clause of another speech verb."""
    tok = verb
    while tok.dep_ in ("ccomp", "conj", "xcomp", "advcl") and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH:
            return True
    return False


def cited_for(obj: Any) -> Any | None:
    """The clause a cited source is cited for: "cited a security source that mental health may be a factor"."""
    return next((c for c in obj.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")
                 and c.left_edge.lower_ == "that" and c.left_edge.pos_ == "SCONJ"
                 and any(k.dep_ in ("nsubj", "nsubjpass") for k in c.children)), None)


@dataclass
class Cue:
    """A speech cue found in the parse: its verb, speaker and the complement it reports."""

    verb: Any
    start: int  # char offset of the cue word
    cue: str
    speaker: Any  # speakers.Mention | None (typed loosely: speakers reads this module)
    speaker_text: str
    confidence: float
    span: tuple[int, int] | None  # the complement (reported clause)
    about: list[str]
    para: tuple[int, int]
    comp: Any = None  # the token whose subtree is the complement
    used: bool = False
    rest: tuple[int, int] | None = None  # the clause's part after an "according to" inside it
    # the other named speakers of a coordinated subject ("X and Y said …"): (mention, name, confidence)
    also: list[tuple[Any, str, float]] = field(default_factory=list)


_CLOSING = set('"”»’\'')


def _no_content(lead: str) -> bool:
    """'called it "a matter of …"': the words before the quote only point back (no content word); the quote is
    the whole statement. An existential clause is a claim of its own: 'said there was "no evidence …"'."""
    if _EXISTENTIAL.search(lead):
        return False
    return all(w.lower() in STOPWORDS for w in re.findall(r"[\w'’]+", lead))


_EXISTENTIAL = re.compile(r"\bthere\s+(?:is|was|are|were|will be|would be|has been|have been|had been)\b", re.I)
