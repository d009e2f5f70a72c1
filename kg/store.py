"""Open a build for queries as a pyoxigraph Store: the one entry point `kg query`, `kg serve`, `kg explain`
and the explorer use. A build folder has a persistent Oxigraph store (OUT/store), opened read-only with
no parsing at all; a bare kg.ttl, or a folder from before stores, is bulk-loaded into memory instead.

The store's default graph is the whole build; each article's statements are also in its own named
graph (kg:article/<file>/graph) and the resolved entities in kg:graph/entities (docs/scale.md)."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import GraphMissingError, StoreError

STORE_DIR = "store"


def graph_file(kg: Path) -> Path:
    """OUT/kg.ttl for a build folder, or the file itself."""
    kg = Path(kg)
    ttl = kg if kg.is_file() else kg / "kg.ttl"
    if not ttl.is_file():
        raise GraphMissingError(f"no graph at {kg}: run `kg build` first")
    return ttl


def store_dir(kg: Path) -> Path | None:
    """OUT/store when KG is a build folder that has one (resolved through OUT/current)."""
    kg = Path(kg)
    if kg.is_dir() and (kg / STORE_DIR).is_dir():
        return (kg / STORE_DIR).resolve()
    return None


def open_store(kg: Path, in_memory: bool = False) -> ox.Store:
    """A pyoxigraph Store holding the build in KG (a build folder or a kg.ttl file); read it, never write it.
    The persistent store opens in milliseconds; a long-running server that answers many queries may prefer
    `in_memory=True` (the store copied into memory: slower to open, about 3× faster per query)."""
    d = store_dir(kg)
    if d is not None:
        try:
            disk = ox.Store.read_only(str(d))
            if not in_memory:
                return disk
            mem = ox.Store()
            mem.bulk_extend(disk.quads_for_pattern(None, None, None, None))
            return mem
        except (OSError, RuntimeError) as e:  # RocksDB reports corruption as RuntimeError
            raise StoreError(f"{d}: cannot open the Oxigraph store ({e}); rebuild with `kg build`") from None
    store = ox.Store()
    store.bulk_load(path=str(graph_file(kg)), format=ox.RdfFormat.TURTLE)
    return store
