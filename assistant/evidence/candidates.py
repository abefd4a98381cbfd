"""Candidate evidence: the sentences of retrieved passages (and their documents' metadata), each with the
question items it covers, by what match, and the features the fitted scorer reads."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.evidence.answer_type import entity_evidence, expected_labels, type_evidence
from assistant.evidence.items import Item, QuestionItems
from assistant.evidence.library import LibraryView
from assistant.evidence.match import STRENGTH, ItemMatch, TextView, match_all
from assistant.textutil import tokens
from assistant.types import Hit

META_FIELDS = ("title", "outlet", "author", "date", "doc_type")
# products the fitted scorer may weigh (a type match counts more in a sentence that is also about the question)
INTERACTIONS = (("type", "dense_sent"), ("core_own", "type"), ("term_own", "type"), ("ent_own", "term_own"),
                ("type", "focus_own"))
SENTENCE_ENDS = (".", "!", "?", "”", '"', "»", "’", ")")  # how a sentence (not a heading) ends


@dataclass
class Candidate:
    doc_id: str
    start: int
    end: int
    text: str
    chunk_id: str
    rank: int  # of the passage it came from, in the merged hit list (0 = best)
    hop: int = 1
    via: str | None = None
    meta_field: str | None = None  # set for a document-metadata candidate ("title", "outlet", ...)
    own: dict[str, ItemMatch] = field(default_factory=dict)  # items the sentence itself covers
    ctx: dict[str, ItemMatch] = field(default_factory=dict)  # items its context covers (title, section, lead-in)
    features: dict[str, float] = field(default_factory=dict)
    p: float = 0.0  # fitted probability that this sentence holds the answer
    vec: np.ndarray | None = None  # sentence embedding (semantic cover of terms it does not name)
    position: int = 0  # sentence index in its document (0 = the lead sentence)
    entities: list[tuple[str, str]] = field(default_factory=list)  # named entities (text, label), from ingest
    # a sentence that opens with "He"/"She"/"They" and names no person: the nearest earlier sentence of its paragraph
    # that names one (start, end, text), which says who answers a "who" question
    antecedent: tuple[int, int, str] | None = None
    # a sentence that opens with a result ("So …", "As a result, …", "That is why …"): the earlier sentences of its
    # paragraph that give the cause (start, end, text), up to two, nearest last
    cause: list[tuple[int, int, str]] = field(default_factory=list)
    # a sentence that opens an enumeration ("First, …", "Second, …"): the later sentences of its document that go on
    # with it ("Third, …", "Finally, …"; start, end, text), in text order; or one that introduces a list ("… the
    # following dates:"): the list's items
    following: list[tuple[int, int, str]] = field(default_factory=list)
    # the next sentence of its paragraph when it adds to this one ("… also hurt sales", "In addition, …"; start, end,
    # text): a further cause of a "why" answer
    adds: tuple[int, int, str] | None = None
    # a sentence whose subject is "it"/"this"/"that" standing for what was said before ("He says it is partly to
    # blame for …"): the sentence before it (start, end, text), which says what "it" is
    # (and, where that one says "this …" too, the one before it: up to three, in text order)
    referent: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int, int, str | None]:
        return (self.doc_id, self.start, self.end, self.meta_field)

    def covers(self) -> dict[str, ItemMatch]:
        """Own matches, then context matches for what the sentence itself does not name."""
        out = dict(self.ctx)
        out.update(self.own)
        return out


def heading_like(sent: str) -> bool:
    letters = [ch for ch in sent if ch.isalpha()]
    if letters and all(not ch.islower() for ch in letters):
        return True
    return len(sent.split()) < 6 and not sent.rstrip().endswith(SENTENCE_ENDS) and not re.search(r"\d", sent)


def _context(lib: LibraryView, doc_id: str, start: int, spans: list[tuple[int, int]], i: int) -> tuple[str, str]:
    """(lead-in, frame): up to two earlier sentences of the same paragraph (who 'he' is), and the document's
    title and section heading (what a passage is about when it never repeats its subject)."""
    text = lib.text(doc_id)
    lead: list[str] = []
    for j in range(i - 1, max(-1, i - 3), -1):
        s, e = spans[j]
        if "\n\n" in text[e:start]:
            break
        lead.insert(0, text[s:e])
        start = s
    m = lib.meta(doc_id)
    frame = f"{m.title}\n{lib.section(doc_id, spans[i][0])}"
    return " ".join(lead), frame


_PRONOUN_LEAD = re.compile(r"\s*[\"“]?(?:He|She|They)\b")
# "it"/"this"/"that" as the subject of a sentence, or of the clause a speaker's "says"/"said" opens, with its verb
# ("It was …", "He says it is …", "This has …")
_IT_SUBJECT = re.compile(r"\s*[\"“]?(?:(?:[A-Z][\w.’'-]*\s+){1,3}(?:says|said|added|adds|argues|argued|believes|"
                         r"thinks|noted|notes)\s+(?:that\s+)?)?(?:[Ii]t|(?:[Tt]his|[Tt]hat)(?:\s+[a-z]+)?)\s+(?:is|was|has|had|will|would|"
                         r"could|may|might|can)\b")
_RESULT_LEAD = re.compile(r"\s*[\"“]?(?:So|Thus|Hence|Therefore|Consequently|As a result|As a consequence|"
                          r"(?:That|This) is why|That's why|For that reason|For this reason)\b")

# a statement that goes on from the one before it ("The spokesperson added, …", "he continued")
_CONTINUES = re.compile(r"\b(?:added|adds|continued|continues|went on to (?:say|add))\b")


# the words that number the items of an enumeration, in their order ("First, …", "Secondly, …", "Finally, …")
_ORDINALS = (("first", "firstly"), ("second", "secondly"), ("third", "thirdly"), ("fourth", "fourthly"),
             ("fifth", "fifthly"), ("sixth", "sixthly"))
_ORDINAL_LEAD = re.compile(r"\s*[\"“]?(First|Firstly|Second|Secondly|Third|Thirdly|Fourth|Fourthly|Fifth|Fifthly|"
                           r"Sixth|Sixthly|Finally|Lastly)\s*,")
_ENUM_GAP = 3  # sentences between two items of one enumeration (an item's elaboration) at most


def _ordinal(sent: str) -> int | None:
    """The place a sentence opening an enumeration item takes (1 for "First, …"; 99 for "Finally, …")."""
    m = _ORDINAL_LEAD.match(sent)
    if m is None:
        return None
    word = m.group(1).lower()
    return next((i + 1 for i, forms in enumerate(_ORDINALS) if word in forms), 99)


def _following(text: str, spans: list[tuple[int, int]], i: int) -> list[tuple[int, int, str]]:
    """The later items of the enumeration sentence i belongs to: each next sentence opening with the next ordinal
    (or "Finally"/"Lastly"), at most _ENUM_GAP sentences after the one before."""
    at = _ordinal(text[spans[i][0] : spans[i][1]])
    out: list[tuple[int, int, str]] = []
    last = i
    j = i + 1
    while at is not None and at < 99 and j < len(spans) and j - last <= _ENUM_GAP:
        s, e = spans[j]
        n = _ordinal(text[s:e])
        if n is not None and (n == at + 1 or n == 99):
            out.append((s, e, text[s:e]))
            at, last = n, j
        elif n is not None:
            break  # another enumeration
        j += 1
    return out


# a list item as documents write one: a bullet, or a number or letter marking it ("- Wednesday 15 July, …",
# "2. Cut emissions …", "(b) …")
_LIST_ITEM = re.compile(r"\s*(?:[-•*–·▪●◦]\s|\(?(?:\d{1,2}|[a-z])[.)]\s)")
_MAX_ITEMS = 15


def _list_items(text: str, spans: list[tuple[int, int]], i: int) -> list[tuple[int, int, str]]:
    """A sentence that introduces a list ("… at the following times and locations:"): the list's items right after
    it (start, end, text), in text order, up to _MAX_ITEMS."""
    if not text[spans[i][0] : spans[i][1]].rstrip().endswith(":"):
        return []
    out: list[tuple[int, int, str]] = []
    for j in range(i + 1, min(len(spans), i + 1 + _MAX_ITEMS)):
        s, e = spans[j]
        if text[spans[j - 1][1] : s].strip() or not _LIST_ITEM.match(text[s:e]):
            break
        out.append((s, e, text[s:e]))
    return out


# a sentence that adds to the one before it: "also" in it, or an additive opening
_ADDITIVE = re.compile(r"\balso\b|^\s*[\"“]?(?:In addition|Additionally|Moreover|Furthermore|Besides|What is more|"
                       r"Another reason|A further reason)\b", re.IGNORECASE)


# a sentence whose subject is a demonstrative pronoun standing for what the sentence before said ("These were
# necessary measures …", "That was because …"): it says what that was, often why; news prints it as a paragraph of
# its own
_REFERS_BACK = re.compile(r"^\s*[\"“]?(?:This|These|That|Those)\s+(?:was|were|is|are|has|have|had|came|comes|"
                          r"meant|means|followed|follows|reflects|reflected)\b")


def _addition(text: str, spans: list[tuple[int, int]], i: int) -> tuple[int, int, str] | None:
    """The sentence right after sentence i, when it adds to it: in its paragraph, or the next paragraph's first
    sentence when that refers back to it."""
    if i + 1 >= len(spans):
        return None
    s, e = spans[i + 1]
    if _REFERS_BACK.match(text[s:e]):
        return s, e, text[s:e]
    if "\n\n" in text[spans[i][1] : s]:
        return None
    return (s, e, text[s:e]) if _ADDITIVE.search(text[s:e]) else None


def _earlier(text: str, spans: list[tuple[int, int]], i: int, n: int) -> list[int]:
    """Up to n sentences right before sentence i within its paragraph, nearest first (their indexes)."""
    out: list[int] = []
    for j in range(i - 1, max(-1, i - 1 - n), -1):
        if "\n\n" in text[spans[j][1] : spans[j + 1][0]]:
            break
        out.append(j)
    return out


def _cause(text: str, spans: list[tuple[int, int]], i: int, n: int = 2) -> list[tuple[int, int, str]]:
    """Up to n sentences right before sentence i, within its paragraph (in text order)."""
    return [(spans[j][0], spans[j][1], text[spans[j][0] : spans[j][1]]) for j in reversed(_earlier(text, spans, i, n))]


def _referent(text: str, spans: list[tuple[int, int]], i: int, n: int = 3) -> list[tuple[int, int, str]]:
    """The sentences before sentence i that say what its "it"/"this" subject is: the one before, and the one before
    that while each says "it"/"this" too (up to n, in text order)."""
    out: list[tuple[int, int, str]] = []
    j = i
    while j > 0 and len(out) < n and _IT_SUBJECT.match(text[spans[j][0] : spans[j][1]]):
        s, e = spans[j - 1]
        out.insert(0, (s, e, text[s:e]))
        j -= 1
    return out


def _antecedent(text: str, spans: list[tuple[int, int]], ents: list[list[tuple[str, str]]],
                i: int) -> tuple[int, int, str] | None:
    """The nearest of up to four earlier sentences of the same paragraph that names a person."""
    for j in _earlier(text, spans, i, 4):
        s, e = spans[j]
        if j < len(ents) and any(_names_person(text[s:e], t, lab) for t, lab in ents[j]):
            return s, e, text[s:e]
    return None


def _names_person(sent: str, ent: str, label: str) -> bool:
    """A person's name, or a name of two or three capitalised words that the sentence opens with (a tagger may
    take "Ana Ruiz is a scientist at …" for an organisation)."""
    if label == "PERSON":
        return True
    words = ent.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words) and \
        sent.lstrip().startswith(ent)


def _weighted(items: list[Item], got: dict[str, ItemMatch]) -> float:
    total = sum(i.weight for i in items)
    if total <= 0:
        return 0.0
    return sum(i.weight * got[i.key].strength for i in items if i.key in got) / total


def _refers_back(doc_text: str, sent: str, start: int, ent: Item) -> bool:
    """The sentence says "the/this <kind>" of a named thing ("the plan" for "the Delta plan") and its document
    names that thing earlier."""
    if not re.search(rf"\b(?:the|this|that)\s+{re.escape(ent.kind_noun)}\b", sent, re.I):
        return False
    before = TextView(doc_text[max(0, start - 4000):start])
    return before.match(ent) is not None


def meta_text(lib: LibraryView, doc_id: str) -> str:
    m = lib.meta(doc_id)
    parts = [] if m.title_from_text else [f"Title: {m.title}."]
    if m.outlet:
        parts.append(f"Published by {m.outlet}.")
    if m.author:
        parts.append(f"Author: {m.author}.")
    if m.date:
        parts.append(f"Date: {m.date}.")
    return " ".join(parts)


def build(lib: LibraryView, items: QuestionItems, hits: list[Hit], qvec: np.ndarray,
          exclude: Callable[[str], bool] | None = None, max_sentences: int = 72,
          expected: dict[str, float] | None = None) -> list[Candidate]:
    """Sentences of the hits in hit order (capped), plus one metadata candidate per document of the top hits."""
    cands: list[Candidate] = []
    seen: set[tuple[str, int]] = set()
    positions: dict[str, dict[int, int]] = {}
    doc_ents: dict[str, list[list[tuple[str, str]]]] = {}
    item_list = items.items
    named_kinds = [e for e in items.entities if e.kind_noun]
    for rank, h in enumerate(hits):
        chunk = lib.snap.chunks.get(h.chunk_id)
        if chunk is None:
            continue
        spans = lib.sentences(h.doc_id)
        if h.doc_id not in positions:  # once per document, not once per hit (hot path)
            positions[h.doc_id] = {s: j for j, (s, _e) in enumerate(spans)}
            doc_ents[h.doc_id] = lib.entities(h.doc_id)
        index_of = positions[h.doc_id]
        ents = doc_ents[h.doc_id]
        text = lib.text(h.doc_id)
        for s in chunk.sentences:
            if (h.doc_id, s.char_start) in seen or len(cands) >= max_sentences:
                continue
            seen.add((h.doc_id, s.char_start))
            sent = text[s.char_start : s.char_end]
            if heading_like(sent) or (exclude is not None and exclude(sent)):
                continue
            c = Candidate(h.doc_id, s.char_start, s.char_end, sent, h.chunk_id, rank, h.why.hop, h.why.via)
            j = index_of.get(s.char_start)
            c.position = j if j is not None else 0
            c.entities = ents[j] if j is not None and j < len(ents) else []
            if j is not None and _PRONOUN_LEAD.match(sent) and not any(lab == "PERSON" for _t, lab in c.entities):
                c.antecedent = _antecedent(text, spans, ents, j)
            if j is not None:
                c.referent = _referent(text, spans, j)
            if j is not None and _RESULT_LEAD.match(sent):
                c.cause = _cause(text, spans, j)
            elif j is not None and _CONTINUES.search(sent):
                c.cause = _cause(text, spans, j, 1)  # what was said first (often the reason the rest follows from)
            if j is not None and _ORDINAL_LEAD.match(sent):
                c.following = _following(text, spans, j)
            elif j is not None:
                c.following = _list_items(text, spans, j)
            if j is not None and items.kind == "why":  # only a why-answer takes a further cause
                c.adds = _addition(text, spans, j)
            lead, frame = _context(lib, h.doc_id, s.char_start, spans, j) if j is not None else ("", "")
            c.own = match_all(TextView(sent), item_list)
            ctx: dict[str, ItemMatch] = {}
            for k, m in match_all(TextView(lead), item_list).items():
                ctx[k] = ItemMatch(k, m.label, "coreference", min(m.strength, STRENGTH["coreference"]))
            for k, m in match_all(TextView(frame), item_list).items():
                if k not in ctx:
                    ctx[k] = ItemMatch(k, m.label, "metadata", min(m.strength, STRENGTH["metadata"]))
            for it in named_kinds:  # "the plan" in a document that named "the Delta plan" before
                if it.key not in c.own and _refers_back(text, sent, s.char_start, it):
                    c.own[it.key] = ItemMatch(it.key, it.label, "coreference", STRENGTH["coreference"])
            c.ctx = {k: v for k, v in ctx.items() if k not in c.own}
            cands.append(c)
    docs = list(dict.fromkeys(h.doc_id for h in hits[:6]))
    for rank, doc_id in enumerate(docs):
        hit = next(h for h in hits if h.doc_id == doc_id)
        mt = meta_text(lib, doc_id)
        if not mt:  # a title that is the text's own opening and no other field: nothing of its own to cite
            continue
        c = Candidate(doc_id, 0, 0, mt, hit.chunk_id, rank, hit.why.hop, hit.why.via, meta_field="metadata")
        c.own = match_all(TextView(mt), item_list)
        cands.append(c)
    if not cands:
        return []
    vecs = lib.vectors([c.text for c in cands], list(dict.fromkeys(c.doc_id for c in cands)))
    by_chunk = {h.chunk_id: h for h in hits}
    if expected is None:
        expected = expected_labels(items.wh, lib.embed)
    for c, v in zip(cands, vecs, strict=True):
        c.vec = v
        c.features = features(c, items, float(np.dot(qvec, v)), by_chunk.get(c.chunk_id), expected)
    return cands


def entity_features(c: Candidate, items: QuestionItems, expected: dict[str, float]) -> dict[str, float]:
    """Does the sentence name a new thing of the kind the question asks for (fitted `expected` labels)?"""
    return {"ne_type": entity_evidence(expected, c.entities, items.question) if c.meta_field is None else 0.0}


def features(c: Candidate, items: QuestionItems, dense_sent: float, hit: Hit | None,
             expected: dict[str, float] | None = None) -> dict[str, float]:
    both = c.covers()
    core = items.core
    focus = items.focus
    q_terms = set(tokens(items.question))
    s_terms = set(tokens(c.text))
    novel = len(s_terms - q_terms) / max(1, len(s_terms))
    has_ent = 1.0 if items.entities else 0.0
    f = {
        "dense_sent": dense_sent,
        "dense_hit": hit.why.dense if hit else 0.0,
        "bm25_hit": hit.why.bm25 if hit else 0.0,
        "title_hit": hit.why.title if hit else 0.0,
        "prior": 1.0 / (1.0 + c.rank),
        "hop2": 1.0 if c.hop > 1 else 0.0,
        "ent_own": _weighted(items.entities, c.own) if has_ent else 0.0,
        "ent_ctx": _weighted(items.entities, both) if has_ent else 0.0,
        "term_own": _weighted(items.terms, c.own),
        "term_ctx": _weighted(items.terms, both),
        "core_own": c.own[core.key].strength if core and core.key in c.own else 0.0,
        "core_ctx": both[core.key].strength if core and core.key in both else 0.0,
        "type": type_evidence(items.kind, c.text, items.question) if c.meta_field is None else 0.0,
        "novel": novel,
        "length": min(2.0, math.log1p(len(c.text.split())) / 3.0),
        "is_meta": 1.0 if c.meta_field else 0.0,
        "meta_q": 1.0 if (c.meta_field and items.kind == "metadata") else 0.0,
        "has_entities": has_ent,
        "lead": 1.0 / (1.0 + c.position) if c.meta_field is None else 0.0,
        "focus_own": c.own[focus.key].strength if focus and focus.key in c.own else 0.0,
        "has_focus": 1.0 if focus else 0.0,
        **entity_features(c, items, expected or {}),
    }
    for a, b in INTERACTIONS:
        f[f"{a}*{b}"] = f[a] * f[b]
    return f
