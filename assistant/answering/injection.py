"""Instruction-like text inside documents (prompt injection) is data, never a directive.

Such sentences are excluded from extractive evidence and redacted from the sources sent to an LLM.
"""

from __future__ import annotations

import re

_PATTERNS = [
    r"\bignore (all |any |the )?(previous|prior|above|earlier|preceding|other) (instructions|prompts|rules|directions)",
    r"\bdisregard (all |any |the )?(previous|prior|above|earlier) ",
    r"\b(you are now|act as|pretend to be) (an? )?(ai|assistant|language model|chatbot)",
    r"\b(system prompt|developer message|jailbreak)\b",
    r"\bnote to (ai|llm|language model|assistant)s?\b",
    r"\b(answer|reply|respond|say) (only |always )?(with )?['\"“‘][^'\"”’]{1,40}['\"”’] (to|for) (every|all|any)",
    r"\bnew instructions?:",
]
_RE = re.compile("|".join(_PATTERNS), re.I)


def looks_like_injection(text: str) -> bool:
    return bool(_RE.search(text))


def redact(text: str) -> str:
    """Replace instruction-like sentences with a marker, keeping the rest of the passage."""
    from assistant.ingest.sentences import split_sentences

    out = text
    for s, e in reversed(split_sentences(text)):
        if looks_like_injection(text[s:e]):
            out = out[:s] + "[instruction-like text removed]" + out[e:]
    return out
