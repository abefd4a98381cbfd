"""Gather the passages an answer needs, in at most two hops.

Hop 1 searches with the question. When the question has two sides (a comparison), each side is searched.
Otherwise the named things that the best first-hop sentences introduce (bridge entities: "... directed by
Jane Doe") are searched again with what the first hop left uncovered ("Jane Doe born"), so a second passage
that shares few words with the question is still found. A named thing of the question that the library mentions
but no first-hop passage holds is searched for the same way. Each hit says which hop found it and via what.
"""

from __future__ import annotations

import re
from typing import Protocol

import numpy as np

from assistant.calibration import fitted
from assistant.evidence.items import QuestionItems
from assistant.evidence.match import TextView, match_all
from assistant.evidence.rank import rank
from assistant.ingest.sentences import split_sentences
from assistant.textutil import fold, tokens
from assistant.types import Hit, SearchFilters

_NAME = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*(?:[ \t]+(?:(?:of|the|de|von|van|and|for)[ \t]+)?[A-ZÀ-ÖØ-ÞĀ-ſ0-9][\w'’.-]*)*")


class Searcher(Protocol):
    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None,
               use_mmr: bool | None = None, qvec: np.ndarray | None = None, hop: int = 1) -> list[Hit]: ...

    def expand(self, query: str) -> str: ...

    def passage_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]: ...

    def titled(self, names: list[str]) -> dict[str, list[str]]: ...


def _spans(searcher: object, h: Hit) -> list[tuple[int, int]]:
    """The hit's sentences as the index split them at ingest (offsets into the hit's text); a searcher that
    does not keep them (a test fake) gets them split here."""
    known = getattr(searcher, "chunk_sentences", None)
    spans = known(h.chunk_id) if known is not None else None
    return spans if spans else split_sentences(h.text)


def _best_sentence(text: str, items: QuestionItems, spans: list[tuple[int, int]]) -> str:
    best, best_n = "", -1.0
    for s, e in spans:
        sent = text[s:e]
        got = match_all(TextView(sent), items.items)
        n = sum(m.strength for m in got.values())
        if n > best_n:
            best, best_n = sent, n
    return best


def bridges(items: QuestionItems, hits: list[Hit], limit: int = 2, searcher: object = None) -> list[str]:
    """Names the first hop introduces that the question does not: candidates for the second hop."""
    qf = fold(items.question)
    out: list[str] = []
    for h in hits[:3]:
        sent = _best_sentence(h.text, items, _spans(searcher, h))
        for m in _NAME.finditer(sent):
            name = m.group(0).strip(" .,'’")
            if m.start() == 0 and len(name.split()) == 1:
                continue  # a capitalised first word is usually not a name
            if len(name) < 3 or fold(name) in qf or any(fold(name) in fold(o) or fold(o) in fold(name) for o in out):
                continue
            if not any(t not in qf for t in tokens(name)):
                continue
            out.append(name)
            if len(out) >= limit:
                return out
    return out


def linked_titles(searcher: Searcher, items: QuestionItems, hits: list[Hit], limit: int = 3) -> list[tuple[str, str]]:
    """(name, doc id) for documents the best first-hop passages name by their title: a direct link to the
    second passage of a bridge question, found without a search."""
    have = {h.doc_id for h in hits}
    qf = fold(items.question)
    names: list[str] = []
    for h in hits[:3]:
        for m in _NAME.finditer(h.text):
            name = m.group(0).strip(" .,'’")
            if len(name) > 2 and fold(name) != fold(h.title) and name not in names:
                names.append(name)
    out: list[tuple[str, str]] = []
    found = searcher.titled(names)
    for name in names:  # in the order the passages name them
        for doc_id in found.get(name, []):
            if doc_id not in have and fold(name) not in qf and all(d != doc_id for _n, d in out):
                out.append((name, doc_id))
    return out[:limit]


def by_time(hits: list[Hit], items: QuestionItems, weight: float) -> list[Hit]:
    """'latest …' questions put newer documents first, 'in 2025' ones that year's: the fused score (scaled to
    0..1) plus `weight` x recency (0 oldest .. 1 newest among the hits) or year match. Undated documents get 0."""
    if weight <= 0 or not (items.recent or items.year) or not hits:
        return hits
    top = max(h.score for h in hits) or 1.0
    dates = sorted({h.date for h in hits if h.date})
    if items.recent and len(dates) < 2 and not items.year:
        return hits

    def bonus(h: Hit) -> float:
        if items.year:
            return 1.0 if (h.date or "").startswith(items.year) else 0.0
        return dates.index(h.date) / (len(dates) - 1) if h.date else 0.0

    return sorted(hits, key=lambda h: -(h.score / top + weight * bonus(h)))


def gather(searcher: Searcher, embed: object, items: QuestionItems, k: int = 10, k2: int = 4,
           filters: SearchFilters | None = None, hops: int = 2, qvec: np.ndarray | None = None,
           recency_weight: float = 0.3, ranked: bool = True) -> list[Hit]:
    """Hop-1 hits, then hop-2 hits (comparison sides or bridge entities), all ordered by the fitted passage
    ranker (evidence/rank.py; `ranked=False` keeps retrieval's order: first-hop best, then hop 2, for fitting)."""
    first = by_time(searcher.search(items.question, k=k, filters=filters, qvec=qvec), items, recency_weight)
    if not first:
        return first
    merged = _second_hop(searcher, embed, items, first, k2, filters, qvec) if hops >= 2 else first
    if not ranked:
        return merged
    return by_time(rank(items, merged, fitted("passages"), qvec, searcher.passage_vectors), items, recency_weight)


def _second_hop(searcher: Searcher, embed: object, items: QuestionItems, first: list[Hit], k2: int,
                filters: SearchFilters | None, qvec: np.ndarray | None = None) -> list[Hit]:
    covered_terms = set()
    for h in first[:3]:
        covered_terms |= set(match_all(TextView(h.title + " " + h.text), items.terms))
    missing = [t.text for t in items.terms if t.key not in covered_terms]
    rest = " ".join(missing or [t.text for t in items.terms])
    queries: list[tuple[str, str]] = []
    if len(items.sides) >= 2:
        queries = [(side, f"{side} {rest}".strip()) for side in items.sides[:2]]
    else:
        queries = [(b, f"{b} {rest}".strip()) for b in bridges(items, first, searcher=searcher)]
    # a named thing the library mentions that no first-hop passage holds (the question's words led elsewhere, or
    # the approximate index missed it): search for it with what is still missing
    found: set[str] = set()
    for h in first:
        found |= set(match_all(TextView(h.title + " " + h.text), items.entities))
    unfound = [e for e in items.entities if e.df > 0 and e.key not in found]
    named = {fold(v) for v, _q in queries}
    queries = [(e.text, f"{e.text} {rest}".strip()) for e in unfound[:2] if fold(e.text) not in named] + queries
    have = {h.chunk_id for h in first}
    lead: list[Hit] = []
    tail: list[Hit] = []
    for name, doc_id in linked_titles(searcher, items, first):
        # the document is known: its best passage is chosen with the question's own vector (no new embedding)
        got = searcher.search(f"{name} {rest}".strip(), k=1, filters=_only(filters, doc_id), qvec=qvec, hop=2)
        for h in got:
            if h.chunk_id not in have:
                h.why.via = name
                have.add(h.chunk_id)
                tail.append(h)
    if not queries:
        return [*first, *tail]
    vecs = embed([searcher.expand(q) for _v, q in queries])  # type: ignore[operator]
    for (via, q), v in zip(queries, vecs, strict=True):
        got = searcher.search(q, k=k2, filters=filters, qvec=v, hop=2)
        new = [h for h in got if h.chunk_id not in have]
        for i, h in enumerate(new):
            h.why.via = via
            have.add(h.chunk_id)
            (lead if i == 0 else tail).append(h)
    return [*first[:3], *lead, *first[3:], *tail]


def _only(filters: SearchFilters | None, doc_id: str) -> SearchFilters:
    """The caller's filters narrowed to one document (a document the filters exclude stays excluded)."""
    f = filters.model_copy() if filters is not None else SearchFilters()
    if f.doc_ids is not None and doc_id not in f.doc_ids:
        f.doc_ids = []
    else:
        f.doc_ids = [doc_id]
    return f
