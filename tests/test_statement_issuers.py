"""`statements()`: a document, post or outlet speaks for whoever issued, sent or owns it ("the report says" after
"X released its report", "his tweet said", "a statement posted to her account") (real spaCy model, no index)."""

from __future__ import annotations

from tests.statements_util import _by_speaker, _said


def test_a_document_introduced_with_a_clause_of_its_own_is_no_earlier_speakers() -> None:
    text = ('Environmental group RiverWatch called the decision "reckless". The report, which was commissioned by '
            'the council, found that leaks cost 40 million litres a day.')
    assert _by_speaker(text)[-1][1:] == ("The report", None, "leaks cost 40 million litres a day")


def test_this_report_is_its_issuers() -> None:
    text = ("The ministers discussed the new Freedonia Water Authority (FWA) report on Monday. "
            "This report warns that the aquifer will run dry by 2030.")
    got = _said(text)
    assert ("reported", "Freedonia Water Authority", "the aquifer will run dry by 2030") in got


def test_a_statement_issued_by_a_body_named_before_is_that_body() -> None:
    text = ("The Freedonia Health Ministry reported ten cases. According to a statement from the ministry, the risk "
            "is low. The Riverton Water Board met on Monday. The outage will last two days, according to a statement "
            "released by the board.")
    got = [(w, q) for _k, w, _a, q in _by_speaker(text)]
    assert ("The Freedonia Health Ministry", "the risk is low") in got
    assert ("The Riverton Water Board", "The outage will last two days") in got


def test_a_statement_from_a_named_persons_office_is_that_office() -> None:
    assert _said("A statement from Ana Ruiz's office said the visit was cancelled.") == [
        ("reported", "Ana Ruiz's office", "the visit was cancelled")]


def test_what_the_parser_joins_to_a_document_is_not_part_of_its_name() -> None:
    text = ("Crews were called at 09:09. Resources sent included engines from Lakeside and Riverton according to a "
            "fire service statement, as well as a ladder platform, a pump, and the service's command unit.")
    assert [w for _k, w, _q in _said(text)] == ["a fire service statement"]


def test_a_document_of_someone_named_by_role_speaks_for_them_also_in_part() -> None:
    text = ('Judge Tom Berg ruled on Friday. Part of the judge\'s statement reads "the average woman could be '
            'better suited for some roles. Combat roles no longer require size."')
    assert [(k, w) for k, w, _q in _said(text)] == [("direct", "Tom Berg")]


def test_the_piece_is_the_article_of_the_outlet_named_before() -> None:
    text = ("The Riverton Times comments on how the new dam has been used since 2016. The piece says water use has "
            "grown.")
    assert ("reported", "The Riverton Times", "water use has grown") in _said(text)


def test_its_reporter_and_its_investigation_are_the_paper() -> None:
    """"Its reporter found …" and "its investigation" after "The Riverton Times reports …" are the paper; "according
    to its investigation" on the paper's own report is no second statement."""
    text = ("The Riverton Times reports that farmers are pumping wells dry to sell water to the city, according to its "
            "investigation. Its reporter found scores of tankers “openly queuing” at the wells.")
    got = _said(text)
    assert ("reported", "The Riverton Times", "farmers are pumping wells dry to sell water to the city") in got
    assert ("reported", "The Riverton Times", "scores of tankers “openly queuing” at the wells") in got
    assert len([q for _k, _w, q in got if "farmers" in q]) == 1


def test_a_court_opinion_that_reads_a_quotation_speaks_for_the_court() -> None:
    text = ('The opinion of the Riverton Supreme Court, released on Wednesday, read in part, "[I]t is concluded that '
            'the oath of office as mayor is unconstitutional."')
    assert _said(text) == [("direct", "the Riverton Supreme Court",
                            "[I]t is concluded that the oath of office as mayor is unconstitutional.")]


def test_a_statement_posted_to_someones_account_and_its_it_speak_for_the_account_holder() -> None:
    text = ("The actor Tom Berg has died at 43. Berg died at home on August 28 in the company of his wife and family "
            "according to a statement posted to his official Twitter account. It also stated he was in stage IV of "
            "his cancer.")
    assert [w for _k, w, _q in _said(text)] == ["Tom Berg", "Tom Berg"]


def test_a_participle_hung_on_where_a_message_was_posted_is_the_senders() -> None:
    text = "Secretary of State Ana Ruiz posted a message on Twitter blaming Freedonia for the attacks."
    assert [(k, who) for k, who, _q in _said(text)] == [("third_party", "Ana Ruiz")]


def test_his_or_her_document_speaks_for_that_person() -> None:
    text = ("Tom Berg tweeted about the floods. His tweet said: \"The dams will hold.\" "
            "Ana Ruiz wrote to the council on Monday. Her letter says the plan is unlawful.")
    assert [(k, who) for k, who, _q in _said(text)][-2:] == [("direct", "Tom Berg"), ("reported", "Ana Ruiz")]


def test_the_report_is_the_one_a_body_released_before_even_when_the_tagger_reads_report_as_a_verb() -> None:
    text = ("For Riverton Radio, this is the Economics Report in Special English.\n\n"
            "The World Bank released its Global Economic Prospects report this week. Bank experts are using the "
            "word “fragile” to describe the recovery this year.\n\n"
            "The report predicts the international economy will grow a little over two percent in 2013.")
    assert [(k, who) for k, who, _q in _said(text) if "economy" in _q] == [("reported", "The World Bank")]


def test_a_text_sent_from_someones_account_or_a_headline_a_paper_ran_is_theirs() -> None:
    text = ("A tweet sent from Tom Berg's Twitter account during the debate repeated his commitment, saying "
            "\"My running mate will be a woman.\" The daily Riverton Times covered the story with a headline pointing "
            "out that amount as the presumed price.")
    assert [(k, who) for k, who, _q in _said(text)][-2:] == [("direct", "Tom Berg"), ("reported", "Riverton Times")]


def test_the_article_doing_the_accusing_is_the_papers_that_reported_before() -> None:
    text = ("The Riverton Times reports that criminals use Facebook to sell drugs, according to its investigation. "
            "Its reporter found scores of dealers online, with the article accusing social media giants of failing "
            "to tackle law-breaking.")
    assert [who for _k, who, _q in _said(text)] == ["The Riverton Times", "The Riverton Times"]
