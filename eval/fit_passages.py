"""Fit the passage ranker (assistant/evidence/rank.py) that orders both hops' passages, on DEV data only, and
report supporting-passage recall dev and held-out side by side, retrieval's own order beside.

    .venv/bin/python eval/fit_passages.py            # fit, write assistant/fitted/passages.json, print the table
    .venv/bin/python eval/fit_passages.py --report   # measure with the committed parameters only

A passage is labelled needed when its document is one of the question's gold documents (HotpotQA: the two
supporting paragraphs; SQuAD: the question's paragraph; our gold set: the cited documents). Each question weighs
the same; each dataset weighs the same.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from answer_data import assistant_for, load_questions

from assistant.calibration import fitted, write
from assistant.evidence.gather import gather
from assistant.evidence.items import analyse
from assistant.evidence.rank import FEATURES, PAIR_FEATURES, _features, pair_features, rank

SETS = [("hotpotqa", "dev"), ("squad2", "dev"), ("gold", "dev"),
        ("hotpotqa", "heldout"), ("squad2", "heldout"), ("gold", "heldout")]


def collect(ds: str, split: str) -> list[dict[str, Any]]:
    docs, qs = load_questions(ds, split)
    a = assistant_for(ds, split, docs)
    lib = a.library()
    out = []
    for q in qs:
        if not q.answerable or not q.gold_docs:
            continue
        items = analyse(q.question, lib)
        qvec = lib.embed([a.index.expand(q.question)])[0]
        t = time.perf_counter()
        hits = gather(a.index, lib.embed, items, k=10, hops=2, qvec=qvec, ranked=False)
        ms = (time.perf_counter() - t) * 1000
        vecs = a.index.passage_vectors([h.chunk_id for h in hits])
        feats, covers = _features(items, hits, qvec, lambda _ids, v=vecs: v)
        out.append({"q": q, "items": items, "hits": hits, "qvec": qvec, "feats": feats, "covers": covers, "ms": ms,
                    "labels": [int(h.doc_id in set(q.gold_docs)) for h in hits], "vecs": vecs})
    return out


def recall(recs: list[dict[str, Any]], params: dict[str, Any] | None) -> dict[str, float]:
    r4, b8 = [], []
    for r in recs:
        hits = list(r["hits"])
        if params is not None:
            hits = rank(r["items"], [h.model_copy(deep=True) for h in hits], params, r["qvec"],
                        lambda _ids, v=r["vecs"]: v)
        order = list(dict.fromkeys(h.doc_id for h in hits))
        gold = set(r["q"].gold_docs)
        r4.append(len(gold & set(order[:4])) / len(gold))
        b8.append(float(gold <= set(order[:8])))
    return {"recall@4": round(statistics.fmean(r4), 3), "all@8": round(statistics.fmean(b8), 3)}


def pair_feats(r: dict[str, Any], params: dict[str, Any]) -> list[dict[str, float]]:
    from assistant.calibration import logistic

    s1 = [logistic(params["weights"], params["bias"], f) for f in r["feats"]]
    return pair_features(r["items"], r["hits"], s1, r["covers"])


def fit_pairwise(data: dict[tuple[str, str], list[dict[str, Any]]], key: str, names: list[str]) -> dict[str, Any]:
    """Within a question, a needed passage should score above one that is not (each question and each dataset
    weighing the same); the logistic model on feature differences is the ranker. Dev splits only."""
    from sklearn.linear_model import LogisticRegression

    xs, ys, ws = [], [], []
    n_pos = 0
    for (_ds, split), recs in data.items():
        if split != "dev":
            continue
        for r in recs:
            pos = [f for f, y in zip(r[key], r["labels"], strict=True) if y]
            neg = [f for f, y in zip(r[key], r["labels"], strict=True) if not y]
            n_pos += len(pos)
            if not pos or not neg:
                continue
            w = 1.0 / (len(pos) * len(neg) * len(recs))
            for fp in pos:
                for fn in neg:
                    d = [fp[k] - fn[k] for k in names]
                    xs += [d, [-x for x in d]]
                    ys += [1, 0]
                    ws += [w, w]
    wts = np.array(ws) * len(ws) / sum(ws)
    m = LogisticRegression(C=1.0, max_iter=3000, fit_intercept=False).fit(np.array(xs), np.array(ys),
                                                                          sample_weight=wts)
    return {"weights": {k: round(float(c), 5) for k, c in zip(names, m.coef_[0], strict=True)}, "bias": 0.0,
            "_pairs": len(xs) // 2, "_positives": n_pos}


def main() -> None:

    ap = argparse.ArgumentParser()
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--cache", action="store_true",
                    help="reuse index/fit/passages-*.pkl (only while retrieval and gather are unchanged)")
    args = ap.parse_args()
    data = {}
    for ds, split in SETS:
        t = time.perf_counter()
        cache = Path(__file__).resolve().parent.parent / "index" / "fit" / f"passages-{ds}-{split}.pkl"
        if args.cache and cache.exists():
            data[(ds, split)] = pickle.loads(cache.read_bytes())
        else:
            data[(ds, split)] = collect(ds, split)
            cache.write_bytes(pickle.dumps(data[(ds, split)]))
        print(f"collected {ds}/{split}: {len(data[(ds, split)])} questions in {time.perf_counter() - t:.0f} s",
              flush=True)
    if args.report:
        params = fitted("passages")
    else:
        params = fit_pairwise(data, "feats", FEATURES)
        params["pair"] = fit_pairwise({k: [dict(r, pair=pair_feats(r, params)) for r in recs]
                                       for k, recs in data.items()}, "pair", PAIR_FEATURES)
        params["pair"].pop("_pairs"), params["pair"].pop("_positives")
    table = {}
    for (ds, split), recs in data.items():
        before, after = recall(recs, None), recall(recs, params)
        table[f"{ds}/{split}"] = {"n": len(recs), "retrieval_order": before, "ranked": after,
                                  "gather_ms_p95": round(float(np.percentile([r["ms"] for r in recs], 95)), 1)}
    print("\n| set | n | recall@4 retrieval order | recall@4 ranked | all gold in top 8, retrieval order | "
          "all@8 ranked | gather p95 ms |\n|---|---|---|---|---|---|---|")
    for name, t in table.items():
        print(f"| {name} | {t['n']} | {t['retrieval_order']['recall@4']} | {t['ranked']['recall@4']} | "
              f"{t['retrieval_order']['all@8']} | {t['ranked']['all@8']} | {t['gather_ms_p95']} |")
    if not args.report:
        path = write("passages", params,
                     data={"fit_on": [f"{ds}/dev" for ds in ("hotpotqa", "squad2", "gold")],
                           "questions": {f"{ds}/{s}": len(r) for (ds, s), r in data.items() if s == "dev"},
                           "pairs": params.pop("_pairs"), "needed_passages": params.pop("_positives"),
                           "label": "passage's document is a gold document of the question",
                           "model": "two stages, each a pairwise logistic regression on feature differences (needed vs not, "
                                    "within a question), C=1, each question and each dataset weighing the same; stage 2 "
                                    "reads each passage beside the stage-1 best other one (PAIR_FEATURES)"},
                     metrics=table, fitted_by="eval/fit_passages.py")
        print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
