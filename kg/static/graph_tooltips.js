/* graph.html: every node's and edge's `tip` becomes its tooltip as a text node, so article text shows
   literally (never parsed as markup) and edge evidence shows whatever pyvis's popup mode would be. */
(function () {
  function element(text) {
    var el = document.createElement("div");
    el.style.whiteSpace = "pre-wrap";
    el.style.maxWidth = "520px";
    el.textContent = text;
    return el;
  }
  function attach(set) {
    if (!set) return;
    var updates = [];
    set.forEach(function (item) { if (item.tip) updates.push({id: item.id, title: element(item.tip)}); });
    set.update(updates);
  }
  attach(typeof nodes !== "undefined" ? nodes : null);
  attach(typeof edges !== "undefined" ? edges : null);
  window.KG_TIPS_READY = true;
})();
