"""What a query is, decided before it runs: its form (SELECT / ASK / CONSTRUCT / DESCRIBE), updates and
SERVICE refused, unknown prefixes named, the parser's message cut to one line. Lexical, so it errs on the
side of refusing: see docs/server.md for why this check (and not the evaluator) keeps SERVICE out."""
from __future__ import annotations

import re

from .sparql_errors import BadQuery, ServiceRefused, UpdateRefused

# Prefixes every query may use without declaring them (like the Wikidata Query Service does).
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "kgo": "https://kg.example.org/ontology#",
    "kgr": "https://kg.example.org/id/",
}

_SKIP = re.compile(r'''
    (?P<comment>\#[^\n\r]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
''', re.X | re.S)
_UESC = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile(r"service", re.I)
_SEGMENT = re.compile(r"[\w\-\u00B7]*\Z")
_PREFIX_PART = re.compile(r"[\w.\-]*\Z")
_KEYWORD = re.compile(r"(?<![\w:.\-])(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE"
                      r"|ADD|WITH)(?![\w:\-])", re.I)
_PNAME = re.compile(r"(?<![\w:.\-])([A-Za-z\u00C0-\uFFFF][\w.\-]*)?:(?=[\w\-:%\\\u00C0-\uFFFF]|[\s;,.)}\]]|$)")
_DECLARED = re.compile(r"PREFIX\s+([\w.\-]*):", re.I)
_CLASS_LIST = re.compile(r"\[[^\[\]]*\.\.=[^\[\]]*\]")


def code_view(query: str) -> str:
    """The query with comments, string literals, IRIs and variables blanked out (positions kept)."""
    return _SKIP.sub(lambda m: " " * len(m.group(0)), query)


def _service_at(code: str) -> int | None:
    """Offset of a SERVICE that the parser could read as the keyword (anything but a prefixed name's local part)."""
    for m in _SERVICE.finditer(code):
        seg = _SEGMENT.search(code, 0, m.start())
        j = seg.start()
        if j > 0 and code[j - 1] == ":":
            pre = _PREFIX_PART.search(code, 0, j - 1)
            if pre.start() == 0 or code[pre.start() - 1] != ":":
                continue  # ex:xservice, _:bservice — a name, not the keyword
        return m.start()
    return None


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def check(query: str) -> str | None:
    """The query form, or None when no form keyword is found (the parser then says what is wrong).
    Raises UpdateRefused for any update and ServiceRefused for any SERVICE, before anything runs."""
    unescaped = _UESC.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if int(m.group(1) or m.group(2), 16)
                          < 0x110000 else "?", query)
    for text in (query, unescaped):  # the spec unescapes \u before parsing; Oxigraph does not: refuse either way
        code = code_view(text)
        at = _service_at(code)
        if at is not None:
            raise ServiceRefused(f"SERVICE (federated query) is not allowed on this endpoint ({_line_col(text, at)}); "
                                 "the service never connects to other servers")
    code = code_view(query)
    m = _KEYWORD.search(code)
    if m is None:
        return None
    form = m.group(1).upper()
    if form not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
        raise UpdateRefused(f"{form} is a SPARQL Update: this endpoint is read-only (SELECT, ASK, CONSTRUCT and "
                            "DESCRIBE only)")
    return form


def undeclared_prefix(query: str) -> tuple[str, str] | None:
    """The first prefix used but neither declared nor predefined, with where it is."""
    code = code_view(query)
    declared = set(_DECLARED.findall(code)) | set(PREFIXES)
    for m in _PNAME.finditer(code):
        name = m.group(1) or ""
        if name == "_" or (m.start() > 0 and code[m.start() - 1] == "_"):
            continue
        if re.search(r"PREFIX\s+\Z", code[max(0, m.start() - 40):m.start()], re.I):
            continue  # the declaration itself
        if name not in declared:
            return name, _line_col(query, m.start())
    return None


def parse_error(query: str, message: str) -> BadQuery:
    """The parser's message as one line a user can act on."""
    if "Prefix not found" in message:
        hit = undeclared_prefix(query)
        if hit:
            return BadQuery(f"unknown prefix '{hit[0]}:' at {hit[1]}: declare it with PREFIX {hit[0]}: <…> "
                            f"(predefined: {', '.join(sorted(PREFIXES))})")
    msg = _CLASS_LIST.sub("a name character", message)
    msg = re.sub(r"\s+", " ", msg).strip()
    m = re.match(r"error at (\d+):(\d+): (.*)", msg)
    if m:
        msg = f"line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return BadQuery(f"bad SPARQL query: {msg}")
