"""Extractive backend: pick the sentences that answer the question and compose them, cited."""

from __future__ import annotations

import re

import numpy as np

from assistant.answering.draft import Draft, DraftSentence, Span
from assistant.answering.evidence import Candidate, Evidence, candidates
from assistant.answering.question import QuestionInfo
from assistant.prompts import NOT_IN_DOCS
from assistant.retrieval.index import Index
from assistant.textutil import fold, tokens
from assistant.types import Hit

# Calibrated on the development half of the gold set (eval/gold.yaml); see `briefing eval`.
TERMS_MIN = 0.45  # a window must name every entity of the question and this share of its key terms
KEEP_RATIO = 0.80  # a further sentence must score at least this share of the best one
MAX_WORDS = 120
MAX_SENTENCES = {"acronym": 2, "who": 3, "when": 2, "number": 3, "where": 2, "list": 2}
_PRONOUN_SPEECH = re.compile(r"\b(he|she|they|the expert|the minister)\s+(said|added|stressed|noted|explained|"
                             r"recalled|believes|insisted|emphasised|emphasized)\b", re.I)


def display(text: str) -> str:
    """A quoted sentence as it reads in an answer: dialogue dashes and line breaks removed."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^[-–—•]\s*", "", text)
    return text


def _redundant(c: Candidate, chosen: list[Candidate], vecs: dict[int, np.ndarray]) -> bool:
    ct = set(tokens(c.text))
    for o in chosen:
        ot = set(tokens(o.text))
        if ct and ot and len(ct & ot) / len(ct | ot) >= 0.5:
            return True
        if float(np.dot(vecs[id(c)], vecs[id(o)])) >= 0.9:
            return True
    return False


def refusal_reason(info: QuestionInfo, ev: Evidence, best: Candidate | None) -> str | None:
    unknown = ev.unknown_entities()
    if unknown:
        return f"no document mentions {', '.join(unknown)}"
    if not info.entities and not info.terms:
        return "the question names nothing to look for"
    if best is None:
        return "nothing relevant was retrieved"
    if not grounded(best):
        named = [e.text for e in info.entities]
        if len(named) >= 2 and best.win_entities < 1.0:
            return f"no passage connects {' and '.join(named)}"
        missing = ", ".join(best.missing[:4]) or "the question's key terms"
        return f"no passage covers {missing}"
    return None


def grounded(c: Candidate) -> bool:
    """Evidence where the question's named things and most of its key terms occur together."""
    return c.win_entities >= 1.0 and c.win_terms >= TERMS_MIN


def answer(index: Index, question: str, info: QuestionInfo, hits: list[Hit]) -> Draft:
    qvec = index.embedder.embed([question])[0]
    cands, ev = candidates(index, hits, info, qvec)
    ok = [c for c in cands if grounded(c)]
    best_window = max(ok or cands, key=lambda c: (c.win_entities, c.win_terms)) if cands else None
    reason = refusal_reason(info, ev, best_window)
    if reason is not None:
        return refuse(question, reason, cands)
    cands = ok
    best = cands[0]
    vecs = {id(c): v for c, v in zip(cands, index.sentence_vectors([(c.doc_id, c.start, c.end) for c in cands]),
                                     strict=True)}
    limit = MAX_SENTENCES.get(info.kind, 4)
    chosen: list[Candidate] = [best]
    words = len(best.text.split())
    for c in cands[1:]:
        if len(chosen) >= limit:
            break
        if c.score < KEEP_RATIO * best.score or c.own_cov <= 0:
            continue
        if _redundant(c, chosen, vecs):
            continue
        if words + len(c.text.split()) > MAX_WORDS:
            continue
        chosen.append(c)
        words += len(c.text.split())
    chosen = _add_speaker_context(index, info, chosen)
    order = _sensible_order(chosen)
    sentences = [DraftSentence(display(c.text), [Span(c.doc_id, c.start, c.end, c.chunk_id)]) for c in order]
    return Draft(sentences=sentences)


def _add_speaker_context(index: Index, info: QuestionInfo, chosen: list[Candidate]) -> list[Candidate]:
    """'…, he said.' needs the sentence naming him when the question is about that person."""
    actors = [e for e in info.entities if e.kind == "actor"]
    if not actors:
        return chosen
    out = list(chosen)
    have = {(c.doc_id, c.start) for c in chosen}
    for c in chosen:
        if _PRONOUN_SPEECH.search(c.text) and not any(e.found_in(fold(c.text)) for e in actors):
            spans = index.doc_sentences.get(c.doc_id, [])
            i = next((j for j, (s, _) in enumerate(spans) if s == c.start), None)
            if i:
                s, e = spans[i - 1]
                prev = index.doc_text(c.doc_id)[s:e]
                if any(a.found_in(fold(prev)) for a in actors) and (c.doc_id, s) not in have:
                    out.append(Candidate(c.doc_id, s, e, prev, c.chunk_id, c.rank, score=c.score))
                    have.add((c.doc_id, s))
    return out


def _sensible_order(chosen: list[Candidate]) -> list[Candidate]:
    """Best evidence's document first, then documents by their best sentence; text order within each."""
    doc_rank: dict[str, int] = {}
    for c in chosen:
        doc_rank.setdefault(c.doc_id, len(doc_rank))
    return sorted(chosen, key=lambda c: (doc_rank[c.doc_id], c.start))


def refuse(question: str, reason: str, cands: list[Candidate]) -> Draft:
    sentences = [DraftSentence(f"{NOT_IN_DOCS}: {reason}.", is_refusal=True)]
    if cands:
        near = cands[0]
        sentences.append(DraftSentence("Nearest passage in the documents: " + display(near.text),
                                       [Span(near.doc_id, near.start, near.end, near.chunk_id)]))
    return Draft(sentences=sentences, refused=True, reason=reason)
