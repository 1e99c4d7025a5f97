// Bisection over a document's layers: sentences, sections, tokens, mentions, quotes and claims are all
// kept in text order, so a lookup by offset is a binary search, never a scan.

/** Index of the first element whose key is >= value (length when none), in a list sorted by that key. */
export function lowerBound<T>(list: readonly T[], value: number, key: (x: T) => number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (key(list[mid]) < value) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Index of the last element starting at or before an offset (-1 when none); offsets are whole numbers. */
export function lastStartingAtOrBefore<T extends { start: number }>(list: readonly T[], offset: number): number {
  return lowerBound(list, offset + 1, (x) => x.start) - 1;
}
