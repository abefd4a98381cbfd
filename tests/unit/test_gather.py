"""Second-hop retrieval and recency ordering with a fake searcher (no model, no index)."""

from __future__ import annotations

import numpy as np

from assistant.evidence.gather import by_time, gather
from assistant.evidence.items import analyse
from assistant.types import Hit, HitWhy, SearchFilters
from tests.unit.test_evidence_items import FakeLexicon


def hit(cid: str, title: str, text: str, score: float, date: str | None = None) -> Hit:
    return Hit(chunk_id=cid, doc_id=cid, title=title, source_path=cid, section="", text=text, score=score,
               char_start=0, char_end=len(text), date=date, why=HitWhy())


class FakeSearcher:
    def __init__(self, titles: dict[str, list[str]] | None = None) -> None:
        self.queries: list[str] = []
        self.titles = titles or {}

    def expand(self, query: str) -> str:
        return query

    def passage_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        return {}

    def titled(self, names: list[str]) -> dict[str, list[str]]:
        return {n: self.titles[n] for n in names if n in self.titles}

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None,
               use_mmr: bool | None = None, qvec: np.ndarray | None = None, hop: int = 1) -> list[Hit]:
        self.queries.append(query)
        if hop == 1:
            return [hit("film", "Blue Harvest", "Blue Harvest is a 1998 film directed by Mara Holt.", 0.9)]
        if "Mara Holt" in query:
            h = hit("holt", "Mara Holt", "Mara Holt was born in Fresno.", 0.8)
            h.why.hop = 2
            return [h]
        return []


def test_second_hop_follows_the_bridge_entity_and_says_so() -> None:
    s = FakeSearcher()
    info = analyse("Where was the director of the film Blue Harvest born?", FakeLexicon())
    hits = gather(s, lambda texts: np.zeros((len(texts), 3)), info, k=5)
    assert [h.doc_id for h in hits] == ["film", "holt"]
    assert hits[1].why.hop == 2 and hits[1].why.via == "Mara Holt"
    assert any(q.startswith("Mara Holt") and "born" in q for q in s.queries)


def test_latest_questions_prefer_newer_documents() -> None:
    info = analyse("What is the latest estimate of aquifer recharge?", FakeLexicon())
    old = hit("a", "Old", "Recharge was 3 km3.", 1.0, "2019-05-01")
    new = hit("b", "New", "Recharge was 2 km3.", 0.9, "2025-05-01")
    assert [h.doc_id for h in by_time([old, new], info, 0.3)] == ["b", "a"]
    plain = analyse("What is the estimate of aquifer recharge?", FakeLexicon())
    assert [h.doc_id for h in by_time([old, new], plain, 0.3)] == ["a", "b"]
    year = analyse("What was aquifer recharge in 2019?", FakeLexicon())
    assert [h.doc_id for h in by_time([new, old], year, 0.3)] == ["a", "b"]


class LinkedOnly(FakeSearcher):
    """The bridge passage shares no words with any search: only the title link finds it."""

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None,
               use_mmr: bool | None = None, qvec: np.ndarray | None = None, hop: int = 1) -> list[Hit]:
        self.queries.append(query)
        if hop == 1:
            return [hit("film", "Blue Harvest", "Blue Harvest is a 1998 film directed by Mara Holt.", 0.9)]
        if filters is not None and filters.doc_ids == ["holt"]:
            h = hit("holt", "Mara Holt (director)", "She grew up in Fresno.", 0.1)
            h.why.hop = 2
            return [h]
        return []


def test_a_document_named_by_its_title_is_followed_without_sharing_words() -> None:
    s = LinkedOnly(titles={"Mara Holt": ["holt"]})
    info = analyse("Where was the director of the film Blue Harvest born?", FakeLexicon())
    hits = gather(s, lambda texts: np.zeros((len(texts), 3)), info, k=5)
    linked = [h for h in hits if h.doc_id == "holt"]
    assert linked and linked[0].why.hop == 2 and linked[0].why.via == "Mara Holt"


def test_title_links_respect_the_callers_document_filter() -> None:
    s = LinkedOnly(titles={"Mara Holt": ["holt"]})
    info = analyse("Where was the director of the film Blue Harvest born?", FakeLexicon())
    hits = gather(s, lambda texts: np.zeros((len(texts), 3)), info, k=5, filters=SearchFilters(doc_ids=["film"]))
    assert "holt" not in {h.doc_id for h in hits}


class MissesTheName(FakeSearcher):
    """The question's words lead the first hop to passages that never name the person asked about."""

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None,
               use_mmr: bool | None = None, qvec: np.ndarray | None = None, hop: int = 1) -> list[Hit]:
        self.queries.append(query)
        if hop == 1:
            return [hit("levy", "Levy", "The recharge levy was raised twice in ten years.", 0.9),
                    hit("basin", "Basin", "The basin authority set the recharge levy.", 0.8)]
        if query.startswith("Vance"):
            h = hit("vance", "Minutes", "Vance announced that the levy would be frozen.", 0.7)
            h.why.hop = 2
            return [h]
        return []


def test_a_named_thing_no_first_hop_passage_holds_is_searched_for() -> None:
    s = MissesTheName()
    info = analyse("What did Vance announce about the recharge levy?", FakeLexicon())
    hits = gather(s, lambda texts: np.zeros((len(texts), 3)), info, k=5, ranked=False)
    assert "vance" in [h.doc_id for h in hits]
    assert next(h for h in hits if h.doc_id == "vance").why.via == "Vance"


def test_a_name_the_library_never_mentions_is_not_searched_for() -> None:
    s = MissesTheName()
    info = analyse("What did Okonkwo announce about the recharge levy?", FakeLexicon())
    gather(s, lambda texts: np.zeros((len(texts), 3)), info, k=5, ranked=False)
    assert not any(q.startswith("Okonkwo") for q in s.queries[1:])


def test_second_stage_reads_each_passage_beside_the_best_one() -> None:
    """A passage whose title the best passage names, and which covers what the best one does not, is linked."""
    from assistant.evidence.rank import pair_features

    info = analyse("In which county is the hamlet of Brook End, and what was the county town's population?",
                   FakeLexicon())
    best = hit("a", "Brook End", "Brook End is a hamlet in the Marlow district of Westshire.", 0.9)
    linked = hit("b", "Marlow, Westshire", "Marlow is a market town with a population of 35,124.", 0.5)
    other = hit("c", "Brook Hall", "Brook Hall is a house in Kent.", 0.6)
    covers = [{i.key: 1.0 for i in info.items if i.label.lower() in ("brook end", "hamlet")},
              {i.key: 1.0 for i in info.items if i.label.lower() in ("population",)}, {}]
    f = pair_features(info, [best, linked, other], [0.9, 0.3, 0.5], covers)
    assert f[0]["is_best"] == 1.0 and f[1]["is_best"] == 0.0
    assert f[1]["named_in_best"] == 1.0 and f[2]["named_in_best"] == 0.0
    assert f[1]["gain"] > 0.0 and f[2]["gain"] == 0.0
    assert f[1]["stage1"] < f[2]["stage1"] < f[0]["stage1"]
