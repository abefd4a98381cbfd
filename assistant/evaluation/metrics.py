"""Deterministic metrics (no LLM judge). A metric with no applicable case is None ("missing")."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from assistant.evidence.support import support
from assistant.prompts import MARKER_RE
from assistant.retrieval.embedder import Embedder
from assistant.textutil import fold
from assistant.types import Answer

_DOTTED = re.compile(r"(?<![\w.])((?:[a-z]\.){2,})")  # "u.k." / "u.s.": an acronym written with full stops


def norm(text: str) -> str:
    text = fold(text).replace("’", "'").replace("‘", "'")
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)
    return re.sub(r"\s+", " ", text)


def fact_present(answer_text: str, variants: Sequence[str]) -> bool:
    a = norm(answer_text)
    return any(_present(n, a) for n in (norm(v).strip() for v in variants) if n)


def _present(n: str, a: str) -> bool:
    if n.isdigit():  # a figure is a whole number, its unit may stick to it ("225" in "$225m", not in "2250" or "1.225")
        return re.search(rf"(?<![\d.,]){n}(?![\d]|[.,]\d)", a) is not None
    # a short variant ("NW", "DC") is a whole word, not part of one ("Newark", "Dock")
    return re.search(rf"(?<!\w){re.escape(n)}(?!\w)", a) is not None if len(n) <= 3 else n in a


def fact_coverage(answer_text: str, facts: Sequence[Sequence[str]]) -> float | None:
    if not facts:
        return None
    return sum(fact_present(answer_text, f) for f in facts) / len(facts)


def retrieval_scores(ranked_docs: Sequence[str], gold: Sequence[str], k: int) -> dict[str, float]:
    """hit@k (any gold doc in top k), recall@k (share of gold docs in top k), reciprocal rank."""
    top = list(dict.fromkeys(ranked_docs))[:k]
    hit = float(any(d in gold for d in top))
    recall = len(set(top) & set(gold)) / len(set(gold))
    rr = next((1.0 / (i + 1) for i, d in enumerate(dict.fromkeys(ranked_docs)) if d in gold), 0.0)
    return {"hit": hit, "recall": recall, "rr": rr}


def citation_scores(answer: Answer, embedder: Embedder) -> tuple[float | None, float | None]:
    """ALCE-style: recall = share of answer sentences whose citations support them;
    precision = share of citations that support the sentence they are attached to."""
    if answer.refused:
        return None, None
    by_n = {c.n: c for c in answer.citations}
    # claims, not sentences: each runs up to and including its citation markers ("... tested. [2]")
    sentences = [s for s in re.split(r"(?<=\])\s+", answer.answer) if s.strip()]
    supported_sentences = 0
    cites_total = 0
    cites_ok = 0
    for s in sentences:
        ns = [int(n) for n in MARKER_RE.findall(s)]
        text = MARKER_RE.sub("", s).strip()
        ok_any = False
        for n in ns:
            cites_total += 1
            c = by_n.get(n)
            if c is not None and support(text, c.quote, embedder).ok:
                cites_ok += 1
                ok_any = True
        supported_sentences += ok_any
    recall = supported_sentences / len(sentences) if sentences else None
    precision = cites_ok / cites_total if cites_total else None
    return recall, precision


def mean(values: Sequence[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def percentile(values: Sequence[float], p: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    q = statistics.quantiles(sorted(values), n=100, method="inclusive")
    return round(q[min(98, max(0, int(p) - 1))], 1)


def refusal_scores(pairs: Sequence[tuple[bool, bool]]) -> tuple[float | None, float | None]:
    """pairs of (should_refuse, did_refuse) -> (precision, recall) of refusing."""
    refused = [s for s, d in pairs if d]
    should = [d for s, d in pairs if s]
    precision = sum(refused) / len(refused) if refused else None
    recall = sum(should) / len(should) if should else None
    return precision, recall
