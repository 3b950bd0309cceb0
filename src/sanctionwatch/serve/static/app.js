/* sanctionwatch web UI: filter forms, the figures chart and the map.
   Plain DOM and SVG, no libraries, no network beyond this server (the CSP allows 'self' only).
   Text from the data is only ever set with textContent, never parsed as HTML. */
"use strict";
(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7ea4", "#6e7781", "#e16f24", "#2da44e"];

  function el(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + " answered " + r.status);
      return r.json();
    });
  }
  function fmt(v) { return Number(v).toLocaleString("en-US", { maximumFractionDigits: 1 }); }
  function toTime(s) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s || "");
    return m ? Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) : null;
  }
  function niceMax(v) {
    if (v <= 0) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v))), n = v / p;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * p;
  }
  function fail(box, message) { box.textContent = ""; html("p", "empty", message, box); }

  /* -- filters: selects and checkboxes marked .autosubmit submit their form ------------------ */
  document.querySelectorAll(".autosubmit").forEach(function (node) {
    node.addEventListener("change", function () { if (node.form) node.form.submit(); });
  });

  /* -- chart: reported figures over time, one colour per kind or per source ------------------ */
  function drawChart(box) {
    var by = box.getAttribute("data-by") === "source" ? "outlet" : "kind";
    getJSON(box.getAttribute("data-src")).then(function (data) {
      var pts = data.points.map(function (p) { return Object.assign({ t: toTime(p.date) }, p); })
        .filter(function (p) { return p.t !== null && p.value !== null; });
      if (!pts.length) return fail(box, "No figures to draw for these filters.");
      var W = Math.max(box.clientWidth || 640, 320), H = box.classList.contains("big") ? 420 : 280;
      var M = { l: 64, r: 16, t: 12, b: 32 };
      var t0 = Math.min.apply(null, pts.map(function (p) { return p.t; }));
      var t1 = Math.max.apply(null, pts.map(function (p) { return p.t; }));
      if (t1 - t0 < 864e5 * 30) { t0 -= 864e5 * 15; t1 += 864e5 * 15; }
      var pad = (t1 - t0) * 0.03; t0 -= pad; t1 += pad;
      var vmax = niceMax(Math.max.apply(null, pts.map(function (p) { return Math.max(p.value, p.max || 0); })) * 1.05);
      var x = function (t) { return M.l + (t - t0) / (t1 - t0) * (W - M.l - M.r); };
      var y = function (v) { return H - M.b - v / vmax * (H - M.t - M.b); };
      box.textContent = "";
      var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "class": "chart-svg" }, box);
      el("title", {}, svg).textContent = "Reported figures over time by " + (by === "kind" ? "kind" : "source");
      for (var i = 0; i <= 5; i++) {
        var v = vmax * i / 5, gy = y(v);
        el("line", { x1: M.l, x2: W - M.r, y1: gy, y2: gy, "class": "grid" }, svg);
        el("text", { x: M.l - 6, y: gy + 4, "text-anchor": "end", "class": "tick" }, svg).textContent = fmt(v);
      }
      var span = t1 - t0, step = span > 864e5 * 800 ? 12 : span > 864e5 * 300 ? 3 : 1;
      var tick = function (t, label) {
        var gx = x(t);
        el("line", { x1: gx, x2: gx, y1: H - M.b, y2: H - M.b + 4, "class": "axis" }, svg);
        el("text", { x: gx, y: H - M.b + 18, "text-anchor": "middle", "class": "tick" }, svg).textContent = label;
      };
      if (span < 864e5 * 120) {  // short spans: a tick a week
        var wk = 864e5 * 7, first = Math.ceil(t0 / wk) * wk;
        for (var tw = first; tw <= t1; tw += wk) tick(tw, new Date(tw).toISOString().slice(0, 10));
      } else {
        var d = new Date(t0), ticks = 0;
        d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
        while (d.getTime() <= t1 && ticks < 60) {
          if (d.getUTCMonth() % step === 0) tick(d.getTime(), step === 12 ? String(d.getUTCFullYear()) : d.toISOString().slice(0, 7));
          d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)); ticks++;
        }
      }
      el("line", { x1: M.l, x2: W - M.r, y1: H - M.b, y2: H - M.b, "class": "axis" }, svg);
      var groups = {}, order = [];
      pts.forEach(function (p) {
        var key = p[by] || "unknown";
        if (!groups[key]) { groups[key] = []; order.push(key); }
        groups[key].push(p);
      });
      order.sort(function (a, b) { return groups[b].length - groups[a].length; });
      var legend = html("ul", "legend", null, box);
      order.forEach(function (key, n) {
        var colour = PALETTE[n % PALETTE.length], ps = groups[key].sort(function (a, b) { return a.t - b.t; });
        var g = el("g", { "class": "series", "data-key": key }, svg);
        if (ps.length > 1) {
          el("polyline", { points: ps.map(function (p) { return x(p.t) + "," + y(p.value); }).join(" "),
                           stroke: colour, fill: "none", "class": "line" }, g);
        }
        ps.forEach(function (p) {
          if (p.max) el("line", { x1: x(p.t), x2: x(p.t), y1: y(p.value), y2: y(p.max), stroke: colour, "class": "range" }, g);
          var href = p.event_id ? "/events/" + encodeURIComponent(p.event_id)
                                : "/documents/" + encodeURIComponent(p.document_id) + "#" + encodeURIComponent(p.claim_id);
          var a = el("a", { href: href }, g);
          el("circle", { cx: x(p.t), cy: y(p.value), r: 4.5, fill: colour, "class": "point" }, a);
          el("title", {}, a).textContent = fmt(p.value) + (p.max ? "–" + fmt(p.max) : "") + " " + (p.kind || "") +
            " — " + p.outlet + ", " + p.date;
        });
        var li = html("li", null, null, legend);
        var sw = el("svg", { width: 12, height: 12, "class": "swatch" }, li);
        el("rect", { width: 12, height: 12, fill: colour }, sw);
        html("span", null, key + " (" + ps.length + ")", li);
      });
      if (data.truncated) html("p", "sub", "Showing the first " + pts.length + " figures; narrow the filters to see the rest.", box);
    }).catch(function (err) { fail(box, "Could not draw the chart: " + err.message); });
  }

  /* -- map: event locations on the bundled country outlines ---------------------------------- */
  function drawMap(box) {
    Promise.all([getJSON("/static/countries.geojson"), getJSON(box.getAttribute("data-src"))]).then(function (res) {
      var world = res[0], pts = res[1].points, big = box.classList.contains("big");
      var b = big || !pts.length ? [20, 150, 22, 72] : [180, -180, 90, -90];
      if (!big) pts.forEach(function (p) {
        b = [Math.min(b[0], p.lon), Math.max(b[1], p.lon), Math.min(b[2], p.lat), Math.max(b[3], p.lat)];
      });
      if (!big && pts.length) {  // at least 30° x 16° around the points
        var cx = (b[0] + b[1]) / 2, cy = (b[2] + b[3]) / 2;
        var hw = Math.max((b[1] - b[0]) / 2 + 4, 15), hh = Math.max((b[3] - b[2]) / 2 + 3, 8);
        b = [cx - hw, cx + hw, cy - hh, cy + hh];
      }
      pts.forEach(function (p) { b = [Math.min(b[0], p.lon - 2), Math.max(b[1], p.lon + 2), Math.min(b[2], p.lat - 2), Math.max(b[3], p.lat + 2)]; });
      var k = Math.cos((b[2] + b[3]) / 2 * Math.PI / 180);
      var W = Math.max(box.clientWidth || 640, 300), H = Math.round(W * (b[3] - b[2]) / ((b[1] - b[0]) * k));
      H = Math.min(Math.max(H, 200), big ? 560 : 320);
      var sx = W / ((b[1] - b[0]) * k), sy = H / (b[3] - b[2]), s = Math.min(sx, sy);
      var ox = (W - (b[1] - b[0]) * k * s) / 2, oy = (H - (b[3] - b[2]) * s) / 2;
      var px = function (lon) { return ox + (lon - b[0]) * k * s; };
      var py = function (lat) { return oy + (b[3] - lat) * s; };
      box.textContent = "";
      var svg = el("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", "class": "map-svg" }, box);
      el("title", {}, svg).textContent = "Event locations";
      el("rect", { width: W, height: H, "class": "sea" }, svg);
      var land = el("g", { "class": "land" }, svg), labels = el("g", { "class": "labels" }, svg);
      world.features.forEach(function (f) {
        var polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
        var dpath = polys.map(function (poly) {
          return poly.map(function (ring) {
            return "M" + ring.map(function (c) { return px(c[0]).toFixed(1) + "," + py(c[1]).toFixed(1); }).join("L") + "Z";
          }).join("");
        }).join("");
        el("path", { d: dpath, "class": "country", "data-iso": f.properties.iso }, land);
        var lp = f.properties.label;
        if (lp && lp[0] > b[0] && lp[0] < b[1] && lp[1] > b[2] && lp[1] < b[3]) {
          el("text", { x: px(lp[0]), y: py(lp[1]), "text-anchor": "middle", "class": "country-label" }, labels).textContent = f.properties.name;
        }
      });
      var dots = el("g", { "class": "points" }, svg);
      pts.forEach(function (p) {
        var a = el("a", { href: "/events/" + encodeURIComponent(p.event_id) }, dots);
        el("circle", { cx: px(p.lon), cy: py(p.lat), r: 4 + 2 * Math.sqrt(p.sources || 1),
                       "class": "point" + (p.conflict ? " conflict" : "") }, a);
        el("title", {}, a).textContent = (p.type || "").replace(/_/g, " ") + " · " + (p.name || "") +
          " · " + (p.sources || 0) + " source(s)" + (p.date ? " · " + p.date.slice(0, 10) : "");
      });
      if (!pts.length) html("p", "sub", "No located events for these filters.", box);
    }).catch(function (err) { fail(box, "Could not draw the map: " + err.message); });
  }

  document.querySelectorAll(".chart[data-src]").forEach(drawChart);
  document.querySelectorAll(".map[data-src]").forEach(drawMap);
})();
