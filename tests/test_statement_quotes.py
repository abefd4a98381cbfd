"""`statements()` on small texts: whose words a quote is (quote marks, cues before, after and around a quote,
quotes that go on), with the real spaCy model and no index."""

from __future__ import annotations

from assistant.positions.statements import statements
from tests.statements_util import _by_speaker, _said


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


def test_phrase_in_quotes_without_a_cue_is_no_statement() -> None:
    text = 'Mayor Tom Reed said the park would reopen in May. The so-called "blue zone" will be closed until then.'
    assert all(s.text != "blue zone" for s in statements(text))


def test_a_quote_opened_by_a_clause_without_a_speech_verb() -> None:
    text = ('Mayor Ana Ruiz defended the rationing plan on the radio, "We have no other choice this '
            'summer. The reservoirs are at a third of their level."\n\n'
            'Councillor Tom Baker spoke on local television, "This plan will hurt every small farm in the valley."')
    got = _by_speaker(text)
    assert ("direct", "Ana Ruiz", None,
            "We have no other choice this summer. The reservoirs are at a third of their level.") in got
    assert ("direct", "Tom Baker", None, "This plan will hurt every small farm in the valley.") in got


def test_a_plurals_apostrophe_inside_single_quotes_does_not_end_the_quote() -> None:
    from assistant.positions.quotes import find_quotes

    text = "He added: 'Farmers' wells are dry.' Ruiz called the plan 'the farmers' choice' and left."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["Farmers' wells are dry.", "the farmers' choice"]


def test_a_full_stop_glued_to_the_next_sentence_does_not_hide_its_speaker() -> None:
    text = ("These form the council's plan for 2025-2030.Water Board Chair Maria Gonzalez said: \u201cEvery well will be "
            "metered. Nobody will be left without water.\u201d The plan was called for by the board.")
    got = _said(text)
    assert ("direct", "Maria Gonzalez", "Every well will be metered. Nobody will be left without water.") in got


def test_a_text_that_reads_a_quote_is_its_speaker() -> None:
    text = ('The board met on Tuesday. The summary of the decision read in part: "The levy was unlawful. The wells '
            'stay open." Ana Ruiz read the report. The statement read: "We will appeal."')
    got = _said(text)
    assert ("direct", "The summary of the decision", "The levy was unlawful. The wells stay open.") in got
    assert ("direct", "The statement", "We will appeal.") in got
    assert not any(w == "Ana Ruiz" for _k, w, _q in got)  # reading a report is no statement


def test_a_quote_left_open_ends_before_the_narrators_sentence_that_opens_the_next() -> None:
    # the first quote lacks its closing mark; the narrator's "He laughed and added," before a second opening mark
    # is not part of it
    text = ("Tom Berg described his stay as useful. “I have learnt so much, especially in campaign strategy. He laughed "
            "and added, “Well who knows? It may help my career at home!”")
    direct = [(s.speaker, s.text) for s in statements(text) if s.kind == "direct"]
    assert direct == [("Tom Berg", "I have learnt so much, especially in campaign strategy."),
                      ("Tom Berg", "Well who knows? It may help my career at home!")]


def test_a_sentence_that_opens_with_its_speech_verb_gives_the_quote_to_the_name_after_it() -> None:
    """Inversion ("Remarked X, "…""): the parser takes the speaker for an object or a compound, the name still
    speaks."""
    text = ('The count rose sharply.\n\nRemarked Center for Water Policy scientist Lena Ortiz, "This reprieve from bad '
            'news on dams is a thank-you from the rivers to all the people who planted willows[...] But one wet year '
            'will not save the river." Willow is food.')
    got = _by_speaker(text)
    assert any(k == "direct" and who == "Lena Ortiz" and q.startswith("This reprieve from bad news")
               for k, who, _a, q in got)


def test_a_verb_in_quoted_words_is_no_cue_and_a_bare_speech_word_goes_on_with_the_quote_before() -> None:
    """'X remarked, "… I'm starting to see …," further remarking, "…"': the second quote is X's, not "I"'s; and
    '"…" One of the children said, "…"' names someone else, so it does not go on with the quote before."""
    text = ("State Senator Lena Ortiz remarked, \"It's been a long, hard fight. I'm starting to see some of the fruits "
            "of not just my labor, but the labor of so many other people whose names I don't know,\" further remarking, "
            "\"Women in Riverton have said, 'It's time to do away with the patriarchy that that holds people down. It's "
            "just time to do away with it.'\" Democrat Ortiz, a minister, was first elected in 2012.")
    got = _by_speaker(text)
    assert all(who == "Lena Ortiz" for _k, who, _a, _q in got)
    assert any(q.startswith("Women in Riverton have said") for _k, _w, _a, q in got)
    other = ('The mother said "I really look forward to the day I can see them."\n\n'
             'One of the children said, "Sometimes I still have nightmares of things that had happened."')
    assert not any(q.startswith("Sometimes") and who == "The mother" for _k, who, _a, q in _by_speaker(other))


def test_a_statement_issued_from_someone_is_theirs() -> None:
    text = ('Lena Ortiz, the mayor, spoke on Monday. The council issued the following statement from the mayor: '
            '"Even though the dam is old, it still holds and will hold for many years to come."')
    got = _by_speaker(text)
    assert any(k == "direct" and who == "Lena Ortiz" and q.startswith("Even though the dam is old")
               for k, who, _a, q in got)
