"""Read .txt/.md/.html/.pdf files into raw text (pages marked with form feeds for PDFs)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import LoadError

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
MAX_BYTES = 25 * 1024 * 1024


@dataclass
class RawDocument:
    path: Path
    text: str
    kind: str  # text | markdown | html | pdf
    pages: list[str] = field(default_factory=list)  # PDF: one string per page
    warnings: list[str] = field(default_factory=list)


def decode_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252 as a last resort."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(f"{path}: looks like a binary file (NUL bytes), not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise LoadError(
                f"{path}: not valid UTF-8 (byte {exc.start}) and not decodable as Windows-1252; "
                "re-save the file as UTF-8"
            ) from exc
        return text, [f"{path.name}: not UTF-8; decoded as Windows-1252"]


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or c == "\ufffd")
    return bad / len(sample) > 0.05


def load_html(text: str) -> str:
    """Main text of an HTML page as markdown-ish lines; navigation, scripts and footers dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button"]):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    lines: list[str] = []
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    blocks = root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td"])
    for el in blocks:
        if el.find_parent(["li", "blockquote"]) is not None and el.name == "p":
            continue
        content = el.get_text(" ", strip=True)
        if not content:
            continue
        if el.name and el.name[0] == "h" and el.name[1:].isdigit():
            lines.append("#" * int(el.name[1:]) + " " + content)
        elif el.name == "li":
            lines.append("- " + content)
        else:
            lines.append(content)
        lines.append("")
    if not blocks:
        lines = [root.get_text("\n", strip=True)]
    if title and not any(line.startswith("# ") for line in lines):
        lines.insert(0, "# " + title)
        lines.insert(1, "")
    return "\n".join(lines)


def load_pdf(data: bytes, path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise LoadError(f"{path}: PDF is encrypted")
        pages = [(page.extract_text() or "") for page in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"{path}: malformed PDF ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # pypdf raises many types on corrupt input
        raise LoadError(f"{path}: malformed PDF ({exc.__class__.__name__})") from exc
    if not any(p.strip() for p in pages):
        raise LoadError(f"{path}: PDF has no extractable text (scanned image?)")
    return pages


def load_file(path: Path) -> RawDocument:
    """Load one file; raises LoadError with the path and a reason a user can act on."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"{path}: unsupported file type '{suffix}' (supported: {', '.join(sorted(SUPPORTED))})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror})") from exc
    if size == 0:
        raise LoadError(f"{path}: file is empty")
    if size > MAX_BYTES:
        raise LoadError(f"{path}: file is {size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    if suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise LoadError(f"{path}: not a PDF (missing %PDF header)")
        pages = load_pdf(data, path)
        return RawDocument(path=path, text="\f".join(pages), kind="pdf", pages=pages)
    text, warnings = decode_text(data, path)
    if _looks_binary(text):
        raise LoadError(f"{path}: looks like a binary file, not text")
    if suffix in {".html", ".htm"}:
        text = load_html(text)
        kind = "html"
    else:
        kind = "markdown" if suffix in {".md", ".markdown"} else "text"
    if not text.strip():
        raise LoadError(f"{path}: no text content")
    return RawDocument(path=path, text=text, kind=kind, warnings=warnings)
