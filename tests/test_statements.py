"""`statements()` on small texts: speakers, spans and kinds (real spaCy model, no index)."""

from __future__ import annotations

from assistant.positions.registry import ActorRegistry
from assistant.positions.statements import statements
from tests.statements_util import _by_speaker, _said, _speaker_by_cue


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
    assert got["notes"] == "G20"  # the joint statement is its issuer's (the named body it is of)
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


def test_a_statement_not_made_is_no_statement() -> None:
    text = ('A Veolia spokesperson stated the reservoir was full. The spokesperson added, regarding the '
            'drought plan, that they "would not ration supplies this summer"; the company did not disclose whether '
            'the plan had been approved.')
    got = _by_speaker(text)
    assert not any("whether" in q for _k, _w, _a, q in got)  # "did not disclose whether …": nothing was said
    quote = next(x for x in got if x[0] == "direct")
    # "the spokesperson" is the one of the organisation named before ("A Veolia spokesperson")
    assert quote[3] == "would not ration supplies this summer" and quote[1] == "Veolia"


def test_speech_verb_the_parser_reads_as_an_adjective() -> None:
    # the small parser takes "claimed" for an adjective of "emissions": the verb still reports the clause
    text = ('When asked about climate change, Rivera claimed carbon emissions have been lower during his '
            'administration and argued against re-entering the accord.')
    got = _by_speaker(text)
    assert ("reported", "Rivera", None, "carbon emissions have been lower during his administration") in got
    assert all(who == "Rivera" for _k, who, _a, _q in got)


def test_the_same_unnamed_speaker_again() -> None:
    text = ('A Thames Water spokesperson stated the reservoir was full. The spokesperson added, regarding the '
            'drought plan, that they "would not ration supplies this summer".')
    # (one speaker for both, not a new "The spokesperson"; a body's unnamed spokesperson speaks for the body)
    assert {who for _k, who, _a, _q in _by_speaker(text)} == {"Thames Water"}


def test_speaker_after_the_verb_taken_for_its_object() -> None:
    text = "It is not for the court to judge the tariff, argued the utility's lawyer, Maria Delgado."
    assert ("reported", "Maria Delgado", None, "It is not for the court to judge the tariff") in _by_speaker(text)


def test_subject_the_parser_hung_on_the_date_before_it() -> None:
    text = "On Friday Severn Water Company announced the regulator was investigating its leak reporting."
    got = _by_speaker(text)
    assert [(k, q) for k, _w, _a, q in got] == [("reported", "the regulator was investigating its leak reporting")]
    assert "Severn" in got[0][1]


def test_the_statement_is_the_one_who_issued_it() -> None:
    text = ("On Sunday Governor Ana Ruiz, in a statement delivered via her office, announced the canal would reopen. "
            "The announcement came after a week of talks. The statement also said the repairs had cost $4 million.")
    got = _by_speaker(text)
    assert ("reported", "Ana Ruiz", None, "the repairs had cost $4 million") in got


def test_a_role_is_not_the_place_or_body_that_owns_it() -> None:
    text = "Riverton's mayor has promised each flooded household will receive a payout of 2,000 euros."
    assert _by_speaker(text)[0][1] == "Riverton's mayor"


def test_figures_are_their_issuers_and_keep_their_unit() -> None:
    text = "According to UNICEF's statistics, access to safe water has risen to 74%."
    assert _by_speaker(text) == [("reported", "UNICEF", None, "access to safe water has risen to 74%")]


def test_went_on_to_say_and_a_plea_is_no_statement() -> None:
    text = ('Judge Ana Ruiz addressed the defendants. Ruiz went on to say she was not giving them the longest '
            'sentence because they had "accepted responsibility at an early stage" by pleading guilty to the '
            'pollution charges.')
    got = _by_speaker(text)
    # the judge's words, all of them (not the defendants' for "pleading guilty")
    assert got and all(who.endswith("Ruiz") for _k, who, _a, _q in got)
    assert any(k == "reported" and q.startswith("she was not giving them the longest sentence") for k, _w, _a, q in got)


def test_a_clause_the_source_interrupts_and_a_contrast_the_narrator_adds() -> None:
    text = ("Rescuers, working through the night, according to the Environment Agency recovered 40 tonnes of "
            "oil from the estuary on Monday.")
    got = [(k, q) for k, _w, _a, q in _by_speaker(text)]
    assert got == [("reported", "Rescuers, working through the night"),
                   ("reported", "recovered 40 tonnes of oil from the estuary on Monday")]
    text = "Forty tonnes of oil were recovered, according to the Environment Agency, after the spill on Monday."
    # "after the spill …" is no statement of its own, and not part of what the agency said
    assert [q for _k, _w, _a, q in _by_speaker(text)] == ["Forty tonnes of oil were recovered"]
    text = ("The water company says it has found no trace of sewage despite Greenpeace claiming the outfall "
            "had been used for months.")
    got = _by_speaker(text)
    assert ("reported", "The water company", None, "it has found no trace of sewage") in got


def test_a_deputy_is_not_the_office_holder_and_another_statement_is_not_the_first() -> None:
    text = ("Regional Deputy Governor Oleg Petrov said 68 people were missing. "
            "Riverton's governor has promised each victim a payout.")
    got = _by_speaker(text)
    assert got[-1][1] == "Riverton's governor"
    text = ("Mayor Ana Ruiz, in a statement delivered via her office, announced the canal would reopen. "
            "The regional statement said the locks must be repaired first.")
    assert _by_speaker(text)[-1][1] == "The regional statement"


def test_posting_a_time_is_no_statement_posting_words_is() -> None:
    assert _by_speaker("Lawrence Cherono posted a time of 2:05:45 in the men's race.") == []
    assert _by_speaker('The mayor posted on Twitter, "The canal will reopen on Monday."') == [
        ("direct", "The mayor", None, "The canal will reopen on Monday.")]


def test_a_concession_with_a_clause_is_the_narrators_and_disagreeing_states_a_view() -> None:
    got = _by_speaker("Mayor Ana Ruiz asserted the canal was safe despite several engineers reporting cracks.")
    assert ("reported", "Ana Ruiz", None, "the canal was safe") in got
    got = _by_speaker("Mayor Ana Ruiz said the canal would reopen despite growing opposition.")
    assert ("reported", "Ana Ruiz", None, "the canal would reopen despite growing opposition") in got
    got = _by_speaker("Clinic manager Tom Baker disagreed with the link between the overdoses and the payments.")
    assert [(k, q) for k, _w, _a, q in got] == [("reported", "with the link between the overdoses and the payments")]


def test_the_speakers_next_act_and_the_medium_are_not_what_was_said() -> None:
    text = ("Mayor Ana Ruiz urged the utility to reconsider and spoke with the regional governor about the leak. "
            "Council chair Tom Berg announced the upcoming vote in a letter earlier this week to other members. "
            "Engineer Lena Ortiz urged residents to stay home and to boil their water.")
    got = [(w, q) for _k, w, _a, q in _by_speaker(text)]
    assert got == [("Ana Ruiz", "the utility to reconsider"), ("Tom Berg", "the upcoming vote"),
                   ("Lena Ortiz", "residents to stay home and to boil their water")]


def test_a_relative_pronoun_beside_a_named_subject_is_what_is_reported() -> None:
    text = ("The plan was criticised for its response to the drought, which Hydronews reported left some "
            "experts in water management disappointed.")
    assert [w for _k, w, _a, _q in _by_speaker(text)] == ["Hydronews"]


def test_a_speech_verb_tagged_as_a_noun_and_an_unnamed_issuer() -> None:
    text = "Estimates by the Freedonian government state about 350 thousand illegal wells are drilled each year."
    assert _by_speaker(text) == [("reported", "the Freedonian government", None,
                                  "about 350 thousand illegal wells are drilled each year")]


def test_a_cue_inside_the_clause_it_reports() -> None:
    text = ('Water prices, Mayor Ana Ruiz argued, must rise next year. '
            '"The dam," engineer Tom Berg said, "is safe and will hold."')
    got = [(k, w, q) for k, w, _a, q in _by_speaker(text)]
    assert ("reported", "Ana Ruiz", "Water prices") in got and ("reported", "Ana Ruiz", "must rise next year") in got
    assert [k for k, w, _q in got if w == "Tom Berg"] == ["direct", "direct"]  # the quote's, not a reported copy


def test_a_subject_after_but_and_a_cue_the_parser_took_for_a_complement() -> None:
    text = ("At the time, the company invested in e-commerce and started home deliveries, but Riverton Daily reports "
            "only 0.5% of water turnover comes from this segment.")
    assert [w for _k, w, _a, _q in _by_speaker(text.replace("Riverton Daily", "Gazeta Rzeka"))] == ["Gazeta Rzeka"]
    assert _by_speaker("The Basin Gazette reported in March, 62 pumping stations had closed within a year.") == [
        ("reported", "The Basin Gazette", None, "62 pumping stations had closed within a year")]
    assert _by_speaker("The utility ordered extra pumps, while the council made reserves available early.") == []


def test_the_parts_of_an_interrupted_clause_are_shown_as_one_statement() -> None:
    from assistant.positions.texts import statement_text

    text = "Water prices, Mayor Ana Ruiz argued on Monday, must rise next year."
    parts = statements(text)
    assert [s.text for s in parts] == ["Water prices", "must rise next year"]
    assert all(s.parts == [0, 12, 47, 66] for s in parts)
    assert {statement_text(text, s) for s in parts} == {"Water prices … must rise next year"}
    plain = statements("Mayor Ana Ruiz said prices must rise.")[0]
    assert plain.parts == [] and statement_text("Mayor Ana Ruiz said prices must rise.", plain) == "prices must rise"


def test_the_authors_view_and_an_as_clause_cue() -> None:
    got = _by_speaker("In our view, the basin plan is underfunded. As the Basin Institute has noted, tariffs remain "
                      "below cost in most member states. As expected, prices rose.")
    assert [(w, q) for _k, w, _a, q in got] == [("the authors", "the basin plan is underfunded"),
                                                ("the Basin Institute", "tariffs remain below cost in most member states")]


def test_a_readout_reports_what_was_outlined_and_underscored() -> None:
    text = ("Yesterday, Deputy National Security Advisor for Water and Emerging Technology Anne Neuberger met the "
            "basin governors. Neuberger outlined the measures the council has already taken to protect the wells. "
            "She also underscored the commitment to metering every well by 2027.")
    got = _said(text)
    assert ("reported", "Anne Neuberger", "the measures the council has already taken to protect the wells") in got
    assert ("reported", "Anne Neuberger", "the commitment to metering every well by 2027") in got


def test_an_acronym_in_the_reported_clause_is_not_a_person_described() -> None:
    got = _said("Finally, President Ortiz confirmed that TTIP had been discussed.")
    assert got == [("reported", "Ortiz", "TTIP had been discussed")]


def test_who_was_briefed_is_not_what_was_said() -> None:
    text = "Anne Neuberger met the governors and briefed them on the measures the council can take to protect the wells."
    got = _said(text)
    assert ("reported", "Anne Neuberger", "the measures the council can take to protect the wells") in got


def test_threats_and_attacks_are_statements_only_with_what_is_said() -> None:
    text = ("Food insecurity threatens not only the hungry but peace and security. Farmers attack him with machetes. "
            "Tom Berg attacked the council for raising the levy.")
    got = _said(text)
    assert [w for _k, w, _q in got] == ["Tom Berg"]


def test_a_clause_verb_the_parser_joined_to_the_speech_verb_stays_in_what_was_said() -> None:
    # "leaves" and "have arrived" are in the reported clause's tense, not the cue's: the same report goes on
    text = ("Ana Ruiz remarked bottled water is a bulky item, leading to low stocks, and, when sold out, leaves vast "
            "shelf spaces empty. Tom Berg says the farmers are in good health, but they have arrived with nothing, "
            "and are in desperate need of food.")
    got = _said(text)
    assert ("reported", "Ana Ruiz", "bottled water is a bulky item, leading to low stocks, and, when sold out, "
            "leaves vast shelf spaces empty") in got
    assert ("reported", "Tom Berg", "the farmers are in good health, but they have arrived with nothing, and are "
            "in desperate need of food") in got


def test_a_readout_reports_what_was_discussed() -> None:
    text = ("Secretary Lena Ortiz and Administrator Tom Berg discussed the proposed rules that would set the strictest "
            "standards for water use.")
    got = _said(text)
    rules = "the proposed rules that would set the strictest standards for water use"
    assert ("reported", "Lena Ortiz", rules) in got and ("reported", "Tom Berg", rules) in got


def test_a_light_verb_with_a_statement_noun_reports_what_the_statement_was_about() -> None:
    text = ("Secretary Lena Ortiz provided an update on the damage caused by the drought that is afflicting farms "
            "across the West. Tom Berg gave a quick overview of the results. Ana Ruiz made a cake for the party. "
            "The Riverton Water Board made a promise that it kept.")
    got = _said(text)
    assert ("reported", "Lena Ortiz", "the damage caused by the drought that is afflicting farms across the West") in got
    assert ("reported", "Tom Berg", "the results") in got
    assert not any(w in ("Ana Ruiz", "The Riverton Water Board") for _k, w, _q in got)
