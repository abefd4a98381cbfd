"""Strip web and print furniture from raw text and recover headings as section paths.

The output text is what every offset in the system points into: citations quote it exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Part of every document's content hash: bump it when cleaning changes what text a file gives, so that an existing
# index cleans (and embeds) its files again on the next ingest instead of keeping their old text.
CLEANING = "clean-2"

BOILERPLATE = [
    r"skip to (main )?content",
    r"advertisement",
    r"live broadcast",
    r"main slide",
    r"beginning of the article",
    r"озвучить текст",
    r"select important",
    r"on",
    r"off",
    r"(icon-[\w-]+\s*)+",
    r"переведено сервисом.*",
    r"translated (by|with) .*(translator|service).*",
    r">>>\s*gallery.*",
    r"[*_=~\-]{3,}",
    r"share( this)?( article| page)?",
    r"(read|see) (more|also).*",
    r"print( this page)?",
    r"subscribe( now| to our newsletter)?.*",
    r"accept( all)? cookies.*",
    r"©.*",
    r"copyright\s+(©|\(c\))?\s*\d{4}.*",
    r"all rights reserved.*",
    r"cover (image|photo) credit.*",
    r"(isbn[:\s]*)?97[89][-\s]?\d{1,5}[-\s]?\d{1,7}[-\s]?\d{1,7}[-\s]?\d",
    r"(tel|fax|e-?mail|internet|web)\s*:.*",
]
_BOILER = re.compile(r"^(?:" + "|".join(BOILERPLATE) + r")$", re.IGNORECASE)
_TOC = re.compile(r"(\.{4,}|…{2,}|\t)\s*\d{1,4}\s*$")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUM_HEADING = re.compile(r"^((?:\d{1,2}\.)+\d{0,2}\.?|[IVX]{1,5}\.|APPENDIX [A-Z]\.?)\s+(\S.{0,110})$")
_DATE_LINE = re.compile(
    r"^(mon|tue|wed|thu|fri|sat|sun)?\w*\.?\s*(\d{1,2}[./ ])?\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*"
    r"[ .]*\d{0,2}\s*,?\s*\d{4}$|^\d{1,2}[./]\d{1,2}[./]\d{4}$",
    re.IGNORECASE,
)


@dataclass
class Paragraph:
    start: int
    end: int
    path: list[str]
    heading: bool = False
    page: int | None = None


@dataclass
class Cleaned:
    text: str
    paragraphs: list[Paragraph]
    sections: list[tuple[list[str], int, int]] = field(default_factory=list)
    pages: list[tuple[int, int, int]] = field(default_factory=list)
    removed_lines: int = 0
    title: str | None = None


def clean_inline(line: str) -> str:
    line = _LINK.sub(r"\1", line)
    line = _BOLD.sub(r"\2", line)
    line = _ITALIC.sub(r"\1", line)
    line = line.replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"[ \t]{2,}", " ", line).strip()


def _is_caps_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return (
        len(letters) >= 6
        and len(line) <= 90
        and all(not c.islower() for c in letters)
        and len(line.split()) <= 12
        and not line.endswith((".", ","))
    )


def heading_level(line: str, raw: str, next_line: str | None) -> int | None:
    """Return a heading level (1 = top) or None for body text."""
    if line.endswith((" ...", " …")):
        line = line.rstrip(" .…")
    m = _MD_HEADING.match(raw.strip())
    if m:
        return len(m.group(1))
    if _NUM_HEADING.match(line) and not line.endswith((".", ";", ",")):
        token = line.split()[0]
        if token[0].isdigit():
            return min(token.rstrip(".").count(".") + 1, 4)
        return 1
    if _is_caps_heading(line):
        return 1
    stripped = raw.strip()
    if stripped.startswith("**") and stripped.endswith("**") and len(line) <= 120 and not line.endswith("."):
        return 3
    words = line.split()
    if (
        next_line is not None
        and 1 <= len(words) <= 10
        and len(line) <= 70
        and line[0].isupper()
        and not line.endswith((".", ",", ";", ":", "?", "!", '"', "”", "-", "–"))
        and not _DATE_LINE.match(line)
        and len(next_line.split()) >= 15
    ):
        return 2
    return None


def clean_text(raw: str, kind: str = "text") -> Cleaned:
    """Clean raw text; pages are separated by form feeds (PDF)."""
    pages = raw.split("\f")
    raw_lines: list[tuple[int | None, str]] = []  # (page, line)
    for pno, page in enumerate(pages, start=1):
        for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            raw_lines.append((pno if kind == "pdf" else None, line))

    removed = 0
    kept: list[tuple[int | None, str, str]] = []  # (page, raw, cleaned)
    for page_no, raw_line in raw_lines:
        line = clean_inline(raw_line)
        if not line:
            kept.append((page_no, "", ""))
            continue
        if _BOILER.match(line) or _TOC.search(raw_line) or re.search(r"\.{6,}", line):
            removed += 1
            continue
        kept.append((page_no, raw_line, line))

    # Running headers, logos and cover furniture: short lines repeated across the document.
    counts = Counter(c for _, _, c in kept if c and len(c.split()) <= 4)
    repeated = {c for c, n in counts.items() if n >= 2 and not _NUM_HEADING.match(c)}
    filtered: list[tuple[int | None, str, str]] = []
    for item in kept:
        if item[2] in repeated:
            removed += 1
            continue
        filtered.append(item)

    if kind == "pdf":
        filtered = _join_wrapped(filtered)
    elif kind in {"text", "markdown"}:
        filtered = _join_wrapped(_join_broken(filtered), blocks=True)

    out: list[str] = []
    paragraphs: list[Paragraph] = []
    stack: list[tuple[int, str]] = []
    pos = 0
    title: str | None = None
    nonblank = [i for i, (_, _, c) in enumerate(filtered) if c]
    for idx_pos, i in enumerate(nonblank):
        para_page, raw_line, line = filtered[i]
        nxt = filtered[nonblank[idx_pos + 1]][2] if idx_pos + 1 < len(nonblank) else None
        level = heading_level(line, raw_line, nxt)
        if level is not None:
            line = _MD_HEADING.sub(r"\2", line) if line.startswith("#") else line
            line = line.strip("#* ").strip()
            if not line:
                continue
            if title is None and (level == 1 or raw_line.lstrip().startswith("#")):
                title = line
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, line))
        if out:
            pos += 2
        start = pos
        out.append(line)
        pos += len(line)
        paragraphs.append(
            Paragraph(start=start, end=pos, path=[h for _, h in stack], heading=level is not None, page=para_page)
        )
    text = "\n\n".join(out)

    sections: list[tuple[list[str], int, int]] = []
    for p in paragraphs:
        if p.heading:
            if sections:
                sections[-1] = (sections[-1][0], sections[-1][1], p.start)
            sections.append((p.path, p.start, len(text)))
    page_spans: list[tuple[int, int, int]] = []
    if kind == "pdf":
        for p in paragraphs:
            if p.page is None:
                continue
            if page_spans and page_spans[-1][0] == p.page:
                page_spans[-1] = (p.page, page_spans[-1][1], p.end)
            else:
                page_spans.append((p.page, p.start, p.end))
    return Cleaned(text=text, paragraphs=paragraphs, sections=sections, pages=page_spans, removed_lines=removed, title=title)


_CONTINUES = re.compile(r"^[\"“‘'(\[]?[a-z0-9]")  # a line that continues a sentence: lowercase or a number
_BLOCK_START = re.compile(r"^\s*(?:#|[-*+•]\s|\d{1,3}[.)]\s|\||>|```|~~~)")


def _is_block(raw_line: str) -> bool:
    """A line that starts its own block in text or Markdown: heading, list item, table row, quote, code fence."""
    return bool(_BLOCK_START.match(raw_line))


_FOOTNOTE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\]|\d{1,3}(?=\s+[A-Z]))\s*\S")  # "² See …", "[3] Ibid."


def _breaks_off(cur: tuple[int | None, str, str]) -> bool:
    """A paragraph that ends mid-sentence (no closing punctuation), not a heading or a block."""
    return (bool(cur[2]) and len(cur[2]) >= 30
            and not cur[2].endswith((".", ":", ";", "?", "!", "”", '"', "’", "'", ")"))
            and not _is_block(cur[1]) and not _is_caps_heading(cur[2]))


def _join_broken(items: list[tuple[int | None, str, str]]) -> list[tuple[int | None, str, str]]:
    """Text pasted from a web page or a layout program can break a sentence with a blank line ("… to cooperate on
    the" / "" / "development and …"): a paragraph that ends without closing punctuation, followed after one blank
    line by a lowercase continuation, is one paragraph. A page break can also put the page's footnotes between the
    two halves ("… that violated the" / "² See …" / "airspace of …"): the halves are joined and the footnotes
    follow the joined paragraph."""
    out: list[tuple[int | None, str, str]] = []
    i = 0
    while i < len(items):
        cur = items[i]
        j = i + 1
        notes: list[tuple[int | None, str, str]] = []
        while j < len(items) and (not items[j][2] or _FOOTNOTE.match(items[j][2])):
            if items[j][2]:
                notes.append(items[j])
            j += 1
        blank_between = j < len(items) and any(not x[2] for x in items[i + 1 : j])
        if (
            _breaks_off(cur)
            and blank_between
            and (j == i + 2 or notes)
            and items[j][2][:1].islower()  # a letter, not a number: "… in" / "" / "2025 …" is too weak
            and not _is_block(items[j][1])
        ):
            nxt = items[j]
            items[j] = (cur[0], cur[1] + " " + nxt[1], cur[2] + " " + nxt[2])
            if notes:  # the footnotes go after the paragraph they interrupted
                items[j + 1 : j + 1] = [(None, "", ""), *[x for n in notes for x in (n, (None, "", ""))]]
            i = j
            continue
        out.append(cur)
        i += 1
    return out


def _wrap_width(items: list[tuple[int | None, str, str]]) -> int | None:
    """The width a text or Markdown file is hard-wrapped at, or None when its lines are whole paragraphs: almost no
    line is longer than 100 characters and many lines come close to the longest."""
    lengths = sorted(len(raw.rstrip()) for _, raw, c in items if c)
    if len(lengths) < 5 or sum(n > 100 for n in lengths) > 0.05 * len(lengths):
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    return width if width >= 50 and sum(n >= 0.8 * width for n in lengths) >= 3 else None


def _join_wrapped(items: list[tuple[int | None, str, str]], blocks: bool = False) -> list[tuple[int | None, str, str]]:
    """Hard-wrapped text (PDF lines; text and Markdown files wrapped at a fixed width): join lines that continue a
    sentence. With `blocks` (text and Markdown), a Markdown block (heading, list item, table row, quote, fence) is
    never joined to or onto, a line that continues a list item stays with it, and a line is joined after a long one
    only in a file that is hard-wrapped (elsewhere each line is a paragraph: a title, then a date line)."""
    joined: list[tuple[int | None, str, str]] = []
    width = _wrap_width(items) if blocks else None
    last_len = 0  # the previous physical line, not the paragraph joined so far
    for pno, raw_line, line in items:
        if blocks:
            continues = bool(line) and (line[0].islower() or (line[0] in "\"“‘'([" and line[1:2].islower()))
            long_prev = width is not None and last_len >= 0.6 * width
        else:
            continues = bool(line) and _CONTINUES.match(line) is not None
            long_prev = last_len > 60
        if (
            joined
            and line
            and joined[-1][2]
            and not (blocks and (_is_block(raw_line) or joined[-1][1].lstrip().startswith(("#", "|", "```", "~~~"))))
            and not joined[-1][2].endswith((".", ":", "?", "!", "”", '"'))
            and (continues or long_prev)
            and not _NUM_HEADING.match(line)
            and not _is_caps_heading(line)
        ):
            prev = joined[-1]
            sep = "" if prev[2].endswith("-") and line[0].islower() else " "
            merged = prev[2][:-1] + line if sep == "" else prev[2] + sep + line
            joined[-1] = (prev[0], prev[1] + " " + raw_line, merged)
        else:
            joined.append((pno, raw_line, line))
        last_len = len(raw_line.rstrip()) if blocks else len(line)
    return joined
