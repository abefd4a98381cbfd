"""Versioned prompt files with checked placeholders, and the phrases prompts and parsers share."""

from __future__ import annotations

import hashlib
import re
import string
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.errors import BriefingError

# Shared by prompts (as variables) and by parsers/verifiers (as patterns). Change here only.
NOT_IN_DOCS = "The documents do not say"
MARKER_FORMAT = "[{n}]"
MARKER_RE = re.compile(r"\[(\d{1,3})\]")


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    variables: tuple[str, ...]
    system: str
    user: str
    sha256: str

    def render(self, **values: str) -> tuple[str, str]:
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            raise BriefingError(f"prompt {self.name}: missing {sorted(missing)} / unexpected {sorted(extra)}")
        return self.system.format(**values), self.user.format(**values)


def _placeholders(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def load_prompt(path: Path) -> Prompt:
    """Parse front matter + '## system' / '## user' sections; placeholders must equal `variables`."""
    raw = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", raw, re.S)
    if not m:
        raise BriefingError(f"{path}: missing front matter (--- name/version/variables ---)")
    head = yaml.safe_load(m.group(1)) or {}
    body = m.group(2)
    parts = re.split(r"^## (system|user)\s*$", body, flags=re.M)
    sections = {parts[i]: parts[i + 1].strip() + "\n" for i in range(1, len(parts) - 1, 2)}
    if set(sections) != {"system", "user"}:
        raise BriefingError(f"{path}: needs '## system' and '## user' sections")
    declared = set(head.get("variables") or [])
    used = _placeholders(sections["system"]) | _placeholders(sections["user"])
    if used != declared:
        raise BriefingError(
            f"{path}: placeholders {sorted(used)} do not match declared variables {sorted(declared)}"
        )
    for key in ("name", "version"):
        if key not in head:
            raise BriefingError(f"{path}: front matter needs '{key}'")
    return Prompt(
        name=str(head["name"]), version=str(head["version"]), variables=tuple(sorted(declared)),
        system=sections["system"], user=sections["user"], sha256=hashlib.sha256(raw.encode()).hexdigest(),
    )


def load_all(folder: Path) -> dict[str, Prompt]:
    return {p.stem: load_prompt(p) for p in sorted(folder.glob("*.md"))}


def prompts_hash(folder: Path) -> str:
    """One hash over every prompt file: the LLM eval records are keyed by it."""
    h = hashlib.sha256()
    for p in sorted(folder.glob("*.md")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]
