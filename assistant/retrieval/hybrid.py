"""Hybrid retrieval: BM25 + dense, reciprocal rank fusion, near-duplicate grouping, optional MMR."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.textutil import words


def rrf(rankings: Sequence[Sequence[str]], weights: Sequence[float], k: int = 60) -> dict[str, float]:
    """Reciprocal rank fusion: sum of w / (k + rank) over the rankings a document appears in."""
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, cid in enumerate(ranking, start=1):
            scores[cid] = scores.get(cid, 0.0) + w / (k + rank)
    return scores


def shingles(text: str, n: int = 6) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(max(1, len(w) - n + 1))}


def near_duplicate(a: str, b: str, threshold: float = 0.6) -> bool:
    """True when most of the shorter passage's 6-word shingles appear in the other."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return False
    small, big = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return len(small & big) / len(small) >= threshold


def mmr(query_vec: np.ndarray, cand_vecs: np.ndarray, relevance: Sequence[float], k: int, lam: float) -> list[int]:
    """Maximal marginal relevance over candidates; relevance is the fused score, rescaled to 0..1."""
    if len(relevance) == 0:
        return []
    rel = np.asarray(relevance, dtype=np.float32)
    rel = (rel - rel.min()) / (rel.max() - rel.min() + 1e-9)
    chosen: list[int] = []
    rest = list(range(len(rel)))
    sims = cand_vecs @ cand_vecs.T
    while rest and len(chosen) < k:
        if not chosen:
            best = max(rest, key=lambda i: rel[i])
        else:
            best = max(rest, key=lambda i: lam * rel[i] - (1 - lam) * max(sims[i, j] for j in chosen))
        chosen.append(best)
        rest.remove(best)
    return chosen
