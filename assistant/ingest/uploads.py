"""Files uploaded through the UI: checked while streamed to disk, stored under a content-hash folder.

An upload never replaces another document by sharing its file name: each is stored as
`uploads/<sha256 prefix>/<name>`, so the same name with other content is a new document (its id gets a
suffix), and re-uploading identical content is "unchanged". Anything refused is removed from disk.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from assistant.errors import LoadError
from assistant.ingest.loaders import MAX_BYTES, SUPPORTED, UTF16_BOMS, check_size

CHUNK = 1024 * 1024


def safe_name(name: str) -> str:
    """The upload's base name without folders, control characters or a leading dot."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f\x7f/]", "", base).strip().lstrip(".")
    return base[:150] or "upload"


def save_upload(src: Path, upload_dir: Path, name: str | None = None) -> Path:
    """Stream `src` into `upload_dir/<hash>/<name>`, refusing (and deleting) it when too big, binary or of
    an unsupported type. The size is checked before reading, then again while reading."""
    name = safe_name(name or src.name)
    try:
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED:
            raise LoadError(f"{name}: unsupported file type '{suffix}' (supported: {', '.join(sorted(SUPPORTED))})")
        check_size(src)
        upload_dir.mkdir(parents=True, exist_ok=True)
        text_like = suffix != ".pdf"
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=upload_dir)
        tmp = Path(tmp_name)
        try:
            total, first = 0, True
            with open(src, "rb") as fin, os.fdopen(fd, "wb") as fout:
                utf16 = False
                while block := fin.read(CHUNK):
                    if first:
                        utf16 = block.startswith(UTF16_BOMS)
                        if suffix == ".pdf" and not block.startswith(b"%PDF"):
                            raise LoadError(f"{name}: not a PDF (missing %PDF header)")
                        first = False
                    total += len(block)
                    if total > MAX_BYTES:
                        raise LoadError(f"{name}: over the {MAX_BYTES // (1024 * 1024)} MB limit")
                    if text_like and not utf16 and b"\x00" in block:
                        raise LoadError(f"{name}: looks like a binary file (NUL bytes), not text")
                    digest.update(block)
                    fout.write(block)
            dest = upload_dir / digest.hexdigest()[:16] / name
            if dest.exists():
                tmp.unlink()
            else:
                dest.parent.mkdir(parents=True, exist_ok=True)
                tmp.replace(dest)
            return dest
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except LoadError:
        src.unlink(missing_ok=True)  # the refused temporary upload is not kept either
        raise


def discard(path: Path, upload_dir: Path) -> None:
    """Remove a stored upload that ingest refused (and its hash folder when empty)."""
    try:
        resolved = path.resolve()
        if upload_dir.resolve() not in resolved.parents:
            return
        resolved.unlink(missing_ok=True)
        if resolved.parent != upload_dir.resolve() and not any(resolved.parent.iterdir()):
            shutil.rmtree(resolved.parent, ignore_errors=True)
    except OSError:
        pass
