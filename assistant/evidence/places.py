"""A country named in another form: its demonym ("Romanian" for Romania, "Dutch" for the Netherlands) and its
other names ("Holland", "Rumania"), so a question's "the Romanian city" finds "Sibiu, Romania".

The data is the countryinfo package's (MIT; name, demonym and alternative spellings of ~250 countries and
territories), read once on first use. ISO codes are left out ("IN", "IT", "NO" are ordinary words), and so are
forms shorter than four letters but for the ones written in capitals ("DRC"); nothing is derived from the data
(no last word of a longer name: "South Georgia" would give "Georgia").
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from assistant.textutil import fold


def _forms(country: dict[str, object]) -> set[str]:
    iso = country.get("ISO") if isinstance(country.get("ISO"), dict) else {}
    codes = {str(v).upper() for v in iso.values()} if isinstance(iso, dict) else set()
    raw = [country.get("name"), country.get("demonym")]
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
def _table() -> dict[str, tuple[str, ...]]:
    """Folded form -> every form of the countries it names."""
    groups: list[tuple[set[str], str]] = []  # (forms, demonym)
    try:
        data = resources.files("countryinfo") / "data"
        files = [f for f in data.iterdir() if f.name.endswith(".json")]
    except (ModuleNotFoundError, FileNotFoundError):  # an install without the data: no place forms
        return {}
    for f in files:
        try:
            country = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(country, dict) and country.get("name"):
            groups.append((_forms(country), fold(str(country.get("demonym") or ""))))
    table: dict[str, set[str]] = {}
    for forms, demonym in groups:
        for form in forms:
            key = fold(form)
            if key == demonym and not _owns(forms, demonym, groups):
                continue  # "Chinese" is also Hong Kong's and Macau's demonym: it names China
            table.setdefault(key, set()).update(forms)
    return {k: tuple(sorted(v)) for k, v in table.items()}


def _owns(forms: set[str], demonym: str, groups: list[tuple[set[str], str]]) -> bool:
    """A demonym several countries share names the ones spelled like it ("Chinese": China, not Macau); all of
    them when none is."""
    sharing = [f for f, d in groups if d == demonym]
    if len(sharing) < 2:
        return True
    def alike(fs: set[str]) -> bool:
        return any(fold(f)[:2] == demonym[:2] for f in fs if fold(f) != demonym)
    return alike(forms) or not any(alike(f) for f in sharing)


def place_forms(phrase: str) -> list[str]:
    """The other forms of a country the phrase names ([] for anything else)."""
    key = fold(phrase.strip())
    return [f for f in _table().get(key, ()) if fold(f) != key]
