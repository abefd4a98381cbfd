"""Who said what: direct quotes, reported speech, and third parties' characterisations of an actor.

Works on paragraphs, because speakers are often named outside the quoted sentence: a press release
closes a quoted paragraph with "– noted the deputy prime minister W. Kosiniak-Kamysz", a news report
names the minister one paragraph before his quote, Izvestia puts Kortunov's quote before his name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.positions.registry import Actor, ActorRegistry
from assistant.textutil import fold

SPEECH = (r"said|says|say|stressed|stresses|noted|notes|added|adds|emphasised|emphasized|emphasises|insisted|"
          r"insists|explained|explains|recalled|recalls|believes|believed|told|tells|argued|argues|warned|"
          r"warns|pointed to|pointed out|spoke about|spoke|declared|announced|stated|states|demanded|urged|"
          r"called for|reaffirmed|underlined|highlighted")
_SPEECH_RE = re.compile(rf"\b({SPEECH})\b", re.I)
_PRONOUN_SPEECH = re.compile(rf"\b((he|she|the expert)\s+({SPEECH})|according to (him|her)|in (his|her) (opinion|view))\b",
                             re.I)
_LEADING_PRONOUN = re.compile(rf"^\W*((he|she|the expert)\s+({SPEECH})|according to (him|her)|in (his|her) (opinion|view))\b",
                              re.I)
_QUOTE = re.compile(r"[“”\"]|^\s*[—–-]\s*\S", re.M)
_NARRATOR = re.compile(r"\b(told izvestia|the expert community|experts note|according to (the )?(kiel|data|"
                       r"european defence agency|study))", re.I)


@dataclass
class Attributed:
    actor: str  # canonical name
    doc_id: str
    start: int
    end: int
    attribution: str  # direct | reported | third_party
    speaker: str | None  # who is talking (None = the outlet's narration)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in text.split("\n\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 2
    return out


def _speaker_in(text: str, registry: ActorRegistry) -> Actor | None:
    """An actor who is the subject or agent of a speech verb in this text."""
    mentions = registry.find_in_text(text)
    if not mentions:
        return None
    folded = fold(text)
    best: tuple[int, Actor] | None = None
    for actor, s, e in mentions:
        before = folded[max(0, s - 90) : s]
        after = folded[e : e + 120]
        direct_after = re.match(rf"^\s*,?\s*(,[^,“”\"]{{0,90}},)?\s*({SPEECH})\b", after)
        verb_before = re.search(rf"\b({SPEECH})\b[^.“”\"]{{0,80}}$", before) or re.search(r"according to\s*$", before)
        if direct_after or verb_before:
            dist = 0 if direct_after else 1
            if best is None or dist < best[0]:
                best = (dist, actor)
    return best[1] if best else None


def attribute_document(doc_id: str, text: str, sentences: list[tuple[int, int]],
                       registry: ActorRegistry) -> list[Attributed]:
    out: list[Attributed] = []
    paras = _paragraphs(text)
    last_speaker: Actor | None = None
    for pi, (ps, pe) in enumerate(paras):
        para = text[ps:pe]
        if not para.strip():
            continue
        para_sents = [(s, e) for s, e in sentences if ps <= s < pe]
        is_quote_para = bool(re.match(r"^\s*[—–-]", para)) or para.lstrip().startswith(("“", '"'))
        para_speaker = _speaker_in(para, registry) if is_quote_para else None
        # press release layout: the attribution line is the next paragraph ("- noted ... Luke Pollard")
        if is_quote_para and para_speaker is None and pi + 1 < len(paras):
            nxt = text[paras[pi + 1][0] : paras[pi + 1][1]]
            if re.match(rf"^\s*[—–-]?\s*({SPEECH})\b", nxt, re.I):
                mentions = registry.find_in_text(nxt)
                para_speaker = _speaker_in(nxt, registry) or (mentions[0][0] if mentions else None)
        for s, e in para_sents:
            sent = text[s:e]
            speaker = para_speaker
            kind = "direct" if para_speaker else ""
            if speaker is None and last_speaker is not None and _LEADING_PRONOUN.match(sent):
                speaker, kind = last_speaker, "direct" if _QUOTE.search(sent) else "reported"
            if speaker is None:
                speaker = _speaker_in(sent, registry)
                if speaker is not None:
                    kind = "direct" if _QUOTE.search(sent) else "reported"
            if speaker is None and _PRONOUN_SPEECH.search(sent) and last_speaker is not None:
                speaker = last_speaker
                kind = "direct" if _QUOTE.search(sent) else "reported"
            if speaker is None and _QUOTE.search(sent) and last_speaker is not None and \
                    re.search(r"\b(he|she) said\b|,\s*(he|she) (said|added)", sent, re.I):
                speaker, kind = last_speaker, "direct"
            if speaker is not None and not _NARRATOR.search(sent.split(",")[-1] if kind == "" else ""):
                out.append(Attributed(speaker.name, doc_id, s, e, kind or "reported", speaker.name))
                last_speaker = speaker
            mentioned = {a.name: a for a, _, _ in registry.find_in_text(sent)}
            for name, _actor in mentioned.items():
                if speaker is not None and name == speaker.name:
                    continue
                out.append(Attributed(name, doc_id, s, e, "third_party", speaker.name if speaker else None))
            # a speaker named in this paragraph stays in view for the next one (news layout)
            if speaker is None and mentioned and len(mentioned) == 1:
                actor = next(iter(mentioned.values()))
                if _SPEECH_RE.search(sent):
                    last_speaker = actor
    return out
