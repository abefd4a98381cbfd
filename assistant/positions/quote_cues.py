"""Which cue a quote belongs to: the speech verb that governs it in the parse, a cue beside it in its sentence, the
speaker named right after it with no comma, or the clause a colon or comma before it ends."""

from __future__ import annotations

import re
from typing import Any

from assistant.positions import speakers as sp
from assistant.positions.cues import _CLOSING, NOUN_CUES, SPEECH
from assistant.positions.cues import Cue as _Cue
from assistant.positions.document import Document
from assistant.positions.quotes import Quote, opens_sentence, same_sentence
from assistant.positions.speaker_phrase import speaker


def governing(d: Document, q: Quote, cues: list[_Cue]) -> tuple[_Cue | None, float]:
    para_cues = [c for c in cues if (c.para[0] <= q.start < c.para[1] or c.para[0] <= q.end - 1 < c.para[1])
                 and not _quoted(d, c, q)]
    # 1. the parse: a quoted token's head chain reaches the verb; of nested speech verbs the innermost
    # ("X called …, while Y called it "…"": Y's verb, whose subtree is the smaller)
    governing: list[tuple[int, _Cue]] = []
    for c in para_cues:
        sub = {t.i for t in c.verb.subtree}
        off = c.para[0]
        qtoks = [t for t in c.verb.doc if q.start <= off + t.idx < q.end]
        if qtoks and any(t.i in sub for t in qtoks) and c.cue != "according to":
            governing.append((len(sub), c))
    if governing:
        # a verb that reports nothing of its own ("by pleading guilty", the quote hung on it by the parser) yields to
        # one that does
        reporting = [g for g in governing if g[1].span is not None]
        if reporting:
            return min(reporting, key=lambda x: x[0])[1], 1.0
    # 2. a cue in the same paragraph right before (": ") or after ("…," he said) the quote, in the same
    # sentence unless the quote is a sentence of its own (a phrase in quotes elsewhere is no one's statement)
    best: tuple[int, _Cue] | None = None
    alone = opens_sentence(d.text, q.start)
    for c in para_cues:
        dist = q.start - c.start if c.start < q.start else c.start - q.end
        near = alone or (same_sentence(d.text, c.start, q.start) if c.start < q.start
                         else same_sentence(d.text, q.end - 1, c.start))
        if 0 <= dist <= 160 and near and (best is None or dist < best[0]):
            best = (dist, c)
    if best:
        return best[1], 0.9
    # 3. a dash-quote attributed in the next paragraph ("- noted the minister ...")
    if q.dash:
        nxt = [c for c in cues if c.para[0] > q.start]
        if nxt and nxt[0].para[0] - q.end < 40:
            return nxt[0], 0.85
    return None, 0.0


def _quoted(d: Document, c: _Cue, q: Quote) -> bool:
    """Is the cue's verb inside another quote (one that does not hold q)? A verb in someone's quoted words ("I'm
    starting to see …") is theirs, no narrator's cue for the next quote."""
    return any(o.start <= c.start < o.end and not (o.start <= q.start and q.end <= o.end) for o in d.quotes)


def trailing(d: Document, q: Quote) -> _Cue | None:
    """A speech verb and the speaker's name right after the quote, with no comma between ('"…" tweeted Mayor Ana
    Ruiz.'), which the parser reads as part of the quoted sentence: that name speaks."""
    k = next((n for n, (s, e) in enumerate(d.paras) if s <= q.end < e), None)
    if k is None:
        return None
    off, doc = d.paras[k][0], d.docs[k]
    verb = next((t for t in doc if off + t.idx >= q.end and not (t.is_punct and t.text in _CLOSING)), None)
    if verb is None or verb.lemma_.lower() not in SPEECH or verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or \
            re.search(r"\w", d.text[q.end : off + verb.idx]):
        return None
    phrase = []  # the words after the verb, up to a punctuation mark
    for t in doc[verb.i + 1 : verb.i + 8]:
        if t.is_punct and t.text not in ("'", "’", "&", "-", "."):
            break
        phrase.append(t)
    ent = next((e for e in doc.ents if e.label_ in ("PERSON", "ORG") and phrase and phrase[0].i <= e.start
                and e.end <= phrase[-1].i + 1), None)
    if ent is not None and ent.label_ == "ORG" and sp.titled_name(ent.text) is None:
        m = d.mention_of(ent, off)
        return _Cue(verb, off + verb.idx, verb.text, m, m.name, 0.8, None, [], d.paras[k])
    # a person: the run of proper nouns that ends the phrase ("Mayor of Riverton Ana Ruiz": Ana Ruiz)
    if ent is not None:
        end = ent.end
    elif phrase and phrase[0].pos_ == "PROPN":
        end = next((t.i for t in phrase if t.pos_ != "PROPN"), phrase[-1].i + 1)
    else:
        return None
    run: list[Any] = []
    for t in reversed(doc[verb.i + 1 : end]):
        if t.pos_ != "PROPN" or t.ent_type_ in ("GPE", "LOC") or not t.text[:1].isupper():
            break
        run.insert(0, t)
    words = " ".join(t.text for t in run)
    name = sp.titled_name(words) or words
    if not run or len(run) > 5 or (ent is None and len(name.split()) < 2):
        return None  # (one capitalised word the tagger did not take for a name is no speaker)
    titles = {t.lower_ for t in doc[verb.i + 1 : end] if t.lower_ in sp.HUMAN_NOUNS}
    m = d.person(name, off + run[0].idx, titles)
    return _Cue(verb, off + verb.idx, verb.text, m, m.name, 0.8, None, [], d.paras[k])


def introduced(d: Document, q: Quote) -> _Cue | None:
    """A quote that is a sentence of its own, opened right after a clause that introduces it with a colon or a
    comma and has no speech verb ('X, also on Twitter, defended his decision, "As I have …"', 'The summary of
    the decision read in part: "This Court …"', 'Y spoke on Fox News, "This is …"'): that clause's subject speaks."""
    text = d.text
    i = q.start - 1
    while i >= 0 and text[i] in " \"“«„‘'":
        i -= 1
    if i < 0 or text[i] not in ":," or not text[q.start : q.start + 1].isupper() or len(text[q.start : q.end].split()) < 4:
        return None
    return clause_before(d, i)


def clause_before(d: Document, i: int) -> _Cue | None:
    """The clause a colon or comma at `i` ends, as a cue: its verb (the sentence's root before the mark, else the
    last verb before it with a subject) and that verb's subject as the speaker."""
    k = next((n for n, (s, e) in enumerate(d.paras) if s <= i < e), None)
    if k is None:
        return None
    off, doc = d.paras[k][0], d.docs[k]
    mark = next((t for t in doc if off + t.idx == i), None)
    if mark is None:
        return None
    # the verb of the clause the mark ends: the sentence's root before it, else the last verb before it
    verbs = [t for t in mark.sent if t.i < mark.i and t.pos_ in ("VERB", "AUX")
             and any(c.dep_ == "nsubj" for c in t.children)
             and not any(o.start <= off + t.idx < o.end for o in d.quotes)]  # (not a verb of quoted words)
    if not verbs:
        return _inverted(d, mark, off, k)
    verb = next((v for v in verbs if v.dep_ == "ROOT"), verbs[-1])
    subj = next(c for c in verb.children if c.dep_ == "nsubj")
    # "The palace issued the following statement from the king: …": the one the statement is from speaks
    said = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in NOUN_CUES), None)
    source = next((p for p in said.children if p.dep_ == "prep" and p.lower_ == "from"), None) if said else None
    subj = next((c for c in source.children if c.dep_ == "pobj"), subj) if source else subj
    m, name, conf = speaker(d, subj, off)
    if not name:
        return None
    return _Cue(verb, off + verb.idx, verb.text, m, name, conf * 0.85, None, [], d.paras[k])


def _inverted(d: Document, mark: Any, off: int, k: int) -> _Cue | None:
    """A sentence that opens with its speech verb and puts the speaker after it ("Remarked council scientist Ana
    Ruiz, "…"", "Said Berg: "…""): the parser takes the speaker for the verb's object."""
    first = mark.sent[0]
    if first.pos_ != "VERB" or first.lemma_.lower() not in SPEECH or first.i + 1 >= mark.i:
        return None
    # (the parse of such a sentence varies: the speaker is the name that ends right at the mark)
    who = mark.doc[mark.i - 1]
    if who.pos_ not in ("PROPN", "NOUN"):
        return None
    m, name, conf = speaker(d, who, off)
    if not name:
        return None
    return _Cue(first, off + first.idx, first.text, m, name, conf * 0.85, None, [], d.paras[k])
