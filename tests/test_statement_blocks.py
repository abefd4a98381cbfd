"""`statements()` on block quotations: paragraphs set off after a colon introduction, in the speaker's words
without quotation marks (real spaCy model, no index)."""

from __future__ import annotations

from tests.statements_util import _said


def test_block_quotations_after_a_colon_are_the_introduced_speakers_words() -> None:
    """Paragraphs set off after "X wrote on her blog:" (a web page's blockquote, flattened): each is X's direct
    statement, up to the narrator's next introduction; "The post continued:" is the same writer again; a
    paragraph naming the writer in the third person is the narrator's."""
    text = ("The council raised the water tariff on Monday. Maria Gonzalez at Riverton Notes gave a quick overview:\n\n"
            "The tariff rises by 12 percent from July. Farmers pay the most.\n\n"
            "I do not think the council had a choice.\n\n"
            "The post continued:\n\n"
            "Next year the wells will be metered as well.\n\n"
            "Gonzalez has written about the tariff since 2019. Tom Berg of Hydronews posted a reply:\n\n"
            "The tariff is a tax on the smallest farms.\n\n"
            "Berg runs a farm near Riverton.")
    got = _said(text)
    assert ("direct", "Maria Gonzalez", "The tariff rises by 12 percent from July. Farmers pay the most.") in got
    assert ("direct", "Maria Gonzalez", "I do not think the council had a choice.") in got
    assert ("direct", "Maria Gonzalez", "Next year the wells will be metered as well.") in got
    assert ("direct", "Tom Berg", "The tariff is a tax on the smallest farms.") in got
    assert not [q for _k, _w, q in got if q.startswith(("Gonzalez has written", "Berg runs"))]


def test_a_block_quotation_in_another_language_is_its_english_translation() -> None:
    """A quotation given in its original language, then translated: the translation is the statement, the
    original and the narrator's paragraph after the translation are not; a handle names an account."""
    text = ("Lena Ortiz, a farmer in the valley, weighed in on the ruling:\n\n"
            "El agua es de todos y el tribunal lo ha olvidado. No vamos a pagar esta tarifa injusta.\n\n"
            "Water belongs to everyone and the court has forgotten it. We will not pay this unfair tariff.\n\n"
            "Protests continued in the valley through the week, and the roads stayed closed.\n\n"
            "Twitter user @riverwatch tweeted:\n\n"
            "The valley is dry again this summer.")
    got = _said(text)
    assert ("direct", "Lena Ortiz", "Water belongs to everyone and the court has forgotten it. We will not pay "
            "this unfair tariff.") in got
    assert not [q for _k, _w, q in got if q.startswith(("El agua", "Protests continued"))]
    assert ("direct", "@riverwatch", "The valley is dry again this summer.") in got


def test_a_name_inside_a_block_quotation_is_not_who_he_is_later() -> None:
    text = ("Tom Berg wrote on his blog:\n\n"
            "Minister Ana Ruiz promised the farmers new wells in Riverton.\n\n"
            "Later he said the tariff had to be cut.")
    got = _said(text)
    assert ("reported", "Tom Berg", "the tariff had to be cut") in got


def test_a_document_named_after_the_verb_speaks_for_its_issuer() -> None:
    """"X view this as a betrayal, states a resolution by Y:": Y states it, and the block after the colon is Y's."""
    text = ("Residents of Riverton view this as a betrayal, states a resolution by the Riverton Coalition for Clean "
            "Water:\n\nThe replacement of the water board by decree is a political insult to every farmer in the "
            "valley.\n\nThe Coalition is organising a march on Friday.")
    got = _said(text)
    assert ("reported", "the Riverton Coalition for Clean Water", "Residents of Riverton view this as a betrayal") in got
    assert ("direct", "the Riverton Coalition for Clean Water", "The replacement of the water board by decree is a "
            "political insult to every farmer in the valley.") in got
    assert len(got) == 2


def test_a_block_introduced_by_an_example_of_those_reported_is_that_persons() -> None:
    """"On Twitter, farmers condemned the levy, and some questioned the minister, like Maria Gonzalez:": not Twitter,
    but the person the colon introduces."""
    text = ("On Twitter, farmers condemned the levy, and some questioned President Calderón, like Maria Gonzalez "
            "(@mgonzalez):\n\nThe wells are dry. Do you really think the valley is fine?")
    assert _said(text) == [("direct", "Maria Gonzalez", "The wells are dry. Do you really think the valley is fine?")]


def test_a_paragraph_in_another_language_after_a_speech_verb_is_a_quotation_without_a_colon() -> None:
    """"Ana Ruiz (@aruiz) tweeted from the protest." then her tweet in Korean, then its translation: the translation
    is her direct statement (the person beside the handle speaks); an English paragraph quoting an original inline
    is no such block."""
    text = ("Farmers marched on the water board on Friday.\n\n"
            "Ana Ruiz (@aruiz) tweeted from the protest that went on late into the night.\n\n"
            "지금 청계광장입니다. 물 요금 인상 반대 집회. 시간이 지날수록 더 많은 사람들이 모이고 있어요.\n\n"
            "Now at the square: a protest against the water tariff. More people have gathered as time goes by.\n\n"
            "Tom Berg told reporters the board would not meet.\n\n"
            "He had said, \"The tariff stays.\" (in Korean: 요금은 그대로 유지됩니다. 위원회는 물러서지 않을 것입니다.) "
            "The board did not comment on his remarks about the wells.\n\n"
            "The march ended at midnight.")
    got = _said(text)
    assert ("direct", "Ana Ruiz", "Now at the square: a protest against the water tariff. More people have gathered "
            "as time goes by.") in got
    assert not any(q.startswith("He had said") for _k, _w, q in got)


def test_a_list_after_said_that_is_reported_and_ends_where_the_narrator_speaks_of_him() -> None:
    """"He said that regulation:" and the list after it: each item finishes the reported clause (indirect speech,
    not his words in quotation marks), the cut-off clause before the colon is no statement, and a paragraph that
    opens with "He" is the narrator's again."""
    text = ("Sir Tom Berg gave a speech on water rules on Monday.\n\n"
            "In this speech he said that regulation:\n\n"
            "is essential to protect the rivers.\n\n"
            "works, which is why the valley's wells are cleaner than ever.\n\n"
            "He used the example of the old drainage law to open a debate on how to measure river health.")
    got = _said(text)
    assert ("reported", "Tom Berg", "is essential to protect the rivers.") in got
    assert ("reported", "Tom Berg", "works, which is why the valley's wells are cleaner than ever.") in got
    assert not [q for _k, _w, q in got if q == "regulation" or q.startswith("He used")]


def test_an_unnamed_spokesperson_speaks_for_the_body_also_in_a_block() -> None:
    """"A Riverton Council spokesperson said:" and the paragraphs after it are the council's (a spokesperson of a
    named body, nobody named as that spokesperson), including one naming the council in the third person; "a
    spokesman for the Riverton Water Board said" is the board; "a senior spokesman" names no one."""
    text = ("Water prices rose again this week. A spokesman for the Riverton Water Board said prices would rise. "
            "A senior spokesman said nothing more.\n\n"
            "A Riverton Council spokesperson said:\n\n"
            "Discrimination is as unacceptable in water billing as it is anywhere else.\n\n"
            "The Riverton Council is committed to fair prices, which is why we published the audit last month.")
    got = _said(text)
    assert ("reported", "Riverton Water Board", "prices would rise") in got
    assert ("direct", "Riverton Council", "Discrimination is as unacceptable in water billing as it is anywhere "
            "else.") in got
    assert ("direct", "Riverton Council", "The Riverton Council is committed to fair prices, which is why we "
            "published the audit last month.") in got
    assert [w for _k, w, q in got if q == "nothing more"] == ["A senior spokesman"]  # (no body named: as it stands)


def test_a_signature_line_under_a_quotation_names_its_speaker_and_is_no_quote() -> None:
    """"– Judge Ana Ruiz, "Decision and Order"" under a block: the block goes on to it (a paragraph on "this Court"
    included), the line itself is no dash-quote and no other language; a quote set off above such a line is the
    signer's."""
    text = ("On Monday, District Judge Ana Ruiz issued a ruling against the Riverton Water Company. The company had "
            "argued that it should be immune from the water code. Ruiz rejected this argument:\n\n"
            "The notion of immunity that the utility here invokes cuts across the grain of the water code.\n\n"
            "Because this Court finds such a doctrine repugnant to the code, it DISMISSES the utility's suit.\n\n"
            "– District Judge Ana Ruiz, \"Decision and Order\"\n\n"
            "The company responded to the ruling on Tuesday.\n\n"
            "\"We will not give up on the valley. The dam must stay open.\"\n\n"
            "– Mayor Lena Ortiz, \"Letter to the council\"")
    got = _said(text)
    assert ("direct", "Ana Ruiz", "Because this Court finds such a doctrine repugnant to the code, it DISMISSES the "
            "utility's suit.") in got
    assert not [q for _k, _w, q in got if "District Judge" in q or q.startswith("The company responded")]
    assert ("direct", "Lena Ortiz", "We will not give up on the valley. The dam must stay open.") in got


def test_posts_pasted_under_an_introduction_that_names_no_one_are_their_accounts() -> None:
    """"Some reactions:" then "@account: …" lines: each post is its account's, in English where the post is given
    in another language and then translated; "I think" inside a post is the account's own words."""
    text = ("The court fined the water company on Monday.\n\n"
            "Some reactions:\n\n"
            "@riverwatch: Condamner la compagnie, quelle décision juste. Vive la justice pour la vallée et ses "
            "fermiers.\n\n"
            "Condemning the company, what a just decision. Long live justice for the valley and its farmers.\n\n"
            "@farmer_ana: Briefly, I think the verdict is a fair compromise for the valley.\n\n"
            "The company said it would appeal.")
    got = _said(text)
    assert ("direct", "@riverwatch", "Condemning the company, what a just decision. Long live justice for the valley "
            "and its farmers.") in got
    assert ("direct", "@farmer_ana", "Briefly, I think the verdict is a fair compromise for the valley.") in got
    assert not [w for _k, w, _q in got if w == "I"]


def test_an_original_in_another_script_ending_with_a_colon_and_a_bare_and_colon_go_on_with_the_block() -> None:
    """Armenian ends a sentence with a colon-like full stop: the original is still the original, and its English
    rendering after it is the quotation; "and:" right after a block introduces the same writer's next words."""
    text = ("Group member Lena Ortiz writes:\n\n"
            "Մեր այգին մերն է, և ոչ ոք չի կարող այն վերցնել առանց մեր համաձայնության:\n\n"
            "Our park is ours, and no one can take it without our consent.\n\n"
            "and:\n\n"
            "Мы будем стоять здесь, пока парк не спасут.\n\n"
            "We will stand here until the park is saved.\n\n"
            "The protest ended on Sunday.")
    got = _said(text)
    assert ("direct", "Lena Ortiz", "Our park is ours, and no one can take it without our consent.") in got
    assert ("direct", "Lena Ortiz", "We will stand here until the park is saved.") in got
    assert not [q for _k, _w, q in got if q.startswith("The protest")]


def test_a_published_speech_is_its_speakers_words_paragraph_by_paragraph() -> None:
    """A heading that names a speech and its speaker ("Statement by … at …", no sentence of its own), then
    paragraphs in the first person: each is the speaker's direct statement; the salutation and the closing thanks
    are no statements; the headline and the issuing line above it are not the speaker's."""
    text = ("Riverton calls for a ceasefire: statement at the basin council\n\n"
            "The statement issued by the Riverton water ministry on 3 May 2026.\n\n"
            "Statement by Ambassador Ana Ruiz at the basin council meeting on the Freedonia dam.\n\n"
            "Madam Chair,\n\n"
            "We are approaching the first anniversary of this dispute. It has cost farmers their harvests.\n\n"
            "The council's panel warns that the dam will fail within a year. We share that fear.\n\n"
            "Thank you.")
    got = _said(text)
    assert ("direct", "Ana Ruiz", "We are approaching the first anniversary of this dispute. It has cost farmers "
            "their harvests.") in got
    assert ("direct", "Ana Ruiz", "The council's panel warns that the dam will fail within a year. We share that "
            "fear.") in got
    assert not [q for _k, _w, q in got if q.startswith(("Madam", "Thank", "Riverton calls", "The statement issued"))]


def test_a_speech_delivered_by_a_named_speaker_and_a_heading_before_narration_is_none() -> None:
    """"… Delivered yesterday by the permanent representative, Tom Berg." before first-person paragraphs: his; a
    like heading before a news report in the third person gives nobody the report."""
    speech = ("Basin statement for the dialogue on water. Delivered yesterday by the permanent representative, "
              "Tom Berg.\n\n"
              "Our farmers cannot wait for another study. We call for the dam to open now.")
    assert ("direct", "Tom Berg", "Our farmers cannot wait for another study. We call for the dam to open now.") \
        in _said(speech)
    report = ("Statement by Ambassador Ana Ruiz at the basin council meeting.\n\n"
              "The council met on Monday. Farmers protested outside the hall for the third day.")
    assert not [q for _k, w, q in _said(report) if w == "Ana Ruiz"]


def test_a_quote_running_over_paragraphs_is_one_statement_a_paragraph() -> None:
    """English layout: each paragraph opens with a mark again, only the last closes. Each paragraph is a
    statement of the one speaker, without the marks."""
    text = ("Commenting, Water Secretary Lena Ortiz said:\n\n"
            "“The new wells are a demonstration of our commitment to the valley.\n\n"
            "“However, demand is outstripping supply, and the figures paint a stark picture.\n\n"
            "“I am calling on everyone to save water this summer.”\n\n"
            "The wells opened in May.")
    got = _said(text)
    assert ("direct", "Lena Ortiz", "The new wells are a demonstration of our commitment to the valley.") in got
    assert ("direct", "Lena Ortiz", "However, demand is outstripping supply, and the figures paint a stark "
            "picture.") in got
    assert ("direct", "Lena Ortiz", "I am calling on everyone to save water this summer.") in got
