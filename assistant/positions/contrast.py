"""Side-by-side positions of named actors on a topic, quote by quote, never invented."""

from __future__ import annotations

from collections import Counter

import numpy as np

from assistant.answering.evidence import Evidence, window_text
from assistant.answering.extractive import display
from assistant.answering.injection import looks_like_injection
from assistant.answering.question import analyse
from assistant.positions.attribution import Attributed, attribute_document
from assistant.positions.registry import Actor
from assistant.retrieval.index import Index, expand_acronyms
from assistant.textutil import STOPWORDS, tokens
from assistant.types import Citation, Contrast, Position, Statement

# Calibrated on the dev contrast cases of eval/gold.yaml: an actor's own words need less topical
# evidence than a third party's description of them.
RELEVANCE_MIN = {"direct": 0.30, "reported": 0.30, "third_party": 0.45}
MAX_STATEMENTS = 4
DEBUG = False
NO_POSITION = "No recorded position on this topic in the documents."
_ORDER = {"direct": 0, "reported": 1, "third_party": 2}


class PositionFinder:
    def __init__(self, index: Index) -> None:
        self.index = index
        self._cache_key: str | None = None
        self._by_actor: dict[str, list[Attributed]] = {}

    def attributions(self) -> dict[str, list[Attributed]]:
        key = self.index.state.last_ingest or ""
        if key != self._cache_key:
            by: dict[str, list[Attributed]] = {}
            for doc_id in self.index.docs:
                for at in attribute_document(doc_id, self.index.doc_text(doc_id),
                                             self.index.doc_sentences.get(doc_id, []), self.index.registry):
                    by.setdefault(at.actor, []).append(at)
            self._by_actor, self._cache_key = by, key
        return self._by_actor

    def relevant(self, topic: str, actor: Actor) -> list[tuple[float, Attributed]]:
        ats = [a for a in self.attributions().get(actor.name, [])
               if not looks_like_injection(self.index.doc_text(a.doc_id)[a.start : a.end])]
        if not ats:
            return []
        info = analyse(topic, self.index.registry, self.index.acronyms, self.index.registry.variants)
        ev = Evidence(self.index, info)
        tvec = self.index.embedder.embed([expand_acronyms(topic, self.index.acronyms)])[0]
        vecs = self.index.sentence_vectors([(a.doc_id, a.start, a.end) for a in ats])
        scored = []
        for a, v in zip(ats, vecs, strict=True):
            sent = self.index.doc_text(a.doc_id)[a.start : a.end]
            own = ev.coverage(sent)
            win = ev.coverage(window_text(self.index, a.doc_id, a.start, before=1, after=1))
            wide = ev.coverage(window_text(self.index, a.doc_id, a.start, before=4, after=1))
            if wide.entities < 1.0:
                continue  # the topic names something this passage (and what leads up to it) never mentions
            score = 0.5 * float(np.dot(tvec, v)) + 0.3 * own.overall + 0.2 * win.overall
            if DEBUG:
                print(f"{score:.3f} {actor.name[:10]} {a.attribution} {sent[:90]}")
            if score >= RELEVANCE_MIN[a.attribution]:
                scored.append((score, a))
        scored.sort(key=lambda x: (-x[0], _ORDER[x[1].attribution]))
        return scored


def citation_for(index: Index, n: int, a: Attributed) -> Citation:
    m = index.meta(a.doc_id)
    chunk = next((c for c in index.docs[a.doc_id].chunks if c.char_start <= a.start < c.char_end), None)
    return Citation(n=n, doc_id=a.doc_id, title=m.title, outlet=m.outlet, date=m.date, source_path=m.source_path,
                    chunk_id=chunk.chunk_id if chunk else "", quote=index.doc_text(a.doc_id)[a.start : a.end],
                    char_start=a.start, char_end=a.end, doc_type=m.doc_type,
                    machine_translated=m.machine_translated, section=chunk.section if chunk else "")


def summarise(actor: Actor, statements: list[Statement]) -> str:
    own = [s for s in statements if s.attribution != "third_party"]
    if own:
        lead = _short(own[0].text)
        src = own[0].citation.outlet or own[0].citation.title
        verb = "said" if own[0].attribution == "direct" else "is reported as saying"
        lead = lead.strip('“”"')
        return f"{actor.name} ({actor.role}) {verb}: “{lead}” [{own[0].citation.n}] ({src})."
    third = statements[0]
    return (f"No statement of {actor.name}'s own on this topic; {third.citation.outlet or third.citation.title} "
            f"characterises the position: “{_short(third.text)}” [{third.citation.n}].")


def _short(text: str, words: int = 40) -> str:
    w = display(text).split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")


_GENERIC = set(tokens("opinion said stressed noted added believes recalled explained according four years "
                      "accordingly therefore although many people voices something"))


def _key_terms(statements: list[Statement], actor: str) -> Counter[str]:
    c: Counter[str] = Counter()
    skip = _GENERIC | set(tokens(actor))
    for s in statements:
        if s.attribution == "third_party":
            continue
        c.update({t for t in tokens(s.text) if len(t) > 3 and t not in STOPWORDS and t not in skip})
    return c


def compare(positions: list[Position], topic: str) -> tuple[list[str], list[str]]:
    """Agreement = the actors' own statements share substantive terms beyond the topic's own words;
    disagreement = they stress different things. Derived from the quoted text, not invented."""
    topic_terms = set(tokens(topic))
    found = [p for p in positions if p.status == "found"]
    terms = {p.actor: _key_terms(p.statements, p.actor) for p in found}
    agreements, disagreements = [], []
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            shared = sorted((set(terms[a.actor]) & set(terms[b.actor])) - topic_terms)
            only_a = [t for t, _ in terms[a.actor].most_common(12) if t not in terms[b.actor] and t not in topic_terms][:3]
            only_b = [t for t, _ in terms[b.actor].most_common(12) if t not in terms[a.actor] and t not in topic_terms][:3]
            if shared:
                agreements.append(f"{a.actor} and {b.actor} both speak of {', '.join(shared[:4])}.")
            if only_a and only_b:
                disagreements.append(f"{a.actor} stresses {', '.join(only_a)}; {b.actor} stresses {', '.join(only_b)}.")
    no_pos = [p.actor for p in positions if p.status == "no_position"]
    if no_pos and found:
        disagreements.append(f"Only {', '.join(p.actor for p in found)} have a recorded position; "
                             f"{', '.join(no_pos)} none in the documents.")
    return agreements, disagreements


def contrast(index: Index, finder: PositionFinder, topic: str, actors: list[Actor]) -> Contrast:
    positions: list[Position] = []
    n = 0
    for actor in actors:
        scored = finder.relevant(topic, actor)
        statements: list[Statement] = []
        seen: set[tuple[str, int]] = set()
        for _score, a in scored:
            if (a.doc_id, a.start) in seen:
                continue
            seen.add((a.doc_id, a.start))
            statements.append(Statement(text=display(index.doc_text(a.doc_id)[a.start : a.end]),
                                        attribution=a.attribution,  # type: ignore[arg-type]
                                        citation=citation_for(index, 0, a)))
            if len(statements) >= MAX_STATEMENTS:
                break
        statements.sort(key=lambda s: _ORDER[s.attribution])
        for st in statements:
            n += 1
            st.citation.n = n
        if not statements:
            positions.append(Position(actor=actor.name, status="no_position", summary=NO_POSITION))
            continue
        positions.append(Position(
            actor=actor.name, status="found", summary=summarise(actor, statements), statements=statements,
            outlets=sorted({s.citation.outlet or s.citation.title for s in statements}),
            dates=sorted({s.citation.date for s in statements if s.citation.date}),
        ))
    agreements, disagreements = compare(positions, topic)
    return Contrast(topic=topic, positions=positions, agreements=agreements, disagreements=disagreements)


def to_markdown(c: Contrast) -> str:
    lines = [f"## Positions: {c.topic}", "", "| Actor | Position | Key statements (attribution) |", "|---|---|---|"]
    for p in c.positions:
        stmts = "<br>".join(f"“{_short(s.text, 30)}” [{s.citation.n}] *({s.attribution.replace('_', ' ')})*"
                            for s in p.statements) or "—"
        lines.append(f"| {p.actor} | {p.summary.replace('|', '/')} | {stmts.replace('|', '/')} |")
    if c.agreements:
        lines += ["", "**Agreement:** " + " ".join(c.agreements)]
    if c.disagreements:
        lines += ["", "**Difference:** " + " ".join(c.disagreements)]
    cites = [s.citation for p in c.positions for s in p.statements]
    if cites:
        lines += ["", "Sources:"]
        lines += [f"[{x.n}] {x.title} — {x.outlet or '-'}, {x.date or 'undated'}"
                  + (" (machine-translated)" if x.machine_translated else "") for x in cites]
    return "\n".join(lines) + "\n"


