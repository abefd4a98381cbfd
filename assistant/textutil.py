"""Normalisation and tokenisation shared by BM25, alias matching and support scoring."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "me", "more", "most", "my", "no", "nor", "not", "of", "on", "or", "our", "ours", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "about", "after", "again", "against", "all", "also", "am", "any", "because", "before", "below", "between", "both", "during", "each", "few", "further", "here", "just", "once", "only", "other", "out", "over", "own", "same", "through", "s", "t", "don", "now", "said", "says", "say", "per", "within", "upon", "whose"]
)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
# a dotted initialism is one word, its letters ("U.N." = "UN", "U.S.-led" = "US-led", "e.g." = "eg")
_INITIALS = re.compile(r"(?<![\w.])[^\W\d_](?:\.[^\W\d_])+\.?(?![\w])", re.UNICODE)
# the version of words()/tokens(): a saved BM25 index tokenised by another version is rebuilt when loaded
TOKENIZER = "tokens-2"


def undot(text: str) -> str:
    """Dotted initialisms written without their dots: 'the U.N. agency' -> 'the UN agency'."""
    return _INITIALS.sub(lambda m: m.group(0).replace(".", ""), text) if "." in text else text


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase and strip diacritics: 'Łódź' -> 'lodz', 'Zürich' -> 'zurich'."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def stem(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ness", ""), ("ments", "ment"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.replace("’", "'") for w in _WORD.findall(undot(fold(text))))


def words(text: str) -> list[str]:
    return list(_words(text))


def tokens(text: str) -> list[str]:
    """BM25 tokens: folded, stop-words dropped, possessive 's dropped, lightly stemmed; hyphenated words also split."""
    return list(_tokens(text))


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in words(text):
        parts = [w, *w.split("-")] if "-" in w else [w]
        for p in parts:
            if p.endswith("'s"):  # "town's" is "town", "Ohio's" is "ohio"
                p = p[:-2]
            p = p.strip("'")
            if p and p not in STOPWORDS:
                out.append(stem(p))
    return tuple(out)


def content_terms(text: str) -> set[str]:
    return set(tokens(text))


_SKELETON_RULES = (("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("w", "v"), ("y", "i"), ("j", "i"),
                   ("kh", "h"), ("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("zh", "j"), ("x", "ks"))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling skeleton for transliterated names: folded, common letter swaps merged, doubles collapsed
    ('Tchaikovsky' and 'Chaykovsky' share one; 'Peking'-style spellings of one name meet)."""
    w = fold(word)
    for a, b in _SKELETON_RULES:
        w = w.replace(a, b)
    out: list[str] = []
    for ch in w:
        if ch.isalnum() and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out)


# a news dateline opening a paragraph: a place in capitals, maybe a region or an agency, then ":" or a dash
# ("NAIROBI, Kenya: …", "WASHINGTON (Reuters) - …", "LIMA — …")
_DATELINE = re.compile(r"^\s*[A-ZÀ-ÖØ-Þ]{3,}(?:[ .'’-]+[A-ZÀ-ÖØ-Þ]{2,})*(?:,\s*[A-Z][\w.'’ -]{1,40}?)?"
                       r"(?:\s*\([^)\n]{1,40}\))?\s*(?::|—|–|--?)\s+")


def dateline_end(para: str) -> int:
    """Where a paragraph's dateline ends (0 when it has none)."""
    m = _DATELINE.match(para)
    return m.end() if m else 0


def without_dateline(para: str) -> str:
    """The paragraph with its dateline blanked (same length, so offsets hold): the place is not a subject."""
    n = dateline_end(para)
    return " " * n + para[n:]


# a link's language tag ("responded [ru]", "voiced its concerns [AM]") or a footnote mark ("[12]"): markup the parser
# would read as words (not a bracketed word inside a quote, "[a]n area", "[the] matter", nor a lower-case English word
# "[an]"; a capitalised code, "[AM]", "[IT]", is a tag)
_TAG = re.compile(r"\[(?:[a-z]{2}|[A-Z]{2}|\d{1,3})\]")


def without_tags(para: str) -> str:
    """The paragraph with link language tags and footnote marks blanked (same length, so offsets hold)."""
    return _TAG.sub(lambda m: m.group(0) if m.group(0)[1:-1] in STOPWORDS else " " * len(m.group(0)), para)


def number_words(figure: str) -> list[str]:
    """A whole number written in words as texts write it ("45" -> "forty-five", "forty five"; "1,000" -> "one
    thousand"), so a question's figure matches a text that spells it out; a year too, as transcripts write it
    ("2003" -> "two-thousand-three", "nineteen ninety-five"). Empty for anything else, and for larger figures
    (written in digits)."""
    from num2words import num2words

    digits = figure.replace(",", "")
    if not digits.isdigit() or digits.startswith("0"):
        return []
    n = int(digits)
    if 0 < n < 1000 or n in (1000, 1000000, 1000000000):
        readings = [str(num2words(n))]
    elif 1100 <= n < 2100 and "," not in figure:
        readings = [str(num2words(n, to="year"))] + ([str(num2words(n))] if n >= 2000 else [])
    else:
        return []
    out: list[str] = []
    for words in readings:
        plain = words.replace(" and ", " ")
        out += [words, words.replace("-", " "), plain, plain.replace(" ", "-")]
    return list(dict.fromkeys(out))
