"""From a question to its best evidence set and the decision to answer or refuse: the one place where a
refusal is decided, for every backend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.calibration import fitted
from assistant.evidence.candidates import Candidate, build
from assistant.evidence.gather import Searcher, gather
from assistant.evidence.items import Item, QuestionItems, analyse
from assistant.evidence.library import LibraryView
from assistant.evidence.sets import EvidenceSet, best_set, score
from assistant.types import Hit, SearchFilters


@dataclass
class Found:
    items: QuestionItems
    hits: list[Hit]
    candidates: list[Candidate]
    best: EvidenceSet | None
    answerable: bool
    reason: str | None = None  # why not, in the user's words
    missing: list[str] = field(default_factory=list)
    flagged: list[Hit] = field(default_factory=list)  # passages left out as possible instructions (injection)
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass
class SaidCheck:
    """For a "what did X say about Y" question: what the library's attributed statements hold (counted by the
    positions package, which finds statements and judges a statement's topic by meaning)."""

    speaker: str
    topic: str
    own: int  # statements in the speaker's own words (direct or reported)
    on_topic: int  # of those, the ones about the topic


def said_refusal(items: QuestionItems, check: SaidCheck | None) -> tuple[str, list[str]] | None:
    """Refuse a "what did X say about Y" question when X is quoted in the documents but never on Y."""
    if items.kind != "say" or check is None or check.own == 0 or check.on_topic > 0:
        return None
    return f"the documents quote {check.speaker}, but not on {check.topic}", [check.topic]


def _names(items: list[Item]) -> str:
    labels = [i.label for i in items]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def refusal_reason(items: QuestionItems, es: EvidenceSet | None) -> tuple[str, list[str]]:
    """Name what the documents do not cover, and what they do cover nearest to it."""
    if items.unknown:
        return f"no document mentions {_names(items.unknown)}", [i.label for i in items.unknown]
    if es is None:
        return "nothing in the documents matches the question", [i.label for i in items.items]
    missing = [i for i in es.missing if i.kind != "term" or i.required] or es.missing
    present = [i for i in items.entities if i.key in es.covered]
    if missing and present:
        what = "the " + items.kind + " asked for" if any(i.kind == "answer" for i in missing) else _names(missing)
        rest = [i for i in missing if i.kind != "answer"]
        if rest and any(i.kind == "answer" for i in missing):
            what += f" ({_names(rest)})"
        return f"the documents mention {_names(present)} but not {what}", [i.label for i in missing]
    if missing:
        return f"no passage covers {_names(missing)}", [i.label for i in missing]
    return "the passages found do not answer this question", []


def term_vectors(lib: LibraryView, items: QuestionItems) -> dict[str, np.ndarray]:
    terms = [t for t in items.terms if t.surface]
    return {t.key: v for t, v in zip(terms, lib.vectors([t.surface for t in terms]), strict=True)} if terms else {}


def find(lib: LibraryView, searcher: Searcher, question: str, filters: SearchFilters | None = None,
         exclude: Callable[[str], bool] | None = None, params: dict[str, Any] | None = None,
         k: int = 10, recency_weight: float = 0.3,
         said: Callable[[QuestionItems], SaidCheck | None] | None = None) -> Found:
    import time

    t0 = time.perf_counter()
    params = params or fitted("answer")
    items = analyse(question, lib)
    qvec = lib.embed([searcher.expand(question)])[0]
    hits = gather(searcher, lib.embed, items, k=k, filters=filters, hops=int(params.get("hops", 2)), qvec=qvec,
                  recency_weight=recency_weight)
    # an ingest that committed while this question ran: the search saw its documents, this question's view of
    # the library does not; they are left to the next question (never a failure)
    hits = [h for h in hits if lib.snap.docs.get(h.doc_id) is not None]
    t1 = time.perf_counter()
    flagged: list[Hit] = []
    if exclude is not None:
        marks = [exclude(h.text) for h in hits]
        flagged = [h for h, f in zip(hits, marks, strict=True) if f]
        hits = [h for h, f in zip(hits, marks, strict=True) if not f]
    cands = score(build(lib, items, hits, qvec, exclude), params["sentence"])
    es = best_set(items, cands, params["refusal"], term_vecs=term_vectors(lib, items))
    t2 = time.perf_counter()
    answerable = es is not None and not items.unknown and es.p_answerable >= params["refusal"]["threshold"]
    found = Found(items, hits, cands, es, answerable, flagged=flagged,
                  timings_ms={"retrieve": (t1 - t0) * 1000, "evidence": (t2 - t1) * 1000})
    if answerable and said is not None and items.kind == "say":
        why = said_refusal(items, said(items))
        if why is not None:
            found.answerable = False
            found.reason, found.missing = why
            return found
    if not answerable:
        found.reason, found.missing = refusal_reason(items, es)
    return found
