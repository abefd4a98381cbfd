"""An answer before it is numbered and verified: sentences, each with the spans meant to back it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    doc_id: str
    start: int
    end: int
    chunk_id: str


@dataclass
class DraftSentence:
    text: str
    spans: list[Span] = field(default_factory=list)
    is_refusal: bool = False  # the "documents do not say" sentence needs no citation


@dataclass
class Draft:
    sentences: list[DraftSentence]
    refused: bool = False
    reason: str | None = None
    removed_claims: int = 0
    backend: str = "extractive"
    model: str = "extractive"
