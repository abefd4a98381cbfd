"""A word's other inflections, irregular ones too ("flee" ~ "fled", "buy" ~ "bought", "child" ~ "children"), and a
verb's agent and action nouns ("spend" ~ "spenders", "elect" ~ "election"), so a question's word matches the form a
passage writes where the light stemmer cannot join them.

The lexicon is LemmInflect's (MIT; English lemmas and inflections from the SPECIALIST lexicon), loaded on first use.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8192)
def inflections(word: str) -> tuple[str, ...]:
    """Every inflection of every lemma of the word (the word itself left out); () for an unknown word."""
    w = word.lower().strip()
    if not w.isalpha() or len(w) < 3:
        return ()
    try:
        from lemminflect import getAllInflections, getAllLemmas
    except ImportError:  # an install without the lexicon: the stemmer alone
        return ()
    out: set[str] = set()
    for lemmas in getAllLemmas(w).values():
        for lemma in lemmas:
            out.add(lemma)
            for forms in getAllInflections(lemma).values():
                out.update(forms)
    out.discard(w)
    return tuple(sorted(f for f in out if f.isalpha()))


@lru_cache(maxsize=8192)
def can_be_verb(word: str) -> bool:
    """The lexicon knows the word as a verb form ("resign", "married"; not "Chad")."""
    w = word.lower().strip()
    if not w.isalpha():
        return False
    try:
        from lemminflect import getAllLemmas
    except ImportError:
        return True  # without the lexicon the parser's reading stands
    return "VERB" in getAllLemmas(w)


def _noun_only(word: str) -> bool:
    from lemminflect import getAllLemmas

    return set(getAllLemmas(word)) == {"NOUN"}


def _looked_up(word: str, min_len: int) -> tuple[str, dict[str, tuple[str, ...]]] | None:
    """The word, lower-cased, with its lemmas by part of speech; None for a short or non-alphabetic word, or an
    install without the lexicon (the stemmer alone then)."""
    w = word.lower().strip()
    if not w.isalpha() or len(w) < min_len:
        return None
    try:
        from lemminflect import getAllLemmas
    except ImportError:
        return None
    return w, getAllLemmas(w)


@lru_cache(maxsize=8192)
def derived_nouns(word: str) -> tuple[str, ...]:
    """The agent and action nouns of a verb, with their plurals ("spending" ~ "spenders", "voted" ~ "voter",
    "elected" ~ "election", "decide" ~ "decision"). Only nouns the lexicon knows as nouns alone, so a noun with a
    sense of its own ("flower", "number", "tower") is never taken for one. Not the other way round: "leaders" would
    match every "leading" and "led"."""
    looked = _looked_up(word, 3)
    if looked is None:
        return ()
    from lemminflect import getAllInflections

    w, lemmas = looked
    out: set[str] = set()
    for verb in lemmas.get("VERB", ()):
        agents = (verb + "er", verb + "r", verb + verb[-1:] + "er", verb + "or", verb[:-1] + "or")
        for noun in (*agents, *_actions(verb)):
            if noun.endswith(("eer", "eor")) or not _noun_only(noun):
                continue
            out.add(noun)
            for forms in getAllInflections(noun, upos="NOUN").values():
                out.update(forms)
    out.discard(w)
    return tuple(sorted(f for f in out if f.isalpha()))


@lru_cache(maxsize=8192)
def action_verbs(word: str) -> tuple[str, ...]:
    """The verb forms of an action noun ("endorsement" ~ "endorsed", "approval" ~ "approving", "decision" ~
    "decided"): the other way from `derived_nouns`, for action nouns only (their verb names the same act). Only a
    noun the lexicon knows as a noun alone, whose verb's action noun it is, and only verb forms that are no noun
    ("state" is no form of "statement")."""
    looked = _looked_up(word, 6)
    if looked is None or set(looked[1]) != {"NOUN"}:
        return ()
    from lemminflect import getAllInflections, getAllLemmas

    w, lemmas = looked
    out: set[str] = set()
    for noun in lemmas["NOUN"]:
        for suffix in ("ment", "al", "ion", "ance", "ence", "ure"):
            if not noun.endswith(suffix):
                continue
            cut = noun[: -len(suffix)]
            # "endorse|ment", "approv|al", "decis|ion" ~ "decide", "informat|ion" ~ "inform", "product|ion" ~ "produce"
            for verb in {cut, cut + "e", cut[:-1] + "de", cut[:-1] + "e", cut[:-2], cut[:-2] + "e"}:
                if len(verb) < 3 or "VERB" not in getAllLemmas(verb) or noun not in _actions(verb):
                    continue
                for forms in getAllInflections(verb, upos="VERB").values():
                    out.update(f for f in forms if "NOUN" not in getAllLemmas(f))
    out.discard(w)
    return tuple(sorted(f for f in out if f.isalpha()))


def _actions(verb: str) -> tuple[str, ...]:
    """Spellings the verb's action noun may take ("elect": "election", "decide": "decision", "arrive": "arrival",
    "announce": "announcement", "fail": "failure"); the lexicon keeps the real ones."""
    v, cut = verb, verb[:-1] if verb.endswith("e") else verb
    return (v + "ment", v + "al", cut + "al", v + "ion", cut + "ion", v + "ation", cut + "ation", v[:-2] + "sion",
            cut + "tion", v + "ance", v + "ence", cut + "ance", cut + "ence", v + "ure")
