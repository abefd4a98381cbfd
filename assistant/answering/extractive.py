"""Extractive backend: the answer is the best evidence set's sentences (plus further sentences the fitted
scorer rates close to the best), each cited, in document order; grounded by construction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.answering.draft import Draft, DraftSentence, Span
from assistant.calibration import fitted
from assistant.evidence.answer_type import cached_labels
from assistant.evidence.candidates import Candidate
from assistant.evidence.cite import display
from assistant.evidence.find import Found
from assistant.evidence.sets import doc_titles, linked
from assistant.prompts import NOT_IN_DOCS
from assistant.textutil import tokens

MAX_WORDS = 150  # the product's promise of a concise answer (issue: ≤ 150 words)


def _redundant(c: Candidate, chosen: list[Candidate]) -> bool:
    ct = set(tokens(c.text))
    for o in chosen:
        if o.key == c.key:
            return True
        ot = set(tokens(o.text))
        if ct and ot and len(ct & ot) / len(ct | ot) >= 0.5:
            return True
    return False


def _restates_source(c: Candidate, chosen: list[Candidate], kind: str) -> bool:
    """A document's metadata (title, outlet, date) as an extra sentence only repeats what its citation shows,
    unless the question asks about the source or a date, or it covers a part of the question nothing chosen does.
    To "what did X say" it is never an answer: a title or an outlet is nobody's statement."""
    if c.meta_field is None or kind in ("metadata", "when"):
        return False
    if kind == "say":
        return True
    covered = {k for o in chosen for k in o.covers()}
    return not (set(c.own) - covered)


def select(found: Found, params: dict[str, Any] | None = None, max_words: int = MAX_WORDS) -> list[Candidate]:
    """The evidence set's members, then further sentences rated at least `keep_ratio` of the best."""
    p = params or fitted("answer")["compose"]
    assert found.best is not None
    chosen: list[Candidate] = []
    words = 0
    for c in said_first(found):
        chosen.append(c)
        words += len(c.text.split())
    # the set's members: its seed (the sentence the set is built on, a bridge's first hop), then the likeliest
    # answer sentences first when the budget cannot hold them all; in a compound question's part, with its share of
    # the budget, the likeliest first, seed or not (a part asks one thing). The answer shows them in its own order.
    members = found.best.members
    first = 0 if max_words < MAX_WORDS else 1
    likeliest = max(members, key=lambda m: m.candidate.p)
    if first and likeliest is not members[0] and \
            words + len(members[0].candidate.text.split()) + len(likeliest.candidate.text.split()) > max_words:
        first = 0  # a long seed would crowd out the set's likeliest answer sentence: the likeliest goes first
    ranked = members[:first] + sorted(members[first:], key=lambda m: -m.candidate.p)
    # (a metadata line after the sentences: it stays where it is the likeliest answer or covers what none of them
    # does)
    for m in [m for m in ranked if m.candidate.meta_field is None] + [m for m in ranked if m.candidate.meta_field]:
        if any(m.candidate.key == c.key for c in chosen):  # by key: a candidate holds an array (no plain ==)
            continue
        n = len(m.candidate.text.split())
        if chosen and (words + n > max_words or (_restates_source(m.candidate, chosen, found.items.kind)
                                                 and m.candidate.p < max(c.p for c in chosen))):
            continue
        chosen.append(m.candidate)
        words += n
    top = max(found.candidates[0].p, 1e-9) if found.candidates else 1.0
    titles = doc_titles(found.candidates)  # once per answer, not once per extra sentence
    extra = 0
    for c in found.candidates:
        if extra >= int(p["max_extra"]) or c.p < p["keep_ratio"] * top:
            break
        n = len(c.text.split())
        if _redundant(c, chosen) or words + n > max_words or _restates_source(c, chosen, found.items.kind) \
                or not _said(found, c) or not _connected(found, c, titles):
            continue
        chosen.append(c)
        words += n
        extra += 1
    # the answer opens with its likeliest sentence ("what did X say": X's closest statement)
    lead = chosen[0] if found.statements and chosen else max(chosen, key=lambda c: c.p, default=None)
    if any(c.following for c in chosen):
        chosen = with_enumeration(chosen, max_words - words)
        words = sum(len(c.text.split()) for c in chosen)
    ordered = order(chosen, found.items.kind, lead)
    room = max_words - words
    ordered = with_referents(ordered, room, lead)
    room = max_words - sum(len(c.text.split()) for c in ordered)
    if found.items.kind == "why":
        caused = with_causes(ordered, room)
        return with_additions(caused, max_words - sum(len(c.text.split()) for c in caused))
    return with_antecedents(ordered, room) if _asks_for_person(found) else ordered


def _beside(c: Candidate, start: int, end: int, text: str) -> Candidate:
    """A sentence of c's document that an answer sets beside c (its cause, antecedent, next item or addition)."""
    return Candidate(c.doc_id, start, end, text, "", c.rank, c.hop, c.via)


def with_enumeration(chosen: list[Candidate], room: int) -> list[Candidate]:
    """A chosen sentence that opens an item of an enumeration ("First, …", "Second, …"): the enumeration's later
    items follow it ("Third, …"), while the word budget holds them, so a list is answered whole; so do the items of
    a list a chosen sentence introduces ("… the following dates:")."""
    out: list[Candidate] = []
    for c in chosen:
        out.append(c)
        for s, e, text in c.following:
            if any(o.doc_id == c.doc_id and o.start == s for o in [*chosen, *out]):
                continue
            if len(text.split()) > room:
                break
            room -= len(text.split())
            out.append(_beside(c, s, e, text))
    return out


def _asks_for_person(found: Found) -> bool:
    """A "who" question, or one whose wh-phrase the fitted answer-type model reads as asking for a person ("which
    scientist", "which of the authors")."""
    kind = found.items.kind
    if kind == "who":
        return True
    labels = cached_labels(found.items.wh) if kind in ("what", "list") and found.items.wh else None
    return labels is not None and bool(labels) and max(labels.items(), key=lambda kv: kv[1])[0] == "PERSON"


def with_antecedents(chosen: list[Candidate], room: int) -> list[Candidate]:
    """"Who …?" answered by a sentence that says "He …" or "She …": the earlier sentence that names the person
    goes right before it (the name is the answer), while the word budget holds it."""
    return _preceded(chosen, room, lambda c: [c.antecedent] if c.antecedent is not None else [])


def with_referents(chosen: list[Candidate], room: int, lead: Candidate | None = None) -> list[Candidate]:
    """The answer's leading sentence, when its subject is "it"/"this" ("He says it is partly to blame"): the sentences
    before it that say what that is go right before it, while the word budget holds them (only the likeliest
    sentence's: the others' would lengthen the answer more than they add)."""
    return _preceded(chosen, room, lambda c: c.referent if lead is None or c is lead else [])


def with_causes(chosen: list[Candidate], room: int) -> list[Candidate]:
    """"Why …?" answered by a sentence that opens "So …" or "As a result, …": the sentences before it that give the
    cause go right before it (the cause is the answer), while the word budget holds them."""
    return _preceded(chosen, room, lambda c: c.cause)


def with_additions(chosen: list[Candidate], room: int) -> list[Candidate]:
    """"Why …?" answered by a sentence the next one adds to ("The Sunday ban also hurt sales"): that sentence
    follows it (a further cause), while the word budget left holds it."""
    out: list[Candidate] = []
    for c in chosen:
        out.append(c)
        if c.adds is None:
            continue
        s, e, text = c.adds
        if any(o.doc_id == c.doc_id and o.start == s for o in chosen) or len(text.split()) > room:
            continue
        room -= len(text.split())
        out.append(_beside(c, s, e, text))
    return out


def _preceded(chosen: list[Candidate], room: int,
              before_of: Callable[[Candidate], list[tuple[int, int, str]]]) -> list[Candidate]:
    """Each chosen sentence with the earlier sentences it needs (start, end, text; in text order) set right before
    it: the nearest first, until one is already in the answer or does not fit the word budget left."""
    out: list[Candidate] = []
    for c in chosen:
        before: list[Candidate] = []
        for s, e, text in reversed(before_of(c)):
            if any(o.doc_id == c.doc_id and o.start == s for o in [*chosen, *out]) or len(text.split()) > room:
                break
            room -= len(text.split())
            before.insert(0, _beside(c, s, e, text))
        out += [*before, c]
    return out


def _connected(found: Found, c: Candidate, titles: dict[str, str]) -> bool:
    """An extra sentence must be about what the question names: it names one of the question's named things
    itself, or belongs with the evidence (same document, a shared name, a bridge). A sentence elsewhere that only
    repeats a common word of the question ("caused") is about something else. Any sentence when the question
    names nothing."""
    assert found.best is not None
    items = found.items
    if not items.entities or any(e.key in c.own for e in items.entities):
        return True
    return linked(c, found.best.members, items, titles)


def _said(found: Found, c: Candidate) -> bool:
    """"What did X say about Y", X quoted on Y: only X's statements answer it (a sentence about Y in someone
    else's words, or the narrator's, is not what X said). Any sentence for any other question."""
    if not found.statements:
        return True
    if any(d == c.doc_id and s < c.end and c.start < e for d, s, e in found.statements):
        return True
    return found.said_spans is not None and any(s < c.end and c.start < e for s, e in found.said_spans(c.doc_id))


def said_first(found: Found, n: int = 2) -> list[Candidate]:
    """"What did X say about Y": the sentences holding X's closest statements on Y lead the answer (its shape:
    the speaker's own words), at most n, within the word budget."""
    out: list[Candidate] = []
    words = 0
    for doc_id, start, end in found.statements[:n]:
        c = next((c for c in found.candidates if c.doc_id == doc_id and c.meta_field is None
                  and c.start < end and start < c.end), None)
        if c is None or any(c.key == o.key for o in out) or (out and words + len(c.text.split()) > MAX_WORDS):
            continue
        out.append(c)
        words += len(c.text.split())
    return out


def order(chosen: list[Candidate], kind: str = "", lead: Candidate | None = None) -> list[Candidate]:
    """The lead sentence (the likeliest answer) first; then documents in the order their best sentence was chosen,
    text order within each. A document's metadata line (title, outlet, author, date) comes first when the question
    asks about the source or a date; otherwise what the documents say comes first and the metadata lines follow
    (unless one is the lead)."""
    meta_first = kind in ("metadata", "when")
    doc_rank: dict[str, int] = {}
    for c in chosen:
        if meta_first or c.meta_field is None:
            doc_rank.setdefault(c.doc_id, len(doc_rank))
    for c in chosen:
        doc_rank.setdefault(c.doc_id, len(doc_rank))
    key = lead.key if lead is not None else None
    return sorted(chosen, key=lambda c: (c.key != key, (c.meta_field is not None) and not meta_first,
                                         doc_rank[c.doc_id], (c.meta_field is None) == meta_first, c.start))


def sentence_for(c: Candidate) -> str:
    return display(c.text)


def answer(found: Found, params: dict[str, Any] | None = None) -> Draft:
    if not found.answerable or found.best is None:
        return refuse(found)
    if found.parts:
        return _answer_parts(found, params)
    return Draft(sentences=[_cited(c) for c in select(found, params)])


def _cited(c: Candidate) -> DraftSentence:
    return DraftSentence(sentence_for(c), [Span(c.doc_id, c.start, c.end, c.chunk_id, c.meta_field)])


def _answer_parts(found: Found, params: dict[str, Any] | None) -> Draft:
    """A compound question: each part answered from its own evidence within a share of the word budget, in the
    question's order; a part the documents do not cover is said plainly, without a nearest passage."""
    budget = MAX_WORDS // len(found.parts)
    groups: list[list[DraftSentence]] = []
    used: set[tuple[str, int, int]] = set()
    words = 0
    for part in found.parts:
        if not part.answerable or part.best is None:
            why = part.reason or "the documents do not cover it"
            groups.append([DraftSentence(f"{NOT_IN_DOCS}: {why} (asked: “{part.items.question}”).",
                                         is_refusal=True)])
            continue
        group = []
        for c in select(part, params, max_words=budget):
            if (c.doc_id, c.start, c.end) in used:
                continue
            used.add((c.doc_id, c.start, c.end))
            group.append(_cited(c))
            words += len(c.text.split())
        groups.append(group)
    # the words a part left of its share: the members of each part's evidence set its share could not hold, the
    # likeliest first, while the whole answer's budget holds them
    for part, group in zip(found.parts, groups, strict=True):
        if not part.answerable or part.best is None:
            continue
        for m in sorted(part.best.members, key=lambda m: -m.candidate.p):
            c = m.candidate
            n = len(c.text.split())
            if (c.doc_id, c.start, c.end) in used or words + n > MAX_WORDS:
                continue
            used.add((c.doc_id, c.start, c.end))
            group.append(_cited(c))
            words += n
    return Draft(sentences=[s for g in groups for s in g], missing=list(found.missing))


def refuse(found: Found, reason: str | None = None) -> Draft:
    why = reason or found.reason or "the documents do not cover this question"
    sentences = [DraftSentence(f"{NOT_IN_DOCS}: {why}.", is_refusal=True)]
    near = next((c for c in found.candidates if c.meta_field is None), None)
    if near is not None:
        sentences.append(DraftSentence("Nearest passage in the documents: " + display(near.text),
                                       [Span(near.doc_id, near.start, near.end, near.chunk_id)]))
    return Draft(sentences=sentences, refused=True, reason=why, missing=list(found.missing))
