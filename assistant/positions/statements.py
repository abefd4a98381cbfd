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

from assistant.positions import speakers as sp
from assistant.positions import uncued
from assistant.positions.blocks import block_quotes, speakers_of
from assistant.positions.cataphora import cataphora
from assistant.positions.cue_scan import cues_of
from assistant.positions.cues import (
    _CLOSING,
    SPEECH,
    THIRD,
    _no_content,
)
from assistant.positions.cues import (
    Cue as _Cue,
)
from assistant.positions.document import Document
from assistant.positions.kinds import QUOTE_SHARE, is_clause, predicate_quoted, quoted_share
from assistant.positions.labels import handle_posts, labelled
from assistant.positions.model import Kind, Statement, _overlap
from assistant.positions.quote_cues import clause_before, governing, introduced, trailing
from assistant.positions.quotes import Quote, opens_sentence, same_sentence
from assistant.positions.roles import add_roles
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
    cues = cues_of(d)
    found = _assemble(d, cues, doc_id)
    blocks = block_quotes(d, cues, found, lambda i: clause_before(d, i))
    if blocks:
        # read again with the block quotations as quoted text: who "he" or "the post" is, and who speaks, is
        # found in the narrator's words only (as with any quote)
        d = Document(text, registry, author=author, blocks=[b for _k, spans in blocks for b in spans], docs=d.docs)
        cues = cues_of(d)
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
    found = [piece for st in found for piece in by_paragraph(d, st)]
    add_roles(d, found)
    return found


_MARKS = " \t\"“”«»„"


def by_paragraph(d: Document, st: Statement) -> list[Statement]:
    """A direct quote that runs over several paragraphs (English layout: each paragraph opens with a mark again):
    one statement per paragraph, each the same speaker's words with the same cue, so that each cites its own
    passage and stays within one."""
    text = d.text
    if st.kind != "direct" or "\n" not in text[st.char_start : st.char_end]:
        return [st]
    out: list[Statement] = []
    for m in re.finditer(r"[^\n]+", text[st.char_start : st.char_end]):
        s, e = st.char_start + m.start(), st.char_start + m.end()
        while s < e and text[s] in _MARKS:
            s += 1
        while e > s and text[e - 1] in _MARKS:
            e -= 1
        if e <= s:
            continue
        para = next(((ps, pe) for ps, pe in d.paras if ps <= s < pe), (st.para_start, st.para_end))
        out.append(replace(st, text=text[s:e], char_start=s, char_end=e, mentions=_mentions(d, s, e), para_start=para[0],
                           para_end=para[1], parts=[]))
    return out or [st]


def _says_something(c: _Cue) -> bool:
    """A prepositional paraphrase ("insists on …", "called for …") names something: a content word, not only
    pronouns ("insists on something else" states nothing)."""
    if c.comp is None or c.comp.dep_ != "prep":
        return True
    return any(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM") and not t.is_stop for t in c.comp.subtree)


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
    st = Statement(d.text[start:end], cue.speaker_text, round(cue.confidence * conf * aconf, 3), actor, cue.cue,
                   kind, start, end, named, list(cue.about), _mentions(d, start, end), para[0], para[1], doc_id)
    if cue.also:
        d.joint[(start, end, kind, cue.speaker_text)] = [(name, round(c2 * conf, 3)) for _m, name, c2 in cue.also]
    return st


def _mentions(d: Document, start: int, end: int) -> list[str]:
    """The registry's actors named inside a statement's words."""
    if d.registry is None:
        return []
    return list(dict.fromkeys(a.name for a, _, _ in d.registry.find_in_text(d.text[start:end])))


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
