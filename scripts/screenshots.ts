// Screenshots of the web app for the README: the bundled examples in a fresh store, served, and
// photographed in headless Chromium. Run: npm run screenshots (needs Debian's chromium).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../src/bench/browser.ts';
import { readInputs } from '../src/ingest/index.ts';
import { analyse } from '../src/pipeline/index.ts';
import { startServer } from '../src/server/index.ts';
import { openStore } from '../src/store/index.ts';

const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium found: apt install chromium (or set CHROMIUM)');
const store = await openStore(join(mkdtempSync(join(tmpdir(), 'sitrep-shots-')), 'shots.db'));
for await (const r of readInputs(['examples/articles', 'examples/fusion'])) if (r.ok) await store.putDocument(analyse(r.doc));
const server = await startServer(store, 0, '127.0.0.1', { allowEdit: true });
const addr = server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
const written: string[] = [];
const shot = async (name: string) => { await page.screenshot({ path: `docs/screenshots/${name}.png` }); written.push(`docs/screenshots/${name}.png`); };
const settle = () => page.waitForTimeout(800);

await page.goto(base + '/');
await page.waitForSelector('body[data-ready="overview"]');
await page.waitForSelector('#map[data-labels]');
await settle();
await shot('map');
// The map zoomed to a city: the gazetteer's town names appear as the user zooms in.
const { items } = await (await fetch(base + '/api/incidents?limit=500')).json() as { items: { id: string; contested: boolean; latitude: number | null; longitude: number | null; geo_precision: number | null; location: string | null }[] };
const city = items.find((i) => i.geo_precision === 1 && i.latitude !== null) ?? items[0];
await page.evaluate(([lat, lon]) => { const el = (globalThis as any).document.querySelector("#map"); el.sitrepMap.setView([lat, lon], 9, { animate: false }); }, [city.latitude, city.longitude]);
await settle();
await shot('map-city');
await page.goto(base + '/#/?view=table');
await page.waitForSelector('body[data-ready="overview"] .incident-table');
await page.locator('th[data-key="killed"] button').click();
await shot('table');
await page.goto(base + '/#/?view=chart');
await page.waitForSelector('.chart-box canvas');
await settle();
await shot('chart');
// The incident with the most sources, with one of its figures clicked; its locator map beside the facts.
const target = items.find((i) => i.contested) ?? items[0];
await page.goto(`${base}/#/incident/${target.id}`);
await page.waitForSelector('body[data-ready="incident"]');
await page.waitForSelector('.locator-map path', { state: 'attached' });
await page.locator('td .sources button.figure').nth(1).click();
await settle();
await shot('incident');
// A phone: the header folds its filters away.
await page.setViewportSize({ width: 390, height: 780 });
await page.goto(base + '/');
await page.waitForSelector('body[data-ready="overview"]');
await settle();
await shot('phone');
await browser.close();
server.close();
await store.close();
console.log('wrote ' + written.join(', '));
