"""`briefing` command line: thin; every command calls the Assistant facade."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.cli_common import _assistant, _print_json
from assistant.errors import BriefingError


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    a = _assistant(args)
    bars: dict[str, Any] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            unit = {"read": "file", "embed sentences": "sentence"}.get(stage, "chunk")
            bar = bars[stage] = tqdm(total=total, desc=stage, unit=unit, disable=args.quiet or not total)
        bar.n = done
        bar.refresh()

    report = a.ingest([Path(p) for p in args.paths] or None, prune=args.prune, progress=progress)
    for bar in bars.values():
        bar.close()
    if args.json:
        _print_json(report.model_dump())
    else:
        print(f"added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
              f"removed {len(report.removed)}; {report.chunks_embedded} chunks embedded in {report.seconds:.1f}s")
        for e in report.errors:
            print(f"  skipped {e['path']}: {e['reason']}" if not e["reason"].startswith("warning")
                  else f"  {e['reason']}", file=sys.stderr)
    hard = [e for e in report.errors if not e["reason"].startswith("warning")]
    return 1 if hard and not (report.added or report.updated or report.unchanged) else 0


def cmd_search(args: argparse.Namespace) -> int:
    from assistant.types import SearchFilters

    a = _assistant(args)
    filters = SearchFilters(doc_ids=args.doc or None, doc_types=args.type or None,
                            date_from=args.date_from, date_to=args.date_to)
    hits = a.search(args.query, k=args.k, filters=filters, mmr=args.mmr or None)
    if args.json:
        _print_json({"results": [h.model_dump(include={"chunk_id", "doc_id", "title", "source_path", "section",
                                                       "text", "score", "char_start", "char_end", "page",
                                                       "also_in", "why"}) for h in hits]})
        return 0
    if not hits:
        print("no results")
    for i, h in enumerate(hits, 1):
        also = f"  (also in: {', '.join(x.title for x in h.also_in)})" if h.also_in else ""
        hop = f"  hop 2 via {h.why.via}" if h.why.hop > 1 else ""
        print(f"[{i}] {h.title} — {h.section or '(no section)'}  score={h.score:.4f}{hop}{also}")
        print("    " + h.text[:400].replace("\n", " ") + ("…" if len(h.text) > 400 else ""))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    st = _assistant(args).status().model_dump()
    if args.json:
        _print_json(st)
    else:
        for k, v in st.items():
            print(f"{k:12} {v}")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    docs = _assistant(args).documents()
    if args.json:
        _print_json([d.model_dump() for d in docs])
        return 0
    for d in docs:
        mt = " [machine-translated]" if d.machine_translated else ""
        print(f"{d.doc_id}\n    {d.title} | {d.outlet or '-'} | {d.date or '-'} | {d.doc_type}"
              f" | {d.chunks} chunks{mt}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing", description="Cited answers and briefs from policy documents.")
    p.add_argument("--index-dir", help="index folder (default: BRIEFING_INDEX_DIR or ./index)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="add documents to the index (default: the bundled corpus)")
    s.add_argument("paths", nargs="*")
    s.add_argument("--prune", action="store_true", help="remove documents whose files are gone")
    s.add_argument("--json", action="store_true")
    s.add_argument("--quiet", action="store_true")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("search", help="hybrid search over the index")
    s.add_argument("query")
    s.add_argument("--k", type=int, default=None)
    s.add_argument("--json", action="store_true")
    s.add_argument("--doc", action="append", help="only this document id (repeatable)")
    s.add_argument("--type", action="append", help="only this document type (repeatable)")
    s.add_argument("--date-from", "--since", dest="date_from", metavar="YYYY-MM-DD",
                   help="only documents dated on or after this day")
    s.add_argument("--date-to", "--until", dest="date_to", metavar="YYYY-MM-DD",
                   help="only documents dated on or before this day")
    s.add_argument("--mmr", action="store_true", help="diversify with maximal marginal relevance")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("status", help="index summary")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("docs", help="documents with metadata")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_docs)

    for extra in _extra_commands():
        extra(sub)
    return p


def _extra_commands() -> list[Any]:
    from assistant import cli_eval, cli_more

    return [*cli_more.REGISTER, cli_eval.register_eval]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
