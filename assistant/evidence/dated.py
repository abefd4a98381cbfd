"""Does the evidence of a "when" question give a date of its own, or only the date its document was published?

"On what date does the consultation close?" is not answered by the document's date ("Date: 2024-11-04" in its
metadata line, or "The press release issued by the Scottish Government on 4 November 2024." in its text): that is
when the text came out, not when the thing asked about happens. When the only dates the answer would show are its
documents' publication dates, the date asked for is missing. Sentences that give a date of their own ("yesterday",
"on 15 July", "in 2012") answer as before; evidence without a publication date is left to the answer model.

General English only: month names and publishing verbs, no word list of any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence.answer_type import type_evidence

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"]
_MONTH = "|".join(_MONTH_NAMES)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PUBLISHING = re.compile(r"\b(?:issued|published|released|posted|updated|first published)\b", re.IGNORECASE)


def _iso(year: str, month: str, day: str) -> str:
    m = _MONTH_NAMES.index(month.lower()) + 1 if not month.isdigit() else int(month)
    return f"{int(year):04d}-{m:02d}-{int(day):02d}"


def full_dates(text: str) -> set[str]:
    """The day-month-year dates a text writes, as yyyy-mm-dd."""
    out = {_iso(y, m, d) for d, m, y in _DAY_MONTH_YEAR.findall(text)}
    out |= {_iso(y, m, d) for m, d, y in _MONTH_DAY_YEAR.findall(text)}
    out |= {_iso(y, m, d) for y, m, d in _ISO.findall(text)}
    return out


def publication_line(text: str, published: str | None) -> bool:
    """A line that says when its document came out ("The press release issued by X on 7 July 2015."): a publishing
    word, and the document's own date as its only full date."""
    if not published or not _PUBLISHING.search(text):
        return False
    dates = full_dates(text)
    return bool(dates) and dates <= {published}


def only_published(question: str, shown: Sequence[tuple[str, bool, str | None]]) -> bool:
    """`shown`: the sentences an answer would show, each (text, is a metadata line, its document's date). True
    when some of them give a document's publication date and none gives a date of its own that the question does
    not already name."""
    published = [t for t, meta, date in shown if (meta and "Date:" in t) or publication_line(t, date)]
    if not published:
        return False
    own = [t for t, meta, date in shown if not meta and not publication_line(t, date)]
    return not any(type_evidence("when", t, question) >= 1.0 for t in own)
