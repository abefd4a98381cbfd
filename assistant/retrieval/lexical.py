"""BM25 (bm25s) over chunk texts, persisted next to the Chroma index."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.textutil import TOKENIZER, skeleton, tokens


def contextual_text(title: str, section: str, text: str) -> str:
    """Text indexed for a passage: a short header (document title, section) before the passage itself, so a
    passage that never repeats its document's subject is still found by it."""
    header = title[:100] + (" — " + section[-80:] if section else "")
    return f"{header}\n{text}"


def keep_only(root: Path, current: Path) -> None:
    """Delete the BM25 folders under `root` other than the current one (earlier commits, an earlier crash)."""
    for d in root.glob("bm25*"):
        if d.is_dir() and d != current:
            shutil.rmtree(d, ignore_errors=True)


class LexicalIndex:
    def __init__(self, ids: list[str], retriever: object | None) -> None:
        self.ids = ids
        self.retriever = retriever
        self.pos = {cid: i for i, cid in enumerate(ids)}

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str]) -> LexicalIndex:
        import bm25s

        ids = list(ids)
        if not ids:
            return cls([], None)
        corpus_tokens = [tokens(t) or ["<empty>"] for t in texts]
        retriever = bm25s.BM25()
        retriever.index(corpus_tokens, show_progress=False)
        return cls(ids, retriever)

    def save(self, path: Path) -> None:
        """Write to a temp folder and swap it in, so a crash never leaves a half-written index."""
        tmp = path.with_name(path.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.retriever is not None:
            self.retriever.save(str(tmp / "bm25"))  # type: ignore[attr-defined]
        (tmp / "ids.json").write_text(json.dumps(self.ids))
        (tmp / "tokenizer").write_text(TOKENIZER)
        old = path.with_name(path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            os.replace(path, old)
        os.replace(tmp, path)
        shutil.rmtree(old, ignore_errors=True)

    @staticmethod
    def current(path: Path) -> bool:
        """The saved index was tokenised as tokens() tokenises now (an index from before has no such note)."""
        try:
            return (path / "tokenizer").read_text().strip() == TOKENIZER
        except OSError:
            return False

    @classmethod
    def load(cls, path: Path) -> LexicalIndex:
        import bm25s

        ids_file = path / "ids.json"
        if not ids_file.exists():
            return cls([], None)
        ids = json.loads(ids_file.read_text())
        retriever = bm25s.BM25.load(str(path / "bm25")) if ids else None
        return cls(ids, retriever)

    @cached_property
    def doc_freq(self) -> dict[str, int]:
        """Passages holding each token, read from the BM25 matrix once per load (never scanned per question)."""
        if self.retriever is None:
            return {}
        indptr = np.asarray(self.retriever.scores["indptr"])  # type: ignore[attr-defined]
        counts = np.diff(indptr)
        return {t: int(counts[i]) for t, i in self.retriever.vocab_dict.items() if i < len(counts)}  # type: ignore[attr-defined]

    @cached_property
    def by_skeleton(self) -> dict[str, list[str]]:
        """Vocabulary grouped by spelling skeleton, for transliteration look-ups ('Tchaikovsky' ~ 'Chaikovsky')."""
        out: dict[str, list[str]] = {}
        for t in self.doc_freq:
            if len(t) >= 4 and t.isalpha():
                out.setdefault(skeleton(t), []).append(t)
        return out

    @property
    def n_docs(self) -> int:
        return len(self.ids)

    def scores(self, query: str) -> np.ndarray:
        if self.retriever is None:
            return np.zeros(0, dtype=np.float32)
        vocab = self.retriever.vocab_dict  # type: ignore[attr-defined]
        q = [t for t in tokens(query) if t in vocab]
        if not q:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self.retriever.get_scores(q), dtype=np.float32)  # type: ignore[attr-defined]

    def search(self, query: str, n: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top-n chunk ids by BM25; mask (aligned with self.ids) restricts to filtered chunks."""
        s = self.scores(query)
        if s.size == 0:
            return []
        if mask is not None:
            s = np.where(mask, s, 0.0)
        n = min(n, len(self.ids))
        top = np.argpartition(-s, n - 1)[:n] if n < len(s) else np.arange(len(s))
        top = top[np.argsort(-s[top], kind="stable")]
        return [(self.ids[i], float(s[i])) for i in top if s[i] > 0]
