"""A library without an actors file: a speaker the documents quote can be contrasted and asked about by name,
without registering (fake statements, no model)."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.errors import UnknownActor
from assistant.positions.contrast import PositionFinder, actor_for
from assistant.positions.model import Statement
from assistant.positions.registry import Actor, ActorRegistry, same_person


@pytest.mark.parametrize(("asked", "speaker", "same"), [
    ("Ruiz", "Ana Ruiz", True),
    ("Ana Ruiz", "Ruiz", True),
    ("A. Ruiz", "Ana Ruiz", True),
    ("Anna Ruiz", "Ana Ruiz", True),
    ("Ana Ruíz", "ana ruiz", True),
    ("Marta Ruiz", "Ana Ruiz", False),  # same surname, another first name: someone else
    ("Ortiz", "Ana Ruiz", False),
    ("Petrovskaya", "Olena Petrovska", True),  # a transliteration of the surname
    ("Lord Ruiz", "Ana Ruiz", True),  # a form of address or a role before the name is not its first name
    ("Dr Ruiz", "Ana Ruiz", True),
    ("Senator Ana Ruiz", "Ana Ruiz", True),
    ("Dr Ortiz", "Ana Ruiz", False),
])
def test_same_person(asked: str, speaker: str, same: bool) -> None:
    assert same_person(asked, speaker) is same


def _said(speaker: str, text: str, about: list[str] | None = None, kind: str = "direct") -> Statement:
    return Statement(text, speaker, 0.9, None, "said", kind, 0, len(text), about=about or [])  # type: ignore[arg-type]


class _Store:
    def all(self) -> dict[str, list[Statement]]:
        return {"d1": [_said("Ana Ruiz", "The levy must rise."), _said("Ruiz", "Wells will be capped."),
                       _said("Tom Lee", "Ruiz is wrong about the levy.", about=["Ruiz"], kind="third_party")]}


class _Index:
    class state:
        last_ingest = "t"

    snapshot = object()
    registry = ActorRegistry([])


def _finder() -> PositionFinder:
    f = PositionFinder.__new__(PositionFinder)
    f.index, f.store, f.exclude = _Index(), _Store(), (lambda _t: False)  # type: ignore[assignment]
    f._key, f._by_actor, f._found, f._speakers = None, {}, {}, None
    return f


def test_a_speaker_of_the_documents_is_an_actor_without_registering() -> None:
    finder = _finder()
    actor = actor_for(ActorRegistry([]), finder, "ruiz")
    assert actor.name == "Ana Ruiz" and "Ruiz" in actor.aliases
    got: dict[str, Any] = {s.text: kind for s, kind in finder.attributions()["Ana Ruiz"]}
    assert got == {"The levy must rise.": "direct", "Wells will be capped.": "direct",
                   "Ruiz is wrong about the levy.": "third_party"}


def test_nobody_of_that_name_is_a_clear_error_with_close_speakers() -> None:
    with pytest.raises(UnknownActor, match="no statement in the documents is by that name"):
        actor_for(ActorRegistry([]), _finder(), "Marta Ortiz")
    with pytest.raises(UnknownActor, match="close names: Tom Lee"):
        actor_for(ActorRegistry([]), _finder(), "Tom Leigh")


def test_a_registered_actor_resolves_by_surname_alone() -> None:
    reg = ActorRegistry([Actor("Bernard Sandoval", surname_aliases=["Sandoval"])])
    assert reg.resolve("Sandoval").actor.name == "Bernard Sandoval"


@pytest.mark.parametrize(("asked", "speaker"), [
    ("Iraqi", "The Foreign Ministry of Iraq"),  # a body is not a person with a surname
    ("Iraq", "Iraqi"),  # a word and its derivative
    ("German", "Germany"),
    ("Ruiz", "the Board of Ruiz"),
])
def test_no_surname_match_for_bodies_or_derived_words(asked: str, speaker: str) -> None:
    assert not same_person(asked, speaker)
