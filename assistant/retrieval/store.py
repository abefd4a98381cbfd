"""Chroma vector store: embedded PersistentClient under index/ or a `chroma run` server."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import BriefingError

MAX_BATCH = 5000  # Chroma's limit is 5,461 per call


class Guarded:
    """A Chroma collection on a server whose calls fail with a clear message when the server cannot be reached
    (stopped, restarted, network gone), instead of a transport error from deep inside the client. The index
    loaded so far stays in memory; the next call tries the server again."""

    def __init__(self, inner: Any, location: str) -> None:
        self._inner = inner
        self._location = location

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            import httpx

            try:
                return attr(*args, **kwargs)
            except (httpx.TransportError, ConnectionError, TimeoutError) as exc:
                raise BriefingError(f"the Chroma server at {self._location} cannot be reached ({exc}); "
                                    "is `chroma run` still running?") from exc

        return call


class ChromaStore:
    def __init__(self, collection: str, path: Path | None = None, host: str | None = None, port: int = 8000):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        try:
            if host:
                self.client: Any = chromadb.HttpClient(host=host, port=port, settings=settings)
                self.location = f"http://{host}:{port}"
                self.remote = True
            else:
                assert path is not None
                path.mkdir(parents=True, exist_ok=True)
                self.client = chromadb.PersistentClient(path=str(path), settings=settings)
                self.location = str(path)
                self.remote = False
            self.collection = self.client.get_or_create_collection(
                collection, configuration={"hnsw": {"space": "cosine"}}
            )
            if self.remote:
                self.collection = Guarded(self.collection, self.location)
        except Exception as exc:
            raise BriefingError(f"cannot open the Chroma store at {host or path}: {exc}") from exc
        self.name = collection

    def add(self, ids: Sequence[str], embeddings: np.ndarray, metadatas: Sequence[dict[str, Any]],
            documents: Sequence[str]) -> None:
        for i in range(0, len(ids), MAX_BATCH):
            j = i + MAX_BATCH
            self.collection.upsert(
                ids=list(ids[i:j]),
                embeddings=embeddings[i:j].tolist(),
                metadatas=list(metadatas[i:j]),
                documents=list(documents[i:j]),
            )

    def delete(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), MAX_BATCH):
            self.collection.delete(ids=list(ids[i : i + MAX_BATCH]))

    def all_ids(self) -> list[str]:
        got = self.collection.get(include=[])
        return list(got["ids"])

    def iter_passages(self, page: int = 2000) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every passage's id, text and metadata, a page at a time."""
        offset = 0
        while True:
            got = self.collection.get(include=["documents", "metadatas"], limit=page, offset=offset)
            ids = list(got["ids"])
            yield from zip(ids, got["documents"] or [""] * len(ids), got["metadatas"] or [{}] * len(ids), strict=True)
            if len(ids) < page:
                return
            offset += page

    def count(self) -> int:
        return int(self.collection.count())

    def query(self, embedding: np.ndarray, n: int, where: dict[str, Any] | None = None,
              with_embeddings: bool = False) -> list[tuple[str, float, np.ndarray | None]]:
        n = max(1, min(n, self.count()))
        include = ["distances", "embeddings"] if with_embeddings else ["distances"]
        res = self.collection.query(
            query_embeddings=[embedding.tolist()], n_results=n, where=where or None, include=include
        )
        ids = res["ids"][0]
        dists = res["distances"][0] if res.get("distances") else [0.0] * len(ids)
        embs = res.get("embeddings")
        vecs = embs[0] if embs is not None and len(embs) else [None] * len(ids)
        return [
            (cid, 1.0 - float(d), None if v is None else np.asarray(v, dtype=np.float32))
            for cid, d, v in zip(ids, dists, vecs, strict=False)
        ]

    def get_embeddings(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        res = self.collection.get(ids=list(ids), include=["embeddings"])
        return {cid: np.asarray(v, dtype=np.float32) for cid, v in zip(res["ids"], res["embeddings"], strict=True)}
