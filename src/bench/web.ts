// `sitrep bench --web`: a store with N incidents (default 10,000), the server on it, and the time the
// web app's first page takes to be ready in headless Chromium (map markers, timeline, list drawn).
// Also the API's own response times, which need no browser.
//
// The store is filled from a few dozen invented reports run through the real pipeline, then copied
// with shifted dates and places: what is measured is serving and drawing N incidents, not extraction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentFromText } from '../ingest/index.ts';
import { documentId } from '../model/create.ts';
import type { Document } from '../model/document.ts';
import { analyse } from '../pipeline/index.ts';
import { startServer } from '../server/index.ts';
import { openStore } from '../store/index.ts';
import { CHROMIUM_ARGS, findChromium } from './browser.ts';

const TOWNS = ['Aleppo', 'Idlib', 'Homs', 'Deir ez-Zor', 'Raqqa', 'Mosul', 'Kirkuk', 'Falluja', 'Kabul', 'Kandahar', 'Herat', 'Jalalabad',
  'Mogadishu', 'Kismayo', 'Baidoa', 'Gao', 'Timbuktu', 'Mopti', 'Maiduguri', 'Kano', 'Goma', 'Beni', 'Bunia', 'Sanaa', 'Aden', 'Marib',
  'Taiz', 'Tripoli', 'Benghazi', 'Sirte', 'Donetsk', 'Kharkiv', 'Kherson', 'Khartoum', 'El Fasher', 'Nyala', 'Juba', 'Peshawar', 'Quetta', 'Mandalay'];
const TEMPLATES = [
  (t: string, n: number) => `Shelling hits ${t}\n\nArtillery shells struck residential areas of ${t} on Tuesday, killing ${n} civilians, a local official said.`,
  (t: string, n: number) => `Air strike near ${t}\n\nAn air strike hit a convoy near ${t} on Friday, killing ${n} fighters, a monitoring group said. The army denied any civilians were killed.`,
  (t: string, n: number) => `Clashes in ${t}\n\nRebels and government forces clashed on the outskirts of ${t} on Sunday. At least ${n} soldiers were killed, military sources said.`,
  (t: string, n: number) => `Bomb blast in ${t}\n\nA roadside bomb exploded in a market in ${t} on Monday, killing ${n} people and wounding ${n * 2}, police said.`,
];

export interface WebBenchResult {
  incidents: number;
  fill_seconds: number;
  api_ms: Record<string, number>;
  /** From the start of navigation until the app is ready, by the test driver's clock (includes its overhead)... */
  first_load_ms?: { median: number; max: number; runs: number[] };
  /** ... and by the page's own clock (navigation start to the app's "ready" mark). */
  page_ready_ms?: { median: number; max: number; runs: number[] };
  browser?: string;
  note?: string;
}

function shifted(base: Document, k: number): Document {
  // A distinct text gives a distinct id; dates and places move so the map and timeline spread out.
  const text = `${base.text}\n\n(copy ${k})`;
  const day = new Date(Date.UTC(2022, 0, 1) + ((k * 7919) % 1095) * 86400000).toISOString().slice(0, 10);
  const incidents = base.incidents.map((inc) => ({
    ...inc,
    time: inc.time && { ...inc.time, earliest: day, latest: day },
    place: inc.place && inc.place.lat !== undefined && { ...inc.place, lat: inc.place.lat + ((k % 37) - 18) * 0.02, lon: inc.place.lon! + ((k % 41) - 20) * 0.02 },
  }));
  return { ...base, id: documentId(text), text, meta: { ...base.meta, published: day }, incidents } as Document;
}

export async function runWebBench(opts: { incidents: number; runs?: number }): Promise<WebBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-webbench-'));
  const store = await openStore(join(dir, 'bench.db'));
  try {
    const t0 = performance.now();
    const bases: Document[] = [];
    TOWNS.forEach((t, i) => {
      const doc = analyse(documentFromText(TEMPLATES[i % TEMPLATES.length](t, 3 + (i % 11)), { origin: 'bench', published: '2024-01-10', outlet: 'Bench Wire' }));
      if (doc.incidents.length) bases.push(doc);
    });
    if (!bases.length) throw new Error('the bench reports produced no incidents');
    let made = 0;
    for (let k = 0; made < opts.incidents; k++) {
      const doc = shifted(bases[k % bases.length], k);
      const { inserted } = await store.putDocument(doc);
      if (inserted) made += doc.incidents.length;
    }
    const fill = (performance.now() - t0) / 1000;
    const server = await startServer(store, 0, '127.0.0.1', {});
    const addr = server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const result: WebBenchResult = { incidents: (await store.queryIncidents({ limit: 1 })).total, fill_seconds: Number(fill.toFixed(1)), api_ms: {} };
    try {
      for (const path of ['/api/incidents', '/api/incidents/points', '/api/incidents/facets', '/api/incidents?q=shelling&country=SY', '/api/incidents?fuse=1']) {
        const cold = performance.now();
        await fetch(base + path).then((r) => r.arrayBuffer());
        result.api_ms[`${path} (first)`] = Number((performance.now() - cold).toFixed(1));
        const t = performance.now();
        await fetch(base + path, { headers: { 'Accept-Encoding': 'gzip' } }).then((r) => r.arrayBuffer());
        result.api_ms[path] = Number((performance.now() - t).toFixed(1));
      }
      const chromium = findChromium();
      if (!chromium) {
        result.note = 'no Chromium found: first page load not measured (apt install chromium)';
        return result;
      }
      const { chromium: pw } = await import('playwright-core');
      const browser = await pw.launch({ executablePath: chromium, args: CHROMIUM_ARGS });
      result.browser = browser.version();
      try {
        const runs: number[] = [];
        const inPage: number[] = [];
        for (let i = 0; i < (opts.runs ?? 5); i++) {
          // A fresh context each time: nothing cached, as for a first visit.
          const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
          const page = await ctx.newPage();
          const t = performance.now();
          await page.goto(base + '/');
          await page.waitForSelector('body[data-ready="overview"]', { timeout: 60000 });
          runs.push(Math.round(performance.now() - t));
          inPage.push(Math.round(Number(await page.evaluate('performance.getEntriesByName("sitrep:ready")[0]?.startTime ?? NaN'))));
          if (process.env.SITREP_BENCH_MARKS) console.error(await page.evaluate('JSON.stringify(performance.getEntriesByType("mark").map(m => [m.name, Math.round(m.startTime)]).concat([["dcl", Math.round(performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd)]]))'));
          const drawn = Number(await page.getAttribute('#map', 'data-points'));
          if (drawn < result.incidents * 0.9) throw new Error(`only ${drawn} of ${result.incidents} incidents were drawn`);
          await ctx.close();
        }
        const summary = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return { median: s[Math.floor(s.length / 2)], max: s[s.length - 1], runs: xs }; };
        result.first_load_ms = summary(runs);
        result.page_ready_ms = summary(inPage);
      } finally {
        await browser.close();
      }
      return result;
    } finally {
      server.closeAllConnections();
      server.close();
    }
  } finally {
    await store.close();
    if (process.env.SITREP_BENCH_KEEP) console.error(`kept ${dir}`); else rmSync(dir, { recursive: true, force: true });
  }
}
