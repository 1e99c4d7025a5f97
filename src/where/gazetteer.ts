// The shipped gazetteer (data/gazetteer.tsv.gz, built by scripts/build-gazetteer.ts), loaded once.
// Keys (folded names and consonant skeletons) are sorted at build time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { COUNTRY_POINTS } from './conventions.ts';
import { foldName, skeleton } from './fold.ts';

export const GAZETTEER_PATH = fileURLToPath(new URL('../../data/gazetteer.tsv.gz', import.meta.url));

export interface Place {
  index: number;
  id: string;
  name: string;
  lat: number;
  lon: number;
  country: string;
  admin1: string;
  /** GeoNames feature code (PPL, PPLA, PPLC...), PCLI for countries, RGN/STM/SEA/ADM1 for our regions. */
  feature: string;
  population: number;
  /** Alternate names as the gazetteer row lists them. */
  alternates: string[];
}

/**
 * Lookups binary-search the artefact's sorted key section; rows are parsed only when returned. Nothing
 * is indexed at load time, so loading is a gunzip and one scan for line starts.
 */
export class Gazetteer {
  private readonly text: string;
  private readonly rowStarts: Uint32Array;
  private readonly keyStarts: Uint32Array;
  /** Demonym (lowercase) -> ISO country code. */
  readonly demonyms = new Map<string, string>();
  /** ISO code -> row of the country entry. */
  readonly countries = new Map<string, number>();

  constructor(text: string) {
    this.text = text;
    const sections = new Map<string, number>();
    const starts: number[] = [];
    for (let pos = 0; pos < text.length; ) {
      const nl = text.indexOf('\n', pos);
      const end = nl < 0 ? text.length : nl;
      if (text.charCodeAt(pos) === 35 /* # */ && end - pos < 16) sections.set(text.slice(pos, end), starts.length);
      starts.push(pos);
      pos = end + 1;
    }
    const slice = (from: string, to: string) => Uint32Array.from(starts.slice(sections.get(from)! + 1, sections.get(to)!));
    this.rowStarts = slice('#rows', '#keys');
    this.keyStarts = slice('#keys', '#countries');
    for (const start of slice('#countries', '#demonyms')) {
      const [code, row] = this.line(start).split('\t');
      this.countries.set(code, +row);
    }
    for (const start of slice('#demonyms', '#end')) {
      const [code, m, f] = this.line(start).split('\t');
      this.demonyms.set(m.toLowerCase(), code);
      if (f) this.demonyms.set(f.toLowerCase(), code);
    }
  }

  private line(start: number): string {
    const nl = this.text.indexOf('\n', start);
    return this.text.slice(start, nl < 0 ? undefined : nl);
  }

  // Parsed rows, kept: news names the same countries and cities over and over. Bounded for long runs.
  private parsed = new Map<number, Place>();

  get(row: number): Place {
    const hit = this.parsed.get(row);
    if (hit) return hit;
    if (this.parsed.size > 50_000) this.parsed.clear();
    const place = this.parse(row);
    this.parsed.set(row, place);
    return place;
  }

  private parse(row: number): Place {
    const f = this.line(this.rowStarts[row]).split('\t');
    // Country points follow the GeoNames convention (conventions.ts).
    const point = f[6] === 'PCLI' ? COUNTRY_POINTS[f[4]] : undefined;
    if (point) [f[2], f[3]] = [String(point[0]), String(point[1])];
    return { index: row, id: f[0], name: f[1], lat: +f[2], lon: +f[3], country: f[4], admin1: f[5], feature: f[6], population: +f[7], alternates: f[8] ? f[8].split(',') : [] };
  }

  private find(key: string): number[] | undefined {
    let lo = 0;
    let hi = this.keyStarts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = this.keyStarts[mid];
      const candidate = this.text.slice(start, this.text.indexOf('\t', start));
      if (candidate === key) return this.line(start).slice(key.length + 1).split(',').map(Number);
      if (candidate < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Entries whose name or alternate name folds to the same key; else, same consonant skeleton. */
  lookup(name: string): Place[] {
    return this.match(name).places;
  }

  /**
   * Like lookup, and says whether the match was only by a spelling variant (a weaker match): a long-vowel
   * spelling ("Heet" = "Hit", "Mahmoudiyah" = "Mahmudiyah") or the consonant skeleton. Skeleton matches
   * are kept only when one of the place's names is a near spelling of the query, so short, common
   * skeletons ("Twitter", "Karen") do not reach arbitrary places.
   */
  match(name: string): { places: Place[]; bySkeleton: boolean } {
    const key = foldName(name);
    if (!key) return { places: [], bySkeleton: false };
    // News repeats its place names: a name is looked up once per process (bounded, as the tagger's cache).
    let found = this.matches.get(key);
    if (!found) {
      found = this.matchKey(key);
      if (this.matches.size > 50_000) this.matches.clear();
      this.matches.set(key, found);
    }
    return found;
  }

  private readonly matches = new Map<string, { places: Place[]; bySkeleton: boolean }>();

  private matchKey(key: string): { places: Place[]; bySkeleton: boolean } {
    const exact = this.find(key);
    if (exact) return { places: exact.map((r) => this.get(r)), bySkeleton: false };
    const variant = vowelVariant(key);
    if (variant !== key) {
      const rows = this.find(variant);
      if (rows) return { places: rows.map((r) => this.get(r)), bySkeleton: true };
    }
    const rows = key.length >= 5 ? this.find('~' + skeleton(key)) : undefined;
    if (!rows) return { places: [], bySkeleton: true };
    const query = spellingKey(key);
    const near = rows.map((r) => this.get(r)).filter((p) => [p.name, ...p.alternates].some((n) => nearSpellingKeys(query, spellingKey(foldName(n)))));
    return { places: near, bySkeleton: true };
  }

  get size(): number {
    return this.rowStarts.length;
  }
}

/** Long vowels written doubled or as digraphs in English transliteration: "ee" = "i", "oo"/"ou" = "u". */
export function vowelVariant(folded: string): string {
  return folded.replace(/ee/g, 'i').replace(/oo|ou/g, 'u').replace(/([^aeiou ])h\b/g, '$1');
}

/**
 * Two folded names are near spellings when, with "dh/th/kh/gh" read as one letter and doubled letters
 * collapsed, they differ in at most a quarter of their letters (and at least share the first letter).
 */
export function nearSpelling(a: string, b: string): boolean {
  return nearSpellingKeys(spellingKey(a), spellingKey(b));
}

/** A folded name as nearSpelling compares it: long vowels, "dh/th/kh/gh", "q", doubled letters and spaces evened out. */
function spellingKey(s: string): string {
  return vowelVariant(s).replace(/([dtkg])h/g, '$1').replace(/q/g, 'k').replace(/(.)\1+/g, '$1').replace(/ /g, '');
}

function nearSpellingKeys(x: string, y: string): boolean {
  if (!x || !y || x[0] !== y[0]) return false;
  // "Baghdadi", "Halabi": the nisba of a place is a surname or an adjective, not the place.
  if (x === y + 'i') return false;
  const limit = Math.max(1, Math.floor(Math.max(x.length, y.length) / 4));
  if (Math.abs(x.length - y.length) > limit) return false;
  return editDistance(x, y, limit) <= limit;
}

/** Levenshtein distance, stopping early once every path exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < best) best = cur[j];
    }
    if (best > limit) return best;
    prev = cur;
  }
  return prev[b.length];
}

let loaded: Gazetteer | undefined;

export function loadGazetteer(): Gazetteer {
  if (!loaded) {
    let tsv: string;
    try {
      tsv = gunzipSync(readFileSync(GAZETTEER_PATH)).toString('utf8');
    } catch (e) {
      throw new Error(`cannot load the gazetteer at ${GAZETTEER_PATH} (${(e as Error).message}); rebuild it with npm run build:gazetteer`);
    }
    loaded = new Gazetteer(tsv);
  }
  return loaded;
}

let admin1Names: Map<string, string> | undefined;

/** The name of a GeoNames first-level division ("SY", "07" -> "Deir ez-Zor Governorate"); data/admin1.tsv. */
export function admin1Name(country: string, code: string): string | undefined {
  if (!admin1Names) {
    admin1Names = new Map();
    const file = new URL('../../data/admin1.tsv', import.meta.url);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [cc, c, name] = line.split('\t');
      admin1Names.set(`${cc}.${c}`, name);
    }
  }
  return admin1Names.get(`${country}.${code}`);
}
