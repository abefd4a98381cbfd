"""Query-side helpers of retrieval: acronym expansion, date keys for filters, title overlap, the expander seam."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from assistant.textutil import fold, tokens


def date_int(iso: str | None) -> int:
    if not iso:
        return 0
    parts = ([*iso.split("-"), "01", "01"])[:3]
    try:
        return int(parts[0]) * 10000 + int(parts[1]) * 100 + int(parts[2])
    except ValueError:
        return 0


_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w-]*[ &]+(?:(?:and|of|for|the|&) +)?){1,8})\(([A-Z][A-Za-z0-9]{1,9})\)")


def find_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """'Integrated Water Resources Management (IWRM)' -> {'IWRM': 'Integrated Water ...'}."""
    found: dict[str, str] = {}
    for text in texts:
        for m in _ACRONYM_DEF.finditer(text):
            words = m.group(1).split()
            acro = m.group(2)
            initials = [w for w in words if w[0].isupper()]
            if len(initials) >= 2 and acro[0].upper() == initials[0][0].upper():
                found.setdefault(acro, " ".join(words[-(len(words)):]))
    return found


def expand_acronyms(query: str, acronyms: dict[str, str]) -> str:
    extra = [acronyms[t] for t in re.findall(r"\b[A-Z][A-Za-z0-9]{1,9}\b", query) if t in acronyms]
    return query if not extra else query + " " + " ".join(extra)




class QueryExpander(Protocol):
    def expand_query(self, query: str) -> str: ...


class _NoExpansion:
    def expand_query(self, query: str) -> str:
        return query


def title_overlap(query: str, title: str) -> float:
    """Share of the title's content words the query names (a passage's subject is often only its title)."""
    tt = set(tokens(title))
    if not tt:
        return 0.0
    return round(len(tt & set(tokens(query))) / len(tt), 4)


_DISAMBIGUATION = re.compile(r"\s*\([^)]*\)\s*$")


def title_key(title: str) -> str:
    """A title as another text would name it: folded, a trailing parenthesis ("Alien (film)") dropped."""
    return " ".join(fold(_DISAMBIGUATION.sub("", title or "")).split())
