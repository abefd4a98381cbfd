"""Compound questions: split into parts that can each be asked alone (general English, no model)."""

from __future__ import annotations

from assistant.evidence.parts import split_parts, split_question
from assistant.positions.said import can_be_speaker


def test_two_questions_joined_by_and_are_two_parts() -> None:
    assert split_question("Who approved the levy on river abstraction and what did Elena Vance say about aquifers?") \
        == ["Who approved the levy on river abstraction?", "What did Elena Vance say about aquifers?"]
    assert split_question("What is the tariff? Who set it in 2024?")[0] == "What is the tariff?"


def test_one_question_about_one_thing_stays_whole() -> None:
    for q in ["What did Vance and Okafor say about the levy?",
              "When and where will the next water summit be held?",
              "How many dams and how many weirs did the agency inspect?",
              "Which is older, the Kariba dam or the Aswan dam?",
              "Who proposed the levy, and when?"]:
        assert split_question(q) == [q]


def test_a_part_that_refers_back_carries_the_earlier_wording_and_can_be_resolved() -> None:
    parts = split_parts("During which years did the Basin Commission exist, and who created it?")
    assert len(parts) == 2
    assert parts[1].bare == "Who created it?"
    assert "Basin Commission" in parts[1].question
    assert parts[1].resolved(["Elena Vance"]) == "Who created it (Elena Vance)?"
    assert parts[0].resolved(["x"]) is None


def test_a_shared_according_to_frame_applies_to_every_part() -> None:
    parts = split_question("According to the audit, how much was spent on pumps, and which utility overspent most?")
    assert parts[1].startswith("According to the audit, ")


def test_a_name_inside_what_was_said_is_not_the_speaker() -> None:
    q = "What did the water minister say could make Vance resign?"
    assert not can_be_speaker(q, "Vance")
    assert can_be_speaker("What did Vance say about the levy?", "Vance")
    assert can_be_speaker("According to Vance, what is the levy for?", "Vance")


def test_a_body_named_as_the_holder_of_a_role_is_not_the_speaker() -> None:
    """"the Commission president" is a person of the Commission: what that person said, not the Commission."""
    assert not can_be_speaker("What did the Commission president say about the levy?", "Commission")
    assert not can_be_speaker("What did the Riverton Water Board's chief executive say?", "Riverton Water Board")
    assert can_be_speaker("What did the Commission spokesperson say about the levy?", "Commission")
    assert can_be_speaker("What did the Commission say about the levy?", "Commission")
    assert can_be_speaker("What did Vance and Berg say about the levy?", "Vance")
    # ... and so is a body a role is "of" ("the head of X")
    assert not can_be_speaker("What did the head of the Riverton Water Board say about the levy?",
                              "Riverton Water Board")
    assert can_be_speaker("What did the spokesman for the Commission say about the levy?", "Commission")
    assert can_be_speaker("What did the people of Riverton say about the levy?", "Riverton")  # not a role


def test_many_questions_in_one_are_bounded() -> None:
    q = " ".join(f"What is the tariff in zone {i}?" for i in range(12))
    parts = split_question(q)
    assert len(parts) == 4 and parts[0] == "What is the tariff in zone 0?" and "zone 11" in parts[-1]


def test_a_wh_word_after_and_may_follow_a_lead_word() -> None:
    got = [p.question for p in split_parts("How many wells did the board license in 2020, and about how far did the "
                                           "water table fall afterwards?")]
    assert got[0] == "How many wells did the board license in 2020?"
    assert got[1].startswith("About how far did the water table fall afterwards")
    assert len(split_parts("What event triggered the clause, and in which year?")) == 1  # nothing of its own
    assert split_question("Which agency fined the Riverton utility, and under which law was the fine imposed?") == \
        ["Which agency fined the Riverton utility?", "Under which law was the fine imposed?"]


def test_a_part_that_leaves_out_the_verb_takes_the_first_parts() -> None:
    """"…, and who about Y?" asks the first part's question about Y."""
    q = "Who spoke for the water agency about the dam in Riverton, and who about the people displaced by the flood?"
    assert split_question(q) == ["Who spoke for the water agency about the dam in Riverton?",
                                 "Who spoke for the water agency about the people displaced by the flood?"]
    assert split_question("Where did Ana Ruiz travel in May, and where in June of that year?")[1] == \
        "Where did Ana Ruiz travel in June of that year?"
    assert split_question("Who hosted the meeting, and what did Berg say about Riverton?")[1] == \
        "What did Berg say about Riverton?"  # a part with its own verb stays as asked


def test_a_part_about_the_one_person_named_first_is_asked_by_name() -> None:
    """"…, and what did *he* say about *his* budget?" after a first part naming one person asks about that person;
    with two people named first, or a pronoun for a thing ("it"), the earlier wording is carried instead."""
    got = split_question("How many wells did Tom Berg license in 2020, and what did he say about his budget?")
    assert got == ["How many wells did Tom Berg license in 2020?", "What did Tom Berg say about Tom Berg's budget?"]
    two = split_parts("When did Tom Berg meet Lena Ortiz in Riverton, and what did she say about the levy?")
    assert two[1].bare is not None and "Tom Berg" in two[1].question  # whose "she"? not guessed
    thing = split_parts("When did Tom Berg open the Riverton dam, and who paid for it?")
    assert thing[1].bare == "Who paid for it?"
    # after "Who …", a later "he" may be the person asked for: read from the first part's evidence, as before
    who = split_parts("Who succeeded Tom Berg at the water board, and when did he take office?")
    assert who[1].bare == "When did he take office?"
    # a one-word surname the small parser tags as an organisation is still the one "he" can mean; the objects of
    # "from"/"to" are places
    odd = split_question("Which agency flew Kovalchyk from Riverton to Freedonia, and where was he treated?")
    assert odd == ["Which agency flew Kovalchyk from Riverton to Freedonia?", "Where was Kovalchyk treated?"]


def test_two_counts_asked_together_complete_each_other() -> None:
    """"How many A and how many B <predicate>?" asks the predicate of each; "…, and how many <predicate>?" counts the
    first count's noun."""
    assert split_question("How many pupils and how many teachers were hurt in the Riverton fire?") == [
        "How many pupils were hurt in the Riverton fire?", "How many teachers were hurt in the Riverton fire?"]
    assert split_question("How many people were aboard the Riverton ferry, and how many drowned?") == [
        "How many people were aboard the Riverton ferry?", "How many people drowned?"]
    assert split_question("How many homes does the Riverton dam serve?") == [
        "How many homes does the Riverton dam serve?"]


def test_a_later_part_refers_back_to_the_names_of_the_likeliest_answer_sentences() -> None:
    """"… and who chairs that committee?": what "that committee" is comes from the sentences likeliest to answer the
    first part, not from a metadata line's "Title:" and "Date:" labels."""
    from assistant.evidence.candidates import Candidate
    from assistant.evidence.find import Found, evidence_names
    from assistant.evidence.items import QuestionItems
    from assistant.evidence.sets import EvidenceSet, Member

    def cand(text: str, start: int, p: float, meta: str | None = None) -> Candidate:
        c = Candidate("d", start, start + len(text), text, "c", 0, meta_field=meta)
        c.p = p
        return c

    title = cand("Title: Riverton votes on the levy. Date: 2026-01-02.", 0, 0.2, "metadata")
    vote = cand("The Riverton council voted on Tuesday.", 60, 0.3)
    answer = cand("In April the Freedonia Water Committee issued the subpoenas.", 100, 0.6)
    es = EvidenceSet(members=[Member(title, []), Member(vote, []), Member(answer, [])])
    found = Found(QuestionItems("Which committee issued the subpoenas on the Riverton levy?", "what"), [], [], es, True)
    got = evidence_names(found)
    assert "Freedonia Water Committee" in got and "Title" not in got and "Date" not in got
