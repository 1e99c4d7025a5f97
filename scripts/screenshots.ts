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
for await (const r of readInputs(['examples/articles'])) if (r.ok) await store.putDocument(analyse(r.doc));
const server = await startServer(store, 0, '127.0.0.1');
const addr = server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
await page.goto(base + '/');
await page.waitForSelector('body[data-ready="overview"]');
await page.screenshot({ path: 'docs/screenshots/map.png' });
// The incident with the most sources, with one of its figures clicked.
const { items } = await (await fetch(base + '/api/incidents')).json() as { items: { id: string; contested: boolean }[] };
const target = items.find((i) => i.contested) ?? items[0];
await page.goto(`${base}/#/incident/${target.id}`);
await page.waitForSelector('body[data-ready="incident"]');
await page.locator('td .sources button.figure').nth(1).click();
await page.screenshot({ path: 'docs/screenshots/incident.png' });
await browser.close();
server.close();
await store.close();
console.log('wrote docs/screenshots/map.png and docs/screenshots/incident.png');
