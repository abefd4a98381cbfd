"""Actor registry from a YAML data file; exact alias lookup, then fuzzy matching with a confidence."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from assistant.errors import UnknownActor
from assistant.textutil import fold, tokens


def _case_fold(text: str) -> str:
    """Diacritics stripped, case kept: 'Söderström' -> 'Soderstrom' (same length for Latin scripts)."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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


_JOINING = frozenset(["of", "the", "for", "and", "on", "in"])
# head nouns that fit any leading role ("the defence chief" for a minister of defence)
_GENERIC_HEADS = frozenset(tokens("chief head leader boss"))
# one who comments from knowledge, by any of its names: "the Freedonian analyst" is a registered "Expert, … Freedonia"
_COMMENTATORS = frozenset(tokens("expert analyst specialist commentator observer scholar pundit academic"))


def holds(word: str, words: set[str]) -> bool:
    """A description word in a profile: the same stem, or one a prefix of the other from five letters, the rest a
    suffix of up to four ("Kenyan" for "Kenya", "Sudanese" for "Sudan"; not "coastguard" for "coast"; an irregular
    one, "Dutch" for "Netherlands", only through the organisation's own words: "Dutch government")."""
    return word in words or any(min(len(word), len(w)) >= 5 and abs(len(word) - len(w)) <= 4 and
                                (w.startswith(word) or word.startswith(w)) for w in words)


def describes(description: str, role: set[str], profile: set[str]) -> bool:
    """Does a role description ("the Spanish water minister") fit a person whose role has these words and whose
    whole profile (role, organisation, country) has these: every word before the head noun is in the profile, and
    the head noun is in the role, or a generic "chief"/"head"/"leader", or another word for a commentator. A bare
    "the minister" says too little."""
    words = tokens(description)
    if len(words) < 2:
        return False
    *mods, head = words
    return all(holds(w, profile) for w in mods) and (holds(head, role) or head in _GENERIC_HEADS or (
        head in _COMMENTATORS and bool(role & _COMMENTATORS)))


def _initials(*names: str) -> set[str]:
    """Initials of multi-word names, lower case ("United Nations" -> "un")."""
    out = set()
    for n in names:
        caps = [w[0] for w in n.split() if w[:1].isupper()]
        if len(caps) >= 2:
            out.add("".join(caps).lower())
    return out


def _close_surname(x: str, y: str) -> bool:
    """Another transliteration of the same surname ("Kovalenkov" ~ "Kovalenkow"): long, same initial, close spelling;
    not a word and its derivative ("Iraq" / "Iraqi")."""
    return min(len(x), len(y)) >= 6 and x[0] == y[0] and fuzz.ratio(x, y) >= 88


def _untitled(words: list[str]) -> list[str]:
    """A name without the form of address or role before it ("lord keen" -> "keen", "senator ana ruiz" -> "ana
    ruiz"); a title alone is kept."""
    from assistant.positions.nouns import HONORIFICS, HUMAN_NOUNS

    i = 0
    while i < len(words) - 1 and (words[i].rstrip(".") in HONORIFICS or words[i] in HUMAN_NOUNS):
        i += 1
    return words[i:]


def same_person(asked: str, speaker: str) -> bool:
    """Does a name as the user types it denote a speaker as a document names them? The same name (diacritics and
    case folded), a surname alone for a full name either way round, or the same surname with a compatible first
    name or initial; a close spelling of a full name (transliterations of a surname: "Petrovskaya" ~ "Petrovska")."""
    a, s = fold(asked).replace("’s", "").split(), fold(speaker).replace("’s", "").replace("'s", "").split()
    a, s = _untitled(a), _untitled(s)
    if not a or not s:
        return False
    if a == s:
        return True
    if len(a) == 1 or len(s) == 1:
        one, full = (a, s) if len(a) == 1 else (s, a)
        if _JOINING & set(full):  # "the Ministry of X", "the Board for Y": a body, not a person with a surname
            return False
        if len(full) == 1:  # two single words: only the same word (a demonym is not its country)
            return False
        return len(one[0]) > 2 and (one[0] == full[-1] or _close_surname(one[0], full[-1]))
    if a[-1] == s[-1] or _close_surname(a[-1], s[-1]):
        fa, fs = a[0].rstrip("."), s[0].rstrip(".")
        return fuzz.ratio(fa, fs) >= 80 or (min(len(fa), len(fs)) == 1 and fa[0] == fs[0])
    return fuzz.ratio(" ".join(a), " ".join(s)) >= 90


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
        # single-word names ("Bush", "Park", "Rose") match only capitalised, so a surname that is also an
        # ordinary word never matches the word; multi-word names and titles match case-insensitively
        self._single: dict[str, Actor] = {}
        for a in actors:
            for n in a.all_names():
                if " " not in n.strip() and n[:1].isupper():
                    self._single[_case_fold(n)] = a
        multi = sorted((k for k in self._alias if " " in k or k not in {fold(x) for x in self._single}),
                       key=len, reverse=True)
        multi = [k for k in multi if fold(k) not in {fold(x) for x in self._single} or " " in k]
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in multi) + r")(?![\w-])") if multi else None
        )
        singles = sorted(self._single, key=len, reverse=True)
        self._single_pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in singles) + r")(?![\w-])") if singles else None
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
        """Exact alias (diacritics folded), a registered surname, a role description that fits one actor, else
        fuzzy. Raises UnknownActor listing close matches."""
        key = fold(name.strip())
        if not key:
            raise UnknownActor("empty actor name")
        if key in self._alias:
            return Match(self._alias[key], 1.0, name)
        by_surname = {a.name: a for a in self.actors if key in {fold(x) for x in a.surname_aliases}}
        if len(by_surname) == 1:  # "Sanders" for the one registered actor of that surname
            return Match(next(iter(by_surname.values())), 0.9, name)
        roles = self.role_fits(name)  # "the Spanish water minister"
        if len(roles) == 1:
            return Match(roles[0], 0.8, name)
        if roles:
            fits = "; ".join(f"{a.name} ({a.role})" if a.role else a.name for a in roles[:5])
            raise UnknownActor(f"'{name}' fits several actors: {fits}; name one")
        choices = list(self._alias)
        best = process.extractOne(key, choices, scorer=fuzz.WRatio)
        # WRatio alone matches on fragments ("Johansson" ~ "Johan"); the plain ratio must agree
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

    def by_role(self, description: str) -> Match | None:
        """The one actor a role description names ("the Spanish water minister", "the UN refugee chief"):
        every word before its head noun is in the actor's role, organisation or country (an organisation's
        initials count: "UN"), and the head noun is in the role or a generic "chief"/"head"/"leader". None when no
        actor or several fit, or the description says too little (a bare "the minister")."""
        hits = self.role_fits(description)
        return Match(hits[0], 0.8, description) if len(hits) == 1 else None

    def role_fits(self, description: str) -> list[Actor]:
        """Every actor a role description fits (see `by_role`)."""
        hits = []
        for a in self.actors:
            role = set(tokens(a.role))
            if describes(description, role, role | set(tokens(f"{a.organisation} {a.country}")) |
                         _initials(a.organisation, a.country)):
                hits.append(a)
        return hits

    def find_in_text(self, text: str) -> list[tuple[Actor, int, int]]:
        """Mentions of registry actors in text (diacritics folded, so 'Łódź'-style spellings do not matter;
        single-word names case-sensitive)."""
        out: list[tuple[Actor, int, int]] = []
        taken: list[tuple[int, int]] = []
        if self._pattern is not None:
            folded = fold(text)  # same length as text for Latin scripts, so offsets carry over
            for m in self._pattern.finditer(folded):
                out.append((self._alias[m.group(1)], m.start(), m.end()))
                taken.append((m.start(), m.end()))
        if self._single_pattern is not None:
            cased = _case_fold(text)
            for m in self._single_pattern.finditer(cased):
                if not any(s <= m.start() < e for s, e in taken):
                    out.append((self._single[m.group(1)], m.start(), m.end()))
        out.sort(key=lambda x: x[1])
        return out

    def match_speaker(self, name: str) -> Match | None:
        """The registry actor a speaker's name denotes, with a confidence; None for anyone else.
        A shared surname with a different first name ("Mary Smith" for a registered John Smith) is someone else."""
        name = " ".join(name.replace("’s", "").replace("'s", "").split())
        if not name:
            return None
        key = fold(name)
        if " " in name and key in self._alias:
            return Match(self._alias[key], 1.0, name)
        parts = name.split()
        # leading titles ("Water Minister Ana Ruiz"): the longest multi-word alias that ends the name
        for i in range(1, len(parts) - 1):
            tail = fold(" ".join(parts[i:]))
            if tail in self._alias:
                return Match(self._alias[tail], 0.95, name)
        key = fold(" ".join(parts))
        if key in self._alias and (" " in key or _case_fold(parts[0]) in self._single):
            return Match(self._alias[key], 1.0 if " " in key else 0.9, name)
        surname = _case_fold(parts[-1])
        actor = self._single.get(surname)
        if actor is not None:
            if len(parts) == 1:
                return Match(actor, 0.9, name)
            firsts = {fold(n.split()[0]) for n in actor.all_names() if " " in n}
            if any(fuzz.ratio(fold(parts[0]), f) >= 80 for f in firsts) or (len(parts[0]) <= 2 and any(
                    f.startswith(fold(parts[0]).rstrip(".")) for f in firsts)):
                return Match(actor, 0.95, name)
            return None
        multi = [k for k in self._alias if " " in k]
        best = process.extractOne(key, multi, scorer=fuzz.ratio) if multi and len(parts) > 1 else None
        if best and best[1] >= 88:
            return Match(self._alias[best[0]], round(best[1] / 100.0, 3), best[0])
        return None



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
