"""Render a Brief as Markdown, HTML and a one-page A4 PDF (fpdf2, embedded DejaVu fonts)."""

from __future__ import annotations

import html
from pathlib import Path

from assistant.types import Brief, BriefFact


def _marks(f: BriefFact) -> str:
    return "".join(f"[{c.n}]" for c in f.citations)


def _who(f: BriefFact) -> str:
    """" (said by X)" for a fact quoting someone its words do not name ('"…," he said')."""
    low = f.text.lower()
    names = [n for c in f.citations for n in c.speakers if n.split()[-1].lower() not in low]
    return f" (said by {', '.join(dict.fromkeys(names))})" if names else ""


def _sources(b: Brief) -> list[str]:
    out = []
    for s in b.sources:
        mt = ", machine-translated" if s.machine_translated else ""
        out.append(f"{s.title} — {s.outlet or 'unknown outlet'}, {s.date or 'undated'} ({s.type}{mt})")
    return out


def _citation_index(b: Brief) -> list[str]:
    cites = [c for f in [*b.bottom_line, *b.key_facts] for c in f.citations]
    cites += [s.citation for p in b.positions for s in p.statements]
    return [f"[{c.n}] {c.title}" for c in sorted(cites, key=lambda c: c.n)]


def to_markdown(b: Brief) -> str:
    lines = [f"# Brief: {b.topic}", "", f"*{b.date_line}*", ""]
    if not b.covered:
        lines += ["**The documents do not cover this topic.**", ""] + [f"- {g}" for g in b.gaps]
        return "\n".join(lines) + "\n"
    lines += ["## Bottom line", "", " ".join(f"{f.text}{_who(f)} {_marks(f)}" for f in b.bottom_line), ""]
    if b.key_facts:
        lines += ["## Key facts", ""] + [f"- {f.text}{_who(f)} {_marks(f)}" for f in b.key_facts] + [""]
    if b.positions:
        lines += ["## Positions", ""]
        for p in b.positions:
            if p.statements:
                s = p.statements[0]
                lines.append(f"- **{p.actor}** — “{s.text.strip('“”')}” [{s.citation.n}] *({s.attribution.replace('_', ' ')})*")
            else:
                lines.append(f"- **{p.actor}** — no recorded position on this topic in the documents.")
        lines.append("")
    if b.gaps:
        lines += ["## Contested or not answered", ""] + [f"- {g}" for g in b.gaps] + [""]
    lines += ["## Sources", ""] + [f"- {s}" for s in _sources(b)] + [""]
    lines += ["<small>" + "; ".join(_citation_index(b)) + "</small>", ""]
    return "\n".join(lines)


def to_html(b: Brief) -> str:
    e = html.escape
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Brief: {e(b.topic)}</title>",
             "<style>body{font-family:DejaVu Sans,Arial,sans-serif;max-width:46em;margin:2em auto;font-size:11pt}"
             "h1{font-size:16pt}h2{font-size:12pt;margin-bottom:.2em}sup{color:#555}.meta{color:#555}</style>",
             f"</head><body><h1>Brief: {e(b.topic)}</h1><p class='meta'>{e(b.date_line)}</p>"]
    if not b.covered:
        parts.append("<p><strong>The documents do not cover this topic.</strong></p><ul>")
        parts += [f"<li>{e(g)}</li>" for g in b.gaps]
        parts.append("</ul></body></html>")
        return "".join(parts)
    parts.append("<h2>Bottom line</h2><p>" + " ".join(f"{e(f.text + _who(f))} <sup>{_marks(f)}</sup>" for f in b.bottom_line)
                 + "</p>")
    if b.key_facts:
        parts.append("<h2>Key facts</h2><ul>" + "".join(f"<li>{e(f.text + _who(f))} <sup>{_marks(f)}</sup></li>"
                                                        for f in b.key_facts) + "</ul>")
    if b.positions:
        items = []
        for p in b.positions:
            if p.statements:
                s = p.statements[0]
                items.append(f"<li><b>{e(p.actor)}</b> — “{e(s.text.strip('“”'))}” <sup>[{s.citation.n}]</sup> "
                             f"<i>({e(s.attribution.replace('_', ' '))})</i></li>")
            else:
                items.append(f"<li><b>{e(p.actor)}</b> — no recorded position on this topic in the documents.</li>")
        parts.append("<h2>Positions</h2><ul>" + "".join(items) + "</ul>")
    if b.gaps:
        parts.append("<h2>Contested or not answered</h2><ul>" + "".join(f"<li>{e(g)}</li>" for g in b.gaps) + "</ul>")
    parts.append("<h2>Sources</h2><ul>" + "".join(f"<li>{e(s)}</li>" for s in _sources(b)) + "</ul>")
    parts.append("<p class='meta'><small>" + e("; ".join(_citation_index(b))) + "</small></p></body></html>")
    return "".join(parts)


def _font_dir() -> Path:
    """DejaVu Sans, shipped with the package (assistant/fonts, licence beside it)."""
    return Path(__file__).resolve().parent.parent / "fonts"


def to_pdf(b: Brief) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=14)
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    pdf.set_margins(16, 14, 16)
    pdf.add_page()
    w = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text: str, size: float = 11.5) -> None:
        pdf.set_font("DejaVu", "B", size)
        pdf.multi_cell(w, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)

    def para(text: str, size: float = 9.5, style: str = "") -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(w, size * 0.47, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)

    heading(f"Brief: {b.topic}", 15)
    para(b.date_line, 8.5, "I")
    if not b.covered:
        para("The documents do not cover this topic.", 10, "B")
        for g in b.gaps:
            para("• " + g)
        return bytes(pdf.output())
    heading("Bottom line")
    para(" ".join(f"{f.text}{_who(f)} {_marks(f)}" for f in b.bottom_line), 10)
    if b.key_facts:
        heading("Key facts")
        for f in b.key_facts:
            para(f"• {f.text}{_who(f)} {_marks(f)}")
    if b.positions:
        heading("Positions")
        for p in b.positions:
            if p.statements:
                s = p.statements[0]
                para(f"• {p.actor} — “{s.text.strip('“”')}” [{s.citation.n}] ({s.attribution.replace('_', ' ')})")
            else:
                para(f"• {p.actor} — no recorded position on this topic in the documents.")
    if b.gaps:
        heading("Contested or not answered")
        for g in b.gaps:
            para("• " + g)
    heading("Sources")
    for line in _sources(b):
        para("• " + line, 8.5)
    para("; ".join(_citation_index(b)), 7.5, "I")
    return bytes(pdf.output())


def pdf_pages(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)
