// Attribution (PolNeAR): content-overlap P/R/F1 (>= 50% of the gold content, one-to-one, largest overlap
// first) and source accuracy over matched pairs, as in the benchmarks README.
import { createDocument } from '../../model/create.ts';
import { analyse } from '../../pipeline/index.ts';
import { f1, overlap, spanLength, type SetScorer, type SpanText } from './types.ts';

export interface QuotesItem { id: string; text: string; date?: string; attributions: { source: SpanText | null; cue: SpanText; content: SpanText }[] }
export interface QuotePred { content: { start: number; end: number }; source: { start: number; end: number } | null; cue?: { start: number; end: number } }

interface State { matched: number; predicted: number; gold: number; sourceRight: number; cueRight: number }

/** One-to-one pairs (gold index, pred index), largest overlap first, each covering >= 50% of the gold content. */
export function pairQuotes(gold: QuotesItem['attributions'], pred: QuotePred[]): [number, number][] {
  const cands: [number, number, number][] = [];
  gold.forEach((g, gi) => {
    const len = spanLength(g.content);
    pred.forEach((p, pi) => {
      const o = overlap(p.content, g.content);
      if (len > 0 && o >= 0.5 * len) cands.push([o, gi, pi]);
    });
  });
  cands.sort((a, b) => b[0] - a[0]);
  const ug = new Set<number>(), up = new Set<number>(), pairs: [number, number][] = [];
  for (const [, gi, pi] of cands) if (!ug.has(gi) && !up.has(pi)) { ug.add(gi); up.add(pi); pairs.push([gi, pi]); }
  return pairs;
}

const spanAgrees = (p: { start: number; end: number } | null | undefined, g: SpanText | null) =>
  g === null ? !p : !!p && overlap(p, g) >= 0.5 * spanLength(g);

export const quotesScorer: SetScorer<QuotesItem, QuotePred[], State> = {
  task: 'quotes',
  needs: ['attribution'],
  predict(item) {
    const doc = analyse(createDocument(item.text, { origin: item.id, format: 'text', ...(item.date ? { published: item.date } : {}) }));
    // PARC and PolNeAR take a quote interrupted by its cue ('"A," she said. "B."') as one attribution;
    // sitrep keeps each quoted piece as a record, so pieces owned by one cue are joined here.
    const preds: QuotePred[] = [];
    let last: { cue: number; end: number } | undefined;
    for (const q of doc.quotes) {
      const cue = q.cue?.start ?? -1;
      if (q.direct && last && cue === last.cue && cue >= last.end && cue <= q.start && q.start - last.end < 120) {
        preds[preds.length - 1].content.end = q.end;
        last.end = q.end;
        continue;
      }
      preds.push({
        content: { start: q.start, end: q.end },
        source: q.source.span ? { start: q.source.span.start, end: q.source.span.end } : null,
        cue: q.cue ? { start: q.cue.start, end: q.cue.end } : undefined,
      });
      last = q.direct ? { cue, end: q.end } : undefined;
    }
    return preds;
  },
  init: () => ({ matched: 0, predicted: 0, gold: 0, sourceRight: 0, cueRight: 0 }),
  add(state, item, pred) {
    const pairs = pairQuotes(item.attributions, pred);
    state.matched += pairs.length;
    state.predicted += pred.length;
    state.gold += item.attributions.length;
    for (const [gi, pi] of pairs) {
      if (spanAgrees(pred[pi].source, item.attributions[gi].source)) state.sourceRight++;
      if (spanAgrees(pred[pi].cue, item.attributions[gi].cue)) state.cueRight++;
    }
  },
  finish(s) {
    const p = s.predicted ? s.matched / s.predicted : 0;
    const r = s.gold ? s.matched / s.gold : 0;
    return { precision: p, recall: r, f1: f1(p, r), source_accuracy: s.matched ? s.sourceRight / s.matched : 0, cue_accuracy: s.matched ? s.cueRight / s.matched : 0 };
  },
};
