"""Resolve a follow-up question against the conversation so far."""

from __future__ import annotations

import re

from assistant.evidence.items import Lexicon, analyse

_FOLLOW = re.compile(r"^\s*(and|also|what about|how about|and what about|same for|then)\b", re.I)
_TOPIC = re.compile(r"\babout (.+?)\??$", re.I)


def resolve(question: str, previous: list[str], lex: Lexicon) -> str:
    q = question.strip()
    if not previous or not q:
        return q
    info = analyse(q, lex)
    follows = bool(_FOLLOW.match(q)) or (not info.terms and len(q.split()) <= 6)
    asks_about_actor = re.match(r"^\s*(and\s+)?(what|how) about\b", q, re.I)
    if not follows or (_TOPIC.search(q) and not asks_about_actor):
        return q
    last = previous[-1]
    m = _TOPIC.search(last)
    topic = m.group(1) if m else None
    if topic is None:
        prev = analyse(last, lex)
        names = [e.text for e in prev.entities]
        topic = " ".join(names) if names else None
    if not topic:
        return q
    core = _FOLLOW.sub("", q).strip().rstrip("?").strip()
    core = core[0].upper() + core[1:] if core else core
    if not core:
        return last
    if core.lower().startswith(("what did", "what does", "what has", "how did", "what do")):
        return f"{core} about {topic}?"
    return f"What did {core} say about {topic}?"
