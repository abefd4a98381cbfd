"""`statements()`: which words and phrases make a statement at all (speech verbs, light verbs with statement nouns,
claim and call nouns, occasions for speaking) and which look alike but say nothing (real spaCy model, no index)."""

from __future__ import annotations

from tests.statements_util import _said


def test_recognising_a_point_reports_it() -> None:
    text = 'Tom Berg recognized that "the developed countries are going to see negative growth."'
    assert _said(text) == [("direct", "Tom Berg", "the developed countries are going to see negative growth.")]


def test_asking_not_to_be_named_is_no_statement_but_asking_someone_to_act_is() -> None:
    text = ("A board member, who asked not to be identified, said the plan was dead. "
            "Tom Berg asked the council to name a new director.")
    assert _said(text) == [("reported", "A board member", "the plan was dead"),
                           ("reported", "Tom Berg", "the council to name a new director")]


def test_hinting_and_joking_report_their_clause_only() -> None:
    text = ("Tom Berg hinted that the dam would fail. Ana Ruiz joked that the dam was older than her. "
            "The central bank signalled a rate cut.")
    assert _said(text) == [("reported", "Tom Berg", "the dam would fail"),
                           ("reported", "Ana Ruiz", "the dam was older than her")]


def test_rejecting_a_claim_is_a_statement_about_that_claim() -> None:
    text = ("Tom Berg, a party spokesman, dismissed claims by Ana Ruiz that the election had been stolen. "
            "Lena Ortiz rejected the plan.")
    assert _said(text) == [("reported", "Tom Berg", "claims by Ana Ruiz that the election had been stolen"),
                           ("reported", "Ana Ruiz", "the election had been stolen")]


def test_calling_for_something_to_be_done_reports_what_is_called_for() -> None:
    assert _said("Ana Ruiz called for the dam to be closed.") == [("reported", "Ana Ruiz", "the dam to be closed")]
    text = ("On Thursday, Ana Ruiz, the mayor of Riverton, addressed reporters in Lakeside, calling for the "
            "killers of the mayor to be brought to justice.")
    assert _said(text) == [("reported", "Ana Ruiz", "the killers of the mayor to be brought to justice")]
    assert _said("Ana Ruiz waited for the rain to stop.") == []


def test_an_announcement_made_on_a_platform_reports_its_that_clause() -> None:
    text = "That same day, Tom Berg made a surprise announcement on Twitter that he was running for mayor."
    assert _said(text) == [("reported", "Tom Berg", "he was running for mayor")]


def test_an_estimate_put_at_an_amount_is_a_statement() -> None:
    assert _said("Officials put the death toll at 49.") == [("reported", "Officials", "the death toll at 49")]
    text = ("Ana Ruiz, chief executive of the palace, placed the value of the artwork in the range of five to six "
            "million dollars.")
    assert _said(text) == [("reported", "Ana Ruiz",
                            "the value of the artwork in the range of five to six million dollars")]
    assert _said("The storm put the number of homeless at risk. Tom Berg put the plan on hold.") == []


def test_identifying_something_as_something_is_a_statement() -> None:
    assert _said("Police identified the man as Tom Berg, a local farmer.") == [
        ("reported", "Police", "the man as Tom Berg, a local farmer")]
    assert _said("Engineers identified three faults in the dam. Tom Berg identified himself as a farmer.") == []


def test_expressing_the_words_themselves_is_a_statement() -> None:
    text = 'Backlash from the statement led Ana Ruiz to express "I should not have been so cavalier."'
    assert _said(text) == [("direct", "Ana Ruiz", "I should not have been so cavalier.")]
    assert _said("Ana Ruiz expressed concern about the drought.") == []


def test_speaking_of_something_states_it_speaking_to_or_about_does_not() -> None:
    assert _said("Ana Ruiz spoke of a new era for the river.") == [("reported", "Ana Ruiz", "a new era for the river")]
    assert _said("He spoke to reporters on Monday. Tom Berg spoke about the dam.") == []


def test_a_stated_support_or_desire_for_something_is_a_statement() -> None:
    text = ("Tom Berg expressed his support for steps to enable the valley to recover. "
            "Ana Ruiz voiced her desire for the river to be a place of peace.")
    assert _said(text) == [("reported", "Tom Berg", "his support for steps to enable the valley to recover"),
                           ("reported", "Ana Ruiz", "her desire for the river to be a place of peace")]


def test_a_speech_verb_in_a_supposition_is_no_statement() -> None:
    text = ('According to U.S. Attorney Tom Berg, the letter if written by the suspect could strengthen the '
            'city\'s case: "The key factor here is that it appears to be an intent to intimidate the council."')
    assert [(k, w) for k, w, _q in _said(text)] == [("reported", "Tom Berg"), ("direct", "Tom Berg")]
    assert _said("If Ana Ruiz said the dam is safe, she was wrong.") == []


def test_instructing_or_directing_someone_to_act_reports_the_instruction_but_directing_a_thing_is_no_statement() -> None:
    text = ("The two ministers instructed their teams to finish the technical work. "
            "Ana Ruiz was directing the agencies to publish their data. Tom Berg directed the film in 1999.")
    assert _said(text) == [("reported", "The two ministers", "their teams to finish the technical work"),
                           ("reported", "Ana Ruiz", "the agencies to publish their data")]


def test_talking_of_something_states_it_as_speaking_of_it_does_but_talking_about_or_to_is_no_statement() -> None:
    text = ("Tom Berg talked of the plan's countless flaws and its cost. Ana Ruiz talked about the weather. "
            "Lena Ortiz talked to reporters on Monday.")
    assert _said(text) == [("reported", "Tom Berg", "the plan's countless flaws and its cost")]


def test_an_apology_states_what_it_is_for_and_a_bare_apology_states_nothing() -> None:
    text = "Riverton Power apologized for the outage. Tom Berg apologized to the families."
    assert _said(text) == [("reported", "Riverton Power", "for the outage")]


def test_making_claims_or_promises_reports_what_is_claimed_or_promised() -> None:
    text = ("Ana Ruiz's government has been making claims that rebels were planning a coup. "
            "The council eventually made promises to halt imports immediately whenever the disease breaks out. "
            "Tom Berg made a promise that he kept.")
    assert [(k, q) for k, _w, q in _said(text)] == [
        ("reported", "rebels were planning a coup"),
        ("reported", "to halt imports immediately whenever the disease breaks out")]


def test_a_named_owners_position_or_promise_equated_with_a_clause_reports_that_clause() -> None:
    text = ("The ministry's position is that the dam is safe. The council's second promise was to run an inspection "
            "of all imported beef, which many saw as a delay. His answer was to resign. The plan's goal is to cut costs.")
    assert _said(text) == [("reported", "The ministry", "the dam is safe"),
                           ("reported", "The council", "to run an inspection of all imported beef")]


def test_calls_by_a_named_body_to_act_report_the_act_asked_for() -> None:
    text = "Ana Ruiz applauded calls by the Riverton Council to delay the elections. The calls to the hotline rose."
    assert _said(text) == [("reported", "the Riverton Council", "to delay the elections")]


def test_setting_out_plans_outlines_them_but_setting_out_for_a_place_says_nothing() -> None:
    text = "Tom Berg will set out the government's plans for a new farming policy. Ana Ruiz set out for Paris on Monday."
    assert _said(text) == [("reported", "Tom Berg", "the government's plans for a new farming policy")]


def test_what_an_occasion_for_speaking_served_was_said_but_a_purpose_elsewhere_was_not() -> None:
    text = ("Ana Ruiz held a news conference to announce that the plant would close. "
            "Tom Berg met with reporters to dispute claims that the mill was unsafe. "
            "Lena Ortiz took to Twitter to say that the dam would hold. "
            "Maria Gonzalez sent inspectors there to confirm the damage.")
    assert [(w, q) for _k, w, q in _said(text)] == [("Ana Ruiz", "the plant would close"),
                                                    ("Tom Berg", "claims that the mill was unsafe"),
                                                    ("Lena Ortiz", "the dam would hold")]


def test_committing_to_an_act_attributing_a_cause_and_echoing_a_point_are_statements() -> None:
    text = ("Riverton was more forceful in blaming Freedonia for the attack, committing to send more troops. "
            "Ana Ruiz attributed the increase to the council's call for citizens to register. "
            "Tom Berg echoed Ana Ruiz's appreciation of the mission. The suspect committed a crime in 2019. "
            "The sound echoed through the hall.")
    assert [(w, q) for k, w, q in _said(text) if k == "reported"] == [
        ("Riverton", "to send more troops"),
        ("Ana Ruiz", "the increase to the council's call for citizens to register"),
        ("Tom Berg", "Ana Ruiz's appreciation of the mission")]


def test_a_hypothesis_or_a_suspicion_reports_its_clause_only() -> None:
    text = ("The lead author, Ana Ruiz of Freedonia, had initially hypothesized the lava itself would feed the "
            "microbes. Police suspect the fire was set deliberately. Police suspected Tom Berg.")
    assert _said(text) == [("reported", "Ana Ruiz", "the lava itself would feed the microbes"),
                           ("reported", "Police", "the fire was set deliberately")]


def test_placing_the_blame_on_something_states_what_is_to_blame() -> None:
    text = "Ana Ruiz, a lawyer in Riverton, places the blame on corruption. Tom Berg placed the vase on the table."
    assert _said(text) == [("reported", "Ana Ruiz", "corruption")]
    assert _said("Tom Berg laid the blame for the outage on the heat wave.") == [("reported", "Tom Berg", "the heat wave")]


def test_writing_a_text_is_authorship_but_writing_what_it_says_is_a_statement() -> None:
    text = ("Tom Berg wrote the report. Ana Ruiz wrote a letter to Lena Ortiz, the prosecutor of Riverton. "
            "Voters were urged to write in another candidate.")
    assert _said(text) == []
    text = "Tom Berg wrote a letter to the council saying the dam was unsafe. Ana Ruiz wrote that the dam was safe."
    assert _said(text) == [("reported", "Tom Berg", "the dam was unsafe"), ("reported", "Ana Ruiz", "the dam was safe")]


def test_a_reporters_byline_is_no_statement() -> None:
    text = "The agency is calling for more inspections. Ana Ruiz reports for Riverton Radio from Geneva."
    assert _said(text) == [("reported", "The agency", "more inspections")]
    assert _said("Ana Ruiz reports for Riverton Radio that the dam failed.") == [
        ("reported", "Ana Ruiz", "the dam failed")]


def test_a_passive_speech_verb_reports_what_its_agent_was_said_of_only_for_verbs_of_accusing_and_warning() -> None:
    text = ("Riverton needs a new dam. This was stated, in particular, by the leaders of Freedonia. "
            "The mayor was warned by Ana Ruiz of a flood.")
    assert _said(text) == [("reported", "Ana Ruiz", "a flood")]
