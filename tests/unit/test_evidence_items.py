"""The evidence model on its own: question items, matching by kind, evidence sets across sentences.
Pure units: a fake lexicon, no embedding model, no index."""

from __future__ import annotations

from typing import ClassVar

import pytest

from assistant.evidence.candidates import Candidate
from assistant.evidence.find import refusal_reason
from assistant.evidence.items import analyse, answer_kind, initialism_of, resolve_initialisms, unframed
from assistant.evidence.match import TextView
from assistant.evidence.sets import grow
from assistant.textutil import skeleton


class FakeLexicon:
    """Word statistics of an imaginary water-policy library."""

    DF: ClassVar[dict[str, int]] = {"aquifer": 3, "recharge": 5, "basin": 40, "authority": 30, "murray": 12, "darling": 12, "vance": 4,
          "levy": 6, "gdp": 15, "announc": 8, "fund": 20, "found": 9, "born": 7, "director": 5}

    def df(self, token: str) -> int:
        return self.DF.get(token, 0)

    def n_passages(self) -> int:
        return 200

    def similar_tokens(self, token: str, name: bool = False) -> list[str]:
        return [t for t in self.DF if t != token and len(t) >= 4 and skeleton(t) == skeleton(token)]

    def aliases(self, phrase: str) -> list[str]:
        return ["MDBA"] if phrase == "Murray-Darling Basin Authority" else []


def test_answer_kinds_from_question_shape() -> None:
    assert answer_kind("When was the basin plan adopted?") == "when"
    assert answer_kind("How much does the recharge levy raise?") == "number"
    assert answer_kind("Who chairs the authority?") == "who"
    assert answer_kind("Which outlet published the report?") == "metadata"
    # a publishing word asks about the documents themselves only beside a word for a text or the source
    assert answer_kind("When was the basin report published?") == "metadata"
    assert answer_kind("Who wrote the article on the levy?") == "metadata"
    assert answer_kind("When was the album released?") == "when"
    assert answer_kind("Who wrote the novel the film is based on?") == "who"
    assert answer_kind("Which film was released first, Riverton or Freedonia Falls?") == "compare"
    assert answer_kind("What did Ana Ruiz say about the prisoner being released early?") == "say"
    assert answer_kind("What did Vance say about the levy?") == "say"
    # how someone spoke or talked of a thing asks what they said, not how or why
    assert answer_kind("How did Ana Ruiz and Tom Berg each speak about the levy?") == "say"
    assert answer_kind("How does the mayor talk about the drought?") == "say"
    assert answer_kind("How did the mayor answer the charge that the levy is unfair?") == "say"
    assert answer_kind("How did Ana Ruiz explain her support for the dam?") == "say"
    assert answer_kind("What did the mayor hope the new dam would do for Riverton?") == "say"  # a view voiced
    # what someone asked of others, recommended, welcomed or conceded is what they said
    assert answer_kind("What did Ana Ruiz ask of the member states on water?") == "say"
    assert answer_kind("What did the minister recommend to farmers?") == "say"
    assert answer_kind("What did Tom Berg welcome in his speech?") == "say"
    assert answer_kind("What practical advice did the warden give to walkers?") == "say"
    assert answer_kind("What message did Ana Ruiz have for the farmers?") == "say"
    assert answer_kind("According to Tom Berg, how soon will the dam be repaired?") == "when"
    assert answer_kind("What language does the mayor speak?") != "say"
    # a cause asked for by what it is credited with or blamed for
    assert answer_kind("To what did the mayor attribute the drop in water use?") == "why"
    assert answer_kind("What does the report hold chiefly responsible for the drought?") == "why"
    assert answer_kind("What explanation did Ana Ruiz offer for the leak?") == "why"
    assert answer_kind("What reason did the board give for the levy?") == "why"
    assert answer_kind("Which company did the minister blame for the spill?") == "who"


@pytest.mark.parametrize(("question", "kind"), [
    ("On what calendar date did the board sign the levy order?", "when"),
    ("In which exact year was the Riverton dam finished?", "when"),
    ("What total amount did the board raise from the levy?", "number"),
    ("What did the board vote for in the spring?", "what"),
])
def test_a_wh_phrase_asks_what_its_head_noun_names(question: str, kind: str) -> None:
    assert analyse(question, FakeLexicon()).kind == kind
    # a yes/no question whether someone spoke on something asks what they said on it
    assert answer_kind("Did Ana Ruiz comment on the levy?") == "say"
    assert answer_kind("Has Tom Berg said anything about the drought?") == "say"
    assert answer_kind("Did the mayor speak about water prices at all?") == "say"
    assert answer_kind("Did the council say the levy would rise?") == "yesno"  # whether a thing was said, not on what
    assert answer_kind("Did the dam fail?") == "yesno"
    # what a person is reported to hold ("According to the mayor, what …", "What stance did X take on …") is what they
    # said; what a text says is a fact
    assert answer_kind("According to the Riverton mayor, what should the levy pay for?") == "say"
    assert answer_kind("According to the report, what should the levy pay for?") == "what"
    assert answer_kind("What stance did Ana Ruiz and Tom Berg each take on the dam?") == "say"
    assert answer_kind("What position does Ana Ruiz hold?") != "say"  # a post, not a stance
    assert answer_kind("Did both Ana Ruiz and Tom Berg comment on the levy?") == "compare"
    # a wh-phrase before the auxiliary: what the speaker's words named ("What names did Tom Berg call them?")
    assert answer_kind("What names did Tom Berg call the protesters?") == "say"
    assert answer_kind("What weapon did the ministry later say was used?") == "say"
    assert answer_kind("How did the senator place in her own state's primary?") != "say"  # a noun, not the verb
    assert answer_kind("Which is older, the authority or the levy?") == "compare"
    assert answer_kind("Where is the aquifer?") == "where"
    # a fronted clause does not decide the kind: the question proper does
    assert answer_kind("When the minister announced the levy, how did the farmers' union retort?") == "say"
    assert answer_kind("If the dam fails, who pays for the repairs?") == "who"
    assert answer_kind("Since 2020, how many wells were drilled?") == "number"
    assert answer_kind("When, exactly, was the levy introduced?") == "when"
    # a cause is asked for however the question words it
    for q in ("Why did the dam fail?", "What caused the dam to fail?", "What led to the levy's repeal?",
              "What was the main reason for the delay?", "For what reason was the plant closed?"):
        assert answer_kind(q) == "why", q


def test_a_cause_is_recognised_in_the_sentence() -> None:
    from assistant.evidence.answer_type import type_evidence

    q = "What caused the flooding in Riverton?"
    assert type_evidence("why", "A blocked culvert led to the flooding, the council said.", q) == 1.0
    assert type_evidence("why", "The flooding was blamed on a blocked culvert.", q) == 1.0
    assert type_evidence("why", "The flooding reached the town hall on Monday.", q) == 0.0


def test_items_entities_terms_and_the_rarest_as_core() -> None:
    info = analyse("What did Ellen Vance announce about the Murray-Darling Basin Authority levy?", FakeLexicon())
    names = [e.text for e in info.entities]
    assert "Ellen Vance" in names and "Murray-Darling Basin Authority" in names
    mdba = next(e for e in info.entities if e.text.startswith("Murray"))
    assert "mdba" in mdba.aliases
    assert {t.text for t in info.terms} >= {"levy"}
    assert info.core is not None and info.core.required
    assert info.answer is not None and info.answer.required  # "say": the statement itself is required


def test_unknown_entity_is_reported() -> None:
    info = analyse("What is the GDP of Brazil?", FakeLexicon())
    assert [e.text for e in info.unknown] == ["Brazil"]
    reason, missing = refusal_reason(info, None)
    assert "Brazil" in reason and missing == ["Brazil"]


def test_matches_say_how_they_matched() -> None:
    info = analyse("What did Kaya Callas say?", FakeLexicon())
    ent = info.entities[0]
    assert TextView("Kaja Kallas said the plan was late.").match(ent).how == "transliteration"  # type: ignore[union-attr]
    assert TextView("Callas, the envoy, said no.").match(ent).how == "partial"  # type: ignore[union-attr]
    assert TextView("Nobody said anything.").match(ent) is None
    term = next(t for t in analyse("Which aquifers were recharged?", FakeLexicon()).terms if t.text.startswith("recharg"))
    assert TextView("The aquifer is recharging slowly.").match(term) is not None  # inflection


def test_a_figure_in_the_question_matches_the_same_number_written_in_words() -> None:
    info = analyse("Which basins lost at least 45% of their water?", FakeLexicon())
    ent = next(e for e in info.entities if e.text == "45")
    assert TextView("Two basins lost forty-five percent or more of their water.").match(ent) is not None
    assert TextView("Two basins lost forty five percent.").match(ent) is not None
    assert TextView("Two basins lost fifty-four percent.").match(ent) is None
    assert not [t for t in info.terms if t.text in ("least", "at")]  # "at least" names nothing
    # a year, as a transcript spells it
    info = analyse("What deficit did Riverton run in fiscal 2003?", FakeLexicon())
    year = next(e for e in info.entities if e.text == "2003")
    assert TextView("In fiscal year two-thousand-three the budget had a deficit.").match(year) is not None
    assert TextView("In fiscal year two-thousand-four the budget had a deficit.").match(year) is None
    assert TextView("It was the worst drought since nineteen ninety-five.").match(
        next(e for e in analyse("Was it the worst drought since 1995?", FakeLexicon()).entities if e.text == "1995"))


def test_evidence_set_follows_a_bridge_and_leaves_unconnected_facts_out() -> None:
    info = analyse("Where was the director of the film Blue Harvest born?", FakeLexicon())
    from assistant.evidence.match import match_all

    def cand(text: str, doc: str, p: float) -> Candidate:
        c = Candidate(doc, 0, len(text), text, doc + "#0", 0)
        c.own = match_all(TextView(text), info.items)
        c.p = p
        c.features = {"type": 1.0}
        return c

    film = cand("Blue Harvest is a 1998 film directed by Mara Holt.", "d1", 0.8)
    person = cand("Mara Holt was born in Fresno, California.", "d2", 0.6)
    stranger = cand("Ansel Kerr was born in Reno.", "d3", 0.7)
    es = grow(info, film, [film, stranger, person])
    assert [m.candidate.doc_id for m in es.members] == ["d1", "d2"], "the bridge (Mara Holt) connects d2"
    assert not [i for i in es.missing if i.kind != "answer"]
    alone = grow(info, film, [film, stranger])
    assert any(i.text.startswith("born") for i in alone.missing), "an unconnected sentence covers nothing"
    assert alone.loose, "but what it would cover is kept as loose evidence"
    # a weekday or a month that two sentences share is no bridge between different events
    same_day = cand("Ansel Kerr was born on Monday in Reno, in March.", "d4", 0.7)
    monday = cand("Blue Harvest opened on Monday in March.", "d1", 0.8)
    assert [m.candidate.doc_id for m in grow(info, monday, [monday, same_day]).members] == ["d1"]
    # a sentence of another document whose paragraph (not the sentence) names the question's thing is no bridge
    from assistant.evidence.match import ItemMatch

    other = cand("Ansel Kerr was born in Reno.", "d5", 0.7)
    ent = next(i for i in info.entities if "blue harvest" in i.key)
    other.ctx = {ent.key: ItemMatch(ent.key, ent.label, "coreference", 0.7)}
    assert [m.candidate.doc_id for m in grow(info, film, [film, other]).members] == ["d1"]
    named = cand("Blue Harvest star Ansel Kerr was born in Reno.", "d6", 0.7)
    assert [m.candidate.doc_id for m in grow(info, film, [film, named]).members] == ["d1", "d6"]


def test_possessive_apostrophes_are_not_quotes() -> None:
    info = analyse("How does Norway's water tariff compare with Sweden's?", FakeLexicon())
    labels = [e.text for e in info.entities]
    assert not any("tariff" in x for x in labels), labels
    assert any(x.startswith("Norway") for x in labels) and any(x.startswith("Sweden") for x in labels), labels


def test_a_capital_that_only_opens_the_question_is_not_a_name() -> None:
    info = analyse("Besides flood barriers, what did the council fund in 2024?", FakeLexicon())
    assert all("Besides" not in e.text for e in info.entities), [e.text for e in info.entities]
    info = analyse("Severn Trent said what about leaks?", FakeLexicon())
    assert any(e.text == "Severn Trent" for e in info.entities), [e.text for e in info.entities]


def test_an_acronym_the_library_spells_out_is_known_by_its_long_form() -> None:
    """"IWMB" is never written, but a passage found names the Inland Water Management Board: not unknown, and the
    long form is matched as its spelling. An acronym no passage spells out stays unknown."""
    lex = FakeLexicon()
    info = analyse("Why did the former head of the IWMB resign?", lex)
    assert [e.text for e in info.unknown] == ["IWMB"]
    found = ["Ms Vance, formerly chair of the Inland Water Management Board of Victoria, resigned in May."]
    lex.DF.update({"inland": 2, "water": 30, "management": 9, "board": 11})
    try:
        resolve_initialisms(info, found, lex)
    finally:
        for t in ("inland", "water", "management", "board"):
            lex.DF.pop(t)
    assert info.unknown == []
    assert "inland water management board" in info.entities[0].aliases
    other = analyse("Why did the head of the WRC resign?", FakeLexicon())
    resolve_initialisms(other, found, FakeLexicon())
    assert [e.text for e in other.unknown] == ["WRC"]


def test_a_numbered_acronym_is_known_by_its_long_form_with_the_number_beside_it() -> None:
    """"IWB12" (a numbered session) is the Inland Water Board's 12th session when a passage writes the long form
    with that number beside it; a passage on another session leaves it unknown."""
    lex = FakeLexicon()
    lex.DF.update({"inland": 2, "water": 30, "board": 11})
    try:
        for text, known in (("Delegates met at Inland Water Board 12 in Riverton.", True),
                            ("The 12th session of the Inland Water Board opened on Monday.", True),
                            ("Inland Water Board 11 ended in Riverton.", False)):
            info = analyse("What was agreed at IWB12?", lex)
            assert [e.text for e in info.unknown] == ["IWB12"]
            resolve_initialisms(info, [text], lex)
            assert (info.unknown == []) is known, text
    finally:
        for t in ("inland", "water", "board"):
            lex.DF.pop(t)


def test_initials_skip_joining_words_and_stop_at_the_acronym_length() -> None:
    text = "the Centers for Disease Control and Prevention and the European Union"
    assert initialism_of("CDC", text) == ["Centers for Disease Control"]
    assert initialism_of("EU", text) == ["European Union"]
    assert initialism_of("CDCP", text) == ["Centers for Disease Control and Prevention"]
    assert initialism_of("UN", text) == []


def test_a_joined_name_the_library_never_writes_is_read_as_its_parts() -> None:
    lex = FakeLexicon()
    lex.DF.update({"murray": 12, "vance": 4})
    info = analyse("What did Vance say about the Murray-Vance accord?", lex)
    assert {e.text for e in info.entities} >= {"Murray", "Vance"} and info.unknown == []
    kept = analyse("What did Vance say about the Murray-Brazil accord?", lex)
    assert "Murray-Brazil" in [e.text for e in kept.unknown]  # a part the library never names: as asked


def test_the_kind_of_a_named_thing_refers_back_to_it_in_its_document() -> None:
    from assistant.evidence.candidates import _refers_back

    items = analyse("Who may bid under the Delta plan?", FakeLexicon())
    delta = next(e for e in items.entities if e.text == "Delta")
    assert delta.kind_noun == "plan"
    doc = "The ministry adopted the Delta plan on Monday. The plan will invite bids from local utilities."
    start = doc.index("The plan")
    assert _refers_back(doc, doc[start:], start, delta)
    other = "The ministry met on Monday. The plan will invite bids from local utilities."
    assert not _refers_back(other, other[other.index("The plan"):], other.index("The plan"), delta)  # named nowhere before
    assert not _refers_back(doc, "Bids will come from local utilities.", start, delta)  # no "the plan" in it
    assert analyse("How many pumps will Delta buy?", FakeLexicon()).entities[0].kind_noun == ""


def test_a_refusal_names_what_is_asked_for_in_plain_words() -> None:
    from assistant.evidence.match import match_all

    for question, said in [("When did Vance announce the levy?", "do not say when"),
                           ("How many aquifer sites did Vance fund?", "do not say how many aquifer sites"),
                           ("Who chairs the authority Vance founded?", "do not say who")]:
        info = analyse(question, FakeLexicon())
        text = "Vance spoke in Canberra on water."
        c = Candidate("d1", 0, len(text), text, "d1#0", 0)
        c.own = match_all(TextView(text), info.items)
        c.p = 0.5
        why, missing = refusal_reason(info, grow(info, c, [c]))
        assert why.startswith("the documents mention Vance but " + said), why
        assert info.answer is not None and info.answer.label in missing


def test_a_position_word_asks_what_was_said_only_as_someones_position_or_one_on_something() -> None:
    assert answer_kind("What is Freedonia's position on the dam?") == "say"
    assert answer_kind("What is the stance of Riverton on water pricing?") == "say"
    assert answer_kind("What was their response to the flood?") == "say"
    assert answer_kind("Whose identity was revealed as the official who had penned opinion pieces about the dam?") != "say"
    assert answer_kind("Which view of the river did the hotel offer?") != "say"


def test_a_phrase_fronted_before_the_wh_word_does_not_hide_what_is_asked() -> None:
    """"In the two reports on X, who …" asks who; the frame's names stay items of the question."""
    assert unframed("In the two reports on the Riverton levy, who is the new board chair?") == \
        "who is the new board chair?"
    assert answer_kind("In the two reports on the Riverton levy, who is the new board chair?") == "who"
    assert answer_kind("Apart from the dam, which countries did the board fund?") == "list"
    assert answer_kind("According to the audit, how much was spent on pumps?") == "number"
    assert answer_kind("When the mayor claimed the river was clean, how did Vance respond?") == "say"
    assert unframed("Who, in the end, chaired the board?") == "Who, in the end, chaired the board?"
    assert unframed("Is it true that, after the vote, who resigned?") == "Is it true that, after the vote, who resigned?"
    items = analyse("In the two reports on the Riverton levy, who is the new board chair?", FakeLexicon())
    assert items.kind == "who" and items.wh == "who" and any(e.text == "Riverton" for e in items.entities)


def test_a_capitalised_verb_is_no_part_of_the_name_before_it() -> None:
    """"Who did Emma Marry?" asks about Emma marrying; titles and names that hold verbs stay names."""
    def names(q: str) -> list[str]:
        return [e.text for e in analyse(q, FakeLexicon()).entities]

    assert names("Who did Emma Marry?") == ["Emma"]
    assert names("When Did Tom Berg Resign?") == ["Tom Berg"]
    assert names("What Did The Basin Council Decide About The Levy?") == ["Basin Council", "Levy"]
    assert "marry" in [t.text for t in analyse("Who did Emma Marry?", FakeLexicon()).terms]
    assert names("Where is Lake Chad?") == ["Lake Chad"]
    assert names("Why did Berg choose the dam?") == ["Berg"]
    assert names("Who managed Riverton United during the drought?") == ["Riverton United"]


def test_an_acronym_spelled_like_a_question_word_is_a_name_the_library_knows() -> None:
    class Knows(FakeLexicon):
        DF: ClassVar[dict[str, int]] = {**FakeLexicon.DF, "water": 9, "health": 9, "office": 9}

        def aliases(self, phrase: str) -> list[str]:
            return ["Water Health Office"] if phrase == "WHO" else []

    items = analyse("On what day did the WHO declare a drought emergency?", Knows())
    assert "E:who" in [e.key for e in items.entities]
    items = analyse("WHO DECLARED THE DROUGHT EMERGENCY?", Knows())  # all capitals: no acronym to tell
    assert "E:who" not in [e.key for e in items.entities]
    # a library that never names it otherwise: a formula's "(ON)" is no name it could be asked about
    assert "E:on" not in [e.key for e in analyse("Which salt has the formula (ON)CH?", FakeLexicon()).entities]


def test_a_wh_word_with_a_plural_noun_asks_for_a_list() -> None:
    """"Which sitting senators …", "What two reforms …" ask for every one: a list; a singular noun, a possessive or
    a question with no noun after its wh-word does not."""
    assert analyse("Which sitting US senators backed the aquifer levy?", FakeLexicon()).kind == "list"
    assert analyse("What two reforms did the basin authority adopt?", FakeLexicon()).kind == "list"
    assert analyse("What fund did the basin authority set up?", FakeLexicon()).kind == "what"
    assert analyse("What are the risks of the recharge plan?", FakeLexicon()).kind == "what"
