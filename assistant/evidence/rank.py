"""Order the gathered passages (both hops) by a fitted score of how likely each one is needed for the answer.

Retrieval fuses its lists by rank; what a multi-document answer needs is judged better once both hops are in:
a second-hop passage whose title is the bridge name found in the first hop, or a passage that names several of
the question's parts, belongs near the top whatever its rank in its own list.

Two stages. Stage 1 scores each passage alone: the hit's reasons (`why`) plus how much of the question the
passage (title included) covers. Stage 2 scores each passage beside the stage-1 best other passage, the way a
two-document answer is read: is the one linked to the other (its title named there, or the other's title named
in it), and what parts of the question does it cover that the best one does not (`gain`)? Both stages' weights
are fitted by eval/fit_passages.py on the dev splits only and read through assistant.calibration.
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
PAIR_FEATURES = ["stage1", "named_in_best", "title_words_in_best", "names_best", "gain", "is_best"]


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
    return _features(items, hits, qvec, vectors)[0]


def _features(items: QuestionItems, hits: list[Hit], qvec: np.ndarray | None,
              vectors: Callable[[list[str]], dict[str, np.ndarray]] | None
              ) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Stage-1 features of each hit, and what each hit covers of the question (item key -> match strength)."""
    vecs = vectors([h.chunk_id for h in hits]) if vectors is not None and qvec is not None else {}
    weights = {i.key: i.weight for i in items.items}
    total = sum(weights.values()) or 1.0
    ent_total = sum(i.weight for i in items.entities)
    core = items.core
    rank_in_list: dict[int, int] = {}
    top = [fold(h.text) for h in hits[:3]]
    out, covers = [], []
    for h in hits:
        r = rank_in_list.get(h.why.hop, 0)
        rank_in_list[h.why.hop] = r + 1
        got = match_all(TextView(h.title + ". " + h.text), items.items)
        covers.append({k: m.strength for k, m in got.items()})
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
    return out, covers


def _title_head(title: str) -> str:
    """A title as a running text names it: title_key, cut at a comma ("Boston, Lincolnshire" -> "boston")."""
    return title_key(title).split(",")[0].strip()


def pair_features(items: QuestionItems, hits: list[Hit], stage1: list[float],
                  covers: list[dict[str, float]]) -> list[dict[str, float]]:
    """Stage-2 features: each hit read beside the stage-1 best other hit (the best one beside the runner-up)."""
    order = sorted(range(len(hits)), key=lambda i: -stage1[i])
    weights = {i.key: i.weight for i in items.items}
    total = sum(weights.values()) or 1.0
    folded = [fold(h.text) for h in hits]
    out = []
    for i, h in enumerate(hits):
        b = order[0] if order[0] != i or len(order) < 2 else order[1]
        title_words = set(tokens(h.title))
        gain = sum(w * max(0.0, covers[i].get(k, 0.0) - covers[b].get(k, 0.0)) for k, w in weights.items())
        p = min(max(stage1[i], 1e-6), 1 - 1e-6)
        out.append({
            "stage1": float(np.log(p / (1 - p))),
            "named_in_best": _named_in(_title_head(h.title), [folded[b]]) if b != i else 0.0,
            "title_words_in_best": (len(title_words & set(tokens(hits[b].text))) / len(title_words)
                                    if title_words and b != i else 0.0),
            "names_best": _named_in(_title_head(hits[b].title), [folded[i]]) if b != i else 0.0,
            "gain": gain / total,
            "is_best": 1.0 if order[0] == i else 0.0,
        })
    return out


def scores(items: QuestionItems, hits: list[Hit], params: dict[str, object], qvec: np.ndarray | None = None,
           vectors: Callable[[list[str]], dict[str, np.ndarray]] | None = None) -> tuple[list[float], list[float]]:
    """Each hit's stage-1 probability and its final (stage-2) probability."""
    w: dict[str, float] = params["weights"]  # type: ignore[assignment]
    b = float(params["bias"])  # type: ignore[arg-type]
    f1, covers = _features(items, hits, qvec, vectors)
    s1 = [logistic(w, b, f) for f in f1]
    pair: dict[str, object] | None = params.get("pair")  # type: ignore[assignment]
    if not pair or len(hits) < 2:
        return s1, s1
    w2: dict[str, float] = pair["weights"]  # type: ignore[assignment]
    b2 = float(pair["bias"])  # type: ignore[arg-type]
    return s1, [logistic(w2, b2, f) for f in pair_features(items, hits, s1, covers)]


def rank(items: QuestionItems, hits: list[Hit], params: dict[str, object], qvec: np.ndarray | None = None,
         vectors: Callable[[list[str]], dict[str, np.ndarray]] | None = None) -> list[Hit]:
    """Hits best first by the fitted two-stage model; each hit's score becomes its final logistic score (0..1)."""
    if len(hits) < 2:
        return hits
    scored = list(zip(scores(items, hits, params, qvec, vectors)[1], hits, strict=True))
    scored.sort(key=lambda t: -t[0])
    out = []
    for p, h in scored:
        h.score = round(p, 6)
        out.append(h)
    return out
