"""The Gradio app: the real client from 5 sessions at once, and a headless-Chromium walk-through."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.facade import Assistant
from tests.conftest import free_port

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"



@pytest.fixture(scope="module")
def ui(corpus_assistant: Assistant):  # type: ignore[no-untyped-def]
    from assistant.settings import UISettings
    from assistant.ui.app import launch

    # the walkthrough's examples are data for this corpus, set the way a deployment would (BRIEFING_UI__*)
    corpus_assistant.settings.ui = UISettings(example_question="What does LEAP stand for?", topic="pressure on Russia",
                                              actors=["Kaja Kallas", "Boris Pistorius", "Andrei Kortunov"],
                                              brief_topic="The LEAP initiative")
    port = free_port()
    app = launch(corpus_assistant, port=port, block=False)
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.mark.integration
def test_chat_endpoint_from_five_sessions(ui: str) -> None:
    from gradio_client import Client

    questions = ["What does LEAP stand for?", "Which countries make up the E5?", "Who chaired the task force on More Europe in defence?",
                 "What is the GDP of Brazil?", "By when is the first LEAP project expected to be delivered?"]
    expected = ["Low-Cost Effectors", "Poland", "Niinist", "do not say", "2027"]

    def session(q: str) -> tuple[list, str]:  # type: ignore[type-arg]
        client = Client(ui, verbose=False)
        history, sources, _box = client.predict(q, [], "extractive", [], [], "", "", api_name="/chat")
        return history, sources

    with ThreadPoolExecutor(5) as pool:
        results = list(pool.map(session, questions))
    right = 0
    for (history, sources), want, q in zip(results, expected, questions, strict=True):
        assert len(history) == 2, "each session keeps its own history"
        assert q in str(history[0]["content"]), "and only its own question"
        text = str(history[-1]["content"])
        right += want in text
        assert "src-1" in sources or "do not say" in text, "a cited answer (with its sources) or a refusal"
    assert right >= 3, f"{right} of 5 answers hold the expected fact"


@pytest.mark.browser
def test_browser_walkthrough(ui: str, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.goto(ui)
        # Chat: ask, see a cited answer, click the citation, see the highlighted passage
        page.locator("#question textarea").fill("What does LEAP stand for?")
        page.locator("#ask").click()
        link = page.locator("#chatbot a[href='#src-1']").first
        expect(link).to_be_visible(timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "1-chat-answer.png"))
        link.click()
        mark = page.locator("#sources #src-1 mark")
        expect(mark).to_be_visible()
        assert "LEAP" in mark.inner_text() or "Low-Cost" in mark.inner_text()
        page.screenshot(path=str(ARTIFACTS / "2-citation-highlight.png"))
        # Positions
        page.get_by_role("tab", name="Positions").click()
        page.locator("#contrast").click()
        expect(page.locator("#contrast_out")).to_contain_text("shadow fleet", timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "3-positions.png"))
        # Briefs: generate and download the PDF
        page.get_by_role("tab", name="Briefs").click()
        page.locator("#brief").click()
        expect(page.locator("#brief_out")).to_contain_text("Bottom line", timeout=90_000)
        expect(page.locator("#brief_files")).to_contain_text(".pdf", timeout=30_000)
        pdf_link = page.locator("#brief_files a[href*='.pdf']").first
        if not pdf_link.count():
            pdf_link = page.locator("#brief_files").get_by_text(".pdf").first
        with page.expect_download() as dl:
            pdf_link.click()
        saved = tmp_path / "brief.pdf"
        dl.value.save_as(saved)
        assert saved.read_bytes().startswith(b"%PDF")
        page.screenshot(path=str(ARTIFACTS / "4-brief.png"))
        # Library: upload a small document, then find it by a question
        doc = tmp_path / "skyfence-note.md"
        doc.write_text("# Skyfence note\n\nThe Skyfence interceptor project was tested in Latvia in March 2026. "
                       "Skyfence interceptors cost about 20,000 euros each.\n")
        page.get_by_role("tab", name="Library").click()
        page.locator("#upload input[type=file]").set_input_files(str(doc))
        page.locator("#ingest").click()
        expect(page.locator("#ingest_msg")).to_contain_text("Added 1", timeout=90_000)
        # the library table is refreshed by the same callback: the new document is listed
        expect(page.locator("body")).to_contain_text("skyfence-note", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "5-library-upload.png"))
        page.get_by_role("tab", name="Chat").click()
        box = page.locator("#question textarea")
        expect(box).to_be_visible()
        box.fill("Where was the Skyfence interceptor project tested?")
        expect(box).to_have_value("Where was the Skyfence interceptor project tested?")
        page.locator("#ask").click()
        expect(page.locator("#chatbot")).to_contain_text("Skyfence interceptor project tested", timeout=30_000)
        expect(page.locator("#chatbot")).to_contain_text("Latvia", timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "6-chat-uploaded-doc.png"))
        browser.close()
    shutil.rmtree(tmp_path, ignore_errors=True)
