"""Batch briefs: topics from .txt/.csv/.yaml, parallel workers, resumable, an index page."""

from __future__ import annotations

import csv
import html
import re
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.briefs.ports import BriefSources
from assistant.briefs.render import to_html, to_markdown, to_pdf
from assistant.errors import BriefingError
from assistant.types import Brief

FORMATS = {"md", "html", "pdf"}


@dataclass
class TopicJob:
    topic: str
    actors: list[str] = field(default_factory=list)
    name: str = ""
    line: int = 0


@dataclass
class JobResult:
    job: TopicJob
    status: str  # done | skipped | failed
    reason: str = ""
    files: list[Path] = field(default_factory=list)


@dataclass
class BatchResult:
    results: list[JobResult]
    index_files: list[Path]

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if r.status == "failed"]

    def summary(self) -> str:
        n = {s: sum(r.status == s for r in self.results) for s in ("done", "skipped", "failed")}
        return (f"{len(self.results)} topics: {n['done']} written, {n['skipped']} skipped (exist), {n['failed']} failed"
                + (f" — first failure: {self.failed[0].job.topic or '(empty)'}: {self.failed[0].reason}"
                   if self.failed else ""))


def slug(text: str) -> str:
    from assistant.textutil import fold

    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s[:80] or "untitled"


def load_topics(path: Path) -> list[TopicJob]:
    if not path.exists():
        raise BriefingError(f"{path}: no such file")
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    jobs: list[TopicJob] = []
    if suffix == ".txt":
        for i, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                jobs.append(TopicJob(topic=line.strip(), line=i))
    elif suffix == ".csv":
        for i, row in enumerate(csv.DictReader(text.splitlines()), 2):
            actors = [x.strip() for x in (row.get("actors") or "").replace(";", ",").split(",") if x.strip()]
            jobs.append(TopicJob(topic=(row.get("topic") or "").strip(), actors=actors,
                                 name=(row.get("file") or row.get("name") or "").strip(), line=i))
    elif suffix in {".yaml", ".yml"}:
        data = yaml.safe_load(text) or []
        items = data.get("topics", []) if isinstance(data, dict) else data
        for i, item in enumerate(items, 1):
            if isinstance(item, str):
                jobs.append(TopicJob(topic=item, line=i))
            elif isinstance(item, dict):
                jobs.append(TopicJob(topic=str(item.get("topic") or ""), actors=list(item.get("actors") or []),
                                     name=str(item.get("file") or ""), line=i))
            else:
                jobs.append(TopicJob(topic="", line=i))
    else:
        raise BriefingError(f"{path}: topics must be .txt, .csv or .yaml")
    if not jobs:
        raise BriefingError(f"{path}: no topics found")
    return jobs


def safe_stem(name: str, where: str = "") -> str:
    """A file name stem taken from user data must be a plain name: no folders, no '..', no drive."""
    bad = (not name.strip() or name in {".", ".."} or "\x00" in name or any(ch in name for ch in "/\\:")
           or Path(name).is_absolute() or name.startswith("~"))
    if bad:
        raise BriefingError(f"{where}file name {name!r} is not a plain file name (no folders, '..' or absolute "
                            "paths); every brief is written inside the output folder")
    return name


def confined(root: Path, name: str) -> Path:
    """`root/name`, resolved, and refused unless it stays under `root` (symlinks included)."""
    base = root.resolve()
    p = (base / name).resolve()
    if p.parent != base:
        raise BriefingError(f"{name!r} would be written outside the output folder {root}; refused")
    return p


def write_brief(b: Brief, out: Path, formats: list[str], name: str | None = None) -> list[Path]:
    bad = set(formats) - FORMATS
    if bad:
        raise BriefingError(f"unknown format(s) {sorted(bad)}; choose from md, html, pdf")
    stem = safe_stem(name) if name else slug(b.topic)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in formats:
        p = confined(out, f"{stem}.{f}")
        tmp = p.with_suffix(p.suffix + ".tmp")
        if f == "md":
            tmp.write_text(to_markdown(b), encoding="utf-8")
        elif f == "html":
            tmp.write_text(to_html(b), encoding="utf-8")
        else:
            tmp.write_bytes(to_pdf(b))
        tmp.replace(p)  # a file that exists is complete: resuming relies on it
        paths.append(p)
    return paths


def run_batch(a: BriefSources, topics: list[TopicJob], out: Path, formats: list[str], jobs: int = 2,
              force: bool = False, progress: bool = True) -> BatchResult:
    for t in topics:  # names come from the topic file: refuse the whole batch before writing anything
        if t.name:
            safe_stem(t.name, f"line {t.line}: ")
    out.mkdir(parents=True, exist_ok=True)
    names: dict[str, int] = {}
    for t in topics:  # unique, stable file names
        base = t.name or slug(t.topic) if t.topic.strip() else f"line-{t.line}"
        names[base] = names.get(base, 0) + 1
        t.name = base if names[base] == 1 else f"{base}-{names[base]}"

    def one(t: TopicJob) -> JobResult:
        targets = [confined(out, f"{t.name}.{f}") for f in formats]
        if not force and all(p.exists() for p in targets):
            return JobResult(t, "skipped", files=targets)
        try:
            b = a.brief(t.topic, t.actors or None)
            return JobResult(t, "done", files=write_brief(b, out, formats, t.name))
        except BriefingError as exc:
            return JobResult(t, "failed", reason=str(exc))
        except Exception as exc:  # one bad topic must not stop the batch
            return JobResult(t, "failed", reason=f"{exc.__class__.__name__}: {exc}")

    from tqdm import tqdm

    results: list[JobResult] = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool, \
            tqdm(total=len(topics), desc="briefs", unit="topic", disable=not progress) as bar:
        futures = {pool.submit(one, t): t for t in topics}
        for fut in as_completed(futures):
            results.append(fut.result())
            bar.update(1)
    order = {id(t): i for i, t in enumerate(topics)}
    results.sort(key=lambda r: order[id(r.job)])
    return BatchResult(results, write_index(results, out))


def write_index(results: list[JobResult], out: Path) -> list[Path]:
    md = ["# Briefs", "", "| # | topic | status | files |", "|---|---|---|---|"]
    rows = []
    for i, r in enumerate(results, 1):
        links = " ".join(f"[{p.suffix[1:]}]({p.name})" for p in r.files)
        status = r.status + (f": {r.reason}" if r.reason else "")
        md.append(f"| {i} | {r.job.topic or '(empty)'} | {status} | {links} |")
        hl = " ".join(f"<a href='{html.escape(p.name)}'>{p.suffix[1:]}</a>" for p in r.files)
        rows.append(f"<tr><td>{i}</td><td>{html.escape(r.job.topic or '(empty)')}</td>"
                    f"<td>{html.escape(status)}</td><td>{hl}</td></tr>")
    (out / "index.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    (out / "index.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Briefs</title></head><body><h1>Briefs</h1>"
        "<table border='1' cellpadding='4'><tr><th>#</th><th>topic</th><th>status</th><th>files</th></tr>"
        + "".join(rows) + "</table></body></html>", encoding="utf-8")
    return [out / "index.md", out / "index.html"]
