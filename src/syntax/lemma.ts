// Lemmas learned from the treebank: suffix rewrite rules per UPOS ("-ies" -> "-y" for NOUN, "-ed" ->
// "" for VERB), the longest suffix seen often enough deciding, plus the words those rules get wrong
// (irregular forms such as "was" -> "be", "children" -> "child") kept as exceptions.

export interface LemmaData {
  /** "form\tUPOS" (form lowercased) -> lemma, where the rules would be wrong. */
  exceptions: Record<string, string>;
  /** UPOS -> suffix -> [strip, add]: the rule most often right for words ending so. */
  rules: Record<string, Record<string, [number, string]>>;
}

/** Tags whose lemma keeps the word's case (names); every other lemma is lowercased. */
const CASED = new Set(['PROPN']);
/** Tags whose words do not inflect in English: the lemma is the (lowercased) form. */
const INVARIANT = new Set(['ADP', 'CCONJ', 'SCONJ', 'PART', 'DET', 'INTJ', 'NUM', 'PUNCT', 'SYM', 'X']);
const MAX_SUFFIX = 5;

/** The edit that turns `form` into `lemma`: characters to strip from the end and the string to add. */
export function editOf(form: string, lemma: string): [number, string] {
  let p = 0;
  while (p < form.length && p < lemma.length && form[p] === lemma[p]) p++;
  return [form.length - p, lemma.slice(p)];
}

export class Lemmatizer {
  private readonly exceptions: Map<string, string>;
  private readonly rules: Map<string, Map<string, [number, string]>>;

  constructor(data: LemmaData) {
    this.exceptions = new Map(Object.entries(data.exceptions));
    this.rules = new Map(Object.entries(data.rules).map(([t, r]) => [t, new Map(Object.entries(r))]));
  }

  /** The lemma the suffix rules give, without exceptions. */
  byRule(lower: string, upos: string): string {
    if (INVARIANT.has(upos)) return lower;
    const rules = this.rules.get(upos);
    if (!rules) return lower;
    for (let len = Math.min(MAX_SUFFIX, lower.length - 1); len >= 1; len--) {
      const rule = rules.get(lower.slice(-len));
      if (rule) {
        const [strip, add] = rule;
        if (strip >= lower.length) return lower;
        return lower.slice(0, lower.length - strip) + add;
      }
    }
    return lower;
  }

  /** Lemmas already given, per tag: news repeats its words. */
  private readonly cache = new Map<string, Map<string, string>>();

  lemma(form: string, upos: string): string {
    if (CASED.has(upos)) return form;
    let byTag = this.cache.get(upos);
    if (!byTag) this.cache.set(upos, (byTag = new Map()));
    let lemma = byTag.get(form);
    if (lemma !== undefined) return lemma;
    const lower = form.toLowerCase();
    lemma = this.exceptions.get(lower + '\t' + upos) ?? this.byRule(lower, upos);
    if (byTag.size > 100_000) byTag.clear(); // bounded
    byTag.set(form, lemma);
    return lemma;
  }
}

/** Learn rules and exceptions from (form, UPOS, lemma) triples of a treebank. */
export function learnLemmas(words: Iterable<{ form: string; upos: string; lemma: string }>, minRuleCount = 3): LemmaData {
  // suffix statistics: UPOS -> suffix -> "strip\tadd" -> count
  const stats = new Map<string, Map<string, Map<string, number>>>();
  const seen = new Map<string, Map<string, number>>();
  for (const w of words) {
    if (CASED.has(w.upos) || INVARIANT.has(w.upos)) continue;
    const lower = w.form.toLowerCase();
    const lemma = w.lemma.toLowerCase();
    const key = lower + '\t' + w.upos;
    let m = seen.get(key);
    if (!m) seen.set(key, (m = new Map()));
    m.set(lemma, (m.get(lemma) ?? 0) + 1);
    const [strip, add] = editOf(lower, lemma);
    let byTag = stats.get(w.upos);
    if (!byTag) stats.set(w.upos, (byTag = new Map()));
    for (let len = 1; len <= Math.min(MAX_SUFFIX, lower.length - 1); len++) {
      if (len < strip) continue; // the suffix must cover what the edit strips
      const suffix = lower.slice(-len);
      let edits = byTag.get(suffix);
      if (!edits) byTag.set(suffix, (edits = new Map()));
      const e = strip + '\t' + add;
      edits.set(e, (edits.get(e) ?? 0) + 1);
    }
  }
  const rules: LemmaData['rules'] = {};
  for (const [tag, bySuffix] of stats) {
    // Shortest suffixes first: a longer suffix is kept only where its rule differs from the one a
    // shorter suffix would apply ("-ss" keeps "glass" whole where "-s" would strip it).
    const suffixes = [...bySuffix.keys()].sort((a, b) => a.length - b.length);
    const r: Record<string, [number, string]> = {};
    for (const suffix of suffixes) {
      const edits = bySuffix.get(suffix)!;
      let best = '', count = 0;
      for (const [e, c] of edits) if (c > count) { best = e; count = c; }
      if (count < minRuleCount) continue;
      let inherited = '0\t';
      for (let len = suffix.length - 1; len >= 1; len--) {
        const shorter = r[suffix.slice(-len)];
        if (shorter) { inherited = shorter[0] + '\t' + shorter[1]; break; }
      }
      if (best === inherited) continue;
      const [strip, add] = best.split('\t');
      r[suffix] = [Number(strip), add];
    }
    rules[tag] = r;
  }
  const lemmatizer = new Lemmatizer({ exceptions: {}, rules });
  const exceptions: Record<string, string> = {};
  for (const [key, lemmas] of seen) {
    let best = '', count = 0;
    for (const [l, c] of lemmas) if (c > count) { best = l; count = c; }
    const [lower, tag] = key.split('\t');
    if (lemmatizer.byRule(lower, tag) !== best) exceptions[key] = best;
  }
  return { exceptions, rules };
}
