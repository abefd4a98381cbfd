"""The docstore on a `chroma run` server: Chroma holds the truth, the local folder only caches it.

With a server, processes on different machines share nothing but Chroma. So the documents (text, sections,
chunks with their sentence spans), their sentence vectors and the ingest state live in a sibling collection
(`<collection>__docs`) beside the passages:
- `state` holds the IndexState as JSON, with a version counter in its metadata. Writing it is the commit point:
  one upsert of one record, made after every record it refers to was written.
- `doc:<doc_id>:<hash12>` holds one document; `sv:<doc_id>:<hash12>` holds its sentence vectors (float32 .npy,
  base64). Both keyed by content, so a commit never overwrites what a reader of the previous state reads.
The local folder (under BRIEFING_INDEX_DIR) keeps copies of what this process read, and the BM25 index, which
`Index` rebuilds from the passages in Chroma when the state names a BM25 folder this machine does not have.
A local copy is never read in place of a newer state: documents are immutable per content hash, and the state
is always read from Chroma.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import BriefingError
from assistant.retrieval.docstore import DocStore, IndexState, StoredDoc, atomic_write
from assistant.retrieval.store import Guarded

STATE_ID = "state"
_DUMMY = [1.0]  # the records hold documents, not vectors; Chroma needs one per record
PAGE = 500
SYNC_EVERY_S = 0.5  # how often a reader asks the server whether the state changed (one small request)


BATCH = 50  # documents per request


def _encode(vectors: np.ndarray) -> str:
    buf = io.BytesIO()
    np.save(buf, vectors.astype(np.float32))
    return base64.b64encode(buf.getvalue()).decode("ascii")


def docs_collection_name(collection: str) -> str:
    return f"{collection}__docs"


class RemoteDocStore(DocStore):
    def __init__(self, root: Any, client: Any, collection: str, location: str = "the Chroma server") -> None:
        super().__init__(root)
        try:
            self.col = Guarded(client.get_or_create_collection(docs_collection_name(collection)), location)
        except Exception as exc:
            raise BriefingError(f"cannot open the document collection on the Chroma server: {exc}") from exc
        self._checked = 0.0
        self._version: int | None = None
        self._outbox: list[Path] = []  # derived files written, not yet sent (inside `batch`)
        self._batching = 0

    # ---- state (the commit point) ------------------------------------------------------------------
    def stamp(self) -> Any:
        """The state's version on the server, asked at most every SYNC_EVERY_S (one small request)."""
        now = time.monotonic()
        if self._version is not None and now - self._checked < SYNC_EVERY_S:
            return self._version
        got = self.col.get(ids=[STATE_ID], include=["metadatas"])
        metas = got.get("metadatas") or []
        self._version = int(metas[0].get("version", 0)) if got["ids"] and metas and metas[0] else 0
        self._checked = now
        return self._version

    def load_state(self, collection: str, embed_model: str) -> IndexState:
        got = self.col.get(ids=[STATE_ID], include=["documents", "metadatas"])
        if not got["ids"]:
            return IndexState(collection=collection, embed_model=embed_model)
        text = got["documents"][0]
        atomic_write(self.state_path, text)  # a local copy, for `briefing info` and for inspection
        return IndexState.model_validate_json(text)

    def save_state(self, state: IndexState) -> None:
        version = int(self.stamp_now()) + 1
        text = state.model_dump_json(indent=1)
        self.col.upsert(ids=[STATE_ID], embeddings=[_DUMMY], documents=[text],
                        metadatas=[{"version": version, "saved": time.time()}])
        atomic_write(self.state_path, text)
        self._version, self._checked = version, time.monotonic()

    def stamp_now(self) -> int:
        self._checked = 0.0
        return int(self.stamp())

    def info(self) -> dict[str, Any]:
        got = self.col.get(ids=[STATE_ID], include=["documents"])
        return json.loads(got["documents"][0]) if got["ids"] else {}

    # ---- documents -----------------------------------------------------------------------------------
    @staticmethod
    def _doc_id(doc_id: str, content_hash: str) -> str:
        return f"doc:{doc_id}:{content_hash[:12]}"

    @staticmethod
    def _vec_id(doc_id: str, content_hash: str) -> str:
        return f"sv:{doc_id}:{content_hash[:12]}"

    def save_doc(self, stored: StoredDoc) -> None:
        m = stored.document.meta
        text = stored.model_dump_json()
        self.col.upsert(ids=[self._doc_id(m.doc_id, stored.document.content_hash)], embeddings=[_DUMMY],
                        documents=[text], metadatas=[{"kind": "doc", "doc_id": m.doc_id}])
        atomic_write(self.doc_path(m.doc_id, stored.document.content_hash), text)

    def save_docs(self, docs: list[StoredDoc], sentence_vectors: dict[str, np.ndarray]) -> None:
        """In batches of BATCH documents (with their sentence vectors): a few requests per ingest, not two per
        document."""
        for i in range(0, len(docs), BATCH):
            ids, texts, metas = [], [], []
            for sd in docs[i : i + BATCH]:
                m, h = sd.document.meta, sd.document.content_hash
                text = sd.model_dump_json()
                ids.append(self._doc_id(m.doc_id, h))
                texts.append(text)
                metas.append({"kind": "doc", "doc_id": m.doc_id})
                atomic_write(self.doc_path(m.doc_id, h), text)
                if m.doc_id in sentence_vectors:
                    ids.append(self._vec_id(m.doc_id, h))
                    texts.append(_encode(sentence_vectors[m.doc_id]))
                    metas.append({"kind": "sentence_vectors", "doc_id": m.doc_id})
                    DocStore.save_sentence_vectors(self, m.doc_id, h, sentence_vectors[m.doc_id])
            self.col.upsert(ids=ids, embeddings=[_DUMMY] * len(ids), documents=texts, metadatas=metas)

    def load_doc(self, doc_id: str, content_hash: str) -> StoredDoc:
        path = self.doc_path(doc_id, content_hash)
        if path.exists():  # immutable per content hash: a local copy is the same document
            return StoredDoc.model_validate_json(path.read_text(encoding="utf-8"))
        got = self.col.get(ids=[self._doc_id(doc_id, content_hash)], include=["documents"])
        if not got["ids"]:
            raise FileNotFoundError(f"document {doc_id} is not on the Chroma server")
        text = got["documents"][0]
        atomic_write(path, text)
        return StoredDoc.model_validate_json(text)

    def save_sentence_vectors(self, doc_id: str, content_hash: str, vectors: np.ndarray) -> None:
        self.col.upsert(ids=[self._vec_id(doc_id, content_hash)], embeddings=[_DUMMY],
                        documents=[_encode(vectors)],
                        metadatas=[{"kind": "sentence_vectors", "doc_id": doc_id}])
        super().save_sentence_vectors(doc_id, content_hash, vectors)

    def load_sentence_vectors(self, doc_id: str, content_hash: str) -> np.ndarray | None:
        local = super().load_sentence_vectors(doc_id, content_hash)
        if local is not None:
            return local
        got = self.col.get(ids=[self._vec_id(doc_id, content_hash)], include=["documents"])
        if not got["ids"]:
            return None
        try:
            vecs = np.load(io.BytesIO(base64.b64decode(got["documents"][0])))
        except (ValueError, OSError):
            return None
        super().save_sentence_vectors(doc_id, content_hash, vecs)
        return vecs  # type: ignore[no-any-return]

    def has_sentence_vectors(self, doc_id: str, content_hash: str) -> bool:
        return bool(self.col.get(ids=[self._vec_id(doc_id, content_hash)], include=[])["ids"])

    # ---- derived files (statements and their vectors), shared through the server ------------------------
    def _file_id(self, path: Path) -> str:
        return "file:" + path.relative_to(self.root).as_posix()

    def fetch(self, path: Path) -> bool:
        if path.exists():
            return True
        got = self.col.get(ids=[self._file_id(path)], include=["documents"])
        if not got["ids"]:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        tmp.write_bytes(base64.b64decode(got["documents"][0]))
        os.replace(tmp, path)
        return True

    def publish(self, path: Path) -> None:
        self._outbox.append(path)
        if self._batching == 0 or len(self._outbox) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        out, self._outbox = self._outbox, []
        if out:
            self.col.upsert(ids=[self._file_id(p) for p in out], embeddings=[_DUMMY] * len(out),
                            documents=[base64.b64encode(p.read_bytes()).decode("ascii") for p in out],
                            metadatas=[{"kind": "derived", "doc_id": p.name.split(".")[0]} for p in out])

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if self._batching == 0:
                self._flush()

    def available(self, paths: list[Path]) -> set[Path]:
        here = {p for p in paths if p.exists()}
        rest = [p for p in paths if p not in here]
        for i in range(0, len(rest), PAGE):
            part = rest[i : i + PAGE]
            ids = set(self.col.get(ids=[self._file_id(p) for p in part], include=[])["ids"])
            here |= {p for p in part if self._file_id(p) in ids}
        return here

    def remove_unreferenced(self, state: IndexState, previous: IndexState | None = None) -> None:
        files = [*state.files.values(), *(previous.files.values() if previous is not None else [])]
        keep = {STATE_ID} | {self._doc_id(f.doc_id, f.content_hash) for f in files} | \
            {self._vec_id(f.doc_id, f.content_hash) for f in files}
        live_versions = {f"{f.doc_id}.{f.content_hash[:12]}." for f in files}
        offset = 0
        stale: list[str] = []
        while True:
            got = self.col.get(include=[], limit=PAGE, offset=offset)
            stale += [i for i in got["ids"] if i not in keep and not (
                i.startswith("file:") and any(v in i for v in live_versions))]
            if len(got["ids"]) < PAGE:
                break
            offset += PAGE
        for i in range(0, len(stale), PAGE):
            self.col.delete(ids=stale[i : i + PAGE])
        super().remove_unreferenced(state, previous)
