"""Does a piece of text cover a question item, and by what kind of match?

Text is normalised once (case, diacritics, light stemming, spelling skeletons for transliterations),
then each item is looked up: exact / normalised / alias / transliteration / partial name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from assistant.evidence.items import Item
from assistant.textutil import fold, skeleton, tokens, undot, words

STRENGTH = {"exact": 1.0, "normalised": 0.9, "alias": 0.9, "transliteration": 0.8, "partial": 0.7,
            "metadata": 0.8, "coreference": 0.7, "embedding": 0.5}


NEAR_RATIO = 85  # two spelling skeletons this similar (rapidfuzz ratio) are one name spelt two ways


def near_spelling(sk: str, other: str, name: bool = False) -> bool:
    """Are two spelling skeletons of one name ("Chongqing" / "Chonqing")? Same first letter, lengths within two,
    ratio at least NEAR_RATIO; for skeletons of five letters or more. For a `name` (capitalised in the question)
    of six or more, one letter apart is enough too ("Cherono" / "Cheruno"): in a short name one letter weighs more
    in the ratio than in a long one."""
    if len(sk) < 5 or abs(len(other) - len(sk)) > 2 or other[:1] != sk[:1]:
        return False
    return fuzz.ratio(other, sk) >= NEAR_RATIO or (name and len(sk) >= 6 and Levenshtein.distance(other, sk) <= 1)


@dataclass(frozen=True)
class ItemMatch:
    key: str  # the item's key
    label: str  # the item as the question says it
    how: str  # exact | normalised | alias | transliteration | partial | metadata | coreference | embedding
    strength: float


class TextView:
    """One piece of text, normalised once for every look-up."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = undot(fold(text))

    @cached_property
    def stems(self) -> set[str]:
        return set(tokens(self.text))

    @cached_property
    def word_list(self) -> list[str]:
        return words(self.text)

    @cached_property
    def skeletons(self) -> set[str]:
        return {skeleton(w) for w in self.word_list if len(w) >= 4}

    def has_phrase(self, folded_phrase: str) -> bool:
        if not folded_phrase:
            return False
        return re.search(r"(?<![\w])" + re.escape(folded_phrase) + r"(?![\w])", self.folded) is not None

    def match(self, item: Item) -> ItemMatch | None:
        if item.kind == "term":
            t = item.forms[0]
            if t in self.stems:
                return ItemMatch(item.key, item.label, "exact", STRENGTH["exact"])
            if any(f in self.stems for f in item.forms[1:]):  # another inflection ("fled" for "flee")
                return ItemMatch(item.key, item.label, "normalised", STRENGTH["normalised"])
            if len(t) >= 5 and any(s.startswith(t[:5]) and abs(len(s) - len(t)) <= 3 for s in self.stems):
                return ItemMatch(item.key, item.label, "normalised", STRENGTH["normalised"])
            if len(t) >= 5 and skeleton(t) in self.skeletons:
                return ItemMatch(item.key, item.label, "transliteration", STRENGTH["transliteration"])
            return None
        if item.kind != "entity":
            return None
        for f in item.forms:
            if self.has_phrase(f):
                return ItemMatch(item.key, item.label, "exact", STRENGTH["exact"])
        for a in item.aliases:
            if self.has_phrase(a):
                return ItemMatch(item.key, item.label, "alias", STRENGTH["alias"])
        parts = [p for p in re.split(r"[\s-]+", item.forms[0]) if p]
        stems = [t for t in tokens(item.forms[0])]
        if len(stems) > 1 and all(s in self.stems for s in stems):
            return ItemMatch(item.key, item.label, "normalised", STRENGTH["normalised"])
        # transliterations: every long word of the name has a near spelling in the text
        long_parts = [p for p in parts if len(p) >= 4]
        if long_parts and all(self._near(p) for p in long_parts):
            return ItemMatch(item.key, item.label, "transliteration", STRENGTH["transliteration"])
        # a full name in the question, the surname (its last word) alone in the text
        if len(parts) > 1 and len(parts[-1]) >= 4 and (self.has_phrase(parts[-1]) or self._near(parts[-1])):
            return ItemMatch(item.key, item.label, "partial", STRENGTH["partial"])
        return None

    def _near(self, part: str) -> bool:
        sk = skeleton(part)
        if sk in self.skeletons:
            return True
        return any(near_spelling(sk, s, name=True) for s in self.skeletons)


def match_all(view: TextView, items: list[Item]) -> dict[str, ItemMatch]:
    out: dict[str, ItemMatch] = {}
    for it in items:
        m = view.match(it)
        if m is not None:
            out[it.key] = m
    return out
