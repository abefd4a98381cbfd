"""Turning facade results into what the UI shows (HTML/Markdown). No I/O, no state."""

from __future__ import annotations

import html
import re
from typing import Any

from assistant.prompts import MARKER_RE
from assistant.types import Answer, Citation


def answer_markdown(ans: Answer) -> str:
    """Citation markers become links to the passage in the sources panel."""
    text = MARKER_RE.sub(lambda m: f"[[{m.group(1)}]](#src-{m.group(1)})", ans.answer)
    note = f"\n\n*{ans.reason}*" if ans.reason and (ans.refused or "fallback" in ans.backend) else ""
    return text + note + f"\n\n<sub>backend: {ans.backend}</sub>"


def sources_html(citations: list[Citation], doc_text: Any, context: int = 350) -> str:
    if not citations:
        return "<p><i>No sources cited.</i></p>"
    parts = []
    for c in citations:
        text = doc_text(c.doc_id)
        a, b = max(0, c.char_start - context), min(len(text), c.char_end + context)
        before, quote, after = text[a : c.char_start], text[c.char_start : c.char_end], text[c.char_end : b]
        badge = " <span class='mt-badge'>machine-translated</span>" if c.machine_translated else ""
        parts.append(
            f"<div class='source' id='src-{c.n}'><b>[{c.n}] {html.escape(c.title)}</b>{badge}<br>"
            f"<small>{html.escape(c.outlet or 'unknown outlet')} · {html.escape(c.date or 'undated')} · "
            f"{html.escape(c.doc_type or '')}{' · ' + html.escape(c.section) if c.section else ''}</small>"
            f"<p>{'…' if a else ''}{_br(before)}<mark>{_br(quote)}</mark>{_br(after)}{'…' if b < len(text) else ''}</p></div>")
    return "\n".join(parts)


def _br(text: str) -> str:
    return re.sub(r"\n+", "<br>", html.escape(text))


CSS = """
.source {border-left: 3px solid #888; padding: 4px 10px; margin: 8px 0;}
.source mark {background: #ffe58a; padding: 0 1px;}
.mt-badge {background:#c33; color:#fff; border-radius:4px; padding:0 5px; font-size:11px; margin-left:6px;}
"""
