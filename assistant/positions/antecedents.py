"""Who a pronoun or a title stands for: the antecedent rule (coreferee refuses the packaged model). Walk back over
earlier mentions of people and organisations, nearest first, preferring ones that were themselves speakers or
sentence subjects; "he"/"she" need a person (and a registry actor's pronoun must agree), "it"/"they" an
organisation or a group of people named together, and a title noun needs a mention whose own title words contain it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.positions.nouns import BODY_NOUNS, DOCUMENT_NOUNS, HUMAN_NOUNS, PERSONS_BODIES, STATE_BODIES
from assistant.positions.titles import nominal_head, title_noun

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs)

PERSON_PRONOUNS = {"he": "he", "she": "she", "him": "he", "her": "she", "his": "he", "hers": "she"}
GROUP_PRONOUNS = {"it", "they", "them", "its", "their"}  # third person: "we" is the text's own voice
LESSER_TITLES = frozenset(["deputy", "vice", "former", "acting", "assistant", "interim", "ex"])
TITLE_MATCH = 0.75  # confidence of "the minister" resolved to a mention that carries the title


@dataclass
class Mention:
    name: str  # fullest form seen in the document
    label: str  # PERSON | ORG | GPE | NORP
    start: int  # char offset in the document
    titles: set[str] = field(default_factory=set)  # lower-cased title words near the mention
    subject: bool = False
    speaker: bool = False
    pronoun: str = ""  # registry pronoun when the mention is a known actor
    main: bool = False  # subject of its sentence's main clause
    subject_group: int = -1  # start of its sentence when it is inside that sentence's subject


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}


def _counted(tok: Token) -> int:
    """How many people a plural phrase counts ("the two leaders", "both ministers", "the 3 envoys"), else 0."""
    if tok.tag_ != "NNS":
        return 0
    for c in tok.children:
        if c.dep_ in ("nummod", "predet", "det") and (c.lower_ in _NUMBERS or c.text.isdigit()):
            return _NUMBERS.get(c.lower_) or int(c.text)
    return 0


def _people_subject(cands: list[Mention], reach: bool = False) -> Mention | None:
    """The latest sentence whose subject names several people, as one collective mention ("A, B and C"); with
    `reach`, the latest that names two or more ("A spoke with B. … A updated B. They …" is still A and B)."""
    by_sent: dict[int, list[Mention]] = {}
    for m in cands:
        if m.label == "PERSON" and m.subject_group >= 0:
            by_sent.setdefault(m.subject_group, []).append(m)
    several = [k for k, ms in by_sent.items() if len({m.name for m in ms}) >= 2 or not reach]
    if not several:
        return None
    latest = by_sent[max(several)]
    names = list(dict.fromkeys(m.name for m in sorted(latest, key=lambda x: x.start)))
    if len(names) < 2:
        return None
    first = min(latest, key=lambda x: x.start)
    shared = set.intersection(*(set(m.titles) for m in latest))  # ("President A and President B": presidents)
    return Mention(", ".join(names[:-1]) + " and " + names[-1], "PERSON", first.start, shared, True, True)


def resolve(tok: Token, char_pos: int, mentions: list[Mention], speakers: list[Mention],
            window: int = 1500, ahead: Sequence[Mention] = ()) -> tuple[Mention | None, float]:
    """Antecedent of a pronoun or title subject at char_pos: (mention, confidence). `ahead`: the people the whole
    document names with a title (a role named before its holder)."""
    word = tok.lower_
    # not a name inside the phrase itself ("Chelyabinsk's governor" is not Chelyabinsk)
    own_start = char_pos - (tok.idx - tok.left_edge.idx)
    cands = [m for m in reversed(mentions) if m.start < own_start and char_pos - m.start <= window]
    if word in PERSON_PRONOUNS:
        m, conf = _person_antecedent(tok, char_pos, cands)
        if m is not None and conf >= 0.8 and tok.dep_ in ("nsubj", "nsubjpass"):
            _learn_pronoun(mentions, m.name, PERSON_PRONOUNS[word])
        return m, conf
    return _other_antecedent(tok, char_pos, cands, speakers, window, ahead)


def _learn_pronoun(mentions: list[Mention], name: str, pronoun: str) -> None:
    """A person a sentence's subject "he"/"she" surely stands for is referred to that way: a later "she" is not
    the man named before ("She subsequently left …" for the diplomat; "He died …" for the motorcyclist). Evidence
    against (the person already referred to the other way) leaves it unset."""
    same = [x for x in mentions if x.name == name]
    if any(x.pronoun and x.pronoun != pronoun for x in same):
        return
    for x in same:
        x.pronoun = pronoun


def _person_antecedent(tok: Token, char_pos: int, cands: list[Mention]) -> tuple[Mention | None, float]:
    """The person "he"/"she" stands for among the candidates, nearest first."""
    want = PERSON_PRONOUNS[tok.lower_]
    people = [m for m in cands if m.label == "PERSON" and (not m.pronoun or m.pronoun == want)]
    # a subject earlier in the same sentence ("Lee said that Park sent a letter in which she …": Park),
    # else the nearest person who speaks (outside a relative clause) or is a main-clause subject, else the
    # nearest subject, else the nearest person ("Lee said he banned it, which Park opposed as unfair. He
    # claimed …": Lee)
    sent_start = char_pos - tok.idx + tok.sent.start_char
    for m in people:
        if m.start < sent_start:
            break
        if m.subject:
            return m, 0.8
    for m in people[:6]:
        if m.speaker or m.main:
            return m, 0.8
    for m in people[:6]:
        if m.subject:
            return m, 0.7
    if people:
        return people[0], 0.6
    # the small model sometimes tags a person's name ORG: a two- or three-word capitalised subject
    for m in cands[:4]:
        parts = m.name.split()
        if m.subject and 2 <= len(parts) <= 3 and all(p[:1].isupper() for p in parts):
            return m, 0.5
    return None, 0.0


def _other_antecedent(tok: Token, char_pos: int, cands: list[Mention], speakers: list[Mention], window: int,
                      ahead: Sequence[Mention]) -> tuple[Mention | None, float]:
    """What "it"/"they", "the two leaders" or a title noun ("the minister", "the office") stands for."""
    word = tok.lower_
    if word in GROUP_PRONOUNS:
        groups = [m for m in cands if m.label in ("ORG", "GPE", "NORP")]
        org = next((m for m in groups[:4] if m.speaker or m.subject), None)
        several = _people_subject(cands, reach=True)
        # (the group as recent as its members' latest mention: "A spoke with B … A urged C to stop. They …": A and B)
        members = set(several.name.replace(" and ", ", ").split(", ")) if several is not None else set()
        last = max((m.start for m in cands if m.label == "PERSON" and m.name in members), default=-1)
        # (an organisation that is only a subordinate clause's subject yields to the people: "… stressed the need
        # for Hamas to cease firing. They …")
        if several is not None and (org is None or max(several.start, last) > org.start or not (org.main or org.speaker)):
            return several, 0.6
        return (org, 0.6) if org is not None else (None, 0.0)
    noun = nominal_head(tok)
    det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
    count = _counted(tok)
    if noun in HUMAN_NOUNS and tok.tag_ == "NNS" and det is not None and det.lower_ in ("the", "both"):
        # "The two leaders agreed …", "Both leaders said …", "The presidents instructed …" after "President A and
        # President B had a call": the people a sentence's subject named together (as many as the phrase says)
        several = _people_subject(cands)
        fits = count or noun == "leader" or noun in several.titles if several is not None else False
        if several is not None and fits and \
                (not count or len(several.name.split(", ")) + several.name.count(" and ") == count):
            return several, 0.6 if count else 0.5
    if (tok.pos_ == "NOUN" or title_noun(tok)) and det is not None and det.lower_ not in ("a", "an", "some", "many"):
        mine = {t.lower_ for t in tok.subtree}
        # "the governor" is not the one named "deputy governor" (nor a former or acting one); of two people with the
        # title, the one a main clause was about ("President A updated President B on … The President also …": A)
        # (a body's noun is no person's title: "the company" is not "company meteorologist Tom Berg")
        body = noun in BODY_NOUNS and noun not in HUMAN_NOUNS
        titled = [m for m in cands if noun in m.titles and not (m.titles & LESSER_TITLES) - mine
                  and not (body and m.label == "PERSON")]
        if titled:
            return next((m for m in titled if m.main), titled[0]), TITLE_MATCH
        # "the water board chief" after "Riverton Water Board Chair Maria Gonzalez": another title for the person whose
        # title named the same institution
        # (or an adjective that qualifies the role: "the foreign minister" after "Foreign Secretary Ana Ruiz")
        mods = {c.lemma_.lower() for c in tok.children if (c.dep_ == "compound" and c.pos_ == "NOUN") or
                (c.dep_ == "amod" and c.pos_ == "ADJ" and c.lower_ not in LESSER_TITLES)}
        if noun in HUMAN_NOUNS and mods and tok.tag_ != "NNS":
            for m in cands[:8]:
                if m.label == "PERSON" and mods & m.titles:
                    return m, TITLE_MATCH * 0.9
        # "Riverton's governor has promised …" before "Regional governor Tom Berg said …": the one person the
        # document names later with that title (none named before has it; two such people leave it unresolved)
        later: dict[str, Mention] = {}  # by surname: "Governor Berg" after "Tom Berg" is one person
        for m in ahead:
            if m.start > char_pos and noun in m.titles and not (m.titles & LESSER_TITLES) - mine:
                key = m.name.split()[-1]
                if len(m.name) > len(later[key].name if key in later else ""):
                    later[key] = m
        if noun in HUMAN_NOUNS and tok.tag_ != "NNS" and len(later) == 1:
            return next(iter(later.values())), TITLE_MATCH * 0.8
        # "the minister"/"the expert": the nearest person who spoke recently
        # "the minister" / "the office" / "the complaint": a role, a body or a document of someone named before;
        # any other noun ("the government") names its own speaker unless an earlier name has it as its head
        for m in cands:
            if m.label in ("ORG", "GPE") and noun in m.name.lower().split():
                return m, 0.6
        # (not people in the plural, "the officers", nor a description of its own, "the water ministry": those
        # name themselves)
        described = any(c.dep_ in ("compound", "amod", "nmod") for c in tok.children)
        # ("The report, which the council commissioned, found …": a document introduced here, no one's before)
        # (but its own act is no introduction: "with the article accusing X of …")
        introduced = any(c.dep_ == "relcl" or (c.dep_ == "acl" and c.tag_ != "VBG") for c in tok.children)
        if det.lower_ == "the" and not (tok.tag_ == "NNS" and noun in HUMAN_NOUNS) and not described and \
                (noun in HUMAN_NOUNS or noun in BODY_NOUNS or (noun in DOCUMENT_NOUNS and not introduced)):
            recent = [m for m in reversed(speakers) if m.start < char_pos and char_pos - m.start <= window]
            want_person = noun in HUMAN_NOUNS
            # ("The council hid the report. … The council accuses …": a body the paragraph already named by
            # this noun is that body, not an organisation that spoke since; not a word of a title: "company
            # meteorologist")
            if noun in BODY_NOUNS and not want_person and any(t.lemma_ == tok.lemma_ and t.i < tok.left_edge.i and not t.ent_type_
                                       and t.dep_ != "compound" for t in tok.doc):
                return None, 0.0
            for m in recent[:4]:
                # (not a person whose role the text gave as another: "the governor" is not the spokeswoman)
                if (m.label == "PERSON") == want_person and not (want_person and m.titles & HUMAN_NOUNS - {noun}) \
                        and not _other_kind(noun, m):
                    return m, 0.55
            if not want_person and noun not in PERSONS_BODIES:  # "the office", "the complaint": the nearest
                # organisation named before (not "the campaign": a person's, named by its phrase)
                # (a country or city can be "the government" or "the ministry", never "the campaign" or "the company")
                labels = ("ORG", "GPE") if noun in STATE_BODIES or noun in DOCUMENT_NOUNS else ("ORG",)
                orgs = [m for m in cands if m.label in labels and not _other_kind(noun, m)]
                if orgs:
                    return orgs[0], 0.45
    return None, 0.0


# kinds of organisation that any other kind may be ("the company" can be a bank, "the group" a council)
_ANY_BODY = frozenset(["organisation", "organization", "group", "company", "firm", "body", "agency", "authority",
                       "administration", "network", "outlet", "operator"])


def _other_kind(noun: str, m: Mention) -> bool:
    """An organisation whose own name says it is another kind of body than the noun that refers back: "the court"
    is not "Riverton Bank" nor "the Water Board"; "the company" may be either."""
    if noun in _ANY_BODY or noun not in BODY_NOUNS or m.label == "PERSON":
        return False
    words = set(m.name.lower().split())
    return noun not in words and bool(words & (BODY_NOUNS - _ANY_BODY))

