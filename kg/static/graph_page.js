/* graph.html, after pyvis has drawn: every node's and edge's `tip` becomes its tooltip as a text node, so
   article text shows literally (never parsed as markup) whatever pyvis's popup mode; then the first view
   zooms to where labels are legible, on the most connected entity, instead of a screen of unlabelled dots. */
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
  if (typeof network !== "undefined" && nodes.length) {
    network.fit({animation: false});
    var MIN = 0.6;
    if (network.getScale() < MIN) {
      var best = null, most = -1;
      nodes.forEach(function (n) {
        var k = network.getConnectedEdges(n.id).length;
        if (k > most || (k === most && n.id < best)) { most = k; best = n.id; }
      });
      network.moveTo({position: network.getPositions([best])[best], scale: MIN, animation: false});
    }
  }
  window.KG_READY = true;
})();
