"""The index folder: cleaned documents with their chunks, the ingest state, and the BM25 index.

Writes are atomic (temp file + rename), and the state file is written last: a crash mid-ingest
leaves the previous state, which only references chunks that still exist.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from assistant.types import Chunk, Document, DocumentMeta


class StoredDoc(BaseModel):
    document: Document
    chunks: list[Chunk]


def sentences_of(sd: StoredDoc) -> list[tuple[int, int]]:
    """The document's sentences in order, as its chunks hold them (overlapping chunks share sentences)."""
    return sorted({(s.char_start, s.char_end) for c in sd.chunks for s in c.sentences})


class FileState(BaseModel):
    doc_id: str
    content_hash: str
    chunk_ids: list[str]
    ingested_at: str
    meta: DocumentMeta | None = None  # the document's metadata, so a snapshot needs not read the document
    chars: int | None = None  # length of its cleaned text


class IndexState(BaseModel):
    collection: str
    embed_model: str
    files: dict[str, FileState] = Field(default_factory=dict)  # key: resolved source path
    last_ingest: str | None = None
    bm25_dir: str | None = None
    acronyms: dict[str, str] | None = None  # defined in the library's text, found at ingest (None: an older index)


def atomic_write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, path)


class DocStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs_dir = root / "docs"

    @property
    def state_path(self) -> Path:
        return self.root / "state.json"

    @property
    def bm25_path(self) -> Path:
        return self.root / "bm25"

    def stamp(self) -> Any:
        """Changes with every commit: the state file is replaced whole, so a new inode per commit."""
        try:
            st = os.stat(self.state_path)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def load_state(self, collection: str, embed_model: str) -> IndexState:
        if self.state_path.exists():
            return IndexState.model_validate_json(self.state_path.read_text(encoding="utf-8"))
        return IndexState(collection=collection, embed_model=embed_model)

    def save_state(self, state: IndexState) -> None:
        atomic_write(self.state_path, state.model_dump_json(indent=1))

    def doc_path(self, doc_id: str, content_hash: str) -> Path:
        return self.docs_dir / f"{doc_id}.{content_hash[:12]}.json"

    def save_doc(self, stored: StoredDoc) -> None:
        atomic_write(self.doc_path(stored.document.meta.doc_id, stored.document.content_hash),
                     stored.model_dump_json())

    def save_docs(self, docs: list[StoredDoc], sentence_vectors: dict[str, np.ndarray]) -> None:
        """New documents and the sentence vectors of those that have them."""
        for sd in docs:
            self.save_doc(sd)
            m = sd.document.meta
            if m.doc_id in sentence_vectors:
                self.save_sentence_vectors(m.doc_id, sd.document.content_hash, sentence_vectors[m.doc_id])

    def load_doc(self, doc_id: str, content_hash: str) -> StoredDoc:
        return StoredDoc.model_validate_json(self.doc_path(doc_id, content_hash).read_text(encoding="utf-8"))

    def vectors_path(self, doc_id: str, content_hash: str) -> Path:
        return self.docs_dir / f"{doc_id}.{content_hash[:12]}.sentences.npy"

    def save_sentence_vectors(self, doc_id: str, content_hash: str, vectors: np.ndarray) -> None:
        """One row per sentence of the document, in document order (as the index lists its sentences)."""
        path = self.vectors_path(doc_id, content_hash)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}.npy")
        np.save(tmp, vectors.astype(np.float32))
        os.replace(tmp, path)

    def load_sentence_vectors(self, doc_id: str, content_hash: str) -> np.ndarray | None:
        try:
            return np.load(self.vectors_path(doc_id, content_hash))  # type: ignore[no-any-return]
        except (OSError, ValueError):
            return None  # not computed (an index from before) or unreadable: sentences are embedded on demand

    def has_sentence_vectors(self, doc_id: str, content_hash: str) -> bool:
        return self.vectors_path(doc_id, content_hash).exists()

    # Files derived from a document at ingest (its statements and their vectors): kept beside the index. With a
    # server they are shared through it too (remote_docstore.py), so that no machine derives them again.
    def fetch(self, path: Path) -> bool:
        """Make a derived file available at `path`; True when it exists now."""
        return path.exists()

    def publish(self, path: Path) -> None:
        """A derived file was written at `path` (shared with the other machines when there is a server)."""

    def available(self, paths: list[Path]) -> set[Path]:
        """Which of these derived files exist (here, or on the server)."""
        return {p for p in paths if p.exists()}

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Publish the derived files written inside together, at the end (a few requests, not one per file)."""
        yield

    def remove_unreferenced(self, state: IndexState, previous: IndexState | None = None) -> None:
        """Delete document files no state refers to. Those of the `previous` state are kept one commit longer:
        a question that started before this commit still reads its documents from disk (they load lazily)."""
        files = [*state.files.values(), *(previous.files.values() if previous is not None else [])]
        keep = {self.doc_path(f.doc_id, f.content_hash).name for f in files}
        keep |= {self.vectors_path(f.doc_id, f.content_hash).name for f in files}
        if self.docs_dir.exists():
            for f in [*self.docs_dir.glob("*.json"), *self.docs_dir.glob("*.npy")]:
                if f.name not in keep:
                    f.unlink(missing_ok=True)

    def info(self) -> dict[str, Any]:
        return json.loads(self.state_path.read_text()) if self.state_path.exists() else {}
