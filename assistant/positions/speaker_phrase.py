"""The speaker a subject token names: its entity, the issuer of a document it names ("the agency's report", "a
report from X"), a resolved pronoun or title, else the phrase itself ("an eyewitness", "the Iraqi government")."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from spacy.tokens import Span

from assistant.positions import issuers
from assistant.positions import speakers as sp
from assistant.positions.document import _ACRONYM_IN, Document
from assistant.positions.nouns import HONORIFICS

# people whose words are the words of the body they work for ("its reporter found …" is the paper reporting)
_VOICES = sp.SPOKES_NOUNS | {"reporter", "correspondent", "journalist"}
_HONORIFICS = HONORIFICS
_THING_PRONOUNS = {"this", "that", "these", "those", "which", "something", "nothing", "everything"}


def _inanimate(subj: Any, head: str) -> bool:
    """A subject left unresolved that names no one: "this", "that", or a thing pointed at ("this mechanism", "such
    ambiguity") rather than a person, a body or a document ("this wording highlights …" is no one's statement)."""
    if subj.pos_ == "PRON":
        return subj.lower_ in _THING_PRONOUNS
    det = next((c for c in subj.children if c.dep_ in ("det", "predet", "amod") and
                c.lower_ in ("this", "that", "these", "those", "such")), None)
    return det is not None and head not in sp.HUMAN_NOUNS | sp.BODY_NOUNS | sp.DOCUMENT_NOUNS | sp.EVENT_NOUNS


def speaker(d: Document, subj: Any, off: int) -> tuple[sp.Mention | None, str, float]:
    """The speaker a subject (or "according to" object) token names: its entity, the issuer of a document
    ("the agency's report", "a report from X"), a resolved pronoun or title, else the phrase itself."""
    if subj.tag_ in ("WDT", "WP") and subj.head.dep_ == "relcl":
        subj = subj.head.head  # "Berg, who said …"
    issuer = issuers.issuer(subj) if subj.pos_ == "NOUN" else None
    named = _named_apposition(subj) if issuer is None else None
    if named is not None:
        # "the artist collective Rivers First responded", "the group, Rivers First, said": the name the noun is given
        m, name, conf = speaker(d, named, off)  # (the whole name where the tagger took only part: _proper_run)
        if name and name[:1].isupper():
            return m, name, conf
    if issuer is None and subj.pos_ == "NOUN" and subj.lemma_.lower() in sp.DOCUMENT_NOUNS and \
            any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in subj.children) and \
            not any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ != "same" for c in subj.children):
        # ("the Turkish statement": another document; "the same report": the one named before)
        # "the guidelines" after "per the agency's guidelines": the issuer named with the same document before
        earlier = d.earlier_issuer(subj.lemma_.lower(), off + subj.idx)
        if earlier is not None:
            issuer, off = earlier
    # "the chain's press release", "its investigation": the body named before; "its reporter", "their spokesperson":
    # the body the reporter writes for or the spokesperson speaks for
    owned = subj.lemma_.lower() in sp.DOCUMENT_NOUNS or (subj.pos_ == "NOUN" and subj.lemma_.lower() in _VOICES)
    # ("his statement said", "her letter reads": the person's own document)
    document = subj.lemma_.lower() in sp.DOCUMENT_NOUNS
    body = next((c for c in subj.children if c.dep_ == "poss" and (c.lower_ in sp.BODY_NOUNS or (
        c.lower_ in ("its", "their") and subj.pos_ == "NOUN") or (c.lower_ in ("his", "her") and document))),
        None) if issuer is None and owned else None
    if body is not None:
        m, conf = sp.resolve(body, off + body.idx, d.mentions, d.speakers)
        if m is not None:
            return m, m.name, conf * 0.9
    ent = sp.phrase_entity(issuer if issuer is not None else subj)
    account = d.handle(subj, off) if ent is None or not ent.text.startswith("@") else None
    if account is not None:
        return account, account.name, 0.85
    run = _proper_run(subj) if issuer is None else []
    if ent is not None and run and ent.start == run[0].i and ent.end < run[-1].i + 1:
        # "the activist group Grupo Agua": the tagger's entity only the start of the name
        whole = d.mention(Span(subj.doc, run[0].i, run[-1].i + 1, label=ent.label_), off, True)
        return whole, whole.name, 0.7
    if ent is not None and issuer is None and sp.nominal_head(subj) in sp.HUMAN_NOUNS and \
            not ent.start <= subj.i < ent.end and subj.tag_ in ("NN", "NNP") and ent.label_ != "PERSON":
        # "The World Bank President says": a role of the organisation, held by the person named with it before
        # (not a role with its holder's name beside it: "the deputy minister of defence, Tom Berg")
        held, conf = sp.resolve(subj, off + subj.idx, d.mentions, d.speakers, ahead=d.titled)
        if held is not None and held.label == "PERSON" and conf >= sp.TITLE_MATCH * 0.9:
            return _here(d, held, off + subj.idx), held.name, conf
    if ent is not None:
        known = d.mention_of(ent, off)
        return known, known.name, 0.95 if issuer is None else 0.85
    who = issuer if issuer is not None else subj
    long = d.defined(who.text) if who.pos_ == "PROPN" else None
    if long is not None:  # "RivFire said" after "the … Fire Protection (RivFire)": that organisation
        org = next((m for m in reversed(d.mentions) if m.name == long), None)
        return org, long, 0.85
    if who.pos_ == "PROPN":
        titled = d.titled_person(who, off)  # "Mayor Ana Ruiz said", the tagger finding no entity
        if titled is not None:
            return titled, titled.name, 0.8
        untagged = d.untagged_person(who, off) if issuer is None else None
        if untagged is not None:
            return untagged, untagged.name, 0.7
        if len(run) >= 2:
            # "the artist collective Riverton Voices responded": a name the tagger missed, after words that
            # describe it
            untagged_name = d.mention(Span(subj.doc, run[0].i, run[-1].i + 1, label="ORG"), off, True)
            return untagged_name, untagged_name.name, 0.6
    # an unnamed issuer of "a report from …", "estimates by …" is the speaker: "the regional water board"
    named_as = who if issuer is not None and issuer.dep_ == "pobj" else subj
    joined = {t.i for c in named_as.children if c.dep_ in ("conj", "cc") for t in c.subtree} \
        if named_as.lemma_.lower() in sp.DOCUMENT_NOUNS else set()  # ("a statement, as well as a platform")
    own = [t for t in sp.phrase(named_as) if not (t.is_punct or t.is_space) and t.i not in joined]
    words = sp.clean_name(" ".join(t.text for t in own).replace(" 's", "'s").replace(" ’s", "’s").replace("s ' ", "s' "))
    # "the R-W-F team": the organisation's name (without its article inside the phrase)
    words = _ACRONYM_IN.sub(lambda a: _named_acronym(d, a), words)
    # an unnamed speaker is a short phrase, or a role with a named affiliation ("the agency's chief officer")
    # (a relative, participial, appositive or prepositional clause is an aside: "The group, which brings together
    # …, said", "The statement, adopted on Friday, notes")
    # (and what the parser joined to it: "a fire service statement, as well as a ladder platform")
    aside = {t.i for c in subj.children for t in c.subtree
             if c.dep_ in ("relcl", "appos", "acl", "conj", "cc") or (c.dep_ == "prep" and any(
                 x.dep_ == "pcomp" for x in c.children))}
    short = len([t for t in subj.subtree if not t.is_punct and t.i not in aside]) <= 6 or (
        len(own) <= 10 and sp.nominal_head(subj) in sp.HUMAN_NOUNS and sp.affiliation(subj) is not None)
    head = sp.nominal_head(subj)
    aff = sp.affiliation(subj) if head in sp.HUMAN_NOUNS and not short else None
    aff_ent = sp.phrase_entity(aff) if aff is not None else None
    if aff_ent is not None:
        # a long role phrase ("the United Nations' Food and Agriculture Organization's chief veterinary officer"):
        # the organisation it speaks for
        org = d.mention_of(aff_ent, off)
        return org, org.name, 0.6
    if short and subj.pos_ == "NOUN" and sp.named_modifier(subj) and head not in sp.HUMAN_NOUNS:
        # "the Iraqi government", "the city's council": a description, not an anaphor; it names an organisation
        # mentioned before only when that one's name has the same head ("the national ministry": Ministry of …)
        pos = off + subj.idx
        named = next((m for m in reversed(d.mentions) if m.start < pos and pos - m.start <= 1500
                      and m.label in ("ORG", "GPE") and head in m.name.lower().split()), None)
        return (named, named.name, 0.6) if named is not None else (None, words, 0.6)
    plural = _sentence_plural_subject(subj) if subj.lower_ == "they" else None
    if plural is not None:
        # "The stores were reluctant, according to a report in which they said …": the plural subject the
        # sentence is about, not an organisation named in between
        return None, " ".join(t.text for t in sp.phrase(plural) if not t.is_punct), 0.5
    # (an unnamed issuer: "a statement from the ministry", the one named before; a capitalised title: "The President")
    if who.pos_ in ("PRON", "NOUN") or sp.title_noun(who):
        m, conf = sp.resolve(who, off + who.idx, d.mentions, d.speakers, ahead=d.titled)
        group = d.group_speaker if subj.lower_ == "they" else None
        if m is not None and group is not None and m.start < group[0] < off + subj.idx:
            return None, group[1], 0.5  # "Residents said … They said …": the group that spoke since
        if m is not None:
            return (_here(d, m, off + who.idx) if who.pos_ != "PRON" and m.label == "PERSON" else m), m.name, conf
    if subj.lower_ in ("we", "our", "us"):
        # first person outside quotes: the document's own voice (a joint statement's signatories, a report's
        # authors), never an organisation the text names in the third person
        return None, d.author or "the authors", 0.5
    if subj.lower_ == "they" and d.group_speaker is not None and 0 < off + subj.idx - d.group_speaker[0] <= 1500:
        return None, d.group_speaker[1], 0.5  # "The ministers said … They added …": the unnamed group that spoke
    if issuer is not None and issuer.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in issuer.children):
        return None, words, 0.6  # "a statement from Ana Ruiz's office": the office of a named person
    if subj.pos_ not in ("NOUN", "PROPN", "PRON") or not short or _inanimate(subj, head):
        return None, "", 0.0
    if subj.tag_ == "NNS":
        d.group_speaker = (off + subj.idx, words)
    return None, words, 0.5


def _here(d: Document, m: sp.Mention, pos: int) -> sp.Mention:
    """The person a title stands for, mentioned again where the title is ("The minister said …. He added …": the
    minister is the nearest person for "he")."""
    if any(x.start == pos for x in d.mentions):
        return m
    again = replace(m, start=pos, subject=True)
    d.mentions.append(again)
    d.mentions.sort(key=lambda x: x.start)
    return again


def _proper_run(tok: Any) -> list[Any]:
    """The capitalised proper name a proper-noun subject heads ("Grupo Agua", "Riverton Voices"), else []."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return []
    run = [c for c in tok.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i < tok.i] + [tok]
    if len(run) > 4 or not all(t.text[:1].isupper() for t in run) or run[-1].i - run[0].i != len(run) - 1:
        return []
    if any(t.lower_.strip(".") in sp.HUMAN_NOUNS | _HONORIFICS or t.lower_ in ("first", "prime") for t in run):
        return []  # a title, not a name ("President Erdogan", "the First Lady"): those are resolved as titles
    return run


def _named_apposition(subj: Any) -> Any | None:
    """A proper name set beside a common-noun subject, right after it ("the artist collective Rivers First")."""
    if subj.pos_ != "NOUN":
        return None
    return next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.text[:1].isupper()
                 and 0 < c.left_edge.i - subj.i <= 3), None)


def _named_acronym(d: Document, a: re.Match[str]) -> str:
    """The organisation an acronym in a speaker phrase names (its article dropped inside the phrase), else the
    acronym as written."""
    long = d.acronym_name(a.group(0))
    if long is None:
        return a.group(0)
    return re.sub(r"^[Tt]he ", "", long) if a.start() else long


def _sentence_plural_subject(pron: Any) -> Any | None:
    """The plural common-noun subject of the main clause of the pronoun's own sentence, before it, when the pronoun
    stands in a clause below that main clause ("The stores …, in which they said …")."""
    root = pron.sent.root
    if pron.head.i == root.i:
        return None  # "they" is the main clause's own subject
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > pron.i or subj.tag_ != "NNS" or subj.pos_ != "NOUN" or subj.ent_type_:
        return None
    return subj
