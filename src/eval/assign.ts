// Optimal one-to-one pairing (the assignment problem), Hungarian algorithm with potentials, O(n² m).
// Used wherever eval pairs system items with gold items by a score: the best total, not the greedy
// first come first served.

/**
 * A maximum-weight one-to-one matching of rows to columns: the pairs [row, column] whose weights sum
 * highest. A pair of weight <= 0 (or not finite: use -Infinity for "may not pair") adds nothing and is
 * never returned, so rows and columns may stay unmatched. Pairs come in row order.
 */
export function assignMax(weights: number[][]): [number, number][] {
  const rows = weights.length;
  const cols = rows ? Math.max(...weights.map((r) => r.length)) : 0;
  if (!rows || !cols) return [];
  const w = (i: number, j: number) => { const x = weights[i][j]; return Number.isFinite(x) && x > 0 ? x : 0; };
  // The solver needs rows <= columns: solve the transpose otherwise.
  const flip = rows > cols;
  const n = flip ? cols : rows, m = flip ? rows : cols;
  const cost = (i: number, j: number) => -(flip ? w(j, i) : w(i, j));
  const u = new Float64Array(n + 1), v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1), way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity, j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
        if (minv[j] < delta) { delta = minv[j]; j1 = j; }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) { u[p[j]] += delta; v[j] -= delta; } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do { const j1 = way[j0]; p[j0] = p[j1]; j0 = j1; } while (j0);
  }
  const pairs: [number, number][] = [];
  for (let j = 1; j <= m; j++) {
    if (!p[j]) continue;
    const [r, c] = flip ? [j - 1, p[j] - 1] : [p[j] - 1, j - 1];
    if (w(r, c) > 0) pairs.push([r, c]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}
