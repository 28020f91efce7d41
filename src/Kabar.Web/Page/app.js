// Kabar's analyst page: filters, a world map from Natural Earth TopoJSON (no tile server), a timeline that brushes the date
// filter, the event list, an actor network, and articles with their entities and event evidence highlighted.
'use strict';
(function () {
  const TEXT = window.KABAR_TEXT;
  const PLOVER = window.KABAR_PLOVER;
  const PAGE = 100;
  const MAP_LIMIT = 5000;
  const state = { lang: 'en', from: null, to: null, codes: { cameo: {}, countries: {} }, cursor: null, all: [], shown: [] };
  const $ = (id) => document.getElementById(id);

  // ---- language ----
  function t(key) { return TEXT[state.lang][key] ?? TEXT.en[key] ?? key; }
  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-ph]').forEach((el) => { el.placeholder = t(el.dataset.i18nPh); });
    $('lang').textContent = state.lang === 'en' ? 'ID' : 'EN';
    drawLegend();
  }
  function setLanguage(lang) {
    state.lang = lang === 'id' ? 'id' : 'en';
    const url = new URL(location.href);
    url.searchParams.set('lang', state.lang);
    history.replaceState(null, '', url);
    applyLanguage();
    renderList(state.shown, false);
    if (state.article) { renderArticle(state.article.event, state.article.doc); }
  }

  // ---- API ----
  async function get(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) { throw new Error(body.detail || body.title || response.statusText); }
    return body;
  }
  function params(withDates) {
    const p = new URLSearchParams();
    for (const name of ['actor', 'country', 'cameo', 'plover']) {
      const value = $('f-' + name).value.trim();
      if (value) { p.set(name, value); }
    }
    if (withDates && state.from) { p.set('from', state.from); }
    if (withDates && state.to) { p.set('to', state.to); }
    return p;
  }
  function status(text) {
    $('status').textContent = text;
    // Tests (and people) can tell when the page has settled.
    document.body.dataset.busy = String(text === t('loading'));
  }

  // ---- helpers ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') { node.className = v; } else if (k.startsWith('on')) { node.addEventListener(k.slice(2), v); } else { node.setAttribute(k, v); }
    }
    for (const child of children) { if (child != null) { node.append(child); } }
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) { node.setAttribute(k, v); }
    return node;
  }
  function actorLabel(side) { return side ? `${side.name} (${side.actor})` : '—'; }
  function cameoLabel(e) { return `${e.cameo} ${e.cameo_name}`; }
  const QUAD_COLOURS = { 1: '#2b8cbe', 2: '#31a354', 3: '#fd8d3c', 4: '#de2d26' };

  function drawLegend() {
    const legend = $('legend');
    legend.replaceChildren(...[1, 2, 3, 4].map((q) => el('span', {}, el('i', { class: 'q' + q }), t('q' + q))));
  }

  // ---- map ----
  let map; let cluster;
  async function initMap() {
    map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 11, zoomSnap: 0.5, attributionControl: true });
    map.attributionControl.setPrefix('Leaflet');
    map.attributionControl.addAttribution('Natural Earth (world-atlas)');
    map.setView([20, 20], 2);
    cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      // No zoom animation: the markers settle at once (and the page tests need not wait for them).
      animate: false,
      maxClusterRadius: 40,
      iconCreateFunction: (group) => {
        // The cluster takes the colour of its most frequent quad class.
        const counts = {};
        group.getAllChildMarkers().forEach((m) => { counts[m.options.quad] = (counts[m.options.quad] || 0) + 1; });
        const quad = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
        return L.divIcon({ html: `<div>${group.getChildCount()}</div>`, className: 'ev-cluster q' + quad, iconSize: [32, 32] });
      },
    });
    map.addLayer(cluster);
    try {
      const world = await get('/assets/npm/world-atlas/countries-50m.json');
      const countries = topojson.feature(world, world.objects.countries);
      L.geoJSON(countries, { style: { color: '#8a8a8a', weight: 0.6, fillColor: '#f2efe6', fillOpacity: 1 }, interactive: false }).addTo(map);
      cluster.bringToFront && cluster.bringToFront();
    } catch (e) {
      status(t('error') + ': ' + e.message);
    }
  }
  function drawMap(events) {
    cluster.clearLayers();
    const markers = [];
    for (const e of events) {
      if (!e.place || e.place.lat == null || e.place.lon == null) { continue; }
      const marker = L.marker([e.place.lat, e.place.lon], {
        quad: e.quad_class,
        title: `${e.source.name} – ${e.cameo_name}`,
        icon: L.divIcon({ className: 'ev-marker q' + e.quad_class, iconSize: [14, 14] }),
      });
      const link = el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); openEvent(e.event_id); } }, cameoLabel(e));
      marker.bindPopup(el('div', {}, el('b', {}, `${e.date || t('undated')} · ${e.place.name}`), el('br'),
        `${actorLabel(e.source)} → `, link, ` → ${actorLabel(e.target)}`));
      markers.push(marker);
    }
    cluster.addLayers(markers);
    if (markers.length > 0) {
      map.fitBounds(L.latLngBounds(markers.map((m) => m.getLatLng())).pad(0.5), { maxZoom: 6, animate: false });
    }
  }

  // ---- timeline ----
  const TL = { left: 10, right: 990, top: 8, bottom: 120 };
  function dayNumber(iso) { return Math.round(Date.parse(iso + 'T00:00:00Z') / 86400000); }
  function isoDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }
  function drawTimeline(events) {
    const box = $('timeline');
    box.replaceChildren();
    const counts = new Map();
    let undated = 0;
    for (const e of events) {
      if (!e.day) { undated++; continue; }
      counts.set(e.day, (counts.get(e.day) || 0) + 1);
    }
    state.timeline = null;
    if (counts.size === 0) {
      $('t-ticks').replaceChildren();
      $('t-start').textContent = ''; $('t-end').textContent = undated ? `${undated} ${t('undated')}` : '';
      return;
    }
    const days = [...counts.keys()].map(dayNumber);
    const first = Math.min(...days) - 1;
    const last = Math.max(...days) + 1;
    const width = (TL.right - TL.left) / (last - first + 1);
    const max = Math.max(...counts.values());
    state.timeline = { first, last, width };
    for (const [day, count] of counts) {
      const n = dayNumber(day);
      const height = Math.max(3, (TL.bottom - TL.top) * count / max);
      const inRange = (!state.from || day >= state.from) && (!state.to || day <= state.to);
      const bar = svg('rect', {
        class: 'bar' + (state.from && inRange ? ' in' : ''), 'data-day': day, 'data-count': count,
        x: TL.left + (n - first) * width, y: TL.bottom - height, width: Math.max(2, width * 0.9), height,
      });
      const title = svg('title', {}); title.textContent = `${day}: ${count} ${t('events_n')}`;
      bar.append(title);
      box.append(bar);
    }
    box.append(svg('line', { x1: TL.left, x2: TL.right, y1: TL.bottom, y2: TL.bottom, stroke: '#999' }));
    drawTicks(first, last);
    $('t-start').textContent = isoDay(first + 1);
    $('t-end').textContent = isoDay(last - 1) + (undated ? ` (+${undated} ${t('undated')})` : '');
    if (state.from) { drawBrush(xOfDay(dayNumber(state.from)), xOfDay(dayNumber(state.to) + 1)); }
  }
  // Month marks: a faint line in the chart and the month's name under it, at most a dozen of them.
  function drawTicks(first, last) {
    const ticks = $('t-ticks');
    ticks.replaceChildren();
    const start = new Date(first * 86400000); const end = new Date(last * 86400000);
    const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
    const step = Math.max(1, Math.ceil(months / 12));
    for (let m = 1; m <= months; m += step) {
      const date = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1));
      const n = Math.round(date.getTime() / 86400000);
      const x = xOfDay(n);
      $('timeline').prepend(svg('line', { x1: x, x2: x, y1: TL.top, y2: TL.bottom, stroke: '#e3e3e3', class: 'tick' }));
      const label = el('span', { style: `left: ${x / 10}%` }, date.toISOString().slice(0, 7));
      ticks.append(label);
    }
  }
  function xOfDay(n) { return TL.left + (n - state.timeline.first) * state.timeline.width; }
  function dayOfX(x) { return state.timeline.first + Math.floor((x - TL.left) / state.timeline.width); }
  function drawBrush(x0, x1) {
    let rect = $('timeline').querySelector('rect.brush');
    if (!rect) { rect = svg('rect', { class: 'brush' }); $('timeline').append(rect); }
    rect.setAttribute('x', Math.min(x0, x1)); rect.setAttribute('width', Math.abs(x1 - x0));
    rect.setAttribute('y', 2); rect.setAttribute('height', TL.bottom);
  }
  function initBrush() {
    const box = $('timeline');
    let start = null;
    const toX = (ev) => {
      const r = box.getBoundingClientRect();
      return (ev.clientX - r.left) * 1000 / r.width;
    };
    box.addEventListener('mousedown', (ev) => { if (state.timeline) { start = toX(ev); ev.preventDefault(); } });
    box.addEventListener('mousemove', (ev) => { if (start != null) { drawBrush(start, toX(ev)); } });
    window.addEventListener('mouseup', (ev) => {
      if (start == null) { return; }
      const end = toX(ev);
      const x0 = Math.min(start, end); const x1 = Math.max(start, end);
      start = null;
      let from; let to;
      if (x1 - x0 < 3) {
        // A click: the day under it, if it has events; elsewhere, all dates.
        const bar = ev.target.closest && ev.target.closest('rect.bar');
        if (!bar) { setRange(null, null); return; }
        from = to = bar.dataset.day;
      } else {
        // Every day whose bar the brush touches.
        const bars = [...box.querySelectorAll('rect.bar')].filter((b) => {
          const bx = +b.getAttribute('x'); const bw = +b.getAttribute('width');
          return bx + bw >= x0 && bx <= x1;
        }).map((b) => b.dataset.day).sort();
        if (bars.length === 0) { from = isoDay(dayOfX(x0)); to = isoDay(dayOfX(x1)); } else { from = bars[0]; to = bars[bars.length - 1]; }
      }
      setRange(from, to);
    });
  }
  function setRange(from, to) {
    state.from = from; state.to = to;
    $('range').textContent = from ? (from === to ? from : `${from} – ${to}`) : '';
    $('clear-range').hidden = !from;
    drawTimeline(state.all);
    loadDated();
  }

  // ---- network ----
  function drawNetwork(events) {
    const box = $('network');
    box.replaceChildren();
    const nodes = new Map(); const edges = new Map();
    for (const e of events) {
      if (!e.target) { continue; }
      for (const side of [e.source, e.target]) {
        const node = nodes.get(side.actor) || { code: side.actor, names: {}, count: 0 };
        node.count++; node.names[side.name] = (node.names[side.name] || 0) + 1;
        nodes.set(side.actor, node);
      }
      const key = e.source.actor + '\u0000' + e.target.actor;
      const edge = edges.get(key) || { from: e.source.actor, to: e.target.actor, count: 0, quads: {} };
      edge.count++; edge.quads[e.quad_class] = (edge.quads[e.quad_class] || 0) + 1;
      edges.set(key, edge);
    }
    const top = [...nodes.values()].sort((a, b) => b.count - a.count).slice(0, 30);
    const keep = new Set(top.map((n) => n.code));
    const cx = 400; const cy = 260; const radius = 200;
    top.forEach((n, i) => {
      const angle = 2 * Math.PI * i / top.length - Math.PI / 2;
      n.x = cx + radius * Math.cos(angle); n.y = cy + radius * Math.sin(angle); n.angle = angle;
    });
    const pos = new Map(top.map((n) => [n.code, n]));
    const defs = svg('defs', {});
    for (const q of [1, 2, 3, 4]) {
      // Arrowheads keep one size whatever the line's width.
      const marker = svg('marker', { id: 'arrow' + q, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 10, markerHeight: 10, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
      marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: QUAD_COLOURS[q] }));
      defs.append(marker);
    }
    box.append(defs);
    const maxEdge = Math.max(1, ...[...edges.values()].map((e) => e.count));
    for (const edge of edges.values()) {
      if (!keep.has(edge.from) || !keep.has(edge.to)) { continue; }
      const a = pos.get(edge.from); const b = pos.get(edge.to);
      const quad = Object.keys(edge.quads).sort((x, y) => edge.quads[y] - edge.quads[x])[0];
      const r = 6 + Math.sqrt(b.count) * 2;
      let line;
      if (a === b) {
        line = svg('circle', { cx: a.x + 10 * Math.cos(a.angle), cy: a.y + 10 * Math.sin(a.angle), r: 10, fill: 'none' });
      } else {
        // Curved a little, so A→B and B→A do not overlap; stops at the target's circle.
        const dx = b.x - a.x; const dy = b.y - a.y; const len = Math.hypot(dx, dy);
        const ex = b.x - dx / len * r; const ey = b.y - dy / len * r;
        const mx = (a.x + ex) / 2 - dy * 0.12; const my = (a.y + ey) / 2 + dx * 0.12;
        line = svg('path', { d: `M ${a.x} ${a.y} Q ${mx} ${my} ${ex} ${ey}`, fill: 'none', 'marker-end': `url(#arrow${quad})` });
      }
      line.setAttribute('stroke', QUAD_COLOURS[quad]);
      line.setAttribute('stroke-opacity', '0.75');
      line.setAttribute('stroke-width', 1 + 5 * edge.count / maxEdge);
      line.setAttribute('class', 'edge');
      line.setAttribute('data-from', edge.from); line.setAttribute('data-to', edge.to); line.setAttribute('data-count', edge.count);
      const title = svg('title', {}); title.textContent = `${edge.from} → ${edge.to}: ${edge.count} ${t('events_n')}`;
      line.append(title);
      box.append(line);
    }
    for (const n of top) {
      const name = Object.keys(n.names).sort((x, y) => n.names[y] - n.names[x])[0];
      const circle = svg('circle', { cx: n.x, cy: n.y, r: 6 + Math.sqrt(n.count) * 2, fill: '#1f2d3d', class: 'node', 'data-actor': n.code });
      const title = svg('title', {}); title.textContent = `${name} (${n.code}): ${n.count} ${t('events_n')}`;
      circle.append(title);
      circle.addEventListener('click', () => { $('f-actor').value = n.code; reload(); });
      const out = Math.cos(n.angle) >= 0;
      const label = svg('text', { x: n.x + (out ? 12 : -12) * 1.2, y: n.y + 4, 'text-anchor': out ? 'start' : 'end' });
      label.textContent = `${n.code} · ${name}`;
      box.append(circle, label);
    }
  }

  // ---- list ----
  function renderList(events, append) {
    const list = $('events');
    if (!append) { list.replaceChildren(); }
    for (const e of events) {
      const item = el('li', { class: 'q' + e.quad_class, tabindex: '0', 'data-event': e.event_id, 'data-day': e.day || '' },
        el('div', { class: 'when' }, `${e.date || t('undated')} · ${e.place ? e.place.name : '—'}` + (e.num_mentions > 1 ? ` · ${e.num_mentions}×` : '')),
        el('div', { class: 'what' }, `${actorLabel(e.source)} → ${cameoLabel(e)}${e.plover ? ' / ' + e.plover : ''} → ${actorLabel(e.target)}`),
        el('div', { class: 'evidence' }, '“' + e.evidence + '”'));
      item.addEventListener('click', () => openEvent(e.event_id));
      item.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { openEvent(e.event_id); } });
      list.append(item);
    }
    if (state.shown.length === 0) { list.replaceChildren(el('li', { class: 'none' }, t('noEvents'))); }
    $('count').textContent = `(${state.shown.length}${state.cursor ? '+' : ''})`;
    $('more').hidden = !state.cursor;
  }
  async function loadList(more) {
    const p = params(true);
    p.set('limit', PAGE);
    if (more && state.cursor) { p.set('cursor', state.cursor); }
    const page = await get('/api/v1/events?' + p);
    state.cursor = page.next_cursor;
    state.shown = more ? state.shown.concat(page.items) : page.items;
    renderList(page.items, more);
  }

  // ---- loading ----
  async function loadDated() {
    status(t('loading'));
    try {
      const p = params(true); p.set('limit', MAP_LIMIT);
      const dated = await get('/api/v1/events?' + p);
      drawMap(dated.items);
      drawNetwork(dated.items);
      await loadList(false);
      showList();
      status('');
    } catch (e) { status(t('error') + ': ' + e.message); }
  }
  async function reload() {
    status(t('loading'));
    try {
      const p = params(false); p.set('limit', MAP_LIMIT);
      state.all = (await get('/api/v1/events?' + p)).items;
      drawTimeline(state.all);
      await loadDated();
    } catch (e) { status(t('error') + ': ' + e.message); }
  }

  // ---- article ----
  async function openEvent(id) {
    status(t('loading'));
    try {
      const event = await get('/api/v1/events/' + id);
      const doc = await get('/api/v1/documents/' + encodeURIComponent(event.document.id));
      state.article = { event, doc };
      renderArticle(event, doc);
      $('list-box').hidden = true;
      $('article').hidden = false;
      // Scroll the article (not the page) so the evidence is in the middle of it.
      const text = $('doc-text');
      const selected = text.querySelector('.ev-sel');
      if (selected) {
        text.scrollTop = selected.getBoundingClientRect().top - text.getBoundingClientRect().top + text.scrollTop - text.clientHeight / 2;
      }
      status('');
    } catch (e) { status(t('error') + ': ' + e.message); }
  }
  function showList() { $('article').hidden = true; $('list-box').hidden = false; state.article = null; }

  function renderArticle(event, doc) {
    const card = $('event-card');
    card.className = 'q' + event.quad_class;
    const codes = state.codes.cameo;
    const root = codes[event.root];
    const plover = event.plover && PLOVER[event.plover];
    const rows = [
      [t('source'), actorLabel(event.source) + (event.source.text !== event.source.name ? ` — “${event.source.text}”` : '')],
      ['CAMEO', `${event.cameo}: ${event.cameo_name}`],
      [t('root'), `${event.root}: ${root ? root.name : ''}`],
      [t('quad'), `${event.quad_class}: ${t('q' + event.quad_class)}`],
      ['PLOVER', event.plover ? `${event.plover}: ${plover ? plover[state.lang === 'id' ? 1 : 0] : ''}` : '—'],
      [t('goldstein'), `${event.goldstein} (${t('goldsteinHint')})`],
      [t('target'), event.target ? actorLabel(event.target) + (event.target.text !== event.target.name ? ` — “${event.target.text}”` : '') : '—'],
      [t('date'), event.date || t('undated')],
      [t('place'), event.place ? `${event.place.name} (${event.place.lat}, ${event.place.lon})` : '—'],
      [t('evidence'), '“' + event.evidence + '”'],
    ];
    if (event.negated) { rows.push([t('modality'), t('negated')]); } else if (event.modality !== 'asserted') { rows.push([t('modality'), event.modality]); }
    if (event.attributed_to) { rows.push([t('attributed'), event.attributed_to]); }
    rows.push([t('rule'), event.rule]);
    rows.push([t('reports'), (event.reports || []).map((r) => r.url || r.document_id).join(', ')]);
    const dl = el('dl', {});
    for (const [k, v] of rows) { dl.append(el('dt', {}, k), el('dd', {}, v)); }
    card.replaceChildren(el('strong', {}, `${event.source.name} → ${event.cameo_name} → ${event.target ? event.target.name : '—'}`), dl);

    const meta = doc.document;
    $('doc-title').textContent = meta.title || doc.id;
    $('doc-meta').textContent = [meta.site_name, meta.url, meta.published && `${t('published')}: ${meta.published}`, `${t('language')}: ${meta.language}`]
      .filter(Boolean).join(' · ');
    const selected = (doc.events || []).find((e) => e.id === event.event_key);
    const legend = $('ent-legend');
    const types = [...new Set((doc.entities || []).map((e) => e.type))];
    legend.replaceChildren(...types.map((type) => el('span', { class: 'ent ent-' + type }, (TEXT[state.lang].ent[type] || type))),
      el('span', { class: 'ev' }, t('legendEvidence')), el('span', { class: 'ev-sel' }, t('legendSelected')));
    $('doc-text').lang = meta.language;
    $('doc-text').replaceChildren(...annotate(meta.text, doc.entities || [], doc.events || [], selected));
    $('removed-list').replaceChildren(...(meta.removed || []).map((r) => el('li', {}, `${r.reason}: ${r.text}`)));
    $('removed').hidden = !(meta.removed || []).length;
  }

  // Splits the text at every annotation boundary; each piece carries the classes of the spans covering it, so
  // overlapping entities and evidence need no nesting.
  function annotate(text, entities, events, selected) {
    const spans = [];
    for (const e of entities) { spans.push({ start: e.start, end: e.end, cls: 'ent ent-' + e.type, title: `${e.type}${e.actor ? ' ' + e.actor : ''}` }); }
    for (const e of events) {
      const mine = selected && e.id === selected.id;
      spans.push({ start: e.evidence.start, end: e.evidence.end, cls: mine ? 'ev-sel' : 'ev', title: `${e.id}: ${e.cameo} ${e.cameo_name}`, event: e.id });
      if (mine) { spans.push({ start: e.trigger.start, end: e.trigger.end, cls: 'trigger' }); }
    }
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    const nodes = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]; const b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (covering.length === 0) { nodes.push(document.createTextNode(piece)); continue; }
      const node = el('span', { class: [...new Set(covering.flatMap((s) => s.cls.split(' ')))].join(' ') }, piece);
      node.title = covering.map((s) => s.title).filter(Boolean).join('\n');
      const ev = covering.find((s) => s.event);
      if (ev) { node.dataset.event = ev.event; }
      nodes.push(node);
    }
    return nodes;
  }

  // ---- start ----
  async function start() {
    const lang = new URLSearchParams(location.search).get('lang');
    state.lang = lang === 'id' ? 'id' : 'en';
    applyLanguage();
    initBrush();
    document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => {
      document.querySelectorAll('.tabs button').forEach((x) => x.setAttribute('aria-selected', String(x === b)));
      $('map').hidden = b.dataset.tab !== 'map';
      $('network-box').hidden = b.dataset.tab !== 'network';
      if (b.dataset.tab === 'map') { map.invalidateSize(); }
    }));
    $('lang').addEventListener('click', () => setLanguage(state.lang === 'en' ? 'id' : 'en'));
    $('filters').addEventListener('submit', (ev) => { ev.preventDefault(); state.from = state.to = null; setRangeLabel(); reload(); });
    $('clear').addEventListener('click', () => { $('filters').reset(); state.from = state.to = null; setRangeLabel(); reload(); });
    $('clear-range').addEventListener('click', () => setRange(null, null));
    $('more').addEventListener('click', () => loadList(true));
    $('back').addEventListener('click', showList);
    await initMap();
    try {
      state.codes = await get('/api/v1/codes');
      const countries = $('f-country');
      for (const [iso, name] of Object.entries(state.codes.countries)) { countries.append(el('option', { value: iso }, `${name} (${iso})`)); }
      const plovers = $('f-plover');
      for (const type of Object.keys(PLOVER)) { plovers.append(el('option', { value: type }, type)); }
      const list = $('cameo-codes');
      for (const [code, c] of Object.entries(state.codes.cameo)) { list.append(el('option', { value: code }, `${code} ${c.name}`)); }
      const stats = await get('/api/v1/stats');
      if (stats.events === 0) {
        $('empty').hidden = false;
        document.querySelectorAll('#empty .db').forEach((n) => { n.textContent = stats.location; });
        document.querySelectorAll('#empty .origin').forEach((n) => { n.textContent = location.origin; });
      }
    } catch (e) { status(t('error') + ': ' + e.message); }
    await reload();
    document.body.dataset.ready = 'true';
  }
  function setRangeLabel() { $('range').textContent = ''; $('clear-range').hidden = true; }
  start();
})();
