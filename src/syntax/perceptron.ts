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
 * Run-time form: an open-addressing table from bucket to its weights. Models of few classes (the parser's
 * three moves) keep each bucket's dense row inline, as 16-bit integers beside a 16-bit fingerprint of the
 * bucket: 8 bytes a slot, so the table is half the size and a probe touches one cache line. (A bucket the
 * model pruned can match another's fingerprint about once in 65,000 probes: it then reads that row.)
 * Larger models keep, per slot, the bucket id and where its run of (class, weight) pairs starts and ends.
 */
export class SparsePerceptron implements Scorer {
  readonly classes: number;
  private readonly shift: number;
  private readonly mask: number;
  private readonly dense: boolean;
  /** Dense: slot s holds [fingerprint (0 = empty), weight of class 0, 1, 2] at s * 4. */
  private readonly rows: Int16Array;
  private readonly invScale: number;
  /** Runs: slot s holds [bucket id (-1 = empty), start, end] at s * 3. */
  private readonly ints: Int32Array;
  private readonly classIds: Uint8Array;
  private readonly weights: Float32Array;

  constructor(data: SparseModelData) {
    const C = (this.classes = data.classes);
    this.shift = 32 - data.bits;
    this.invScale = 1 / data.scale;
    const n = data.buckets.length;
    let size = 16;
    while (size < n * 1.3) size <<= 1; // a smaller table is fewer cache misses; probes stay short
    this.mask = size - 1;
    this.dense = C <= DENSE_CLASSES;
    this.rows = new Int16Array(this.dense ? size * 4 : 0);
    this.ints = new Int32Array(this.dense ? 0 : size * 3).fill(-1);
    this.classIds = this.dense ? new Uint8Array(0) : Uint8Array.from(data.classIds);
    this.weights = new Float32Array(this.dense ? 0 : data.values.length);
    if (!this.dense) for (let i = 0; i < data.values.length; i++) this.weights[i] = data.values[i] / data.scale;
    let at = 0;
    for (let i = 0; i < n; i++) {
      const b = data.buckets[i];
      const count = data.counts[i];
      let h = slotOf(b) & this.mask;
      if (this.dense) {
        while (this.rows[h * 4] !== 0) h = (h + 1) & this.mask;
        this.rows[h * 4] = fingerprint(b);
        for (let j = at; j < at + count; j++) this.rows[h * 4 + 1 + data.classIds[j]] = data.values[j];
      } else {
        while (this.ints[h * 3] !== -1) h = (h + 1) & this.mask;
        this.ints[h * 3] = b;
        this.ints[h * 3 + 1] = at;
        this.ints[h * 3 + 2] = at + count;
      }
      at += count;
    }
  }

  score(feats: Int32Array, n: number, scores: Float64Array): void {
    scores.fill(0);
    const { mask, shift } = this;
    if (this.dense) {
      const rows = this.rows;
      let a = 0, b = 0, c = 0;
      for (let i = 0; i < n; i++) {
        const bucket = feats[i] >>> shift;
        const f = fingerprint(bucket);
        for (let h = slotOf(bucket) & mask; ; h = (h + 1) & mask) {
          const k = rows[h << 2];
          if (k === f) { a += rows[(h << 2) + 1]; b += rows[(h << 2) + 2]; c += rows[(h << 2) + 3]; break; }
          if (k === 0) break;
        }
      }
      const s = this.invScale;
      scores[0] = a * s;
      if (scores.length > 1) scores[1] = b * s;
      if (scores.length > 2) scores[2] = c * s;
      return;
    }
    const { ints, classIds, weights } = this;
    for (let i = 0; i < n; i++) {
      const b = feats[i] >>> shift;
      for (let h = slotOf(b) & mask; ; h = (h + 1) & mask) {
        const k = ints[h * 3];
        if (k === b) {
          for (let j = ints[h * 3 + 1], e = ints[h * 3 + 2]; j < e; j++) scores[classIds[j]] += weights[j];
          break;
        }
        if (k === -1) break;
      }
    }
  }
}

/** Models of up to this many classes keep dense rows. */
const DENSE_CLASSES = 3;
const slotOf = (bucket: number) => Math.imul(bucket, 0x9e3779b1);
/** 16 bits of the bucket id other than those its slot is drawn from; never 0 (the empty mark). */
const fingerprint = (bucket: number) => {
  const v = Math.imul(bucket ^ (bucket >>> 11), 0x85ebca6b) >> 16; // as an Int16Array reads it back
  return v === 0 ? 1 : v;
};

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
