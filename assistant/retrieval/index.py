"""The searchable index: Chroma + BM25 + stored documents, loaded together and queried together."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.positions.registry import ActorRegistry
from assistant.retrieval.docstore import DocStore, IndexState, StoredDoc
from assistant.retrieval.embedder import Embedder
from assistant.retrieval.hybrid import mmr, near_duplicate, rrf
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.store import ChromaStore
from assistant.settings import Settings
from assistant.textutil import fold, tokens
from assistant.types import AlsoIn, Chunk, DocumentMeta, Hit, SearchFilters


def date_int(iso: str | None) -> int:
    if not iso:
        return 0
    parts = ([*iso.split("-"), "01", "01"])[:3]
    try:
        return int(parts[0]) * 10000 + int(parts[1]) * 100 + int(parts[2])
    except ValueError:
        return 0


_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w-]*[ &]+(?:(?:and|of|for|the|&) +)?){1,8})\(([A-Z][A-Za-z0-9]{1,9})\)")


def find_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """'Low-Cost Effectors and Autonomous Platforms (LEAP)' -> {'LEAP': 'Low-Cost Effectors ...'}."""
    found: dict[str, str] = {}
    for text in texts:
        for m in _ACRONYM_DEF.finditer(text):
            words = m.group(1).split()
            acro = m.group(2)
            initials = [w for w in words if w[0].isupper()]
            if len(initials) >= 2 and acro[0].upper() == initials[0][0].upper():
                found.setdefault(acro, " ".join(words[-(len(words)):]))
    return found


def expand_acronyms(query: str, acronyms: dict[str, str]) -> str:
    extra = [acronyms[t] for t in re.findall(r"\b[A-Z][A-Za-z0-9]{1,9}\b", query) if t in acronyms]
    return query if not extra else query + " " + " ".join(extra)


EXACT_BELOW = 3000  # filtered to at most this many chunks: exact dense scoring beats the ANN `where` path


class Index:
    def __init__(self, settings: Settings, embedder: Embedder, registry: ActorRegistry) -> None:
        self.settings = settings
        self.embedder = embedder
        self.registry = registry
        self.collection = settings.collection_name(embedder.model_id)
        self.root: Path = settings.index_dir / self.collection
        self.docstore = DocStore(self.root)
        self.store = ChromaStore(
            self.collection,
            path=settings.index_dir / "chroma",
            host=settings.chroma_host,
            port=settings.chroma_port,
        )
        self.lock = threading.RLock()
        self.reload()

    # ---- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        with self.lock:
            self.state: IndexState = self.docstore.load_state(self.collection, self.embedder.model_id)
            self.docs: dict[str, StoredDoc] = {}
            for f in self.state.files.values():
                try:
                    self.docs[f.doc_id] = self.docstore.load_doc(f.doc_id, f.content_hash)
                except FileNotFoundError:
                    continue
            self.chunks: dict[str, Chunk] = {c.chunk_id: c for d in self.docs.values() for c in d.chunks}
            self.acronyms = find_acronyms(c.text for c in self.chunks.values())
            self.doc_sentences: dict[str, list[tuple[int, int]]] = {}
            for doc_id, d in self.docs.items():
                spans = {(s.char_start, s.char_end) for c in d.chunks for s in c.sentences}
                self.doc_sentences[doc_id] = sorted(spans)
            self.folded = {cid: fold(c.text) for cid, c in self.chunks.items()}
            self.chunk_terms = {cid: set(tokens(c.text)) for cid, c in self.chunks.items()}
            self._sentence_vecs: dict[tuple[str, int, int], np.ndarray] = {}
            self._chunk_vecs: dict[str, np.ndarray] = {}
            bm25_dir = self.root / self.state_bm25_dir()
            self.lexical = LexicalIndex.load(bm25_dir) if bm25_dir.exists() else LexicalIndex([], None)
            # filter columns aligned with the BM25 id order: filters become vectorised masks
            order = self.lexical.ids
            doc_ids = sorted(self.docs)
            self._doc_pos = {d: i for i, d in enumerate(doc_ids)}
            metas = [self.docs[d].document.meta for d in doc_ids]
            self._doc_type = np.array([str(m.doc_type) for m in metas] or [""], dtype=object)
            self._doc_date = np.array([date_int(m.date) for m in metas] or [0], dtype=np.int64)
            self._col_doc = np.array([self._doc_pos.get(self.chunks[c].doc_id, -1) if c in self.chunks else -1
                                      for c in order], dtype=np.int64)

    def state_bm25_dir(self) -> str:
        return self.state.bm25_dir or "bm25"

    def meta(self, doc_id: str) -> DocumentMeta:
        return self.docs[doc_id].document.meta

    def doc_text(self, doc_id: str) -> str:
        return self.docs[doc_id].document.text

    def sentence_vectors(self, keys: list[tuple[str, int, int]]) -> list[np.ndarray]:
        """Embeddings of document sentences, computed on first use and cached (ingest stays lean)."""
        with self.lock:
            missing = [k for k in dict.fromkeys(keys) if k not in self._sentence_vecs]
            if missing:
                texts = [self.doc_text(d)[s:e] for d, s, e in missing]
                for k, v in zip(missing, self.embedder.embed(texts), strict=True):
                    self._sentence_vecs[k] = v
            return [self._sentence_vecs[k] for k in keys]

    def df_entity(self, variants: list[str]) -> int:
        pats = [re.compile(r"(?<![\w-])" + re.escape(v) + r"(?![\w-])") for v in variants]
        return sum(1 for t in self.folded.values() if any(p.search(t) for p in pats))

    def df_term(self, term: str) -> int:
        return sum(1 for ts in self.chunk_terms.values() if term in ts)

    @property
    def is_empty(self) -> bool:
        return not self.chunks

    # ---- search --------------------------------------------------------------------------------
    def allowed_mask(self, filters: SearchFilters | None) -> np.ndarray | None:
        """Boolean mask over chunks (BM25 order) passing the filters; None = no filter."""
        if filters is None or not any([filters.doc_ids, filters.doc_types, filters.date_from, filters.date_to]):
            return None
        ok = np.ones(len(self._doc_date), dtype=bool)
        if filters.doc_ids:
            wanted = np.zeros(len(ok), dtype=bool)
            for d in filters.doc_ids:
                if d in self._doc_pos:
                    wanted[self._doc_pos[d]] = True
            ok &= wanted
        if filters.doc_types:
            ok &= np.isin(self._doc_type, list(filters.doc_types))
        if filters.date_from or filters.date_to:
            lo, hi = date_int(filters.date_from) or 0, date_int(filters.date_to) or 99999999
            ok &= (self._doc_date >= lo) & (self._doc_date <= hi)
        col = self._col_doc
        return (col >= 0) & ok[np.clip(col, 0, None)] if len(col) else np.zeros(0, dtype=bool)

    def allowed(self, mask: np.ndarray | None, cid: str) -> bool:
        if mask is None:
            return True
        i = self.lexical.pos.get(cid)
        return i is not None and bool(mask[i])

    @staticmethod
    def where_clause(filters: SearchFilters) -> dict[str, Any] | None:
        parts: list[dict[str, Any]] = []
        if filters.doc_ids:
            parts.append({"doc_id": {"$in": list(filters.doc_ids)}})
        if filters.doc_types:
            parts.append({"doc_type": {"$in": list(filters.doc_types)}})
        if filters.date_from:
            parts.append({"date": {"$gte": date_int(filters.date_from)}})
        if filters.date_to:
            parts.append({"date": {"$lte": date_int(filters.date_to)}})
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"$and": parts}

    def dense(self, qvec: np.ndarray, n: int, k: int, mask: np.ndarray | None, filters: SearchFilters | None
              ) -> list[tuple[str, float]]:
        """Unfiltered ANN query post-filtered in memory; Chroma's `where` (17x slower) only when too few
        candidates survive the filter."""
        if mask is not None and 0 < int(mask.sum()) <= EXACT_BELOW:
            return self._exact_dense(qvec, n, mask)
        got = [(cid, s) for cid, s, _ in self.store.query(qvec, n) if cid in self.chunks]
        if mask is None:
            return got
        kept = [(cid, s) for cid, s in got if self.allowed(mask, cid)]
        if len(kept) < min(k, int(mask.sum())) and filters is not None:
            where = self.where_clause(filters)
            return [(cid, s) for cid, s, _ in self.store.query(qvec, n, where=where) if self.allowed(mask, cid)]
        return kept

    def _exact_dense(self, qvec: np.ndarray, n: int, mask: np.ndarray) -> list[tuple[str, float]]:
        """A narrow filter (a few documents): score its chunks exactly instead of searching the ANN graph."""
        ids = [self.lexical.ids[i] for i in np.flatnonzero(mask)]
        missing = [c for c in ids if c not in self._chunk_vecs]
        if missing:
            self._chunk_vecs.update(self.store.get_embeddings(missing))
        present = [c for c in ids if c in self._chunk_vecs]
        if not present:
            return []
        sims = np.stack([self._chunk_vecs[c] for c in present]) @ qvec
        top = np.argsort(-sims)[:n]
        return [(present[i], float(sims[i])) for i in top]

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None,
               use_mmr: bool | None = None) -> list[Hit]:
        r = self.settings.retrieval
        k = k or r.k
        with self.lock:
            if self.is_empty:
                return []
            mask = self.allowed_mask(filters)
            if mask is not None and not mask.any():
                return []
            expanded = expand_acronyms(self.registry.expand_query(query), self.acronyms)
            qvec = self.embedder.embed([expanded])[0]
            n = max(r.candidates, k * 3)
            dense = self.dense(qvec, n, k, mask, filters)
            lexical = self.lexical.search(expanded, n, mask)
            lexical = [(cid, s) for cid, s in lexical if cid in self.chunks]
            fused = rrf([[c for c, _ in dense], [c for c, _ in lexical]], [r.dense_weight, r.lexical_weight], r.rrf_k)
            dense_rank = {c: i + 1 for i, (c, _) in enumerate(dense)}
            lex_rank = {c: i + 1 for i, (c, _) in enumerate(lexical)}
            order = sorted(fused, key=lambda c: -fused[c])
            groups: list[tuple[str, list[str]]] = []
            for cid in order:
                text = self.chunks[cid].text
                for lead, members in groups:
                    if self.chunks[lead].doc_id != self.chunks[cid].doc_id and near_duplicate(self.chunks[lead].text, text):
                        members.append(cid)
                        break
                else:
                    groups.append((cid, []))
                if len(groups) >= (k * 3 if (use_mmr if use_mmr is not None else r.mmr) else k):
                    break
            if use_mmr if use_mmr is not None else r.mmr:
                vecs = self.store.get_embeddings([g[0] for g in groups])
                mat = np.stack([vecs[g[0]] for g in groups])
                pick = mmr(qvec, mat, [fused[g[0]] for g in groups], k, r.mmr_lambda)
                groups = [groups[i] for i in pick]
            hits: list[Hit] = []
            for lead, members in groups[:k]:
                c = self.chunks[lead]
                m = self.meta(c.doc_id)
                hits.append(Hit(
                    chunk_id=c.chunk_id, doc_id=c.doc_id, title=m.title, source_path=m.source_path,
                    section=c.section, text=c.text, score=round(fused[lead], 6), char_start=c.char_start,
                    char_end=c.char_end, page=c.page, outlet=m.outlet, date=m.date, doc_type=m.doc_type,
                    dense_rank=dense_rank.get(lead), lexical_rank=lex_rank.get(lead),
                    also_in=[AlsoIn(doc_id=self.chunks[x].doc_id, chunk_id=x, title=self.meta(self.chunks[x].doc_id).title)
                             for x in members],
                ))
            return hits
