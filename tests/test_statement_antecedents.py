"""`statements()`: who a pronoun, a title or a group stands for ("he", "the minister", "they", "the two leaders"),
named before or after it (assistant/positions/antecedents.py; real spaCy model, no index)."""

from __future__ import annotations

from tests.statements_util import _by_speaker, _said


def test_a_title_is_not_someone_the_text_gave_another_role() -> None:
    text = ('"We are doing everything we can," said Lena Ortiz, the utility spokeswoman. '
            'The governor told reporters: "There is no crisis." Mayor Tom Berg said the pipes were old. '
            'The mayor added that funds were short.')
    got = [w for _k, w, _a, _q in _by_speaker(text)]
    assert got == ["Lena Ortiz", "The governor", "Tom Berg", "Tom Berg"]


def test_he_after_an_untagged_single_name_speaker_is_that_speaker() -> None:
    text = ("A fisherman paddles from the town of Bol to an islet within Lake Chad. Speaking in Chadian Arabic, "
            "Ousmane explains it has never been worse than this. He says fish are getting smaller.")
    got = _said(text)
    assert ("reported", "Ousmane", "fish are getting smaller") in got


def test_another_title_naming_the_same_institution_is_the_same_person() -> None:
    text = ("Riverton Water Board Chair Maria Gonzalez said on Monday that the levy would rise. "
            "The water board chief announced that the wells would be metered.")
    assert [w for _k, w, _q in _said(text)] == ["Maria Gonzalez", "Maria Gonzalez"]


def test_a_pronoun_no_one_was_named_for_before_is_the_person_named_next() -> None:
    text = ('"We are not going anywhere," she said. "This is our home." Maria Gonzalez has lived in Riverton for '
            '40 years.\n\nTom Berg chairs the board. "We will help," he said.')
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Maria Gonzalez", "Maria Gonzalez", "Tom Berg"]


def test_a_possessive_pronoun_in_an_opening_phrase_points_to_the_clause_subject() -> None:
    text = "In his message, Tom Berg appreciated the support of the Freedonia government."
    assert [(w, q) for _k, w, _a, q in _by_speaker(text)] == [
        ("Tom Berg", "appreciated the support of the Freedonia government")]


def test_an_opinion_whose_clause_subject_is_a_thing_is_the_earlier_person_s_or_the_one_named_with_of() -> None:
    text = ("Ana Ruiz disagrees. In her opinion, the reform should be based on joint funding for Riverton. "
            "In the view of Tom Berg, the plan is too costly.")
    assert [(w, q) for _k, w, _a, q in _by_speaker(text)] == [
        ("Ana Ruiz", "the reform should be based on joint funding for Riverton"),
        ("Tom Berg", "the plan is too costly")]


def test_they_is_the_plural_subject_the_sentence_is_about_or_the_group_that_spoke_last() -> None:
    text = ("The stores were reluctant to impose limits, according to a report from the Riverton Times in which "
            "they said they had no plans to introduce limits.\n\n"
            "The Riverton Water Board met on Monday. Residents said they were angry. They said the pipes were old.")
    got = [(w, q) for _k, w, _a, q in _by_speaker(text)]
    assert ("The stores", "they had no plans to introduce limits") in got
    assert ("Residents", "the pipes were old") in got


def test_a_role_speaker_named_only_later_is_that_person() -> None:
    text = ("Water charges will fall, the Prime Minister will say tomorrow as she meets farmers in Riverton.\n\n"
            "The visit follows a dry summer.\n\n"
            "Prime Minister Ana Ruiz said: \"This is the fairest plan.\"")
    assert {w for _k, w, _a, _q in _by_speaker(text)} == {"Ana Ruiz"}


def test_an_indefinite_spokesman_is_the_spokesman_named_in_the_next_lines() -> None:
    text = ("A spokesman for the Riverton Farmers Union said the talks had failed. Tom Berg said the union would "
            "strike on Monday. Union deputy spokesman Berg also denied that members had been threatened.")
    assert _by_speaker(text)[0][1] == "Tom Berg"


def test_the_president_is_not_the_vice_president_named_later() -> None:
    text = ("The President insists the budget include the dam. The Vice President, Tom Berg, said on Friday the "
            "country was in a crisis.")
    assert _by_speaker(text)[0][1] != "Tom Berg"


def test_a_name_the_tagger_missed_beside_a_role_is_the_she_that_follows() -> None:
    text = 'Ana Ruiz, the mayor of Riverton, spoke on Monday. "The water is safe," she said. "We tested it twice."'
    assert {w for _k, w, _a, _q in _by_speaker(text)} == {"Ana Ruiz"}


def test_a_name_beside_the_subject_is_the_she_of_the_next_sentence() -> None:
    text = ("\"We are talking to the national government,\" Lena Ortiz said.\n\n"
            "Freedonia's environment minister, Maria Gonzalez, visited on Tuesday. She promised that the government "
            "would pay half the cost.")
    assert _by_speaker(text)[-1][1] == "Maria Gonzalez"


def test_a_capitalised_title_is_the_person_named_with_it_before() -> None:
    text = ("Today, First Lady Ana Ruiz hosted a roundtable. The First Lady delivered opening remarks, calling on the "
            "House to pass the bill. President Tom Berg visited Riverton. The President said the dam was safe.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Ana Ruiz", "Tom Berg"]


def test_the_n_people_are_the_n_people_a_sentence_named_together() -> None:
    text = ("Tom Berg, Maria Gonzalez and Lena Ortiz met in Cairo on Monday. The three ministers said the treaty was "
            "void. The two ministers said talks would resume.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Tom Berg, Maria Gonzalez and Lena Ortiz", "The two ministers"]


def test_a_she_before_any_name_is_the_person_the_next_sentence_calls_by_a_role() -> None:
    text = '"Yes," she said, when asked if she would run. Ana Ruiz is the mayor of Riverton.'
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Ana Ruiz"]


def test_the_leaders_are_the_people_a_sentence_named_together_when_the_noun_fits() -> None:
    text = ("President Ana Ruiz and President Tom Berg had a call on Tuesday. The leaders agreed Riverton and "
            "Freedonia will continue working together. Both leaders said the talks were useful. The presidents "
            "noted the work of their envoys. The officers said the road was closed.")
    assert [w for _k, w, _q in _said(text)] == ["Ana Ruiz and Tom Berg"] * 3 + ["The officers"]


def test_he_is_not_the_one_whose_conduct_the_last_speaker_described() -> None:
    text = ('Tom Berg questioned the selection.  He said the "phony" and "nasty" Lena Ortiz attacked Ana Ruiz during '
            "the debates. He also said Ortiz' poll numbers dropped precipitously before her withdrawal.")
    assert [w for _k, w, _q in _said(text)] == ["Tom Berg", "Tom Berg"]


def test_it_after_a_document_spoke_is_that_document_and_its_issuer() -> None:
    # a statement posted to someone's account is theirs (a document stands for its issuer), and "It" goes on with it
    text = ("Tom Berg died at home on Monday according to a statement posted to his official account. It also "
            "stated he had been ill since 2016.")
    assert [w for _k, w, _q in _said(text)] == ["Tom Berg", "Tom Berg"]
    text = "Prices rose on Monday according to a statement. It also stated the rise would last."
    assert [w for _k, w, _q in _said(text)] == ["a statement", "a statement"]


def test_a_role_named_before_its_holder_is_the_one_person_named_later_with_it() -> None:
    text = ("Ana Ruiz told reporters on Monday. Riverton's governor has promised each family a payout.\n\n"
            "Regional governor Tom Berg said inspectors were present.")
    assert [w for _k, w, _q in _said(text)][:2] == ["Tom Berg", "Tom Berg"]
    two = text + "\n\nGovernor Lena Ortiz of the next region said nothing had changed."
    assert _said(two)[0][1] == "Riverton's governor"  # two governors named later: no guess


def test_a_name_set_off_with_its_organisation_is_a_person_for_a_later_he() -> None:
    text = ("Tom Berg said the union would not act. Some traders believe the price is driven by the dollar. "
            "Ira Feldstein, of the New York Mercantile Exchange, is among them.\n\n"
            '"I think it is a continuation of the dollar slump," he said.')
    assert _said(text)[-1][:2] == ("direct", "Ira Feldstein")


def test_a_role_qualified_by_an_adjective_is_the_person_with_that_qualified_title() -> None:
    text = ("Tom Berg met the envoys. Freedonia's Foreign Secretary Ana Ruiz said the government would act. Berg said "
            "nothing. The foreign minister said Freedonia would consider charges.")
    assert _said(text)[-1][1] == "Ana Ruiz"


def test_a_surname_the_tagger_took_for_a_group_after_an_untagged_first_name_is_a_person() -> None:
    text = ("The outbreak continues, but the agency says cases have fallen.\n\n"
            "Clairlice Chaignat is in charge of the agency's task force on cholera control. From Geneva, she spoke to "
            "VOA's reporter Tom Berg about the outbreak. \u201cThe situation is in fact starting to improve a bit in "
            "certain provinces,\u201d she says.")
    assert _said(text)[-1][:2] == ("direct", "Chaignat")


def test_they_after_a_meeting_are_the_two_who_met() -> None:
    text = ("President Tom Berg spoke today with Riverton Council President Ana Ruiz to convey his support. They "
            "discussed the dam. President Berg updated President Ruiz on the talks and stressed the need for the "
            "Water Union to stop the strike. They expressed their shared concern that the valley may flood.")
    got = _said(text)
    assert got[0][1] == "Tom Berg and Ana Ruiz"
    assert got[-1] == ("reported", "Tom Berg and Ana Ruiz", "the valley may flood")


def test_the_title_two_people_share_is_the_one_the_main_clause_was_about() -> None:
    text = ("President Tom Berg spoke today with Riverton Council President Ana Ruiz. President Berg updated President "
            "Ruiz on the talks. The President also underscored his strong commitment to a negotiated settlement.")
    assert _said(text)[-1][1] == "Tom Berg"


def test_a_body_named_by_its_kind_is_not_an_organisation_of_another_kind() -> None:
    # "the court" is not the bank or the board named before (their names say what they are); "the board" is the board
    text = ("Riverton Bank president Ana Ruiz said rates would rise. The Riverton Water Board said prices would rise. "
            "The court said the advice was unlawful. The board said it would appeal.")
    assert [(w, q) for _k, w, q in _said(text)] == [("Ana Ruiz", "rates would rise"),
                                                    ("The Riverton Water Board", "prices would rise"),
                                                    ("The court", "the advice was unlawful"),
                                                    ("The Riverton Water Board", "it would appeal")]


def test_she_is_not_a_man_the_text_already_called_he() -> None:
    # "He died …" told the reader Tom Berg is "he"; the later "She informed police …" is the woman named before
    text = ("Lena Ortiz, who has immunity as a diplomat's wife, was involved in a collision which killed Tom Berg on "
            "Monday. She subsequently left the country.\n\n"
            "Tom Berg, a 19-year-old rider, was struck by a car on the wrong side of the road. He died from his "
            "injuries at the hospital.\n\n"
            "Police spoke with Lena Ortiz as a suspect. She told police that she had diplomatic immunity.")
    assert [(w, q) for _k, w, q in _said(text)] == [("Lena Ortiz", "she had diplomatic immunity")]


def test_a_role_of_a_named_organisation_is_its_holder_named_before_and_the_next_he() -> None:
    # "The Riverton Bank President" is the person named with that title, not the bank; "He" after it is that person,
    # not the economist who spoke in between
    text = ("Riverton Bank President Tom Berg said growth will slow. Economist Lena Ortiz said Europe is fragile.\n\n"
            "The Riverton Bank President says Europe has approved some measures. He said, “So issues remain in "
            "the eurozone.”")
    assert [w for _k, w, _q in _said(text)] == ["Tom Berg", "Lena Ortiz", "Tom Berg", "Tom Berg"]


def test_a_role_with_its_holders_name_beside_it_is_that_holder() -> None:
    # "the deputy minister …, Tom Berg" is Tom Berg, not the earlier deputy of another body
    text = ("- Riverton is a good example of this. – said the deputy Secretary General of NATO, Maria Gonzalez\n"
            "- We have a shared responsibility for security. We continue our mission collectively. – stressed the "
            "minister of defence of France, Lena Ortiz.\n"
            "- We discussed starting an initiative for low-cost dams. Another matter on the agenda was the drought.\n"
            "- noted the deputy minister of defence of Spain, Tom Berg\n")
    got = _said(text)
    assert got[1][1] == "Lena Ortiz"
    assert got[2] == ("direct", "Tom Berg",
                      "We discussed starting an initiative for low-cost dams. Another matter on the agenda was the drought.")


def test_their_after_a_place_s_government_spoke_is_that_government_not_people_named_before() -> None:
    text = ("Three residents, Tom Berg, Ana Ruiz and Lena Ortiz, who had moved to Utah, sued to be allowed to vote. "
            "They worked with the group Equal Rights.\n\n"
            "The government of Freedonia issued a statement saying the issue should be decided by Congress. Their "
            "statement also read \"imposition of citizenship violates principles of self-determination.\"")
    got = _said(text)
    # (the same speaker as the statement before: the body, as the text names it)
    assert ("direct", "The government of Freedonia",
            "imposition of citizenship violates principles of self-determination.") in got
    got = _said("Freedonia's ministry said the dam was safe. Their statement also read \"the dam will hold.\"")
    assert got == [("reported", "Freedonia's ministry", "the dam was safe"),
                   ("direct", "Freedonia's ministry", "the dam will hold.")]
