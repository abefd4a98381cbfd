"""Who said what in one document: `statements(text, doc_meta)` is the one entry point (contrast, briefs,
the UI, the eval and `briefing statements` all use it).

spaCy's parse does the language work: a statement is the complement of a speech verb (its clause, its
quote, or its object + infinitive), and its speaker is the verb's subject. Quotes are found by
`quotes.find_quotes` and given to the speech verb that governs them in the parse, else to a cue in the
same sentence, the attribution line after a dash-quote, or the speaker of the quote they continue.
Pronouns and titles are resolved by `antecedents.resolve`. Anyone can speak: a speaker who is not in the
registry stays themselves (`actor` is None), never handed to a nearby tracked actor.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.positions import issuers, uncued
from assistant.positions import speakers as sp
from assistant.positions.anaphors import unnamed_anaphor
from assistant.positions.blocks import block_quotes, speakers_of
from assistant.positions.cataphora import cataphora
from assistant.positions.cues import (
    _CLOSING,
    NEEDS_CLAUSE,
    SPEECH,
    THIRD,
    _complement,
    _no_content,
    _span,
    goes_on,
    nested_in_speech,
)
from assistant.positions.cues import (
    Cue as _Cue,
)
from assistant.positions.document import Document, stand_in
from assistant.positions.frames import estimate, inverted, speaks_as, voiced
from assistant.positions.kinds import QUOTE_SHARE, described, is_clause, predicate_quoted, quoted_share
from assistant.positions.labels import handle_posts, labelled
from assistant.positions.light import light_statement
from assistant.positions.model import Kind, Statement, _overlap
from assistant.positions.noun_cues import noun_cue
from assistant.positions.quote_cues import clause_before, governing, introduced, trailing
from assistant.positions.quotes import Quote, opens_sentence, same_sentence
from assistant.positions.roles import add_roles
from assistant.positions.silent import says_nothing
from assistant.positions.speaker_phrase import speaker
from assistant.positions.that_clauses import listed_clauses, that_clauses

if TYPE_CHECKING:
    from assistant.positions.registry import ActorRegistry

def statements(text: str, doc_meta: Any = None, registry: ActorRegistry | None = None) -> list[Statement]:
    """Every statement in a document, in text order. `doc_meta` (DocumentMeta or dict, optional) gives the
    doc_id stamped on each statement and the author or outlet who says "we"; `registry` maps speakers to
    canonical actors."""

    def field(name: str) -> str:
        if doc_meta is None:
            return ""
        got = doc_meta.get(name) if isinstance(doc_meta, dict) else getattr(doc_meta, name, None)
        return str(got or "")

    doc_id = field("doc_id")
    if not text.strip():
        return []
    # "we" in the text itself (not in a quote) is the document's authors: its author, else its publisher
    author = field("author") or field("outlet")
    d = Document(text, registry, author=author)
    cues = _cues(d)
    found = _assemble(d, cues, doc_id)
    blocks = block_quotes(d, cues, found, lambda i: clause_before(d, i))
    if blocks:
        # read again with the block quotations as quoted text: who "he" or "the post" is, and who speaks, is
        # found in the narrator's words only (as with any quote)
        d = Document(text, registry, author=author, blocks=[b for _k, spans in blocks for b in spans], docs=d.docs)
        cues = _cues(d)
        found = _assemble(d, cues, doc_id)
        for cue, spans in speakers_of(d, cues, blocks, lambda i: clause_before(d, i)):
            # "he said that regulation:" and a list: the items finish a reported clause (indirect speech), and its
            # words before the colon are no statement of their own
            # ("gave the results:" reports no clause: the block is the results, in the writer's words)
            lead = cue.span if cue.span is not None and cue.span[1] <= spans[0][0] and \
                re.fullmatch(r"[\s:]*", text[cue.span[1] : spans[0][0]]) and \
                re.search(r"\bthat\s*$", text[cue.start : cue.span[0]]) else None
            if lead is not None:
                found = [st for st in found if (st.char_start, st.char_end) != lead]
            kind: Kind = "reported" if lead is not None else "direct"
            found.extend(_make(d, cue, bs, be, kind, 0.8, (bs, be), doc_id) for bs, be in spans)
    found = listed_clauses(text, found)
    for cue, ps, pe in handle_posts(d):  # "Some reactions:" and "@riverwatch: …" lines under it
        # ("I think …" inside the post is the account's own words, not a statement of an "I")
        found = [st for st in found if not (st.speaker.lower() in ("i", "we") and ps <= st.char_start < pe)]
        if not any(_overlap((st.char_start, st.char_end), (ps, pe)) >= 0.5 * (pe - ps) for st in found):
            found.append(_make(d, cue, ps, pe, "direct", 1.0, (ps, pe), doc_id))
    found = sorted(_with_joint(d, cataphora(d, found)), key=lambda x: (x.char_start, x.char_end))
    add_roles(d, found)
    return found


def _cues(d: Document) -> list[_Cue]:
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


def _says_something(c: _Cue) -> bool:
    """A prepositional paraphrase ("insists on …", "called for …") names something: a content word, not only
    pronouns ("insists on something else" states nothing)."""
    if c.comp is None or c.comp.dep_ != "prep":
        return True
    return any(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM") and not t.is_stop for t in c.comp.subtree)


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


def _goes_on(prev: Statement, text: str, q: Quote, para: tuple[int, int], doc_id: str) -> Statement:
    """A quote that goes on with the previous speaker's quote: theirs, with a lower confidence."""
    return Statement(text[q.start : q.end], prev.speaker, round(prev.speaker_confidence * 0.8, 3), prev.actor,
                     prev.cue, "direct", q.start, q.end, prev.named, [], [], *para, doc_id)


def _speech_word(between: str) -> bool:
    """Does the text between two quotes of one sentence hold a speech word with no speaker of its own ("further
    remarking", "adding")?"""
    from assistant.language import nlp

    def forms(w: str, lemma: str) -> set[str]:  # (the tagger may take a participle for a noun: "remarking")
        stem = w.removesuffix("ing")
        return {lemma, w, stem, stem + "e", w.removesuffix("ed"), w.removesuffix("d")}

    if "\n" in between:
        return False
    toks = [t for t in nlp()(between) if t.is_alpha]
    speech = [t for t in toks if forms(t.lower_, t.lemma_.lower()) & SPEECH]
    # ... and no speaker of its own ("One of the children said, …" names another)
    return bool(speech) and not any(t.pos_ in ("PROPN", "PRON", "NOUN", "NUM") for t in toks if t not in speech)


def _assemble(d: Document, cues: list[_Cue], doc_id: str) -> list[Statement]:
    out: list[Statement] = []
    text = d.text
    para_of: dict[int, tuple[int, int]] = {}
    last: tuple[Statement, Quote] | None = None
    uncued_last = False  # the last statement is a quote paragraph given to the speaker reported just before it
    pending_dash: list[Quote] = []
    for q in d.quotes:
        cue, conf = governing(d, q, cues)
        if cue is not None and cue.speaker is not None and cue.speaker.start < q.start < cue.start and \
                len(text[q.start : q.end].split()) <= 5 and not opens_sentence(text, q.start) and \
                not any(cue.speaker.start <= cue.para[0] + t.idx < q.start and t.tag_.startswith("VB")
                        for t in cue.verb.doc):
            continue  # 'Ana Ruiz of "Rivers First", a charity, told …': a name in quotes within the speaker's phrase
        if cue is None and not q.dash:
            cue, conf = trailing(d, q), 0.8
        if cue is None and not q.dash:
            cue, conf = introduced(d, q), 0.8
        if cue is None and not q.dash:
            cue, conf = labelled(d, q), 0.85  # "Water Board Chair Ana Ruiz: “…”"
        para = next(((s, e) for s, e in d.paras if s <= q.start < e), (q.start, q.end))
        if cue is None and q.dash:
            pending_dash.append(q)
            continue
        # the quote before, a direct one, ends in this quote's sentence
        before = last if last is not None and last[0].kind == "direct" and q.start - last[1].end < 80 and \
            same_sentence(text, last[1].end, q.start) else None
        if cue is None and before is not None:
            cue, conf = trailing(d, before[1]), 0.8  # '"…" tweeted Berg "…"': the quote the cue interrupts goes on
        if cue is None and before is not None and _speech_word(text[before[1].end : q.start]):
            # '"…," further remarking, "…"': a speech word with no speaker of its own goes on with the quote before
            out.append(_goes_on(before[0], text, q, para, doc_id))
            last = (out[-1], q)
            continue
        if cue is None and not opens_sentence(text, q.start):
            continue  # a phrase in quotes with no cue: a name, a term or scare quotes, no one's statement
        if cue is None and (signer := uncued.signer(d, para)) is not None:
            # a quote set off above a signature line ("– Mayor Ana Ruiz, in a letter to the council"): its signer
            out.append(_named(d, signer, q, para, doc_id))
            continue
        if cue is None and (prior := uncued.reporter_before(d, q, para, cues)) is not None:
            # 'He said the dam will be connected.' then a paragraph that is only a quote: the one just reported
            # (and a next paragraph that is only a quote goes on with it)
            out.append(_named(d, prior, q, para, doc_id))
            last, uncued_last = (out[-1], q), True
            continue
        # (after such a paragraph, narration before the next quote ends the chain: a new speaker may be introduced)
        if cue is None and (last is None or q.start - last[1].end >= 400 or (
                uncued_last and re.search(r"\w", text[last[1].end : q.start]))):
            near = [m for m in d.mentions if m.label == "PERSON" and m.start < q.start and q.start - m.start < 600]
            if near:  # no cue at all: the nearest person named before it, with a low confidence
                out.append(_named(d, near[-1], q, para, doc_id))
            continue
        if cue is None:
            # a quote paragraph continuing the previous speaker's quote
            if last is not None and last[0].kind == "direct" and q.start - last[1].end < 400 and \
                    not [c for c in cues if last[1].end < c.start < q.start]:
                out.append(_goes_on(last[0], text, q, para, doc_id))
                last = (out[-1], q)
            continue
        for pq in pending_dash:  # earlier dash-quotes in a row, attributed by the same cue line
            if cue.start > pq.end:
                out.append(_make(d, cue, pq.start, pq.end, "direct", conf * 0.8, para_of.get(pq.start, para), doc_id))
        pending_dash = []
        comp = cue.span
        kind: Kind = "direct"
        start, end = q.start, q.end
        # words of the reported clause before the quote: the quote is part of a paraphrase
        lead = comp is not None and comp[0] < q.start and re.search(r"\w", text[comp[0] : q.start]) is not None
        # ('said the use of the currencies "costs …"': the speaker's own words, the subject outside the marks; a
        # mixed quote below)
        own = lead and cue.verb.lemma_.lower() not in THIRD and predicate_quoted(d, cue, q.start, q.end)
        if lead and not own and cue.about and comp is not None and q.start <= comp[1]:
            kind, start, end = "third_party", comp[0], max(comp[1], q.end)
        elif lead and not own and comp is not None and q.end <= comp[1] + 1 and is_clause(cue.comp) \
                and quoted_share(d, comp) < QUOTE_SHARE:
            kind, start, end = "reported", comp[0], comp[1]
        # the quote stands inside a reported clause (not after a colon that opens it): a mixed quote
        mixed = kind == "direct" and lead and not cue.used and comp is not None and q.start < comp[1] and \
            ":" not in text[comp[0] : q.start] and not _no_content(text[comp[0] : q.start])
        cue.used = cue.used or (kind == "direct" and comp is not None and _overlap(comp, (q.start, q.end)) >= 0.5 * (comp[1] - comp[0]))
        # 'called the accusation "serious"': the quote ends what the verb reports, nothing is left to paraphrase
        cue.used = cue.used or (kind == "direct" and comp is not None and comp[0] <= q.start and
                                cue.comp is not None and not is_clause(cue.comp) and re.search(r"\w", text[q.end : comp[1]]) is None)
        if kind != "direct":
            cue.used = True
        elif mixed and comp is not None:
            # a mixed quote: the speaker's exact words stand inside what the clause reports ('said the measure
            # was "nowhere near enough"'); both are statements: the words (direct) and the claim (reported)
            cue.used = True
            claim_end = max(comp[1], q.end)
            if claim_end == q.end and text[claim_end : claim_end + 1] in _CLOSING:
                claim_end += 1  # the claim ends with the quote: its closing mark too
            for s2, e2 in that_clauses(cue.comp, cue.verb, cue.para[0], comp[0], claim_end):
                out.append(_make(d, cue, s2, e2, "third_party" if cue.about else "reported", conf, para, doc_id))
        if kind != "direct":  # a paraphrase with a second "that" clause of its own: two statements
            (start, end), *more = that_clauses(cue.comp, cue.verb, cue.para[0], start, end)
            out.extend(_make(d, cue, s2, e2, kind, conf, para, doc_id) for s2, e2 in more)
        st = _make(d, cue, start, end, kind, conf, para, doc_id)
        out.append(st)
        last, uncued_last = (st, q), False
    for c in cues:
        if c.used or c.span is None:
            continue
        s, e = c.span
        if e - s < 3 or not _says_something(c):
            continue
        para = c.para
        kind = "third_party" if c.about else "reported"
        for s2, e2 in that_clauses(c.comp, c.verb, c.para[0], s, e) + ([c.rest] if c.rest is not None else []):
            out.append(_make(d, c, s2, e2, kind, 1.0, para, doc_id))
            if c.rest is not None and (s2, e2) in (c.span, c.rest):
                out[-1].parts = [*c.span, *c.rest]
    out.sort(key=lambda x: (x.char_start, x.char_end))
    # drop exact duplicates (a quote governed twice)
    seen: set[tuple[int, int, str]] = set()
    uniq = []
    for st in out:
        key = (st.char_start, st.char_end, st.kind)
        if key not in seen:
            seen.add(key)
            uniq.append(st)
    return uniq


def _make(d: Document, cue: _Cue, start: int, end: int, kind: Kind, conf: float, para: tuple[int, int],
          doc_id: str) -> Statement:
    actor, aconf = None, 1.0
    named = cue.speaker is not None
    if d.registry is not None and named:
        m = d.registry.match_speaker(cue.speaker_text)
        if m is not None:
            actor, aconf = m.actor.name, m.confidence
    mentions: list[str] = []
    if d.registry is not None:
        mentions = list(dict.fromkeys(a.name for a, _, _ in d.registry.find_in_text(d.text[start:end])))
    st = Statement(d.text[start:end], cue.speaker_text, round(cue.confidence * conf * aconf, 3), actor, cue.cue,
                   kind, start, end, named, list(cue.about), mentions, para[0], para[1], doc_id)
    if cue.also:
        d.joint[(start, end, kind, cue.speaker_text)] = [(name, round(c2 * conf, 3)) for _m, name, c2 in cue.also]
    return st


def _with_joint(d: Document, found: list[Statement]) -> list[Statement]:
    """Each statement of a coordinated subject ("X and Y said …") once for every speaker, in text order."""
    out: list[Statement] = []
    for st in found:
        out.append(st)
        for name, conf in d.joint.get((st.char_start, st.char_end, st.kind, st.speaker), []):
            actor = None
            if d.registry is not None:
                m = d.registry.match_speaker(name)
                actor = m.actor.name if m is not None else None
            out.append(replace(st, speaker=name, speaker_confidence=conf, actor=actor))
    return out


def _named(d: Document, m: sp.Mention, q: Quote, para: tuple[int, int], doc_id: str) -> Statement:
    cue = _Cue(None, q.start, "", m, m.name, 0.4, None, [], para)
    return _make(d, cue, q.start, q.end, "direct", 1.0, para, doc_id)
