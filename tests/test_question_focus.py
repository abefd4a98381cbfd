"""The question's focus (what the answer is an instance of) comes from the parse, in any wording, and only a
noun that is not itself an answer type counts. Questions are general English, about no particular library."""

from __future__ import annotations

import pytest

from assistant.evidence.items import focus_word


@pytest.mark.parametrize(("question", "focus"), [
    ("How many ferries does the harbour authority operate?", "ferries"),
    ("how many water treatment plants were closed last year", "plants"),
    ("Which contractor built the new reservoir?", "contractor"),
    ("What is the budget of the flood defence programme?", "budget"),
    ("Who was the engineer in charge of the dam?", "engineer"),
    ("What river feeds the reservoir?", "river"),
    ("How much money did the council set aside for repairs?", "money"),
])
def test_focus_is_the_head_noun_of_the_wh_phrase(question: str, focus: str) -> None:
    assert focus_word(question) == focus


@pytest.mark.parametrize("question", [
    "What year was the reservoir opened?",        # an answer type, not a thing
    "Which countries signed the water treaty?",   # idem
    "When did the drought start?",
    "What does WFD stand for?",
    "Who chairs the water board?",
    "What did the minister say about tariffs?",
])
def test_no_focus_when_the_question_names_only_an_answer_type(question: str) -> None:
    assert focus_word(question) is None
