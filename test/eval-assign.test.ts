import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignMax } from '../src/eval/assign.ts';

const total = (w: number[][], pairs: [number, number][]) => pairs.reduce((s, [i, j]) => s + w[i][j], 0);

/** Best total by trying every partial one-to-one matching (small sizes only). */
function brute(w: number[][]): number {
  const rows = w.length, cols = w[0]?.length ?? 0;
  const usedCols = new Set<number>();
  const go = (i: number): number => {
    if (i === rows) return 0;
    let best = go(i + 1);
    for (let j = 0; j < cols; j++) {
      if (usedCols.has(j) || !(w[i][j] > 0)) continue;
      usedCols.add(j);
      best = Math.max(best, w[i][j] + go(i + 1));
      usedCols.delete(j);
    }
    return best;
  };
  return go(0);
}

describe('assignMax (Hungarian)', () => {
  it('beats greedy where the first row takes the column another row needs', () => {
    const w = [[3, 2], [2, 0]];
    assert.deepEqual(assignMax(w), [[0, 1], [1, 0]]);
  });
  it('handles rectangular matrices both ways, empty input and forbidden pairs', () => {
    assert.deepEqual(assignMax([]), []);
    assert.deepEqual(assignMax([[], []]), []);
    assert.deepEqual(assignMax([[1, 5, 2]]), [[0, 1]]);
    assert.deepEqual(assignMax([[1], [5], [2]]), [[1, 0]]);
    // Row 1 may pair with nothing: it stays unmatched; zero-weight pairs are not returned.
    assert.deepEqual(assignMax([[4, 1], [-Infinity, -Infinity], [0, 0]]), [[0, 0]]);
  });
  it('finds the best total on random matrices (checked by exhaustive search)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let t = 0; t < 300; t++) {
      const rows = 1 + Math.floor(rand() * 5), cols = 1 + Math.floor(rand() * 5);
      const w = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rand() < 0.3 ? -Infinity : Math.floor(rand() * 6))));
      const pairs = assignMax(w);
      assert.equal(new Set(pairs.map((p) => p[0])).size, pairs.length);
      assert.equal(new Set(pairs.map((p) => p[1])).size, pairs.length);
      assert.equal(total(w, pairs), brute(w), JSON.stringify(w));
    }
  });
});

describe('corpus casualties: claims paired by assignment', () => {
  it('pairs for the most figures right, where gold order would take the wrong claim first', async () => {
    const { scoreCasualties } = await import('../src/eval/corpus.ts');
    const { createDocument } = await import('../src/model/create.ts');
    const doc = createDocument('x', { origin: 't', format: 'text' });
    const narrator = { kind: 'narrator' as const, name: 'narrator' };
    const subject = { start: 0, end: 1, text: 'villagers' };
    doc.claims = [
      { kind: 'casualties', start: 0, end: 1, source: narrator, modality: 'asserted', subject, figures: { killed: { min: 5, max: 5 }, injured: { min: 2, max: 2 } } },
      { kind: 'casualties', start: 0, end: 1, source: narrator, modality: 'asserted', subject, figures: { killed: { min: 5, max: 5 } } },
    ];
    const claim = (figures: object) => ({ source: { aliases: ['narrator'], kind: 'narrator' }, victims: { aliases: ['villagers'] }, ...figures });
    const gold = { id: 'g', text: '', published: null, incidents: [], quotes: [], entities: {},
      casualty_claims: [claim({ killed: { min: 5, max: 5 } }), claim({ killed: { min: 5, max: 5 }, injured: { min: 2, max: 2 } })] };
    const r = scoreCasualties(doc, gold as any);
    // Greedy in gold order gives the first gold claim the two-figure claim: 2 figures right, 0 claims.
    assert.deepEqual([r.figures.tp, r.figures.gold, r.figures.predicted], [3, 3, 3]);
    assert.deepEqual([r.claims.tp, r.claims.gold, r.claims.predicted], [2, 2, 2]);
  });
});
