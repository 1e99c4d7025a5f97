// Fusion (src/fusion): reports placed in stored incidents as they are ingested, the toll over time, a
// syndicated copy counted once, the grade's five categories, the rebuild, a join undone, the API.
// Every text here is invented.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freshDatabases, PG_URL } from './support/postgres.ts';
import { documentFromText } from '../src/ingest/index.ts';
import { analyse } from '../src/pipeline/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { grade } from '../src/fusion/grade.ts';
import { gradeEvidence, type TollPoint } from '../src/fusion/record.ts';
import { resemblance, sketch } from '../src/fusion/syndication.ts';
import { BlockingIndex } from '../src/fusion/blocking.ts';
import { clusterProfiles } from '../src/fusion/cluster.ts';
import { reportProfile } from '../src/fusion/profile.ts';
import { handleApi } from '../src/server/api.ts';

const REPORTS = [
  { outlet: 'Valley Courier', published: '2024-03-04', text: 'Two killed in shooting at Dayton bar\n\nTwo people were killed and five were injured when a gunman opened fire at a bar on Wayne Avenue in Dayton, Ohio, on Sunday night, police said.' },
  { outlet: 'Ohio Ledger', published: '2024-03-05', text: 'Dayton bar shooting: death toll rises to three\n\nThree people have died after a gunman opened fire at a bar on Wayne Avenue in Dayton, Ohio, on Sunday night, police said on Monday. Four others were wounded. Police named the suspect as Carl Brenner, 31.' },
  { outlet: 'Miami Valley Times', published: '2024-03-07', text: 'Dayton bar shooting suspect charged\n\nCarl Brenner, 31, was charged on Wednesday over the shooting at a bar on Wayne Avenue in Dayton, Ohio, on Sunday, in which three people were killed and four injured, prosecutors said.' },
];
/** The second report as a wire service's client ran it: its own headline, the same body. */
const COPY = { outlet: 'Wire Client', published: '2024-03-05', text: 'Death toll in Dayton bar shooting rises\n\nThree people have died after a gunman opened fire at a bar on Wayne Avenue in Dayton, Ohio, on Sunday night, police said on Monday. Four others were wounded. Police named the suspect as Carl Brenner, 31.' };
/** Another shooting the same week, in another city. */
const OTHER = { outlet: 'Lakeside Herald', published: '2024-03-05', text: 'Man wounded in Toledo drive-by\n\nA 24-year-old man was wounded in a drive-by shooting on Dorr Street in Toledo, Ohio, on Monday afternoon, police said.' };

const analysed = (r: { outlet: string; published: string; text: string }) =>
  analyse(documentFromText(r.text, { origin: r.outlet, outlet: r.outlet, published: r.published, publishedFrom: 'option' }));

const freshPostgres = freshDatabases('sitrep_fusion');
const BACKENDS = [
  { name: 'SQLite', fresh: async () => join(mkdtempSync(join(tmpdir(), 'sitrep-fusion-')), 's.db') },
  { name: 'PostgreSQL', fresh: freshPostgres, skip: PG_URL ? undefined : 'SITREP_PG_URL not set (no PostgreSQL server)' },
];

for (const backend of BACKENDS) {
  describe(`stored fusion: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let store: Store;
    const docs = [...REPORTS, COPY, OTHER].map(analysed);
    const report = (n: number) => `${docs[n].id}-1`;

    it('places each report as it is stored: three reports and a copy join one incident, the other shooting stays apart', async () => {
      store = await openStore(await backend.fresh());
      for (const d of docs) await store.putDocument(d);
      const { total, items } = await store.queryFused();
      assert.equal(total, 2, JSON.stringify(items.map((f) => f.reports)));
      const dayton = (await store.getFused(report(2)))!;
      assert.deepEqual([...dayton.reports].sort(), [0, 1, 2, 3].map(report).sort());
      assert.equal(dayton.joins.length, 3);
      for (const j of dayton.joins) assert.match(j.why, /^p=\d\.\d\d: /);
      assert.equal((await store.getFused(report(4)))!.reports.length, 1);
      assert.equal((await store.getFused(dayton.id))!.id, dayton.id);
    });

    it('keeps the toll over time: every source\'s figure with its report, publication date and sentence', async () => {
      const dayton = (await store.getFused(report(0)))!;
      const killed = dayton.toll.filter((t) => t.outcome === 'killed' && !t.copy_of);
      // In publication order: two killed (first report), then three (the update and the charge).
      assert.deepEqual([...new Set(killed.map((t) => `${t.published} ${t.min}`))], ['2024-03-04 2', '2024-03-05 3', '2024-03-07 3']);
      for (const t of dayton.toll) {
        const doc = docs.find((d) => d.id === t.document)!;
        assert.equal(doc.text.slice(t.sentence.start, t.sentence.end), t.sentence.text);
        assert.ok(t.start >= t.sentence.start && t.end <= t.sentence.end, 'the figure lies in its sentence');
        assert.equal(t.report, `${doc.id}-1`);
      }
      assert.ok(dayton.toll.some((t) => t.source === 'prosecutors' && t.published === '2024-03-07'));
      // The figures chosen among the reports: the most-stated killed and injured, the incident's day.
      assert.deepEqual([dayton.fused.killed, dayton.fused.injured, dayton.fused.date], [3, 4, '2024-03-03']);
    });

    it('counts a syndicated copy once', async () => {
      const dayton = (await store.getFused(report(0)))!;
      assert.equal(dayton.reports.length, 4);
      assert.equal(dayton.independent_sources, 3);
      assert.equal(dayton.copies.length, 1);
      assert.deepEqual([dayton.copies[0].report, dayton.copies[0].copy_of].sort(), [report(1), report(3)].sort());
      assert.ok(dayton.toll.filter((t) => t.copy_of).every((t) => t.report === dayton.copies[0].report));
      assert.match(dayton.grade_reasons[0], /3 independent sources \(4 reports, 1 syndicated copy\)/);
      // Figures from the update and the charge: an official acknowledges it, a rising toll is no contradiction.
      assert.equal(dayton.grade, 'Confirmed', dayton.grade_reasons.join('; '));
    });

    it('undoes a join, and the rebuild places every report again as ingestion did', async () => {
      const r = (await store.detachReport(report(2)))!;
      assert.equal(r.to, `incident-${report(2)}`);
      assert.equal((await store.getFused(report(0)))!.reports.length, 3);
      assert.equal((await store.queryFused()).total, 3);
      assert.equal(await store.detachReport('no-such-report'), undefined);
      assert.deepEqual(await store.rebuildFusion(), { reports: 5, incidents: 2 });
      assert.equal((await store.getFused(report(2)))!.reports.length, 4);
    });

    it('serves fused incidents: /api/fused lists them with grades, /api/fused/{id} has the toll and every report\'s document', async () => {
      const list = (await handleApi({ method: 'GET', path: '/api/fused', query: new URLSearchParams() }, store, { allowIngest: false })) as { json: any };
      assert.equal(list.json.total, 2);
      assert.ok(list.json.items.every((f: any) => f.grade && !f.toll));
      const one = (await handleApi({ method: 'GET', path: `/api/fused/${report(1)}`, query: new URLSearchParams() }, store, { allowIngest: false })) as { json: any };
      assert.equal(one.json.incident.reports.length, 4);
      assert.equal(one.json.reports.length, 4);
      assert.ok(one.json.incident.toll.length >= 6);
      const graded = (await handleApi({ method: 'GET', path: '/api/fused', query: new URLSearchParams('grade=Weak') }, store, { allowIngest: false })) as { json: any };
      assert.equal(graded.json.total, 1);
      await assert.rejects(handleApi({ method: 'GET', path: '/api/fused', query: new URLSearchParams('grade=Sure') }, store, { allowIngest: false }), /grade must be one of/);
      await assert.rejects(handleApi({ method: 'GET', path: '/api/fused/incident-none', query: new URLSearchParams() }, store, { allowIngest: false }), /no fused incident/);
      await store.close();
    });
  });
}

describe('fusion parts', () => {
  it('tells a syndicated copy from a second write-up of one statement', () => {
    const body = 'Three people have died after a gunman opened fire at a bar on Wayne Avenue in Dayton on Sunday night, police said on Monday. Four others were wounded.';
    assert.equal(resemblance(sketch(body), sketch(body)), 1);
    assert.ok(resemblance(sketch(body), sketch(`${body} More to follow.`)) >= 0.6);
    assert.ok(resemblance(sketch(body), sketch('Police said on Monday that three people died and four were hurt when a man fired at drinkers in a Wayne Avenue bar late on Sunday.')) < 0.2);
  });

  it('blocks: a report is compared only with those sharing a key within the week', () => {
    const docs = [...REPORTS, OTHER].map(analysed);
    const profiles = docs.map((d) => reportProfile(d));
    const index = new BlockingIndex();
    index.add(profiles[0]);
    const later = { ...profiles[1], report: 'later', date: '2024-04-20', dateLatest: '2024-04-20', names: [] };
    assert.deepEqual(index.candidates(later).map((p) => p.report), [], 'six weeks later, no name in common: not a candidate');
    assert.deepEqual(index.candidates(profiles[1]).map((p) => p.report), [profiles[0].report]);
    const { clusters, comparisons } = clusterProfiles(profiles);
    assert.equal(clusters.length, 2);
    assert.ok(comparisons <= 6, `${comparisons} comparisons`);
  });
});

describe('grade (Airwars categories) from invented incidents', () => {
  const point = (report: string, published: string, min: number, source: string, extra: Partial<TollPoint> = {}): TollPoint => ({
    report, document: report, outlet: report, published, outcome: 'killed', group: 'people', min, max: min, source, claim: 0, start: 0, end: 1,
    sentence: { start: 0, end: 1, text: 'x' }, ...extra,
  });
  const graded = (toll: TollPoint[], independent: number, reports = independent) => grade(gradeEvidence(toll, independent, reports));

  it('Confirmed: two independent sources and an official acknowledgement', () => {
    const g = graded([point('a', '2024-01-01', 4, 'police'), point('b', '2024-01-02', 4, 'a witness')], 2);
    assert.equal(g.grade, 'Confirmed');
    assert.ok(g.reasons.some((r) => /acknowledged by police/.test(r)));
  });
  it('Fair: two independent sources, no official', () => {
    assert.equal(graded([point('a', '2024-01-01', 4, 'a witness'), point('b', '2024-01-01', 4, 'neighbours')], 2).grade, 'Fair');
  });
  it('Weak: one source, however many copies of it', () => {
    const g = graded([point('a', '2024-01-01', 4, 'police'), point('b', '2024-01-01', 4, 'police', { copy_of: 'a' })], 1, 2);
    assert.equal(g.grade, 'Weak');
    assert.match(g.reasons[0], /1 independent source \(2 reports, 1 syndicated copy\)/);
  });
  it('Contested: independent sources contradict the same day (a toll rising the next day does not)', () => {
    const g = graded([point('a', '2024-01-01', 4, 'police'), point('b', '2024-01-01', 9, 'a rebel spokesman')], 2);
    assert.equal(g.grade, 'Contested');
    assert.ok(g.reasons.some((r) => /contradicting figures: killed: 4 \(a\) vs 9 \(b\)/.test(r)));
    assert.equal(graded([point('a', '2024-01-01', 4, 'police'), point('b', '2024-01-02', 9, 'police')], 2).grade, 'Confirmed');
  });
  it('Discounted: every figure is a denial, or no one is reported harmed', () => {
    assert.equal(graded([point('a', '2024-01-01', 0, 'the army'), point('b', '2024-01-01', 0, 'the ministry')], 2).grade, 'Discounted');
    assert.equal(graded([], 1).grade, 'Discounted');
  });
});
