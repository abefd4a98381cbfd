"""Loading, cleaning and chunking, on fixtures and on the seed documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import LoadError
from assistant.facade import Assistant
from assistant.ingest.chunk import chunk_document
from assistant.ingest.clean import clean_text
from assistant.ingest.loaders import load_file
from assistant.ingest.sentences import split_sentences
from assistant.retrieval.embedder import get_embedder
from assistant.settings import PROJECT_ROOT
from tests.conftest import DATA, make_settings

CORPUS = PROJECT_ROOT / "corpus"


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty.txt", "empty"), ("binary.txt", "binary"), ("corrupt.pdf", "malformed PDF")],
)
def test_bad_files_raise_clear_errors(name: str, reason: str) -> None:
    with pytest.raises(LoadError) as exc:
        load_file(DATA / name)
    assert reason in str(exc.value)
    assert name in str(exc.value)


def test_unsupported_extension(tmp_path: Path) -> None:
    f = tmp_path / "sheet.xlsx"
    f.write_bytes(b"PK\x03\x04")
    with pytest.raises(LoadError, match="unsupported file type"):
        load_file(f)


def test_wrong_encoding_is_decoded_with_a_warning() -> None:
    raw = load_file(DATA / "cp1250.txt")
    assert "hosted the meeting" in raw.text
    assert raw.warnings and "not UTF-8" in raw.warnings[0]


def test_html_keeps_main_text_and_drops_navigation() -> None:
    raw = load_file(DATA / "page.html")
    cleaned = clean_text(raw.text, raw.kind)
    assert "drone wall along the eastern flank" in cleaned.text
    assert "Home" not in cleaned.text and "All rights reserved" not in cleaned.text
    assert any(p.path == ["Drone wall explained", "Costs"] for p in cleaned.paragraphs)


def test_html_edge_cases_give_text_or_a_clear_error(tmp_path: Path) -> None:
    cases = {
        "title-only.html": "<html><head><title>Water tariffs</title></head><body></body></html>",
        "script-only.html": "<html><body><script>var a = 1;</script></body></html>",
        "malformed.html": "<p>Unclosed <b>bold <div>Water tariffs rose by 4% in 2024, the regulator said.",
    }
    for name, html in cases.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    for name in ("title-only.html", "script-only.html"):
        with pytest.raises(LoadError, match="no text content"):
            load_file(tmp_path / name)
    raw = load_file(tmp_path / "malformed.html")
    assert "Water tariffs rose by 4% in 2024" in clean_text(raw.text, raw.kind).text


def test_pdf_keeps_page_numbers() -> None:
    raw = load_file(DATA / "two-pages.pdf")
    cleaned = clean_text(raw.text, raw.kind)
    pages = {p.page for p in cleaned.paragraphs}
    assert pages == {1, 2}
    emb = get_embedder()
    chunks = chunk_document("pdf", cleaned, emb.count_tokens, max_tokens=20, overlap_sentences=0, min_tokens=1)
    by_page = {c.page for c in chunks}
    assert by_page == {1, 2}
    assert any("Siauliai" in c.text and c.page == 2 for c in chunks)


def test_markdown_link_and_emphasis_removed() -> None:
    cleaned = clean_text("# T\n\nSee the [SAFE](#) loan and **bold** and *it* text here.\n", "markdown")
    assert "See the SAFE loan and bold and it text here." in cleaned.text


BOILERPLATE = [
    "Skip to main content", "Advertisement", "Live broadcast", "icon-facebook icon-twitter",
    "Select important", "Переведено сервисом", "](#)", "…..", ".....", "All rights reserved", "Озвучить",
]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.*[dt]")), ids=lambda p: p.name[:30])
def test_seed_documents_are_cleaned(path: Path) -> None:
    raw = load_file(path)
    cleaned = clean_text(raw.text, raw.kind)
    for phrase in BOILERPLATE:
        assert phrase not in cleaned.text, phrase
    assert "**" not in cleaned.text
    lines = cleaned.text.split("\n\n")
    assert "On" not in lines and "Off" not in lines


def test_section_paths_are_kept() -> None:
    raw = load_file(CORPUS / "2026-05-task-force-report-more-europe-in-defence.txt")
    cleaned = clean_text(raw.text, raw.kind)
    paths = [p for p, _, _ in cleaned.sections]
    assert ["2. LEVEL OF PREPAREDNESS", "2.1. A SURGE IN DEFENCE SPENDING"] in paths
    assert "CONTENTS" not in cleaned.text.split("\n\n")[20:]  # only the heading, no dot-leader lines


def test_sentence_splitter_respects_abbreviations() -> None:
    text = "Ms. Kallas spoke. W. Kosiniak-Kamysz hosted the E5. It met on 20.02.2026 in Kraków."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Ms. Kallas spoke.", "W. Kosiniak-Kamysz hosted the E5.", "It met on 20.02.2026 in Kraków.",
    ]
    # a clock time's "p.m." before a time zone does not end the sentence; before a new sentence it does
    text = "The advisory, out at 11:00 p.m. EDT on Sunday, placed it 785 miles west. It ended at 5 p.m. Officials left."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The advisory, out at 11:00 p.m. EDT on Sunday, placed it 785 miles west.", "It ended at 5 p.m.",
        "Officials left.",
    ]
    text = "They met at 9 a.m. GMT. Then they left."
    got = [text[s - 10 : e - 10] for s, e in split_sentences(text, 10)]  # (spans offset as a chunk's are)
    assert got == ["They met at 9 a.m. GMT.", "Then they left."]


def test_chunks_map_back_and_fit_the_model(corpus_assistant) -> None:  # type: ignore[no-untyped-def]
    idx = corpus_assistant.index
    limit = corpus_assistant.embedder.max_tokens
    assert len(idx.chunks) > 100
    for c in idx.chunks.values():
        text = idx.doc_text(c.doc_id)
        assert text[c.char_start : c.char_end] == c.text
        assert c.n_tokens <= min(limit, corpus_assistant.settings.chunking.max_tokens)
        for s in c.sentences:
            assert c.char_start <= s.char_start < s.char_end <= c.char_end
    # never cut a sentence: each chunk ends at sentence-final punctuation or a paragraph end
    ends_ok = sum(1 for c in idx.chunks.values() if c.text.rstrip()[-1] in ".!?”\"')…:" or
                  idx.doc_text(c.doc_id)[c.char_end : c.char_end + 2] in ("\n\n", ""))
    assert ends_ok == len(idx.chunks)


def test_manifest_metadata(corpus_assistant) -> None:  # type: ignore[no-untyped-def]
    docs = {d.doc_id: d for d in corpus_assistant.documents()}
    assert len(docs) == 5
    iz = docs["2026-02-izvestia-kallas-krakow-kortunov-machine-translated"]
    assert iz.machine_translated is True and iz.outlet == "Izvestia" and iz.doc_type == "news"
    assert docs["2026-05-task-force-report-more-europe-in-defence"].doc_type == "report"


HARD_WRAPPED = """Water Policy Note
12 March 2026

The regional water board agreed on Tuesday to raise the abstraction
charge for large farms by 12 percent, citing the drought of 2025 and
the advice of the Environment Agency. The increase takes effect in
April and will be reviewed by the National Audit Office in 2027 when
the new metering rules are in force across all catchments.

- First item of a list that is long enough to wrap onto a second
  line of text
- Second item

## Reactions

The board's chair said the decision was painful but necessary, and
"overdue".
"""


@pytest.mark.parametrize("kind", ["text", "markdown"])
def test_hard_wrapped_lines_are_joined_into_sentences(kind: str) -> None:
    paras = clean_text(HARD_WRAPPED, kind).text.split("\n\n")
    assert any(p.startswith("The regional water board") and p.endswith("across all catchments.") for p in paras)
    assert "- First item of a list that is long enough to wrap onto a second line of text" in paras
    assert "- Second item" in paras and "Water Policy Note" in paras and "12 March 2026" in paras
    assert 'The board\'s chair said the decision was painful but necessary, and "overdue".' in paras
    assert any(p.endswith("Reactions") for p in paras)


def test_lines_that_are_paragraphs_stay_apart() -> None:
    """One paragraph per line (no wrapping): a title, a date line and the first paragraph are not run together."""
    raw = ("Strengthening cooperation on water storage within the regional group of five states\n20.03.2026\n"
           "First of all, the ministers confirmed their plan. " + "They agreed on many details. " * 5 + "\n"
           "On 20 March, the minister hosted the meeting of the five water ministers and the commissioner. "
           + "It went well. " * 5 + "\n")
    paras = clean_text(raw, "text").text.split("\n\n")
    assert paras[:2] == ["Strengthening cooperation on water storage within the regional group of five states",
                         "20.03.2026"]
    assert len(paras) == 4


def test_sentence_broken_by_a_blank_line_is_rejoined() -> None:
    raw = ("The joint statement notes that the aim of this initiative is to cooperate on the\n\n"
           "development and joint procurement of pumps at a lower cost.\n\nNext paragraph.\n")
    paras = clean_text(raw, "markdown").text.split("\n\n")
    assert paras[0] == ("The joint statement notes that the aim of this initiative is to cooperate on the "
                        "development and joint procurement of pumps at a lower cost.")
    assert paras[1] == "Next paragraph."


def test_a_sentence_broken_by_a_page_of_footnotes_is_rejoined_and_the_notes_follow_it() -> None:
    raw = ("In May, the pumps that failed along the\n\n"
           "² See the [Riverton water audit, 2021](#).\n\n"
           "[3] Ibid.\n\n"
           "eastern canal were replaced within a week.\n\nNext paragraph.\n")
    paras = clean_text(raw, "markdown").text.split("\n\n")
    assert paras == ["In May, the pumps that failed along the eastern canal were replaced within a week.",
                     "² See the Riverton water audit, 2021.", "[3] Ibid.", "Next paragraph."]


def test_a_change_of_cleaning_cleans_an_indexed_file_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.retrieval.indexing as indexing

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.md").write_text("# Canal\n\nThe eastern canal pumps were replaced within a week in May.\n")
    a = Assistant(make_settings(tmp_path / "index"))
    assert a.ingest([docs]).added == ["note"]
    assert a.ingest([docs]).unchanged == ["note"]
    monkeypatch.setattr(indexing, "CLEANING", "clean-next")
    assert a.ingest([docs]).updated == ["note"]
