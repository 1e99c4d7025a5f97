// Corrections with an audit trail (issue 20): `sitrep review`, the store's corrections, and exports
// that show the corrected values and say so. Both stores when SITREP_PG_URL names a PostgreSQL server.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freshDatabases, PG_URL } from './support/postgres.ts';
import { sitrep } from './support/cli.ts';
import { CSV_COLUMNS } from '../src/export/formats.ts';
import { review, ReviewError } from '../src/review/index.ts';
import { openStore } from '../src/store/index.ts';


/** RFC 4180 rows (quoted cells may hold commas and newlines). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  return rows;
}
const column = (rows: string[][], id: string, name: (typeof CSV_COLUMNS)[number]) => rows.find((r) => r[CSV_COLUMNS.indexOf('event_id')] === id)?.[CSV_COLUMNS.indexOf(name)];

// Invented reports.
const REPORTS = [
  { text: 'Shelling hits market town\n\nArtillery shells struck the market in Kessab on Tuesday, killing eight civilians, a local official said.', published: '2024-03-06' },
  { text: 'Gunmen attack checkpoint\n\nGunmen attacked a police checkpoint near Afgooye on Sunday, killing three officers, police said.', published: '2024-05-19' },
  { text: 'Checkpoint attack near Afgooye\n\nAttackers opened fire on a checkpoint outside Afgooye on Sunday and killed three policemen, a police spokesman said.', published: '2024-05-19', outlet: 'Other Wire' },
];

const freshPostgres = freshDatabases('sitrep_review');

async function ingested(location: string): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'sitrep-review-in-')), 'reports.jsonl');
  writeFileSync(file, REPORTS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const r = await sitrep('ingest', '--db', location, file);
  assert.equal(r.code, 0, r.err);
}

const BACKENDS = [
  { name: 'SQLite', fresh: async () => join(mkdtempSync(join(tmpdir(), 'sitrep-review-')), 'r.db'), skip: undefined as string | undefined },
  { name: 'PostgreSQL', fresh: freshPostgres, skip: PG_URL ? undefined : 'SITREP_PG_URL not set (no PostgreSQL server)' },
];

for (const backend of BACKENDS) {
  describe(`review: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    it('stores every correction as its own record, applies it to every view, and keeps it through reanalyse', async () => {
      const db = await backend.fresh();
      await ingested(db);
      const store = await openStore(db);
      const { items } = await store.queryIncidents();
      const kessab = items.find((r) => r.country === 'SY')!;
      const [first, second] = items.filter((r) => r.location === 'Afgooye').sort((a, b) => a.id.localeCompare(b.id));
      assert.ok(kessab && first && second, items.map((r) => r.location).join(', '));
      await store.close();

      // From the command line, one correction of each kind.
      assert.equal((await sitrep('review', kessab.id, 'figure', '9-11', '--why', 'hospital count', '--who', 'ana', '--db', db)).code, 0);
      assert.equal((await sitrep('review', kessab.id, 'date', '2024-03-05', '--why', 'overnight strike', '--who', 'ana', '--db', db)).code, 0);
      assert.equal((await sitrep('review', kessab.id, 'type', 'air_strike', '--why', 'drone, not artillery', '--who', 'ana', '--db', db)).code, 0);
      assert.equal((await sitrep('review', kessab.id, 'place', 'Latakia', '--country', 'SY', '--why', 'wrong town', '--db', db)).code, 0);
      assert.equal((await sitrep('review', second.id, 'merge', first.id, '--why', 'same attack', '--db', db)).code, 0);
      const docId = first.document;
      assert.equal((await sitrep('review', docId, 'outlet', 'Corrected Wire', '--why', 'outlet missing', '--db', db)).code, 0);
      // Bad corrections are usage errors, one line each, and store nothing.
      for (const bad of [[kessab.id, 'figure', 'many'], [kessab.id, 'date', '2024-02-30'], [kessab.id, 'type', 'nonsense'], ['ffff0000-1', 'reject'], [kessab.id, 'frobnicate']]) {
        const r = await sitrep('review', ...bad, '--why', 'x', '--db', db);
        assert.equal(r.code, 2, bad.join(' '));
        assert.equal(r.err.trim().split('\n').length, 1, r.err);
      }
      assert.equal((await sitrep('review', kessab.id, 'reject', '--db', db)).code, 2, 'a reason is required');

      const check = async () => {
        const csv = csvRows((await sitrep('export', '--format', 'csv', '--db', db)).out);
        assert.equal(column(csv, kessab.id, 'fatalities'), '10');
        assert.equal(column(csv, kessab.id, 'event_date'), '2024-03-05');
        assert.equal(column(csv, kessab.id, 'sub_event_type'), 'Air/drone strike');
        assert.equal(column(csv, kessab.id, 'location'), 'Latakia');
        assert.match(column(csv, kessab.id, 'corrections')!, /figure: .* -> .*"best":10.*\(ana, \d{4}-.*: hospital count\)/);
        assert.equal(column(csv, second.id, 'event_id'), undefined, 'the merged report is left out');
        assert.match(column(csv, first.id, 'corrections')!, /merge: - -> .*same attack/);
        assert.match(column(csv, first.id, 'source')!, /Corrected Wire/);
        const json = JSON.parse((await sitrep('export', '--format', 'json', '--db', db)).out);
        const rec = json.find((r: any) => r.id === kessab.id);
        assert.deepEqual(rec.corrections.map((c: any) => c.action), ['figure', 'date', 'type', 'place']);
        assert.equal(json.find((r: any) => r.id === first.id).merged_from[0], second.id);
        const s = await openStore(db);
        try {
          assert.equal((await s.getIncident(kessab.id))?.fatalities_best, 10, 'the store\'s rows are corrected too');
          assert.equal(await s.getIncident(second.id), undefined);
          const trail = await s.listCorrections();
          assert.equal(trail.length, 6);
          for (const c of trail) { assert.ok(c.who && c.at && c.why, JSON.stringify(c)); assert.ok('old' in c && 'new' in c); }
          assert.deepEqual(trail[0].old, { outcome: 'killed', low: 8, best: 8, high: 8 });
        } finally { await s.close(); }
      };
      await check();
      const again = await sitrep('reanalyse', '--db', db);
      assert.equal(again.code, 0, again.err);
      await check();

      // Restore undoes the merge; the trail keeps both.
      assert.equal((await sitrep('review', second.id, 'restore', '--why', 'two attacks after all', '--db', db)).code, 0);
      const list = await sitrep('review', '--list', '--db', db);
      assert.match(list.out, /^7 corrections/);
      const csv = csvRows((await sitrep('export', '--format', 'csv', '--db', db)).out);
      assert.ok(column(csv, second.id, 'event_id'));
    });

    it('splits an incident in two and re-dates a document, relative dates anchored on the corrected day', async () => {
      const db = await backend.fresh();
      await ingested(db);
      const store = await openStore(db);
      try {
        const { items } = await store.queryIncidents();
        const kessab = items.find((r) => r.country === 'SY')!;
        assert.equal(kessab.event_date, '2024-03-05', '"Tuesday" before Wednesday 6 March');
        const { correction } = await review(store, { target: kessab.document, action: 'published', value: '2024-03-14', why: 'the wire re-dated it', who: 't' });
        assert.equal(correction.old, '2024-03-06');
        assert.equal((await store.getIncident(kessab.id))?.event_date, '2024-03-12', '"Tuesday" before Thursday 14 March');
        assert.equal((await store.listDocuments()).find((d) => d.id === kessab.document)?.published, '2024-03-14');
        const split = await review(store, { target: kessab.id, action: 'split', why: 'two strikes', who: 't' });
        assert.equal(split.correction.new, `${kessab.id}s1`);
        await review(store, { target: `${kessab.id}s1`, action: 'place', value: { name: 'Second town', lat: 35.9, lon: 36.1, country: 'SY' }, why: 'the other strike', who: 't' });
        const part = await store.getIncident(`${kessab.id}s1`);
        assert.equal(part?.location, 'Second town');
        assert.equal((await store.getIncident(kessab.id))?.location, kessab.location);
        await assert.rejects(review(store, { target: kessab.id, action: 'reject', why: '', who: 't' }), ReviewError);
      } finally { await store.close(); }
    });
  });
}

describe('review: the command line', () => {
  it('refuses a missing database instead of creating one', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitrep-review-')), 'typo.db');
    const r = await sitrep('review', '--list', '--db', path);
    assert.equal(r.code, 1);
    assert.match(r.err, /no such database/);
    assert.throws(() => readFileSync(path));
  });
});
