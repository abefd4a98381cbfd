"""What every CLI command module shares: building the Assistant from the command line, printing JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _assistant(args: argparse.Namespace) -> Any:
    from assistant.facade import Assistant
    from assistant.settings import Settings

    overrides: dict[str, Any] = {}
    if getattr(args, "index_dir", None):
        overrides["index_dir"] = Path(args.index_dir)
    return Assistant(Settings(**overrides))


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))
