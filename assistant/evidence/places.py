"""A country named in another form: its demonym ("Romanian" for Romania, "Dutch" for the Netherlands) and its
other names ("Holland", "Rumania"), so a question's "the Romanian city" finds "Sibiu, Romania"; and its capital ("the Kenyan capital" is
Nairobi; "Nairobi's response" is the Kenyan government's).

The data is the countryinfo package's (MIT; name, demonym and alternative spellings of ~250 countries and
territories), read once on first use. ISO codes are left out ("IN", "IT", "NO" are ordinary words), and so are
forms shorter than four letters but for the ones written in capitals ("DRC"); nothing is derived from the data
(no last word of a longer name: "South Georgia" would give "Georgia").
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from assistant.textutil import fold


def _forms(country: dict[str, object]) -> set[str]:
    iso = country.get("ISO")
    codes = {str(v).upper() for v in iso.values()} if isinstance(iso, dict) else set()
    demonym = country.get("demonym")
    raw = [country.get("name"), *(demonym.split(",") if isinstance(demonym, str) else [])]  # "Bosnian,Herzegovinian"
    alts = country.get("altSpellings")
    raw += list(alts) if isinstance(alts, list) else []
    out: set[str] = set()
    for r in raw:
        if not isinstance(r, str) or not r.strip() or r.upper() in codes or r.isdigit():
            continue
        r = r.strip()
        if len(r) < 4 and not (r.isupper() and len(r) >= 2):
            continue
        out.add(r)
    return out


@lru_cache(maxsize=1)
def _countries() -> list[dict[str, object]]:
    try:
        data = resources.files("countryinfo") / "data"
        files = [f for f in data.iterdir() if f.name.endswith(".json")]
    except (ModuleNotFoundError, FileNotFoundError):  # an install without the data: no place forms
        return []
    out = []
    for f in files:
        try:
            country = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(country, dict) and country.get("name"):
            out.append(country)
    return out


@lru_cache(maxsize=1)
def _capitals() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Folded country form -> its capital; folded capital -> its country's forms."""
    groups = _groups()
    of: dict[str, str] = {}
    country_of: dict[str, set[str]] = {}
    for forms, demonym, cap in groups:
        if len(cap) < 3:
            continue
        for form in forms:
            if fold(form) != demonym or _owns(forms, demonym, groups):
                of.setdefault(fold(form), cap)
        for name in _names_of(cap):
            country_of.setdefault(fold(name), set()).update(forms)
    return of, {k: tuple(sorted(v)) for k, v in country_of.items()}


@lru_cache(maxsize=1)
def _groups() -> list[tuple[set[str], str, str]]:
    """Each country's (forms, folded demonym, capital)."""
    return [(_forms(c), fold(str(c.get("demonym") or "")), str(c.get("capital") or "")) for c in _countries()]


def _names_of(capital: str) -> list[str]:
    """A capital's names: a dotted qualifier after the name ("X D.C.") may be left out."""
    bare = re.sub(r"\s+(?:[A-Z]\.){2,}$", "", capital)
    return [capital] if bare == capital else [capital, bare]


def capital_names(phrase: str) -> list[str]:
    """The names of the capital of the country a phrase names ([] for anything else)."""
    cap = capital_of(phrase)
    return _names_of(cap) if cap else []


def capital_of(phrase: str) -> str | None:
    """The capital of the country a phrase names ("Kenyan" -> "Nairobi"), for "the Kenyan capital"."""
    return _capitals()[0].get(fold(phrase.strip()))


def country_of_capital(phrase: str) -> list[str]:
    """The forms of the country whose capital the phrase names ("Nairobi" -> "Kenya", "Kenyan"), for a capital
    that stands for its government ("Nairobi's envoy")."""
    return list(_capitals()[1].get(fold(phrase.strip()), ()))


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Folded form -> every form of the countries it names."""
    groups = _groups()
    table: dict[str, set[str]] = {}
    for forms, demonym, _cap in groups:
        for form in forms:
            key = fold(form)
            if key == demonym and not _owns(forms, demonym, groups):
                continue  # "Chinese" is also Hong Kong's and Macau's demonym: it names China
            table.setdefault(key, set()).update(forms)
    return {k: tuple(sorted(v)) for k, v in table.items()}


def _owns(forms: set[str], demonym: str, groups: list[tuple[set[str], str, str]]) -> bool:
    """A demonym several countries share names the ones spelled like it ("Chinese": China, not Macau); all of
    them when none is."""
    sharing = [f for f, d, _c in groups if d == demonym]
    if len(sharing) < 2:
        return True
    def alike(fs: set[str]) -> bool:
        return any(fold(f)[:2] == demonym[:2] for f in fs if fold(f) != demonym)
    return alike(forms) or not any(alike(f) for f in sharing)


def place_forms(phrase: str) -> list[str]:
    """The other forms of a country the phrase names ([] for anything else)."""
    key = fold(phrase.strip())
    table = _table()
    if key not in table and key.endswith("s") and key[:-1] in table:  # the people: "Norwegians", "Kenyans"
        return [f for f in table[key[:-1]] if fold(f) != key[:-1]]
    return [f for f in table.get(key, ()) if fold(f) != key]
