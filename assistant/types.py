"""Data shapes every stage speaks. Kept together so a reader sees the whole model at once."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal, get_args

from pydantic import BaseModel, Field

DocType = Literal["news", "official", "analysis", "report", "other"]
DOC_TYPES: tuple[str, ...] = get_args(DocType)


def parse_filter_date(value: str | None, name: str, end: bool = False) -> date | None:
    """'2026', '2026-02' or '2026-02-20' -> the first (or, with end, the last) day it covers; else an error."""
    import calendar

    from assistant.errors import BriefingError

    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    try:
        if not m:
            raise ValueError
        y, mo, d = int(m.group(1)), int(m.group(2) or (12 if end else 1)), m.group(3)
        day = int(d) if d else (calendar.monthrange(y, mo)[1] if end else 1)
        return date(y, mo, day)
    except ValueError:
        raise BriefingError(f"{name} {value!r} is not a valid date; use YYYY-MM-DD (or YYYY-MM, YYYY)") from None


class DocumentMeta(BaseModel):
    doc_id: str
    title: str
    source_path: str
    outlet: str | None = None
    author: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    doc_type: DocType = "other"
    language: str = "en"
    machine_translated: bool = False
    provenance: str | None = None
    # the file names no title and its first line is text (a sentence, or longer than a title): `title` is that
    # line's opening for display, never a fact of its own (the metadata evidence leaves it out)
    title_from_text: bool = False


class DocumentInfo(DocumentMeta):
    """A document as the library lists it: its metadata plus its size in the index."""

    chunks: int
    chars: int


class IndexStatus(BaseModel):
    documents: int
    chunks: int
    embed_model: str
    collection: str
    index_dir: str
    store: str
    last_ingest: str | None = None
    chunking: dict[str, int]


class Section(BaseModel):
    """A heading and the span of cleaned text it governs."""

    path: list[str]
    char_start: int
    char_end: int


class Document(BaseModel):
    meta: DocumentMeta
    text: str  # cleaned text; every offset in the system points into this string
    content_hash: str
    sections: list[Section] = Field(default_factory=list)
    pages: list[tuple[int, int, int]] = Field(default_factory=list)  # (page_no, start, end)
    removed_lines: int = 0


class SentenceSpan(BaseModel):
    char_start: int
    char_end: int


class Chunk(BaseModel):
    chunk_id: str
    doc_id: str
    text: str
    char_start: int
    char_end: int
    section: str = ""
    page: int | None = None
    n_tokens: int = 0
    sentences: list[SentenceSpan] = Field(default_factory=list)  # absolute offsets


class AlsoIn(BaseModel):
    doc_id: str
    chunk_id: str
    title: str


class HitWhy(BaseModel):
    """Why a passage was chosen: its dense similarity, its BM25 score relative to the best, how much of its
    title the query names, and which retrieval hop found it (2 = searched again from a first-hop passage)."""

    dense: float = 0.0
    bm25: float = 0.0
    title: float = 0.0
    hop: int = 1
    via: str | None = None  # hop 2: the bridge entity or comparison side searched for


class Hit(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    source_path: str
    section: str
    text: str
    score: float
    char_start: int
    char_end: int
    page: int | None = None
    outlet: str | None = None
    date: str | None = None
    doc_type: str | None = None
    dense_rank: int | None = None
    lexical_rank: int | None = None
    why: HitWhy = Field(default_factory=HitWhy)
    also_in: list[AlsoIn] = Field(default_factory=list)


class SearchFilters(BaseModel):
    doc_ids: list[str] | None = None
    doc_types: list[str] | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None


class Citation(BaseModel):
    n: int
    doc_id: str
    title: str
    outlet: str | None
    date: str | None
    source_path: str
    chunk_id: str
    quote: str
    char_start: int
    char_end: int
    doc_type: str | None = None
    machine_translated: bool = False
    section: str = ""
    field: str | None = None  # "metadata": the cited evidence is the document's title/outlet/author/date
    support: float | None = None  # how well the quote backs its sentence (verification score, 0..1)
    covers: list[str] = Field(default_factory=list)  # the question items this citation covers
    # who said the words the quote holds (attributed statements inside it: "…," he said -> the "he"), so a
    # quote is never read as someone else's; empty when it holds none
    speakers: list[str] = Field(default_factory=list)


class EvidenceReason(BaseModel):
    """One member of the evidence set behind an answer: which question items it covers, and how."""

    doc_id: str
    char_start: int
    char_end: int
    field: str | None = None
    score: float
    covers: list[dict[str, str]] = Field(default_factory=list)  # {"item", "how"}


class FlaggedPassage(BaseModel):
    """Retrieved text that reads like instructions to an AI: shown to the user, never cited or sent to an LLM."""

    doc_id: str
    title: str
    text: str


class Answer(BaseModel):
    question: str = ""
    answer: str
    refused: bool
    reason: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    removed_claims: int = 0
    backend: str
    model: str
    prompt_version: str
    timings_ms: dict[str, float] = Field(default_factory=dict)
    retrieved_doc_ids: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)  # on a refusal: the question items no evidence covers
    evidence: list[EvidenceReason] = Field(default_factory=list)
    flagged: list[FlaggedPassage] = Field(default_factory=list)


class IngestReport(BaseModel):
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    errors: list[dict[str, str]] = Field(default_factory=list)  # {"path", "reason"}
    chunks_embedded: int = 0
    seconds: float = 0.0


Attribution = Literal["direct", "reported", "third_party"]


class Statement(BaseModel):
    text: str
    attribution: Attribution
    citation: Citation
    speaker: str | None = None  # who is talking (the actor for direct/reported; the describer for third_party)
    speaker_confidence: float | None = None
    cue: str | None = None  # speech verb or "according to"


# a position is a clause, not a quoted label of a word or three ("insurance cost"): what contrast and briefs show
# first when they choose whom and what to show
MIN_POSITION_WORDS = 4


class Position(BaseModel):
    actor: str
    status: Literal["found", "no_position"]
    summary: str
    statements: list[Statement] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list)


class Contrast(BaseModel):
    topic: str
    positions: list[Position]
    agreements: list[str] = Field(default_factory=list)
    disagreements: list[str] = Field(default_factory=list)
    backend: str = "extractive"


class BriefFact(BaseModel):
    text: str
    citations: list[Citation]


class BriefSource(BaseModel):
    doc_id: str
    title: str
    outlet: str | None = None
    date: str | None = None
    type: str = "other"
    machine_translated: bool = False


class Brief(BaseModel):
    topic: str
    date_line: str
    covered: bool
    bottom_line: list[BriefFact]
    key_facts: list[BriefFact]
    positions: list[Position] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list)
    sources: list[BriefSource] = Field(default_factory=list)
