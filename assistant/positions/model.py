"""A statement as extracted from a document, and the spaCy pipeline that finds them (loaded once)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from assistant.language import MODEL, nlp

__all__ = ["MODEL", "VERSION", "Kind", "Statement", "nlp"]

Kind = Literal["direct", "reported", "third_party"]
VERSION = "statements-170"  # bump when the extraction changes: cached statements are keyed on it

@dataclass
class Statement:
    text: str  # the statement's words as they stand in the text
    speaker: str  # fullest name the document gives (or the unnamed phrase: "an eyewitness")
    speaker_confidence: float
    actor: str | None  # canonical registry actor, when the speaker is one
    cue: str  # speech verb or "according to"
    kind: Kind
    char_start: int
    char_end: int
    named: bool = True  # the speaker is a named person or organisation
    about: list[str] = field(default_factory=list)  # third_party: who is described
    mentions: list[str] = field(default_factory=list)  # registry actors named inside the statement
    para_start: int = 0
    para_end: int = 0
    doc_id: str = ""
    # a clause its cue interrupts ("Prices, the minister said, must rise"): both parts' [start, end, start, end],
    # on each part, so that a reader shows the one statement whole
    parts: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # words of the titles the document gives a named person speaker

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
