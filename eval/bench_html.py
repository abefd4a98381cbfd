"""Benchmark: HTML main-text extraction on saved news pages with labelled strings (eval/html/).

For each page, `with` strings belong to the article and must be kept; `without` strings are page furniture
(navigation, related links, footers, comments) and must be dropped. Prints, per page and in total: text lost
(share of `with` strings missing) and boilerplate kept (share of `without` strings present), for the project's
loader (`assistant.ingest.loaders.load_html`, trafilatura), a naive baseline (every visible text of the page) and,
with `--compare FILE.py`, any other `load_html(text) -> str` (e.g. an older version of the loader).

Usage: python eval/bench_html.py [--compare old_loaders.py]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path

from assistant.ingest.loaders import load_html

HERE = Path(__file__).resolve().parent / "html"


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def naive(text: str) -> str:
    """Every visible text of the page: what no main-text extraction at all would index."""
    import lxml.html

    root = lxml.html.document_fromstring(text)
    for el in root.iter("script", "style", "noscript"):
        el.drop_tree()
    return root.text_content()


def _load_compare(path: str) -> Callable[[str], str]:
    spec = importlib.util.spec_from_file_location("compare_loader", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["compare_loader"] = mod  # dataclasses in the module look themselves up here
    spec.loader.exec_module(mod)
    return mod.load_html  # type: ignore[no-any-return]


def score(extract: Callable[[str], str], html: str, keep: list[str], drop: list[str]) -> tuple[int, int]:
    out = _norm(extract(html))
    lost = sum(1 for s in keep if _norm(s) not in out)
    kept = sum(1 for s in drop if _norm(s) in out)
    return lost, kept


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--compare", help="a Python file defining load_html(text) -> str")
    args = ap.parse_args()
    labels = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))
    loaders: dict[str, Callable[[str], str]] = {"trafilatura (project)": load_html, "naive: all visible text": naive}
    if args.compare:
        loaders[f"compare: {Path(args.compare).name}"] = _load_compare(args.compare)
    totals = {name: [0, 0] for name in loaders}
    n_keep = n_drop = 0
    print("| page | with / without | " + " | ".join(f"{n}: lost / kept" for n in loaders) + " |")
    print("|---|---|" + "---|" * len(loaders))
    for case in labels:
        html = (HERE / "pages" / case["file"]).read_text(encoding="utf-8", errors="replace")
        keep, drop = case["with"], case["without"]
        n_keep, n_drop = n_keep + len(keep), n_drop + len(drop)
        cells = []
        for name, fn in loaders.items():
            lost, kept = score(fn, html, keep, drop)
            totals[name][0] += lost
            totals[name][1] += kept
            cells.append(f"{lost} / {kept}")
        print(f"| {case['file']} | {len(keep)} / {len(drop)} | " + " | ".join(cells) + " |")
    cells = [f"{t[0] / max(n_keep, 1):.0%} / {t[1] / max(n_drop, 1):.0%}" for t in totals.values()]
    print(f"| **all** (text lost / boilerplate kept) | {n_keep} / {n_drop} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
