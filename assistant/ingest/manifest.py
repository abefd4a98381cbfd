"""Document metadata: from the corpus manifest when present, inferred from the text otherwise."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from assistant.types import DocumentMeta

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def load_manifest(folder: Path) -> dict[str, dict[str, Any]]:
    for name in ("manifest.yaml", "manifest.yml"):
        f = folder / name
        if f.exists():
            data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
            return {str(k): v for k, v in data.items() if isinstance(v, dict)}
    return {}


def doc_id_for(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document"


def find_date(text: str) -> str | None:
    """First plausible date in the first 3,000 characters, as ISO."""
    head = text[:3000]
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", head)
    if m:
        return m.group(0)
    m = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", head)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    m = re.search(r"\b(\d{1,2})\s+([A-Z][a-z]{2,8})\s+(\d{4})\b", head)
    if m and m.group(2)[:3].lower() in _MONTHS:
        return f"{int(m.group(3)):04d}-{_MONTHS[m.group(2)[:3].lower()]:02d}-{int(m.group(1)):02d}"
    m = re.search(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})\b", head)
    if m and m.group(1)[:3].lower() in _MONTHS:
        return f"{int(m.group(3)):04d}-{_MONTHS[m.group(1)[:3].lower()]:02d}-{int(m.group(2)):02d}"
    m = re.search(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b", head)
    if m:
        return f"{int(m.group(2)):04d}-{_MONTHS[m.group(1)[:3].lower()]:02d}-01"
    return None


TITLE_CHARS = 120


def _is_text_line(line: str) -> bool:
    """A first line that is running text, not a title: longer than a title, or ending as a sentence ends."""
    return len(line) > TITLE_CHARS or line.rstrip("\"'”’)").endswith((".", "!", "?"))


def _opening(line: str) -> str:
    """A line as a title: whole when short, else cut at a word boundary with an ellipsis (never mid-word)."""
    if len(line) <= TITLE_CHARS:
        return line
    cut = line[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"


def build_meta(path: Path, text: str, title_guess: str | None, manifest: dict[str, dict[str, Any]]) -> DocumentMeta:
    entry = manifest.get(path.name, {})
    first_line = next((ln.strip("# ").strip() for ln in text.splitlines() if ln.strip()), path.stem)
    from_text = not entry.get("title") and not title_guess and _is_text_line(first_line)
    fields: dict[str, Any] = {
        "doc_id": entry.get("doc_id") or doc_id_for(path),
        "title": entry.get("title") or title_guess or _opening(first_line),
        "title_from_text": from_text,
        "source_path": str(path),
        "outlet": entry.get("outlet"),
        "author": entry.get("author"),
        "date": str(entry["date"]) if entry.get("date") else find_date(text),
        "doc_type": entry.get("doc_type", "other"),
        "language": entry.get("language", "en"),
        "machine_translated": bool(entry.get("machine_translated", False)),
        "provenance": entry.get("provenance") or ("inferred at ingest" if not entry else None),
    }
    if isinstance(fields["date"], date):
        fields["date"] = fields["date"].isoformat()
    return DocumentMeta(**fields)
