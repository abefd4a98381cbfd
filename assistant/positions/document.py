"""One document as the statement finder sees it: its paragraphs' parses, quotes and the mentions of people and
organisations found so far, and how a subject token of a speech verb becomes a speaker's name."""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import Levenshtein

from assistant.evidence.items import initialism_of
from assistant.positions import issuers
from assistant.positions import speakers as sp
from assistant.positions.model import nlp
from assistant.positions.nouns import STATE_BODIES
from assistant.positions.quotes import Quote, find_quotes, paragraphs
from assistant.textutil import tokens, without_dateline, without_tags

if TYPE_CHECKING:
    from assistant.positions.registry import ActorRegistry

def _spelt_out(doc: Any, ent: Any, acronym: str) -> str:
    """The name an acronym stands for, where the tagger cut it at a comma ("Freedonia Water, Sanitation and Hygiene
    Agency (FWSHA)" tagged from "Sanitation"): the long form the acronym's letters spell (evidence.items'
    initialism_of, read without the commas) that ends where the entity ends, as the text writes it; else the entity
    as tagged."""
    before = doc.text[ent.sent.start_char : ent.end_char]
    for long in initialism_of(acronym, before.replace(",", "")):
        m = re.search(r",?\s+".join(map(re.escape, long.split())) + "$", before)
        if m is not None and len(m.group(0)) > len(ent.text):
            return m.group(0)
    return str(ent.text)


_MEETING = {"meet", "speak", "talk", "confer", "sit"}  # a main verb whose "with" names the other party of a meeting
SURNAME_VARIANT_MIN = 6  # shorter surnames one letter apart are often different names (Berg, Borg)


class Document:
    """One document's parse, mentions and the statements found so far."""

    def __init__(self, text: str, registry: ActorRegistry | None, author: str = "",
                 blocks: list[tuple[int, int]] | None = None, docs: list[Any] | None = None) -> None:
        self.text = text
        self.author = author  # who "we" is outside quotes (the document's author or publisher), if known
        self.registry = registry
        self.paras = paragraphs(text)
        if docs is None:
            docs = list(nlp().pipe([without_tags(without_dateline(text[s:e])) for s, e in self.paras])) if self.paras else []
        self.docs = docs  # one parse per paragraph (a second reading of the same text reuses them)
        self.quotes = find_quotes(text)
        self.blocks = blocks or []  # block quotations (paragraphs in a speaker's words, no quotation marks)
        # a statement (start, end, kind, speaker) -> the co-speakers of "X and Y said …"
        self.joint: dict[tuple[int, int, str, str], list[tuple[str, float]]] = {}
        self.mentions: list[sp.Mention] = []
        self.speakers: list[sp.Mention] = []
        self._by_surname: dict[str, str] = {}
        self._by_given: dict[str, str] = {}  # a name before the surname -> the one full name with it ("" when shared)
        self._orgs: list[str] = []  # organisations' names in the order met
        self.group_speaker: tuple[int, str] | None = None  # the latest unnamed plural speaker ("the ministers")
        # the small model tags the same name PERSON in one sentence and ORG in the next: a name that is a
        # PERSON anywhere in the document (or ends with a surname that is) is a person throughout
        self._people: set[str] = set()
        for doc in self.docs:
            _split_title(doc)
        for doc in self.docs:
            for ent in doc.ents:
                parts = sp.name_parts(ent.text)
                titled = sp.titled_name(ent.text)
                if titled is not None:
                    parts = titled.split()
                if (ent.label_ == "PERSON" or titled is not None) and parts:
                    self._people.update((" ".join(parts), parts[-1]))
                first = doc[ent.start - 1] if ent.start > 0 else None
                if ent.label_ == "NORP" and len(ent) == 1 and ent.root.tag_ == "NNP" and first is not None and \
                        first.tag_ == "NNP" and not first.ent_type_ and first.dep_ == "compound" and \
                        first.head.i == ent.root.i and first.text.isalpha() and first.text[:1].isupper():
                    # "Clairlice Chaignat" with only the surname tagged as a group (NORP): a person's name
                    self._people.update((f"{first.text} {ent.text}", ent.text))
        for doc in self.docs:
            self._relabel(doc)
        # every person named with a title, outside quotes ("Regional governor Tom Berg"), for a role named before
        # its holder ("Riverton's governor has promised …" two paragraphs earlier)
        self.titled: list[sp.Mention] = []
        for (ps, _pe), doc in zip(self.paras, self.docs, strict=True):
            for ent in doc.ents:
                titled = sp.titled_name(ent.text.strip())
                words = sp.title_words(ent)
                if (ent.label_ == "PERSON" or titled is not None) and words and self.in_quote(ps + ent.start_char) is None:
                    self.titled.append(sp.Mention(titled or sp.clean_name(ent.text), "PERSON", ps + ent.start_char,
                                                  words, False, False, "", False, -1))
        # "the Federal Water Service (FWS)": the short form the text defines stands for the name
        self._acronyms: dict[str, str] = {}
        for doc in self.docs:
            for ent in doc.ents:
                m = _DEFINED.match(doc.text[ent.end_char:])
                if ent.label_ in ("ORG", "GPE", "NORP") and m and m.group(1) not in ent.text:
                    self._acronyms.setdefault(m.group(1), sp.clean_name(_spelt_out(doc, ent, m.group(1))))
                # ("… Fire Protection (RivFire" tagged as one name: the short form it swallowed)
                inner = _SWALLOWED.search(ent.text) if ent.label_ == "ORG" else None
                if inner is not None and doc.text[ent.end_char : ent.end_char + 1] == ")":
                    self._acronyms.setdefault(inner.group(1), sp.clean_name(ent.text[: inner.start()]))

    def in_quote(self, pos: int) -> Quote | None:
        for q in self.quotes:
            if q.start <= pos < q.end:
                return q
        for s, e in self.blocks:
            if s <= pos < e:
                return Quote(s, e)
        return None

    def _relabel(self, doc: Any) -> None:
        """Entities made consistent with the document's people: an ORG/GPE/NORP that is a person's name becomes
        PERSON, and a proper noun the model left untagged that is a person's (sur)name becomes a PERSON mention."""
        from spacy.tokens import Span

        ents, changed = [], False
        for ent in doc.ents:
            if ent.label_ != "PERSON" and self.person_label(ent.text.strip(), ent.label_) == "PERSON":
                ents.append(Span(doc, ent.start, ent.end, label="PERSON"))
                changed = True
            else:
                ents.append(ent)
        taken = {i for e in ents for i in range(e.start, e.end)}
        for tok in doc:
            if tok.i not in taken and tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text in self._people:
                ents.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
                changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)

    def earlier_issuer(self, lemma: str, pos: int) -> tuple[Any, int] | None:
        """The issuer of the latest earlier mention of a document noun (token and its paragraph's offset)."""
        found = None
        for (ps, _pe), doc in zip(self.paras, self.docs, strict=True):
            if ps >= pos:
                break
            for tok in doc:
                if ps + tok.idx >= pos:
                    break
                # (a verb cannot be an object: "released its annual report" with "report" tagged a verb is the noun)
                noun = tok.pos_ == "NOUN" or tok.dep_ in ("dobj", "pobj")
                if tok.lemma_.lower() == lemma and tok.pos_ == "VERB" and not noun:
                    # "…, Xinhua reported. The same report states …": who reported
                    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.ent_type_ in sp.NAME_ENTS), None)
                    if subj is not None:
                        found = (subj, ps)
                if tok.lemma_.lower() == lemma and noun:
                    issuer = issuers.issuer(tok)
                    if issuer is None and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "via", "through") \
                            and tok.head.head.pos_ == "VERB":
                        # "X, in a statement delivered via …, announced": X issued it
                        issuer = next((c for c in tok.head.head.children if c.dep_ == "nsubj"
                                       and (c.ent_type_ in sp.NAME_ENTS or c.pos_ == "PROPN")), None)
                    if issuer is not None:
                        found = (issuer, ps)
        return found

    def person_label(self, name: str, label: str) -> str:
        parts = sp.name_parts(name)
        if label in ("ORG", "GPE", "NORP") and parts and parts[-1][:1].isupper() and \
                (" ".join(parts) in self._people or parts[-1] in self._people):
            return "PERSON"
        return label

    def defined(self, short: str) -> str | None:
        """The long name a short form stands for, where the text defined it ("… (RivFire)")."""
        return self._acronyms.get(short.strip())

    def _surname_variant(self, word: str) -> str | None:
        """"Gonzales" after "Maria Gonzalez": a surname spelt one letter apart (a typo or another transliteration)
        is the one person with that surname."""
        if len(word) < SURNAME_VARIANT_MIN or word in self._by_surname:
            return None
        close = [full for known, full in self._by_surname.items() if full and known[:1] == word[:1]
                 and len(known) >= SURNAME_VARIANT_MIN and Levenshtein.distance(known.lower(), word.lower()) <= 1]
        return close[0] if len(close) == 1 else None

    def full_name(self, name: str, label: str) -> str:
        """'Berg' after 'Tom Berg' is Tom Berg (the fullest name the document gives); a surname shared by two
        people named before (a father and son) stays as it stands."""
        parts = sp.name_parts(name)
        if name in self._acronyms and label != "PERSON":
            return self._acronyms[name]
        if label != "PERSON" and (long := self.acronym_name(name)) is not None:
            return long
        if label == "ORG" and len(parts) == 1 and not name.isupper() and \
                (self._by_surname.get(parts[0]) or (parts[0] not in self._by_surname and self._by_given.get(parts[0]))):
            # ("said Sipepa" tagged as an organisation after "Sam Sipepa Nkomo": the word is one person's name)
            return self._by_surname.get(parts[0]) or self._by_given[parts[0]]
        if label == "ORG" and len(parts) == 1 and not name.isupper() and (variant := self._surname_variant(parts[0])):
            return variant  # ("Saree said" tagged as an organisation after "Yahya Sarea"), as for a person below
        if label == "ORG":
            # "the Water Resources Department" after "the Freedonian Department of Water Resources": the fuller name
            words = set(tokens(name))  # (the project's normalised words: case, plural, function words)
            full = next((o for o in reversed(self._orgs) if len(words) >= 2 and words < set(tokens(o))), None)
            if full is not None:
                return full
            self._orgs.append(sp.clean_name(name))
        if label == "PERSON" and len(parts) == 1 and self._by_surname.get(parts[0]):
            return self._by_surname[parts[0]]
        if label == "PERSON" and len(parts) == 1 and (variant := self._surname_variant(parts[0])):
            return variant
        if label == "PERSON" and len(parts) == 1 and parts[0] not in self._by_surname and self._by_given.get(parts[0]):
            # "Sir Tom" after "Sir Tom Berg", "Ana" after "Ana Ruiz", a middle name: a name alone that comes before
            # the surname in the full name of one person named before (and is nobody's surname) is that person
            return self._by_given[parts[0]]
        if label == "PERSON" and len(parts) > 1:
            full, known = " ".join(parts), self._by_surname.get(parts[-1])
            shared = known is not None and known != full and not known.endswith(full) and not full.endswith(known)
            self._by_surname[parts[-1]] = "" if shared or known == "" else full
            for names in (self._by_surname, self._by_given):  # "Ana Sipo", then "Ana Sipo Ruiz": the fuller name
                for key, known_full in names.items():
                    if known_full and full.startswith(known_full + " "):
                        names[key] = full
            for part in parts[:-1]:  # given names, and a middle name ("Sipepa" for "Sam Sipepa Nkomo")
                given = self._by_given.get(part)
                self._by_given[part] = "" if (given is not None and given != full and not given.endswith(full)
                                              and not full.endswith(given) and not full.startswith(given + " ")) \
                    or given == "" else full
        return " ".join(parts) or name

    def acronym_name(self, name: str) -> str | None:
        """The organisation an acronym names, however it is spelt ("RWF", "R-W-F", "R.W.F."): the one the text
        defines with it, else an organisation named before whose capitalised words' initials spell it."""
        m = _ACRONYM.fullmatch(name.strip())
        if m is None:
            return None
        letters = re.sub(r"[^A-Z]", "", m.group(1))
        if letters in self._acronyms:
            return self._acronyms[letters]
        for org in reversed(self._orgs):
            long = next((x for x in initialism_of(letters, org) if len(x.split()) == len(letters)), None)
            if long is not None:
                return org
        return None

    def titled_person(self, subj: Any, off: int) -> sp.Mention | None:
        """A title and a name the tagger found no entity in ("Mayor Ana Ruiz"): that person, as a mention here (so a
        later "she" may refer to them)."""
        # (the place or body it belongs to is not part of the name: "Freedonia's Queen Lena II")
        # (nor is what it is "of": "Cardinal Marc Ouellet of the Holy See")
        owner = {t.i for c in subj.children if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of" and any(
            x.dep_ == "pobj" and x.ent_type_ in sp.NAME_ENTS for x in c.children)) for t in c.subtree}
        own = [t for t in sp.phrase(subj) if not (t.is_punct or t.is_space) and t.i not in owner]
        while own and own[0].pos_ == "ADJ" and own[0].text.isalpha():
            own = own[1:]  # ("current mayor Ana Ruiz", "former Senator Tom Berg")
        if not own or len(own) > 6 or any(t.pos_ not in ("PROPN", "NOUN") for t in own):
            return None
        name = sp.titled_name(" ".join(t.text for t in own))
        if name is None:
            return None
        main = _in_main_clause(subj)
        titles = {t.lower_ for t in own if t.lower_ in sp.HUMAN_NOUNS}
        m = sp.Mention(self.full_name(name, "PERSON"), "PERSON", off + own[0].idx, titles, True, False, "", main)
        bisect.insort(self.mentions, m, key=lambda x: x.start)
        self._people.add(m.name)
        return m

    def untagged_person(self, subj: Any, off: int, speaking: bool = True) -> sp.Mention | None:
        """A speaker named by one to three capitalised proper nouns the tagger found no entity in ("Speaking in
        Spanish, Anselmo explains …"): a person, as a mention here (so the "he" after it refers to them, not to a
        place named earlier)."""
        # (the first of coordinated names: "Ana Ruiz, the mayor, and Tom Berg, her deputy, said")
        joined = {t.i for c in subj.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        own = [t for t in sp.phrase(subj) if not (t.is_punct or t.is_space) and t.i not in joined]
        if not 1 <= len(own) <= 3 or any(t.pos_ != "PROPN" or not t.text.isalpha() or not t.text[:1].isupper()
                                         or t.text.isupper() or t.lower_ in sp.BODY_NOUNS for t in own):
            return None
        name = " ".join(t.text for t in own)
        m = sp.Mention(self.full_name(name, "PERSON"), "PERSON", off + own[0].idx, set(), True, speaking, "",
                       _in_main_clause(subj))
        bisect.insort(self.mentions, m, key=lambda x: x.start)
        return m

    def person(self, name: str, start: int, titles: set[str], speaking: bool = True) -> sp.Mention:
        """A person the tagger did not tag (a name after a speech verb, a name with its organisation), as a mention."""
        m = sp.Mention(self.full_name(name, "PERSON"), "PERSON", start, titles, True, speaking, "", True)
        bisect.insort(self.mentions, m, key=lambda x: x.start)
        self._people.add(m.name)
        return m

    def handle(self, subj: Any, off: int) -> sp.Mention | None:
        """A social-media handle in the subject phrase ("Twitter user @ana_ruiz", "A tweet by user @ana_ruiz"):
        the account is the speaker, named by its handle."""
        at = next((t for t in subj.subtree if re.fullmatch(r"@\w{2,}", t.text)), None)
        if at is None or (at.dep_ == "appos" and at.head.pos_ == "PROPN" and at.head.ent_type_ in ("PERSON", "")):
            return None  # (a person's name with the handle beside it, "Ana Ruiz (@aruiz)": the person speaks)
        m = next((x for x in self.mentions if x.name == at.text), None)
        if m is None:
            m = sp.Mention(at.text, "PERSON", off + at.idx, set(), True, False, "", _in_main_clause(subj))
            bisect.insort(self.mentions, m, key=lambda x: x.start)
        return m

    def mention_of(self, ent: Any, off: int) -> sp.Mention:
        """The mention already made for this entity, else a new one (as a subject)."""
        m = next((x for x in reversed(self.mentions) if x.start == off + ent.start_char), None)
        return m if m is not None else self.mention(ent, off, True)

    def mention(self, ent: Any, off: int, subject: bool) -> sp.Mention:
        titled = sp.titled_name(ent.text.strip())  # "Sergeant Tom Lee" (PERSON), "Detective Ana Ruiz" (ORG)
        label = "PERSON" if titled is not None else self.person_label(ent.text.strip(), ent.label_)
        if label in ("ORG", "GPE", "NORP") and sp.person_by_role(ent):
            label = "PERSON"  # "Tom Berg, a Riverton Party youth spokesman" (the small model's ORG)
            self._people.add(sp.clean_name(ent.text))
        name = self.full_name(titled or sp.clean_name(ent.text), label)
        body = stand_in(ent)
        if body.i != ent.root.i and ent.root.dep_ != "appos":
            # a body named for a place speaks as the text names it ("The government of Freedonia", "Freedonia's
            # ministry"), as a statement it makes is given: a later "their statement" is the same speaker's
            name = ent.doc[min(body.left_edge.i, ent.start) : max(body.i + 1, ent.end)].text
        pron = ""
        if self.registry is not None and label == "PERSON":
            m = self.registry.match_speaker(name)
            pron = m.actor.pronoun if m else ""
        if not pron and label == "PERSON":  # how the text referred to this person before ("She …" for the diplomat)
            pron = next((x.pronoun for x in reversed(self.mentions) if x.name == name and x.pronoun), "")
        # the subject of a sentence's main clause (not of a relative or reported clause inside it)
        main = subject and _in_main_clause(body)
        # one of several people named in a sentence's subject ("X, Y and Z met …": "They concluded …")
        root = ent.sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        in_subject = subj is not None and subj.left_edge.i <= ent.root.i <= subj.right_edge.i
        # ("A spoke with B", "A met in Riverton with B": B is one of the two the sentence is about)
        # (the parser may hang the name on a purpose clause after it: "A spoke with B to convey …")
        before = ent.doc[ent.root.left_edge.i - 1] if ent.root.left_edge.i > 0 else None
        in_subject = in_subject or (subj is not None and ent.label_ == "PERSON" and before is not None and
                                    before.lower_ == "with" and before.i > root.i and root.lemma_.lower() in _MEETING
                                    and subj.ent_type_ == "PERSON")
        return sp.Mention(name, label, off + ent.start_char, sp.title_words(ent), subject, False, pron, main,
                          off + ent.sent.start_char if in_subject else -1)



# an acronym as a text may spell it: "RWF", "R-W-F", "R.W.F.", "R W F" (after a "the")
_ACRONYM = re.compile(r"(?:[Tt]he\s+)?((?:[A-Z][.\- ]?){2,6})")
_ACRONYM_IN = re.compile(r"\b(?:[A-Z][.\- ]?){1,5}[A-Z]\b\.?")
# a short form defined in brackets: "FWS", "PG&E", "S&P" (an ampersand too), "CalFire", "NatWest" (two capitalised parts)
_SHORT = r"[A-Z][A-Za-z]?(?:&?[A-Z]){1,6}|[A-Z][a-z]{1,5}[A-Z][a-z]{1,7}"
_DEFINED = re.compile(rf"\s*\(({_SHORT})\)")
_SWALLOWED = re.compile(rf"\s*\(({_SHORT})$")  # (the tagger took the bracket into the name)


def stand_in(ent: Any) -> Any:
    """The token that stands for a name in its clause: the noun it is set beside ("The minister, Maria Gonzalez,
    visited …"), or the body it names ("The government of Freedonia issued …", "Freedonia's ministry said …")."""
    root = ent.root
    if root.dep_ == "appos":
        return root.head
    if ent.label_ in ("ORG", "GPE", "NORP"):
        body = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head if root.dep_ == "poss" \
            else None
        if body is not None and body.pos_ == "NOUN" and body.lemma_.lower() in sp.BODY_NOUNS | STATE_BODIES:
            return body
    return root


def _in_main_clause(tok: Any) -> bool:
    """The token hangs on its sentence's main verb (or one coordinated with it), not on a relative or reported
    clause."""
    head = tok.head
    return bool(head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT"))


# ("it" stays: "The agency published its plan. It said …" is the agency speaking, named or not)
@cache
def _is_person_name(words: str) -> bool:
    """Does the model read these two words alone, as the subject of "said", as a person's name?"""
    doc = nlp()(f"{words} said.")
    return any(e.label_ == "PERSON" and e.text == words for e in doc.ents)


def _split_title(doc: Any) -> None:
    """The small model tags a long title and the name after it as one organisation ("Deputy Advisor for Cyber and
    Emerging Technology Ana Ruiz"): when its last two words, read alone, are a person's name, they are that
    person (and the title words before them stay untagged)."""
    from spacy.tokens import Span

    ents, changed = [], False
    for ent in doc.ents:
        # (a long title before the name: "The Basin Gazette" is a name of its own, however it reads)
        last = doc[ent.end - 2 : ent.end] if len(ent) >= 4 and ent[0].pos_ != "DET" else None
        if ent.label_ == "ORG" and last is not None and all(t.pos_ == "PROPN" and t.text[:1].isupper() and
                                                            t.text[1:].islower() for t in last) \
                and _is_person_name(last.text):
            ents.append(Span(doc, ent.end - 2, ent.end, label="PERSON"))
            changed = True
        else:
            ents.append(ent)
    if changed:
        doc.ents = ents
