// UD syntax (ud-ewt-dev), scored as the CoNLL 2018 shared task does on gold tokenisation: the share of
// words with the right UPOS, the right head (UAS), and the right head and label before any ':' (LAS);
// punctuation included; micro-averaged over words. Lemma accuracy is printed too (exact string).
import { analyseWords, type AnalysedWord } from '../../syntax/index.ts';
import type { SetScorer } from './types.ts';

interface GoldWord { id: number; form: string; lemma: string; upos: string; head: number; deprel: string }
export interface SyntaxItem { id: string; text: string; tokens: GoldWord[] }

interface State { words: number; upos: number; lemma: number; uas: number; las: number }

const base = (label: string) => { const c = label.indexOf(':'); return c < 0 ? label : label.slice(0, c); };

export const syntaxScorer: SetScorer<SyntaxItem, AnalysedWord[], State> = {
  task: 'syntax',
  needs: ['syntax'],
  predict: (item) => analyseWords(item.tokens.map((t) => t.form)),
  init: () => ({ words: 0, upos: 0, lemma: 0, uas: 0, las: 0 }),
  add(state, item, pred) {
    item.tokens.forEach((gold, i) => {
      const p = pred[i];
      state.words++;
      if (!p) return;
      if (p.upos === gold.upos) state.upos++;
      if (p.lemma === gold.lemma) state.lemma++;
      if (p.head + 1 === gold.head) {
        state.uas++;
        if (base(p.deprel) === base(gold.deprel)) state.las++;
      }
    });
  },
  finish: (s) => {
    const rate = (x: number) => (s.words ? x / s.words : 0);
    return { upos: rate(s.upos), uas: rate(s.uas), las: rate(s.las), lemma: rate(s.lemma) };
  },
};
