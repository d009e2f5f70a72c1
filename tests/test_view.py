"""The static graph.html that `kg build` writes, in Debian's headless Chromium: offline, legend colours equal
to node colours, the same bytes on every build, tooltips with evidence shown as text (markup and `href`
in labels included), and a build past 500 nodes that needs no scipy."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.bench_view import random_graph
from kg.rdf import OA, entity_iri
from kg.view import COLORS, render_html
from kg.vocab import KGO, KGR

SHOTS = Path(__file__).resolve().parent.parent / "out" / "screenshots"  # git-ignored, to look at
BAD_LABEL = "<img src=x onerror=alert(1)>有限公司"
BAD_SENTENCE = '该园区<script>alert(2)</script>承载<svg onload=alert(3)>项目，见<a href="x">链接</a>。'


def tiny_graph() -> Graph:
    """Two entities, one relation with an evidence sentence, markup and `href` in the names."""
    g = Graph()
    a, b = entity_iri("a"), entity_iri("b")
    g.add((a, RDF.type, KGO.Park))
    g.add((a, RDFS.label, Literal(BAD_LABEL)))
    g.add((a, SKOS.altLabel, Literal('<a href="javascript:alert(4)">别名</a>')))
    g.add((b, RDF.type, KGO.Project))
    g.add((b, RDFS.label, Literal("示范项目")))
    g.add((a, KGO.hosts, b))
    art, sent, span, st = KGR["article/x.txt"], KGR["article/x.txt/s0"], KGR["article/x.txt/s0/span"], KGR["statement/1"]
    g.add((art, KGO.sourceFile, Literal("x.txt")))
    g.add((sent, KGO.text, Literal(BAD_SENTENCE)))
    g.add((sent, KGO.inArticle, art))
    g.add((sent, KGO.charSpan, span))
    g.add((span, OA.start, Literal(10)))
    g.add((span, OA.end, Literal(40)))
    for p, o in ((RDF.type, KGO.RelationStatement), (RDF.subject, a), (RDF.predicate, KGO.hosts),
                 (RDF.object, b), (PROV.wasDerivedFrom, sent)):
        g.add((st, p, o))
    return g


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    seen = {"remote": [], "dialogs": [], "errors": []}
    page.on("request", lambda r: seen["remote"].append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.KG_READY === true")
    return page, seen


def test_markup_never_reaches_html_raw():
    page = render_html(tiny_graph())
    for raw in ("<img src=x onerror", "<script>alert(2)", "<svg onload", 'href="javascript'):
        assert raw not in page
    assert "&lt;img" not in page  # not pre-escaped either: the browser shows it as text, escaped once


def test_same_bytes_every_time_and_positions_fixed():
    g = random_graph(120)
    a, b = render_html(g), render_html(g)
    assert a == b
    assert '"physics": false' in a and a.count('"x": ') >= 120


@pytest.mark.parametrize("n", [600, 1500])
def test_builds_past_500_nodes(n):
    page = render_html(random_graph(n))  # networkx's spring_layout needed scipy here
    assert f'"nodes": {n}' in page


def test_graph_html_offline_legend_and_tooltips(browser, tmp_path):
    path = tmp_path / "graph.html"
    path.write_text(render_html(tiny_graph()), encoding="utf-8")
    page, seen = open_page(browser, path)
    node = page.evaluate("(() => { const n = nodes.get().find(n => n.kgType === 'Park'); "
                         "return {text: n.title.textContent, tag: n.title.tagName}; })()")
    assert node["tag"] == "DIV" and BAD_LABEL in node["text"] and 'href="javascript:alert(4)"' in node["text"]
    edge = page.evaluate("edges.get()[0].title.textContent")
    assert BAD_SENTENCE in edge and "x.txt [10–40)" in edge
    # hover the edge's midpoint: vis-network shows the evidence as text
    mid = page.evaluate("""(() => { const e = edges.get()[0]; const p = network.getPositions([e.from, e.to]);
        const c = network.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: c.x + r.left, y: c.y + r.top}; })()""")
    page.mouse.move(mid["x"], mid["y"] + 1)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    assert BAD_SENTENCE in page.inner_text("div.vis-tooltip")
    assert page.locator("#mynetwork img, #mynetwork svg, #mynetwork a").count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "graph-tooltip.png"))
    page.close()
    assert seen == {"remote": [], "dialogs": [], "errors": []}


def test_corpus_graph_html_in_chromium(built, browser):
    path = built[1] / "graph.html"
    html = path.read_text(encoding="utf-8")
    assert "https://cdn" not in html and 'src="http' not in html
    page, seen = open_page(browser, path)
    drawn = page.evaluate("network.body.data.nodes.length")
    assert drawn == page.evaluate("window.KG_STATS.nodes") > 100
    colours = page.evaluate("[...new Set(nodes.get().map(n => n.kgType + ' ' + n.color.background))]")
    legend = page.evaluate("[...document.querySelectorAll('#kg-legend > span')].map(s => "
                           "s.textContent.trim() + ' ' + getComputedStyle(s.firstElementChild).backgroundColor)")
    rgb = {t: "rgb({}, {}, {})".format(*(int(c[i:i + 2], 16) for i in (1, 3, 5))) for t, c in COLORS.items()}
    assert sorted(legend) == sorted(f"{t} {rgb[t]}" for t in COLORS)
    for item in colours:  # every node is coloured as the legend says its type is
        t, c = item.split(" ")
        assert COLORS[t] == c
    assert page.evaluate("network.getScale()") >= 0.6  # opens where labels are legible, not on dots
    first = page.evaluate("network.getPositions()")
    page.reload()
    page.wait_for_function("window.KG_READY === true")
    assert page.evaluate("network.getPositions()") == first  # stable: no physics, positions in the file
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "graph-corpus.png"))
    page.close()
    assert seen["remote"] == [] and seen["errors"] == []
