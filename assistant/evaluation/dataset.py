"""Eval cases as data: the gold set (YAML) and the external public sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field


class EvalCase(BaseModel):
    id: str
    question: str
    type: str
    split: str = "dev"
    answerable: bool = True
    gold: str | None = None
    facts: list[list[str]] = Field(default_factory=list)  # each required fact: acceptable variants
    docs: list[str] = Field(default_factory=list)  # gold document ids
    actors: dict[str, list[str] | None] = Field(default_factory=dict)  # contrast: actor -> stance terms / None
    origin: str | None = None  # "blind": written from the documents before the system was run on them
    paraphrase_of: str | None = None  # the case this one rewords (same facts, same documents)


def load_gold(path: Path) -> list[EvalCase]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = data.get("docs", {})
    cases = []
    for raw in data["cases"]:
        raw = dict(raw)
        raw["docs"] = [aliases.get(d, d) for d in raw.get("docs", [])]
        raw["facts"] = [[str(v) for v in f] for f in raw.get("facts", [])]
        cases.append(EvalCase(**raw))
    ids = [c.id for c in cases]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate case ids in {path}: {sorted(dupes)}")
    return cases
