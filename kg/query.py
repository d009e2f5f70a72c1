"""`kg query`: a SPARQL query (text or any file) over the build, on Oxigraph via kg.store.open_store,
printed as a display-width table, CSV (optionally with a BOM for Excel), TSV or typed JSON. The same
checks as the server: read-only, no SERVICE. `load_graph` / `run_query` keep the rdflib view for the
analytics and evaluation steps."""
from __future__ import annotations

import sys
import threading
from pathlib import Path

from rdflib import Graph

from .errors import GraphMissingError, QueryError

RDF_SUFFIXES = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads"}
QUERY_SUFFIXES = {".rq", ".sparql", ".sq", ".txt", ".query"}
FORMATS = ["table", "csv", "tsv", "json"]


def load_graph(kg: Path, store: str = "Oxigraph") -> Graph:
    """An rdflib Graph over a build: its persistent Oxigraph store when OUT has one, else OUT/kg.ttl (or every RDF
    file of a folder) loaded into Oxigraph (store="default" loads rdflib's in-memory store instead)."""
    kg = Path(kg)
    if store == "Oxigraph" and kg.is_dir() and (kg / "store").is_dir():
        from oxrdflib import OxigraphStore
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        from .store import open_store

        # the build's persistent store, opened read-only: nothing is parsed (kg explain, kg stats)
        return Graph(store=OxigraphStore(store=open_store(kg)), identifier=DATASET_DEFAULT_GRAPH_ID)
    files = [kg] if kg.is_file() else sorted(p for p in kg.glob("*") if p.suffix in RDF_SUFFIXES) if kg.is_dir() else []
    if not files:
        raise GraphMissingError(f"no graph at {kg}: run `kg build` first")
    g = Graph(store=store)
    for p in files:
        g.parse(p, format=RDF_SUFFIXES[p.suffix])
    return g


def read_query(text_or_file: str) -> str:
    """The query text: `-` is standard input, an existing file is read (UTF-8, BOM dropped), a name that
    looks like a query file but does not exist is an error, anything else is the query itself."""
    from .sparql_errors import QueryFileError

    if text_or_file == "-":
        return sys.stdin.read().removeprefix("\ufeff")
    looks_like_path = len(text_or_file) < 1024 and "\n" not in text_or_file and "{" not in text_or_file
    p = Path(text_or_file)
    if looks_like_path and p.is_file():
        try:
            return p.read_bytes().decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as e:
            raise QueryFileError(f"{p}: not UTF-8 text (byte {e.start}); save the query as UTF-8") from None
        except OSError as e:
            raise QueryFileError(f"{p}: cannot be read ({e.strerror})") from None
    if looks_like_path and (p.suffix.lower() in QUERY_SUFFIXES or p.is_dir()):
        raise QueryFileError(f"{p}: no such query file" if not p.is_dir() else f"{p} is a folder, not a query file")
    return text_or_file


def run_query(g: Graph, query: str):
    """Run SELECT / ASK / CONSTRUCT on an rdflib Graph; a syntax error becomes QueryError with the parser's message."""
    try:
        return g.query(query)
    except Exception as e:  # the parser's own message is what the user needs
        raise QueryError(f"bad SPARQL query: {e}") from None


def format_result(res, fmt: str = "table") -> str:
    """An rdflib result as text (kept for the library callers of run_query)."""
    if res.type == "ASK":
        return ("true" if res.askAnswer else "false") if fmt == "json" else ("yes" if res.askAnswer else "no")
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        return res.graph.serialize(format="turtle")
    from .sparql_results import text_table

    return text_table([str(v) for v in res.vars], [["" if v is None else str(v) for v in row] for row in res])


def render(outcome, fmt: str, bom: bool = False) -> bytes:
    """What `kg query` prints for an outcome of kg.sparql_exec.evaluate."""
    from . import sparql_results as R

    if outcome.form == "ASK":
        if fmt == "json":
            return b"true\n" if outcome.boolean else b"false\n"
        if fmt in ("csv", "tsv"):
            return R.boolean(fmt, outcome.boolean) + b"\n"
        return b"yes\n" if outcome.boolean else b"no\n"
    if outcome.form == "CONSTRUCT":
        if fmt == "json":
            return R.graph("jsonld", outcome.triples)
        if fmt in ("csv", "tsv"):
            rows = [[t.subject, t.predicate, t.object] for t in outcome.triples]
            return R.solutions_csv(["subject", "predicate", "object"], rows, bom) if fmt == "csv" else \
                R.solutions_tsv(["subject", "predicate", "object"], rows)
        return R.graph("turtle", outcome.triples)
    if fmt == "json":
        return (R.typed_json(outcome.names, outcome.rows) + "\n").encode("utf-8")
    if fmt == "csv":
        return R.solutions_csv(outcome.names, outcome.rows, bom)
    if fmt == "tsv":
        return R.solutions_tsv(outcome.names, outcome.rows)
    return (R.table(outcome.names, outcome.rows) + "\n").encode("utf-8")


def query_kg(kg: Path, text: str, max_rows: int = 10_000_000):
    """Check, open the build and evaluate; runs in a thread so Ctrl-C stops the command at once."""
    from .sparql_check import check
    from .sparql_exec import Job, evaluate, open_graph

    check(text)  # a refused query is refused before the build is even opened
    box: dict = {}

    def work():
        try:
            box["out"] = evaluate(open_graph(kg), Job(text, max_rows))
        except BaseException as e:  # handed to the main thread
            box["err"] = e

    t = threading.Thread(target=work, daemon=True, name="kg-query")
    t.start()
    while t.is_alive():
        t.join(0.1)
    if "err" in box:
        raise box["err"]
    return box["out"]
