"""Loading and scoring the attribution set (eval/attribution): shared by bench_positions and fit_positions.

A labelled statement counts as found when a predicted statement overlaps it substantially (the overlap
covers at least half of the label and at least half of the prediction) and has the right kind family
(direct, or indirect = reported | third_party). Speaker precision: of the found statements, the share whose
predicted speaker names the labelled speaker (a shared name word beyond titles, case-folded).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent / "attribution"
_TITLES = {"the", "of", "a", "an", "president", "minister", "prime", "mr", "ms", "mrs", "dr", "general", "state",
           "states", "united", "government", "department", "and", "for", "s", "campaign"}


@dataclass
class Gold:
    text_id: str
    split: str
    start: int
    end: int
    speaker: str
    kind: str


def load() -> tuple[dict[str, str], dict[str, str], list[Gold]]:
    data = yaml.safe_load((ROOT / "labels.yaml").read_text(encoding="utf-8"))
    texts, splits, gold = {}, {}, []
    for t in data["texts"]:
        body = (ROOT / t["file"]).read_text(encoding="utf-8")
        texts[t["id"]], splits[t["id"]] = body, t["split"]
        for st in t["statements"]:
            occ = st.get("occurrence", 1)
            pos = -1
            for _ in range(occ):
                pos = body.index(st["text"], pos + 1)
            gold.append(Gold(t["id"], t["split"], pos, pos + len(st["text"]), st["speaker"], st["kind"]))
    return texts, splits, gold


def family(kind: str) -> str:
    return "direct" if kind == "direct" else "indirect"


def name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower().replace("’s", "").replace("'s", "")) if w not in _TITLES}


def _plain(name: str) -> str:
    return re.sub(r"^(the)\s+", "", name.strip().lower())


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper())


def same_speaker(pred: str, gold: str) -> bool:
    """Same person or organisation: a shared name word beyond titles, the same plain name, or an acronym
    of the other ("WHO" = "World Health Organization")."""
    if not pred.strip():
        return False
    if _plain(pred) == _plain(gold) or (_plain(pred) in _plain(gold) and len(_plain(pred)) > 3):
        return True
    if (pred.strip().isupper() and pred.strip() == _initials(gold)) or (gold.strip().isupper() and gold.strip() == _initials(pred)):
        return True
    p, g = name_words(pred), name_words(gold)
    return bool(p and g and p & g)


def matches(pred: Any, g: Gold) -> bool:
    ov = max(0, min(pred["char_end"], g.end) - max(pred["char_start"], g.start))
    return (ov >= 0.5 * (g.end - g.start) and ov >= 0.5 * (pred["char_end"] - pred["char_start"])
            and family(pred["kind"]) == family(g.kind))


def score(predict: Callable[[str, str], list[dict[str, Any]]], split: str,
          texts: dict[str, str], splits: dict[str, str], gold: list[Gold]) -> dict[str, float]:
    ids = [i for i in texts if splits[i] == split]
    found = direct_found = direct_total = speaker_ok = third_as_direct = n_pred = n_pred_matched = 0
    golds = [g for g in gold if g.split == split]
    for tid in ids:
        preds = predict(tid, texts[tid])
        n_pred += len(preds)
        tg = [g for g in golds if g.text_id == tid]
        matched_preds: set[int] = set()
        for g in tg:
            hit = [i for i, p in enumerate(preds) if matches(p, g)]
            if g.kind == "direct":
                direct_total += 1
            if g.kind == "third_party":
                for p in preds:
                    ov = max(0, min(p["char_end"], g.end) - max(p["char_start"], g.start))
                    if p["kind"] == "direct" and ov >= 0.5 * (g.end - g.start):
                        third_as_direct += 1
                        break
            if not hit:
                continue
            found += 1
            direct_found += g.kind == "direct"
            best = next((i for i in hit if same_speaker(preds[i]["speaker"], g.speaker)), hit[0])
            speaker_ok += same_speaker(preds[best]["speaker"], g.speaker)
            matched_preds.update(hit)
        n_pred_matched += len(matched_preds)
    return {
        "statements": len(golds),
        "recall": found / max(1, len(golds)),
        "direct_recall": direct_found / max(1, direct_total),
        "speaker_precision": speaker_ok / max(1, found),
        "span_precision": n_pred_matched / max(1, n_pred),
        "third_party_as_direct": float(third_as_direct),
    }
