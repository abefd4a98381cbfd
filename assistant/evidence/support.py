"""Citation support, the one scorer: does the cited passage back the sentence? Lexical overlap plus embeddings.

Used by both backends and by the eval metrics (citation precision/recall), so the answer shown
and the score reported are judged the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.retrieval.embedder import Embedder
from assistant.textutil import fold, tokens

# Calibrated with eval/calibrate_support.py on the gold set's dev cases: gold answers score 0.57-1.00
# against their own passages and at most 0.19 against other cases' passages; 0.40 sits mid-margin.
SUPPORT_THRESHOLD = 0.40
LEXICAL_WEIGHT = 0.6
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_PREFIX = re.compile(r"^(Nearest passage in the documents:\s*)")


@dataclass
class Support:
    score: float
    lexical: float
    semantic: float
    missing_numbers: list[str]

    @property
    def ok(self) -> bool:
        return self.score >= SUPPORT_THRESHOLD and not self.missing_numbers


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def lexical_support(sentence: str, evidence: str) -> float:
    st = set(tokens(sentence))
    if not st:
        return 1.0
    et = set(tokens(evidence))
    return len(st & et) / len(st)


def support(sentence: str, evidence: str, embedder: Embedder,
            vectors: tuple[np.ndarray, np.ndarray] | None = None) -> Support:
    sentence = _PREFIX.sub("", sentence)
    lex = lexical_support(sentence, evidence)
    if fold(re.sub(r"\s+", " ", sentence)).strip(" .") in fold(re.sub(r"\s+", " ", evidence)):
        return Support(1.0, 1.0, 1.0, [])
    if vectors is None:
        a, b = embedder.embed([sentence, evidence])
    else:
        a, b = vectors
    sem = max(0.0, float(np.dot(a, b)))
    missing = sorted(numbers(sentence) - numbers(evidence))
    return Support(LEXICAL_WEIGHT * lex + (1 - LEXICAL_WEIGHT) * sem, lex, sem, missing)


def best_quote(sentence: str, spans: Sequence[tuple[int, int]], text: str) -> tuple[int, int]:
    """The sentence (or pair of adjacent sentences) of a passage that best backs an answer sentence."""
    best, best_score = (spans[0][0], spans[-1][1]) if spans else (0, 0), -1.0
    candidates = list(spans) + [(spans[i][0], spans[i + 1][1]) for i in range(len(spans) - 1)]
    for s, e in candidates:
        lex = lexical_support(sentence, text[s:e])
        score = lex - 0.002 * len(text[s:e].split())  # prefer the shorter of equally good quotes
        if score > best_score:
            best, best_score = (s, e), score
    return best
