"""Indexing: load -> clean -> chunk (assistant.ingest) -> embed -> store (Chroma + BM25 + docstore), incremental by
content hash, crash-safe; the index swaps to the new state in one step (retrieval/index.py Snapshot)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import LoadError
from assistant.ingest.chunk import chunk_document
from assistant.ingest.clean import CLEANING, Cleaned, clean_text
from assistant.ingest.injection import SCORES_FILE, detector, looks_like_injection, prime
from assistant.ingest.loaders import SUPPORTED, check_size, load_file
from assistant.ingest.manifest import build_meta, load_manifest
from assistant.retrieval.docstore import FileState, IndexState, StoredDoc, sentences_of
from assistant.retrieval.index import Index, date_int, lexical_from_store
from assistant.retrieval.lease import writer_lease
from assistant.retrieval.lexical import contextual_text, keep_only
from assistant.retrieval.query import find_acronyms
from assistant.types import Chunk, Document, IngestReport, Section

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Prepared = Callable[[list[StoredDoc]], None]  # told the cleaned new documents before their embedding starts
NOT_DOCUMENTS = {"manifest.yaml", "manifest.yml", "actors.yaml", "readme.md"}


def contextual(title: str, chunk: Chunk) -> str:
    """Text indexed for a chunk: a short header (document title, section) before the chunk itself,
    so a passage that never repeats its document's subject is still found by it."""
    return contextual_text(title, chunk.section, chunk.text)


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[dict[str, str]]]:
    files: list[Path] = []
    errors: list[dict[str, str]] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                                and f.name.lower() not in NOT_DOCUMENTS and not f.name.startswith(".")))
        elif p.is_file():
            files.append(p)
        else:
            errors.append({"path": str(p), "reason": "no such file or folder"})
    return files, errors


def prepare(path: Path, content_hash: str, manifest: dict[str, dict[str, Any]]) -> tuple[Document, Cleaned, list[str]]:
    raw = load_file(path)
    cleaned = clean_text(raw.text, raw.kind)
    if not cleaned.text.strip():
        raise LoadError(f"{path}: nothing left after cleaning (only boilerplate?)")
    meta = build_meta(path, cleaned.text, cleaned.title, manifest)
    doc = Document(
        meta=meta, text=cleaned.text, content_hash=content_hash,
        sections=[Section(path=p, char_start=s, char_end=e) for p, s, e in cleaned.sections],
        pages=cleaned.pages, removed_lines=cleaned.removed_lines,
    )
    warnings = list(raw.warnings)
    hidden = [h for h in raw.hidden if looks_like_injection(h)]
    if hidden:  # never indexed (a reader cannot see it), but the user should know it is there
        warnings.append(f"{path.name}: hidden markup (comment, invisible element or alt text) holds "
                        f"instruction-like text, not indexed: “{' '.join(hidden[0].split())[:120]}”")
    return doc, cleaned, warnings


_WRITERS: weakref.WeakKeyDictionary[Index, threading.Lock] = weakref.WeakKeyDictionary()
_WRITERS_GUARD = threading.Lock()


def writer_lock(index: Index) -> threading.Lock:
    """Serialises ingests of one index. Distinct from `index.lock`, which is held only for the short
    commit: reading, chunking and embedding an upload never block removals, and readers never lock."""
    with _WRITERS_GUARD:
        return _WRITERS.setdefault(index, threading.Lock())


def ingest(index: Index, paths: list[Path], prune: bool = False, progress: Progress | None = None,
           on_prepared: Prepared | None = None) -> IngestReport:
    """Read, clean, chunk and embed the files, then commit. `on_prepared` hears of the cleaned new documents
    while their embedding has not started: work that needs only their text (statement extraction) can run
    beside it on the other core."""
    t0 = time.perf_counter()
    report = IngestReport()
    files, errors = expand_paths(paths)
    report.errors.extend(errors)
    with writer_lock(index), _lease(index):
        index.sync()  # another process may have committed since this one loaded the index
        pending, vectors = _prepare_and_embed(index, files, report, progress, on_prepared)
        fresh = {sd.document.meta.doc_id for _, sd in pending}
        older = [index.docs[f.doc_id] for f in index.state.files.values()  # an index from before
                 if f.doc_id not in fresh and f.doc_id in index.docs
                 and not index.docstore.has_sentence_vectors(f.doc_id, f.content_hash)]
        sentence_vectors = _embed_sentences(index, [sd for _, sd in pending] + older, progress)
        for sd in older:
            if sd.document.meta.doc_id in sentence_vectors:
                index.docstore.save_sentence_vectors(sd.document.meta.doc_id, sd.document.content_hash,
                                                     sentence_vectors[sd.document.meta.doc_id])
        _tag_entities(index, [sd for _, sd in pending], progress)
        with index.lock:  # commit: store writes, BM25, state, snapshot swap
            state = index.state.model_copy(deep=True)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            all_ids: list[str] = []
            metas: list[dict[str, Any]] = []
            texts: list[str] = []
            for key, sd in pending:
                m = sd.document.meta
                ids = [c.chunk_id for c in sd.chunks]
                all_ids += ids
                metas += [{"doc_id": m.doc_id, "doc_type": m.doc_type, "date": date_int(m.date),
                           "section": c.section[-200:], "char_start": c.char_start, "char_end": c.char_end}
                          for c in sd.chunks]
                texts += [c.text for c in sd.chunks]
                (report.updated if key in state.files else report.added).append(m.doc_id)
                state.files[key] = FileState(doc_id=m.doc_id, content_hash=sd.document.content_hash,
                                             chunk_ids=ids, ingested_at=now, meta=m,
                                             chars=len(sd.document.text))
            if all_ids:  # in batches: one request per few thousand passages with a server, not one per document
                index.store.add(all_ids, np.stack([vectors[c] for c in all_ids]), metas, texts)
            index.docstore.save_docs([sd for _, sd in pending], sentence_vectors)
            if prune:
                for key in list(state.files):
                    if not Path(key).exists():
                        report.removed.append(state.files.pop(key).doc_id)
            if pending or report.removed:
                _commit(index, state, pending, now)
        if pending:  # scores of the new passages, so that a restarted app does not re-embed them
            with contextlib.suppress(OSError):
                detector().save(index.root / SCORES_FILE)
    report.seconds = round(time.perf_counter() - t0, 3)
    return report


def _prepare_and_embed(index: Index, files: list[Path], report: IngestReport, progress: Progress | None,
                       on_prepared: Prepared | None = None
                       ) -> tuple[list[tuple[str, StoredDoc]], dict[str, np.ndarray]]:
    """Everything slow, against the current snapshot and without the index lock."""
    settings = index.settings
    state = index.state
    pending: list[tuple[str, StoredDoc]] = []
    used_ids = {f.doc_id: key for key, f in state.files.items()}
    manifests: dict[Path, dict[str, dict[str, Any]]] = {}
    for i, path in enumerate(files):
        if progress:
            progress("read", i, len(files))
        key = str(path.resolve())
        try:
            check_size(path)  # before reading a byte
            data = path.read_bytes()
            if path.parent not in manifests:  # read once per folder, not once per file
                manifests[path.parent] = load_manifest(path.parent)
            manifest = manifests[path.parent]
            entry = manifest.get(path.name, {})
            h = hashlib.sha256(data + json.dumps(entry, sort_keys=True, default=str).encode()
                               + CLEANING.encode()).hexdigest()
            del data
            old = state.files.get(key)
            if old and old.content_hash == h:
                report.unchanged.append(old.doc_id)
                continue
            doc, cleaned, warnings = prepare(path, h, manifest)
            doc_id = doc.meta.doc_id
            if doc_id in used_ids and used_ids[doc_id] != key:
                doc_id = f"{doc_id}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
                doc.meta.doc_id = doc_id
            chunks = chunk_document(
                doc_id, cleaned, index.embedder.count_tokens, settings.chunking.max_tokens,
                settings.chunking.overlap_sentences, settings.chunking.min_tokens,
            )
            if not chunks:
                raise LoadError(f"{path}: no text to index")
            used_ids[doc_id] = key
            pending.append((key, StoredDoc(document=doc, chunks=chunks)))
            prime([c.text for c in chunks])  # one embedding batch per file for the injection detector
            if any(looks_like_injection(c.text) for c in chunks):
                warnings.append(f"{path.name}: contains instruction-like text (prompt injection?); "
                                "those passages are never used as evidence")
            for w in warnings:
                report.errors.append({"path": str(path), "reason": f"warning: {w}"})
        except LoadError as exc:
            report.errors.append({"path": str(path), "reason": str(exc)})
        except OSError as exc:
            report.errors.append({"path": str(path), "reason": f"cannot read: {exc}"})

    if on_prepared is not None and pending:
        on_prepared([sd for _, sd in pending])
    # Embed only chunks the store does not already hold; small batches keep the CPU shareable.
    known = set(index.chunks)
    to_embed = [c for _, sd in pending for c in sd.chunks if c.chunk_id not in known]
    headers = {sd.document.meta.doc_id: sd.document.meta.title for _, sd in pending}
    vectors: dict[str, np.ndarray] = {}
    batch = max(1, settings.embed_batch_size)
    for i in range(0, len(to_embed), batch):
        part = to_embed[i : i + batch]
        if progress:
            progress("embed", i, len(to_embed))
        texts = [contextual(headers[c.doc_id], c) for c in part]
        for c, v in zip(part, index.embedder.embed(texts), strict=True):
            vectors[c.chunk_id] = v
        time.sleep(0)  # let a waiting question run between batches
    if progress and to_embed:
        progress("embed", len(to_embed), len(to_embed))
    reused = [c.chunk_id for _, sd in pending for c in sd.chunks if c.chunk_id in known]
    vectors.update(index.store.get_embeddings(reused))
    missing = [c for _, sd in pending for c in sd.chunks if c.chunk_id not in vectors]
    if missing:  # removed from the store meanwhile
        for c, v in zip(missing, index.embedder.embed([contextual(headers[c.doc_id], c) for c in missing]),
                        strict=True):
            vectors[c.chunk_id] = v
    report.chunks_embedded = len(to_embed) + len(missing)
    return pending, vectors


def _embed_sentences(index: Index, docs: list[StoredDoc], progress: Progress | None) -> dict[str, np.ndarray]:
    """Every sentence embedded once, at ingest: a question then embeds only itself, never the library's text."""
    batch = max(1, index.settings.embed_batch_size)
    work = [(sd.document.meta.doc_id, sd.document.text[s:e]) for sd in docs for s, e in sentences_of(sd)]
    rows: list[np.ndarray] = []
    for i in range(0, len(work), batch):
        if progress:
            progress("embed sentences", i, len(work))
        rows.extend(index.embedder.embed([t for _, t in work[i : i + batch]]))
        time.sleep(0)  # let a waiting question run between batches
    if progress and work:
        progress("embed sentences", len(work), len(work))
    out: dict[str, list[np.ndarray]] = {}
    for (doc_id, _t), v in zip(work, rows, strict=True):
        out.setdefault(doc_id, []).append(v)
    return {d: np.stack(vs) for d, vs in out.items()}


def _tag_entities(index: Index, fresh: list[StoredDoc], progress: Progress | None) -> None:
    """Named entities of every sentence, tagged once at ingest (new documents, and those of an index from before
    that have none stored): a question reads them, never runs the tagger on stored text."""
    new_ids = {sd.document.meta.doc_id for sd in fresh}
    known = [(f.doc_id, f.content_hash) for f in index.state.files.values() if f.doc_id not in new_ids]
    todo = fresh + [index.docs[d] for d in index.entities.missing(known) if d in index.docs]
    for i, sd in enumerate(todo):
        if progress:
            progress("tag entities", i, len(todo))
        index.entities.compute(sd, sentences_of(sd))
        time.sleep(0)  # let a waiting question run between documents
    if progress and todo:
        progress("tag entities", len(todo), len(todo))


def _lease(index: Index) -> contextlib.AbstractContextManager[None]:
    """The inter-process writer lease (retrieval/lease.py): index folder lock, plus the server lease when remote."""
    store = index.store
    return writer_lease(index.root, store.client if store.remote else None, index.collection,
                        index.settings.lease_seconds)


def remove_documents(index: Index, doc_ids: list[str]) -> list[str]:
    with writer_lock(index), _lease(index), index.lock:
        index.sync()
        state = index.state.model_copy(deep=True)
        removed = []
        for key, f in list(state.files.items()):
            if f.doc_id in doc_ids:
                state.files.pop(key)
                removed.append(f.doc_id)
        if removed:
            _commit(index, state, [], datetime.now(UTC).isoformat(timespec="seconds"))
        return removed


def _commit(index: Index, state: IndexState, pending: list[tuple[str, StoredDoc]], now: str) -> None:
    """Build BM25 under a new folder, then write state (the commit point), then clean up. BM25 and the acronym
    table are derived from the passages in Chroma (written before this), so a commit reads no document."""
    fresh = {sd.document.meta.doc_id: sd for _, sd in pending}
    for f in state.files.values():
        if f.meta is None or f.chars is None:  # an index from before: the state learns each document's metadata
            sd = fresh.get(f.doc_id) or index.docstore.load_doc(f.doc_id, f.content_hash)
            f.meta, f.chars = sd.document.meta, len(sd.document.text)
    lexical, raw = lexical_from_store(index.store, state)
    ids = lexical.ids
    state.acronyms = find_acronyms(raw)  # a statistic of the whole library, computed once per commit
    new_dir = f"bm25-{int(time.time() * 1000)}"
    lexical.save(index.root / new_dir)
    state.bm25_dir = new_dir
    state.last_ingest = now
    index.docstore.save_state(state)  # commit
    # cleanup: chunks and files no longer referenced (also leftovers of an earlier crash)
    live = set(ids)
    stale = [cid for cid in index.store.all_ids() if cid not in live]
    if stale:
        index.store.delete(stale)
    index.docstore.remove_unreferenced(state, previous=index.state)
    keep_only(index.root, index.root / new_dir)
    index.reload()
