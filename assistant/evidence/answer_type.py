"""Does a sentence hold the kind of thing the question asks for (a date, a number, a person, a place...)
that the question itself does not already name? General shapes of English text only."""

from __future__ import annotations

import re

from assistant.textutil import fold

_MONTHS = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|" \
          r"apr|jun|jul|aug|sep|sept|oct|nov|dec)"
_DATE = re.compile(rf"\b(1[0-9]{{3}}|20[0-9]{{2}})\b|\b{_MONTHS}\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b|"
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
