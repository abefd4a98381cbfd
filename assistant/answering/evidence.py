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

from assistant.answering.injection import looks_like_injection
from assistant.answering.question import QuestionInfo
from assistant.retrieval.index import Index
from assistant.textutil import fold, tokens
from assistant.types import Hit

_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_MONTH = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b")
_MONEY = re.compile(r"(%|\bper ?cent\b|\bbillion\b|\bmillion\b|\beur\b|€|£|\$|\bgdp\b)")
_DIGIT = re.compile(r"\d")
_TITLE = re.compile(r"\b(minister|secretary general|president|high representative|chair|rapporteur|expert)\b")


# How much the kind of answer asked for counts (a "who" question wants a person in the sentence).
TYPE_WEIGHT = {"who": 0.25, "when": 0.25, "number": 0.25, "acronym": 0.3, "list": 0.2}


@dataclass
class Coverage:
    overall: float
    entities: float  # share of the question's named things present (1.0 when it names none)
    terms: float  # weighted share of its key terms present (1.0 when it has none)
    missing: list[str]


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
    win_entities: float = 0.0
    win_terms: float = 0.0
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

    def coverage(self, text: str) -> Coverage:
        folded = fold(text)
        terms = set(tokens(text))
        ent_got = ent_all = term_got = term_all = 0.0
        missing: list[str] = []
        for e in self.info.entities:
            w = self.weights["E:" + e.text]
            ent_all += w
            if e.found_in(folded):
                ent_got += w
            else:
                missing.append(e.text)
        for t in self.info.terms:
            w = self.weights["T:" + t]
            term_all += w
            if t in terms or (len(t) >= 5 and any(x.startswith(t) for x in terms)):
                term_got += w
            else:
                missing.append(t)
        total = ent_all + term_all
        return Coverage(
            overall=(ent_got + term_got) / total if total > 0 else 0.0,
            entities=ent_got / ent_all if ent_all > 0 else 1.0,
            terms=term_got / term_all if term_all > 0 else 1.0,
            missing=missing,
        )

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


def _is_heading_like(sent: str) -> bool:
    words = sent.split()
    letters = [ch for ch in sent if ch.isalpha()]
    if letters and all(not ch.islower() for ch in letters):
        return True
    return len(words) < 8 and not sent.rstrip().endswith((".", "!", "?", "”", '"')) and not _DIGIT.search(sent)


def window_text(index: Index, doc_id: str, start: int, before: int = 2, after: int = 1) -> str:
    """What a reader sees around a sentence: neighbours, its paragraph (a press release names the
    speaker at the end of a quoted paragraph), its section heading and the document's title."""
    spans = index.doc_sentences.get(doc_id, [])
    i = next((j for j, (s, _) in enumerate(spans) if s == start), None)
    text = index.doc_text(doc_id)
    if i is None:
        return ""
    lo, hi = max(0, i - before), min(len(spans), i + after + 1)
    p_start = text.rfind("\n\n", 0, start) + 2 if text.rfind("\n\n", 0, start) >= 0 else 0
    p_end = text.find("\n\n", start)
    p_end = len(text) if p_end < 0 else p_end
    if p_end - p_start > 2500:
        p_start, p_end = spans[lo][0], spans[hi - 1][1]
    w_start, w_end = min(spans[lo][0], p_start), max(spans[hi - 1][1], p_end)
    meta = index.meta(doc_id)
    section = next((c.section for c in index.docs[doc_id].chunks if c.char_start <= start < c.char_end), "")
    return f"{meta.title}\n{section}\n{text[w_start:w_end]}"


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
            standalone = text[max(0, s.char_start - 2) : s.char_start] in ("\n\n", "") and \
                text[s.char_end : s.char_end + 2] in ("\n\n", "")
            if looks_like_injection(sent) or _is_heading_like(sent) or (standalone and not sent.rstrip().endswith((".", "!", "?", "”", '"'))):
                continue  # headings and fragments are not answers
            cands.append(Candidate(h.doc_id, s.char_start, s.char_end, sent, h.chunk_id, rank))
    if not cands:
        return [], ev
    vecs = index.sentence_vectors([(c.doc_id, c.start, c.end) for c in cands])
    for c, v in zip(cands, vecs, strict=True):
        win = window_text(index, c.doc_id, c.start)
        c.own_cov = ev.coverage(c.text).overall
        wc = ev.coverage(win)
        c.win_cov, c.win_entities, c.win_terms, c.missing = wc.overall, wc.entities, wc.terms, wc.missing
        c.dense = float(np.dot(qvec, v))
        c.type_bonus = ev.type_bonus(c.text, win)
        prior = 1.0 / (1 + c.rank)
        type_weight = TYPE_WEIGHT.get(info.kind, 0.0)
        c.score = 0.30 * c.dense + 0.25 * c.own_cov + 0.20 * c.win_cov + type_weight * c.type_bonus + 0.03 * prior
    cands.sort(key=lambda c: -c.score)
    return cands, ev
