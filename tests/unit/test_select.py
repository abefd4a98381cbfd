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
