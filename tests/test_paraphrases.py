"""The same question in other words finds the same evidence (gold paraphrase pairs, both splits)."""

from __future__ import annotations

import pytest

from assistant.evaluation.dataset import load_gold
from assistant.evidence.find import find
from assistant.facade import Assistant
from assistant.settings import PROJECT_ROOT


def _evidence(a: Assistant, question: str) -> tuple[bool, set[tuple[str, int]], set[str]]:
    """The decision, and the sentences the answer rests on: the evidence set's members and the scorer's top 3."""
    found = find(a.library(), a.index, question, exclude=a.is_untrusted)
    members = {(m.candidate.doc_id, m.candidate.start) for m in found.best.members} if found.best else set()
    members |= {(c.doc_id, c.start) for c in found.candidates[:3] if c.meta_field is None}
    return found.answerable, members, {d for d, _ in members}


@pytest.mark.slow
def test_paraphrase_pairs_get_the_same_evidence(corpus_assistant: Assistant) -> None:
    cases = {c.id: c for c in load_gold(PROJECT_ROOT / "eval" / "gold.yaml")}
    pairs = [(cases[c.paraphrase_of], c) for c in cases.values() if c.paraphrase_of in cases]
    assert len(pairs) >= 20
    same = []
    for a, b in pairs:
        ea, eb = _evidence(corpus_assistant, a.question), _evidence(corpus_assistant, b.question)
        # same decision, and at least one sentence the answers rest on is the same
        same.append(ea[0] == eb[0] and (bool(ea[1] & eb[1]) or (not ea[0] and not eb[0])))
    assert sum(same) >= 20, f"{sum(same)} of {len(pairs)} paraphrase pairs share their evidence"
