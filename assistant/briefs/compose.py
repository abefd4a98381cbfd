"""Compose a one-page brief from verified evidence: BLUF, key facts, positions, gaps, sources."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import pairwise

from assistant.briefs.ports import BriefSources
from assistant.errors import BriefingError
from assistant.evidence.candidates import SENTENCE_ENDS, Candidate
from assistant.evidence.cite import citation, display
from assistant.evidence.find import find
from assistant.evidence.support import support
from assistant.ingest.sentences import split_sentences
from assistant.language import has_verb
from assistant.textutil import tokens
from assistant.types import MIN_POSITION_WORDS, Brief, BriefFact, BriefSource, Position, Statement

MAX_FACTS = 6
MAX_QUOTE_WORDS = 60  # a position's quote in a one-page brief: at most about this many words, the rest cut
_ANAPHORA = re.compile(r"^\W*(it|this|these|that|they|he|she|the (initiative|programme|project|document))\b|"
                       r"\b(this|that) (context|approach|regard)\b", re.I)
BLUF_SENTENCES = 2


def validate_topic(topic: str) -> str:
    t = " ".join((topic or "").split())
    if not t:
        raise BriefingError("empty topic")
    if not any(ch.isalnum() for ch in t):
        raise BriefingError(f"topic '{t}' has no words")
    if len(t) > 300:
        raise BriefingError("topic is too long (over 300 characters)")
    return t


def compose(a: BriefSources, topic: str, actors: list[str] | None = None, backend: str | None = None) -> Brief:
    topic = validate_topic(topic)
    a.require_index()
    index = a.index
    lib = a.library()
    found = find(lib, index, topic, exclude=a.is_untrusted, k=14)
    # what the topic is about: its rarest named thing, else its rarest key term, among those the library holds
    # (a topic word no document uses, "groundwater" where they say "aquifer", does not void the topic)
    pool = [i for i in (found.items.entities or found.items.terms) if i.df > 0]
    core = max(pool, key=lambda i: i.weight) if pool else found.items.core
    # facts: whole sentences (not a heading, not the tail of a quote's attribution) about the topic: they, or
    # their context, name its core item; first those that keep more of the topic's word pairs together ("air
    # defence", not "air transport"), then the closest in meaning to the topic (a brief wants what is about the
    # topic, not the likeliest answer to a question)
    ok = [c for c in found.candidates if c.meta_field is None and _whole_sentence(c.text)
          and (core is None or core.key in c.covers())]
    pairs = _pairs(tokens(topic))
    ok.sort(key=lambda c: (-len(pairs & _pairs(tokens(c.text))), -c.features.get("dense_sent", 0.0)))
    chosen: list[Candidate] = []
    seen_tokens: list[set[str]] = []
    for c in [] if found.items.unknown else ok:
        if not has_verb(c.text):
            continue
        tk = set(tokens(c.text))
        if any(len(tk & o) / max(1, len(tk | o)) >= 0.45 for o in seen_tokens):
            continue
        chosen.append(c)
        seen_tokens.append(tk)
        if len(chosen) >= MAX_FACTS + BLUF_SENTENCES:
            break
    today = date.today().isoformat()
    if found.items.unknown or not chosen:
        nearest = sorted({h.title for h in found.hits[:3]})
        return Brief(topic=topic, date_line=f"Brief prepared {today}", covered=False, bottom_line=[], key_facts=[],
                     gaps=[f"The documents do not cover “{topic}”."
                           + (f" Nearest material: {'; '.join(nearest)}." if nearest else "")])
    counter = [0]

    def fact(c: Candidate) -> BriefFact:
        counter[0] += 1
        text = display(c.text)
        sup = support(text, index.doc_text(c.doc_id)[c.start : c.end], index.embedder)
        assert sup.ok
        cit = citation(lib, counter[0], c.doc_id, c.start, c.end, c.chunk_id, support=sup.score,
                       covers=[m.label for m in c.covers().values()])
        return BriefFact(text=text, citations=[cit])

    # the bottom line must stand on its own: no "this context", "the initiative" pointing elsewhere
    standalone = [c for c in chosen if not _ANAPHORA.search(c.text)]
    lead = (standalone or chosen)[:BLUF_SENTENCES]
    bluf = [fact(c) for c in lead]
    facts = [fact(c) for c in chosen if c not in lead][:MAX_FACTS]
    a.name_speakers([c for f in [*bluf, *facts] for c in f.citations])  # '"…," he said': who "he" is
    positions = _positions(a, topic, actors, [*bluf, *facts], counter, backend)
    gaps = _gaps(positions, [*bluf, *facts])
    cited = [c for f in [*bluf, *facts] for c in f.citations] + [s.citation for p in positions for s in p.statements]
    sources = []
    for doc_id in dict.fromkeys(c.doc_id for c in cited):
        m = index.meta(doc_id)
        sources.append(BriefSource(doc_id=doc_id, title=m.title, outlet=m.outlet, date=m.date, type=m.doc_type,
                                   machine_translated=m.machine_translated))
    return Brief(topic=topic, date_line=f"Brief prepared {today} from {len(sources)} source(s)", covered=True,
                 bottom_line=bluf, key_facts=facts, positions=positions, gaps=gaps, sources=sources)


def _whole_sentence(text: str) -> bool:
    """A sentence that stands as written: it starts like one (not in lower case, as the rest of a quote's
    attribution does: "…, noted the minister.") and ends like one (a heading does not; a run-in heading, "Support
    for the region.", holds no verb: `has_verb`, checked on the few chosen)."""
    t = text.strip()
    return bool(t) and not t[0].islower() and t.endswith(SENTENCE_ENDS) and not _reference(t)


# a work cited in a note ("Lee, A., Park, J.W. et al. (2024), Title, …"): its authors as "Surname, I."
_AUTHOR = re.compile(r"\b[A-Z][\w'’-]+, (?:[A-Z]\.){1,3}(?=[\s,])")


def _reference(text: str) -> bool:
    """A bibliographic reference (two or more authors listed as "Surname, I.") is no fact about the topic."""
    return len(_AUTHOR.findall(text)) >= 2


def _pairs(toks: list[str]) -> set[tuple[str, str]]:
    return set(pairwise(toks))


def _positions(a: BriefSources, topic: str, actors: list[str] | None, facts: list[BriefFact],
               counter: list[int], backend: str | None = None) -> list[Position]:
    if actors:
        names = actors
    else:
        # who spoke on the topic, closest first (any named speaker of the documents, registered or not); else the
        # registry actors the facts' passages mention most
        names = a.speakers_on(topic, 3)
        if not names:
            mentions: Counter[str] = Counter()
            for f in facts:
                chunk = a.index.chunks.get(f.citations[0].chunk_id)
                for actor, _, _ in a.registry.find_in_text(chunk.text if chunk else f.text):
                    mentions[actor.name] += 1
            names = [n for n, _ in mentions.most_common(3)]
    if not names:
        return []
    c = a.contrast(topic, names, backend=backend)
    if not actors:  # detected actors appear only when they have something on record
        c.positions = [p for p in c.positions if p.status == "found"]
    for p in c.positions:
        # one statement each: own words first (the contrast's order), a clause rather than a quoted label
        p.statements = ([s for s in p.statements if len(s.text.split()) >= MIN_POSITION_WORDS] or p.statements)[:1]
        for s in p.statements:
            counter[0] += 1
            s.citation.n = counter[0]
            _excerpt(a, topic, s)
        if p.statements:
            p.summary = _plain_summary(p)
    return c.positions


def _excerpt(a: BriefSources, topic: str, st: Statement) -> None:
    """A long statement in a one-page brief: the sentence closest to the topic, with its neighbours while the
    excerpt stays under MAX_QUOTE_WORDS; the citation then quotes exactly that excerpt."""
    c = st.citation
    if len(st.text.split()) <= MAX_QUOTE_WORDS:
        return
    text = a.index.doc_text(c.doc_id)
    spans = [(s, e) for s, e in split_sentences(text[c.char_start : c.char_end], c.char_start) if text[s:e].strip()]
    if len(spans) < 2:
        return
    lib = a.library()
    vecs = lib.vectors([text[s:e] for s, e in spans])
    tv = lib.vectors([topic])[0]
    best = max(range(len(spans)), key=lambda i: float(vecs[i] @ tv))
    lo = hi = best

    def words(i: int, j: int) -> int:
        return len(text[spans[i][0] : spans[j][1]].split())

    while True:  # grow to the next sentence, else the one before, while it fits
        if hi + 1 < len(spans) and words(lo, hi + 1) <= MAX_QUOTE_WORDS:
            hi += 1
        elif lo > 0 and words(lo - 1, hi) <= MAX_QUOTE_WORDS:
            lo -= 1
        else:
            break
    start, end = spans[lo][0], spans[hi][1]
    st.text = ("… " if lo > 0 else "") + display(text[start:end]) + (" …" if hi < len(spans) - 1 else "")
    c.char_start, c.char_end, c.quote = start, end, text[start:end]


def _plain_summary(p: Position) -> str:
    s = p.statements[0]
    label = {"direct": "in their own words", "reported": "as reported", "third_party": "as described by others"}
    return f"{p.actor} ({label[s.attribution]}, {s.citation.outlet or s.citation.title})"


def _gaps(positions: list[Position], facts: list[BriefFact]) -> list[str]:
    gaps = [f"No recorded position of {p.actor} on this topic in the documents." for p in positions
            if p.status == "no_position"]
    docs = {c.doc_id for f in facts for c in f.citations}
    if len(docs) == 1:
        gaps.append("All facts rest on a single document; not corroborated elsewhere in the corpus.")
    mt = {c.title for f in facts for c in f.citations if c.machine_translated}
    if mt:
        gaps.append(f"Some facts come from machine-translated text ({'; '.join(sorted(mt))}); check wording "
                    "against the original.")
    third = [p.actor for p in positions if p.statements and p.statements[0].attribution == "third_party"]
    if third:
        gaps.append(f"Only others' descriptions, not their own words, are on record for: {', '.join(third)}.")
    return gaps


def trim(brief: Brief) -> bool:
    """Drop the least important item; False when nothing is left to drop."""
    if len(brief.key_facts) > 3:
        brief.key_facts.pop()
        return True
    if len(brief.gaps) > 1:
        brief.gaps.pop()
        return True
    found = [p for p in brief.positions if p.statements]
    if len(brief.positions) > 2:
        brief.positions.pop()
        return True
    if found and len(found[-1].statements[0].text) > 200:
        st = found[-1].statements[0]
        st.text = st.text[:197].rsplit(" ", 1)[0] + "…"
        return True
    if len(brief.key_facts) > 1:
        brief.key_facts.pop()
        return True
    if brief.positions:
        brief.positions.pop()
        return True
    if len(brief.bottom_line) > 1:
        brief.bottom_line.pop()
        return True
    return False


def prune_sources(brief: Brief) -> None:
    """Sources list exactly the documents still cited."""
    cited = {c.doc_id for f in [*brief.bottom_line, *brief.key_facts] for c in f.citations}
    cited |= {s.citation.doc_id for p in brief.positions for s in p.statements}
    brief.sources = [s for s in brief.sources if s.doc_id in cited]
