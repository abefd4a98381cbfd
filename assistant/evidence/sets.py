"""Evidence sets: one or more sentences, from one or more passages or documents, that together cover what
the question asks. Each set says which member covers which item, by what match, and what is missing.

The sentence scorer and the answerability model are fitted (eval/fit_answer.py); their parameters are read
through assistant.calibration, never set here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.calibration import fitted, logistic
from assistant.evidence.candidates import Candidate
from assistant.evidence.items import Item, QuestionItems
from assistant.evidence.match import ItemMatch


@dataclass
class Member:
    candidate: Candidate
    covers: list[ItemMatch]  # the items this member contributes to the set, with how each matched


@dataclass
class EvidenceSet:
    members: list[Member]
    covered: dict[str, ItemMatch] = field(default_factory=dict)
    missing: list[Item] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    p_answerable: float = 0.0

    @property
    def missing_required(self) -> list[Item]:
        return [i for i in self.missing if i.required]

    def reasons(self) -> list[dict[str, Any]]:
        return [{"doc_id": m.candidate.doc_id, "start": m.candidate.start, "end": m.candidate.end,
                 "field": m.candidate.meta_field, "p": round(m.candidate.p, 3),
                 "covers": [{"item": c.label, "how": c.how} for c in m.covers]} for m in self.members]


def score(cands: list[Candidate], params: dict[str, Any] | None = None) -> list[Candidate]:
    """Fitted probability that each candidate holds the answer; best first."""
    p = params or fitted("answer")["sentence"]
    for c in cands:
        c.p = logistic(p["weights"], p["bias"], c.features)
    return sorted(cands, key=lambda c: -c.p)


def _answer_covered(items: QuestionItems, c: Candidate) -> float:
    return c.features.get("type", 0.0) if items.answer is not None else 1.0


def grow(items: QuestionItems, seed: Candidate, pool: list[Candidate], max_members: int = 3) -> EvidenceSet:
    """Greedy cover: start from the seed, add the candidate that covers the most still-missing weight."""
    weights = {i.key: i.weight for i in items.items}
    members = [Member(seed, list(seed.covers().values()))]
    covered = dict(seed.covers())
    used = {seed.key}
    while len(members) < max_members:
        best, best_gain = None, 0.0
        for c in pool:
            if c.key in used:
                continue
            new = {k: m for k, m in c.covers().items() if k not in covered or covered[k].strength < m.strength}
            gain = sum(weights.get(k, 0.0) * (m.strength - (covered[k].strength if k in covered else 0.0))
                       for k, m in new.items() if k in weights)
            if gain <= 1e-6:
                continue
            gain *= 0.5 + c.p  # prefer likely answer sentences among equal covers
            if gain > best_gain:
                best, best_gain = c, gain
        if best is None:
            break
        adds = [m for k, m in best.covers().items() if k not in covered or covered[k].strength < m.strength]
        members.append(Member(best, adds))
        for m in adds:
            covered[m.key] = m
        used.add(best.key)
    missing = [i for i in items.items if i.key not in covered]
    if items.answer is not None and _answer_covered(items, seed) < 0.5 and \
            all(_answer_covered(items, m.candidate) < 0.5 for m in members):
        missing.append(items.answer)
    return EvidenceSet(members=members, covered=covered, missing=missing)


def set_features(items: QuestionItems, es: EvidenceSet, cands: list[Candidate]) -> dict[str, float]:
    all_items = items.items
    total = sum(i.weight for i in all_items) or 1.0
    ent_total = sum(i.weight for i in items.entities)
    cov = sum(i.weight * es.covered[i.key].strength for i in all_items if i.key in es.covered) / total
    ent = (sum(i.weight * es.covered[i.key].strength for i in items.entities if i.key in es.covered) / ent_total
           if ent_total > 0 else 1.0)
    seed = es.members[0].candidate
    ps = [c.p for c in cands[:3]] + [0.0, 0.0, 0.0]
    return {
        "p_top": seed.p,
        "p_second": ps[1],
        "margin": seed.p - ps[1],
        "coverage": cov,
        "entity_coverage": ent,
        "required_covered": 0.0 if es.missing_required else 1.0,
        "unknown_entities": float(len(items.unknown)),
        "seed_dense": seed.features.get("dense_sent", 0.0),
        "seed_type": seed.features.get("type", 0.0),
        "seed_core_own": seed.features.get("core_own", 0.0),
        "seed_term_own": seed.features.get("term_own", 0.0),
        "members": float(len(es.members)),
        "has_entities": 1.0 if items.entities else 0.0,
    }


def best_set(items: QuestionItems, cands: list[Candidate], params: dict[str, Any] | None = None,
             seeds: int = 3) -> EvidenceSet | None:
    """The most answerable of the sets grown from the top few candidates."""
    if not cands:
        return None
    p = params or fitted("answer")["refusal"]
    best: EvidenceSet | None = None
    for seed in cands[:seeds]:
        es = grow(items, seed, cands[:40])
        es.features = set_features(items, es, cands)
        es.p_answerable = logistic(p["weights"], p["bias"], es.features)
        if best is None or es.p_answerable > best.p_answerable + 1e-9:
            best = es
    return best
