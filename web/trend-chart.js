// The chart view: incidents per month as stacked bars by type (or by actor), deaths per month as a
// line on its own axis. Chart.js (npm, served from /vendor; loaded only when this view opens).

let loading;
/** Chart.js's UMD build, once. */
function loadChartJs() {
  loading ??= new Promise((resolve, reject) => {
    if (window.Chart) { resolve(window.Chart); return; }
    const s = document.createElement('script');
    s.src = '/vendor/chart.umd.js';
    s.onload = () => resolve(window.Chart);
    s.onerror = () => reject(new Error('cannot load the chart library'));
    document.head.append(s);
  });
  return loading;
}

const PALETTE = ['#b3261e', '#e8710a', '#f29900', '#a142f4', '#1967d2', '#188038', '#7b1fa2', '#5f6368', '#9aa0a6'];

/**
 * @param {HTMLElement} el where to draw
 * @param {{ by: string, months: string[], series: { key: string, incidents: number[], fatalities: number[] }[], undated: number }} data from /api/incidents/series
 * @param {{ colours: Record<string, string>, label: (key: string) => string }} o
 */
export async function drawTrendChart(el, data, { colours, label }) {
  const Chart = await loadChartJs();
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  const total = data.series.reduce((n, s) => n + s.incidents.reduce((a, b) => a + b, 0), 0);
  canvas.setAttribute('aria-label', `Incidents per month by ${data.by}, ${total} dated incidents from ${data.months[0] ?? '-'} to ${data.months[data.months.length - 1] ?? '-'}, and deaths per month`);
  el.replaceChildren(canvas);
  const deaths = data.months.map((_, i) => data.series.reduce((n, s) => n + s.fatalities[i], 0));
  const name = (key) => (data.by === 'type' ? label(key) : key);
  const chart = new Chart(canvas, {
    data: {
      labels: data.months,
      datasets: [
        ...data.series.map((s, k) => ({ type: 'bar', label: name(s.key), data: s.incidents, stack: 'incidents', yAxisID: 'y',
          backgroundColor: (data.by === 'type' && colours[s.key]) || PALETTE[k % PALETTE.length] })),
        { type: 'line', label: 'Deaths (ACLED count)', data: deaths, yAxisID: 'deaths', borderColor: '#1d232b', backgroundColor: '#1d232b', borderWidth: 2, pointRadius: 2, tension: 0.2 },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, title: { display: true, text: 'Month of the event' } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: 'Incidents' }, ticks: { precision: 0 } },
        deaths: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'Deaths' }, ticks: { precision: 0 } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  return chart;
}
