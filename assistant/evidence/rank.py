"""Order the gathered passages (both hops) by a fitted score of how likely each one is needed for the answer.

Retrieval fuses its lists by rank; what a multi-document answer needs is judged better once both hops are in:
a second-hop passage whose title is the bridge name found in the first hop, or a passage that names several of
the question's parts, belongs near the top whatever its rank in its own list. The features are the hit's
reasons (`why`) plus how much of the question the passage (title included) covers; the weights are fitted by
eval/fit_passages.py on the dev splits only and read through assistant.calibration.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from assistant.calibration import logistic
from assistant.evidence.items import QuestionItems
from assistant.evidence.match import TextView, match_all
from assistant.retrieval.query import title_key
from assistant.textutil import fold, tokens
from assistant.types import Hit

FEATURES = ["dense", "q_dense", "bm25", "title", "hop2", "list_rank", "via_title", "coverage", "entity_coverage",
            "core", "title_in_top"]


def _via_title(via: str | None, title: str) -> float:
    """How much of the hop-2 bridge name (or comparison side) the passage's title is."""
    if not via or not title:
        return 0.0
    a, b = set(tokens(via)), set(tokens(title))
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _named_in(key: str, texts: list[str]) -> float:
    """Does one of the best passages name this passage's title (as a whole word sequence)?"""
    if len(key) < 3:
        return 0.0
    pat = re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)")
    return 1.0 if any(pat.search(t) for t in texts) else 0.0


def features(items: QuestionItems, hits: list[Hit], qvec: np.ndarray | None,
             vectors: Callable[[list[str]], dict[str, np.ndarray]] | None) -> list[dict[str, float]]:
    vecs = vectors([h.chunk_id for h in hits]) if vectors is not None and qvec is not None else {}
    weights = {i.key: i.weight for i in items.items}
    total = sum(weights.values()) or 1.0
    ent_total = sum(i.weight for i in items.entities)
    core = items.core
    rank_in_list: dict[int, int] = {}
    top = [fold(h.text) for h in hits[:3]]
    out = []
    for h in hits:
        r = rank_in_list.get(h.why.hop, 0)
        rank_in_list[h.why.hop] = r + 1
        got = match_all(TextView(h.title + ". " + h.text), items.items)
        cov = sum(weights[k] * m.strength for k, m in got.items()) / total
        ent = (sum(i.weight * got[i.key].strength for i in items.entities if i.key in got) / ent_total
               if ent_total else 0.0)
        v = vecs.get(h.chunk_id)
        out.append({
            "dense": h.why.dense,
            "q_dense": float(v @ qvec) if v is not None and qvec is not None else h.why.dense,
            "bm25": h.why.bm25,
            "title": h.why.title,
            "hop2": 1.0 if h.why.hop > 1 else 0.0,
            "list_rank": 1.0 / (1.0 + r),
            "via_title": _via_title(h.why.via, h.title) if h.why.hop > 1 else 0.0,
            "coverage": cov,
            "entity_coverage": ent,
            "core": 1.0 if core is not None and core.key in got else 0.0,
            "title_in_top": _named_in(title_key(h.title), [t for t, o in zip(top, hits[:3], strict=False)
                                                         if o.doc_id != h.doc_id]),
        })
    return out


def rank(items: QuestionItems, hits: list[Hit], params: dict[str, object], qvec: np.ndarray | None = None,
         vectors: Callable[[list[str]], dict[str, np.ndarray]] | None = None) -> list[Hit]:
    """Hits best first by the fitted pairwise model; each hit's score becomes its logistic score (0..1)."""
    if len(hits) < 2:
        return hits
    w: dict[str, float] = params["weights"]  # type: ignore[assignment]
    b = float(params["bias"])  # type: ignore[arg-type]
    scored = [(logistic(w, b, f), h) for f, h in zip(features(items, hits, qvec, vectors), hits, strict=True)]
    scored.sort(key=lambda t: -t[0])
    out = []
    for p, h in scored:
        h.score = round(p, 6)
        out.append(h)
    return out
