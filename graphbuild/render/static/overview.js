(function () {
  "use strict";

  var timing = { start: performance.now() };
  window.graphTiming = timing;
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  timing.parsed = performance.now();
  var byId = new Map(data.nodes.map(function (node) { return [node.id, node]; }));
  var articleById = new Map(data.articles.map(function (a) { return [a.id, a]; }));
  data.nodes.forEach(expandNode);
  data.edges.forEach(expandEdge);

  // A big graph's page leaves out of each node and edge what can be worked out here (see
  // _compact_node and _compact_edge in page.py); these put it back.
  function counted(n, word) {
    // thousands with commas, as page.py writes them (toLocaleString is slow on 20,000 edges)
    var digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return digits + " " + (n === 1 ? word : word + "s");
  }

  function expandNode(node) {
    if (node.title !== undefined) { return; }
    var lines = [node.label, node.type,
                 counted(node.articles, "article") + " · " + counted(node.degree, "statement")];
    if (node.aliases) { lines.push("also: " + node.aliases); }
    if (node.wikidata) { lines.push("Wikidata: " + node.wikidata.replace(/^.*[/#]/, "")); }
    node.title = lines.join("\n");
    node.font = { size: Math.round(Math.min(72, 14 + 8 * Math.sqrt(node.degree))) };
    node.iri = node.iri || node.id;
    node.wikidata = node.wikidata || "";
    node.aliases = node.aliases || "";
    node.page = node.page || "";
  }

  function expandEdge(edge, index) {
    if (edge.title !== undefined) { return; }
    edge.id = "e" + index;
    edge.from = data.nodes[edge.from].id;
    edge.to = data.nodes[edge.to].id;
    edge.statement = data.statement_prefix + edge.statement;
    Object.keys(data.usual).forEach(function (name) {
      if (edge[name] === undefined) { edge[name] = data.usual[name]; }
    });
    if (edge.bend) {
      var apart = Math.min(0.9, 0.15 * Math.floor((edge.bend + 1) / 2));
      edge.smooth = {
        enabled: true,
        type: edge.bend % 2 ? "curvedCW" : "curvedCCW",
        roundness: Math.round(apart * 100) / 100
      };
    }
    var article = articleById.get(edge.doc) || {};
    edge.doc_title = article.title || "";
    edge.url = article.url || "";
    edge.date = edge.date === undefined ? article.date || "" : edge.date;
    var negated = edge.polarity !== "positive";
    var asserted = edge.modality === "asserted";
    edge.color = {
      color: negated || !asserted ? data.style.muted : data.style.edge,
      highlight: data.style.highlight
    };
    edge.dashes = negated ? [2, 5] : (asserted ? false : [10, 6]);
    edge.width = Math.round((1 + 2 * (edge.confidence || 0)) * 100) / 100;
    var from = byId.get(edge.from), to = byId.get(edge.to);
    var head = (from ? from.label : edge.from) + " — " + edge.relation + " → " +
               (to ? to.label : edge.to);
    if (edge.role && edge.role !== "object") { head += " (" + edge.role + ")"; }
    var lines = [head];
    if (edge.quote) { lines.push("“" + edge.quote + "”"); }
    if (edge.doc) {
      lines.push("Article: " + (edge.doc_title ? edge.doc_title + " [" + edge.doc + "]" : edge.doc));
    }
    var stance = edge.polarity + " · " + edge.modality;
    if (edge.attribution) { stance += " · according to " + edge.attribution; }
    lines.push(stance);
    if (edge.confidence !== null) { lines.push("confidence " + edge.confidence.toFixed(2)); }
    edge.title = lines.join("\n");
  }
  var hiddenTypes = new Set();
  var revealed = new Set();
  var limit = Math.min(data.layout.max_shown, data.nodes.length);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);

  // Statement filters: relation, polarity, modality, confidence, article, date range.
  var filter = {
    relation: "", polarities: null, modalities: null, confidence: 0, article: "", from: "", to: ""
  };
  var edgeFilterOn = false;
  var endsOfShownEdges = null; // ids of entities with a statement that passes the filters
  var onlyAround = null; // neighbour-only view: the entity and its neighbours

  function edgePasses(edge) {
    if (filter.relation && edge.relation !== filter.relation) { return false; }
    if (filter.polarities && !filter.polarities.has(edge.polarity)) { return false; }
    if (filter.modalities && !filter.modalities.has(edge.modality)) { return false; }
    if (filter.confidence > 0 && !(edge.confidence >= filter.confidence)) { return false; }
    if (filter.article && edge.doc !== filter.article) { return false; }
    if (filter.from || filter.to) {
      var day = (edge.date || "").slice(0, 10);
      if (!day) { return false; }
      if (filter.from && day < filter.from.slice(0, day.length)) { return false; }
      if (filter.to && day > filter.to.slice(0, day.length)) { return false; }
    }
    return true;
  }

  function nodeShown(node) {
    if (hiddenTypes.has(node.type)) { return false; }
    if (onlyAround && !onlyAround.has(node.id)) { return false; }
    if (endsOfShownEdges && !endsOfShownEdges.has(node.id) && !revealed.has(node.id)) {
      return false;
    }
    return node.rank < limit || revealed.has(node.id);
  }

  // Drawn: the `limit` most connected entities plus those found by search, minus what the
  // filters hide.
  var visibleNodes = new vis.DataView(nodes, { filter: nodeShown });
  // only edges between drawn entities: vis-network makes an object for every edge it is given
  function drawn(id) { var node = byId.get(id); return Boolean(node) && nodeShown(node); }
  var visibleEdges = new vis.DataView(edges, {
    filter: function (edge) {
      return drawn(edge.from) && drawn(edge.to) && (!edgeFilterOn || edgePasses(edge));
    }
  });
  var container = document.getElementById("graph");
  var network = new vis.Network(
    container, { nodes: visibleNodes, edges: visibleEdges }, data.options
  );
  timing.drawn = performance.now();
  var physicsBox = document.getElementById("physics");

  window.network = network;
  window.graphNodes = nodes;
  window.graphEdges = edges;
  window.visibleNodes = visibleNodes;
  window.visibleEdges = visibleEdges;

  network.once("afterDrawing", function () {
    timing.ready = performance.now();
    document.body.setAttribute("data-ready", "true");
  });
  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });

  // What is not drawn, said in words.
  var note = document.getElementById("hidden-note");
  function updateNote() {
    var total = data.nodes.length;
    var drawnNodes = visibleNodes.length;
    var drawnEdges = visibleEdges.length;
    var parts = ["Showing " + drawnNodes.toLocaleString("en") + " of " +
                 total.toLocaleString("en") + " entities and " +
                 drawnEdges.toLocaleString("en") + " of " +
                 data.edges.length.toLocaleString("en") + " statements."];
    if (limit < total) {
      parts.push("Only the " + limit.toLocaleString("en") + " most connected entities are " +
                 "drawn; " + (total - limit).toLocaleString("en") +
                 " others are hidden (search finds them; “Show” draws more).");
    }
    if (edgeFilterOn || hiddenTypes.size) { parts.push("Filters hide the rest."); }
    if (onlyAround) { parts.push("Only one entity's neighbours are drawn."); }
    note.textContent = parts.join(" ");
    document.body.setAttribute("data-shown-nodes", String(drawnNodes));
    document.body.setAttribute("data-shown-edges", String(drawnEdges));
  }

  function refresh() {
    edgeFilterOn = Boolean(
      filter.relation || filter.polarities || filter.modalities || filter.confidence > 0 ||
      filter.article || filter.from || filter.to
    );
    endsOfShownEdges = null;
    if (edgeFilterOn) {
      endsOfShownEdges = new Set();
      data.edges.forEach(function (edge) {
        if (edgePasses(edge)) {
          endsOfShownEdges.add(edge.from);
          endsOfShownEdges.add(edge.to);
        }
      });
    }
    visibleNodes.refresh();
    visibleEdges.refresh();
    updateNote();
  }

  var shown = document.getElementById("shown");
  if (shown) {
    shown.addEventListener("change", function () {
      limit = Number(shown.value);
      refresh();
    });
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
  function pageLink(page, text) {
    // entity pages are addresses this build wrote, relative to this page
    if (!/^entities\/[A-Za-z0-9._-]+\.html$/.test(page || "")) { return el("span", text); }
    return el("a", text, { href: page });
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

  function neighbours(id) {
    var found = new Set();
    edges.forEach(function (edge) {
      if (edge.from === id) { found.add(edge.to); }
      if (edge.to === id) { found.add(edge.from); }
    });
    found.delete(id);
    return found;
  }

  function showNode(id) {
    var node = nodes.get(id);
    if (!node) { return; }
    details.replaceChildren(el("h2", node.label));
    if (node.page) {
      var open = pageLink(node.page, "Open its page");
      open.className = "entity-page-link";
      details.appendChild(el("p")).appendChild(open);
    }
    var list = el("dl");
    field(list, "Type", node.type);
    field(list, "Also called", node.aliases);
    field(list, "Articles", node.articles);
    field(list, "Statements", node.degree);
    field(list, "IRI", node.iri);
    if (node.wikidata) { field(list, "Wikidata", link(node.wikidata, node.wikidata)); }
    details.appendChild(list);
    var around = neighbours(id);
    var toggle = el("button", onlyAround ? "Show every entity again" : "Show only its neighbours",
                    { type: "button", id: "neighbours-only" });
    toggle.addEventListener("click", function () {
      if (onlyAround) { onlyAround = null; } else {
        onlyAround = new Set(around);
        onlyAround.add(id);
        around.forEach(function (other) { revealed.add(other); });
        revealed.add(id);
      }
      refresh();
      showNode(id);
    });
    details.appendChild(toggle);
    if (around.size) {
      details.appendChild(el("h2", "Neighbours (" + around.size + ")"));
      var names = el("ul", null, { class: "neighbours" });
      Array.from(around).map(function (other) { return nodes.get(other); })
        .filter(Boolean)
        .sort(function (a, b) { return a.rank - b.rank; })
        .slice(0, 50)
        .forEach(function (other) {
          var item = el("li");
          var button = el("a", other.label, { href: "#", "data-node": other.id });
          button.addEventListener("click", function (event) {
            event.preventDefault();
            focusNode(other.id);
          });
          item.appendChild(button);
          names.appendChild(item);
        });
      details.appendChild(names);
    }
    var connected = edges.getIds({
      filter: function (edge) { return edge.from === id || edge.to === id; }
    });
    if (connected.length) {
      details.appendChild(el("h2", "Statements"));
      var items = el("ol");
      connected.slice(0, 50).forEach(function (edgeId) {
        var edge = edges.get(edgeId);
        var item = el("li");
        var button = el("a", label(edge.from) + " — " + edge.relation + " → " + label(edge.to),
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
    details.replaceChildren(el("h2", label(edge.from) + " — " + edge.relation + " → " + label(edge.to)));
    var sentence = edge.sentence || edge.quote || "";
    if (sentence) { details.appendChild(el("blockquote", sentence)); }
    var list = el("dl");
    var article = edge.doc_title ? edge.doc_title + " [" + edge.doc + "]" : edge.doc;
    field(list, "Article", article ? link(edge.url, article) : "");
    field(list, "Date", edge.date);
    field(list, "Role", edge.role);
    field(list, "Polarity", edge.polarity);
    field(list, "Modality", edge.modality);
    field(list, "According to", edge.attribution);
    field(list, "Confidence", edge.confidence === null ? "" : edge.confidence.toFixed(2));
    field(list, "Relation", edge.predicate);
    field(list, "Statement", edge.statement);
    details.appendChild(list);
  }

  // Show a node that was not drawn (its position comes from the build), then draw it.
  function reveal(id) {
    if (visibleNodes.get(id)) { return; }
    revealed.add(id);
    visibleNodes.refresh();
    visibleEdges.refresh();
    updateNote();
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else {
      details.replaceChildren.apply(details, detailsHint.map(function (n) { return n.cloneNode(true); }));
    }
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) { return; }
    var node = nodes.get(params.nodes[0]);
    if (node && /^entities\/[A-Za-z0-9._-]+\.html$/.test(node.page || "")) {
      window.location.href = node.page;
    }
  });

  // Type filter.
  document.querySelectorAll("input.type-filter").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) { hiddenTypes.delete(box.value); } else { hiddenTypes.add(box.value); }
      refresh();
    });
  });

  // Statement filters.
  function checkedSet(selector) {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(selector));
    var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    return on.length === boxes.length ? null : new Set(on);
  }
  var relationBox = document.getElementById("filter-relation");
  var confidenceBox = document.getElementById("filter-confidence");
  var confidenceValue = document.getElementById("confidence-value");
  var articleBox = document.getElementById("filter-article");
  var fromBox = document.getElementById("filter-from");
  var toBox = document.getElementById("filter-to");
  function readFilters() {
    filter.relation = relationBox.value;
    filter.polarities = checkedSet("input.polarity-filter");
    filter.modalities = checkedSet("input.modality-filter");
    filter.confidence = Number(confidenceBox.value);
    confidenceValue.textContent = filter.confidence.toFixed(2);
    filter.article = articleBox.value;
    filter.from = fromBox.value;
    filter.to = toBox.value;
    refresh();
  }
  [relationBox, confidenceBox, articleBox, fromBox, toBox].forEach(function (box) {
    box.addEventListener("change", readFilters);
  });
  confidenceBox.addEventListener("input", readFilters);
  document.querySelectorAll("input.polarity-filter, input.modality-filter").forEach(function (b) {
    b.addEventListener("change", readFilters);
  });
  document.getElementById("filter-reset").addEventListener("click", function () {
    relationBox.value = "";
    articleBox.value = "";
    confidenceBox.value = "0";
    fromBox.value = "";
    toBox.value = "";
    document.querySelectorAll("input.polarity-filter, input.modality-filter, input.type-filter")
      .forEach(function (b) { b.checked = true; });
    hiddenTypes.clear();
    onlyAround = null;
    readFilters();
  });

  function focusNode(id) {
    var match = nodes.get(id);
    if (!match) { return; }
    if (hiddenTypes.has(match.type)) {
      hiddenTypes.delete(match.type);
      document.querySelectorAll("input.type-filter").forEach(function (box) {
        if (box.value === match.type) { box.checked = true; }
      });
    }
    if (onlyAround && !onlyAround.has(id)) { onlyAround = null; }
    revealed.add(id);
    refresh();
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: { duration: 400 } });
    showNode(id);
  }

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
    searchStatus.textContent = "";
    focusNode(match.id);
  });

  updateNote();
})();
