"""Retrieval for multi-document questions: supporting-passage recall, plain dense vs the project's search,
dev and held-out side by side (prints a table).

    .venv/bin/python eval/bench_multihop.py [--limit N]

HotpotQA: each split's paragraphs pooled (~1,000); recall@4 = share of the two supporting paragraphs in the top 4;
both@8 = both in the top 8. SQuAD 2.0: all 87 paragraphs pooled; gold@4 = the question's paragraph in the top 4.
Plain dense = what a vanilla LangChain + Chroma setup does (the same bundled embedder over "title. text").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from answer_data import assistant_for, load_questions


def plain_dense(a, question: str, k: int) -> list[str]:  # type: ignore[no-untyped-def]
    qv = a.index.embedder.embed([question])[0]
    out = []
    for cid, _s, _v in a.index.store.query(qv, k * 3):
        ch = a.index.snapshot.chunks.get(cid)
        if ch is not None and ch.doc_id not in out:
            out.append(ch.doc_id)
    return out[:k]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    rows = []
    for ds, split in [("hotpotqa", "dev"), ("hotpotqa", "heldout"), ("squad2", "dev"), ("squad2", "heldout")]:
        docs, qs = load_questions(ds, split)
        qs = [q for q in qs if q.answerable][: args.limit or None]
        a = assistant_for(ds, split, docs)
        res: dict[str, list[float]] = {}
        lat: dict[str, list[float]] = {"hop1": [], "hop2": []}
        for q in qs:
            gold = set(q.gold_docs)
            ranked = {"dense": plain_dense(a, q.question, 8)}
            for name, hops in (("hop1", 1), ("hop2", 2)):
                t = time.perf_counter()
                hits = a.search(q.question, k=8, hops=hops)
                lat[name].append((time.perf_counter() - t) * 1000)
                ranked[name] = list(dict.fromkeys(h.doc_id for h in hits))
            for name, r in ranked.items():
                res.setdefault(f"{name} recall@4", []).append(len(gold & set(r[:4])) / len(gold))
                res.setdefault(f"{name} both@8", []).append(float(gold <= set(r[:8])))
        row = {"set": f"{ds}/{split}", "n": len(qs)}
        for key, vals in res.items():
            row[key] = round(statistics.fmean(vals), 3)
        for name, v in lat.items():
            row[f"{name} p95 ms"] = round(float(np.percentile(v, 95)), 1)
        rows.append(row)
        print(row, flush=True)
    cols = ["set", "n", "dense recall@4", "hop1 recall@4", "hop2 recall@4", "dense both@8", "hop1 both@8",
            "hop2 both@8", "hop1 p95 ms", "hop2 p95 ms"]
    print("\n| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r.get(c, "–")) for c in cols) + " |")


if __name__ == "__main__":
    main()
