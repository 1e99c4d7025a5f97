// The incident page's review panel: the audit trail of an incident's corrections and, when the server
// runs with --allow-edit, the forms that make them (POST /api/corrections). Each correction needs a
// reason; the server stores it with who and when, and derives the records again.

/**
 * @param {object} o
 * @param {Function} o.h the app's element builder (text nodes only)
 * @param {object} o.record the incident record as shown (with status)
 * @param {object[]} o.corrections its stored corrections, oldest first
 * @param {boolean} o.canEdit whether the server accepts corrections
 * @param {[string, string][]} o.types taxonomy codes and labels
 * @param {() => void} o.onDone called after a correction was stored
 */
export function reviewPanel({ h, record: r, corrections, canEdit, types, onDone }) {
  const show = (v) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const trail = corrections.length
    ? h('ol', { class: 'audit' }, corrections.map((c) => h('li', { 'data-correction': c.id },
      h('strong', {}, c.action), ` ${show(c.old)} → ${show(c.new)}`,
      h('div', { class: 'muted' }, `#${c.id} by ${c.who}, ${c.at.replace('T', ' ').slice(0, 16)} UTC: ${c.why}`))))
    : h('p', { class: 'muted' }, 'No corrections.');
  const status = r.status && r.status !== 'ok'
    ? h('p', { class: 'error', role: 'status' }, r.status === 'merged' ? `Merged into ${r.merged_into}: left out of lists, maps and exports.` : 'Rejected: left out of lists, maps and exports.')
    : null;
  if (!canEdit) {
    return h('section', { class: 'panel review', 'aria-label': 'Corrections' }, h('h2', {}, 'Corrections'), status, trail,
      h('p', { class: 'muted' }, 'Start the server with --allow-edit to correct this incident here, or use "sitrep review".'));
  }
  const message = h('p', { role: 'status', class: 'muted' });
  const why = h('input', { name: 'why', required: true, size: 40, placeholder: 'why (required)', 'aria-label': 'Reason for the correction' });
  const who = h('input', { name: 'who', size: 12, placeholder: 'your name', 'aria-label': 'Your name', value: localStorage.getItem('sitrep:who') || '' });
  async function send(target, action, value) {
    if (!why.value.trim()) { message.textContent = 'Give a reason first.'; message.className = 'error'; why.focus(); return; }
    localStorage.setItem('sitrep:who', who.value.trim());
    message.textContent = 'Saving…'; message.className = 'muted';
    try {
      const res = await fetch('/api/corrections', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ target, action, value, why: why.value.trim(), who: who.value.trim() || 'web' }) });
      const out = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(out.error || res.statusText);
      message.textContent = `Saved as correction #${out.correction.id}.`;
      onDone(out);
    } catch (err) {
      message.textContent = err.message; message.className = 'error';
    }
  }
  // One row per correction: its inputs and a button that sends them.
  const row = (title, inputs, action, valueOf, target = r.id) => {
    const form = h('form', { class: 'review-row', 'data-action': action, onsubmit: (e) => { e.preventDefault(); send(target, action, valueOf(form)); } },
      h('span', { class: 'review-label' }, title), inputs, h('button', { type: 'submit' }, 'Save'));
    return form;
  };
  const field = (form, name) => form.elements.namedItem(name).value.trim();
  const rejected = r.status && r.status !== 'ok';
  const rows = rejected
    ? [row('Restore', [], 'restore', () => null)]
    : [
      row('Reject', [], 'reject', () => null),
      row('Killed', [h('input', { name: 'figure', size: 10, placeholder: 'N or LOW-HIGH', 'aria-label': 'Killed', required: true })], 'figure', (f) => field(f, 'figure')),
      row('Place', [h('input', { name: 'place', size: 16, placeholder: 'town', 'aria-label': 'Place name', required: true }),
        h('input', { name: 'country', size: 3, placeholder: 'CC', 'aria-label': 'Country code', value: r.country || '' })], 'place', (f) => ({ name: field(f, 'place'), country: field(f, 'country') || undefined })),
      row('Date', [h('input', { name: 'date', type: 'date', 'aria-label': 'Date', required: true, value: r.event_date || '' })], 'date', (f) => field(f, 'date')),
      row('Type', [h('select', { name: 'type', 'aria-label': 'Type' }, types.map(([code, text]) => { const o = h('option', { value: code }, text); if (code === r.type) o.selected = true; return o; }))], 'type', (f) => field(f, 'type')),
      row('Merge into', [h('input', { name: 'into', size: 22, placeholder: 'incident id', 'aria-label': 'Incident to merge into', required: true })], 'merge', (f) => field(f, 'into')),
      row('Split', [h('span', { class: 'muted' }, 'a second event in this report')], 'split', () => null),
      row('Published', [h('input', { name: 'published', type: 'date', 'aria-label': 'Publication date', required: true, value: r.published || '' })], 'published', (f) => field(f, 'published'), r.document),
      row('Outlet', [h('input', { name: 'outlet', size: 16, 'aria-label': 'Outlet', required: true, value: r.outlet || '' })], 'outlet', (f) => field(f, 'outlet'), r.document),
    ];
  return h('section', { class: 'panel review', 'aria-label': 'Corrections' },
    h('h2', {}, 'Corrections'), status, trail,
    h('div', { class: 'review-who' }, why, ' ', who),
    rows, message,
    h('p', { class: 'muted' }, 'Each correction is stored with who, when and why; exports show the corrected values and the trail.'));
}
