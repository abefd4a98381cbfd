"""Calibrate the citation-support threshold on the gold set's dev cases.

Positives: each dev case's gold answer against the corpus sentence holding its required fact.
Negatives: the same gold answer against the fact sentence of a different case.
Prints score distributions and the threshold that best separates them (SUPPORT_THRESHOLD in
assistant/answering/verify.py is set from this run).
"""

from __future__ import annotations

import random

from assistant.evaluation.dataset import load_gold
from assistant.evaluation.metrics import norm
from assistant.evidence.support import LEXICAL_WEIGHT, SUPPORT_THRESHOLD, support
from assistant.facade import Assistant
from assistant.settings import PROJECT_ROOT


def main() -> None:
    a = Assistant()
    if a.index.is_empty:
        a.ingest()
    cases = [c for c in load_gold(PROJECT_ROOT / "eval" / "gold.yaml") if c.split == "dev" and c.answerable and c.facts and c.gold]
    pairs: list[tuple[str, str]] = []
    for c in cases:
        for doc_id in c.docs:
            text = a.index.doc_text(doc_id)
            for s, e in a.index.snapshot.doc_sentences[doc_id]:
                if any(norm(v) in norm(text[s:e]) for v in c.facts[0]):
                    pairs.append((c.gold or "", text[s:e]))
                    break
            else:
                continue
            break
    rng = random.Random(0)
    pos = [support(g, q, a.embedder).score for g, q in pairs]
    neg = []
    for i, (g, _) in enumerate(pairs):
        j = rng.choice([k for k in range(len(pairs)) if k != i])
        neg.append(support(g, pairs[j][1], a.embedder).score)
    # the separating threshold with the widest margin: midway between the classes' closest scores
    best = round((min(pos) + max(neg)) / 2, 2) if min(pos) > max(neg) else \
        max((t / 100 for t in range(20, 90)), key=lambda t: sum(p >= t for p in pos) + sum(n < t for n in neg))
    acc = (sum(p >= best for p in pos) + sum(n < best for n in neg)) / (len(pos) + len(neg))
    print(f"pairs: {len(pos)} positive, {len(neg)} negative (lexical weight {LEXICAL_WEIGHT})")
    print(f"positives: min {min(pos):.2f} median {sorted(pos)[len(pos) // 2]:.2f}")
    print(f"negatives: max {max(neg):.2f} median {sorted(neg)[len(neg) // 2]:.2f}")
    print(f"best separating threshold {best:.2f} (accuracy {acc:.2f}); current SUPPORT_THRESHOLD {SUPPORT_THRESHOLD}")


if __name__ == "__main__":
    main()
