"""The project's one sentence splitter: pysbd (rule-based, maintained; abbreviations, initials, numbers and
quotes are not cut), returning exact character offsets into the text it was given."""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any


@cache
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


_LOCK = threading.Lock()  # pysbd segmenters keep state between calls

# pysbd ends a sentence at "a.m."/"p.m." before a capital, which a time zone is too ("11:00 p.m. EDT on Sunday"):
# the two pieces are one sentence when the next opens with a zone (capitals ending in T, or UTC) and goes on in
# lower case, a figure or a bracket
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_ZONE_START = re.compile(r"(?:[A-Z]{0,3}T|UTC)\b(?=[ \t]*[a-z0-9(,;.])")


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
    return _clock_times_joined(text, out, offset)


def _clock_times_joined(text: str, spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    """The spans with a piece that opens with a time zone joined to the "a.m."/"p.m." piece before it."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _CLOCK_END.search(text[out[-1][0] - offset : out[-1][1] - offset]) \
                and _ZONE_START.match(text, s - offset) and "\n" not in text[out[-1][1] - offset : s - offset]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out
