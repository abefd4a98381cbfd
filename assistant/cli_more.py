"""Commands beyond the index: ask, contrast, statements, actors, brief, batch, serve (eval: cli_eval)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.errors import BriefingError


def _a(args: argparse.Namespace) -> Any:
    from assistant.cli_common import _assistant

    return _assistant(args)


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def render_answer(ans: Any) -> str:
    lines = [ans.answer, ""]
    for c in ans.citations:
        mt = " (machine-translated)" if c.machine_translated else ""
        lines.append(f"[{c.n}] {c.title} — {c.outlet or 'unknown outlet'}, {c.date or 'undated'}{mt}")
        said = f" (said by {', '.join(c.speakers)})" if c.speakers else ""
        lines.append(f"    “{' '.join(c.quote.split())[:300]}”{said}")
    if ans.reason and not ans.refused:
        lines.append(f"note: {ans.reason}")
    lines.append(f"({ans.backend}; {ans.timings_ms.get('retrieve', 0):.0f}+{ans.timings_ms.get('generate', 0):.0f}"
                 f"+{ans.timings_ms.get('verify', 0):.0f} ms)")
    return "\n".join(lines)


def _filters(args: argparse.Namespace) -> Any:
    from assistant.types import SearchFilters

    if not (args.doc or args.type or args.date_from or args.date_to):
        return None
    return SearchFilters(doc_ids=args.doc or None, doc_types=args.type or None, date_from=args.date_from,
                         date_to=args.date_to)


def cmd_ask(args: argparse.Namespace) -> int:
    a = _a(args)
    filters = _filters(args)
    if args.batch:
        path = Path(args.batch)
        if not path.exists():
            raise BriefingError(f"{path}: no such file")
        questions = [q.strip() for q in path.read_text(encoding="utf-8").splitlines() if q.strip()]
        failed = 0
        for q in questions:
            try:
                ans = a.ask(q, filters=filters, backend=args.backend)
                print(_dump(ans.model_dump()), flush=True)
            except BriefingError as exc:
                failed += 1
                print(_dump({"question": q, "error": str(exc)}), flush=True)
        return 1 if failed else 0
    if not args.question:
        raise BriefingError("give a question, or --batch FILE")
    stream = not args.json and args.stream
    on_token = (lambda t: print(t, end="", flush=True)) if stream else None
    ans = a.ask(args.question, filters=filters, backend=args.backend, on_token=on_token)
    if stream:
        print("\n--- verified ---")
    print(_dump(ans.model_dump()) if args.json else render_answer(ans))
    return 0


def register_ask(sub: Any) -> None:
    s = sub.add_parser("ask", help="answer a question with verified citations")
    s.add_argument("question", nargs="?")
    s.add_argument("--backend", choices=["extractive", "openai"], default=None)
    s.add_argument("--json", action="store_true")
    s.add_argument("--batch", metavar="FILE", help="one question a line; JSON Lines out")
    s.add_argument("--stream", action="store_true", help="print the LLM's draft as it arrives")
    s.add_argument("--doc", action="append", help="only this document id (repeatable)")
    s.add_argument("--type", action="append", help="only this document type (repeatable)")
    s.add_argument("--since", dest="date_from", metavar="YYYY-MM-DD", help="only documents dated on or after")
    s.add_argument("--until", dest="date_to", metavar="YYYY-MM-DD", help="only documents dated on or before")
    s.set_defaults(func=cmd_ask)


REGISTER: list[Any] = [register_ask]


def cmd_contrast(args: argparse.Namespace) -> int:
    from assistant.positions.contrast import to_markdown

    c = _a(args).contrast(args.topic, args.actor or [], backend=args.backend)
    print(c.model_dump_json(indent=1) if args.json else to_markdown(c))
    return 0


def cmd_statements(args: argparse.Namespace) -> int:
    """A file's statements. Offsets point into the file's own text for plain-text files (decoded as the
    loaders decode it) and into the cleaned text for markdown, HTML and PDF."""
    from assistant.ingest.clean import clean_text
    from assistant.ingest.loaders import load_file
    from assistant.positions.registry import ActorRegistry
    from assistant.positions.statements import statements
    from assistant.settings import Settings

    path = Path(args.file)
    if not path.exists():
        raise BriefingError(f"{path}: no such file")
    raw = load_file(path)
    text = raw.text if raw.kind == "text" else clean_text(raw.text, raw.kind).text
    registry = ActorRegistry.load(Settings().actors_path)
    found = statements(text, {"doc_id": path.stem}, registry)
    keys = ("text", "speaker", "speaker_confidence", "actor", "cue", "kind", "char_start", "char_end", "parts")
    rows = [{k: getattr(s, k) for k in keys} for s in found]
    if args.json:
        print(_dump({"statements": rows}))
        return 0
    for r in rows:
        who = r["speaker"] + (f" = {r['actor']}" if r["actor"] and r["actor"] != r["speaker"] else "")
        print(f"[{r['char_start']}:{r['char_end']}] {r['kind']:<11} {who} ({r['cue']}, {r['speaker_confidence']:.2f}): "
              f"{' '.join(str(r['text']).split())[:200]}")
    if not rows:
        print("no statements")
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    a = _a(args)
    if args.json:
        found = a.statements_finder().store.unregistered_speakers() if not a.index.is_empty else []
        print(_dump({"actors": [{"name": x.name, "role": x.role, "organisation": x.organisation,
                                  "aliases": x.aliases} for x in a.registry.actors],
                     "unregistered_speakers": found}))
        return 0
    if args.add:
        from assistant.positions.registry import Actor

        a.registry.add(Actor(name=args.add, role=args.role or "", organisation=args.org or "",
                             aliases=args.alias or [], surname_aliases=[args.add.split()[-1]]))
        print(f"added {args.add} to {a.registry.path}")
        return 0
    if args.resolve:
        m = a.registry.resolve(args.resolve)
        print(f"{args.resolve} -> {m.actor.name} (confidence {m.confidence:.2f})")
        return 0
    for actor in a.registry.actors:
        print(f"{actor.name} — {actor.role}, {actor.organisation} [{', '.join(actor.aliases[:6])}]")
    return 0


def register_positions(sub: Any) -> None:
    s = sub.add_parser("contrast", help="contrast what named actors said on a topic")
    s.add_argument("topic")
    s.add_argument("--actor", action="append", help="actor name or alias (repeatable)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--backend", choices=["extractive", "openai"], default=None)
    s.set_defaults(func=cmd_contrast)
    s = sub.add_parser("actors", help="list, resolve or add actors in the registry")
    s.add_argument("--resolve", metavar="NAME")
    s.add_argument("--add", metavar="NAME")
    s.add_argument("--role")
    s.add_argument("--org")
    s.add_argument("--alias", action="append")
    s.add_argument("--json", action="store_true", help="registry actors and speakers found in the documents "
                   "who are not in it (add them with --add)")
    s.set_defaults(func=cmd_actors)
    s = sub.add_parser("statements", help="who said what in one file (direct, reported, third_party)")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_statements)


REGISTER.append(register_positions)


def cmd_brief(args: argparse.Namespace) -> int:
    from assistant.briefs.batch import write_brief

    a = _a(args)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    b = a.brief(args.topic, args.actor or None, backend=args.backend)
    paths = write_brief(b, Path(args.out), formats, args.name)
    for p in paths:
        print(p)
    if not b.covered:
        print("note: the documents do not cover this topic; the brief says so", file=sys.stderr)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from assistant.briefs.batch import load_topics, run_batch

    a = _a(args)
    topics = load_topics(Path(args.topics))
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    result = run_batch(a, topics, Path(args.out), formats, jobs=args.jobs, force=args.force,
                       progress=not args.quiet)
    print(result.summary())
    return 1 if result.failed else 0


def register_briefs(sub: Any) -> None:
    s = sub.add_parser("brief", help="one-page brief on a topic (md, html, pdf)")
    s.add_argument("topic")
    s.add_argument("--actor", action="append")
    s.add_argument("--out", default="briefs")
    s.add_argument("--format", default="md,html,pdf")
    s.add_argument("--name", help="file name stem (default: from the topic)")
    s.add_argument("--backend", choices=["extractive", "openai"], default=None)
    s.set_defaults(func=cmd_brief)
    s = sub.add_parser("batch", help="briefs for every topic in a .txt/.csv/.yaml file")
    s.add_argument("topics")
    s.add_argument("--out", required=True)
    s.add_argument("--jobs", type=int, default=2)
    s.add_argument("--force", action="store_true", help="rebuild briefs that already exist")
    s.add_argument("--format", default="md,html,pdf")
    s.add_argument("--quiet", action="store_true")
    s.set_defaults(func=cmd_batch)


REGISTER.append(register_briefs)


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.ui.app import launch

    a = _a(args)
    if a.index.is_empty:
        a.ingest()
    launch(a, host=args.host, port=args.port)
    return 0


def register_serve(sub: Any) -> None:
    s = sub.add_parser("serve", help="start the Gradio UI")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=7860)
    s.set_defaults(func=cmd_serve)


REGISTER.append(register_serve)
