"""Which extra sentences an extractive answer takes: a document's metadata only where it answers something."""

from __future__ import annotations

from assistant.answering.extractive import _restates_source
from assistant.evidence.candidates import Candidate
from assistant.evidence.match import ItemMatch


def _cand(text: str, own: list[str], meta: bool = False) -> Candidate:
    c = Candidate("d", 0, len(text), text, "c", 0, meta_field="metadata" if meta else None)
    c.own = {k: ItemMatch(k, k, "exact", 1.0) for k in own}
    return c


def test_metadata_is_an_extra_only_when_it_adds_what_was_asked() -> None:
    chosen = [_cand("Vance said the levy must rise.", ["E:vance", "T:levy"])]
    title = _cand("Title: Basin states press for a higher pumping levy. Published by Water Weekly.", ["T:basin", "T:levy"],
                  meta=True)
    assert not _restates_source(title, chosen, "what")  # names the basin, which nothing chosen does
    assert _restates_source(title, [*chosen, _cand("The basin ...", ["T:basin"])], "what")  # adds nothing
    assert not _restates_source(title, chosen, "metadata")  # the source itself is asked about
    assert _restates_source(title, chosen, "say")  # a title is nobody's statement
    assert not _restates_source(chosen[0], [], "say")  # sentences of the text are not metadata


def test_a_metadata_member_that_restates_the_sentences_is_left_out() -> None:
    from assistant.answering.extractive import select
    from assistant.evidence.find import Found
    from assistant.evidence.items import QuestionItems
    from assistant.evidence.sets import EvidenceSet, Member

    answer = _cand("Lena Ortiz now chairs the Riverton water board.", ["T:chair", "T:board"])
    answer.p = 0.6
    title = _cand("Title: Riverton water board chair Tom Berg dies. Date: 2026-01-02.", ["T:board"], meta=True)
    title.start, title.end, title.p = 100, 160, 0.2
    es = EvidenceSet(members=[Member(answer, []), Member(title, [])])
    found = Found(QuestionItems("Who chairs the water board now?", "who"), [], [], es, True)
    assert [c.text for c in select(found, {"keep_ratio": 1.0, "max_extra": 0})] == [answer.text]
    title.p = 0.9  # the likeliest member: it may hold the answer itself
    assert len(select(found, {"keep_ratio": 1.0, "max_extra": 0})) == 2
    title.p, title.own = 0.2, {**title.own, "T:die": ItemMatch("T:die", "died", "exact", 1.0)}
    assert len(select(found, {"keep_ratio": 1.0, "max_extra": 0})) == 2  # covers what no sentence does


def test_a_tight_budget_keeps_the_likeliest_members() -> None:
    from assistant.answering.extractive import select
    from assistant.evidence.find import Found
    from assistant.evidence.items import QuestionItems
    from assistant.evidence.sets import EvidenceSet, Member

    def cand(text: str, start: int, p: float) -> Candidate:
        c = Candidate("d", start, start + len(text), text, "c", 0)
        c.p = p
        return c

    seed = cand("The pipeline deal was signed by three states in 2017.", 0, 0.5)
    filler = cand("Support came from abroad through many meetings and letters of several governments over the years.",
                  100, 0.1)
    answer = cand("The pipeline is to be 2,000 km long from the fields to the coast.", 300, 0.4)
    es = EvidenceSet(members=[Member(seed, []), Member(filler, []), Member(answer, [])])
    found = Found(QuestionItems("How long is the pipeline?", "number"), [], [], es, True)
    got = select(found, {"keep_ratio": 1.0, "max_extra": 0}, max_words=30)
    assert [c.start for c in got] == [0, 300]  # document order; the filler member did not fit
    # a long seed that is less likely than a shorter member does not crowd it out of a part's share of the budget
    seed.p, filler.p = 0.2, 0.1
    got = select(found, {"keep_ratio": 1.0, "max_extra": 0}, max_words=22)
    assert [c.start for c in got] == [300]
    got = select(found, {"keep_ratio": 1.0, "max_extra": 0}, max_words=10)
    assert [c.start for c in got] == [300]
    # nor out of a whole answer's budget: the seed goes first only where the likeliest member fits beside it
    got = select(found, {"keep_ratio": 1.0, "max_extra": 0}, max_words=150)
    assert [c.start for c in got] == [300, 0, 100]
    long_seed = cand(" ".join(["The pipeline deal was signed by three states."] * 18), 0, 0.2)
    es.members[0] = Member(long_seed, [])
    got = select(found, {"keep_ratio": 1.0, "max_extra": 0}, max_words=150)
    assert [c.start for c in got] == [300, 100]  # the seed (144 words) would have left no room for the answer


def test_metadata_lines_follow_the_text_unless_the_source_is_asked() -> None:
    from assistant.answering.extractive import order

    meta = Candidate("a", 0, 40, "Title: Basin plan. Published by Water Weekly.", "a#m", 0, meta_field="metadata")
    a_text = Candidate("a", 100, 140, "The plan caps pumping at 10 GL a year.", "a#1", 0)
    b_text = Candidate("b", 50, 90, "Farmers oppose the cap.", "b#1", 0)
    got = order([meta, b_text, a_text], "what")
    assert [c.chunk_id for c in got] == ["b#1", "a#1", "a#m"]
    got = order([meta, b_text, a_text], "metadata")
    assert [c.chunk_id for c in got] == ["a#m", "a#1", "b#1"]


def test_the_likeliest_sentence_leads() -> None:
    from assistant.answering.extractive import order

    first = Candidate("a", 0, 30, "The plan was drafted in 2019.", "a#0", 0)
    best = Candidate("a", 200, 240, "The cap is 10 GL a year.", "a#2", 0)
    other = Candidate("b", 0, 30, "Farmers oppose it.", "b#0", 0)
    assert [c.chunk_id for c in order([first, other, best], "number", best)] == ["a#2", "a#0", "b#0"]


def test_displayed_sentence_drops_a_leading_footnote_number_and_dash() -> None:
    from assistant.evidence.cite import display

    assert display("⁷ According to a study, the levy raised 39%.") == "According to a study, the levy raised 39%."
    assert display("- noted the chair of the board.") == "noted the chair of the board."
    assert display("The basin covers 5 km² of wetland.") == "The basin covers 5 km² of wetland."


def test_what_x_said_takes_no_extra_sentence_in_other_words() -> None:
    """"What did X say about Y", X quoted on Y: X's statements lead; a further sentence on Y that is not X's
    statement (the narrator's, another speaker's) is not added as an extra."""
    from assistant.answering.extractive import select
    from assistant.evidence.find import Found
    from assistant.evidence.items import QuestionItems
    from assistant.evidence.sets import EvidenceSet, Member

    def cand(text: str, start: int, p: float) -> Candidate:
        c = Candidate("d", start, start + len(text), text, "c", 0)
        c.p = p
        return c

    said = cand("Vance said the levy must rise.", 0, 0.9)
    also = cand("“It is the only way to save the aquifer,” she added.", 40, 0.5)
    narrator = cand("The levy was first set in 1998 by the basin board.", 120, 0.6)
    es = EvidenceSet(members=[Member(said, [])])
    found = Found(QuestionItems("What did Vance say about the levy?", "say"), [], [said, narrator, also], es, True,
                  statements=[("d", 0, 29)], said_spans=lambda _doc: [(0, 29), (41, 82)])
    got = select(found, {"keep_ratio": 0.1, "max_extra": 3})
    assert [c.start for c in got] == [0, 40]
    found.statements, found.said_spans = [], None  # any other question: the likely sentence is an extra
    assert [c.start for c in select(found, {"keep_ratio": 0.1, "max_extra": 3})] == [0, 40, 120]


def test_a_quoted_sentence_reads_without_its_dateline_or_footnote_number() -> None:
    from assistant.evidence.cite import display

    assert display("LIMA, Peru: Ministers agreed\\n on the levy.".replace("\\n", "\n")) == "Ministers agreed on the levy."
    assert display("GENEVA (Reuters) - The board met.") == "The board met."
    assert display("⁷ According to the board, it met.") == "According to the board, it met."
    assert display("NATO allies agree.") == "NATO allies agree."


def test_an_extra_sentence_elsewhere_sharing_only_a_common_word_is_left_out() -> None:
    """"What caused the Riverton dam collapse?": a sentence in another document that says "caused" about
    something else is not an extra; one that names Riverton is, wherever it stands."""
    from assistant.answering.extractive import select
    from assistant.evidence.find import Found
    from assistant.evidence.items import Item, QuestionItems
    from assistant.evidence.sets import EvidenceSet, Member

    def cand(doc: str, text: str, start: int, p: float, own: list[str]) -> Candidate:
        c = Candidate(doc, start, start + len(text), text, f"{doc}#{start}", 0)
        c.p = p
        c.own = {k: ItemMatch(k, k, "exact", 1.0) for k in own}
        return c

    seed = cand("a", "The Riverton dam collapsed on Monday after days of rain.", 0, 0.6, ["E:riverton", "T:collaps"])
    elsewhere = cand("b", "The burst pipe caused flooding in the museum cellar.", 0, 0.5, ["T:caus"])
    named = cand("c", "Engineers said a crack had weakened the Riverton dam for years.", 0, 0.45, ["E:riverton"])
    items = QuestionItems("What caused the Riverton dam collapse?", "why")
    items.entities = [Item("E:riverton", "Riverton", "entity")]
    items.terms = [Item("T:caus", "caused", "term"), Item("T:collaps", "collapse", "term")]
    found = Found(items, [], [seed, elsewhere, named], EvidenceSet(members=[Member(seed, [])]), True)
    got = select(found, {"keep_ratio": 0.5, "max_extra": 3})
    assert [c.doc_id for c in got] == ["a", "c"]
    items.entities = []  # a question that names nothing: no anchor to be about
    assert [c.doc_id for c in select(found, {"keep_ratio": 0.5, "max_extra": 3})] == ["a", "b", "c"]


def test_a_who_answer_that_says_she_is_preceded_by_the_sentence_that_names_her() -> None:
    from assistant.answering.extractive import with_antecedents
    from assistant.evidence.candidates import _antecedent

    text = ("Ana Ruiz is a hydrologist at Riverton University. She and her team mapped the aquifer. "
            "They found it shrinking.\n\nShe warned of drought.")
    spans = [(0, 49), (50, 86), (87, 111), (113, 135)]
    ents = [[("Ana Ruiz", "ORG"), ("Riverton University", "ORG")], [], [], []]  # the tagger's mistake allowed for
    assert _antecedent(text, spans, ents, 2) == (0, 49, text[0:49])
    assert _antecedent(text, spans, ents, 3) is None  # another paragraph: not looked back into
    c = Candidate("d", 87, 111, text[87:111], "c", 0)
    c.antecedent = _antecedent(text, spans, ents, 2)
    got = with_antecedents([c], room=40)
    assert [x.text for x in got] == [text[0:49], text[87:111]]
    assert with_antecedents([c], room=5) == [c]  # no room left in the word budget


def test_a_why_answer_that_says_so_is_preceded_by_the_sentences_that_give_the_cause() -> None:
    from assistant.answering.extractive import with_causes
    from assistant.evidence.candidates import _RESULT_LEAD, _cause

    text = ("Riverton built new canals in 2019. Ticks breed in wet grass. The canals keep the grass wet. "
            "So the fever spread along them.\n\nSo the council acted.")
    spans = [(0, 34), (35, 60), (61, 91), (92, 123), (125, 146)]
    assert [text[s:e] for s, e in spans][3] == "So the fever spread along them."
    assert _RESULT_LEAD.match("So the fever spread.") and _RESULT_LEAD.match("As a result, prices rose.")
    assert not _RESULT_LEAD.match("Some canals leak.") and not _RESULT_LEAD.match("Sonia Ruiz said so.")
    assert [t for _s, _e, t in _cause(text, spans, 3)] == ["Ticks breed in wet grass.", "The canals keep the grass wet."]
    assert _cause(text, spans, 4) == []  # another paragraph: not looked back into
    c = Candidate("d", 92, 123, text[92:123], "c", 0)
    c.cause = _cause(text, spans, 3)
    got = with_causes([c], room=40)
    assert [x.text for x in got] == ["Ticks breed in wet grass.", "The canals keep the grass wet.", text[92:123]]
    assert [x.text for x in with_causes([c], room=6)] == ["The canals keep the grass wet.", text[92:123]]


def test_an_enumeration_item_brings_the_later_items_of_its_list() -> None:
    """"First, …" and "Second, …" chosen, "Third, …" ranked low: the list is answered whole, in text order, within
    the word budget; another enumeration or a sentence too far on is not taken."""
    from assistant.answering.extractive import with_enumeration
    from assistant.evidence.candidates import _following

    text = ("The board set out a plan. First, it will repair the dam. Second, it will raise the levy. "
            "The levy rises by 2%.\n\nThird, it will plant trees. Finally, it will report in May. "
            "First, a new topic begins.")
    bounds, at = [], 0
    for sent in ["The board set out a plan.", "First, it will repair the dam.", "Second, it will raise the levy.",
                 "The levy rises by 2%.", "Third, it will plant trees.", "Finally, it will report in May.",
                 "First, a new topic begins."]:
        s = text.index(sent, at)
        bounds.append((s, s + len(sent)))
        at = s + len(sent)
    assert [t for _s, _e, t in _following(text, bounds, 1)] == \
        ["Second, it will raise the levy.", "Third, it will plant trees.", "Finally, it will report in May."]
    assert _following(text, bounds, 0) == []  # not an item
    first = Candidate("d", *bounds[1], text[slice(*bounds[1])], "c", 0)
    first.following = _following(text, bounds, 1)
    second = Candidate("d", *bounds[2], text[slice(*bounds[2])], "c", 0)
    got = [c.text for c in with_enumeration([first, second], room=40)]
    assert got == ["First, it will repair the dam.", "Third, it will plant trees.", "Finally, it will report in May.",
                   "Second, it will raise the levy."]  # (the answer's order is set after: text order in a document)
    assert [c.text for c in with_enumeration([first, second], room=5)] == [first.text, "Third, it will plant trees.",
                                                                            second.text]


def test_a_sentence_introducing_a_list_brings_its_items() -> None:
    """"… at the following times and places:" chosen: the bullet (or numbered) items right after it follow it, within
    the word budget; a sentence after the list, or a list after a sentence that ends with no colon, is not taken."""
    from assistant.answering.extractive import with_enumeration
    from assistant.evidence.candidates import _list_items

    sents = ["The board will hold two meetings at the following times and places:",
             "- Monday 3 May, 6pm, Riverton Town Hall", "- Friday 7 May, 2pm, Freedonia Library",
             "Tom Berg said the plan was ready.", "Three options remain open.", "1. Raise the dam",
             "Ana Ruiz chairs the board:", "Lena Ortiz will speak first."]
    text = "\n\n".join(sents[:3]) + "\n\n" + " ".join(sents[3:5]) + "\n" + sents[5] + "\n\n" + " ".join(sents[6:])
    bounds = [(text.index(x), text.index(x) + len(x)) for x in sents]
    assert [t for _s, _e, t in _list_items(text, bounds, 0)] == sents[1:3]
    assert _list_items(text, bounds, 4) == []  # no colon: "1. Raise the dam" is no item of it
    assert _list_items(text, bounds, 6) == []  # a colon, and no item after it
    lead = Candidate("d", *bounds[0], sents[0], "c", 0)
    lead.following = _list_items(text, bounds, 0)
    assert [c.text for c in with_enumeration([lead], room=40)] == sents[:3]
    assert [c.text for c in with_enumeration([lead], room=8)] == sents[:2]


def test_a_compound_answer_gives_a_parts_unheld_members_the_words_other_parts_left() -> None:
    """Each part of a compound question first gets its share of the budget; a member of a part's evidence set that
    its share could not hold (a long sentence after a likelier one) still comes when the whole answer has room."""
    from assistant.answering.extractive import MAX_WORDS, answer
    from assistant.evidence.find import Found
    from assistant.evidence.items import QuestionItems
    from assistant.evidence.sets import EvidenceSet, Member

    def cand(text: str, start: int, p: float) -> Candidate:
        c = Candidate("d", start, start + len(text), text, "c", 0)
        c.p = p
        return c

    share = MAX_WORDS // 2
    quote = cand(" ".join(["Warm"] + ["water"] * (share // 2)) + ".", 0, 0.3)
    long = cand(" ".join(["Published"] + ["in"] * (share // 2 + 5) + ["Science", "Weekly"]) + ".", 1000, 0.2)
    short = cand("The team came from Riverton College.", 2000, 0.4)

    def part(q: str, members: list[Candidate]) -> Found:
        es = EvidenceSet(members=[Member(c, []) for c in members])
        return Found(QuestionItems(q, "what"), [], sorted(members, key=lambda c: -c.p), es, True)

    first, second = part("In which journal did the study appear?", [quote, long]), part("Where was the team from?",
                                                                                         [short])
    whole = Found(QuestionItems("In which journal did the study appear, and where was the team from?", "what"), [],
                  [quote, long, short], first.best, True, parts=[first, second])
    texts = [s.text for s in answer(whole).sentences]
    assert any("Science Weekly" in t for t in texts) and any("Riverton College" in t for t in texts)
    assert sum(len(t.split()) for t in texts) <= MAX_WORDS


def test_a_why_answer_brings_the_next_sentence_that_adds_a_cause() -> None:
    from assistant.answering.extractive import with_additions
    from assistant.evidence.candidates import _addition

    text = ("Sales fell as shoppers moved to discount stores. The Sunday ban also hurt sales. Profits were low."
            "\n\nThe levy also rose.")
    sents = ["Sales fell as shoppers moved to discount stores.", "The Sunday ban also hurt sales.", "Profits were low.",
             "The levy also rose."]
    spans = [(text.index(t), text.index(t) + len(t)) for t in sents]
    first, added = spans[0], spans[1]
    assert _addition(text, spans, 0) == (*added, "The Sunday ban also hurt sales.")
    assert _addition(text, spans, 1) is None  # the next sentence adds nothing
    assert _addition(text, spans, 2) is None  # another paragraph
    c = Candidate("d", *first, sents[0], "c", 0)
    c.adds = _addition(text, spans, 0)
    assert [x.text for x in with_additions([c], room=20)] == [sents[0], "The Sunday ban also hurt sales."]
    assert [x.text for x in with_additions([c], room=3)] == [sents[0]]  # no room left in the word budget
    # a paragraph whose subject stands for what the one before said ("These were …") says what that was
    text2 = "Police fired shots in Riverton.\n\nThese were \"needed to keep order,\" the council said.\n\nThis week rain fell."
    sents2 = ["Police fired shots in Riverton.", "These were \"needed to keep order,\" the council said.",
              "This week rain fell."]
    spans2 = [(text2.index(t), text2.index(t) + len(t)) for t in sents2]
    assert _addition(text2, spans2, 0) == (*spans2[1], sents2[1])
    assert _addition(text2, spans2, 1) is None  # "This week": a time, not a reference back


def test_a_sentence_saying_it_or_this_brings_the_sentences_that_say_what_that_is() -> None:
    from assistant.answering.extractive import with_referents
    from assistant.evidence.candidates import _referent

    sents = ["Rain fell in May.", "The agency says rising debt may lift loan rates.",
             "Lena Ortiz says this process is already happening.", "She says it is partly to blame for the fall.",
             "Items were sold."]
    text = " ".join(sents)
    spans = [(text.index(t), text.index(t) + len(t)) for t in sents]
    assert [t for _s, _e, t in _referent(text, spans, 3)] == sents[1:3]  # "it" <- "this process" <- the debt
    assert _referent(text, spans, 4) == [] and _referent(text, spans, 1) == []
    c = Candidate("d", *spans[3], sents[3], "c", 0)
    c.referent = _referent(text, spans, 3)
    assert [x.text for x in with_referents([c], room=40)] == sents[1:4]
    assert [x.text for x in with_referents([c], room=9)] == [sents[2], sents[3]]  # the nearest while the budget holds
    other = Candidate("d", *spans[0], sents[0], "c", 0)
    assert [x.text for x in with_referents([other, c], room=40, lead=other)] == [sents[0], sents[3]]  # the lead's only
