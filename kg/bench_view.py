"""`make bench` (views): time to first drawing in headless Chromium for graph.html and the explorer, on the
corpus graph and a generated 5,000-node graph, and the draw time of one frame while panning. Reported as
ratios against a 10-node graph.html measured in the same run, plus the milliseconds for reference."""
from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

CHROMIUM = "/usr/bin/chromium"
# Each animation frame, once the network holds nodes, note the time of the frame after (the first one drawn).
FIRST_DRAW = """(() => {
  window.__kgFirstDraw = null;
  const net = () => (window.KG && KG.explore && KG.explore.network) || (typeof network !== "undefined" && network);
  const tick = () => {
    const n = net();
    if (n && n.body && Object.keys(n.body.nodes).length) {
      requestAnimationFrame(() => { window.__kgFirstDraw = performance.now(); });
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();"""
FRAME_HOOK = """(which) => {
  const n = which === "explorer" ? KG.explore.network : network;
  window.__kgFrames = [];
  let t0 = 0;
  n.on("beforeDrawing", () => { t0 = performance.now(); });
  n.on("afterDrawing", () => { window.__kgFrames.push(performance.now() - t0); });
  const box = n.body.container.getBoundingClientRect();
  return {x: box.left + box.width / 2, y: box.top + box.height / 2};
}"""


def _pan_frame_ms(page, which: str) -> float | None:
    """Median draw time of the frames while the mouse drags the canvas (what panning costs a user)."""
    at = page.evaluate(FRAME_HOOK, which)
    page.mouse.move(at["x"], at["y"])
    page.mouse.down()
    for i in range(1, 25):
        page.mouse.move(at["x"] + i * 12, at["y"] + i * 8)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
    page.mouse.up()
    times = sorted(page.evaluate("window.__kgFrames"))
    return statistics.median(times) if times else None


def random_graph(n: int, seed: int = 3) -> Graph:
    """n entities of every type: a random tree over 90 % of them, extra partOf links, the rest isolated."""
    from .model import ENTITY_TYPES
    from .rdf import entity_iri
    from .vocab import KGO

    rng = random.Random(seed)
    g = Graph()
    for i in range(n):
        e = entity_iri(f"e{i}")
        g.add((e, RDF.type, KGO[ENTITY_TYPES[i % len(ENTITY_TYPES)]]))
        g.add((e, RDFS.label, Literal(f"实体{i}", lang="zh")))
        if 0 < i < n * 0.9:
            g.add((e, KGO.locatedIn, entity_iri(f"e{rng.randrange(i)}")))
    for _ in range(n // 5):
        g.add((entity_iri(f"e{rng.randrange(n)}"), KGO.partOf, entity_iri(f"e{rng.randrange(n)}")))
    return g


def _measure(browser, url: str, which: str, ready: str) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)  # Playwright polls with eval
    page.add_init_script(FIRST_DRAW)
    page.goto(url)
    page.wait_for_function("window.__kgFirstDraw !== null", timeout=120_000)
    page.wait_for_function(ready, timeout=120_000)
    first = page.evaluate("window.__kgFirstDraw")
    frame = _pan_frame_ms(page, which)
    page.close()
    return {"first_draw_ms": round(first, 1), "frame_ms": round(frame, 2) if frame is not None else None}


def _serve(kg_dir: Path) -> tuple[str, object]:
    import uvicorn

    from .server import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(kg_dir), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}/", server


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kg", type=Path, default=Path("out"), help="a build folder (kg.ttl + graph.html)")
    ap.add_argument("--nodes", type=int, default=5000)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from .view import render_html

    report: dict = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        graphs = {"baseline_10": random_graph(10), f"generated_{args.nodes}": random_graph(args.nodes)}
        pages = {}
        for name, g in graphs.items():
            t0 = time.perf_counter()
            html = render_html(g)
            report[f"graph.html {name} python_s"] = round(time.perf_counter() - t0, 3)
            (tmp / name).mkdir()
            (tmp / name / "kg.ttl").write_text(g.serialize(format="turtle"), encoding="utf-8")
            pages[name] = tmp / name / "graph.html"
            pages[name].write_text(html, encoding="utf-8")
        if (args.kg / "graph.html").is_file():
            pages["corpus"] = args.kg / "graph.html"
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        base = None
        for name, path in pages.items():
            m = _measure(b, path.resolve().as_uri(), "graph", "window.KG_READY === true")
            base = base or m["first_draw_ms"]
            report[f"graph.html {name}"] = dict(m, ratio_to_baseline=round(m["first_draw_ms"] / base, 2))
        for name, kg_dir in (("corpus", args.kg), (f"generated_{args.nodes}", tmp / f"generated_{args.nodes}")):
            if not (kg_dir / "kg.ttl").is_file():
                continue
            t0 = time.perf_counter()
            url, server = _serve(kg_dir)
            report[f"explorer {name} startup_s"] = round(time.perf_counter() - t0, 3)
            m = _measure(b, url, "explorer", "document.body.dataset.ready === '1'")
            report[f"explorer {name}"] = dict(m, ratio_to_baseline=round(m["first_draw_ms"] / base, 2))
            server.should_exit = True
        b.close()
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
