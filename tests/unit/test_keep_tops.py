"""Each retriever's best passage stays among the hits, however the fusion ranks it."""

from __future__ import annotations

from assistant.retrieval.index import _keep_tops


def test_a_passage_only_one_retriever_finds_first_is_kept() -> None:
    fused = {"a": 0.033, "b": 0.032, "c": 0.031, "d": 0.030, "lex1": 0.016}
    groups = [("a", []), ("b", []), ("c", []), ("d", [])]
    got = _keep_tops(groups, ["lex1", "a"], fused, 4)
    assert [g[0] for g in got] == ["a", "b", "c", "lex1"]  # the lowest fused group made room; order by fused score


def test_nothing_changes_when_the_tops_are_in() -> None:
    fused = {"a": 0.03, "b": 0.02, "x": 0.01}
    groups = [("a", ["x"]), ("b", [])]  # x is a near-duplicate grouped under a
    assert _keep_tops(groups, ["x", "b"], fused, 2) == groups
