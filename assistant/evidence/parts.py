"""A question that asks two things ("Who hosted the meeting, and what did the minister say about trade?") is
answered part by part: each part gets its own evidence set, and a part the documents do not cover is named
while the others are still answered.

General English only: a new part starts after "?", ";" or a coordinating "and"/"but" that is followed by a
question word. A part with no name or words of its own ("..., and when?") stays with the one before it, and a part that
refers back ("... and who created *it*?") carries the earlier part's wording along, so its evidence is found;
one that refers to a person ("… and what did *she* say?") after a first part naming exactly one person (the parser's
named entities) is asked about that person by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.evidence.items import GENERIC_STEMS, QUESTION_WORDS
from assistant.textutil import STOPWORDS, tokens

MAX_PARTS = 4  # each part is a search of its own: a bound on one question's cost
_WH = r"(?:what|who|whom|whose|when|where|which|why|how)"
# a wh-word may follow "and" after a word of approximation or a preposition ("…, and about how far …",
# "…, and in which year?")
_LEAD = r"(?:(?:about|roughly|approximately|around|exactly|precisely|in|on|at|by|for|from|with|to|since|until|" \
        r"under|during|after|before|against|through|over|into|between|among|within|without|of|as|via|near)\s+)?"
_BOUNDARY = re.compile(r"\?\s+(?=\S)|;\s*(?=" + _WH + r"\b)|,?\s+(?:and|but)\s+(?=" + _LEAD + _WH + r"\b)", re.I)
_FRAME = re.compile(r"^\s*(according to [^,?]{2,80}|in [^,?]{2,60}'s view|per [^,?]{2,60}),\s*", re.I)
_BACK_REFERENCE = re.compile(r"\b(it|its|he|she|him|her|his|they|them|their|this|that|these|those|there|"
                             r"the same)\b", re.I)


_PERSONAL = re.compile(r"\b(he|she|him|his|her|hers)\b", re.I)


def _content(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and t not in GENERIC_STEMS]


def _standalone(piece: str) -> bool:
    """Enough to be asked alone: a name, two words of its own, or a word referring back to the earlier part."""
    named = any(w[:1].isupper() for w in piece.split()[1:])
    return named or len(_content(piece)) >= 2 or bool(_BACK_REFERENCE.search(piece))


def _body(part: str) -> str:
    """The earlier part's wording without its question word ("Which declaration did ..." -> "declaration did ...")."""
    words = part.rstrip("?. ").split()
    while words and (words[0].lower() in STOPWORDS or words[0].lower() in QUESTION_WORDS):
        words = words[1:]
    return " ".join(words)


@dataclass
class Part:
    question: str  # the part as asked alone; a part that refers back carries the earlier part's wording
    bare: str | None = None  # a part that refers back, without that wording (to resolve with the earlier answer)

    def resolved(self, names: list[str]) -> str | None:
        """The part with what it refers back to read from the earlier part's evidence (the names it holds):
        "What do they possess?" after "Which two countries ...?" is asked about the countries found."""
        if self.bare is None or not names:
            return None
        return self.bare[:-1] + " (" + ", ".join(names) + ")?"


# a part that leaves out the first part's verb: "…, and who about X?", "…, and where in June?"
_ELIDED = re.compile(r"^(" + _WH + r")\s+(about|on|for|in|at|from|to|with|during|regarding|concerning|over)\s+(.+)$",
                     re.I | re.S)


def _elided(first: str, part: str) -> str | None:
    """The part with the first part's wording it leaves out ("Who spoke for the agency about X, and who about Y?"
    -> "Who spoke for the agency about Y?"): the first part up to its own phrase with the same preposition, or
    whole, then the part's phrase. None for a part with its own verb, or a question word the first does not share."""
    m = _ELIDED.match(part.strip())
    if m is None or not first.lower().startswith(m.group(1).lower() + " "):
        return None
    f = first.rstrip("?. ")
    own = re.search(r"\s" + m.group(2) + r"\s", f[len(m.group(1)):], re.I)
    head = f[: len(m.group(1)) + own.start()] if own else f
    return f"{head} {m.group(2).lower()} {m.group(3).rstrip('?. ')}?"


def _person(first: str) -> str | None:
    """The one person the first part names, else None: the parser's PERSON entities or, with none, a name of two
    or more proper nouns it tags as an organisation (the small parser's usual slip on a person's full name; a
    personal pronoun later says a person is meant)."""
    from assistant.language import nlp

    ents = nlp()(first).ents
    people = {e.text for e in ents if e.label_ == "PERSON"} or \
        {e.text for e in ents if e.label_ == "ORG" and len(e) >= 2 and all(t.pos_ == "PROPN" for t in e)} or \
        {e.text for e in ents if e.label_ == "ORG" and all(t.pos_ == "PROPN" for t in e) and e.root.dep_ != "pobj"}
    # (last: a one-word name it tags as an organisation, as it does an unfamiliar spelling of a surname, where it
    # is not the object of a preposition: "flew X from Omsk" - the "from"/"in"/"to" objects are the places)
    return people.pop() if len(people) == 1 else None


def _named(part: str, person: str) -> str | None:
    """The part with its personal pronouns replaced by the person's name ("his" -> "Name's"); None when a
    pronoun refers to something else ("it", "they") too, or there is none."""
    if not _PERSONAL.search(part) or _BACK_REFERENCE.search(_PERSONAL.sub("", part)):
        return None
    from assistant.language import nlp

    out, last = [], 0
    for t in nlp()(part):
        if _PERSONAL.fullmatch(t.text):
            possessive = t.tag_ == "PRP$" or t.lower_ in ("his", "hers")
            out += [part[last : t.idx], person + ("'s" if possessive else "")]
            last = t.idx + len(t.text)
    return "".join(out) + part[last:] if out else None


_COUNT = re.compile(r"^\s*how (?:many|much)\s+", re.I)


def _counts_completed(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Two counts asked together, each completed from the other: "How many pupils and how many staff died?" -> "How
    many pupils died?", "how many staff died?"; "How many people were aboard, and how many died?" -> "…, how many
    people died?". Other pieces as they are."""
    if sum(1 for p, _c in pieces if _COUNT.match(p)) < 2:
        return pieces
    from assistant.language import nlp

    def split(piece: str) -> tuple[str, str]:
        """A count's noun phrase and its predicate ("how many staff", "died?"), at the first verb after it."""
        doc = nlp()(piece)
        at = next((t.idx for t in doc if t.i >= 2 and t.pos_ in ("VERB", "AUX")), len(piece))
        return piece[:at].rstrip(), piece[at:]

    out = list(pieces)
    for i, (p, closed) in enumerate(out):
        if not _COUNT.match(p):
            continue
        head, pred = split(p)
        if not pred.strip() and i + 1 < len(out) and _COUNT.match(out[i + 1][0]):
            out[i] = (f"{head} {split(out[i + 1][0])[1]}", closed)  # the next count's predicate
        elif i > 0 and len(head.split()) == 2 and (first := _COUNT.match(out[0][0])) is not None:
            noun = split(out[0][0])[0][first.end() :]
            if noun:
                out[i] = (f"{head} {noun} {pred}", closed)  # the first count's noun
    return out


def split_question(question: str) -> list[str]:
    """The parts of a compound question, each a question of its own; one part for an ordinary question."""
    return [p.question for p in split_parts(question)]


def split_parts(question: str) -> list[Part]:
    """The parts of a compound question; one part for an ordinary question."""
    q = question.strip()
    pieces: list[tuple[str, bool]] = []  # (text, closed by its own question mark)
    last = 0
    for m in _BOUNDARY.finditer(q):
        pieces.append((q[last : m.start()], m.group(0).startswith("?")))
        last = m.end()
    pieces.append((q[last:], False))
    pieces = _counts_completed(pieces)
    merged: list[str] = []
    pending = ""
    for p, closed in ((p.strip(" ,;"), c) for p, c in pieces):
        if not p:
            continue
        # "..., and when?", "When and where ...?": one question about one thing
        if not _content(p) or (not closed and not _standalone(p)):
            if merged:
                merged[-1] = f"{merged[-1]} and {p}"
            else:
                pending = f"{pending} {p} and".strip()
            continue
        merged.append(f"{pending} {p}".strip())
        pending = ""
    if pending and merged:
        merged[-1] = f"{merged[-1]} {pending[: -len(' and')]}"
    if len(merged) < 2:
        return [Part(q)]
    if len(merged) > MAX_PARTS:  # a list of many questions: the first few answered apart, the rest together
        merged = [*merged[: MAX_PARTS - 1], " ".join(merged[MAX_PARTS - 1 :])]
    frame = _FRAME.match(merged[0])
    first = merged[0]
    out = [Part(first if first.endswith("?") else first.rstrip(".") + "?")]
    asked = first[frame.end() :] if frame else first
    first_body = _body(asked)
    # (a first part asking "who …" names someone else than the one a later "he" means: its answer, resolved from
    # its evidence below)
    asks_who = re.match(r"\W*(?:who|whom|whose)\b", asked, re.I) is not None
    person = _person(first) if not asks_who and any(_PERSONAL.search(p) for p in merged[1:]) else None
    for p in merged[1:]:
        elided = _elided(first, p) if not frame else None
        if elided is not None:
            out.append(Part(elided))
            continue
        part = p.rstrip("?. ") + "?"
        if frame and not _FRAME.match(part):
            part = frame.group(0) + part
        part = part[0].upper() + part[1:]
        named = _named(part, person) if person is not None else None
        if named is not None:
            out.append(Part(named))
        elif _BACK_REFERENCE.search(p) or len(_content(p)) < 2:
            out.append(Part(part[:-1] + " (" + first_body + ")?", bare=part))
        else:
            out.append(Part(part))
    return out
