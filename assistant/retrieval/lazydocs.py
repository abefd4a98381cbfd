"""Documents read on demand: a snapshot knows every document and passage by id (from the ingest state), and
reads a document's text, chunks and sentence spans from the docstore only when a question needs them, keeping
the most recently used ones in a bounded cache. Start-up and memory then do not grow with the library's text.
"""

from __future__ import annotations

import threading
from abc import abstractmethod
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import TypeVar

from assistant.retrieval.docstore import DocStore, IndexState, StoredDoc, sentences_of
from assistant.types import Chunk

V = TypeVar("V")


class DocCache:
    """doc_id -> StoredDoc, loaded from the docstore on first use; at most `size` kept (least recently used
    dropped). Documents handed in at build time (an index from before, read whole anyway) stay pinned."""

    def __init__(self, store: DocStore, hashes: dict[str, str], size: int,
                 pinned: dict[str, StoredDoc] | None = None) -> None:
        self.store = store
        self.hashes = hashes  # doc_id -> content hash, from the state
        self.size = max(1, size)
        self.pinned = pinned or {}
        self._lru: OrderedDict[str, StoredDoc] = OrderedDict()
        self._lock = threading.Lock()
        self.loads = 0  # documents read from disk (for tests and benchmarks)

    def get(self, doc_id: str) -> StoredDoc | None:
        sd = self.pinned.get(doc_id)
        if sd is not None:
            return sd
        h = self.hashes.get(doc_id)
        if h is None:
            return None
        with self._lock:
            sd = self._lru.get(doc_id)
            if sd is not None:
                self._lru.move_to_end(doc_id)
                return sd
        try:
            sd = self.store.load_doc(doc_id, h)
        except FileNotFoundError:
            return None  # removed by a newer commit of another process: the next sync drops it
        with self._lock:
            self.loads += 1
            self._lru[doc_id] = sd
            while len(self._lru) > self.size:
                self._lru.popitem(last=False)
        return sd

    def cached(self) -> int:
        return len(self.pinned) + len(self._lru)

    def carry(self, older: DocCache) -> None:
        """Keep what an older snapshot's cache read of documents that did not change (a commit of new documents
        does not send every question back to disk)."""
        with older._lock:
            kept = [(d, sd) for d, sd in older._lru.items() if self.hashes.get(d) == sd.document.content_hash]
        with self._lock:
            for d, sd in kept[-self.size:]:
                self._lru[d] = sd


class _View(Mapping[str, V]):
    """A read-only mapping whose keys are known up front (from the state) and whose values are read on demand."""

    def __init__(self, keys: Mapping[str, object]) -> None:
        self._keys = keys

    @abstractmethod
    def _value(self, key: str) -> V | None:
        """The value of a known key, read on demand (each view says how); None when it cannot be read."""

    def __getitem__(self, key: str) -> V:
        got = self._value(key) if key in self._keys else None
        if got is None:
            raise KeyError(key)
        return got

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class LazyDocs(_View[StoredDoc]):
    def __init__(self, cache: DocCache) -> None:
        super().__init__(cache.hashes)
        self.cache = cache

    def _value(self, doc_id: str) -> StoredDoc | None:
        return self.cache.get(doc_id)


class LazyChunks(_View[Chunk]):
    """chunk_id -> Chunk; which document holds a chunk is known from the state without reading it."""

    def __init__(self, owner: dict[str, str], docs: LazyDocs) -> None:
        super().__init__(owner)
        self.owner = owner  # chunk_id -> doc_id
        self.docs = docs

    def _value(self, chunk_id: str) -> Chunk | None:
        sd = self.docs.cache.get(self.owner[chunk_id])
        return next((c for c in sd.chunks if c.chunk_id == chunk_id), None) if sd is not None else None


class LazySentences(_View[list[tuple[int, int]]]):
    """doc_id -> the document's sentence spans (as its chunks hold them), from the document when first read."""

    def __init__(self, docs: LazyDocs) -> None:
        super().__init__(docs.cache.hashes)
        self.docs = docs

    def _value(self, doc_id: str) -> list[tuple[int, int]] | None:
        sd = self.docs.cache.get(doc_id)
        return sentences_of(sd) if sd is not None else None


def lazy_view(store: DocStore, state: IndexState, size: int,
              older: LazyDocs | None = None) -> tuple[LazyDocs, LazyChunks, LazySentences]:
    """The snapshot's documents, passages and sentences. An index written before the state carried each
    document's metadata has its documents read now and pinned (what every index did before)."""
    hashes = {f.doc_id: f.content_hash for f in state.files.values()}
    pinned: dict[str, StoredDoc] = {}
    for f in state.files.values():
        if f.meta is None:
            try:
                pinned[f.doc_id] = store.load_doc(f.doc_id, f.content_hash)
            except FileNotFoundError:
                hashes.pop(f.doc_id, None)
    owner = {cid: f.doc_id for f in state.files.values() if f.doc_id in hashes for cid in f.chunk_ids}
    docs = LazyDocs(DocCache(store, hashes, size, pinned))
    if older is not None:
        docs.cache.carry(older.cache)
    return docs, LazyChunks(owner, docs), LazySentences(docs)
