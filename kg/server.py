"""`kg serve`: the SPARQL 1.1 Protocol endpoint at /sparql and the explorer at /, as a Starlette app on
uvicorn (HTTP/1.1 keep-alive, header cap, request and idle deadlines). Read-only and closed by default:
loopback only, no CORS, Host and Origin checked, queries in killable workers (kg.sparql_pool)."""
from __future__ import annotations

import asyncio
import logging
import os
from http import HTTPStatus
from pathlib import Path

import h11
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from uvicorn.protocols.http.h11_impl import H11Protocol

from . import sparql_protocol as P
from .errors import KGError
from .sparql_check import check
from .sparql_errors import BadRequest, SparqlError
from .sparql_exec import Job, open_graph
from .sparql_pool import Pool

log = logging.getLogger("kg.serve")
MAX_BODY = 1 << 20          # a query of a megabyte is generous; a 300 MB POST is refused unread
MAX_HEADER = 64 << 10       # request line + headers (a GET query lives in the request line)
REQUEST_TIMEOUT = 10.0      # a client has this long to send a whole request once it starts (slowloris)
KEEP_ALIVE = 5              # idle keep-alive connections are closed after this
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_W3 = "http://www.w3.org/ns/formats/"
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol plus a deadline for each request: from its first byte (or the connection's
    opening) the whole request must arrive within REQUEST_TIMEOUT, else the connection is closed."""

    request_timeout = REQUEST_TIMEOUT

    def connection_made(self, transport):
        super().connection_made(transport)
        self._deadline = None
        self._arm()

    def _arm(self):
        if getattr(self, "_deadline", None) is None:
            self._deadline = self.loop.call_later(self.request_timeout, self._expire)

    def _disarm(self):
        if getattr(self, "_deadline", None) is not None:
            self._deadline.cancel()
            self._deadline = None

    def data_received(self, data: bytes) -> None:
        self._arm()
        super().data_received(data)
        if self.conn.their_state not in (h11.IDLE, h11.SEND_BODY):
            self._disarm()

    def _expire(self):
        self._deadline = None
        if self.conn.their_state in (h11.IDLE, h11.SEND_BODY) and not self.transport.is_closing():
            self.transport.close()

    def connection_lost(self, exc):
        self._disarm()
        super().connection_lost(exc)


def _error(e: KGError, status: int | None = None) -> Response:
    st = status or getattr(e, "status", 400)
    headers = dict(SECURITY_HEADERS)
    if st == 503:
        headers["Retry-After"] = "5"
    if st == 413:
        headers["Connection"] = "close"
    return PlainTextResponse(str(e) + "\n", st, headers=headers)


def _service_description(endpoint: str, triples: int, fmt: str) -> bytes:
    n, lit = ox.NamedNode, ox.Literal
    svc, ds, dg = n(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")
    rdf_type = n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    t = [ox.Triple(svc, rdf_type, n(SD + "Service")), ox.Triple(svc, n(SD + "endpoint"), svc),
         ox.Triple(svc, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query")),
         ox.Triple(svc, n(SD + "defaultDataset"), ds), ox.Triple(ds, rdf_type, n(SD + "Dataset")),
         ox.Triple(ds, n(SD + "defaultGraph"), dg), ox.Triple(dg, rdf_type, n(SD + "Graph")),
         ox.Triple(dg, n("http://rdfs.org/ns/void#triples"),
                   lit(str(triples), datatype=n("http://www.w3.org/2001/XMLSchema#integer")))]
    for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
              "N-Triples", "JSON-LD", "RDF_XML"):
        t.append(ox.Triple(svc, n(SD + "resultFormat"), n(FORMATS_W3 + f)))
    from .sparql_results import graph

    return graph(fmt, t, {"sd": SD, "void": "http://rdfs.org/ns/void#", "formats": FORMATS_W3})


class _Guard:
    """Refuse a request head over MAX_HEADER bytes (Request Header Fields Too Large: h11 caps only heads that
    arrive in pieces), and one whose Origin is another site's unless --cors allows it (CSRF and DNS-rebinding
    pages cannot make a visitor's browser run queries here)."""

    def __init__(self, app, allowed: str | None):
        self.app, self.allowed = app, allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            size = len(scope.get("raw_path", b"")) + len(scope["query_string"]) + \
                sum(len(k) + len(v) + 4 for k, v in scope["headers"])
            if size > MAX_HEADER:
                resp = PlainTextResponse(f"[E028] request head of {size} bytes is over the {MAX_HEADER}-byte "
                                         "limit\n", HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                                         headers={**SECURITY_HEADERS, "Connection": "close"})
                return await resp(scope, receive, send)
            headers = dict(scope["headers"])
            origin = headers.get(b"origin")
            if origin is not None:
                o = origin.decode("latin-1").rstrip("/")
                same = o.split("://", 1)[-1] == headers.get(b"host", b"").decode("latin-1")
                if not same and self.allowed not in ("*", o):
                    resp = PlainTextResponse(f"[E028] cross-origin request from {o} refused (start the server "
                                             "with --cors ORIGIN to allow one)\n", 403, headers=SECURITY_HEADERS)
                    return await resp(scope, receive, send)
        return await self.app(scope, receive, send)


class _Lifespan:
    """Start the query workers when the server starts and stop them when it stops; a worker that cannot
    start is reported as its one-line error (kept in pool.startup_error for `kg serve`), not a traceback."""

    def __init__(self, app, pool: Pool):
        self.app, self.pool = app, pool

    async def __call__(self, scope, receive, send):
        if scope["type"] != "lifespan":
            return await self.app(scope, receive, send)
        while True:
            msg = await receive()
            if msg["type"] == "lifespan.startup":
                try:
                    await self.pool.start()
                except KGError as e:
                    self.pool.startup_error = e
                    await send({"type": "lifespan.startup.failed", "message": str(e)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif msg["type"] == "lifespan.shutdown":
                await self.pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


async def _wait_gone(receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


def create_app(kg_dir: Path, *, timeout: float = 30, max_rows: int = 10_000, cors: str | None = None,
               workers: int | None = None, max_memory_mib: float = 2048, allowed_hosts: list[str] | None = None,
               max_body: int = MAX_BODY, explorer: bool = True) -> Starlette:
    """The ASGI app over the build in kg_dir. Opening the build here makes a bad --kg fail before serving."""
    kg_dir = Path(kg_dir)
    store = open_graph(kg_dir)
    counted: list[int] = []

    def triples() -> int:
        """The default graph's size, counted on the first service description asked for (not at start)."""
        if not counted:
            counted.append(int(next(iter(store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))[0].value))
        return counted[0]
    pool = Pool(kg_dir, size=workers or min(4, os.cpu_count() or 2), timeout=timeout, max_memory_mib=max_memory_mib)

    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})
        gone = None
        try:
            if request.method == "POST":
                P.check_length(request.headers.get("content-length"), max_body)
                body = await P.read_body(request.stream(), max_body)
                req = P.from_post(request.headers.get("content-type", ""), body, request.scope["query_string"])
            else:
                req = P.from_get(request.scope["query_string"])
            if req.query is None:
                return describe(request, req)
            if not req.query.strip():
                raise BadRequest("the query is empty")
            form = check(req.query)
            res_fmt, graph_fmt = P.choose(request.headers.get("accept"), form, req.format)
            job = Job(req.query, max_rows, res_fmt, graph_fmt, req.default_graphs, req.named_graphs)
            gone = asyncio.ensure_future(_wait_gone(request.receive))
            ans = await pool.run(job, gone)
        except ClientDisconnect:
            return Response(status_code=400)
        except SparqlError as e:
            return _error(e)
        finally:
            if gone is not None:
                gone.cancel()
        if ans is None:  # the client left; its query was stopped
            return Response(status_code=499)
        headers = {**SECURITY_HEADERS, "Vary": "Accept"}  # the same URL answers in several formats
        if ans.truncated:
            headers["X-SPARQL-MaxRows"] = str(max_rows)
        ctype = ans.content_type + ("; charset=utf-8" if not ans.content_type.endswith("json") else "")
        return Response(ans.body, 200, headers=headers, media_type=ctype)

    def describe(request: Request, req: P.Request) -> Response:
        accept = request.headers.get("accept", "")
        if P.prefers_html(accept) and req.format is None:
            return RedirectResponse("/#/sparql", 303)
        _, fmt = P.choose(accept, "DESCRIBE", req.format)
        endpoint = str(request.url.replace(query="", fragment=""))
        from .sparql_results import GRAPH_TYPES

        return Response(_service_description(endpoint, triples(), fmt), 200, headers=SECURITY_HEADERS,
                        media_type=GRAPH_TYPES[fmt][0])

    routes = [Route("/sparql", sparql, methods=["GET", "HEAD", "POST", "OPTIONS"])]
    if explorer:
        from .explorer import routes as explorer_routes

        routes += explorer_routes(kg_dir, store=store)  # the store opened above, not a second copy

    hosts = allowed_hosts or ["127.0.0.1", "localhost", "::1", "[::1]"]
    middleware = [Middleware(_Lifespan, pool=pool), Middleware(TrustedHostMiddleware, allowed_hosts=hosts)]
    if cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=[cors], allow_methods=["GET", "POST", "HEAD"],
                                     allow_headers=["Accept", "Content-Type"], max_age=600))
    middleware.append(Middleware(_Guard, allowed=cors))
    app = Starlette(routes=routes, middleware=middleware)
    app.state.pool = pool
    return app


def bind(host: str, port: int):
    """The listening socket, made here so a port in use or an unknown host is a one-line error."""
    import errno
    import socket

    from .sparql_errors import ServeError

    if not 0 <= port <= 65535:
        raise ServeError(f"--port {port} is out of range (0–65535)")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as e:
        raise ServeError(f"--host {host!r} is not a name or address this machine can listen on ({e})") from None
    family, kind, proto, _, addr = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as e:
        sock.close()
        why = {errno.EADDRINUSE: "is in use (another server is listening there)",
               errno.EACCES: "needs more privileges (ports below 1024 are for root)",
               errno.EADDRNOTAVAIL: "is not on an address of this machine"}.get(e.errno, f"cannot be opened ({e.strerror})")
        raise ServeError(f"{host}:{port} {why}") from None
    sock.set_inheritable(True)
    return sock


def run(app, sock, *, log_level: str = "warning", access_log: bool = False,
        request_timeout: float = REQUEST_TIMEOUT) -> None:
    """Serve the app on the bound socket with uvicorn until Ctrl-C / SIGTERM (a graceful stop)."""
    import uvicorn

    protocol = type("GuardedH11", (GuardedH11,), {"request_timeout": request_timeout})
    config = uvicorn.Config(app, http=protocol, lifespan="on", log_level=log_level, access_log=access_log,
                            timeout_keep_alive=KEEP_ALIVE, h11_max_incomplete_event_size=MAX_HEADER,
                            limit_concurrency=512, backlog=2048, timeout_graceful_shutdown=5,
                            server_header=False, proxy_headers=False)
    pool = getattr(getattr(app, "state", None), "pool", None)
    quiet = _StartupFailureFilter()
    logging.getLogger("uvicorn.error").addFilter(quiet)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except SystemExit:
        if pool is not None and pool.startup_error is not None:
            raise pool.startup_error from None  # `kg serve` shows it as its one line
        raise
    finally:
        logging.getLogger("uvicorn.error").removeFilter(quiet)


class _StartupFailureFilter(logging.Filter):
    """uvicorn logs a failed start in two lines; `kg serve` reports it itself, once."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        return not (msg.startswith("[E0") or msg.startswith("Application startup failed"))
