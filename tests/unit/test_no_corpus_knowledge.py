"""assistant/ must work the same on a library about water policy: no person, outlet, place or acronym of the
bundled corpus may appear in its code (names read from the corpus data files, not typed here)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def corpus_names() -> set[str]:
    names: set[str] = set()
    actors = yaml.safe_load((ROOT / "corpus" / "actors.yaml").read_text(encoding="utf-8"))
    for a in actors.get("actors", []):
        names |= {a["name"], *a.get("aliases", []), *a.get("surname_aliases", [])}
        names |= {w for w in a["name"].split() if len(w) > 3}
    for group in actors.get("variants", []):
        names |= set(group)
    manifest = yaml.safe_load((ROOT / "corpus" / "manifest.yaml").read_text(encoding="utf-8"))
    for entry in manifest.values():
        for key in ("outlet", "author"):
            if entry.get(key):
                names.add(str(entry[key]))
    for doc in (ROOT / "corpus").glob("*.txt"):
        names |= set(re.findall(r"\(([A-Z][A-Z0-9]{2,9})\)", doc.read_text(encoding="utf-8")))  # defined acronyms
    return {n for n in names if len(n) >= 3}


def test_no_corpus_names_in_assistant_code() -> None:
    names = corpus_names()
    assert len(names) > 30, "the data files should yield the corpus's names"
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w])")
    hits = []
    for path in (ROOT / "assistant").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        hits += [f"{path.relative_to(ROOT)}: {m.group(1)}" for m in pattern.finditer(text)]
    assert not hits, hits
