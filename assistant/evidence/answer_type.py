"""Does a sentence hold the kind of thing the question asks for (a date, a number, a person, a place...)
that the question itself does not already name? Two signals: general shapes of English text (`type_evidence`),
and a fitted model of which named-entity labels answer a question's wh-phrase ("which country" → GPE, "how
many" → CARDINAL / QUANTITY / MONEY ...; `expected_labels`), read against the entities tagged in each sentence
at ingest (`entity_evidence`)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.calibration import MissingCalibration, fitted
from assistant.textutil import fold

_MONTHS = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|" \
          r"apr|jun|jul|aug|sep|sept|oct|nov|dec)"
_DATE = re.compile(rf"\b(1[0-9]{{3}}|20[0-9]{{2}})\b|\b{_MONTHS}\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|"
                   r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b(noon|midnight|dawn|dusk)\b|"
                   r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|century|decade)\b")
_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                     r"fifty|hundred|thousand|million|billion|trillion|dozen|several|half|third|quarter|double)\b")
_UNIT = re.compile(r"%|\bper ?cent\b|€|£|\$|¥|\b(eur|usd|gbp|euros?|dollars?|pounds?|billion|million|km|miles?|"
                   r"kilometres?|kilometers?|tonnes?|tons?|years?|months?|weeks?|days?|people|troops|soldiers)\b")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÀ-ÖØ-ÞĀ-ſ][a-zà-ÿā-ž'’-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][a-zà-ÿā-ž'’-]+)+")
_CAPWORD = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]{2,}")
_PLACE = re.compile(r"\b(in|at|near|from|to|outside|inside|across|based in|held in|located in)\s+(the\s+)?"
                    r"([A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]+)")
_SPEECH = re.compile(r"[\"“”«»]|\b(said|says|told|stated|stressed|noted|added|argued|warned|insisted|emphasi[sz]ed|"
                     r"declared|according to|believes|called for|urged|claimed|explained|announced)\b")
_BECAUSE = re.compile(r"\b(because|due to|in order to|so that|as a result|thanks to|owing to|since|aims? to|"
                      r"to ensure|to allow|led to|leads? to|leading to|caused|causing|cause of|triggered|"
                      r"trigger(ed|ing)?|result(ed|s)? (in|from)|blamed (on|for)|attributed to|prompted|sparked)\b")
_ACRO_DEF = re.compile(r"\(([A-Z][A-Za-z0-9]{1,9})\)|\bstands? for\b|\bshort for\b")


def _novel(found: list[str], question_folded: str) -> list[str]:
    return [f for f in found if fold(f) not in question_folded]


def type_evidence(kind: str, sentence: str, question: str) -> float:
    """1.0 when the sentence holds a new instance of what is asked, 0.5 for a weaker sign, else 0."""
    qf = fold(question)
    sf = fold(sentence)
    if kind == "when":
        found = [m.group(0) for m in _DATE.finditer(sf)]
        return 1.0 if _novel(found, qf) else (0.3 if found else 0.0)
    if kind == "number":
        found = [m.group(0) for m in _NUMBER.finditer(sf)]
        novel = _novel(found, qf)
        if novel and _UNIT.search(sf):
            return 1.0
        return 0.6 if novel else 0.0
    if kind == "who":
        if _novel([m.group(0) for m in _NAME.finditer(sentence)], qf):
            return 1.0
        return 0.4 if _novel([m.group(0) for m in _CAPWORD.finditer(sentence)], qf) else 0.0
    if kind == "where":
        if _novel([m.group(3) for m in _PLACE.finditer(sentence)], qf):
            return 1.0
        return 0.4 if _novel([m.group(0) for m in _CAPWORD.finditer(sentence)], qf) else 0.0
    if kind == "acronym":
        return 1.0 if _ACRO_DEF.search(sentence) else 0.0
    if kind == "list":
        n = sentence.count(",") + len(re.findall(r"\band\b", sentence))
        return min(1.0, n / 3)
    if kind == "say":
        return 1.0 if _SPEECH.search(sentence) else 0.0
    if kind == "why":
        return 1.0 if _BECAUSE.search(sf) else 0.0
    if kind in ("what", "compare", "yesno", "metadata"):
        return 0.5 if _novel([m.group(0) for m in _CAPWORD.finditer(sentence)], qf) else 0.0
    return 0.0


_WH_TAGS = frozenset(["WDT", "WP", "WP$", "WRB"])
_HOW_WORDS = frozenset(["many", "much", "long", "old", "far", "large", "big", "often", "high", "soon"])


def wh_phrase(doc: Any) -> str:
    """The words of a parsed question that say what kind of answer it wants: the wh-word with the noun it
    determines ("which country", "what year"), "how" with its measure ("how many troops"), else the wh-word;
    a question without one ("Name the ...") gives its first three words."""
    for t in doc:
        if t.tag_ not in _WH_TAGS or "relcl" in (t.head.dep_, t.head.head.dep_) or t.head.dep_ == "advcl":
            continue  # a relative pronoun ("the engineer who led ...") or a fronted clause ("When X claimed ...,
            # how did ..."), not the question's own wh-word
        if t.dep_ == "det" and t.head.pos_ in ("NOUN", "PROPN"):
            mods = [c.text for c in t.head.lefts if c.dep_ in ("compound", "amod")]
            return " ".join([t.lower_, *mods, t.head.text])
        if t.lower_ == "how" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _HOW_WORDS:
            nxt = doc[t.i + 1]
            h = nxt.head  # the measured noun right after it ("how many fighter jets"), not a misparsed verb
            near = h.pos_ == "NOUN" and h.i > nxt.i and all(
                doc[k].dep_ in ("amod", "compound", "nmod") and nxt.i < doc[k].head.i <= h.i
                for k in range(nxt.i + 1, h.i))
            head = [t.text for t in doc[nxt.i + 1 : h.i + 1]] if near else []
            return " ".join(["how", nxt.lower_, *head])
        return t.lower_
    return " ".join(t.text for t in doc[:3])


_NP_TAGS = frozenset(["JJ", "JJR", "JJS", "VBG", "VBN", "CD", "NN", "NNS", "NNP", "NNPS", "HYPH"])


def asks_for_several(doc: Any) -> bool:
    """Does the question open with "which"/"what" and a plural noun ("Which sitting senators were …", "What two
    reforms did …")? It then asks for every one of them: a list. Read from the tags of the words after the
    wh-word up to the first that cannot be part of its noun phrase (the parse of a short question is less sure)."""
    toks = list(doc)
    if not toks or toks[0].lower_ not in ("which", "what"):
        return False
    head = None
    for t in toks[1:]:
        if t.tag_ not in _NP_TAGS:
            break
        head = t
    return head is not None and head.tag_ == "NNS"


_cache: dict[str, dict[str, float]] = {}
_lock = threading.Lock()


def type_model() -> dict[str, Any] | None:
    try:
        return fitted("answer_type")
    except MissingCalibration:  # before the first fit: no entity evidence
        return None


def cached_labels(wh: str) -> dict[str, float] | None:
    """The committed model's labels for this wh-phrase, when a question asked it before (no embedding)."""
    with _lock:
        return _cache.get(wh)


def expected_labels(wh: str, embed: Callable[[list[str]], np.ndarray],
                    model: dict[str, Any] | None = None) -> dict[str, float]:
    """P(the answer is an entity of each label, or "NONE": not a named entity) for this wh-phrase."""
    got = cached_labels(wh) if model is None else None
    if got is not None:
        return got
    return labels_for_vector(wh, embed([wh])[0] if wh else None, model)


def labels_for_vector(wh: str, vec: np.ndarray | None, model: dict[str, Any] | None = None) -> dict[str, float]:
    """`expected_labels` from the wh-phrase's embedding (computed with the question's, in one model call)."""
    m = model if model is not None else type_model()
    if not m or not wh or vec is None:
        return {}
    z = np.asarray(m["coef"], dtype=np.float32) @ np.asarray(vec, dtype=np.float32)
    z = z + np.asarray(m["bias"], dtype=np.float32)
    e = np.exp(z - z.max())
    got = {lab: float(v) for lab, v in zip(m["labels"], e / e.sum(), strict=True)}
    if model is None:
        with _lock:
            if len(_cache) > 10_000:
                _cache.clear()
            _cache[wh] = got
    return got


def entity_evidence(expected: dict[str, float], entities: list[tuple[str, str]], question: str) -> float:
    """How likely the most answer-like entity the sentence names (and the question does not) is of the kind
    asked for."""
    qf = fold(question)
    return max((expected.get(label, 0.0) for text, label in entities if fold(text) not in qf), default=0.0)
