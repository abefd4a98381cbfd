"""An answer before it is numbered and verified: sentences, each with the spans meant to back it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass
class Span:
    doc_id: str
    start: int
    end: int
    chunk_id: str
    field: str | None = None  # "metadata": the document's title/outlet/author/date are the evidence
    support: float = 0.0  # set by verification
    covers: list[str] = dataclasses.field(default_factory=list)  # question items this span covers


@dataclass
class DraftSentence:
    text: str
    spans: list[Span] = dataclasses.field(default_factory=list)
    is_refusal: bool = False  # the "documents do not say" sentence needs no citation


@dataclass
class Draft:
    sentences: list[DraftSentence]
    refused: bool = False
    reason: str | None = None
    removed_claims: int = 0
    backend: str = "extractive"
    model: str = "extractive"
    missing: list[str] = dataclasses.field(default_factory=list)  # question items no evidence covers (refusals)
