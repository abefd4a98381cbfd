"""Speaker labels: a paragraph that opens with who is speaking, a colon and their words in quotation marks, with no
speech verb ("Water Board Chair Ana Ruiz: “The pipes are safe.”", "Riverton Residents for Clean Water: “…”").
Press releases that gather reactions, hearing excerpts and interview transcripts are written this way. The label
names the speaker: the last person named in it, else the organisation it names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assistant.positions import speakers as sp
from assistant.positions.blocks import foreign
from assistant.positions.cues import Cue

if TYPE_CHECKING:
    from assistant.positions.document import Document
    from assistant.positions.quotes import Quote

_POST = re.compile(r"@(\w{2,}):[ \t]+(?=\S)")  # "@riverwatch: The valley is dry again." (a post pasted as a line)
MAX_LABEL_WORDS = 20  # a label is a name with its title and body, not a sentence (dev texts: up to 15 words)
_OPENERS = " \"“«„‘'"


def labelled(d: Document, q: Quote) -> Cue | None:
    """The speaker label that opens the quote's paragraph, as a cue (its colon the cue word), or None."""
    k = next((n for n, (s, e) in enumerate(d.paras) if s <= q.start < e), None)
    if k is None:
        return None
    s, e = d.paras[k]
    i = q.start - 1
    while i >= s and d.text[i] in _OPENERS:
        i -= 1
    label = d.text[s:i].strip()
    if i < s or d.text[i] != ":" or not label or len(label.split()) > MAX_LABEL_WORDS:
        return None
    if not d.text[q.start : q.start + 1].isupper() or len(d.text[q.start : q.end].split()) < 4:
        return None  # the words are a sentence of their own, not a term
    doc = d.docs[k]
    toks = [t for t in doc if s + t.idx < i]
    if any(t.pos_ in ("VERB", "AUX") and t.text.islower() for t in toks):
        return None  # a clause ("The minister said:"), read by the cue finder, not a label
    ents = [x for x in doc.ents if s + x.end_char <= i]
    ent = next((x for x in reversed(ents) if x.label_ == "PERSON"), None) or next(
        (x for x in reversed(ents) if x.label_ in ("ORG", "NORP")), None)
    if ent is None:
        # ("Deputy Administrator Ana Ruiz: “…”" with no entity tagged: a title and a name is a person)
        inside = {t.i for t in toks}
        head = next((t for t in toks if t.pos_ == "PROPN" and (t.head.i not in inside or t.head.i == t.i)), None)
        titled = d.titled_person(head, s) if head is not None and head.pos_ == "PROPN" else None
        if titled is None:
            return None
        return Cue(next((t for t in doc if s + t.idx == i), None), i, ":", titled, titled.name, 0.7, None, [],
                   (s, e))
    m = d.mention_of(ent, s)
    if not m.name:
        return None
    colon: Any = next((t for t in doc if s + t.idx == i), None)
    return Cue(colon, i, ":", m, m.name, 0.8, None, [], (s, e))


def handle_posts(d: Document) -> list[tuple[Cue, int, int]]:
    """Posts pasted as lines that open with their account ("@riverwatch: The valley is dry again."), often under an
    introduction that names no one ("Some reactions:"): (cue, start, end) of each post's words, the account
    speaking; a post in another language followed by an English paragraph is that translation."""
    out: list[tuple[Cue, int, int]] = []
    for k, (s, e) in enumerate(d.paras):
        m = _POST.match(d.text, s, e)
        if m is None:
            continue
        start, end = m.end(), s + len(d.text[s:e].rstrip())
        if foreign(d.text[start:end]):
            if k + 1 >= len(d.paras):
                continue
            ns, ne = d.paras[k + 1]
            if _POST.match(d.text, ns, ne) or foreign(d.text[ns:ne]) or d.text[ns:ne].rstrip().endswith(":"):
                continue
            start, end = ns, ns + len(d.text[ns:ne].rstrip())
        who = sp.Mention("@" + m.group(1), "PERSON", s, set(), True, True, "", True)
        out.append((Cue(None, s, ":", who, who.name, 0.8, None, [], (s, e)), start, end))
    return out
