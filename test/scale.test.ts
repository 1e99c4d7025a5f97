// Issue 18: gzip and streamed JSONL input, URLs fetched within bounds, the worker pool's ingest (input
// order, no analysis of a stored text) and watch's conditional polls, all against local files and a
// local HTTP server.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fetchPage, USER_AGENT } from '../src/ingest/fetch.ts';
import { readInputs, readPieces, countPieces } from '../src/ingest/read.ts';
import type { IngestResult } from '../src/ingest/types.ts';
import { openPool, type AnalysisPool } from '../src/pool/index.ts';
import { ingestPieces, type Outcome } from '../src/pool/ingest.ts';
import { openStore } from '../src/store/index.ts';
import { pollSources, parseDuration, type WatchState } from '../src/ingest/watch.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'sitrep-scale-'));
const REPORT = (n: number) => `Shelling hits border town\n\nArtillery fire killed ${n} people in the border town of Velmar on Tuesday, a district official said.\n\nResidents said the shells fell near the market.`;
const PAGE = (n: number) => `<!doctype html><html><head><title>Raid on depot</title></head><body><article><h1>Raid on depot</h1><p>Gunmen stormed a fuel depot outside Karvan on Monday and killed ${n} guards, the regional police chief said.</p><p>The attackers fled north.</p></article></body></html>`;

async function all(paths: string[], opts = {}): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of readInputs(paths, opts)) out.push(r);
  return out;
}

describe('gzip and streamed JSONL', () => {
  it('reads gzip\'d files and directories of them; a gzip that unpacks past the limit is refused', async () => {
    const d = tmp();
    mkdirSync(join(d, 'in'));
    writeFileSync(join(d, 'in', 'a.txt.gz'), gzipSync(REPORT(3)));
    writeFileSync(join(d, 'in', 'b.html.gz'), gzipSync(PAGE(4)));
    writeFileSync(join(d, 'in', 'c.jsonl.gz'), gzipSync(JSON.stringify({ text: REPORT(5) }) + '\n' + JSON.stringify({ text: REPORT(6) }) + '\n'));
    const r = await all([join(d, 'in')]);
    assert.deepEqual(r.map((x) => x.ok), [true, true, true, true]);
    const docs = r.map((x) => (x as { doc: { text: string; meta: { format: string } } }).doc);
    assert.match(docs[0].text, /killed 3 people/);
    assert.match(docs[1].text, /killed 4 guards/);
    assert.equal(docs[2].meta.format, 'jsonl');
    assert.equal(await countPieces([join(d, 'in')]), 4);
    writeFileSync(join(d, 'bomb.txt.gz'), gzipSync(Buffer.alloc(5_000_000, 'a')));
    const [bomb] = await all([join(d, 'bomb.txt.gz')], { maxBytes: 100_000 });
    assert.ok(!bomb.ok && /too large once unpacked/.test(bomb.error), JSON.stringify(bomb));
    writeFileSync(join(d, 'broken.txt.gz'), gzipSync(REPORT(2)).subarray(0, 30));
    const [broken] = await all([join(d, 'broken.txt.gz')]);
    assert.ok(!broken.ok && /gzip/.test(broken.error), JSON.stringify(broken));
  });

  it('streams a JSONL batch larger than the limit: the limit applies to each record, a record over it is refused alone', async () => {
    const d = tmp();
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ text: REPORT(i + 2) }));
    lines.splice(7, 0, JSON.stringify({ text: 'x'.repeat(5000) }));
    writeFileSync(join(d, 'batch.jsonl'), lines.join('\n') + '\n');
    const r = await all([join(d, 'batch.jsonl')], { maxBytes: 2000 });
    assert.equal(r.length, 41);
    assert.equal(r.filter((x) => x.ok).length, 40);
    const refused = r[7] as { ok: false; origin: string; error: string };
    assert.ok(!refused.ok && refused.origin.endsWith('batch.jsonl:8') && /too large \(a record over 2000 bytes\)/.test(refused.error), JSON.stringify(refused));
    // Line numbers stay right after the refused record.
    assert.ok(r[8].ok && r[8].doc.meta.origin.endsWith('batch.jsonl:9'));
  });
});

describe('fetching URLs (local server)', () => {
  let server: Server;
  let base = '';
  const hits: Record<string, number> = {};
  let feedVersion = 1;
  let userAgent = '';
  const feed = () => `<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
    <item><title>Raid on depot</title><link>${base}/item/1</link><pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate><description>Gunmen raided a depot.</description></item>
    ${feedVersion > 1 ? `<item><title>Shelling hits border town</title><link>${base}/item/2</link><pubDate>Tue, 17 Nov 2026 10:00:00 GMT</pubDate><description>Shells fell on a town.</description></item>` : ''}
  </channel></rss>`;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    userAgent = String(req.headers['user-agent']);
    if (path === '/feed.xml') {
      const etag = `"v${feedVersion}"`;
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }); res.end(); return; }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      res.end(feed());
    } else if (path === '/item/1') { res.writeHead(200, { 'content-type': 'text/html' }); res.end(PAGE(7)); }
    else if (path === '/item/2') { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(REPORT(9)); }
    else if (path === '/hop') { res.writeHead(302, { location: '/item/1' }); res.end(); }
    else if (path === '/loop') { res.writeHead(302, { location: '/loop' }); res.end(); }
    else if (path === '/hang') { /* never answers */ }
    else if (path === '/huge') {
      // 100 MB announced by no header, sent as fast as the reader takes it.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(1 << 16, 'a');
      let sent = 0;
      const pump = () => { while (sent < 100 * 1024 * 1024) { sent += chunk.length; if (!res.write(chunk)) { res.once('drain', pump); return; } } res.end(); };
      res.on('error', () => {});
      pump();
    } else { res.writeHead(404); res.end(); }
  };
  before(async () => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => { server.closeAllConnections(); server.close(); });

  it('fetches a page with our User-Agent, follows a redirect, and reads it as one document (ingest URL)', async () => {
    const r = await all([`${base}/hop`]);
    assert.equal(r.length, 1);
    assert.ok(r[0].ok);
    assert.equal(r[0].doc.meta.url, `${base}/item/1`);
    assert.match(r[0].doc.text, /killed 7 guards/);
    assert.equal(userAgent, USER_AGENT);
  });

  it('answers 304 to a conditional request, and bounds redirects, hangs and floods with clear messages', async () => {
    const first = await fetchPage(`${base}/feed.xml`);
    assert.equal(first.status, 200);
    const again = await fetchPage(`${base}/feed.xml`, { etag: first.etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    await assert.rejects(fetchPage(`${base}/loop`, { maxRedirects: 3 }), /too many redirects \(more than 3\)/);
    const t = performance.now();
    await assert.rejects(fetchPage(`${base}/hang`, { timeoutMs: 800, idleMs: 400 }), /no data for 0\.4 s waiting for the response/);
    assert.ok(performance.now() - t < 5000);
    await assert.rejects(fetchPage(`${base}/huge`, { maxBytes: 2 * 1024 * 1024 }), /cut off: the body is over 2097152 bytes/);
    const [huge] = await all([`${base}/huge`], { maxBytes: 1024 * 1024 });
    assert.ok(!huge.ok && /cut off/.test(huge.error) && huge.origin === `${base}/huge`);
    const [missing] = await all([`${base}/nothing`]);
    assert.ok(!missing.ok && /HTTP 404/.test(missing.error));
  });

  it('watch: a second poll with no change fetches no item bodies; a new item is stored on the next poll', async () => {
    const store = await openStore(join(tmp(), 'w.db'));
    const pool = await openPool(0);
    const state: WatchState = {};
    const poll = async () => {
      const outcomes: Outcome[] = [];
      const reports: string[] = [];
      await ingestPieces(pollSources([`${base}/feed.xml`], state, store, {}, (r) => reports.push(r.status)), {}, store, pool, (o) => outcomes.push(o));
      return { outcomes, reports };
    };
    const item1 = () => (hits['/item/1'] ?? 0) - before1;
    const before1 = hits['/item/1'] ?? 0;
    try {
      const one = await poll();
      assert.deepEqual(one.outcomes.map((o) => o.kind), ['stored']);
      assert.equal(item1(), 1);
      const two = await poll();
      assert.deepEqual(two.reports, ['unchanged']);
      assert.deepEqual(two.outcomes, []);
      assert.equal(item1(), 1, 'no item body fetched on an unchanged feed');
      feedVersion = 2;
      const three = await poll();
      assert.deepEqual(three.outcomes.map((o) => o.kind), ['stored']);
      assert.equal(item1(), 1, 'a stored link is not fetched again');
      assert.equal(hits['/item/2'], 1);
      assert.equal(await store.count(), 2);
      const doc = await store.getDocument(three.outcomes[0].kind === 'stored' ? three.outcomes[0].id : '');
      assert.equal(doc?.meta.published, '2026-11-17');
      assert.equal(doc?.meta.outlet, 'Example Wire');
    } finally {
      await pool.close();
      await store.close();
    }
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration('soon'), undefined);
  });
});

describe('worker pool', () => {
  it('stores in input order with two threads, and does not analyse a text already stored', async () => {
    const d = tmp();
    for (let i = 0; i < 6; i++) writeFileSync(join(d, `r${i}.txt`), REPORT(i + 2));
    const store = await openStore(join(d, 'p.db'));
    const threads = await openPool(2);
    let analysed = 0;
    const pool: AnalysisPool = { workers: threads.workers, build: threads.build, analyse: (doc) => { analysed++; return threads.analyse(doc); }, close: threads.close };
    try {
      const first: Outcome[] = [];
      const counts = await ingestPieces(readPieces([d]), {}, store, pool, (o) => first.push(o));
      assert.deepEqual(counts, { stored: 6, unchanged: 0, failed: 0 });
      assert.deepEqual(first.map((o) => o.origin), Array.from({ length: 6 }, (_, i) => join(d, `r${i}.txt`)));
      assert.equal(analysed, 6);
      const stored = await store.getDocument(first[0].kind === 'stored' ? first[0].id : '');
      assert.ok(stored && stored.incidents.length > 0 && stored.stages.includes('incidents'));
      writeFileSync(join(d, 'r6.txt'), REPORT(40));
      const again = await ingestPieces(readPieces([d]), {}, store, pool, () => {});
      assert.deepEqual(again, { stored: 1, unchanged: 6, failed: 0 });
      assert.equal(analysed, 7, 'only the new text was analysed');
    } finally {
      await pool.close();
      await store.close();
    }
  });
});
