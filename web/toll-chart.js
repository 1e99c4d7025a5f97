// The toll over time of a fused incident: every source's figure (killed, injured, ...) against the
// publication date of the report that gave it, one row of dots per outcome, each dot a button that shows
// the sentence the figure came from; a range is a bar, an open-ended figure ("more than 100") a bar with
// an arrow; a syndicated copy's figure is a hollow dot. Beside it: the incident's grade and its reasons.
// SVG built with createElementNS and text nodes only: no article text ever becomes markup.

const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = { killed: '#b2182b', injured: '#ef8a62', killed_or_injured: '#7b3294', missing: '#4d4d4d', captured: '#2166ac' };
const DAY = 86400000;

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/**
 * The chart and grade panel for a fused incident, or null when it has neither toll nor grade.
 * `h` is the app's element helper; `onPoint(documentId, claimIndex)` shows a figure's sentence.
 */
export function tollSection(incident, h, onPoint) {
  const toll = incident.toll ?? [];
  if (!toll.length && !incident.grade) return null;
  const chart = toll.length ? tollChart(toll, onPoint) : null;
  return h('section', { class: 'panel', 'aria-label': 'Toll over time', 'data-toll': toll.length },
    h('h2', {}, 'Toll over time'),
    incident.grade ? h('p', {}, h('span', { class: `tag grade grade-${incident.grade.toLowerCase()}` }, incident.grade), ' ',
      h('span', { class: 'muted' }, 'grade (Airwars categories, rule in docs/fusion.md)')) : null,
    incident.grade_reasons?.length ? h('ul', { class: 'grade-reasons' }, incident.grade_reasons.map((r) => h('li', {}, r))) : null,
    chart,
    toll.length ? h('p', { class: 'muted' }, 'Each dot is one source\'s figure in one report, at the report\'s publication date; click it to see its sentence. Hollow: a syndicated copy.') : null);
}

function tollChart(toll, onPoint) {
  const W = 560, H = 220, left = 44, right = 12, top = 14, bottom = 40;
  const times = toll.map((t) => Date.parse(t.published ?? '')).filter((t) => !Number.isNaN(t));
  const t0 = times.length ? Math.min(...times) : 0, t1 = times.length ? Math.max(...times) : 0;
  const span = Math.max(t1 - t0, DAY);
  const top0 = Math.max(1, ...toll.map((t) => t.max ?? t.min));
  const yMax = Math.ceil(top0 * 1.15);
  const x = (t) => left + ((Number.isNaN(t) ? t0 : t - t0 + span * 0.05) / (span * 1.1)) * (W - left - right);
  const y = (v) => H - bottom - (v / yMax) * (H - top - bottom);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'toll-chart', role: 'img', 'aria-label': `Figures of ${new Set(toll.map((t) => t.report)).size} reports against time` });
  // Axes: figures up the side, publication days along the bottom.
  svg.append(s('line', { x1: left, y1: H - bottom, x2: W - right, y2: H - bottom, stroke: '#999' }), s('line', { x1: left, y1: top, x2: left, y2: H - bottom, stroke: '#999' }));
  for (const v of ticks(yMax)) svg.append(s('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#555' }, String(v)), s('line', { x1: left, y1: y(v), x2: W - right, y2: y(v), stroke: '#eee' }));
  const days = [...new Set(toll.map((t) => t.published).filter(Boolean))].sort();
  for (const d of days) svg.append(s('text', { x: x(Date.parse(d)), y: H - bottom + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#555' }, d));
  // Dots that would sit on one another (one day, one figure) are spread sideways.
  const seen = new Map();
  toll.forEach((t) => {
    const key = `${t.published}|${t.outcome}|${t.min}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const cx = x(Date.parse(t.published ?? '')) + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 9;
    const colour = COLOURS[t.outcome] ?? '#333';
    const g = s('g', { class: 'toll-point', tabindex: 0, role: 'button', 'data-document': t.document, 'data-claim': t.claim, 'data-outcome': t.outcome });
    g.append(s('title', {}, `${t.outcome.replace(/_/g, ' ')} ${t.max === null ? `more than ${t.min - 1}` : t.max !== t.min ? `${t.min}–${t.max}` : t.min}${t.vague ? ` (${t.vague})` : ''} — ${t.source}, ${t.outlet ?? t.report}, ${t.published ?? 'undated'}${t.copy_of ? ' (syndicated copy)' : ''}: ${t.sentence?.text ?? ''}`));
    if (t.max === null || t.max !== t.min) {
      const hi = t.max === null ? yMax : t.max;
      g.append(s('line', { x1: cx, y1: y(t.min), x2: cx, y2: y(hi), stroke: colour, 'stroke-width': 2 }));
      if (t.max === null) g.append(s('path', { d: `M${cx - 4},${y(hi) + 6} L${cx},${y(hi)} L${cx + 4},${y(hi) + 6}`, stroke: colour, fill: 'none', 'stroke-width': 2 }));
    }
    g.append(s('circle', { cx, cy: y(t.min), r: 5, fill: t.copy_of ? '#fff' : colour, stroke: colour, 'stroke-width': 2 }));
    const go = () => onPoint(t.document, t.claim);
    g.addEventListener('click', go);
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
    svg.append(g);
  });
  // Legend: one swatch per outcome shown.
  let lx = left;
  for (const o of [...new Set(toll.map((t) => t.outcome))]) {
    svg.append(s('circle', { cx: lx + 5, cy: H - 8, r: 5, fill: COLOURS[o] ?? '#333' }), s('text', { x: lx + 14, y: H - 4, 'font-size': 11, fill: '#333' }, o.replace(/_/g, ' ')));
    lx += 22 + o.length * 7;
  }
  return svg;
}

function ticks(max) {
  const step = max <= 5 ? 1 : max <= 12 ? 2 : max <= 30 ? 5 : Math.pow(10, Math.floor(Math.log10(max))) * (max / Math.pow(10, Math.floor(Math.log10(max))) > 5 ? 2 : 1);
  const out = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  return out;
}
