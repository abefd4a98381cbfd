"""The answer chain as LangChain LCEL: retrieve -> number -> generate -> parse -> verify -> assemble."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answering import extractive, llm
from assistant.answering.draft import Draft, DraftSentence
from assistant.answering.injection import flagged_passages, looks_like_injection
from assistant.answering.question import analyse
from assistant.answering.verify import support
from assistant.errors import BackendError
from assistant.prompts import MARKER_FORMAT, Prompt
from assistant.retrieval.index import Index
from assistant.types import Answer, Citation, SearchFilters

State = dict[str, Any]
ANSWER_K = 12


class AnswerChain:
    def __init__(self, index: Index, backend: str, prompt: Prompt,
                 model_factory: Callable[[], llm.ChatModel] | None = None, model_name: str = "") -> None:
        self.index = index
        self.backend = backend
        self.prompt = prompt
        self.model_factory = model_factory
        self.model_name = model_name
        self._model: llm.ChatModel | None = None
        self.runnable: Runnable[State, Answer] = (
            RunnableLambda(self.retrieve)
            | RunnableLambda(self.number)
            | RunnableLambda(self.generate)
            | RunnableLambda(self.verify)
            | RunnableLambda(self.assemble)
        )

    # ---- stages ----------------------------------------------------------------------------------
    def retrieve(self, state: State) -> State:
        t = time.perf_counter()
        q = state["question"]
        state["info"] = analyse(q, self.index.registry, self.index.acronyms, self.index.registry.variants)
        hits = self.index.search(q, k=ANSWER_K + 2, filters=state.get("filters"))
        # passages carrying instruction-like text are untrusted: never evidence, never sent to an LLM
        flags = [looks_like_injection(h.text) for h in hits]
        state["hits"] = [h for h, f in zip(hits, flags, strict=True) if not f][:ANSWER_K]
        state["flagged"] = [h for h, f in zip(hits, flags, strict=True) if f]
        state["t_retrieve"] = (time.perf_counter() - t) * 1000
        return state

    def number(self, state: State) -> State:
        state["sources"] = {n: h for n, h in enumerate(state["hits"], start=1)}
        return state

    def generate(self, state: State) -> State:
        t = time.perf_counter()
        hits = state["hits"]
        if not hits:
            state["draft"] = extractive.refuse(state["question"], "nothing in the index matches the question", [])
        elif self.backend == "openai":
            try:
                if self._model is None:
                    assert self.model_factory is not None
                    self._model = self.model_factory()
                text = llm.generate(self._model, self.prompt, state["question"], hits, state.get("on_token"))
                draft = llm.parse(text, self.index, hits)
                draft.backend, draft.model = "openai", self.model_name
                state["raw_llm"] = text
                state["draft"] = draft
            except BackendError as exc:
                state["draft"] = self._fallback(state, str(exc))
        else:
            state["draft"] = extractive.answer(self.index, state["question"], state["info"], hits)
        state["t_generate"] = (time.perf_counter() - t) * 1000
        return state

    def _fallback(self, state: State, why: str) -> Draft:
        draft = extractive.answer(self.index, state["question"], state["info"], state["hits"])
        draft.backend = "extractive (fallback from openai)"
        draft.reason = f"{why}; answered extractively" + (f" ({draft.reason})" if draft.reason else "")
        return draft

    def verify(self, state: State) -> State:
        """Keep only citations whose passage supports the sentence; drop sentences left uncited."""
        t = time.perf_counter()
        draft: Draft = state["draft"]
        kept: list[DraftSentence] = []
        removed = draft.removed_claims
        for s in draft.sentences:
            if s.is_refusal:
                kept.append(s)
                continue
            good = []
            for sp in s.spans:
                text = self.index.doc_text(sp.doc_id)
                if support(s.text, text[sp.start : sp.end], self.index.embedder).ok:
                    good.append(sp)
                else:
                    chunk = self.index.chunks.get(sp.chunk_id)
                    if chunk and support(s.text, chunk.text, self.index.embedder).ok:
                        sp.start, sp.end = chunk.char_start, chunk.char_end
                        good.append(sp)
            if good:
                s.spans = good
                kept.append(s)
            else:
                removed += 1
        draft.sentences = kept
        draft.removed_claims = removed
        if draft.backend == "openai" and not any(s.spans for s in kept) and not draft.refused:
            state["draft"] = self._fallback(state, f"LLM answer had no verifiable citations ({removed} removed)")
            state["draft"].removed_claims = removed
        state["t_verify"] = (time.perf_counter() - t) * 1000
        return state

    def assemble(self, state: State) -> Answer:
        draft: Draft = state["draft"]
        citations: list[Citation] = []
        numbers: dict[tuple[str, int, int], int] = {}
        parts: list[str] = []
        for s in draft.sentences:
            marks = []
            for sp in s.spans:
                key = (sp.doc_id, sp.start, sp.end)
                if key not in numbers:
                    numbers[key] = len(numbers) + 1
                    m = self.index.meta(sp.doc_id)
                    chunk = self.index.chunks.get(sp.chunk_id)
                    citations.append(Citation(
                        n=numbers[key], doc_id=sp.doc_id, title=m.title, outlet=m.outlet, date=m.date,
                        source_path=m.source_path, chunk_id=sp.chunk_id,
                        quote=self.index.doc_text(sp.doc_id)[sp.start : sp.end], char_start=sp.start,
                        char_end=sp.end, doc_type=m.doc_type, machine_translated=m.machine_translated,
                        section=chunk.section if chunk else "",
                    ))
                marks.append(MARKER_FORMAT.format(n=numbers[key]))
            text = s.text.strip()
            parts.append(text + (" " + "".join(marks) if marks else ""))
        refused = draft.refused or not citations
        reason = draft.reason
        if not draft.sentences:
            parts = [extractive.NOT_IN_DOCS + "."]
            reason = reason or "no supported statements remained after verification"
        return Answer(
            question=state["question"], answer=" ".join(parts), refused=refused, reason=reason,
            citations=citations, removed_claims=draft.removed_claims, backend=draft.backend,
            model=draft.model if draft.backend == "openai" else self.index.embedder.model_id,
            prompt_version=f"{self.prompt.name}@{self.prompt.version}" if draft.backend == "openai" else "extractive@1",
            timings_ms={k: round(state.get(f"t_{k}", 0.0), 1) for k in ("retrieve", "generate", "verify")},
            retrieved_doc_ids=list(dict.fromkeys(h.doc_id for h in state["hits"])),
            flagged=flagged_passages(state.get("flagged", [])),
        )

    def invoke(self, question: str, filters: SearchFilters | None = None,
               on_token: Callable[[str], None] | None = None) -> Answer:
        return self.runnable.invoke({"question": question, "filters": filters, "on_token": on_token})
