"""A "when" question answered only by the date its documents came out is not answered (evidence/dated.py)."""

from __future__ import annotations

from assistant.evidence.dated import full_dates, only_published, publication_line


def test_full_dates_in_the_usual_writings() -> None:
    assert full_dates("Issued on 4 November 2024, revised November 5th, 2024 and 2024-11-06.") == \
        {"2024-11-04", "2024-11-05", "2024-11-06"}
    assert full_dates("The consultation closes in the spring.") == set()


def test_a_publication_line_gives_only_its_documents_own_date() -> None:
    assert publication_line("The press release issued by the Riverton council on 4 November 2024.", "2024-11-04")
    assert not publication_line("The press release issued by the Riverton council on 4 November 2024.", "2024-12-01")
    assert not publication_line("The consultation closes on 4 November 2024.", "2024-11-04")  # no publishing word
    assert not publication_line("Issued on 4 November 2024, it closes on 3 February 2025.", "2024-11-04")
    assert not publication_line("The press release issued by the council on 4 November 2024.", None)


def test_only_publication_dates_do_not_answer_when_something_happens() -> None:
    q = "On what date does the Freedonia park consultation close?"
    meta = ("Title: Park consultation. Date: 2024-11-04.", True, "2024-11-04")
    issued = ("The press release issued by the Riverton council on 4 November 2024.", False, "2024-11-04")
    topic = ("NatureScot has been seeking views on the proposed park.", False, "2024-11-04")
    assert only_published(q, [meta, issued, topic])
    closes = ("The consultation will close on 3 February 2025.", False, "2024-11-04")
    assert not only_published(q, [meta, issued, closes])  # a date of its own
    assert not only_published(q, [topic])  # no publication date shown: left to the answer model
    said_yesterday = ("The council said yesterday that the park would open.", False, "2024-11-04")
    assert not only_published("When did the council announce the park?", [meta, said_yesterday])
