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


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load(PROJECT_ROOT / "corpus" / "actors.yaml")


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


# ---- statements() on small texts (real spaCy model) ---------------------------------------------------
from assistant.positions.statements import statements  # noqa: E402


def _speaker_by_cue(text: str) -> dict[str, str]:
    return {s.cue: s.speaker for s in statements(text)}


def _by_speaker(text: str, registry: ActorRegistry | None = None) -> list[tuple[str, str, str | None, str]]:
    return [(s.kind, s.speaker, s.actor, text[s.char_start : s.char_end]) for s in statements(text, None, registry)]


def test_multi_sentence_quote_keeps_its_speaker() -> None:
    text = ('"We will not back down. The sanctions stay until the troops leave," Defence Minister Jane Holloway '
            'said on Friday.')
    got = _by_speaker(text)
    assert ("direct", "Jane Holloway", None, "We will not back down. The sanctions stay until the troops leave") in got


def test_guillemet_quote_and_pronoun_speaker() -> None:
    text = ("Marta Ilves chaired the meeting in Tallinn.\n\n"
            "«Europe must pay for its own defence», she told reporters.")
    got = _by_speaker(text)
    assert any(k == "direct" and who == "Marta Ilves" and q == "Europe must pay for its own defence"
               for k, who, _a, q in got)


def test_untracked_speaker_is_not_given_to_a_tracked_actor(registry: ActorRegistry) -> None:
    text = ("Boris Pistorius met his counterparts in Berlin. "
            '"This is a historic day," said Anna Lindqvist, an analyst at the institute.')
    got = _by_speaker(text, registry)
    quote = next(x for x in got if x[3] == "This is a historic day")
    assert quote[1] == "Anna Lindqvist" and quote[2] is None


def test_surname_that_is_a_common_word(registry: ActorRegistry) -> None:
    assert not registry.find_in_text("He played his trump card and the pollard willows stayed.")
    assert [a.name for a, _, _ in registry.find_in_text("Trump said it again.")] == ["Donald Trump"]
    assert registry.match_speaker("Melania Trump") is None
    assert registry.match_speaker("Trump").actor.name == "Donald Trump"  # type: ignore[union-attr]


def test_describing_someone_is_third_party_never_direct() -> None:
    text = ('Opposition leader Anna Berg accused Mayor Tom Reed of "failing the city for years". '
            'She described him as "out of touch and arrogant". '
            'Director Mia Lund said the mayor had "heard the demands of the residents".')
    got = statements(text)
    assert all(s.kind != "direct" for s in got), [(s.kind, s.text) for s in got]
    described = next(s for s in got if s.cue == "described")
    assert described.kind == "third_party" and described.speaker == "Anna Berg" and described.about == ["Tom Reed"]


def test_short_quote_in_a_paraphrase_is_reported_and_a_named_call_is_direct() -> None:
    got = _by_speaker('Secretary Ann Pole said the crash was "likely" an accident. The retailer Fenwick called the '
                      'demand "unprecedented".')
    assert ("reported", "Ann Pole", None, 'the crash was "likely" an accident') in got
    assert [x for x in got if x[0] == "direct"] == [("direct", "Fenwick", None, "unprecedented")]


def test_mixed_quote_gives_the_words_and_the_claim_they_stand_in() -> None:
    got = _by_speaker('Union leader Rosa Imbert said the new rule was "far too little, far too late." '
                      'Mayor Ken Oduya called it "a good start".')
    assert ("direct", "Rosa Imbert", None, "far too little, far too late.") in got
    assert ("reported", "Rosa Imbert", None, 'the new rule was "far too little, far too late."') in got
    # "it" only points back: the quote is the whole statement
    assert [x for x in got if x[1] == "Ken Oduya"] == [("direct", "Ken Oduya", None, "a good start")]


def test_a_question_put_to_someone_is_not_their_statement() -> None:
    text = ("Senator Ana Ruiz opened the hearing. When asked about the budget, Ruiz said the cuts would stay. "
            "Asked whether she would resign, she promised to publish her own figures.")
    got = _by_speaker(text)
    assert all(words != "about the budget" and not words.startswith("whether") for _k, _w, _a, words in got), got
    assert ("reported", "Ana Ruiz", None, "the cuts would stay") in got
    assert any(w == "Ana Ruiz" and q.startswith("to publish her own figures") for _k, w, _a, q in got), got


def test_an_act_asked_of_someone_or_a_bare_request_is_no_statement() -> None:
    text = ("Mayor Tom Reed asked Ana Ruiz to post the figures online. Campaigners urged the council to concede "
            "the vote. Nearly a million residents requested postal ballots. Ana Ruiz conceded that the figures "
            "were late.")
    got = _by_speaker(text)
    said = {words for _k, _w, _a, words in got}
    assert not said & {"the figures", "the vote", "postal ballots"}, got
    assert ("reported", "Ana Ruiz", None, "the figures were late") in got


def test_two_that_clauses_are_two_statements_and_a_misparsed_subject_stays_in_its_clause() -> None:
    got = _by_speaker("Mayor Ana Ruiz said the levy could be \"unavoidable\" and that she was reviewing it. "
                      "She remarked groundwater is a scarce resource in the basin.")
    assert ("reported", "Ana Ruiz", None, 'the levy could be "unavoidable"') in got
    assert ("reported", "Ana Ruiz", None, "she was reviewing it") in got
    assert any(w == "Ana Ruiz" and q.startswith("groundwater is a scarce resource") for _k, w, _a, q in got), got


def test_we_outside_quotes_is_the_documents_own_voice() -> None:
    text = ("The ministers met the Harbour Authority in May. For this purpose, we underline: strong port "
            "authorities are the first guarantee of safe shipping. We declare our support for these efforts.")
    got = statements(text, {"doc_id": "d", "outlet": "Ministry of Transport"})
    assert got and all(s.speaker == "Ministry of Transport" for s in got), [(s.speaker, s.text) for s in got]
    assert all(s.speaker == "the authors" for s in statements(text)), [(s.speaker, s.text) for s in statements(text)]


def test_phrase_in_quotes_without_a_cue_is_no_statement() -> None:
    text = 'Mayor Tom Reed said the park would reopen in May. The so-called "blue zone" will be closed until then.'
    assert all(s.text != "blue zone" for s in statements(text))


def test_speakers_by_parse_rules() -> None:
    text = ("The foreign ministers Nikos Pappas, Omar Nasser and Jean Dupont met in Cairo on Wednesday. "
            'They concluded that the agreement was "null and void".\n\n'
            "According to the World Trade Organization's annual report, exports fell by three percent.\n\n"
            'The Herald quoted Tim Moss, a former adviser, as saying "the plan will fail".')
    got = _speaker_by_cue(text)
    assert got["concluded"] == "Nikos Pappas, Omar Nasser and Jean Dupont"
    assert got["according to"].endswith("World Trade Organization")
    assert got["saying"] == "Tim Moss"


def test_who_is_not_speaking() -> None:
    """A dateline's place, a passive speech verb's subject, a place documents come from and a participle's noun
    are not speakers; a document named by a code ("the G20 joint statement") speaks as itself, not as whoever
    spoke last."""
    text = ("GENEVA, Switzerland: Water ministers on Tuesday said the basin treaty must be renewed.\n\n"
            "Minister Lena Ortiz warned that reservoirs were low, while the agency is expected to publish new data.\n\n"
            "According to documents from Lisbon, the pipeline will be finished in 2030.\n\n"
            "The police arrested 12 farmers believed to have drilled illegal wells.\n\n"
            "The G20 joint statement, adopted in Rome, notes that drought costs are rising.")
    got = _speaker_by_cue(text)
    assert got["said"] == "Water ministers"
    assert got["warned"] == "Lena Ortiz"
    assert "expected" not in got and "believed" not in got
    assert got["according to"] == "documents from Lisbon"
    assert got["notes"] == "The G20 joint statement"
    # a thing pointed at does not speak; an unresolved "it" after a body may
    text = ("The water agency published its plan on Monday. It said that pumping would be capped.\n\n"
            "This mechanism suggests that farmers will adapt. This wording highlights the risk.")
    got = _speaker_by_cue(text)
    assert got.get("said") == "It" and "suggests" not in got and "highlights" not in got


def test_a_titled_name_tagged_as_an_organisation_is_a_person() -> None:
    """'Detective Constable Marc Dubé' (tagged ORG by the small model) is a person: 'he' later refers to him."""
    from assistant.positions.speakers import titled_name

    assert titled_name("Detective Constable Ana Ruiz") == "Ana Ruiz"
    assert titled_name("the Presidential Spokesperson Tom Lee") == "Tom Lee"
    assert titled_name("General Electric Company") is None and titled_name("General Motors") is None
    from assistant.positions.speakers import clean_name

    assert clean_name("the World Health Organization (WHO") == "the World Health Organization"
    assert clean_name("Médecins Sans Frontières (MSF)") == "Médecins Sans Frontières (MSF)"
    text = ("Kamloops police Sergeant Tom Lee said the drug had become popular.\n\n"
            "In Ontario, provincial police Detective Constable Marc Dubé stated to the CBC in late June that the "
            "border closure drove up the prices of illicit drugs. He explained that heroin had been mixed with a "
            "sedative.")
    got = _speaker_by_cue(text)
    assert got["explained"] == "Marc Dubé"


def test_empty_document_has_no_statements() -> None:
    assert statements("", None) == []
    assert statements("The weather was fine. Nothing else happened.", None) == []


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
        "The board meets again in June to discuss the new reservoir.\n", encoding="utf-8")
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
