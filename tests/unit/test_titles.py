"""A file that names no title: its first line is the title only when it reads as one; running text is shown cut
at a word, and is never cited as a title (it is the text's own opening, not a fact of its own)."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.manifest import TITLE_CHARS, build_meta

LEAD = ("On Tuesday, the regional water board approved a levy on groundwater pumping in fourteen districts, as well "
        "as a cap on new wells in the basin, in a vote known locally as the aquifer compact.")


def test_running_text_is_not_a_title() -> None:
    meta = build_meta(Path("board-vote.txt"), LEAD + "\n\nMore text.", None, {})
    assert meta.title_from_text
    assert meta.title.endswith("…") and len(meta.title) <= TITLE_CHARS + 1
    assert LEAD.startswith(meta.title[:-1]) and LEAD[len(meta.title) - 1] == " "  # cut between words


def test_a_short_first_line_or_a_heading_is_a_title() -> None:
    short = build_meta(Path("x.txt"), "Water board approves pumping levy\n\n" + LEAD, None, {})
    assert short.title == "Water board approves pumping levy" and not short.title_from_text
    sentence = build_meta(Path("x.txt"), "The board approved the levy.\n\nMore.", None, {})
    assert sentence.title_from_text  # a sentence, however short, is the text's opening
    heading = build_meta(Path("x.md"), "# The aquifer compact\n\n" + LEAD, "The aquifer compact", {})
    assert heading.title == "The aquifer compact" and not heading.title_from_text
    given = build_meta(Path("x.txt"), LEAD, None, {"x.txt": {"title": "Board vote"}})
    assert given.title == "Board vote" and not given.title_from_text


class _Lib:
    def __init__(self, meta: object) -> None:
        self._meta = meta

    def meta(self, _doc_id: str) -> object:
        return self._meta


def test_the_metadata_evidence_leaves_out_a_title_taken_from_the_text() -> None:
    from assistant.evidence.candidates import meta_text

    opening = build_meta(Path("board-vote.txt"), LEAD, None, {})
    assert meta_text(_Lib(opening), "d") == ""  # type: ignore[arg-type]
    dated = opening.model_copy(update={"date": "2026-03-04"})
    assert meta_text(_Lib(dated), "d") == "Date: 2026-03-04."  # type: ignore[arg-type]
    titled = build_meta(Path("x.txt"), "Water board approves pumping levy\n\n" + LEAD, None, {})
    assert meta_text(_Lib(titled), "d").startswith("Title: Water board approves pumping levy.")  # type: ignore[arg-type]
