// Exports as analysts load them: ACLED's columns in the CSV (with its dtypes), figures traceable to their
// sentences in JSON and GeoJSON, formula-safe cells. Fixtures are invented.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { check } from '@placemarkio/check-geojson';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { main } from '../src/cli/main.ts';
import { actorTypeIn, countryCode, countryInfo, interaction } from '../src/export/acled.ts';
import { ACLED_COLUMNS, cell, CSV_COLUMNS, csvRow, csvValues } from '../src/export/formats.ts';
import { incidentRecords, type IncidentRecord } from '../src/export/records.ts';
import { documentFromText } from '../src/ingest/index.ts';
import { analyse } from '../src/pipeline/index.ts';

// ACLED's export columns, in its order (ACLED data export tool, 2024 format).
const ACLED = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1',
  'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region',
  'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale',
  'notes', 'fatalities', 'tags', 'timestamp',
];

const ARTICLES: Record<string, string> = {
  'raid.txt': `Rebels storm army base near border town

By Jo Example

Rebel fighters attacked an army base near the town of Kessab in northern Syria on Thursday, sparking clashes that lasted until dawn, the army said.

The army said 12 soldiers were killed. A war monitor said that 19 soldiers were killed in the fighting.`,
  'market.txt': `Shells hit crowded market

Shelling killed seven civilians in a market in Kessab in northern Syria on Friday, a local official said.`,
  'march.txt': `March in the capital

Thousands of protesters marched in Nairobi, Kenya on Monday against new taxes, police said.`,
};

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: string, cb: () => void) { this.text += chunk.toString(); cb(); }
}

let store: string | undefined;
async function exported(...args: string[]): Promise<string> {
  if (!store) {
    const d = mkdtempSync(join(tmpdir(), 'sitrep-export-'));
    for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(join(d, name), text);
    store = join(d, 's.db');
    const sink = new Sink();
    assert.equal(await main(['ingest', '--db', store, '--published', '2023-05-12', '--outlet', 'Example Wire', d], { out: sink, err: sink }), 0, sink.text);
  }
  const out = new Sink();
  const err = new Sink();
  assert.equal(await main(['export', '--db', store, ...args], { out, err }), 0, err.text);
  return out.text;
}

/** RFC 4180, as pandas' and R's readers take it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], value = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { value += '"'; i++; } else if (c === '"') quoted = false; else value += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(value); value = ''; }
    else if (c === '\r' && text[i + 1] === '\n') continue;
    else if (c === '\n') { row.push(value); rows.push(row); row = []; value = ''; }
    else value += c;
  }
  return rows;
}

/** Rows as objects, each cell converted to ACLED's dtype (as `pd.read_csv(dtype=...)` would), failing on a bad one. */
function readAcled(text: string): Record<string, string | number | null>[] {
  const [header, ...rows] = parseCsv(text);
  const ints = new Set(['year', 'time_precision', 'iso', 'geo_precision', 'fatalities', 'timestamp']);
  const floats = new Set(['latitude', 'longitude']);
  return rows.map((r) => {
    assert.equal(r.length, header.length, 'every row has every column');
    const o: Record<string, string | number | null> = {};
    header.forEach((h, i) => {
      const v = r[i];
      if (ints.has(h) || floats.has(h)) {
        if (v === '') { o[h] = null; return; }
        assert.match(v, ints.has(h) ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/, `${h} = ${v}`);
        o[h] = Number(v);
      } else o[h] = v;
    });
    if (o.event_date) assert.match(String(o.event_date), /^\d{4}-\d{2}-\d{2}$/);
    return o;
  });
}

describe('ACLED CSV', () => {
  it('has ACLED\'s columns in ACLED\'s order, then sitrep\'s, and every row has date, country, source and fatalities', async () => {
    const text = await exported('--format', 'csv');
    const header = parseCsv(text)[0];
    assert.deepEqual(header.slice(0, ACLED.length), ACLED);
    assert.deepEqual([...ACLED_COLUMNS], ACLED);
    assert.deepEqual(header, [...CSV_COLUMNS]);
    const rows = readAcled(text);
    assert.equal(rows.length, 3);
    for (const r of rows) {
      for (const k of ['event_date', 'country', 'source']) assert.ok(r[k], `${k} in ${r.event_id}`);
      assert.equal(typeof r.fatalities, 'number');
      assert.equal(r.year, Number(String(r.event_date).slice(0, 4)));
    }
  });

  it('names countries as ACLED does, with ISO numeric codes and ACLED regions', async () => {
    const rows = readAcled(await exported('--format', 'csv'));
    const syria = rows.filter((r) => r.country === 'Syria');
    assert.equal(syria.length, 2);
    for (const r of syria) assert.deepEqual([r.iso, r.region, r.iso3, r.country_code], [760, 'Middle East', 'SYR', 'SY']);
    assert.ok(syria.every((r) => String(r.event_id_cnty).startsWith('SYR')));
    const kenya = rows.find((r) => r.country === 'Kenya')!;
    assert.deepEqual([kenya.iso, kenya.region, kenya.disorder_type], [404, 'Eastern Africa', 'Demonstrations']);
    assert.deepEqual(['CD', 'TR', 'AF', 'IR', 'GE'].map((c) => [countryInfo(c)?.name, countryInfo(c)?.region]), [
      ['Democratic Republic of Congo', 'Middle Africa'], ['Turkey', 'Middle East'], ['Afghanistan', 'South Asia'],
      ['Iran', 'Middle East'], ['Georgia', 'Caucasus and Central Asia'],
    ]);
    assert.deepEqual(['Afghanistan', 'democratic republic of congo', 'Turkey', 'Burma', 'ke', 'AFG', 'Atlantis', 'XQ'].map(countryCode),
      ['AF', 'CD', 'TR', undefined, 'KE', 'AF', undefined, undefined]);
  });

  it('fills actors, their types, the interaction and civilian targeting only where the text says', async () => {
    const rows = readAcled(await exported('--format', 'csv'));
    const battle = rows.find((r) => r.sitrep_type === 'battle')!;
    assert.equal(battle.disorder_type, 'Political violence');
    assert.equal(battle.actor1, 'Rebel fighters');
    assert.equal(battle.inter1, 'Rebel group');
    assert.equal(battle.inter2, 'State forces');
    assert.equal(battle.interaction, 'State forces-Rebel group');
    assert.equal(battle.civilian_targeting, '');
    assert.match(String(battle.source), /^Example Wire; .*army/);
    assert.match(String(battle.source), /war monitor/);
    const market = rows.find((r) => r.sitrep_type === 'shelling')!;
    assert.equal(market.civilian_targeting, 'Civilian targeting');
    assert.equal(market.fatalities, 7);
    // What the data cannot support stays empty rather than guessed.
    for (const r of rows) for (const k of ['admin2', 'admin3', 'source_scale', 'tags']) assert.equal(r[k], '', k);
    assert.deepEqual(([['U.S. forces', 'SO'], ['Israeli troops', 'LB'], ['Syrian army', 'SY'], ['Syrian Democratic Forces', 'SY'], ['Rebel forces', 'SY'],
      ['Gunmen', 'SY'], ['villagers', 'SY'], ['protesters', 'KE']] as const).map(([n, c]) => actorTypeIn(n, c)),
    ['External/Other forces', 'External/Other forces', 'State forces', undefined, 'Rebel group', undefined, 'Civilians', 'Protesters']);
    assert.equal(interaction('State forces', undefined, false), 'State forces only');
    assert.equal(interaction('Civilians', 'State forces', true), 'State forces-Civilians');
    assert.equal(interaction('State forces', undefined, true), '');
  });

  it('writes notes as one paragraph of the body, without headline or byline', async () => {
    const rows = readAcled(await exported('--format', 'csv'));
    const battle = rows.find((r) => r.sitrep_type === 'battle')!;
    const notes = String(battle.notes);
    assert.match(notes, /^Rebel fighters attacked an army base/);
    assert.doesNotMatch(notes, /storm army base|Jo Example|\n/);
    assert.match(notes, /\.$/, 'whole sentences');
    assert.ok(notes.length <= 600);
    // A single overlong sentence is cut at a word, with an ellipsis.
    const long = 'Rebels attacked an army base near the town of Kessab in northern Syria on Thursday, killing 12 soldiers, '
      + Array.from({ length: 80 }, (_, i) => `and clause ${i}`).join(' ') + ', the army said.';
    const [record] = incidentRecords(analyse(documentFromText(`Clash near Kessab\n\n${long}`, { origin: 'test', published: '2023-05-12' })));
    assert.ok(record, 'an incident');
    assert.ok(record.notes.length <= 501 && record.notes.endsWith('…') && !/\s…$/.test(record.notes), record.notes);
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP), but not numbers', () => {
    for (const [v, out] of [
      ['=HYPERLINK("http://x.example")', `"'=HYPERLINK(""http://x.example"")"`], ['+1', "'+1"], ['-2+3', "'-2+3"], ['@SUM(A1)', "'@SUM(A1)"],
      ['\tcmd', "'\tcmd"], ['\rcmd', `"'\rcmd"`], ['plain', 'plain'], ['a=b', 'a=b'],
    ] as const) assert.equal(cell(v), out, JSON.stringify(v));
    assert.equal(cell(-4.55), '-4.55');
    const record: IncidentRecord = {
      id: 'abc-1', document: 'abc', outlet: '=cmd|calc', url: null, title: null, published: null, type: 'battle', other_types: [],
      acled_event_type: 'Battles', acled_sub_event_type: 'Armed clash', event_date: '2024-01-02', event_date_latest: '2024-01-02', time_precision: 1,
      location: '@town', admin1: '+region', country: 'ML', latitude: 13.9, longitude: -4.55, geo_precision: 1,
      actors: [{ name: '-gunmen', role: 'attacker' }, { name: '=soldiers', role: 'target' }], fatalities: 3, fatalities_low: 3, fatalities_best: 3,
      fatalities_high: 3, contested: false, figures: [], sources: ['@army'], victims: null, notes: '-- a note', evidence: { start: 0, end: 1 },
    };
    const row = parseCsv(csvRow(record))[0];
    const col = (name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
    assert.deepEqual([col('actor1'), col('actor2'), col('location'), col('admin1'), col('source'), col('notes')],
      ["'-gunmen", "'=soldiers", "'@town", "'+region", "'=cmd|calc; @army", "'-- a note"]);
    assert.deepEqual([col('longitude'), col('latitude'), col('iso'), col('country')], ['-4.55', '13.9', '466', 'Mali']);
    assert.equal(csvValues(record).inter2, 'State forces');
  });
});

describe('JSON and GeoJSON exports', () => {
  it('give each source\'s figure its claim span, sentence and document, so it traces without the documents', async () => {
    const records = JSON.parse(await exported('--format', 'json'));
    const battle = records.find((r: IncidentRecord) => r.type === 'battle') as IncidentRecord;
    const killed = battle.figures.filter((f) => f.outcome === 'killed');
    const sources = killed.flatMap((f) => f.sources);
    assert.deepEqual(sources.map((s) => s.min).sort((a, b) => a - b), [12, 19]);
    const text = ARTICLES['raid.txt'];
    for (const s of sources) {
      assert.equal(s.document, battle.document);
      // The article is plain text, so its normalised text is the file's: the offsets slice it.
      assert.equal(text.slice(s.sentence.start, s.sentence.end), s.sentence.text);
      assert.ok(s.sentence.start <= s.start && s.end <= s.sentence.end);
      assert.match(text.slice(s.start, s.end), new RegExp(String(s.min)));
    }
    assert.match(sources.find((s) => s.min === 19)!.sentence.text, /^A war monitor said that 19 soldiers/);
    // And against the stored document itself.
    const doc = JSON.parse((await exported('--format', 'documents')).split('\n').find((l) => l.includes(battle.document))!);
    for (const s of sources) assert.equal(doc.text.slice(s.sentence.start, s.sentence.end), s.sentence.text);
    const schema = JSON.parse(readFileSync(new URL('../docs/incident-record.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(schema);
    for (const r of records) assert.ok(validate(r), JSON.stringify(validate.errors));
    assert.ok(!validate({ ...battle, figures: [{ ...killed[0], sources: [{ name: 'x', claim: 0, min: 1, max: 1 }] }] }), 'the schema asks for the trace');
  });

  it('keeps traces and sources through fusion', async () => {
    const fused = JSON.parse(await exported('--format', 'json', '--fuse'));
    for (const f of fused) for (const fig of f.figures) for (const s of fig.sources) assert.ok(s.document && s.sentence.text);
    assert.ok(fused.every((f: IncidentRecord) => Array.isArray(f.sources)));
  });

  it('GeoJSON carries actors and figures as JSON values and passes a GeoJSON validator', async () => {
    const text = await exported('--format', 'geojson');
    const g = check(text);
    assert.equal(g.type, 'FeatureCollection');
    const battle = JSON.parse(text).features.find((f: { properties: IncidentRecord }) => f.properties.type === 'battle');
    assert.ok(Array.isArray(battle.properties.actors) && battle.properties.actors[0].name && battle.properties.actors[0].role);
    assert.ok(Array.isArray(battle.properties.figures) && battle.properties.figures[0].sources[0].sentence.text);
    assert.equal(battle.properties.latitude, undefined, 'the point is the geometry');
  });
});
