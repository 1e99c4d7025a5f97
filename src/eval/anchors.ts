// Published scores to read our figures against (from ../shared/benchmarks/README.md; see each source).
// Rates in [0, 1]. "verified: false" marks figures the README says it could not verify.
// `set` limits an anchor to one set of its task (ggt-dev's own rule, not polnear-dev's); a `baseline` is the
// README's own arithmetic (every article alone, ...), printed for scale, not a published system.
export interface Anchor { system: string; metric: string; value: number; source: string; note?: string; verified?: boolean; set?: string; baseline?: boolean }

export const ANCHORS: Record<string, Anchor[]> = {
  quotes: [
    { system: 'BBC Citron (PARC 3.0 test)', metric: 'f1', value: 0.833, source: 'bbc/citron models/en_2021-11-15/README.md', note: 'different corpus; token-overlap rule' },
    ...([['ggt_f1_03', 0.837], ['ggt_precision_03', 0.846], ['ggt_recall_03', 0.827], ['ggt_f1_08', 0.761], ['ggt_precision_08', 0.770], ['ggt_recall_08', 0.752]] as const).map(([metric, value]) => ({
      system: 'GGT extractor V5.3 (all 98 articles)', metric, value, set: 'ggt-dev',
      source: 'sfu-discourse-lab/GenderGapTracker NLP/evaluation/src/eval/README.md @69d2932b', note: 'all 98 articles, drifting offsets',
    })),
  ],
  geo: [
    { system: 'Mordecai 3 (GWN)', metric: 'acc161', value: 0.941, source: 'Halterman 2023, arXiv 2303.13675', note: 'own subset, N=474' },
  ],
  ner: [
    { system: 'Stanford NER (CoNLL dev)', metric: 'f1', value: 0.9129, source: 'nlp.stanford.edu NER page' },
    { system: 'BERT-base (CoNLL dev)', metric: 'f1', value: 0.9495, source: 'kamalkraj/BERT-NER README' },
  ],
  html: [
    { system: 'trafilatura 2.0.0', metric: 'f1', value: 0.958, source: 'article-extraction-benchmark README (181 pages)' },
    { system: 'Readability.js 0.6.0', metric: 'f1', value: 0.947, source: 'article-extraction-benchmark README (181 pages)' },
  ],
  dates: [
    { system: 'HeidelTime (TE3 test)', metric: 'value_f1', value: 0.7761, source: 'secondary source', verified: false },
  ],
  casualties: [],
  victims: [],
  templates: [
    ...([['role_f1', 0.558], ['role_precision', 0.726], ['role_recall', 0.453], ['f1_PerpInd', 0.511], ['f1_PerpOrg', 0.507], ['f1_Target', 0.515],
      ['f1_Victim', 0.646], ['f1_Weapon', 0.679], ['victim_any_f1', 0.346], ['type_f1', 0.762]] as const).map(([metric, value]) => ({
      system: 'GTT (MUC TST3+TST4)', metric, value, source: 'xinyadu/gtt model_gtt/preds_gtt.out, scored by the benchmarks README rules', note: 'held-out half, not muc-dev',
    })),
  ],
  fusion: [
    { system: 'every article alone', metric: 'bcubed_f1', value: 0.691, source: 'benchmarks README (arithmetic)', set: 'gva-dev', baseline: true },
    { system: 'every article alone', metric: 'bcubed_f1', value: 0.160, source: 'benchmarks README (arithmetic)', set: 'ecbplus-dev', baseline: true },
    { system: "each topic's two events lumped", metric: 'bcubed_f1', value: 0.690, source: 'benchmarks README (arithmetic)', set: 'ecbplus-dev', baseline: true },
  ],
};

/** The metric each task is headlined by (the table's first column). */
export const HEADLINE: Record<string, string> = {
  quotes: 'f1', geo: 'acc161', ner: 'f1', html: 'f1', dates: 'value_accuracy', casualties: 'exact', victims: 'both_exact', fusion: 'bcubed_f1', templates: 'role_f1', syntax: 'las',
};
