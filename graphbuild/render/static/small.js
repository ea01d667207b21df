(function () {
  "use strict";

  // The network of one entity or one article: positions come from the build, physics is off.
  var block = document.getElementById("graph-data");
  var container = document.getElementById("graph");
  if (!block || !container) { document.body.setAttribute("data-ready", "true"); return; }
  var data = JSON.parse(block.textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;
  window.graphNodes = nodes;
  window.graphEdges = edges;
  network.once("afterDrawing", function () {
    document.body.setAttribute("data-ready", "true");
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) { return; }
    var node = nodes.get(params.nodes[0]);
    if (node && node.page && node.id !== data.focus) { window.location.href = node.page; }
  });
})();
