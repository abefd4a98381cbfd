"""Named entities of every sentence (spaCy's NER: PERSON, ORG, GPE, DATE, CARDINAL, ...), tagged once per
document version at ingest and kept beside the index as a derived file (`<index>/entities/`), as statements are.
The evidence layer reads which kinds of thing a sentence names: does it hold the kind of answer a question asks
for ("which country" → a GPE it does not already name)? A question never runs the tagger on stored text; a
document indexed before this existed is tagged on its first use and stored then."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.language import nlp

if TYPE_CHECKING:
    from assistant.retrieval.docstore import DocStore, StoredDoc

VERSION = "ner-1"  # bump when the tagging changes: stored files of another version are not read
Entity = tuple[str, str]  # (surface text, label)
_ONLY = ("tok2vec", "ner")  # the tagger and parser are not needed for entities (half the time)


def tag(texts: list[str]) -> list[list[Entity]]:
    """The entities of each text, in order."""
    if not texts:
        return []
    pipeline = nlp()
    off = [p for p in pipeline.pipe_names if p not in _ONLY]
    with pipeline.select_pipes(disable=off):
        return [[(e.text, e.label_) for e in d.ents] for d in pipeline.pipe(texts, batch_size=64)]


class SentenceEntities:
    """Per document version: one list of entities per sentence, in the document's sentence order."""

    def __init__(self, root: Path, docstore: DocStore) -> None:
        self.root = root / "entities"
        self.docstore = docstore
        self._mem: dict[tuple[str, str], list[list[Entity]]] = {}
        self._lock = threading.Lock()

    def path(self, doc_id: str, content_hash: str) -> Path:
        return self.root / f"{doc_id}.{content_hash[:12]}.{VERSION}.json"

    def missing(self, versions: list[tuple[str, str]]) -> list[str]:
        """Those of these (document id, content hash) pairs whose entities are not stored: their ids."""
        paths = {self.path(doc_id, h): doc_id for doc_id, h in versions}
        there = self.docstore.available(list(paths))
        return [doc_id for p, doc_id in paths.items() if p not in there]

    def compute(self, sd: StoredDoc, spans: list[tuple[int, int]]) -> None:
        """Tag and store one document's sentences (at ingest)."""
        self._store(sd, tag([sd.document.text[s:e] for s, e in spans]))

    def _store(self, sd: StoredDoc, got: list[list[Entity]]) -> None:
        key = (sd.document.meta.doc_id, sd.document.content_hash)
        with self._lock:
            self._mem[key] = got
        path = self.path(*key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(got, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
            self.docstore.publish(path)
        except OSError:
            pass  # a read-only index still answers: the entities stay in memory

    def for_doc(self, sd: StoredDoc, spans: list[tuple[int, int]]) -> list[list[Entity]]:
        key = (sd.document.meta.doc_id, sd.document.content_hash)
        with self._lock:
            got = self._mem.get(key)
        if got is not None and len(got) == len(spans):
            return got
        path = self.path(*key)
        if self.docstore.fetch(path):
            try:
                loaded = [[(str(t), str(lab)) for t, lab in row] for row in json.loads(path.read_text("utf-8"))]
            except (OSError, ValueError, TypeError):
                loaded = []
            if len(loaded) == len(spans):
                with self._lock:
                    self._mem[key] = loaded
                return loaded
        self.compute(sd, spans)  # indexed before entities were stored
        with self._lock:
            return self._mem[key]
