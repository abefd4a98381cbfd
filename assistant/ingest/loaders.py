"""Read .txt/.md/.html/.pdf files into raw text (pages marked with form feeds for PDFs)."""

from __future__ import annotations

import io
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import LoadError

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
MAX_BYTES = 25 * 1024 * 1024
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class _PdfLogCollector(logging.Handler):
    """pypdf reports repairs of malformed files through logging; collect them per thread instead of
    letting them reach the user's terminal, and report one clear line per file."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.local = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        bucket = getattr(self.local, "records", None)
        if bucket is not None:
            bucket.append(record.getMessage())


_PDF_LOG = _PdfLogCollector()
_pypdf_logger = logging.getLogger("pypdf")
_pypdf_logger.addHandler(_PDF_LOG)
_pypdf_logger.propagate = False


def check_size(path: Path) -> int:
    """Size from the file system, before a byte is read (a 1 GB file is refused without loading it)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror})") from exc
    if size == 0:
        raise LoadError(f"{path}: file is empty")
    if size > MAX_BYTES:
        raise LoadError(f"{path}: file is {size / (1024 * 1024):.0f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB")
    return size


@dataclass
class RawDocument:
    path: Path
    text: str
    kind: str  # text | markdown | html | pdf
    pages: list[str] = field(default_factory=list)  # PDF: one string per page
    warnings: list[str] = field(default_factory=list)
    # Text a human reader does not see (HTML/markdown comments, invisible elements, alt/title attributes):
    # never indexed, but checked for instructions aimed at an AI.
    hidden: list[str] = field(default_factory=list)


def decode_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252 as a last resort."""
    if b"\x00" in data and not data.startswith(UTF16_BOMS):  # the whole file, not a prefix
        raise LoadError(f"{path}: looks like a binary file (NUL bytes), not text")
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise LoadError(f"{path}: not valid UTF-16 despite its byte-order mark") from exc
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


_INVISIBLE_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*[01](\.\d+)?(px|pt)?\b|"
                              r"opacity\s*:\s*0(\.0*)?\s*(;|$)", re.I)
_MD_COMMENT = re.compile(r"^\[//\]:\s*#\s*[(\"'](.*)[)\"']\s*$", re.M)
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


def hidden_parts(root: Any) -> list[str]:
    """Collect (and remove from the lxml tree) what a reader does not see: comments, invisible elements,
    image alt/title texts."""
    from lxml import etree

    out: list[str] = []
    for c in list(root.iter(etree.Comment)):
        text = " ".join((c.text or "").split())
        if text:
            out.append(text)
        c.drop_tree()
    dropped: list[Any] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        attrs = el.attrib
        for a in ("alt", "title", "aria-label"):
            v = attrs.get(a)
            if v and len(v.split()) >= 4:
                out.append(" ".join(v.split()))
        if ("hidden" in attrs or attrs.get("aria-hidden") == "true"
                or _INVISIBLE_STYLE.search(attrs.get("style", ""))):
            if any(p in dropped for p in el.iterancestors()):
                continue
            text = " ".join(el.text_content().split())
            if text:
                out.append(text)
            dropped.append(el)
    for el in dropped:
        el.drop_tree()
    return out


def markup_comments(text: str) -> tuple[str, list[str]]:
    """Markdown/HTML comments in .md/.txt files: removed from the text, returned for checking."""
    found = [" ".join(m.group(1).split()) for m in _HTML_COMMENT.finditer(text)]
    found += [" ".join(m.group(1).split()) for m in _MD_COMMENT.finditer(text)]
    text = _MD_COMMENT.sub("", _HTML_COMMENT.sub("", text))
    return text, [f for f in found if f]


def load_html(text: str, hidden: list[str] | None = None) -> str:
    """Main text of an HTML page as markdown (trafilatura: navigation, ads, comments and footers dropped);
    what a reader does not see goes to `hidden` and is never indexed."""
    import lxml.html
    import trafilatura
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise LoadError(f"not readable as HTML ({exc})") from exc
    found = hidden_parts(root)
    if hidden is not None:
        hidden.extend(found)
    title = " ".join((root.findtext(".//title") or "").split())
    for el in root.iter("title"):
        el.drop_tree()  # the page title is metadata; trafilatura would otherwise take it for text
    visible = lxml.html.tostring(root, encoding="unicode")
    main = trafilatura.extract(visible, output_format="markdown", include_formatting=True, include_tables=True,
                               include_comments=False, include_links=False, include_images=False,
                               favor_recall=True, deduplicate=False, with_metadata=False) or ""
    if not main.strip():  # too little for a main-text decision: keep every visible line
        main = trafilatura.html2txt(visible) or ""
    if not main.strip():
        return ""  # a title alone is not a document: the caller reports "no text content"
    lines = [line.rstrip() for line in main.splitlines()]
    if title and not any(line.startswith("# ") for line in lines):
        lines = ["# " + title, "", *lines]
    return "\n".join(lines).strip() + "\n"


def load_pdf(data: bytes, path: Path, warnings: list[str] | None = None) -> list[str]:
    """Pages of a PDF; pypdf's repair messages become one line in `warnings`."""
    _PDF_LOG.local.records = []
    try:
        return _load_pdf(data, path)
    finally:
        notes: list[str] = _PDF_LOG.local.records
        _PDF_LOG.local.records = None
        if notes and warnings is not None:
            first = " ".join(notes[0].split())[:120]
            warnings.append(f"{path.name}: malformed PDF, repaired while reading ({len(notes)} problem"
                            f"{'s' if len(notes) > 1 else ''}, first: {first})")


def _load_pdf(data: bytes, path: Path) -> list[str]:
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
    check_size(path)
    data = path.read_bytes()
    if len(data) > MAX_BYTES:  # grew after the check
        raise LoadError(f"{path}: file is over the {MAX_BYTES // (1024 * 1024)} MB limit")
    if suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise LoadError(f"{path}: not a PDF (missing %PDF header)")
        pdf_warnings: list[str] = []
        pages = load_pdf(data, path, pdf_warnings)
        return RawDocument(path=path, text="\f".join(pages), kind="pdf", pages=pages, warnings=pdf_warnings)
    text, warnings = decode_text(data, path)
    if _looks_binary(text):
        raise LoadError(f"{path}: looks like a binary file, not text")
    hidden: list[str] = []
    if suffix in {".html", ".htm"}:
        try:
            text = load_html(text, hidden)
        except LoadError as exc:
            raise LoadError(f"{path}: {exc}") from exc
        kind = "html"
    else:
        kind = "markdown" if suffix in {".md", ".markdown"} else "text"
        text, hidden = markup_comments(text)
    if not text.strip():
        raise LoadError(f"{path}: no text content")
    return RawDocument(path=path, text=text, kind=kind, warnings=warnings, hidden=hidden)
