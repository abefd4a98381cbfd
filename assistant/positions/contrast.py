"""Side-by-side positions of named actors on a topic, quote by quote, never invented."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.evidence.cite import citation
from assistant.evidence.library import LibraryView
from assistant.positions.model import Statement as Said
from assistant.positions.registry import Actor
from assistant.positions.store import StatementStore, named_speaker
from assistant.positions.texts import display, statement_text, statement_texts
from assistant.retrieval.index import Index, expand_acronyms
from assistant.textutil import STOPWORDS, tokens
from assistant.types import MIN_POSITION_WORDS, Citation, Contrast, Position, Statement

MAX_STATEMENTS = 4
DEBUG = False
NO_POSITION = "No recorded position on this topic in the documents."
_ORDER = {"direct": 0, "reported": 1, "third_party": 2}
# used only when eval/fit_positions.py has not been run (a fresh checkout): conservative
_DEFAULTS = {"sim_own": 0.45, "sim_third": 0.55, "key_share": 1.0}


def params() -> dict[str, float]:
    from assistant.calibration import MissingCalibration, fitted

    try:
        return {**_DEFAULTS, **fitted("positions")["relevance"]}
    except (MissingCalibration, KeyError):
        return dict(_DEFAULTS)


@dataclass(frozen=True)
class Scored:
    statement: Said
    kind: str  # for this actor: direct, reported or third_party
    sim: float  # best cosine of the topic with the statement, statement + paragraph, sentence context
    key_share: float  # share of the topic's key terms the statement's paragraph holds
    relevant: bool  # about the topic by the fitted rule

    @property
    def closeness(self) -> float:
        """How close to the topic, for ordering: similarity, with shared key terms breaking near-ties."""
        return self.sim + 0.1 * self.key_share


class PositionFinder:
    """Statements per actor (own words and others' descriptions), from the statement store; topic
    relevance by meaning: cosine of the topic with statement + paragraph, or shared key terms."""

    def __init__(self, index: Index, exclude: Callable[[str], bool] | None = None) -> None:
        self.index = index
        self.store = StatementStore(index)
        self.exclude = exclude or (lambda _t: False)
        self._key: Any = None
        self._by_actor: dict[str, list[tuple[Said, str]]] = {}
        self._found: dict[str, set[str]] = {}  # a speaker found in the documents (not registered) -> name forms
        self._speakers: tuple[Any, dict[str, int]] | None = None
        self._roles: tuple[Any, dict[str, set[str]]] | None = None

    def attributions(self) -> dict[str, list[tuple[Said, str]]]:
        """actor -> [(statement, kind for this actor)]: own statements keep their kind (one that describes
        someone else is the speaker's own paraphrase: reported); another speaker's statement that describes or
        names the actor is third_party for the actor."""
        key = (self.index.state.last_ingest or "", id(self.index.snapshot), tuple(sorted(self._found)))
        if key != self._key:
            by: dict[str, list[tuple[Said, str]]] = {}
            for sts in self.store.all().values():
                for s in sts:
                    if s.actor:
                        by.setdefault(s.actor, []).append((s, "reported" if s.kind == "third_party" else s.kind))
                    described = set(s.mentions)
                    for name in s.about:
                        m = self.index.registry.match_speaker(name)
                        if m is not None:
                            described.add(m.actor.name)
                    for name in described:
                        if name != s.actor:
                            by.setdefault(name, []).append((s, "third_party"))
                    for name, forms in self._found.items():
                        if not s.actor and s.speaker in forms:
                            by.setdefault(name, []).append((s, "reported" if s.kind == "third_party" else s.kind))
                        elif any(a in forms for a in s.about) and s.speaker not in forms:
                            by.setdefault(name, []).append((s, "third_party"))
            self._by_actor, self._key = by, key
        return self._by_actor

    def speakers(self) -> dict[str, int]:
        """Named speakers of the documents who are not registry actors, with their statement counts (counted once
        per version of the library)."""
        key = (self.index.state.last_ingest or "", id(self.index.snapshot))
        if self._speakers is None or self._speakers[0] != key:
            out: dict[str, int] = {}
            for sts in self.store.all().values():
                for s in sts:
                    if not s.actor and s.speaker and named_speaker(s):
                        out[s.speaker] = out.get(s.speaker, 0) + 1
            self._speakers = (key, out)
        return self._speakers[1]

    def speaker_roles(self) -> dict[str, set[str]]:
        """Every named speaker (registry actor or as the documents name them) with the title words the documents
        give them ("president", "bank", "export" for "Export Bank president Okey Oramah"); once per library
        version."""
        key = (self.index.state.last_ingest or "", id(self.index.snapshot))
        if self._roles is None or self._roles[0] != key:
            out: dict[str, set[str]] = {}
            for sts in self.store.all().values():
                for s in sts:
                    if s.roles and named_speaker(s):
                        out.setdefault(s.actor or s.speaker, set()).update(s.roles)
            self._roles = (key, out)
        return self._roles[1]

    def discover(self, name: str) -> Actor | None:
        """An actor the registry does not know, found among the documents' speakers ("Sanders" -> the speaker
        "Bernie Sanders", also quoted as "Sanders"): usable in contrast and "what did X say" without registering.
        None when no speaker is that person."""
        from assistant.positions.registry import same_person

        counts = self.speakers()
        forms = [sp for sp in counts if same_person(name, sp)]
        if not forms:
            return None
        full = max(forms, key=lambda f: (len(f.split()) > 1, counts[f], len(f)))
        forms_set = set(forms)
        self._found[full] = forms_set
        return Actor(name=full, aliases=sorted(forms_set - {full}), surname_aliases=[full.split()[-1]])

    def prepare(self, doc_ids: Iterable[str] = ()) -> None:
        """Everything a question about any actor reads, computed now (at ingest) for the documents just added or
        changed and any whose statements are not stored yet: statements, their embeddings, whether each is
        excluded. Documents ingested before are not re-read: an ingest costs what it adds."""
        self.store.finish_early()
        with self.index.docstore.batch():  # with a server: the statements are shared in a few requests
            for doc_id in sorted(set(doc_ids) | set(self.store.missing())):
                if doc_id not in self.index.docs:
                    continue
                text = self.index.doc_text(doc_id)
                for s in self.store.for_doc(doc_id):
                    self.exclude(text[s.char_start : s.char_end])

    def features(self, topic: str, items: list[tuple[Said, str]]) -> list[dict[str, float]]:
        texts = [statement_texts(self.index.doc_text(s.doc_id), s) for s, _ in items]
        return relevance_features(self.index, topic, [t[0] for t in texts], [t[1] for t in texts],
                                  [t[2] for t in texts])


    def judge(self, topic: str, items: list[tuple[Said, str]]) -> list[Scored]:
        """Statements (each with its kind for the actor asked about; those flagged as instructions left out) with
        their closeness to the topic and whether the fitted rule counts them as about it."""
        items = [(s, k) for s, k in items if not self.exclude(self.index.doc_text(s.doc_id)[s.char_start : s.char_end])]
        if not items:
            return []
        p = params()
        out = []
        for (s, kind), f in zip(items, self.features(topic, items), strict=True):
            sim = max(f["sim"], f["sim_para"], f["sim_ctx"])
            limit = p["sim_third"] if kind == "third_party" else p["sim_own"]
            if DEBUG:
                print(f"{sim:.3f} {f['key_share']:.2f} {s.speaker[:10]} {kind} {s.text[:80]!r}")
            out.append(Scored(s, kind, sim, f["key_share"], sim >= limit or f["key_share"] >= p["key_share"]))
        return out

    def scored(self, topic: str, actor: Actor) -> list[Scored]:
        """Every statement of or about the actor, judged against the topic."""
        return self.judge(topic, self.attributions().get(actor.name, []))

    def on_topic(self, topic: str, limit: int = 3) -> list[str]:
        """Who spoke on the topic: the named speakers (registry actors by their canonical name, others as the
        documents name them) with own words (direct or reported, of at least MIN_POSITION_WORDS words) about it by
        the fitted relevance rule, closest first; one name per person. Works on any library, with or without an
        actors file."""
        from assistant.positions.registry import same_person

        own: list[tuple[Said, str]] = [(s, s.kind) for sts in self.store.all().values() for s in sts
                                       if s.kind != "third_party" and named_speaker(s)
                                       and len(s.text.split()) >= MIN_POSITION_WORDS]
        best: dict[str, float] = {}
        for x in self.judge(topic, own):
            if x.relevant:
                name = x.statement.actor or x.statement.speaker
                best[name] = max(best.get(name, 0.0), x.sim)
        out: list[str] = []
        for name, _sim in sorted(best.items(), key=lambda x: (-x[1], x[0])):
            if not any(same_person(name, o) or same_person(o, name) for o in out):
                out.append(name)
            if len(out) >= limit:
                break
        return out

    def relevant(self, topic: str, actor: Actor) -> list[tuple[float, Said, str]]:
        """The actor's statements about the topic, closest first (own words before others' at a tie)."""
        scored = [(x.closeness, x.statement, x.kind) for x in self.scored(topic, actor) if x.relevant]
        scored.sort(key=lambda x: (-x[0], _ORDER[x[2]]))
        return scored


def actor_for(registry: Any, finder: PositionFinder, name: str) -> Actor:
    """The registry actor a name denotes, else a speaker of the documents of that name (not registered: found
    by `discover`). Neither: UnknownActor with the close matches of both."""
    from rapidfuzz import fuzz, process

    from assistant.errors import UnknownActor
    from assistant.textutil import fold

    try:
        return registry.resolve(name).actor  # type: ignore[no-any-return]
    except UnknownActor as exc:
        found = finder.discover(name) if name.strip() else None
        if found is not None:
            return found
        speakers = list(finder.speakers())
        close = {c for c, score, _ in process.extract(fold(name), [fold(x) for x in speakers],
                                                      scorer=fuzz.token_sort_ratio, limit=3) if score >= 70}
        names = [sp for sp in speakers if fold(sp) in close][:3]
        hint = f"; speakers in the documents with close names: {', '.join(names)}" if names else \
            "; no statement in the documents is by that name either"
        raise UnknownActor(f"{exc}{hint}") from exc


def topic_forms(topic: str, variants: dict[str, list[str]], limit: int = 6) -> list[str]:
    """The topic and its rewordings with each name replaced by the other forms of its variant group
    ("stance toward the Élysée" -> "stance toward <its country>", "… <its capital>"): the embedding then compares the
    statement with every way the documents may name the same thing."""
    from assistant.textutil import fold

    forms = [topic]
    for w in dict.fromkeys(re.findall(r"[A-ZÀ-Ž][\w'’-]*(?:\s+[A-ZÀ-Ž][\w'’-]*)*", topic)):
        for name in (w, w.split("'")[0].split("’")[0]):
            for v in variants.get(fold(name), []):
                for f in list(forms):
                    alt = f.replace(name, v)
                    if alt not in forms:
                        forms.append(alt)
    return forms[:limit]


def relevance_features(index: Index, topic: str, stmt: list[str], both: list[str], ctx: list[str]) -> list[dict[str, float]]:
    """Per statement: cosine of the topic (best of its variant rewordings) with the statement, with statement +
    paragraph, and with its sentence context; and the share of the topic's key terms the paragraph contains."""
    q = expand_acronyms(topic, index.acronyms)
    forms = topic_forms(q, index.registry.variants)
    tv = np.array(index.text_vectors(forms))
    vs = np.array(index.text_vectors(stmt)) @ tv.T
    vb = np.array(index.text_vectors(both)) @ tv.T
    vc = np.array(index.text_vectors(ctx)) @ tv.T
    terms = key_terms(q, index.registry.variants)
    out = []
    for i in range(len(stmt)):
        have = set(tokens(both[i]))
        share = (sum(1 for group in terms if group & have) / len(terms)) if terms else 0.0
        out.append({"sim": float(vs[i].max()), "sim_para": float(vb[i].max()), "sim_ctx": float(vc[i].max()),
                    "key_share": share})
    return out


_GENERIC_TOPIC = set(tokens("position stance line view views policy approach attitude opinion towards toward "
                            "regarding about what how do done deal dealing handle handling question issue"))


def key_terms(topic: str, variants: dict[str, list[str]]) -> list[set[str]]:
    """The topic's content words, each with its variant spellings (a capital ~ its country, from the variant data), normalised."""
    from assistant.textutil import fold

    groups: list[set[str]] = []
    for w in re.findall(r"[\w'’-]+", topic):
        t = tokens(w)
        if not t or t[0] in _GENERIC_TOPIC or t[0] in STOPWORDS:
            continue
        g = set(t)
        for v in variants.get(fold(w), []):
            g.update(tokens(v))
        groups.append(g)
    return groups


def citation_for(index: Index, n: int, a: Said) -> Citation:
    """The statement's exact words, cited through the one citation builder (evidence/cite.py)."""
    return citation(LibraryView(index), n, a.doc_id, a.char_start, a.char_end)


def summarise(actor: Actor, statements: list[Statement]) -> str:
    own = [s for s in statements if s.attribution != "third_party"]
    if own:
        lead = _short(own[0].text)
        src = own[0].citation.outlet or own[0].citation.title
        verb = "said" if own[0].attribution == "direct" else "is reported as saying"
        lead = lead.strip('“”"')
        who = f"{actor.name} ({actor.role})" if actor.role else actor.name
        return f"{who} {verb}: “{lead}” [{own[0].citation.n}] ({src})."
    third = statements[0]
    return (f"No statement of {actor.name}'s own on this topic; {third.citation.outlet or third.citation.title} "
            f"characterises the position: “{_short(third.text)}” [{third.citation.n}].")


def _short(text: str, words: int = 40) -> str:
    w = display(text).split()
    return " ".join(w[:words]) + ("…" if len(w) > words else "")


_GENERIC = set(tokens("opinion said stressed noted added believes recalled explained according four years "
                      "accordingly therefore although many people voices something"))


def _key_terms(statements: list[Statement], actor: str, surface: dict[str, Counter[str]] | None = None) -> Counter[str]:
    """The actor's own statements' substantive terms (stems), each counted once per statement; `surface` collects
    how each stem is written, so it can be shown as a word ("changed", not "chang")."""
    c: Counter[str] = Counter()
    skip = _GENERIC | set(tokens(actor))
    for s in statements:
        if s.attribution == "third_party":
            continue
        # (in text order, so that ties come out the same on every run)
        c.update(list(dict.fromkeys(t for t in tokens(s.text) if len(t) > 3 and t not in STOPWORDS and t not in skip)))
        if surface is not None:
            for w in re.findall(r"[^\W\d_][\w'’-]*", s.text):
                t = tokens(w)
                if len(t) == 1:
                    proper = w.isupper() or (w[:1].isupper() and w[1:].islower() and w != s.text.split()[0])
                    surface.setdefault(t[0], Counter())[w if proper else w.lower()] += 1
    return c


def compare(positions: list[Position], topic: str,
            df: Callable[[str], int | None] | None = None) -> tuple[list[str], list[str]]:
    """Agreement = the actors' own statements share substantive terms beyond the topic's own words;
    disagreement = they stress different things: the terms each uses most, the rarer in the library first at a
    tie (`df`: passages holding a term). Derived from the quoted text, not invented."""
    topic_terms = set(tokens(topic))
    found = [p for p in positions if p.status == "found"]
    surface: dict[str, Counter[str]] = {}
    terms = {p.actor: _key_terms(p.statements, p.actor, surface) for p in found}
    rarity = df or (lambda _t: 0)
    # most used first, then rarest in the library, then text order (the sort is stable)

    def ranked_terms(c: Counter[str]) -> list[str]:
        return sorted(c, key=lambda t: (-c[t], rarity(t) or 0))

    ranked = {actor: ranked_terms(c) for actor, c in terms.items()}

    def words(stems: list[str]) -> str:
        return ", ".join(surface[t].most_common(1)[0][0] if t in surface else t for t in stems)

    agreements, disagreements = [], []
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            shared = sorted((set(terms[a.actor]) & set(terms[b.actor])) - topic_terms)
            only_a = [t for t in ranked[a.actor][:12] if t not in terms[b.actor] and t not in topic_terms][:3]
            only_b = [t for t in ranked[b.actor][:12] if t not in terms[a.actor] and t not in topic_terms][:3]
            if shared:
                agreements.append(f"{a.actor} and {b.actor} both speak of {words(shared[:4])}.")
            if only_a and only_b:
                disagreements.append(f"{a.actor} stresses {words(only_a)}; {b.actor} stresses {words(only_b)}.")
    no_pos = [p.actor for p in positions if p.status == "no_position"]
    if no_pos and found:
        disagreements.append(f"Only {', '.join(p.actor for p in found)} {'has' if len(found) == 1 else 'have'} a recorded position; "
                             f"{', '.join(no_pos)} none in the documents.")
    return agreements, disagreements


def contrast(index: Index, finder: PositionFinder, topic: str, actors: list[Actor]) -> Contrast:
    positions: list[Position] = []
    n = 0
    for actor in actors:
        scored = finder.relevant(topic, actor)
        statements: list[Statement] = []
        seen: list[tuple[str, int, int, str]] = []
        for _score, a, kind in scored:
            # one statement once: not again at the same start, nor inside (or around) one of the same family already
            # shown (own words: a quote within the paraphrase that frames it; a paraphrase within a longer one);
            # another speaker's description around it stays
            # (the two parts of a clause its cue interrupts are one statement, shown whole)
            span = (a.parts[0], a.parts[3]) if len(a.parts) == 4 else (a.char_start, a.char_end)
            if any(d == a.doc_id and (s == span[0] or ((k == "third_party") == (kind == "third_party")
                                                       and _nested((s, e), span)))
                   for d, s, e, k in seen):
                continue
            seen.append((a.doc_id, *span, kind))
            statements.append(Statement(text=statement_text(index.doc_text(a.doc_id), a),
                                        attribution=kind,  # type: ignore[arg-type]
                                        citation=citation_for(index, 0, a), speaker=a.speaker,
                                        speaker_confidence=a.speaker_confidence, cue=a.cue))
            if len(statements) >= MAX_STATEMENTS:
                break
        statements.sort(key=lambda s: _ORDER[s.attribution])
        for st in statements:
            n += 1
            st.citation.n = n
        if not statements:
            positions.append(Position(actor=actor.name, status="no_position", summary=NO_POSITION))
            continue
        positions.append(Position(
            actor=actor.name, status="found", summary=summarise(actor, statements), statements=statements,
            outlets=sorted({s.citation.outlet or s.citation.title for s in statements}),
            dates=sorted({s.citation.date for s in statements if s.citation.date}),
        ))
    agreements, disagreements = compare(positions, topic, index.snapshot.lexical.doc_freq.get)
    return Contrast(topic=topic, positions=positions, agreements=agreements, disagreements=disagreements)


def _nested(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """One span inside the other."""
    return (x[0] <= y[0] and y[1] <= x[1]) or (y[0] <= x[0] and x[1] <= y[1])


def to_markdown(c: Contrast) -> str:
    lines = [f"## Positions: {c.topic}", "", "| Actor | Position | Key statements (attribution) |", "|---|---|---|"]
    for p in c.positions:
        stmts = "<br>".join(f"“{_short(s.text, 30)}” [{s.citation.n}] *({s.attribution.replace('_', ' ')})*"
                            for s in p.statements) or "—"
        lines.append(f"| {p.actor} | {p.summary.replace('|', '/')} | {stmts.replace('|', '/')} |")
    if c.agreements:
        lines += ["", "**Shared subjects:** " + " ".join(c.agreements)]  # shared terms, not a claim of agreement
    if c.disagreements:
        lines += ["", "**Differences:** " + " ".join(c.disagreements)]
    cites = [s.citation for p in c.positions for s in p.statements]
    if cites:
        lines += ["", "Sources:"]
        lines += [f"[{x.n}] {x.title} — {x.outlet or 'unknown outlet'}, {x.date or 'undated'}"
                  + (" (machine-translated)" if x.machine_translated else "") for x in cites]
    return "\n".join(lines) + "\n"


