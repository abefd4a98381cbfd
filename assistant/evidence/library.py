"""The evidence layer's read-only view of the index: texts, sentences, metadata and word statistics."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from assistant.evidence.match import NEAR_RATIO, near_spelling
from assistant.evidence.places import place_forms
from assistant.textutil import skeleton
from assistant.types import DocumentMeta

if TYPE_CHECKING:
    from assistant.retrieval.index import Index
    from assistant.retrieval.snapshot import Snapshot


class LibraryView:
    """One snapshot of the index, read through the few calls evidence needs (a `Lexicon` too)."""

    def __init__(self, index: Index, aliases: Callable[[str], list[str]] | None = None) -> None:
        self.index = index
        self.snap: Snapshot = index.snapshot
        self._aliases = aliases or (lambda _p: [])

    # ---- Lexicon -------------------------------------------------------------------------------
    def df(self, token: str) -> int:
        return self.snap.lexical.doc_freq.get(token, 0)

    def n_passages(self) -> int:
        return max(1, self.snap.lexical.n_docs)

    def similar_tokens(self, token: str, name: bool = False) -> list[str]:
        if len(token) < 4:
            return []
        by_sk = self.snap.lexical.by_skeleton
        sk = skeleton(token)
        same = [t for t in by_sk.get(sk, []) if t != token]
        if same or len(sk) < 5:
            return same
        # no token spelt alike: those spelt one or two letters apart ("Chongqing" / "Chonqing"), as text is matched
        cutoff = min(NEAR_RATIO, 100.0 * (len(sk) - 1) / len(sk) - 0.01) if name else NEAR_RATIO  # a name: one letter
        near = process.extract(sk, list(by_sk), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        return [t for k, _s, _i in near if near_spelling(sk, k, name) for t in by_sk[k] if t != token]

    def aliases(self, phrase: str) -> list[str]:
        out = list(self._aliases(phrase)) + place_forms(phrase)
        acro = self.snap.acronyms.get(phrase.strip())
        if acro:
            out.append(acro)
        for short, long in self.snap.acronyms.items():  # the long form named: the acronym counts too
            if long.lower() == phrase.strip().lower():
                out.append(short)
        return out

    # ---- documents -----------------------------------------------------------------------------
    def text(self, doc_id: str) -> str:
        return self.snap.docs[doc_id].document.text

    def meta(self, doc_id: str) -> DocumentMeta:
        return self.snap.docs[doc_id].document.meta

    def sentences(self, doc_id: str) -> list[tuple[int, int]]:
        return self.snap.doc_sentences.get(doc_id, [])

    def entities(self, doc_id: str) -> list[list[tuple[str, str]]]:
        """Named entities (text, label) of each of the document's sentences, in the order of `sentences`."""
        return self.index.sentence_entities(doc_id)

    def section(self, doc_id: str, pos: int) -> str:
        for c in self.snap.docs[doc_id].chunks:
            if c.char_start <= pos < c.char_end:
                return c.section
        return ""

    def vectors(self, texts: list[str], doc_ids: list[str] | None = None) -> list[np.ndarray]:
        """Sentence embeddings; those of `doc_ids` come from ingest (no model call)."""
        if doc_ids:
            self.index.warm_sentences(doc_ids)
        return self.index.text_vectors(texts)

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.index.embedder.embed(texts)
