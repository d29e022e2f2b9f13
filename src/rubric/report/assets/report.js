/* The report's live part: the plane, the scheme table, the contribution bars and the what-if sliders.
   Everything it shows comes from the JSON block of each rubric's section and is put into the page as text
   (textContent, setAttribute), never as markup.  For a weighted-sum scheme it recomputes what the engine does:
   local weights flattened down the tree, the weighted mean of each row and of each group's columns, and
   competition ranks with the engine's tie tolerance, in the engine's order of operations. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var TIE_TOLERANCE = 1e-9;

  function el(tag, attrs, text, ns) {
    var node = ns ? document.createElementNS(SVG, tag) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svg(tag, attrs, text) { return el(tag, attrs, text, true); }
  function fmt(x, digits) {
    if (x === null || x === undefined) return "n/a";
    var text = x.toFixed(digits === undefined ? 3 : digits);
    return Number(text) === 0 ? text.replace("-", "") : text;
  }

  function Report(section) {
    this.section = section;
    this.data = JSON.parse(section.querySelector(".rubric-data").textContent);
    var d = this.data;
    this.isCriterion = {};
    d.rubric.criteria.forEach(function (c) { this.isCriterion[c.id] = true; }, this);
    this.titles = {};
    d.rubric.groups.concat(d.rubric.criteria).forEach(function (n) { this.titles[n.id] = n.title; }, this);
    this.columns = {};
    d.rubric.groups.forEach(function (g) { this.columns[g.id] = this.under(g.id); }, this);
    this.select = section.querySelector(".scheme-select");
    this.select.addEventListener("change", this.choose.bind(this, null));
    section.querySelector(".reset").addEventListener("click", this.reset.bind(this));
    section.querySelector(".copy").addEventListener("click", this.copy.bind(this));
    this.choose(0);
  }

  Report.prototype.children = function (node) {
    var d = this.data;
    var groups = d.rubric.groups.filter(function (g) { return g.parent === node; }).map(function (g) { return g.id; });
    var criteria = d.rubric.criteria.filter(function (c) { return c.group === node; }).map(function (c) { return c.id; });
    return groups.concat(criteria);
  };

  /* Positions of the criteria anywhere below a group, in rubric order. */
  Report.prototype.under = function (group) {
    var parents = {};
    this.data.rubric.groups.forEach(function (g) { parents[g.id] = g.parent; });
    return this.data.rubric.criteria.map(function (c, j) {
      for (var at = c.group; at !== null && at !== undefined; at = parents[at]) if (at === group) return j;
      return -1;
    }).filter(function (j) { return j >= 0; });
  };

  /* weights.flatten_weights: siblings normalised, multiplied down the tree. */
  Report.prototype.flatten = function (local) {
    var self = this, effective = {};
    function descend(node, share) {
      var children = self.children(node), total = 0, values = children.map(function (c) { return local[c]; });
      values.forEach(function (v) { total += v; });
      if (total <= 0 && share === 0) total = 1;
      else if (total <= 0) throw new Error("the weights of " + children.map(function (c) { return self.titles[c]; }).join(", ") + " are all zero");
      children.forEach(function (c, i) {
        if (self.isCriterion[c]) effective[c] = share * values[i] / total;
        else descend(c, share * values[i] / total);
      });
    }
    descend(null, 1.0);
    return this.data.rubric.criteria.map(function (c) { return effective[c.id] || 0; });
  };

  /* The weighted-sum method on a list of rows: Σ w·x / Σ w, summed left to right as the engine does. */
  function weightedSum(rows, weights) {
    var total = 0;
    weights.forEach(function (w) { total += w; });
    return rows.map(function (row) {
      var sum = 0;
      for (var j = 0; j < weights.length; j++) sum += weights[j] * row[j];
      return sum / total;
    });
  }

  function close(a, b) { return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b)); }

  /* engine.rank: competition ranks, higher first, ties by id within the tolerance. */
  function rank(scores, ids) {
    var order = scores.map(function (_, i) { return i; });
    order.sort(function (a, b) { return scores[b] - scores[a] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0); });
    var ranks = new Array(scores.length), tied = scores.map(function () { return false; });
    order.forEach(function (index, position) {
      var previous = order[position - 1];
      if (position && close(scores[previous], scores[index])) { ranks[index] = ranks[previous]; tied[index] = tied[previous] = true; }
      else ranks[index] = position + 1;
    });
    return { ranks: ranks, tied: tied };
  }

  Report.prototype.compute = function (local) {
    var d = this.data, self = this;
    var weights = this.flatten(local);
    var scores = weightedSum(d.matrix, weights);
    var groups = {};
    d.rubric.groups.forEach(function (g) {
      var idx = self.columns[g.id], share = 0;
      idx.forEach(function (j) { share += weights[j]; });
      if (share <= 0 || !d.matrix.length) { groups[g.id] = d.matrix.map(function () { return null; }); return; }
      var sub = idx.map(function (j) { return weights[j] / share; });
      groups[g.id] = weightedSum(d.matrix.map(function (row) { return idx.map(function (j) { return row[j]; }); }), sub);
    });
    /* engine.rank_red_lined: a criterion's red line caps the total or takes the proposal out of the ranking
       (below all the others); whether it is crossed does not depend on the weights. */
    var rules = this.scheme.rules, ids = d.proposals.map(function (p) { return p.id; });
    scores = scores.map(function (v, i) { return rules[i].cap === null ? v : Math.min(v, rules[i].cap); });
    var keep = ids.map(function (_, i) { return i; }).filter(function (i) { return !rules[i].exclude; });
    var ranked = rank(keep.map(function (i) { return scores[i]; }), keep.map(function (i) { return ids[i]; }));
    var ranks = ids.map(function () { return keep.length + 1; }), tied = ids.map(function () { return false; });
    keep.forEach(function (i, k) { ranks[i] = ranked.ranks[k]; tied[i] = ranked.tied[k]; });
    return { weights: weights, scores: scores, groups: groups, ranks: ranks, tied: tied,
             excluded: ids.map(function (_, i) { return rules[i].exclude; }) };
  };

  Report.prototype.choose = function (index) {
    this.index = index === null ? Number(this.select.value) : index;
    this.select.value = String(this.index);
    this.scheme = this.data.schemes[this.index];
    this.local = Object.assign({}, this.scheme.local);
    this.extent = {};
    this.sliders();
    this.update();
  };

  Report.prototype.reset = function () { this.choose(this.index); };

  Report.prototype.update = function () {
    var s = this.scheme, status = this.section.querySelector(".status");
    status.textContent = "";
    if (!s.live) {
      this.state = { weights: s.weights, scores: s.scores, groups: s.groups, ranks: s.ranks, tied: s.tied,
                     excluded: s.marks.map(function (m) { return m === "excluded"; }) };
    } else {
      try { this.state = this.compute(this.local); } catch (error) { status.textContent = error.message; return; }
    }
    this.plane();
    this.table();
    this.bars();
    this.toml();
  };

  Report.prototype.order = function () {
    var st = this.state, ids = this.data.proposals.map(function (p) { return p.id; });
    return ids.map(function (_, i) { return i; }).sort(function (a, b) { return st.ranks[a] - st.ranks[b] || (ids[a] < ids[b] ? -1 : 1); });
  };

  Report.prototype.preorder = function (node, depth, out) {
    this.children(node).forEach(function (c) {
      out.push({ id: c, depth: depth });
      if (!this.isCriterion[c]) this.preorder(c, depth + 1, out);
    }, this);
    return out;
  };

  Report.prototype.sliders = function () {
    var box = this.section.querySelector(".sliders"), pane = this.section.querySelector(".whatif"), self = this;
    box.textContent = "";
    pane.querySelector(".buttons").hidden = !this.scheme.live;
    pane.querySelector(".toml").hidden = !this.scheme.live;
    if (!this.scheme.live) {
      box.appendChild(el("p", { "class": "note" }, "Scheme " + this.scheme.id + " (" + this.scheme.method + ")" +
        ": the what-if sliders apply to weighted-sum schemes (flat, unrounded) with no gap to fill and no red line that excludes or caps."));
      return;
    }
    this.preorder(null, 0, []).forEach(function (node) {
      var row = el("div", { "class": "slider " + (self.isCriterion[node.id] ? "criterion" : "group") });
      var id = "w-" + self.section.dataset.index + "-" + node.id;
      var label = el("label", { "for": id }, "\u00a0".repeat(2 * node.depth) + self.titles[node.id]);
      var input = el("input", { type: "range", min: 0, max: 1, step: 0.01, id: id, "data-node": node.id });
      input.value = String(self.local[node.id]);
      var out = el("output", { "for": id });
      input.addEventListener("input", function () { self.local[node.id] = Number(input.value); self.update(); });
      row.appendChild(label); row.appendChild(input); row.appendChild(out);
      box.appendChild(row);
    });
  };

  Report.prototype.shares = function () {
    var self = this;
    this.section.querySelectorAll(".sliders output").forEach(function (out) {
      var node = out.previousSibling.dataset.node, parent = null, total = 0;
      self.data.rubric.groups.concat(self.data.rubric.criteria).forEach(function (n) {
        if (n.id === node) parent = self.isCriterion[node] ? n.group : n.parent;
      });
      self.children(parent).forEach(function (c) { total += self.local[c]; });
      out.textContent = total > 0 ? Math.round(100 * self.local[node] / total) + "%" : "–";
    });
  };

  Report.prototype.toml = function () {
    if (!this.scheme.live) return;
    this.shares();
    var self = this, key = function (id) { return /^[A-Za-z0-9_-]+$/.test(id) ? id : JSON.stringify(id); };
    var parts = this.preorder(null, 0, []).map(function (n) { return key(n.id) + " = " + String(self.local[n.id]); });
    this.section.querySelector(".toml").value = "[schemes.what-if]\ntitle = " + JSON.stringify("What if (from " + this.scheme.id + ")") +
      "\nweights = { " + parts.join(", ") + " }\n";
  };

  Report.prototype.copy = function () {
    var area = this.section.querySelector(".toml"), status = this.section.querySelector(".status");
    area.select();
    if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(function () { status.textContent = "Copied."; },
      function () { status.textContent = "Selected: copy it with Ctrl+C."; });
    else status.textContent = "Selected: copy it with Ctrl+C.";
  };

  Report.prototype.table = function () {
    var d = this.data, st = this.state, s = this.scheme, self = this, table = this.section.querySelector(".scheme-table");
    var groups = this.preorder(null, 0, []).filter(function (n) { return !self.isCriterion[n.id]; });
    table.textContent = "";
    var head = el("tr");
    ["Rank", "Proposal", "Score"].concat(groups.map(function (g) { return self.titles[g.id]; })).forEach(function (h) { head.appendChild(el("th", {}, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    this.order().forEach(function (i) {
      var tr = el("tr", { "data-proposal": d.proposals[i].id });
      var moved = st.ranks[i] !== s.ranks[i];
      var shown = st.excluded[i] ? "excluded" : st.ranks[i] + (st.tied[i] ? "=" : "");
      tr.appendChild(el("td", moved ? { "class": "changed", title: "rank under the scheme: " + s.ranks[i] } : {}, shown));
      tr.appendChild(el("th", { scope: "row" }, d.proposals[i].id));
      tr.appendChild(el("td", {}, fmt(st.scores[i])));
      groups.forEach(function (g) { tr.appendChild(el("td", {}, fmt(st.groups[g.id][i]))); });
      body.appendChild(tr);
    });
  };

  Report.prototype.plane = function () {
    var d = this.data, st = this.state, box = this.section.querySelector(".plane");
    box.textContent = "";
    if (!d.axes) { box.appendChild(el("p", { "class": "note" }, "The rubric has fewer than two top-level groups: no plane.")); return; }
    var W = 600, H = 440, L = 56, R = 14, T = 14, B = 46, gx = d.axes[0], gy = d.axes[1];
    var mid = (d.rubric.scale.min + d.rubric.scale.max) / 2, rx = this.reach(gx, mid), ry = this.reach(gy, mid);
    var x = function (v) { return L + (v - rx[0]) / (rx[1] - rx[0]) * (W - L - R); };
    var y = function (v) { return H - B - (v - ry[0]) / (ry[1] - ry[0]) * (H - T - B); };
    var tx = this.titles[gx], ty = this.titles[gy];
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": tx + " against " + ty, "class": "plane-svg" });
    root.appendChild(svg("rect", { x: L, y: T, width: W - L - R, height: H - T - B, "class": "frame" }));
    root.appendChild(svg("line", { x1: x(mid), x2: x(mid), y1: T, y2: H - B, "class": "axis" }));
    root.appendChild(svg("line", { x1: L, x2: W - R, y1: y(mid), y2: y(mid), "class": "axis" }));
    ticks(rx).forEach(function (v) { root.appendChild(svg("text", { x: x(v), y: H - B + 14, "text-anchor": "middle", "font-size": 10 }, String(v))); });
    ticks(ry).forEach(function (v) { root.appendChild(svg("text", { x: L - 6, y: y(v) + 3, "text-anchor": "end", "font-size": 10 }, String(v))); });
    root.appendChild(svg("text", { x: (L + W - R) / 2, y: H - 8, "text-anchor": "middle", "font-size": 12 }, tx + " →"));
    root.appendChild(svg("text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", "font-size": 12, transform: "rotate(-90 14 " + (T + H - B) / 2 + ")" }, ty + " →"));
    box.appendChild(root);  /* in the page first, so that texts can be measured */
    var corners = [[W - R - 6, T + 14, "end", "better on both"], [L + 6, T + 14, "start", ty + " over " + tx],
     [L + 6, H - B - 6, "start", "worse on both"], [W - R - 6, H - B - 6, "end", tx + " over " + ty]].map(function (q) {
      var text = root.appendChild(svg("text", { x: q[0], y: q[1], "text-anchor": q[2], "class": "quadrant" }, q[3]));
      var b = text.getBBox ? text.getBBox() : { x: q[0], y: q[1] - 11, width: 0, height: 0 };
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    });
    var order = this.order(), n = order.length, k = 8, points = [];
    order.forEach(function (i, position) {
      var vx = st.groups[gx][i], vy = st.groups[gy][i], id = d.proposals[i].id;
      if (vx === null || vy === null) return;
      var px = x(vx), py = y(vy);
      var point = svg("circle", { cx: px, cy: py, r: 4.5, "class": "point", "data-proposal": id });
      point.appendChild(svg("title", {}, id + " (#" + st.ranks[i] + "): " + tx + " " + fmt(vx, 2) + ", " + ty + " " + fmt(vy, 2)));
      root.appendChild(point);
      points.push({ x: px, y: py, id: id, labelled: n <= 30 || position < k || position >= n - k });
    });
    placeLabels(root, points, { x: L, y: T, w: W - L - R, h: H - T - B }, corners);
    box.appendChild(el("p", { "class": "note" }, n <= 30 ? "Sub-scores under scheme " + this.scheme.id + "." :
      "Sub-scores under scheme " + this.scheme.id + "; labels for the top and bottom " + k + ", the others on hover."));
  };

  /* A group's axis: the scheme's and the current sub-scores with the scale's midpoint, on half steps, padded.
     It only widens while the sliders move (so points do not jump) and starts anew with each scheme. */
  Report.prototype.reach = function (group, mid) {
    var scale = this.data.rubric.scale, seen = this.extent[group] || [mid, mid];
    this.scheme.groups[group].concat(this.state.groups[group]).forEach(function (v) {
      if (v !== null) { seen = [Math.min(seen[0], v), Math.max(seen[1], v)]; }
    });
    this.extent[group] = seen;
    var lo = Math.max(scale.min, Math.floor(2 * seen[0] - 0.2) / 2), hi = Math.min(scale.max, Math.ceil(2 * seen[1] + 0.2) / 2);
    var pad = 0.04 * (hi - lo || 1);
    return [lo - pad, hi + pad];
  };

  /* Axis numbers: the half steps inside a range, thinned to at most nine. */
  function ticks(range) {
    var out = [], step = 0.5;
    while ((range[1] - range[0]) / step > 9) step *= 2;
    for (var v = Math.ceil(range[0] / step) * step; v <= range[1]; v += step) out.push(Math.round(v * 100) / 100);
    return out;
  }

  function overlaps(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }

  /* Labels that cover no labelled point and no other label: each tries spots around its point, nearest first, then
     farther out with a leader line; a label that finds no spot is left out (its point names itself on hover). */
  function placeLabels(root, points, frame, keepClear) {
    /* Past 30 points only the top and bottom k are labelled: their labels may cover the unlabelled points. */
    var taken = points.filter(function (p) { return p.labelled; })
      .map(function (p) { return { x: p.x - 5, y: p.y - 5, w: 10, h: 10 }; }).concat(keepClear);
    var directions = [[1, 0], [-1, 0], [1, -1], [1, 1], [-1, -1], [-1, 1], [0, -1], [0, 1]];
    /* The most crowded points choose first: they have the fewest free spots. */
    var crowd = function (p) { return points.filter(function (q) { return Math.abs(q.x - p.x) < 60 && Math.abs(q.y - p.y) < 30; }).length; };
    points.filter(function (p) { return p.labelled; }).map(function (p) { return [crowd(p), p]; })
      .sort(function (a, b) { return b[0] - a[0]; }).forEach(function (pair) {
      var p = pair[1];
      var text = svg("text", { x: 0, y: 0, "class": "label" }, p.id);
      root.appendChild(text);
      var m = text.getBBox ? text.getBBox() : { x: 0, y: -10, width: 0, height: 13 };  /* as drawn at (0, 0) */
      var w = m.width || 6.2 * p.id.length, h = m.height || 13;
      var spot = null;
      [8, 16, 26, 38, 54, 72].some(function (r) {
        return directions.some(function (dir) {
          var cx = p.x + dir[0] * r, cy = p.y + dir[1] * r * 0.8;
          var bx = dir[0] > 0 ? cx : dir[0] < 0 ? cx - w : cx - w / 2;
          var by = dir[1] < 0 ? cy - h : dir[1] > 0 ? cy : cy - h / 2;
          var b = { x: bx, y: by, w: w, h: h };
          if (b.x < frame.x + 2 || b.x + w > frame.x + frame.w - 2 || b.y < frame.y + 2 || b.y + h > frame.y + frame.h - 2) return false;
          if (taken.some(function (o) { return overlaps(b, o); })) return false;
          spot = { box: b, far: r > 8 || dir[1] !== 0, ax: dir[0] > 0 ? bx : dir[0] < 0 ? bx + w : bx + w / 2, ay: dir[1] < 0 ? by + h : dir[1] > 0 ? by : by + h / 2 };
          return true;
        });
      });
      if (!spot) { root.removeChild(text); return; }
      taken.push(spot.box);
      text.setAttribute("x", spot.box.x - m.x);
      text.setAttribute("y", spot.box.y - m.y);
      if (spot.far) root.insertBefore(svg("line", { x1: p.x, y1: p.y, x2: spot.ax, y2: spot.ay, "class": "leader" }), root.firstChild.nextSibling);
    });
  }

  Report.prototype.bars = function () {
    var d = this.data, st = this.state, box = this.section.querySelector(".bars"), self = this;
    box.textContent = "";
    var order = this.order(), n = order.length, k = 20;
    var rows = n <= 2 * k ? order : order.slice(0, k).concat(order.slice(n - k));
    var W = 760, L = 200, R = 16, rowH = 16, H = rows.length * rowH + 30, m = d.rubric.criteria.length;
    var most = 0;
    rows.forEach(function (i) {
      var pos = 0, neg = 0;
      for (var j = 0; j < m; j++) { var c = st.weights[j] * d.matrix[i][j]; if (c > 0) pos += c; else neg -= c; }
      most = Math.max(most, pos, neg);
    });
    most = most || 1;
    var x = function (v) { return L + (v + most) / (2 * most) * (W - L - R); };
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "contributions by criterion", "class": "bars-svg" });
    rows.forEach(function (i, r) {
      var yy = r * rowH + 4, pos = 0, neg = 0, id = d.proposals[i].id;
      root.appendChild(svg("text", { x: L - 6, y: yy + 11, "text-anchor": "end", "font-size": 11 }, id));
      d.rubric.criteria.forEach(function (c, j) {
        var v = st.weights[j] * d.matrix[i][j];
        if (v === 0) return;
        var from = v > 0 ? pos : neg + v;
        if (v > 0) pos += v; else neg += v;
        var bar = svg("rect", { x: x(from), y: yy, width: Math.abs(x(v) - x(0)), height: rowH - 4, fill: d.colours[c.id], "class": "bar", "data-proposal": id });
        bar.appendChild(svg("title", {}, id + " · " + c.title + ": " + fmt(v)));
        root.appendChild(bar);
      });
    });
    root.appendChild(svg("line", { x1: x(0), x2: x(0), y1: 0, y2: rows.length * rowH + 4, stroke: "#333" }));
    root.appendChild(svg("text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", "font-size": 11 }, "weight × value under " + this.scheme.id + " (adds up to the score under a weighted sum)"));
    box.appendChild(root);
    var legend = el("p", { "class": "note legend" });
    d.rubric.criteria.forEach(function (c) {
      legend.appendChild(el("span", { style: "display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;background:" + d.colours[c.id] }));
      legend.appendChild(document.createTextNode(self.titles[c.id]));
    });
    box.appendChild(legend);
    if (rows.length < n) box.appendChild(el("p", { "class": "note" }, "The top and bottom " + k + " of " + n + " proposals."));
  };

  var reports = Array.prototype.map.call(document.querySelectorAll("section.rubric"), function (s) { return new Report(s); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.card").forEach(function (card) { card.open = true; });
  });
  /* For tests and for readers' own scripts: move sliders through the page's own controls and read back the numbers. */
  window.rubricReport = {
    reports: reports,
    setWeights: function (r, schemeId, weights) {
      var report = reports[r];
      var index = report.data.schemes.map(function (s) { return s.id; }).indexOf(schemeId);
      report.choose(index);
      Object.keys(weights).forEach(function (node) {
        var input = report.section.querySelector('input[data-node="' + CSS.escape(node) + '"]');
        input.value = String(weights[node]);
        input.dispatchEvent(new Event("input"));
      });
      return report.state;
    },
    state: function (r) { return reports[r].state; }
  };
  document.documentElement.dataset.ready = "true";
})();
