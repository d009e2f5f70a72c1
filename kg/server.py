"""A SPARQL endpoint over HTTP (GET/POST /sparql, SPARQL 1.1 protocol) and the network view at /."""
from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from .errors import QueryError
from .query import run_query


def make_server(g, host: str = "127.0.0.1", port: int = 8000, html_path: Path | None = None) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _send(self, code: int, body: str, ctype: str):
            data = body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", ctype + "; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _answer(self, query: str | None):
            if not query:
                return self._send(400, "missing 'query' parameter", "text/plain")
            try:
                res = run_query(g, query)
                if res.type == "ASK":
                    return self._send(200, json.dumps({"head": {}, "boolean": bool(res.askAnswer)}),
                                      "application/sparql-results+json")
                if res.type in ("CONSTRUCT", "DESCRIBE"):
                    return self._send(200, res.graph.serialize(format="turtle"), "text/turtle")
                return self._send(200, res.serialize(format="json").decode("utf-8"),
                                  "application/sparql-results+json")
            except QueryError as e:
                return self._send(400, str(e), "text/plain")

        def do_GET(self):
            u = urlparse(self.path)
            if u.path == "/sparql":
                return self._answer(parse_qs(u.query).get("query", [None])[0])
            if u.path in ("/", "/graph.html") and html_path and html_path.exists():
                return self._send(200, html_path.read_text(encoding="utf-8"), "text/html")
            return self._send(404, "not found", "text/plain")

        def do_POST(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n).decode("utf-8")
            ctype = self.headers.get("Content-Type", "")
            q = body if "sparql-query" in ctype else parse_qs(body).get("query", [None])[0]
            return self._answer(q)

    return ThreadingHTTPServer((host, port), Handler)
