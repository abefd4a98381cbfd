"""A country named by its demonym or another name matches the name the text uses (evidence/places.py)."""

from types import SimpleNamespace

from assistant.evidence.items import Item
from assistant.evidence.library import LibraryView
from assistant.evidence.match import TextView
from assistant.evidence.places import place_forms


def test_demonyms_and_other_names_of_a_country() -> None:
    assert "Romania" in place_forms("Romanian")
    assert "United Kingdom" in place_forms("British") and "UK" in place_forms("United Kingdom")
    assert "Netherlands" in place_forms("Dutch") and "Kenya" in place_forms("kenyan")
    assert "Zimbabwean" in place_forms("Zimbabwe")  # both ways
    assert "Bosnian" in place_forms("Bosnia and Herzegovina")  # a country with two demonyms in one field
    assert "Bosnia and Herzegovina" in place_forms("Herzegovinian")


def test_no_codes_common_words_or_look_alikes() -> None:
    assert place_forms("US") == [] and place_forms("IN") == [] and place_forms("no") == []  # ISO codes are words
    assert place_forms("water") == [] and place_forms("Riverton") == []
    assert "Hong Kong" not in place_forms("Chinese")  # a shared demonym names the country spelled like it
    assert "Martinique" not in place_forms("French") and "France" in place_forms("French")
    assert "Georgia" not in place_forms("South Georgia")


def test_the_evidence_layer_matches_a_demonym_to_the_country() -> None:
    lib = LibraryView(SimpleNamespace(snapshot=SimpleNamespace(acronyms={})))  # type: ignore[arg-type]
    aliases = [a.lower() for a in lib.aliases("Romanian")]
    item = Item("E:romanian", "Romanian", "entity", forms=["romanian"], aliases=aliases)
    m = TextView("Ahead of the meeting of leaders in Sibiu, Romania, on 9 May.").match(item)
    assert m is not None and m.how == "alias"
    assert TextView("The leaders met in Sibiu on 9 May.").match(item) is None


def test_a_capital_named_as_one_and_a_capital_standing_for_its_government() -> None:
    from assistant.evidence.items import analyse
    from assistant.evidence.places import capital_of, country_of_capital
    from tests.unit.test_evidence_items import FakeLexicon

    assert capital_of("Kenyan") == "Nairobi" and capital_of("Chinese") == "Beijing" and capital_of("water") is None
    assert "Kenya" in country_of_capital("Nairobi") and "United States" in country_of_capital("Washington")
    # "the Kenyan capital" names Nairobi and not Kenya: a passage that names only Kenya does not cover it
    items = analyse("What did the Kenyan capital's council decide about water?", FakeLexicon())
    (city,) = items.entities
    assert city.text == "Nairobi" and "kenya" not in city.forms + city.aliases and "kenyan capital" in city.aliases
    assert "capital" not in [t.text for t in items.terms]
    (city,) = analyse("Who is the mayor of the capital of Kenya?", FakeLexicon()).entities
    assert city.text == "Nairobi" and "kenya" not in city.forms + city.aliases
    by_text = {e.text: e.aliases for e in analyse("What did Nairobi's envoy say about the levy?",
                                                  FakeLexicon()).entities}
    assert "kenya" in next(iter(by_text.values()))
    assert analyse("What happened in Nairobi in May?", FakeLexicon()).entities[0].aliases == []  # a place, as itself


def test_a_possessive_or_plural_demonym_names_the_country_too() -> None:
    from assistant.evidence.items import analyse
    from tests.unit.test_evidence_items import FakeLexicon

    class PlaceLexicon(FakeLexicon):
        def aliases(self, phrase: str) -> list[str]:
            return place_forms(phrase)

    assert "Norway" in place_forms("Norwegians") and "Kenya" in place_forms("Kenyans")
    assert place_forms("Riverton's") == [] and "Filipino" in place_forms("Philippines")  # a country as it is named
    (who,) = [e for e in analyse("How fast did the Norwegian's horse run in Riverton?", PlaceLexicon()).entities
              if e.text.startswith("Norwegian")]
    assert "norway" in who.aliases
