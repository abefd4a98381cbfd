"""One-page briefs and batches on the real corpus."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from assistant.briefs.render import pdf_pages, to_pdf
from assistant.facade import Assistant
from assistant.textutil import tokens


@pytest.mark.slow
@pytest.mark.parametrize("topic", ["The LEAP initiative", "Security guarantees for Ukraine"])
def test_brief_is_one_cited_page(corpus_assistant: Assistant, topic: str) -> None:
    b = corpus_assistant.brief(topic)
    assert b.covered and b.bottom_line and b.key_facts
    pdf = to_pdf(b)
    assert pdf_pages(pdf) == 1
    key = set(tokens(topic)) - {"initiative"}
    for f in [*b.bottom_line, *b.key_facts]:
        for c in f.citations:
            assert corpus_assistant.index.doc_text(c.doc_id)[c.char_start : c.char_end] == c.quote
            assert set(tokens(c.quote)) & (set(tokens(f.text)) | key)
    cited = {c.doc_id for f in [*b.bottom_line, *b.key_facts] for c in f.citations}
    cited |= {s.citation.doc_id for p in b.positions for s in p.statements}
    assert {s.doc_id for s in b.sources} == cited


def test_long_brief_is_trimmed_to_one_page(corpus_assistant: Assistant) -> None:
    b = corpus_assistant.brief("European defence spending and capability gaps",
                               actors=["Kallas", "Pistorius", "Kortunov", "Vautrin", "Kosiniak-Kamysz"])
    assert pdf_pages(to_pdf(b)) == 1


def test_pdf_embeds_a_font_with_polish_diacritics(corpus_assistant: Assistant) -> None:
    b = corpus_assistant.brief("Rzeszów logistical hub", actors=["Kosiniak-Kamysz"])
    reader = PdfReader(io.BytesIO(to_pdf(b)))
    text = reader.pages[0].extract_text()
    assert "Rzeszów" in text
    fonts = str(reader.pages[0]["/Resources"]["/Font"])
    assert "DejaVu" in str([reader.pages[0]["/Resources"]["/Font"][k].get_object()["/BaseFont"] for k in
                            reader.pages[0]["/Resources"]["/Font"]]) or "DejaVu" in fonts


def test_uncovered_topic_says_so(corpus_assistant: Assistant) -> None:
    b = corpus_assistant.brief("Brazilian soybean exports")
    assert not b.covered and not b.key_facts
    assert "do not cover" in b.gaps[0]
    assert pdf_pages(to_pdf(b)) == 1


@pytest.mark.slow
def test_batch_with_a_bad_topic_and_resume(corpus_assistant: Assistant, tmp_path: Path) -> None:
    topics = tmp_path / "topics.csv"
    topics.write_text("topic,actors,file\nThe LEAP initiative,Pollard,leap\n,,\nSecurity guarantees for Ukraine,,\n")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "assistant.cli", "--index-dir", str(corpus_assistant.settings.index_dir),
           "batch", str(topics), "--out", str(out), "--quiet", "--format", "md,pdf"]
    r1 = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r1.returncode != 0, r1.stdout + r1.stderr
    assert "2 written" in r1.stdout and "1 failed" in r1.stdout and "empty topic" in r1.stdout
    assert (out / "leap.pdf").exists() and (out / "security-guarantees-for-ukraine.md").exists()
    index = (out / "index.md").read_text()
    assert index.count("\n| ") == 4  # header + three topics
    assert "failed: empty topic" in index and (out / "index.html").exists()
    r2 = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert "0 written, 2 skipped" in r2.stdout


def test_long_position_quote_is_cut_to_its_closest_sentences(corpus_assistant: Assistant) -> None:
    """A long statement shows the sentences closest to the topic (about 60 words), cited exactly."""
    from assistant.briefs.compose import MAX_QUOTE_WORDS

    b = corpus_assistant.brief("defence spending in Europe", actors=["Kosiniak-Kamysz"])
    st = b.positions[0].statements[0]
    words = [w for w in st.text.split() if w != "…"]
    assert 0 < len(words) <= MAX_QUOTE_WORDS
    c = st.citation
    assert corpus_assistant.index.doc_text(c.doc_id)[c.char_start : c.char_end] == c.quote
    assert "spending" in c.quote


def test_brief_facts_are_whole_sentences_on_the_topic_as_phrased(tmp_path: Path) -> None:
    """A brief's facts keep the topic's words together ("river water quality", not "quality" of something
    else), and a run-in heading, a heading line or the tail of a quote's attribution is never a fact (real
    model, Chroma, spaCy)."""
    from assistant.settings import Settings

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "rivers.md").write_text(
        "# Basin report\n\n"
        "Monitoring of river water quality\n\n"
        "River quality. The quality of service at the regional water utility improved after the merger.\n\n"
        "River water quality fell in three of the five monitored reaches after the dry summer.\n\n"
        "“Nitrate from farms is the main pressure on river water quality – said the board’s hydrologist.\n\n"
        "Water quality in the river recovered in spring once the autumn rains had diluted the runoff.\n\n"
        "³ See Lind, K., Moreau, P.J. (2024), River water quality in dry summers, Basin Papers 12.\n",
        encoding="utf-8")
    a = Assistant(Settings(index_dir=tmp_path / "index", corpus_dir=docs, actors_file=tmp_path / "none.yaml"))
    a.ingest([docs])
    b = a.brief("river water quality")
    facts = [f.text for f in [*b.bottom_line, *b.key_facts]]
    assert facts and facts[0].startswith("River water quality fell"), facts
    assert all(f[0].isupper() or not f[0].isalpha() for f in facts), facts
    assert all(f.strip() not in ("River quality.", "Monitoring of river water quality") for f in facts), facts
    assert not any(f.startswith("said the board") for f in facts), facts
    assert not any("Lind, K." in f for f in facts), facts  # a work cited in a note is no fact
