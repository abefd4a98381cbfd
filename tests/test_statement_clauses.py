"""`statements()`: which words a cue reports, when the clause and the cue stand in unusual order or the verb has
an audience (real spaCy model, no index)."""

from __future__ import annotations

from tests.statements_util import _said


def test_the_audience_of_told_is_not_part_of_what_was_said() -> None:
    text = "Lena Ortiz told reporters the clinic was closed."
    assert _said(text) == [("reported", "Lena Ortiz", "the clinic was closed")]


def test_a_clause_before_told_and_its_audience_is_what_was_said() -> None:
    text = ("Maria Gonzalez visited the site on Monday. The clinic will stay closed until March, she told "
            "reporters. The pumps were old, Tom Berg told the Riverton Times.")
    assert _said(text) == [("reported", "Maria Gonzalez", "The clinic will stay closed until March"),
                           ("reported", "Tom Berg", "The pumps were old")]


def test_a_clause_before_a_verb_with_its_own_object_is_not_reported_by_it() -> None:
    text = ("To ease the shortage, Riverfoods ordered bigger packages from suppliers and increased delivery frequency, "
            "Freshmart ordered extra stock, while Lowco made stocks for a planned special available early.")
    assert _said(text) == []


def test_a_stated_concern_or_hope_reports_its_content_clause_only() -> None:
    text = ("Tom Berg expressed concern that the drought would worsen. Lena Ortiz voiced hope that a deal could be "
            "reached by Friday. Maria Gonzalez expressed concern about the heat.")
    assert _said(text) == [("reported", "Tom Berg", "the drought would worsen"),
                           ("reported", "Lena Ortiz", "a deal could be reached by Friday")]


def test_a_partial_quote_ending_a_reported_clause_keeps_its_closing_mark() -> None:
    text = ("The Freedonia foreign ministry said the talks were \"constructive\", while the Riverton government "
            "called them a failure.")
    assert _said(text)[0] == ("reported", "The Freedonia foreign ministry", 'the talks were "constructive"')


def test_what_a_quote_was_said_of_is_its_topic_not_a_statement() -> None:
    text = '"It is a disaster," Tom Berg said of the new law.'
    assert _said(text) == [("direct", "Tom Berg", "It is a disaster")]


def test_accusing_an_organisation_describes_it_and_its_quote_is_no_direct_statement() -> None:
    text = ('A Riverton Times reporter alleges that the council hid the report. '
            'The council accuses the Times of "reckless reporting."')
    got = _said(text)
    assert ("third_party", "The council") in [(k, w) for k, w, _q in got]
    assert not [q for k, _w, q in got if k == "direct"]


def test_calling_on_someone_reports_what_they_are_called_to_do_and_stops_at_the_next_act() -> None:
    text = ("Tom Berg spoke on Monday, calling on the state to pass the bill, and expressing his hope for a deal. "
            "Lena Ortiz called on Friday for a new vote.")
    assert _said(text) == [("reported", "Tom Berg", "the state to pass the bill"),
                           ("reported", "Lena Ortiz", "a new vote")]


def test_a_view_held_in_the_negative_is_stated_but_a_statement_declined_or_not_made_is_not() -> None:
    text = ("Maria Gonzalez does not foresee a military conflict. Tom Berg did not say whether he would run. "
            "Lena Ortiz said the group was armed, although she declined to confirm that it had missiles.")
    assert _said(text) == [("reported", "Maria Gonzalez", "a military conflict"),
                           ("reported", "Lena Ortiz", "the group was armed")]


def test_downplaying_allegations_reports_them_up_to_the_speakers_next_act() -> None:
    text = ("In another interview with VOA, First Vice President Tom Berg downplayed allegations that the election "
            "was rigged and congratulated the winner.")
    assert _said(text) == [("reported", "Tom Berg", "allegations that the election was rigged")]


def test_an_aside_naming_whose_words_follow_is_a_cue() -> None:
    text = ('As Tom Berg put it, the river is our lifeline. In the words of Lena Ortiz, "the dam must go." '
            'Tom Berg put it on the table.')
    assert _said(text) == [("reported", "Tom Berg", "the river is our lifeline"),
                           ("direct", "Lena Ortiz", "the dam must go.")]


def test_a_trailing_relative_clause_with_its_own_cue_and_a_foreseen_act_are_not_part_of_the_claim() -> None:
    text = ("Freedonia President Tom Berg said on Friday he may declare a state of emergency, which he said would "
            "allow him to act without the assembly. Lena Ortiz said the dam, which engineers say is safe, would stay "
            "open.")
    got = _said(text)
    assert ("reported", "Tom Berg", "he may declare a state of emergency") in got
    assert not [q for _k, _w, q in got if q.startswith("a state of emergency")]
    assert ("reported", "Lena Ortiz", "the dam, which engineers say is safe, would stay open") in got


def test_a_that_clause_the_parser_hung_on_the_medium_is_what_was_said() -> None:
    text = ('Lena Ortiz, who chairs the committee, said in an interview that the vote would be held in May, adding '
            'that "nothing is decided yet." Tom Berg spoke in an interview that was broadcast on Monday.')
    assert _said(text) == [("reported", "Lena Ortiz", "the vote would be held in May"),
                           ("direct", "Lena Ortiz", "nothing is decided yet.")]


def test_another_named_partys_account_set_beside_the_claim_is_not_part_of_it() -> None:
    text = ("Officials in Riverton said Tuesday that at least 12 people had died, while the Red Cross put the toll "
            "at 20. Tom Berg said prices rose while wages fell.")
    assert _said(text) == [("reported", "Officials in Riverton", "at least 12 people had died"),
                           ("reported", "the Red Cross", "the toll at 20"),  # (its own estimate)
                           ("reported", "Tom Berg", "prices rose while wages fell")]


def test_a_report_about_an_unnamed_title_is_a_report_and_a_source_cited_is_no_statement() -> None:
    text = ("Freedonia's state news agency reported that the president had resigned. Citing unnamed officials, the "
            "Riverton Times reported that talks had collapsed. Tom Berg resigned, citing health reasons.")
    assert _said(text) == [("reported", "Freedonia's state news agency", "the president had resigned"),
                           ("reported", "the Riverton Times", "talks had collapsed"),
                           ("reported", "Tom Berg", "health reasons")]


def test_calling_a_named_partys_conduct_a_name_describes_that_party() -> None:
    text = ("Tom Berg called the Riverton council's inquiry a \"witch hunt\". Ana Ruiz called the inquiry into "
            "Lena Ortiz \"Soviet-style\". Maria Gonzalez called it \"a non-starter\".")
    assert _said(text) == [("third_party", "Tom Berg", 'the Riverton council\'s inquiry a "witch hunt"'),
                           ("third_party", "Ana Ruiz", 'the inquiry into Lena Ortiz "Soviet-style"'),
                           ("direct", "Maria Gonzalez", "a non-starter")]


def test_a_later_quote_outside_a_describing_clause_is_not_pulled_into_it() -> None:
    text = "Tom Berg called the council's inquiry a \"witch hunt\", and referred to the vote as \"The Hoax\"."
    said = _said(text)
    assert said[0] == ("third_party", "Tom Berg", 'the council\'s inquiry a "witch hunt"')
    assert all("Hoax" not in s for _k, _w, s in said[:1])


def test_a_claim_noun_with_its_owner_reports_the_owners_words() -> None:
    text = ("Tom Berg, a party spokesman, dismissed claims by Ana Ruiz that the election had been stolen.\n\n"
            "\"That has been the narrative,\" he said.\n\n"
            "The union rejected the council's assertion that the dam was safe. The claim that the river was clean "
            "was false.")
    said = _said(text)
    assert ("reported", "Ana Ruiz", "the election had been stolen") in said
    assert ("direct", "Tom Berg", "That has been the narrative") in said  # the owner named in passing is not "he"
    assert ("reported", "the council", "the dam was safe") in said
    assert not [s for s in said if "river" in s[2]]  # a claim no one owns is no one's statement


def test_a_negation_inside_the_quoted_reply_is_what_was_said() -> None:
    text = 'Asked whether she would resign, Ana Ruiz replied: "Absolutely not." Tom Berg did not say whether he would.'
    assert _said(text) == [("direct", "Ana Ruiz", "Absolutely not.")]


def test_a_bare_day_after_said_is_when_not_what() -> None:
    assert _said("Tom Berg said Monday the talks were over.") == [("reported", "Tom Berg", "the talks were over")]
    assert _said("Ana Ruiz said Monday was the deadline.") == [("reported", "Ana Ruiz", "Monday was the deadline")]


def test_a_that_which_is_the_clauses_subject_is_kept() -> None:
    text = 'Ana Ruiz told the Riverton Times: "We will rebuild." Tom Berg said that was unrealistic.'
    assert _said(text)[-1] == ("reported", "Tom Berg", "that was unrealistic")


def test_a_second_that_clause_joined_to_the_verb_is_a_second_statement() -> None:
    text = "Ana Ruiz said it was necessary, and that costs would be shared."
    assert _said(text) == [("reported", "Ana Ruiz", "it was necessary"), ("reported", "Ana Ruiz", "costs would be shared")]


def test_a_following_adjunct_closing_the_clause_is_the_narrators_timeline() -> None:
    text = "Riverfoods announced it was investigating itself, following complaints from workers that tests were faked."
    assert _said(text) == [("reported", "Riverfoods", "it was investigating itself")]


def test_an_adjunct_after_according_to_is_not_part_of_the_claim() -> None:
    text = "Tom Berg, former mayor of Riverton, has died, according to current mayor Ana Ruiz on Friday."
    assert _said(text) == [("reported", "Ana Ruiz", "Tom Berg, former mayor of Riverton, has died")]


def test_without_elaborating_is_how_it_was_said_not_what() -> None:
    assert _said("His daughter Lena Ortiz said he died in Riverton without elaborating.") == [
        ("reported", "Lena Ortiz", "he died in Riverton")]
    assert _said("Ana Ruiz said the dam could not be built without raising taxes.") == [
        ("reported", "Ana Ruiz", "the dam could not be built without raising taxes")]


def test_a_subject_the_parser_took_for_the_verbs_object_starts_the_clause() -> None:
    text = "The council said hundreds of FLF (Freedonian Liberation Front) fighters escaped from a camp at Lakeside."
    assert _said(text) == [("reported", "The council",
                            "hundreds of FLF (Freedonian Liberation Front) fighters escaped from a camp at Lakeside")]
    assert _said("Ana Ruiz promised voters the tax would fall.") == [("reported", "Ana Ruiz", "the tax would fall")]


def test_a_neutral_report_about_another_party_is_reported_not_third_party() -> None:
    text = "Tom Berg also said Riverton Water will run on both wells."
    assert _said(text) == [("reported", "Tom Berg", "Riverton Water will run on both wells")]
    assert _said("Ana Ruiz accused Tom Berg of lying.")[0][0] == "third_party"


def test_referring_to_something_as_something_is_a_characterisation() -> None:
    text = 'Ana Ruiz referred to the floods as acts of "domestic terror" and placed further emphasis on order.'
    assert ("reported", "Ana Ruiz", 'the floods as acts of "domestic terror"') in _said(text)
    assert _said("Ana Ruiz referred to Tom Berg as a liar.") == [("third_party", "Ana Ruiz", "Tom Berg as a liar")]
    assert _said("Ana Ruiz referred the case to the court. Tom Berg referred to the report in his speech.") == []
    text = 'Tom Berg repeatedly called the inquiry a "witch hunt", and on Twitter referred to the vote as "a hoax".'
    assert ("reported", "Tom Berg", 'the vote as "a hoax"') in _said(text)


def test_a_stance_expressed_with_its_aim_is_what_was_said() -> None:
    text = ("Tom Berg backed away from his previous support for Ana Ruiz, expressing disappointment at reports she "
            "hid in the basement during riots.")
    assert _said(text) == [("reported", "Tom Berg", "disappointment at reports she hid in the basement during riots")]
    assert _said("Tom Berg voiced his determination to finish the dam.") == [
        ("reported", "Tom Berg", "his determination to finish the dam")]
    assert _said("Ana Ruiz expressed concern about the drought. Many residents expressed their anger on the radio.") == []


def test_a_clause_interrupted_by_an_inverted_cue_is_two_statements() -> None:
    text = "Because warmer water is more buoyant, says the study, it rises above cooler water."
    assert [(k, q) for k, _w, q in _said(text)] == [("reported", "Because warmer water is more buoyant"),
                                                    ("reported", "it rises above cooler water")]


def test_a_named_issuers_report_that_something_happened_is_the_issuers_statement() -> None:
    text = "At the event, he broached the Riverton Times report that engineers were paying bribes to inspectors."
    assert _said(text) == [("reported", "the Riverton Times", "engineers were paying bribes to inspectors")]
    assert _said("A report that engineers were paying bribes surfaced on Monday. The report that he wrote was long.") == []


def test_what_a_document_found_or_showed_is_what_it_states() -> None:
    assert _said("An investigation by PolitiFact found no such action on Tom Berg's part.") == [
        ("reported", "PolitiFact", "no such action on Tom Berg's part")]
    assert _said("The survey showed rising prices across the region.") == [
        ("reported", "The survey", "rising prices across the region")]
    assert _said("Tom Berg found the keys. Ana Ruiz showed the crowd a map.") == []


def test_a_source_cited_for_a_clause_makes_the_citer_state_it() -> None:
    text = ("The Riverton Times cited a security source that mental health may be a factor in the attack. "
            "Tom Berg cited a report that was published in May.")
    assert _said(text) == [("reported", "The Riverton Times", "mental health may be a factor in the attack")]


def test_what_someone_made_clear_or_commented_on_how_is_what_they_said() -> None:
    text = ("In response to questions the Foreign Secretary Tom Berg made clear that these sanctions will involve visa "
            "bans. Ana Ruiz made it clear that she would resign. Tom Berg made the case clear. "
            "The Foreign Secretary comments on how drones have many positive uses.")
    assert _said(text) == [("reported", "Tom Berg", "these sanctions will involve visa bans"),
                           ("reported", "Ana Ruiz", "she would resign"),
                           ("reported", "Tom Berg", "drones have many positive uses")]


def test_an_object_the_parser_gave_the_next_verb_is_that_clauses_subject() -> None:
    text = ("Committee chairman Tom Berg of Riverton has repeatedly maintained an impeachment inquiry is what the "
            "committee is already doing.")
    assert _said(text) == [("reported", "Tom Berg", "an impeachment inquiry is what the committee is already doing")]


def test_a_speech_verb_the_parser_hung_on_the_clause_it_reports() -> None:
    """"Although the World Bank says X, it says Y": the parser makes the first "says" a modifier of the clause it
    reports; that clause (up to the comma before the main clause) is what the bank says."""
    text = ("Although the World Bank says high-income countries are primarily responsible for preventing a larger "
            "crisis, it says developing countries also have an obligation.")
    got = _said(text)
    assert ("reported", "the World Bank", "high-income countries are primarily responsible for preventing a larger "
            "crisis") in got
    assert ("reported", "the World Bank", "developing countries also have an obligation") in got


def test_that_clauses_listed_with_semicolons_and_the_same_report() -> None:
    """"reported that A; that B; and that C": three reported clauses (the parser makes a later one the main
    clause); "The same report states …" after "…, the Riverton Times reported." is the paper's."""
    text = ("Researchers from Riverton University reported that deaths from the plant were caused by coal; that "
            "income was a significant factor in who was affected; and that a large share of the deaths came from "
            "smoke crossing the valley. Farms should be closed, the Riverton Times reported. The same report states "
            "the water board has been fined.")
    got = _said(text)
    assert ("reported", "Researchers from Riverton University", "income was a significant factor in who was "
            "affected") in got
    assert ("reported", "Researchers from Riverton University", "a large share of the deaths came from smoke "
            "crossing the valley") in got
    assert ("reported", "the Riverton Times", "the water board has been fined") in got


def test_a_quoted_predicate_after_its_subject_is_the_speakers_own_words() -> None:
    # the quote holds the clause's verb, only its subject stands outside the marks: the quoted words are direct (and
    # the claim they finish stays beside them); a quote about a person stays a description of that person
    text = ('Ana Ruiz said the use of third-party currencies "costs Riverton between $5 and $7 billion," further '
            'saying it also reduces trade. The court found Tom Berg’s advice to the mayor "was motivated by an '
            'improper purpose and is unlawful."  Tom Berg said Lena Ortiz "founded one of the first water charities."')
    got = _said(text)
    assert ("direct", "Ana Ruiz", "costs Riverton between $5 and $7 billion") in got
    assert ("direct", "The court", "was motivated by an improper purpose and is unlawful.") in got
    assert [k for k, who, _q in got if who == "Tom Berg"] == ["third_party"]


def test_a_verb_joined_inside_the_reported_clause_is_still_what_was_said() -> None:
    # "continued to attack" has no clause: no one's statement, so it does not end what the police reported; "but
    # planned to" is joined to the clause's own finite verb (its subject "he"), not to an infinitive of the speaker's
    text = ("Police reported the attacker exited the hall and continued to attack others. Tom Berg said he would not "
            "vote for the levy but planned to support a smaller one. Ana Ruiz noted they had just had a successful "
            "meeting and thanked the mayor for his help.")
    got = _said(text)
    assert ("reported", "Police", "the attacker exited the hall and continued to attack others") in got
    assert ("reported", "Tom Berg", "he would not vote for the levy but planned to support a smaller one") in got
    assert ("reported", "Ana Ruiz", "they had just had a successful meeting") in got


def test_an_aside_closing_the_claim_in_another_tense_is_the_narrators() -> None:
    # a relative clause after a comma at the end of the claim, in another tense, is background the narrator adds;
    # in the claim's own tense it goes on with the claim
    text = ("The mayor insists that the budget include funding for the dam, which was one of her campaign promises. "
            "Both Tom Berg and Ana Ruiz claimed victory in the council vote, which was marred by allegations of fraud. "
            "Lena Ortiz said the filter removes lead, which has implications for older homes.")
    got = [q for _k, _w, q in _said(text)]
    assert "the budget include funding for the dam" in got
    assert "victory in the council vote" in got
    assert "the filter removes lead, which has implications for older homes" in got


def test_an_announcement_made_with_a_colon_reports_what_follows_it() -> None:
    text = ("The official news agency makes a double announcement: Tom Berg has been removed from his position and "
            "Ana Ruiz has been named party chief.")
    assert _said(text) == [("reported", "The official news agency",
                            "Tom Berg has been removed from his position and Ana Ruiz has been named party chief")]


def test_link_language_tags_and_footnote_marks_are_not_words_of_the_statement() -> None:
    text = "Opposition blogger Tom Berg calls [ru] the vote a fraud [1] and says [ru] that the count was rigged."
    assert _said(text) == [("reported", "Tom Berg", "the vote a fraud"), ("reported", "Tom Berg", "the count was rigged")]


def test_a_second_clause_that_stays_out_of_the_narrators_past_goes_on_with_the_claim() -> None:
    # after a past-tense cue, a joined clause in the present or with a modal (as the claim is) is still reported;
    # one in the narrator's past is the narrator's next sentence part
    text = ("Tom Berg also said the new pumps will run on both wells, and residents would be able to drink the water "
            "by May. Ana Ruiz said the plan failed, and the council voted to scrap it.")
    got = _said(text)
    assert ("reported", "Tom Berg", "the new pumps will run on both wells, and residents would be able to drink the "
            "water by May") in got
    assert ("reported", "Ana Ruiz", "the plan failed") in got


def test_a_reason_or_consequence_out_of_the_narrators_past_is_part_of_the_claim() -> None:
    text = "The commissioner stated the purchase was financed by a loan, so it is not a burden on the city budget."
    assert _said(text) == [("reported", "The commissioner",
                            "the purchase was financed by a loan, so it is not a burden on the city budget")]


def test_according_to_with_a_claim_and_a_quote_after_a_colon_gives_both() -> None:
    # "U.S." is no sentence end (the project's splitter knows initials); the claim before the colon is reported, the
    # quote after it is the source's own words
    text = ('According to U.S. Attorney Tom Berg, the manifesto if written by the suspect could strengthen the '
            'city\'s case: "The key factor here is that it appears to be an intent to intimidate the council."')
    assert _said(text) == [
        ("reported", "Tom Berg", "the manifesto if written by the suspect could strengthen the city's case"),
        ("direct", "Tom Berg", "The key factor here is that it appears to be an intent to intimidate the council.")]


def test_an_existential_clause_around_a_quote_is_a_claim_as_well_as_quoted_words() -> None:
    text = "Ana Ruiz spoke on Monday, saying there was \"no evidence the attacks came from Riverton.\""
    assert [(k, q) for k, _w, q in _said(text)] == [
        ("reported", 'there was "no evidence the attacks came from Riverton."'),
        ("direct", "no evidence the attacks came from Riverton.")]


def test_a_clause_the_parser_splits_into_an_object_and_a_stray_verb_is_one_clause() -> None:
    # the parser reads "the issue" as the object of "agreeing" and hangs "should be decided" on "statement"
    text = ("The government of Riverton issued a statement agreeing the issue should be decided by the parliament "
            "and not by judges.")
    assert _said(text) == [("reported", "The government of Riverton",
                            "the issue should be decided by the parliament and not by judges")]
