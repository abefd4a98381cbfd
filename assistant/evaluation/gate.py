"""The CI gate: thresholds, the committed baseline, and the prompt-change gate for the LLM backend."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.evaluation.runner import CaseResult, Report

HIGHER_IS_BETTER_EXCEPT = {"errors", "contrast_invented_positions", "latency_p50_ms", "latency_p95_ms"}


@dataclass
class GateResult:
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    worse_cases: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def load_thresholds(path: Path) -> dict[str, dict[str, float]]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def check(report: Report, thresholds: dict[str, dict[str, float]], baseline: dict[str, Any] | None) -> GateResult:
    g = GateResult()
    base_metrics: dict[str, Any] = (baseline or {}).get("metrics", {})
    for name, rule in thresholds.items():
        value = report.metrics.get(name)
        if value is None:
            g.failures.append(f"{name}: missing (no case could compute it)")
            continue
        if "min" in rule and value < rule["min"]:
            g.failures.append(f"{name} = {value:.3f} is below the threshold {rule['min']}")
        if "max" in rule and value > rule["max"]:
            g.failures.append(f"{name} = {value:.3f} is above the threshold {rule['max']}")
        base = base_metrics.get(name)
        tol = rule.get("tolerance")
        if base is not None and tol is not None and name not in HIGHER_IS_BETTER_EXCEPT and value < base - tol:
            g.failures.append(f"{name} = {value:.3f} regressed from baseline {base:.3f} (tolerance {tol})")
    if baseline:
        g.worse_cases = worse_cases(report.cases, baseline.get("cases", {}))
    return g


def case_key(r: CaseResult) -> dict[str, Any]:
    return {"fact_coverage": r.fact_coverage, "refused": r.refused, "citation_recall": r.citation_recall,
            "actor_coverage": r.actor_coverage, "term_coverage": r.term_coverage,
            "invented_positions": r.invented_positions}


def worse_cases(results: list[CaseResult], base: dict[str, dict[str, Any]]) -> list[str]:
    out = []
    for r in results:
        b = base.get(r.id)
        if not b:
            continue
        why = []
        for k in ("fact_coverage", "citation_recall", "actor_coverage", "term_coverage"):
            now, was = getattr(r, k), b.get(k)
            if was is not None and (now is None or now < was - 1e-9):
                why.append(f"{k} {was} -> {now}")
        if r.answerable is False and b.get("refused") and not r.refused:
            why.append("no longer refused")
        if r.answerable and r.type != "contrast" and not b.get("refused") and r.refused:
            why.append("now refused")
        if (r.invented_positions or 0) > (b.get("invented_positions") or 0):
            why.append("invented a position")
        if why:
            out.append(f"{r.id}: {', '.join(why)}")
    return out


def baseline_payload(report: Report) -> dict[str, Any]:
    return {"dataset": report.dataset, "split": report.split, "backend": report.backend, "model": report.model,
            "metrics": report.metrics, "cases": {r.id: case_key(r) for r in report.cases}}


# ---- prompt-change gate -----------------------------------------------------------------------------
def prompt_files(prompts_dir: Path) -> dict[str, str]:
    import hashlib

    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sorted(prompts_dir.glob("*.md"))}


def llm_records(records_dir: Path) -> list[dict[str, Any]]:
    if not records_dir.exists():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(records_dir.glob("*.json"))]


def write_record(prompts_dir: Path, records_dir: Path, report: Report) -> dict[str, Any]:
    """Record an LLM-backend eval under the current prompt hash (commit the file)."""
    from assistant.prompts import prompts_hash

    current = prompts_hash(prompts_dir)
    rec = {"prompt_hash": current, "model": report.model, "prompts": prompt_files(prompts_dir),
           "created": report.created, "n_cases": report.n_cases, "metrics": report.metrics}
    records_dir.mkdir(parents=True, exist_ok=True)
    (records_dir / f"{current}.json").write_text(json.dumps(rec, indent=1), encoding="utf-8")
    return rec


def prompt_gate(prompts_dir: Path, records_dir: Path, thresholds: dict[str, dict[str, float]],
                run_live: Any | None) -> GateResult:
    """A record for the current prompt hash must exist and pass the thresholds.

    run_live: callable returning a Report for the openai backend when an endpoint is configured, else None.
    """
    from assistant.prompts import prompts_hash

    g = GateResult()
    current = prompts_hash(prompts_dir)
    records = llm_records(records_dir)
    rec = next((r for r in records if r.get("prompt_hash") == current), None)
    if rec is None and run_live is not None:
        rec = write_record(prompts_dir, records_dir, run_live())
        g.warnings.append(f"recorded a live LLM eval for prompt hash {current} in {records_dir}; commit it")
    if rec is None:
        files = prompt_files(prompts_dir)
        last = records[-1]["prompts"] if records else {}
        changed = sorted(n for n, h in files.items() if last.get(n) != h) or sorted(files)
        msg = (f"no LLM eval record for prompt hash {current} (changed: {', '.join(changed)}). Re-run against a "
               f"live endpoint: BRIEFING_LLM__BASE_URL=... briefing eval --backend openai --check, then commit "
               f"{records_dir.name}/{current}.json")
        if os.environ.get("BRIEFING_EVAL_REQUIRE_LLM") == "1":
            g.failures.append(msg)
        else:
            g.warnings.append("WARNING: " + msg)
        return g
    sub = check(Report(dataset="gold", split="all", backend="openai", model=str(rec.get("model")),
                       n_cases=int(rec.get("n_cases", 0)), metrics=rec["metrics"]),
                {k: v for k, v in thresholds.items() if not k.startswith("contrast")}, None)
    g.failures.extend(f"LLM record {current}: {f}" for f in sub.failures)
    return g
