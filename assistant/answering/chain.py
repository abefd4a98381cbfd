"""The answer chain as LangChain LCEL: retrieve -> number -> generate -> parse -> verify -> assemble."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answering import extractive, llm
from assistant.answering.draft import Draft, DraftSentence, Span
from assistant.errors import BackendError
from assistant.evidence.candidates import meta_text
from assistant.evidence.cite import citation
from assistant.evidence.find import Found, SaidCheck, find
from assistant.evidence.items import QuestionItems
from assistant.evidence.library import LibraryView
from assistant.evidence.support import support
from assistant.ingest.injection import flagged_passages, looks_like_injection
from assistant.prompts import MARKER_FORMAT, Prompt
from assistant.retrieval.index import Index
from assistant.types import Answer, Citation, EvidenceReason, SearchFilters

State = dict[str, Any]
ANSWER_K = 12


class AnswerChain:
    def __init__(self, index: Index, backend: str, prompt: Prompt,
                 model_factory: Callable[[], llm.ChatModel] | None = None, model_name: str = "",
                 library: Callable[[], LibraryView] | None = None,
                 untrusted: Callable[[str], bool] = looks_like_injection,
                 said: Callable[[QuestionItems], SaidCheck | None] | None = None,
                 roles: Callable[[str], str] | None = None) -> None:
        self.index = index
        self.backend = backend
        self.prompt = prompt
        self.model_factory = model_factory
        self.model_name = model_name
        self.library = library or (lambda: LibraryView(index))
        self.untrusted = untrusted
        self.said = said
        self.roles = roles  # a person named by a role the registry knows ("the Spanish water minister"): named
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
        """Gather passages (two hops) and find the best evidence set; decide answerability once, for all backends."""
        t = time.perf_counter()
        question = self.roles(state["question"]) if self.roles is not None else state["question"]
        found = find(self.library(), self.index, question, state.get("filters"), self.untrusted,
                     recency_weight=self.index.settings.retrieval.recency_weight, said=self.said)
        state["found"] = found
        # numbered sources: passages holding the evidence first, then the rest of the hits
        members = [m.candidate.chunk_id for m in found.best.members] if found.best else []
        by_id = {h.chunk_id: h for h in found.hits}
        ordered = [by_id[c] for c in dict.fromkeys(members) if c in by_id]
        ordered += [h for h in found.hits if h.chunk_id not in set(members)]
        state["hits"] = ordered[:ANSWER_K]
        state["flagged"] = found.flagged
        state["t_retrieve"] = (time.perf_counter() - t) * 1000
        return state

    def number(self, state: State) -> State:
        state["sources"] = {n: h for n, h in enumerate(state["hits"], start=1)}
        return state

    def generate(self, state: State) -> State:
        t = time.perf_counter()
        hits = state["hits"]
        found: Found = state["found"]
        if not hits:
            state["draft"] = extractive.refuse(found, "nothing in the index matches the question")
        elif not found.answerable:
            state["draft"] = extractive.refuse(found)  # both backends refuse the same way, for the same reason
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
            state["draft"] = extractive.answer(found)
        state["t_generate"] = (time.perf_counter() - t) * 1000
        return state

    def _fallback(self, state: State, why: str) -> Draft:
        draft = extractive.answer(state["found"])
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
                sup = support(s.text, self._quote(sp), self.index.embedder)
                if sup.ok:
                    sp.support = sup.score
                    good.append(sp)
                elif sp.field is None:
                    chunk = self.index.chunks.get(sp.chunk_id)
                    wide = support(s.text, chunk.text, self.index.embedder) if chunk else None
                    if chunk and wide is not None and wide.ok:
                        sp.start, sp.end, sp.support = chunk.char_start, chunk.char_end, wide.score
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

    def _quote(self, sp: Span) -> str:
        if sp.field == "metadata":
            return meta_text(self.library(), sp.doc_id)
        return self.index.doc_text(sp.doc_id)[sp.start : sp.end]

    @staticmethod
    def _covers(found: Found | None) -> dict[tuple[str, int, int], list[str]]:
        out: dict[tuple[str, int, int], list[str]] = {}
        if found is None:
            return out
        answer = found.items.answer
        for c in found.candidates:
            labels = [m.label for m in c.covers().values()]
            if not labels:  # chosen for what it holds, not for the words it shares with the question
                holds_type = answer is not None and c.features.get("type", 0.0) >= 0.5
                labels = [f"{answer.label} (answer type)" if holds_type and answer else "the question (by meaning)"]
            out.setdefault((c.doc_id, c.start, c.end), labels)
        return out

    @staticmethod
    def _covers_span(covers: dict[tuple[str, int, int], list[str]], sp: Span) -> list[str]:
        """The items a cited span covers: its own sentence's, or (a whole passage cited) those of the candidate
        sentences inside it."""
        exact = covers.get((sp.doc_id, sp.start, sp.end))
        if exact is not None:
            return exact
        inside = [labels for (d, s, e), labels in covers.items() if d == sp.doc_id and sp.start <= s and e <= sp.end
                  and e > s]
        return list(dict.fromkeys(x for labels in inside for x in labels if not x.endswith("(by meaning)")))

    def assemble(self, state: State) -> Answer:
        draft: Draft = state["draft"]
        found: Found | None = state.get("found")
        covers = self._covers(found)
        lib = self.library()
        citations: list[Citation] = []
        numbers: dict[tuple[str, int, int], int] = {}
        parts: list[str] = []
        for s in draft.sentences:
            marks = []
            for sp in s.spans:
                key = (sp.doc_id, sp.start, sp.end)
                if key not in numbers:
                    numbers[key] = len(numbers) + 1
                    citations.append(citation(lib, numbers[key], sp.doc_id, sp.start, sp.end, sp.chunk_id,
                                              sp.field, sp.support,
                                              self._covers_span(covers, sp)))
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
            missing=draft.missing,  # on a refusal, and for the parts of a compound question left unanswered
            evidence=[EvidenceReason(doc_id=m.candidate.doc_id, char_start=m.candidate.start,
                                     char_end=m.candidate.end, field=m.candidate.meta_field,
                                     score=round(m.candidate.p, 3),
                                     covers=[{"item": c.label, "how": c.how} for c in m.covers])
                      for m in (found.best.members if found is not None and found.best is not None else [])],
            flagged=flagged_passages(state.get("flagged", [])),
        )

    def invoke(self, question: str, filters: SearchFilters | None = None,
               on_token: Callable[[str], None] | None = None) -> Answer:
        return self.runnable.invoke({"question": question, "filters": filters, "on_token": on_token})
