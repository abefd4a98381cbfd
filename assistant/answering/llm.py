"""OpenAI-compatible backend (OpenAI, vLLM, Ollama, llama.cpp server) through langchain-openai."""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from assistant.answering.draft import Draft, DraftSentence, Span
from assistant.errors import BackendError
from assistant.evidence.support import best_quote
from assistant.ingest.injection import redact
from assistant.ingest.sentences import split_sentences
from assistant.prompts import MARKER_RE, NOT_IN_DOCS, Prompt
from assistant.retrieval.index import Index
from assistant.settings import LLMSettings
from assistant.types import Hit


class ChatModel(Protocol):
    def invoke(self, input: Any, **kw: Any) -> Any: ...

    def stream(self, input: Any, **kw: Any) -> Iterator[Any]: ...


def make_chat_model(s: LLMSettings) -> ChatModel:
    if not s.base_url:
        raise BackendError(
            "the openai backend needs an endpoint: set BRIEFING_LLM__BASE_URL (and BRIEFING_LLM__API_KEY, "
            "BRIEFING_LLM__MODEL), e.g. http://127.0.0.1:11434/v1 for Ollama"
        )

    def build() -> ChatModel:
        from langchain_openai import ChatOpenAI  # imported on the worker thread: counts against the deadline

        # The openai client retries 429/5xx and connection errors with exponential backoff (honouring
        # Retry-After); no request outlasts the answer's deadline, which the wrapper enforces over all of them.
        return ChatOpenAI(  # type: ignore[no-any-return]
            model=s.model, base_url=s.base_url, api_key=s.api_key, timeout=min(s.timeout_s, s.deadline_s),
            max_retries=s.max_retries, temperature=s.temperature,
        )

    return DeadlineChatModel(build, s.deadline_s)


class DeadlineChatModel:
    """One total deadline per answer over connect, read, streaming and the client's retries.

    The call runs on a daemon thread; when the deadline passes the caller gets a BackendError at once
    (and the extractive fallback), while the abandoned request ends on its own timeout."""

    def __init__(self, inner: ChatModel | Callable[[], ChatModel], deadline_s: float) -> None:
        self._inner: ChatModel | None = inner if hasattr(inner, "invoke") else None  # type: ignore[assignment]
        self._factory = None if self._inner is not None else inner
        self._build_lock = threading.Lock()
        self.deadline_s = deadline_s

    @property
    def inner(self) -> ChatModel:
        with self._build_lock:
            if self._inner is None:
                assert callable(self._factory)
                self._inner = self._factory()
            return self._inner

    def _expired(self) -> BackendError:
        return BackendError(f"LLM endpoint did not answer within the {self.deadline_s:g} s deadline")

    def invoke(self, input: Any, **kw: Any) -> Any:
        box: queue.Queue[tuple[str, Any]] = queue.Queue()

        def run() -> None:
            try:
                box.put(("ok", self.inner.invoke(input, **kw)))
            except BaseException as exc:
                box.put(("error", exc))

        threading.Thread(target=run, daemon=True, name="llm-invoke").start()
        try:
            kind, value = box.get(timeout=self.deadline_s)
        except queue.Empty:
            raise self._expired() from None
        if kind == "error":
            raise value
        return value

    def stream(self, input: Any, **kw: Any) -> Iterator[Any]:
        end = time.monotonic() + self.deadline_s
        box: queue.Queue[tuple[str, Any]] = queue.Queue()
        stop = threading.Event()

        def run() -> None:
            try:
                for chunk in self.inner.stream(input, **kw):
                    if stop.is_set():
                        return
                    box.put(("chunk", chunk))
                box.put(("done", None))
            except BaseException as exc:
                box.put(("error", exc))

        threading.Thread(target=run, daemon=True, name="llm-stream").start()
        try:
            while True:
                left = end - time.monotonic()
                if left <= 0:
                    raise self._expired()
                try:
                    kind, value = box.get(timeout=left)
                except queue.Empty:
                    raise self._expired() from None
                if kind == "done":
                    return
                if kind == "error":
                    raise value
                yield value
        finally:
            stop.set()


def format_sources(hits: list[Hit]) -> str:
    """Numbered sources, delimited; anything that looks like our delimiters inside a text is defused."""
    out = []
    for n, h in enumerate(hits, start=1):
        body = redact(re.sub(r"</?\s*source[^>]*>", "[tag removed]", h.text, flags=re.I))
        meta = f'title="{h.title}" outlet="{h.outlet or ""}" date="{h.date or ""}"'
        out.append(f'<source n="{n}" {meta}>\n[{n}] {body}\n</source>')
    return "\n".join(out)


def messages(prompt: Prompt, question: str, hits: list[Hit]) -> list[tuple[str, str]]:
    system, user = prompt.render(question=question, sources=format_sources(hits), not_in_docs=NOT_IN_DOCS)
    return [("system", system), ("user", user)]


def generate(model: ChatModel, prompt: Prompt, question: str, hits: list[Hit],
             on_token: Callable[[str], None] | None = None) -> str:
    msgs = messages(prompt, question, hits)
    try:
        if on_token is not None:
            parts: list[str] = []
            for chunk in model.stream(msgs):
                piece = chunk.content if isinstance(chunk.content, str) else ""
                parts.append(piece)
                if piece:
                    on_token(piece)
            text = "".join(parts)
        else:
            text = model.invoke(msgs).content
    except BackendError:
        raise
    except Exception as exc:  # openai raises many types: timeout, connection, status, decode
        raise BackendError(f"LLM endpoint failed: {exc.__class__.__name__}: {str(exc)[:200]}") from exc
    if not isinstance(text, str) or not text.strip():
        raise BackendError("LLM endpoint returned an empty answer")
    printable = sum(c.isprintable() or c.isspace() for c in text) / len(text)
    if printable < 0.9:
        raise BackendError("LLM endpoint returned unreadable output")
    return text


def parse(text: str, index: Index, hits: list[Hit]) -> Draft:
    """Sentences with their [n] markers; markers naming no source are dropped here."""
    text = re.sub(r"\s+", " ", text.strip())
    # "claim. [1] Next" -> "claim [1]. Next" so the marker stays with its sentence
    text = re.sub(r"([.!?])((?:\s*\[\d{1,3}\])+)", lambda m: m.group(2) + m.group(1), text)
    sentences: list[DraftSentence] = []
    dropped_markers = 0
    refused = text.lower().startswith(NOT_IN_DOCS.lower())
    for s, e in split_sentences(text):
        raw = text[s:e]
        ns = [int(n) for n in MARKER_RE.findall(raw)]
        clean = MARKER_RE.sub("", raw)
        clean = re.sub(r"\s+([.,;:!?])", r"\1", clean).strip()
        if not clean:
            continue
        if clean.lower().startswith(NOT_IN_DOCS.lower()):
            sentences.append(DraftSentence(clean, is_refusal=True))
            continue
        spans: list[Span] = []
        for n in dict.fromkeys(ns):
            if not 1 <= n <= len(hits):
                dropped_markers += 1
                continue
            h = hits[n - 1]
            chunk = index.chunks[h.chunk_id]
            doc_text = index.doc_text(h.doc_id)
            qs, qe = best_quote(clean, [(x.char_start, x.char_end) for x in chunk.sentences], doc_text)
            spans.append(Span(h.doc_id, qs, qe, h.chunk_id))
        sentences.append(DraftSentence(clean, spans))
    draft = Draft(sentences=sentences, refused=refused, reason="the model found no answer in the sources" if refused else None)
    return draft
