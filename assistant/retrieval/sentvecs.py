"""Sentence embeddings for the evidence layer: computed once at ingest and stored beside each document
(docstore), loaded per document on first use; any other text is embedded on demand and kept, keyed by the text
itself (so a re-ingested document never gets stale vectors)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np

from assistant.retrieval.docstore import DocStore
from assistant.retrieval.embedder import Embedder

if TYPE_CHECKING:
    from assistant.retrieval.snapshot import Snapshot

MAX_CACHED = 200_000  # texts kept in memory; past it the cache starts again (documents reload on demand)


class SentenceVectors:
    def __init__(self, embedder: Embedder, docstore: DocStore) -> None:
        self.embedder = embedder
        self.docstore = docstore
        self._vecs: dict[str, np.ndarray] = {}
        self._warm: set[tuple[str, str]] = set()  # (doc_id, content hash) whose stored vectors are loaded
        self._lock = threading.Lock()

    def warm(self, snap: Snapshot, doc_ids: list[str]) -> None:
        """Load the vectors computed at ingest for these documents (once each; no model call)."""
        for doc_id in doc_ids:
            sd = snap.docs.get(doc_id)
            if sd is None or (doc_id, sd.document.content_hash) in self._warm:
                continue
            vecs = self.docstore.load_sentence_vectors(doc_id, sd.document.content_hash)
            spans = snap.doc_sentences.get(doc_id, [])
            with self._lock:
                self._warm.add((doc_id, sd.document.content_hash))
                if vecs is None or len(vecs) != len(spans):
                    continue  # an index from before sentence vectors: embedded on demand
                text = sd.document.text
                for (s, e), v in zip(spans, vecs, strict=True):
                    self._vecs[text[s:e]] = v

    def seed(self, texts: list[str], vecs: np.ndarray) -> None:
        """Vectors computed earlier for these texts (e.g. stored beside derived data at ingest)."""
        with self._lock:
            for t, v in zip(texts, vecs, strict=True):
                self._vecs.setdefault(t, v)

    def get(self, texts: list[str]) -> list[np.ndarray]:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vecs]
        if missing:
            vecs = self.embedder.embed(missing)
            with self._lock:
                if len(self._vecs) > MAX_CACHED:
                    self._vecs.clear()
                    self._warm.clear()
                for t, v in zip(missing, vecs, strict=True):
                    self._vecs[t] = v
        with self._lock:
            got = {t: self._vecs.get(t) for t in texts}
        late = [t for t, v in got.items() if v is None]
        if late:  # evicted in between: embed directly
            for t, v in zip(late, self.embedder.embed(late), strict=True):
                got[t] = v
        return [got[t] for t in texts]  # type: ignore[misc]
