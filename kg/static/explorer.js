/* The explore view (filters, network, entity panel with evidence), the article sheet and the path view. */
"use strict";

const E = KG.explore = {network: null, nodes: null, edges: null, entity: null, focus: null};
const $ = id => document.getElementById(id);
const h = KG.h;

E.init = function () {
  const tf = $("type-filters"), rf = $("rel-filters");
  for (const t of KG.meta.types) {
    tf.appendChild(h("label", {class: "filter"},
      h("input", {type: "checkbox", value: t.name, checked: true, onchange: E.filtersChanged}),
      h("span", {class: "swatch", style: "background:" + t.color}), t.name));
  }
  for (const r of KG.meta.relations) {
    rf.appendChild(h("label", {class: "filter"},
      h("input", {type: "checkbox", value: r.name, checked: true, onchange: E.filtersChanged}),
      r.label + " " + r.name));
  }
  E.nodes = new vis.DataSet();
  E.edges = new vis.DataSet();
  E.network = new vis.Network($("network"), {nodes: E.nodes, edges: E.edges}, KG.networkOptions());
  E.network.on("click", p => { if (p.nodes.length) E.select(p.nodes[0], false); });
  E.network.on("doubleClick", p => { if (p.nodes.length) E.expand(p.nodes[0]); });
  $("reset-view").addEventListener("click", () => { E.entity = null; E.focus = null; E.save(true); E.load(); E.panel(null); });
  $("article-close").addEventListener("click", E.closeArticle);
  $("article").addEventListener("click", ev => { if (ev.target.id === "article") E.closeArticle(); });
  document.addEventListener("keydown", ev => {
    if (ev.key === "Escape") E.closeArticle();
    else if (ev.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      ev.preventDefault(); $("search").focus();  // "/" jumps to the search box
    }
  });
};

const checked = box => [...box.querySelectorAll("input:checked")].map(i => i.value);
const all = box => box.querySelectorAll("input").length;

E.filterParams = function () {
  const t = checked($("type-filters")), r = checked($("rel-filters"));
  return {types: t.length === all($("type-filters")) ? "" : t.join(",") || "none",
          rels: r.length === all($("rel-filters")) ? "" : r.join(",") || "none"};
};

E.applyFilters = function (types, rels) {
  for (const [box, val] of [[$("type-filters"), types], [$("rel-filters"), rels]]) {
    const want = val ? new Set(val.split(",")) : null;
    box.querySelectorAll("input").forEach(i => { i.checked = !want || want.has(i.value); });
  }
};

E.filtersChanged = function () { E.save(true); E.load(); };

E.save = function (push) {
  KG.writeHash("explore", Object.assign({e: E.entity || ""}, E.filterParams()), push);
};

/* Open the view the URL describes. */
E.restore = async function (params) {
  E.applyFilters(params.get("types"), params.get("rels"));
  const e = params.get("e") || null;
  const sameView = E.loaded && e === E.entity;
  if (!sameView) $("search").value = "";  // a link or Back opened another entity: last query no longer applies
  E.entity = e; E.focus = e;
  if (!sameView || E.loadedFilters !== JSON.stringify(E.filterParams())) await E.load();
  await E.panel(e);
};

E.load = async function () {
  const f = E.filterParams();
  E.loadedFilters = JSON.stringify(f);
  let data = {nodes: [], edges: []};
  if (f.types !== "none" && f.rels !== "none") {
    try { data = await KG.api("/api/graph", Object.assign({focus: E.focus || ""}, f)); }
    catch (err) { data = await KG.api("/api/graph", f); E.focus = null; }
  }
  E.nodes.clear(); E.edges.clear();
  E.nodes.add(data.nodes.map(KG.visNode));
  E.edges.add(data.edges.map(KG.visEdge));
  KG.fitReadable(E.network, E.nodes, E.focus);
  if (E.entity && E.nodes.get(E.entity)) E.network.selectNodes([E.entity]);
  E.loaded = true;
  $("network").dataset.nodes = String(data.nodes.length);
  $("network").dataset.ready = "1";
};

E.select = async function (id, refocus) {
  E.entity = id;
  if (refocus) { E.focus = id; await E.load(); }
  else if (E.nodes.get(id)) E.network.selectNodes([id]);
  E.save(true);
  await E.panel(id);
};

/* Double-click: add the node's neighbours around it, without moving what is already drawn. */
E.expand = async function (id) {
  const data = await KG.api("/api/graph", Object.assign({focus: id, expand: 1}, E.filterParams()));
  const at = E.network.getPositions([id])[id] || {x: 0, y: 0};
  const fresh = data.nodes.filter(n => !E.nodes.get(n.id));
  // each new node on the first free spot of a spiral around the expanded one (≥ 100 px from every node)
  const taken = Object.values(E.network.getPositions());
  let step = 0;
  for (const n of fresh) {
    for (;; step++) {
      const r = 150 + 14 * Math.sqrt(step * 40), a = step * 2.39996;  // the golden angle
      const x = at.x + r * Math.cos(a), y = at.y + r * Math.sin(a);
      if (taken.every(p => (p.x - x) ** 2 + (p.y - y) ** 2 >= 100 * 100) || step > 5000) {
        n.x = x; n.y = y; taken.push({x, y}); break;
      }
    }
  }
  E.nodes.add(fresh.map(KG.visNode));
  E.edges.add(data.edges.filter(e => !E.edges.get(e.id)).map(KG.visEdge));
  $("network").dataset.nodes = String(E.nodes.length);
};

/* ---- the entity panel ---- */

E.number = function (v) {  // 273000000000 → 273,000,000,000 (the exact value stays in the cell's title)
  return /^-?\d+(\.\d+)?$/.test(v) ? v.replace(/^(-?\d+)/, m => m.replace(/\B(?=(\d{3})+(?!\d))/g, ",")) : v;
};

E.evidence = function (ev) {
  if (!ev || !ev.text) return h("div", {class: "evidence muted"}, "（无证据句 no sentence）");
  return h("div", {class: "evidence"},
    KG.marked(ev.text, ev.marks),
    h("div", {class: "source"},
      h("a", {href: "#", class: "open-article", onclick: e => { e.preventDefault(); E.openArticle(ev.file, ev.start, ev.end); }},
        "《" + (ev.title || ev.file) + "》"),
      " ", h("code", {}, ev.file), " ", h("span", {class: "offsets"}, "[" + ev.start + "–" + ev.end + ")"),
      ev.rule ? h("span", {class: "rule muted"}, " " + ev.rule) : null));
};

E.entityLink = function (o) {
  return h("a", {href: "#/?e=" + encodeURIComponent(o.id), class: "entity-link",
                 onclick: ev => { ev.preventDefault(); E.select(o.id, true); }},
           h("span", {class: "swatch", style: "background:" + KG.typeColor(o.type)}), o.label);
};

E.panel = async function (id) {
  const panel = KG.clear($("panel"));
  if (!id) { panel.appendChild(h("p", {class: "muted"}, "搜索或点击一个实体查看其关系、数据与证据。")); return; }
  let d;
  try { d = await KG.api("/api/entity/" + encodeURIComponent(id)); }
  catch (err) { panel.appendChild(h("p", {class: "error"}, String(err.message))); return; }
  if (E.entity !== id) return;
  panel.appendChild(h("div", {class: "entity-head"}, KG.typeBadge(d.type),
    d.alt_types.length ? h("span", {class: "muted"}, " 兼 " + d.alt_types.join("、")) : null,
    h("h2", {id: "entity-label"}, d.label)));
  if (d.aliases.length) panel.appendChild(h("p", {class: "aliases"}, "别名 aliases: ", d.aliases.join("、")));
  if (d.chain.length) panel.appendChild(h("p", {class: "chain"}, "位于 ",
    d.chain.flatMap((c, i) => i ? [" › ", E.entityLink(c)] : [E.entityLink(c)])));
  panel.appendChild(h("p", {class: "muted small"}, h("code", {}, d.iri)));
  panel.appendChild(h("p", {}, h("a", {href: "#/path?from=" + encodeURIComponent(d.id)}, "↦ 路径 find a path from here")));

  panel.appendChild(h("h3", {}, "关系 Relations (" + d.relations.reduce((n, g) => n + g.rows.length, 0) + ")"));
  for (const g of d.relations) {
    const sec = h("details", {class: "rel-group", open: true},
      h("summary", {}, g.rows[0].label + " " + g.rows[0].label_en +
        (g.kind.startsWith("^") ? " (← " + g.kind.slice(1) + ")" : "") + " (" + g.rows.length + ")"));
    for (const r of g.rows) {
      sec.appendChild(h("div", {class: "relation"},
        h("div", {class: "rel-line"}, r.direction === "out" ? "→ " : "← ", E.entityLink(r.other)),
        r.evidence.map(E.evidence)));
    }
    panel.appendChild(sec);
  }
  if (!d.relations.length) panel.appendChild(h("p", {class: "muted"}, "无关系 no relation"));

  if (d.facts.length) {
    panel.appendChild(h("h3", {}, "数据 Facts (" + d.facts.reduce((n, g) => n + g.rows.length, 0) + ")"));
    const table = h("table", {class: "facts"}, h("thead", {}, h("tr", {},
      ["指标 measure", "原文 as written", "数值 value", "单位 unit", "年份 year", "限定 qualifier", "状态 status"].map(c => h("th", {}, c)))));
    const body = h("tbody");
    for (const g of d.facts) {
      body.appendChild(h("tr", {class: "fact-group"}, h("th", {colspan: 7}, g.measure + (g.concept_en ? " · " + g.concept_en : ""))));
      for (const f of g.rows) {
        body.appendChild(h("tr", {class: "fact"},
          h("td", {}, f.measure), h("td", {}, f.written), h("td", {class: "num", title: f.value}, E.number(f.value)),
          h("td", {}, f.unit + (f.unit_written && f.unit_written !== f.unit ? " (" + f.unit_written + ")" : "")),
          h("td", {}, [f.year, f.period].filter(Boolean).join(" ")), h("td", {}, f.qualifier),
          h("td", {}, f.status ? h("span", {class: "status s-" + f.status}, f.status) : "")));
        body.appendChild(h("tr", {class: "fact-ev"}, h("td", {colspan: 7}, E.evidence(f.evidence))));
      }
    }
    table.appendChild(body);
    panel.appendChild(table);
  }
  if (d.mentions.length) {
    const sec = h("details", {class: "mentions"}, h("summary", {}, "提及 Mentioned in (" + d.mentions.length + ")"));
    d.mentions.forEach(m => sec.appendChild(E.evidence(m)));
    panel.appendChild(sec);
  }
  panel.dataset.entity = d.id;
  document.title = d.label + " — kg explorer";
};

/* ---- the article sheet: the whole text (or the stored sentences), the statement's sentence highlighted ---- */

E.openArticle = async function (file, start, end) {
  const d = await KG.api("/api/article/" + encodeURIComponent(file));
  $("article-title").textContent = d.title || d.file;
  $("article-meta").textContent = d.file + (d.district ? " · " + d.district : "") + (d.year ? " · " + d.year : "") +
    " · [" + start + "–" + end + ")" + (d.source === "file" ? "" : " · 原文不在手边，仅显示图中存储的句子 (only the stored sentences)");
  const box = KG.clear($("article-text"));
  let hit = null;
  d.segments.forEach((s, i) => {
    if (i && d.source !== "file") box.appendChild(h("span", {class: "gap"}, " … "));
    const a = Math.max(start, s.start) - s.start, b = Math.min(end, s.end) - s.start;
    if (b > a) {
      box.appendChild(document.createTextNode(s.text.slice(0, a)));
      hit = h("mark", {class: "hl", id: "article-hit"}, s.text.slice(a, b));
      box.appendChild(hit);
      box.appendChild(document.createTextNode(s.text.slice(b)));
    } else box.appendChild(document.createTextNode(s.text));
  });
  $("article").hidden = false;
  if (hit) hit.scrollIntoView({block: "center"});
};

E.closeArticle = function () { $("article").hidden = true; };

/* ---- the path view ---- */

const P = KG.path = {from: null, to: null, network: null};

P.init = function () {
  const boxes = document.querySelectorAll("#view-path .search");
  KG.searchBox($("path-from"), boxes[0].querySelector("ul"), hit => { P.from = hit.id; });
  KG.searchBox($("path-to"), boxes[1].querySelector("ul"), hit => { P.to = hit.id; });
  $("path-from").addEventListener("input", () => { P.from = null; });
  $("path-to").addEventListener("input", () => { P.to = null; });
  $("path-go").addEventListener("click", async () => {
    P.from = P.from || await P.best($("path-from").value);  // typed but not picked: the best hit
    P.to = P.to || await P.best($("path-to").value);
    KG.writeHash("path", {from: P.from, to: P.to}, true);
    P.run();
  });
};

P.best = async function (text) {
  if (!text.trim()) return null;
  const d = await KG.api("/api/search", {q: text.trim(), limit: 1});
  return d.hits.length ? d.hits[0].id : null;
};

/* Made on first use, once its view is visible: a network created in a hidden container measures its
   labels as empty and never draws the edge labels. */
P.ensure = function () {
  if (P.network) return;
  P.nodes = new vis.DataSet(); P.edges = new vis.DataSet();
  P.network = new vis.Network($("path-network"), {nodes: P.nodes, edges: P.edges}, KG.networkOptions());
  P.network.on("doubleClick", p => { if (p.nodes.length) location.hash = "#/?e=" + encodeURIComponent(p.nodes[0]); });
};

P.restore = async function (params) {
  P.from = params.get("from"); P.to = params.get("to");
  $("path-from").value = P.from || ""; $("path-to").value = P.to || "";
  if (P.from && P.to) await P.run();
};

P.run = async function () {
  const list = KG.clear($("path-list"));
  if (!P.from || !P.to) { $("path-status").textContent = "选择两个实体 pick two entities"; return; }
  let d;
  try { d = await KG.api("/api/path", {from: P.from, to: P.to}); }
  catch (err) { $("path-status").textContent = err.message; return; }
  P.ensure();
  P.nodes.clear(); P.edges.clear();
  P.nodes.add(d.nodes.map(KG.visNode)); P.edges.add(d.edges.map(KG.visEdge));
  KG.fitReadable(P.network, P.nodes, P.from);
  $("path-status").textContent = d.paths.length ? d.paths.length + " 条最短路径 shortest path(s), " + (d.paths[0].length - 1) + " 步 steps"
                                                : "没有路径 no path";
  const byPair = {};
  d.edges.forEach(e => { (byPair[e.from + "\u0000" + e.to] = byPair[e.from + "\u0000" + e.to] || []).push(e);
                         (byPair[e.to + "\u0000" + e.from] = byPair[e.to + "\u0000" + e.from] || []).push(e); });
  d.paths.forEach((p, k) => {
    const sec = h("div", {class: "path"}, h("h3", {}, "路径 " + (k + 1) + ": ", p.map(n => n.label).join(" — ")));
    for (let i = 0; i + 1 < p.length; i++) {
      for (const e of byPair[p[i].id + "\u0000" + p[i + 1].id] || []) {
        const s = d.nodes.find(n => n.id === e.from), o = d.nodes.find(n => n.id === e.to);
        sec.appendChild(h("div", {class: "relation"},
          h("div", {class: "rel-line"}, E.entityLink(s), " —" + e.label + " " + e.relation + "→ ", E.entityLink(o)),
          (e.evidence_list || []).map(E.evidence)));
      }
    }
    list.appendChild(sec);
  });
};
