"""The explorer's routes for `kg serve`: the page at /, its static files (vis-network served from the pyvis
package, nothing from a CDN) and a JSON API under /api/ — search, entity panel, network, paths, articles."""
from __future__ import annotations

import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from .errors import ExplorerNotFound, ExplorerParamError
from .explorer_entity import article_view, entity_panel, evidence, names_of
from .explorer_graph import GraphView
from .explorer_index import PREFIXES, load_index
from .explorer_search import SearchIndex
from .model import ENTITY_TYPES, RELATIONS
from .view import COLORS, RELATION_ZH

STATIC = Path(__file__).parent / "static"
QUERIES = Path(__file__).resolve().parent.parent / "queries"
SECURITY = {"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                      "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def vis_network_dir() -> Path:
    """vis-network as shipped inside the pyvis package (the newest version it carries)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    dirs = sorted(lib.glob("vis-*/vis-network.min.js"), key=lambda p: [int(x) for x in p.parent.name[4:].split(".")])
    return dirs[-1].parent


def examples(folder: Path | None = None) -> list[dict]:
    """queries/*.rq as the SPARQL page's examples: the title from the file name, the first comment line
    as the description (the project's queries/, else ./queries for an installed package)."""
    folder = folder or next((d for d in (QUERIES, Path.cwd() / "queries") if d.is_dir()), QUERIES)
    out = []
    for p in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        text = p.read_text(encoding="utf-8")
        first = next((ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")), "")
        out.append({"name": p.stem, "title": p.stem.replace("_", " ").capitalize(), "description": first,
                    "query": text})
    return out


class Explorer:
    """Everything the API answers from, built once when the server starts."""

    def __init__(self, kg_dir: Path, store=None, corpus: Path | None = None):
        from .store import open_store

        self.kg_dir = Path(kg_dir)
        self.index = load_index(store if store is not None else open_store(self.kg_dir))
        self.search = SearchIndex(self.index)
        self.graph = GraphView(self.index)
        base = self.kg_dir if self.kg_dir.is_dir() else self.kg_dir.parent
        env = os.environ.get("KG_CORPUS")
        self.corpus_dirs = [Path(p) for p in (corpus, env, base / "corpus", base.parent / "corpus",
                                              Path.cwd() / "corpus") if p]
        self.examples = examples()

    def meta(self) -> dict:
        return {"types": [{"name": t, "color": COLORS.get(t, "#999999")} for t in ENTITY_TYPES],
                "relations": [{"name": r, "label": RELATION_ZH.get(r, r)} for r in RELATIONS],
                "counts": {"entities": len(self.index.entities), "relations": len(self.index.edges),
                           "facts": sum(map(len, self.index.facts.values())), "articles": len(self.index.articles)},
                "prefixes": PREFIXES, "example": self._example()}

    def _example(self) -> dict | None:
        """The most connected entity with a Chinese name, spelled in pinyin: the search box's hint."""
        from .explorer_search import CJK, pinyin_keys

        named = [e for e in self.index.entities.values() if CJK.search(e.label)]
        if not named:
            return None
        e = min(named, key=lambda e: (-self.index.degree(e.id), e.id))
        full, initials = pinyin_keys(e.label)
        return {"id": e.id, "label": e.label, "pinyin": full, "initials": initials}


def _set(request: Request, name: str, allowed) -> set[str] | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    vals = {v for v in raw.split(",") if v}
    bad = sorted(vals - set(allowed))
    if bad:
        raise ExplorerParamError(f"unknown {name}: {', '.join(bad)}")
    return vals


def _json(data, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers={"Cache-Control": "no-store"})


def _error(e) -> JSONResponse:
    return _json({"error": str(e), "code": e.code}, 404 if isinstance(e, ExplorerNotFound) else 400)


def routes(kg_dir: Path, store=None, corpus: Path | None = None) -> list[BaseRoute]:
    """The explorer's routes over the build in kg_dir, to mount in the server's Starlette app."""
    ex = Explorer(kg_dir, store, corpus)
    vis = vis_network_dir()

    def guarded(fn):
        async def handler(request: Request):
            try:
                return fn(request)
            except (ExplorerNotFound, ExplorerParamError) as e:
                return _error(e)
            except ValueError as e:
                return _error(ExplorerParamError(f"bad parameter: {e}"))
        return handler

    def entity_or_404(eid: str):
        if eid not in ex.index.entities:
            raise ExplorerNotFound(f"no entity {eid!r}")
        return eid

    def page(request: Request):
        return FileResponse(STATIC / "index.html", headers=SECURITY)

    def meta(request):
        return _json(ex.meta())

    def search(request):
        types = _set(request, "types", ENTITY_TYPES)
        limit = min(int(request.query_params.get("limit", "20") or 20), 100)
        hits = ex.search.search(request.query_params.get("q", ""), limit=limit, types=types)
        return _json({"hits": [h.as_dict() for h in hits]})

    def entity(request):
        return _json(entity_panel(ex.index, entity_or_404(request.path_params["eid"])))

    def graph(request):
        types, rels = _set(request, "types", ENTITY_TYPES), _set(request, "rels", RELATIONS)
        focus = request.query_params.get("focus")
        if focus:  # expand=1: the direct neighbours only (a double-click in the network)
            ring = request.query_params.get("expand") != "1"
            return _json(ex.graph.neighbourhood(entity_or_404(focus), types, rels, second_ring=ring))
        limit = min(int(request.query_params.get("limit", "60") or 60), 500)
        return _json(ex.graph.overview(types, rels, limit=limit))

    def path(request):
        a = entity_or_404(request.query_params.get("from", ""))
        b = entity_or_404(request.query_params.get("to", ""))
        view = ex.graph.paths(a, b, _set(request, "types", ENTITY_TYPES), _set(request, "rels", RELATIONS))
        for e in view["edges"]:
            edge = ex.index.edges[e["id"]]
            groups = [("subject", names_of(ex.index, edge.subject)), ("object", names_of(ex.index, edge.object))]
            e["evidence_list"] = [evidence(ex.index, s, groups, rule) for s, rule in edge.evidence]
        return _json(view)

    async def nodes(request: Request):
        try:
            body = await request.json()
            ids = [i for i in body.get("ids", [])[:500] if isinstance(i, str) and i in ex.index.entities]
            pairs = [tuple(p) for p in body.get("pairs", [])[:5000] if isinstance(p, list) and len(p) == 2]
        except (ValueError, AttributeError, TypeError):
            return _error(ExplorerParamError("expected JSON {ids: [...], pairs: [[a, b], ...]}"))
        return _json(ex.graph.induced(ids, pairs))

    def article(request):
        view = article_view(ex.index, request.path_params["file"], ex.corpus_dirs)
        if view is None:
            raise ExplorerNotFound(f"no article {request.path_params['file']!r}")
        return _json(view)

    def example_list(request):
        return _json({"examples": ex.examples})

    def vendor(request):
        name = request.path_params["name"]
        if name not in ("vis-network.min.js", "vis-network.css"):
            return Response("not found", 404)
        return FileResponse(vis / name)

    return [
        Route("/", guarded(page)),
        Route("/api/meta", guarded(meta)),
        Route("/api/search", guarded(search)),
        Route("/api/entity/{eid:path}", guarded(entity)),
        Route("/api/graph", guarded(graph)),
        Route("/api/path", guarded(path)),
        Route("/api/nodes", nodes, methods=["POST"]),
        Route("/api/article/{file:path}", guarded(article)),
        Route("/api/examples", guarded(example_list)),
        Route("/vendor/{name}", vendor),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
