"""What a question asks for: its answer type, the entities it names, and its key terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.positions.registry import ActorRegistry
from assistant.textutil import STOPWORDS, fold, stem, tokens

QUESTION_WORDS = {
    "what", "who", "whom", "when", "where", "which", "why", "how", "much", "many", "does", "did", "do", "say",
    "said", "tell", "mention", "mentioned", "according", "document", "documents", "stand", "mean", "describe",
    "explain", "list", "name", "give", "happen", "happened", "there", "any", "anything", "about", "think",
    "view", "position", "stance", "make", "up", "is", "are", "was", "were", "expect", "expected", "source",
    "sources", "report", "article", "statement", "play", "take", "took", "get", "have", "go", "come",
    "upcoming", "recent", "recently", "role", "kind", "type", "thing", "things",
}
GENERIC_STEMS = {stem(w) for w in QUESTION_WORDS}
_CAP = re.compile(r"\b([A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][\w’'-]*(?:\s+(?:of\s+|the\s+)?[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][\w’'-]*)*)")
_ACRO = re.compile(r"\b([A-Z][A-Z0-9]{1,9}|E5)\b")
_NUM = re.compile(r"\b\d[\d,.]*\b")


@dataclass
class Entity:
    text: str
    variants: list[str]  # folded surface forms any of which counts as a mention
    kind: str  # actor | acronym | name | number

    def found_in(self, folded_text: str) -> bool:
        return any(re.search(r"(?<![\w-])" + re.escape(v) + r"(?![\w-])", folded_text) for v in self.variants)


@dataclass
class QuestionInfo:
    text: str
    kind: str  # who | when | number | acronym | list | where | why | what
    entities: list[Entity] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)  # stemmed content terms, entities' tokens excluded
    acronym: str | None = None


def answer_kind(q: str) -> str:
    ql = q.lower().strip()
    if re.search(r"\bstand for\b|\bstands for\b|\bacronym\b|\babbreviation\b", ql):
        return "acronym"
    if re.match(r"^(when|what date|what year|by when|by what year|in what year|which year)\b", ql) or \
            re.search(r"\b(what|which) (date|year|month)\b|\bby when\b", ql):
        return "when"
    if re.search(r"\bhow (much|many|large|big|high)\b|\bwhat (percentage|share|amount|figure|sum|proportion)\b|"
                 r"\bhow much\b|\bper ?cent\b|%", ql):
        return "number"
    if re.search(r"^(which|what) (countries|states|nations|members|ministers|organisations|organizations|"
                 r"institutions|people|participants|areas|topics|three|pathways)\b|\bmake up\b|\bconsists? of\b|"
                 r"\bwho (took part|participated|attended)\b|\blist\b", ql):
        return "list"
    if re.match(r"^(who|whom|whose)\b", ql) or re.search(r"\b(which|what) (minister|person|official|expert)\b", ql):
        return "who"
    if re.match(r"^where\b", ql):
        return "where"
    if re.match(r"^(why|how)\b", ql):
        return "why"
    return "what"


def analyse(question: str, registry: ActorRegistry, acronyms: dict[str, str],
            variants: dict[str, list[str]] | None = None) -> QuestionInfo:
    variants = variants or {}
    info = QuestionInfo(text=question, kind=answer_kind(question))
    covered: list[tuple[int, int]] = []
    for actor, s, e in registry.find_in_text(question):
        names = {fold(n) for n in actor.all_names()}
        info.entities.append(Entity(actor.name, sorted(names, key=len, reverse=True), "actor"))
        covered.append((s, e))
    if not any(e.kind == "actor" for e in info.entities):
        expanded = registry.expand_query(question)
        if expanded != question:
            for actor in registry.actors:
                if actor.name in expanded[len(question):]:
                    names = {fold(n) for n in actor.all_names()}
                    info.entities.append(Entity(actor.name, sorted(names, key=len, reverse=True), "actor"))
                    for tok in re.findall(r"[A-ZÀ-Ž][\w-]{3,}", question):
                        i = question.find(tok)
                        covered.append((i, i + len(tok)))

    def free(s: int, e: int) -> bool:
        return not any(s < ce and cs < e for cs, ce in covered)

    for m in _ACRO.finditer(question):
        if not free(m.start(), m.end()):
            continue
        acro = m.group(1)
        forms = [fold(acro)]
        if acro in acronyms:
            forms.append(fold(acronyms[acro]))
        forms += [fold(v) for v in variants.get(fold(acro), [])]
        info.entities.append(Entity(acro, forms, "acronym"))
        covered.append((m.start(), m.end()))
        if info.kind == "acronym" or re.search(rf"what is (the )?{re.escape(acro)}\b", question, re.I):
            info.acronym = acro
    def masked() -> str:
        chars = list(question)
        for cs, ce in covered:
            for i in range(cs, min(ce, len(chars))):
                chars[i] = " "
        return "".join(chars)

    for m in _CAP.finditer(masked()):
        if not free(m.start(), m.end()):
            continue
        phrase = m.group(1)
        words = phrase.split()
        if m.start() == 0 and words and (words[0].lower() in QUESTION_WORDS or words[0].lower() in STOPWORDS):
            words = words[1:]  # a sentence-initial question word is not a name
        phrase = " ".join(words)
        words = [w for w in phrase.split() if w.lower() not in QUESTION_WORDS | {"of", "the"}]
        if not words:
            continue
        phrase = " ".join(words)
        f = fold(phrase)
        forms = [f, *[fold(v) for v in variants.get(f, [])]]
        if f.endswith("'s") or f.endswith("’s"):
            forms.append(f[:-2])
        info.entities.append(Entity(phrase, forms, "name"))
        covered.append((m.start(), m.end()))
    for m in _NUM.finditer(question):
        if free(m.start(), m.end()) and m.group(0) not in {"5"}:
            info.entities.append(Entity(m.group(0), [m.group(0)], "number"))
    info.terms = {t for t in tokens(fold(masked())) if t not in GENERIC_STEMS}
    return info
