"""Candidate sentences from retrieved chunks, scored against what the question asks for.

Coverage of the question's entities and key terms within a sentence and its neighbours (where a
speaker named in the previous paragraph is still in view) is the evidence signal; FINDINGS.md
showed that a similarity threshold alone cannot tell answerable from unanswerable questions.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from assistant.answering.question import QuestionInfo
from assistant.retrieval.index import Index
from assistant.textutil import fold, tokens
from assistant.types import Hit

_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_MONTH = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b")
_MONEY = re.compile(r"(%|\bper ?cent\b|\bbillion\b|\bmillion\b|\beur\b|€|£|\$|\bgdp\b)")
_DIGIT = re.compile(r"\d")
_TITLE = re.compile(r"\b(minister|secretary general|president|high representative|chair|rapporteur|expert)\b")


@dataclass
class Candidate:
    doc_id: str
    start: int
    end: int
    text: str
    chunk_id: str
    rank: int  # rank of the hit it came from (0 = best)
    own_cov: float = 0.0
    win_cov: float = 0.0
    dense: float = 0.0
    type_bonus: float = 0.0
    score: float = 0.0
    missing: list[str] = field(default_factory=list)  # question items absent from the window


class Evidence:
    """Weights for the question's items (entities count double), from document frequencies."""

    def __init__(self, index: Index, info: QuestionInfo) -> None:
        self.index = index
        self.info = info
        n = max(1, len(index.chunks))
        self.entity_df = {e.text: index.df_entity(e.variants) for e in info.entities}
        self.term_df = {t: index.df_term(t) for t in info.terms}
        self.weights: dict[str, float] = {}
        for e in info.entities:
            self.weights["E:" + e.text] = 2.0 * math.log((n + 1) / (self.entity_df[e.text] + 0.5))
        for t in info.terms:
            self.weights["T:" + t] = math.log((n + 1) / (self.term_df[t] + 0.5))
        self.total = sum(self.weights.values())

    def unknown_entities(self) -> list[str]:
        return [e for e, df in self.entity_df.items() if df == 0]

    def coverage(self, text: str) -> tuple[float, list[str]]:
        if self.total <= 0:
            return 0.0, []
        folded = fold(text)
        terms = set(tokens(text))
        got = 0.0
        missing: list[str] = []
        for e in self.info.entities:
            if e.found_in(folded):
                got += self.weights["E:" + e.text]
            else:
                missing.append(e.text)
        for t in self.info.terms:
            if t in terms:
                got += self.weights["T:" + t]
            else:
                missing.append(t)
        return got / self.total, missing

    def type_bonus(self, text: str, window: str) -> float:
        kind = self.info.kind
        f = fold(text)
        if kind == "acronym" and self.info.acronym:
            acro = self.info.acronym
            expansion = self.index.acronyms.get(acro)
            if f"({acro.lower()})" in f or (expansion and fold(expansion) in f):
                return 1.0
            return 0.0
        if kind == "when":
            return 1.0 if (_YEAR.search(f) or _MONTH.search(f) or re.search(r"\d{1,2}[./]\d{1,2}", f)) else 0.0
        if kind == "number":
            if _DIGIT.search(f) and _MONEY.search(f):
                return 1.0
            return 0.5 if _DIGIT.search(f) else 0.0
        if kind == "list":
            items = re.findall(r"(?:^|,|\band\b)\s*(?:the\s+)?([A-Z][\w-]+)", text)
            return min(1.0, max(0, len(items) - 1) / 4)
        if kind == "who":
            if self.index.registry.find_in_text(text):
                return 1.0
            return 0.5 if _TITLE.search(f) else 0.0
        return 0.0


def window_text(index: Index, doc_id: str, start: int, before: int = 2, after: int = 1) -> str:
    spans = index.doc_sentences.get(doc_id, [])
    i = next((j for j, (s, _) in enumerate(spans) if s == start), None)
    text = index.doc_text(doc_id)
    if i is None:
        return ""
    lo, hi = max(0, i - before), min(len(spans), i + after + 1)
    return text[spans[lo][0] : spans[hi - 1][1]]


def candidates(index: Index, hits: list[Hit], info: QuestionInfo, qvec: np.ndarray) -> tuple[list[Candidate], Evidence]:
    ev = Evidence(index, info)
    seen: set[tuple[str, int]] = set()
    cands: list[Candidate] = []
    for rank, h in enumerate(hits):
        chunk = index.chunks.get(h.chunk_id)
        if chunk is None:
            continue
        text = index.doc_text(h.doc_id)
        for s in chunk.sentences:
            key = (h.doc_id, s.char_start)
            if key in seen:
                continue
            seen.add(key)
            sent = text[s.char_start : s.char_end]
            if len(sent.split()) < 3 and not _DIGIT.search(sent):
                continue  # headings and fragments are not answers
            cands.append(Candidate(h.doc_id, s.char_start, s.char_end, sent, h.chunk_id, rank))
    if not cands:
        return [], ev
    vecs = index.sentence_vectors([(c.doc_id, c.start, c.end) for c in cands])
    for c, v in zip(cands, vecs, strict=True):
        win = window_text(index, c.doc_id, c.start)
        c.own_cov, _ = ev.coverage(c.text)
        c.win_cov, c.missing = ev.coverage(win)
        c.dense = float(np.dot(qvec, v))
        c.type_bonus = ev.type_bonus(c.text, win)
        prior = 1.0 / (1 + c.rank)
        c.score = 0.35 * c.dense + 0.30 * c.own_cov + 0.20 * c.win_cov + 0.12 * c.type_bonus + 0.03 * prior
    cands.sort(key=lambda c: -c.score)
    return cands, ev
