"""Names as the tagger cuts them: a possessive ending, an unclosed bracket, titles that lead a person's name."""

from __future__ import annotations

from assistant.positions.nouns import BODY_NOUNS, HUMAN_NOUNS


def name_parts(name: str) -> list[str]:
    """A name's words without a possessive ending ("Ana Ruiz's" -> ["Ana", "Ruiz"])."""
    return name.replace("’s", "").replace("'s", "").split()


def clean_name(name: str) -> str:
    """A name as the tagger cut it, tidied: an unclosed parenthesis ("the World Health Organization (WHO") and
    what follows it are dropped, and so is a trailing colon or comma."""
    name = name.strip().rstrip(":;,")  # ("… for Clean Water:" the tagger ran over the colon)
    if name.count("(") > name.count(")"):
        name = name[: name.rfind("(")].rstrip(" ,")
    return name


def titled_name(text: str) -> str | None:
    """The person's name in an entity the tagger took for an organisation because titles lead it ("Detective
    Constable Ana Ruiz", "the Presidential Spokesperson Ana Ruiz" -> "Ana Ruiz"): up to a title word, then two or
    three capitalised words."""
    parts = name_parts(text)
    last = max((i for i, w in enumerate(parts) if w.lower().strip(".") in HUMAN_NOUNS), default=-1)
    rest = parts[last + 1 :]
    if last < 0 or not 2 <= len(rest) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in rest):
        return None
    return None if rest[-1].lower() in BODY_NOUNS else " ".join(rest)  # "General Electric Company" is a firm
