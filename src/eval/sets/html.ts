// Article-body extraction, scored as the article-extraction-benchmark's evaluate.py: shingles of 4 tokens.
import { extractHtml } from '../../ingest/index.ts';
import type { SetScorer } from './types.ts';

export interface HtmlItem { id: string; url?: string; html: string; articleBody: string }

const TOKEN = /[\p{L}\p{N}_]+/gu;
export const tokens = (s: string) => s.match(TOKEN) ?? [];

function shingles(toks: string[], n = 4): Map<string, number> {
  const m = new Map<string, number>();
  const size = Math.min(n, toks.length);
  if (size === 0) return m;
  for (let i = 0; i + size <= toks.length; i++) {
    const k = toks.slice(i, i + size).join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

interface State { precisions: number[]; recalls: number[]; exact: number; items: number }

/** Per-item precision and recall from multiset shingle counts (normalised tp/fp/fn as in evaluate.py). */
export function itemScores(pred: string, gold: string): { precision?: number; recall?: number; exact: boolean } {
  const pt = tokens(pred);
  const gt = tokens(gold);
  const ps = shingles(pt);
  const gs = shingles(gt);
  let tp = 0, fp = 0, fn = 0;
  for (const [k, c] of ps) { const g = gs.get(k) ?? 0; tp += Math.min(c, g); fp += Math.max(0, c - g); }
  for (const [k, c] of gs) fn += Math.max(0, c - (ps.get(k) ?? 0));
  const total = tp + fp + fn;
  const [ntp, nfp, nfn] = total ? [tp / total, fp / total, fn / total] : [0, 0, 0];
  const exact = pt.length === gt.length && pt.every((t, i) => t === gt[i]);
  if (fp === 0 && fn === 0) return { precision: 1, recall: 1, exact };
  // An item with nothing predicted (or nothing in gold) leaves the precision (recall) mean.
  const precision = ntp + nfp === 0 ? undefined : ntp / (ntp + nfp);
  const recall = ntp + nfn === 0 ? undefined : ntp / (ntp + nfn);
  return { precision, recall, exact };
}

export const htmlScorer: SetScorer<HtmlItem, string, State> = {
  task: 'html',
  needs: [],
  predict: (item) => extractHtml(item.html, item.url).paragraphs.join('\n\n'),
  init: () => ({ precisions: [], recalls: [], exact: 0, items: 0 }),
  add(state, item, pred) {
    const s = itemScores(pred, item.articleBody);
    if (s.precision !== undefined) state.precisions.push(s.precision);
    if (s.recall !== undefined) state.recalls.push(s.recall);
    if (s.exact) state.exact++;
    state.items++;
  },
  finish(state) {
    const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);
    const p = mean(state.precisions);
    const r = mean(state.recalls);
    return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0, accuracy: state.items ? state.exact / state.items : 0 };
  },
};
