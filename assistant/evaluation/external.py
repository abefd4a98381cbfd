"""External public QA sets (../shared/benchmarks): SQuAD 2.0 subset and HotpotQA two-document subset.

Each is ingested into its own index folder (never the corpus index) and scored on retrieval recall,
answer containment and refusal. Tune on the dev split only; the held-out split is for measurement.
"""

from __future__ import annotations

import json
import time
from typing import Any

import yaml

from assistant.errors import BriefingError
from assistant.evaluation.metrics import fact_present, mean, norm, percentile, refusal_scores
from assistant.evaluation.ports import EvalTarget
from assistant.evaluation.runner import CaseResult, Report
from assistant.settings import PROJECT_ROOT

BENCH = PROJECT_ROOT.parent / "shared" / "benchmarks"


def _squad(split: str) -> tuple[dict[str, tuple[str, str]], list[dict[str, Any]]]:
    data = json.loads((BENCH / "squad_v2_dev_small_haystack.json").read_text(encoding="utf-8"))
    docs: dict[str, tuple[str, str]] = {}
    questions = []
    want = {"dev": "Normans", "heldout": "Computational_complexity_theory"}
    for art in data["data"]:
        for i, para in enumerate(art["paragraphs"]):
            doc_id = f"{art['title']}#{i}"
            docs[doc_id] = (f"{art['title'].replace('_', ' ')} ({i})", para["context"])
            if split != "all" and art["title"] != want[split]:
                continue
            for qa in para["qas"]:
                questions.append({"id": qa["id"], "question": qa["question"], "answerable": not qa["is_impossible"],
                                  "answers": [a["text"] for a in qa["answers"]], "gold": [doc_id]})
    return docs, questions


def _hotpot(split: str) -> tuple[dict[str, tuple[str, str]], list[dict[str, Any]]]:
    lines = (BENCH / "hotpotqa_dev_subsampled_ircot.jsonl").read_text(encoding="utf-8").splitlines()
    rng = {"dev": (0, 100), "heldout": (100, 200), "all": (0, 200)}[split]
    docs: dict[str, tuple[str, str]] = {}
    questions = []
    for line in lines[rng[0] : rng[1]]:
        q = json.loads(line)
        gold = []
        for c in q["contexts"]:
            docs[c["title"]] = (c["title"], c["paragraph_text"])
            if c["is_supporting"]:
                gold.append(c["title"])
        questions.append({"id": q["question_id"], "question": q["question_text"], "answerable": True,
                          "answers": list(q["answers_objects"][0]["spans"]), "gold": gold})
    return docs, questions


def _index(a: EvalTarget, dataset: str, split: str, docs: dict[str, tuple[str, str]]) -> EvalTarget:
    root = a.settings.index_dir / "external" / f"{dataset}-{split}"
    folder = root / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for i, (doc_id, (title, text)) in enumerate(docs.items()):
        name = f"d{i:05d}.txt"
        (folder / name).write_text(text + "\n", encoding="utf-8")
        manifest[name] = {"doc_id": doc_id, "title": title, "doc_type": "other", "provenance": f"{dataset} (CC BY-SA 4.0)"}
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    settings = a.settings.model_copy(update={"index_dir": root / "index", "corpus_dir": folder})
    ext = a.spawn(settings)
    ext.ingest([folder])
    return ext


def run_external(a: EvalTarget, dataset: str, split: str, backend: str | None, limit: int | None) -> Report:
    if not BENCH.exists():
        raise BriefingError(f"benchmarks not found at {BENCH}")
    split = "dev" if split == "all" else split
    docs, questions = (_squad if dataset == "squad2" else _hotpot)(split)
    if limit:
        questions = questions[:limit]
    ext = _index(a, dataset, split, docs)
    results: list[CaseResult] = []
    hits4, hits8, contain, lat = [], [], [], []
    pairs = []
    for q in questions:
        t = time.perf_counter()
        hits = ext.search(q["question"], k=24)
        ranked = list(dict.fromkeys(h.doc_id for h in hits))
        ans = ext.ask(q["question"], backend=backend)
        lat.append((time.perf_counter() - t) * 1000)
        r = CaseResult(id=q["id"], type=dataset, question=q["question"], answerable=q["answerable"],
                       refused=ans.refused, answer=ans.answer)
        if q["answerable"]:
            need = set(q["gold"])
            hits4.append(float(need <= set(ranked[:4])))
            hits8.append(float(need <= set(ranked[:8])))
            yes_no = {norm(x) for x in q["answers"]} <= {"yes", "no"}
            r.fact_coverage = None if yes_no else float(fact_present(ans.answer, q["answers"]))
            r.hit = hits4[-1]
            contain.append(r.fact_coverage)
        pairs.append((not q["answerable"], ans.refused))
        results.append(r)
    ref_p, ref_r = refusal_scores(pairs)
    metrics: dict[str, float | None] = {
        "gold_docs_in_top4": mean(hits4), "gold_docs_in_top8": mean(hits8),
        "answer_containment": mean(contain), "answered_rate": mean([0.0 if r.refused else 1.0 for r in results if r.answerable]),
        "refusal_precision": ref_p, "refusal_recall": ref_r,
        "latency_p50_ms": percentile(lat, 50), "latency_p95_ms": percentile(lat, 95),
    }
    return Report(dataset=dataset, split=split, backend=backend or a.settings.backend, model=a.embedder.model_id,
                  n_cases=len(results), metrics=metrics, cases=results)
