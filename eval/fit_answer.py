"""Fit the answer engine's sentence scorer, answerability model and composition on DEV data only, then
report dev and held-out side by side with a naive baseline (top-3 sentences of plain dense retrieval).

    .venv/bin/python eval/fit_answer.py            # fit, write assistant/fitted/answer.json, print the table
    .venv/bin/python eval/fit_answer.py --report   # only measure with the committed parameters

Dev (fit on): SQuAD 2.0 "Normans" (all 87 paragraphs pooled), HotpotQA q1-100 (pooled), the dev half of our gold
set, and for the sentence scorer only the Wikinews dev set (eval/wikinews-qa-dev.yaml, 10 articles of the
22-article library eval/attribution/texts; see FIT_ON).
Held-out (never fit on): SQuAD "Computational complexity", HotpotQA q101-200, the gold held-out half, the Wikinews
held-out set (eval/wikinews-qa.yaml, 12 other articles of that library), the held-out half of eval/mixed-qa.yaml.
The dev half of eval/mixed-qa.yaml (31 texts of other genres) is measured and looked at, not fit on: a refit with it
in SENTENCE_FIT_ON (2026-12-06) chose shorter answers and lowered every dev set (SQuAD 0.885 -> 0.823, HotpotQA
0.74 -> 0.70, gold 0.907 -> 0.88, Wikinews 0.80 -> 0.75, its own 0.917 -> 0.905).
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from answer_data import Q, Record, assistant_for, collect, contains, load_questions, relabel

from assistant.calibration import fitted, write
from assistant.evaluation.metrics import norm
from assistant.evidence.candidates import INTERACTIONS

SETS = [("squad2", "dev"), ("hotpotqa", "dev"), ("gold", "dev"), ("wikinews", "dev"), ("mixed", "dev"),
        ("squad2", "heldout"), ("hotpotqa", "heldout"), ("gold", "heldout"), ("wikinews", "heldout"),
        ("mixed", "heldout")]
SENT_FEATURES = ["dense_sent", "dense_hit", "bm25_hit", "title_hit", "prior", "hop2", "ent_own", "ent_ctx",
                 "term_own", "term_ctx", "core_own", "core_ctx", "type", "novel", "length", "is_meta", "meta_q",
                 "has_entities", "focus_own", "has_focus", "lead", "ne_type"]
SET_FEATURES = ["p_top", "p_second", "margin", "coverage", "entity_coverage", "required_covered",
                "unknown_entities", "seed_dense", "seed_type", "seed_core_own", "seed_term_own", "members",
                "has_entities", "seed_coverage", "seed_own_coverage", "max_missing_seed", "max_missing_set", "loose",
                "missing_semantic", "focus_missing", "focus_type_missing", "focus_semantic_gap"]
INTERACT = list(INTERACTIONS)
# the dev sets the answerability model and threshold are fit on: not the Wikinews dev set (fitting them on it too,
# 2026-12-05, lowered the dev objective 0.433 -> 0.417 and SQuAD dev containment 0.896 -> 0.865 by raising the
# threshold from 0.05 to 0.55). The sentence scorer is fit on it as well (SENTENCE_FIT_ON: more kinds of text; dev
# containment averaged over the four dev sets 0.810 -> 0.826, held-out 0.777 -> 0.775, i.e. unchanged)
FIT_ON = ("squad2", "hotpotqa", "gold")
SENTENCE_FIT_ON = (*FIT_ON, "wikinews")
REFUSAL_COST = 1.5  # a needless refusal of an answerable question counts 1.5 times a wrong answer
# the sentence scorer's regularisation strengths tried (sklearn's C; 1.0 until 2026-12-06); the one kept is chosen on
# the dev sets' answers
SENTENCE_C = (0.3, 1.0, 3.0, 10.0, 30.0)
MAX_MEAN_WORDS = 90.0  # the limit on HotpotQA answers (mean words), held on its dev split


def sent_x(f: dict[str, float]) -> list[float]:
    return [f.get(k, 0.0) for k in SENT_FEATURES] + [f.get(a, 0.0) * f.get(b, 0.0) for a, b in INTERACT]


def sent_names() -> list[str]:
    return SENT_FEATURES + [f"{a}*{b}" for a, b in INTERACT]


def fit_logistic(x: np.ndarray, y: np.ndarray, names: list[str], weight: np.ndarray | None = None,
                 c: float = 1.0) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=c, max_iter=2000)
    m.fit(x, y, sample_weight=weight)
    return {"weights": {n: round(float(w), 5) for n, w in zip(names, m.coef_[0], strict=True)},
            "bias": round(float(m.intercept_[0]), 5)}


def with_products(f: dict[str, float]) -> dict[str, float]:
    out = dict(f)
    for a, b in INTERACT:
        out[f"{a}*{b}"] = f.get(a, 0.0) * f.get(b, 0.0)
    return out


def answer_label(r: Record) -> str | None:
    """The named-entity label of the gold answer where a sentence holding it names it as an entity ("NONE":
    the answer is not a named entity); None without a sentence holding the answer."""
    from assistant.textutil import fold

    variants = [fold(v) for fact in r.q.answers for v in fact if v.strip()]
    held = [c for c, y in zip(r.cands, r.labels, strict=True) if y]
    if not held:
        return None
    for c in held:
        for text, label in c.entities:
            t = fold(text)
            if any(v in t or t in v for v in variants):
                return label
    return "NONE"


def fit_answer_type(recs: list[Record], embed: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Which entity label answers a wh-phrase: a multinomial logistic model over the phrase's embedding, fit on
    the dev questions' gold answers (their labels as tagged in the sentence holding them)."""
    from sklearn.linear_model import LogisticRegression

    rows = [(r.items.wh, lab) for r in recs if r.q.answerable and not r.q.yes_no
            and (lab := answer_label(r)) is not None]
    phrases = sorted({w for w, _ in rows})
    vec = dict(zip(phrases, embed(phrases), strict=True))
    m = LogisticRegression(C=1.0, max_iter=3000)
    m.fit(np.array([vec[w] for w, _ in rows]), np.array([lab for _, lab in rows]))
    params = {"labels": [str(c) for c in m.classes_],
              "coef": [[round(float(x), 4) for x in row] for row in m.coef_],
              "bias": [round(float(x), 4) for x in m.intercept_]}
    counts: dict[str, int] = {}
    for _w, lab in rows:
        counts[lab] = counts.get(lab, 0) + 1
    return params, {"questions": len(rows), "labels": dict(sorted(counts.items(), key=lambda kv: -kv[1]))}


def label_accuracy(recs: list[Record], model: dict[str, Any], embed: Any) -> float | None:
    from assistant.evidence.answer_type import expected_labels

    hits = []
    for r in recs:
        if r.q.answerable and not r.q.yes_no and (lab := answer_label(r)) is not None:
            got = expected_labels(r.items.wh, embed, model)
            hits.append(float(max(got, key=lambda k: got[k]) == lab))
    return _mean(hits)


def refresh_entity_features(recs: list[Record], model: dict[str, Any] | None, embed: Any) -> None:
    """The entity features of every candidate, under this answer-type model."""
    from assistant.evidence.answer_type import expected_labels
    from assistant.evidence.candidates import entity_features

    for r in recs:
        expected = expected_labels(r.items.wh, embed, model) if model else {}
        for c in r.cands:
            c.features.update(entity_features(c, r.items, expected))


def score_records(recs: list[Record], sent: dict[str, Any], ref: dict[str, Any]) -> None:
    from assistant.calibration import logistic
    from assistant.evidence.find import speaker_filter
    from assistant.evidence.sets import best_set

    for r in recs:
        for c in r.cands:
            c.features = with_products({k: v for k, v in c.features.items() if "*" not in k})
            c.p = logistic(sent["weights"], sent["bias"], c.features)
        r.cands.sort(key=lambda c: -c.p)
        cands = speaker_filter(r.cands, getattr(r, "said", None))  # as find() does for "what did X say"
        r.best = best_set(r.items, cands, ref, term_vecs=r.term_vecs) if cands else None  # type: ignore[attr-defined]


def answer_text(r: Record, compose: dict[str, Any], threshold: float,
                said: dict[str, float] | None = None) -> tuple[bool, str]:
    from assistant.answering.extractive import select
    from assistant.evidence.cite import display
    from assistant.evidence.find import Found, own_spans, said_refusal, speaker_filter

    es = r.best  # type: ignore[attr-defined]
    answerable = es is not None and not r.items.unknown and es.p_answerable >= threshold
    if answerable and said_refusal(r.items, getattr(r, "said", None), said) is not None:
        answerable = False  # "what did X say about Y": X is quoted, never on Y (the positions package's check)
    qscore, qmin = getattr(r, "qscore", None), getattr(r, "qmin", None)
    if answerable and qscore is not None and qmin is not None and qscore < qmin:
        answerable = False  # "how many N": no figure counts N (eval/fit_quantity.py, fit after this model)
    if not answerable:
        return False, ""
    check = getattr(r, "said", None)
    found = Found(r.items, r.hits, speaker_filter(r.cands, check), es, True,
                  statements=list(check.quotes) if check is not None else [], said_spans=own_spans(check))
    return True, " ".join(display(c.text) for c in select(found, compose))


def measure(recs: list[Record], compose: dict[str, Any], threshold: float,
            said: dict[str, float] | None = None) -> dict[str, float | None]:
    contain, words, ans_ref, unans_ref, refusals_ok, refusals = [], [], [], [], 0, 0
    for r in recs:
        ok, text = answer_text(r, compose, threshold, said)
        if r.q.answerable:
            ans_ref.append(0.0 if ok else 1.0)
            if ok:
                words.append(len(text.split()))
            if not r.q.yes_no:
                facts = r.q.answers
                contain.append(sum(contains(text, f) for f in facts) / len(facts) if ok else 0.0)
        else:
            unans_ref.append(0.0 if ok else 1.0)
        if not ok:
            refusals += 1
            refusals_ok += int(not r.q.answerable)
    return {"contained": _mean(contain), "answerable_refused": _mean(ans_ref),
            "unanswerable_refused": _mean(unans_ref), "refusal_precision": refusals_ok / refusals if refusals else None,
            "mean_words": _mean([float(w) for w in words]), "n": float(len(recs))}


def _mean(xs: list[float]) -> float | None:
    return round(statistics.fmean(xs), 3) if xs else None


def naive(a: Any, qs: list[Q]) -> float | None:
    """Top-3 sentences (by similarity to the question) of the top-4 passages of plain dense search."""
    out = []
    index = a.index
    for q in qs:
        if not q.answerable or q.yes_no:
            continue
        qv = index.embedder.embed([q.question])[0]
        got = index.store.query(qv, 4)
        sents = []
        snap = index.snapshot
        for cid, _s, _v in got:
            ch = snap.chunks.get(cid)
            if ch is None:
                continue
            text = snap.docs[ch.doc_id].document.text
            sents += [text[s.char_start : s.char_end] for s in ch.sentences]
        if not sents:
            out.append(0.0)
            continue
        vecs = np.stack(index.text_vectors(sents))
        top = [sents[i] for i in np.argsort(-(vecs @ qv))[:3]]
        text = " ".join(top)
        out.append(sum(contains(text, f) for f in q.answers) / len(q.answers))
    return _mean(out)


def fit_steps(dev: list[Record], sent_dev: list[Record], c_reg: float) -> dict[str, Any]:
    """Steps 1-4 of the fit for one regularisation strength of the sentence scorer."""
    # 1. sentence scorer: does this sentence hold the answer? (answerable, non yes/no dev questions)
    for r in sent_dev:
        relabel(r)  # scoring sorts the candidates: their labels follow
    xs, ys, ws = [], [], []
    for r in sent_dev:
        if not r.q.answerable or r.q.yes_no or not any(r.labels):
            continue
        for c, y in zip(r.cands, r.labels, strict=True):
            xs.append(sent_x(c.features))
            ys.append(y)
            ws.append(1.0 / len(r.cands))  # every question counts the same
    sent = fit_logistic(np.array(xs), np.array(ys), sent_names(), np.array(ws) * len(ws) / sum(ws), c=c_reg)
    # 2. answerability from the best set's features (each dataset weighs the same)
    provisional = {"weights": {"p_top": 1.0}, "bias": 0.0, "threshold": 0.0}
    score_records(dev, sent, provisional)
    xr, yr, wr = [], [], []
    counts: dict[str, int] = {}
    for r in dev:
        counts[r.q.dataset] = counts.get(r.q.dataset, 0) + 1
    for r in dev:
        if r.best is None:  # type: ignore[attr-defined]
            continue
        xr.append([r.best.features.get(k, 0.0) for k in SET_FEATURES])  # type: ignore[attr-defined]
        yr.append(int(r.q.answerable))
        wr.append(1.0 / counts[r.q.dataset])
    ref = fit_logistic(np.array(xr), np.array(yr), SET_FEATURES, np.array(wr) * len(wr) / sum(wr))
    score_records(dev, sent, {**ref, "threshold": 0.0})
    # 3. threshold and composition: maximise dev refusals of unanswerables minus 1.5x refusals of answerables
    #    (a needless refusal costs 1.5 wrong answers; each dataset weighs the same), then fewer words for the
    #    same containment
    best: tuple[float, float, dict[str, Any]] | None = None
    by_ds = {ds: [r for r in dev if r.q.dataset == ds] for ds in counts}
    for thr in np.arange(0.05, 0.96, 0.025):
        obj = 0.0
        for recs in by_ds.values():
            m = measure(recs, {"keep_ratio": 0.8, "max_extra": 1}, float(thr))
            obj += (m["unanswerable_refused"] or 0.0) - REFUSAL_COST * (m["answerable_refused"] or 0.0)
        if best is None or obj > best[1] + 1e-9:
            best = (float(thr), obj, {})
    assert best is not None
    thr = best[0]
    best_c: tuple[float, dict[str, Any]] | None = None
    for keep in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        for extra in (0, 1, 2, 3, 4):
            comp = {"keep_ratio": keep, "max_extra": extra}
            obj = 0.0
            for ds, recs in by_ds.items():
                m = measure(recs, comp, thr)
                obj += (m["contained"] or 0.0) - 0.002 * (m["mean_words"] or 0.0)
                if ds == "hotpotqa" and (m["mean_words"] or 0.0) > MAX_MEAN_WORDS:
                    obj -= 1.0  # over the limit on HotpotQA answers
            if best_c is None or obj > best_c[0] + 1e-9:
                best_c = (obj, comp)
    assert best_c is not None
    # 4. "what did X say about Y" when X is quoted: how close to Y one of X's statements must be (or how many
    #    of Y's key terms it must hold, the contrast's fitted share) for an answer; same objective as step 3,
    #    the lowest such similarity at a tie (refuse no more than the dev data asks)
    key_share = float(fitted("positions")["relevance"]["key_share"])
    best_s: tuple[float, dict[str, float]] | None = None
    for min_sim in [0.0] + [round(0.30 + 0.025 * i, 3) for i in range(13)]:
        said = {"min_sim": min_sim, "key_share": key_share}
        obj = 0.0
        for recs in by_ds.values():
            m = measure(recs, best_c[1], thr, said)
            obj += (m["unanswerable_refused"] or 0.0) - REFUSAL_COST * (m["answerable_refused"] or 0.0)
        if best_s is None or obj > best_s[0] + 1e-9:
            best_s = (obj, said)
    assert best_s is not None
    return {"sentence": sent, "refusal": {**ref, "threshold": round(thr, 3)}, "compose": best_c[1],
            "said": best_s[1]}


def xs_count(sent_dev: list[Record]) -> tuple[int, int]:
    """Sentence examples and positives the scorer is fit on."""
    n = pos = 0
    for r in sent_dev:
        relabel(r)
        if r.q.answerable and not r.q.yes_no and any(r.labels):
            n += len(r.cands)
            pos += int(sum(r.labels))
    return n, pos


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", action="store_true", help="measure with the committed parameters, fit nothing")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--cache", action="store_true",
                    help="reuse collected candidates from index/fit/records-*.pkl (only while the evidence code is unchanged)")
    ap.add_argument("--sets", default="", help="comma list like squad2/dev,gold/heldout (default: all six)")
    ap.add_argument("--record", action="store_true",
                    help="with --report: write the measured rows into the committed file's metrics (params unchanged)")
    args = ap.parse_args()
    hops = 2
    data: dict[tuple[str, str], tuple[Any, list[Record]]] = {}
    wanted = [tuple(x.split("/")) for x in args.sets.split(",") if x] or SETS
    for ds, split in wanted:
        t = time.perf_counter()
        docs, qs = load_questions(ds, split)
        if args.limit:
            qs = qs[: args.limit]
        a = assistant_for(ds, split, docs)
        cache = Path(__file__).resolve().parent.parent / "index" / "fit" / f"records-{ds}-{split}.pkl"
        if args.cache and cache.exists():
            recs = pickle.loads(cache.read_bytes())
            for r in recs:
                relabel(r)
        else:
            recs = collect(a, qs, {"hops": hops})
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(pickle.dumps(recs))
        for r in recs:  # statements are the library's, not the candidates': checked here, cached or not
            r.said = a.said_check(r.items) if r.items.kind == "say" else None  # type: ignore[attr-defined]
        data[(ds, split)] = (a, recs)
        print(f"collected {ds}/{split}: {len(recs)} questions in {time.perf_counter() - t:.0f} s", flush=True)
    dev = [r for (ds, split), (_a, recs) in data.items() if split == "dev" and ds in FIT_ON for r in recs]
    embed = next(iter(data.values()))[0].index.embedder.embed
    every = [r for _a, recs in data.values() for r in recs]
    if args.report:
        params = fitted("answer")
        from assistant.evidence.answer_type import type_model

        type_params = type_model()
        refresh_entity_features(every, type_params, embed)
    else:
        # 0. answer type: which entity labels answer which wh-phrases (dev questions of the sentence scorer's sets)
        type_dev = [r for (ds, split), (_a, recs) in data.items() if split == "dev" and ds in SENTENCE_FIT_ON
                    for r in recs]
        type_params, type_data = fit_answer_type(type_dev, embed)
        refresh_entity_features(every, type_params, embed)
        # 1-4 for each regularisation strength of the sentence scorer; the strength kept is the one whose answers
        #    hold the most on the scorer's dev sets (containment - 0.002 x words, HotpotQA dev within its 90 words)
        sent_dev = [r for (ds, split), (_a, recs) in data.items() if split == "dev" and ds in SENTENCE_FIT_ON
                    for r in recs]
        tried = []
        for c_reg in SENTENCE_C:
            fit = fit_steps(dev, sent_dev, c_reg)
            score_records(sent_dev, fit["sentence"], fit["refusal"])
            obj, rows = 0.0, {}
            for ds in SENTENCE_FIT_ON:
                m = measure([r for r in sent_dev if r.q.dataset == ds], fit["compose"], fit["refusal"]["threshold"],
                            fit["said"])
                rows[ds] = (m["contained"], m["mean_words"])
                obj += (m["contained"] or 0.0) - 0.002 * (m["mean_words"] or 0.0)
                if ds == "hotpotqa" and (m["mean_words"] or 0.0) > MAX_MEAN_WORDS:
                    obj -= 1.0
            print(f"sentence scorer C={c_reg}: objective {obj:.3f} " +
                  ", ".join(f"{ds} {c} / {w} words" for ds, (c, w) in rows.items()), flush=True)
            tried.append((obj, c_reg, fit, xs_count(sent_dev)))
        obj, c_best, fit, (n_examples, n_positive) = max(tried, key=lambda t: t[0] + 1e-9 * t[1])
        params = {"hops": hops, **fit}
        tuning = {"sentence_C": c_best, "sentence_C_tried": {str(c): round(o, 4) for o, c, _f, _n in tried}}
    score_records([r for _a, recs in data.values() for r in recs], params["sentence"], params["refusal"])
    # the "how many N" check after the answer model, as find() applies it (its threshold is fit by
    # eval/fit_quantity.py on these answers; absent before its first fit)
    from assistant.evidence.find import quantity_params, quantity_score

    qp = quantity_params()
    for a, recs in data.values():
        lib = a.library()
        for r in recs:
            best = r.best  # type: ignore[attr-defined]
            r.qscore = (quantity_score(lib, r.items, best, r.cands, params["compose"])  # type: ignore[attr-defined]
                        if qp is not None and best is not None else None)
            r.qmin = qp["min_similarity"] if qp is not None else None  # type: ignore[attr-defined]
    table: dict[str, dict[str, Any]] = {}
    for (ds, split), (a, recs) in data.items():
        m = measure(recs, params["compose"], params["refusal"]["threshold"], params.get("said"))
        m["naive_contained"] = naive(a, [r.q for r in recs])
        m["ms_p50_evidence"] = round(float(np.percentile([r.ms for r in recs], 50)), 1)
        table[f"{ds}/{split}"] = m
    cols = ["contained", "naive_contained", "answerable_refused", "unanswerable_refused", "refusal_precision",
            "mean_words", "n"]
    print("\n| set | " + " | ".join(cols) + " |\n|---|" + "---|" * len(cols))
    for name, m in table.items():
        print(f"| {name} | " + " | ".join("–" if m.get(c) is None else f"{m[c]:.3g}" for c in cols) + " |")
    if args.report and args.record:
        from assistant.calibration import describe

        rec = describe("answer")
        rec["metrics"].update(table)
        path = write("answer", rec["params"], rec["data"], rec["metrics"], rec["fitted_by"])
        print(f"\nrecorded {', '.join(table)} in {path}")
    if not args.report:
        type_metrics = {f"{ds}/{split}": {"label_accuracy": label_accuracy(recs, type_params, embed)}
                        for (ds, split), (_a, recs) in data.items()}
        path = write("answer_type", type_params,
                     data={"fit_on": [f"{ds}/dev" for ds in SENTENCE_FIT_ON], **type_data,
                           "features": "embedding of the question's wh-phrase (all-MiniLM-L6-v2)",
                           "target": "spaCy entity label of the gold answer in the sentence holding it, or NONE"},
                     metrics=type_metrics, fitted_by="eval/fit_answer.py")
        print(f"wrote {path}: answer-type label accuracy " +
              ", ".join(f"{k} {v['label_accuracy']}" for k, v in type_metrics.items()))
        path = write("answer", params,
                     data={"fit_on": [f"{ds}/dev" for ds in FIT_ON],
                           "sentence_scorer_fit_on": [f"{ds}/dev" for ds in SENTENCE_FIT_ON],
                           "questions": {f"{ds}/{s}": len(recs) for (ds, s), (_a, recs) in data.items() if s == "dev"},
                           "sentence_examples": n_examples, "sentence_positives": n_positive, **tuning,
                           "objective": f"threshold: sum over dev sets of unanswerable refused - {REFUSAL_COST} x answerable refused; "
                                        "compose: containment - 0.002 x words, HotpotQA dev mean words <= "
                                        f"{MAX_MEAN_WORDS:.0f}; sentence_C: the same over the sentence scorer's "
                                        "dev sets"},
                     metrics=table, fitted_by="eval/fit_answer.py")
        print(f"\nwrote {path}")


if __name__ == "__main__":
    norm("")
    main()
