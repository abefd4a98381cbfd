"""Scale benchmark: libraries of N documents built from the HotpotQA file (every question's paragraphs, repeated with
distinct ids past the file's own count). For each size it prints ingest time, the time of embedding alone (the very
texts the ingest embedded, in the same batches), start-up time and RSS of a fresh process, and warm ask p50/p95.

    .venv/bin/python eval/bench_scale.py --sizes 1000,10000 [--questions 40]

Each size is built under index/bench-scale/<N>/ (reused when present: delete it to measure ingest again).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOTPOT = ROOT.parent / "shared" / "benchmarks" / "hotpotqa_dev_subsampled_ircot.jsonl"

PROBE = """
import json, resource, sys, time
t0 = time.perf_counter()
from assistant.facade import Assistant
from assistant.settings import Settings
a = Assistant(Settings(index_dir=sys.argv[1]))
a.status()
start = time.perf_counter() - t0
questions = json.loads(sys.argv[2])
a.ask(questions[0])  # loads the model and the spaCy pipeline
for q in questions:
    a.ask(q)
lat = []
for q in questions:
    t = time.perf_counter()
    a.ask(q)
    lat.append((time.perf_counter() - t) * 1000)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"start_s": start, "lat": lat, "rss_mb": rss, "docs": len(a.index.docs),
                  "chunks": len(a.index.chunks)}))
"""


class Recorder:
    """The real embedder, recording every batch it is given (the ingest's embedding work, replayed alone later)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.max_tokens = inner.max_tokens
        self.calls = 0
        self.batches: list[list[str]] = []

    def embed(self, texts: Any) -> np.ndarray:
        self.batches.append(list(texts))
        self.calls += 1
        return self.inner.embed(texts)  # type: ignore[no-any-return]

    def count_tokens(self, texts: Any) -> list[int]:
        return self.inner.count_tokens(texts)  # type: ignore[no-any-return]


def library(n: int) -> tuple[list[tuple[str, str, str]], list[str]]:
    """n (doc_id, title, text) from every question's paragraphs, repeated with distinct ids; and the questions."""
    base: dict[str, tuple[str, str]] = {}
    questions = []
    for line in HOTPOT.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        questions.append(q["question_text"])
        for c in q["contexts"]:
            base.setdefault(c["title"], (c["title"], c["paragraph_text"]))
    items = list(base.values())
    out = []
    for i in range(n):
        title, text = items[i % len(items)]
        rep = i // len(items)
        out.append((f"{title}" + (f" ({rep + 1})" if rep else ""), title, text))
    return out, questions


def build(n: int, folder: Path, replay_every: int = 1) -> dict[str, float]:
    from assistant.facade import Assistant
    from assistant.retrieval.embedder import get_embedder
    from assistant.settings import Settings

    docs, _q = library(n)
    src = folder / "docs"
    src.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for i, (doc_id, title, text) in enumerate(docs):
        name = f"d{i:06d}.txt"
        (src / name).write_text(text + "\n", encoding="utf-8")
        manifest[name] = {"doc_id": doc_id, "title": title, "doc_type": "other", "provenance": "HotpotQA (CC BY-SA 4.0)"}
    (src / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    rec = Recorder(get_embedder())
    a = Assistant(Settings(index_dir=folder / "index", corpus_dir=src), embedder=rec)  # type: ignore[arg-type]
    t = time.perf_counter()
    report = a.ingest([src])
    ingest_s = time.perf_counter() - t
    texts = sum(len(b) for b in rec.batches)
    # embedding alone: the same batches replayed with nothing else running; with replay_every=k, every k-th batch
    # is replayed and the time scaled by the share of texts it holds (embedding time is linear in texts)
    sample = rec.batches[::replay_every]
    t = time.perf_counter()
    for b in sample:
        rec.inner.embed(b)
    embed_s = (time.perf_counter() - t) * texts / max(1, sum(len(b) for b in sample))
    return {"ingest_s": ingest_s, "embed_s": embed_s, "texts": texts, "added": len(report.added),
            "replayed_share": round(sum(len(b) for b in sample) / max(1, texts), 3)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--questions", type=int, default=40)
    ap.add_argument("--replay-every", type=int, default=1,
                    help="time embedding alone on every k-th batch of the ingest, scaled by texts (long runs)")
    args = ap.parse_args()
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        folder = ROOT / "index" / "bench-scale" / str(n)
        stamp = folder / "ingest.json"
        if stamp.exists():
            built = json.loads(stamp.read_text())
        else:
            built = build(n, folder, args.replay_every)
            stamp.write_text(json.dumps(built))
        _docs, questions = library(n)
        out = subprocess.run([sys.executable, "-c", PROBE, str(folder / "index"), json.dumps(questions[: args.questions])],
                             capture_output=True, text=True, cwd=ROOT, check=True)
        probe = json.loads(out.stdout.strip().splitlines()[-1])
        lat = probe["lat"]
        rows.append((n, probe["docs"], probe["chunks"], built["ingest_s"], built["embed_s"],
                     f"{built['texts']:,}; {built.get('replayed_share', 1.0):.0%}",
                     probe["start_s"], np.percentile(lat, 50), np.percentile(lat, 95), probe["rss_mb"]))
        print(f"built {n}: {built}", file=sys.stderr)
    print("\n| documents | chunks | ingest s | embedding alone s (texts; share replayed) | ingest / embedding | start-up s | "
          "warm ask p50 ms | warm ask p95 ms | RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for _n, d, c, ing, emb, texts, st, p50, p95, rss in rows:
        print(f"| {d:,} | {c:,} | {ing:.0f} | {emb:.0f} ({texts}) | {ing / emb:.2f} | {st:.2f} | {p50:.0f} | "
              f"{p95:.0f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
