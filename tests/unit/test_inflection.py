"""A question's word matches another inflection a passage writes, irregular ones too (evidence/inflection.py)."""

from assistant.evidence.inflection import inflections
from assistant.evidence.items import Item, analyse
from assistant.evidence.match import TextView
from tests.unit.test_evidence_items import FakeLexicon


def test_irregular_and_regular_inflections() -> None:
    assert "fled" in inflections("flee") and "flee" in inflections("fled")
    assert "bought" in inflections("buy") and "children" in inflections("child")
    assert "married" in inflections("marry")
    assert inflections("Riverton") == () and inflections("x") == () and inflections("2025") == ()


def test_a_term_matches_the_form_the_passage_writes() -> None:
    item = Item("T:flee", "flee", "term", forms=["flee", "fled"], surface="flee")
    m = TextView("Several monks fled to the hills.").match(item)
    assert m is not None and m.how == "normalised"
    assert TextView("Several monks stayed.").match(item) is None


def test_the_question_term_carries_the_forms_the_library_has() -> None:
    class Lex(FakeLexicon):
        def df(self, token: str) -> int:
            return {"fled": 2, "monk": 3}.get(token, 0)

    items = analyse("Where did the monks flee to?", Lex())
    flee = next(t for t in items.terms if t.key == "T:flee")
    assert flee.forms == ["flee", "fled"] and flee.df == 2 and flee.label == "flee"


def test_a_term_is_named_as_the_question_writes_it() -> None:
    assert Item("T:locat", "locat", "term", forms=["locat"], surface="located").label == "located"


def test_a_verb_also_matches_its_agent_noun() -> None:
    from assistant.evidence.inflection import derived_nouns

    assert {"spender", "spenders"} <= set(derived_nouns("spending"))
    assert {"voter", "voters"} <= set(derived_nouns("voted")) and "investors" in derived_nouns("invest")
    # and its action noun, however it is spelled
    assert "election" in derived_nouns("elected") and "decision" in derived_nouns("decide")
    assert "arrival" in derived_nouns("arrives") and "failure" in derived_nouns("failed")
    # a noun with a sense of its own is no agent noun ("flow" is not "flower"), and a noun is not read back into a
    # verb ("leaders" would match every "leading")
    assert derived_nouns("flow") == () and derived_nouns("number") == () and derived_nouns("leaders") == ()

    class Lex(FakeLexicon):
        def df(self, token: str) -> int:
            return {"spender": 2, "basin": 3}.get(token, 0)

    items = analyse("Which basin states lead in water spending?", Lex())
    spend = next(t for t in items.terms if t.key.startswith("T:spend"))
    assert any(f.startswith("spender") for f in spend.forms)


def test_an_action_noun_also_matches_its_verb() -> None:
    from assistant.evidence.inflection import action_verbs

    assert {"endorsed", "endorses"} <= set(action_verbs("endorsement"))
    assert "decided" in action_verbs("decision") and "approved" in action_verbs("approval")
    assert "informed" in action_verbs("information") and "reduced" in action_verbs("reduction")
    # only action nouns: an agent noun is not read back ("leaders" would match every "leading"), a word that is also
    # a verb is left to its own inflections, and no noun form of the verb comes with it ("state" of "statement")
    assert action_verbs("leaders") == () and action_verbs("question") == () and action_verbs("station") == ()
    assert "state" not in action_verbs("statement")

    class Lex(FakeLexicon):
        def df(self, token: str) -> int:
            return {"endors": 2}.get(token, 0)  # the stem of "endorsed"

    items = analyse("Which body gave its endorsement the next day?", Lex())
    term = next(t for t in items.terms if t.key.startswith("T:endorse"))
    assert "endors" in term.forms
