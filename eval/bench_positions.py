"""Benchmark of `assistant.positions.statements` against baselines, and of contrast on the bundled corpus.

    PYTHONPATH=. python eval/bench_positions.py [--no-corpus | --dev-errors [dev2|…|dev20]]

Part 1, eval/attribution (dev, dev2 … dev20 and heldout side by side): recall of labelled statements by named speakers,
recall of direct quotes, speaker precision, span precision (share of predictions that match a label),
and how many third_party labels were predicted as direct. Baselines: "nearest named person" (every quote
and every speech-verb clause given to the nearest PERSON entity) and textacy's `direct_quotations`.
Part 2, the bundled corpus: phrasings of "Europe's line on Russia" must give Kallas, Pistorius and
Kortunov `found` with their own words; "the LEAP initiative" must give Kortunov `no_position`; warm timing.
--dev-errors prints the dev (or dev2 … dev19) split's per-statement errors only (never the heldout's), for developing rules.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution_data import load, score

from assistant.positions.cues import SPEECH
from assistant.positions.model import nlp
from assistant.positions.quotes import find_quotes
from assistant.positions.statements import statements

# the dev splits of eval/attribution (the original dev third, then the extra splits labelled blind), in the order added
DEV_SPLITS = ("dev", *(f"dev{i}" for i in range(2, 21)))

RUSSIA_PHRASINGS = [
    "pressure on Russia", "sanctions against Russia", "dealing with Moscow", "stance toward the Kremlin",
    "Europe's line on Russia", "how to handle Russia", "sanctions and pressure on the Kremlin",
    "Europe's stance toward Moscow", "what to do about Russia", "relations with Russia",
    "policy towards the Russian Federation", "confronting Moscow",
]
TRIO = ["Kallas", "Pistorius", "Kortunov"]


def ours(_tid: str, text: str) -> list[dict[str, Any]]:
    return [s.to_dict() for s in statements(text)]


def naive(_tid: str, text: str) -> list[dict[str, Any]]:
    doc = nlp()(text)
    people = [(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"]

    def nearest(pos: int) -> str:
        return min(people, key=lambda p: abs(p[0] - pos))[1] if people else ""

    out = [{"char_start": q.start, "char_end": q.end, "kind": "direct", "speaker": nearest(q.start)}
           for q in find_quotes(text)]
    for t in doc:
        if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH and not any(q.start <= t.idx < q.end for q in find_quotes(text)):
            sent = t.sent
            s = t.idx + len(t.text)
            e = sent.end_char
            m = re.match(r"\s*(that\s+)?", text[s:e])
            s += m.end() if m else 0
            if e - s > 3:
                out.append({"char_start": s, "char_end": e, "kind": "reported", "speaker": nearest(t.idx)})
    return out


def textacy_quotes(_tid: str, text: str) -> list[dict[str, Any]]:
    from textacy.extract.triples import direct_quotations

    out = []
    for para in re.finditer(r"[^\n]+", text):  # per paragraph: textacy bails out on a whole text
        try:                                    # with an unclosed quotation mark anywhere
            found = list(direct_quotations(nlp()(para.group())))
        except ValueError:
            continue
        for q in found:
            s, e = para.start() + q.content.start_char, para.start() + q.content.end_char
            while s < e and text[s] in "\"“”'‘’ ":
                s += 1
            while e > s and text[e - 1] in "\"“”'‘’ ,":
                e -= 1
            out.append({"char_start": s, "char_end": e, "kind": "direct",
                        "speaker": " ".join(t.text for t in q.speaker)})
    return out


def attribution_table() -> None:
    texts, splits, gold = load()
    systems = [("statements()", ours), ("nearest named person", naive)]
    try:
        import textacy  # noqa: F401

        systems.append(("textacy direct_quotations", textacy_quotes))
    except ImportError:
        print("textacy not installed: its row is skipped")
    cols = ["recall", "direct_recall", "speaker_precision", "span_precision", "third_party_as_direct"]
    order = [x for x in (*DEV_SPLITS, "heldout") if x in set(splits.values())]
    print(f"\n## Attribution (eval/attribution): {' | '.join(order)}")
    print("(dev2 … dev20: extra dev data labelled blind (dev2, dev3: 10 Wikinews texts each, dev3 from 2019; "
          "dev4: 11 texts that are not Wikinews: VOA, Global Voices, White House, European Commission; dev5: 10 VOA news "
          "reports; dev6: 10 texts: Global Voices 2004, White House 2025, UK government, Wikinews 2005-2010; dev7: 10 news reports: Wikinews 2019, VOA; dev8: 8 short texts: VOA, Wikinews 2014, UK government; dev9: 10 Wikinews 2019 texts; dev10: 7 Wikinews 2020 texts, 3 VOA 2006 reports; dev11: 10 Wikinews 2020 texts; dev12: 10 Wikinews 2019 texts; dev13: 5 Wikinews 2019 texts, 5 VOA reports; dev14: 4 Wikinews 2019 texts, 3 UK government, 3 White House texts; "
          "dev15: 4 Wikinews 2019 texts, 3 VOA reports, 2 Global Voices posts, 1 UK government blog post; "
          "dev16: 4 US government releases (NASA, EPA), 3 VOA reports, 3 UK government blog posts; "
          "dev17: 5 Wikinews 2019 texts, 5 Global Voices posts; "
          "dev18: 10 water, health, energy and climate texts: VOA, UK government, EPA, NOAA, European Commission; "
          "dev19: 10 Wikinews 2019 texts of eval/qa-texts/set9; dev20: 18 UK government press releases and statements of eval/qa-texts/set10); "
          "each measured before anything was fit on it)")
    print("| system | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for name, fn in systems:
        got = [score(fn, x, texts, splits, gold) for x in order]
        cells = [" / ".join(f"{m[c]:.2f}" if c != "third_party_as_direct" else f"{m[c]:.0f}" for m in got)
                 for c in cols]
        print(f"| {name} | " + " | ".join(cells) + " |")


def corpus_table() -> None:
    import tempfile

    from assistant.facade import Assistant
    from assistant.settings import PROJECT_ROOT, Settings

    a = Assistant(Settings(index_dir=Path(tempfile.mkdtemp()), corpus_dir=PROJECT_ROOT / "corpus"))
    a.ingest()
    a.contrast("warm-up", TRIO)
    print("\n## Bundled corpus: Kallas / Pistorius / Kortunov per phrasing (own words = direct or reported)")
    print("| phrasing | Kallas | Pistorius | Kortunov | ms |")
    print("|---|---|---|---|---|")
    ok = 0
    for ph in RUSSIA_PHRASINGS:
        t0 = time.perf_counter()
        c = a.contrast(ph, TRIO)
        ms = (time.perf_counter() - t0) * 1000
        cells = []
        good = True
        for p in c.positions:
            own = [s for s in p.statements if s.attribution != "third_party"]
            cells.append(f"{p.status} ({len(own)} own)")
            good &= p.status == "found" and bool(own)
        ok += good
        print(f"| {ph} | " + " | ".join(cells) + f" | {ms:.0f} |")
    leap = a.contrast("the LEAP initiative", ["Kortunov"]).positions[0].status
    print(f"\nphrasings with all three found with own words: {ok}/{len(RUSSIA_PHRASINGS)}")
    print(f"Kortunov on the LEAP initiative: {leap}")


def dev_errors(split: str = "dev") -> None:
    """Per-statement errors on a DEV split only (dev, dev2 or dev3: misses, wrong speakers, third_party predicted as
    direct): for developing rules. The heldout split is never printed here."""
    from attribution_data import matches, same_speaker

    assert split in DEV_SPLITS, "only the dev splits' errors are printed"
    texts, splits, gold = load()
    for tid in [i for i in texts if splits[i] == split]:
        text = texts[tid]
        preds = ours(tid, text)
        tg = [g for g in gold if g.text_id == tid]
        for g in tg:
            hit = [p for p in preds if matches(p, g)]
            label = f"[{g.kind}] {g.speaker!r}: {text[g.start:g.end][:110]!r}"
            if not hit:
                near = [p for p in preds if min(p["char_end"], g.end) > max(p["char_start"], g.start)]
                why = "; ".join(f"{p['kind']}/{p['speaker']!r} {p['char_start']}-{p['char_end']}" for p in near)
                print(f"{tid} MISS {label} (gold {g.start}-{g.end}; overlapping: {why or 'none'})")
            elif not any(same_speaker(p["speaker"], g.speaker) for p in hit):
                print(f"{tid} SPEAKER {label} -> {hit[0]['speaker']!r} (cue {hit[0]['cue']!r})")
            if g.kind == "third_party" and any(p["kind"] == "direct" and
                                               min(p["char_end"], g.end) - max(p["char_start"], g.start)
                                               >= 0.5 * (g.end - g.start) for p in preds):
                print(f"{tid} TP_AS_DIRECT {label}")
        for p in preds:
            if not any(matches(p, g) for g in tg):
                print(f"{tid} EXTRA [{p['kind']}] {p['speaker']!r} cue {p['cue']!r}: {p['text'][:100]!r}")
    d = score(ours, split, texts, splits, gold)
    print(f"{split}: " + ", ".join(f"{k} {v:.2f}" for k, v in d.items()))


if __name__ == "__main__":
    if "--dev-errors" in sys.argv:
        dev_errors(next((x for x in DEV_SPLITS if x in sys.argv), "dev"))
        sys.exit(0)
    attribution_table()
    if "--no-corpus" not in sys.argv:
        corpus_table()
