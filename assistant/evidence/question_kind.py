"""What kind of answer a question asks for, from its shape alone (who, when, how many, what X said, a list, a
comparison, the source itself, …), read past a clause or phrase fronted before its wh-word.

General English only: question words and phrases. No names of any corpus.
"""

from __future__ import annotations

import re
from typing import Literal

AnswerKind = Literal["who", "when", "where", "number", "list", "acronym", "yesno", "compare", "say", "metadata",
                     "why", "what"]

_META_Q = re.compile(r"\b(outlet|publisher|published|publication|newspaper|wrote|written|author|authored|headline|"
                     r"title of|titled|issued|released|translated|source of)\b", re.I)

# what makes a question one about the library's documents themselves: a word for the source ("which outlet …",
# "the headline"), or a word for a text beside a publishing word ("when was the report published", "who wrote the
# article"); "When was the album released?" or "Who wrote the novel?" ask about things the documents describe
_SOURCE_ITSELF = re.compile(r"\b(outlet|publisher|news agency|headline|byline)s?\b", re.I)
_TEXT_NOUN = re.compile(r"\b(report|article|story|stories|statement|release|analysis|explainer|bulletin|piece|document|"
                        r"op-ed|editorial|blog|roundup|briefing|dispatch|commentary|column|interview|readout|"
                        r"transcript|summary|news item|newsletter)s?\b", re.I)

# a fronted adverbial clause before the question proper ("When the president claimed …, how did his rival
# reply?", "If the plan fails, who pays?"): the kind is the main clause's
_FRONTED = re.compile(r"^(?:when|whenever|while|after|before|once|if|as soon as|since|although|though)\b[^,?]{3,}?,\s*"
                      r"(?=(?:what|how|who|whom|whose|which|why|where|when|is|are|was|were|did|does|do|has|have|had|"
                      r"can|could|will|would|should)\b)")


# any other phrase set before the question's own wh-word: "In the two reports on X, who …", "Apart from X, which …",
# "At the summit, what …" (the question asks what its wh-word asks)
_FRAMED = re.compile(r"^(?!(?:what|how|who|whom|whose|which|why|where|when|is|are|was|were|did|does|do|has|have|had|"
                     r"can|could|will|would|should)\b)[^,?]{3,120}?,\s*(?=(?:what|how|who|whom|whose|which|why|where|"
                     r"when)\b)", re.IGNORECASE)


def unframed(q: str) -> str:
    """The question without a clause or phrase fronted before its wh-word."""
    m = _FRONTED.match(q.lower())
    out = q[m.end():] if m else q
    return _FRAMED.sub("", out, count=1) or q


_SAID_YESNO = re.compile(r"^(did|does|do|has|have|had)\s+(?:[\w'’.-]+\s+){1,6}?(say|said|comment|commented|mention|"
                         r"mentioned|remark|remarked|speak|spoken|spoke|talk|talked|express|expressed|voice|voiced|"
                         r"warn|warned|criticise|criticised|criticize|criticized|praise|praised)\b"
                         r"(?:\s+(?:anything|something|publicly|at all))*\s+(?:on|about|of|regarding|over)\b")


# "According to the minister, what …": what someone said is the answer, unless the source named is a text ("According
# to the report, what …" asks for a fact)
_ACCORDING = re.compile(r"^according to ([^,?]{2,80}),\s*(?=what\b)", re.IGNORECASE)
_TEXT_SOURCE = re.compile(r"\b(report|reports|study|studies|survey|data|figures|statistics|article|document|documents|"
                          r"release|paper|bulletin|analysis|estimates?|census|website|roundup|brief|text|story|"
                          r"records?|statement|news|research|findings|poll|book|law|act|treaty|agreement|"
                          r"plan|rules?|guidance|list|index|table|chart|map|model|forecast|outlook)\b", re.IGNORECASE)


_TIME_NOUNS = r"(date|year|month|day|weekday|week|time|hour|decade|century|season)"
_MEASURE_NOUNS = r"(percentage|share|amount|figure|sum|proportion|number|level|size|cost|price|budget)"


def kind_of_wh(wh: str) -> AnswerKind | None:
    """The kind a parsed wh-phrase asks for by its head noun, whatever modifies it ("what calendar date", "which
    exact year" -> when; "what total amount" -> number); None for any other head."""
    words = wh.lower().split()
    if len(words) < 2 or words[0] not in ("what", "which"):
        return None
    if re.fullmatch(_TIME_NOUNS, words[-1]):
        return "when"
    return "number" if re.fullmatch(_MEASURE_NOUNS, words[-1]) else None


def answer_kind(q: str) -> AnswerKind:
    kind = _kind(q)
    m = _ACCORDING.match(q.strip())
    if kind == "what" and m and not _TEXT_SOURCE.search(m.group(1)):
        return "say"
    return kind


def _kind(q: str) -> AnswerKind:
    ql = unframed(q.lower().strip())
    if re.search(r"\bstands? for\b|\bacronym\b|\babbreviation\b|\bshort for\b", ql):
        return "acronym"
    if re.search(r"\b(which|who|what)\b.*\b(first|earlier|later|older|younger|larger|bigger|smaller|more|less|"
                 r"longer|shorter|higher|lower)\b.*\bor\b", ql):
        return "compare"
    if _META_Q.search(ql) and re.search(r"\b(which|what|who|when)\b", ql) and \
            (_SOURCE_ITSELF.search(ql) or _TEXT_NOUN.search(ql)):
        return "metadata"
    if re.match(r"^(is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)\b", ql):
        if re.search(r"\bboth\b|\beither\b|\bsame\b", ql):
            return "compare"
        # "Did X comment on Y?", "Has X said anything about Y?": what X said on Y is the answer (or that X is quoted,
        # but not on Y)
        return "say" if _SAID_YESNO.match(ql) else "yesno"
    if re.match(r"^(when|what date|what year|by when|in what year|which year|since when)\b", ql) or \
            re.search(rf"\b(what|which) {_TIME_NOUNS}\b|\bby when\b|\bhow long ago\b|\bhow soon\b", ql):
        return "when"
    if re.search(rf"\bhow (much|many|large|big|high|long|far|old|often)\b|\bwhat {_MEASURE_NOUNS}\b|\bper ?cent\b|%",
                 ql):
        return "number"
    if re.search(r"\b(what|how)(?: \w+){0,2} (did|does|do|has|have)\b.*\b(say|tell|argue|warn|claim|state|stress|call|announce|"
                 r"propose|demand|promise|suggest|insist|think|believe|want|urge|recall|mean|respond|react|ask|"
                 r"recommend|advise|appeal|pledge|vow|admit|acknowledge|concede|condemn|welcome|"
                 r"criticise|criticize|describe|characterise|characterize|reply|retort|rebut|comment|answer|explain|"
                 r"define|assess|portray|frame|hope|fear|predict|envisage|envision|"
                 r"(?:speak|talk) (?:about|of|on))\b(?!['’]s\b)|"
                 # someone's position, or a position on something ("Freedonia's stance on …", "their response to …"),
                 # not a kind of text ("opinion pieces", "a view of the river")
                 r"(\w['’]s?|\btheir|\bhis|\bher|\bits) (official |public |own )?(position|stance|view|views|opinion|"
                 r"response)\b|\b(position|stance|views?|opinion|response) (of [^?]* )?(on|about|to|toward|towards|regarding)\b|"
                 # "What advice did the coastguard give to swimmers?", "What message did she have for …"
                 r"^(what|which) (\w+ ){0,2}(advice|warnings?|messages?|recommendations?|assurances?|guidance|"
                 r"appeals?|pleas?) (did|does|do|has|have|had)\b[^?]*\b(give|given|gave|offer|offered|issue|issued|"
                 r"send|sent|deliver|delivered|have|make|made|share|shared)\b|"
                 # "What stance did the two leaders take on …"
                 r"^(what|which) (position|stance|views?|opinion)s? (did|does|do|has|have|had)\b[^?]*\b(take|taken|"
                 r"took|adopt|adopted|express|expressed|voice|voiced|have|hold|held)\b[^?]* (on|about|to|toward|towards|"
                 r"regarding|over)\b",
                 ql):
        return "say"
    if re.search(r"^(which|what) \w+ (countries|states|nations|members|ministers|organi[sz]ations|areas|"
                 r"topics|pathways|measures|steps|priorities)\b|^(which|what) (countries|states|nations|members|"
                 r"ministers|organi[sz]ations|institutions|people|participants|areas|topics|measures|steps|"
                 r"priorities|pathways)\b|\bmake up\b|\bconsists? of\b|\blist\b|\bwho (took part|participated|attended)\b|"
                 r"^(name|list) (the|all)\b", ql):
        return "list"
    if re.match(r"^(who|whom|whose)\b", ql) or re.search(r"\b(which|what) (person|minister|official|expert|man|woman|"
                                                       r"leader|politician|company|organi[sz]ation)\b", ql):
        return "who"
    if re.match(r"^where\b", ql) or re.search(r"\b(which|what) (city|country|place|town|state|region|venue)\b|"
                                             r"\bin what (city|country|place|town)\b", ql):
        return "where"
    if re.match(r"^(why|how)\b", ql) or re.search(r"^(what|which \w+) (caused|led to|triggered|prompted|sparked|drove)\b|"
                                                r"\b(what|which) (was|is|were|are) (the )?(main )?(cause|causes|reason|"
                                                r"reasons)\b|\bfor what reasons?\b|"
                                                # a cause asked for by what it is credited with or blamed for
                                                r"^to what\b.*\battribute|^(what|which)\b.*\b(attribute|attributed|"
                                                r"attributes)\b.*\bto\b|^(what|which)\b.*\b(hold|holds|held)\b.*"
                                                r"\bresponsible\b|^(what|which)\b.*\bblame[sd]?\b.*\b(for|on)\b|"
                                                r"^(what|which) (explanation|justification|reason|rationale|grounds)s? "
                                                r"(did|does|do|has|have|had|was|were)\b", ql):
        return "why"
    return "what"
