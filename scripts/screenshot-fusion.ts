// A screenshot of a fused incident's page with its toll-over-time chart (docs/screenshots/toll.png):
// the invented reports of examples/toll ingested into a fresh store, served, photographed in headless
// Chromium with one point of the chart clicked (its sentence highlighted). Run: npm run screenshots:fusion.
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
const store = await openStore(join(mkdtempSync(join(tmpdir(), 'sitrep-toll-')), 'toll.db'));
for await (const r of readInputs(['examples/toll/reports.jsonl'])) if (r.ok) await store.putDocument(analyse(r.doc));
const { items } = await store.queryFused();
const target = items.sort((a, b) => b.reports.length - a.reports.length)[0];
if (!target || target.reports.length < 2) throw new Error('the example reports did not fuse');
const server = await startServer(store, 0, '127.0.0.1');
const addr = server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
await page.goto(`${base}/#/incident/${target.id}`);
await page.waitForSelector('body[data-ready="incident"]');
await page.waitForSelector('svg.toll-chart .toll-point');
await page.locator('svg.toll-chart .toll-point').last().click();
// The chart at the top of the view, the clicked figure's sentence highlighted in its report beside it.
await page.locator('section[aria-label="Why these reports were joined"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
await page.screenshot({ path: 'docs/screenshots/toll.png', fullPage: false });
await browser.close();
server.close();
await store.close();
console.log(`wrote docs/screenshots/toll.png (${target.id}: ${target.reports.length} reports, grade ${target.grade})`);
