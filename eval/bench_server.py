"""Several machines on one `chroma run` server: what a reader with an empty local folder pays, and how fast every
reader sees a commit. Machines are simulated by processes with index folders of their own (they share only the
server, on 127.0.0.1).

    .venv/bin/python eval/bench_server.py [--docs 1000] [--questions 30]

Prints, for a library of N HotpotQA documents ingested by machine A:
- machine B (empty folder): start-up, first question (state, BM25 rebuilt from the passages in Chroma, documents
  fetched), warm ask p50/p95 (the server is asked for the state version at most every 0.5 s);
- after A ingests one more document: how long until B's next question sees it, and what that question costs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

READER = """
import json, sys, time
t0 = time.perf_counter()
from assistant.facade import Assistant
from assistant.settings import Settings
a = Assistant(Settings())
a.status()
print(json.dumps({"start_s": time.perf_counter() - t0}), flush=True)
for line in sys.stdin:
    t = time.perf_counter()
    ans = a.ask(line.strip())
    print(json.dumps({"ms": (time.perf_counter() - t) * 1000, "docs": len(a.index.docs),
                      "cited": [c.doc_id for c in ans.citations]}), flush=True)
"""


def _ask(proc: subprocess.Popen[str], q: str) -> dict[str, object]:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(q + "\n")
    proc.stdin.flush()
    return json.loads(proc.stdout.readline())  # type: ignore[no-any-return]


def main() -> None:
    import yaml
    from bench_scale import library

    from tests.conftest import chroma_server  # the tests' own local `chroma run` (127.0.0.1, stopped on exit)

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--questions", type=int, default=30)
    args = ap.parse_args()
    docs, questions = library(args.docs)
    questions = questions[: args.questions]
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        src = tmp / "docs"
        src.mkdir()
        manifest = {}
        for i, (doc_id, title, text) in enumerate(docs):
            name = f"d{i:06d}.txt"
            (src / name).write_text(text + "\n", encoding="utf-8")
            manifest[name] = {"doc_id": doc_id, "title": title, "doc_type": "other"}
        (src / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
        with chroma_server(tmp / "srv") as port:
            base = {**os.environ, "BRIEFING_CHROMA_HOST": "127.0.0.1", "BRIEFING_CHROMA_PORT": str(port),
                    "PYTHONPATH": str(ROOT)}
            env_a = {**base, "BRIEFING_INDEX_DIR": str(tmp / "machine-a")}
            env_b = {**base, "BRIEFING_INDEX_DIR": str(tmp / "machine-b")}
            briefing = str(Path(sys.executable).parent / "briefing")
            t = time.perf_counter()
            done = subprocess.run([briefing, "ingest", str(src)], env=env_a, capture_output=True, text=True)
            ingest_s = time.perf_counter() - t
            if done.returncode != 0:
                raise SystemExit(done.stderr)
            b = subprocess.Popen([sys.executable, "-c", READER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True, env=env_b, cwd=ROOT)
            assert b.stdout is not None
            start_s = json.loads(b.stdout.readline())["start_s"]
            first = _ask(b, questions[0])
            for q in questions:  # first sight of each question's documents
                _ask(b, q)
            warm = [float(_ask(b, q)["ms"]) for q in questions]  # type: ignore[arg-type]
            # one more document from machine A; B's next questions see it without a restart
            new = tmp / "new"
            new.mkdir()
            (new / "levy.md").write_text("# Regional water levy\n\nThe regional water levy was raised to 4 cents "
                                         "per cubic metre in 2025, the basin agency said.\n", encoding="utf-8")
            t = time.perf_counter()
            one = subprocess.run([briefing, "ingest", str(new)], env=env_a, capture_output=True, text=True)
            one_s = time.perf_counter() - t
            assert one.returncode == 0, one.stderr
            t = time.perf_counter()
            seen = _ask(b, "How much is the regional water levy?")
            tries = 1
            while "levy" not in seen["cited"] and tries < 20:  # type: ignore[operator]
                time.sleep(0.1)
                seen = _ask(b, "How much is the regional water levy?")
                tries += 1
            seen_s = time.perf_counter() - t
            b.kill()
    print(f"\n## One `chroma run` server, {args.docs} HotpotQA documents; machine B has an empty folder of its own\n")
    print("| measure | value |\n|---|---|")
    print(f"| machine A: ingest {len(docs)} documents into the server | {ingest_s:.0f} s |")
    print(f"| machine B: start-up (state read from Chroma) | {start_s:.1f} s |")
    print(f"| machine B: first question (BM25 rebuilt from Chroma, model loaded, documents fetched) | "
          f"{float(first['ms']):.0f} ms |")  # type: ignore[arg-type]
    print(f"| machine B: warm ask p50 / p95 ({len(warm)} questions) | {np.percentile(warm, 50):.0f} / "
          f"{np.percentile(warm, 95):.0f} ms |")
    print(f"| machine A: ingest one more document (commit included) | {one_s:.1f} s |")
    print(f"| machine B: its next question cites the new document ({tries} question(s)) | {seen_s * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
