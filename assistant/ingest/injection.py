"""Instruction-like text inside documents (prompt injection) is data, never a directive.

Detection is by meaning, not by fixed phrases: each sentence (and each line, and any decoded Base64
payload) is embedded with the project's embedder and compared with generic exemplars of instructions
aimed at an AI, and with exemplars of ordinary policy directives aimed at people. Those two
similarities plus a few cues (the text addresses an AI or "you", starts with an imperative, talks about
instructions, prompts or answers, tries to control the output) feed a small logistic model whose
weights and threshold are fit on the dev half of eval/injection/ (eval/fit_injection.py ->
assistant/fitted/injection.json).

A cheap path: a sentence with none of the cues is not embedded (its score cannot pass the threshold,
see `gate` in the fitted file), and without an embedder a cue-only model fitted the same way is used.

Flagged sentences are excluded from extractive evidence, redacted from the sources sent to an LLM,
never cited, and shown as "possible instructions in a document".
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.ingest.injection_cues import (
    CUES,
    DIRECTIVE_EXEMPLARS,
    INSTRUCTION_EXEMPLARS,
    _key,
    cue_features,
    decoded_payloads,
    units,
)


class _Embeds(Protocol):
    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class Detector:
    """Scores text units; an embedder makes it semantic, without one it uses the cue-only model."""

    def __init__(self, embedder: _Embeds | None, params: dict[str, Any]) -> None:
        self.embedder = embedder
        self.params = params
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._scores: OrderedDict[str, float] = OrderedDict()
        self._exemplars: tuple[np.ndarray, np.ndarray] | None = None
        self._saved: dict[str, float] = {}  # sha1 of a unit -> score, from an index folder
        self._flagged: OrderedDict[str, list[tuple[int, int]]] = OrderedDict()  # text -> its flagged spans

    def _exemplar_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        if self._exemplars is None:
            assert self.embedder is not None
            self._exemplars = (self.embedder.embed(INSTRUCTION_EXEMPLARS), self.embedder.embed(DIRECTIVE_EXEMPLARS))
        return self._exemplars

    def _vectors(self, texts: list[str]) -> list[np.ndarray]:
        assert self.embedder is not None
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vecs = self.embedder.embed(missing)
            with self._lock:
                for t, v in zip(missing, vecs, strict=True):
                    self._cache[t] = v
                while len(self._cache) > 50_000:
                    self._cache.popitem(last=False)
        with self._lock:
            return [self._cache[t] for t in texts]

    def features(self, texts: list[str]) -> list[dict[str, float]]:
        """Cue features for every text; embedding features for those that pass the gate."""
        feats = [cue_features(t) for t in texts]
        if self.embedder is None:
            return feats
        todo = [i for i, f in enumerate(feats) if self.gate(f)]
        if todo:
            inst, direc = self._exemplar_vectors()
            vecs = np.stack(self._vectors([texts[i] for i in todo]))
            s_inst = (vecs @ inst.T).max(axis=1)
            s_dir = (vecs @ direc.T).max(axis=1)
            for j, i in enumerate(todo):
                feats[i]["sim_instruction"] = float(s_inst[j])
                feats[i]["sim_gap"] = float(s_inst[j] - s_dir[j])
        return feats

    def gate(self, f: dict[str, float]) -> bool:
        return any(f.get(c, 0.0) > 0 for c in self.params.get("gate", CUES))

    def model(self) -> dict[str, Any]:
        return self.params["semantic" if self.embedder is not None else "cues_only"]

    def probability(self, f: dict[str, float]) -> float:
        from assistant.calibration import logistic

        if not self.gate(f):
            return 0.0
        m = self.model()
        return logistic(m["weights"], m["bias"], f)

    def scores(self, texts: list[str]) -> list[float]:
        """P(instruction) for each unit text; a Base64 payload is scored as text too (the max counts)."""
        with self._lock:
            known = {t: self._scores[t] for t in texts if t in self._scores}
            for t in texts:
                if t not in known and (k := _key(t)) in self._saved:
                    known[t] = self._saved[k]
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        if todo:
            expanded: list[str] = []
            owner: list[int] = []
            for i, t in enumerate(todo):
                expanded.append(t)
                owner.append(i)
                for d in decoded_payloads(t):
                    expanded.append(d)
                    owner.append(i)
            best = [0.0] * len(todo)
            for o, f in zip(owner, self.features(expanded), strict=True):
                best[o] = max(best[o], self.probability(f))
            with self._lock:
                for t, p in zip(todo, best, strict=True):
                    self._scores[t] = p
                    known[t] = p
                while len(self._scores) > 200_000:
                    self._scores.popitem(last=False)
        return [known[t] for t in texts]

    # ---- persisted scores: a fresh process does not re-embed every retrieved sentence -------------------
    def _version(self) -> str:
        import hashlib
        import json

        return hashlib.sha1(json.dumps([self.params, getattr(self.embedder, "model_id", None), INSTRUCTION_EXEMPLARS,
                                        DIRECTIVE_EXEMPLARS], sort_keys=True).encode()).hexdigest()[:12]

    def load(self, path: Path) -> int:
        """Merge scores saved by `save` (ignored when the model, exemplars or embedder changed)."""
        import json

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0
        if not isinstance(data, dict) or data.get("version") != self._version():
            return 0
        scores = data.get("scores", {})
        with self._lock:
            self._saved.update(scores)
        return len(scores)

    def outdated(self, path: Path) -> bool:
        """Were the scores saved at `path` made by another model, exemplars or embedder (an upgrade since the
        last ingest)? Then every sentence would be scored again on first sight, at ask time."""
        import json

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False  # nothing saved yet (a new index) or unreadable: scored as documents come
        return not isinstance(data, dict) or data.get("version") != self._version()

    def save(self, path: Path) -> None:
        import json
        import os

        with self._lock:
            self._saved.update({_key(t): round(p, 5) for t, p in self._scores.items()})
            payload = json.dumps({"version": self._version(), "scores": self._saved})
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_text(payload, encoding="utf-8")
        tmp.replace(path)

    def flagged_spans(self, text: str) -> list[tuple[int, int]]:
        """The instruction-like units of a text; remembered per text, so a passage checked once (at ingest or by
        an earlier question) is not split into sentences again."""
        with self._lock:
            got = self._flagged.get(text)
            if got is not None:
                self._flagged.move_to_end(text)
                return list(got)
        spans = units(text)
        out: list[tuple[int, int]] = []
        if spans:
            threshold = self.model()["threshold"]
            ps = self.scores([text[s:e] for s, e in spans])
            out = [sp for sp, p in zip(spans, ps, strict=True) if p >= threshold]
        with self._lock:
            self._flagged[text] = out
            while len(self._flagged) > 50_000:
                self._flagged.popitem(last=False)
        return list(out)


@cache
def _params() -> dict[str, Any]:
    from assistant.calibration import fitted

    return fitted("injection")


_detector: Detector | None = None


SCORES_FILE = "injection-scores.json"


def configure(embedder: _Embeds | None, index_dir: Path | None = None) -> Detector:
    """Called by the facade: the detector shared by every stage uses the project's embedder, and starts
    from the scores saved in the index folder at ingest."""
    global _detector
    if _detector is None or _detector.embedder is not embedder:
        _detector = Detector(embedder, _params())
    if index_dir is not None:
        _detector.load(index_dir / SCORES_FILE)
    return _detector


def detector() -> Detector:
    global _detector
    if _detector is None:
        _detector = Detector(None, _params())
    return _detector


def prime(texts: Sequence[str]) -> None:
    """Score the units of many texts in one batch (ingest), so later checks are look-ups."""
    d = detector()
    d.scores([t[s:e] for t in texts for s, e in units(t)])


def looks_like_injection(text: str, embedder: _Embeds | None = None) -> bool:
    """True when some sentence of `text` reads like an instruction to an AI rather than content."""
    d = configure(embedder) if embedder is not None else detector()
    return bool(d.flagged_spans(text))


def redact(text: str, embedder: _Embeds | None = None) -> str:
    """Replace instruction-like sentences with a marker, keeping the rest of the passage."""
    d = configure(embedder) if embedder is not None else detector()
    out = text
    for s, e in reversed(d.flagged_spans(text)):
        out = out[:s] + "[instruction-like text removed]" + out[e:]
    return out


def flagged_passages(hits: Sequence[Any]) -> list[Any]:
    """The instruction-like sentences of flagged hits, for the sources panel."""
    from assistant.types import FlaggedPassage

    d = detector()
    out = []
    for h in hits:
        spans = d.flagged_spans(h.text)
        if spans:
            out.append(FlaggedPassage(doc_id=h.doc_id, title=h.title, text=" … ".join(h.text[s:e] for s, e in spans)))
    return out
