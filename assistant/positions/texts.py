"""The texts a statement is compared with a topic by: the statement, statement + paragraph, and its sentence
context. One definition, used when statements are stored (their embeddings computed at ingest) and when read."""

from __future__ import annotations

import re

from assistant.positions.model import Statement


def display(text: str) -> str:
    return " ".join(text.split())


def statement_text(text: str, s: Statement) -> str:
    """The statement's words for a reader: a clause its cue interrupts is shown whole, its parts joined by " … "."""
    if len(s.parts) == 4:
        a, b, c, e = s.parts
        return f"{display(text[a:b])} … {display(text[c:e])}"
    return display(text[s.char_start : s.char_end])


def sentence_context(text: str, start: int, end: int, para_start: int, para_end: int) -> str:
    """The statement's sentence(s) and the one before, within its paragraph: the cue and its antecedent."""
    lo, hi = (para_start, para_end) if para_end > para_start else (start, end)
    before = [m.end() for m in re.finditer(r"[.!?][\"”’»]?\s+", text[lo:start])]
    s0 = lo + (before[-2] if len(before) >= 2 else 0)
    m = re.search(r"[.!?][\"”’»]?(\s|$)", text[end:hi])
    e0 = end + m.end() if m else hi
    return text[s0:e0]


def statement_texts(text: str, s: Statement) -> tuple[str, str, str]:
    """(statement, statement + paragraph, sentence context) of a statement in its document's text."""
    stmt = statement_text(text, s)
    para = display(text[s.para_start : s.para_end])
    both = f"{stmt} {para}" if para != stmt else stmt
    ctx = display(sentence_context(text, s.char_start, s.char_end, s.para_start, s.para_end))
    return stmt, both, ctx
