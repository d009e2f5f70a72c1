"""The explorer in Debian's headless Chromium over a real server on loopback: pinyin search → entity panel
with evidence, type filter, example query, URL round trip, path, markup article shown as text, and no
request leaving 127.0.0.1. Screenshots of each step are kept in out/screenshots/ (git-ignored) to look at."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "out" / "screenshots"
MARKUP = """标记测试：园区<script>alert(1)</script>新闻

北仑区<img src=x onerror=alert(2)>科技园位于北仑区，宁波星海<svg onload=alert(3)>科技有限公司投资10亿元建设星海智能制造项目。

宁波星海科技有限公司在<script>alert(4)</script>北仑区投资建设星海智能制造项目，项目总投资12亿元。
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def markup_build(tmp_path_factory):
    """The corpus plus an article of our own whose title and sentences carry markup."""
    from kg.build import build

    d = tmp_path_factory.mktemp("explorer")
    corpus = d / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "900_markup.txt").write_text(MARKUP, encoding="utf-8")
    build(corpus, d / "out")
    SHOTS.mkdir(parents=True, exist_ok=True)
    return d / "out"


@pytest.fixture(scope="module")
def server(markup_build):
    port = _free_port()
    cmd = [sys.executable, "-m", "kg", "serve", "--kg", str(markup_build), "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/api/meta", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("server exited: " + proc.stderr.read().decode())
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


class Page:
    """A page that records every request and dialog, so each test can assert none left loopback."""

    def __init__(self, browser, base, shots: Path):
        self.base, self.shots = base, shots
        # bypass_csp: Playwright polls wait_for_function strings with eval, which the page's CSP forbids
        self.page = browser.new_page(viewport={"width": 1500, "height": 900}, bypass_csp=True)
        self.requests, self.dialogs, self.errors = [], [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, hash_: str = ""):
        self.page.goto(self.base + "/" + hash_)
        self.page.wait_for_selector("body[data-ready='1']", timeout=20000)
        return self.page

    def shot(self, name: str):
        self.page.screenshot(path=str(self.shots / f"{name}.png"))

    def close(self):
        outside = [u for u in self.requests if not u.startswith((self.base + "/", "data:", "blob:"))]
        self.page.close()
        assert outside == [], outside
        assert self.dialogs == [] and self.errors == [], (self.dialogs, self.errors)


@pytest.fixture
def page(browser, server, markup_build):
    p = Page(browser, server, SHOTS)
    yield p
    p.close()


def test_pinyin_search_opens_entity_with_evidence(page):
    pg = page.open()
    page.shot("01-overview")
    pg.fill("#search", "beilun")
    first = pg.locator("#search-hits li").first
    first.wait_for()
    assert "北仑区" in first.inner_text()
    page.shot("02-search-beilun")
    pg.keyboard.press("Enter")
    pg.wait_for_selector("#panel[data-entity='北仑区']")
    assert pg.inner_text("#entity-label") == "北仑区"
    ev = pg.locator("#panel .relation .evidence").first
    text = ev.inner_text()
    assert "北仑" in text and ".txt" in text and "–" in text  # sentence, article file, [start–end)
    assert ev.locator("mark").count() == 2  # both mentions highlighted
    assert "宁波市" in pg.inner_text("#panel .chain")
    assert pg.locator("#panel table.facts tr.fact").count() > 5  # the district's figures
    assert pg.locator("#panel table.facts tr.fact-ev .evidence").count() == pg.locator("#panel table.facts tr.fact").count()
    page.shot("03-entity-panel")
    ev.locator(".open-article").click()
    hit = pg.locator("#article-hit")
    hit.wait_for()
    assert hit.inner_text().strip() and hit.inner_text().strip()[:6] in text
    page.shot("04-article")


def test_search_says_when_nothing_matches_and_hints_from_this_graph(page):
    pg = page.open()
    assert "beilun" in pg.get_attribute("#search", "placeholder")  # the corpus's most connected entity
    pg.fill("#search", "zzzzqqq")
    none = pg.locator("#search-hits li.none")
    none.wait_for()
    assert "no match" in none.inner_text() and "zzzzqqq" in none.inner_text()
    pg.keyboard.press("Enter")  # nothing to open: the panel stays as it was
    assert pg.locator("#search-hits li.none").count() == 1
    page.shot("12-search-no-match")


def test_initials_search_and_type_filter(page):
    pg = page.open()
    pg.fill("#search", "bl")
    pg.locator("#search-hits li").first.wait_for()
    assert "北仑区" in pg.locator("#search-hits li").first.inner_text()
    types = pg.evaluate("KG.explore.nodes.get().map(n => n.type)")
    assert "Place" in types and len(types) > 20
    # the type filters are the legend: each swatch has the colour of that type's nodes
    swatch = pg.evaluate("Object.fromEntries([...document.querySelectorAll('#type-filters label')].map(l => "
                         "[l.querySelector('input').value, getComputedStyle(l.querySelector('.swatch')).backgroundColor]))")
    nodes = pg.evaluate("KG.explore.nodes.get().map(n => [n.type, n.color.background])")
    rgb = lambda c: "rgb({}, {}, {})".format(*(int(c[i:i + 2], 16) for i in (1, 3, 5)))
    assert all(swatch[t] == rgb(c) for t, c in nodes)
    pg.uncheck("#type-filters input[value=Place]")
    pg.wait_for_function("!KG.explore.nodes.get().some(n => n.type === 'Place') && KG.explore.nodes.length > 0")
    assert "types=" in pg.url and "Place" not in pg.url.split("types=")[1]
    page.shot("05-filter-no-place")


def test_stable_layout_and_expand(page):
    pg = page.open()
    first = pg.evaluate("KG.explore.network.getPositions()")
    pg = page.open("#/?e=%E8%8A%AF%E6%B8%AF%E5%B0%8F%E9%95%87")
    pg = page.open()
    assert pg.evaluate("KG.explore.network.getPositions()") == first
    # a drawn entity with a neighbour not drawn yet; double-click it on the canvas
    import json
    from urllib.parse import quote

    drawn = set(first)
    grow = next(i for i in sorted(drawn) if {n["id"] for n in json.loads(urllib.request.urlopen(
        f"{page.base}/api/graph?expand=1&focus={quote(i)}").read())["nodes"]} - drawn)
    at = pg.evaluate("""id => { const p = KG.explore.network.getPositions([id])[id];
        const c = KG.explore.network.canvasToDOM(p); const r = document.getElementById("network").getBoundingClientRect();
        return {x: c.x + r.left, y: c.y + r.top, inside: c.x > 0 && c.y > 0 && c.x < r.width && c.y < r.height}; }""", grow)
    if not at["inside"]:  # bring it into view first
        pg.evaluate("id => KG.explore.network.focus(id, {scale: 0.8, animation: false})", grow)
        at = pg.evaluate("""id => { const c = KG.explore.network.canvasToDOM(KG.explore.network.getPositions([id])[id]);
            const r = document.getElementById("network").getBoundingClientRect(); return {x: c.x + r.left, y: c.y + r.top}; }""", grow)
    pg.mouse.dblclick(at["x"], at["y"])
    pg.wait_for_function(f"KG.explore.nodes.length > {len(drawn)}")
    after = pg.evaluate("KG.explore.network.getPositions()")
    assert all(after[k] == v for k, v in first.items())  # expanding moves nothing already drawn
    page.shot("05b-expanded")


def test_example_query_gives_table(page):
    pg = page.open("#/sparql")
    pg.select_option("#examples", "chain_leaders")
    pg.wait_for_selector("table.results tbody tr")
    rows = pg.locator("table.results tbody tr").all_inner_texts()
    assert any("中芯宁波" in r and "芯港小镇" in r for r in rows)
    assert "行 rows" in pg.inner_text("#sparql-status") and "ms" in pg.inner_text("#sparql-status")
    assert pg.locator("#editor-hl .tok-kw").first.inner_text() in ("PREFIX", "SELECT")  # syntax colours
    assert pg.inner_text("#editor-hl").strip() == pg.input_value("#editor").strip()
    page.shot("06-sparql-example")
    pg.fill("#editor", "SELECT ?x WHERE { ?x a }")
    pg.click("#run")
    pg.wait_for_selector("#sparql-error:not([hidden])")
    assert pg.inner_text("#sparql-error").strip()
    page.shot("07-sparql-error")


def test_numbers_right_aligned_and_iris_link_to_panel(page):
    pg = page.open("#/sparql")
    pg.select_option("#examples", "big_investments")
    pg.wait_for_selector("table.results tbody tr")
    assert pg.locator("table.results td.num").count() > 0
    assert pg.eval_on_selector("table.results td.num", "td => getComputedStyle(td).textAlign") == "right"
    pg.fill("#editor", "PREFIX kgo: <https://kg.example.org/ontology#> SELECT ?p WHERE { ?p a kgo:Park } ORDER BY ?p LIMIT 5")
    pg.click("#run")
    pg.wait_for_selector("table.results a.entity-link")
    pg.locator("table.results a.entity-link").first.click()
    pg.wait_for_selector("#panel[data-entity]")
    assert pg.is_visible("#view-explore")


def test_url_reopens_same_entity_filters_and_query(page, browser, server, markup_build):
    pg = page.open("#/?e=%E8%8A%AF%E6%B8%AF%E5%B0%8F%E9%95%87")
    pg.wait_for_selector("#panel[data-entity='芯港小镇']")
    pg.uncheck("#rel-filters input[value=hosts]")
    pg.wait_for_function("location.hash.includes('rels=')")
    url = pg.url
    other = Page(browser, server, SHOTS)
    try:
        p2 = other.open(url[len(server) + 1:])
        p2.wait_for_selector("#panel[data-entity='芯港小镇']")
        assert p2.is_checked("#rel-filters input[value=leads]")
        assert not p2.is_checked("#rel-filters input[value=hosts]")
        other.shot("08-url-reopened")
        q = "SELECT ?s WHERE { ?s a <https://kg.example.org/ontology#Award> } ORDER BY ?s LIMIT 3"
        p2.goto(server + "/#/sparql")
        p2.wait_for_selector("body[data-ready='1']")
        p2.fill("#editor", q)
        p2.click("#run")
        p2.wait_for_selector("table.results tbody tr")
        shared = p2.url
    finally:
        other.close()
    p3 = page.open(shared[len(server) + 1:])
    p3.wait_for_selector("table.results tbody tr")
    assert p3.input_value("#editor") == q
    assert p3.locator("table.results tbody tr").count() == 3


def test_path_between_two_entities(page):
    pg = page.open("#/path?from=%E4%B8%AD%E8%8A%AF%E5%AE%81%E6%B3%A2&to=%E5%AE%81%E6%B3%A2%E5%B8%82")
    pg.wait_for_selector("#path-list .path")
    first = pg.locator("#path-list .path").first.inner_text()
    assert first.count("—") >= 1 and "中芯宁波" in first and "宁波市" in first
    assert pg.locator("#path-list .path .evidence").count() >= 1
    page.shot("09-path")


def test_markup_article_is_shown_literally(page):
    pg = page.open()
    pg.fill("#search", "xinghai")
    pg.locator("#search-hits li").first.wait_for()
    pg.keyboard.press("Enter")
    pg.wait_for_selector("#panel[data-entity]")
    panel = pg.inner_text("#panel")
    assert "<img src=x onerror=alert(2)>" in panel or "<svg onload=alert(3)>" in panel or "<script>" in panel
    assert pg.locator("#panel img, #panel svg, #panel script").count() == 0
    # the network's tooltip on an edge whose sentence carries markup shows it as text
    mid = pg.evaluate("""(() => { const net = KG.explore.network;
        const e = KG.explore.edges.get().find(e => e.title.includes("<img"));
        const p = net.getPositions([e.from, e.to]);
        const c = net.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        const r = document.getElementById("network").getBoundingClientRect();
        return {x: c.x + r.left, y: c.y + r.top}; })()""")
    pg.mouse.move(mid["x"], mid["y"] + 1)
    pg.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    tip = pg.inner_text("div.vis-tooltip")  # the edge under the pointer (edges of one sentence may overlap)
    assert any(m in tip for m in ("<img src=x onerror=alert(2)>", "<script>alert(4)</script>", "<svg onload=alert(3)>"))
    assert pg.locator("div.vis-tooltip img, div.vis-tooltip svg, div.vis-tooltip script").count() == 0, pg.inner_html("div.vis-tooltip")
    pg.locator("#panel .open-article").first.click()
    pg.wait_for_selector("#article-hit")
    assert "<script>alert(1)</script>" in pg.inner_text("#article-title")
    assert "<img src=x onerror=alert(2)>" in pg.inner_text("#article-text")
    assert pg.locator("#article img, #article svg, #article script").count() == 0
    page.shot("10-markup-literal")
    pg.wait_for_timeout(300)  # give any injected handler the chance to fire; Page.close asserts no dialog


def test_results_as_graph_and_downloads(page, tmp_path):
    pg = page.open("#/sparql")
    pg.fill("#editor", "PREFIX kgo: <https://kg.example.org/ontology#>\n"
                       "SELECT ?company ?park WHERE { ?company kgo:leads ?park } ORDER BY ?company")
    pg.click("#run")
    pg.wait_for_selector("table.results tbody tr")
    with pg.expect_download() as d:
        pg.click("#dl-csv")
    csv = Path(d.value.path()).read_text(encoding="utf-8").splitlines()
    assert csv[0] == "company,park" and len(csv) == 1 + pg.locator("table.results tbody tr").count()
    with pg.expect_download() as d:
        pg.click("#dl-json")
    assert '"bindings"' in Path(d.value.path()).read_text(encoding="utf-8")
    pg.check("input[name=shape][value=graph]")
    pg.wait_for_function("KG.sparql.nodes && KG.sparql.nodes.length >= 2")
    labels = pg.evaluate("KG.sparql.nodes.get().map(n => n.label)")
    assert "芯港小镇" in labels and "中芯宁波" in labels
    assert "shape=graph" in pg.url
    page.shot("11-sparql-graph")
    pg.reload()
    pg.wait_for_function("KG.sparql.nodes && KG.sparql.nodes.length >= 2")  # the graph comes back from the URL
    pg.fill("#editor", "SELECT ?n WHERE { BIND(42 AS ?n) }")
    pg.click("#run")
    pg.wait_for_selector("table.results td.num")  # no entity in the rows: the table, graph disabled
    assert pg.is_disabled("input[name=shape][value=graph]")


def test_path_from_typed_names(page):
    pg = page.open("#/path")
    pg.fill("#path-from", "zhongxinningbo")
    pg.fill("#path-to", "宁波市")
    pg.click("#path-go")
    pg.wait_for_selector("#path-list .path")
    assert "from=" in pg.url and "to=" in pg.url
    assert "中芯宁波" in pg.inner_text("#path-list")


def test_browser_opening_sparql_lands_on_the_sparql_page(page):
    pg = page.page
    pg.goto(page.base + "/sparql")
    pg.wait_for_selector("body[data-ready='1']")
    assert pg.url.endswith("/#/sparql") and pg.is_visible("#editor") and not pg.is_visible("#network")


def test_page_runs_under_its_content_security_policy(browser, server):
    with urllib.request.urlopen(server + "/") as r:
        csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-eval" not in csp
    page = browser.new_page()  # CSP enforced: no inline script, no eval in the explorer's code
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/#/?e=%E8%8A%AF%E6%B8%AF%E5%B0%8F%E9%95%87")
    page.wait_for_selector("#panel[data-entity='芯港小镇']")
    page.wait_for_selector("#network[data-ready='1']")
    page.close()
    assert errors == []


@pytest.mark.parametrize("path, status, code", [
    ("/api/entity/%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA", 404, "E040"),
    ("/api/article/nothing.txt", 404, "E040"),
    ("/api/graph?types=Company,Nope", 400, "E041"),
    ("/api/graph?limit=many", 400, "E041"),
    ("/api/path?from=%E4%B8%AD%E8%8A%AF%E5%AE%81%E6%B3%A2&to=nobody", 404, "E040"),
])
def test_api_mistakes_are_coded_json(server, path, status, code):
    import json
    import urllib.error

    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(server + path)
    body = json.loads(e.value.read())
    assert e.value.code == status and body["code"] == code and body["error"].startswith(f"[{code}]")
