// The cw erd page: group views, pan and zoom, search over tables and columns, the details of a table.
// State lives in the URL hash (#group=core&search=brand&table=cw_000200.products), so a view can be shared.
(function () {
  'use strict';
  var model = JSON.parse(document.getElementById('erd-model').textContent);
  var main = document.querySelector('main');
  var views = {};
  document.querySelectorAll('.view').forEach(function (v) { views[v.dataset.group] = v; });
  var tables = {};
  model.tables.forEach(function (t) { tables[t.schema + '.' + t.name] = t; });
  var state = { group: 'overview', scale: 1, x: 0, y: 0 };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function apply() {
    var v = views[state.group];
    if (v) { v.style.transform = 'translate(' + state.x + 'px,' + state.y + 'px) scale(' + state.scale + ')'; }
  }

  function fit() {
    var v = views[state.group];
    if (!v) { return; }
    var svg = v.querySelector('svg');
    var w = svg.width.baseVal.value || 1, h = svg.height.baseVal.value || 1;
    var W = main.clientWidth || 1000, H = main.clientHeight || 700;
    state.scale = Math.min(W / w, H / h, 1.5);
    state.x = (W - w * state.scale) / 2;
    state.y = Math.max(0, (H - h * state.scale) / 2);
    apply();
  }

  // The first view of a group: the whole group when its text is still readable that way; else a readable scale,
  // centred on the group's most connected table (pan, or press Fit for the whole group).
  function fitWidth() {
    var v = views[state.group];
    if (!v) { return; }
    var svg = v.querySelector('svg');
    var w = svg.width.baseVal.value || 1, h = svg.height.baseVal.value || 1;
    var W = main.clientWidth || 1000, H = main.clientHeight || 700;
    if (Math.min(W / w, H / h) >= 0.55) { fit(); return; }
    var degree = {};
    model.foreign_keys.forEach(function (fk) {
      [fk.schema + '.' + fk.table, fk.ref_schema + '.' + fk.ref_table].forEach(function (q) {
        if (tables[q] && tables[q].group === state.group) { degree[q] = (degree[q] || 0) + 1; }
      });
    });
    var hub = null;
    Object.keys(degree).forEach(function (q) { if (!hub || degree[q] > degree[hub]) { hub = q; } });
    var node = hub ? document.getElementById('t:' + state.group + ':' + hub) : null;
    state.scale = 0.6;
    if (node) { centerOn(node); return; }
    state.x = (W - w * state.scale) / 2;
    state.y = 10;
    apply();
  }

  function zoomAt(factor, cx, cy) {
    var s = Math.min(8, Math.max(0.05, state.scale * factor));
    state.x = cx - (cx - state.x) * (s / state.scale);
    state.y = cy - (cy - state.y) * (s / state.scale);
    state.scale = s;
    apply();
  }

  function centerOn(node) {
    var v = views[state.group];
    var svg = v.querySelector('svg');
    var box = node.getBBox();
    var ctm = node.getCTM();
    var svgCtm = svg.getCTM();
    var vb = svg.viewBox.baseVal;
    var sx = (svg.width.baseVal.value || vb.width) / vb.width;
    // graphviz puts everything under a transformed group: map the node box into the svg's user space
    var local = svgCtm && ctm ? svgCtm.inverse().multiply(ctm) : null;
    var x = box.x + box.width / 2, y = box.y + box.height / 2;
    if (local) {
      var lx = local.a * x + local.c * y + local.e, ly = local.b * x + local.d * y + local.f;
      x = lx; y = ly;
    }
    x = (x - vb.x) * sx; y = (y - vb.y) * sx;
    state.scale = Math.max(state.scale, 0.6);
    state.x = (main.clientWidth || 1000) / 2 - x * state.scale;
    state.y = (main.clientHeight || 700) / 2 - y * state.scale;
    apply();
  }

  function show(group, keepView) {
    if (!views[group]) { group = 'overview'; }
    Object.keys(views).forEach(function (k) { views[k].hidden = k !== group; });
    document.querySelectorAll('#groups li').forEach(function (li) {
      li.classList.toggle('active', li.dataset.group === group);
    });
    var changed = state.group !== group;
    state.group = group;
    if (changed || !keepView) { fitWidth(); }
    document.getElementById('view-title').textContent =
      group === 'overview' ? 'Overview of the groups' : (groupOf(group).label + ' (' + groupOf(group).tables + ' tables)');
  }

  function groupOf(key) {
    for (var i = 0; i < model.groups.length; i++) { if (model.groups[i].key === key) { return model.groups[i]; } }
    return { key: key, label: key, tables: 0 };
  }

  function clearHits() {
    document.querySelectorAll('svg .hit').forEach(function (e) { e.classList.remove('hit'); });
  }

  function selectTable(qualified, column) {
    var t = tables[qualified];
    if (!t) { return; }
    show(t.group, true);
    clearHits();
    var node = document.getElementById('t:' + t.group + ':' + qualified);
    if (node) {
      node.classList.add('hit');
      centerOn(node);
    }
    if (column) {
      var cell = document.getElementById('a_c:' + t.group + ':' + qualified + '.' + column);
      if (cell) { cell.classList.add('hit'); }
    }
    model.foreign_keys.forEach(function (fk) {
      if (fk.schema + '.' + fk.table === qualified || fk.ref_schema + '.' + fk.ref_table === qualified) {
        var edge = document.getElementById('fk:' + t.group + ':' + fk.schema + '.' + fk.table + '.' + fk.name);
        if (edge) { edge.classList.add('hit'); }
      }
    });
    details(t, column);
  }

  function details(t, column) {
    var box = document.getElementById('details');
    box.textContent = '';
    var qualified = t.schema + '.' + t.name;
    box.appendChild(el('h2', {}, qualified));
    box.appendChild(el('p', { 'class': 'comment' }, t.comment || '(no comment)'));
    var table = el('table', {});
    var head = el('tr', {});
    ['column', 'type', 'keys'].forEach(function (h) { head.appendChild(el('th', {}, h)); });
    table.appendChild(head);
    t.columns.forEach(function (c) {
      var tr = el('tr', { 'data-column': c.name, 'class': 'col' + (c.name === column ? ' hit' : '') });
      tr.appendChild(el('td', {}, c.name));
      tr.appendChild(el('td', {}, c.type + (c.nullable ? '' : ' not null') +
        (c['default'] ? ' default ' + c['default'] : '')));
      tr.appendChild(el('td', {}, [c.pk ? 'PK' : '', c.fk ? 'FK' : '', c.unique && !c.pk ? 'UQ' : '']
        .filter(Boolean).join(' ')));
      table.appendChild(tr);
      var note = el('tr', { 'class': 'note' + (c.name === column ? ' hit' : '') });
      note.appendChild(el('td', { colspan: '3', 'class': 'comment' }, c.comment || '(no comment)'));
      table.appendChild(note);
    });
    box.appendChild(table);
    var out = model.foreign_keys.filter(function (fk) { return fk.schema + '.' + fk.table === qualified; });
    var inc = model.foreign_keys.filter(function (fk) { return fk.ref_schema + '.' + fk.ref_table === qualified; });
    [['References', out, true], ['Referenced by', inc, false]].forEach(function (part) {
      box.appendChild(el('h2', {}, part[0] + ' (' + part[1].length + ')'));
      var ul = el('ul', {});
      part[1].forEach(function (fk) {
        var other = part[2] ? fk.ref_schema + '.' + fk.ref_table : fk.schema + '.' + fk.table;
        var li = el('li', {});
        var a = el('a', { href: '#', 'data-table': other }, other);
        li.appendChild(a);
        li.appendChild(document.createTextNode(' (' + fk.columns.join(', ') + ' \u2192 ' + fk.ref_columns.join(', ') +
          ') '));
        li.appendChild(el('code', {}, fk.name));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
  }

  function search(q) {
    var list = document.getElementById('results');
    list.textContent = '';
    q = (q || '').trim().toLowerCase();
    if (!q) { return; }
    var hits = [];
    model.tables.forEach(function (t) {
      var qualified = t.schema + '.' + t.name;
      if (qualified.toLowerCase().indexOf(q) >= 0) { hits.push({ kind: 'table', table: qualified, t: t }); }
    });
    model.tables.forEach(function (t) {
      var qualified = t.schema + '.' + t.name;
      t.columns.forEach(function (c) {
        if (c.name.toLowerCase().indexOf(q) >= 0) {
          hits.push({ kind: 'column', table: qualified, column: c.name, t: t, c: c });
        }
      });
    });
    var shown = hits.slice(0, 200);
    shown.forEach(function (h) {
      var li = el('li', { 'class': 'result', 'data-kind': h.kind, 'data-table': h.table });
      if (h.kind === 'column') {
        li.setAttribute('data-column', h.column);
        li.appendChild(document.createTextNode(h.table + '.'));
        li.appendChild(el('b', {}, h.column));
        li.appendChild(el('span', { 'class': 'kind' }, ' ' + h.c.type + ' \u00b7 ' + groupOf(h.t.group).label));
      } else {
        li.appendChild(el('b', {}, h.table));
        li.appendChild(el('span', { 'class': 'kind' }, ' table \u00b7 ' + groupOf(h.t.group).label));
      }
      list.appendChild(li);
    });
    if (hits.length > shown.length) {
      list.appendChild(el('li', { 'class': 'none' }, (hits.length - shown.length) + ' more: narrow the search'));
    }
    if (!hits.length) { list.appendChild(el('li', { 'class': 'none' }, 'no table or column matches')); }
    document.getElementById('result-count').textContent = hits.length ? '(' + hits.length + ')' : '';
  }

  function readHash() {
    var params = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) { params[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
    });
    return params;
  }

  function writeHash(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      if (params[k]) { parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(params[k])); }
    });
    history.replaceState(null, '', '#' + parts.join('&'));
  }

  // events
  var input = document.getElementById('search');
  input.addEventListener('input', function () {
    search(input.value);
    var p = readHash(); p.search = input.value; writeHash(p);
  });
  document.getElementById('results').addEventListener('click', function (e) {
    var li = e.target.closest('li.result');
    if (!li) { return; }
    selectTable(li.dataset.table, li.dataset.column);
    var p = readHash(); p.table = li.dataset.table; p.column = li.dataset.column || ''; p.group = ''; writeHash(p);
  });
  document.getElementById('groups').addEventListener('click', function (e) {
    var li = e.target.closest('li');
    if (!li) { return; }
    show(li.dataset.group);
    clearHits();
    var p = readHash(); p.group = li.dataset.group; p.table = ''; p.column = ''; writeHash(p);
  });
  document.getElementById('details').addEventListener('click', function (e) {
    var a = e.target.closest('a[data-table]');
    if (!a) { return; }
    e.preventDefault();
    selectTable(a.dataset.table);
  });
  main.addEventListener('click', function (e) {
    var a = e.target.closest('a');
    if (a) { e.preventDefault(); }
    if (moved) { return; }
    var node = e.target.closest('g.node');
    if (!node) { return; }
    var m = /^([tx]):([^:]+):(.+)$/.exec(node.id);
    var g = /^g:(.+)$/.exec(node.id);
    if (m) {
      var prefix = 'a_c:' + m[2] + ':' + m[3] + '.';
      var cell = e.target.closest('g[id^="a_c:"]');
      var column = cell && cell.id.indexOf(prefix) === 0 ? cell.id.slice(prefix.length) : null;
      selectTable(m[3], column);
    } else if (g) {
      show(g[1]);
    }
  });
  main.addEventListener('wheel', function (e) {
    e.preventDefault();
    var r = main.getBoundingClientRect();
    zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  var drag = null, moved = false;
  main.addEventListener('pointerdown', function (e) {
    if (e.target.closest('.controls')) { return; }
    drag = { x: e.clientX, y: e.clientY, sx: state.x, sy: state.y };
    moved = false;
  });
  window.addEventListener('pointermove', function (e) {
    if (!drag) { return; }
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; main.classList.add('dragging'); }
    state.x = drag.sx + dx; state.y = drag.sy + dy;
    apply();
  });
  window.addEventListener('pointerup', function () { drag = null; main.classList.remove('dragging'); });
  document.getElementById('zoom-in').addEventListener('click', function () {
    zoomAt(1.25, main.clientWidth / 2, main.clientHeight / 2);
  });
  document.getElementById('zoom-out').addEventListener('click', function () {
    zoomAt(1 / 1.25, main.clientWidth / 2, main.clientHeight / 2);
  });
  document.getElementById('zoom-fit').addEventListener('click', fit);
  window.addEventListener('resize', function () { apply(); });

  // initial state from the hash
  var p = readHash();
  show(p.group || 'overview');
  if (p.search) { input.value = p.search; search(p.search); }
  if (p.table) { selectTable(p.table, p.column); }
  document.body.setAttribute('data-ready', 'true');
})();
