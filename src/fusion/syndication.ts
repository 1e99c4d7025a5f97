// Syndicated copies: one wire story run by several outlets (or one outlet twice) with near-identical
// text. Each report keeps a bottom-k MinHash sketch of its word 5-shingles (Broder 1997): the k smallest
// shingle hashes. The Jaccard similarity of two texts' shingle sets is estimated from their sketches as
// the share of the union's k smallest hashes found in both. Copies count as one source in the grade and
// the toll; they stay reports of the incident (each with its own outlet).
const SHINGLE = 5;
export const SKETCH_SIZE = 64;
/** Estimated shingle Jaccard at or above which two texts are copies of one story (edited copies keep most
 * 5-word runs; two outlets writing up one police statement share far fewer). */
export const COPY_JACCARD = 0.6;

/** FNV-1a, 32 bits: fast, and stable across runs and machines (sketches are stored). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function sketch(text: string, k = SKETCH_SIZE): number[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE <= words.length; i++) hashes.add(fnv1a(words.slice(i, i + SHINGLE).join(' ')));
  if (!hashes.size && words.length) hashes.add(fnv1a(words.join(' ')));
  return [...hashes].sort((a, b) => a - b).slice(0, k);
}

/** Estimated Jaccard similarity of the two texts' shingle sets (0 when either is empty). */
export function resemblance(a: number[], b: number[]): number {
  if (!a.length || !b.length) return 0;
  const k = Math.min(SKETCH_SIZE, Math.max(a.length, b.length));
  const inB = new Set(b);
  const inA = new Set(a);
  const union = [...new Set([...a, ...b])].sort((x, y) => x - y).slice(0, k);
  let both = 0;
  for (const h of union) if (inA.has(h) && inB.has(h)) both++;
  return both / union.length;
}

export const isCopy = (a: number[], b: number[]) => resemblance(a, b) >= COPY_JACCARD;
