"""The one citation builder: a numbered pointer to the exact passage (or the document metadata) behind a sentence."""

from __future__ import annotations

import re

from assistant.evidence.candidates import meta_text
from assistant.evidence.library import LibraryView
from assistant.textutil import dateline_end
from assistant.types import Citation


def display(text: str) -> str:
    """A quoted sentence as it reads in an answer or a brief: a news dateline ("LIMA, Peru: "), dialogue
    dashes, a leading footnote number and line breaks removed (the citation keeps the exact words)."""
    text = re.sub(r"\s+", " ", text).strip()
    text = text[dateline_end(text) :]
    return re.sub(r"^(?:[-–—•]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*", "", text)  # a dialogue dash, a bullet, a footnote's number


def citation(lib: LibraryView, n: int, doc_id: str, start: int, end: int, chunk_id: str = "",
             field: str | None = None, support: float | None = None, covers: list[str] | None = None) -> Citation:
    m = lib.meta(doc_id)
    chunk = lib.snap.chunks.get(chunk_id) if chunk_id else None
    if chunk is None and field is None:
        chunk = next((c for c in lib.snap.docs[doc_id].chunks if c.char_start <= start < c.char_end), None)
    quote = meta_text(lib, doc_id) if field == "metadata" else lib.text(doc_id)[start:end]
    return Citation(n=n, doc_id=doc_id, title=m.title, outlet=m.outlet, date=m.date, source_path=m.source_path,
                    chunk_id=chunk.chunk_id if chunk else chunk_id, quote=quote, char_start=start, char_end=end,
                    doc_type=m.doc_type, machine_translated=m.machine_translated,
                    section=chunk.section if chunk else "", field=field,
                    support=round(support, 3) if support else None, covers=covers or [])
