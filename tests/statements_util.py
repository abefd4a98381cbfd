"""Helpers for the statement tests: `statements()` read as (kind, speaker, actor, words) rows."""

from __future__ import annotations

from assistant.positions.registry import ActorRegistry
from assistant.positions.statements import statements


def _speaker_by_cue(text: str) -> dict[str, str]:
    return {s.cue: s.speaker for s in statements(text)}


def _by_speaker(text: str, registry: ActorRegistry | None = None) -> list[tuple[str, str, str | None, str]]:
    return [(s.kind, s.speaker, s.actor, text[s.char_start : s.char_end]) for s in statements(text, None, registry)]


def _said(text: str) -> list[tuple[str, str, str]]:
    """(kind, speaker, words) of each statement in a text."""
    return [(k, who, q) for k, who, _a, q in _by_speaker(text)]
