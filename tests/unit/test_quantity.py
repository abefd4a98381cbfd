"""The "how many N" check: which nouns the figures of a sentence count, and how close they come to N (the real
parser; a fake embedding)."""

from __future__ import annotations

import numpy as np

from assistant.evidence.items import parse
from assistant.evidence.quantity import counted_nouns, focus_quantity


def test_the_nouns_figures_count() -> None:
    nouns, measure = counted_nouns(parse("There were 190 people on board, six of them crew members."))
    assert "people" in nouns and not measure
    nouns, _m = counted_nouns(parse("She directed six of the House's committees to proceed."))
    assert "committees" in nouns
    nouns, measure = counted_nouns(parse("The board raised $2.5 billion from the levy."))
    assert measure
    assert counted_nouns(parse("The airline has the largest fleet in the region.")) == ([], False)


def _embed(texts: list[str]) -> np.ndarray:
    """Words of one meaning share a vector (a fake of the bundled model)."""
    groups = [{"aircraft", "planes", "jets"}, {"cities", "destinations"}, {"staff", "employees"}]
    out = np.zeros((len(texts), len(groups) + 1), dtype=np.float32)
    for i, t in enumerate(texts):
        g = next((k for k, words in enumerate(groups) if t.lower() in words), len(groups))
        out[i, g] = 1.0
    return out


def test_a_figure_counting_the_focus_or_a_word_of_its_meaning() -> None:
    fleet = ["Riverton Air has the largest fleet in the region.", "It flies 40 planes to 12 destinations."]
    assert focus_quantity("aircraft", False, fleet, parse, _embed) == 1.0  # "40 planes"
    assert focus_quantity("employees", False, fleet, parse, _embed) < 0.5  # figures of other things
    assert focus_quantity("aircraft", False, fleet[:1], parse, _embed) == 0.0  # no figure at all
    assert focus_quantity("money", True, ["The levy raised £3m last year."], parse, _embed) == 1.0
