"""What the eval suite needs from the product: the facade satisfies it, the suite never imports the facade."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from assistant.settings import Settings
from assistant.types import Answer, Contrast, Hit, SearchFilters


class EvalTarget(Protocol):
    settings: Settings
    embedder: Any

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None,
               mmr: bool | None = None, hops: int | None = None) -> list[Hit]: ...

    def ask(self, question: str, filters: SearchFilters | None = None, backend: str | None = None,
            on_token: Any = None) -> Answer: ...

    def contrast(self, topic: str, actors: Sequence[str], backend: str | None = None) -> Contrast: ...

    def ingest(self, paths: Any = None, prune: bool = False, progress: Any = None) -> Any: ...

    def spawn(self, settings: Settings) -> EvalTarget:
        """Another assistant of the same kind over another index (external benchmarks), sharing the embedder."""
        ...
