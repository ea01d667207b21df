(function () {
  "use strict";

  var timing = { start: performance.now() };
  window.graphTiming = timing;
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var hiddenTypes = new Set();
  var revealed = new Set();
  var limit = Math.min(data.layout.max_shown, data.nodes.length);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  // Drawn: the `limit` most connected entities plus those found by search, minus hidden types.
  var visibleNodes = new vis.DataView(nodes, {
    filter: function (node) {
      return !hiddenTypes.has(node.type) && (node.rank < limit || revealed.has(node.id));
    }
  });
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: visibleNodes, edges: edges }, data.options);
  timing.drawn = performance.now();
  var layoutStatus = document.getElementById("layout-status");
  var physicsBox = document.getElementById("physics");
  var iterations = data.options.physics.stabilization.iterations;

  window.network = network;
  window.graphNodes = nodes;
  window.graphEdges = edges;

  // Stabilization is bounded twice: by its iteration count and by a time budget, after which
  // the layout stops where it is (tick "keep moving" to let it settle further).
  network.on("stabilizationProgress", function (params) {
    if (performance.now() - timing.drawn > data.layout.budget_ms) {
      network.stopSimulation();
      return;
    }
    layoutStatus.textContent = "Laying out… " +
      Math.round(100 * params.iterations / params.total) + "%";
  });
  network.on("stabilizationIterationsDone", function () {
    if (!physicsBox.checked) { network.setOptions({ physics: { enabled: false } }); }
    layoutStatus.textContent = "";
    timing.ready = performance.now();
    document.body.setAttribute("data-ready", "true");
  });
  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });

  function relayout() {
    document.body.removeAttribute("data-ready");
    timing.drawn = performance.now();
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(iterations);
  }

  var shown = document.getElementById("shown");
  if (shown) {
    shown.addEventListener("change", function () {
      limit = Number(shown.value);
      visibleNodes.refresh();
      relayout();
    });
  }

  // Put a node that was not drawn next to one of its drawn neighbours, then draw it.
  function reveal(id) {
    if (visibleNodes.get(id)) { return; }
    var position = null;
    edges.forEach(function (edge) {
      if (position) { return; }
      var other = edge.from === id ? edge.to : edge.to === id ? edge.from : null;
      if (other !== null && other !== id && visibleNodes.get(other)) {
        position = network.getPositions([other])[other];
      }
    });
    if (position) {
      nodes.update({ id: id, x: position.x + 40, y: position.y + 40 });
    }
    revealed.add(id);
    visibleNodes.refresh();
  }

  // Element builders: text always goes in through textContent, never as markup.
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (attrs) {
      Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    }
    return node;
  }
  function isWebLink(url) { return /^https?:\/\//i.test(url || ""); }
  function link(url, text) {
    if (!isWebLink(url)) { return el("span", text); }
    return el("a", text, { href: url, target: "_blank", rel: "noopener noreferrer" });
  }
  function field(list, name, value) {
    if (value === undefined || value === null || value === "") { return; }
    list.appendChild(el("dt", name));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    list.appendChild(dd);
  }

  // Served by `graphbuild serve`: offer its SPARQL query form.
  if (/^https?:$/.test(window.location.protocol)) {
    var nav = el("nav");
    nav.appendChild(el("a", "SPARQL query", { href: "sparql" }));
    document.querySelector("header").appendChild(nav);
  }

  var details = document.getElementById("details");
  var detailsHint = Array.prototype.slice.call(details.childNodes);

  function showNode(id) {
    var node = nodes.get(id);
    if (!node) { return; }
    details.replaceChildren(el("h2", node.label));
    var list = el("dl");
    field(list, "Type", node.type);
    field(list, "Also called", node.aliases);
    field(list, "Articles", node.articles);
    field(list, "Statements", node.degree);
    field(list, "IRI", node.iri);
    if (node.wikidata) { field(list, "Wikidata", link(node.wikidata, node.wikidata)); }
    details.appendChild(list);
    var connected = edges.getIds({
      filter: function (edge) { return edge.from === id || edge.to === id; }
    });
    if (connected.length) {
      details.appendChild(el("h2", "Statements"));
      var items = el("ol");
      connected.slice(0, 50).forEach(function (edgeId) {
        var edge = edges.get(edgeId);
        var item = el("li");
        var button = el("a", label(edge.from) + " — " + edge.label + " → " + label(edge.to),
                        { href: "#", "data-edge": edgeId });
        button.addEventListener("click", function (event) {
          event.preventDefault();
          reveal(edge.from);
          reveal(edge.to);
          network.selectEdges([edgeId]);
          showEdge(edgeId);
        });
        item.appendChild(button);
        items.appendChild(item);
      });
      details.appendChild(items);
      if (connected.length > 50) {
        details.appendChild(el("p", "… and " + (connected.length - 50) + " more", { class: "hint" }));
      }
    }
  }

  function label(id) {
    var node = nodes.get(id);
    return node ? node.label : id;
  }

  function showEdge(id) {
    var edge = edges.get(id);
    if (!edge) { return; }
    details.replaceChildren(el("h2", label(edge.from) + " — " + edge.label + " → " + label(edge.to)));
    if (edge.sentence) { details.appendChild(el("blockquote", edge.sentence)); }
    var list = el("dl");
    var article = edge.doc_title ? edge.doc_title + " [" + edge.doc + "]" : edge.doc;
    field(list, "Article", article ? link(edge.url, article) : "");
    field(list, "Role", edge.role);
    field(list, "Polarity", edge.polarity);
    field(list, "Modality", edge.modality);
    field(list, "According to", edge.attribution);
    field(list, "Confidence", edge.confidence === null ? "" : edge.confidence.toFixed(2));
    field(list, "Relation", edge.predicate);
    field(list, "Statement", edge.statement);
    details.appendChild(list);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else {
      details.replaceChildren.apply(details, detailsHint.map(function (n) { return n.cloneNode(true); }));
    }
  });

  // Type filter.
  document.querySelectorAll("input.type-filter").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hiddenTypes.delete(box.value); } else { hiddenTypes.add(box.value); }
      visibleNodes.refresh();
    });
  });

  // Search: exact label first, then labels containing the text; the most connected wins.
  var byRank = data.nodes.slice().sort(function (a, b) { return a.rank - b.rank; });
  var labels = document.getElementById("entity-labels");
  var seen = new Set();
  data.nodes.map(function (n) { return n.label; }).sort().forEach(function (text) {
    if (seen.has(text)) { return; }
    seen.add(text);
    labels.appendChild(el("option", null, { value: text }));
  });
  var searchStatus = document.getElementById("search-status");
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    var wanted = document.getElementById("search-input").value.trim().toLowerCase();
    if (!wanted) { searchStatus.textContent = ""; return; }
    var match = byRank.find(function (n) { return n.label.toLowerCase() === wanted; }) ||
      byRank.find(function (n) { return n.label.toLowerCase().indexOf(wanted) >= 0; });
    if (!match) { searchStatus.textContent = "no entity matches"; return; }
    if (hiddenTypes.has(match.type)) {
      hiddenTypes.delete(match.type);
      document.querySelectorAll("input.type-filter").forEach(function (box) {
        if (box.value === match.type) { box.checked = true; }
      });
      visibleNodes.refresh();
    }
    reveal(match.id);
    searchStatus.textContent = "";
    network.selectNodes([match.id]);
    network.focus(match.id, { scale: 1.2, animation: { duration: 400 } });
    showNode(match.id);
  });
})();
