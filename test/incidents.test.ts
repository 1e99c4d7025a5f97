import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../src/cli/main.ts';
import { documentFromText } from '../src/ingest/index.ts';
import type { Document } from '../src/model/document.ts';
import { analyse } from '../src/pipeline/index.ts';
import { sameGroup } from '../src/claims/groups.ts';
import type { Claim } from '../src/model/claim.ts';
import { fatalitiesOf, reconcile, totalOf } from '../src/incidents/reconcile.ts';
import { kindOf, relation } from '../src/incidents/kinds.ts';
import { eventModels, readEvents, useEventModels } from '../src/incidents/events.ts';
import { CSV_COLUMNS } from '../src/export/formats.ts';
import { incidentRecords } from '../src/export/records.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { check } from '@placemarkio/check-geojson';

const run = (text: string, published = '2023-05-12'): Document => analyse(documentFromText(text, { origin: 'test', published }));
const REPORT = `Rebels and army clash near border town

Rebel fighters attacked an army base near the town of Kessab in northern Syria on Thursday, sparking clashes that lasted until dawn, the army said.

The army said 12 soldiers were killed. A war monitor said that 19 soldiers were killed and that at least 30 rebels died in the fighting.

The war has killed hundreds of thousands of people since 2011.`;

/** A minimal RFC 4180 reader, to check the CSV reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r') continue;
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  return rows;
}

describe('incidents', () => {
  it('types the incident, dates and places it, and keeps background figures out', () => {
    const doc = run(REPORT);
    assert.equal(doc.incidents.length, 1);
    const inc = doc.incidents[0];
    assert.equal(inc.type, 'battle');
    assert.equal(inc.time?.earliest, '2023-05-11');
    assert.equal(inc.place?.text, 'Kessab');
    assert.ok(!inc.figures.some((f) => f.group.includes('people')), JSON.stringify(inc.figures));
    assert.ok(doc.text.slice(inc.evidence.start, inc.evidence.end).includes('attacked an army base'));
  });

  it('reconciles figures per group into low / best / high and shows the disagreement', () => {
    const inc = run(REPORT).incidents[0];
    const soldiers = inc.figures.find((f) => f.group === 'soldiers' && f.outcome === 'killed')!;
    assert.deepEqual([soldiers.low, soldiers.best, soldiers.high, soldiers.contested], [12, 12, 19, true]);
    assert.deepEqual(soldiers.sources.map((s) => [s.name, s.min]), [['army', 12], ['war monitor', 19]]);
    const rebels = inc.figures.find((f) => f.group === 'rebels')!;
    assert.deepEqual([rebels.low, rebels.best, rebels.high, rebels.contested], [30, 30, 30, false]);
  });

  it('treats differently worded descriptions of one group as one group', () => {
    assert.ok(sameGroup('pro-government forces', 'seven members of the pro-Syrian government forces'));
    assert.ok(!sameGroup('soldiers', 'civilians'));
    assert.ok(!sameGroup('U.S. forces', 'pro-government forces'));
  });

  it('splits a wave of attacks reported town by town into incidents of their own', () => {
    const doc = run(`Bombings across Iraq kill dozens

A wave of bombings across Iraq killed at least 30 people on Monday, officials said.

In Kirkuk, a car bomb killed five people near a market, police said.

In Basra, a roadside bomb killed two soldiers on a patrol, an army officer said.`, '2012-07-23');
    assert.equal(doc.incidents.length, 3);
    const [, kirkuk, basra] = doc.incidents;
    assert.equal(kirkuk.place?.text, 'Kirkuk');
    assert.equal(kirkuk.type, 'ied');
    assert.deepEqual(kirkuk.figures.map((f) => [f.group, f.best]), [['people', 5]]);
    assert.equal(basra.place?.text, 'Basra');
    assert.deepEqual(basra.figures.map((f) => [f.group, f.best]), [['soldiers', 2]]);
    assert.ok(!doc.incidents[0].claims.some((i) => kirkuk.claims.includes(i)), 'a claim belongs to one incident');
  });

  it('makes no incident of a text with no violent event', () => {
    assert.equal(run('Budget talks\n\nThe finance minister presented the budget to parliament on Tuesday.').incidents.length, 0);
  });
});

describe('exports', () => {
  async function exported(format: string, ...extra: string[]) {
    const d = mkdtempSync(join(tmpdir(), 'sitrep-export-'));
    writeFileSync(join(d, 'a.txt'), REPORT);
    writeFileSync(join(d, 'b.txt'), 'Protest in the capital\n\nThousands of protesters marched in Nairobi, Kenya on Monday against new taxes, police said.');
    let out = '';
    const sink = new Writable({ write(c, _e, cb) { out += c; cb(); } });
    const io = { out: sink, err: new Writable({ write(_c, _e, cb) { cb(); } }) };
    assert.equal(await main(['ingest', '--db', join(d, 's.db'), '--published', '2023-05-12', d], io), 0);
    assert.equal(await main(['export', '--db', join(d, 's.db'), '--format', format, ...extra], io), 0);
    return out;
  }

  it('CSV has the ACLED-like columns and reads back', async () => {
    const rows = parseCsv(await exported('csv'));
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    assert.equal(rows.length, 3);
    const at = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    const battle = rows.find((r) => r[at('sitrep_type')] === 'battle')!;
    const col = (name: string) => battle[at(name)];
    assert.equal(col('event_type'), 'Battles');
    assert.equal(col('country'), 'Syria');
    assert.equal(col('country_code'), 'SY');
    assert.equal(col('fatalities_low'), '42');
    assert.equal(col('contested'), 'true');
  });

  it('GeoJSON is a FeatureCollection of points in [longitude, latitude] that a GeoJSON library accepts', async () => {
    const text = await exported('geojson');
    assert.equal(check(text).type, 'FeatureCollection'); // @placemarkio/check-geojson: throws on invalid GeoJSON
    assert.throws(() => check(text.replace('"Point"', '"Pointy"')), 'the checker does reject broken GeoJSON');
    const g = JSON.parse(text);
    assert.equal(g.type, 'FeatureCollection');
    assert.equal(g.features.length, 2);
    for (const f of g.features) {
      assert.equal(f.type, 'Feature');
      assert.equal(f.geometry.type, 'Point');
      const [lon, lat] = f.geometry.coordinates;
      assert.ok(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
    }
    const kenya = g.features.find((f: { properties: { country: string } }) => f.properties.country === 'KE');
    assert.ok(kenya.geometry.coordinates[0] > 30, 'longitude first');
  });

  it('JSON records validate against the published schema, carry provenance, and filters apply', async () => {
    const all = JSON.parse(await exported('json'));
    const schema = JSON.parse(readFileSync(new URL('../docs/incident-record.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(schema);
    for (const r of all) assert.ok(validate(r), JSON.stringify(validate.errors));
    assert.equal(all.length, 2);
    for (const r of all) assert.ok(r.document && r.evidence && typeof r.evidence.start === 'number');
    assert.equal(JSON.parse(await exported('json', '--country', 'ke')).length, 1);
    assert.equal(JSON.parse(await exported('json', '--type', 'protest')).length, 1);
    assert.equal(JSON.parse(await exported('json', '--from', '2024-01-01')).length, 0);
  });
});

describe('fusion across outlets', () => {
  const reports: [string, string, string][] = [
    ['a.txt', 'Outlet A', 'Rebels storm army post near Kessab\n\nRebel fighters attacked an army post near Kessab in Latakia province on Thursday, killing 12 soldiers, the army said.'],
    ['b.txt', 'Outlet B', 'Deadly clash at Kessab\n\nClashes broke out near Kessab on Thursday night. A war monitor said 19 soldiers were killed in the fighting.'],
    ['c.txt', 'Outlet C', 'Clashes near Jisr al-Shughur\n\nFighting erupted near Jisr al-Shughur on Thursday, killing four rebels, a monitor said.'],
  ];
  it('joins reports of one incident, keeps a nearby distinct incident apart, and explains the join', async () => {
    const d = mkdtempSync(join(tmpdir(), 'sitrep-fuse-'));
    const db = join(d, 's.db');
    const quiet = new Writable({ write(_c, _e, cb) { cb(); } });
    for (const [file, outlet, text] of reports) {
      writeFileSync(join(d, file), text);
      assert.equal(await main(['ingest', '--db', db, '--published', '2023-05-12', '--outlet', outlet, join(d, file)], { out: quiet, err: quiet }), 0);
    }
    let out = '';
    const sink = new Writable({ write(c, _e, cb) { out += c; cb(); } });
    assert.equal(await main(['export', '--db', db, '--format', 'json', '--fuse'], { out: sink, err: quiet }), 0);
    const fused = JSON.parse(out);
    assert.equal(fused.length, 2, JSON.stringify(fused.map((f: { location: string; reports: string[] }) => [f.location, f.reports])));
    const kessab = fused.find((f: { reports: string[] }) => f.reports.length === 2);
    assert.ok(kessab.outlet.includes('Outlet A') && kessab.outlet.includes('Outlet B'));
    assert.equal(kessab.joins.length, 1);
    // The join's evidence, weighed by the learned decision (src/fusion/decision.ts).
    assert.match(kessab.joins[0].why, /^p=\d\.\d\d: .*same day/);
    const soldiers = kessab.figures.find((f: { group: string }) => f.group === 'soldiers');
    assert.deepEqual([soldiers.low, soldiers.best, soldiers.high, soldiers.contested], [12, 12, 19, true]);
    assert.equal(soldiers.sources.length, 2);
    // Reversible: without --fuse the three reports come out as they were stored.
    out = '';
    assert.equal(await main(['export', '--db', db, '--format', 'json'], { out: sink, err: quiet }), 0);
    assert.equal(JSON.parse(out).length, 3);
  });
});

describe('incident actors', () => {
  const actors = (text: string) => run(text).incidents[0]?.actors.map((a) => `${a.name}:${a.role}`) ?? [];

  it('takes the author of strikes named after a country as the attacker, and what they hit as the target', () => {
    const a = actors('Strikes hit militia camp\n\nU.S. drone strikes hit a camp of the Shabaab militia near Jilib in Somalia on Tuesday, killing 14 fighters, officials said.');
    assert.ok(a.some((x) => /^(U\.S\.|United States)[^:]*:attacker$/.test(x)), a.join(', '));
  });

  it('finds actors named by what they are, with roles from the verb', () => {
    const a = actors('Police post attacked\n\nSuspected jihadists attacked a police post near Mopti in central Mali on Friday, killing six policemen, the army said.');
    assert.ok(a.includes('Suspected jihadists:attacker'), a.join(', '));
    assert.ok(a.some((x) => /^police/i.test(x) && x.endsWith(':target')), a.join(', '));
  });

  it('does not take a town, a speaker or a passive agent of something peaceful as an actor', () => {
    const a = actors('Bomb hits market\n\nA bomb exploded in a market in Kirkuk on Monday, killing five people, according to figures used by the Health Ministry. Governor Rakan Saeed said the attack was cowardly.');
    assert.ok(!a.some((x) => /Kirkuk|Rakan|Health Ministry/.test(x)), a.join(', '));
  });

  it('takes the agent of a passive attack as the attacker', () => {
    const a = actors('Convoy ambushed\n\nAn army convoy was ambushed by Boko Haram fighters near Maiduguri in Nigeria on Sunday, killing nine soldiers, the army said.');
    assert.ok(a.some((x) => /^Boko Haram[^:]*:attacker$/.test(x)), a.join(', '));
  });

  it('names the authors of an attack after it ("bombing suspects") and the other side of a shootout', () => {
    const a = actors('Suspects sought\n\nPolice hunted the two market bombing suspects in Kano in Nigeria on Monday, officials said.');
    assert.ok(a.includes('suspects:attacker'), a.join(', '));
    const b = run('Gunman killed\n\nA gunman died in a shootout with police in Garissa in Kenya on Tuesday, police said.').incidents.flatMap((i) => i.actors.map((x) => `${x.name}:${x.role}`));
    assert.ok(b.includes('police:other'), b.join(', '));
  });

  it('takes the attacker and target from a later paragraph that refers back to the incident', () => {
    const a = actors('Car bomb in Medellin\n\nA car bomb exploded outside a training school in Medellin in Colombia on Tuesday, killing nine cadets, officials said.\n\nThe mayor said the city was in mourning.\n\nOn Wednesday, the government blamed the FARC for the bombing of the police academy, a charge the group denied.');
    assert.ok(a.includes('FARC:attacker'), a.join(', '));
    assert.ok(a.includes('police academy:target'), a.join(', '));
    const b = actors('Bomb kills six\n\nA bomb exploded at a market in Kano in Nigeria on Monday, killing six people, police said. The attack was blamed on Boko Haram.');
    assert.ok(b.some((x) => /^Boko Haram[^:]*:attacker$/.test(x)), b.join(', '));
    const c = actors('Bomb kills six\n\nA bomb exploded at a market in Kano in Nigeria on Monday, killing six people, police said.\n\nThe mayor visited the wounded.\n\nBoko Haram claimed responsibility for the attack on Tuesday.');
    assert.ok(c.some((x) => /^Boko Haram[^:]*:attacker$/.test(x)), c.join(', '));
  });

  it('takes a force\'s post as the force attacked, never as the attacker', () => {
    const a = actors('Police academy bombing\n\nThe police academy bombing in Medellin in Colombia on Tuesday killed nine cadets, officials said.');
    assert.ok(a.some((x) => /^police academy:target$/i.test(x)), a.join(', '));
    const b = actors('Base attacked\n\nMilitants attacked an army base near Gao in Mali on Sunday, killing four soldiers, the army said.');
    assert.ok(b.includes('army base:target') && b.includes('Militants:attacker'), b.join(', '));
  });

  it('takes a person named as the one who attacks, once', () => {
    const a = actors('Attack on checkpoint\n\nGunman Omar Haddad opened fire on soldiers at a checkpoint near Raqqa in Syria on Tuesday, killing three, officials said.');
    assert.ok(a.includes('Omar Haddad:attacker'), a.join(', '));
    assert.ok(!a.some((x) => /^gunman/i.test(x)), a.join(', '));
  });

  it('takes both sides of a fight, and a person who died in one', () => {
    const a = actors('Fighting in the north\n\nClashes between Tuareg rebels and government troops near Kidal in Mali on Friday killed 12 people, officials said.');
    assert.ok(a.some((x) => /^Tuareg[^:]*:other$/.test(x)) && a.includes('government troops:other'), a.join(', '));
    const b = run('Shootout\n\nKarim Nasser died in a shootout with police in Mombasa in Kenya on Tuesday, officials said.').incidents.flatMap((i) => i.actors.map((x) => `${x.name}:${x.role}`));
    assert.ok(b.includes('Karim Nasser:other') && b.includes('police:other'), b.join(', '));
  });

  it('keeps allies and leaders in the name as written ("U.S.-backed fighters", "U.S.-led coalition")', () => {
    const a = actors('Clashes near Manbij\n\nU.S.-backed fighters and Turkish-backed rebels clashed near Manbij in Syria on Sunday, killing eight, a monitor said.');
    assert.ok(a.includes('U.S.-backed fighters:other') && a.includes('Turkish-backed rebels:other'), a.join(', '));
    const b = actors('Coalition air strikes\n\nU.S.-led coalition air strikes hit positions near Mosul in Iraq on Tuesday, killing 20 militants, officials said.');
    assert.ok(b.includes('U.S.-led coalition:attacker'), b.join(', '));
  });

  it('takes an organisation whose fighters are named as a party', () => {
    const a = actors('Fighters advance\n\nSDF fighters took control of a village near Raqqa in Syria on Tuesday after a bomb killed four civilians, a monitor said.');
    assert.ok(a.includes('SDF:other'), a.join(', '));
  });

  it('counts a member of a force beside the force once', () => {
    const a = actors('Patrol hit\n\nA roadside bomb exploded near an army patrol in Hilla in Iraq on Monday, killing one soldier and wounding two others, officials said.');
    assert.deepEqual(a, ['army patrol:target']);
  });

  it('does not take a group named after a new clause ("told reporters on Tuesday that police ...") as a target', () => {
    const a = actors('Bomb hits market\n\nA bomb exploded at a market in Kano in Nigeria on Monday, killing five people. Police Commissioner Ali Bello told reporters on Tuesday that police were still questioning witnesses.');
    assert.ok(!a.some((x) => /police/i.test(x)), a.join(', '));
  });

  it('leaves the actors of another incident told in the lede to that incident', () => {
    const doc = run('Market bombing suspects\n\nA bomb exploded at a crowded market in Kano in Nigeria on Monday, killing six people, police said. On Wednesday, one of the suspects died in a shootout with police in Kano, officials said.');
    const [main, ...rest] = doc.incidents;
    assert.ok(!main.actors.some((x) => x.name === 'police'), JSON.stringify(main.actors));
    assert.ok(rest.some((i) => i.actors.some((x) => x.name === 'police' && x.role === 'other')), JSON.stringify(rest.map((i) => i.actors)));
  });

  it('takes the actors of a paragraph\'s incident from its own sentences', () => {
    const doc = run('Attacks across Iraq\n\nA wave of bombings across Iraq on Monday killed 30 people, officials said.\n\nOfficials said dozens more were wounded.\n\nIn Hilla, a roadside bomb killed four soldiers, officials said. The town has long seen clashes between tribal militias and police.');
    const hilla = doc.incidents.find((i) => i.place?.text === 'Hilla');
    assert.ok(hilla, JSON.stringify(doc.incidents.map((i) => i.place?.text)));
    assert.deepEqual(hilla.actors.map((x) => `${x.name}:${x.role}`), ['soldiers:target']);
  });

  it('gives each further place of one blow the blow\'s attacker', () => {
    const doc = run('Strikes in the north\n\nRussian warplanes struck Idlib, Saraqib and Ariha in northern Syria on Sunday, killing 11 people, rescuers said.');
    const located = doc.incidents.filter((i) => i.place);
    assert.ok(located.length >= 2, JSON.stringify(doc.incidents.map((i) => i.place?.text)));
    for (const i of located) assert.ok(i.actors.some((x) => x.role === 'attacker' && /Russia/.test(x.name)), JSON.stringify(i.actors));
  });
});

describe('parts of a victim group', () => {
  it('counts a group given with its parts once: itself or its parts, whichever is more', () => {
    const doc = run('Clashes near Kessab\n\nRebels attacked an army post near Kessab in northern Syria on Thursday. A war monitor said dozens of fighters died, including 19 soldiers and more than 20 rebels. Three civilians were also killed, residents said.');
    const claims = doc.claims.filter((c) => c.kind === 'casualties');
    const parent = claims.findIndex((c) => /fighters/.test(c.subject?.text ?? ''));
    const parts = claims.filter((c) => c.partOf !== undefined);
    assert.equal(parts.length, 2, JSON.stringify(claims.map((c) => [c.subject?.text, c.partOf])));
    assert.ok(parts.every((c) => c.partOf === doc.claims.indexOf(claims[parent])));
    const [record] = incidentRecords(doc);
    // fighters: max(24, 19 + 21) = 40, plus 3 civilians.
    assert.equal(record.fatalities_best, 43);
    // ACLED: "dozens" counts 12, but its parts say 40.
    assert.equal(record.fatalities, 43);
    assert.ok(record.figures.some((f) => f.group === 'soldiers' && f.within === 'fighters'));
  });
});

describe('an attack told in passing elsewhere', () => {
  it('becomes its own incident, of its own type, with the figures of its sentence', () => {
    // One paragraph: the second attack is told inside the first's report.
    const doc = run('Bomb hits market in Maiduguri\n\nA bomb exploded in a market in Maiduguri in northeastern Nigeria on Friday, killing nine people, police said. The blast came hours after a separate attack in Kano, in which a man stabbed six worshippers, officials said.');
    const kano = doc.incidents.find((i) => i.place?.text === 'Kano');
    assert.ok(kano, JSON.stringify(doc.incidents.map((i) => [i.type, i.place?.text])));
    assert.equal(kano!.type, 'violence_against_civilians');
    assert.ok(kano!.claims.length >= 1);
    const main = doc.incidents[0];
    assert.equal(main.place?.text, 'Maiduguri');
    assert.ok(!main.claims.some((i) => kano!.claims.includes(i)), 'a claim belongs to one incident');
  });

  it('keeps a town within 50 km to the main incident', () => {
    const doc = run('Clashes near Goma\n\nFighting near Goma in eastern Congo killed four soldiers on Tuesday, the army said, and in nearby Sake rebels killed two more soldiers.');
    assert.equal(doc.incidents.filter((i) => i.place?.text === 'Sake').length, 0, JSON.stringify(doc.incidents.map((i) => [i.type, i.place?.text])));
  });
});

/**
 * A document with hand-made casualty claims (so these tests hold whatever the claims stage reads):
 * each claim is [the figure's words, its victims' words, outcome, min, max, source, partOf?].
 */
function withClaims(text: string, claims: [string, string, 'killed' | 'injured', number, number | null, string, number?][]): Document {
  const doc = run(text);
  let from = 0;
  doc.claims = claims.map(([words, victims, outcome, min, max, source, partOf]) => {
    const start = doc.text.indexOf(words, from);
    assert.ok(start >= 0, words);
    from = start + 1;
    const v = victims ? doc.text.indexOf(victims, start) : -1;
    const c: Claim = {
      kind: 'casualties', start, end: start + words.length, modality: 'asserted',
      source: { kind: source === 'narrator' ? 'narrator' : 'named_role', name: source },
      figures: { [outcome]: { min, max } },
      ...(victims ? { subject: { start: v, end: v + victims.length, text: victims } } : {}),
      ...(partOf !== undefined ? { partOf } : {}),
    };
    return c;
  });
  return doc;
}
const all = (doc: Document) => doc.claims.map((_, i) => i);

describe('one toll per incident and victim group', () => {
  it('places victim descriptions in a hierarchy of who they can be', () => {
    assert.equal(relation(kindOf('people'), kindOf('demonstrators')), 'contains');
    assert.equal(relation(kindOf('soldiers'), kindOf('troops')), 'same');
    assert.equal(relation(kindOf('Afghan soldiers'), kindOf('rebels')), 'disjoint');
    assert.equal(relation(kindOf('civilians'), kindOf('policemen')), 'disjoint');
    assert.equal(relation(kindOf('members of the security forces'), kindOf('police officers')), 'contains');
    assert.equal(relation(kindOf('a commander'), kindOf('soldiers')), 'unknown');
  });

  it('takes rival figures about the same victims as alternatives, never added, and counts the lowest', () => {
    const doc = withClaims('Bombing in Jos\n\nA bomb went off at a bus station in Jos, Nigeria, on Tuesday. A rights group said 30 people died. A local official said as many as 45 people were killed.', [
      ['30 people died', 'people', 'killed', 30, 30, 'rights group'],
      ['45 people were killed', 'people', 'killed', 45, 45, 'local official'],
    ]);
    const figures = reconcile(doc, all(doc));
    assert.equal(figures.length, 1);
    assert.deepEqual([figures[0].low, figures[0].high, figures[0].contested], [30, 45, true]);
    assert.deepEqual(totalOf(figures), { low: 30, best: 30, high: 45 });
    assert.deepEqual(fatalitiesOf(doc, figures), { count: 30, claims: [0], rule: 'claim' });
  });

  it('counts parts of one kind given by two sources once, the lesser, beside the other parts', () => {
    const text = 'Gunmen attack police post\n\nGunmen attacked a police post near Garoua, Cameroon, on Monday, killing at least 8 policemen, the interior ministry said.\n\nA rights monitor said dozens of fighters on both sides had died, including 11 policemen and more than 15 attackers.';
    const doc = analyse(documentFromText(text, { origin: 'garoua.txt', published: '2025-05-07' }));
    // The ministry's 8 policemen and the monitor's 11 are rival readings of one part: 8 + 16, not 8 + 11 + 16.
    assert.deepEqual(doc.incidents[0].fatalities, { count: 24, claims: [0, 3], rule: 'sum' });
  });

  it('takes a headline\'s victims and the body\'s differently worded ones as one group', () => {
    const doc = withClaims('Three demonstrators killed in Kabwe\n\nPolice fired on a rally in Kabwe, Zambia, on Monday, killing three people, witnesses said.', [
      ['Three demonstrators killed', 'demonstrators', 'killed', 3, 3, 'narrator'],
      ['killing three people', 'people', 'killed', 3, 3, 'witnesses'],
    ]);
    const figures = reconcile(doc, all(doc));
    assert.deepEqual(figures.map((f) => [f.group, f.sources.length]), [['demonstrators', 2]]);
    assert.equal(fatalitiesOf(doc, figures).count, 3);
  });

  it('keeps a narrower group in a wider one as a part, not an addition', () => {
    const doc = withClaims('Bombing in Jos\n\nA rights group said 30 people died in the bombing in Jos, Nigeria, on Tuesday. Four members of the security forces were among the dead, an official said.', [
      ['30 people died', 'people', 'killed', 30, 30, 'rights group'],
      ['Four members of the security forces were among the dead', 'members of the security forces', 'killed', 4, 4, 'official'],
    ]);
    const figures = reconcile(doc, all(doc));
    assert.equal(figures.find((f) => f.group === 'members of the security forces')?.within, 'people');
    assert.deepEqual(fatalitiesOf(doc, figures), { count: 30, claims: [0], rule: 'claim' });
  });

  it('adds groups one source lists together in one sentence, and says the count is a sum', () => {
    const doc = withClaims('Blast in Kandahar\n\nA roadside bomb hit a convoy in Kandahar, Afghanistan, on Wednesday, killing five soldiers and three civilians, officials said.', [
      ['five soldiers', 'soldiers', 'killed', 5, 5, 'officials'],
      ['three civilians', 'civilians', 'killed', 3, 3, 'officials'],
    ]);
    assert.deepEqual(fatalitiesOf(doc, reconcile(doc, all(doc))), { count: 8, claims: [0, 1], rule: 'sum' });
    // "as well as": one sentence, one source, so even "people" and "the attacker" are apart.
    const bomb = withClaims('Bombing in Bogota\n\nA truck bomb at a police training school in Bogota, Colombia, killed 14 people as well as the attacker on Wednesday.', [
      ['killed 14 people', 'people', 'killed', 14, 14, 'narrator'],
      ['as well as the attacker', 'the attacker', 'killed', 1, 1, 'narrator'],
    ]);
    assert.equal(fatalitiesOf(bomb, reconcile(bomb, all(bomb))).count, 15);
  });

  it('adds a group the text says comes in addition, and groups of exclusive kinds', () => {
    const doc = withClaims('Bomb in Peshawar\n\nA bomb went off in a market in Peshawar, Pakistan, on Friday, killing ten people, police said. Two policemen were also killed when gunmen fired on rescuers.', [
      ['killing ten people', 'people', 'killed', 10, 10, 'police'],
      ['Two policemen were also killed', 'policemen', 'killed', 2, 2, 'narrator'],
    ]);
    assert.equal(fatalitiesOf(doc, reconcile(doc, all(doc))).count, 12);
    const fight = withClaims('Fighting near Kessab\n\nRebels attacked an army post near Kessab, Syria, on Thursday. The army said 12 soldiers died. A monitor said 15 troops and at least 30 rebels were killed.', [
      ['12 soldiers died', 'soldiers', 'killed', 12, 12, 'army'],
      ['15 troops', 'troops', 'killed', 15, 15, 'monitor'],
      ['at least 30 rebels', 'rebels', 'killed', 30, null, 'monitor'],
    ]);
    const figures = reconcile(fight, all(fight));
    assert.deepEqual(figures.map((f) => [f.group, f.low, f.high, f.contested]), [['soldiers', 12, 15, true], ['rebels', 30, 30, false]]);
    assert.deepEqual(fatalitiesOf(fight, figures), { count: 42, claims: [0, 2], rule: 'sum' });
  });

  it('does not add a group of an unknown kind that may be among the others', () => {
    const doc = withClaims('Raid in Kunduz\n\nTroops raided a compound in Kunduz, Afghanistan, on Monday. Officials said nine fighters were killed. A commander died of his wounds later.', [
      ['nine fighters were killed', 'fighters', 'killed', 9, 9, 'Officials'],
      ['A commander died', 'A commander', 'killed', 1, 1, 'narrator'],
    ]);
    assert.equal(fatalitiesOf(doc, reconcile(doc, all(doc))).count, 9);
  });

  it('takes one attack of a wave as a part of the wave\'s toll', () => {
    const doc = withClaims('Bombings across Nineveh\n\nA wave of bombings across Nineveh province, Iraq, killed 40 people on Monday, officials said.\n\nIn the deadliest attack, 15 people died at a market, police said.', [
      ['killed 40 people', 'people', 'killed', 40, 40, 'officials'],
      ['15 people died', 'people', 'killed', 15, 15, 'police'],
    ]);
    const figures = reconcile(doc, all(doc));
    assert.ok(figures.some((f) => f.within === 'people' && f.best === 15), JSON.stringify(figures));
    assert.deepEqual(fatalitiesOf(doc, figures), { count: 40, claims: [0], rule: 'claim' });
  });

  it('gives another attack\'s figures an incident of its own', () => {
    const doc = run('Market bombing in Maiduguri\n\nA bomb exploded in a market in Maiduguri, Nigeria, on Friday, killing nine people, police said. Two other attacks in the same state left four people dead, officials said.');
    const main = doc.incidents[0];
    assert.equal(main.fatalities?.count, 9, JSON.stringify(doc.incidents.map((i) => i.fatalities)));
    const other = doc.incidents.find((i) => i !== main && i.fatalities?.count === 4);
    assert.ok(other, JSON.stringify(doc.incidents.map((i) => [i.type, i.fatalities])));
    assert.ok(!main.claims.some((c) => other!.claims.includes(c)));
  });

  it('exports the count with the claim it comes from', () => {
    const [record] = incidentRecords(run(REPORT));
    assert.equal(record.fatalities, 42);
    assert.equal(record.fatalities_from?.rule, 'sum');
    assert.equal(record.fatalities_from?.claims.length, 2);
  });
});

describe('reported incidents, not mentions of the idea of one', () => {
  it('makes no incident of a generic sentence, a modifier, another sense, a modal or a campaign rally', () => {
    for (const text of [
      'Roadside bombs\n\nRoadside bombs are a common weapon in countries such as Afghanistan, Iraq and Somalia.',
      'Espresso machine review\n\nThe manual comes with exploded drawings of every part, so repairs are easy.',
      'County drops protest rules\n\nThe county council voted on Tuesday to repeal its protest permit rules.',
      'City computers down\n\nA ransomware attack shut down the computers of the city of Dayton on Tuesday.',
      'Warning\n\nOfficials in Kabul warned on Monday that militants could attack the capital.',
      'Senator in Dayton\n\nThe senator spoke at a rally in Dayton, Ohio, on Monday about jobs.',
      'Drug raid\n\nPolice arrested six people on Monday during a narcotics investigation in Dayton, Ohio.',
    ]) assert.deepEqual(run(text).incidents.map((i) => i.type), [], text);
  });

  it('still reports an incident told in the past, in a headline\'s present, and an arrest in a conflict', () => {
    assert.equal(run('Blast in Jos\n\nA bomb exploded in a market in Jos, Nigeria, on Tuesday, killing four people.').incidents[0]?.type, 'bombing');
    assert.ok(run('Gunmen storm hotel in Kabul\n\nGunmen stormed a hotel in Kabul on Monday and held guests for hours, officials said.').incidents.length >= 1);
    assert.deepEqual(run('Gunmen storm hotel in Kabul\n\nThe hotel reopened on Monday.').incidents, [], 'a headline alone is not evidence');
    assert.equal(run('Arrests in Kunduz\n\nAfghan troops detained two Taliban commanders in Kunduz on Monday.').incidents[0]?.type, 'strategic_development');
  });
});

describe('a follow-up report', () => {
  it('reports the incident when its lede tells it in the perfect', () => {
    assert.equal(run('Bombing toll rises\n\nThe toll from Sunday\'s car bomb at a checkpoint in Kismayo, Somalia, has risen to nine, police said.').incidents.length, 1);
  });
});

describe('learned event reading (events.ts, trained on MUC-4 by scripts/train-events.ts)', () => {
  const events = (text: string) => { const doc = run(text); return { doc, reading: readEvents(doc) }; };
  const threshold = () => eventModels()!.meta.eventThreshold;

  it('tells a reported incident and its kind from a generic, hypothetical or non-conflict sentence', () => {
    assert.ok(eventModels(), 'the shipped model loads');
    const reported: [string, string][] = [
      ['Gunmen kidnapped the mayor of a small river town on Tuesday, police said.', 'KIDNAPPING'],
      ['Guerrillas set fire to three buses at a depot in the capital on Monday night.', 'ARSON'],
      ['A bomb placed by urban commandos destroyed an electricity pylon near the capital.', 'BOMBING'],
      ['Unidentified gunmen shot dead a local judge outside his home on Wednesday.', 'ATTACK'],
    ];
    for (const [text, kind] of reported) {
      const [s] = events(text).reading.sentences;
      assert.equal(s.type, kind, text);
      assert.ok(s.margin > threshold(), `${text}: ${s.margin}`);
    }
    for (const text of [
      'Car bombs are a common weapon in countries such as these, analysts say.',
      'The rebels could attack the capital if the talks fail.',
      'The new phone has a brighter screen and a longer battery life than last year\'s model.',
      'The recipe calls for two cups of flour and a pinch of salt.',
    ]) {
      const { doc, reading } = events(text);
      assert.ok(reading.sentences.every((s) => s.margin <= threshold()), text);
      assert.equal(doc.incidents.length, 0, text);
    }
  });

  it('makes no incident of what the model alone reads: a crash\'s dead are no attack', () => {
    const doc = run('Tour guide wins award\n\nA local tour guide won a regional prize on Monday.\n\nThe prize is given every year.\n\nLast month two pilots were killed when their small plane crashed into a hillside.');
    assert.equal(doc.incidents.length, 0, JSON.stringify(doc.incidents.map((i) => i.type)));
  });

  it('types kidnappings and arson as incidents of their own kinds', () => {
    assert.equal(run('Armed men abducted two engineers from a road camp late on Sunday.').incidents[0]?.type, 'abduction');
    assert.equal(run('Guerrillas set fire to three buses at a depot in the capital on Monday night.').incidents[0]?.type, 'arson');
  });

  it('reads the perpetrator from the agent of the attack verb, active or passive ("by"), and the victim by name', () => {
    const kidnap = run('Rebels kidnapped the businessman Tomas Arvelo Quintana near his farm on Tuesday.').incidents[0];
    assert.ok(kidnap.actors.some((a) => a.name === 'Rebels' && a.role === 'attacker'), JSON.stringify(kidnap.actors));
    assert.ok(kidnap.actors.some((a) => /Arvelo Quintana$/.test(a.name) && a.role === 'target' && a.kind === 'person'), JSON.stringify(kidnap.actors));
    const bomb = run('A bomb placed by urban commandos destroyed an electricity pylon near the capital.').incidents[0];
    assert.ok(bomb.actors.some((a) => a.name === 'urban commandos' && a.role === 'attacker'), JSON.stringify(bomb.actors));
  });

  it('lists what was hit and with what on the incident, not among its actors, with offsets into the text', () => {
    const doc = run('A car bomb exploded outside the police headquarters on Friday, killing four officers.');
    const inc = doc.incidents[0];
    assert.deepEqual(inc.weapons?.map((w) => w.text), ['car bomb']);
    assert.ok(inc.targets?.some((t) => /headquarters$/.test(t.text)), JSON.stringify(inc.targets));
    for (const x of [...(inc.weapons ?? []), ...(inc.targets ?? [])]) assert.equal(doc.text.slice(x.start, x.end), x.text);
    assert.ok(!inc.actors.some((a) => /bomb|headquarters/.test(a.name)), JSON.stringify(inc.actors));
  });

  it('reads nothing without the model, and the rules still find the incident', () => {
    useEventModels(null);
    try {
      const doc = run('Gunmen attacked a wedding party on Tuesday, killing two guests.');
      assert.deepEqual(readEvents(doc), { sentences: [], roles: [] });
      assert.equal(doc.incidents[0]?.type, 'armed_attack');
    } finally {
      useEventModels(undefined);
    }
  });
});

describe('actor roles read from the tree', () => {
  const actors = (text: string) => run(text).incidents.flatMap((i) => i.actors);
  it('does not take a speaker who calls the blast an attack as its attacker', () => {
    const found = actors('A parcel bomb exploded outside a bakery in the old town on Friday, in what Mayor Helena Strand called an "attack on all of us."');
    assert.ok(!found.some((a) => /Strand/.test(a.name) && a.role === 'attacker'), JSON.stringify(found));
  });
  it('takes a group after "on" as a target only when the phrase hangs on an attack', () => {
    const found = actors('Rebels attacked an army post near the border on Tuesday, killing three soldiers. The region was spared the famine inflicted on their Kurdish neighbours.');
    assert.ok(!found.some((a) => /Kurdish/.test(a.name)), JSON.stringify(found));
    assert.ok(actors('Militants launched an attack on police in the hills on Monday, killing two officers.').some((a) => a.name === 'police' && a.role === 'target'));
  });
  it('keeps the author of strikes named in a compound ("the U.S. drone programme")', () => {
    const found = actors('Drone strikes killed five militants in the valley on Sunday, expanding the U.S. drone programme.');
    assert.ok(found.some((a) => /U\.S\./.test(a.name) && a.role === 'attacker'), JSON.stringify(found));
  });
  it('drops a name inside a place\'s name as a victim', () => {
    const found = actors('A bomb exploded on Rue Simone Arnaud in the city centre on Monday, wounding a passer-by.');
    assert.ok(!found.some((a) => a.kind === 'person' && /Simone Arnaud/.test(a.name)), JSON.stringify(found));
  });
});
