"""The roles a document gives its named speakers ("Afreximbank president Okey Oramah", "Lena Ortiz, an expert at the
Riverton Institute", "the mayor of Riverton, Tom Berg", "Tom Berg is the mayor of Riverton"): the words of the title
phrase, apposition or predicate around each mention of the person. A question may then name a speaker by role ("the
Riverton Institute expert") in a library without an actors file (positions/said.py `name_roles`)."""

from __future__ import annotations

from typing import Any

from assistant.positions.document import Document
from assistant.positions.model import Statement
from assistant.positions.names import clean_name
from assistant.textutil import STOPWORDS

_MAX_WORDS = 24  # a role is a short phrase: no more of a long apposition than this


def role_words(ent: Any) -> set[str]:
    """Lower-cased words of the title and apposition around a person's name (not the name itself)."""
    root = ent.root
    toks = [t for t in root.subtree if t.i < ent.start]  # "Water Minister Ana Ruiz", "the agency's chief, Ana Ruiz"
    for c in root.children:
        if c.dep_ == "appos" and c.i > root.i:  # "Ana Ruiz, an expert at the Institute"
            toks += list(c.subtree)
    if root.dep_ == "appos" and root.head.i < ent.start:  # "the mayor of Riverton, Tom Berg"
        toks += [t for t in root.head.subtree if t.i < ent.start]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "Tom Berg is a spokesman for the Riverton council."
        toks += [t for c in root.head.children if c.dep_ == "attr" and c.i > root.i for t in c.subtree]
    toks = [t for t in toks if not (ent.start <= t.i < ent.end)][:_MAX_WORDS]
    return {t.lower_ for t in toks if t.is_alpha and t.lower_ not in STOPWORDS and
            (t.ent_type_ != "PERSON" or _title_misread(t, ent))}


def _title_misread(t: Any, ent: Any) -> bool:
    """A title the tagger read as a name ("Tom Berg, Chief Warden, said": "Chief Warden" as a person of its own): a
    word of the apposition to the name (its head or a compound of it) that is a one-word "name" or a word the
    lexicon knows as a common noun (a person's name in apposition, "Tom Berg, Ana Ruiz, …", is neither)."""
    head = t if t.dep_ == "appos" else t.head if t.dep_ == "compound" and t.head.dep_ == "appos" else None
    if head is None or not ent.start <= head.head.i < ent.end:
        return False
    from lemminflect import getAllLemmas

    one_word = not any(e.start <= t.i < e.end and e.end - e.start > 1 for e in t.doc.ents)
    return one_word or "NOUN" in getAllLemmas(t.lower_)


def add_roles(d: Document, found: list[Statement]) -> None:
    """Each statement by a named person gets the role words the document gives that person anywhere."""
    profile: dict[str, set[str]] = {}
    for doc in d.docs:
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                name = d.full_name(clean_name(ent.text), "PERSON")
                profile.setdefault(name, set()).update(role_words(ent))
    for st in found:
        if st.named and profile.get(st.speaker):
            st.roles = sorted(profile[st.speaker])
