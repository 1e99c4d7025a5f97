// The shipped syntax models as one gzipped file: a JSON header (lexical data: labels, tag dictionary,
// lemma rules) followed by each perceptron's arrays in binary. Bucket ids are stored as gaps so the
// file compresses well; arrays are copied out on load, so nothing depends on the buffer's alignment.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SparseModelData } from './perceptron.ts';

interface Header<M> {
  format: 'sitrep-syntax';
  version: number;
  meta: M;
  models: Record<string, { classes: number; bits: number; scale: number; buckets: number; weights: number }>;
}

export function packModels<M>(meta: M, models: Record<string, SparseModelData>): Buffer {
  const header: Header<M> = { format: 'sitrep-syntax', version: 1, meta, models: {} };
  const blobs: Buffer[] = [];
  for (const [name, m] of Object.entries(models)) {
    header.models[name] = { classes: m.classes, bits: m.bits, scale: m.scale, buckets: m.buckets.length, weights: m.values.length };
    const gaps = new Uint32Array(m.buckets.length);
    let last = 0;
    for (let i = 0; i < m.buckets.length; i++) { gaps[i] = m.buckets[i] - last; last = m.buckets[i]; }
    blobs.push(Buffer.from(gaps.buffer), Buffer.from(Uint8Array.from(m.counts)), Buffer.from(Uint8Array.from(m.classIds)), Buffer.from(Int16Array.from(m.values).buffer));
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return gzipSync(Buffer.concat([length, json, ...blobs]), { level: 9 });
}

export function unpackModels<M>(file: Buffer, origin: string): { meta: M; models: Record<string, SparseModelData> } {
  const raw = gunzipSync(file);
  const length = raw.readUInt32LE(0);
  const header = JSON.parse(raw.subarray(4, 4 + length).toString('utf8')) as Header<M>;
  if (header.format !== 'sitrep-syntax' || header.version !== 1) throw new Error(`${origin}: not a sitrep syntax model (version ${header.version})`);
  let at = 4 + length;
  const take = (bytes: number) => { const b = raw.subarray(at, at + bytes); at += bytes; return new Uint8Array(b); };
  const models: Record<string, SparseModelData> = {};
  for (const [name, h] of Object.entries(header.models)) {
    const buckets = new Uint32Array(take(h.buckets * 4).buffer);
    for (let i = 1; i < buckets.length; i++) buckets[i] += buckets[i - 1];
    const counts = take(h.buckets);
    const classIds = take(h.weights);
    const values = new Int16Array(take(h.weights * 2).buffer);
    models[name] = { classes: h.classes, bits: h.bits, scale: h.scale, buckets, counts, classIds, values };
  }
  if (at !== raw.length) throw new Error(`${origin}: truncated or padded syntax model`);
  return { meta: header.meta, models };
}
