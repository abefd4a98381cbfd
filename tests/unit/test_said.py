""""What did X say about Y": refused when X is quoted in the library but never on Y (fake statements, no model)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

from assistant.errors import UnknownActor
from assistant.evidence.find import SaidCheck, said_refusal
from assistant.evidence.items import analyse
from assistant.positions.contrast import Scored
from assistant.positions.said import said_check
from tests.unit.test_evidence_items import FakeLexicon


@dataclass
class Actor:
    name: str


@dataclass
class Match:
    actor: Actor


class Registry:
    def resolve(self, name: str) -> Match:
        if name.lower().endswith("vance"):
            return Match(Actor("Elena Vance"))
        raise UnknownActor(name)


class Finder:
    """Elena Vance is quoted twice on the levy and described once by someone else on aquifers."""

    def __init__(self) -> None:
        self.topics: list[str] = []

    def attributions(self) -> dict[str, list[tuple[Any, str]]]:
        return {"Elena Vance": [("levy 1", "direct"), ("levy 2", "reported"), ("aquifer", "third_party")]}

    def discover(self, name: str) -> Actor | None:
        return None  # nobody else speaks in this library

    def scored(self, topic: str, actor: Actor) -> list[Scored]:
        self.topics.append(topic)
        levy, aquifer = "levy" in topic, "aquifer" in topic
        return [Scored(St("levy 1", 0), "direct", 0.9 if levy else 0.2, 1.0 if levy else 0.0, levy),
                Scored(St("levy 2", 50), "reported", 0.8 if levy else 0.1, 0.5 if levy else 0.0, levy),
                Scored(St("aquifer", 90), "third_party", 0.7 if aquifer else 0.1, 0.0, aquifer)]


@dataclass
class St:
    text: str
    char_start: int
    doc_id: str = "d"

    @property
    def char_end(self) -> int:
        return self.char_start + len(self.text)



@pytest.mark.parametrize(("question", "refused"), [
    ("What did Elena Vance say about the recharge levy?", False),
    ("What did Vance say about the aquifer?", True),  # only someone else's words about her: not hers
    ("What did Vance say about the Murray-Darling Basin Authority?", True),
])
def test_a_quoted_speaker_is_refused_only_off_topic(question: str, refused: bool) -> None:
    items = analyse(question, FakeLexicon())
    check = said_check(Finder(), Registry(), items)
    assert check is not None and check.speaker == "Elena Vance" and check.own == 2
    why = said_refusal(items, check)
    assert (why is not None) is refused
    if why is not None:
        assert why[0].startswith("the documents quote Elena Vance, but not on") and why[1] == [check.topic]


def test_no_check_without_a_known_speaker_or_for_other_questions() -> None:
    assert said_check(Finder(), Registry(), analyse("What did Murray say about the levy?", FakeLexicon())) is None
    other = analyse("When was the recharge levy announced?", FakeLexicon())
    assert said_refusal(other, SaidCheck("Elena Vance", "levy", 2, 0)) is None
    silent = analyse("What did Vance say about the levy?", FakeLexicon())
    assert said_refusal(silent, SaidCheck("Elena Vance", "levy", 0, 0)) is None  # never quoted: evidence decides


@pytest.mark.parametrize(("question", "topic"), [
    ("Who opened the Lakeside plant, and what did Elena Vance say about the recharge levy?", "the recharge levy"),
    ("What did Vance tell the committee about the recharge levy and when was it set?", "the recharge levy"),
    ("What did Vance say on the recharge levy?", "the recharge levy"),
])
def test_the_topic_is_what_the_speaker_is_asked_about(question: str, topic: str) -> None:
    """In a question of two parts, the speaker is asked about Y only: the other part's words are not the topic,
    so an on-topic quote is not refused for missing them."""
    finder = Finder()
    items = analyse(question, FakeLexicon())
    check = said_check(finder, Registry(), items)
    assert check is not None and check.topic == topic and check.on_topic == 2
    assert said_refusal(items, check) is None


def test_without_an_about_phrase_the_rest_of_the_question_is_the_topic() -> None:
    check = said_check(Finder(), Registry(), analyse("What does Vance say could lower the levy?", FakeLexicon()))
    assert check is not None and "levy" in check.topic


@pytest.mark.parametrize(("closest", "key_share", "refused"), [
    (0.40, 0.0, True),  # counted on topic by the contrast's looser rule, but no statement near enough to answer
    (0.50, 0.0, False),
    (0.40, 0.7, False),  # holds most of the topic's key terms
])
def test_answering_needs_a_statement_near_the_topic(closest: float, key_share: float, refused: bool) -> None:
    items = analyse("What did Vance say about the recharge levy?", FakeLexicon())
    check = SaidCheck("Elena Vance", "the recharge levy", 2, 1, closest=closest, key_share=key_share)
    bar = {"min_sim": 0.45, "key_share": 0.67}
    assert (said_refusal(items, check, bar) is not None) is refused
    assert said_refusal(items, check) is None  # with no fitted bar, the contrast's rule alone decides


def test_a_sentence_holding_only_another_speakers_words_is_not_an_answer() -> None:
    from assistant.evidence.candidates import Candidate
    from assistant.evidence.find import speaker_filter
    from assistant.evidence.match import ItemMatch

    text = ('"We will not pay," he said. Vance called the levy fair. Lee said the basin is dry. '
            'Lee said Vance was wrong.')
    sents = [(0, 27), (28, 55), (56, 82), (83, 108)]
    cands = [Candidate("d", s, e, text[s:e], "c", 0) for s, e in sents]
    for c in cands:
        if "Vance" in c.text:
            c.own = {"E:vance": ItemMatch("E:vance", "Vance", "exact", 1.0)}
    spans = {"d": ([(28, 54)], [(1, 17), (65, 81), (92, 107)])}  # Vance's own; Lee's (and "he" = Lee)
    check = SaidCheck("Elena Vance", "the levy", 1, 1, speaker_keys=["E:vance"], spans=lambda d: spans[d])
    kept = [c.text for c in speaker_filter(cands, check)]
    assert kept == ["Vance called the levy fair.", "Lee said Vance was wrong."]  # names her: kept, read as Lee's
    assert speaker_filter(cands, None) == cands
    # "What did Vance say about the levy?" with her quoted on it, or "What did Vance say?": her words only
    for asked in (SaidCheck("Elena Vance", "the levy", 1, 1, speaker_keys=["E:vance"], spans=lambda d: spans[d],
                            quotes=[("d", 28, 54)], asked_about=True),
                  SaidCheck("Elena Vance", "", 1, 1, speaker_keys=["E:vance"], spans=lambda d: spans[d],
                            quotes=[("d", 28, 54)])):
        assert [c.text for c in speaker_filter(cands, asked)] == ["Vance called the levy fair."]


def test_the_speakers_statements_join_the_evidence_and_lead_the_answer() -> None:
    from types import SimpleNamespace

    from assistant.answering.extractive import said_first
    from assistant.evidence.candidates import Candidate
    from assistant.evidence.find import Found, statement_hits
    from assistant.evidence.items import QuestionItems
    from assistant.types import Chunk, DocumentMeta, Hit

    meta = DocumentMeta(doc_id="d", title="Basin news", source_path="d.txt")
    chunks = [Chunk(chunk_id="c1", doc_id="d", text="a", char_start=0, char_end=100),
              Chunk(chunk_id="c2", doc_id="d", text="b", char_start=100, char_end=200)]
    lib = SimpleNamespace(snap=SimpleNamespace(docs={"d": SimpleNamespace(chunks=chunks, document=SimpleNamespace(
        meta=meta))}))
    found_hit = Hit(chunk_id="c1", doc_id="d", title="t", source_path="d.txt", section="", text="a", score=1.0,
                    char_start=0, char_end=100)
    check = SaidCheck("Elena Vance", "the levy", 2, 2, quotes=[("d", 120, 150), ("d", 10, 30), ("x", 0, 5)])
    extra = statement_hits(lib, check, [found_hit])  # type: ignore[arg-type]
    assert [h.chunk_id for h in extra] == ["c2"]  # the one the search missed; a vanished document is skipped
    assert extra[0].why.via == "statement of Elena Vance"
    assert statement_hits(lib, None, []) == []  # type: ignore[arg-type]

    cands = [Candidate("d", 0, 40, "Rain fell on the basin all week long.", "c1", 0),
             Candidate("d", 110, 160, "Vance said the levy must rise.", "c2", 1)]
    found = Found(QuestionItems("What did Vance say about the levy?", "say"), [], cands, None, True,
                  statements=check.quotes)
    assert [c.text for c in said_first(found)] == ["Vance said the levy must rise.",
                                                   "Rain fell on the basin all week long."]
    assert said_first(Found(found.items, [], cands, None, True)) == []


def test_two_speakers_asked_together_are_both_read() -> None:
    class TwoRegistry(Registry):
        def resolve(self, name: str) -> Match:
            return Match(Actor("Tom Lee")) if name.lower().endswith("lee") else super().resolve(name)

    class TwoFinder(Finder):
        def attributions(self) -> dict[str, list[tuple[Any, str]]]:
            return {**super().attributions(), "Tom Lee": [("lee 1", "direct")]}

        def scored(self, topic: str, actor: Actor) -> list[Scored]:
            if actor.name == "Tom Lee":
                return [Scored(St("lee on the levy", 200), "direct", 0.7, 1.0, "levy" in topic)]
            return super().scored(topic, actor)

    class Lex(FakeLexicon):
        DF: ClassVar[dict[str, int]] = {**FakeLexicon.DF, "lee": 3}

    items = analyse("What did Vance and Lee say about the recharge levy?", Lex())
    assert [e.text for e in items.entities] == ["Vance", "Lee"]  # two names, not one "Vance and Lee"
    check = said_check(TwoFinder(), TwoRegistry(), items)
    assert check is not None and check.speaker == "Elena Vance and Tom Lee" and check.topic == "the recharge levy"
    assert check.own == 3 and check.on_topic == 3 and len(check.speaker_keys) == 2
    assert [q[1] for q in check.quotes] == [0, 200, 50]  # each speaker's closest first, in turn


def test_each_cited_quote_names_who_said_the_words_inside_it() -> None:
    from types import SimpleNamespace

    from assistant.positions.model import Statement
    from assistant.positions.said import name_speakers
    from assistant.types import Citation

    text = '"We will not pay," he said. Vance called the levy fair. The basin is dry.'
    sts = [Statement("We will not pay", "Tom Lee", 0.8, None, "said", "direct", 1, 16),
           Statement("the levy fair", "Elena Vance", 0.9, "Elena Vance", "called", "reported", 41, 54),
           Statement("an eyewitness", "an eyewitness", 0.5, None, "said", "direct", 60, 70, named=False)]
    finder = SimpleNamespace(index=SimpleNamespace(docs={"d": 1}), store=SimpleNamespace(for_doc=lambda _d: sts))

    def cite(start: int, end: int, field: str | None = None) -> Citation:
        return Citation(n=1, doc_id="d", title="t", outlet=None, date=None, source_path="d", chunk_id="c",
                        quote=text[start:end], char_start=start, char_end=end, field=field)

    cites = [cite(0, 27), cite(28, 55), cite(56, 74), cite(0, 0, "metadata")]
    name_speakers(finder, cites)
    assert [c.speakers for c in cites] == [["Tom Lee"], ["Elena Vance"], [], []]


def test_the_topic_of_a_question_whether_someone_spoke_on_it() -> None:
    from assistant.positions.said import asked_topic

    assert asked_topic("Has Elena Vance spoken about the recharge levy?", "Elena Vance") == "the recharge levy"
    assert asked_topic("Did Elena Vance comment on the levy at the hearing?", "Elena Vance") == \
        "the levy at the hearing"
    assert asked_topic("How did Elena Vance talk about the drought?", "Elena Vance") == "the drought"
    assert asked_topic("How did Elena Vance respond when reporters reached her about the leak?", "Elena Vance") == \
        "the leak"
    assert asked_topic("How did Elena Vance react online to the levy vote?", "Elena Vance") == "the levy vote"
    assert asked_topic("What did Elena Vance think of the levy?", "Elena Vance") == "the levy"
    assert asked_topic("What did Elena Vance argue on behalf of the board?", "Elena Vance") is None  # not a topic
    assert asked_topic("What did Elena Vance say on behalf of the board about the levy?", "Elena Vance") == "the levy"
    assert asked_topic("What did Elena Vance say at the start of the hearing about the levy?", "Elena Vance") == \
        "the levy"


def test_the_words_describing_the_speaker_are_not_the_topic() -> None:
    from assistant.positions.said import _words_before

    assert _words_before("How did the student activist Ana Ruiz react?", "Ana Ruiz") == ["student", "activist"]
    assert _words_before("What did the mayor and Ana Ruiz say?", "Ana Ruiz") == []  # someone else's words


def test_a_reply_is_about_what_its_report_says_it_answers() -> None:
    """"How did X respond to Y?": X's reply seldom repeats Y; the report around it names Y."""
    text = ("Farmers in Riverton filed complaints about the new water levy on Monday.\n\n"
            "Asked by reporters, Vance said the council would not change course.")

    @dataclass
    class Para(St):
        para_start: int = 0

    class Index:
        registry = type("R", (), {"variants": {}})()

        def doc_text(self, doc_id: str) -> str:
            return text

    class ReplyFinder(Finder):
        index = Index()

        def scored(self, topic: str, actor: Actor) -> list[Scored]:  # nothing in the reply names the topic
            at = text.index("the council")
            return [Scored(Para("the council would not change course", at, para_start=text.index("Asked")),
                           "reported", 0.2, 0.0, False)]

    for question, refused in (("How did Vance respond to the farmers' complaints?", False),
                              ("How did Vance respond to the drought?", True),
                              ("What did Vance say about the farmers' complaints?", True)):  # not a reply
        items = analyse(question, FakeLexicon())
        check = said_check(ReplyFinder(), Registry(), items)
        assert check is not None
        assert (said_refusal(items, check, {"min_sim": 0.4, "key_share": 0.67}) is not None) is refused, question


def test_a_bodys_spokesperson_speaks_for_it() -> None:
    """"What did the Basin Authority's spokesman say …": the named speakers the documents call a spokesman of the
    Authority speak for it too (a spokesperson's words are the body's own); not when the question asks the body."""
    class VoiceFinder(Finder):
        def discover(self, name: str) -> Actor | None:
            name = name.removesuffix("'s")
            return Actor(name) if name in ("Basin Authority", "Tom Lee") else None

        def speaker_roles(self) -> dict[str, set[str]]:
            return {"Tom Lee": {"spokesman", "basin", "authority"}, "Ana Ruiz": {"spokeswoman", "riverton"},
                    "Elena Vance": {"director", "basin", "authority"}}

        def attributions(self) -> dict[str, list[tuple[Any, str]]]:
            return {"Basin Authority": [("authority 1", "reported")], "Tom Lee": [("lee 1", "direct")]}

        def scored(self, topic: str, actor: Actor) -> list[Scored]:
            at = 0 if actor.name == "Tom Lee" else 100
            return [Scored(St(actor.name + " on the levy", at), "direct", 0.8, 1.0, True)]

    spokes = said_check(VoiceFinder(), Registry(),
                        analyse("What did the Basin Authority's spokesman say about the recharge levy?", FakeLexicon()))
    assert spokes is not None and spokes.speaker == "Basin Authority and Tom Lee" and spokes.own == 2
    body = said_check(VoiceFinder(), Registry(),
                      analyse("What did the Basin Authority say about the recharge levy?", FakeLexicon()))
    assert body is not None and body.speaker == "Basin Authority" and body.own == 1
