"""Fit the topic-relevance thresholds of contrast on the dev contrast cases of eval/gold.yaml and the
hand-labelled (topic wording, statement, relevant?) pairs of eval/attribution/topic_pairs.yaml (dev texts).

    PYTHONPATH=. python eval/fit_positions.py

A candidate statement of an actor is labelled relevant to a dev case's topic when it contains one of the
terms the case expects for that actor. Thresholds on cosine(topic, statement + paragraph) (own words and
third-party descriptions separately) and on the share of topic key terms are chosen by F1 on those labels.
Metrics (case status and expected-term hits) are reported for dev and heldout cases side by side.
Writes assistant/fitted/positions.json through assistant.calibration.write.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from assistant import calibration
from assistant.facade import Assistant
from assistant.settings import PROJECT_ROOT, Settings
from assistant.textutil import fold

GRID = [round(0.20 + 0.01 * i, 2) for i in range(50)]
KEY_GRID = [0.5, 0.67, 0.75, 1.0, 1.01]


def cases(split: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((PROJECT_ROOT / "eval" / "gold.yaml").read_text(encoding="utf-8"))
    rows = data["cases"] if isinstance(data, dict) else data
    return [c for c in rows if c.get("type") == "contrast" and c.get("split") == split]


def f1(rows: list[tuple[float, float, bool]], t: float, k: float) -> float:
    tp = sum(1 for s, ks, y in rows if (s >= t or ks >= k) and y)
    fp = sum(1 for s, ks, y in rows if (s >= t or ks >= k) and not y)
    fn = sum(1 for s, ks, y in rows if not (s >= t or ks >= k) and y)
    return 2 * tp / max(1, 2 * tp + fp + fn)


def case_metrics(a: Assistant, split: str) -> dict[str, float]:
    ok = hits = total = 0
    for c in cases(split):
        names = list(c["actors"])
        res = a.contrast(c["question"], names)
        for p, name in zip(res.positions, names, strict=True):
            terms = c["actors"][name]
            total += 1
            if terms is None:
                ok += p.status == "no_position"
                hits += p.status == "no_position"
                continue
            ok += p.status == "found"
            text = fold(" ".join(s.text for s in p.statements))
            hits += any(fold(t) in text for t in terms)
    return {"status_accuracy": ok / max(1, total), "expected_term_hit": hits / max(1, total), "actor_cases": total}


def topic_pair_rows(a: Assistant) -> list[tuple[float, float, bool]]:
    """(similarity, key share, relevant?) for eval/attribution/topic_pairs.yaml: dev attribution texts only."""
    from assistant.positions.contrast import relevance_features
    from assistant.positions.texts import display, sentence_context

    pairs = yaml.safe_load((PROJECT_ROOT / "eval" / "attribution" / "topic_pairs.yaml").read_text(encoding="utf-8"))
    splits = {t["id"]: t["split"] for t in yaml.safe_load(
        (PROJECT_ROOT / "eval" / "attribution" / "labels.yaml").read_text(encoding="utf-8"))["texts"]}
    stmts: list[tuple[str, str, str, str]] = []  # (topic id, statement, statement + paragraph, context)
    labels: dict[tuple[int, int], bool] = {}
    for ti, t in enumerate(pairs["topics"]):
        assert splits[t["text"]] == "dev", t["text"]
        text = (PROJECT_ROOT / "eval" / "attribution" / "texts" / f"{t['text']}.txt").read_text(encoding="utf-8")
        for sub, y in [(x, True) for x in t["relevant"]] + [(x, False) for x in t["not_relevant"]]:
            start = text.index(sub)
            end = start + len(sub)
            ps = text.rfind("\n", 0, start) + 1
            pe = text.find("\n", end)
            pe = len(text) if pe < 0 else pe
            stmt, para = display(sub), display(text[ps:pe])
            stmts.append((str(ti), stmt, f"{stmt} {para}", display(sentence_context(text, start, end, ps, pe))))
            labels[(ti, len(stmts) - 1)] = y
    rows = []
    for ti, t in enumerate(pairs["topics"]):
        for wording in t["wordings"]:
            feats = relevance_features(a.index, wording, [x[1] for x in stmts], [x[2] for x in stmts],
                                       [x[3] for x in stmts])
            for j, f in enumerate(feats):
                y = labels.get((ti, j), False)  # another topic's statement: not relevant
                rows.append((max(f["sim"], f["sim_para"], f["sim_ctx"]), f["key_share"], y))
    return rows


def main() -> None:
    a = Assistant(Settings(index_dir=Path(tempfile.mkdtemp()), corpus_dir=PROJECT_ROOT / "corpus"))
    a.ingest()
    finder = a.statements_finder()
    own: list[tuple[float, float, bool]] = []
    third: list[tuple[float, float, bool]] = []
    for c in cases("dev"):
        for name, terms in c["actors"].items():
            actor = a.registry.resolve(name).actor
            items = finder.attributions().get(actor.name, [])
            if not items:
                continue
            feats = finder.features(c["question"], items)
            for (s, kind), f in zip(items, feats, strict=True):
                y = bool(terms) and any(fold(t) in fold(s.text) for t in terms)
                row = (max(f["sim"], f["sim_para"], f["sim_ctx"]), f["key_share"], y)
                (third if kind == "third_party" else own).append(row)
    pairs = topic_pair_rows(a)
    own += pairs
    best = max(((t, k) for t in GRID for k in KEY_GRID), key=lambda tk: (f1(own, *tk), tk[0]))
    sim_own, key_share = best
    third_t = max(GRID, key=lambda t: (f1(third, t, key_share), t)) if sum(y for *_, y in third) else sim_own
    params = {"relevance": {"sim_own": sim_own, "sim_third": max(third_t, sim_own), "key_share": key_share}}
    calibration.write("positions", params, {}, {}, "eval/fit_positions.py")  # metrics need the params in use
    metrics = {"dev": {"f1_own": round(f1(own, sim_own, key_share), 3),
                       "f1_third": round(f1(third, params["relevance"]["sim_third"], key_share), 3),
                       **case_metrics(a, "dev")},
               "heldout": case_metrics(a, "heldout")}
    data = {"source": "eval/gold.yaml contrast cases (split dev) + eval/attribution/topic_pairs.yaml (dev texts)",
            "own_items": len(own), "third_items": len(third), "topic_pairs": len(pairs),
            "labels": "gold: statement contains a term the case expects for the actor; pairs: hand labels"}
    path = calibration.write("positions", params, data, metrics, "eval/fit_positions.py")
    print(path)
    print(params)
    print(metrics)


if __name__ == "__main__":
    main()
