"""The Gradio Blocks app: tabs Chat, Positions, Briefs, Library. Callbacks only call the facade."""

from __future__ import annotations

import functools
import html
import logging
import os
import queue
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import BriefingError
from assistant.facade import Assistant
from assistant.types import SearchFilters
from assistant.ui.auth import Authenticator
from assistant.ui.format import CSS, answer_markdown, draft_html, flagged_html, safe_html, sources_html, user_html

log = logging.getLogger(__name__)


def friendly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Errors reach the user as a readable message, never a stack trace."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BriefingError as exc:
            raise gr.Error(str(exc)) from exc
        except Exception as exc:
            log.exception("UI callback failed")
            raise gr.Error(f"Something went wrong ({exc.__class__.__name__}); the index is unchanged.") from exc

    return wrapper


def build(a: Assistant) -> gr.Blocks:
    docs = a.documents()
    doc_choices = [(f"{d.title[:70]} ({d.doc_type})", d.doc_id) for d in docs]
    actor_choices = [x.name for x in a.registry.actors]
    ui = a.settings.ui  # pre-filled examples come from settings (BRIEFING_UI__*), never from code

    def chat(message: str, history: list[dict[str, Any]], questions: list[str], backend: str,
             doc_ids: list[str], types: list[str], date_from: str, date_to: str):  # type: ignore[no-untyped-def]
        """Streams the LLM's draft while it arrives, then shows the verified answer."""
        try:
            question = a.resolve_followup(message, questions)
            filters = SearchFilters(doc_ids=doc_ids or None, doc_types=types or None,
                                    date_from=date_from or None, date_to=date_to or None)
            shown = user_html(message) + ("" if question == message else
                                          f"<p><sub>(understood as: {html.escape(question)})</sub></p>")
            tokens: queue.Queue[str | None] = queue.Queue()
            result: dict[str, Any] = {}

            def work() -> None:
                try:
                    result["answer"] = a.ask(question, filters=filters, backend=backend, on_token=tokens.put)
                except Exception as exc:
                    result["error"] = exc
                finally:
                    tokens.put(None)

            threading.Thread(target=work, daemon=True).start()
            draft = ""
            while (tok := tokens.get()) is not None:
                draft += tok
                yield ([*history, {"role": "user", "content": shown},
                        {"role": "assistant", "content": draft_html(draft + " …(verifying)")}], questions, gr.update(), "")
            if "error" in result:
                raise result["error"]
            ans = result["answer"]
            yield ([*history, {"role": "user", "content": shown},
                    {"role": "assistant", "content": answer_markdown(ans)}],
                   [*questions, question],
                   sources_html(ans.citations, a.index.doc_text) + flagged_html([(f.title, f.text) for f in ans.flagged]),
                   "")
        except BriefingError as exc:
            raise gr.Error(str(exc)) from exc
        except gr.Error:
            raise
        except Exception as exc:
            log.exception("chat failed")
            raise gr.Error(f"Something went wrong ({exc.__class__.__name__}); the index is unchanged.") from exc

    @friendly
    def positions(topic: str, actors: list[str], backend: str) -> str:
        from assistant.positions.contrast import to_markdown

        return safe_html(to_markdown(a.contrast(topic, actors or [], backend=backend)))

    @friendly
    def brief(topic: str, actors: list[str]):  # type: ignore[no-untyped-def]
        from assistant.briefs.batch import write_brief
        from assistant.briefs.render import to_markdown

        b = a.brief(topic, actors or None)
        out = Path(tempfile.mkdtemp(prefix="brief-"))
        md, pdf = write_brief(b, out, ["md", "pdf"])
        return safe_html(to_markdown(b)), [str(md), str(pdf)]

    @friendly
    def batch(file: str | None) -> str:
        from assistant.briefs.batch import load_topics, run_batch

        if not file:
            raise BriefingError("upload a topic list (.txt, .csv or .yaml) first")
        out = Path(tempfile.mkdtemp(prefix="batch-"))
        result = run_batch(a, load_topics(Path(file)), out / "briefs", ["md", "html", "pdf"], jobs=2, progress=False)
        zpath = out / "briefs.zip"
        with zipfile.ZipFile(zpath, "w") as z:
            for p in sorted((out / "briefs").iterdir()):
                z.write(p, p.name)
        gr.Info(result.summary())
        return str(zpath)

    def library_rows() -> list[list[Any]]:
        return [[d.doc_id, d.title, d.outlet, d.date, d.doc_type, d.machine_translated, d.chunks] for d in a.documents()]

    @friendly
    def upload(files: list[str] | None, replace: bool,  # type: ignore[no-untyped-def]
               progress: gr.Progress = gr.Progress()):
        if not files:
            raise BriefingError("choose one or more files (txt, md, html, pdf)")
        report = a.add_uploads([Path(f) for f in files], replace=bool(replace),
                               progress=lambda stage, done, total: progress(done / max(1, total), desc=stage))
        lines = [f"Added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}"
                 + (f", replaced {len(report.removed)}" if report.removed else "") + "."]
        lines += [f"- **{html.escape(Path(e['path']).name)}**: {html.escape(e['reason'])}" for e in report.errors]
        return safe_html("\n".join(lines)), library_rows(), gr.update(choices=[d.doc_id for d in a.documents()])

    @friendly
    def remove(doc_id: str):  # type: ignore[no-untyped-def]
        if not doc_id:
            raise BriefingError("pick a document to remove")
        removed = a.remove([doc_id])
        return html.escape(f"Removed: {', '.join(removed) or 'nothing'}"), library_rows(), \
            gr.update(choices=[d.doc_id for d in a.documents()], value=None)

    with gr.Blocks(title="Briefing Assistant") as app:
        gr.Markdown(f"## Briefing Assistant\n{len(docs)} documents indexed · default backend "
                    f"**{a.settings.backend}**" + (f" · LLM `{a.settings.llm.model}`" if a.settings.llm.base_url else ""))
        with gr.Tab("Chat"):
            questions = gr.State([])
            with gr.Row():
                with gr.Column(scale=3):
                    # messages are rendered to sanitised HTML by assistant.ui.format, not by the browser's markdown
                    bot = gr.Chatbot(label="Answers (every sentence cited)", height=480, elem_id="chatbot",
                                     render_markdown=False, sanitize_html=True)
                    box = gr.Textbox(label="Question", placeholder=ui.example_question or "Ask a question about the documents", elem_id="question")
                    send = gr.Button("Ask", variant="primary", elem_id="ask")
                with gr.Column(scale=2):
                    srcs = gr.HTML("<p><i>Cited passages appear here.</i></p>", elem_id="sources")
            with gr.Accordion("Filters and backend", open=False):
                backend = gr.Radio(["extractive", "openai"], value=a.settings.backend, label="Backend")
                f_docs = gr.Dropdown(doc_choices, multiselect=True, label="Documents")
                f_types = gr.Dropdown(["news", "official", "analysis", "report", "other"], multiselect=True,
                                      label="Document types")
                f_from = gr.Textbox(label="Date from (YYYY-MM-DD)")
                f_to = gr.Textbox(label="Date to (YYYY-MM-DD)")
            inputs = [box, bot, questions, backend, f_docs, f_types, f_from, f_to]
            outputs = [bot, questions, srcs, box]
            send.click(chat, inputs, outputs, api_name="chat")
            box.submit(chat, inputs, outputs)
        with gr.Tab("Positions"):
            p_topic = gr.Textbox(label="Topic", value=ui.topic, placeholder="e.g. funding of the new reservoir",
                                 elem_id="p_topic")
            # registry actors listed; any speaker the documents quote can be typed in (found by name)
            p_actors = gr.Dropdown(actor_choices, multiselect=True, allow_custom_value=True,
                                   value=[x for x in ui.actors if x in actor_choices] or None,
                                   label="Actors (pick, or type anyone the documents quote)", elem_id="p_actors")
            p_backend = gr.Radio(["extractive", "openai"], value=a.settings.backend, label="Backend")
            p_go = gr.Button("Contrast", variant="primary", elem_id="contrast")
            p_out = gr.HTML(elem_id="contrast_out")
            p_go.click(positions, [p_topic, p_actors, p_backend], p_out, api_name="contrast")
        with gr.Tab("Briefs"):
            b_topic = gr.Textbox(label="Topic", value=ui.brief_topic, placeholder="e.g. the drought response plan",
                                 elem_id="b_topic")
            b_actors = gr.Dropdown(actor_choices, multiselect=True, allow_custom_value=True,
                                   label="Actors (optional; pick, or type anyone the documents quote)")
            b_go = gr.Button("Generate brief", variant="primary", elem_id="brief")
            b_out = gr.HTML(elem_id="brief_out")
            b_files = gr.File(label="Download", file_count="multiple", elem_id="brief_files")
            b_go.click(brief, [b_topic, b_actors], [b_out, b_files], api_name="brief")
            gr.Markdown("### Batch")
            t_file = gr.File(label="Topic list (.txt, .csv, .yaml)", file_types=[".txt", ".csv", ".yaml", ".yml"],
                             type="filepath")
            t_go = gr.Button("Generate all")
            t_zip = gr.File(label="Briefs (zip with index)")
            t_go.click(batch, t_file, t_zip, api_name="batch")
        with gr.Tab("Library"):
            table = gr.Dataframe(library_rows(), headers=["doc_id", "title", "outlet", "date", "type",
                                                          "machine-translated", "chunks"], interactive=False)
            up = gr.File(label="Add documents", file_count="multiple", type="filepath",
                         file_types=[".txt", ".md", ".html", ".htm", ".pdf"], elem_id="upload")
            up_replace = gr.Checkbox(False, label="Replace documents with the same file name (otherwise a "
                                     "same-named upload is added as a new document)", elem_id="replace")
            up_go = gr.Button("Ingest", elem_id="ingest")
            up_msg = gr.HTML(elem_id="ingest_msg")
            rm_doc = gr.Dropdown([d.doc_id for d in docs], label="Remove a document")
            rm_go = gr.Button("Remove")
            up_go.click(upload, [up, up_replace], [up_msg, table, rm_doc], api_name="upload")
            rm_go.click(remove, rm_doc, [up_msg, table, rm_doc])
    app.queue(default_concurrency_limit=4)
    return app


def launch(a: Assistant, host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> gr.Blocks:
    from assistant.ingest.loaders import MAX_BYTES

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    app = build(a)
    auth = Authenticator.from_env()
    app.launch(server_name=host, server_port=port, share=False, auth=auth.check if auth else None, css=CSS,
               prevent_thread_lock=not block, show_error=False, quiet=not block,
               max_file_size=MAX_BYTES)  # Gradio refuses bigger uploads while receiving them
    return app
