// Inverse document frequencies of words in general news (models/fusion-idf.json.gz, built by
// scripts/build-fusion-idf.ts from the training texts), loaded once, lazily.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const FILE = join(import.meta.dirname, '..', '..', 'models', 'fusion-idf.json.gz');

let table: { idf: Map<string, number>; unseen: number } | undefined;
let rawTable: { documents: number; df: Record<string, number> } | undefined;

function loadRaw() {
  if (rawTable) return rawTable;
  try {
    rawTable = JSON.parse(gunzipSync(readFileSync(FILE)).toString('utf8')) as { documents: number; df: Record<string, number> };
  } catch (e) {
    throw new Error(`${FILE}: cannot read the fusion word frequencies (${(e as Error).message}); rebuild with npm run build:fusion-idf`);
  }
  return rawTable;
}

function load() {
  if (table) return table;
  const raw = loadRaw();
  const idf = new Map<string, number>();
  for (const [w, n] of Object.entries(raw.df)) idf.set(w, Math.log((raw.documents + 1) / (n + 1)));
  // A word the news texts never used (or used fewer than 3 times) is as telling as the rarest kept.
  table = { idf, unseen: Math.log((raw.documents + 1) / 2) };
  return table;
}

export function idfOf(word: string): number {
  const t = load();
  return t.idf.get(word) ?? t.unseen;
}

/**
 * Document frequencies of the reports fused so far, added to the news counts: words every shooting
 * report uses ("shooting", "year-old", "hospital") are rare in general news but say nothing here.
 */
export class StreamIdf {
  private df = new Map<string, number>();
  private n = 0;
  constructor(private raw = loadRaw()) {}

  observe(terms: Record<string, number>): void {
    this.n++;
    for (const w of Object.keys(terms)) this.df.set(w, (this.df.get(w) ?? 0) + 1);
  }

  idf(word: string): number {
    const seen = this.df.get(word) ?? 0;
    const news = this.raw.df[word] ?? 0;
    return Math.log((this.raw.documents + this.n + 1) / (news + seen + 1));
  }
}
