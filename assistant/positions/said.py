"""Answer "what did X say about Y" from attributed statements: is X quoted at all, and on Y?"""

from __future__ import annotations

import re
from itertools import zip_longest
from typing import Any

from assistant.errors import UnknownActor
from assistant.evidence.find import SaidCheck
from assistant.evidence.items import QuestionItems
from assistant.evidence.question_kind import answer_kind
from assistant.positions.model import nlp
from assistant.positions.nouns import HUMAN_NOUNS, SPOKES_NOUNS
from assistant.positions.registry import describes, holds
from assistant.positions.store import named_speaker
from assistant.textutil import STOPWORDS, tokens

# "… say/tell reporters/think … about Y": Y runs to the end of its clause (a new question clause, ";" or "?")
_ABOUT = re.compile(r"\b(?:say|said|says|tell|told|think|thinks|thought|argue|argued|claim|claimed|state|stated|"
                    r"write|wrote|comment|commented|warn|warned|mean|means|speak|spoke|spoken|talk|talked|mention|"
                    r"mentioned|remark|remarked|express|expressed|voice|voiced|criticise|criticised|criticize|"
                    r"criticized|praise|praised|respond|responded|react|reacted|reply|replied)\b[^?;]{0,40}?"
                    r"\b(?:about|regarding|concerning|on(?!\s+behalf\b))\s+(?P<topic>[^?;]+)", re.IGNORECASE)
# "… think/speak of Y" (right after the verb: "said at the start of …" is no topic)
_OF = re.compile(r"\b(?:say|said|think|thinks|thought|speak|spoke|spoken|write|wrote|make|made)\s+of\s+(?P<topic>[^?;]+)",
                 re.IGNORECASE)
# "… respond/react/reply (online, publicly) to Y"
_REPLY_TO = re.compile(r"\b(?:respond|responded|react|reacted|reply|replied|retort|retorted)(?:\s+[a-z]+){0,2}?\s+to\s+"
                       r"(?P<topic>[^?;]+)", re.IGNORECASE)
_NEXT_CLAUSE = re.compile(r"(?:,\s*|\s+)(?:and|but|or)\s+(?:who|what|when|where|which|why|how|whom|whose)\b.*$",
                          re.IGNORECASE | re.DOTALL)


def asked_topic(question: str, speaker: str) -> str | None:
    """Y of "what did X say about Y", as the question words it: only its own clause, so "Who hosted the meeting
    and what did X say about Y?" asks X about Y, not about the meeting. None when the question has no such
    phrase after the speaker."""
    at = question.find(speaker)
    for m in [*_ABOUT.finditer(question), *_REPLY_TO.finditer(question), *_OF.finditer(question)]:
        if at >= 0 and m.start() < at:
            continue
        topic = _NEXT_CLAUSE.sub("", m.group("topic")).strip(" ,.")
        if topic:
            return topic
    return None


_SPEECH = re.compile(r"\b(?:say|said|says|tell|told|think|thinks|thought|argue|argued|claim|claimed|state|stated|"
                     r"write|wrote|comment|commented|warn|warned|mean|means|believe|believes|want|wants|propose|"
                     r"proposed|demand|demanded|call|called|urge|urged|react|reacted|respond|responded|reply|"
                     r"replied|describe|described|characteri[sz]e|characteri[sz]ed|critici[sz]e|critici[sz]ed|speak|spoke|"
                     r"spoken|talk|talked|view|views|opinion|position|stance|hope|hoped|expect|expected|predict|predicted|"
                     r"promise|promised|announce|announced|insist|insisted|stress|stressed|suggest|suggested|"
                     r"recommend|recommended|explain|explained|explanation)\b",
                     re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_RESPONSE = re.compile(r"\b(respond|responded|react|reacted|reply|replied|retort|retorted|rebut|rebutted|answer|"
                       r"answered)\b", re.IGNORECASE)
_AROUND = 3000  # characters of the document around the statement read as what it answers
_FRONT_NOUN = re.compile(r"^\s*(?:what|which)\s+(?:view|views|opinion|position|stance)$", re.IGNORECASE)


def can_be_speaker(question: str, name: str) -> bool:
    """X of "what did X say ...": named before the speech verb, or after "according to". A name inside what was
    said ("what did the minister say could make X back down") is the topic, not the speaker."""
    at = question.find(name)
    if at < 0:
        return True
    if _holds_role(question[at + len(name):]) or _role_of(question[:at]):
        return False  # "the Commission president", "the agency's chief", "the head of X": a person of X speaks, not X
    # the first speech word, past a question's own "What stance/view …" (its speaker follows: "What stance did X take")
    verb = next((m for m in _SPEECH.finditer(question) if not _FRONT_NOUN.match(question[: m.end()])), None)
    if verb is None or at < verb.start():
        return True
    return any(m.end() <= at <= m.end() + 3 for m in _ACCORDING.finditer(question))


def _words_after(after: str) -> list[str]:
    """The one to three lower-case words that follow a name in a question, past its possessive ("'s chief
    spokesman" -> ["chief", "spokesman"]): the role it may stand before."""
    m = re.match(r"(?:'s|’s)?((?:\s+[a-z-]+){1,3})", after)
    return m.group(1).split() if m is not None else []


def _words_before(question: str, name: str) -> list[str]:
    """The lower-case words right before a name, after its article ("the student activist Ana Ruiz" -> ["student",
    "activist"]): how the question describes the speaker, not what it asks about."""
    at = question.find(name)
    m = re.search(r"\b(?:the|a|an)((?:\s+[a-z-]+){1,3})\s*$", question[:at]) if at > 0 else None
    words = m.group(1).split() if m is not None else []
    return [] if STOPWORDS.intersection(words) else words  # "the leader and X": the words of someone else


def _role_of(before: str) -> bool:
    """The words before a name make it what a person's role is of ("the head of …", "the director for …"); a
    spokesperson's words are the body's own, as in `_holds_role`."""
    m = re.search(r"\b([a-z-]+)\s+(?:of|for|at)\s+(?:the\s+)?$", before)
    return m is not None and m.group(1) in HUMAN_NOUNS and m.group(1) not in SPOKES_NOUNS


def _holds_role(after: str) -> bool:
    """The words after a name make it the holder of a person's role ("… president", "…'s foreign minister"): the
    name is then the organisation or place the person serves, not the one who speaks. A spokesperson's words are
    the body's own (as in attribution), so "the Commission spokesperson" still asks what the Commission said."""
    for w in _words_after(after):
        if w in HUMAN_NOUNS:
            return w not in SPOKES_NOUNS
        if _SPEECH.fullmatch(w):
            return False
    return False


def _on_topic(scored: list[Any], n: int = 3) -> list[tuple[str, int, int]]:
    """Where the speaker's statements on the topic stand, closest first."""
    best = sorted((x for x in scored if x.relevant), key=lambda x: -x.closeness)[:n]
    return [(x.statement.doc_id, x.statement.char_start, x.statement.char_end) for x in best]


def _spans(finder: Any, own: list[Any]) -> Any:
    """doc id -> (spans of X's statements, spans of statements by other named speakers) in that document."""
    def spans(doc_id: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        mine = {(s.doc_id, s.char_start, s.char_end) for s in own if s.doc_id == doc_id}
        sts = finder.store.for_doc(doc_id)
        yours = [(s.char_start, s.char_end) for s in sts if (doc_id, s.char_start, s.char_end) in mine]
        others = [(s.char_start, s.char_end) for s in sts
                  if (doc_id, s.char_start, s.char_end) not in mine and named_speaker(s)]
        return yours, others

    return spans


def name_roles(registry: Any, question: str, speakers: dict[str, set[str]] | None = None) -> str:
    """The question with its speaker ("what did X say", "according to X") named when X is a role that fits one
    registered actor ("the Spanish water minister", "the UN's refugee chief" -> "Ana Ruiz"), else one of the
    documents' named speakers by the titles the documents give them (`speakers`: name -> title words), so it is
    answered and refused as about that speaker's statements. Any other question as it stands."""
    registered = registry is not None and bool(registry.actors)
    asks_words = answer_kind(question) == "say"
    if not (registered or speakers) or not (_SPEECH.search(question) or _ACCORDING.search(question) or asks_words):
        return question  # "Who was the Chilean mining minister …?" asks for the name: left as it stands
    if not HUMAN_NOUNS & set(re.findall(r"[a-z]+", question.lower())):
        return question  # no title word: nothing to parse
    out = question
    # the documents' own title words ("Coastguard" in "Tom Berg, Chief Coastguard, said"): a capitalised one after a
    # title word is the rest of the title, not a name
    titled: set[str] | None = None  # (gathered only when a capitalised word follows a title word)
    for chunk in reversed(list(nlp()(question).noun_chunks)):
        # the phrase ends at its last title noun (the tagger may take a verb after it for a noun: "the minister
        # comment")
        heads = [t for t in chunk if t.lemma_.lower() in HUMAN_NOUNS]
        if not heads:
            continue
        while heads[-1].i + 1 < chunk.end and (nxt := chunk.doc[heads[-1].i + 1]).pos_ == "PROPN" and \
                nxt.ent_type_ != "PERSON":
            if titled is None:
                titled = set().union(*speakers.values()) if speakers else set()
            if nxt.lower_ not in titled:
                break
            heads.append(nxt)
        span = [t for t in chunk if t.i <= heads[-1].i]
        after = heads[-1].i + 1
        if after < len(chunk.doc) and chunk.doc[after].pos_ == "PROPN":
            continue  # a title before the person's name ("Senator Tom Berg"): the name is given, not the role
        if not can_be_speaker(question, question[span[0].idx : heads[-1].idx + len(heads[-1].text)]):
            continue  # a person inside what was said, not the one saying it
        desc = " ".join(t.text for t in span if t.dep_ not in ("det", "case") and not t.is_punct)
        m = registry.by_role(desc) if registered else None
        name = m.actor.name if m is not None else None
        if name is None and speakers and asks_words:
            # (only where the question asks for the speaker's words: elsewhere the role's own words find the answer
            # better than a name: "Which officials did the council director say would lead the talks?")
            name = _speaker_by_role(desc, speakers)
        if name is not None:
            end = heads[-1].idx + len(heads[-1].text)
            out = out[: span[0].idx] + name + out[end:]
    return out


def _speaker_by_role(desc: str, speakers: dict[str, set[str]]) -> str | None:
    """The one speaker the documents give titles that fit the description. The titles a text gives in passing are
    incomplete ("President Ana Ruiz" says nothing of her country), so a description with one word before its head
    ("the Freedonian president") names no one while another speaker holds that head title too. A bare title ("the
    senator") names the one speaker the documents give it, and no one when two hold it."""
    *mods, head = tokens(desc) or [""]
    if not mods:
        fits = [n for n, words in speakers.items() if holds(head, words)]
        return fits[0] if len(fits) == 1 else None
    fits = [n for n, words in speakers.items() if describes(desc, words, words)]
    if len(fits) != 1:
        return None
    rivals = [n for n, words in speakers.items() if n != fits[0] and holds(head, words)]
    return fits[0] if len(mods) >= 2 or not rivals else None


def said_check(finder: Any, registry: Any, items: QuestionItems) -> SaidCheck | None:
    """X of "what did X say about Y": the question's named things that are known speakers (registered, or quoted in
    the documents), named where a speaker stands ("What did A and B say about Y?": both). The topic Y is what X is
    asked about ("about Y" in X's clause), else the rest of the question's named things and key terms. None when no
    speaker is named or nothing is left as a topic."""
    speakers: list[tuple[Any, Any]] = []  # (question item, actor)
    for e in items.entities:
        if not can_be_speaker(items.question, e.text):
            continue
        try:
            actor = registry.resolve(e.text).actor
        except UnknownActor:
            actor = finder.discover(e.text)
            if actor is None:
                continue
        if all(a.name != actor.name for _e, a in speakers):
            speakers.append((e, actor))
        for voice in _spokespeople(finder, items.question, e.text, actor):
            if all(a.name != voice.name for _e, a in speakers):
                speakers.append((e, voice))
    if not speakers:
        return None
    first = speakers[0][0]
    asked = {e.key for e, _a in speakers}
    described = set(_words_before(items.question, first.text))
    rest = [o.text for o in items.entities if o.key not in asked] + \
        [t.surface or t.text for t in items.terms if (t.surface or t.text).lower() not in described]
    about = asked_topic(items.question, first.text)
    topic = about or " ".join(dict.fromkeys(rest)).strip()  # a hyphened word is one surface for its parts
    if not topic:
        return _everything_said(finder, speakers)
    own = _own(finder, speakers)
    scored = [[x for x in finder.scored(topic, actor) if x.kind != "third_party"] for _e, actor in speakers]
    if _RESPONSE.search(items.question) and not any(x.relevant for xs in scored for x in xs):
        scored = [[_answering(finder, topic, x) for x in xs] for xs in scored]
    flat = [x for xs in scored for x in xs]
    quotes = [q for row in zip_longest(*(_on_topic(xs, 2) for xs in scored)) for q in row if q is not None]
    return SaidCheck(_names(speakers), topic, len(own),
                     sum(x.relevant for x in flat), closest=max((x.sim for x in flat), default=0.0),
                     key_share=max((x.key_share for x in flat), default=0.0),
                     speaker_keys=[e.key for e, _a in speakers], spans=_spans(finder, own), quotes=quotes,
                     asked_about=about is not None)


def _spokespeople(finder: Any, question: str, name: str, actor: Any) -> list[Any]:
    """"What did X's spokesman say …": a spokesperson's words are the body's own, so the named speakers the
    documents call a spokesperson of X ("Tom Berg, a spokesman for the Riverton council") speak for X too. [] when the
    question does not ask for X's spokesperson."""
    at = question.find(name)
    if at < 0 or not set(_words_after(question[at + len(name):])) & SPOKES_NOUNS:
        return []
    words = {w.lower() for w in re.findall(r"[\w-]+", re.sub(r"['’]s$", "", name))}
    out = []
    for person, roles in finder.speaker_roles().items():
        if person != actor.name and roles & SPOKES_NOUNS and words <= roles:
            voice = finder.discover(person)
            if voice is not None:
                out.append(voice)
    return out


def _answering(finder: Any, topic: str, x: Any) -> Any:
    """"How did X respond to Y?": a reply seldom repeats what it answers, the report around it does. The statement
    counts as about Y when its document, within a few paragraphs of it, holds Y's key terms by the contrast's own
    rule."""
    from dataclasses import replace

    from assistant.positions.contrast import key_terms, params

    st = x.statement
    text = finder.index.doc_text(st.doc_id)
    have = set(tokens(text[max(0, st.para_start - _AROUND) : st.char_end + _AROUND]))
    terms = key_terms(topic, finder.index.registry.variants)
    share = sum(1 for group in terms if group & have) / len(terms) if terms else 0.0
    return replace(x, key_share=share, relevant=share >= params()["key_share"]) if share > x.key_share else x


def _everything_said(finder: Any, speakers: list[tuple[Any, Any]], n: int = 4) -> SaidCheck | None:
    """"What did X say?" with no topic: all of X's own statements answer it; the answer leads with the fullest
    of them (the speaker's own words first). None when X is never quoted (the question is answered as any other)."""
    own = _own(finder, speakers)
    if not own:
        return None
    best = sorted(own, key=lambda s: (s.kind != "direct", -(s.char_end - s.char_start)))[:n]
    return SaidCheck(_names(speakers), "", len(own),
                     len(own), speaker_keys=[e.key for e, _a in speakers], spans=_spans(finder, own),
                     quotes=[(s.doc_id, s.char_start, s.char_end) for s in best])


def _own(finder: Any, speakers: list[tuple[Any, Any]]) -> list[Any]:
    """The speakers' statements in their own words (direct or reported)."""
    return [s for _e, actor in speakers for s, kind in finder.attributions().get(actor.name, []) if kind != "third_party"]


def _names(speakers: list[tuple[Any, Any]]) -> str:
    names = [a.name for _e, a in speakers]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def name_speakers(finder: Any, citations: list[Any]) -> None:
    """Each cited quote's speakers: the attributed statements (extracted at ingest) that lie inside it, by their
    registry actor or the name the document gives. A statement the citation only touches does not count."""
    for c in citations:
        if c.field is not None or c.doc_id not in finder.index.docs:
            continue
        names = []
        for s in finder.store.for_doc(c.doc_id):
            inside = min(s.char_end, c.char_end) - max(s.char_start, c.char_start)
            if inside > 0.5 * (s.char_end - s.char_start) and named_speaker(s):
                names.append(s.actor or s.speaker)
        c.speakers = list(dict.fromkeys(names))
