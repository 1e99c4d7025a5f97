// Document frequencies of words in general news text, for fusion's TF-IDF similarity of event
// sentences (src/fusion/features.ts): a word most news stories use ("police", "said") says little about
// whether two reports tell one event; a rare one (a street, a surname) says much. Counted over the
// training texts only (../shared/training: polnear-train, muc-train, conll-train, geovirus-train),
// lower-cased word forms, kept when at least 3 documents use them. Writes models/fusion-idf.json.gz.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const TRAINING = process.env.SITREP_TRAINING ?? join(import.meta.dirname, '..', '..', 'shared', 'training');
const SETS = ['polnear-train', 'muc-train', 'conll-train', 'geovirus-train'];
const MIN_DF = 3;

const df = new Map<string, number>();
let documents = 0;
for (const set of SETS) {
  const lines = readFileSync(join(TRAINING, set, 'items.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  for (const line of lines) {
    const { text } = JSON.parse(line) as { text: string };
    documents++;
    for (const w of new Set(text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
  }
}
const kept = [...df.entries()].filter(([, n]) => n >= MIN_DF).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const out = { documents, min_df: MIN_DF, sets: SETS, df: Object.fromEntries(kept) };
writeFileSync(join(import.meta.dirname, '..', 'models', 'fusion-idf.json.gz'), gzipSync(JSON.stringify(out), { level: 9 }));
console.log(`${documents} documents, ${kept.length} words kept`);
