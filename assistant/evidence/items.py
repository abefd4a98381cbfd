"""What a question asks for, as items an evidence set must cover: the answer type, the named things
(entities) and the key terms, each weighted by how rare it is in the library.

General English only: question words, date/number shapes and capitalisation. No names of any corpus.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from assistant.evidence.answer_type import asks_for_several, wh_phrase
from assistant.evidence.inflection import action_verbs, derived_nouns, inflections
from assistant.evidence.names import capital_named, capitalised_verbs, place_aliases
from assistant.evidence.question_kind import AnswerKind, answer_kind, kind_of_wh, unframed
from assistant.textutil import STOPWORDS, fold, number_words, skeleton, stem, tokens, undot

# Words that frame a question rather than name what it is about.
QUESTION_WORDS = frozenset(["what", "who", "whom", "whose", "when", "where", "which", "why", "how", "much", "many", "does", "did", "do", "say", "said", "says", "tell", "told", "mention", "mentioned", "according", "document", "documents", "stand", "stands", "mean", "means", "describe", "explain", "list", "name", "give", "happen", "happened", "there", "any", "anything", "about", "think", "view", "position", "stance", "make", "up", "is", "are", "was", "were", "expect", "expected", "source", "sources", "report", "article", "statement", "play", "take", "took", "get", "have", "go", "come", "kind", "type", "thing", "things", "also", "other", "both", "either", "neither", "one", "ones", "please"])
GENERIC_STEMS = frozenset(stem(w) for w in QUESTION_WORDS)
_CAP = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ][\w’'.-]*(?:\s+(?:(?:of|the|de|la|von|van|der|for|and|du|di)\s+)*"
                  r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ0-9][\w’'.-]*)*")
_ACRO = re.compile(r"\b[A-Z][A-Z0-9&-]{1,9}s?\b")
_NUM = re.compile(r"\b\d[\d,.]*\b")
# fixed adverbial phrases, which say how or how much but name nothing the answer is about (lower case only: "In
# General Smith's view" is no "in general")
_IDIOM = re.compile(r"\b(?:so far|thus far|at least|at most|as well|of course|in fact|at all|for example|for instance|"
                    r"in particular|by far|after all|so-called)\b")
_QUOTED = re.compile(r"(?<!\w)[\"“«']([^\"”»']{3,80})[\"”»'](?!\w)")  # not the apostrophes of "X's ... Y's"


class Lexicon(Protocol):
    """What the library knows about words: passage frequencies and spelling variants."""

    def df(self, token: str) -> int: ...

    def n_passages(self) -> int: ...

    def similar_tokens(self, token: str, name: bool = False) -> list[str]: ...

    def aliases(self, phrase: str) -> list[str]: ...


@dataclass
class Item:
    key: str  # "E:<name>", "T:<stem>" or "A:<kind>"
    text: str  # as the question says it
    kind: Literal["entity", "term", "answer"]
    forms: list[str] = field(default_factory=list)  # folded surface forms (entities) or stems (terms)
    aliases: list[str] = field(default_factory=list)  # folded alias forms from the library's data
    weight: float = 1.0
    df: int = 0  # passages of the library holding it (spelling variants included)
    required: bool = False
    surface: str = ""  # a term as the question writes it ("dialled" for the stem "diall")
    focus: bool = False  # the thing the answer is an instance of ("how many *tanks*", "which *company*")
    kind_noun: str = ""  # what the question calls a named thing ("the Delta *plan*"): "the plan" may refer to it

    @property
    def label(self) -> str:
        """The item as the question writes it ("located", not the stem "locat")."""
        return self.surface if self.kind == "term" and self.surface else self.text


@dataclass
class QuestionItems:
    question: str
    kind: AnswerKind
    entities: list[Item] = field(default_factory=list)
    terms: list[Item] = field(default_factory=list)
    answer: Item | None = None
    sides: list[str] = field(default_factory=list)  # a comparison's sides ("which of X and Y")
    recent: bool = False  # "latest", "most recent", "currently": newer documents first
    year: str | None = None  # "in 2025": documents of that year first
    wh: str = ""  # the words saying what kind of answer is wanted ("which country", "how many", "who")

    @property
    def items(self) -> list[Item]:
        return [*self.entities, *self.terms]

    @property
    def core(self) -> Item | None:
        """The rarest named thing (or, with none named, the rarest key term): what the question is about."""
        pool = self.entities or self.terms
        return max(pool, key=lambda i: i.weight) if pool else None

    @property
    def focus(self) -> Item | None:
        return next((t for t in self.terms if t.focus), None)

    @property
    def unknown(self) -> list[Item]:
        """Named things the library never mentions, under any spelling."""
        return [e for e in self.entities if e.df == 0]


# Nouns that name an answer type rather than a thing: the answer-type check covers them ("which year").
_TYPE_NOUNS = frozenset(["date", "year", "month", "day", "weekday", "week", "time", "hour", "decade", "century",
                         "number", "amount", "percentage", "share", "sum", "proportion", "figure", "level", "size", "person", "people", "man", "woman", "place", "city",
                         "country", "town", "name", "way", "reason", "kind", "type", "sort", "one", "ones"])
_TYPE_STEMS = frozenset(stem(w) for w in _TYPE_NOUNS)
_COPULA = frozenset(["is", "are", "was", "were", "'s", "’s", "will", "be", "would", "has", "have", "been"])


def parse(question: str) -> Any:
    from assistant.language import nlp

    return nlp()(question)


def focus_word(question: str, doc: Any = None) -> str | None:
    """The head noun of what the question asks for, from its parse: the noun that the wh-word determines
    ("How many fighter *jets* ...", "Which *company* won ...") or, in "What/Who is the N of ...", that N
    ("the *budget* of ..."). None when it is only an answer type ("which year") or there is none."""
    doc = doc if doc is not None else parse(question)
    chunks = list(doc.noun_chunks)
    head = None
    for i, ch in enumerate(chunks):
        has_wh = any(t.lower_ in ("which", "what", "whose") or (t.lower_ in ("many", "much") and t.i > 0
                                                                 and doc[t.i - 1].lower_ == "how") for t in ch)
        if has_wh and ch.root.pos_ == "NOUN":
            nouns = [t.lower_ for t in ch if t.pos_ == "NOUN"]
            head = None if any(stem(n) in _TYPE_STEMS for n in nouns) else ch.root.lower_
            break
        is_wh_pron = any(t.lower_ in ("what", "who", "which") for t in ch)
        if is_wh_pron and ch.root.pos_ == "PRON" and i + 1 < len(chunks):
            nxt = chunks[i + 1]
            between = doc[ch.end : nxt.start]
            if nxt.root.pos_ == "NOUN" and len(between) and all(t.lower_ in _COPULA for t in between):
                head = nxt.root.lower_
            break
    if head is None or stem(head) in _TYPE_STEMS:
        return None
    return head


def _span_words(phrase: str, at_start: bool) -> list[str]:
    words = phrase.split()
    while words and at_start and (words[0].lower() in QUESTION_WORDS or words[0].lower() in STOPWORDS):
        words = words[1:]
        at_start = True
    return [w for w in words if w.lower() not in QUESTION_WORDS and w.lower() not in ("the",)]


def _kind_noun(doc: Any, end: int) -> str:
    """The common noun a name ending at char `end` modifies as a compound ("the Delta *plan*", "the Riverton
    *meeting*"): the kind of thing the name is, when the parse says so."""
    last = next((t for t in reversed(doc) if t.idx < end), None)
    if last is None or last.dep_ != "compound" or last.head.i <= last.i or last.head.pos_ != "NOUN":
        return ""
    return str(last.head.lemma_).lower()


def _entity_df(forms: list[str], lex: Lexicon) -> int:
    """Passages naming the entity: the rarest of its tokens bounds it; spelling variants of that token count."""
    best = 0
    for form in forms:
        toks = [t for t in tokens(form) if t]
        if not toks:
            continue
        counts = []
        for t in toks:
            n = lex.df(t)
            if n == 0:
                n = max((lex.df(v) for v in lex.similar_tokens(t, name=True)), default=0)
            counts.append(n)
        best = max(best, min(counts))
    return best


_JOINED = re.compile(r"\s*[-–—/]\s*")
_AND = re.compile(r"\s+(?:and|&)\s+")


def _joined_parts(ent: Item, lex: Lexicon, n: int) -> list[Item]:
    """A joined name the library never writes ("Turkey-Libya deal", "US/China"): its parts, when the library
    names each of them; else the name as it is."""
    return [ent] if ent.df > 0 else _parts(ent, _JOINED.split(ent.text), lex, n)


def _coordinated(ent: Item, lex: Lexicon, n: int) -> list[Item]:
    """Names joined by "and" that the capitalised-run pattern took as one ("Vance and Lee", "the Bank of X and the
    Y Agency"): each name on its own, when each is a name the library knows. A name with "and" inside it is then
    two items that its full form covers both of."""
    parts = _AND.split(ent.text)
    return _parts(ent, parts, lex, n) if all(p.strip()[:1].isupper() for p in parts) else [ent]


def _parts(ent: Item, pieces: list[str], lex: Lexicon, n: int) -> list[Item]:
    """The pieces of a name as items of their own, when there are several and the library names each; else the
    name as it is."""
    parts = [p.strip() for p in pieces if p.strip()]
    if len(parts) < 2:
        return [ent]
    out = []
    for p in parts:
        f = fold(p)
        aliases = [a for a in (fold(x) for x in lex.aliases(p)) if a != f]
        df = _entity_df([f, *aliases], lex)
        if df == 0:
            return [ent]
        out.append(Item("E:" + f, p, "entity", forms=[f], aliases=aliases, df=df,
                        weight=2.0 * math.log((n + 1) / (df + 0.5))))
    return out


_ASKED = {"who": "who", "when": "when", "where": "where", "acronym": "what it stands for", "say": "what was said",
          "metadata": "the source asked about", "number": "how many or how much", "list": "which ones"}


def asked_for(kind: str, wh: str) -> str:
    """What the question asks for, in words a refusal can name ("when", "how many drones", "which country"): the
    question's own wh-phrase when it holds more than its wh-word, else a phrase for the kind of answer."""
    words = wh.split()
    if len(words) > 1 and words[0].lower() in ("which", "what", "whose", "how"):
        return wh.lower()
    return _ASKED.get(kind, "what is asked")


def analyse(question: str, lex: Lexicon) -> QuestionItems:
    q = question.strip()
    info = QuestionItems(question=q, kind=answer_kind(q))
    doc = parse(q)
    bare = unframed(q)
    bare_doc = doc if bare == q else parse(bare)
    info.wh = wh_phrase(bare_doc)
    if info.kind == "what" and asks_for_several(bare_doc):
        info.kind = "list"
    if info.kind == "what":
        info.kind = kind_of_wh(info.wh) or info.kind
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    def add_entity(text: str, s: int, e: int, acronym: bool = False) -> None:
        f = undot(fold(text)).strip(" '’.")
        if f.endswith(("'s", "’s")):
            f = f[:-2]
        # an acronym spelled like a word ("WHO") is a name where the library knows it by another name ("World
        # Health Organization (WHO)"), unless the whole question is in capitals
        word = f in STOPWORDS or f in QUESTION_WORDS
        named = word and acronym and q.upper() != q
        if not f or (word and not named) or any(x.key == "E:" + f for x in info.entities):
            return
        capital = capital_named(q, text, s, e)
        if capital is not None:  # "the Kenyan capital" names Nairobi, not Kenya
            names, s, e = capital
            aliases = [fold(a) for a in names] + [f + " capital"]
            text, f = names[0], fold(names[0])
        else:
            aliases = [undot(fold(a)) for a in lex.aliases(re.sub(r"(?:'s|’s)$", "", text))] + \
                [fold(a) for a in place_aliases(q, text, s, e)] \
                + number_words(f)  # ("45" in the question, "forty-five percent" in the text)
            if named and not _entity_df(aliases, lex):
                return
        item = Item("E:" + f, text, "entity", forms=[f], aliases=list(dict.fromkeys(a for a in aliases if a != f)),
                    kind_noun=_kind_noun(doc, e))
        info.entities.append(item)
        taken.append((s, e))

    for m in _QUOTED.finditer(q):
        add_entity(m.group(1), m.start(), m.end())
    for m in _ACRO.finditer(q):
        if free(m.start(), m.end()) and m.group(0) not in {"I", "A"}:
            add_entity(m.group(0), m.start(), m.end(), acronym=True)
    masked_q = list(q)
    for s_, e_ in taken:
        masked_q[s_:e_] = " " * (e_ - s_)
    for s_, e_ in capitalised_verbs(q):  # "Who did Emma Marry?": the verb is no part of the name
        if free(s_, e_):
            masked_q[s_:e_] = q[s_:e_].lower()
    for m in _CAP.finditer("".join(masked_q)):
        if not free(m.start(), m.end()):
            continue
        words = _span_words(m.group(0), at_start=m.start() == 0)
        if m.start() == 0 and words and len(doc) and words[0] == doc[0].text and doc[0].pos_ != "PROPN":
            words = words[1:]  # capitalised only because it opens the question ("Besides ...", "Apart ...")
        if words:
            add_entity(" ".join(words).rstrip("?.,;:"), m.start(), m.end())
    for m in _NUM.finditer(q):
        if free(m.start(), m.end()):
            add_entity(m.group(0).rstrip(".,"), m.start(), m.end())

    masked = list(q)
    for s, e in taken:
        masked[s:e] = " " * (e - s)
    for m in _IDIOM.finditer(q):  # "so far", "at least": a fixed phrase, no key term ("far" is no topic)
        masked[m.start() : m.end()] = " " * (m.end() - m.start())
    n = max(1, lex.n_passages())
    seen: set[str] = set()
    surface: dict[str, str] = {}
    for w in "".join(masked).split():
        for t in tokens(w):
            surface.setdefault(t, w.strip("?.,;:!\"'()“”"))
    for t in tokens("".join(masked)):
        if t in GENERIC_STEMS or t in seen or len(t) < 2:
            continue
        seen.add(t)
        # the word's other inflections the library writes ("flee": "fled"), and a verb's agent and action nouns
        # ("spending": "spenders", "elected": "election") and an action noun's verb ("endorsement": "endorsed"), as
        # further forms of the term
        word = surface.get(t, t)
        forms = [t, *dict.fromkeys(v for f in inflections(word) + derived_nouns(word) + action_verbs(word)
                                   for v in tokens(f)[:1]
                                   if v != t and lex.df(v) > 0)]
        df = max(lex.df(f) for f in forms) or max((lex.df(v) for v in lex.similar_tokens(t)), default=0)
        info.terms.append(Item("T:" + t, t, "term", forms=forms, weight=math.log((n + 1) / (df + 0.5)), df=df,
                               surface=surface.get(t, t)))
    head = focus_word(q, doc)
    if head is not None:
        for term in info.terms:
            if term.key == "T:" + (tokens(head) or [""])[0]:
                term.focus = True
    for ent in info.entities:
        ent.df = _entity_df(ent.forms + ent.aliases, lex)
        ent.weight = 2.0 * math.log((n + 1) / (ent.df + 0.5))
    info.entities = [p for ent in info.entities for p in _joined_parts(ent, lex, n)]
    info.entities = list({p.key: p for ent in info.entities for p in _coordinated(ent, lex, n)}.values())
    if info.kind == "compare":
        cm = re.search(r"\b(?:of|between)?\s*([^,?]+?)\s+(?:or|and)\s+([^,?]+?)\s*(?:,|\?|$|\b(?:is|was|has|had|"
                      r"did|were|are)\b)", q)
        if len(info.entities) >= 2:
            info.sides = [e.text for e in info.entities[:2]]
        elif cm:
            info.sides = [cm.group(1).strip(), cm.group(2).strip()]
    info.recent = bool(re.search(r"\b(latest|most recent|newest|recently|currently|current|nowadays|so far)\b", q, re.I))
    ym = re.search(r"\b(?:in|during|since|of)\s+((?:19|20)\d{2})\b", q)
    info.year = ym.group(1) if ym else None
    if info.kind not in ("what", "why", "yesno", "compare"):
        info.answer = Item("A:" + info.kind, asked_for(info.kind, info.wh), "answer", required=True)
    core = info.core
    if core is not None:
        core.required = True
    return info


_INITIALISM = re.compile(r"([A-Z]{2,6})(\d{1,4})?")  # "CDC", and one numbered: "COP28", "HRC61" (a session)
_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|on|in|&)\s+)*[A-Z][\w'’-]*)*")
_JOINERS = frozenset(["of", "for", "and", "the", "on", "in", "&"])


def initialism_of(acronym: str, text: str) -> list[str]:
    """Names in the text whose capitalised words' initials spell the acronym ("CDC" -> "Centers for Disease
    Control", inside "Centers for Disease Control and Prevention"): the long form a text may use instead."""
    out: list[str] = []
    for m in _NAME_RUN.finditer(text):
        words = m.group(0).split()
        for i, w in enumerate(words):
            if w.lower() in _JOINERS or w[0] != acronym[0]:
                continue
            caps: list[str] = []
            for j in range(i, len(words)):
                if words[j].lower() in _JOINERS:
                    continue
                caps.append(words[j][0])
                if len(caps) == len(acronym):
                    if "".join(caps) == acronym:
                        out.append(" ".join(words[i : j + 1]))
                    break
    return list(dict.fromkeys(out))


def _numbered(form: str, number: str, text: str) -> bool:
    """Does the text write the number (or its ordinal) within a few words of the long form?"""
    num = rf"(?<!\d){number}(?:st|nd|rd|th)?(?!\d)"
    return re.search(rf"{num}\W+(?:\w+\W+){{0,4}}?{re.escape(form)}|{re.escape(form)}\W{{1,3}}{num}", text) is not None


def resolve_initialisms(items: QuestionItems, texts: list[str], lex: Lexicon) -> None:
    """An acronym the library never writes ("CDC") is known when the passages found write its long form: that
    form becomes its alias (matched like any other spelling), and it is no longer reported as unknown."""
    for ent in items.unknown:
        m = _INITIALISM.fullmatch(ent.text)
        if m is None:
            continue
        letters, number = m.group(1), m.group(2)
        # a numbered one ("HRC61"): its long form with the number beside it ("Human Rights Council 61", "the 61st
        # session of the Human Rights Council")
        forms = list(dict.fromkeys(f for t in texts for f in initialism_of(letters, t)
                                   if number is None or _numbered(f, number, t)))[:2]
        if not forms:
            continue
        ent.aliases += [fold(f) for f in forms]
        ent.df = _entity_df(ent.forms + ent.aliases, lex)
        ent.weight = 2.0 * math.log((max(1, lex.n_passages()) + 1) / (ent.df + 0.5))


def skeleton_match(a: str, b: str) -> bool:
    return skeleton(a) == skeleton(b)
