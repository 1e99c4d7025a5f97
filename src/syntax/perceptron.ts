// Averaged perceptron over hashed features, the learner behind the syntax stage's tagger, parser and
// labeller. A feature is a 32-bit hash (template id mixed with the atoms it reads: word hashes, tag ids,
// distances), so extraction builds no strings. Training keeps dense weights over 2^bits buckets;
// the shipped form keeps only the buckets that matter, each with its few non-zero classes (CSR), in an
// open-addressing table: small on disk, small in memory, and one probe per feature when scoring.

/** Mix two 32-bit values into one (murmur3's finaliser over a multiply-xor). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) | 0;
}

/** FNV-1a hash of a string: a word's atom, computed once per token. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Something that sums a feature set's weights into per-class scores. */
export interface Scorer {
  readonly classes: number;
  /** scores[k] = sum over features of weight(feature, k); `n` features taken from `feats`. */
  score(feats: Int32Array, n: number, scores: Float64Array): void;
}

/** Training form: dense weights and the running sums that averaging needs (Daume's trick). */
export class TrainablePerceptron implements Scorer {
  readonly weights: Float32Array;
  private readonly sums: Float64Array;
  private readonly shift: number;
  private time = 1;

  constructor(readonly classes: number, readonly bits: number) {
    this.weights = new Float32Array((1 << bits) * classes);
    this.sums = new Float64Array((1 << bits) * classes);
    this.shift = 32 - bits;
  }

  bucket(feature: number): number {
    return feature >>> this.shift;
  }

  score(feats: Int32Array, n: number, scores: Float64Array): void {
    const C = this.classes, w = this.weights;
    scores.fill(0);
    for (let i = 0; i < n; i++) {
      const base = (feats[i] >>> this.shift) * C;
      for (let k = 0; k < C; k++) scores[k] += w[base + k];
    }
  }

  /** One perceptron step: towards `gold`, away from `guess` (no-op when they agree). */
  update(feats: Int32Array, n: number, gold: number, guess: number): void {
    this.time++;
    if (gold === guess) return;
    const C = this.classes, w = this.weights, u = this.sums, t = this.time;
    for (let i = 0; i < n; i++) {
      const base = (feats[i] >>> this.shift) * C;
      w[base + gold] += 1;
      u[base + gold] += t;
      w[base + guess] -= 1;
      u[base + guess] -= t;
    }
  }

  /** Count an instance that made no update (averaging weighs each instance equally). */
  tick(): void {
    this.time++;
  }

  /**
   * The averaged weights, pruned and quantised: buckets whose largest |weight| is below `threshold`
   * are dropped, the rest keep their classes with |weight| >= threshold / 4.
   */
  export(threshold: number, scale = 256): SparseModelData {
    const C = this.classes, w = this.weights, u = this.sums, t = this.time;
    const buckets: number[] = [];
    const counts: number[] = [];
    const classIds: number[] = [];
    const values: number[] = [];
    const avg = new Float64Array(C);
    for (let b = 0; b < 1 << this.bits; b++) {
      let max = 0;
      for (let k = 0; k < C; k++) {
        const i = b * C + k;
        avg[k] = w[i] - u[i] / t;
        if (Math.abs(avg[k]) > max) max = Math.abs(avg[k]);
      }
      if (max < threshold) continue;
      let count = 0;
      for (let k = 0; k < C; k++) {
        const q = Math.round(avg[k] * scale);
        if (Math.abs(avg[k]) < threshold / 4 || q === 0) continue;
        classIds.push(k);
        values.push(Math.max(-32768, Math.min(32767, q)));
        count++;
      }
      if (count === 0) continue;
      buckets.push(b);
      counts.push(count);
    }
    return { classes: C, bits: this.bits, scale, buckets, counts, classIds, values };
  }
}

/** The serialisable form of a pruned model (see TrainablePerceptron.export). */
export interface SparseModelData {
  classes: number;
  bits: number;
  scale: number;
  /** Kept bucket ids, ascending. */
  buckets: number[] | Uint32Array;
  /** Number of non-zero classes of each kept bucket. */
  counts: number[] | Uint8Array;
  /** Class of each non-zero weight, bucket by bucket. */
  classIds: number[] | Uint8Array;
  /** Quantised weight (x scale) of each non-zero weight. */
  values: number[] | Int16Array;
}

/**
 * Run-time form: an open-addressing table from bucket to its weights. Each slot holds the bucket id and,
 * inline, either its dense row (models of few classes, such as the parser's three moves) or where its
 * run of (class, weight) pairs starts and ends: one probe touches one cache line, which is most of the
 * cost of scoring a large model.
 */
export class SparsePerceptron implements Scorer {
  readonly classes: number;
  private readonly shift: number;
  private readonly mask: number;
  /** Slot s: ints[s * stride] = bucket id (-1 empty); then the row (dense) or start, end (runs). */
  private readonly ints: Int32Array;
  private readonly floats: Float32Array;
  private readonly stride: number;
  private readonly dense: boolean;
  private readonly classIds: Uint8Array;
  private readonly weights: Float32Array;

  constructor(data: SparseModelData) {
    const C = (this.classes = data.classes);
    this.shift = 32 - data.bits;
    const n = data.buckets.length;
    let size = 16;
    while (size < n * 1.3) size <<= 1; // a smaller table is fewer cache misses; probes stay short
    this.mask = size - 1;
    this.dense = C <= 4;
    this.stride = this.dense ? 1 + C : 3;
    const buffer = new ArrayBuffer(size * this.stride * 4);
    this.ints = new Int32Array(buffer);
    this.floats = new Float32Array(buffer);
    for (let s = 0; s < size; s++) this.ints[s * this.stride] = -1;
    this.classIds = this.dense ? new Uint8Array(0) : Uint8Array.from(data.classIds);
    this.weights = new Float32Array(this.dense ? 0 : data.values.length);
    if (!this.dense) for (let i = 0; i < data.values.length; i++) this.weights[i] = data.values[i] / data.scale;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const b = data.buckets[i];
      let h = Math.imul(b, 0x9e3779b1) & this.mask;
      while (this.ints[h * this.stride] !== -1) h = (h + 1) & this.mask;
      const base = h * this.stride;
      this.ints[base] = b;
      const count = data.counts[i];
      if (this.dense) for (let j = at; j < at + count; j++) this.floats[base + 1 + data.classIds[j]] = data.values[j] / data.scale;
      else { this.ints[base + 1] = at; this.ints[base + 2] = at + count; }
      at += count;
    }
  }

  score(feats: Int32Array, n: number, scores: Float64Array): void {
    scores.fill(0);
    const { ints, floats, mask, stride, classIds, weights, shift } = this;
    const C = this.classes;
    const dense = this.dense;
    for (let i = 0; i < n; i++) {
      const b = feats[i] >>> shift;
      for (let h = Math.imul(b, 0x9e3779b1) & mask; ; h = (h + 1) & mask) {
        const base = h * stride;
        const k = ints[base];
        if (k === b) {
          if (dense) for (let j = 0; j < C; j++) scores[j] += floats[base + 1 + j];
          else for (let j = ints[base + 1], e = ints[base + 2]; j < e; j++) scores[classIds[j]] += weights[j];
          break;
        }
        if (k === -1) break;
      }
    }
  }
}

/** Index of the highest score; `except` (when >= 0) is never chosen. No callback: this runs per word. */
export function argmax(scores: Float64Array, except = -1): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let k = 0; k < scores.length; k++) {
    if (scores[k] > bestScore && k !== except) {
      best = k;
      bestScore = scores[k];
    }
  }
  return best;
}
