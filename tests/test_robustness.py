"""Robustness: bad inputs get one clear error, slow parts never block chat, a hung LLM never hangs an answer."""

from __future__ import annotations

import json
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from assistant import cli
from assistant.errors import LoadError
from assistant.facade import Assistant
from assistant.ingest.loaders import MAX_BYTES, load_file
from assistant.settings import LLMSettings
from tests.conftest import DATA, make_settings
from tests.fake_openai import FakeOpenAI, Reply

# ---- 5: ingest must not hold the index lock while embedding --------------------------------------------


def test_ingest_embeds_outside_the_index_lock(tmp_path: Path) -> None:
    from assistant.retrieval.embedder import get_embedder

    a = Assistant(make_settings(tmp_path / "index"))
    inner = get_embedder()
    lock_free_during_embed: list[bool] = []

    class Probe:
        model_id, max_tokens = inner.model_id, inner.max_tokens

        def embed(self, texts):  # type: ignore[no-untyped-def]
            got: list[bool] = []

            def other_thread() -> None:  # e.g. a removal in another session
                ok = a.index.lock.acquire(timeout=0.5)
                if ok:
                    a.index.lock.release()
                got.append(ok)

            t = threading.Thread(target=other_thread)
            t.start()
            t.join()
            lock_free_during_embed.append(got[0])
            return inner.embed(texts)

        def count_tokens(self, texts):  # type: ignore[no-untyped-def]
            return inner.count_tokens(texts)

    a.index.embedder = Probe()  # type: ignore[assignment]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Grid note\n\nThe storage auction opens in autumn with 1.5 GW on offer.\n")
    report = a.ingest([docs])
    assert report.added == ["a"]
    assert lock_free_during_embed and all(lock_free_during_embed), "embedding ran while holding the index lock"


# ---- 6: a hung LLM endpoint ----------------------------------------------------------------------------


@pytest.mark.integration
def test_hung_llm_answers_with_fallback_within_deadline(corpus_assistant: Assistant) -> None:
    fake = FakeOpenAI(default=Reply(text="never [1].", delay_s=60)).start()
    try:
        llm = LLMSettings(base_url=fake.base_url, model="hung", deadline_s=3, timeout_s=30, max_retries=3)
        a = Assistant(make_settings(corpus_assistant.settings.index_dir, llm=llm))
        a.ask("What does LEAP stand for?", backend="extractive")  # warm: the deadline is about the LLM wait
        t = time.monotonic()
        ans = a.ask("What does LEAP stand for?", backend="openai")
        took = time.monotonic() - t
        assert took <= 3 + 2, f"answer took {took:.1f}s with a 3s deadline"
        assert "fallback" in ans.backend and "deadline" in (ans.reason or "")
        assert "Low-Cost Effectors" in ans.answer
        # streaming (the UI's path) obeys the same deadline
        t = time.monotonic()
        ans = a.ask("What does LEAP stand for?", backend="openai", on_token=lambda _t: None)
        assert time.monotonic() - t <= 3 + 2 and "fallback" in ans.backend
    finally:
        fake.stop()


def test_llm_deadline_defaults_within_readme_promise() -> None:
    s = LLMSettings()
    assert s.deadline_s <= 30


# ---- 7-9: uploads ------------------------------------------------------------------------------------------


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A 100 MB file must be refused from its size alone, not read into memory first."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    a = Assistant(make_settings(tmp_path / "index"))
    tracemalloc.start()
    try:
        report = a.ingest([big])
        upload = a.add_uploads([big])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"peak memory {peak / 1e6:.0f} MB: the file was read"
    assert "limit" in report.errors[0]["reason"] and "limit" in upload.errors[0]["reason"]


def test_nul_bytes_anywhere_in_a_text_file_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "late-binary.txt"
    f.write_bytes(b"An ordinary first line of text.\n" * 2000 + b"\x00\x01\x02 binary tail")
    with pytest.raises(LoadError, match="binary"):
        load_file(f)
    from assistant.ingest.uploads import save_upload

    with pytest.raises(LoadError, match="binary"):
        save_upload(f, tmp_path / "uploads")


def test_rejected_uploads_are_removed_from_disk(tmp_path: Path) -> None:
    a = Assistant(make_settings(tmp_path / "index"))
    incoming = tmp_path / "gradio-tmp"
    incoming.mkdir()
    binary = incoming / "report.txt"
    binary.write_bytes(b"text\n" * 3000 + b"\x00" * 10)
    corrupt = incoming / "broken.pdf"
    corrupt.write_bytes((DATA / "corrupt.pdf").read_bytes())
    good = incoming / "note.md"
    good.write_text("# Note\n\nThe ferry link to the island reopens in May after repairs to the pier.\n")
    report = a.add_uploads([binary, corrupt, good])
    assert report.added == ["note"]
    reasons = " ".join(e["reason"] for e in report.errors)
    assert "binary" in reasons and "PDF" in reasons
    left = sorted(p.name for p in (tmp_path / "index" / "uploads").rglob("*") if p.is_file())
    assert left == ["note.md"], left
    assert not binary.exists(), "the refused temporary upload stays on disk"


def test_size_limit_message_names_the_limit(tmp_path: Path) -> None:
    f = tmp_path / "big.md"
    with open(f, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(LoadError, match="limit is 25 MB"):
        load_file(f)


# ---- 11: search filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("extra", "message"), [
    (["--date-from", "2026-13-45"], "not a valid date"),
    (["--date-to", "20260220"], "not a valid date"),
    (["--date-from", "2026-03-01", "--date-to", "2026-02-01"], "after date-to"),
    (["--doc", "no-such-document"], "unknown document id"),
    (["--type", "newz"], "unknown document type"),
])
def test_search_refuses_bad_filters(corpus_assistant: Assistant, capsys: pytest.CaptureFixture[str],
                                    extra: list[str], message: str) -> None:
    code = cli.main(["--index-dir", str(corpus_assistant.settings.index_dir), "search", "LEAP", *extra])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and message in err, err


def test_valid_partial_dates_are_accepted() -> None:
    from assistant.types import parse_filter_date

    assert str(parse_filter_date("2026-02", "d", end=True)) == "2026-02-28"
    assert str(parse_filter_date("2026", "d")) == "2026-01-01"


# ---- 12: malformed PDFs --------------------------------------------------------------------------------


def test_malformed_pdf_gives_one_clear_line_not_pypdf_noise(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    import re

    data = (DATA / "two-pages.pdf").read_bytes()
    bad = tmp_path / "repairable.pdf"
    bad.write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n999", data))
    raw = load_file(bad)
    out = capfd.readouterr()
    assert "startxref" not in out.err + out.out, "pypdf warnings reached the terminal"
    assert raw.pages and len(raw.warnings) == 1 and "malformed PDF, repaired" in raw.warnings[0]
    code = cli.main(["--index-dir", str(tmp_path / "index"), "ingest", "--quiet", str(bad)])
    err = capfd.readouterr().err
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 0 and len(lines) == 1 and "repairable.pdf: malformed PDF" in lines[0], err


# ---- 13: eval --check --json ----------------------------------------------------------------------------


def test_eval_check_json_prints_only_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.evaluation.gate import GateResult
    from assistant.evaluation.runner import CaseResult, Report

    report = Report(dataset="gold", split="all", backend="extractive", model="m", n_cases=1,
                    metrics={"fact_coverage": 1.0},
                    cases=[CaseResult(id="c1", type="fact", question="q", answerable=True, refused=False)])
    monkeypatch.setattr(Assistant, "evaluate", lambda self, **kw: report)
    eval_dir = tmp_path / "eval"
    eval_dir.mkdir()
    (eval_dir / "thresholds.yaml").write_text("fact_coverage: {min: 0.5}\n")
    monkeypatch.setattr("assistant.evaluation.gate.prompt_gate", lambda *a, **k: GateResult())
    code = cli.main(["--index-dir", str(tmp_path / "index"), "eval", "--check", "--json", "--eval-dir", str(eval_dir)])
    out = capsys.readouterr()
    assert code == 0
    assert json.loads(out.out)["metrics"]["fact_coverage"] == 1.0  # the whole stdout is one JSON document
    assert "eval gate passed" in out.err


def test_since_until_restrict_search_and_ask_by_date(corpus_assistant: Assistant,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import json

    idx = ["--index-dir", str(corpus_assistant.settings.index_dir)]
    dates = {d.doc_id: d.date for d in corpus_assistant.documents()}
    assert cli.main([*idx, "search", "defence", "--json", "--since", "2026-04-01"]) == 0
    got = [h["doc_id"] for h in json.loads(capsys.readouterr().out)["results"]]
    assert got and all((dates[d] or "") >= "2026-04-01" for d in got)
    assert cli.main([*idx, "search", "defence", "--json", "--until", "2026-03-01"]) == 0
    got = [h["doc_id"] for h in json.loads(capsys.readouterr().out)["results"]]
    assert got and all((dates[d] or "9999") <= "2026-03-01" for d in got)
    assert cli.main([*idx, "ask", "What is proposed for defence?", "--json", "--since", "2026-04-01"]) == 0
    ans = json.loads(capsys.readouterr().out)
    assert all((dates[c["doc_id"]] or "") >= "2026-04-01" for c in ans["citations"])
    assert cli.main([*idx, "ask", "anything", "--until", "2026-13-45"]) == 2
    assert "not a valid date" in capsys.readouterr().err
