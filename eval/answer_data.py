"""Question sets for fitting and measuring the answer engine, and the per-question records both need.

Sets (dev = may be fit on; heldout = measurement only):
  squad2/dev (Normans), squad2/heldout (Computational complexity)   ../shared/benchmarks, all 87 paragraphs pooled
  hotpotqa/dev (q1-100), hotpotqa/heldout (q101-200)               each split's paragraphs pooled (~1,000)
  gold/dev, gold/heldout                                          eval/gold.yaml + eval/gold_blind.yaml
  wikinews/dev, wikinews/heldout                                  eval/wikinews-qa-dev.yaml, eval/wikinews-qa.yaml
  mixed/dev, mixed/heldout                                        eval/mixed-qa.yaml (its `split:` field)
  mixed2/dev … mixed10/heldout                                    eval/mixed2-qa.yaml … eval/mixed10-qa.yaml
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluation.metrics import fact_present, norm  # noqa: E402


@dataclass
class Q:
    id: str
    question: str
    answerable: bool
    answers: list[list[str]]  # facts: each a list of acceptable variants (one fact for external sets)
    gold_docs: list[str]
    dataset: str
    split: str
    yes_no: bool = False


@dataclass
class Record:
    q: Q
    hits: list[Any]
    cands: list[Any]
    items: Any
    labels: list[int] = field(default_factory=list)
    ms: float = 0.0
    term_vecs: dict[str, Any] = field(default_factory=dict)


def contains(text: str, variants: list[str]) -> bool:
    """The gold answer is in the text: the same matching as the eval suite's facts (a one- to three-letter answer,
    "P" or "NP", only as a whole word)."""
    return fact_present(text, [v for v in variants if v.strip()])


def relabel(rec: Record) -> None:
    """Which candidates hold the answer (recomputed on cached records, so a change of matching needs no re-run)."""
    variants = [v for fact in rec.q.answers for v in fact]
    rec.labels = [int(rec.q.answerable and not rec.q.yes_no and contains(c.text, variants)) for c in rec.cands]


# the out-of-domain Wikinews Q&A sets, both written blind over eval/attribution/texts: dev (fit, looked at) and
# held-out (reported only)
WIKINEWS = {"dev": "wikinews-qa-dev.yaml", "heldout": "wikinews-qa.yaml"}
# the out-of-domain set over 31 texts of other genres (news agency, government releases, blogs), written blind, both
# splits in one file over one library
MIXED = "mixed-qa.yaml"


def mixed_file(dataset: str) -> str:
    """The Q&A file of a blind mixed set: "mixed" -> mixed-qa.yaml, "mixed2" … "mixed10" -> mixed2-qa.yaml …"""
    return MIXED if dataset == "mixed" else f"{dataset}-qa.yaml"


def is_mixed(dataset: str) -> bool:
    return dataset == "mixed" or (dataset.startswith("mixed") and dataset[5:].isdigit())


def load_questions(dataset: str, split: str) -> tuple[dict[str, tuple[str, str]] | None, list[Q]]:
    from assistant.evaluation.external import _hotpot, _squad

    if dataset == "gold":
        from assistant.evaluation.dataset import load_gold

        cases = load_gold(ROOT / "eval" / "gold.yaml")
        qs = [Q(c.id, c.question, c.answerable, c.facts, c.docs, "gold", c.split) for c in cases
              if c.type != "contrast" and c.split == split]
        return None, qs
    if dataset == "wikinews" or is_mixed(dataset):
        from assistant.evaluation.dataset import load_gold

        cases = load_gold(ROOT / "eval" / (WIKINEWS[split] if dataset == "wikinews" else mixed_file(dataset)))
        return None, [Q(c.id, c.question, c.answerable, c.facts, c.docs, dataset, c.split) for c in cases
                      if c.split == split]
    docs, raw = (_squad if dataset == "squad2" else _hotpot)(split)
    qs = []
    for r in raw:
        yes_no = {norm(x) for x in r["answers"]} <= {"yes", "no"} and bool(r["answers"])
        qs.append(Q(r["id"], r["question"], r["answerable"], [list(r["answers"])], r["gold"], dataset, split, yes_no))
    return docs, qs


def assistant_for(dataset: str, split: str, docs: dict[str, tuple[str, str]] | None) -> Any:
    from assistant.facade import Assistant
    from assistant.settings import Settings

    base = Assistant(Settings(index_dir=ROOT / "index" / "fit"))
    if dataset == "gold":
        a = Assistant(Settings(index_dir=ROOT / "index" / "fit" / "gold"), embedder=base.embedder)
        a.ingest()  # incremental: a no-op when the corpus is unchanged
        return a
    if dataset == "wikinews" or is_mixed(dataset):  # both splits share one library, with no actors file
        import yaml

        root = ROOT / "index" / "fit" / dataset
        named = ["attribution/texts"] if dataset == "wikinews" else \
            yaml.safe_load((ROOT / "eval" / mixed_file(dataset)).read_text(encoding="utf-8"))["library"]
        folders = [ROOT / "eval" / f for f in named]
        a = Assistant(Settings(index_dir=root, corpus_dir=folders[0], actors_file=root / "no-actors.yaml"),
                      embedder=base.embedder)
        a.ingest(folders)
        return a
    from assistant.evaluation.external import _index

    assert docs is not None
    return _index(base, dataset, split, docs)


def collect(a: Any, qs: list[Q], params: dict[str, Any]) -> list[Record]:
    """Items, merged hits and candidate features for each question, with labels (sentence holds an answer)."""
    from assistant.evidence.candidates import build
    from assistant.evidence.find import statement_hits, term_vectors
    from assistant.evidence.gather import gather
    from assistant.evidence.items import analyse, resolve_initialisms

    lib = a.library()
    out = []
    for q in qs:
        t = time.perf_counter()
        items = analyse(q.question, lib)
        qvec = lib.embed([a.index.expand(q.question)])[0]
        hits = gather(a.index, lib.embed, items, k=10, hops=int(params.get("hops", 2)), qvec=qvec)
        if items.unknown:
            resolve_initialisms(items, [h.text for h in hits], lib)
        if items.kind == "say":  # as find() does: the passages of X's statements on Y join the search's
            hits = hits + statement_hits(lib, a.said_check(items), hits)
        cands = build(lib, items, hits, qvec, a.is_untrusted)
        rec = Record(q, hits, cands, items, ms=(time.perf_counter() - t) * 1000, term_vecs=term_vectors(lib, items))
        relabel(rec)
        out.append(rec)
    return out
