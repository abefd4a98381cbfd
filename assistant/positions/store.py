"""Statements of every indexed document, extracted once per document version and kept on disk beside the
index (`<index>/statements/`), keyed on the document's content hash, the extractor version and the actor
registry file: a question never parses text; an ingest (or the first contrast after one) does."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.positions.model import VERSION, Statement
from assistant.positions.statements import statements
from assistant.positions.texts import statement_texts
from assistant.textutil import STOPWORDS

if TYPE_CHECKING:
    from assistant.retrieval.docstore import StoredDoc
    from assistant.retrieval.index import Index


def proper_name(text: str) -> bool:
    """A speaker phrase that is a name though the parser did not tag it one ("Ana Ruiz"), not a description
    ("an eyewitness", "The ministry"): two to four capitalised words."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and words[0].lower() not in STOPWORDS


def named_speaker(s: Statement) -> bool:
    """Is the statement's speaker someone by name: a registry actor, a named person or organisation, or a phrase
    named like a person that the parser left untagged?"""
    return bool(s.actor or s.named or (s.speaker and proper_name(s.speaker)))


class StatementStore:
    def __init__(self, index: Index) -> None:
        self.index = index
        self._mem: dict[str, list[Statement]] = {}
        self._lock = threading.Lock()
        self._early: dict[tuple[str, str], list[Statement]] = {}  # extracted during the ingest's embedding
        self._early_thread: threading.Thread | None = None

    def extract_early(self, docs: list[StoredDoc]) -> None:
        """Extract these new documents' statements on a background thread (the ingest is embedding meanwhile:
        spaCy takes the second core); `for_doc` takes the results instead of extracting again."""
        registry = self.index.registry

        def work() -> None:
            for sd in docs:
                try:
                    got = statements(sd.document.text, sd.document.meta, registry)
                except Exception:  # for_doc extracts it again and reports a real failure there
                    continue
                with self._lock:
                    self._early[(sd.document.meta.doc_id, sd.document.content_hash)] = got

        self.finish_early()
        self._early_thread = threading.Thread(target=work, name="statements", daemon=True)
        self._early_thread.start()

    def finish_early(self) -> None:
        t, self._early_thread = self._early_thread, None
        if t is not None:
            t.join()

    def _registry_key(self) -> str:
        reg = self.index.registry
        raw = reg.path.read_bytes() if reg.path and Path(reg.path).exists() else b""
        return hashlib.sha1(raw + VERSION.encode()).hexdigest()[:10]

    def _path(self, doc_id: str, content_hash: str) -> Path:
        return self.index.root / "statements" / f"{doc_id}.{content_hash[:12]}.{self._registry_key()}.json"

    def for_doc(self, doc_id: str) -> list[Statement]:
        stored = self.index.docs[doc_id]
        path = self._path(doc_id, stored.document.content_hash)
        key = str(path)
        with self._lock:
            if key in self._mem:
                return self._mem[key]
        fresh = not self.index.docstore.fetch(path)  # stored here, or by another machine on the server
        if not fresh:
            got = [Statement(**d) for d in json.loads(path.read_text(encoding="utf-8"))]
        else:
            with self._lock:
                early = self._early.pop((doc_id, stored.document.content_hash), None)
            got = early if early is not None else statements(stored.document.text, stored.document.meta,
                                                             self.index.registry)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps([s.to_dict() for s in got], ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
            self.index.docstore.publish(path)
        self._vectors(path, stored.document.text, got, compute=fresh)
        with self._lock:
            self._mem[key] = got
        return got

    def _vectors(self, path: Path, text: str, got: list[Statement], compute: bool) -> None:
        """Embeddings of each statement's comparison texts, computed with the statements (at ingest) and stored
        beside them: the first question about an actor then embeds only itself. Statements stored by an older
        version without them are embedded on demand instead (no library-wide pass on a first question)."""
        texts = list(dict.fromkeys(t for s in got for t in statement_texts(text, s)))
        if not texts:
            return
        vpath = path.with_suffix(".npy")
        vecs: np.ndarray | None = None
        self.index.docstore.fetch(vpath)
        try:
            loaded = np.load(vpath)
            vecs = loaded if loaded.shape[0] == len(texts) else None
        except (OSError, ValueError):
            vecs = None
        if vecs is None:
            if not compute:
                return
            vecs = np.asarray(self.index.embedder.embed(texts), dtype=np.float32)
            tmp = vpath.with_name(vpath.name + ".tmp.npy")
            try:
                np.save(tmp, vecs)
                tmp.replace(vpath)
                self.index.docstore.publish(vpath)
            except OSError:
                tmp.unlink(missing_ok=True)  # a read-only index still answers: vectors stay in memory
        self.index.remember_vectors(texts, vecs)

    def missing(self) -> list[str]:
        """Documents whose statements are not stored yet for this document version and registry (read from the
        state: no document is opened)."""
        key = self._registry_key()
        root = self.index.root / "statements"
        paths = {f.doc_id: root / f"{f.doc_id}.{f.content_hash[:12]}.{key}.json" for f in self.index.state.files.values()}
        there = self.index.docstore.available(list(paths.values()))
        return [d for d, p in paths.items() if p not in there]

    def all(self) -> dict[str, list[Statement]]:
        with self.index.docstore.batch():  # any extracted here are shared together (with a server)
            return {doc_id: self.for_doc(doc_id) for doc_id in sorted(self.index.docs)}

    def unregistered_speakers(self) -> list[dict[str, object]]:
        """Named speakers in the indexed documents who are not in the registry (candidates to add)."""
        found: dict[str, dict[str, object]] = {}
        for doc_id, sts in self.all().items():
            for s in sts:
                if s.actor or not s.speaker or not named_speaker(s):
                    continue
                row = found.setdefault(s.speaker, {"name": s.speaker, "statements": 0, "documents": []})
                row["statements"] = int(row["statements"]) + 1  # type: ignore[call-overload]
                docs = row["documents"]
                assert isinstance(docs, list)
                if doc_id not in docs:
                    docs.append(doc_id)
        return sorted(found.values(), key=lambda r: -int(r["statements"]))  # type: ignore[call-overload]
