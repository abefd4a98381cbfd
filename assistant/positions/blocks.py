"""Block quotations: paragraphs set off after a line that introduces them with a colon ("X wrote on her blog:",
"A tweet by Y read:"), in the speaker's words but without quotation marks of their own (a web page's
blockquote, flattened to plain paragraphs). Each such paragraph is a direct statement of the introduced speaker.

Where the block ends is not marked, so it ends at the first paragraph that is the narrator's again: one that
introduces something else with a colon, names the speaker in the third person, reports someone else's words, or
is a quotation of its own.

A published speech is one block too: a heading that is no sentence of its own names the speech and its speaker
("Statement by Ambassador Ana Ruiz at the council meeting on water.", "Delivered yesterday by the Permanent
Representative, Tom Berg."), and the paragraphs after it speak in the first person. They are the speaker's words
(a salutation such as "Mr President," is left out), up to a paragraph that is the narrator's again; others'
words the speaker reports inside stay the speaker's. A quotation given in its original language and then translated (two paragraphs in
Spanish, then their English rendering) is the translation: the original paragraphs are left out, and the block
is as many English paragraphs as there were originals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from assistant.ingest.sentences import split_sentences
from assistant.positions.cataphora import spoken_for
from assistant.positions.cues import NOUN_CUES, Cue
from assistant.positions.model import Statement
from assistant.positions.nouns import SPOKES_NOUNS
from assistant.positions.quotes import signature
from assistant.positions.speakers import DOCUMENT_NOUNS
from assistant.textutil import STOPWORDS

if TYPE_CHECKING:
    from assistant.positions.document import Document

_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’", "'", ")", "]")
_HANDLE = re.compile(r"https?://\S+|[@#]\w+")


@cache
def _identifier() -> Any:
    import py3langid

    return py3langid


@lru_cache(maxsize=4096)  # a paragraph is asked about as an introduction, a block's first and its next
def foreign(text: str) -> bool:
    """Is a paragraph in another language than English? Mostly letters of another script, else py3langid (a
    maintained language identifier whose model ships in the package); too few words to tell is English."""
    if signature(text, 0, len(text)):
        return False  # ("– Judge Ana Ruiz, "Decision and Order"": a signature's names are no language)
    bare = _HANDLE.sub(" ", text)
    letters = [ch for ch in bare if ch.isalpha()]
    if not letters:
        return False
    if _other_script(bare):  # beyond Latin (Korean, Cyrillic, Arabic, …)
        return True
    language = _language(bare)
    return language is not None and language != "en"


def _other_script(text: str) -> bool:
    """Are most of a paragraph's letters beyond the Latin script (Armenian, Cyrillic, Korean, Arabic, …)?"""
    letters = [ch for ch in _HANDLE.sub(" ", text) if ch.isalpha()]
    return bool(letters) and sum(ord(ch) > 0x24F for ch in letters) > len(letters) / 2


def _language(bare: str) -> str | None:
    """py3langid's language of a text, or None when a few words are too few to tell (names, a short reply)."""
    if len(re.findall(r"[^\W\d_]{2,}", bare)) < 6:
        return None
    return str(_identifier().classify(bare)[0])


def _all_foreign(text: str) -> bool:
    """Is a paragraph wholly in another language (not English with an original in another script inside it)? Its
    Latin-script words, read alone, must not be English."""
    if not foreign(text):
        return False
    latin = "".join(ch if ord(ch) <= 0x24F else " " for ch in text)
    return _language(_HANDLE.sub(" ", latin)) != "en"


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[A-ZÀ-ÖØ-Þ][\w'’-]{2,}", name) if w.lower() not in STOPWORDS]


def intro(d: Document, k: int, cues: list[Any], fallback: Callable[[int], Any], previous: Any = None) -> Any | None:
    """The cue of a paragraph that ends with a colon, in the sentence the colon ends: its speech verb with a named
    speaker, else its clause's verb when the subject is a named speaker ("Ana Ruiz gave an overview:")."""
    s, e = d.paras[k]
    para = d.text[s:e].rstrip()
    if foreign(para):
        return None
    if not para.endswith(":"):
        # "Ana Ruiz tweeted from the protest." followed by a paragraph in another language (and its translation):
        # words in another language than the narrator's are a quotation, the speech verb before it introduces it
        if k + 1 >= len(d.paras) or not _all_foreign(d.text[d.paras[k + 1][0] : d.paras[k + 1][1]]):
            return None
        end = s + len(para)
        start = _sentence_start(d.text, s, end - 1)
        own = [c for c in cues if c.para == (s, e) and start <= c.start < end and c.cue != "according to"
               and c.speaker is not None]
        return own[-1] if own else None
    colon = s + len(para) - 1
    start = _sentence_start(d.text, s, colon)
    # (an unnamed spokesperson of a named body speaks for it: "A Riverton Water Board spokesperson said:")
    own = [c for c in cues if c.para == (s, e) and start <= c.start < colon and c.cue != "according to"
           and (c.speaker is not None or spoken_for(c.speaker_text) is not None)]
    # ("X made a declaration on the policies the President has implemented:": not a relative clause's verb)
    main = [c for c in own if c.verb is None or c.verb.dep_ != "relcl"]
    if main or own:
        return (main or own)[-1]
    cue = fallback(colon)
    if cue is not None and cue.speaker is not None and (cue.verb is None or cue.verb.dep_ != "relcl"):
        return cue
    words = cue.speaker_text.lower().split() if cue is not None else []
    if previous is not None and len(words) == 2 and words[0] in ("the", "this") and \
            words[1] in NOUN_CUES | DOCUMENT_NOUNS | {"blog", "entry", "thread"}:
        return previous  # "The post continued:" right after a block: the same writer goes on
    if previous is not None and all(w.lower() in STOPWORDS for w in re.findall(r"[\w'’]+", para)):
        return previous  # "and:" (or "Also:") right after a block: the same writer's next words
    return _named_subject(d, k, colon)


# nouns that name a speech event (besides NOUN_CUES), and the verb a speech is given with ("delivered by")
_SPEECH_EVENTS = frozenset(["explanation", "testimony", "intervention", "keynote", "lecture", "briefing", "toast",
                            "eulogy", "sermon", "homily", "oration", "declaration"])
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")


def speech_heading(d: Document, k: int) -> Cue | None:
    """Paragraph k as the heading of a published speech: short, no quotation, no sentence with a finite verb of its
    own ("Statement by X at …", "Explanation of vote by X …", "Delivered yesterday by …, X."), a speech noun or
    "delivered" with a person after its "by"; and the next paragraphs (after a salutation) speak in the first
    person. The cue names that person."""
    s, e = d.paras[k]
    para = d.text[s:e].strip()
    if k + 1 >= len(d.paras) or len(para.split()) > 45 or para.endswith(":") or _QUOTE_MARKS.search(para):
        return None
    doc = d.docs[k]
    sents = list(doc.sents)
    if not sents or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.dep_ in ("nsubj", "nsubjpass")
                        for sent in sents for t in sent if t.head == sent.root or t == sent.root):
        return None  # a sentence of its own: narration, not a heading
    for t in doc:
        lemma = t.lemma_.lower()
        if not ((t.pos_ == "NOUN" and lemma in NOUN_CUES | _SPEECH_EVENTS) or (lemma == "deliver" and t.tag_ == "VBN")):
            continue
        by = next((x for x in doc[t.i + 1 :] if x.lower_ == "by"), None)
        person = next((x for x in doc.ents if by is not None and x.start > by.i and x.label_ == "PERSON"), None)
        if person is None or not _speaks_as_i(d, k + 1):
            continue
        m = d.mention_of(person, s)
        if not m.name:
            continue
        return Cue(t, s + t.idx, t.text, m, m.name, 0.7, None, [], d.paras[k])
    return None


def _speaks_as_i(d: Document, j: int) -> bool:
    """Do the paragraphs after a heading (past a salutation) speak in the first person, outside quotation marks?"""
    seen = 0
    while j < len(d.paras) and seen < 2:
        para = d.text[d.paras[j][0] : d.paras[j][1]].strip()
        j += 1
        if _salutation(para):
            continue
        seen += 1
        if _FIRST_PERSON.search(_QUOTE_MARKS.split(para)[0]):
            return True
    return False


def _salutation(para: str) -> bool:
    """A paragraph that only addresses the audience ("Mr President,", "Dear colleagues,") or thanks it ("I thank
    you.")."""
    n = len(para.split())
    return (n <= 6 and para.endswith(",")) or (n <= 4 and re.search(r"\b[Tt]hank", para) is not None)


def _sentence_start(text: str, s: int, colon: int) -> int:
    """Where the sentence the colon ends starts (the project's sentence splitter on the paragraph up to it)."""
    spans = split_sentences(text[s : colon + 1])
    return s + (spans[-1][0] if spans else 0)


def _named_subject(d: Document, k: int, colon: int) -> Cue | None:
    """An introducing sentence the parser did not give a named subject ("Ana Ruiz (@aruiz) [es] weighed in on the
    ruling:", a handle and a tag between name and verb): the first person named in that sentence, outside
    quotes, before its first verb, is who writes; the cue is the clause's."""
    s, _e = d.paras[k]
    doc = d.docs[k]
    start = _sentence_start(d.text, s, colon)
    sent = [t for t in doc if start <= s + t.idx < colon]
    if not sent:
        return None
    first_verb = next((t.i for t in sent if t.pos_ == "VERB"), sent[-1].i + 1)
    # "A tweet by user @ana_ruiz read:", "A statement from the Riverton council:": the words' issuer
    for noun in sent:
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in NOUN_CUES and noun.i < first_verb:
            issuer = next((t for t in noun.subtree if t.i > noun.i and t.head.dep_ == "prep"
                           and t.head.lower_ in ("by", "from", "of")), None)
            who = d.handle(issuer, s) if issuer is not None else None
            if who is not None:
                return Cue(noun, s + noun.idx, noun.text, who, who.name, 0.7, None, [], d.paras[k])
    people = [e for e in doc.ents if e.start >= sent[0].i and e.label_ == "PERSON" and d.in_quote(s + e.start_char) is None]
    # the writer: a person before the first verb who is not a place or medium ("On Twitter, …"), else the one the
    # sentence gives as an example of those it reports ("…, some questioned the plan, like Ana Ruiz:")
    ent = next((e for e in people if e.end <= first_verb and e.root.dep_ != "pobj"), None) or next(
        (e for e in people if e.root.dep_ == "pobj" and e.root.head.lower_ in ("like", "as")), None)
    if ent is None:
        return None
    verb = next((t for t in sent if t.pos_ == "VERB" and t.i >= ent.end), None) or next(
        (t for t in reversed(sent) if t.pos_ == "VERB" and t.i < ent.start), None)
    m = d.mention_of(ent, s)
    if verb is None or not m.name:
        return None
    return Cue(verb, s + verb.idx, verb.text, m, m.name, 0.7, None, [], d.paras[k])


def _covered(found: list[Statement], s: int, e: int) -> bool:
    """Is the paragraph a quotation of its own (a direct statement in quotation marks covers most of it)?"""
    return any(st.kind == "direct" and min(st.char_end, e) - max(st.char_start, s) >= 0.5 * (e - s) for st in found)


def _narrator(d: Document, j: int, cue: Any, cues: list[Any], found: list[Statement], first: bool,
              speech: bool = False) -> bool:
    """Is paragraph j the narrator's again (the block ended before it)? The first paragraph after the colon is
    what it introduces, whoever it names or reports on (unless it is a heading or a quotation of its own). In a
    published speech, others' words the speaker reports are the speaker's too."""
    s, e = d.paras[j]
    para = d.text[s:e].rstrip()
    if para.endswith(":") or _covered(found, s, e) or signature(d.text, s, e):
        return True
    if len(para.split()) < 8 and not para.endswith(_SENTENCE_END):  # a heading
        return True
    if first or _signed_by(d, j + 1, cue):
        return False  # (the block goes on up to a signature line that names its speaker)
    if not _spokesperson(cue) and any(re.search(rf"\b{re.escape(w)}\b", para) for w in _name_words(cue.speaker_text)):
        return True  # the speaker in the third person (a body's spokesperson names the body: "The Council is …")
    if cue.speaker is not None and cue.speaker.label == "PERSON" and re.match(r"(He|She)\b", para):
        return True  # ("He also made clear that …": the narrator again, on the one whose words the block gave)
    if speech:
        return False
    # someone else reporting, in the paragraph's opening sentence ("Y tweeted from the scene."); further in, the
    # speaker may be reporting others themselves
    spans = split_sentences(para)
    end = s + (spans[0][1] if spans else len(para))
    return any(c.para == (s, e) and c.start < end and c.cue != "according to" and c.speaker is not None
               and c.speaker_text != cue.speaker_text and c.speaker.label in ("PERSON", "ORG") for c in cues)


def _signed_by(d: Document, j: int, cue: Any) -> bool:
    """Is paragraph j a signature line ("– Judge Ana Ruiz, "Decision and Order"") naming the cue's speaker?"""
    if j >= len(d.paras) or not signature(d.text, *d.paras[j]):
        return False
    line = d.text[d.paras[j][0] : d.paras[j][1]]
    return any(re.search(rf"\b{re.escape(w)}\b", line) for w in _name_words(cue.speaker_text))


def _spokesperson(cue: Any) -> bool:
    """Is the introduced speaker a body's spokesperson ("A Riverton Council spokesperson said:")?"""
    subj = next((c for c in cue.verb.children if c.dep_ == "nsubj"), None) if cue.verb is not None else None
    return cue.speaker is None or (subj is not None and subj.lemma_.lower() in SPOKES_NOUNS)


def _block(d: Document, k: int, cue: Any, cues: list[Any], found: list[Statement],
           speech: bool = False) -> list[tuple[int, int]]:
    n = len(d.paras)
    j = k + 1
    originals = 0
    # (an original ending with a colon is still one where the colon is its script's full stop, as in Armenian)
    while j < n and (not (para := d.text[d.paras[j][0] : d.paras[j][1]]).rstrip().endswith(":") or
                     _other_script(para)) and foreign(para):
        originals += 1
        j += 1
    out: list[tuple[int, int]] = []
    while j < n and (originals == 0 or len(out) < originals):
        s, e = d.paras[j]
        if _salutation(d.text[s:e].strip()):
            j += 1  # ("Mr President,", "Thank you.": the audience addressed, not a statement)
            continue
        if foreign(d.text[s:e]) or _narrator(d, j, cue, cues, found, not out, speech):
            break
        out.append((s, s + len(d.text[s:e].rstrip())))
        j += 1
    return out


def block_quotes(d: Document, cues: list[Any], found: list[Statement],
                 fallback: Callable[[int], Any]) -> list[tuple[int, list[tuple[int, int]]]]:
    """Each block quotation in the document: (the index of the paragraph that introduces it, its paragraphs'
    spans). `fallback(i)` reads the clause a colon at i ends as a cue (its verb and subject)."""
    out: list[tuple[int, list[tuple[int, int]]]] = []
    previous: tuple[Any, int] | None = None  # the last block's cue and the start of its last paragraph
    for k in range(len(d.paras) - 1):
        cue, speech = _introduction(d, k, cues, fallback, _right_before(d, k, previous))
        if cue is None:
            continue
        spans = _block(d, k, cue, cues, found, speech)
        if spans:
            out.append((k, spans))
            previous = (cue, spans[-1][0])
    return out


def _introduction(d: Document, k: int, cues: list[Any], fallback: Callable[[int], Any],
                  previous: Any = None) -> tuple[Any | None, bool]:
    """The cue paragraph k introduces a block with, and whether it is a published speech's heading (read once)."""
    s, e = d.paras[k]
    heading = None if foreign(d.text[s:e].rstrip()) else speech_heading(d, k)
    if heading is not None:
        return heading, True
    return intro(d, k, cues, fallback, previous), False


def _right_before(d: Document, k: int, previous: tuple[Any, int] | None) -> Any:
    return previous[0] if previous is not None and k > 0 and d.paras[k - 1][0] == previous[1] else None


def speakers_of(d: Document, cues: list[Any], blocks: list[tuple[int, list[tuple[int, int]]]],
                fallback: Callable[[int], Any]) -> list[tuple[Any, list[tuple[int, int]]]]:
    """The introducing cue of each block found before, read again (with the blocks as quoted text)."""
    out: list[tuple[Any, list[tuple[int, int]]]] = []
    previous: tuple[Any, int] | None = None
    for k, spans in blocks:
        cue, _speech = _introduction(d, k, cues, fallback, _right_before(d, k, previous))
        if cue is not None:
            out.append((cue, spans))
            previous = (cue, spans[-1][0])
    return out
