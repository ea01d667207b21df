(function () {
  "use strict";

  var form = document.getElementById("query-form");
  var status = document.getElementById("query-status");
  var results = document.getElementById("results");

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function table(json) {
    if (typeof json.boolean === "boolean") { return el("p", json.boolean ? "yes (true)" : "no (false)"); }
    var vars = json.head.vars;
    var grid = el("table");
    var head = el("tr");
    vars.forEach(function (name) { head.appendChild(el("th", "?" + name)); });
    grid.appendChild(head);
    json.results.bindings.forEach(function (row) {
      var line = el("tr");
      vars.forEach(function (name) {
        var cell = row[name];
        var td = el("td", cell ? cell.value : "");
        if (cell) { td.className = cell.type; }
        line.appendChild(td);
      });
      grid.appendChild(line);
    });
    return grid;
  }

  // The library's example queries, as the server lists them (none when it lists none).
  var examples = document.getElementById("examples");
  var shipped = {};
  fetch("sparql/examples.json", { headers: { "Accept": "application/json" } })
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (found) {
      shipped = found;
      Object.keys(found).sort().forEach(function (name) {
        var option = el("option", name.replace(/\.rq$/, ""));
        option.value = name;
        examples.appendChild(option);
      });
      if (Object.keys(found).length) { examples.parentNode.hidden = false; }
    })
    .catch(function () { /* the page works without the examples */ });
  examples.addEventListener("change", function () {
    if (shipped[examples.value]) { document.getElementById("query").value = shipped[examples.value]; }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var accept = document.getElementById("accept").value;
    var started = performance.now();
    status.textContent = "running…";
    fetch("sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
      body: new URLSearchParams({ query: document.getElementById("query").value })
    }).then(function (response) {
      return response.text().then(function (text) { return [response, text]; });
    }).then(function (pair) {
      var response = pair[0], text = pair[1];
      var seconds = ((performance.now() - started) / 1000).toFixed(2);
      results.replaceChildren();
      if (!response.ok) {
        status.textContent = "error " + response.status;
        results.appendChild(el("pre", text)).className = "error";
        return;
      }
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("json") >= 0 && type.indexOf("ld+json") < 0) {
        var json = JSON.parse(text);
        var rows = json.results ? json.results.bindings.length : 1;
        status.textContent = rows + (rows === 1 ? " result" : " results") + " in " + seconds + " s";
        results.appendChild(table(json));
      } else {
        status.textContent = "done in " + seconds + " s";
        results.appendChild(el("pre", text));
      }
    }).catch(function (error) {
      status.textContent = "the request failed: " + error;
    });
  });
})();
