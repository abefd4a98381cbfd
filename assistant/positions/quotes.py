"""Quoted passages in a text, as exact character spans of the words between the marks.

Handles “…”, "…", «…», „…“, ‘…’ and '…' (a single mark is a quote only where it cannot be an
apostrophe), dash-quotes (a paragraph that opens with a dash, the dialogue layout of many European
outlets and press releases), and quotes that run over several paragraphs (English layout: the
paragraph ends without a closing mark and the next one opens with a mark again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.ingest.sentences import split_sentences

OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "'": "'", "”": "”"}
_DASHES = "—–-"
_DASH_LEAD = re.compile(r"^[ \t]*[—–-][ \t]*(?=[\w\"“«„‘])", re.M)
# the end of a dash-quote: a closing mark, or a dash that hands over to the attribution
_MARK_END = re.compile(r"[,.!?…]?[\"”»](?=[ \t]*[\w(—–-])")
_DASH_SEP = re.compile(r"[,.!?…]?(?:[ \t]*[—–][ \t]*|[ \t]+-[ \t]+)(?=[\w(])")
_CUE_LINE = re.compile(r"^[ \t]*[—–-][ \t]*[a-z]", re.M)


def _dash_end(text: str, start: int, pe: int) -> tuple[int, int] | None:
    """(end of the quoted words, start of the attribution) in a dash-quote paragraph."""
    m = _MARK_END.search(text, start, pe)
    if m:
        return m.start(), m.end()
    # an inner dash ("across the ocean – we are …") is not the end: only one before a short clause
    for d in reversed(list(_DASH_SEP.finditer(text, start, pe))):
        rest = text[d.end() : pe]
        if len(rest) <= 160 and not re.search(r"(?<![\s.][A-Z])[.!?]\s+\S", rest.rstrip()):
            return d.start(), d.end()
    return None


@dataclass
class Quote:
    start: int  # first character of the quoted words (marks excluded)
    end: int  # one past the last quoted character (a trailing separating comma excluded)
    dash: bool = False  # a dash-quote (attribution usually after it, or in the next paragraph)
    continued: bool = False  # continues the quote of the previous paragraph


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines: cleaned documents put one paragraph a line (blank lines between)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:;,/" or i == 0) and not after.isspace()


def _spaced_open(text: str, i: int, pe: int) -> bool:
    """A straight quote mark with a space on both sides ('has stated that " if there is …"') opens a quote when
    an odd number of marks follows it in its paragraph (its partner is among them)."""
    before = text[i - 1] if i > 0 else " "
    return text[i] == '"' and before.isspace() and text[i + 1 : pe].count('"') % 2 == 1


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",—–"):
        e -= 1
    return s, e


def _scan(text: str, ps: int, pe: int, out: list[Quote], carry: bool) -> bool:
    """Quotes inside one paragraph; returns True when a double quote is still open at its end."""
    i = ps
    open_at: int | None = None
    closer = ""
    if carry and ps < pe and text[ps] in "“\"«„":
        open_at, closer, i = ps + 1, OPEN_CLOSE[text[ps]] if text[ps] != "„" else "“", ps + 1
        cont = True
    else:
        cont = False
    while i < pe:
        ch = text[i]
        if open_at is None:
            if ch in "“\"«„" and (_can_open(text, i) or _spaced_open(text, i, pe)):
                open_at, closer, cont = i + 1, OPEN_CLOSE[ch], False
            elif ch in "‘'" and _can_open(text, i) and (i + 1 < pe and text[i + 1].isalpha()):
                # a single mark opens a quote only if a matching closer follows in this paragraph
                j = _find_single_close(text, i + 1, pe, "’" if ch == "‘" else "'")
                if j is not None:
                    s, e = _trim(text, i + 1, j)
                    if e > s:
                        out.append(Quote(s, e))
                    i = j
        elif closer == "”" and ch == "“" and _can_open(text, i) and (stop := _last_sentence_end(text, open_at, i)):
            # '“I have learnt so much. He laughed and added, “Well who knows?”': a second opening mark before the
            # first quote closed; the first ended with the last sentence before the narrator's words
            s, e = _trim(text, open_at, stop)
            if e > s:
                out.append(Quote(s, e, continued=cont))
            open_at, cont = i + 1, False
        elif (ch == closer or (closer == "”" and ch == '"') or (closer == '"' and ch == "”")) and (
                closer != '"' or _can_close(text, i) or ch == "”" or not text[i + 1 : pe].strip()):
            # (a mark with a space before it closes when nothing follows it in the paragraph: '… clearly.' "')
            s, e = _trim(text, open_at, i)
            if e > s:
                out.append(Quote(s, e, continued=cont))
            open_at = None
        i += 1
    if open_at is not None:
        s, e = _trim(text, open_at, pe)
        nxt = re.match(r"\s*([“\"«])", text[pe:])
        if e > s:
            out.append(Quote(s, e, continued=cont))
        return bool(nxt) and e > s
    return False


def _last_sentence_end(text: str, start: int, i: int) -> int | None:
    """One past the last sentence-ending mark between start and i that a capitalised word follows, else None."""
    ends = [m.end() for m in re.finditer(r"[.!?…](?=\s+[A-Z])", text[start:i])]
    return start + ends[-1] if ends else None


def _find_single_close(text: str, i: int, pe: int, closer: str) -> int | None:
    while i < pe:
        if text[i] == closer and _can_close(text, i) and not (i + 1 < pe and text[i + 1].isalpha()):
            # "Jannah’s" style apostrophes are followed by a letter; a closer is not
            if text[i - 1] == "s" and re.match(r" [a-z]", text[i + 1 : i + 3]) and \
                    _find_single_close(text, i + 1, pe, closer) is not None:
                # "'Farmers' wells are dry.'": a plural's apostrophe, the sentence going on to a closer of its own
                i += 1
                continue
            return i
        if text[i] in "“”\"«»":
            return None
        i += 1
    return None


def signature(text: str, ps: int, pe: int) -> bool:
    """Is the paragraph a dash-led signature under a quotation ("– Judge Ana Ruiz, "Decision and Order"")? A
    short line of capitalised words up to its first comma, no sentence ending (not words of a dash-quote)."""
    m = _DASH_LEAD.match(text, ps, pe)
    if not m:
        return False
    line = text[m.end() : pe].strip()
    words = line.split(",")[0].split()
    return 2 <= len(words) <= 12 and len(line.split()) <= 16 and all(w[:1].isupper() or w in ("of", "for", "the", "and")
                                                                      for w in words) \
        and not re.search(r"[.!?…][\"”»’']?$", line.split(",")[0])


def find_quotes(text: str) -> list[Quote]:
    out: list[Quote] = []
    carry = False
    for ps, pe in paragraphs(text):
        m = _DASH_LEAD.match(text, ps, pe)
        if m and signature(text, ps, pe):
            continue
        if m and text[m.end()] not in "\"“«„‘" and not _CUE_LINE.match(text, ps, pe):
            start = m.end()
            end_m = _dash_end(text, start, pe)
            end = end_m[0] if end_m else pe
            s, e = _trim(text, start, end)
            if e > s:
                out.append(Quote(s, e, dash=True))
            # the rest of the paragraph may hold further quotes ("...," he said, "...")
            carry = _scan(text, end_m[1], pe, out, False) if end_m else False
            continue
        if m and not _CUE_LINE.match(text, ps, pe):
            ps = m.end()
        carry = _scan(text, ps, pe, out, carry)
    # join paragraph-spanning quotes into one
    joined: list[Quote] = []
    for q in out:
        if q.continued and joined:
            joined[-1] = Quote(joined[-1].start, q.end, joined[-1].dash)
        else:
            joined.append(q)
    return joined


_SENT_BREAK = re.compile(r"[.!?…][\"”’»)]?\s+[\"“«‘(]?[A-Z0-9]")


def opens_sentence(text: str, start: int) -> bool:
    """The quoted words starting at `start` open their sentence (only marks and spaces since the start of the
    paragraph or the end of the previous sentence): a quote standing as a sentence, not a phrase in one."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"“”«„‘'—–-":
        i -= 1
    return i < 0 or text[i] in "\n.!?…"


def same_sentence(text: str, a: int, b: int) -> bool:
    """No sentence ends between offsets a and b. A likely break (a full stop, a space, a capital) is confirmed by
    the project's sentence splitter, which knows abbreviations and initials ("U.S. Attorney Tom Berg")."""
    if _SENT_BREAK.search(text, a, max(a, b)) is None:
        return True
    return _one_sentence(text[a : min(len(text), max(a, b) + 1)])


@lru_cache(maxsize=4096)
def _one_sentence(piece: str) -> bool:
    return len(split_sentences(piece)) <= 1
