"""The index is swapped atomically: a question during an ingest sees the old or the new index, never a mix,
and a question asked after an ingest returns sees the new documents."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant.facade import Assistant
from tests.conftest import make_settings


@pytest.mark.slow
def test_questions_during_ingest_see_a_consistent_index(tmp_path: Path) -> None:
    a = Assistant(make_settings(tmp_path / "idx"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "base.md").write_text("# Base\n\nThe river authority publishes water levels every Monday.\n")
    a.ingest([docs])
    errors: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            snap = a.index.snapshot
            for h in a.index.search("water levels", k=5):
                if h.chunk_id not in snap.chunks and h.chunk_id not in a.index.snapshot.chunks:
                    errors.append(f"hit {h.chunk_id} in no snapshot")
            for cid, c in snap.chunks.items():
                if c.doc_id not in snap.docs:
                    errors.append(f"chunk {cid} without its document")

    t = threading.Thread(target=reader)
    t.start()
    try:
        for i in range(4):
            name = ["Aquila", "Borealis", "Cygnus", "Draco"][i]
            (docs / f"n{i}.md").write_text(f"# Note {i}\n\nThe {name} desalination plant opened in year {2030 + i}.\n")
            report = a.ingest([docs])
            assert report.added == [f"n{i}"]
            hits = a.index.search(f"{name} desalination plant", k=3)
            assert f"n{i}" in [h.doc_id for h in hits], "a question after the ingest returns sees the new document"
    finally:
        stop.set()
        t.join()
    assert not errors, errors[:3]
