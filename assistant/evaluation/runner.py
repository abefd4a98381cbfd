"""Run an eval dataset through the Assistant and aggregate metrics into a report."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field

from assistant.errors import BriefingError
from assistant.evaluation.dataset import EvalCase
from assistant.evaluation.metrics import (
    citation_scores,
    fact_coverage,
    fact_present,
    mean,
    percentile,
    refusal_scores,
    retrieval_scores,
)
from assistant.evaluation.ports import EvalTarget

RETRIEVAL_K = 5


class CaseResult(BaseModel):
    id: str
    type: str
    question: str
    answerable: bool
    refused: bool | None = None
    answer: str = ""
    fact_coverage: float | None = None
    hit: float | None = None
    recall: float | None = None
    rr: float | None = None
    citation_recall: float | None = None
    citation_precision: float | None = None
    actor_coverage: float | None = None
    term_coverage: float | None = None
    invented_positions: int | None = None
    latency_ms: float | None = None
    error: str | None = None


class Report(BaseModel):
    dataset: str
    split: str
    backend: str
    model: str
    prompt_hash: str | None = None
    n_cases: int
    metrics: dict[str, float | None]
    cases: list[CaseResult] = Field(default_factory=list)
    created: str = ""


def run_case(a: EvalTarget, case: EvalCase, backend: str | None) -> CaseResult:
    r = CaseResult(id=case.id, type=case.type, question=case.question, answerable=case.answerable)
    t = time.perf_counter()
    try:
        if case.type == "contrast":
            _contrast_case(a, case, backend, r)
        else:
            if case.docs:
                hits = a.search(case.question, k=RETRIEVAL_K)
                s = retrieval_scores([h.doc_id for h in hits], case.docs, RETRIEVAL_K)
                r.hit, r.recall, r.rr = s["hit"], s["recall"], s["rr"]
            ans = a.ask(case.question, backend=backend)
            r.refused = ans.refused
            r.answer = ans.answer
            if case.answerable:
                r.fact_coverage = 0.0 if ans.refused else fact_coverage(ans.answer, case.facts)
                r.citation_recall, r.citation_precision = citation_scores(ans, a.embedder)
    except BriefingError as exc:
        r.error = str(exc)
    r.latency_ms = round((time.perf_counter() - t) * 1000, 1)
    return r


def _contrast_case(a: EvalTarget, case: EvalCase, backend: str | None, r: CaseResult) -> None:
    c = a.contrast(case.question, list(case.actors), backend=backend)
    by_actor = {p.actor: p for p in c.positions}
    expected_found = [name for name, terms in case.actors.items() if terms]
    found_ok, term_hits, invented = 0, [], 0
    for p, (_name, terms) in zip(c.positions, case.actors.items(), strict=False):
        if terms:
            if p.status == "found":
                found_ok += 1
                text = p.summary + " " + " ".join(s.text for s in p.statements)
                term_hits.append(float(fact_present(text, terms)))
            else:
                term_hits.append(0.0)
        elif p.status == "found":
            invented += 1
    r.actor_coverage = found_ok / len(expected_found) if expected_found else None
    r.term_coverage = mean(term_hits)
    r.invented_positions = invented
    r.answer = "; ".join(f"{p.actor}: {p.status}" for p in by_actor.values())


def aggregate(results: list[CaseResult]) -> dict[str, float | None]:
    answerable = [r for r in results if r.answerable and r.type != "contrast"]
    pairs = [(not r.answerable, bool(r.refused)) for r in results if r.type != "contrast" and r.refused is not None]
    ref_p, ref_r = refusal_scores(pairs)
    contrast = [r for r in results if r.type == "contrast"]
    lat = [r.latency_ms for r in results if r.latency_ms is not None and r.type != "contrast"]
    return {
        "retrieval_hit@5": mean([r.hit for r in answerable]),
        "retrieval_recall@5": mean([r.recall for r in answerable]),
        "retrieval_mrr": mean([r.rr for r in answerable]),
        "fact_coverage": mean([r.fact_coverage for r in answerable]),
        "answered_rate": mean([0.0 if r.refused else 1.0 for r in answerable if r.refused is not None]),
        "citation_recall": mean([r.citation_recall for r in answerable]),
        "citation_precision": mean([r.citation_precision for r in answerable]),
        "refusal_precision": None if ref_p is None else round(ref_p, 4),
        "refusal_recall": None if ref_r is None else round(ref_r, 4),
        "contrast_actor_coverage": mean([r.actor_coverage for r in contrast]),
        "contrast_term_coverage": mean([r.term_coverage for r in contrast]),
        "contrast_invented_positions": (float(sum(r.invented_positions or 0 for r in contrast))
                                        if any(r.invented_positions is not None for r in contrast) else None),
        "errors": float(sum(1 for r in results if r.error)),
        "latency_p50_ms": percentile(lat, 50),
        "latency_p95_ms": percentile(lat, 95),
    }


def run(a: EvalTarget, cases: list[EvalCase], dataset: str, split: str, backend: str | None,
        progress: Callable[[int, int], None] | None = None) -> Report:
    results = []
    for i, case in enumerate(cases):
        results.append(run_case(a, case, backend))
        if progress:
            progress(i + 1, len(cases))
    from datetime import UTC, datetime

    name = backend or a.settings.backend
    metrics: dict[str, Any] = aggregate(results)
    return Report(dataset=dataset, split=split, backend=name,
                  model=a.settings.llm.model if name == "openai" else a.embedder.model_id,
                  n_cases=len(results), metrics=metrics, cases=results,
                  created=datetime.now(UTC).isoformat(timespec="seconds"))
