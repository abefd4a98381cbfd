"""From a question to its best evidence set and the decision to answer or refuse: the one place where a
refusal is decided, for every backend."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

import numpy as np

from assistant.calibration import MissingCalibration, fitted
from assistant.evidence.answer_type import cached_labels, labels_for_vector
from assistant.evidence.candidates import Candidate, build
from assistant.evidence.dated import only_published
from assistant.evidence.gather import Searcher, gather
from assistant.evidence.items import Item, QuestionItems, analyse, parse, resolve_initialisms
from assistant.evidence.library import LibraryView
from assistant.evidence.parts import split_parts
from assistant.evidence.quantity import focus_quantity
from assistant.evidence.sets import EvidenceSet, best_set, name_phrases, score
from assistant.textutil import fold
from assistant.types import Hit, HitWhy, SearchFilters


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
    parts: list[Found] = field(default_factory=list)  # a compound question's parts, each with its own evidence
    # "what did X say about Y": where X's statements on Y stand (doc id, start, end), closest first; the answer
    # leads with them
    statements: list[tuple[str, int, int]] = field(default_factory=list)
    # ... and where all of X's own statements stand in a document (the only sentences that answer "what did X say")
    said_spans: Callable[[str], list[tuple[int, int]]] | None = field(default=None, repr=False)


@dataclass
class SaidCheck:
    """For a "what did X say about Y" question: what the library's attributed statements hold (counted by the
    positions package, which finds statements and judges a statement's topic by meaning)."""

    speaker: str
    topic: str
    own: int  # statements in the speaker's own words (direct or reported)
    on_topic: int  # of those, the ones about the topic (the contrast rule)
    closest: float = 1.0  # the best topic similarity of those statements (cosine, best of statement/paragraph/context)
    key_share: float = 1.0  # the largest share of the topic's key terms one of them holds
    speaker_keys: list[str] = field(default_factory=list)  # the question items that name X (or each of several)
    quotes: list[tuple[str, int, int]] = field(default_factory=list)  # X's statements on Y: (doc id, start, end)
    asked_about: bool = False  # the question words it "X say about Y" (not only a speaker and other terms)
    # doc id -> (spans of X's own statements, spans of statements by other named speakers) in that document
    spans: Callable[[str], tuple[list[tuple[int, int]], list[tuple[int, int]]]] | None = field(default=None,
                                                                                              repr=False)


def statement_hits(lib: LibraryView, check: SaidCheck | None, hits: list[Hit]) -> list[Hit]:
    """For "what did X say about Y": the passages holding X's statements on Y (the positions package's topic
    rule), when the search did not find them: X's own words are candidates whatever the question's wording."""
    if check is None or not check.quotes:
        return []
    have = {h.chunk_id for h in hits}
    out: list[Hit] = []
    for doc_id, start, _end in check.quotes:
        sd = lib.snap.docs.get(doc_id)
        if sd is None:
            continue
        chunk = next((c for c in sd.chunks if c.char_start <= start < c.char_end), None)
        if chunk is None or chunk.chunk_id in have:
            continue
        have.add(chunk.chunk_id)
        m = sd.document.meta
        out.append(Hit(chunk_id=chunk.chunk_id, doc_id=doc_id, title=m.title, source_path=m.source_path,
                       section=chunk.section, text=chunk.text, score=0.0, char_start=chunk.char_start,
                       char_end=chunk.char_end, page=chunk.page, outlet=m.outlet, date=m.date, doc_type=m.doc_type,
                       why=HitWhy(via=f"statement of {check.speaker}")))
    return out


def own_spans(check: SaidCheck | None) -> Callable[[str], list[tuple[int, int]]] | None:
    if check is None or check.spans is None or not check.quotes:
        return None
    spans = check.spans
    return lambda doc_id: spans(doc_id)[0]


def speaker_filter(cands: list[Candidate], check: SaidCheck | None) -> list[Candidate]:
    """For "what did X say": leave out a sentence that holds only someone else's statement ("…," he said, where
    "he" is another speaker) unless it names X: it must not be read as X's words. A document's metadata (a title
    that names X) is nobody's statement either. With no topic ("What did X say?") only X's statements are left."""
    if check is None or check.spans is None or check.own == 0:
        return cands
    out = []
    memo: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    for c in cands:
        if c.meta_field is not None:
            continue
        if not check.topic or (check.asked_about and check.quotes):
            # "What did X say?" / "What did X say about Y?" with X quoted on Y: only X's own statements answer it
            own, _others = memo.get(c.doc_id) or memo.setdefault(c.doc_id, check.spans(c.doc_id))
            if any(s < c.end and c.start < e for s, e in own):
                out.append(c)
            continue
        if not any(k in c.own for k in check.speaker_keys):
            own, others = memo.get(c.doc_id) or memo.setdefault(c.doc_id, check.spans(c.doc_id))
            if any(s < c.end and c.start < e for s, e in others) and not any(s < c.end and c.start < e for s, e in own):
                continue
        out.append(c)
    return out


def said_refusal(items: QuestionItems, check: SaidCheck | None,
                 params: dict[str, float] | None = None) -> tuple[str, list[str]] | None:
    """Refuse a "what did X say about Y" question when X is quoted in the documents but never on Y: no statement
    of X passes the contrast's topic rule, or (answering needs more than listing) none is as close to Y as the
    fitted `said.min_sim` while holding fewer of Y's key terms than `said.key_share` (eval/fit_answer.py)."""
    if items.kind != "say" or check is None or check.own == 0:
        return None
    p = params or {}
    near = check.closest >= p.get("min_sim", 0.0) or check.key_share >= p.get("key_share", 0.0)
    if check.on_topic > 0 and near:
        return None
    return f"the documents quote {check.speaker}, but not on {check.topic}", [check.topic]


def _names(items: list[Item]) -> str:
    labels = [re.sub(r"['’]s$", "", i.label) for i in items]  # "Riverton's" named as "Riverton"
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
        answer = next((i for i in missing if i.kind == "answer"), None)
        rest = [i for i in missing if i.kind != "answer"]
        if answer is None:
            return f"the documents mention {_names(present)} but not {_names(rest)}", [i.label for i in missing]
        also = f", nor {_names(rest)}" if rest else ""
        return (f"the documents mention {_names(present)} but do not say {answer.label}{also}",
                [i.label for i in missing])
    if missing:
        return f"no passage covers {_names(missing)}", [i.label for i in missing]
    return "the passages found do not answer this question", []


def quantity_params() -> dict[str, float] | None:
    """The fitted threshold of the "how many N" check (eval/fit_quantity.py); None before it is fit."""
    try:
        return fitted("quantity")
    except MissingCalibration:
        return None


def quantity_score(lib: LibraryView, items: QuestionItems, es: EvidenceSet, cands: list[Candidate] | None = None,
                   compose: dict[str, Any] | None = None) -> float | None:
    """For "how many N / how much N": how close a figure of the sentences an answer would show comes to counting
    N (quantity.py): the evidence set's members, and the likeliest further candidates the extractive answer adds
    (those rated at least the fitted `keep_ratio` of the best, up to `max_extra`). None for other questions."""
    focus = items.focus
    if items.kind != "number" or focus is None or not items.wh.startswith("how "):
        return None
    texts = list(dict.fromkeys(c.text for c in _shown(es, cands, compose) if c.meta_field is None))
    return focus_quantity(focus.label, items.wh.startswith("how much"), texts, parse, lib.embed)


def _shown(es: EvidenceSet, cands: list[Candidate] | None, compose: dict[str, Any] | None) -> list[Candidate]:
    """The sentences an extractive answer would show: the evidence set's members, and the likeliest further
    candidates (those rated at least the fitted `keep_ratio` of the best, up to `max_extra`)."""
    shown = [m.candidate for m in es.members]
    if cands:
        compose = compose or fitted("answer")["compose"]
        top = max(cands[0].p, 1e-9)
        shown += [c for c in cands[: int(compose["max_extra"])] if c.p >= compose["keep_ratio"] * top]
    return shown


def _undated(lib: LibraryView, items: QuestionItems, es: EvidenceSet, cands: list[Candidate],
             compose: dict[str, Any] | None) -> bool:
    """A "when" question whose answer would show only its documents' publication dates (dated.py)."""
    if items.kind != "when":
        return False
    rows = [(c.text, c.meta_field is not None, lib.meta(c.doc_id).date) for c in _shown(es, cands, compose)]
    return only_published(items.question, rows)


def _uncounted(lib: LibraryView, items: QuestionItems, es: EvidenceSet, cands: list[Candidate],
               p: dict[str, float] | None, compose: dict[str, Any] | None) -> bool:
    """The evidence names what the question counts about, but no figure of it counts N: the answer is missing."""
    if p is None:
        return False
    score = quantity_score(lib, items, es, cands, compose)
    return score is not None and score < p["min_similarity"]


def term_vectors(lib: LibraryView, items: QuestionItems) -> dict[str, np.ndarray]:
    terms = [t for t in items.terms if t.surface]
    return {t.key: v for t, v in zip(terms, lib.vectors([t.surface for t in terms]), strict=True)} if terms else {}


def find(lib: LibraryView, searcher: Searcher, question: str, filters: SearchFilters | None = None,
         exclude: Callable[[str], bool] | None = None, params: dict[str, Any] | None = None,
         k: int = 10, recency_weight: float = 0.3,
         said: Callable[[QuestionItems], SaidCheck | None] | None = None) -> Found:
    """The question's best evidence; a compound question's parts are found one by one and joined."""
    parts = split_parts(question)
    subs: list[Found] = []
    for part in parts:
        f = _find_one(lib, searcher, part.question, filters, exclude, params, k, recency_weight, said)
        # a part that refers back ("... and what do they possess?"), when its first reading is refused or finds the
        # first part's evidence again: also read what it refers to from the first part's evidence, and keep the
        # reading the evidence model answers best with evidence of its own
        alt = part.resolved(evidence_names(subs[0])) if subs and not (f.answerable and _new(f, subs[0])) else None
        if alt is not None:
            g = _find_one(lib, searcher, alt, filters, exclude, params, k, recency_weight, said)
            if (g.answerable, _new(g, subs[0]), _p(g)) > (f.answerable, _new(f, subs[0]), _p(f)):
                f = g
        subs.append(f)
    return subs[0] if len(subs) == 1 else join(question, subs)


def _new(f: Found, earlier: Found) -> bool:
    """Is the seed of this part's evidence new, not already the earlier part's evidence?"""
    if f.best is None:
        return False
    before = {m.candidate.key for m in earlier.best.members} if earlier.best is not None else set()
    return f.best.members[0].candidate.key not in before


def _p(f: Found) -> float:
    return f.best.p_answerable if f.best is not None else 0.0


def evidence_names(f: Found) -> list[str]:
    """The names in a found part's evidence, those the question did not name first (what a later part's "they",
    "it" or "that city" may refer to)."""
    if f.best is None:
        return []
    asked = fold(f.items.question)
    out: list[str] = []
    # the likeliest answer sentences' names (a metadata line's "Title:", "Date:" labels are no names)
    likeliest = sorted((m.candidate for m in f.best.members if m.candidate.meta_field is None), key=lambda c: -c.p)
    for c in likeliest[:2]:
        for n in name_phrases(c.text, initial_words=True):
            if fold(n) not in asked and n not in out:
                out.append(n)
    return out[:6]


def join(question: str, parts: list[Found]) -> Found:
    """One Found for a compound question: answerable when any part is; the parts not covered are named."""
    first = parts[0].items
    items = QuestionItems(question=question, kind=first.kind, answer=first.answer, sides=first.sides,
                          recent=any(p.items.recent for p in parts), year=first.year)
    for p in parts:
        for it in p.items.entities:
            if all(e.key != it.key for e in items.entities):
                items.entities.append(it)
        for it in p.items.terms:
            if all(t.key != it.key for t in items.terms):
                items.terms.append(it)
    hits = list({h.chunk_id: h for h in _interleave([p.hits for p in parts])}.values())
    cands = sorted({c.key: c for p in reversed(parts) for c in p.candidates}.values(), key=lambda c: -c.p)
    answered = [(p, p.best) for p in parts if p.answerable and p.best is not None]
    best = parts[0].best
    if answered:
        members = list({m.candidate.key: m for _p, es in answered for m in es.members}.values())  # in part order
        best = EvidenceSet(members=members, covered={k: v for _p, es in answered for k, v in es.covered.items()},
                           missing=[i for p in parts if not p.answerable and p.best for i in p.best.missing],
                           features=dict(answered[0][1].features),
                           p_answerable=min(es.p_answerable for _p, es in answered))
    found = Found(items, hits, cands, best, bool(answered), flagged=[h for p in parts for h in p.flagged],
                  timings_ms={k: sum(p.timings_ms.get(k, 0.0) for p in parts) for k in ("retrieve", "evidence")},
                  parts=parts)
    gaps = [p for p in parts if not p.answerable]
    if gaps:
        found.reason = "; ".join(f"{p.reason} ({p.items.question.rstrip('?')})" for p in gaps)
        found.missing = [m for p in gaps for m in p.missing]
    return found


def _interleave(lists: list[list[Hit]]) -> list[Hit]:
    """The parts' hits taken in turn (each part's best first)."""
    return [h for row in zip_longest(*lists) for h in row if h is not None]


def _find_one(lib: LibraryView, searcher: Searcher, question: str, filters: SearchFilters | None = None,
              exclude: Callable[[str], bool] | None = None, params: dict[str, Any] | None = None,
              k: int = 10, recency_weight: float = 0.3,
              said: Callable[[QuestionItems], SaidCheck | None] | None = None) -> Found:
    import time

    t0 = time.perf_counter()
    params = params or fitted("answer")
    items = analyse(question, lib)
    expected = cached_labels(items.wh)  # the answer type: its phrase embedded with the question, once
    vecs = lib.embed([searcher.expand(question)] + ([items.wh] if expected is None and items.wh else []))
    qvec = vecs[0]
    if expected is None:
        expected = labels_for_vector(items.wh, vecs[1] if len(vecs) > 1 else None)
    hits = gather(searcher, lib.embed, items, k=k, filters=filters, hops=int(params.get("hops", 2)), qvec=qvec,
                  recency_weight=recency_weight)
    # an ingest that committed while this question ran: the search saw its documents, this question's view of
    # the library does not; they are left to the next question (never a failure)
    hits = [h for h in hits if lib.snap.docs.get(h.doc_id) is not None]
    if items.unknown:
        resolve_initialisms(items, [h.text for h in hits], lib)
    check = said(items) if said is not None and items.kind == "say" else None
    hits = hits + statement_hits(lib, check, hits)
    t1 = time.perf_counter()
    flagged: list[Hit] = []
    if exclude is not None:
        marks = [exclude(h.text) for h in hits]
        flagged = [h for h, f in zip(hits, marks, strict=True) if f]
        hits = [h for h, f in zip(hits, marks, strict=True) if not f]
    cands = score(build(lib, items, hits, qvec, exclude, expected=expected), params["sentence"])
    cands = speaker_filter(cands, check)
    es = best_set(items, cands, params["refusal"], term_vecs=term_vectors(lib, items))
    t2 = time.perf_counter()
    answerable = es is not None and not items.unknown and es.p_answerable >= params["refusal"]["threshold"]
    if answerable and es is not None and items.answer is not None and \
            _uncounted(lib, items, es, cands, quantity_params(), params.get("compose")):
        answerable = False  # "how many N": the evidence names the subject, but no figure of it counts N
        if items.answer not in es.missing:
            es.missing.append(items.answer)
    if answerable and es is not None and items.answer is not None and \
            _undated(lib, items, es, cands, params.get("compose")):
        answerable = False  # "when": the only dates are when the documents came out
        if items.answer not in es.missing:
            es.missing.append(items.answer)
    found = Found(items, hits, cands, es, answerable, flagged=flagged,
                  timings_ms={"retrieve": (t1 - t0) * 1000, "evidence": (t2 - t1) * 1000},
                  statements=list(check.quotes) if check is not None else [],
                  said_spans=own_spans(check))
    if answerable and check is not None:
        why = said_refusal(items, check, params.get("said"))
        if why is not None:
            found.answerable = False
            found.reason, found.missing = why
            return found
    if not answerable:
        found.reason, found.missing = refusal_reason(items, es)
    return found
