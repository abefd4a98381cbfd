"""`statements()`: who a speaker is when the text names them by title, role, description, issuer or not at all
(real spaCy model, no index)."""

from __future__ import annotations

import pytest

from tests.statements_util import _by_speaker, _said


def test_a_title_of_an_organisation_followed_by_a_name_is_that_person() -> None:
    text = ("Chairman of the Board of Trustees Lena Ortiz said the fund was sound. "
            "Former envoy to the River Commission Tom Berg argued that prices must rise. "
            "The Ambassador to the Basin Authority said it was wrong.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Lena Ortiz", "Tom Berg", "The Ambassador to the Basin Authority"]


def test_a_described_body_and_people_in_the_plural_name_themselves() -> None:
    text = ("The dam failed on Monday in Riverton, a town in the north of Freedonia. Pumps, according to the "
            "emergencies ministry, drained the valley overnight. Mayor Ana Ruiz said inspectors were present. "
            "Residents told local media the inspectors claimed to be seeking a leak.")
    got = {q: w for _k, w, _a, q in _by_speaker(text)}
    assert [w for q, w in got.items() if q.startswith("Pumps")] == ["the emergencies ministry"]
    assert got["to be seeking a leak"] == "the inspectors"


def test_a_shorter_name_of_an_organisation_named_before_is_that_organisation() -> None:
    text = ("The family left on advice from the Freedonian Department of Water Resources. "
            "The Water Resources Department said the pumps were safe. The Water Board said they were not.")
    got = [w for _k, w, _a, _q in _by_speaker(text)]
    assert got == ["the Freedonian Department of Water Resources", "The Water Board"]


def test_an_acronym_the_text_defines_stands_for_the_name() -> None:
    text = ("Engineers from the National Water Service (NWS) inspected the dam on Monday. "
            "The NWS said the spillway was sound.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["the National Water Service"]


def test_a_titled_name_the_tagger_missed_is_who_she_is() -> None:
    text = 'Mayor Ana Ruiz defended the tariff on Tuesday. "We cannot keep subsidising waste," she said.'
    assert _by_speaker(text) == [("direct", "Ana Ruiz", None, "We cannot keep subsidising waste")]


def test_a_body_the_name_only_locates_speaks_and_it_is_that_body() -> None:
    """"The Riverton water board said …": the board speaks, not the town; "It added …" is the board again."""
    text = ("The Riverton water board said the levy will rise. It added that farmers would pay more. "
            "The Freedonian health ministry said the water is safe.")
    got = _said(text)
    assert ("reported", "The Riverton water board", "the levy will rise") in got
    assert ("reported", "The Riverton water board", "farmers would pay more") in got
    assert ("reported", "The Freedonian health ministry", "the water is safe") in got


def test_each_member_of_a_coordinated_subject_said_it() -> None:
    text = "Water Minister Maria Gonzalez and Farm Secretary Tom Berg said the levy must rise."
    got = _said(text)
    assert got == [("reported", "Maria Gonzalez", "the levy must rise"), ("reported", "Tom Berg", "the levy must rise")]


def test_a_company_named_by_what_it_does_is_the_company() -> None:
    text = ("Tesco said on Monday it would sell its Polish stores. The retailer said the sale would close in June. "
            "The chain's press release reported 22 sold units.")
    assert [w for _k, w, _q in _said(text)] == ["Tesco", "Tesco", "Tesco"]


def test_a_name_the_tagger_missed_in_apposition_to_a_title_is_the_speaker() -> None:
    text = ("The governor, Ana Ruiz, announced on Friday that schools would reopen. "
            "The minister for water, Tom Berg, told parliament the reservoirs were half full.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Ana Ruiz", "Tom Berg"]


def test_a_label_naming_the_speaker_before_a_colon_and_a_quote_is_the_speaker() -> None:
    text = ("The plan was met with praise:\n\n"
            "Riverton Water Board Chair Lena Ortiz: “The plan protects every household. We will back it.”\n\n"
            "Freedonia Farmers Union: “Our members have waited ten years for this decision.”\n\n"
            "Q: “Will the plan work?”")
    assert [(k, w) for k, w, _a, _q in _by_speaker(text)] == [("direct", "Lena Ortiz"),
                                                                 ("direct", "Freedonia Farmers Union")]


def test_a_name_set_off_by_commas_right_before_the_verb_speaks_when_the_title_misparses() -> None:
    text = ("Take It Down Act Advocate, Francesca Mani, said: “A strong law is crucial for every victim.” "
            "In an interview, the prime minister of Freedonia, Jose Luis Ortega, has stated that \" if there is a "
            "recession, we will enter it in 2009.\"")
    assert [(k, w) for k, w, _a, _q in _by_speaker(text)] == [("direct", "Francesca Mani"),
                                                                 ("direct", "Jose Luis Ortega")]


def test_a_surname_spelt_one_letter_apart_is_the_person_named_before() -> None:
    text = ("First Vice President Gaston Sindimwo said the vote was fair. Later, Sindomwo said the numbers were "
            "false.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Gaston Sindimwo", "Gaston Sindimwo"]


def test_a_long_name_cut_at_a_comma_is_spelt_out_by_its_acronym_and_a_statement_is_its_releaser() -> None:
    text = ("The plan drew criticism from the United Nations Educational, Scientific and Cultural Organization "
            "(UNESCO). In an interview, UNESCO also said that the change would require its approval. "
            "The Riverton Commission on Water Rights (RCWR) also criticized the move. They released a statement "
            'which said, "The river bears profound significance to farmers and fishers alike."')
    got = [(w.lower().removeprefix("the "), q) for _k, w, _a, q in _by_speaker(text)]
    assert ("united nations educational, scientific and cultural organization",
            "the change would require its approval") in got
    assert ("riverton commission on water rights",
            "The river bears profound significance to farmers and fishers alike.") in got


def test_a_subject_inside_the_quote_is_not_the_speaker_of_the_cue_after_it() -> None:
    text = ('"She is just doing this to split the movement. A lot of people think that," said a protester using '
            'the pseudonym Katya.')
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Katya"]


def test_people_a_place_only_qualifies_are_those_people_not_the_place() -> None:
    text = "Freedonian officials said the border was closed. U.S. scientists say they have found a vaccine."
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Freedonian officials", "U.S. scientists"]


def test_a_name_the_tagger_took_for_an_organisation_is_a_person_beside_a_role() -> None:
    from spacy.tokens import Span

    from assistant.positions import speakers as sp
    from assistant.positions.model import nlp

    def ent_as_org(text: str, name: str) -> Span:
        doc = nlp()(text)
        start = next(t.i for t in doc if t.text == name.split()[0])
        span = Span(doc, start, start + len(name.split()), label="ORG")
        doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [span]
        return span

    assert sp.person_by_role(ent_as_org("Tom Berg, a Freedonia Party youth spokesman, dismissed the claims.", "Tom Berg"))
    assert sp.person_by_role(ent_as_org("Party spokesman Tom Berg dismissed the claims.", "Tom Berg"))
    assert not sp.person_by_role(ent_as_org("Riverton Water, a supplier of the town, dismissed the claims.", "Riverton Water"))
    assert not sp.person_by_role(ent_as_org("Tom Berg, the spokesmen said, dismissed the claims.", "Tom Berg"))


def test_an_acronym_however_spelt_is_the_organisation_named_before() -> None:
    text = ("The Riverton Water Fund released the report last week. The R-W-F says growing debt may force rates to "
            "rise. The R-W-F team says deficits will grow. The RWF said it would act.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["The Riverton Water Fund", "The Riverton Water Fund team",
                                                         "The Riverton Water Fund"]


def test_a_participle_after_a_verb_with_its_own_subject_is_that_subjects() -> None:
    text = "Officials said the dam was safe, but Tom Berg disagreed, saying cracks were visible."
    assert _by_speaker(text)[-1][1] == "Tom Berg"


def test_a_block_quote_is_not_introduced_by_a_relative_clause_before_its_colon() -> None:
    text = ("Some questioned President Tom Berg, like Lena Ortiz:\n\nDo you really think the country is OK?\n\n"
            "Similarly, Ana Ruiz (@anaruiz) made a declaration on the implications of the finding in relation to the "
            "security policies the current President has implemented:\n\n"
            "The victims of the flood make the failure of the policy evident.\n\n"
            "Others disagreed.")
    assert [w for _k, w, _a, q in _by_speaker(text) if q.startswith("The victims")] == ["Ana Ruiz"]


def test_coordinated_speakers_with_roles_each_speak_when_the_tagger_misses_one() -> None:
    text = "Ana Ruiz, the mayor, and Tom Berg, her deputy, said the vote was fair."
    assert sorted(w for _k, w, _a, _q in _by_speaker(text)) == ["Ana Ruiz", "Tom Berg"]


@pytest.mark.parametrize(("text", "who", "said"), [
    ('"The ice is thinning from below," said study co-author Karen Alley.', "Karen Alley", "The ice is thinning"),
    ("According to Connecticut Senator Richard Blumenthal, the plane was one of eighteen still flying.",
     "Richard Blumenthal", "the plane was one"),
    ("According to Windsor Locks' first selectman, Chris Kervick, there were ten passengers aboard.",
     "Chris Kervick", "there were ten passengers"),
])
def test_a_speaker_the_parser_splits_from_its_title_is_the_name(text: str, who: str, said: str) -> None:
    """A hyphenated title before a name ("co-author") and an "according to" whose object the parser takes to be
    a place or a role before the person: the person speaks, and the statement starts after the name."""
    got = _by_speaker(text)
    assert [w for _k, w, _a, _q in got] == [who]
    assert got[0][3].startswith(said)


def test_an_acronym_with_an_ampersand_is_the_name_it_was_defined_for() -> None:
    text = ("The utility Northern Gas and Electric Company (NG&E) began cutting power on Monday. NG&E stated it "
            "scheduled the blackouts because of high winds.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Northern Gas and Electric Company"]


def test_cited_as_saying_with_the_as_hung_on_a_later_clause() -> None:
    """A sentence of the dev9 split (Wikinews 2019, CC BY 2.5) that the parser misreads this way."""
    text = ("The BBC also cited Budi Gunawan, chief of the Indonesian State Intelligence Agency, as saying the "
            "suspects were linked to the Jamaah Ansharut Daulah network, which itself was related to the Islamic State.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Budi Gunawan"]


def test_a_quote_closed_after_a_space_ends_and_the_next_paragraph_has_its_own_speaker() -> None:
    text = ("Former prosecutor Tom Berg said via Twitter: \"If I got a transcript like this, I'd think, 'Wow, I'm "
            "surprised they're discussing this so openly.' \"\n\n"
            "\"The only conclusion I can reach is that the staff want him to resign or be impeached,\" tweeted former "
            "thinktank executive Ken Gude. \"That's the only explanation I can come up with.\"")
    got = [(w, q[:12]) for _k, w, _a, q in _by_speaker(text)]
    assert got == [("Tom Berg", "If I got a t"), ("Ken Gude", "The only con"), ("Ken Gude", "That's the o")]


def test_a_body_a_persons_name_only_qualifies_speaks_for_itself() -> None:
    assert _said("The Berg campaign said the poll was wrong.") == [
        ("reported", "The Berg campaign", "the poll was wrong")]
    assert _said("Finance Minister Tom Berg said the poll was wrong.") == [("reported", "Tom Berg", "the poll was wrong")]


def test_a_name_the_tagger_missed_as_the_object_of_a_describing_verb_is_described() -> None:
    assert _said("Tom Berg accused Ana Ruiz of lying.") == [("third_party", "Tom Berg", "Ana Ruiz of lying")]


def test_one_brought_to_say_something_says_it() -> None:
    assert _said("The criticism prompted Tom Berg to admit that the dam was unsafe.") == [
        ("reported", "Tom Berg", "the dam was unsafe")]
    assert _said("Tom Berg asked Ana Ruiz to say whether the dam was safe.")[0][1] == "Tom Berg"


def test_a_short_name_the_text_defines_in_brackets_stands_for_the_organisation() -> None:
    text = ("The Riverton Department of Forestry and Fire Protection (RivFire) said several acres burned. "
            "RivFire indicated the injuries were minor.")
    assert [w for _k, w, _q in _said(text)] == ["The Riverton Department of Forestry and Fire Protection"] * 2


def test_the_campaign_is_no_country_or_organisation_named_before() -> None:
    text = ("A niece of the US Senate candidate Ana Ruiz claimed Tom Berg insulted her. "
            'The campaign called the statement "absolutely false."')
    assert {w for _k, w, _q in _said(text)[1:]} == {"The campaign"}


def test_the_place_a_titled_name_belongs_to_is_not_part_of_it() -> None:
    text = "Yesterday, the Kingdom of Freedonia's Queen Lena II announced she will open the new dam."
    assert _said(text) == [("reported", "Lena II", "she will open the new dam")]


def test_a_speech_verb_and_a_name_right_after_a_quote_with_no_comma_attribute_it() -> None:
    text = ('"I am proud of the people who ran towards danger" tweeted Mayor Ana Ruiz. '
            '"The bravery of the crews is incredible."')
    assert [(k, w) for k, w, _q in _said(text)] == [("direct", "Ana Ruiz")] * 2
    assert _said('"We stand ready" tweeted Berg "to provide whatever help we can."') == [
        ("direct", "Berg", "We stand ready"), ("direct", "Berg", "to provide whatever help we can.")]


def test_a_subjectless_main_verb_is_said_by_the_one_name_set_beside_a_noun_before_it() -> None:
    text = ('Calling it as "just another apology", Anna Kowalska of "Have no fear", an abuse victim support charity, told '
            'reporters "it almost appears as if the statement was written before the officials saw the dam".')
    got = _said(text)
    assert ("direct", "Anna Kowalska", "it almost appears as if the statement was written before the officials saw the dam") in got
    assert not [q for _k, _w, q in got if q == "Have no fear"]  # a name in quotes within the speaker's phrase


def test_two_titles_joined_before_one_name_are_one_persons() -> None:
    text = ("Rather, Riverton Union president and Freedonian water minister Chakib Ortiz says the cartel is debating "
            "output. He said the slowdown is hurting demand.")
    assert [w for _k, w, _q in _said(text)] == ["Chakib Ortiz", "Chakib Ortiz"]


def test_a_titled_name_with_what_it_is_of_is_the_person() -> None:
    text = 'Cardinal Marc Ouellet of the Holy See said, "We have said for years that priests should follow strict rules."'
    assert _said(text) == [("direct", "Marc Ouellet", "We have said for years that priests should follow strict rules.")]


def test_a_verb_the_parser_joined_to_a_relative_clause_in_the_main_verbs_tense_has_the_main_subject() -> None:
    from assistant.positions import speakers as sp
    from assistant.positions.model import nlp

    doc = nlp()("Mr. Berg recognized the special role Freedonia plays in overseeing holy shrines in Riverton and "
                "thanked Deputy Prime Minister Ruiz for the Kingdom's efforts.")
    thanked = next(t for t in doc if t.text == "thanked")
    assert thanked.head.dep_ == "relcl"  # (the parse this guards against)
    subject = sp.subject_of(thanked)
    assert subject is not None and subject.text == "Berg"


def test_the_one_named_with_others_speaks_for_the_participle_after_them() -> None:
    text = "The Riverton Times reports on the scheme, with Lord Berg and others calling for the council to do more."
    assert [(w, q) for _k, w, q in _said(text)] == [("Berg", "the council to do more")]


def test_a_given_name_alone_and_an_article_in_a_paper() -> None:
    """"Sir Tom" after "Sir Tom Berg" is Tom Berg (the one person named before with that given name, nobody's
    surname); "An article in today's Riverton Times claims …" is the paper's claim."""
    text = ("An article in today's Riverton Times claims that the water board has raised the tariff. "
            "The chair of the board, Sir Tom Berg, gave a speech on Monday. Sir Tom said the tariff would not rise.")
    got = _said(text)
    assert ("reported", "Riverton Times", "the water board has raised the tariff") in got or \
        ("reported", "the Riverton Times", "the water board has raised the tariff") in got
    assert ("reported", "Tom Berg", "the tariff would not rise") in got


def test_a_quote_paragraph_with_no_cue_is_the_one_just_reported_and_a_middle_name_is_the_person() -> None:
    """A paragraph that is only a quote, after a paragraph reporting the minister, is the minister's (not the
    nearest name, someone the minister travelled with); "said Sipo" after "Ana Sipo Ruiz" is Ana Sipo Ruiz."""
    text = ("Water Minister Ana Sipo Ruiz met farmers on Friday.\n\n"
            "The minister, who was in Freedonia with President Tom Berg to discuss a joint dam project, said the "
            "shortages are a result of low rainfall.\n\n"
            "She said the government is speeding up the connection of the new dam.\n\n"
            "“We are also trying to get the northern aquifer to boost the water supply in Riverton.”\n\n"
            "“All I have done is to make sure that money is available,” said Sipo.")
    got = _said(text)
    assert ("direct", "Ana Sipo Ruiz", "We are also trying to get the northern aquifer to boost the water supply "
            "in Riverton.") in got
    assert ("direct", "Ana Sipo Ruiz", "All I have done is to make sure that money is available") in got


def test_quote_paragraphs_in_a_row_after_a_cued_quote_are_all_the_speakers_until_narration() -> None:
    text = ("“This is a big step ahead for the river,” Water Commissioner Ana Ruiz stated.\n\n"
            "“The measures will reduce our water bill.”\n\n"
            "“The council has played a constructive role in finding a compromise.”\n\n"
            "Before leaving for Riverton, Mayor Tom Berg recorded a message for the farmers.\n\n"
            "“Our prayers are with those of you who have lost your harvest.”")
    got = _said(text)
    assert ("direct", "Ana Ruiz", "The measures will reduce our water bill.") in got
    assert ("direct", "Ana Ruiz", "The council has played a constructive role in finding a compromise.") in got
    assert ("direct", "Tom Berg", "Our prayers are with those of you who have lost your harvest.") in got


def test_a_name_set_beside_a_common_noun_subject_is_the_speaker() -> None:
    text = ("The always irreverent artist collective Riverton Voices [en] responded in typical fashion, quipping [ru] "
            "that its followers would be fined. The activist group Grupo Agua [es] responded in kind, saying that the "
            "dam would fail.")
    assert [(w, q) for _k, w, q in _said(text)] == [("Riverton Voices", "its followers would be fined"),
                                                    ("Grupo Agua", "the dam would fail")]


def test_an_indefinite_role_is_the_person_named_later_with_that_role_noun() -> None:
    # the lede introduces the speaker by kind ("a federal judge in Riverton"), the next paragraph names her with
    # a fuller title that shares only the noun; "a senior official" is not a judge named later
    text = ("On Friday, a federal judge in Riverton ruled the water levy is unconstitutional.\n\n"
            "In response to a lawsuit by the residents' group, U.S. District Judge Ana Ruiz ruled the levy violated "
            "the charter. A senior official said the city would appeal.")
    got = [(w, q) for _k, w, q in _said(text)]
    assert ("Ana Ruiz", "the water levy is unconstitutional") in got
    assert ("A senior official", "the city would appeal") in got


def test_a_surname_spelt_one_letter_apart_and_tagged_an_organisation_is_the_person() -> None:
    text = ('Military spokesperson Yusuf Hawkins said the group had carried out the attack using ten drones.\n\n'
            '"These attacks are our right, and we warn the Saudis that our targets will keep expanding", Hawkens said.')
    assert [w for _k, w, _q in _said(text)] == ["Yusuf Hawkins", "Yusuf Hawkins"]


def test_a_long_title_and_body_or_an_untagged_titled_name_before_a_colon_labels_the_quote() -> None:
    text = ("The agency announced the deal on Monday.\n\n"
            "Assistant Attorney General Tom Berg of the Justice Department’s Environment and Natural Resources "
            "Division: “This agreement marks a milestone in efforts to clean up sites in the region.”\n\n"
            "Deputy Administrator Ana Ruiz: “This is a terrific settlement. It ensures that costs will be recovered.”")
    assert [(k, who) for k, who, _q in _said(text) if k == "direct"] == [("direct", "Tom Berg"), ("direct", "Ana Ruiz")]


def test_a_body_noun_refers_to_the_body_not_to_a_person_whose_title_holds_that_word() -> None:
    text = ("Company meteorologist Tom Berg said the wind was strong. Riverton Power announced the outage. "
            "The company apologized for its website being down.")
    assert [(k, who, q) for k, who, q in _said(text)][-1] == ("reported", "Riverton Power",
                                                               "for its website being down")


def test_joining_others_in_announcing_is_the_subjects_statement() -> None:
    text = "Riverton Power joined the city in announcing that the plant would close."
    assert _said(text) == [("reported", "Riverton Power", "the plant would close")]


def test_a_speech_verb_after_using_an_outlet_or_after_a_preposition_is_the_subjects() -> None:
    text = ("That same day, Tom Berg used his Twitter account to encourage protesters to bring coins to the square. "
            "Ana Ruiz resigned after saying the plan had failed. Lena Ortiz used the money to promise voters a bridge.")
    assert [(w, q) for _k, w, q in _said(text)] == [("Tom Berg", "protesters to bring coins to the square"),
                                                    ("Ana Ruiz", "the plan had failed")]
