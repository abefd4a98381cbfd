"""Unnamed speakers resolved backward to the one that spoke before: "The spokesperson added …" after "A Thames
Water spokesperson stated …" (the same head noun), "It added …" right after an unnamed body or document spoke."""

from __future__ import annotations

from assistant.positions import speakers as sp
from assistant.positions.cues import Cue


def unnamed_anaphor(cues: list[Cue], cue: Cue, window: int = 1500) -> None:
    """"The spokesperson added …" after "A Thames Water spokesperson stated …": the unnamed speaker said before
    with the same head noun (the nearest one), not a new speaker called "The spokesperson"; "It added …" right
    after an unnamed body spoke ("The agency said …"): that body."""
    words = cue.speaker_text.split()
    if cue.speaker is None and cue.speaker_text.lower() == "it" and cues:
        # "The agency said …. It added …": the body that spoke last, unnamed too, when nothing named spoke since
        c = cues[-1]
        if c.speaker is None and cue.start - c.start < 400 and \
                sp.nominal_head_word(c.speaker_text) in sp.BODY_NOUNS | sp.DOCUMENT_NOUNS:  # ("… a statement. It added")
            cue.speaker_text, cue.confidence = c.speaker_text, min(cue.confidence, c.confidence * 0.9)
        elif c.speaker is not None and cue.start - c.start < 400 and _through_document(c):
            # "… according to a statement posted to his account. It also stated …": the statement, its issuer's
            cue.speaker, cue.speaker_text = c.speaker, c.speaker_text
            cue.confidence = min(cue.confidence, c.confidence * 0.9)
        return
    if cue.speaker is not None or len(words) != 2 or words[0].lower() != "the":
        return
    noun = words[1].lower()
    for c in reversed(cues):
        if cue.start - c.start > window:
            break
        said = c.speaker_text.split()
        if c.speaker is None and len(said) > 2 and said[-1].lower() == noun:
            cue.speaker_text, cue.confidence = c.speaker_text, min(cue.confidence, c.confidence * 0.9)
            return


def _through_document(c: Cue) -> bool:
    """Did the cue's speaker speak through a document ("according to a statement by X", "X's report said")?"""
    verb = c.verb
    if verb is None:
        return False
    if c.cue == "according to" and verb.i + 1 < len(verb.doc):
        source = next((k for k in verb.doc[verb.i + 1].children if k.dep_ == "pobj"), None)
    else:
        source = next((k for k in verb.children if k.dep_ == "nsubj"), None)
    return source is not None and source.pos_ == "NOUN" and sp.nominal_head(source) in sp.DOCUMENT_NOUNS

