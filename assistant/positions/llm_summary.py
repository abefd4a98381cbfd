"""OpenAI backend for contrasts: the LLM writes each actor's stance summary from the extracted,
numbered statements; every summary sentence is verified against the statements it cites."""

from __future__ import annotations

from typing import Any, Protocol

from assistant.errors import BackendError
from assistant.evidence.support import support
from assistant.ingest.sentences import split_sentences
from assistant.prompts import MARKER_RE
from assistant.types import Contrast


class _Host(Protocol):
    """What the summary needs from its caller (the facade passes itself; positions never imports it)."""

    embedder: Any

    def prompt(self, name: str) -> Any: ...

    def chat_model(self) -> Any: ...


def summarise_with_llm(a: _Host, c: Contrast) -> Contrast:
    prompt = a.prompt("contrast")
    found = [p for p in c.positions if p.status == "found"]
    if not found:
        return c
    try:
        model = a.chat_model()
        for p in found:
            stmts = "\n".join(f"[{s.citation.n}] ({s.attribution}) {s.text}" for s in p.statements)
            system, user = prompt.render(actor=p.actor, topic=c.topic, statements=stmts)
            text = model.invoke([("system", system), ("user", user)]).content
            if not isinstance(text, str) or not text.strip():
                raise BackendError("empty summary")
            by_n = {s.citation.n: s for s in p.statements}
            kept = []
            for s0, s1 in split_sentences(text):
                sent = text[s0:s1]
                ns = [int(n) for n in MARKER_RE.findall(sent)]
                body = MARKER_RE.sub("", sent).strip()
                if body and ns and all(n in by_n for n in ns) and any(
                        support(body, by_n[n].text, a.embedder).ok for n in ns):
                    kept.append(sent.strip())
            if kept:
                p.summary = " ".join(kept)
        c.backend = "openai"
    except BackendError:
        c.backend = "extractive (fallback from openai)"
    except Exception as exc:  # endpoint failures of any kind: keep the extractive summaries
        c.backend = f"extractive (fallback from openai: {exc.__class__.__name__})"
    return c
