"""One consistent view of the index: everything a question reads, built together and replaced together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from assistant.retrieval.docstore import IndexState, StoredDoc
from assistant.retrieval.lexical import LexicalIndex
from assistant.types import Chunk


@dataclass(frozen=True)
class Snapshot:
    state: IndexState
    docs: Mapping[str, StoredDoc]  # read on demand (retrieval/lazydocs.py)
    chunks: Mapping[str, Chunk]
    doc_sentences: Mapping[str, list[tuple[int, int]]]
    acronyms: dict[str, str]
    lexical: LexicalIndex
    doc_pos: dict[str, int]
    doc_type: np.ndarray
    doc_date: np.ndarray
    col_doc: np.ndarray
