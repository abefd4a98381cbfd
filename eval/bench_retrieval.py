"""Benchmark: ingest vs embed-only, re-ingest, search latency on the corpus and at 100k synthetic chunks.

Prints a table. Usage: python eval/bench_retrieval.py [--synthetic 100000] [--queries 200]
Not a test: numbers depend on the machine; the closing notes quote them.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.facade import Assistant
from assistant.retrieval.docstore import FileState, IndexState, StoredDoc
from assistant.retrieval.indexing import contextual
from assistant.retrieval.lexical import LexicalIndex
from assistant.settings import PROJECT_ROOT, Settings
from assistant.types import Chunk, Document, DocumentMeta, SearchFilters

QUERIES = ["What does LEAP stand for?", "Pistorius sanctions shadow fleet", "Kaya Kallas", "defence spending 2025",
           "security guarantees Ukraine", "Rzeszów logistics hub", "SAFE loan instrument", "Kortunov Valdai",
           "air defence drones", "NATO Article 5", "European Security Council", "Eurogroup within NATO"]


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def bench_corpus(n_queries: int) -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        a = Assistant(Settings(index_dir=Path(tmp) / "idx"))
        a.embedder.embed(["a warm-up passage of realistic length " * 20] * 64)  # first-batch costs out of the timing
        a.embedder.count_tokens(["warm up"])
        t = time.perf_counter()
        r = a.ingest([PROJECT_ROOT / "corpus"])
        ingest_s = time.perf_counter() - t
        texts = [contextual(a.index.meta(c.doc_id).title, c) for c in a.index.chunks.values()]
        t = time.perf_counter()
        a.embedder.embed(texts)
        embed_s = time.perf_counter() - t
        t = time.perf_counter()
        a.ingest([PROJECT_ROOT / "corpus"])
        reingest_s = time.perf_counter() - t
        rows += [("corpus chunks", f"{r.chunks_embedded}"), ("ingest (s)", f"{ingest_s:.2f}"),
                 ("embed-only of the same chunks (s)", f"{embed_s:.2f}"),
                 ("ingest / embed-only of the chunks (ingest also embeds sentences, statements)", f"{ingest_s / embed_s:.2f}"),
                 ("re-ingest unchanged (s)", f"{reingest_s:.3f}"),
                 ("re-ingest / first (goal <= 5%)", f"{100 * reingest_s / ingest_s:.1f}%")]
        for q in QUERIES:
            a.search(q)
        lat = []
        for i in range(n_queries):
            t = time.perf_counter()
            a.search(QUERIES[i % len(QUERIES)] + (f" {i}" if i >= len(QUERIES) else ""))
            lat.append((time.perf_counter() - t) * 1000)
        rows += [("corpus search p50 (ms)", f"{pct(lat, 50):.1f}"), ("corpus search p95 (ms, goal <= 60, both hops)", f"{pct(lat, 95):.1f}")]
    return rows


def bench_synthetic(n: int, n_queries: int) -> list[tuple[str, str]]:
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(20000)] + ["defence", "drone", "sanctions", "ukraine", "nato", "budget"]
    with tempfile.TemporaryDirectory() as tmp:
        a = Assistant(Settings(index_dir=Path(tmp) / "idx"))
        idx = a.index
        docs_n = max(1, n // 100)
        state = IndexState(collection=idx.collection, embed_model=a.embedder.model_id)
        t0 = time.perf_counter()
        all_ids, all_texts = [], []
        for d in range(docs_n):
            doc_id = f"doc{d}"
            chunks, texts = [], []
            for j in range(100):
                text = " ".join(random.Random(d * 1000 + j).choices(vocab, k=60)) + "."
                cid = f"{doc_id}-{j}"
                chunks.append(Chunk(chunk_id=cid, doc_id=doc_id, text=text, char_start=0, char_end=len(text)))
                texts.append(text)
            vecs = rng.standard_normal((100, 384)).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            dtype = ["news", "official", "analysis", "report"][d % 4]
            date = f"2026-{1 + d % 12:02d}-01"
            idx.store.add([c.chunk_id for c in chunks], vecs,
                          [{"doc_id": doc_id, "doc_type": dtype, "date": int(date.replace('-', ''))} for _ in chunks], texts)
            meta = DocumentMeta(doc_id=doc_id, title=doc_id, source_path=doc_id, doc_type=dtype, date=date)  # type: ignore[arg-type]
            sd = StoredDoc(document=Document(meta=meta, text=texts[0], content_hash=f"h{d}"), chunks=chunks)
            idx.docstore.save_doc(sd)
            state.files[doc_id] = FileState(doc_id=doc_id, content_hash=f"h{d}", chunk_ids=[c.chunk_id for c in chunks],
                                            ingested_at="bench")
            all_ids += [c.chunk_id for c in chunks]
            all_texts += texts
        LexicalIndex.build(all_ids, all_texts).save(idx.root / "bm25-bench")
        state.bm25_dir = "bm25-bench"
        idx.docstore.save_state(state)
        idx.reload()
        build_s = time.perf_counter() - t0
        qs = ["defence drone budget", "sanctions ukraine", "nato w12 w99", "w5 w77 w1234"]
        for q in qs:
            idx.search(q)
        lat, flat = [], []
        for i in range(n_queries):
            t = time.perf_counter()
            idx.search(qs[i % 4] + f" w{i}")
            lat.append((time.perf_counter() - t) * 1000)
            filt = [SearchFilters(doc_types=["report"]), SearchFilters(date_from="2026-06-01"),
                    SearchFilters(doc_ids=[f"doc{i % docs_n}", f"doc{(i * 7) % docs_n}"])][i % 3]
            t = time.perf_counter()
            idx.search(qs[i % 4] + f" w{i}", filters=filt)
            flat.append((time.perf_counter() - t) * 1000)
        return [("synthetic chunks", f"{len(idx.chunks)}"), ("synthetic build (s)", f"{build_s:.0f}"),
                ("synthetic search p50 (ms)", f"{pct(lat, 50):.1f}"), ("synthetic search p95 (ms, goal <= 60)", f"{pct(lat, 95):.1f}"),
                ("synthetic filtered p50 (ms)", f"{pct(flat, 50):.1f}"), ("synthetic filtered p95 (ms, goal <= 60)", f"{pct(flat, 95):.1f}")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    rows = bench_corpus(args.queries)
    if args.synthetic:
        rows += bench_synthetic(args.synthetic, args.queries)
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':{width}}  value")
    for k, v in rows:
        print(f"{k:{width}}  {v}")


if __name__ == "__main__":
    main()
