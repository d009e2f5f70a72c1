"""`kg push --endpoint URL`: load a build into any SPARQL 1.1 Graph Store Protocol server, replacing each
named graph (one per article, one for the entities) with an HTTP PUT, so pushing a rebuilt corpus
updates what changed and leaves other graphs on the server alone."""
from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from .errors import PushError
from .store import open_store


def graph_url(endpoint: str, graph: str) -> str:
    """The GSP address of a named graph (indirect identification: ?graph=IRI)."""
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def _put(url: str, body: bytes, timeout: float) -> None:
    req = urllib.request.Request(url, data=body, method="PUT",
                                 headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
    except urllib.error.HTTPError as e:
        raise PushError(f"{url}: the server answered {e.code} {e.reason}: {e.read()[:200]!r}") from None
    except (urllib.error.URLError, OSError) as e:
        raise PushError(f"{url}: cannot reach the server ({getattr(e, 'reason', e)})") from None


def push(kg: Path, endpoint: str, timeout: float = 60.0) -> tuple[int, int]:
    """PUT every named graph of the build in KG; returns (graphs, triples) sent."""
    if not endpoint.startswith(("http://", "https://")):
        raise PushError(f"{endpoint}: the endpoint must be an http:// or https:// URL")
    store = open_store(Path(kg))
    graphs = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    if not graphs:
        raise PushError(f"{kg}: the build has no named graphs (built before stores?): rebuild with `kg build`")
    total = 0
    for g in graphs:
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g)]
        total += len(triples)
        _put(graph_url(endpoint, g.value), ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), timeout)
    return len(graphs), total
