"""The speech cues of one document (`cues_of`): every speech verb, "according to", statement noun or light verb
outside quotes, with its speaker and what it reports; the mentions and speakers met on the way are recorded in the
document (a later "she" resolves to them). `statements.statements` gives quotes and paraphrases to these cues."""

from __future__ import annotations

import re
from typing import Any

from assistant.positions import issuers
from assistant.positions import speakers as sp
from assistant.positions.anaphors import unnamed_anaphor
from assistant.positions.cues import (
    NEEDS_CLAUSE,
    SPEECH,
    THIRD,
    _complement,
    _span,
    goes_on,
    nested_in_speech,
)
from assistant.positions.cues import (
    Cue as _Cue,
)
from assistant.positions.document import Document, stand_in
from assistant.positions.frames import estimate, inverted, speaks_as, voiced
from assistant.positions.kinds import QUOTE_SHARE, described, quoted_share
from assistant.positions.light import light_statement
from assistant.positions.noun_cues import noun_cue
from assistant.positions.silent import says_nothing
from assistant.positions.speaker_phrase import speaker


def cues_of(d: Document) -> list[_Cue]:
    """Every speech cue outside quotes, paragraph by paragraph; the mentions and speakers met on the way are
    recorded in `d` (a later "she" resolves to them)."""
    cues: list[_Cue] = []
    for (ps, pe), doc in zip(d.paras, d.docs, strict=True):
        ent_at = {}
        for ent in doc.ents:
            if ent.label_ in sp.NAME_ENTS and d.in_quote(ps + ent.start_char) is None:
                # (a name set beside the subject is the subject: "The minister, Maria Gonzalez, visited …")
                # (and a body named for a place: "The government of Freedonia issued …" — a later "they" may be it)
                role = stand_in(ent)
                m = d.mention(ent, ps, role.dep_ in ("nsubj", "nsubjpass"))
                d.mentions.append(m)
                ent_at[ent.start] = m
        for tok in doc:  # "Mayor Ana Ruiz defended the tariff.": a titled name the tagger missed (for a later "she")
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and not tok.ent_type_ and \
                    d.in_quote(ps + tok.idx) is None and d.titled_person(tok, ps) is None and \
                    sp.role_beside(tok, copula=True):
                # "Ana Ruiz, the mayor, spoke on Monday.", "Ana Ruiz is the mayor of Riverton."
                d.untagged_person(tok, ps, speaking=False)
            elif tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and not tok.ent_type_ and sp.affiliated(tok) and \
                    d.in_quote(ps + tok.idx) is None:
                # "Ira Berg, of the Riverton Exchange, is among them."
                run = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok]
                d.person(" ".join(t.text for t in run), ps + run[0].idx, set(), speaking=False)
        for tok in doc:
            pos = ps + tok.idx
            if d.in_quote(pos) is not None:
                continue
            cue = _cue_for(d, doc, tok, ps, (ps, pe))
            if cue is None and tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass"):
                sp.resolve(tok, pos, d.mentions, d.speakers)  # ("He died …": how the text refers to whom, for later)
            if cue is not None:
                unnamed_anaphor(cues, cue)
                cues.append(cue)
                if cue.speaker is not None and (cue.verb is None or cue.verb.pos_ != "NOUN"):
                    # a speaker inside a relative clause ("…, which X opposed as …") is not the one in focus, nor the
                    # owner of a claim someone else rejects ("dismissed claims by X that …")
                    # (nor one whose conduct another speaker describes: "He said Ana Ruiz attacked Berg. He also
                    # said …": the first "he")
                    cue.speaker.speaker = cue.speaker.speaker or cue.verb is None or (
                        cue.verb.dep_ != "relcl" and not (cue.verb.lemma_.lower() in THIRD and nested_in_speech(cue.verb)))
                    d.speakers.append(cue.speaker)
    return cues


def _reports_itself(root: Any, source: str) -> bool:
    """Is the verb an "according to" modifies a speech verb whose subject is the source itself?"""
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if root.lemma_.lower() not in SPEECH or subj is None:
        return False
    said_by = {w.lower() for w in re.findall(r"[A-Z][\w’'-]+", " ".join(t.text for t in subj.subtree))} - {"the"}
    return bool(said_by) and said_by == {w.lower() for w in re.findall(r"[A-Z][\w’'-]+", source)} - {"the"}


def _cue_for(d: Document, doc: Any, tok: Any, off: int, para: tuple[int, int]) -> _Cue | None:
    lemma = tok.lemma_.lower()
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        source, end = sp.according_source(doc, doc[tok.i + 1], pobj)
        m, name, conf = speaker(d, source, off)
        if not name:
            return None  # (no one the phrase names: "according to the latest figures available")
        sent = tok.sent
        if _reports_itself(tok.head if tok.head.pos_ in ("VERB", "AUX") else sent.root, name):
            return None  # "The Daily Mail reports that …, according to its investigation": the report's own source
        outside = [t for t in sent if not (tok.i <= t.i <= end)]
        before = [t for t in outside if t.i < tok.i]
        after = [t for t in outside if t.i > end]
        if sum(not t.is_punct for t in before) >= 2 and sum(not t.is_punct for t in after) >= 2 and \
                any(t.pos_ in ("VERB", "AUX") for t in after):  # not "…, according to Y, on Monday"
            # "Rescuers, …, according to the ministry recovered ten survivors": the clause the cue interrupts is
            # two statements, as a quote the cue interrupts is
            return _Cue(tok, off + tok.idx, "according to", m, name, conf, _span(before, off), [], para,
                        rest=_span(after, off))
        if sum(not t.is_punct for t in before) >= 2 and not any(t.pos_ in ("VERB", "AUX") for t in after):
            outside = before  # "X has died, according to Y on Friday": the day or place after the cue is not said
        elif not any(not t.is_punct for t in before):
            outside = after  # "According to Y, X has died"
        # ("According to Y, the plan could fail: "…"": the quote after the colon is Y's words of their own)
        colon = next((t.i for t in outside if t.text == ":" and t.i + 1 < len(doc) and doc[t.i + 1].text in '"“'), None)
        if colon is not None and sum(not t.is_punct for t in outside if t.i < colon) >= 3:
            outside = [t for t in outside if t.i < colon]
        return _Cue(tok, off + tok.idx, "according to", m, name, conf, _span(outside, off), [], para)
    if tok.dep_ in ("acl", "advcl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
            and not goes_on(tok):
        return None  # a purpose or noun infinitive ("troops there to counter …", "the decision to declare …")
    misread = tok.dep_ == "ROOT" and tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in tok.children) and \
        any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)  # "Estimates by X state [that] …" tagged a noun
    reader = issuers.text_reading(tok)  # "The statement read: …"
    light = light_statement(tok, off) if tok.pos_ == "VERB" else (None, None)
    # "As Ana Ruiz put it, …": the clause (or quote) the aside frames is hers
    put_it = lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children) and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    # "will set out the government's plans for …": to set out is to outline
    set_out = lemma == "set" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children) and any(
        c.dep_ == "dobj" for c in tok.children)
    if ((tok.pos_ != "VERB" and not misread) or (lemma not in SPEECH and not set_out)) and reader is None \
            and light[0] is None and not put_it and estimate(tok) is None and not voiced(tok):
        return noun_cue(d, doc, tok, off, para)  # "In his message, he appreciated …"
    if says_nothing(tok) or not speaks_as(tok):
        return None
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
        return None  # "the manifesto, if written by the suspect, …", "if she says so": a supposition, no statement
    late = inverted(tok)
    if late is not None:
        m, name, conf = speaker(d, late, off)
        mine = {t.i for t in tok.subtree}
        span = _span([t for t in tok.head.subtree if t.i < tok.i and t.i not in mine], off)
        if name and span is not None:
            return _Cue(tok, off + tok.idx, tok.text, m, name, conf, span, [], para)
    span, comp = light if light[0] is not None else (None, None) if put_it else _complement(tok, off)
    rest = None
    as_noted = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    if span is None and (tok.dep_ in ("parataxis", "ccomp") or as_noted) and tok.head.i > tok.i:
        # "The levy, the minister said, will rise.": the clause the cue interrupts, in its two parts; "X reported
        # on Friday, 62 wells had closed": the clause after it, the parser taking the cue for its complement
        # (a clause the parser hung on the cue before it is the reported clause's: "Because water is buoyant,
        # says the study, it rises …")
        led = [c for c in tok.children if c.dep_ == "advcl" and c.i < tok.i and tok.dep_ == "parataxis"
               and c.right_edge.i + 2 >= tok.i]
        start = tok.left_edge.i if not led else min(t.i for t in tok.subtree if t.i > led[-1].right_edge.i)
        before = [t for t in tok.head.subtree if t.i < start]
        after = [t for t in tok.head.subtree if t.i > tok.right_edge.i]
        parts = [p for p in (_span(before, off), _span(after, off)) if p is not None]
        # (a quote the cue interrupts is the quote's: '"While we wait," he said, "we urge …"')
        if sum(not t.is_punct for t in after) >= 2 and all(quoted_share(d, p) < QUOTE_SHARE for p in parts) and \
                (sum(not t.is_punct for t in before) >= 1 if tok.dep_ == "parataxis" else
                 lemma not in NEEDS_CLAUSE and tok.right_edge.i + 1 < len(doc) and doc[tok.right_edge.i + 1].text == ","):
            span, rest, comp = parts[0], parts[1] if len(parts) > 1 else None, tok.head
    subj = reader if reader is not None else sp.subject_of(tok)
    quoted_subject = subj is not None and d.in_quote(off + subj.idx) is not None
    if quoted_subject:
        subj = None  # '"… A lot of people think that," said a protester': the parser hung the cue on the quote
    if subj is None:
        # "- noted the deputy minister ..., Ana Ruiz" and inverted "said Berg" (after a quote, "said a protester")
        after = [c for c in tok.children if c.dep_ in ("dobj", "nsubj", "attr") and c.i > tok.i
                 and (c.pos_ == "PROPN" or c.ent_type_ or sp.nominal_head(c) in sp.HUMAN_NOUNS
                      or (quoted_subject and c.pos_ == "NOUN" and c.i == tok.i + 2))]
        after_quote = tok.i >= 2 and doc[tok.i - 1].text in ('"', "”") and doc[tok.i - 2].text == ","
        subj = after[0] if after and (lemma in ("say", "note", "stress", "add", "emphasise", "emphasize") or (
            after_quote and after[0].ent_type_ in ("PERSON", "ORG"))) else None  # ('"…," tweeted Tom Berg')
        # "X view this as a betrayal, states a resolution by Y": a document of Y's after the verb speaks
        issued = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i and issuers.issuer(c) is not None),
                      None)
        subj = subj if subj is not None or issued is None else issued
        if subj is not None and span is not None and comp is not None and comp.i == subj.i:
            span = None
            left = next((c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i), None)
            if left is not None:  # what it states stands before the verb
                span, comp = _span(list(left.subtree), off), left
    if subj is None:
        return None
    if subj.lower_ == "it" and nested_in_speech(tok):
        return None  # 'said the name must not cite …': "it" inside a reported clause is not a speaker
    if tok.dep_ == "ccomp" and nested_in_speech(tok) and any(
            c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "would", "will", "can") for c in tok.children):
        return None  # 'said he may declare an emergency': an act the reported clause foresees, not a statement
    named = [c for c in subj.conjuncts if c.i > subj.i and c.ent_type_ == "PERSON"]
    if subj.pos_ == "NOUN" and sp.nominal_head(subj) in sp.HUMAN_NOUNS and len(named) == 1 and \
            not any(c.dep_ in ("det", "poss") for c in subj.children):
        subj = named[0]  # "Riverton president and water minister Ana Ruiz says": two titles of one person
    m, name, conf = speaker(d, subj, off)
    if not name:
        return None
    about = described(d, tok, comp, off, m.name if m is not None else name) if comp is not None and span else []
    # a neutral verb's clause about another party ("said Riverton Water will run …") is a report, not a description
    # of that party, unless the speaker's own words inside it describe them ('said the "phony" Ana Ruiz …', also 'said
    # Berg "founded …"': a quoted predicate about a person stays a description; about a thing, it is the speaker's own
    # words, kinds.predicate_quoted)
    if about and span is not None and tok.lemma_.lower() not in THIRD and \
            not any(ch in d.text[span[0] : span[1]] for ch in '"“”'):
        about = []
    cue = _Cue(tok, off + tok.idx, tok.text, m, name, conf, span, about, para, comp, rest=rest)
    if m is not None:  # "Minister X and Secretary Y said …": Y said it too
        for c in subj.conjuncts:
            if c.i > subj.i and (c.ent_type_ in ("PERSON", "ORG") or c.pos_ == "PROPN"):
                m2, name2, conf2 = speaker(d, c, off)
                if m2 is not None and name2 != name:
                    cue.also.append((m2, name2, conf2))
    return cue
