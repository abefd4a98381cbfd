"""Turning facade results into what the UI shows (HTML/Markdown). No I/O, no state."""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

import nh3

from assistant.prompts import MARKER_RE
from assistant.types import Answer, Citation

# What chat messages may contain after sanitising: text formatting and links, nothing that loads,
# positions or styles anything (no img, iframe, style, class, event handlers).
_TAGS = {"p", "br", "em", "strong", "b", "i", "code", "pre", "ul", "ol", "li", "blockquote", "sub", "sup",
         "a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "del"}
_INTERNAL = re.compile(r"#src-\d{1,3}")


def _keep_attr(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href":
        v = value.strip()
        if _INTERNAL.fullmatch(v) or re.match(r"https?://", v, re.I):
            return v
        return None
    return value


@cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").disable("image")


def safe_html(markdown: str) -> str:
    """Markdown (from documents, an LLM or the user) -> HTML with raw HTML escaped, links only http(s)
    (or our own #src-N anchors) and opened without referrer, images and styles dropped."""
    rendered = _markdown().render(markdown)
    return nh3.clean(rendered, tags=_TAGS, attributes={"a": {"href", "title"}}, attribute_filter=_keep_attr,
                     url_schemes={"http", "https"}, link_rel="noreferrer noopener",
                     strip_comments=True).strip()


def answer_markdown(ans: Answer) -> str:
    """The answer as safe HTML; citation markers become links to the passage in the sources panel."""
    text = MARKER_RE.sub(lambda m: f"[[{m.group(1)}]](#src-{m.group(1)})", _escape_md_html(ans.answer))
    note = f"\n\n*{_escape_md_html(ans.reason)}*" if ans.reason and (ans.refused or "fallback" in ans.backend) else ""
    return safe_html(text + note) + f"\n<p><sub>backend: {html.escape(ans.backend)}</sub></p>"


def draft_html(text: str) -> str:
    """A streaming LLM draft, shown before verification: same treatment as an answer."""
    return safe_html(_escape_md_html(text))


def user_html(text: str) -> str:
    return safe_html(_escape_md_html(text))


def _escape_md_html(text: str) -> str:
    # markdown-it already escapes raw HTML (html=False); neutralise image syntax too, so "![x](url)" is text
    return text.replace("![", "!\\[")


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
            f"{html.escape(c.doc_type or '')}{' · ' + html.escape(c.section) if c.section else ''}"
            f"{' · said by ' + html.escape(', '.join(c.speakers)) if c.speakers else ''}</small>"
            f"<p>{'…' if a else ''}{_br(before)}<mark>{_br(quote)}</mark>{_br(after)}{'…' if b < len(text) else ''}</p></div>")
    return "\n".join(parts)


def _br(text: str) -> str:
    return re.sub(r"\n+", "<br>", html.escape(text))


def flagged_html(passages: list[tuple[str, str]]) -> str:
    """Passages held back because they read like instructions to an AI: shown, never cited."""
    if not passages:
        return ""
    items = "".join(f"<li><b>{html.escape(title)}</b>: <q>{html.escape(' '.join(text.split())[:300])}</q></li>"
                    for title, text in passages)
    return (f"<div class='flagged'><b>Possible instructions in a document</b> (not used as evidence, not sent "
            f"to an LLM)<ul>{items}</ul></div>")


CSS = """
.source {border-left: 3px solid #888; padding: 4px 10px; margin: 8px 0;}
.source mark {background: #ffe58a; padding: 0 1px;}
.flagged {border-left: 3px solid #c60; padding: 4px 10px; margin: 8px 0; background: #fff4e5;}
.mt-badge {background:#c33; color:#fff; border-radius:4px; padding:0 5px; font-size:11px; margin-left:6px;}
"""
