"""Evidence sets: one or more sentences, from one or more passages or documents, that together cover what
the question asks. Each set says which member covers which item, by what match, and what is missing.

The sentence scorer and the answerability model are fitted (eval/fit_answer.py); their parameters are read
through assistant.calibration, never set here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.calibration import fitted, logistic
from assistant.evidence.candidates import Candidate
from assistant.evidence.items import Item, QuestionItems
from assistant.evidence.match import ItemMatch
from assistant.textutil import STOPWORDS, fold


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
    loose: dict[str, ItemMatch] = field(default_factory=dict)  # items found only in unconnected passages

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


_NAME = re.compile(r"\b[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]{2,}(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]+)*")


def name_phrases(text: str, initial_words: bool = False) -> list[str]:
    """Capitalised names in a text as written; a sentence-initial single word only with `initial_words` (and
    never a common function word)."""
    out = []
    for m in _NAME.finditer(text):
        initial = m.start() == 0 or text[max(0, m.start() - 2) : m.start()].strip() in {".", "!", "?", "“", '"'}
        if initial and " " not in m.group(0) and (not initial_words or m.group(0).lower() in STOPWORDS):
            continue
        out.append(m.group(0))
    return out


# calendar words are capitalised but name no thing: two reports of different events "on Monday" share no subject
_CALENDAR = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                       "february", "march", "april", "may", "june", "july", "august", "september", "october",
                       "november", "december"])


def _names(text: str) -> set[str]:
    """Capitalised names in a text, folded (a bridge between two passages); not a weekday or a month."""
    return {f for f in (fold(n) for n in name_phrases(text)) if f not in _CALENDAR}


def linked(c: Candidate, members: list[Member], items: QuestionItems, titles: dict[str, str]) -> bool:
    """Is a further sentence connected to the evidence so far? Same document; or it names again one of the
    question's named things the set already covers; or a bridge: a name (or its document's title) that a member
    introduces. Unconnected facts about different parts of a question do not answer it together."""
    ent_keys = {e.key for e in items.entities}
    qf = fold(items.question)
    for m in members:
        o = m.candidate
        if o.doc_id == c.doc_id:
            return True
        if ent_keys & set(o.covers()) & set(c.own):
            return True
        names_o, names_c = _names(o.text), _names(c.text)
        shared = {n for n in names_o & names_c if n not in qf}
        if shared:
            return True
        t_c, t_o = fold(titles.get(c.doc_id, "")), fold(titles.get(o.doc_id, ""))
        if (t_c and len(t_c) > 3 and t_c in fold(o.text)) or (t_o and len(t_o) > 3 and t_o in fold(c.text)):
            return True
    return False


def grow(items: QuestionItems, seed: Candidate, pool: list[Candidate], max_members: int = 3,
         titles: dict[str, str] | None = None) -> EvidenceSet:
    """Greedy cover: start from the seed, add the connected candidate that covers the most still-missing weight."""
    titles = titles or {}
    weights = {i.key: i.weight for i in items.items}
    members = [Member(seed, list(seed.covers().values()))]
    covered = dict(seed.covers())
    used = {seed.key}
    loose: dict[str, ItemMatch] = {}  # covered only by sentences not connected to the set
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
            if not linked(c, members, items, titles):
                for k, m in new.items():
                    loose.setdefault(k, m)
                continue
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
    return EvidenceSet(members=members, covered=covered, missing=missing,
                       loose={k: v for k, v in loose.items() if k not in covered})


def semantic_cover(items: QuestionItems, es: EvidenceSet, term_vecs: dict[str, np.ndarray]) -> float:
    """For key terms no member names, how close the members' meaning comes to them (a synonym or paraphrase
    scores higher than a sentence about something else); 1.0 when nothing is missing."""
    missing = [i for i in items.terms if i.key not in es.covered and i.key in term_vecs]
    if not missing:
        return 1.0
    vecs = [m.candidate.vec for m in es.members if m.candidate.vec is not None]
    if not vecs:
        return 0.0
    mat = np.stack(vecs)
    total = sum(i.weight for i in missing) or 1.0
    return float(sum(i.weight * float(np.max(mat @ term_vecs[i.key])) for i in missing) / total)


def set_features(items: QuestionItems, es: EvidenceSet, cands: list[Candidate],
                 term_vecs: dict[str, np.ndarray] | None = None) -> dict[str, float]:
    all_items = items.items
    total = sum(i.weight for i in all_items) or 1.0
    ent_total = sum(i.weight for i in items.entities)
    cov = sum(i.weight * es.covered[i.key].strength for i in all_items if i.key in es.covered) / total
    ent = (sum(i.weight * es.covered[i.key].strength for i in items.entities if i.key in es.covered) / ent_total
           if ent_total > 0 else 1.0)
    seed = es.members[0].candidate
    ps = [c.p for c in cands[:3]] + [0.0, 0.0, 0.0]
    sc = seed.covers()
    top_w = max((i.weight for i in all_items), default=1.0) or 1.0
    seed_missing = [i.weight for i in all_items if i.key not in sc]
    set_missing = [i.weight for i in all_items if i.key not in es.covered]
    return {
        "seed_coverage": sum(i.weight * sc[i.key].strength for i in all_items if i.key in sc) / total,
        "seed_own_coverage": sum(i.weight * seed.own[i.key].strength for i in all_items if i.key in seed.own) / total,
        "max_missing_seed": max(seed_missing, default=0.0) / top_w,
        "max_missing_set": max(set_missing, default=0.0) / top_w,
        "loose": sum(i.weight for i in all_items if i.key in es.loose) / total,
        "missing_semantic": semantic_cover(items, es, term_vecs or {}),
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
        **focus_features(items, es, term_vecs or {}),
    }


def focus_features(items: QuestionItems, es: EvidenceSet, term_vecs: dict[str, np.ndarray]) -> dict[str, float]:
    """Does some member name what the answer is an instance of ("how many *tanks*"), and hold a new instance
    of the answer type in that same sentence? All 0 when the question names no such thing."""
    focus = items.focus
    if focus is None:
        return {"focus_missing": 0.0, "focus_type_missing": 0.0, "focus_semantic_gap": 0.0}
    own = max((m.candidate.features.get("focus_own", 0.0) for m in es.members), default=0.0)
    typed = max((m.candidate.features.get("focus_own", 0.0) * _answer_covered(items, m.candidate)
                 for m in es.members), default=0.0)
    vecs = [m.candidate.vec for m in es.members if m.candidate.vec is not None]
    sim = float(np.max(np.stack(vecs) @ term_vecs[focus.key])) if vecs and focus.key in term_vecs else 0.0
    return {"focus_missing": 1.0 - own, "focus_type_missing": 1.0 - typed, "focus_semantic_gap": 1.0 - sim}


def doc_titles(cands: list[Candidate]) -> dict[str, str]:
    """The titles the candidates' metadata lines give (what `linked` reads as a bridge)."""
    return {c.doc_id: c.text[len("Title: "):].split(".")[0] for c in cands
            if c.meta_field and c.text.startswith("Title: ")}


def best_set(items: QuestionItems, cands: list[Candidate], params: dict[str, Any] | None = None,
             seeds: int = 3, term_vecs: dict[str, np.ndarray] | None = None) -> EvidenceSet | None:
    """The most answerable of the sets grown from the top few candidates."""
    if not cands:
        return None
    p = params or fitted("answer")["refusal"]
    best: EvidenceSet | None = None
    titles = doc_titles(cands)
    for seed in cands[:seeds]:
        es = grow(items, seed, cands[:40], titles=titles)
        es.features = set_features(items, es, cands, term_vecs)
        es.p_answerable = logistic(p["weights"], p["bias"], es.features)
        if best is None or es.p_answerable > best.p_answerable + 1e-9:
            best = es
    return best
