"""Shared fixtures. The network is blocked except loopback; every test writes under tmp_path."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.positions.registry import ActorRegistry
from assistant.settings import PROJECT_ROOT, Settings

DATA = Path(__file__).parent / "data"
_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> None:
    if isinstance(address, tuple):
        host = str(address[0])
        if host not in {"127.0.0.1", "localhost", "::1", "0.0.0.0"}:
            raise RuntimeError(f"network access blocked in tests: {address}")
    return _real_connect(self, address)  # type: ignore[arg-type]


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


@contextlib.contextmanager
def chroma_server(path: Path) -> Iterator[int]:
    """A `chroma run` server on 127.0.0.1 (the venv's own CLI), stopped on exit; yields its port."""
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(autouse=True, scope="session")
def _no_network() -> Iterator[None]:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]


def make_settings(index_dir: Path, **kw: object) -> Settings:
    return Settings(index_dir=index_dir, corpus_dir=PROJECT_ROOT / "corpus", **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def corpus_assistant(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The bundled corpus indexed once with the real model and real Chroma (read-only for tests)."""
    from assistant.facade import Assistant

    a = Assistant(make_settings(tmp_path_factory.mktemp("corpus-index")))
    report = a.ingest()
    assert not [e for e in report.errors if not e["reason"].startswith("warning")], report.errors
    return a


@pytest.fixture(scope="session")
def registry() -> ActorRegistry:
    """The bundled corpus's actor registry."""
    return ActorRegistry.load(PROJECT_ROOT / "corpus" / "actors.yaml")
