"""One writer at a time per index, across processes.

Two locks, both taken for the whole ingest or removal:
- a file lock (`flock`) on `<index>/writer.lock`: every process that shares the index folder; the kernel frees it
  when the writer dies, so a killed ingest never blocks the next one;
- with a Chroma server, a lease record in the server (collection `<collection>-lease`) with an expiry the writer
  renews while it works: writers on other machines see it too. A lease whose holder died on this machine is
  taken over at once; one held from elsewhere frees itself `lease_seconds` after its last renewal.
A second writer is refused at once with who holds the index and since when (never queued behind it)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.errors import IndexBusy

LEASE_ID = "writer"


def _holder() -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid(), "since": time.strftime("%Y-%m-%d %H:%M:%S")}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _busy(holder: dict[str, Any], what: str) -> IndexBusy:
    return IndexBusy(f"another ingest is writing to this index ({what}: pid {holder.get('pid', '?')} on "
                     f"{holder.get('host', '?')}, since {holder.get('since', '?')}); try again when it has finished")


@contextlib.contextmanager
def file_lock(root: Path) -> Iterator[None]:
    """Exclusive, non-blocking lock on the index folder (POSIX flock; elsewhere the in-process lock only)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / "writer.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                holder = json.loads(os.pread(fd, 4096, 0).decode() or "{}")
            except (OSError, ValueError):
                holder = {}
            raise _busy(holder, "index folder lock") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(_holder()).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class ServerLease:
    """A lease record in the Chroma server: {owner, host, pid, since, expires}. Chroma has no compare-and-set, so
    a writer reads back its own record after writing it and gives way if another writer's record won."""

    def __init__(self, client: Any, collection: str, seconds: float) -> None:
        self.col = client.get_or_create_collection(f"{collection}-lease", embedding_function=None)
        self.seconds = seconds
        self.owner = uuid.uuid4().hex
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _read(self) -> dict[str, Any] | None:
        got = self.col.get(ids=[LEASE_ID], include=["metadatas"])
        return dict(got["metadatas"][0]) if got["ids"] else None

    def _write(self, holder: dict[str, Any]) -> None:
        meta = {**holder, "owner": self.owner, "expires": time.time() + self.seconds}
        self.col.upsert(ids=[LEASE_ID], embeddings=[[1.0]], metadatas=[meta])

    def acquire(self) -> None:
        cur = self._read()
        if cur and cur.get("owner") != self.owner and float(cur.get("expires", 0)) > time.time():
            here = cur.get("host") == socket.gethostname()
            if not here or _alive(int(cur.get("pid", -1))):
                raise _busy(cur, "lease on the Chroma server")
        holder = _holder()
        self._write(holder)
        time.sleep(0.05)
        cur = self._read()
        if not cur or cur.get("owner") != self.owner:  # another writer wrote after us: it has the index
            raise _busy(cur or {}, "lease on the Chroma server")
        self._thread = threading.Thread(target=self._renew, args=(holder,), daemon=True)
        self._thread.start()

    def _renew(self, holder: dict[str, Any]) -> None:
        while not self._stop.wait(self.seconds / 3):
            with contextlib.suppress(Exception):  # a missed renewal is retried; the lease outlives two of them
                self._write(holder)

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        with contextlib.suppress(Exception):
            cur = self._read()
            if cur and cur.get("owner") == self.owner:
                self.col.delete(ids=[LEASE_ID])


@contextlib.contextmanager
def writer_lease(root: Path, client: Any | None, collection: str, seconds: float) -> Iterator[None]:
    """Held for a whole ingest or removal: the folder lock, then (with a server) the server lease."""
    with file_lock(root):
        if client is None:
            yield
            return
        lease = ServerLease(client, collection, seconds)
        lease.acquire()
        try:
            yield
        finally:
            lease.release()
