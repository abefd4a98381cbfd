"""Chat latency while documents are uploaded: p50/p95 of `ask` idle, then during a 60-file upload.

    PYTHONPATH=. python eval/bench_upload.py [--files 60] [--idle 20]

Builds a throw-away index of the bundled corpus, then asks questions in a loop (extractive backend, as a
UI session would) while another thread uploads N generated policy documents through the same path as the
UI (`Assistant.add_uploads`). Target (issue 17): p95 during the upload <= 2x idle p95.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "What does LEAP stand for?",
    "Who hosted the E5 defence ministers' meeting in Kraków?",
    "Which countries make up the E5?",
    "By when is the first LEAP project expected to be delivered?",
    "What did Pistorius say about the shadow fleet?",
    "What did Kallas say about pressure on Russia?",
    "Who chaired the task force on European defence?",
    "What is the European Security Council proposal?",
]


def make_documents(folder: Path, n: int, corpus: Path) -> list[Path]:
    """n distinct documents of 25-60 sentences recombined from the corpus (realistic length and vocabulary)."""
    from assistant.ingest.sentences import split_sentences

    sentences: list[str] = []
    for f in sorted(corpus.glob("*.txt")) + sorted(corpus.glob("*.md")):
        text = f.read_text(encoding="utf-8")
        sentences += [text[s:e].replace("\n", " ") for s, e in split_sentences(text) if 60 < e - s < 400]
    rng = random.Random(17)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = rng.sample(sentences, rng.randint(25, 60))
        paras = ["\n".join(body[j : j + 5]) for j in range(0, len(body), 5)]
        p = folder / f"upload-{i:03d}.md"
        p.write_text(f"# Upload {i}: policy notes\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--idle", type=int, default=20, help="questions timed before the upload")
    args = ap.parse_args()
    from assistant.facade import Assistant
    from assistant.settings import PROJECT_ROOT, Settings

    tmp = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    a = Assistant(Settings(index_dir=tmp / "index", corpus_dir=PROJECT_ROOT / "corpus"))
    a.ingest()
    docs = make_documents(tmp / "incoming", args.files, PROJECT_ROOT / "corpus")
    for q in QUESTIONS:  # warm caches: we measure contention, not first-question start-up
        a.ask(q)

    def timed(q: str) -> float:
        t = time.perf_counter()
        a.ask(q)
        return time.perf_counter() - t

    idle = [timed(QUESTIONS[i % len(QUESTIONS)]) for i in range(args.idle)]
    during: list[float] = []
    done = threading.Event()
    result: dict[str, object] = {}

    def upload() -> None:
        t = time.perf_counter()
        report = a.add_uploads(docs)
        result["seconds"] = time.perf_counter() - t
        result["added"] = len(report.added)
        done.set()

    th = threading.Thread(target=upload)
    th.start()
    i = 0
    while not done.is_set():
        during.append(timed(QUESTIONS[i % len(QUESTIONS)]))
        i += 1
    th.join()
    after = a.ask("What are the upload policy notes about?")
    print(f"idle   ({len(idle)} questions): p50 {statistics.median(idle) * 1000:.0f} ms, "
          f"p95 {pct(idle, 0.95) * 1000:.0f} ms")
    print(f"upload ({len(during)} questions while {result['added']} files were ingested in "
          f"{result['seconds']:.1f} s): p50 {statistics.median(during) * 1000:.0f} ms, "
          f"p95 {pct(during, 0.95) * 1000:.0f} ms")
    ratio = pct(during, 0.95) / pct(idle, 0.95)
    print(f"p95 ratio {ratio:.2f} (target <= 2.0); documents now {len(a.documents())}; "
          f"last answer backend {after.backend}")
    return 0 if ratio <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
