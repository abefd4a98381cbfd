"""Which capitalised words of a question are names, and other names of the places it names."""

from __future__ import annotations

import re

from assistant.evidence.inflection import can_be_verb
from assistant.evidence.places import capital_names, country_of_capital
from assistant.language import nlp
from assistant.textutil import STOPWORDS


def capitalised_verbs(q: str) -> list[tuple[int, int]]:
    """Capitalised words (not the first) that are no part of a name: the verb ending a capitalised run after "did"
    or a modal ("Who did Emma Marry?", "When Did Tom Berg Resign?"; not "Manchester United", "Kiss and Tell"), and
    in a question in Title Case its function words ("Did", "The", "About"), whose capitals say nothing about names.
    The run's last word is read in lower case by the parser, and must be a verb the lexicon knows."""
    words = list(re.finditer(r"[^\W\d_][\w'’-]*", q))[1:]
    caps = {m.start() for m in words if m.group(0)[0].isupper() and not m.group(0).isupper()}
    if not caps:
        return []
    title_case = len(caps) >= 3 and len(caps) >= 0.7 * len(words)
    out = [(m.start(), m.end()) for m in words
           if title_case and m.start() in caps and m.group(0).lower() in STOPWORDS]
    lowered = {s for s, _e in out}

    def capital(i: int) -> bool:
        return i < len(words) and words[i].start() in caps and words[i].start() not in lowered

    aux = re.search(r"\b(?:did|does|do|will|would|can|could|should|may|might|must)\b", q, re.IGNORECASE)
    ends = [m for i, m in enumerate(words) if capital(i) and not (capital(i + 1) and
                                                                 q[m.end():words[i + 1].start()].strip() == "")
            and aux is not None and aux.end() < m.start()  # a verb there needs do-support or a modal before it
            and i > 0 and capital(i - 1) and q[words[i - 1].end():m.start()].strip() == ""]  # after its subject
    if not ends:
        return out
    text = list(q)
    for s_, e_ in out + [(m.start(), m.end()) for m in ends]:
        text[s_:e_] = q[s_:e_].lower()
    by_start = {t.idx: t for t in nlp()("".join(text))}
    return out + [(m.start(), m.end()) for m in ends
                  if (t := by_start.get(m.start())) is not None and t.pos_ == "VERB" and can_be_verb(m.group(0))]


def capital_named(q: str, text: str, s: int, e: int) -> tuple[list[str], int, int] | None:
    """The capital a question names through its country ("the Kenyan capital", "Kenya's capital", "the capital of
    Kenya"): its names, and the span of the whole phrase, which names the capital and not the country."""
    name = re.sub(r"(?:'s|’s)$", "", text)
    after = text[len(name):] + q[e:]
    m = re.match(r"(?:'s|’s)?\s+capital(?: city)?\b", after)
    before = re.search(r"\bcapital (?:city )?of (?:the )?$", q[:s])
    names = capital_names(name) if m or before else []
    if not names:
        return None
    start = before.start() if before else s
    end = e + m.end() - (len(text) - len(name)) if m else e  # through "capital" after the name
    return names, start, end


def place_aliases(q: str, text: str, s: int, e: int) -> list[str]:
    """A capital's country where the capital stands for its government ("Nairobi's response")."""
    name = re.sub(r"(?:'s|’s)$", "", text)
    if re.match(r"(?:'s|’s)\s", text[len(name):] + q[e:]):
        return country_of_capital(name)
    return []
