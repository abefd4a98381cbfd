"""Speaker labels: a paragraph that opens with who is speaking, a colon and their words in quotation marks, with no
speech verb ("Water Board Chair Ana Ruiz: “The pipes are safe.”", "Riverton Residents for Clean Water: “…”").
Press releases that gather reactions, hearing excerpts and interview transcripts are written this way. The label
names the speaker: the last person named in it, else the organisation it names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.positions.cues import Cue

if TYPE_CHECKING:
    from assistant.positions.document import Document
    from assistant.positions.quotes import Quote

MAX_LABEL_WORDS = 14  # a label is a name with its title and body, not a sentence
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
        return None
    m = d.mention_of(ent, s)
    if not m.name:
        return None
    colon: Any = next((t for t in doc if s + t.idx == i), None)
    return Cue(colon, i, ":", m, m.name, 0.8, None, [], (s, e))
