/* The SPARQL page (like WDQS): editor with the prefixes, examples from queries/*.rq, results as a table
   (entity IRIs link to the panel, numbers right-aligned) or a graph, time and row count, CSV/JSON download,
   the parser's message on an error. Queries go to the endpoint at /sparql (SPARQL 1.1 protocol). */
"use strict";

const S = KG.sparql = {last: null, examples: []};
const ENTITY = "https://kg.example.org/id/entity/";
const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsignedLong|unsignedInt|gYear)$/;

/* Syntax colours: a <pre> of text-node spans under the transparent textarea, kept in step as one types. */
const TOKENS = /(#[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(<[^<>"{}|^`\\\s]*>)|([?$][\w\u00b7\u0300-\u036f\u4e00-\u9fff]+)|\b(\d+(?:\.\d+)?)\b|([A-Za-z][\w-]*)?(:[\w\u4e00-\u9fff-]*)|\b([A-Za-z]+)\b/g;
const KEYWORDS = new Set(("select construct describe ask where prefix base from named optional filter union minus graph service " +
  "bind values limit offset order by group having distinct reduced as asc desc not exists in a count sum min max avg " +
  "sample group_concat str lang langmatches datatype bound iri uri strstarts strends contains regex lcase ucase " +
  "concat strlen substr year if coalesce true false").split(" "));

S.highlight = function () {
  const ed = document.getElementById("editor"), out = KG.clear(document.getElementById("editor-hl"));
  const text = ed.value;
  let at = 0;
  for (const m of text.matchAll(TOKENS)) {
    let cls = m[1] ? "cmt" : m[2] ? "str" : m[3] ? "iri" : m[4] ? "var" : m[5] ? "num" : m[7] !== undefined ? "pn" : null;
    if (m[8]) cls = KEYWORDS.has(m[8].toLowerCase()) ? "kw" : null;
    if (!cls) continue;
    out.appendChild(document.createTextNode(text.slice(at, m.index)));
    out.appendChild(KG.h("span", {class: "tok-" + cls}, m[0]));
    at = m.index + m[0].length;
  }
  out.appendChild(document.createTextNode(text.slice(at) + "\n"));
  ed.style.height = "auto";  // grow with the query: no scrollbar, so both wrap at the same width
  ed.style.height = Math.max(260, ed.scrollHeight + 2) + "px";
  out.style.height = ed.style.height;
};

S.init = async function () {
  const ed = document.getElementById("editor");
  ed.addEventListener("input", S.highlight);

  ed.value = KG.meta.prefixes + "\nSELECT ?entity ?label WHERE {\n  ?entity a kgo:Park ; rdfs:label ?label .\n} LIMIT 20\n";
  S.highlight();
  ed.addEventListener("keydown", ev => { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); S.go(); } });
  document.getElementById("run").addEventListener("click", S.go);
  document.getElementById("dl-csv").addEventListener("click", () => S.download("csv"));
  document.getElementById("dl-json").addEventListener("click", () => S.download("json"));
  document.querySelectorAll("input[name=shape]").forEach(r => r.addEventListener("change", () => {
    if (S.last) KG.writeHash("sparql", {query: document.getElementById("editor").value,
                                        shape: S.shape() === "graph" ? "graph" : ""}, false);
    S.render();
  }));
  const sel = document.getElementById("examples");
  S.examples = (await KG.api("/api/examples")).examples;
  for (const ex of S.examples) {
    const same = ex.description.toLowerCase().startsWith(ex.title.toLowerCase());
    sel.appendChild(KG.h("option", {value: ex.name, title: ex.description}, same ? ex.description : ex.title + " — " + ex.description));
  }
  ed.addEventListener("input", () => { sel.value = ""; document.getElementById("example-desc").textContent = ""; });
  sel.addEventListener("change", () => {
    const ex = S.examples.find(x => x.name === sel.value);
    document.getElementById("example-desc").textContent = ex ? ex.description : "";
    if (ex) { ed.value = ex.query; S.highlight(); S.go(); }
  });
};

S.shape = () => document.querySelector("input[name=shape]:checked").value;

S.restore = async function (params) {
  const q = params.get("query");
  const shape = params.get("shape") === "graph" ? "graph" : "table";
  document.querySelector("input[name=shape][value=" + shape + "]").checked = true;
  if (q && (q !== document.getElementById("editor").value || !S.last)) {
    document.getElementById("editor").value = q;
    S.highlight();
    await S.run(q);
  } else S.render();
};

S.go = function () {
  const q = document.getElementById("editor").value;
  KG.writeHash("sparql", {query: q, shape: S.shape() === "graph" ? "graph" : ""}, true);
  return S.run(q);
};

S.run = async function (query) {
  const status = document.getElementById("sparql-status"), err = document.getElementById("sparql-error");
  err.hidden = true; status.textContent = "运行中 running…";
  const t0 = performance.now();
  let r, text;
  try {
    r = await fetch("/sparql", {method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
      body: new URLSearchParams({query})});
    text = await r.text();
  } catch (e) { r = null; text = String(e); }
  const ms = Math.round(performance.now() - t0);
  if (!r || !r.ok) {
    let msg = text;
    try { const j = JSON.parse(text); msg = j.message || j.error || text; } catch (e) { /* plain text */ }
    err.textContent = msg; err.hidden = false;
    status.textContent = "错误 error · " + ms + " ms";
    S.last = null; S.render(); return;
  }
  let data;
  try { data = JSON.parse(text); } catch (e) { data = {turtle: text}; }
  S.last = {data, raw: text, ms};
  const rows = data.results ? data.results.bindings.length : (data.boolean !== undefined ? 1 : 0);
  status.textContent = rows + " 行 rows · " + ms + " ms";
  document.getElementById("results").dataset.rows = String(rows);
  S.render();
};

S.cell = function (t) {
  if (!t) return KG.h("td", {});
  if (t.type === "uri") {
    if (t.value.startsWith(ENTITY)) {
      const id = decodeURIComponent(t.value.slice(ENTITY.length));
      return KG.h("td", {}, KG.h("a", {href: "#/?e=" + encodeURIComponent(id), class: "entity-link"}, id));
    }
    return KG.h("td", {class: "iri"}, t.value);
  }
  const num = t.datatype && NUMERIC.test(t.datatype);
  return KG.h("td", {class: num ? "num" : ""}, t.value, t["xml:lang"] ? KG.h("sup", {class: "muted"}, "@" + t["xml:lang"]) : null);
};

S.render = function () {
  const box = KG.clear(document.getElementById("results"));
  const gbox = document.getElementById("results-graph");
  const asGraph = S.shape() === "graph";
  const has = !!(S.last && S.last.data.results);
  document.getElementById("dl-csv").disabled = !has;
  document.getElementById("dl-json").disabled = !S.last;
  if (!S.last) { gbox.hidden = true; return; }
  const d = S.last.data;
  if (d.boolean !== undefined) { box.appendChild(KG.h("p", {class: "boolean"}, String(d.boolean))); gbox.hidden = true; return; }
  if (!d.results) { box.appendChild(KG.h("pre", {}, d.turtle || S.last.raw)); gbox.hidden = true; return; }
  const vars = d.head.vars;
  const entities = d.results.bindings.some(b => vars.some(v => b[v] && b[v].type === "uri" && b[v].value.startsWith(ENTITY)));
  document.querySelector("input[name=shape][value=graph]").disabled = !entities;
  if (asGraph && entities) { box.hidden = true; gbox.hidden = false; S.graph(vars, d.results.bindings); return; }
  box.hidden = false; gbox.hidden = true;
  box.appendChild(KG.h("table", {class: "results"},
    KG.h("thead", {}, KG.h("tr", {}, vars.map(v => KG.h("th", {}, "?" + v)))),
    KG.h("tbody", {}, d.results.bindings.map(b => KG.h("tr", {}, vars.map(v => S.cell(b[v])))))));
};

/* Entities of each row linked in column order; positions and relations among them from the explorer API. */
S.graph = async function (vars, rows) {
  const ids = new Set(), pairs = [];
  for (const b of rows) {
    const ents = vars.map(v => b[v]).filter(t => t && t.type === "uri" && t.value.startsWith(ENTITY))
      .map(t => decodeURIComponent(t.value.slice(ENTITY.length)));
    ents.forEach(e => ids.add(e));
    for (let i = 0; i + 1 < ents.length; i++) pairs.push([ents[i], ents[i + 1]]);
  }
  const r = await fetch("/api/nodes", {method: "POST", headers: {"Content-Type": "application/json"},
                                       body: JSON.stringify({ids: [...ids].slice(0, 500), pairs})});
  const d = await r.json();
  if (!S.net) {
    S.nodes = new vis.DataSet(); S.edges = new vis.DataSet();
    S.net = new vis.Network(document.getElementById("results-graph"), {nodes: S.nodes, edges: S.edges}, KG.networkOptions());
    S.net.on("doubleClick", p => { if (p.nodes.length) location.hash = "#/?e=" + encodeURIComponent(p.nodes[0]); });
  }
  S.nodes.clear(); S.edges.clear();
  S.nodes.add(d.nodes.map(KG.visNode)); S.edges.add(d.edges.map(KG.visEdge));
  KG.fitReadable(S.net, S.nodes, null);
};

S.csv = function () {
  const d = S.last.data, vars = d.head.vars;
  const q = s => /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  return [vars.join(",")].concat(d.results.bindings.map(b => vars.map(v => q(b[v] ? b[v].value : "")).join(","))).join("\r\n") + "\r\n";
};

S.download = function (kind) {
  if (!S.last) return;
  const body = kind === "csv" ? S.csv() : S.last.raw;
  const blob = new Blob([body], {type: kind === "csv" ? "text/csv;charset=utf-8" : "application/sparql-results+json"});
  const a = KG.h("a", {href: URL.createObjectURL(blob), download: "query." + kind});
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
};
