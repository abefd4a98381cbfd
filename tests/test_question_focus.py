"""The question's focus (what the answer is an instance of) comes from the parse, in any wording, and only a
noun that is not itself an answer type counts. Questions are general English, about no particular library."""

from __future__ import annotations

import pytest

from assistant.evidence.items import analyse, focus_word, type_word


class _Lex:
    """A library that knows no words (every term is rare): enough to read a question."""

    def df(self, token: str) -> int:
        return 0

    def n_passages(self) -> int:
        return 100

    def similar_tokens(self, token: str) -> list[str]:
        return []

    def aliases(self, phrase: str) -> list[str]:
        return []


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


@pytest.mark.parametrize(("question", "word"), [
    ("What year was the reservoir opened?", "year"),
    ("Which countries signed the water treaty?", "countries"),
    ("How many people lost their water supply?", "people"),
    ("What city is the utility based in?", "city"),
])
def test_an_answer_type_word_is_no_term_the_answer_must_hold(question: str, word: str) -> None:
    assert type_word(question) == word
    # "France" answers "which countries …": the word itself is not asked of the answer sentence
    assert all(t.surface.lower() != word for t in analyse(question, _Lex()).terms)


def test_no_type_word_for_a_thing() -> None:
    assert type_word("Which contractor built the new reservoir?") is None
    assert type_word("Who chairs the water board?") is None
