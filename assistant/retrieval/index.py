"""The searchable index: Chroma + BM25 + stored documents, loaded together and queried together."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from assistant.retrieval.docstore import DocStore, IndexState, StoredDoc
from assistant.retrieval.embedder import Embedder
from assistant.retrieval.entities import Entity, SentenceEntities
from assistant.retrieval.hybrid import mmr, near_duplicate, rrf
from assistant.retrieval.lazydocs import LazyDocs, lazy_view
from assistant.retrieval.lexical import LexicalIndex, contextual_text, keep_only
from assistant.retrieval.query import (
    QueryExpander,
    _NoExpansion,
    date_int,
    expand_acronyms,
    find_acronyms,
    title_overlap,
)
from assistant.retrieval.remote_docstore import RemoteDocStore
from assistant.retrieval.sentvecs import SentenceVectors
from assistant.retrieval.snapshot import Snapshot
from assistant.retrieval.store import ChromaStore
from assistant.retrieval.titles import TitleTable
from assistant.settings import Settings
from assistant.types import AlsoIn, Chunk, DocumentMeta, Hit, HitWhy, SearchFilters

EXACT_BELOW = 3000  # at most this many chunks (all, or after a filter): exact dense scoring, no ANN


def lexical_from_store(store: ChromaStore, state: IndexState) -> tuple[LexicalIndex, list[str]]:
    """BM25 over the state's passages as Chroma holds them (title and section before each passage's text, as
    they were embedded), and the passages' plain texts (for library statistics): one paged read of the
    collection, no document read."""
    titles = {f.doc_id: f.meta.title if f.meta is not None else "" for f in state.files.values()}
    live = {c for f in state.files.values() for c in f.chunk_ids}
    texts: dict[str, str] = {}
    raw: dict[str, str] = {}
    for cid, text, meta in store.iter_passages():
        if cid in live:
            raw[cid] = text
            texts[cid] = contextual_text(titles.get(str(meta.get("doc_id")), ""), str(meta.get("section") or ""), text)
    ids = [c for f in state.files.values() for c in f.chunk_ids if c in texts]
    return LexicalIndex.build(ids, [texts[i] for i in ids]), [raw[i] for i in ids]


class Index:
    def __init__(self, settings: Settings, embedder: Embedder, registry: QueryExpander | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.registry: Any = registry or _NoExpansion()  # the actor registry, seen only as a query expander
        self.collection = settings.collection_name(embedder.model_id)
        self.root: Path = settings.index_dir / self.collection
        self.store = ChromaStore(
            self.collection,
            path=settings.index_dir / "chroma",
            host=settings.chroma_host,
            port=settings.chroma_port,
        )
        # with a server, Chroma holds the documents and the state too; the local folder only caches them
        self.docstore = (RemoteDocStore(self.root, self.store.client, self.collection, self.store.location)
                         if self.store.remote else DocStore(self.root))
        self.lock = threading.RLock()  # writers only; readers use the current snapshot
        self._sentences = SentenceVectors(self.embedder, self.docstore)
        self.entities = SentenceEntities(self.root, self.docstore)
        self._chunk_vecs: dict[str, np.ndarray] = {}
        self._vec_lock = threading.Lock()
        self._all_vecs: tuple[Snapshot, list[str], np.ndarray] | None = None
        self._titles = TitleTable()
        self._stamp = self._state_stamp()
        self._snap = self._build_snapshot()

    # ---- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Build the new state aside, then swap one reference: a reader sees the old or the new index,
        never a mix (a question asked after an ingest returns sees the new documents)."""
        stamp = self._state_stamp()  # before reading: a commit in between is picked up by the next sync
        snap = self._build_snapshot()
        with self.lock:
            self._snap = snap
            self._stamp = stamp
        with self._vec_lock:  # vectors of removed passages are dropped
            self._chunk_vecs = {c: v for c, v in self._chunk_vecs.items() if c in snap.chunks}

    def _state_stamp(self) -> Any:
        return self.docstore.stamp()

    def sync(self) -> bool:
        """Pick up an ingest committed by another process sharing this index (a UI replica, a CLI batch, a process on
        another machine using the same Chroma server): one stat (or one small server request) per call; the
        snapshot is rebuilt only when the state changed. True when it did."""
        if self._state_stamp() == self._stamp:
            return False
        self.reload()
        return True

    def _build_snapshot(self) -> Snapshot:
        """Ids, metadata and statistics from the state; documents' text only when a question reads them."""
        state = self.docstore.load_state(self.collection, self.embedder.model_id)
        old = getattr(self, "_snap", None)
        docs, chunks, sentences = lazy_view(self.docstore, state, self.settings.doc_cache,
                                            old.docs if old is not None and isinstance(old.docs, LazyDocs) else None)
        bm25_dir = self.root / (state.bm25_dir or "bm25")
        if bm25_dir.exists() and (LexicalIndex.current(bm25_dir) or not state.files):
            lexical = LexicalIndex.load(bm25_dir)
        elif state.files and (self.store.remote or bm25_dir.exists()):
            # committed on another machine, or tokenised by an older version: a cache derived from Chroma
            lexical = self._lexical_from_store(state, bm25_dir)
        else:
            lexical = LexicalIndex([], None)
        # filter columns aligned with the BM25 id order: filters become vectorised masks
        doc_ids = sorted(docs)
        doc_pos = {d: i for i, d in enumerate(doc_ids)}
        by_id = {f.doc_id: f.meta for f in state.files.values()}
        metas = [by_id.get(d) or docs[d].document.meta for d in doc_ids]
        acronyms = state.acronyms
        if acronyms is None:  # an index from before: its documents are pinned in memory already
            acronyms = find_acronyms(docs[d].chunks[i].text for d in doc_ids for i in range(len(docs[d].chunks)))
        return Snapshot(
            state=state, docs=docs, chunks=chunks, doc_sentences=sentences, acronyms=acronyms,
            lexical=lexical, doc_pos=doc_pos,
            doc_type=np.array([str(m.doc_type) for m in metas] or [""], dtype=object),
            doc_date=np.array([date_int(m.date) for m in metas] or [0], dtype=np.int64),
            col_doc=np.array([doc_pos.get(chunks.owner[c], -1) if c in chunks else -1 for c in lexical.ids],
                             dtype=np.int64),
        )

    def _lexical_from_store(self, state: IndexState, bm25_dir: Path) -> LexicalIndex:
        """BM25 as the committing writer built it, saved under the state's folder name: a cache rebuilt only when
        the state names a new one."""
        lexical, _raw = lexical_from_store(self.store, state)
        with contextlib.suppress(OSError):
            lexical.save(bm25_dir)
            keep_only(self.root, bm25_dir)
        return lexical

    # Readers go through the current snapshot; one attribute read = one consistent index.
    @property
    def snapshot(self) -> Snapshot:
        return self._snap

    @property
    def state(self) -> IndexState:
        return self._snap.state

    @property
    def docs(self) -> Mapping[str, StoredDoc]:
        return self._snap.docs

    @property
    def chunks(self) -> Mapping[str, Chunk]:
        return self._snap.chunks

    @property
    def acronyms(self) -> dict[str, str]:
        return self._snap.acronyms

    def meta(self, doc_id: str) -> DocumentMeta:
        return self.docs[doc_id].document.meta

    def doc_text(self, doc_id: str) -> str:
        return self.docs[doc_id].document.text

    def chunk_sentences(self, chunk_id: str) -> list[tuple[int, int]]:
        """A passage's sentences as split at ingest, as offsets into the passage's text (no splitting per question)."""
        c = self._snap.chunks.get(chunk_id)
        if c is None:
            return []
        return [(x.char_start - c.char_start, x.char_end - c.char_start) for x in c.sentences
                if c.char_start <= x.char_start and x.char_end <= c.char_end]

    def titled(self, names: list[str]) -> dict[str, list[str]]:
        """The documents whose title is one of these names: how one document names another."""
        return self._titles.lookup(self._snap, names)

    def passage_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        """The stored embeddings of these passages (no model call)."""
        return self.store.get_embeddings(chunk_ids)

    def warm_sentences(self, doc_ids: list[str]) -> None:
        """Load the sentence vectors computed at ingest for these documents (no model call)."""
        self._sentences.warm(self._snap, doc_ids)

    def sentence_entities(self, doc_id: str) -> list[list[Entity]]:
        """The named entities of each of the document's sentences (tagged at ingest), in sentence order."""
        snap = self._snap
        sd = snap.docs.get(doc_id)
        if sd is None:
            return []
        return self.entities.for_doc(sd, snap.doc_sentences.get(doc_id, []))

    def text_vectors(self, texts: list[str]) -> list[np.ndarray]:
        """Embeddings of sentences (stored at ingest) or any other text (embedded once, then kept)."""
        return self._sentences.get(texts)

    def remember_vectors(self, texts: list[str], vecs: np.ndarray) -> None:
        """Embeddings of derived texts computed at ingest and stored beside them: later reads need no model call."""
        self._sentences.seed(texts, vecs)

    @property
    def is_empty(self) -> bool:
        return not self.chunks

    # ---- search --------------------------------------------------------------------------------
    def allowed_mask(self, filters: SearchFilters | None, snap: Snapshot | None = None) -> np.ndarray | None:
        """Boolean mask over chunks (BM25 order) passing the filters; None = no filter."""
        snap = snap or self._snap
        if filters is None or not any([filters.doc_ids, filters.doc_types, filters.date_from, filters.date_to]):
            return None
        ok = np.ones(len(snap.doc_date), dtype=bool)
        if filters.doc_ids:
            wanted = np.zeros(len(ok), dtype=bool)
            for d in filters.doc_ids:
                if d in snap.doc_pos:
                    wanted[snap.doc_pos[d]] = True
            ok &= wanted
        if filters.doc_types:
            ok &= np.isin(snap.doc_type, list(filters.doc_types))
        if filters.date_from or filters.date_to:
            lo, hi = date_int(filters.date_from) or 0, date_int(filters.date_to) or 99999999
            ok &= (snap.doc_date >= lo) & (snap.doc_date <= hi)
        col = snap.col_doc
        return (col >= 0) & ok[np.clip(col, 0, None)] if len(col) else np.zeros(0, dtype=bool)

    @staticmethod
    def allowed(snap: Snapshot, mask: np.ndarray | None, cid: str) -> bool:
        if mask is None:
            return True
        i = snap.lexical.pos.get(cid)
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

    def dense(self, snap: Snapshot, qvec: np.ndarray, n: int, k: int, mask: np.ndarray | None,
              filters: SearchFilters | None) -> list[tuple[str, float]]:
        """Unfiltered ANN query post-filtered in memory; Chroma's `where` (17x slower) only when too few
        candidates survive the filter."""
        if mask is not None and 0 < int(mask.sum()) <= EXACT_BELOW:
            return self._exact_dense(snap, qvec, n, mask)
        if mask is None and 0 < len(snap.lexical.ids) <= EXACT_BELOW:
            # a small library: exact scores from the stored vectors (read with `get`, which sees every committed
            # write), never the approximate graph, whose results can miss a passage that was just added
            return self._exact_all(snap, qvec, n)
        got = [(cid, s) for cid, s, _ in self.store.query(qvec, n) if cid in snap.chunks]
        if mask is None:
            return got
        kept = [(cid, s) for cid, s in got if self.allowed(snap, mask, cid)]
        if len(kept) < min(k, int(mask.sum())) and filters is not None:
            where = self.where_clause(filters)
            return [(cid, s) for cid, s, _ in self.store.query(qvec, n, where=where) if self.allowed(snap, mask, cid)]
        return kept

    def _stored_vectors(self, ids: list[str]) -> tuple[list[str], np.ndarray]:
        """The stored embeddings of these chunks (kept in memory after the first read) as one matrix, with the ids
        that have one, in order."""
        with self._vec_lock:
            missing = [c for c in ids if c not in self._chunk_vecs]
        if missing:
            got = self.store.get_embeddings(missing)
            with self._vec_lock:
                self._chunk_vecs.update(got)
        with self._vec_lock:
            present = [c for c in ids if c in self._chunk_vecs]
            mat = np.stack([self._chunk_vecs[c] for c in present]) if present else np.zeros((0, 1), np.float32)
        return present, mat

    @staticmethod
    def _top(ids: list[str], mat: np.ndarray, qvec: np.ndarray, n: int) -> list[tuple[str, float]]:
        if not ids:
            return []
        sims = mat @ qvec
        top = np.argsort(-sims)[:n]
        return [(ids[i], float(sims[i])) for i in top]

    def _exact_all(self, snap: Snapshot, qvec: np.ndarray, n: int) -> list[tuple[str, float]]:
        """Exact dense scores over every chunk of a small library; the matrix is built once per snapshot."""
        cached = self._all_vecs
        if cached is None or cached[0] is not snap:
            cached = (snap, *self._stored_vectors(list(snap.lexical.ids)))
            self._all_vecs = cached
        return self._top(cached[1], cached[2], qvec, n)

    def _exact_dense(self, snap: Snapshot, qvec: np.ndarray, n: int, mask: np.ndarray) -> list[tuple[str, float]]:
        """A narrow filter (a few documents): score its chunks exactly instead of searching the ANN graph."""
        ids, mat = self._stored_vectors([snap.lexical.ids[i] for i in np.flatnonzero(mask)])
        return self._top(ids, mat, qvec, n)

    def expand(self, query: str) -> str:
        return expand_acronyms(self.registry.expand_query(query), self.acronyms)

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None,
               use_mmr: bool | None = None, qvec: np.ndarray | None = None, hop: int = 1) -> list[Hit]:
        """Hybrid search over one snapshot of the index (no lock: ingest never blocks a question)."""
        r = self.settings.retrieval
        k = k or r.k
        snap = self._snap
        if not snap.chunks:
            return []
        mask = self.allowed_mask(filters, snap)
        if mask is not None and not mask.any():
            return []
        expanded = expand_acronyms(self.registry.expand_query(query), snap.acronyms)
        if qvec is None:
            qvec = self.embedder.embed([expanded])[0]
        n = max(r.candidates, k * 3)
        dense = self.dense(snap, qvec, n, k, mask, filters)
        lexical = [(cid, s) for cid, s in snap.lexical.search(expanded, n, mask) if cid in snap.chunks]
        fused = rrf([[c for c, _ in dense], [c for c, _ in lexical]], [r.dense_weight, r.lexical_weight], r.rrf_k)
        dense_rank = {c: i + 1 for i, (c, _) in enumerate(dense)}
        lex_rank = {c: i + 1 for i, (c, _) in enumerate(lexical)}
        dense_score = dict(dense)
        lex_score = dict(lexical)
        order = sorted(fused, key=lambda c: -fused[c])
        want_mmr = use_mmr if use_mmr is not None else r.mmr
        groups: list[tuple[str, list[str]]] = []
        for cid in order:
            text = snap.chunks[cid].text
            for lead, members in groups:
                if snap.chunks[lead].doc_id != snap.chunks[cid].doc_id and near_duplicate(snap.chunks[lead].text, text):
                    members.append(cid)
                    break
            else:
                groups.append((cid, []))
            if len(groups) >= (k * 3 if want_mmr else k):
                break
        if want_mmr and groups:
            vecs = self.store.get_embeddings([g[0] for g in groups])
            mat = np.stack([vecs[g[0]] for g in groups])
            pick = mmr(qvec, mat, [fused[g[0]] for g in groups], k, r.mmr_lambda)
            groups = [groups[i] for i in pick]
        top_lex = lexical[0][1] if lexical else 1.0
        hits: list[Hit] = []
        for lead, members in groups[:k]:
            c = snap.chunks[lead]
            m = snap.docs[c.doc_id].document.meta
            hits.append(Hit(
                chunk_id=c.chunk_id, doc_id=c.doc_id, title=m.title, source_path=m.source_path,
                section=c.section, text=c.text, score=round(fused[lead], 6), char_start=c.char_start,
                char_end=c.char_end, page=c.page, outlet=m.outlet, date=m.date, doc_type=m.doc_type,
                dense_rank=dense_rank.get(lead), lexical_rank=lex_rank.get(lead),
                why=HitWhy(dense=round(dense_score.get(lead, 0.0), 4),
                           bm25=round(lex_score.get(lead, 0.0) / (top_lex or 1.0), 4),
                           title=title_overlap(expanded, m.title), hop=hop),
                also_in=[AlsoIn(doc_id=snap.chunks[x].doc_id, chunk_id=x,
                                title=snap.docs[snap.chunks[x].doc_id].document.meta.title) for x in members],
            ))
        return hits
