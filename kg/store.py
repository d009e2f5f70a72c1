"""Open a build for queries as a pyoxigraph Store: the one entry point `kg query`, `kg serve` and the
explorer use, so where the graph lives (Turtle today, a persistent store later) is decided here only."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import GraphMissingError


def graph_file(kg: Path) -> Path:
    """OUT/kg.ttl for a build folder, or the file itself."""
    kg = Path(kg)
    ttl = kg if kg.is_file() else kg / "kg.ttl"
    if not ttl.is_file():
        raise GraphMissingError(f"no graph at {kg}: run `kg build` first")
    return ttl


def open_store(kg: Path) -> ox.Store:
    """A pyoxigraph Store holding the build in KG (a build folder or a kg.ttl file); read it, never write it."""
    store = ox.Store()
    store.bulk_load(path=str(graph_file(kg)), format=ox.RdfFormat.TURTLE)
    return store
