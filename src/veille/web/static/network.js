// Network page: a small force-directed layout (repulsion between nodes, springs along edges, gravity to the
// centre), computed once then drawn as SVG. Labels use textContent; links are built with encodeURIComponent.
(function () {
  "use strict";
  var dataEl = document.getElementById("graph-data");
  var svg = document.getElementById("network");
  if (!dataEl || !svg) return;
  var net = JSON.parse(dataEl.textContent);
  var NS = "http://www.w3.org/2000/svg", W = 1000, H = 700;
  var QUADS = {"1": "coopération verbale", "2": "coopération matérielle", "3": "conflit verbal",
               "4": "conflit matériel"};
  var nodes = net.nodes.map(function (n, i) {
    var a = 2 * Math.PI * i / Math.max(net.nodes.length, 1), r = 250 * Math.sqrt((i + 1) / net.nodes.length);
    return {id: n.id, label: n.label, entity: n.entity, degree: n.degree,
            x: W / 2 + r * Math.cos(a), y: H / 2 + r * Math.sin(a), dx: 0, dy: 0};
  });
  var index = {};
  nodes.forEach(function (n, i) { index[n.id] = i; });
  var edges = net.edges.filter(function (e) { return e.source in index && e.target in index; });
  var n = nodes.length;
  var k = Math.sqrt(W * H / Math.max(n, 1)) * 0.6;
  var iterations = n > 300 ? 120 : n > 100 ? 200 : 300;
  var temp = W / 10;
  for (var it = 0; it < iterations; it++) {
    var i, j, a, b, dx, dy, d2, d, f;
    for (i = 0; i < n; i++) { nodes[i].dx = 0; nodes[i].dy = 0; }
    for (i = 0; i < n; i++) {
      a = nodes[i];
      for (j = i + 1; j < n; j++) {
        b = nodes[j];
        dx = a.x - b.x; dy = a.y - b.y; d2 = dx * dx + dy * dy + 0.01;
        f = k * k / d2;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    edges.forEach(function (e) {
      var s = nodes[index[e.source]], t = nodes[index[e.target]];
      var ex = s.x - t.x, ey = s.y - t.y, ed = Math.sqrt(ex * ex + ey * ey) + 0.01;
      var w = 1 + Math.log(1 + e.count);
      var ef = ed / k * w * 0.5;
      s.dx -= ex * ef; s.dy -= ey * ef; t.dx += ex * ef; t.dy += ey * ef;
    });
    for (i = 0; i < n; i++) {
      a = nodes[i];
      a.dx += (W / 2 - a.x) * 0.02 * k / 10; a.dy += (H / 2 - a.y) * 0.02 * k / 10;
      d = Math.sqrt(a.dx * a.dx + a.dy * a.dy) + 0.01;
      a.x += a.dx / d * Math.min(d, temp); a.y += a.dy / d * Math.min(d, temp);
      a.x = Math.max(20, Math.min(W - 20, a.x)); a.y = Math.max(20, Math.min(H - 20, a.y));
    }
    temp *= 0.97;
  }
  function el(name, attrs) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (key) { e.setAttribute(key, attrs[key]); });
    return e;
  }
  var maxDeg = Math.max.apply(null, nodes.map(function (x) { return x.degree; }).concat([1]));
  var gEdges = el("g", {"class": "edges"}), gNodes = el("g", {"class": "nodes"});
  edges.forEach(function (e) {
    var s = nodes[index[e.source]], t = nodes[index[e.target]];
    var line = el("line", {x1: s.x.toFixed(1), y1: s.y.toFixed(1), x2: t.x.toFixed(1), y2: t.y.toFixed(1),
      "stroke-width": (0.8 + 1.6 * Math.log(1 + e.count)).toFixed(2), "class": e.tone});
    var title = el("title", {});
    title.textContent = s.label + " → " + t.label + " : " + e.count + " événement(s) — " +
      Object.keys(e.quads).map(function (q) { return QUADS[q] + " " + e.quads[q]; }).join(", ");
    line.appendChild(title);
    gEdges.appendChild(line);
  });
  var ranked = nodes.slice().sort(function (p, q) { return q.degree - p.degree; });
  var labelled = {};
  ranked.slice(0, 40).forEach(function (x) { labelled[x.id] = true; });
  nodes.forEach(function (x) {
    var link = el("a", {"class": "node", href: "/actors/" + encodeURIComponent(x.entity || x.id)});
    var r = 3 + 9 * Math.sqrt(x.degree / maxDeg);
    link.appendChild(el("circle", {cx: x.x.toFixed(1), cy: x.y.toFixed(1), r: r.toFixed(1)}));
    var title = el("title", {});
    title.textContent = x.label + " (" + x.degree + ")";
    link.appendChild(title);
    if (labelled[x.id]) {
      var text = el("text", {x: (x.x + r + 2).toFixed(1), y: (x.y + 4).toFixed(1)});
      text.textContent = x.label;
      link.appendChild(text);
    }
    gNodes.appendChild(link);
  });
  svg.appendChild(gEdges);
  svg.appendChild(gNodes);
  svg.setAttribute("data-ready", "1");
})();
