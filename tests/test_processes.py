"""Several processes, one index on a `chroma run` server: one writer at a time, readers see new documents without a
restart, a killed writer loses nothing. Every process here is a real OS process (CLI or a small reader program)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from tests.conftest import DATA, chroma_server

READER = """
import json, sys
from assistant.facade import Assistant
from assistant.settings import Settings
a = Assistant(Settings())
print("ready", flush=True)
for line in sys.stdin:
    try:
        print(json.dumps(sorted({h.doc_id for h in a.search(line.strip(), k=8)})), flush=True)
    except Exception as exc:
        print(json.dumps({"error": str(exc)}), flush=True)
"""


def _ask(reader: subprocess.Popen[str], question: str) -> list[str] | dict[str, str]:
    assert reader.stdin is not None and reader.stdout is not None
    reader.stdin.write(question + "\n")
    reader.stdin.flush()
    return json.loads(reader.stdout.readline())  # type: ignore[no-any-return]


@pytest.mark.integration
def test_one_writer_many_readers_on_a_chroma_server(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    with chroma_server(tmp_path / "srv") as port:
        _walkthrough(tmp_path, bin_dir, port)


def _walkthrough(tmp_path: Path, bin_dir: Path, port: int) -> None:
    index_dir = tmp_path / "index"
    env = {**os.environ, "BRIEFING_CHROMA_HOST": "127.0.0.1", "BRIEFING_CHROMA_PORT": str(port),
           "BRIEFING_INDEX_DIR": str(index_dir), "BRIEFING_LEASE_SECONDS": "20", "PYTHONPATH": str(PROJECT_ROOT)}
    briefing = [str(bin_dir / "briefing")]
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DATA / "note.md", docs)
    shutil.copy(DATA / "page.html", docs)
    readers: list[subprocess.Popen[str]] = []
    writer: subprocess.Popen[str] | None = None
    try:
        # reader A starts before anything is indexed, with a local folder of its own (as on another machine:
        # the processes share only the Chroma server)
        env_a = {**env, "BRIEFING_INDEX_DIR": str(tmp_path / "machine-a")}
        a = subprocess.Popen([sys.executable, "-c", READER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, env=env_a, cwd=PROJECT_ROOT)
        readers.append(a)
        assert a.stdout is not None and a.stdout.readline().strip() == "ready"
        assert "error" in _ask(a, "Skyfence interceptors")  # nothing indexed yet: a clear error, not a crash

        first = subprocess.run([*briefing, "ingest", str(docs)], env=env, capture_output=True, text=True, timeout=300)
        assert first.returncode == 0, first.stderr
        assert "note" in _ask(a, "Skyfence interceptors")  # picked up without a restart

        # writer 1 ingests the bundled corpus (tens of seconds); a second writer meanwhile is refused
        writer = subprocess.Popen([*briefing, "ingest"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, text=True)
        lock = next(index_dir.glob("*")) / "writer.lock"
        for _ in range(600):
            if lock.exists() and lock.read_text().strip():
                break
            time.sleep(0.05)
        second = subprocess.run([*briefing, "ingest", str(DATA / "two-pages.pdf")], env=env, capture_output=True,
                                text=True, timeout=300)
        assert second.returncode != 0
        assert "another ingest is writing to this index" in second.stderr, second.stderr
        # killed mid-ingest: nothing committed is lost, and a re-run completes
        assert writer.poll() is None, "the corpus ingest ended before it could be interrupted"
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        assert "note" in _ask(a, "Skyfence interceptors")
        again = subprocess.run([*briefing, "ingest"], env=env, capture_output=True, text=True, timeout=600)
        assert again.returncode == 0, again.stderr
        assert "added 5," in again.stdout, again.stdout

        # reader A (running all along) and reader B (started now) both see the new documents, and the old ones
        got_a = _ask(a, "Low-Cost Effectors and Autonomous Platforms initiative")
        assert isinstance(got_a, list) and any(d.startswith("2026-") for d in got_a), got_a
        assert "note" in _ask(a, "Skyfence interceptors")
        env_b = {**env, "BRIEFING_INDEX_DIR": str(tmp_path / "machine-b")}  # a third machine, nothing local
        b = subprocess.run([*briefing, "search", "Low-Cost Effectors and Autonomous Platforms initiative", "--json"],
                           env=env_b, capture_output=True, text=True, timeout=300)
        assert b.returncode == 0, b.stderr
        assert any(h["doc_id"].startswith("2026-") for h in json.loads(b.stdout)["results"])
        asked = subprocess.run([*briefing, "ask", "What does LEAP stand for?", "--json"], env=env_b,
                               capture_output=True, text=True, timeout=300)
        assert asked.returncode == 0, asked.stderr
        answer = json.loads(asked.stdout)
        assert not answer["refused"] and "Low-Cost Effectors" in answer["answer"], answer["answer"]
        assert answer["citations"] and all(c["quote"] for c in answer["citations"])
        # everything machine B read came from the server: its folder holds only caches it derived from Chroma
        local = next((tmp_path / "machine-b").glob("briefing_*"))
        assert any(local.glob("bm25-*")) and any((local / "docs").glob("*.json"))
        # statements were extracted once, by the writer at ingest, and shared: machine B reads them, not re-parses
        import chromadb

        shared = chromadb.HttpClient(host="127.0.0.1", port=port).get_collection(f"{local.name}__docs")
        files = shared.get(where={"kind": "derived"}, include=["documents"])
        assert len([i for i in files["ids"] if i.endswith(".json")]) >= 5
        contrast = subprocess.run([*briefing, "contrast", "pressure on Russia", "--actor", "Pistorius", "--json"],
                                  env=env_b, capture_output=True, text=True, timeout=300)
        assert contrast.returncode == 0, contrast.stderr
        assert json.loads(contrast.stdout)["positions"][0]["status"] == "found"
        import base64

        for fid, blob in zip(files["ids"], files["documents"], strict=True):
            copy = local / fid.removeprefix("file:")
            if fid.startswith("file:entities/") and not copy.exists():
                continue  # a document's sentence entities are fetched when a question reads its sentences
            assert copy.exists() and copy.read_bytes() == base64.b64decode(blob), fid
        assert any((local / "entities").glob("*.json")), "the answer read entities tagged by the writer"
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
        for r in readers:
            r.kill()


def test_server_lease_rules() -> None:
    """The lease record: refused while a live writer holds it (here or on another machine), taken over when its
    holder died on this machine or when it expired; released on exit."""
    import chromadb

    from assistant.errors import IndexBusy
    from assistant.retrieval.lease import LEASE_ID, ServerLease

    client = chromadb.EphemeralClient()
    first = ServerLease(client, "lease-test", seconds=5)
    first.acquire()
    with pytest.raises(IndexBusy, match="another ingest is writing"):
        ServerLease(client, "lease-test", seconds=5).acquire()  # a live writer in this very process
    first.release()
    assert not first.col.get(ids=[LEASE_ID])["ids"]

    def holder(**meta: object) -> None:
        first.col.upsert(ids=[LEASE_ID], embeddings=[[1.0]], metadatas=[{"owner": "x", "since": "t", **meta}])

    holder(host="elsewhere", pid=1, expires=time.time() + 60)
    with pytest.raises(IndexBusy, match="on elsewhere"):
        ServerLease(client, "lease-test", seconds=5).acquire()
    holder(host="elsewhere", pid=1, expires=time.time() - 1)  # stopped renewing: expired
    taker = ServerLease(client, "lease-test", seconds=5)
    taker.acquire()
    taker.release()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    holder(host=socket.gethostname(), pid=int(dead.stdout), expires=time.time() + 60)  # its writer was killed
    taker = ServerLease(client, "lease-test", seconds=5)
    taker.acquire()
    taker.release()


@pytest.mark.integration
def test_a_lost_chroma_server_gives_a_clear_error(tmp_path: Path) -> None:
    """The server stops under a running app: its next question fails with a message that names the server, not
    with a transport error from inside the client."""
    from assistant.errors import BriefingError
    from assistant.facade import Assistant
    from tests.conftest import make_settings

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DATA / "note.md", docs)
    server = chroma_server(tmp_path / "srv")
    port = server.__enter__()
    try:
        a = Assistant(make_settings(tmp_path / "index", chroma_host="127.0.0.1", chroma_port=port))
        a.ingest([docs])
        assert "note" in {h.doc_id for h in a.search("Skyfence interceptors")}
    finally:
        server.__exit__(None, None, None)
    time.sleep(0.6)  # past the interval at which a reader asks the server for the state version
    with pytest.raises(BriefingError, match=r"Chroma server at .* cannot be reached"):
        a.ask("What are Skyfence interceptors?")
