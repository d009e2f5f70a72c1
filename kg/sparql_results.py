"""Query results written out: SPARQL 1.1 JSON / XML / CSV / TSV for SELECT and ASK, RDF formats for
CONSTRUCT and DESCRIBE, typed JSON and display-width tables for the CLI. Written here (not by pyoxigraph's
serializers) because a result cut at --max-rows has to be serialised from the rows already taken."""
from __future__ import annotations

import csv
import io
import json
import math
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from wcwidth import wcswidth

from .sparql_check import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
                              "unsignedShort", "unsignedByte")}
REALS = {XSD + t for t in ("decimal", "double", "float")}
STRING = XSD + "string"
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": ("text/turtle", ox.RdfFormat.TURTLE), "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
               "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD), "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML)}


def _literal_parts(t: ox.Literal) -> tuple[str, str | None, str | None]:
    lang = t.language
    dt = t.datatype.value if t.datatype is not None else None
    return t.value, lang, (None if lang or dt == STRING else dt)


def term_json(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        value, lang, dt = _literal_parts(t)
        d = {"type": "literal", "value": value}
        if lang:
            d["xml:lang"] = lang
        elif dt:
            d["datatype"] = dt
        return d
    return {"type": "triple", "value": {"subject": term_json(t.subject), "predicate": term_json(t.predicate),
                                        "object": term_json(t.object)}}


def _head(names: list[str], link: str | None) -> dict:
    head: dict = {"vars": names}
    if link:
        head["link"] = [link]
    return head


def solutions_json(names: list[str], rows: list[list], link: str | None = None) -> bytes:
    bindings = [{n: term_json(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": _head(names, link), "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _term_xml(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        value, lang, dt = _literal_parts(t)
        attr = f" xml:lang={quoteattr(lang)}" if lang else f" datatype={quoteattr(dt)}" if dt else ""
        return f"<literal{attr}>{escape(value)}</literal>"
    return (f"<triple><subject>{_term_xml(t.subject)}</subject><predicate>{_term_xml(t.predicate)}</predicate>"
            f"<object>{_term_xml(t.object)}</object></triple>")


def _xml(head: str, body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head>{body}</sparql>\n").encode("utf-8")


def solutions_xml(names: list[str], rows: list[list], link: str | None = None) -> bytes:
    head = "".join(f"<variable name={quoteattr(n)}/>" for n in names) + (f"<link href={quoteattr(link)}/>" if link else "")
    res = "".join("<result>" + "".join(f"<binding name={quoteattr(n)}>{_term_xml(t)}</binding>"
                                       for n, t in zip(names, row) if t is not None) + "</result>" for row in rows)
    return _xml(head, f"<results>{res}</results>")


def _csv_cell(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    return str(t)


def solutions_csv(names: list[str], rows: list[list], bom: bool = False) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(names)
    w.writerows([_csv_cell(t) for t in row] for row in rows)
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def _tsv_cell(t) -> str:
    if t is None:
        return ""
    s = str(t)  # N-Triples / Turtle form, as the TSV format asks
    return s.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def solutions_tsv(names: list[str], rows: list[list]) -> bytes:
    lines = ["\t".join("?" + n for n in names)] + ["\t".join(_tsv_cell(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def solutions(fmt: str, names: list[str], rows: list[list], link: str | None = None) -> bytes:
    if fmt == "json":
        return solutions_json(names, rows, link)
    if fmt == "xml":
        return solutions_xml(names, rows, link)
    if fmt == "csv":
        return solutions_csv(names, rows)
    return solutions_tsv(names, rows)


def boolean(fmt: str, value: bool) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return _xml("", f"<boolean>{'true' if value else 'false'}</boolean>")
    return b"true" if value else b"false"  # what Oxigraph writes for CSV / TSV (the formats define no boolean)


def graph(fmt: str, triples: list, prefixes: dict | None = None) -> bytes:
    if prefixes is None:
        prefixes = {k: v for k, v in PREFIXES.items() if k != "kgr"}
    prefixes = prefixes if fmt in ("turtle", "rdfxml") else None
    return ox.serialize(triples, format=GRAPH_TYPES[fmt][1], prefixes=prefixes) or b""


# The CLI's own renderings ----------------------------------------------------------------------------

def typed(t):
    """A term as the JSON value a program expects: numbers as numbers, booleans as booleans, unbound as null."""
    if t is None:
        return None
    if isinstance(t, ox.Literal):
        dt = t.datatype.value if t.datatype is not None else ""
        try:
            if dt in INTEGERS:
                return int(t.value)
            if dt == XSD + "decimal" and t.value.lstrip("+-").replace(".", "", 1).isdigit():
                d = Decimal(t.value)
                return int(d) if d == d.to_integral_value() else float(d)
            if dt in REALS:
                x = float(t.value)
                return x if math.isfinite(x) else t.value
        except ValueError:
            return t.value
        if dt == XSD + "boolean":
            return t.value in ("true", "1")
        return t.value
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


def typed_json(names: list[str], rows: list[list]) -> str:
    return json.dumps([{n: typed(t) for n, t in zip(names, row)} for row in rows], ensure_ascii=False, indent=1)


def width(s: str) -> int:
    w = wcswidth(s)
    return len(s) if w < 0 else w


def _pad(s: str, w: int) -> str:
    return s + " " * (w - width(s))


def text_table(names: list[str], cells: list[list[str]]) -> str:
    """Columns aligned by display width (a Chinese character takes two cells); one line per row."""
    cells = [[" ".join(c.split()) for c in row] for row in cells]
    widths = [max([width(n)] + [width(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = lambda cs: "  ".join(_pad(c, w) for c, w in zip(cs, widths)).rstrip()  # noqa: E731
    return "\n".join([line(names), line(["-" * w for w in widths])] + [line(r) for r in cells] +
                     [f"({len(cells)} row{'s' if len(cells) != 1 else ''})"])


def table(names: list[str], rows: list[list]) -> str:
    return text_table(names, [[_csv_cell(t) for t in row] for row in rows])
