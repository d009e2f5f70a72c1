"""SPARQL over the built graph, on the Oxigraph engine (oxrdflib store) rather than rdflib's own."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import Graph

from .errors import GraphMissingError, QueryError

RDF_SUFFIXES = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads"}


def load_graph(kg: Path, store: str = "Oxigraph") -> Graph:
    """Load OUT/kg.ttl (or every RDF file of a folder) into an Oxigraph-backed rdflib Graph
    (store="default" gives rdflib's in-memory store, quicker for many small triple look-ups)."""
    files = [kg] if kg.is_file() else sorted(p for p in kg.glob("*") if p.suffix in RDF_SUFFIXES) if kg.is_dir() else []
    if not files:
        raise GraphMissingError(f"no graph at {kg}: run `kg build` first")
    g = Graph(store=store)
    for p in files:
        g.parse(p, format=RDF_SUFFIXES[p.suffix])
    return g


def read_query(text_or_file: str) -> str:
    p = Path(text_or_file)
    if len(text_or_file) < 300 and p.suffix == ".rq":
        if not p.exists():
            raise QueryError(f"{p}: no such query file")
        return p.read_text(encoding="utf-8")
    return text_or_file


def run_query(g: Graph, query: str):
    """Run SELECT / ASK / CONSTRUCT; a syntax error becomes QueryError with the parser's message."""
    try:
        return g.query(query)
    except Exception as e:  # the parser's own message is what the user needs
        raise QueryError(f"bad SPARQL query: {e}") from None


def format_result(res, fmt: str = "table") -> str:
    if res.type == "ASK":
        return json.dumps(bool(res.askAnswer)) if fmt == "json" else ("yes" if res.askAnswer else "no")
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        return res.graph.serialize(format="turtle")
    names = [str(v) for v in res.vars]
    rows = [[("" if v is None else str(v)) for v in row] for row in res]
    if fmt == "json":
        return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue()
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths))  # noqa: E731
    return "\n".join([line(names), line(["-" * w for w in widths])] + [line(r) for r in rows] +
                     [f"({len(rows)} rows)"])
