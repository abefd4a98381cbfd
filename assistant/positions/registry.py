"""Actor registry from a YAML data file; exact alias lookup, then fuzzy matching with a confidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from assistant.errors import UnknownActor
from assistant.textutil import fold


@dataclass(eq=False)
class Actor:
    name: str
    role: str = ""
    organisation: str = ""
    country: str = ""
    aliases: list[str] = field(default_factory=list)
    surname_aliases: list[str] = field(default_factory=list)
    pronoun: str = ""

    def all_names(self) -> list[str]:
        return sorted({self.name, *self.aliases}, key=len, reverse=True)


@dataclass
class Match:
    actor: Actor
    confidence: float  # 0..1
    matched: str


class ActorRegistry:
    def __init__(self, actors: list[Actor], path: Path | None = None,
                 variants: list[list[str]] | None = None) -> None:
        self.actors = actors
        self.path = path
        self.variant_groups = variants or []
        self.variants: dict[str, list[str]] = {}
        for group in self.variant_groups:
            for v in group:
                self.variants[fold(v)] = [g for g in group if g != v]
        self._alias: dict[str, Actor] = {}
        for a in actors:
            for n in a.all_names():
                self._alias[fold(n)] = a
        names = sorted(self._alias, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])") if names else None
        )

    @classmethod
    def load(cls, path: Path) -> ActorRegistry:
        if not path.exists():
            return cls([], path)
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        actors = [Actor(**{k: v for k, v in a.items() if k in Actor.__dataclass_fields__}) for a in data.get("actors", [])]
        return cls(actors, path, data.get("variants") or [])

    def add(self, actor: Actor) -> None:
        """Add (or extend) an actor and persist the registry file."""
        existing = self._alias.get(fold(actor.name))
        if existing:
            existing.aliases = sorted({*existing.aliases, *actor.aliases})
        else:
            self.actors.append(actor)
        self.__init__(self.actors, self.path, self.variant_groups)  # type: ignore[misc]
        if self.path:
            payload = {"actors": [a.__dict__ for a in self.actors], "variants": self.variant_groups}
            self.path.write_text(yaml.safe_dump(payload, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def resolve(self, name: str, min_score: float = 80.0) -> Match:
        """Exact alias (diacritics folded), else fuzzy. Raises UnknownActor listing close matches."""
        key = fold(name.strip())
        if not key:
            raise UnknownActor("empty actor name")
        if key in self._alias:
            return Match(self._alias[key], 1.0, name)
        choices = list(self._alias)
        best = process.extractOne(key, choices, scorer=fuzz.WRatio)
        # WRatio alone matches on fragments ("Kalashnikov" ~ "Kallas"); the plain ratio must agree
        if best and best[1] >= min_score and fuzz.ratio(key, best[0]) >= 75:
            return Match(self._alias[best[0]], best[1] / 100.0, best[0])
        close = process.extract(key, choices, scorer=fuzz.WRatio, limit=8)
        suggestions: list[str] = []
        for alias, _score, _ in close:
            canonical = self._alias[alias].name
            if canonical not in suggestions:
                suggestions.append(canonical)
        hint = f"; close matches: {', '.join(suggestions[:3])}" if suggestions else ""
        raise UnknownActor(f"unknown actor '{name}'{hint}")

    def find_in_text(self, text: str) -> list[tuple[Actor, int, int]]:
        """Mentions of registry actors in text (folded, so 'Kraków'-style diacritics do not matter)."""
        if self._pattern is None:
            return []
        folded = fold(text)  # same length as text for the scripts in the corpus, so offsets carry over
        return [(self._alias[m.group(1)], m.start(), m.end()) for m in self._pattern.finditer(folded)]

    def expand_query(self, query: str) -> str:
        """Append canonical names and aliases for actors the query names, including fuzzy variants."""
        found: list[Actor] = [a for a, _, _ in self.find_in_text(query)]
        if not found:
            for tok in re.findall(r"[A-ZÀ-Ž][\w-]{3,}", query):
                best = process.extractOne(fold(tok), [fold(s) for a in self.actors for s in a.surname_aliases],
                                          scorer=fuzz.ratio)
                if best and best[1] >= 80:
                    found.extend(a for a in self.actors if fold(best[0]) in [fold(s) for s in a.surname_aliases])
        extra: list[str] = []
        for a in dict.fromkeys(found):
            extra.extend([a.name, *a.surname_aliases])
        return query if not extra else query + " " + " ".join(dict.fromkeys(extra))
