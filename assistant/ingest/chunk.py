"""Structure-aware chunking: section, then paragraph, then sentence; sized in embedder tokens."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence

from assistant.ingest.clean import Cleaned
from assistant.ingest.sentences import split_sentences
from assistant.types import Chunk, SentenceSpan

TokenCounter = Callable[[Sequence[str]], list[int]]


def chunk_id_for(doc_id: str, text: str, occurrence: int) -> str:
    return hashlib.sha1(f"{doc_id}\x00{occurrence}\x00{text}".encode()).hexdigest()[:20]


def _split_long(text: str, start: int, count: TokenCounter, limit: int) -> list[tuple[int, int]]:
    """A single sentence over the token limit is cut at clause boundaries, then at words."""
    pieces: list[tuple[int, int]] = []
    cuts = [m.end() for m in re.finditer(r"[,;:–—]\s", text)] or [m.end() for m in re.finditer(r"\s", text)]
    cur = 0
    last_ok = None
    for c in [*cuts, len(text)]:
        if count([text[cur:c]])[0] <= limit:
            last_ok = c
            continue
        if last_ok is None or last_ok == cur:
            last_ok = c  # cannot do better; the embedder will truncate this piece
        pieces.append((start + cur, start + last_ok))
        cur = last_ok
        last_ok = c if count([text[cur:c]])[0] <= limit else None
    if cur < len(text):
        pieces.append((start + cur, start + len(text)))
    return [(a, b) for a, b in pieces if b > a]


def chunk_document(
    doc_id: str,
    cleaned: Cleaned,
    count_tokens: TokenCounter,
    max_tokens: int = 200,
    overlap_sentences: int = 1,
    min_tokens: int = 40,
) -> list[Chunk]:
    text = cleaned.text
    # Units: sentences tagged with section path, paragraph index and page.
    units: list[tuple[int, int, str, int, int | None]] = []
    for pi, para in enumerate(cleaned.paragraphs):
        section = " > ".join(para.path)
        for s, e in split_sentences(text[para.start : para.end], para.start):
            units.append((s, e, section, pi, para.page))
    if not units:
        return []
    counts = count_tokens([text[s:e] for s, e, *_ in units])
    # Split over-long sentences.
    expanded: list[tuple[int, int, str, int, int | None, int]] = []
    for (s, e, sec, pi, page), n in zip(units, counts, strict=True):
        if n > max_tokens:
            for a, b in _split_long(text[s:e], s, count_tokens, max_tokens):
                expanded.append((a, b, sec, pi, page, count_tokens([text[a:b]])[0]))
        else:
            expanded.append((s, e, sec, pi, page, n))

    groups: list[list[int]] = []  # lists of unit indexes
    cur: list[int] = []
    cur_tokens = 0
    for i, (_s, _e, sec, pi, _page, n) in enumerate(expanded):
        new_section = bool(cur) and expanded[cur[-1]][2] != sec
        fits = cur_tokens + n <= max_tokens
        # prefer to end at a paragraph boundary once the chunk is reasonably full
        para_break = bool(cur) and expanded[cur[-1]][3] != pi and cur_tokens >= 0.75 * max_tokens
        small_heading_only = bool(cur) and cur_tokens < min_tokens
        if cur and (not fits or (new_section and not small_heading_only) or para_break):
            groups.append(cur)
            overlap = [] if new_section else cur[-overlap_sentences:] if overlap_sentences else []
            overlap_tokens = sum(expanded[j][5] for j in overlap)
            if overlap_tokens + n > max_tokens:
                overlap, overlap_tokens = [], 0
            cur, cur_tokens = list(overlap), overlap_tokens
        cur.append(i)
        cur_tokens += n
    if cur:
        if groups and cur_tokens < min_tokens and not set(cur) <= set(groups[-1]):
            merged = sorted(set(groups[-1]) | set(cur))
            span_tokens = count_tokens([text[expanded[merged[0]][0] : expanded[merged[-1]][1]]])[0]
            if span_tokens <= max_tokens:
                groups[-1] = merged
            else:
                groups.append(cur)
        elif not groups or not set(cur) <= set(groups[-1]):
            groups.append(cur)

    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for g in groups:
        start, end = expanded[g[0]][0], expanded[g[-1]][1]
        body = text[start:end]
        occurrence = seen.get(body, 0)
        seen[body] = occurrence + 1
        first = expanded[g[0]]
        chunks.append(
            Chunk(
                chunk_id=chunk_id_for(doc_id, body, occurrence),
                doc_id=doc_id,
                text=body,
                char_start=start,
                char_end=end,
                section=first[2],
                page=first[4],
                n_tokens=count_tokens([body])[0],
                sentences=[SentenceSpan(char_start=expanded[j][0], char_end=expanded[j][1]) for j in g],
            )
        )
    return chunks
