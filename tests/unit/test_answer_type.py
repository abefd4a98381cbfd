"""The answer-type signal: the wh-phrase of a question, the fitted label model read as probabilities, and a
sentence's new entities of the asked-for kind."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.evidence.answer_type import entity_evidence, expected_labels, wh_phrase
from assistant.evidence.items import parse


@pytest.mark.parametrize(("question", "phrase"), [
    ("Which country hosted the summit?", "which country"),
    ("In what year was the dam finished?", "what year"),
    ("How many engineers worked on the dam?", "how many engineers"),
    ("How much did the new pipeline cost?", "how much"),
    ("Who led the works?", "who"),
    ("When was the reservoir refilled?", "when"),
    ("Name the engineer who led the works.", "Name the engineer"),
    ("When the mayor opened the dam, how did the engineers react?", "how"),
])
def test_wh_phrase(question: str, phrase: str) -> None:
    assert wh_phrase(parse(question)) == phrase


def _fake_embed(texts: list[str]) -> np.ndarray:
    """Two dimensions: 'a person is asked for' and 'a date is asked for'."""
    return np.array([[1.0 if t in ("who", "which engineer") else 0.0, 1.0 if t in ("when", "what year") else 0.0]
                     for t in texts])


MODEL = {"labels": ["DATE", "NONE", "PERSON"], "coef": [[0.0, 4.0], [0.0, 0.0], [4.0, 0.0]], "bias": [0.0, 0.5, 0.0]}


def test_expected_labels_is_a_distribution_from_the_fitted_model() -> None:
    who = expected_labels("who", _fake_embed, MODEL)
    when = expected_labels("when", _fake_embed, MODEL)
    assert abs(sum(who.values()) - 1.0) < 1e-6 and max(who, key=who.__getitem__) == "PERSON"
    assert max(when, key=when.__getitem__) == "DATE"
    assert expected_labels("", _fake_embed, MODEL) == {}


def test_entity_evidence_counts_only_entities_the_question_does_not_name() -> None:
    who = expected_labels("who", _fake_embed, MODEL)
    question = "Who led the works at the Lakeside dam in March 2019?"
    with_new_person = [("Maria Gonzalez", "PERSON"), ("March 2019", "DATE")]
    only_named = [("March 2019", "DATE")]
    assert entity_evidence(who, with_new_person, question) == pytest.approx(who["PERSON"])
    assert entity_evidence(who, only_named, question) == 0.0
    assert entity_evidence(who, [], question) == 0.0


def test_a_clock_time_answers_when() -> None:
    from assistant.evidence.answer_type import type_evidence

    assert type_evidence("when", "The winner posted a time of 2:05:45.", "What time did Tom Berg record?") == 1.0
    assert type_evidence("when", "The plane landed at 7:38 pm local time.", "When did the plane land?") == 1.0
    assert type_evidence("when", "The plane landed safely.", "When did the plane land?") == 0.0


@pytest.mark.parametrize(("asked", "known", "name", "same"), [
    ("Cheruno", "Cherono", True, True),  # a name one letter apart
    ("Cheruno", "Cherono", False, False),  # an ordinary word is not matched that loosely
    ("White", "Write", True, False),  # too short for one letter to be a spelling of it
    ("Chonqing", "Chongqing", False, True),
    ("Ashford", "Ashley", True, False),
])
def test_near_spelling_of_names(asked: str, known: str, name: bool, same: bool) -> None:
    from assistant.evidence.match import near_spelling
    from assistant.textutil import skeleton

    assert near_spelling(skeleton(asked), skeleton(known), name=name) is same
