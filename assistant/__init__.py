"""Briefing Assistant: cited answers, actor positions and one-page briefs from policy documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.facade import Assistant

__all__ = ["Assistant", "Settings"]


def __getattr__(name: str) -> Any:
    if name == "Assistant":  # lazy: the facade imports heavy libraries
        from assistant.facade import Assistant

        return Assistant
    raise AttributeError(name)
