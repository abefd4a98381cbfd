"""Commands beyond the index: ask, contrast, brief, batch, eval, serve (registered into the parser)."""

from __future__ import annotations

from typing import Any

REGISTER: list[Any] = []
