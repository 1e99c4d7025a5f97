// CoNLL-2003 NER, scored as conlleval does: exact start, end and type; micro-averaged.
import type { EntityKind } from '../../model/document.ts';
import { createDocument } from '../../model/create.ts';
import { analyse } from '../../pipeline/index.ts';
import { f1, type SetScorer } from './types.ts';

interface Ent { start: number; end: number; type: string }
export interface NerItem { id: string; text: string; entities: Ent[] }

export const CONLL_TYPE: Record<EntityKind, string> = {
  person: 'PER', organisation: 'ORG', armed_group: 'ORG', media: 'ORG', place: 'LOC', nationality: 'MISC', misc: 'MISC',
};
const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

type State = Record<string, { tp: number; pred: number; gold: number }>;

export const nerScorer: SetScorer<NerItem, Ent[], State> = {
  task: 'ner',
  needs: ['entities'],
  predict(item) {
    // The text is used as given (pre-tokenised, one sentence per line) so offsets stay the gold ones.
    const doc = analyse(createDocument(item.text, { origin: item.id, format: 'text' }));
    return doc.mentions.map((m) => ({ start: m.start, end: m.end, type: CONLL_TYPE[m.kind] }));
  },
  init: () => Object.fromEntries(['ALL', ...TYPES].map((t) => [t, { tp: 0, pred: 0, gold: 0 }])),
  add(state, item, pred) {
    const gold = new Set(item.entities.map((e) => `${e.start}:${e.end}:${e.type}`));
    for (const e of item.entities) { state.ALL.gold++; state[e.type].gold++; }
    for (const p of pred) {
      if (!state[p.type]) continue;
      state.ALL.pred++;
      state[p.type].pred++;
      if (gold.has(`${p.start}:${p.end}:${p.type}`)) { state.ALL.tp++; state[p.type].tp++; }
    }
  },
  finish(state) {
    const out: Record<string, number> = {};
    for (const [t, c] of Object.entries(state)) {
      const p = c.pred ? c.tp / c.pred : 0;
      const r = c.gold ? c.tp / c.gold : 0;
      if (t === 'ALL') Object.assign(out, { precision: p, recall: r, f1: f1(p, r) });
      else out['f1_' + t] = f1(p, r);
    }
    return out;
  },
};
