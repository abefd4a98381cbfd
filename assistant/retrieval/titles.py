"""Documents by title, as other documents name them ("... directed by Jane Doe" names the document "Jane Doe")."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from assistant.retrieval.query import title_key

if TYPE_CHECKING:
    from assistant.retrieval.snapshot import Snapshot


class TitleTable:
    """Folded title -> document ids, built once per index snapshot on first use."""

    def __init__(self) -> None:
        self._for: Snapshot | None = None
        self._table: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def _table_for(self, snap: Snapshot) -> dict[str, list[str]]:
        with self._lock:
            if self._for is not snap:
                table: dict[str, list[str]] = {}
                for f in snap.state.files.values():  # titles from the state: no document is read
                    meta = f.meta
                    if meta is None:  # an index from before
                        sd = snap.docs.get(f.doc_id)
                        if sd is None:
                            continue
                        meta = sd.document.meta
                    key = title_key(meta.title)
                    if len(key) > 2:
                        table.setdefault(key, []).append(f.doc_id)
                self._for, self._table = snap, table
            return self._table

    def lookup(self, snap: Snapshot, names: list[str]) -> dict[str, list[str]]:
        table = self._table_for(snap)
        return {n: table[title_key(n)] for n in names if title_key(n) in table}
