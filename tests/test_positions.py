"""Actor registry and contrasts on the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import UnknownActor
from assistant.facade import Assistant
from assistant.positions.registry import Actor, ActorRegistry
from assistant.settings import PROJECT_ROOT

NEWS = "2026-02-20-e5-news-report-robust-security-guarantees"
IZV = "2026-02-izvestia-kallas-krakow-kortunov-machine-translated"
ANALYSIS = "2026-02-e5-krakow-analysis-tomorrows-affairs"


@pytest.mark.parametrize("name", ["Kaja Kallas", "Kaya Kallas", "Kaya Callas", "Kaya Kalas", "kallas"])
def test_kallas_spellings_resolve(registry: ActorRegistry, name: str) -> None:
    assert registry.resolve(name).actor.name == "Kaja Kallas"


@pytest.mark.parametrize(("name", "canonical"), [
    ("Radmila Shekerinskaya", "Radmila Shekerinska"), ("Mikhail Fedorov", "Mykhailo Fedorov"),
    ("Wladyslaw Kosiniak-Kamysh", "Władysław Kosiniak-Kamysz"), ("Pistorus", "Boris Pistorius"),
])
def test_transliterations_and_fuzzy(registry: ActorRegistry, name: str, canonical: str) -> None:
    m = registry.resolve(name)
    assert m.actor.name == canonical and 0 < m.confidence <= 1


def test_unknown_actor_lists_close_matches(registry: ActorRegistry) -> None:
    with pytest.raises(UnknownActor, match=r"unknown actor 'Kalashnikov'; close matches: .*Kallas"):
        registry.resolve("Kalashnikov")


def test_an_actor_named_by_a_role_the_registry_knows() -> None:
    from assistant.errors import UnknownActor
    from assistant.positions.registry import Actor
    from assistant.positions.said import name_roles

    reg = ActorRegistry([
        Actor("Ana Ruiz", role="Minister of Water and Environment", organisation="Spanish government", country="Spain"),
        Actor("Tom Lee", role="Minister of Agriculture", organisation="Irish government", country="Ireland"),
        Actor("Mia Berg", role="Director of the Basin Agency", organisation="European Environment Agency"),
    ])
    assert reg.resolve("the Spanish water minister").actor.name == "Ana Ruiz"
    assert reg.resolve("the EEA basin chief").actor.name == "Mia Berg"  # initials; a generic head noun
    with pytest.raises(UnknownActor, match=r"fits several actors: Ana Ruiz .*Tom Lee"):
        reg.resolve("the government minister")
    assert reg.by_role("the minister") is None  # says too little
    assert name_roles(reg, "What did the Spanish water minister say about the levy?") == \
        "What did Ana Ruiz say about the levy?"
    # a question asking who holds the role, or a role inside what was said, stays as it is
    assert name_roles(reg, "Who is the Spanish water minister?") == "Who is the Spanish water minister?"
    q = "What did Tom Lee say about the Spanish water minister?"
    assert name_roles(reg, q) == q
    # one who comments from knowledge, by another name for it; a view asked for is what was said
    reg2 = ActorRegistry([Actor("Lena Ortiz", role="Expert, Riverton Institute", country="Freedonia")])
    assert name_roles(reg2, "What was the Freedonian analyst's view of the dam?") == \
        "What was Lena Ortiz's view of the dam?"


def test_a_speaker_named_by_the_role_the_documents_give_them_without_an_actors_file() -> None:
    from assistant.positions.said import name_roles
    from assistant.positions.statements import statements

    got = statements("Riverton Institute expert Lena Ortiz said the dam is safe. Tom Berg, the mayor of Freedonia, "
                     "said it leaks.")
    assert {"riverton", "institute", "expert"} <= set(got[0].roles)
    assert {"mayor", "freedonia"} <= set(got[1].roles)
    # a role given in a sentence of its own ("X is a spokesman for Y")
    cop = statements("Tom Berg is a spokesman for the Riverton water board. \"The dam is safe,\" Berg said.")
    assert {"spokesman", "water", "board"} <= set(cop[0].roles)
    roles = {s.speaker: set(s.roles) for s in got}
    assert name_roles(None, "What did the Freedonian mayor say about the dam?", roles) == \
        "What did Tom Berg say about the dam?"
    assert name_roles(None, "What did the institute's analyst warn?", roles) == "What did Lena Ortiz warn?"
    assert name_roles(None, "Who is the Freedonian mayor?", roles) == "Who is the Freedonian mayor?"
    assert name_roles(None, "What did the Riverton minister say?", roles) == "What did the Riverton minister say?"
    # a text's titles are incomplete: "President Ana Ruiz" may be Freedonia's president too
    roles["Ana Ruiz"] = {"president"}
    roles["Tom Berg"] |= {"president"}
    assert name_roles(None, "What did the Freedonian president say?", roles) == "What did the Freedonian president say?"
    assert name_roles(None, "What did the Freedonian mayor say about the dam?", roles) == \
        "What did Tom Berg say about the dam?"
    # a bare title names the one speaker the documents give it, and only one
    assert name_roles(None, "According to the expert, what is wrong with the dam?", roles) == \
        "According to Lena Ortiz, what is wrong with the dam?"
    assert name_roles(None, "What did the president say about the dam?", roles) == \
        "What did the president say about the dam?"
    # the speakers of "What stance did X and Y take on …" follow its noun
    assert name_roles(None, "What stance did the expert and the Freedonian mayor take on the dam?", roles) == \
        "What stance did Lena Ortiz and Tom Berg take on the dam?"
    # a title right before a name is not a role to resolve: the question names its speaker
    assert name_roles(None, "What did Mayor Elena Vance say about the dam?", roles) == \
        "What did Mayor Elena Vance say about the dam?"


def test_actor_added_without_code(tmp_path: Path) -> None:
    f = tmp_path / "actors.yaml"
    f.write_text((PROJECT_ROOT / "corpus" / "actors.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    reg = ActorRegistry.load(f)
    reg.add(Actor(name="Mark Rutte", role="NATO Secretary General", aliases=["Rutte"], surname_aliases=["Rutte"]))
    again = ActorRegistry.load(f)
    assert again.resolve("Rutte").actor.name == "Mark Rutte"
    assert again.resolve("Kaya Callas").actor.name == "Kaja Kallas"


@pytest.fixture(scope="module")
def pressure(corpus_assistant: Assistant):  # type: ignore[no-untyped-def]
    return corpus_assistant.contrast("pressure on Russia", ["Kallas", "Pistorius", "Kortunov"])


def test_pistorius_quote_attributed(pressure) -> None:  # type: ignore[no-untyped-def]
    p = next(x for x in pressure.positions if x.actor == "Boris Pistorius")
    assert p.status == "found"
    direct = [s for s in p.statements if s.attribution == "direct"]
    assert any("shadow fleet" in s.text and s.citation.doc_id == NEWS for s in direct)


def test_kortunov_quote_before_name(pressure) -> None:  # type: ignore[no-untyped-def]
    p = next(x for x in pressure.positions if x.actor == "Andrei Kortunov")
    assert p.status == "found"
    assert all(s.citation.doc_id == IZV for s in p.statements)
    assert any(s.attribution == "direct" and "withdraw its troops" in s.text for s in p.statements)


def test_kallas_own_words_and_third_party(corpus_assistant: Assistant, pressure) -> None:  # type: ignore[no-untyped-def]
    p = next(x for x in pressure.positions if x.actor == "Kaja Kallas")
    kinds = {s.attribution for s in p.statements}
    assert "third_party" in kinds and kinds & {"direct", "reported"}
    third = [s for s in p.statements if s.attribution == "third_party"]
    assert all(s.citation.doc_id == IZV for s in third)
    broad = corpus_assistant.contrast("strengthening Europe within NATO", ["Kaja Kallas"])
    own = [s for s in broad.positions[0].statements if s.attribution != "third_party"]
    assert any(s.citation.doc_id == ANALYSIS for s in own)


def test_citations_quote_the_documents(corpus_assistant: Assistant, pressure) -> None:  # type: ignore[no-untyped-def]
    ns = []
    for p in pressure.positions:
        for s in p.statements:
            c = s.citation
            assert corpus_assistant.index.doc_text(c.doc_id)[c.char_start : c.char_end] == c.quote
            ns.append(c.n)
    assert ns == sorted(ns) and len(set(ns)) == len(ns)


def test_no_position_is_never_invented(corpus_assistant: Assistant) -> None:
    c = corpus_assistant.contrast("the LEAP initiative", ["Kortunov"])
    assert c.positions[0].status == "no_position" and not c.positions[0].statements
    assert "No recorded position" in c.positions[0].summary


def test_asking_whether_an_actor_spoke_on_a_topic_answers_from_their_statements(corpus_assistant: Assistant) -> None:
    """"Did X comment on Y?" is what X said on Y: refused, naming it, where X is quoted but never on Y (as contrast
    finds no position), answered with X's own words where X did speak on it."""
    no = corpus_assistant.ask("Did Kortunov comment on the LEAP initiative?")
    assert no.refused and "quote Andrei Kortunov, but not on the LEAP initiative" in (no.reason or "")
    yes = corpus_assistant.ask("Did Pistorius say anything about sanctions?")
    assert not yes.refused and "sanctions" in yes.answer
    assert any("Boris Pistorius" in c.speakers for c in yes.citations)


def test_contrast_unknown_actor(corpus_assistant: Assistant) -> None:
    with pytest.raises(UnknownActor, match="close matches"):
        corpus_assistant.contrast("pressure on Russia", ["Kallas", "Zzyzx Qwerty"])


@pytest.mark.integration
def test_contrast_with_llm_summary_is_verified(corpus_assistant: Assistant) -> None:
    from assistant.settings import LLMSettings
    from tests.conftest import make_settings
    from tests.fake_openai import FakeOpenAI

    base = corpus_assistant.contrast("pressure on Russia", ["Pistorius"])
    quote = next(s for s in base.positions[0].statements if "shadow fleet" in s.text)
    fake = FakeOpenAI().start()
    try:
        fake.enqueue(f"Pistorius holds that only maximum pressure from sanctions and measures against the shadow "
                     f"fleet can persuade Putin to back down [{quote.citation.n}]. "
                     f"He also demands 40 nuclear submarines for Germany [{quote.citation.n}].")
        a = Assistant(make_settings(corpus_assistant.settings.index_dir,
                                    llm=LLMSettings(base_url=fake.base_url, model="fake")))
        c = a.contrast("pressure on Russia", ["Pistorius"], backend="openai")
        assert c.backend == "openai"
        assert "shadow fleet" in c.positions[0].summary and "submarines" not in c.positions[0].summary
        assert "Statements:" in fake.requests[-1]["messages"][-1]["content"]
    finally:
        fake.stop()


@pytest.mark.slow
@pytest.mark.parametrize("topic", ["pressure on Russia", "sanctions against Russia", "Europe's line on Russia"])
def test_contrast_phrasings_find_pistorius(corpus_assistant: Assistant, topic: str) -> None:
    c = corpus_assistant.contrast(topic, ["Pistorius"])
    p = c.positions[0]
    assert p.status == "found" and any(s.speaker and "Pistorius" in s.speaker for s in p.statements)


EUROPE_RUSSIA = ["pressure on Russia", "sanctions against Russia", "dealing with Moscow", "stance toward the Kremlin",
                 "Europe's line on Russia", "how to handle Russia", "sanctions and pressure on the Kremlin",
                 "Europe's stance toward Moscow", "what to do about Russia", "relations with Russia",
                 "policy towards the Russian Federation", "confronting Moscow"]


@pytest.mark.slow
@pytest.mark.parametrize("topic", EUROPE_RUSSIA)
def test_europe_line_on_russia_phrasings(corpus_assistant: Assistant, topic: str) -> None:
    """Every wording finds all three with their own words, each quoted verbatim from its document."""
    c = corpus_assistant.contrast(topic, ["Kallas", "Pistorius", "Kortunov"])
    for p in c.positions:
        own = [s for s in p.statements if s.attribution != "third_party"]
        assert p.status == "found" and own, (topic, p.actor)
        surname = p.actor.split()[-1]
        assert all(s.speaker and corpus_assistant.registry.match_speaker(s.speaker).actor.name == p.actor  # type: ignore[union-attr]
                   for s in own), (topic, surname)
        for s in p.statements:
            cit = s.citation
            assert corpus_assistant.index.doc_text(cit.doc_id)[cit.char_start : cit.char_end] == cit.quote
    leap = corpus_assistant.contrast("the LEAP initiative", ["Kortunov"]).positions[0]
    assert leap.status == "no_position" and not leap.statements


def test_statement_vectors_stored_at_ingest(corpus_assistant: Assistant) -> None:
    """A fresh process over an ingested index: a contrast embeds the topic (and its rewordings), never the
    statements, their paragraphs or contexts (those vectors were computed at ingest and stored with them)."""
    from assistant.ingest import injection
    from tests.test_index import CountingEmbedder

    emb = CountingEmbedder()
    try:
        fresh = Assistant(corpus_assistant.settings, embedder=emb)  # type: ignore[arg-type]
        got = fresh.contrast("pressure on Russia", ["Kallas", "Pistorius"])
        assert any(p.statements for p in got.positions)
        assert 1 <= emb.texts <= 8, f"{emb.texts} texts embedded for one contrast"
    finally:
        injection.configure(corpus_assistant.embedder, corpus_assistant.index.root)


def test_statements_extracted_once_beside_the_embedding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest extracts a new document's statements on a second thread while it embeds, once per document;
    a later ingest of other files does not re-read the documents already there."""
    import threading

    import assistant.positions.store as store_mod
    from tests.conftest import make_settings

    calls: list[tuple[str, str]] = []
    real = store_mod.statements

    def counting(text, meta=None, registry=None):  # type: ignore[no-untyped-def]
        calls.append((getattr(meta, "doc_id", ""), threading.current_thread().name))
        return real(text, meta, registry)

    monkeypatch.setattr(store_mod, "statements", counting)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# Water board\n\n\"We will cut abstraction by a third,\" said Ana Ruiz, the chair.\n")
    a = Assistant(make_settings(tmp_path / "index"))
    a.ingest([docs])
    assert calls == [("a", "statements")]
    said = a.statements_finder().store.for_doc("a")
    assert said and said[0].speaker == "Ana Ruiz"
    (docs / "b.md").write_text("# Canal\n\nThe canal reopened in May, the operator said.\n")
    a.ingest([docs])
    assert [c[0] for c in calls] == ["a", "b"]
    a.ingest([docs])  # nothing new: nothing re-read
    assert [c[0] for c in calls] == ["a", "b"]
    # an upgraded extractor (its statements stored under another version): an ingest with nothing new extracts
    # them again now, so the first question does not
    monkeypatch.setattr(store_mod, "VERSION", store_mod.VERSION + "-next")
    a.ingest([docs])
    assert sorted(c[0] for c in calls[2:]) == ["a", "b"]


def test_a_library_without_an_actors_file_contrasts_its_speakers(tmp_path: Path) -> None:
    """A staffer's own library, no actors file: the speakers its documents quote are contrasted and asked about
    by the names a user types (a surname), and a name nobody has is a clear error (real model, spaCy, Chroma)."""
    from assistant.errors import UnknownActor

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "levy.md").write_text(
        "# Basin levy debate\n\n"
        "\"The pumping levy must rise to protect the aquifer,\" said Ana Ruiz, the chair of the water board.\n\n"
        "Tom Lee, a farmers' representative, said the levy would ruin small growers and should be scrapped.\n\n"
        "The board meets again in June to discuss the new reservoir.\n\n"
        "Ana Ruiz was elected chair of the water board in 2019 after a decade as a hydrologist.\n\n"
        "Tom Lee has grown almonds in the basin for thirty years and leads the growers' campaign on the pumping "
        "levy.\n", encoding="utf-8")
    from assistant.settings import Settings

    a = Assistant(Settings(index_dir=tmp_path / "index", corpus_dir=docs, actors_file=tmp_path / "none.yaml"))
    a.ingest([docs])
    got = a.contrast("the groundwater levy", ["Ruiz", "Tom Lee"])
    by = {p.actor: p for p in got.positions}
    assert set(by) == {"Ana Ruiz", "Tom Lee"} and all(p.status == "found" for p in by.values())
    assert any("must rise" in s.text for s in by["Ana Ruiz"].statements)
    assert any("ruin small growers" in s.text for s in by["Tom Lee"].statements)
    with pytest.raises(UnknownActor, match="Marta Ortiz"):
        a.contrast("the levy", ["Marta Ortiz"])
    ans = a.ask("What did Lee say about the levy?")
    assert "ruin small growers" in ans.answer and "must rise" not in ans.answer  # her words are not his
    assert "almonds" not in ans.answer  # nor the narrator's
    # no topic: what the speaker said, all of it their own words (not hers, not the narrator's, not a title)
    ans = a.ask("What did Ana Ruiz say?")
    assert "must rise" in ans.answer and "ruin small growers" not in ans.answer and "hydrologist" not in ans.answer
    # a brief names who spoke on its topic (no actors file, no --actor) and who said a quoted fact's words
    b = a.brief("the groundwater levy")
    assert {p.actor for p in b.positions} == {"Ana Ruiz", "Tom Lee"}
    from assistant.briefs.render import to_markdown

    md = to_markdown(b)
    assert "**Ana Ruiz**" in md and "**Tom Lee**" in md
    assert "reservoir" not in " ".join(s.text for p in b.positions for s in p.statements)


def test_brief_fact_quoting_a_pronoun_names_the_speaker() -> None:
    from assistant.briefs.render import to_markdown
    from assistant.types import Brief, BriefFact, Citation

    cit = Citation(n=1, doc_id="d", chunk_id="d#0", title="T", outlet=None, date=None, source_path="d.md",
                   quote="x", char_start=0, char_end=1,
                   speakers=["Ana Ruiz"])
    b = Brief(topic="t", date_line="d", covered=True,
              bottom_line=[BriefFact(text='"The levy must rise," she said.', citations=[cit])],
              key_facts=[BriefFact(text="Ana Ruiz said the levy must rise.", citations=[cit])])
    md = to_markdown(b)
    assert 'she said. (said by Ana Ruiz) [1]' in md
    assert "Ana Ruiz said the levy must rise. [1]" in md  # already named: not repeated


def test_compare_names_words_as_written_and_the_same_on_every_run() -> None:
    from assistant.positions.contrast import compare
    from assistant.types import Citation, Position, Statement

    cit = Citation(n=1, doc_id="d", chunk_id="d#0", title="T", outlet=None, date=None, source_path="d.md",
                   quote="x", char_start=0, char_end=1)

    def pos(actor: str, text: str) -> Position:
        return Position(actor=actor, status="found", summary="", statements=[Statement(text=text, attribution="direct",
                                                                                        citation=cit)])

    ps = [pos("Ana Ruiz", "The Murray aquifer levels changed and the levy needs raising."),
          pos("Tom Lee", "Growers said the levy changes ruin farming near the Murray.")]
    agree, differ = compare(ps, "the levy")
    assert agree == ["Ana Ruiz and Tom Lee both speak of Murray."]  # a name keeps its capital
    said = " ".join(p.statements[0].text for p in ps).lower()
    words = [w for part in differ[0].rstrip(".").split(";") for w in part.split("stresses")[1].split(", ")]
    assert words and all(w.strip() in said.split() for w in words), words  # words as written, not stems
    assert compare(ps, "the levy") == (agree, differ)


def test_a_capitalised_title_the_documents_give_names_its_holder() -> None:
    """"Tom Berg, Chief Warden, said:" (the tagger reads "Warden" as a name): "warden" is his title, so "What advice
    did the Chief Warden give?" is about his words; a word another speaker's title only begins ("coast" in
    "coastguard") is no rival for it; a person named in apposition is no title."""
    from assistant.positions.registry import holds
    from assistant.positions.said import name_roles
    from assistant.positions.statements import statements

    got = statements("Tom Berg, Chief Warden, said:\n\nAlways check tide times before you walk on the sands.")
    assert {"chief", "warden"} <= set(got[0].roles)
    roles = {"Tom Berg": set(got[0].roles), "Ana Ruiz": {"coast", "secretary"}}
    assert name_roles(None, "What practical advice did the Chief Warden give to walkers?", roles) == \
        "What practical advice did Tom Berg give to walkers?"
    assert holds("kenyan", {"kenya"}) and not holds("coastguard", {"coast"})
    listed = statements("Tom Berg, Ana Ruiz and Lena Ortiz said the dam would hold.")
    assert all(not set(s.roles) & {"ana", "ruiz", "lena", "ortiz"} for s in listed)
