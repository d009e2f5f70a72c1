/* Shared helpers: DOM building with text nodes only (article text is data, never markup), the JSON API,
   URL state in the hash (#/view?key=value…), and the search-as-you-type box. */
"use strict";

const KG = window.KG = {};

/* h("div", {class: "x", onclick: f}, "text", child…): strings always become text nodes. */
KG.h = function (tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.appendChild(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
};

KG.clear = function (el) { while (el.firstChild) el.removeChild(el.firstChild); return el; };

KG.api = async function (path, params) {
  const qs = params ? "?" + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v != null)) : "";
  const r = await fetch(path + qs, {headers: {"Accept": "application/json"}});
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
};

/* URL state: "#/sparql?query=…" → {view: "sparql", params: URLSearchParams} */
KG.readHash = function () {
  const raw = location.hash.replace(/^#\/?/, "");
  const i = raw.indexOf("?");
  const view = (i < 0 ? raw : raw.slice(0, i)) || "explore";
  return {view, params: new URLSearchParams(i < 0 ? "" : raw.slice(i + 1))};
};

KG.writeHash = function (view, params, push) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v != null) p.set(k, v);
  const s = p.toString();
  const hash = "#/" + (view === "explore" ? "" : view) + (s ? "?" + s : "");
  if (hash === location.hash) return;
  if (push) history.pushState(null, "", hash); else history.replaceState(null, "", hash);
};

/* Text with highlighted spans: marks = [[start, end, role], …] relative to text. */
KG.marked = function (text, marks, cls) {
  const out = KG.h("span", {class: cls || "sentence"});
  let at = 0;
  for (const [s, e, role] of (marks || []).slice().sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    out.appendChild(document.createTextNode(text.slice(at, s)));
    out.appendChild(KG.h("mark", {class: "m-" + role}, text.slice(s, e)));
    at = e;
  }
  out.appendChild(document.createTextNode(text.slice(at)));
  return out;
};

KG.typeColor = function (type) {
  const t = (KG.meta && KG.meta.types || []).find(x => x.name === type);
  return t ? t.color : "#999999";
};

KG.typeBadge = function (type) {
  return KG.h("span", {class: "badge", style: "background:" + KG.typeColor(type)}, type);
};

/* A search box: input + <ul> of hits; onPick(hit) when one is chosen (click or Enter). */
KG.searchBox = function (input, list, onPick) {
  let timer = null, hits = [], active = -1, seq = 0, asked = "";
  const render = () => {
    KG.clear(list);
    if (!hits.length && asked) {  // a query that found nothing says so, instead of an empty box
      list.appendChild(KG.h("li", {class: "none", role: "status"}, "无匹配 no match: ", asked));
      list.classList.add("open");
      return;
    }
    hits.forEach((hit, i) => list.appendChild(KG.h("li", {
      class: i === active ? "active" : "", role: "option",
      onmousedown: ev => { ev.preventDefault(); pick(i); }},
      KG.typeBadge(hit.type), " ", KG.h("b", {}, hit.label),
      hit.matched !== hit.label || hit.how !== "name" ? KG.h("span", {class: "muted"}, " ", hit.how, ": ", hit.matched) : null)));
    list.classList.toggle("open", hits.length > 0);
  };
  const pick = i => {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.label;
    hits = []; asked = ""; render();
    onPick(hit);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++seq;
      const q = input.value.trim();
      const data = q ? await KG.api("/api/search", {q, limit: 12}) : {hits: []};
      if (mine !== seq) return;
      hits = data.hits; asked = q; active = hits.length ? 0 : -1; render();
    }, 120);
  });
  input.addEventListener("keydown", ev => {
    if (ev.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); render(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); render(); ev.preventDefault(); }
    else if (ev.key === "Enter") { pick(active < 0 ? 0 : active); ev.preventDefault(); }
    else if (ev.key === "Escape") { hits = []; asked = ""; render(); }
  });
  input.addEventListener("blur", () => setTimeout(() => { hits = []; asked = ""; render(); }, 150));
};

/* vis-network options for every canvas, a fresh object each time (vis-network changes the one it is given):
   positions come from the server, physics stays off. */
KG.networkOptions = () => ({
  physics: false,
  layout: {randomSeed: 7, improvedLayout: false},
  interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: true, navigationButtons: false},
  nodes: {shape: "dot", size: 12, font: {size: 15, face: "Noto Sans CJK SC, sans-serif", strokeWidth: 3, strokeColor: "#fff"},
          borderWidth: 1},
  edges: {arrows: {to: {enabled: true, scaleFactor: 0.5}}, smooth: false, selectionWidth: 0.6,
          color: {color: "#9aa4b1", highlight: "#56657a", hover: "#56657a"},
          font: {size: 11, color: "#555", strokeWidth: 3, strokeColor: "#fff", align: "horizontal"}, width: 1.2},
});

KG.visNode = function (n) {
  return {id: n.id, label: n.label, x: n.x, y: n.y, type: n.type,
          size: 10 + Math.min(14, Math.sqrt(n.degree || 0) * 2.5),
          color: {background: n.color, border: n.focus ? "#111" : n.color,
                  highlight: {background: n.color, border: "#111"}, hover: {background: n.color, border: "#111"}},
          borderWidth: n.focus ? 3 : 1,
          title: n.label + " — " + n.type};
};

KG.visEdge = function (e) {
  return {id: e.id, from: e.from, to: e.to, label: e.label, relation: e.relation, dashes: !!e.dashes,
          title: e.relation + (e.sentence ? "\n「" + e.sentence + "」" : "") + (e.evidence > 1 ? "\n(+" + (e.evidence - 1) + ")" : "")};
};

/* Fit the drawing, but never below a scale where labels stop being legible: then centre on `around`
   (the focused entity, else the most connected one) instead. */
KG.fitReadable = function (network, nodes, around) {
  network.fit({animation: false});
  const min = 0.6;
  if (network.getScale() >= min || !nodes.length) return;
  let id = around && nodes.get(around) ? around : null;
  if (!id) id = nodes.get().reduce((a, b) => (b.size > a.size ? b : a)).id;
  const pos = network.getPositions([id])[id], mid = network.getViewPosition();
  network.moveTo({position: {x: 0.65 * pos.x + 0.35 * mid.x, y: 0.65 * pos.y + 0.35 * mid.y}, scale: min, animation: false});
};
