"""Run one checked query on a pyoxigraph store and write its answer: the step shared by the server's
workers and `kg query`. Rows past max_rows are never taken from the evaluator, so a cut result is cheap."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from . import sparql_results as R
from .sparql_check import PREFIXES, check, parse_error
from .sparql_errors import BadQuery, BadRequest, GraphUnreadable

DEFAULT_GRAPH_NAMES = {"urn:x-arq:DefaultGraph", "urn:kg:default"}
TRUNCATED = "urn:kg:truncated:max-rows={}"


@dataclass
class Job:
    query: str
    max_rows: int
    result_format: str = "json"   # for SELECT / ASK: json, xml, csv, tsv
    graph_format: str = "turtle"  # for CONSTRUCT / DESCRIBE: turtle, nt, jsonld, rdfxml
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    form: str
    names: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)
    truncated: bool = False


@dataclass
class Answer:
    form: str
    content_type: str
    body: bytes
    rows: int
    truncated: bool


def open_graph(kg: Path) -> ox.Store:
    """kg.store.open_store with its failures as one-line errors (a non-RDF file, an unreadable folder)."""
    from .errors import KGError
    from .store import open_store

    try:
        return open_store(Path(kg))
    except KGError:
        raise
    except (SyntaxError, ValueError, OSError, RuntimeError) as e:
        first = (str(e).splitlines() or [""])[0][:200]
        raise GraphUnreadable(f"{kg} is not a readable RDF build ({type(e).__name__}: {first})") from None


def _graph(iri: str, named: bool = False):
    if iri in DEFAULT_GRAPH_NAMES and not named:
        return ox.DefaultGraph()
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise BadRequest(f"not an IRI: {iri!r} (in {'named' if named else 'default'}-graph-uri)") from None


def evaluate(store: ox.Store, job: Job) -> Outcome:
    """Check (updates and SERVICE refused), parse and evaluate, taking at most max_rows rows or triples."""
    check(job.query)
    kw = {}
    if job.default_graphs:
        kw["default_graph"] = [_graph(g) for g in job.default_graphs]
    if job.named_graphs:
        kw["named_graphs"] = [_graph(g, named=True) for g in job.named_graphs]
    try:
        res = store.query(job.query, prefixes=PREFIXES, **kw)
        if isinstance(res, ox.QueryBoolean):
            return Outcome("ASK", boolean=bool(res))
        if isinstance(res, ox.QueryTriples):
            triples = list(islice(res, job.max_rows + 1))
            return Outcome("CONSTRUCT", triples=triples[:job.max_rows], truncated=len(triples) > job.max_rows)
        names = [v.value for v in res.variables]
        rows = [list(s) for s in islice(res, job.max_rows + 1)]
        return Outcome("SELECT", names, rows[:job.max_rows], truncated=len(rows) > job.max_rows)
    except SyntaxError as e:
        raise parse_error(job.query, str(e)) from None
    except (OSError, RuntimeError, ValueError, TypeError) as e:
        raise BadQuery(f"query failed: {' '.join(str(e).split())[:300]}") from None


def render(out: Outcome, job: Job) -> Answer:
    """The outcome in the format the client asked for."""
    link = TRUNCATED.format(job.max_rows) if out.truncated else None
    if out.form == "ASK":
        fmt = job.result_format
        return Answer("ASK", R.RESULT_TYPES[fmt], R.boolean(fmt, out.boolean), 1, False)
    if out.form == "CONSTRUCT":
        fmt = job.graph_format
        return Answer("CONSTRUCT", R.GRAPH_TYPES[fmt][0], R.graph(fmt, out.triples), len(out.triples), out.truncated)
    fmt = job.result_format
    return Answer("SELECT", R.RESULT_TYPES[fmt], R.solutions(fmt, out.names, out.rows, link), len(out.rows),
                  out.truncated)


def run(store: ox.Store, job: Job) -> Answer:
    return render(evaluate(store, job), job)
