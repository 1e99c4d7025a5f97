// sitrep web app: overview (map, timeline, list), incident page, document page, article upload.
// Plain ES module, no build step. Article text and metadata are untrusted: everything from the API is
// put on the page as text nodes (h() below) — never as HTML — and links only ever point at http(s).
/* global L, topojson */
import { tollSection } from './toll-chart.js';
import { reviewPanel } from './review.js';
import { drawTrendChart } from './trend-chart.js';

const view = document.getElementById('view');
const filtersForm = document.getElementById('filters');
const FILTERS = ['q', 'from', 'to', 'country', 'type', 'actor'];
const PAGE = 50;

/** Create an element; string children become text nodes, so data can never become markup. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'href') el.setAttribute('href', safeHref(v));
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Our own routes, or an article's http(s) address; anything else (javascript:, data:) is dropped. */
function safeHref(v) {
  const s = String(v);
  if (s.startsWith('#/') || s.startsWith('/api/')) return s;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch { return '#'; }
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
  return body;
}

const TYPE_LABELS = {
  suicide_bombing: 'Suicide bombing', air_strike: 'Air/drone strike', ied: 'IED / remote explosive', shelling: 'Shelling/artillery/missile',
  bombing: 'Bombing', battle: 'Armed clash', violence_against_civilians: 'Violence against civilians', armed_attack: 'Armed attack',
  riot: 'Riot', protest: 'Protest', strategic_development: 'Strategic development',
};
const TYPE_COLOURS = {
  suicide_bombing: '#b3261e', air_strike: '#d93025', ied: '#e8710a', shelling: '#f29900', bombing: '#e8710a', battle: '#a142f4',
  violence_against_civilians: '#7b1fa2', armed_attack: '#8e24aa', riot: '#1967d2', protest: '#4285f4', strategic_development: '#5f6368',
};
const label = (type) => TYPE_LABELS[type] || type;
const PRECISION = { 1: 'exact', 2: 'near / within days', 3: 'region / month or coarser' };
const fmtRange = (f) => (f.max === null ? `${f.min}+` : f.min === f.max ? `${f.min}` : `${f.min}–${f.max}`) + (f.vague ? ` (${f.vague})` : '');

function params() {
  const q = location.hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? location.hash.slice(q + 1) : '');
}

function filterQuery(p = params()) {
  const out = new URLSearchParams();
  for (const k of FILTERS) if (p.get(k)) out.set(k, p.get(k));
  return out;
}

// ---------------------------------------------------------------- router
async function route() {
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/';
  const [, page, id] = path.split('/');
  document.body.removeAttribute('data-ready');
  view.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    if (page === 'incident' && id) await incidentPage(decodeURIComponent(id));
    else if (page === 'document' && id) await documentPage(decodeURIComponent(id));
    else if (page === 'ingest') ingestPage();
    else await overview();
  } catch (e) {
    view.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
  }
  document.body.dataset.ready = page || 'overview';
  performance.mark('sitrep:ready'); // read by `sitrep bench --web`
}

filtersForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = new URLSearchParams();
  for (const [k, v] of new FormData(filtersForm)) if (String(v).trim()) q.set(k, String(v).trim());
  if (params().get('view') === 'table') q.set('view', 'table');
  location.hash = '#/?' + q.toString();
});
filtersForm.addEventListener('reset', () => { setTimeout(() => { location.hash = '#/'; }); });
// On a phone the filters fold away behind one button (the header would otherwise take a third of the screen).
const filtersToggle = document.getElementById('filters-toggle');
filtersToggle.addEventListener('click', () => {
  const open = document.body.classList.toggle('filters-open');
  filtersToggle.setAttribute('aria-expanded', String(open));
});

function syncForm(p) {
  for (const k of FILTERS) filtersForm.elements.namedItem(k).value = p.get(k) || '';
  filtersForm.elements.namedItem('fuse').checked = p.get('fuse') === '1';
  const eq = filterQuery(p); if (p.get('fuse') === '1') eq.set('fuse', '1');
  const active = [...eq.keys()].length;
  filtersToggle.textContent = active ? `Filters (${active})` : 'Filters';
  const exportQ = eq.toString();
  document.getElementById('export-csv').href = '/api/export?format=csv' + (exportQ ? '&' + exportQ : '');
  document.getElementById('export-geojson').href = '/api/export?format=geojson' + (exportQ ? '&' + exportQ : '');
}

function fillSelect(name, entries, current) {
  const select = filtersForm.elements.namedItem(name);
  const first = select.options[0];
  select.replaceChildren(first, ...entries.map(([value, text]) => h('option', { value }, text)));
  select.value = current || '';
}

// ---------------------------------------------------------------- overview

async function overview() {
  const p = params();
  syncForm(p);
  const fq = filterQuery(p);
  // "Fuse reports": one incident per event across outlets (list and map); facets count reports.
  const fused = p.get('fuse') === '1';
  const viewQ = new URLSearchParams(fq); if (fused) viewQ.set('fuse', '1');
  const offset = Number(p.get('offset') || 0);
  if (p.get('view') === 'table') { await tableView(p, fq, viewQ, offset); return; }
  if (p.get('view') === 'chart') { await chartView(p, fq, viewQ); return; }
  const listQ = new URLSearchParams(viewQ); listQ.set('limit', PAGE); listQ.set('offset', offset);
  performance.mark('sitrep:fetch');
  loadBasemap('110m'); // in parallel with the data
  // Unfiltered, these are exactly the URLs index.html preloads, so the first visit does not wait for the script.
  const withQuery = (path, q) => (String(q) ? `${path}?${q}` : path);
  const [facets, list, points] = await Promise.all([
    api(withQuery('/api/incidents/facets', fq)), api(withQuery('/api/incidents', listQ)), api(withQuery('/api/incidents/points', viewQ)),
  ]);
  performance.mark('sitrep:data');
  fillSelect('country', facets.countries.map((c) => [c.country, `${c.country} (${c.n})`]), p.get('country'));
  fillSelect('type', Object.keys(TYPE_LABELS).map((t) => [t, `${label(t)} (${facets.types.find((x) => x.type === t)?.n ?? 0})`]), p.get('type'));

  const mapEl = h('div', { id: 'map', role: 'region', 'aria-label': 'Map of incidents' });
  const timelineEl = h('div', { id: 'timeline', role: 'region', 'aria-label': 'Incidents per month' });
  view.replaceChildren(h('div', { class: 'overview' },
    h('section', {}, mapEl, timelineEl),
    incidentList(list, viewQ, offset, facets.total)));
  drawTimeline(timelineEl, facets.months, p);
  await drawMap(mapEl, points);
}

/** A copy of a query with one more parameter. */
function withParam(q, key, value) {
  const out = new URLSearchParams(q);
  out.set(key, value);
  return out;
}

const TABLE_PAGE = 500;
/** The table's columns: header, the value sorted on, the cell, and whether it is a number. */
const TABLE_COLUMNS = [
  { key: 'date', title: 'Date', value: (r) => r.event_date ?? '', cell: (r) => r.event_date ?? 'unknown' },
  { key: 'type', title: 'Type', value: (r) => label(r.type), cell: (r) => h('a', { href: `#/incident/${encodeURIComponent(r.id)}` }, label(r.type)) },
  { key: 'place', title: 'Place', value: (r) => r.location ?? '', cell: (r) => [r.location, r.admin1].filter(Boolean).join(', ') },
  { key: 'country', title: 'Country', value: (r) => r.country ?? '', cell: (r) => r.country ?? '' },
  { key: 'killed', title: 'Killed (best)', num: true, value: (r) => r.fatalities_best ?? -1, cell: (r) => (r.fatalities_best === null ? '' : String(r.fatalities_best)) },
  { key: 'range', title: 'Low–high', num: true, value: (r) => r.fatalities_high ?? -1, cell: (r) => (r.fatalities_best === null ? '' : `${r.fatalities_low}–${r.fatalities_high}`) },
  { key: 'contested', title: 'Contested', value: (r) => (r.contested ? 1 : 0), cell: (r) => (r.contested ? h('span', { class: 'tag contested' }, 'contested') : '') },
  { key: 'actors', title: 'Actors', value: (r) => r.actors.map((a) => a.name).join(', '), cell: (r) => r.actors.map((a) => `${a.name} (${a.role})`).join('; ') },
  { key: 'outlet', title: 'Outlet', value: (r) => r.outlet ?? '', cell: (r) => r.outlet ?? '' },
];

/** Every matching incident (a page of 500) as a table sorted by any column; the filters apply as on the map. */
async function tableView(p, fq, viewQ, offset) {
  const q = new URLSearchParams(viewQ); q.set('limit', TABLE_PAGE); q.set('offset', offset);
  const [facets, list] = await Promise.all([api('/api/incidents/facets' + (String(fq) ? '?' + fq : '')), api('/api/incidents?' + q)]);
  fillSelect('country', facets.countries.map((c) => [c.country, `${c.country} (${c.n})`]), p.get('country'));
  fillSelect('type', Object.keys(TYPE_LABELS).map((t) => [t, `${label(t)} (${facets.types.find((x) => x.type === t)?.n ?? 0})`]), p.get('type'));
  let sort = { key: 'date', dir: -1 };
  const tbody = h('tbody');
  const heads = TABLE_COLUMNS.map((c) => h('th', { scope: 'col', 'data-key': c.key, class: c.num ? 'num' : null },
    h('button', { type: 'button', class: 'sort', onclick: () => { sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : c.num || c.key === 'date' ? -1 : 1 }; draw(); } }, c.title)));
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  function draw() {
    const col = TABLE_COLUMNS.find((c) => c.key === sort.key);
    const rows = [...list.items].sort((a, b) => {
      const [x, y] = [col.value(a), col.value(b)];
      const d = typeof x === 'number' ? x - y : collator.compare(x, y);
      return sort.dir * d || collator.compare(a.id, b.id);
    });
    tbody.replaceChildren(...rows.map((r) => h('tr', { 'data-id': r.id }, TABLE_COLUMNS.map((c) => h('td', { class: c.num ? 'num' : c.key === 'date' ? 'nowrap' : null }, c.cell(r))))));
    for (const th of heads) th.setAttribute('aria-sort', th.dataset.key === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
  }
  draw();
  const page = (o) => '#/?' + withParam(withParam(viewQ, 'view', 'table'), 'offset', o);
  const shown = list.items.length;
  view.replaceChildren(h('section', { class: 'panel incident-table', 'aria-label': 'Incidents as a table' },
    h('h2', {}, `${list.total} incident${list.total === 1 ? '' : 's'}`, list.fused ? h('span', { class: 'muted' }, ' (fused)') : null,
      h('a', { class: 'view-switch', href: '#/' + (String(viewQ) ? '?' + viewQ : '') }, 'Map view')),
    list.total > shown ? h('p', { class: 'muted' }, `Showing ${offset + 1}–${offset + shown}; sorting applies to these ${shown}.`) : null,
    h('p', { class: 'muted' }, 'Click a column heading to sort by it; again to reverse.'),
    h('div', { class: 'table-scroll' }, h('table', {}, h('thead', {}, h('tr', {}, heads)), tbody)),
    list.total > TABLE_PAGE ? h('div', { class: 'pager' },
      offset > 0 ? h('a', { href: page(Math.max(0, offset - TABLE_PAGE)) }, '← previous') : h('span'),
      offset + TABLE_PAGE < list.total ? h('a', { href: page(offset + TABLE_PAGE) }, 'next →') : h('span')) : null));
}

/** Incidents and deaths over time, by type or by actor (web/trend-chart.js); the filters apply. */
async function chartView(p, fq, viewQ) {
  const by = p.get('by') === 'actor' ? 'actor' : 'type';
  const q = new URLSearchParams(fq); q.set('by', by);
  const [facets, series] = await Promise.all([api('/api/incidents/facets' + (String(fq) ? '?' + fq : '')), api('/api/incidents/series?' + q)]);
  fillSelect('country', facets.countries.map((c) => [c.country, `${c.country} (${c.n})`]), p.get('country'));
  fillSelect('type', Object.keys(TYPE_LABELS).map((t) => [t, `${label(t)} (${facets.types.find((x) => x.type === t)?.n ?? 0})`]), p.get('type'));
  const box = h('div', { class: 'chart-box' });
  const switchTo = (b) => '#/?' + withParam(withParam(fq, 'view', 'chart'), 'by', b);
  view.replaceChildren(h('section', { class: 'panel chart-panel', 'aria-label': 'Incidents and deaths over time' },
    h('h2', {}, 'Incidents and deaths per month',
      h('a', { class: 'view-switch', href: '#/' + (String(viewQ) ? '?' + viewQ : '') }, 'Map view')),
    h('p', { class: 'muted' }, 'By ', by === 'type' ? h('strong', {}, 'type') : h('a', { href: switchTo('type') }, 'type'), ' · ',
      by === 'actor' ? h('strong', {}, 'actor') : h('a', { href: switchTo('actor') }, 'actor'),
      series.undated ? ` · ${series.undated} undated incident${series.undated === 1 ? '' : 's'} not shown` : ''),
    series.months.length ? box : h('p', { class: 'muted' }, 'No dated incidents.')));
  if (series.months.length) await drawTrendChart(box, series, { colours: TYPE_COLOURS, label });
}

function incidentList(list, fq, offset, reports) {
  const items = list.items.map((r) => h('li', { 'data-id': r.id },
    h('a', { href: `#/incident/${encodeURIComponent(r.id)}` }, `${label(r.type)}${r.location ? ' — ' + r.location : ''}`),
    h('div', { class: 'muted' }, [r.event_date || 'date unknown', r.country, r.outlet].filter(Boolean).join(' · ')),
    h('div', {},
      r.fatalities_best !== null ? h('span', { class: 'tag' }, `killed ${r.fatalities_low === r.fatalities_high ? r.fatalities_best : `${r.fatalities_low}–${r.fatalities_high}`}`) : null,
      r.contested ? h('span', { class: 'tag contested' }, 'contested') : null,
      r.reports?.length > 1 ? h('span', { class: 'tag' }, `${r.reports.length} reports`) : null,
      r.actors.slice(0, 3).map((a) => h('span', { class: 'tag' }, `${a.name} (${a.role})`)))));
  const page = (o) => { const q = new URLSearchParams(fq); if (o) q.set('offset', o); return '#/?' + q; };
  return h('section', { class: 'list', 'aria-label': 'Incidents' },
    h('h2', {}, `${list.total} incident${list.total === 1 ? '' : 's'}`, list.fused ? h('span', { class: 'muted' }, ` fused from ${reports} report${reports === 1 ? '' : 's'}`) : null,
      h('a', { class: 'view-switch', href: '#/?' + withParam(fq, 'view', 'chart') }, 'Chart'),
      h('a', { class: 'view-switch', href: '#/?' + withParam(fq, 'view', 'table') }, 'Table view')),
    list.total ? h('ol', {}, items) : h('p', { class: 'muted', style: 'padding: 0 .8rem' }, 'No incidents match. Ingest articles with "sitrep ingest" or clear the filters.'),
    h('div', { class: 'pager' },
      offset > 0 ? h('a', { href: page(Math.max(0, offset - PAGE)) }, '← newer') : h('span'),
      h('span', { class: 'muted' }, list.total ? `${offset + 1}–${offset + list.items.length}` : ''),
      offset + PAGE < list.total ? h('a', { href: page(offset + PAGE) }, 'older →') : h('span')));
}

function drawTimeline(el, months, p) {
  if (!months.length) { el.append(h('span', { class: 'muted' }, 'No dated incidents.')); return; }
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  // Drawn at the element's own width, so the axis labels are not stretched.
  const W = Math.max(300, Math.round(el.clientWidth - 10) || 1000), H = 110, left = 34, bottom = 22, top = 8;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const svgEl = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // Every month between the first and the last, so gaps show as gaps.
  const all = [];
  let [y, m] = months[0].month.split('-').map(Number);
  const [ly, lm] = months[months.length - 1].month.split('-').map(Number);
  const counts = new Map(months.map((x) => [x.month, x.n]));
  while (y < ly || (y === ly && m <= lm)) { const k = `${y}-${String(m).padStart(2, '0')}`; all.push([k, counts.get(k) || 0]); if (++m > 12) { m = 1; y++; } }
  const max = Math.max(...all.map((a) => a[1]));
  const plotW = W - left - 4, plotH = H - bottom - top;
  const bw = plotW / all.length;
  const yOf = (n) => top + plotH - (plotH * n) / max;
  // Y axis: zero, the busiest month and halfway, as gridlines with their counts.
  for (const n of [...new Set([0, max > 1 ? Math.round(max / 2) : 0, max])]) {
    svg.append(svgEl('line', { x1: left, x2: W - 4, y1: yOf(n), y2: yOf(n), class: n ? 'grid' : 'axis' }));
    svg.append(svgEl('text', { x: left - 4, y: yOf(n) + 4, 'text-anchor': 'end', class: 'tick' }, String(n)));
  }
  all.forEach(([month, n], i) => {
    const bh = n ? Math.max(2, (plotH * n) / max) : 0;
    const r = svgEl('rect', { x: left + i * bw + 0.5, width: Math.max(1, bw - 1), y: top + plotH - bh, height: bh });
    if (p.get('from') === `${month}-01`) r.classList.add('selected');
    r.append(svgEl('title', {}, `${month}: ${n} incident${n === 1 ? '' : 's'}`));
    const pick = () => {
      const [yy, mm] = month.split('-').map(Number);
      const last = new Date(Date.UTC(yy, mm, 0)).toISOString().slice(0, 10);
      const q = filterQuery(p); q.set('from', `${month}-01`); q.set('to', last); q.delete('offset');
      if (p.get('fuse') === '1') q.set('fuse', '1');
      location.hash = '#/?' + q;
    };
    r.addEventListener('click', pick);
    // Reachable by keyboard: months with incidents are buttons in the tab order.
    if (n) {
      r.setAttribute('tabindex', '0');
      r.setAttribute('role', 'button');
      r.setAttribute('aria-label', `${month}: ${n} incident${n === 1 ? '' : 's'}; show that month`);
      r.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
    }
    svg.append(r);
  });
  // X axis: a tick per month when few, else per quarter or per year, labelled where there is room.
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const step = [1, 3, 6, 12, 24, 60].find((k) => (plotW / all.length) * k >= 56) ?? 120;
  let lastLabel = -Infinity;
  all.forEach(([month], i) => {
    const [yy, mm] = month.split('-').map(Number);
    const index = yy * 12 + mm - 1;
    if (index % step !== 0 && i !== 0) return;
    const x = left + i * bw;
    svg.append(svgEl('line', { x1: x, x2: x, y1: top + plotH, y2: top + plotH + 4, class: 'axis' }));
    if (x - lastLabel < 50) return;
    lastLabel = x;
    svg.append(svgEl('text', { x: x + 1, y: H - 6, class: 'tick' }, step >= 12 ? String(yy) : `${MONTHS[mm - 1]} ${yy}`));
  });
  el.append(svg, h('div', { class: 'muted caption' }, 'Incidents per month; click a bar for that month.'));
}

// Natural Earth countries: 1:110m for the world view (small, quick), 1:50m once zoomed in.
const basemaps = {};
function loadBasemap(scale) {
  basemaps[scale] ??= api(`/vendor/countries-${scale}.json`).then((topo) => topojson.feature(topo, topo.objects.countries));
  return basemaps[scale];
}
const BASEMAP_STYLE = { color: '#9aa5b1', weight: 0.6, fillColor: '#f3f1ea', fillOpacity: 1 };

/** A dot's radius in pixels by the incident's fatalities (the legend draws the same). */
const dotRadius = (fatalities) => 4 + Math.min(10, Math.sqrt(fatalities || 0));

/** The map's key: the colour of each incident type on the map, and what a dot's size means. */
function mapLegend(rows) {
  const present = new Map();
  for (const r of rows) present.set(r[3], (present.get(r[3]) || 0) + 1);
  const types = Object.keys(TYPE_LABELS).filter((t) => present.has(t)).concat([...present.keys()].filter((t) => !(t in TYPE_LABELS)));
  const ns = 'http://www.w3.org/2000/svg';
  const dot = (r, colour) => {
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', String(2 * r + 2)); svg.setAttribute('height', String(Math.max(2 * r + 2, 10)));
    svg.setAttribute('aria-hidden', 'true');
    const c = document.createElementNS(ns, 'circle');
    c.setAttribute('cx', String(r + 1)); c.setAttribute('cy', String(Math.max(r + 1, 5))); c.setAttribute('r', String(r));
    c.setAttribute('fill', colour); c.setAttribute('stroke', '#fff');
    svg.append(c);
    return svg;
  };
  const ring = () => {
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '16'); svg.setAttribute('height', '16'); svg.setAttribute('aria-hidden', 'true');
    const c = document.createElementNS(ns, 'circle');
    for (const [k, v] of Object.entries({ cx: 8, cy: 8, r: 6.5, fill: 'none', stroke: '#7b8794', 'stroke-width': 2, 'stroke-dasharray': '3 2' })) c.setAttribute(k, String(v));
    svg.append(c);
    return svg;
  };
  // Folded on a phone, where it would cover half the map.
  const el = h('details', { class: 'map-legend', open: !window.matchMedia('(max-width: 700px)').matches },
    h('summary', {}, 'Legend'),
    h('div', { class: 'legend-title' }, 'Type'),
    h('ul', {}, types.map((t) => h('li', { 'data-type': t }, dot(5, TYPE_COLOURS[t] || '#333'), ` ${label(t)} (${present.get(t)})`))),
    h('div', { class: 'legend-title' }, 'Killed (dot size)'),
    h('ul', { class: 'sizes' }, [0, 10, 100].map((n) => h('li', {}, dot(dotRadius(n), '#7b8794'), ` ${n === 0 ? 'none or unknown' : n === 100 ? '100 or more' : n}`))),
    h('div', { class: 'legend-title' }, 'Place known'),
    h('ul', {}, h('li', {}, dot(5, '#7b8794'), ' to the town or nearby'), h('li', {}, ring(), ' to the region or country only')));
  const Control = L.Control.extend({ onAdd() { L.DomEvent.disableClickPropagation(el); L.DomEvent.disableScrollPropagation(el); return el; } });
  return new Control({ position: 'bottomright' });
}

/**
 * Every incident as a dot on one canvas, redrawn when the map moves: tens of thousands of points
 * stay fast where one Leaflet layer per point would not. A grid of screen positions finds the dot
 * under the mouse.
 */
function pointsLayer(rows, onPick) {
  const CELL = 24;
  let map, canvas, keys, keysTimer, screen, grid, hovered = -1;
  const tip = L.tooltip({ direction: 'top', offset: [0, -6] });
  // Column 6: how precisely the place is known (3: only the region or country).
  const coarse = (i) => rows[i][6] === 3;
  const radius = (i) => (coarse(i) ? Math.max(14, dotRadius(rows[i][5]) + 6) : dotRadius(rows[i][5]));
  // Draw per colour (one path each), biggest first so small dots stay visible on top.
  const order = rows.map((_, i) => i).sort((a, b) => radius(b) - radius(a));
  function redraw() {
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    canvas.width = size.x * ratio; canvas.height = size.y * ratio;
    canvas.style.width = size.x + 'px'; canvas.style.height = size.y + 'px';
    const ctx = canvas.getContext('2d');
    ctx.scale(ratio, ratio);
    screen = new Float32Array(rows.length * 2);
    grid = new Map();
    const byColour = new Map();
    for (const i of order) {
      const p = map.latLngToContainerPoint([rows[i][1], rows[i][2]]);
      screen[2 * i] = p.x; screen[2 * i + 1] = p.y;
      if (p.x < -20 || p.y < -20 || p.x > size.x + 20 || p.y > size.y + 20) continue;
      const cell = `${Math.floor(p.x / CELL)},${Math.floor(p.y / CELL)}`;
      if (!grid.has(cell)) grid.set(cell, []);
      grid.get(cell).push(i);
      const colour = TYPE_COLOURS[rows[i][3]] || '#333';
      if (!byColour.has(colour)) byColour.set(colour, []);
      byColour.get(colour).push(i);
    }
    ctx.lineWidth = 1; ctx.strokeStyle = '#fff'; ctx.globalAlpha = 0.85;
    for (const [colour, list] of byColour) {
      // Known only to the region or country: a dashed ring round its centre, not a dot that claims a town.
      const rings = list.filter(coarse);
      if (rings.length) {
        ctx.save(); ctx.setLineDash([4, 3]); ctx.lineWidth = 2; ctx.strokeStyle = colour; ctx.fillStyle = colour; ctx.globalAlpha = 0.9;
        ctx.beginPath();
        for (const i of rings) { const r = radius(i); ctx.moveTo(screen[2 * i] + r, screen[2 * i + 1]); ctx.arc(screen[2 * i], screen[2 * i + 1], r, 0, 2 * Math.PI); }
        ctx.stroke(); ctx.globalAlpha = 0.12; ctx.fill(); ctx.restore();
      }
      ctx.beginPath();
      for (const i of list) { if (coarse(i)) continue; const r = radius(i); ctx.moveTo(screen[2 * i] + r, screen[2 * i + 1]); ctx.arc(screen[2 * i], screen[2 * i + 1], r, 0, 2 * Math.PI); }
      ctx.fillStyle = colour; ctx.fill(); ctx.stroke();
    }
    // After the paint: the buttons are for the next key press, not for the first sight of the map.
    clearTimeout(keysTimer);
    keysTimer = setTimeout(() => keyTargets([...byColour.values()].flat()), 0);
  }
  /**
   * The dots in view as buttons over them (the canvas cannot take focus): Tab reaches each, west to
   * east, Enter opens it. The mouse goes through them to the canvas. At most KEYS, the deadliest.
   */
  const KEYS = 300;
  function keyTargets(visible) {
    L.DomUtil.setPosition(keys, map.containerPointToLayerPoint([0, 0]));
    const chosen = visible.length > KEYS ? [...visible].sort((a, b) => (rows[b][5] || 0) - (rows[a][5] || 0)).slice(0, KEYS) : visible;
    chosen.sort((a, b) => screen[2 * a] - screen[2 * b] || screen[2 * a + 1] - screen[2 * b + 1]);
    const refocus = keys.contains(document.activeElement) ? document.activeElement.dataset.id : undefined;
    keys.replaceChildren(...chosen.map((i) => {
      const [id, lat, lon, type, date, fatalities] = rows[i];
      const r = radius(i);
      const text = `${label(type)} · ${date || 'date unknown'}${fatalities ? ` · ${fatalities} killed` : ''}${coarse(i) ? ' · place known to the region or country only' : ''}`;
      const b = h('button', { type: 'button', class: 'dot-key', 'data-id': id, 'aria-label': text,
        style: `left:${screen[2 * i] - r}px;top:${screen[2 * i + 1] - r}px;width:${2 * r}px;height:${2 * r}px`,
        onclick: () => onPick(id),
        onfocus: () => { tip.setLatLng([lat, lon]).setContent(h('span', {}, text)); map.openTooltip(tip); },
        onblur: () => map.closeTooltip(tip) });
      return b;
    }));
    if (refocus) keys.querySelector(`[data-id="${CSS.escape(refocus)}"]`)?.focus({ preventScroll: true });
  }
  function at(point) {
    const cx = Math.floor(point.x / CELL), cy = Math.floor(point.y / CELL);
    let best = -1, bestD = Infinity;
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const i of grid.get(`${cx + dx},${cy + dy}`) || []) {
        const d = Math.hypot(screen[2 * i] - point.x, screen[2 * i + 1] - point.y);
        if (d <= radius(i) + 2 && d < bestD) { best = i; bestD = d; }
      }
    }
    return best;
  }
  function hover(e) {
    const i = at(e.containerPoint);
    map.getContainer().style.cursor = i >= 0 ? 'pointer' : '';
    if (i === hovered) return;
    hovered = i;
    if (i < 0) { map.closeTooltip(tip); return; }
    const [, lat, lon, type, date, fatalities] = rows[i];
    tip.setLatLng([lat, lon]).setContent(h('span', {}, `${label(type)} · ${date || 'date unknown'}${fatalities ? ` · ${fatalities} killed` : ''}`));
    map.openTooltip(tip);
  }
  function click(e) { const i = at(e.containerPoint); if (i >= 0) onPick(rows[i][0]); }
  const Layer = L.Layer.extend({
    onAdd(m) {
      map = m;
      canvas = L.DomUtil.create('canvas', 'leaflet-zoom-hide');
      m.getPanes().overlayPane.appendChild(canvas);
      keys = L.DomUtil.create('div', 'dot-keys leaflet-zoom-hide');
      keys.setAttribute('role', 'group');
      keys.setAttribute('aria-label', 'Incidents on the map');
      m.getPanes().overlayPane.appendChild(keys);
      m.on('moveend zoomend resize viewreset', redraw);
      m.on('mousemove', hover);
      m.on('click', click);
      redraw();
    },
    onRemove(m) {
      clearTimeout(keysTimer);
      canvas.remove();
      keys.remove();
      m.off('moveend zoomend resize viewreset', redraw);
      m.off('mousemove', hover);
      m.off('click', click);
    },
  });
  return new Layer();
}

/**
 * Country and town names from the shipped gazetteer (GET /api/places), more as the user zooms in,
 * placed most populous first where they do not overlap one another. Drawn under the incidents.
 */
function placeLabels(map) {
  const pane = map.createPane('labels');
  pane.style.zIndex = 450; // above the basemap and the incidents (overlay pane, 400): names never take a click
  pane.style.pointerEvents = 'none';
  const layer = L.layerGroup().addTo(map);
  let asked = 0;
  async function refresh() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const q = new URLSearchParams({ south: clamp(b.getSouth(), -90, 90).toFixed(2), west: clamp(b.getWest(), -180, 180).toFixed(2), north: clamp(b.getNorth(), -90, 90).toFixed(2), east: clamp(b.getEast(), -180, 180).toFixed(2), zoom: String(map.getZoom()) });
    const mine = ++asked;
    let data;
    try { data = await api('/api/places?' + q); } catch { return; }
    if (mine !== asked) return; // the map moved again meanwhile
    const taken = [];
    const markers = [];
    for (const [name, lat, lon, kind] of data.items) {
      const p = map.latLngToContainerPoint([lat, lon]);
      const w = name.length * (kind === 'country' ? 7.5 : 6.5) + 10, hgt = 16;
      const box = kind === 'country' ? [p.x - w / 2, p.y - hgt / 2, p.x + w / 2, p.y + hgt / 2] : [p.x - 3, p.y - hgt / 2, p.x + w, p.y + hgt / 2];
      if (taken.some((t) => box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1])) continue;
      taken.push(box);
      const el = h('span', { class: `place-label ${kind}` }, kind === 'country' ? null : h('i', { class: 'place-dot' }), name);
      markers.push(L.marker([lat, lon], { pane: 'labels', interactive: false, keyboard: false,
        icon: L.divIcon({ html: el, className: 'place-label-icon', iconSize: null, iconAnchor: kind === 'country' ? [w / 2, 8] : [3, 8] }) }));
    }
    layer.clearLayers();
    for (const m of markers) layer.addLayer(m);
    map.getContainer().dataset.labels = String(markers.length);
  }
  map.on('moveend', refresh);
  refresh();
}

async function drawMap(el, points) {
  const map = L.map(el, { preferCanvas: true, worldCopyJump: true, attributionControl: true, minZoom: 1, maxZoom: 12 });
  el.sitrepMap = map; // for the end-to-end test and the screenshots script
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Basemap: Natural Earth (world-atlas)');
  const rows = points.rows;
  if (rows.length) {
    let s = 90, w = 180, n = -90, e = -180;
    for (const r of rows) { s = Math.min(s, r[1]); n = Math.max(n, r[1]); w = Math.min(w, r[2]); e = Math.max(e, r[2]); }
    map.fitBounds([[s, w], [n, e]], { padding: [30, 30], maxZoom: 7, animate: false });
  } else map.setView([20, 20], 2);
  let land = L.geoJSON(await loadBasemap('110m'), { interactive: false, style: BASEMAP_STYLE }).addTo(map);
  map.on('zoomend', async () => {
    if (map.getZoom() < 4 || land.detailed) return;
    const detailed = L.geoJSON(await loadBasemap('50m'), { interactive: false, style: BASEMAP_STYLE });
    detailed.detailed = true;
    map.removeLayer(land);
    land = detailed.addTo(map);
    land.bringToBack();
  });
  performance.mark('sitrep:basemap');
  placeLabels(map);
  pointsLayer(rows, (id) => { location.hash = `#/incident/${encodeURIComponent(id)}`; }).addTo(map);
  if (rows.length) mapLegend(rows).addTo(map);
  performance.mark('sitrep:markers');
  el.dataset.points = String(rows.length);
}

// ---------------------------------------------------------------- annotated text
/**
 * The text as elementary segments, each a <span> carrying the classes of every annotation covering it.
 * Returns the element and, for each annotation key, its segments (to focus or scroll to).
 */
function annotatedText(text, annotations) {
  const cuts = new Set([0, text.length]);
  for (const a of annotations) { cuts.add(a.start); cuts.add(a.end); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const sorted = [...annotations].sort((a, b) => a.start - b.start);
  const segments = new Map();
  const el = h('div', { class: 'source-text' });
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    active = active.filter((x) => x.end > a);
    while (next < sorted.length && sorted[next].start <= a) { if (sorted[next].end > a) active.push(sorted[next]); next++; }
    const piece = text.slice(a, b);
    if (!active.length) { el.append(piece); continue; }
    const span = h('span', { class: active.map((x) => x.cls).filter(Boolean).join(' ') || null }, piece);
    el.append(span);
    const titles = active.map((x) => x.title).filter(Boolean);
    if (titles.length) span.title = titles.join('\n');
    for (const x of active) {
      if (!segments.has(x.key)) segments.set(x.key, []);
      segments.get(x.key).push(span);
      if (x.onclick) span.addEventListener('click', x.onclick);
    }
  }
  let focused = [];
  const focus = (key) => {
    for (const s of focused) s.classList.remove('hl-focus');
    focused = key === null ? [] : segments.get(key) || [];
    for (const s of focused) s.classList.add('hl-focus');
    focused[0]?.scrollIntoView({ block: 'center', behavior: 'instant' });
  };
  return { el, focus };
}

function sourceName(s) {
  if (!s) return 'narrator';
  const via = (s.via || []).map((v) => v.name).join(' via ');
  return s.name + (s.kind === 'anonymous' ? ' (anonymous)' : '') + (via ? ` via ${via}` : '');
}

// ---------------------------------------------------------------- incident page
async function incidentPage(id) {
  const data = await api(`/api/incidents/${encodeURIComponent(id)}`);
  const r = data.incident;
  // One report, or the reports fused into this incident (each with its claims and its document).
  const reports = data.reports ?? [{ incident: data.incident, claims: data.claims, document: data.document }];
  const texts = new Map(); // document id -> annotated text
  const buttons = new Map(); // "doc:claim" -> buttons showing that claim
  const claimOf = new Map(); // "doc:claim" -> claim
  const show = (docId, i) => {
    const key = `${docId}:${i}`;
    const c = claimOf.get(key);
    if (!c) return;
    for (const t of texts.values()) t.focus(null);
    texts.get(docId)?.focus(c.sentence ? `s${i}` : `c${i}`);
    for (const [k, bs] of buttons) for (const b of bs) b.classList.toggle('active', k === key);
  };
  const figureButton = (docId, i, caption) => {
    const b = h('button', { class: 'figure', type: 'button', 'data-claim': i, 'data-document': docId, onclick: () => show(docId, i) }, caption);
    const key = `${docId}:${i}`;
    if (!buttons.has(key)) buttons.set(key, []);
    buttons.get(key).push(b);
    return b;
  };
  const actorButtons = [];
  const panels = reports.map(({ incident: rec, claims, document: doc }) => {
    const annotations = [];
    // The incident's own place, date and actors, highlighted beside its claims.
    const inc = doc.incidents[parseInt(rec.id.slice(rec.id.lastIndexOf('-') + 1), 10) - 1];
    if (inc?.place) annotations.push({ start: inc.place.start, end: inc.place.end, cls: 'hl-place', key: 'place', title: `place: ${inc.place.name ?? inc.place.text}${inc.place.country ? ', ' + inc.place.country : ''}` });
    if (inc?.time) annotations.push({ start: inc.time.start, end: inc.time.end, cls: 'hl-time', key: 'time', title: `date: ${inc.time.earliest ?? 'unresolved'}${inc.time.latest && inc.time.latest !== inc.time.earliest ? ' to ' + inc.time.latest : ''}` });
    (inc?.actors ?? []).forEach((a, k) => {
      if (!a.span) return;
      annotations.push({ start: a.span.start, end: a.span.end, cls: 'hl-entity', key: `a${k}`, title: `actor: ${a.name} (${a.role})` });
      actorButtons.push(h('button', { class: 'figure', type: 'button', onclick: () => { for (const t of texts.values()) t.focus(null); texts.get(doc.id).focus(`a${k}`); } }, `${a.name} (${a.role})`));
    });
    for (const c of claims) {
      claimOf.set(`${doc.id}:${c.index}`, c);
      annotations.push({ start: c.start, end: c.end, cls: 'hl-claim', key: `c${c.index}`, title: `${c.kind} — ${sourceName(c.source)}`, onclick: () => show(doc.id, c.index) });
      if (c.sentence) annotations.push({ ...c.sentence, key: `s${c.index}` });
    }
    const text = annotatedText(doc.text, annotations);
    texts.set(doc.id, text);
    return h('section', { class: 'panel', 'aria-label': 'Source text', 'data-document': doc.id },
      h('h2', {}, reports.length > 1 ? `${rec.outlet || 'Unknown outlet'}: ${rec.title || 'untitled'}` : 'Source text'),
      h('p', { class: 'legend muted' }, h('span', { class: 'hl-claim' }, 'claim'), h('span', { class: 'hl-place' }, 'place'), h('span', { class: 'hl-time' }, 'date'), h('span', { class: 'hl-entity' }, 'actor'), h('span', { class: 'hl-focus' }, 'selected sentence'),
        ' ', h('a', { href: `#/document/${doc.id}` }, 'document page')),
      text.el);
  });

  const figures = h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Victims'), h('th', {}, 'Outcome'), h('th', {}, 'Low / best / high'), h('th', {}, 'Each source says'))),
    h('tbody', {}, r.figures.map((f) => h('tr', { class: f.contested ? 'contested' : null },
      h('td', {}, f.group || 'unspecified', f.within ? h('div', { class: 'muted' }, `part of ${f.within}`) : null),
      h('td', {}, f.outcome.replace(/_/g, ' ')),
      h('td', { class: 'num' }, `${f.low} / ${f.best} / ${f.high}`, f.contested ? h('div', {}, h('span', { class: 'tag contested' }, 'contested')) : null),
      h('td', {}, h('div', { class: 'sources' }, f.sources.map((s) => figureButton(s.document ?? r.document, s.claim, `${s.name}: ${fmtRange(s)}`))))))));
  const other = reports.flatMap(({ claims, document: doc }) => claims.filter((c) => c.kind !== 'casualties').map((c) => ({ c, doc })));
  const reportLinks = reports.map(({ incident: rec }) => h('li', {}, h('a', { href: `#/document/${rec.document}` }, rec.title || rec.document.slice(0, 12)), rec.outlet ? ` · ${rec.outlet}` : '', rec.published ? ` · ${rec.published}` : '',
    rec.url ? [' · ', h('a', { href: rec.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null));
  const located = typeof r.latitude === 'number' && typeof r.longitude === 'number';
  const locator = located ? h('figure', { class: 'locator' },
    h('div', { class: 'locator-map', role: 'img', 'aria-label': `Locator map: ${r.location ?? 'the place'}${r.country ? ', ' + r.country : ''}` }),
    h('figcaption', { class: 'muted' }, LOCATOR_CAPTION[r.geo_precision] ?? 'Precision unknown.')) : null;
  view.replaceChildren(h('div', { class: 'page' },
    h('div', {},
      h('section', { class: 'panel' },
        h('h1', {}, `${label(r.type)}${r.location ? ' in ' + r.location : ''}`),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Type'), h('dd', {}, `${label(r.type)} — ACLED ${r.acled_event_type} / ${r.acled_sub_event_type}`),
          h('dt', {}, 'When'), h('dd', {}, r.event_date ? `${r.event_date}${r.event_date_latest && r.event_date_latest !== r.event_date ? ' to ' + r.event_date_latest : ''} (${PRECISION[r.time_precision] || 'precision unknown'})` : 'unknown'),
          h('dt', {}, 'Where'), h('dd', {}, r.location ? `${r.location}${r.admin1 ? ', ' + r.admin1 : ''}${r.country ? ', ' + r.country : ''} (${PRECISION[r.geo_precision] || ''}) ${r.latitude?.toFixed(3)}, ${r.longitude?.toFixed(3)}` : 'unknown'),
          h('dt', {}, 'Actors'), h('dd', {}, actorButtons.length ? actorButtons : 'not stated'),
          h('dt', {}, 'Fatalities'), h('dd', {}, r.fatalities_best === null ? 'none reported' : `${r.fatalities_low} / ${r.fatalities_best} / ${r.fatalities_high} (low / best / high); ACLED count ${r.fatalities}`),
          h('dt', {}, reports.length > 1 ? `Reports (${reports.length})` : 'Report'), h('dd', {}, h('ul', { class: 'plain' }, reportLinks))),
        locator),
      r.joins?.length ? h('section', { class: 'panel', 'aria-label': 'Why these reports were joined' }, h('h2', {}, 'Why these reports were joined'),
        h('ul', {}, r.joins.map((j) => h('li', {}, j.why)))) : null,
      tollSection(r, h, show),
      h('section', { class: 'panel', 'aria-label': 'Figures' },
        h('h2', {}, reports.length > 1 ? 'Figures, per victim group, across all reports' : 'Figures, per victim group'),
        r.figures.length ? figures : h('p', { class: 'muted' }, 'No casualty figures.'),
        h('p', { class: 'muted' }, 'Click a source\'s figure to see the sentence it came from. Low/best/high follow the rule in docs/taxonomy.md.')),
      other.length ? h('section', { class: 'panel' }, h('h2', {}, 'Other claims'),
        h('div', { class: 'sources' }, other.map(({ c, doc }) => figureButton(doc.id, c.index, `${c.kind.replace(/_/g, ' ')}: ${Array.isArray(c.value) ? c.value.join(', ') : typeof c.value === 'object' && c.value ? fmtRange(c.value) : c.value ?? ''} — ${sourceName(c.source)}`)))) : null,
      // An analyst's corrections: the trail, and the forms when the server allows them (web/review.js).
      data.corrections ? reviewPanel({ h, record: r, corrections: data.corrections, canEdit: !!(await health).edit, types: Object.entries(TYPE_LABELS),
        onDone: (out) => { const still = out.records.find((x) => x.id === r.id); if (still || out.correction.action === 'published' || out.correction.action === 'outlet') route(); else location.hash = '#/'; } }) : null),
    h('div', {}, panels)));
  // Drawn in the background: the page is ready without waiting for the detailed basemap.
  if (locator) drawLocator(locator.querySelector('.locator-map'), r).catch(() => { locator.remove(); });
}

const LOCATOR_CAPTION = {
  1: 'The place itself.',
  2: 'Near the place: the ring is about 25 km.',
  3: 'Only the region or country is known: the dot is its centre, the ring a rough extent.',
};

/** A small map of where the incident happened, with a ring for how precisely the place is known. */
async function drawLocator(el, r) {
  // Zoomed out enough for the country shapes to say where this is (the basemap has no other labels).
  const zoom = { 1: 5, 2: 5, 3: 4 }[r.geo_precision] ?? 4;
  const map = L.map(el, { attributionControl: true, zoomControl: true, scrollWheelZoom: false, minZoom: 1, maxZoom: 10 }).setView([r.latitude, r.longitude], zoom);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Natural Earth');
  L.geoJSON(await loadBasemap(zoom >= 4 ? '50m' : '110m'), { interactive: false, style: BASEMAP_STYLE }).addTo(map);
  placeLabels(map);
  const colour = TYPE_COLOURS[r.type] || '#333';
  const ring = { 2: 25000, 3: 250000 }[r.geo_precision];
  if (ring) L.circle([r.latitude, r.longitude], { radius: ring, color: colour, weight: 1.5, dashArray: '4 4', fillOpacity: 0.08, interactive: false }).addTo(map);
  L.circleMarker([r.latitude, r.longitude], { radius: 6, color: '#fff', weight: 1.5, fillColor: colour, fillOpacity: 0.95, interactive: false })
    .bindTooltip(h('span', {}, [r.location, r.country].filter(Boolean).join(', ') || 'the place'), { permanent: true, direction: 'right', offset: [8, 0] })
    .addTo(map);
}

// ---------------------------------------------------------------- document page
const OUTCOMES = { killed: 'killed', injured: 'injured', killed_or_injured: 'killed or injured', missing: 'missing', captured: 'captured' };

/** A claim in a few words: its figures or value, its subject, its source and how it is asserted. */
function claimSummary(c) {
  const what = c.figures
    ? Object.entries(c.figures).map(([o, q]) => `${OUTCOMES[o] ?? o} ${fmtRange(q)}`).join(', ')
    : Array.isArray(c.value) ? c.value.join(', ') : c.value && typeof c.value === 'object' ? fmtRange(c.value) : c.value ?? '';
  const about = c.subject?.text ? ` (${c.subject.text}${c.subject.civilian && !/civilian/i.test(c.subject.text) ? ', civilians' : ''})` : '';
  const how = c.modality && c.modality !== 'asserted' ? ` · ${c.modality}` : '';
  const repeat = c.repeats !== undefined ? ` · repeats claim ${c.repeats + 1}` : '';
  return `${c.kind.replace(/_/g, ' ')}: ${what}${about}${how}${repeat}`;
}

/**
 * The syntax layer as words and sentences: for each token its tag, lemma, head and label, grouped by the
 * sentence it lies in. Undefined when the document has no (usable) layer: the page then shows no syntax.
 */
function syntaxModel(doc) {
  const sx = doc.syntax;
  const tokens = doc.tokens;
  if (!sx || !Array.isArray(tokens) || !tokens.length || [sx.upos, sx.lemma, sx.head, sx.deprel].some((a) => !Array.isArray(a) || a.length !== tokens.length)) return undefined;
  const word = (i) => doc.text.slice(tokens[i][0], tokens[i][1]);
  const sentences = doc.sentences.map((s, n) => ({ n, start: s.start, end: s.end, tokens: [] }));
  let k = 0;
  tokens.forEach(([start], i) => {
    while (k + 1 < sentences.length && sentences[k].end <= start) k++;
    sentences[k]?.tokens.push(i);
  });
  const sentenceOf = new Map();
  for (const s of sentences) for (const i of s.tokens) sentenceOf.set(i, s.n);
  const head = (i) => (Number.isInteger(sx.head[i]) && sx.head[i] >= 0 && sx.head[i] < tokens.length ? sx.head[i] : -1);
  const describe = (i) => {
    const hd = head(i);
    return `${sx.upos[i]} · lemma “${sx.lemma[i]}” · ${sx.deprel[i]}${hd >= 0 ? ` of “${word(hd)}”` : ' (root of the sentence)'}`;
  };
  return { tokens, word, head, describe, sentences: sentences.filter((s) => s.tokens.length), sentenceOf, sx };
}

/** One sentence's dependency tree as an indented list: each word with its tag and label, its dependents below it. */
function syntaxTree(model, sentence, onWord) {
  const { sx, word, head } = model;
  const inSentence = new Set(sentence.tokens);
  const children = new Map(sentence.tokens.map((i) => [i, []]));
  const roots = [];
  for (const i of sentence.tokens) {
    const hd = head(i);
    if (hd >= 0 && inSentence.has(hd) && hd !== i) children.get(hd).push(i);
    else roots.push(i);
  }
  const seen = new Set();
  const node = (i) => {
    seen.add(i);
    const kids = children.get(i).filter((c) => !seen.has(c));
    return h('li', { 'data-token': i },
      h('button', { class: 'word', type: 'button', title: model.describe(i), onclick: () => onWord(i) },
        h('span', { class: 'deprel' }, sx.deprel[i]), ' ', h('strong', {}, word(i)), ' ', h('span', { class: 'upos' }, sx.upos[i]),
        sx.lemma[i] && sx.lemma[i] !== word(i) ? h('span', { class: 'muted' }, ` ${sx.lemma[i]}`) : null),
      kids.length ? h('ul', {}, kids.map(node)) : null);
  };
  // A head outside the sentence or a cycle would hide words: any word not reached is listed as a root.
  const items = roots.map(node);
  for (const i of sentence.tokens) if (!seen.has(i)) items.push(node(i));
  return h('ul', { class: 'tree', role: 'tree', 'aria-label': 'Dependency tree' }, items);
}

let measurer;
/** A word's width in pixels in the arc diagram's font. */
function textWidth(text) {
  measurer ??= document.createElement('canvas').getContext('2d');
  measurer.font = '13px system-ui, sans-serif';
  return measurer.measureText(text).width;
}

/**
 * One sentence's dependencies as arcs over its words (head to dependent, the label on the arc, the tag
 * under the word): shorter arcs nest below longer ones. Text only as SVG text nodes.
 */
function syntaxArcs(model, sentence, onWord) {
  const ns = 'http://www.w3.org/2000/svg';
  const { sx, word, head } = model;
  const toks = sentence.tokens;
  const pos = new Map(toks.map((t, k) => [t, k]));
  const widths = toks.map((t) => Math.max(textWidth(word(t)), textWidth(sx.upos[t]) * 0.8) + 16);
  const xs = [];
  let x = 8;
  for (const w of widths) { xs.push(x + w / 2); x += w; }
  const arcs = toks.filter((t) => head(t) >= 0 && pos.has(head(t)) && head(t) !== t).map((t) => {
    const [a, b] = [pos.get(head(t)), pos.get(t)];
    return { from: a, to: b, lo: Math.min(a, b), hi: Math.max(a, b), label: sx.deprel[t], level: 1 };
  }).sort((p, q) => (p.hi - p.lo) - (q.hi - q.lo));
  for (const [k, a] of arcs.entries()) {
    for (const b of arcs.slice(0, k)) if (b.lo >= a.lo && b.hi <= a.hi && b !== a) a.level = Math.max(a.level, b.level + 1);
  }
  const maxLevel = Math.max(1, ...arcs.map((a) => a.level));
  const step = 18, base = 26 + maxLevel * step;
  const H = base + 34;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', String(x + 8)); svg.setAttribute('height', String(H));
  svg.setAttribute('viewBox', `0 0 ${x + 8} ${H}`);
  svg.setAttribute('class', 'arcs');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Dependency arcs: ' + arcs.map((a) => `${a.label} from ${word(toks[a.from])} to ${word(toks[a.to])}`).join('; '));
  const el = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  for (const a of arcs) {
    const [x1, x2] = [xs[a.from], xs[a.to]];
    const top = base - 6 - a.level * step;
    const g = el('g', { class: 'arc' });
    g.append(el('path', { d: `M${x1},${base - 4} C${x1},${top} ${x2},${top} ${x2},${base - 4}`, fill: 'none' }));
    g.append(el('path', { d: `M${x2 - 3.5},${base - 10} L${x2},${base - 3} L${x2 + 3.5},${base - 10} Z`, class: 'head' }));
    g.append(el('text', { x: (x1 + x2) / 2, y: top + 0.25 * (base - top) - 2, 'text-anchor': 'middle', class: 'label' }, a.label));
    svg.append(g);
  }
  for (const root of toks.filter((t) => !(head(t) >= 0 && pos.has(head(t))))) {
    const xr = xs[pos.get(root)];
    svg.append(el('path', { d: `M${xr},10 L${xr},${base - 4}`, class: 'root-line' }));
    svg.append(el('text', { x: xr + 3, y: 10, class: 'label' }, sx.deprel[root] || 'root'));
  }
  toks.forEach((t, k) => {
    const w = el('text', { x: xs[k], y: base + 12, 'text-anchor': 'middle', class: 'w', tabindex: 0, role: 'button' }, word(t));
    w.append(el('title', {}, model.describe(t)));
    w.addEventListener('click', () => onWord(t));
    w.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onWord(t); } });
    svg.append(w, el('text', { x: xs[k], y: base + 27, 'text-anchor': 'middle', class: 'tag' }, sx.upos[t]));
  });
  return h('div', { class: 'arcs-scroll' }, svg);
}

async function documentPage(id) {
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  const anns = [];
  const syntax = syntaxModel(doc);
  const layers = { claim: 'claim', entity: 'entity', quote: 'quote', time: 'date', place: 'place' };
  doc.mentions.forEach((m, i) => anns.push({ start: m.start, end: m.end, cls: 'hl-entity', key: `m${i}`, title: `${m.kind}: ${doc.entities[m.entity]?.name ?? m.text}` }));
  doc.quotes.forEach((q, i) => anns.push({ start: q.start, end: q.end, cls: 'hl-quote', key: `q${i}`, title: `${q.direct ? 'quote' : 'reported'} — ${sourceName(q.source)}` }));
  (doc.claims ?? []).forEach((c, i) => anns.push({ start: c.start, end: c.end, cls: 'hl-claim', key: `c${i}`, title: `claim ${i + 1} — ${claimSummary(c)} — ${sourceName(c.source)}` }));
  doc.times.forEach((t, i) => anns.push({ start: t.start, end: t.end, cls: 'hl-time', key: `t${i}`, title: t.earliest ? `${t.earliest}${t.latest !== t.earliest ? ' to ' + t.latest : ''}` : 'unresolved date' }));
  doc.places.forEach((p, i) => anns.push({ start: p.start, end: p.end, cls: 'hl-place', key: `p${i}`, title: p.name ? `${p.name}, ${p.country ?? ''}` : 'not in the gazetteer' }));
  // Syntax: every word says its tag, lemma, head and label on hover; a click opens its sentence's tree.
  let openTree = () => {};
  if (syntax) syntax.tokens.forEach(([start, end], i) => anns.push({ start, end, key: `w${i}`, title: syntax.describe(i), onclick: () => openTree(i) }));
  const text = annotatedText(doc.text, anns);
  // Claims mostly lie inside quotes: underlined here, so both layers show.
  text.el.classList.add('layered');
  const item = (key, ...content) => h('li', {}, h('button', { class: 'figure', type: 'button', onclick: () => text.focus(key) }, ...content));
  const incidents = doc.incidents.map((inc, n) => h('li', {}, h('a', { href: `#/incident/${doc.id}-${n + 1}` }, `${label(inc.type)}${inc.place?.name ? ' — ' + inc.place.name : ''}`)));
  const claims = doc.claims ?? [];

  let syntaxPanel = null;
  if (syntax) {
    const rendered = new Map(); // sentence -> its <details>
    // A sentence's tree, drawn once it is opened: arcs over the words, or the same as an indented list.
    let shape = 'list';
    const renderTree = (details, s) => {
      if (details.querySelector('.tree-views')) return;
      const onWord = (i) => text.focus(`w${i}`);
      const list = syntaxTree(syntax, s, onWord);
      const arcs = syntaxArcs(syntax, s, onWord);
      const show = (which) => { shape = which; list.hidden = which !== 'list'; arcs.hidden = which !== 'arcs'; bList.setAttribute('aria-pressed', String(which === 'list')); bArcs.setAttribute('aria-pressed', String(which === 'arcs')); };
      const bList = h('button', { type: 'button', class: 'shape', onclick: () => show('list') }, 'indented');
      const bArcs = h('button', { type: 'button', class: 'shape', onclick: () => show('arcs') }, 'arcs');
      details.append(h('div', { class: 'tree-views' }, h('div', { class: 'shapes' }, 'Show as ', bList, bArcs), arcs, list));
      show(shape);
    };
    const list = syntax.sentences.map((s) => {
      const sentenceText = doc.text.slice(s.start, s.end).replace(/\s+/g, ' ');
      const details = h('details', { 'data-sentence': s.n },
        h('summary', {}, h('span', { class: 'muted' }, `${s.n + 1}. `), sentenceText.length > 110 ? sentenceText.slice(0, 110) + '…' : sentenceText));
      details.addEventListener('toggle', () => { if (details.open) renderTree(details, s); });
      rendered.set(s.n, details);
      return details;
    });
    openTree = (i) => {
      const details = rendered.get(syntax.sentenceOf.get(i));
      if (!details) return;
      details.open = true;
      renderTree(details, syntax.sentences.find((s) => s.n === syntax.sentenceOf.get(i)));
      for (const b of syntaxPanel.querySelectorAll('.word.active')) b.classList.remove('active');
      const b = details.querySelector(`li[data-token="${i}"] > .word`);
      b?.classList.add('active');
      b?.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    };
    syntaxPanel = h('section', { class: 'panel syntax', 'aria-label': 'Syntax' },
      h('h2', {}, `Syntax (${syntax.sentences.length} sentence${syntax.sentences.length === 1 ? '' : 's'})`),
      h('p', { class: 'muted' }, `Universal Dependencies (${syntax.sx.model || 'model unknown'}): hover a word in the text for its tag, lemma, head and label; open a sentence, or click a word, for its tree.`),
      list);
  }

  // Each layer can be hidden, to read one at a time.
  const toggles = Object.entries(layers).map(([k, name]) => h('label', { class: `hl-${k}` },
    h('input', { type: 'checkbox', checked: true, 'data-layer': k, onchange: (e) => {
      // Swapped for a class with no style, so a span's other layers still show.
      const [from, to] = e.target.checked ? [`off-${k}`, `hl-${k}`] : [`hl-${k}`, `off-${k}`];
      for (const span of text.el.querySelectorAll(`.${from}`)) span.classList.replace(from, to);
    } }), ` ${name}`));

  view.replaceChildren(h('div', { class: 'page' },
    h('div', {},
      h('section', { class: 'panel' },
        h('h1', {}, doc.meta.title || 'Untitled document'),
        h('dl', { class: 'facts' },
          h('dt', {}, 'Outlet'), h('dd', {}, doc.meta.outlet || 'unknown'),
          h('dt', {}, 'Published'), h('dd', {}, doc.meta.published ? `${doc.meta.published} (from ${doc.meta.publishedFrom})` : 'unknown'),
          h('dt', {}, 'Origin'), h('dd', {}, doc.meta.origin),
          h('dt', {}, 'Id'), h('dd', {}, doc.id)),
        incidents.length ? [h('h2', {}, 'Incidents'), h('ul', {}, incidents)] : null),
      h('section', { class: 'panel', 'aria-label': 'Claims' }, h('h2', {}, `Claims (${claims.length})`),
        claims.length ? h('ol', { class: 'claims' }, claims.map((c, i) => h('li', {}, h('button', { class: 'figure', type: 'button', 'data-claim': i, onclick: () => text.focus(`c${i}`) },
          claimSummary(c), ' — ', h('strong', {}, sourceName(c.source)))))) : h('p', { class: 'muted' }, 'No claims.')),
      h('section', { class: 'panel' }, h('h2', {}, `Quotes (${doc.quotes.length})`),
        h('ul', {}, doc.quotes.map((q, i) => item(`q${i}`, h('strong', {}, sourceName(q.source)), ` ${q.cue ? q.cue.text : ''}: ${q.direct ? '“' : ''}${q.text.length > 160 ? q.text.slice(0, 160) + '…' : q.text}${q.direct ? '”' : ''}`)))),
      h('section', { class: 'panel' }, h('h2', {}, `Entities (${doc.entities.length})`),
        h('ul', {}, doc.entities.map((e) => item(`m${e.mentions[0]}`, h('strong', {}, e.name), ` — ${e.kind}${e.titles.length ? ', ' + e.titles.join(', ') : ''}${e.aliases.length ? ' (also ' + e.aliases.join(', ') + ')' : ''}`)))),
      h('section', { class: 'panel' }, h('h2', {}, 'Dates and places'),
        h('ul', {}, doc.times.map((t, i) => item(`t${i}`, `${t.text} → ${t.earliest ?? 'unresolved'}${t.incident ? ' (incident date)' : ''}`)),
          doc.places.map((p, i) => item(`p${i}`, `${p.text} → ${p.name ?? 'unknown'}${p.country ? ', ' + p.country : ''}${p.incident ? ' (incident place)' : ''}`))))),
    h('div', {},
      h('section', { class: 'panel', 'aria-label': 'Source text' },
        h('h2', {}, 'Text'),
        h('p', { class: 'legend layers' }, toggles, syntax ? h('span', { class: 'muted' }, 'words: hover for syntax, click for the tree') : null),
        text.el),
      syntaxPanel)));
}

// ---------------------------------------------------------------- upload
function ingestPage() {
  const status = h('p', { role: 'status' });
  const form = h('form', { class: 'panel ingest-form' },
    h('h1', {}, 'Add an article'),
    h('label', {}, 'Title ', h('input', { name: 'title', size: 60 })),
    h('label', {}, 'Outlet ', h('input', { name: 'outlet' })),
    h('label', {}, 'Published ', h('input', { name: 'published', type: 'date' })),
    h('label', {}, 'Address ', h('input', { name: 'url', type: 'url', size: 60 })),
    h('label', {}, 'Text or HTML', h('textarea', { name: 'text', required: true })),
    h('button', { type: 'submit' }, 'Extract and store'), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    for (const [k, v] of new FormData(form)) if (String(v).trim()) body[k] = String(v);
    status.textContent = 'Extracting…';
    try {
      const res = await fetch('/api/documents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const out = await res.json();
      if (!res.ok) throw new Error(out.error || res.statusText);
      location.hash = `#/document/${out.id}`;
    } catch (err) {
      status.textContent = err.message;
      status.className = 'error';
    }
  });
  view.replaceChildren(form);
}

// ---------------------------------------------------------------- start
window.addEventListener('hashchange', route);
const health = api('/api/health').catch(() => ({}));
health.then((hl) => { document.getElementById('nav-ingest').hidden = !hl.ingest; });
route();
