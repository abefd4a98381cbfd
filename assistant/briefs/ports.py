"""What briefs need from the rest of the product (the facade satisfies it; briefs never import the facade,
nor the answering or positions packages: contrast arrives through this port)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from assistant.evidence.library import LibraryView
from assistant.types import Brief, Citation, Contrast


class BriefSources(Protocol):
    index: Any
    registry: Any

    def require_index(self) -> None: ...

    def library(self) -> LibraryView: ...

    def is_untrusted(self, text: str) -> bool: ...

    def contrast(self, topic: str, actors: Sequence[str], backend: str | None = None) -> Contrast: ...

    def speakers_on(self, topic: str, limit: int = 3) -> list[str]: ...

    def name_speakers(self, citations: list[Citation]) -> None: ...

    def brief(self, topic: str, actors: list[str] | None = None, backend: str | None = None) -> Brief: ...
