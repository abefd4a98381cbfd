"""Fit the "how many N" check's threshold (assistant/evidence/quantity.py) and print dev and held-out side by side.

A "how many / how much N" question (or part of a compound question) the answer model would answer is refused when
no figure of its evidence set counts N closely enough (cosine of N and the counted noun below `min_similarity`).
The threshold is chosen on the DEV splits only (SQuAD 2.0, HotpotQA, the gold set, Wikinews and the blind mixed
sets), by the answer model's own objective: the sum over dev sets of (unanswerable refused - 1.5 x answerable
refused), the lowest threshold at a tie. Held-out splits are measured with it, never fit on.

    .venv/bin/python eval/fit_quantity.py            # fit, write assistant/fitted/quantity.json, print the table
    .venv/bin/python eval/fit_quantity.py --report   # the committed threshold, measured
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from answer_data import Q, assistant_for, contains, load_questions

import assistant.evidence.find as find_mod
from assistant.calibration import fitted, write

MIXED_SETS = ["mixed"] + [f"mixed{i}" for i in range(2, 11)]
DATASETS = ["squad2", "hotpotqa", "gold", "wikinews", *MIXED_SETS]
REFUSAL_COST = 1.5  # as eval/fit_answer.py: a needless refusal counts 1.5 wrong answers
GRID = [round(0.05 * i, 2) for i in range(0, 20)]


@dataclass
class Row:
    q: Q
    parts: list[tuple[bool, float | None]]  # each part: answered by the answer model, its quantity score
    held: bool  # the evidence of the answered parts holds every fact (a right answer the check could lose)


def collect(ds: str, split: str) -> list[Row]:
    docs, qs = load_questions(ds, split)
    a = assistant_for(ds, split, docs)
    lib = a.library()
    out = []
    for q in qs:
        f = find_mod.find(lib, a.index, q.question, None, a.is_untrusted, said=a.said_check)
        subs = f.parts or [f]
        parts = [(p.answerable, find_mod.quantity_score(lib, p.items, p.best, p.candidates) if p.answerable and p.best else None)
                 for p in subs]
        texts = " ".join(m.candidate.text for p in subs if p.answerable and p.best for m in p.best.members)
        held = bool(q.answers) and all(contains(texts, fact) for fact in q.answers)
        out.append(Row(q, parts, held))
    return out


def refused(r: Row, thr: float | None) -> bool:
    """Is the question refused as a whole (no part answered) with this threshold (None: no check)?"""
    return not any(ok and (thr is None or s is None or s >= thr) for ok, s in r.parts)


def measure(rows: list[Row], thr: float | None) -> dict[str, Any]:
    ans = [r for r in rows if r.q.answerable]
    un = [r for r in rows if not r.q.answerable]
    checked = [r for r in rows if any(s is not None for _ok, s in r.parts)]
    return {
        "answerable_refused": round(sum(refused(r, thr) for r in ans) / len(ans), 3) if ans else None,
        "unanswerable_refused": round(sum(refused(r, thr) for r in un) / len(un), 3) if un else None,
        "right_answers_lost": sum(r.held and refused(r, thr) and not refused(r, None) for r in ans),
        "checked": len(checked), "n": len(rows),
    }


def objective(data: dict[str, list[Row]], thr: float | None) -> float:
    total = 0.0
    for rows in data.values():
        m = measure(rows, thr)
        total += (m["unanswerable_refused"] or 0.0) - REFUSAL_COST * (m["answerable_refused"] or 0.0)
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", action="store_true", help="measure the committed threshold, fit nothing")
    args = ap.parse_args()
    find_mod.quantity_params = lambda: None  # the answer model's decisions before the check
    data: dict[str, dict[str, list[Row]]] = {"dev": {}, "heldout": {}}
    for ds in DATASETS:
        for split in ("dev", "heldout"):
            t = time.perf_counter()
            data[split][ds] = collect(ds, split)
            print(f"collected {ds}/{split}: {len(data[split][ds])} questions in {time.perf_counter() - t:.0f} s",
                  flush=True)
    if args.report:
        thr = float(fitted("quantity")["min_similarity"])
    else:
        scores = [(objective(data["dev"], t), t) for t in GRID]
        best = max(s for s, _t in scores)
        thr = min(t for s, t in scores if s >= best - 1e-9)
        print("dev objective by threshold: " + ", ".join(f"{t}: {s:.3f}" for s, t in scores))
    cols = ["answerable_refused", "unanswerable_refused", "right_answers_lost", "checked", "n"]
    table: dict[str, Any] = {}
    print(f"\nthreshold {thr}: before -> after the check\n\n| set | " + " | ".join(cols) + " |\n|---|" +
          "---|" * len(cols))
    for split in ("dev", "heldout"):
        for ds, rows in data[split].items():
            before, after = measure(rows, None), measure(rows, thr)
            table[f"{ds}/{split}"] = {"before": before, "after": after}
            print(f"| {ds}/{split} | " + " | ".join(
                f"{before[c]} -> {after[c]}" if c in ("answerable_refused", "unanswerable_refused") else str(after[c])
                for c in cols) + " |")
    if not args.report:
        path = write("quantity", {"min_similarity": thr},
                     data={"fit_on": [f"{ds}/dev" for ds in DATASETS],
                           "questions": {f"{ds}/dev": len(rows) for ds, rows in data["dev"].items()},
                           "objective": f"sum over dev sets of unanswerable refused - {REFUSAL_COST} x answerable "
                                        "refused; the lowest threshold at a tie",
                           "grid": GRID},
                     metrics=table, fitted_by="eval/fit_quantity.py")
        print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
