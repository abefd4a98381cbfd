"""`briefing eval`: score answers against a gold or public set; with --check, the CI gate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.cli_common import _assistant


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.settings import PROJECT_ROOT

    eval_dir = Path(args.eval_dir) if args.eval_dir else PROJECT_ROOT / "eval"
    a = _assistant(args)
    from assistant.evaluation import gate
    from assistant.evaluation import report as rep

    gold_file = Path(args.gold).resolve() if args.gold else None
    report = a.evaluate(dataset=args.dataset, split=args.split, backend=args.backend, limit=args.limit,
                        eval_dir=eval_dir, gold_file=gold_file)
    jpath, mpath = rep.write(report, eval_dir / "reports")
    # with --json, stdout carries only the JSON report; every other line goes to stderr
    info = sys.stderr if args.json else sys.stdout
    if args.json:
        print(report.model_dump_json(indent=1))
    else:
        print(rep.table(report))
        print(f"reports: {jpath} {mpath}")
    if gold_file is not None:  # a report on a library of its own: no baseline or CI gate
        return 0
    baseline_path = eval_dir / ("baseline.json" if args.dataset == "gold" else f"baseline-{args.dataset}.json")
    if args.update_baseline:
        baseline_path.write_text(json.dumps(gate.baseline_payload(report), indent=1), encoding="utf-8")
        print(f"baseline written: {baseline_path}", file=info)
    if not args.check:
        return 0
    thresholds = gate.load_thresholds(eval_dir / "thresholds.yaml") if args.dataset == "gold" else {}
    baseline = json.loads(baseline_path.read_text()) if baseline_path.exists() else None
    result = gate.check(report, thresholds, baseline if report.backend == "extractive" else None)
    if args.dataset == "gold" and report.backend == "openai" and not args.limit and args.split == "all":
        gate.write_record(a.settings.prompts_dir, eval_dir / "llm_records", report)
        print(f"LLM eval recorded in {eval_dir / 'llm_records'} for the current prompts; commit it", file=info)
    if args.dataset == "gold" and (args.backend or a.settings.backend) == "extractive":
        live = None
        if a.settings.llm.base_url:
            def live():  # type: ignore[no-untyped-def]
                return a.evaluate(dataset="gold", split=args.split, backend="openai", limit=args.limit,
                                  eval_dir=eval_dir)
        pg = gate.prompt_gate(a.settings.prompts_dir, eval_dir / "llm_records", thresholds, live)
        result.failures += pg.failures
        result.warnings += pg.warnings
    for w in result.warnings:
        print(("\n" + "!" * 78 + "\n" + w + "\n" + "!" * 78) if w.startswith("WARNING") else w, file=sys.stderr)
    if result.worse_cases:
        print("cases worse than the baseline:\n  " + "\n  ".join(result.worse_cases), file=sys.stderr)
    if result.failures:
        print("EVAL GATE FAILED:\n  " + "\n  ".join(result.failures), file=sys.stderr)
        return 1
    print("eval gate passed", file=info)
    return 0


def register_eval(sub: Any) -> None:
    s = sub.add_parser("eval", help="score answers against a gold set; --check gates CI")
    s.add_argument("--backend", choices=["extractive", "openai"], default=None)
    s.add_argument("--dataset", choices=["gold", "squad2", "hotpotqa"], default="gold")
    s.add_argument("--gold", metavar="FILE",
                   help="a gold file over a library of its own (its `library:` folder), e.g. eval/wikinews-qa.yaml")
    s.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    s.add_argument("--limit", type=int, default=None)
    s.add_argument("--json", action="store_true")
    s.add_argument("--check", action="store_true", help="fail on thresholds / baseline regressions")
    s.add_argument("--update-baseline", action="store_true")
    s.add_argument("--eval-dir", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_eval)
