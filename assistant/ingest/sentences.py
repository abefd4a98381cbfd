"""The project's one sentence splitter: pysbd (rule-based, maintained; abbreviations, initials, numbers and
quotes are not cut), with exact character offsets. A small regex splitter is kept only as the fallback for text
pysbd cannot segment."""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

_ABBREV = {
    "mr", "ms", "mrs", "dr", "prof", "st", "gen", "col", "lt", "sgt", "jr", "sr", "no", "nos", "art", "arts",
    "vs", "etc", "e.g", "i.e", "cf", "approx", "fig", "figs", "vol", "pp", "p", "ed", "eds", "inc", "ltd",
    "co", "corp", "dept", "u.s", "u.k", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "para", "sec", "ch", "rev", "hon", "gov", "pres", "min",
}
_CANDIDATE = re.compile(r"([.!?…]+)([\"”’»)\]]*)(\s+)(?=[\"“‘«(\[—–-]?\s?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9¹²³⁴⁵⁶⁷⁸⁹])")


@cache
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


_LOCK = threading.Lock()  # pysbd segmenters keep state between calls


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Return (start, end) spans, absolute (plus offset), covering the non-space text."""
    if not text.strip():
        return []
    try:
        with _LOCK:
            spans = _segmenter().segment(text)
        out: list[tuple[int, int]] = []
        for sp in spans:
            s, e = sp.start, sp.end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s and text[s:e] == sp.sent.strip():
                out.append((s + offset, e + offset))
            else:
                raise ValueError("pysbd offsets do not match the text")
        return out
    except Exception:
        return _regex_split(text, offset)


def _regex_split(text: str, offset: int = 0) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        end = m.end(2)
        before = text[start : m.start(1)]
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        token = last.lower().lstrip("(\"“‘")
        if m.group(1) == "." and not m.group(2):
            if token in _ABBREV or (len(token) == 1 and token.isalpha()):
                continue  # "Ms. Okafor", "J. R. Hale"
            if re.fullmatch(r"(\d+\.)*\d+", token) and len(before.strip()) <= len(last) + 1:
                continue  # "1.1. HEADING" numbering at the start
            if re.fullmatch(r"[ivx]+", token) and len(before.strip()) <= len(last) + 1:
                continue  # "I. Euro-Atlantic ..."
        piece_start = start + (len(text[start:]) - len(text[start:].lstrip()))
        if end > piece_start:
            spans.append((piece_start + offset, end + offset))
        start = m.end(3)
    tail_start = start + (len(text[start:]) - len(text[start:].lstrip()))
    tail_end = len(text.rstrip())
    if tail_end > tail_start:
        spans.append((tail_start + offset, tail_end + offset))
    return spans
