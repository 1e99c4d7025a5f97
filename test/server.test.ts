import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { check } from '@placemarkio/check-geojson';
import Database from 'better-sqlite3';
import { documentFromText } from '../src/ingest/index.ts';
import { analyse } from '../src/pipeline/index.ts';
import { startServer } from '../src/server/index.ts';
import { openStore, type Store } from '../src/store/index.ts';

// Invented reports: two countries, two types, one with disagreeing sources.
const REPORTS = [
  { published: '2024-03-08', text: `Shelling kills civilians in border village\n\nArtillery shells hit the village of Kessab in northern Syria on Thursday, killing seven civilians, a local official said.\n\nA war monitor said nine civilians were killed in the shelling.` },
  { published: '2024-05-20', text: `Gunmen attack police post in Somalia\n\nGunmen from the Shabaab group attacked a police post in Afgooye on Sunday, killing four officers, police said.` },
  { published: '2024-05-21', text: `Protest in capital\n\nThousands of people marched in Nairobi on Monday to protest against rising prices, witnesses said.` },
];

let server: Server;
let store: Store;
let base: string;
let dbPath: string;

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers });
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

describe('HTTP API', () => {
  before(async () => {
    dbPath = join(mkdtempSync(join(tmpdir(), 'sitrep-server-')), 'test.db');
    store = await openStore(dbPath);
    for (const r of REPORTS) await store.putDocument(analyse(documentFromText(r.text, { origin: 'fixture', published: r.published, outlet: 'Test Wire' })));
    server = await startServer(store, 0, '127.0.0.1', { allowIngest: true });
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => { server.closeAllConnections(); server.close(); await store.close(); });

  it('reports health', async () => {
    const r = await get('/api/health');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { ok: true, documents: 3, incidents: r.json.incidents, ingest: true, edit: false });
    assert.ok(r.json.incidents >= 3);
  });

  it('lists incidents newest first, with paging that covers every item once', async () => {
    const all = await get('/api/incidents');
    assert.equal(all.status, 200);
    assert.equal(all.json.total, all.json.items.length);
    const dates = all.json.items.map((x: any) => x.event_date);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const seen: string[] = [];
    for (let offset = 0; offset < all.json.total; offset++) {
      const page = await get(`/api/incidents?limit=1&offset=${offset}`);
      assert.equal(page.json.items.length, 1);
      assert.equal(page.json.limit, 1);
      seen.push(page.json.items[0].id);
    }
    assert.deepEqual(seen, all.json.items.map((x: any) => x.id));
    assert.equal((await get(`/api/incidents?offset=${all.json.total}`)).json.items.length, 0);
    assert.equal(all.json.items[0].figures, undefined, 'lists carry summaries');
  });

  it('filters by country, type, date range, words and actor', async () => {
    const sy = await get('/api/incidents?country=sy');
    assert.ok(sy.json.total >= 1);
    assert.ok(sy.json.items.every((x: any) => x.country === 'SY'));
    const shelling = await get('/api/incidents?type=shelling');
    assert.ok(shelling.json.items.length >= 1 && shelling.json.items.every((x: any) => x.type === 'shelling' || x.other_types.includes('shelling')));
    const may = await get('/api/incidents?from=2024-05-01&to=2024-05-31');
    assert.ok(may.json.total >= 1);
    assert.ok(may.json.items.every((x: any) => x.event_date >= '2024-05-01' && x.event_date <= '2024-05-31'));
    const words = await get('/api/incidents?q=kessab');
    assert.equal(words.json.total, 1);
    assert.match(words.json.items[0].notes, /Kessab/);
    assert.equal((await get('/api/incidents?q=' + encodeURIComponent('"unbalanced AND (' ))).status, 200, 'search syntax in the input is inert');
    const none = await get('/api/incidents?q=zzzzqqq');
    assert.equal(none.json.total, 0);
    const actor = sy.json.items[0].actors[0]?.name ?? (await get('/api/incidents')).json.items.find((x: any) => x.actors.length)?.actors[0].name;
    if (actor) {
      const byActor = await get('/api/incidents?actor=' + encodeURIComponent(actor.slice(0, 4).toUpperCase()));
      assert.ok(byActor.json.items.every((x: any) => x.actors.some((a: any) => a.name.toLowerCase().includes(actor.slice(0, 4).toLowerCase()))));
    }
  });

  it('answers bad parameters with 400 and a message naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['/api/incidents?limit=0', /limit/],
      ['/api/incidents?limit=501', /limit/],
      ['/api/incidents?limit=ten', /limit/],
      ['/api/incidents?offset=-1', /offset/],
      ['/api/incidents?from=2024-13-45', /from/],
      ['/api/incidents?from=yesterday', /from/],
      ['/api/incidents?from=2024-06-01&to=2024-05-01', /after/],
      ['/api/incidents?country=Syria', /country/],
      ['/api/incidents?type=massacre', /type/],
      ['/api/incidents?colour=red', /unknown parameter "colour"/],
      ['/api/incidents/points?limit=5', /unknown parameter "limit"/],
      ['/api/documents/not-hex!', /hexadecimal/],
      ['/api/export?format=xml', /format/],
    ];
    for (const [path, message] of cases) {
      const r = await get(path);
      assert.equal(r.status, 400, path);
      assert.match(r.json.error, message, path);
      assert.match(r.headers.get('content-type')!, /application\/json/);
    }
  });

  it('answers unknown ids and routes with 404 and wrong methods with 405', async () => {
    assert.equal((await get('/api/incidents/nope-1')).status, 404);
    assert.equal((await get('/api/documents/abcdef0123')).status, 404);
    assert.equal((await get('/api/nothing')).status, 404);
    assert.equal((await get('/nothing')).status, 404);
    const del = await fetch(base + '/api/incidents', { method: 'DELETE' });
    assert.equal(del.status, 405);
    assert.equal((await fetch(base + '/', { method: 'POST' })).status, 405);
  });

  it('gives map points and facets for the same filters as the list', async () => {
    const list = await get('/api/incidents');
    const points = await get('/api/incidents/points');
    assert.deepEqual(points.json.columns, ['id', 'lat', 'lon', 'type', 'date', 'fatalities', 'precision']);
    const located = list.json.items.filter((x: any) => x.latitude !== null);
    assert.equal(points.json.rows.length, located.length);
    for (const [id, lat, lon] of points.json.rows) {
      const rec = located.find((x: any) => x.id === id);
      assert.deepEqual([lat, lon], [rec.latitude, rec.longitude]);
    }
    const facets = await get('/api/incidents/facets');
    assert.equal(facets.json.total, list.json.total);
    assert.equal(facets.json.types.reduce((s: number, t: any) => s + t.n, 0), list.json.total);
    assert.ok(facets.json.months.some((m: any) => m.month === '2024-03'));
    const syFacets = await get('/api/incidents/facets?country=SY');
    assert.deepEqual(syFacets.json.countries.map((c: any) => c.country), ['SY']);
  });

  it('gives each point its place precision, monthly series for the chart, and map labels from the gazetteer', async () => {
    const list = await get('/api/incidents');
    const points = await get('/api/incidents/points');
    for (const row of points.json.rows) assert.equal(row[6], list.json.items.find((x: any) => x.id === row[0]).geo_precision);
    const series = await get('/api/incidents/series');
    assert.equal(series.status, 200);
    const dated = list.json.items.filter((x: any) => x.event_date).length;
    assert.equal(series.json.series.reduce((n: number, s: any) => n + s.incidents.reduce((a: number, b: number) => a + b, 0), 0), dated);
    assert.equal(series.json.months[0], list.json.items.map((x: any) => x.event_date).filter(Boolean).sort()[0].slice(0, 7));
    assert.equal((await get('/api/incidents/series?by=actor')).status, 200);
    assert.equal((await get('/api/incidents/series?by=colour')).status, 400);
    // Zoomed in on Mogadishu: its name and smaller towns around; zoomed out: countries.
    const near = await get('/api/places?south=1.5&west=44.8&north=2.6&east=45.9&zoom=9');
    assert.ok(near.json.items.some((l: any) => l[0] === 'Mogadishu'), JSON.stringify(near.json.items.slice(0, 5)));
    assert.ok(near.json.items.some((l: any) => l[3] === 'town'));
    const world = await get('/api/places?south=-60&west=-180&north=80&east=180&zoom=2');
    assert.ok(world.json.items.some((l: any) => l[3] === 'country' && l[0] === 'Somalia'));
    assert.ok(!world.json.items.some((l: any) => l[3] === 'town'));
    assert.equal((await get('/api/places?south=1&west=2&north=3')).status, 400);
  });

  it('gives one incident with its claims, each inside the sentence it came from', async () => {
    const list = await get('/api/incidents?country=SY');
    const one = await get('/api/incidents/' + list.json.items[0].id);
    assert.equal(one.status, 200);
    const { incident, claims, document } = one.json;
    assert.equal(incident.id, list.json.items[0].id);
    assert.ok(incident.figures.length >= 1);
    assert.ok(claims.length >= 2, 'the two sources\' claims');
    for (const c of claims) {
      assert.ok(c.sentence.start <= c.start && c.end <= c.sentence.end, 'claim inside its sentence');
      assert.ok(document.text.slice(c.start, c.end).length > 0);
    }
    // Every source figure the page shows points at a claim the response carries.
    for (const f of incident.figures) for (const s of f.sources) assert.ok(claims.some((c: any) => c.index === s.claim));
    // Token objects are not sent; [start, end] pairs only beside a syntax layer.
    if (!document.syntax) assert.equal(document.tokens, undefined);
    else assert.equal(document.tokens.length, document.syntax.upos.length);
  });

  it('lists documents with paging and gives one with its layers by id or prefix', async () => {
    const docs = await get('/api/documents?limit=2');
    assert.equal(docs.json.total, 3);
    assert.equal(docs.json.items.length, 2);
    const id = docs.json.items[0].id;
    const one = await get('/api/documents/' + id.slice(0, 8));
    assert.equal(one.json.id, id);
    for (const layer of ['sentences', 'mentions', 'entities', 'quotes', 'claims', 'times', 'places', 'incidents']) assert.ok(Array.isArray(one.json[layer]), layer);
    // Token objects are not sent; [start, end] pairs come only beside a syntax layer (test below).
    if (!one.json.syntax) assert.equal(one.json.tokens, undefined);
  });

  it('exports JSON, ACLED-like CSV and GeoJSON that a GeoJSON library accepts', async () => {
    const json = await get('/api/export?format=json&country=SY');
    assert.match(json.headers.get('content-disposition')!, /incidents\.json/);
    assert.ok(json.json.length >= 1 && json.json.every((r: any) => r.country === 'SY'));
    const csv = await get('/api/export?format=csv');
    assert.match(csv.headers.get('content-type')!, /text\/csv/);
    assert.match(csv.text.split("\n")[0], /^event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,/);
    const geo = await get('/api/export?format=geojson');
    const parsed = check(geo.text);
    assert.equal(parsed.type, 'FeatureCollection');
    assert.ok(parsed.features.length >= 1);
  });

  it('caches: ETag revalidation gives 304 until the store changes', async () => {
    const first = await get('/api/incidents');
    const etag = first.headers.get('etag')!;
    assert.ok(etag);
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    const again = await fetch(base + '/api/incidents', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    const app = await get('/');
    assert.equal((await fetch(base + '/', { headers: { 'If-None-Match': app.headers.get('etag')! } })).status, 304);
    assert.match((await get('/vendor/leaflet.js')).headers.get('cache-control')!, /max-age=\d+/);
    const res = await fetch(base + '/api/documents', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'Clashes in Goma\n\nFighting between the army and rebels near Goma killed three soldiers on Tuesday, the army said.' });
    assert.equal(res.status, 201);
    const after = await fetch(base + '/api/incidents', { headers: { 'If-None-Match': etag } });
    assert.equal(after.status, 200, 'a new document changes the ETag');
  });

  it('ingests by POST: JSON with metadata, the same text again changes nothing, bad bodies get 400', async () => {
    const body = { text: 'Drone strike hits convoy\n\nA drone strike hit a convoy near Marib in Yemen on Friday, killing five fighters, tribal sources said.', published: '2024-07-06', outlet: 'Upload Desk', title: 'Drone strike hits convoy' };
    const post = (b: unknown, type = 'application/json') => fetch(base + '/api/documents', { method: 'POST', headers: { 'Content-Type': type }, body: typeof b === 'string' ? b : JSON.stringify(b) });
    const first = await post(body);
    assert.equal(first.status, 201);
    const out = await first.json() as any;
    assert.equal(out.inserted, true);
    const doc = await get('/api/documents/' + out.id);
    assert.equal(doc.json.meta.outlet, 'Upload Desk');
    assert.equal(doc.json.meta.published, '2024-07-06');
    assert.equal((await post(body)).status, 200);
    for (const [bad, type, message] of [
      ['{not json', 'application/json', /JSON/], [{ title: 'no text' }, 'application/json', /text/], [{ text: '   ' }, 'application/json', /empty/],
      [{ text: 'x', published: 'soon' }, 'application/json', /published|date/], [{ text: 'x', format: 'pdf' }, 'application/json', /format/],
    ] as [unknown, string, RegExp][]) {
      const r = await post(bad, type);
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.match(((await r.json()) as any).error, message);
    }
  });

  it('refuses a body over the limit with 413 and stays up', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024 + 10);
    const r = await fetch(base + '/api/documents', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: big });
    assert.equal(r.status, 413);
    assert.match(((await r.json()) as any).error, /larger than 5 MB/);
    assert.equal((await get('/api/health')).status, 200);
  });

  it('refuses to ingest unless started with --allow-ingest', async () => {
    const ro = await startServer(store, 0, '127.0.0.1', {});
    const addr = ro.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const r = await fetch(`http://127.0.0.1:${port}/api/documents`, { method: 'POST', body: 'Some text' });
    assert.equal(r.status, 403);
    assert.match(((await r.json()) as any).error, /--allow-ingest/);
    ro.closeAllConnections(); ro.close();
  });

  it('never serves article text as HTML: JSON content type, nosniff and a script policy', async () => {
    const evil = 'Attack in town <script>alert(1)</script>\n\nGunmen <img src=x onerror=alert(1)> attacked a market in Gao on Monday, killing two people, officials said.';
    const res = await fetch(base + '/api/documents', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: evil, format: 'text' }) });
    const { id } = await res.json() as any;
    const doc = await get('/api/documents/' + id);
    assert.match(doc.headers.get('content-type')!, /^application\/json/);
    assert.equal(doc.headers.get('x-content-type-options'), 'nosniff');
    assert.match(doc.headers.get('content-security-policy')!, /script-src 'self'/);
    assert.ok(doc.json.text.includes('<script>'), 'kept verbatim as data');
    // The app builds pages from text nodes only: no innerHTML/outerHTML/insertAdjacentHTML/document.write anywhere.
    const app = readFileSync(new URL('../web/app.js', import.meta.url), 'utf8');
    assert.doesNotMatch(app, /innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write/);
  });

  it('documents every route in the OpenAPI description it serves', async () => {
    const spec = (await get('/api/openapi.json')).json;
    assert.equal(spec.openapi, '3.1.0');
    for (const p of ['/api/health', '/api/incidents', '/api/incidents/points', '/api/incidents/facets', '/api/incidents/series', '/api/incidents/{id}', '/api/documents', '/api/documents/{id}', '/api/export', '/api/places', '/api/corrections']) assert.ok(spec.paths[p], p);
  });

  it('fills the incident rows of a database written before they existed (migration backfill)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitrep-migrate-')), 'old.db');
    const s = await openStore(path);
    await s.putDocument(analyse(documentFromText(REPORTS[1].text, { origin: 'fixture', published: REPORTS[1].published })));
    await s.close();
    const raw = new Database(path);
    raw.exec('DROP TABLE incident_records; DROP TABLE incidents; DROP TABLE incidents_fts; DROP TABLE corrections;');
    raw.pragma('user_version = 1');
    raw.close();
    const upgraded = await openStore(path);
    assert.ok((await upgraded.queryIncidents()).total >= 1);
    await upgraded.close();
  });
});

describe('HTTP API: fused incidents', () => {
  let server: Server;
  let store: Store;
  let base: string;
  before(async () => {
    store = await openStore(join(mkdtempSync(join(tmpdir(), 'sitrep-fused-')), 'f.db'));
    // Our invented multi-outlet reports (examples/fusion): five incidents, ten reports.
    const lines = readFileSync(new URL('../examples/fusion/fusion.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    for (const r of lines) await store.putDocument(analyse(documentFromText(r.text, { origin: 'fixture', outlet: r.outlet, title: r.title, published: r.published })));
    server = await startServer(store, 0, '127.0.0.1', {});
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => { server.closeAllConnections(); server.close(); await store.close(); });

  it('lists fused incidents with their reports and why they joined, and maps them', async () => {
    const plain = await (await fetch(base + '/api/incidents')).json() as any;
    const fused = await (await fetch(base + '/api/incidents?fuse=1')).json() as any;
    assert.equal(plain.total, 10);
    assert.equal(fused.total, 5);
    assert.equal(fused.fused, true);
    const big = fused.items.filter((f: any) => f.reports.length === 3);
    assert.equal(big.length, 2, 'the Kessab clash and the Mogadishu car bomb');
    for (const f of big) assert.equal(f.joins.length >= 2, true);
    const points = await (await fetch(base + '/api/incidents/points?fuse=1')).json() as any;
    assert.equal(points.rows.length, 5);
    const page = await (await fetch(base + '/api/incidents?fuse=1&limit=2&offset=4')).json() as any;
    assert.equal(page.items.length, 1);
    assert.equal((await fetch(base + '/api/incidents?fuse=yes')).status, 400);
  });

  it('gives a fused incident with every report\'s claims and document, sources naming their document', async () => {
    const fused = await (await fetch(base + '/api/incidents?fuse=1')).json() as any;
    const big = fused.items.find((f: any) => f.reports.length === 3);
    const one = await (await fetch(base + '/api/incidents/' + big.id)).json() as any;
    assert.equal(one.reports.length, 3);
    for (const r of one.reports) assert.equal(r.document.syntax, undefined, 'the incident page is not sent the syntax layer');
    assert.deepEqual(one.reports.map((r: any) => r.incident.id).sort(), [...big.reports].sort());
    for (const f of one.incident.figures) {
      for (const s of f.sources) {
        const report = one.reports.find((r: any) => r.document.id === s.document);
        assert.ok(report, 'each source names a document of the incident');
        assert.ok(report.claims.some((c: any) => c.index === s.claim));
      }
    }
    assert.equal((await fetch(base + '/api/incidents/fused-nope-1')).status, 404);
    const csv = await (await fetch(base + '/api/export?format=csv&fuse=1')).text();
    assert.equal(csv.trim().split('\n').length, 1 + 5, 'a header and one row per fused incident');
  });
});

describe('HTTP API: the syntax layer', () => {
  let srv: Server;
  let st: Store;
  let url: string;
  const TEXT = 'Rebels shell town\n\nRebels shelled the town on Monday. Two people died.';
  /** A hand-made layer over the document's tokens: each sentence's first word its root, the rest its dependents. */
  function handMade(doc: ReturnType<typeof analyse>) {
    const first = (i: number) => doc.tokens.findIndex((t) => t.sentence === doc.tokens[i].sentence);
    return {
      model: 'hand-made-1',
      upos: doc.tokens.map((t) => (t.kind === 'punct' ? 'PUNCT' : t.kind === 'number' ? 'NUM' : 'X')),
      lemma: doc.tokens.map((t) => doc.text.slice(t.start, t.end).toLowerCase()),
      head: doc.tokens.map((_, i) => (first(i) === i ? -1 : first(i))),
      deprel: doc.tokens.map((_, i) => (first(i) === i ? 'root' : 'dep')),
    };
  }
  const ids: Record<string, string> = {};
  before(async () => {
    st = await openStore(join(mkdtempSync(join(tmpdir(), 'sitrep-syntax-')), 's.db'));
    const plain = analyse(documentFromText(TEXT, { origin: 'fixture', published: '2024-01-02' }));
    const withSyntax = analyse(documentFromText(TEXT + ' Shops closed.', { origin: 'fixture', published: '2024-01-02' }));
    Object.assign(withSyntax, { syntax: handMade(withSyntax) });
    const stale = analyse(documentFromText(TEXT + ' Schools closed.', { origin: 'fixture', published: '2024-01-02' }));
    Object.assign(stale, { syntax: { ...handMade(stale), upos: ['X'], lemma: ['x'], head: [-1], deprel: ['root'] } });
    delete (plain as { syntax?: unknown }).syntax;
    for (const [name, doc] of Object.entries({ plain, withSyntax, stale })) { ids[name] = doc.id; await st.putDocument(doc); }
    srv = await startServer(st, 0, '127.0.0.1', { allowIngest: false });
    const addr = srv.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => { srv.closeAllConnections(); srv.close(); await st.close(); });
  const doc = async (id: string) => (await fetch(`${url}/api/documents/${id}`)).json() as Promise<any>;

  it('sends the tokens it describes as [start, end] pairs beside a stored syntax layer', async () => {
    const d = await doc(ids.withSyntax);
    assert.equal(d.syntax.model, 'hand-made-1');
    assert.equal(d.tokens.length, d.syntax.upos.length);
    assert.ok(d.tokens.every((t: unknown) => Array.isArray(t) && t.length === 2));
    const words = d.tokens.map(([s, e]: [number, number]) => d.text.slice(s, e));
    assert.deepEqual(words.slice(0, 3), ['Rebels', 'shell', 'town']);
    assert.deepEqual(d.syntax.lemma.slice(0, 3), ['rebels', 'shell', 'town']);
    assert.equal(words[d.syntax.head[1]], 'Rebels');
    assert.equal(words.at(-1), '.');
    assert.equal(d.syntax.upos.at(-1), 'PUNCT');
  });

  it('sends neither without a syntax layer, nor a stale layer that no longer lines up with the tokens', async () => {
    for (const id of [ids.plain, ids.stale]) {
      const d = await doc(id);
      assert.equal(d.syntax, undefined);
      assert.equal(d.tokens, undefined);
      assert.ok(Array.isArray(d.sentences) && d.sentences.length > 0);
    }
  });
});
