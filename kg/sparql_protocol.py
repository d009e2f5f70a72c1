"""The SPARQL 1.1 Protocol's side of a request: the query and dataset from GET, POST form or POST direct
(strict UTF-8, capped body), and content negotiation (Accept with q-values, or a `format=` parameter)."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from .sparql_errors import BadRequest, BodyTooLarge, NotAcceptable, UnsupportedMediaType, UpdateRefused

# Offered media types, in the server's order of preference, and the writer each one maps to.
RESULT_OFFERS = [("application/sparql-results+json", "json"), ("application/json", "json"),
                 ("application/sparql-results+xml", "xml"), ("application/xml", "xml"),
                 ("text/csv", "csv"), ("text/tab-separated-values", "tsv"), ("text/xml", "xml")]
GRAPH_OFFERS = [("text/turtle", "turtle"), ("application/turtle", "turtle"), ("application/x-turtle", "turtle"),
                ("application/n-triples", "nt"), ("text/plain", "nt"), ("text/n3", "turtle"),
                ("text/rdf+n3", "turtle"), ("application/n3", "turtle"),
                ("application/ld+json", "jsonld"), ("application/x-json+ld", "jsonld"), ("application/json", "jsonld"),
                ("application/rdf+xml", "rdfxml"), ("application/xml", "rdfxml"), ("text/xml", "rdfxml")]
# format= / output= / results= values (SPARQLWrapper sends all three) → (result writer, graph writer)
FORMAT_PARAM = {"json": ("json", "jsonld"), "srj": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "srx": ("xml", "rdfxml"),
                "csv": ("csv", None), "tsv": ("tsv", None), "turtle": (None, "turtle"), "ttl": (None, "turtle"),
                "n3": (None, "turtle"), "nt": (None, "nt"), "ntriples": (None, "nt"), "n-triples": (None, "nt"),
                "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"), "rdf": (None, "rdfxml"),
                "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"), "rdf/xml": (None, "rdfxml")}


@dataclass
class Request:
    query: str | None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None


def _media_ranges(accept: str) -> list[tuple[str, str, float]]:
    out = []
    for part in accept.split(","):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        mtype, _, sub = bits[0].lower().partition("/")
        q = 1.0
        for b in bits[1:]:
            k, _, v = b.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v)))
                except ValueError:
                    q = 0.0
        out.append((mtype, sub or "*", q))
    return out


def negotiate(accept: str | None, offers: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The offer the Accept header likes best (q-value, then the most specific range, then server order)."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = _media_ranges(accept)
    best, best_key = None, (0.0, -1)
    for mt, writer in offers:
        key = _quality(ranges, mt)
        if key[0] > 0 and key > best_key:
            best, best_key = (mt, writer), key
    return best


def _quality(ranges, mt: str) -> tuple[float, int]:
    t, s = mt.split("/")
    match = (-1, 0.0)
    for rt, rs, q in ranges:
        spec = 2 if (rt, rs) == (t, s) else 1 if rt == t and rs == "*" else 0 if rt == "*" else -1
        if spec > match[0]:
            match = (spec, q)
    return match[1], match[0]


def prefers_html(accept: str | None) -> bool:
    """A browser: text/html named explicitly, liked at least as much as any RDF format."""
    if not accept:
        return False
    ranges = _media_ranges(accept)
    q, spec = _quality(ranges, "text/html")
    return spec == 2 and q > 0 and all(_quality(ranges, mt)[0] <= q for mt, _ in GRAPH_OFFERS)


def choose(accept: str | None, form: str | None, fmt: str | None) -> tuple[str, str]:
    """(result writer, graph writer) for this request; raises NotAcceptable when nothing fits the query form."""
    if fmt:
        key = fmt.strip().lower()
        pair = FORMAT_PARAM.get(key)
        if pair is None:
            for mt, w in RESULT_OFFERS + GRAPH_OFFERS:
                if mt == key:
                    pair = (w, None) if (mt, w) in RESULT_OFFERS else (None, w)
                    break
        if pair is None:
            raise NotAcceptable(f"unknown format {fmt!r}: use json, xml, csv, tsv (SELECT, ASK) or turtle, nt, "
                                "jsonld, rdfxml (CONSTRUCT, DESCRIBE)")
        res, gr = pair
        if (form in ("SELECT", "ASK") and res is None) or (form in ("CONSTRUCT", "DESCRIBE") and gr is None):
            raise NotAcceptable(f"format {fmt!r} does not fit a {form} query")
        return res or "json", gr or "turtle"
    res = negotiate(accept, RESULT_OFFERS)
    gr = negotiate(accept, GRAPH_OFFERS)
    if (form in ("SELECT", "ASK") and res is None) or (form in ("CONSTRUCT", "DESCRIBE") and gr is None):
        offers = RESULT_OFFERS if form in ("SELECT", "ASK") else GRAPH_OFFERS
        raise NotAcceptable(f"no result format for a {form} query fits Accept: {accept}; offered: "
                            + ", ".join(dict.fromkeys(m for m, _ in offers)))
    return (res or RESULT_OFFERS[0])[1], (gr or GRAPH_OFFERS[0])[1]


def _pairs(raw: bytes, where: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(raw.decode("ascii", "strict") if raw.isascii() else raw.decode("utf-8"),
                         keep_blank_values=True, strict_parsing=False, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(f"the {where} is not valid UTF-8") from None


def _from_pairs(pairs: list[tuple[str, str]], query: str | None = None) -> Request:
    names = [k for k, _ in pairs]
    if "update" in names:
        raise UpdateRefused("this endpoint is read-only: SPARQL Update ('update=') is not accepted")
    if query is None:
        qs = [v for k, v in pairs if k == "query"]
        if len(qs) > 1:
            raise BadRequest("more than one 'query' parameter")
        query = qs[0] if qs else None
    fmt = next((v for k, v in pairs if k in ("format", "output", "results") and v), None)
    return Request(query, [v for k, v in pairs if k == "default-graph-uri"],
                   [v for k, v in pairs if k == "named-graph-uri"], fmt)


def from_get(query_string: bytes) -> Request:
    return _from_pairs(_pairs(query_string, "query string"))


def _charset_ok(params: str) -> bool:
    for p in params.split(";"):
        k, _, v = p.strip().partition("=")
        if k.lower() == "charset" and v.strip().strip('"').lower() not in ("utf-8", "utf8", "us-ascii"):
            return False
    return True


def from_post(content_type: str, body: bytes, query_string: bytes) -> Request:
    mtype, _, params = (content_type or "").partition(";")
    mtype = mtype.strip().lower()
    url = _pairs(query_string, "query string")
    if mtype == "application/x-www-form-urlencoded":
        return _from_pairs(url + _pairs(body, "form body"))
    if mtype == "application/sparql-update":
        raise UpdateRefused("this endpoint is read-only: SPARQL Update (application/sparql-update) is not accepted")
    if mtype == "application/sparql-query":
        if not _charset_ok(params):
            raise UnsupportedMediaType("a SPARQL query body must be UTF-8")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("the query body is not valid UTF-8") from None
        return _from_pairs(url, query=text.removeprefix("\ufeff"))
    raise UnsupportedMediaType(f"POST needs Content-Type application/sparql-query or "
                               f"application/x-www-form-urlencoded, not {mtype or 'none'!r}")


def check_length(header: str | None, cap: int) -> None:
    if header is not None and header.strip().isdigit() and int(header) > cap:
        raise BodyTooLarge(f"request body of {int(header)} bytes is over the {cap}-byte limit")


async def read_body(stream, cap: int) -> bytes:
    """The body, refusing it as soon as it passes `cap` bytes (whatever Content-Length said)."""
    chunks, n = [], 0
    async for chunk in stream:
        n += len(chunk)
        if n > cap:
            raise BodyTooLarge(f"request body is over the {cap}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)
