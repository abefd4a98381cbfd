"""Eval reports: a table for the terminal, JSON and Markdown files under eval/reports/."""

from __future__ import annotations

from pathlib import Path

from assistant.evaluation.runner import Report


def table(report: Report) -> str:
    lines = [f"eval {report.dataset}/{report.split} backend={report.backend} model={report.model} "
             f"cases={report.n_cases}", f"{'metric':32} value"]
    for k, v in report.metrics.items():
        lines.append(f"{k:32} {'missing' if v is None else f'{v:.4g}'}")
    return "\n".join(lines)


def markdown(report: Report) -> str:
    out = [f"# Eval: {report.dataset} / {report.split}", "",
           f"backend `{report.backend}`, model `{report.model}`, {report.n_cases} cases, {report.created}", "",
           "| metric | value |", "|---|---|"]
    out += [f"| {k} | {'missing' if v is None else f'{v:.4g}'} |" for k, v in report.metrics.items()]
    out += ["", "## Cases", "", "| id | type | facts | refused | citation recall | answer |", "|---|---|---|---|---|---|"]
    for c in report.cases:
        ans = (c.error or c.answer).replace("|", "\\|").replace("\n", " ")[:160]
        out.append(f"| {c.id} | {c.type} | {c.fact_coverage if c.fact_coverage is not None else '-'} | "
                   f"{c.refused} | {c.citation_recall if c.citation_recall is not None else '-'} | {ans} |")
    return "\n".join(out) + "\n"


def write(report: Report, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{report.dataset}-{report.split}-{report.backend.split()[0]}"
    j, m = folder / f"{stem}.json", folder / f"{stem}.md"
    j.write_text(report.model_dump_json(indent=1), encoding="utf-8")
    m.write_text(markdown(report), encoding="utf-8")
    return j, m
