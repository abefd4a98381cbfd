"""No two modules of the package import each other, directly or through others (import-linter's layers contract
covers the direction between packages; this covers loops inside a package too)."""

from __future__ import annotations

import grimp


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("assistant")
    loops = sorted({tuple(sorted((m, i))) for m in graph.modules for i in graph.find_modules_directly_imported_by(m)
                    if graph.chain_exists(importer=i, imported=m)})
    assert not loops, f"import loops: {loops}"
