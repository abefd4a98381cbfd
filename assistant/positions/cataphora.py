"""Speakers named only after they speak: a pronoun no one was named for before ("'We are not leaving,' she said. …
Ana Ruiz has lived here for 40 years") and a role no one was named by before ("the prime minister will say …" …
"Prime Minister Ana Ruiz said"), resolved forward with a lower confidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.positions import speakers as sp
from assistant.positions.nouns import SPOKES_NOUNS

if TYPE_CHECKING:
    from assistant.positions.document import Document
    from assistant.positions.model import Statement


CATAPHORA_REACH = 400  # characters after an unresolved "she said" in which the person it introduces is named


def cataphora(d: Document, found: list[Statement]) -> list[Statement]:
    """A pronoun speaker no one named before resolves forward, to the first person named after the statement in
    its paragraph or the next ('"We are not leaving," she said. … Ana Ruiz has lived here for 40 years'), with a
    low confidence; a speaker resolved before is left alone."""
    from dataclasses import replace

    out = []
    for st in found:
        if st.speaker.lower() in sp.PERSON_PRONOUNS and not st.named:
            paras = [(s, e) for s, e in d.paras if e > st.char_start][:2]
            end = min(st.char_end + CATAPHORA_REACH, paras[-1][1]) if paras else st.char_end
            later = next((m for m in d.mentions if m.label == "PERSON" and st.char_end <= m.start < end
                          and d.in_quote(m.start) is None), None)
        elif not st.named:
            later = _titled_later(d, st)
        else:
            later = None
        if later is not None:
            match = d.registry.match_speaker(later.name) if d.registry is not None else None
            st = replace(st, speaker=later.name, speaker_confidence=round(st.speaker_confidence * 0.6, 3),
                         named=True, actor=match.actor.name if match is not None else None)
        elif not st.named and (body := spoken_for(st.speaker)) is not None:
            # "A Riverton Water Board spokesperson said …", nobody named as that spokesperson: the board speaks
            match = d.registry.match_speaker(body) if d.registry is not None else None
            st = replace(st, speaker=body, speaker_confidence=round(st.speaker_confidence * 0.8, 3),
                         named=True, actor=match.actor.name if match is not None else None)
        out.append(st)
    return out


def spoken_for(phrase: str) -> str | None:
    """The named organisation an unnamed spokesperson speaks for: "A Riverton Water Board spokesperson" and "a
    spokesman for the Riverton Water Board" are the Riverton Water Board; "a senior spokesman" names none."""
    words = phrase.split()
    at = next((i for i, w in enumerate(words) if w.lower().strip(",") in SPOKES_NOUNS), None)
    if at is None or not words or words[0].lower() not in ("a", "an", "the"):
        return None
    if at + 2 < len(words) and words[at + 1].lower() in ("for", "of") and at == 1:
        body = words[at + 2 :]
    elif at > 1 and at == len(words) - 1:
        body = words[1:at]
    else:
        return None
    if body and body[0].lower() == "the":
        body = body[1:]
    name = " ".join(body).strip(" ,")
    # a name: its words capitalised, bar the short words inside it ("Department for Education")
    return name if body and all(w[:1].isupper() or (w.islower() and len(w) <= 3 and i > 0) for i, w in enumerate(body)) \
        and body[-1][:1].isupper() else None


def _titled_later(d: Document, st: Statement) -> sp.Mention | None:
    """The person an unnamed role speaker is named as later: "the prime minister will say …" and, further on, "Prime
    Minister Ana Ruiz said"; "A spokesman for the union said …" and, in the next lines, "union spokesman Tom Berg"
    (a deputy spokesman too, for "a spokesman"). "The minister" is looked for in the whole document; "a spokesman"
    only within CATAPHORA_REACH."""
    words = st.speaker.lower().split()
    if len(words) < 2 or words[0] not in ("the", "a", "an"):
        return None
    role = [w for w in words[1:] if w.isalpha()]
    head = next((i for i, w in enumerate(role) if w in sp.HUMAN_NOUNS), None)
    if head is None or (head + 1 < len(role) and role[head + 1] not in ("for", "of", "at", "with", "in", "from")):
        return None  # not a role phrase ("the people's representatives", "the minister's office")
    definite = words[0] == "the"
    # ("a federal judge in Riverton ruled …", then "District Judge Ana Ruiz": an indefinite role is introduced by
    # its kind, the later title need only share its noun; "the deputy minister" must be named as one)
    title = set(role[: head + 1]) if definite else {role[head]}
    end = len(d.text) if definite else st.char_end + CATAPHORA_REACH
    for m in d.mentions:
        if m.label == "PERSON" and st.char_end <= m.start < end and d.in_quote(m.start) is None and \
                title <= m.titles and not (definite and (m.titles & sp.LESSER_TITLES) - title):
            return m
    return None
