"""Reported speech that comes as several "that" clauses: "said X could be inevitable and that she was considering it"
(two statements, split where the second "that" starts) and "reported that A; that B; and that C" (one statement per
clause after a semicolon; the parser makes a later clause the sentence's main one, so that list is read from the
text)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from assistant.positions.model import Statement


def that_clause(k: Any) -> bool:
    """A clause opened by "that"/"whether" with a subject of its own."""
    return any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in k.children) and \
        any(m.dep_ in ("nsubj", "nsubjpass") for m in k.children)


def that_clauses(comp: Any, verb: Any, off: int, s: int, e: int) -> list[tuple[int, int]]:
    """A reported clause (the complement token `comp` of the speech `verb`, in a paragraph at `off`) with a second
    one of its own ("said X could be inevitable and that she was considering it"): two statements, split where the
    second clause's "that" starts."""
    if comp is None or comp.dep_ != "ccomp":
        return [(s, e)]
    kids = [*comp.children, *(verb.children if verb is not None else [])]
    second = next((k for k in kids if k.dep_ == "conj" and k.i > comp.i and that_clause(k)), None)
    if second is None:
        return [(s, e)]
    first_toks = [t for t in comp.doc[comp.left_edge.i : second.left_edge.i] if not t.is_space]
    while first_toks and ((first_toks[-1].is_punct and first_toks[-1].text not in "\"”»'’)") or first_toks[-1].dep_ == "cc"):
        first_toks = first_toks[:-1]
    rest = [t for t in second.subtree if t.dep_ != "mark" or t.head.i != second.i]
    if not first_toks or not rest:
        return [(s, e)]
    a_end = off + first_toks[-1].idx + len(first_toks[-1].text)
    b_start = off + rest[0].idx
    if not (s <= a_end <= b_start < e):
        return [(s, e)]
    return [(s, a_end), (b_start, e)]


_NEXT_THAT = re.compile(r"[ \t]*;[ \t]*(?:and[ \t]+|or[ \t]+)?that[ \t]+")


def listed_clauses(text: str, found: list[Statement]) -> list[Statement]:
    """"reported that A; that B; and that C": each "that" clause after a semicolon is reported as the first is
    (the parser makes a later one the sentence's main clause)."""
    out = list(found)
    for st in found:
        if st.kind != "reported":
            continue
        end = st.char_end
        while (m := _NEXT_THAT.match(text, end)) is not None:
            stop = re.compile(r";|\.(?:\s|$)").search(text, m.end())
            end = stop.start() if stop is not None else len(text)
            if end <= m.end() or any(o.char_start == m.end() for o in out):
                break
            out.append(replace(st, text=text[m.end() : end], char_start=m.end(), char_end=end))
    return out
