// Temporal expressions (TempEval-3 Task A): relaxed (overlap) and strict span match, value and type accuracy.
import { createDocument } from '../../model/create.ts';
import { analyse } from '../../pipeline/index.ts';
import { f1, type SetScorer } from './types.ts';

export interface DatesItem { id: string; dct: string; text: string; timexes: { start: number; end: number; type: string; value: string }[] }
export interface TimexPred { start: number; end: number; type?: string; value?: string }
interface State { pred: number; gold: number; relaxed: number; strict: number; value: number; type: number }

export const datesScorer: SetScorer<DatesItem, TimexPred[], State> = {
  task: 'dates',
  needs: ['when'],
  predict(item) {
    const doc = analyse(createDocument(item.text, { origin: item.id, format: 'text', published: item.dct, publishedFrom: 'metadata' }));
    return doc.times.map((t) => ({ start: t.start, end: t.end, type: t.type, value: t.value }));
  },
  init: () => ({ pred: 0, gold: 0, relaxed: 0, strict: 0, value: 0, type: 0 }),
  add(s, item, pred) {
    s.pred += pred.length;
    s.gold += item.timexes.length;
    const cands: [number, number, number][] = [];
    item.timexes.forEach((g, gi) => pred.forEach((p, pi) => {
      const o = Math.min(p.end, g.end) - Math.max(p.start, g.start);
      if (o > 0) cands.push([o, gi, pi]);
    }));
    cands.sort((a, b) => b[0] - a[0]);
    const ug = new Set<number>(), up = new Set<number>();
    for (const [, gi, pi] of cands) {
      if (ug.has(gi) || up.has(pi)) continue;
      ug.add(gi); up.add(pi);
      const g = item.timexes[gi], p = pred[pi];
      s.relaxed++;
      if (g.start === p.start && g.end === p.end) s.strict++;
      if (p.value === g.value) s.value++;
      if (p.type === g.type) s.type++;
    }
  },
  finish(s) {
    const rp = s.pred ? s.relaxed / s.pred : 0, rr = s.gold ? s.relaxed / s.gold : 0;
    const sp = s.pred ? s.strict / s.pred : 0, sr = s.gold ? s.strict / s.gold : 0;
    const valueAcc = s.relaxed ? s.value / s.relaxed : 0;
    return {
      relaxed_precision: rp, relaxed_recall: rr, relaxed_f1: f1(rp, rr), strict_f1: f1(sp, sr),
      value_accuracy: valueAcc, type_accuracy: s.relaxed ? s.type / s.relaxed : 0, value_f1: f1(rp, rr) * valueAcc,
    };
  },
};
