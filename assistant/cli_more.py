"""Commands beyond the index: ask, contrast, brief, batch, eval, serve, actors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.errors import BriefingError


def _a(args: argparse.Namespace) -> Any:
    from assistant.cli import _assistant

    return _assistant(args)


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def render_answer(ans: Any) -> str:
    lines = [ans.answer, ""]
    for c in ans.citations:
        mt = " (machine-translated)" if c.machine_translated else ""
        lines.append(f"[{c.n}] {c.title} — {c.outlet or 'unknown outlet'}, {c.date or 'undated'}{mt}")
        lines.append(f"    “{' '.join(c.quote.split())[:300]}”")
    if ans.reason and not ans.refused:
        lines.append(f"note: {ans.reason}")
    lines.append(f"({ans.backend}; {ans.timings_ms.get('retrieve', 0):.0f}+{ans.timings_ms.get('generate', 0):.0f}"
                 f"+{ans.timings_ms.get('verify', 0):.0f} ms)")
    return "\n".join(lines)


def cmd_ask(args: argparse.Namespace) -> int:
    a = _a(args)
    if args.batch:
        path = Path(args.batch)
        if not path.exists():
            raise BriefingError(f"{path}: no such file")
        questions = [q.strip() for q in path.read_text(encoding="utf-8").splitlines() if q.strip()]
        failed = 0
        for q in questions:
            try:
                ans = a.ask(q, backend=args.backend)
                print(_dump(ans.model_dump()), flush=True)
            except BriefingError as exc:
                failed += 1
                print(_dump({"question": q, "error": str(exc)}), flush=True)
        return 1 if failed else 0
    if not args.question:
        raise BriefingError("give a question, or --batch FILE")
    stream = not args.json and args.stream
    on_token = (lambda t: print(t, end="", flush=True)) if stream else None
    ans = a.ask(args.question, backend=args.backend, on_token=on_token)
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
    s.set_defaults(func=cmd_ask)


REGISTER: list[Any] = [register_ask]


def main() -> None:  # pragma: no cover - convenience
    sys.exit(0)
