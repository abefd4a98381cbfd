"""Reported clauses listed after a semicolon: "reported that A; that B; and that C" is three statements (the parser
makes a later clause the sentence's main one, so the list is read from the text)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.positions.model import Statement

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
