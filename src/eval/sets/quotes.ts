// Attribution (PolNeAR, GGT): content-overlap P/R/F1 (>= 50% of the gold content, one-to-one, largest
// overlap first) and source accuracy over matched pairs, as in the benchmarks README; beside them GGT's
// own rule (each gold quote in order takes the remaining prediction covering most of it, above 0.3 or 0.8
// of its length) and, where the gold resolves the speaker (`reference`), whether our speaker's name is it.
import { createDocument } from '../../model/create.ts';
import type { Document } from '../../model/document.ts';
import { normName } from '../match.ts';
import { analyse } from '../../pipeline/index.ts';
import { f1, overlap, spanLength, type SetScorer, type SpanText } from './types.ts';

export interface QuotesItem { id: string; text: string; date?: string; attributions: { source: SpanText | null; cue: SpanText | null; content: SpanText; reference?: string | null }[] }
export interface QuotePred {
  content: { start: number; end: number }; source: { start: number; end: number } | null; cue?: { start: number; end: number };
  /** The name of the speaker as resolved (its entity's name when it has one). */
  name?: string;
}

interface State {
  matched: number; predicted: number; gold: number; sourceRight: number; cues: number; cueRight: number; refs: number; refRight: number;
  ggt03: number; ggt08: number;
}

/** GGT's matching: each gold quote in order takes the remaining prediction with the largest share of the gold's characters, if above `threshold`. */
export function ggtMatches(gold: QuotesItem['attributions'], pred: QuotePred[], threshold: number): number {
  const used = new Set<number>();
  let n = 0;
  for (const g of gold) {
    const len = spanLength(g.content);
    if (!len) continue;
    let best = -1, bestShare = threshold;
    pred.forEach((p, pi) => {
      if (used.has(pi)) return;
      const share = overlap(p.content, g.content) / len;
      if (share > bestShare) { best = pi; bestShare = share; }
    });
    if (best >= 0) { used.add(best); n++; }
  }
  return n;
}

/** Our speaker's name is the gold's resolved speaker: equal, or one contains the other as whole words (case- and punctuation-insensitive). */
export function referenceMatches(name: string | undefined, reference: string): boolean {
  if (!name) return false;
  const a = normName(name), b = normName(reference);
  if (!a || !b) return false;
  return a === b || ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
}

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

/**
 * The predictions of one analysed document. PARC and PolNeAR take a quote interrupted by its cue
 * ('"A," she said. "B."') as one attribution; sitrep keeps each quoted piece as a record, so with
 * `joinPieces` the pieces owned by one cue are joined. A set whose manifest says `cue_optional` (GGT)
 * annotates each piece as its own quote, the continuation without cue or speaker span: pieces stay apart.
 */
export function quotePredictions(doc: Document, joinPieces = true): QuotePred[] {
  const preds: QuotePred[] = [];
  let last: { cue: number; end: number } | undefined;
  for (const q of doc.quotes) {
    const cue = q.cue?.start ?? -1;
    if (joinPieces && q.direct && last && cue === last.cue && cue >= last.end && cue <= q.start && q.start - last.end < 120) {
      preds[preds.length - 1].content.end = q.end;
      last.end = q.end;
      continue;
    }
    preds.push({
      content: { start: q.start, end: q.end },
      source: q.source.span ? { start: q.source.span.start, end: q.source.span.end } : null,
      cue: q.cue ? { start: q.cue.start, end: q.cue.end } : undefined,
      name: q.source.entity !== undefined && doc.entities[q.source.entity] ? doc.entities[q.source.entity].name : q.source.name,
    });
    last = q.direct ? { cue, end: q.end } : undefined;
  }
  return preds;
}

export const quotesScorer: SetScorer<QuotesItem, QuotePred[], State> = {
  task: 'quotes',
  needs: ['attribution'],
  predict(item, manifest) {
    const doc = analyse(createDocument(item.text, { origin: item.id, format: 'text', ...(item.date ? { published: item.date } : {}) }));
    return quotePredictions(doc, manifest?.cue_optional !== true);
  },
  init: () => ({ matched: 0, predicted: 0, gold: 0, sourceRight: 0, cues: 0, cueRight: 0, refs: 0, refRight: 0, ggt03: 0, ggt08: 0 }),
  add(state, item, pred) {
    const pairs = pairQuotes(item.attributions, pred);
    state.matched += pairs.length;
    state.predicted += pred.length;
    state.gold += item.attributions.length;
    for (const [gi, pi] of pairs) {
      const g = item.attributions[gi];
      if (spanAgrees(pred[pi].source, g.source)) state.sourceRight++;
      // Cue accuracy only where the gold has a cue (GGT leaves it out for continued quotes).
      if (g.cue) { state.cues++; if (spanAgrees(pred[pi].cue, g.cue)) state.cueRight++; }
      if (g.reference) { state.refs++; if (referenceMatches(pred[pi].name, g.reference)) state.refRight++; }
    }
    state.ggt03 += ggtMatches(item.attributions, pred, 0.3);
    state.ggt08 += ggtMatches(item.attributions, pred, 0.8);
  },
  finish(s) {
    const p = s.predicted ? s.matched / s.predicted : 0;
    const r = s.gold ? s.matched / s.gold : 0;
    const out: Record<string, number> = { precision: p, recall: r, f1: f1(p, r), source_accuracy: s.matched ? s.sourceRight / s.matched : 0, cue_accuracy: s.cues ? s.cueRight / s.cues : 0 };
    if (s.refs) out.reference_accuracy = s.refRight / s.refs;
    for (const [key, m] of [['03', s.ggt03], ['08', s.ggt08]] as const) {
      const gp = s.predicted ? m / s.predicted : 0, gr = s.gold ? m / s.gold : 0;
      Object.assign(out, { [`ggt_precision_${key}`]: gp, [`ggt_recall_${key}`]: gr, [`ggt_f1_${key}`]: f1(gp, gr) });
    }
    return out;
  },
};
