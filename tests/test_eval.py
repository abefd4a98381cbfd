"""Metrics, the CI gate, and the prompt-change gate end to end with a local OpenAI-compatible server."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.evaluation import gate
from assistant.evaluation.metrics import fact_coverage, mean, refusal_scores, retrieval_scores
from assistant.evaluation.runner import CaseResult, Report, aggregate
from assistant.facade import Assistant
from assistant.settings import PROJECT_ROOT, LLMSettings
from tests.conftest import make_settings
from tests.fake_openai import FakeOpenAI


def test_fact_matching_is_accent_and_case_insensitive() -> None:
    assert fact_coverage("Chaired by Sauli Niinisto.", [["Niinistö"]]) == 1.0
    assert fact_coverage("France and Germany", [["France"], ["Italy"]]) == 0.5
    assert fact_coverage("x", []) is None
    # an acronym with or without full stops is the same word
    assert fact_coverage("Only France and the UK hold them.", [["U.K."]]) == 1.0
    assert fact_coverage("the U.S. said", [["US"]]) == 1.0
    assert fact_coverage("Ukraine said", [["U.K."]]) == 0.0
    # a figure is a whole number, whatever unit sticks to it
    assert fact_coverage("He asked for $225m in aid.", [["225"]]) == 1.0
    assert fact_coverage("2250 people and 1.225 tonnes", [["225"]]) == 0.0


def test_missing_metrics_are_none_not_zero() -> None:
    assert mean([None, None]) is None
    assert refusal_scores([]) == (None, None)
    metrics = aggregate([CaseResult(id="a", type="fact", question="q", answerable=True)])
    assert metrics["contrast_actor_coverage"] is None and metrics["refusal_recall"] is None


def test_retrieval_scores() -> None:
    s = retrieval_scores(["d2", "d1", "d2", "d3"], ["d1", "d3"], k=2)
    assert s == {"hit": 1.0, "recall": 0.5, "rr": 0.5}


def _report(**metrics: float | None) -> Report:
    return Report(dataset="gold", split="all", backend="extractive", model="m", n_cases=1, metrics=metrics,
                  cases=[CaseResult(id="c1", type="fact", question="q", answerable=True, refused=False, fact_coverage=0.5)])


def test_gate_names_failing_metric_and_worse_cases() -> None:
    thresholds = {"fact_coverage": {"min": 0.8, "tolerance": 0.05}, "errors": {"max": 0}}
    baseline = {"metrics": {"fact_coverage": 0.99}, "cases": {"c1": {"fact_coverage": 1.0, "refused": False}}}
    g = gate.check(_report(fact_coverage=0.5, errors=0.0), thresholds, baseline)
    assert not g.ok
    assert any("fact_coverage = 0.500 is below" in f for f in g.failures)
    assert any("regressed from baseline" in f for f in g.failures)
    assert g.worse_cases == ["c1: fact_coverage 1.0 -> 0.5"]
    assert "missing" in gate.check(_report(errors=0.0), thresholds, None).failures[0]
    assert gate.check(_report(fact_coverage=0.97, errors=0.0), thresholds, baseline).ok


@pytest.mark.slow
def test_make_test_gate_passes_on_the_gold_set(corpus_assistant: Assistant, tmp_path: Path) -> None:
    """The same command CI runs passes on the committed baseline."""
    cmd = [sys.executable, "-m", "assistant.cli", "--index-dir", str(corpus_assistant.settings.index_dir),
           "eval", "--check"]
    ok = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=PROJECT_ROOT)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "eval gate passed" in ok.stdout


def _prompts_copy(tmp_path: Path) -> Path:
    d = tmp_path / "prompts"
    shutil.copytree(PROJECT_ROOT / "prompts", d)
    return d


def test_changed_prompt_without_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prompts = _prompts_copy(tmp_path)
    records = tmp_path / "llm_records"
    thresholds = gate.load_thresholds(PROJECT_ROOT / "eval" / "thresholds.yaml")
    p = prompts / "answer.md"
    p.write_text(p.read_text().replace("at most 5 short sentences", "at most 4 short sentences"))
    monkeypatch.setenv("BRIEFING_EVAL_REQUIRE_LLM", "1")
    g = gate.prompt_gate(prompts, records, thresholds, None)
    assert not g.ok and "answer.md" in g.failures[0] and "briefing eval --backend openai" in g.failures[0]
    monkeypatch.delenv("BRIEFING_EVAL_REQUIRE_LLM")
    g = gate.prompt_gate(prompts, records, thresholds, None)
    assert g.ok and g.warnings and g.warnings[0].startswith("WARNING")


def _record(prompts: Path, records: Path, **metrics: float) -> None:
    from assistant.prompts import prompts_hash

    h = prompts_hash(prompts)
    records.mkdir(exist_ok=True)
    (records / f"{h}.json").write_text(json.dumps({"prompt_hash": h, "model": "m", "prompts": gate.prompt_files(prompts),
                                                   "n_cases": 40, "metrics": metrics}))


def test_record_with_passing_and_worse_scores(tmp_path: Path) -> None:
    prompts = _prompts_copy(tmp_path)
    thresholds = {k: v for k, v in gate.load_thresholds(PROJECT_ROOT / "eval" / "thresholds.yaml").items()
                  if not k.startswith("contrast")}
    good = {k: (v.get("min", 0) + 0.01 if "min" in v else 0.0) for k, v in thresholds.items()}
    _record(prompts, tmp_path / "good", **good)
    assert gate.prompt_gate(prompts, tmp_path / "good", thresholds, None).ok
    worse = dict(good, citation_precision=0.5)
    _record(prompts, tmp_path / "worse", **worse)
    g = gate.prompt_gate(prompts, tmp_path / "worse", thresholds, None)
    assert not g.ok and "citation_precision" in g.failures[0]


@pytest.mark.integration
def test_live_endpoint_writes_a_record(corpus_assistant: Assistant, tmp_path: Path) -> None:
    fake = FakeOpenAI()

    def echo_first_source(body: dict) -> str:  # type: ignore[type-arg]
        user = body["messages"][-1]["content"]
        m = re.search(r'<source n="1"[^>]*>\n\[1\] (.+?[.!?])\s', user, re.S)
        return (m.group(1).replace("\n", " ") + " [1]") if m else "The documents do not say."

    fake.responder = echo_first_source
    fake.start()
    try:
        llm = LLMSettings(base_url=fake.base_url, model="fake-model")
        a = Assistant(make_settings(corpus_assistant.settings.index_dir, llm=llm))
        prompts = _prompts_copy(tmp_path)
        records = tmp_path / "records"

        def live() -> Report:
            return a.evaluate(backend="openai", limit=4)

        g = gate.prompt_gate(prompts, records, gate.load_thresholds(PROJECT_ROOT / "eval" / "thresholds.yaml"), live)
        saved = list(records.glob("*.json"))
        assert len(saved) == 1 and any("recorded a live LLM eval" in w for w in g.warnings)
        rec = json.loads(saved[0].read_text())
        assert rec["model"] == "fake-model" and rec["n_cases"] == 4 and "fact_coverage" in rec["metrics"]
        assert fake.requests, "the eval really called the endpoint"
    finally:
        fake.stop()


def test_a_gold_file_over_a_library_of_its_own(corpus_assistant: Assistant, tmp_path: Path) -> None:
    """`briefing eval --gold FILE`: the file's `library:` folders are indexed apart and its cases run against them."""
    lib, rivers = tmp_path / "water", tmp_path / "rivers"
    lib.mkdir()
    rivers.mkdir()
    (lib / "levy.md").write_text("# Basin levy\n\nThe basin agency raised the abstraction levy to 4 cents per cubic "
                                 "metre in March 2025, its director Elena Vance said.\n", encoding="utf-8")
    (rivers / "dams.md").write_text("# Dam inspections\n\nInspectors found cracks in two of the nine dams on the upper "
                                 "river during the spring survey.\n", encoding="utf-8")
    gold = tmp_path / "water-qa.yaml"
    gold.write_text(
        "library: [water, rivers]\ndocs: {L: levy, D: dams}\ncases:\n"
        "  - {id: levy-rate, split: heldout, type: number, question: 'How much is the abstraction charge now?',\n"
        "     facts: [['4 cents']], docs: [L]}\n"
        "  - {id: cracked, split: heldout, type: number, question: 'In how many dams were cracks found?',\n"
        "     facts: [['two']], docs: [D]}\n"
        "  - {id: no-budget, split: heldout, type: unanswerable, answerable: false,\n"
        "     question: 'What is the budget of the Lisbon metro?', facts: [], docs: []}\n", encoding="utf-8")
    report = corpus_assistant.evaluate(gold_file=gold, eval_dir=tmp_path)
    assert report.dataset == "water-qa" and report.n_cases == 3
    by_id = {c.id: c for c in report.cases}
    assert by_id["levy-rate"].fact_coverage == 1.0 and by_id["cracked"].fact_coverage == 1.0
    assert by_id["no-budget"].refused
    assert by_id["levy-rate"].hit == 1.0  # its gold document retrieved: the library's own ids
    assert all(h.doc_id not in ("levy", "dams") for h in corpus_assistant.search("abstraction levy"))  # apart
    bad = tmp_path / "bad.yaml"
    bad.write_text("cases: []\n", encoding="utf-8")
    with pytest.raises(Exception, match="library"):
        corpus_assistant.evaluate(gold_file=bad)
    bad.write_text("library: [water, lakes]\ncases: []\n", encoding="utf-8")
    with pytest.raises(Exception, match="lakes not found"):
        corpus_assistant.evaluate(gold_file=bad)
