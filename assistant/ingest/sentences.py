"""The project's one sentence splitter: pysbd (rule-based, maintained; abbreviations, initials, numbers and
quotes are not cut), returning exact character offsets into the text it was given."""

from __future__ import annotations

import threading
from functools import cache
from typing import Any


@cache
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


_LOCK = threading.Lock()  # pysbd segmenters keep state between calls


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Return (start, end) spans, absolute (plus offset), covering the non-space text.

    pysbd returns the sentences as strings; each is found in the text from where the previous one ended, so
    the spans always point into `text`. A piece that cannot be found (pysbd never rewrites text with
    clean=False, so this is a guard) ends the split: the rest of the text becomes one span."""
    if not text.strip():
        return []
    with _LOCK:
        pieces = _segmenter().segment(text)
    out: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        sent = piece.strip()
        if not sent:
            continue
        at = text.find(sent, cursor)
        if at < 0:
            break
        out.append((at + offset, at + len(sent) + offset))
        cursor = at + len(sent)
    rest = text[cursor:]
    if rest.strip():
        start = cursor + len(rest) - len(rest.lstrip())
        out.append((start + offset, len(text.rstrip()) + offset))
    return out
