"""Does the evidence give a figure for what a "how many / how much" question counts?

"How many aircraft are in the fleet?" is answered by a sentence where a number counts aircraft (or planes, jets:
what it counts is compared by meaning), not by one that names the fleet and some other figure. For each figure in
the sentences an answer would show, the noun it counts (the noun it modifies, the noun after "N of", else the next noun)
is compared with the question's focus noun; a sum of money, a share or a measure answers "how much" outright.
The score is the closest such figure (cosine of the two embeddings, 1.0 for the same word); whether it is close
enough to answer is a fitted threshold (eval/fit_quantity.py), read where the refusal is decided.

General English only (the parser's tags and entity labels), no word list of any corpus.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

_NUMERIC = frozenset(["CARDINAL", "MONEY", "QUANTITY", "PERCENT"])
_MEASURE = frozenset(["MONEY", "QUANTITY", "PERCENT"])  # a figure with its own unit: "how much" is answered
_NOUNS = frozenset(["NOUN", "PROPN"])
_cache: dict[str, tuple[list[str], bool]] = {}
_lock = threading.Lock()


def counted_nouns(doc: Any) -> tuple[list[str], bool]:
    """The nouns the figures of a parsed sentence count ("190 *people*", "six of the *committees*", "5,000 Rwandan
    *refugees*"), and whether it holds a figure with a unit of its own (money, a share, a measure)."""
    out: list[str] = []
    measure = False
    for t in doc:
        if not (t.like_num or t.ent_type_ in _NUMERIC):
            continue
        measure = measure or t.ent_type_ in _MEASURE
        if t.dep_ == "nummod" and t.head.pos_ in _NOUNS and t.head.i > t.i:
            out.append(t.head.text)
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "of":
            obj = next((c for c in nxt.children if c.dep_ == "pobj" and c.pos_ in _NOUNS), None)
            if obj is not None:
                out.append(obj.text)
                continue
        after = next((x for x in doc[t.i + 1 : t.i + 5] if x.pos_ in _NOUNS), None)
        if after is not None:
            out.append(after.text)
    return list(dict.fromkeys(out)), measure


def _counted(text: str, parse: Callable[[str], Any]) -> tuple[list[str], bool]:
    with _lock:
        got = _cache.get(text)
    if got is None:
        got = counted_nouns(parse(text))
        with _lock:
            if len(_cache) > 20_000:
                _cache.clear()
            _cache[text] = got
    return got


def focus_quantity(focus: str, how_much: bool, sentences: Sequence[str], parse: Callable[[str], Any],
                   embed: Callable[[list[str]], np.ndarray]) -> float:
    """How close the evidence comes to a figure for `focus` (the question's counted noun): 1.0 for a figure of
    that very word, or (for "how much") any sum, share or measure; else the best cosine between the focus and a
    noun a figure counts; 0.0 when no sentence holds a figure."""
    nouns: list[str] = []
    for s in sentences:
        counted, measure = _counted(s, parse)
        if how_much and measure:
            return 1.0
        nouns.extend(counted)
    if not nouns:
        return 0.0
    f = focus.lower()
    if any(n.lower() == f for n in nouns):
        return 1.0
    vecs = embed([focus, *dict.fromkeys(nouns)])
    return float(np.max(vecs[1:] @ vecs[0]))
