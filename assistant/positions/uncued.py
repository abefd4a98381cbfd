"""Whose words a quote with no cue of its own is: the person a signature line under it names ("– Mayor Ana Ruiz,
"Letter to the council""), else, for a paragraph that is only a quote, the speaker the paragraph before reports ("She
said the dam will be connected." then "“We are also trying …”")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.positions import speakers as sp
from assistant.positions.cues import Cue
from assistant.positions.quotes import Quote, signature

if TYPE_CHECKING:
    from assistant.positions.document import Document


def signer(d: Document, para: tuple[int, int]) -> sp.Mention | None:
    """The person a signature line right under the paragraph names ("– Mayor Ana Ruiz, "Letter to the council"")."""
    k = next((i for i, (s, _e) in enumerate(d.paras) if s == para[0]), None)
    if k is None or k + 1 >= len(d.paras) or not signature(d.text, *d.paras[k + 1]):
        return None
    s, e = d.paras[k + 1]
    tagged = next((m for m in d.mentions if s <= m.start < e and m.label == "PERSON"), None)
    if tagged is not None:
        return tagged
    head = d.text[s:e].split(",")[0]  # (the tagger found no one: a titled name, "– Mayor Ana Ruiz")
    name = sp.titled_name(head.strip(" \t–—-"))
    return d.person(name, s + head.index(name), set(), speaking=True) if name else None


def reporter_before(d: Document, q: Quote, para: tuple[int, int], cues: list[Cue]) -> sp.Mention | None:
    """Who the paragraph before a quote with no cue reports, when the quote is a paragraph of its own: the last
    named speaker of that paragraph's speech cues (not "according to" a source)."""
    if re.search(r"\w", d.text[para[0] : q.start]) or re.search(r"\w", d.text[q.end : para[1]]):
        return None  # (the quote is the whole paragraph: '"COVID-19" is the name …' is a term, not a statement)
    k = next((i for i, (s, _e) in enumerate(d.paras) if s == para[0]), 0)
    if k == 0:
        return None
    before = d.paras[k - 1]
    said = [c for c in cues if c.para == before and c.speaker is not None and c.cue != "according to"
            and c.speaker.label in ("PERSON", "ORG")]
    return said[-1].speaker if said else None
