"""Assistant: the one object the CLI, the UI, the eval suite and the tests use."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import IndexNotReady
from assistant.positions.registry import ActorRegistry
from assistant.retrieval.embedder import Embedder, get_embedder
from assistant.retrieval.index import Index
from assistant.settings import Settings
from assistant.types import DocumentInfo, Hit, IndexStatus, IngestReport, SearchFilters

if TYPE_CHECKING:
    from assistant.answering.chain import AnswerChain
    from assistant.evaluation.runner import Report
    from assistant.retrieval.indexing import Progress
    from assistant.types import Answer, Brief, Contrast


class Assistant:
    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None,
                 llm: Any | None = None) -> None:
        self.settings = settings or Settings()
        self.embedder = embedder or get_embedder(self.settings.embed_model, self.settings.embed_batch_size,
                                                  self.settings.embed_threads)
        self.registry = ActorRegistry.load(self.settings.actors_path)
        self.index = Index(self.settings, self.embedder, self.registry)
        from assistant.ingest import injection

        # the injection detector compares meanings with this embedder; scores saved at ingest are reused
        injection.configure(self.embedder, self.index.root)
        self._llm = llm  # injected chat model (tests); else built from settings on demand
        self._chains: dict[str, AnswerChain] = {}
        self._finder: Any = None

    # ---- corpus ----------------------------------------------------------------------------------
    def ingest(self, paths: Sequence[Path] | None = None, prune: bool = False,
               progress: Progress | None = None) -> IngestReport:
        from assistant.retrieval.indexing import ingest

        finder = self.statements_finder()
        try:
            report = ingest(self.index, [Path(p) for p in (paths or [self.settings.corpus_dir])], prune=prune,
                            progress=progress, on_prepared=finder.store.extract_early)
        finally:
            finder.store.finish_early()
        # statements (and their embeddings) at ingest, not per question; also for documents whose stored statements
        # an upgraded extractor no longer reads (an ingest with nothing new re-extracts them now, not the first ask);
        # and the injection scores of every passage again when an upgraded detector no longer reads the saved ones
        import contextlib

        from assistant.ingest.injection import SCORES_FILE, detector, prime

        rescore = detector().outdated(self.index.root / SCORES_FILE)
        if report.added or report.updated or finder.store.missing() or rescore:
            if rescore:
                prime([c.text for c in self.index.chunks.values()])
            finder.prepare(report.added + report.updated)
            with contextlib.suppress(OSError):
                detector().save(self.index.root / SCORES_FILE)
        return report

    def statements_finder(self) -> Any:
        """The position finder (statements extracted once per document version, cached beside the index)."""
        from assistant.positions.contrast import PositionFinder

        if self._finder is None:
            from assistant.ingest.injection import looks_like_injection

            self._finder = PositionFinder(self.index, exclude=looks_like_injection)
        return self._finder

    def add_uploads(self, files: Sequence[Path], progress: Progress | None = None,
                    replace: bool = False) -> IngestReport:
        """Uploaded files: streamed into index_dir/uploads/<hash>/<name> with checks, then ingested.
        Refused files are deleted. A same-named upload is a new document unless `replace` is asked for,
        which then removes the older documents of that file name."""
        from assistant.errors import LoadError
        from assistant.ingest.uploads import discard, save_upload

        upload_dir = self.settings.index_dir / "uploads"
        saved: list[Path] = []
        refused: list[dict[str, str]] = []
        for f in files:
            try:
                saved.append(save_upload(Path(f), upload_dir))
            except LoadError as exc:
                refused.append({"path": str(f), "reason": str(exc)})
        report = self.ingest(saved, progress=progress) if saved else IngestReport()
        report.errors = refused + report.errors
        for e in report.errors:
            if not e["reason"].startswith("warning") and Path(e["path"]) in saved:
                discard(Path(e["path"]), upload_dir)
        if replace:
            new = {d: Path(self.index.meta(d).source_path or "").name for d in report.added + report.updated}
            names = set(new.values())
            older = [d.doc_id for d in self.documents() if d.doc_id not in new
                     and Path(d.source_path or "").name in names]
            if older:
                report.removed += self.remove(older)
        return report

    def remove(self, doc_ids: list[str]) -> list[str]:
        from assistant.retrieval.indexing import remove_documents

        return remove_documents(self.index, doc_ids)

    def require_index(self) -> None:
        self.index.sync()  # documents another process (a CLI ingest, another replica) committed meanwhile
        if self.index.is_empty:
            raise IndexNotReady(
                f"the index at {self.settings.index_dir} is empty for embedder '{self.embedder.model_id}' "
                "and these chunking settings; run `briefing ingest` first"
            )

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None,
               mmr: bool | None = None, hops: int | None = None) -> list[Hit]:
        """Hybrid search; with hops=2 a second search follows the first hop's bridge entities or a comparison's
        sides, and each hit says which hop found it (`why`)."""
        if not query.strip():
            from assistant.errors import BriefingError

            raise BriefingError("empty query")
        self.check_filters(filters)
        self.require_index()
        k = k or self.settings.retrieval.k
        hops = self.settings.retrieval.hops if hops is None else hops
        if hops < 2 or mmr:
            return self.index.search(query, k=k, filters=filters, use_mmr=mmr)
        from assistant.evidence.gather import gather
        from assistant.evidence.items import analyse

        lib = self.library()
        items = analyse(query, lib)
        return gather(self.index, lib.embed, items, k=k, filters=filters, hops=hops,
                      recency_weight=self.settings.retrieval.recency_weight)[:k]

    def spawn(self, settings: Settings) -> Assistant:
        """Another assistant over another index, sharing this one's embedding model (eval's external sets)."""
        return Assistant(settings, embedder=self.embedder)

    # ---- evidence --------------------------------------------------------------------------------
    def aliases(self, phrase: str) -> list[str]:
        """Other names of a phrase from the library's data files (actor aliases, spelling variants)."""
        from assistant.errors import UnknownActor
        from assistant.textutil import fold

        out = list(self.registry.variants.get(fold(phrase.strip()), []))
        try:
            m = self.registry.resolve(phrase)
            if m.confidence >= 0.85:
                out += [*m.actor.all_names(), *m.actor.surname_aliases]
        except UnknownActor:
            # a full name the documents quote under another spelling ("Svetlana Tikhanovskaya" for the speaker
            # "Sviatlana Tsikhanouskaya"): the person rule that finds speakers for "what did X say" names them
            if not out and len(phrase.split()) > 1:
                voice = self.statements_finder().discover(phrase)
                if voice is not None:
                    out += [n for n in (voice.name, *voice.aliases) if fold(n) != fold(phrase)]
        return list(dict.fromkeys(out))

    def library(self) -> Any:
        """A read-only view of the current index snapshot for the evidence layer."""
        from assistant.evidence.library import LibraryView

        return LibraryView(self.index, self.aliases)

    @staticmethod
    def is_untrusted(text: str) -> bool:
        """Instruction-like text in a document (possible prompt injection): never evidence, never sent to an LLM."""
        from assistant.ingest.injection import looks_like_injection

        return looks_like_injection(text)

    def check_filters(self, filters: SearchFilters | None) -> None:
        """Refuse filters that cannot mean what the user intended, instead of silently matching nothing."""
        from assistant.errors import BriefingError
        from assistant.types import parse_filter_date

        if filters is None:
            return
        lo = parse_filter_date(filters.date_from, "date-from")
        hi = parse_filter_date(filters.date_to, "date-to", end=True)
        if lo and hi and lo > hi:
            raise BriefingError(f"date-from {filters.date_from} is after date-to {filters.date_to}")
        if filters.doc_ids:
            known = set(self.index.docs)
            unknown = [d for d in filters.doc_ids if d not in known]
            if unknown:
                raise BriefingError(f"unknown document id(s): {', '.join(unknown)} (see `briefing docs`)")
        if filters.doc_types:
            from assistant.types import DOC_TYPES

            bad = [t for t in filters.doc_types if t not in DOC_TYPES]
            if bad:
                raise BriefingError(f"unknown document type(s): {', '.join(bad)} (choose from {', '.join(DOC_TYPES)})")

    # ---- answers ---------------------------------------------------------------------------------
    def prompt(self, name: str) -> Any:
        from assistant.prompts import load_prompt

        return load_prompt(self.settings.prompts_dir / f"{name}.md")

    def chat_model(self) -> Any:
        from assistant.answering.llm import make_chat_model

        return self._llm if self._llm is not None else make_chat_model(self.settings.llm)

    def chain(self, backend: str | None = None) -> AnswerChain:
        from assistant.answering.chain import AnswerChain
        from assistant.errors import BriefingError

        name = backend or self.settings.backend
        if name not in {"extractive", "openai"}:
            raise BriefingError(f"unknown backend '{name}' (choose extractive or openai)")
        if name not in self._chains:
            self._chains[name] = AnswerChain(self.index, name, self.prompt("answer"), self.chat_model,
                                             self.settings.llm.model, library=self.library,
                                             untrusted=self.is_untrusted, said=self.said_check,
                                             roles=self.name_roles)
        return self._chains[name]

    def said_check(self, items: Any) -> Any:
        """What the attributed statements hold for a "what did X say about Y" question (positions/said.py)."""
        from assistant.positions.said import said_check

        return said_check(self.statements_finder(), self.registry, items)

    def name_roles(self, question: str) -> str:
        """The question with a person it names by a role the registry knows one actor by named instead."""
        from assistant.positions.said import name_roles

        return name_roles(self.registry, question, self.statements_finder().speaker_roles())

    def ask(self, question: str, filters: SearchFilters | None = None, backend: str | None = None,
            on_token: Any = None) -> Answer:
        from assistant.errors import BriefingError

        if not question or not question.strip():
            raise BriefingError("empty question")
        if len(question) > 2000:
            raise BriefingError(f"question is too long ({len(question):,} characters, limit 2,000); ask something shorter")
        if not any(ch.isalnum() for ch in question):
            raise BriefingError("the question has no words: ask in words what you want to know")
        self.check_filters(filters)
        self.require_index()
        answer = self.chain(backend).invoke(question.strip(), filters, on_token)
        self.name_speakers(answer.citations)
        return answer

    def name_speakers(self, citations: list[Any]) -> None:
        """Each cited quote's speakers, from the statements extracted at ingest (`Citation.speakers`)."""
        from assistant.positions.said import name_speakers

        name_speakers(self.statements_finder(), citations)

    def speakers_on(self, topic: str, limit: int = 3) -> list[str]:
        """The named speakers whose own words are about the topic, closest first (for briefs without --actor)."""
        return list(self.statements_finder().on_topic(topic, limit))

    def resolve_followup(self, question: str, previous: list[str]) -> str:
        """'and what did the minister say?' after a question about X -> 'what did the minister say about X?'"""
        from assistant.answering.followup import resolve

        return resolve(question, previous, self.library())

    # ---- positions ---------------------------------------------------------------------------------
    def contrast(self, topic: str, actors: Sequence[str], backend: str | None = None) -> Contrast:
        from assistant.errors import BriefingError
        from assistant.positions.contrast import actor_for, contrast

        if not topic.strip():
            raise BriefingError("empty topic")
        if not actors:
            raise BriefingError("name at least one actor (--actor NAME)")
        self.require_index()
        finder = self.statements_finder()
        resolved = [actor_for(self.registry, finder, a) for a in actors]  # registered, or a speaker of the documents
        result = contrast(self.index, finder, topic.strip(), list(dict.fromkeys(resolved)))
        if (backend or self.settings.backend) == "openai":
            from assistant.positions.llm_summary import summarise_with_llm

            result = summarise_with_llm(self, result)
        return result

    # ---- briefs ------------------------------------------------------------------------------------
    def brief(self, topic: str, actors: list[str] | None = None, backend: str | None = None) -> Brief:
        """A brief that fits one A4 page: composed to a budget, trimmed until the PDF has one page."""
        from assistant.briefs.compose import compose, prune_sources, trim
        from assistant.briefs.render import pdf_pages, to_pdf

        self.index.sync()
        b = compose(self, topic, actors, backend)
        prune_sources(b)
        while pdf_pages(to_pdf(b)) > 1 and trim(b):
            prune_sources(b)
        return b

    # ---- evaluation --------------------------------------------------------------------------------
    def evaluate(self, dataset: str = "gold", split: str = "all", backend: str | None = None,
                 limit: int | None = None, eval_dir: Path | None = None, gold_file: Path | None = None) -> Report:
        from assistant.evaluation.dataset import load_gold
        from assistant.evaluation.runner import run
        from assistant.settings import PROJECT_ROOT

        if gold_file is not None:
            return self._evaluate_library(gold_file, split, backend, limit)
        if dataset != "gold":
            from assistant.evaluation.external import run_external

            return run_external(self, dataset, split, backend, limit)
        if self.index.is_empty:
            self.ingest()
        cases = load_gold((eval_dir or PROJECT_ROOT / "eval") / "gold.yaml")
        if split != "all":
            cases = [c for c in cases if c.split == split]
        if limit:
            cases = cases[:limit]
        return run(self, cases, "gold", split, backend)

    def _evaluate_library(self, gold_file: Path, split: str, backend: str | None, limit: int | None) -> Report:
        """A gold file over a library of its own (`library:` = its folder, or a list of folders, relative to the
        file): the library is indexed under index_dir/eval-libraries/<file name> (incrementally) and the cases
        run against it, with no data file of the bundled corpus (its actors) in play."""
        import yaml

        from assistant.errors import BriefingError
        from assistant.evaluation.dataset import load_gold
        from assistant.evaluation.runner import run

        try:
            data = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise BriefingError(f"cannot read the gold file {gold_file}: {exc}") from exc
        if not isinstance(data, dict) or not data.get("library"):
            raise BriefingError(f"{gold_file}: a gold file over its own library names it (library: <folder>)")
        named = data["library"] if isinstance(data["library"], list) else [data["library"]]
        folders = [(gold_file.parent / str(f)).resolve() for f in named]
        for folder in folders:
            if not folder.is_dir():
                raise BriefingError(f"{gold_file}: library folder {folder} not found")
        root = self.settings.index_dir / "eval-libraries" / gold_file.stem
        settings = self.settings.model_copy(update={"index_dir": root, "corpus_dir": folders[0],
                                                    "actors_file": root / "no-actors.yaml"})
        lib = self.spawn(settings)
        lib.ingest(folders)
        cases = load_gold(gold_file)
        if split != "all":
            cases = [c for c in cases if c.split == split]
        if limit:
            cases = cases[:limit]
        return run(lib, cases, gold_file.stem, split, backend)

    def documents(self) -> list[DocumentInfo]:
        self.index.sync()
        out = []
        for f in self.index.state.files.values():  # the state holds each document's metadata: no text is read
            if f.meta is None or f.chars is None:  # an index from before
                sd = self.index.docs.get(f.doc_id)
                if sd is None:
                    continue
                f = f.model_copy(update={"meta": sd.document.meta, "chars": len(sd.document.text)})
            assert f.meta is not None and f.chars is not None
            out.append(DocumentInfo(**f.meta.model_dump(), chunks=len(f.chunk_ids), chars=f.chars))
        return sorted(out, key=lambda d: d.doc_id)

    def status(self) -> IndexStatus:
        self.index.sync()
        return IndexStatus(documents=len(self.index.docs), chunks=len(self.index.chunks),
                           embed_model=self.embedder.model_id, collection=self.index.collection,
                           index_dir=str(self.settings.index_dir), store=self.index.store.location,
                           last_ingest=self.index.state.last_ingest, chunking=self.settings.chunking.model_dump())

