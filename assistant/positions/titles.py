"""A person's titles as the parse shows them ("Water Minister Ana Ruiz", "Lena Ortiz, an expert at …", "the mayor of
Riverton, Tom Berg"), and the titles that make a name a person's or a bare title a reference to one."""

from __future__ import annotations

from typing import Any

from assistant.positions.nouns import BODY_NOUNS, CLAIM_NOUNS, DOCUMENT_NOUNS, HUMAN_NOUNS

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs)
_TITLE_STOP = {"the", "a", "an", "of", "for", "and", "'s", "’s", ","}


def title_words(ent: Any) -> set[str]:
    """Lower-cased words of the title around a mention: 'Water Minister Ana Ruiz',
    'Lena Ortiz, an expert at the Institute', 'the mayor of Riverton, Tom Berg'."""
    doc = ent.doc
    words: set[str] = set()
    root = ent.root
    for t in root.subtree:
        if t.i < ent.start and t.pos_ in ("NOUN", "PROPN") and t.ent_type_ != "PERSON":
            words.add(t.lemma_.lower())
    words.update(t.lower_ for t in ent if t.lower_ in HUMAN_NOUNS)  # ("Lady Ana Ruiz" tagged as one name)
    for c in root.children:
        if c.dep_ == "appos":
            words.update(t.lemma_.lower() for t in c.subtree if t.pos_ == "NOUN")
    if root.dep_ == "appos":  # "The Vice President, Tom Berg": the title and its modifiers
        words.add(root.head.lemma_.lower())
        words.update(c.lemma_.lower() for c in root.head.children if c.dep_ in ("compound", "amod") and c.i < root.head.i)
    if root.dep_ in ("compound", "poss") and root.head.lemma_.lower() in HUMAN_NOUNS:
        words.add(root.head.lemma_.lower())  # "a Veolia spokesperson", "the agency's director": "the spokesperson"
    for t in doc[ent.start - 3 if ent.start >= 3 else 0 : ent.start]:
        if t.dep_ == "compound" and t.head.i >= ent.start and t.pos_ in ("NOUN", "PROPN"):
            words.add(t.lemma_.lower())
    return words - _TITLE_STOP


def person_by_role(ent: Any) -> bool:
    """A name the tagger took for an organisation or a place that a person's role stands beside: in apposition
    ("Tom Berg, a party youth spokesman") or as its title ("spokesman Tom Berg"). Only a two- or three-word name
    of capitalised words, none of them an organisation's noun ("the Water Board, a spokesman said" stays)."""
    words = [t for t in ent if not t.is_punct]
    if not 2 <= len(words) <= 3 or any(not t.text.isalpha() or not t.text[:1].isupper() or t.text.isupper()
                                       or t.lower_ in BODY_NOUNS or t.pos_ != "PROPN" for t in words):
        return False
    root = ent.root
    if role_beside(root):
        return True
    return any(c.dep_ == "compound" and c.i < ent.start and nominal_head(c) in HUMAN_NOUNS for c in root.children)


def role_beside(tok: Token, copula: bool = False) -> bool:
    """A person's role in the singular stands after the name: in apposition ("Ana Ruiz, the mayor, …") or, with
    `copula`, as what the name is ("Ana Ruiz is the mayor of …")."""
    kids = [c for c in tok.children if c.dep_ == "appos" and c.i > tok.i]
    if copula and tok.head.lemma_ == "be":
        kids += [c for c in tok.head.children if c.dep_ == "attr"]
    return any(c.tag_ == "NN" and nominal_head(c) in HUMAN_NOUNS for c in kids)


def affiliated(tok: Token) -> bool:
    """A two- or three-word name set off by commas with the organisation it belongs to ("Ira Berg, of the Riverton
    Exchange, …"): how news writing introduces a person."""
    doc = tok.doc
    names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 2), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return 1 <= len(names) <= 2 and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "," and \
        pobj is not None and pobj.ent_type_ == "ORG"


def title_noun(tok: Token) -> bool:
    """A capitalised title the tagger took for a name: "The President said", "the First Lady"."""
    return bool(tok.pos_ == "PROPN" and tok.lower_ in HUMAN_NOUNS and not tok.ent_type_ and
                any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and
                not any(c.dep_ in ("prep", "appos") for c in tok.children))  # ("The Ambassador to X" names itself)


def nominal_head(tok: Token) -> str:
    return str(tok.lemma_).lower()


def _name_word(t: Token) -> bool:
    """A word of a person's name, tagged as one or (an untagged proper noun) not."""
    return t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and not t.ent_type_)


def _name_end(doc: Any, i: int) -> int:
    """The last word of the name that starts at word i (it runs on while its words stay inside one name)."""
    while i + 1 < len(doc) and _name_word(doc[i + 1]) and doc[i + 1].ent_iob_ != "B":
        i += 1
    return i


def according_source(doc: Any, to: Token, pobj: Token) -> tuple[Token, int]:
    """Who an "according to" names, and the last token of that phrase. The parser's object is often a qualifier:
    "According to Riverton Senator Ana Ruiz, …" (object "Riverton", the person a word later) and "According to
    Riverton's first selectman, Tom Berg, …" (the role, its holder set off by commas after it). A person named
    in the phrase itself, else a person in apposition right after a role, speaks."""
    end = max(x.i for x in to.subtree)
    if pobj.ent_type_ == "PERSON":
        # ("According to Tom Berg, the manifesto could …": the parser may take the clause's subject for an
        # apposition to the name; only a role set beside it is part of the phrase)
        aside = next((c for c in pobj.children if c.dep_ == "appos" and c.i > pobj.i and c.pos_ == "NOUN"
                      and nominal_head(c) not in HUMAN_NOUNS), None)
        if aside is not None:
            end = max(x.i for x in to.subtree if x.i < aside.left_edge.i and not (x.is_punct and x.i + 1 == aside.left_edge.i))
        return pobj, end
    run = []  # the phrase's words up to its first comma or verb
    for t in doc[to.i + 1 : to.i + 9]:
        if (t.is_punct and t.text not in ("'", "’")) or t.pos_ in ("VERB", "AUX"):
            break
        run.append(t)
    person = next((t for t in run if t.ent_type_ == "PERSON"), None)
    if person is not None:
        last = _name_end(doc, person.i)
        return doc[last], max(end, last)
    nxt = end + 1
    role = nominal_head(pobj) in HUMAN_NOUNS or (  # a role the word list lacks ("selectman"), not a document
        pobj.pos_ == "NOUN" and pobj.lemma_.lower() not in DOCUMENT_NOUNS | BODY_NOUNS | CLAIM_NOUNS)
    if role and nxt + 1 < len(doc) and doc[nxt].text == "," and _name_word(doc[nxt + 1]):
        last = _name_end(doc, nxt + 1)
        if last + 1 < len(doc) and doc[last + 1].is_punct:
            return doc[last], last + 1
    return pobj, end
