/* Start-up and routing: the hash names the view (#/, #/path, #/sparql) and carries its state, so a copied
   URL reopens the same entity, filters, path or query. */
"use strict";

KG.show = function (view) {
  for (const v of ["explore", "path", "sparql"]) document.getElementById("view-" + v).hidden = v !== view;
  document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.view === view));
};

KG.route = async function () {
  const {view, params} = KG.readHash();
  const v = ["explore", "path", "sparql"].includes(view) ? view : "explore";
  KG.show(v);
  if (v === "explore") await KG.explore.restore(params);
  else if (v === "path") await KG.path.restore(params);
  else await KG.sparql.restore(params);
  document.body.dataset.ready = "1";
};

document.addEventListener("DOMContentLoaded", async () => {
  KG.meta = await KG.api("/api/meta");
  const c = KG.meta.counts;
  document.getElementById("counts").textContent =
    c.entities + " 实体 entities · " + c.relations + " 关系 relations · " + c.facts + " 数据 facts · " + c.articles + " 篇 articles";
  const ex = KG.meta.example;  // the placeholder names an entity of this graph, not of another one
  if (ex) document.getElementById("search").placeholder = "搜索实体：中文、繁體、拼音 " + ex.pinyin + " / " + ex.initials;
  KG.explore.init();
  KG.path.init();
  await KG.sparql.init();
  KG.searchBox(document.getElementById("search"), document.getElementById("search-hits"), hit => {
    if (KG.readHash().view !== "explore") { location.hash = "#/?e=" + encodeURIComponent(hit.id); return; }
    KG.explore.select(hit.id, true);
  });
  window.addEventListener("hashchange", () => KG.route());  // links, back and forward; pushState fires none
  await KG.route();
});
