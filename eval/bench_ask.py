"""Ask latency (extractive backend, model and index loaded): p50/p95 per library, first time a question is
asked (its sentences not yet embedded) and asked again. Prints a table.

    .venv/bin/python eval/bench_ask.py [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from answer_data import assistant_for, load_questions


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=60)
    args = ap.parse_args()
    rows = []
    for ds, split, label in [("gold", "heldout", "bundled corpus (5 documents)"),
                             ("hotpotqa", "heldout", "HotpotQA pool (~1,000 documents)")]:
        docs, qs = load_questions(ds, split)
        qs = qs[: args.limit]
        a = assistant_for(ds, split, docs)
        a.ask("warm up the model")
        first, again = [], []
        for q in qs:
            t = time.perf_counter()
            a.ask(q.question)
            first.append((time.perf_counter() - t) * 1000)
        for q in qs:
            t = time.perf_counter()
            a.ask(q.question)
            again.append((time.perf_counter() - t) * 1000)
        rows.append((label, len(qs), np.percentile(first, 50), np.percentile(first, 95),
                     np.percentile(again, 50), np.percentile(again, 95)))
    print("\n| library | questions | first ask p50 ms | first ask p95 ms | repeat p50 ms | repeat p95 ms |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]:.0f} | {r[3]:.0f} | {r[4]:.0f} | {r[5]:.0f} |")


if __name__ == "__main__":
    main()
