// A benchmark set's scorer: predict per item (runs our pipeline), accumulate, finish into metrics.
// `add` and `finish` are pure so tests can feed hand-made items and predictions.
export interface SetScorer<Item, Pred, State> {
  task: string;
  /** Stages this task needs; when one has not run, the set scores 0 and says "not built". */
  needs: string[];
  /** `manifest`: the set's manifest.json, for conventions a set states there (e.g. `cue_optional`). */
  predict(item: Item, manifest?: Record<string, unknown>): Pred;
  init(): State;
  add(state: State, item: Item, pred: Pred): void;
  finish(state: State): Record<string, number>;
}

export interface SpanText { start: number; end: number; text?: string; fragments?: { start: number; end: number }[] }

/** Overlap in characters of a and b, counting only b's fragments when it has them. */
export function overlap(a: { start: number; end: number }, b: SpanText): number {
  const parts = b.fragments?.length ? b.fragments : [b];
  let n = 0;
  for (const p of parts) n += Math.max(0, Math.min(a.end, p.end) - Math.max(a.start, p.start));
  return n;
}

export function spanLength(b: SpanText): number {
  const parts = b.fragments?.length ? b.fragments : [b];
  return parts.reduce((n, p) => n + (p.end - p.start), 0);
}

export const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
