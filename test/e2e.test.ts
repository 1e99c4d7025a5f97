// End to end: the web app in real headless Chromium (Debian's chromium, driven by playwright-core).
// .ci/run installs chromium and requires it; elsewhere the test is skipped when no browser is found
// (set CHROMIUM to point at one).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { documentFromText } from '../src/ingest/index.ts';
import { analyse } from '../src/pipeline/index.ts';
import { startServer } from '../src/server/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { CHROMIUM_ARGS, findChromium } from '../src/bench/browser.ts';

const chromiumPath = findChromium();
// CI sets SITREP_REQUIRE_BROWSER: there a missing browser is a failure, not a skip.
if (!chromiumPath && process.env.SITREP_REQUIRE_BROWSER) throw new Error('SITREP_REQUIRE_BROWSER is set but no Chromium was found (apt install chromium)');
const REPORTS = [
  { published: '2024-03-08', text: `Shelling kills civilians in border village\n\nArtillery shells hit the village of Kessab in northern Syria on Thursday, killing seven civilians, a local official said.\n\nA war monitor said nine civilians were killed in the shelling.` },
  { published: '2024-05-20', text: `Gunmen attack police post in Somalia\n\nGunmen attacked a police post in Afgooye on Sunday, killing four officers, police said.` },
  // Untrusted text: markup in an article must show as text and never run.
  { published: '2024-06-03', text: `Attack at market <script>window.__xss = 1; alert(1)</script>\n\nGunmen <img src=x onerror="window.__xss = 2"> attacked a market in Gao in Mali on Sunday, killing two people, officials said.` },
];

describe('web app in headless Chromium', { skip: chromiumPath ? false : 'no Chromium found (install Debian\'s chromium, or set CHROMIUM)' }, () => {
  let server: Server;
  let store: Store;
  let base: string;
  let browser: import('playwright-core').Browser;
  let dbPath: string;

  before(async () => {
    dbPath = join(mkdtempSync(join(tmpdir(), 'sitrep-e2e-')), 'e2e.db');
    store = await openStore(dbPath);
    for (const r of REPORTS) await store.putDocument(analyse(documentFromText(r.text, { origin: 'fixture', published: r.published, outlet: 'Test Wire' })));
    server = await startServer(store, 0, '127.0.0.1', {});
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS, timeout: 30000 });
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
    await store?.close();
  });

  it('loads the map, opens an incident, and a click on a figure highlights its sentence', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/');
    await page.waitForSelector('body[data-ready="overview"]');
    // The map: the basemap drawn from Natural Earth, and one marker per located incident.
    assert.ok(await page.locator('#map .leaflet-overlay-pane path, #map canvas').count() > 0, 'basemap drawn');
    const points = Number(await page.getAttribute('#map', 'data-points'));
    assert.ok(points >= 3, `markers: ${points}`);
    assert.ok(await page.locator('#timeline rect').count() >= 3, 'timeline bars from March to June');
    assert.equal(await page.locator('.list li').count(), 3);

    await page.locator('.list li', { hasText: 'SY' }).locator('a').click();
    await page.waitForSelector('body[data-ready="incident"]');
    assert.match(await page.locator('h1').innerText(), /Shelling/);
    const button = page.locator('button.figure').first();
    const claimIndex = await button.getAttribute('data-claim');
    await button.click();
    const focused = page.locator('.source-text .hl-focus');
    assert.ok(await focused.count() > 0, 'a sentence is highlighted');
    const sentence = (await focused.allInnerTexts()).join('');
    // The highlighted sentence is the one that carries the clicked figure.
    const incident = await (await fetch(base + '/api/incidents/' + encodeURIComponent(page.url().split('/incident/')[1]))).json() as any;
    const claim = incident.claims.find((c: any) => String(c.index) === claimIndex);
    assert.equal(sentence, incident.document.text.slice(claim.sentence.start, claim.sentence.end));
    assert.ok(await focused.first().isVisible());
    assert.ok(await button.evaluate((b) => b.classList.contains('active')));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('filters the overview from the search form', async () => {
    const page = await browser.newPage();
    await page.goto(base + '/');
    await page.waitForSelector('body[data-ready="overview"]');
    await page.fill('#filters input[name="q"]', 'Afgooye');
    await page.click('#filters button[type="submit"]');
    await page.waitForFunction(() => { const d = (globalThis as any).document; return d.querySelectorAll('.list li').length === 1 && d.body.dataset.ready === 'overview'; });
    assert.match(await page.locator('.list li').innerText(), /Afgooye/);
    assert.match(page.url(), /q=Afgooye/);
    await page.close();
  });

  it('shows markup inside an article as text and never runs it', async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    const docs = await (await fetch(base + '/api/documents')).json() as any;
    const evil = docs.items.find((d: any) => /market/.test(d.title ?? ''));
    assert.ok(evil, 'the fixture with markup was stored');
    await page.goto(`${base}/#/document/${evil.id}`);
    await page.waitForSelector('body[data-ready="document"]');
    const text = await page.locator('.source-text').innerText();
    assert.ok(text.includes('<script>window.__xss = 1; alert(1)</script>'));
    assert.ok(text.includes('<img src=x onerror="window.__xss = 2">'));
    assert.equal(await page.locator('#view img, #view script').count(), 0);
    // The page title and the incident list show the headline as text too.
    await page.goto(base + '/');
    await page.waitForSelector('body[data-ready="overview"]');
    await page.locator('.list li', { hasText: 'ML' }).locator('a').click();
    await page.waitForSelector('body[data-ready="incident"]');
    assert.equal(await page.evaluate(() => (globalThis as any).__xss), undefined);
    assert.equal(dialogs, 0);
    await page.close();
  });

  it('adds an article from the app when ingest is allowed, and shows it extracted', async () => {
    const rw = await startServer(store, 0, '127.0.0.1', { allowIngest: true });
    const addr = rw.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const page = await browser.newPage();
    page.setDefaultTimeout(15000);
    try {
      await page.goto(url + '/');
      await page.waitForSelector('body[data-ready="overview"]');
      await page.waitForSelector('#nav-ingest:not([hidden])');
      await page.click('#nav-ingest');
      await page.waitForSelector('body[data-ready="ingest"]');
      await page.fill('input[name="title"]', 'Clash near Beni');
      await page.fill('input[name="published"]', '2024-08-02');
      await page.fill('textarea[name="text"]', 'Clash near Beni\n\nRebels attacked an army position near Beni in eastern Congo on Thursday, killing five soldiers, the army said.');
      await page.click('form.ingest-form button[type="submit"]');
      await page.waitForSelector('body[data-ready="document"]');
      assert.match(await page.locator('h1').innerText(), /Clash near Beni/);
      assert.ok(await page.locator('.source-text .hl-place').count() > 0, 'places highlighted');
      assert.ok(await page.locator('.source-text .hl-time').count() > 0, 'dates highlighted');
      const quotes = await page.locator('section', { hasText: 'Quotes' }).innerText();
      assert.match(quotes, /army/i);
    } finally {
      await page.close();
      rw.closeAllConnections();
      rw.close();
    }
  });

  it('fuses reports across outlets: one incident, every report\'s text, a figure shown in its own report', async () => {
    const fstore = await openStore(join(mkdtempSync(join(tmpdir(), 'sitrep-e2e-fused-')), 'f.db'));
    const lines = readFileSync(new URL('../examples/fusion/fusion.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    for (const r of lines) await fstore.putDocument(analyse(documentFromText(r.text, { origin: 'fixture', outlet: r.outlet, title: r.title, published: r.published })));
    const fs = await startServer(fstore, 0, '127.0.0.1', {});
    const addr = fs.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15000);
    try {
      await page.goto(url + '/');
      await page.waitForSelector('body[data-ready="overview"]');
      assert.equal(await page.locator('.list li').count(), 10);
      await page.check('#filters input[name="fuse"]');
      await page.click('#filters button[type="submit"]');
      await page.waitForFunction(() => { const d = (globalThis as any).document; return d.body.dataset.ready === 'overview' && d.querySelectorAll('.list li').length === 5; });
      await page.locator('.list li', { hasText: '3 reports' }).first().locator('a').click();
      await page.waitForSelector('body[data-ready="incident"]');
      const panels = page.locator('section[data-document]');
      assert.equal(await panels.count(), 3);
      assert.ok(await page.locator('text=Why these reports were joined').count() === 1);
      // A figure from the last report lights up a sentence in that report's panel, not the first's.
      const last = await panels.nth(2).getAttribute('data-document');
      const button = page.locator(`button.figure[data-document="${last}"]`).first();
      assert.ok(await button.count() > 0, 'a figure from the third report');
      await button.click();
      assert.ok(await panels.nth(2).locator('.source-text .hl-focus').count() > 0);
      assert.equal(await panels.nth(0).locator('.source-text .hl-focus').count(), 0);
    } finally {
      await page.close();
      fs.closeAllConnections();
      fs.close();
      await fstore.close();
    }
  });

  it('reaches a map marker and a timeline bar by keyboard, and Enter opens each', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10000);
    try {
      await page.goto(base + '/');
      await page.waitForSelector('body[data-ready="overview"]');
      await page.waitForSelector('#map .dot-key', { state: 'attached' });
      const focused = () => page.evaluate(() => { const a = (globalThis as any).document.activeElement; return a ? `${a.tagName.toLowerCase()}.${a.getAttribute('class') ?? ''}|${a.getAttribute('aria-label') ?? ''}` : ''; });
      // Tab from the top of the page until a marker has the focus (the filters and map controls come first).
      let seen = '';
      for (let i = 0; i < 60 && !seen.startsWith('button.dot-key'); i++) { await page.keyboard.press('Tab'); seen = await focused(); }
      assert.match(seen, /^button\.dot-key\|.* · 20\d\d-\d\d-\d\d/, 'a marker took the focus, labelled with its type and date');
      await page.keyboard.press('Enter');
      await page.waitForSelector('body[data-ready="incident"]');
      // Back on the overview, on to a timeline bar.
      await page.goto(base + '/');
      await page.waitForSelector('body[data-ready="overview"]');
      await page.waitForSelector('#map .dot-key', { state: 'attached' });
      seen = '';
      for (let i = 0; i < 90 && !seen.startsWith('rect.'); i++) { await page.keyboard.press('Tab'); seen = await focused(); }
      assert.match(seen, /^rect\.[^|]*\|20\d\d-\d\d: \d+ incidents?; show that month/, seen);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /from=20\d\d-\d\d-01/.test((globalThis as any).location.hash));
    } finally { await page.close(); }
  });

  it('names towns as the map zooms in, draws the chart and sorts the table', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15000);
    try {
      await page.goto(base + '/');
      await page.waitForSelector('body[data-ready="overview"]');
      await page.evaluate(() => { (globalThis as any).document.querySelector('#map').sitrepMap.setView([2.04, 45.34], 9, { animate: false }); });
      await page.waitForFunction(() => [...(globalThis as any).document.querySelectorAll('#map .place-label')].some((e: any) => /Mogadishu|Afgooye/.test(e.textContent)));
      await page.goto(base + '/#/?view=chart');
      await page.waitForSelector('.chart-box canvas');
      assert.match(await page.locator('.chart-box canvas').getAttribute('aria-label') ?? '', /\d+ dated incidents from 2024-03/);
      await page.goto(base + '/#/?view=table');
      await page.waitForSelector('.incident-table tbody tr');
      await page.locator('th[data-key="killed"] button').click();
      const killed = await page.locator('.incident-table tbody tr td:nth-child(5)').allInnerTexts();
      assert.deepEqual(killed.map(Number), [...killed.map(Number)].sort((a, b) => b - a));
      assert.equal(await page.locator('th[data-key="killed"]').getAttribute('aria-sort'), 'descending');
    } finally { await page.close(); }
  });

  it('a correction made in the app survives reanalyse and shows in the CSV with its audit record', async () => {
    const rw = await startServer(store, 0, '127.0.0.1', { allowEdit: true });
    const addr = rw.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    page.setDefaultTimeout(15000);
    try {
      const { items } = await (await fetch(url + '/api/incidents?q=Afgooye')).json() as any;
      const id = items[0].id;
      await page.goto(`${url}/#/incident/${encodeURIComponent(id)}`);
      await page.waitForSelector('body[data-ready="incident"]');
      await page.fill('.review input[name="why"]', 'hospital records');
      await page.fill('.review input[name="who"]', 'analyst one');
      await page.fill('.review form[data-action="figure"] input[name="figure"]', '5');
      await page.click('.review form[data-action="figure"] button[type="submit"]');
      await page.waitForSelector('.review .audit li[data-correction]');
      assert.match(await page.locator('.review .audit').innerText(), /figure.*"best":5.*analyst one.*hospital records/s);
      // The stages again over the store, as after an upgrade: the correction is its own record, applied again.
      const { main } = await import('../src/cli/main.ts');
      const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
      assert.equal(await main(['reanalyse', '--db', dbPath], { out: quiet, err: quiet }), 0);
      const csv = await (await fetch(url + '/api/export?format=csv')).text();
      const header = csv.split('\r\n')[0].split(',');
      const row = csv.split('\r\n').find((l) => l.includes(id))!;
      assert.ok(row, 'the corrected incident is exported');
      const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
      assert.equal(cells[header.indexOf('fatalities')], '5');
      assert.match(cells[header.indexOf('corrections')], /#\d+ figure: .*"best":4.* -> .*"best":5.* \(analyst one, 20\d\d-.*: hospital records\)/);
      const trail = await (await fetch(url + '/api/corrections?target=' + encodeURIComponent(id))).json() as any;
      assert.equal(trail.items.length, 1);
      assert.equal(trail.items[0].who, 'analyst one');
      // Read-only servers show the trail without the forms.
      await page.goto(`${base}/#/incident/${encodeURIComponent(id)}`);
      await page.waitForSelector('body[data-ready="incident"]');
      assert.equal(await page.locator('.review form').count(), 0);
      assert.match(await page.locator('.review').innerText(), /hospital records/);
    } finally {
      await page.close();
      rw.closeAllConnections();
      rw.close();
    }
  });
});
