// Features of one token in context for the entity tagger. Shared by training and tagging so the two
// can never drift apart. Feature names are short strings; the model maps them to weight rows.

/** Word shape with runs collapsed: "Mattis" -> "Xx", "U.S." -> "X.X.", "2,000" -> "d,d", "al-Assad" -> "x-Xx". */
export function shape(word: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < word.length && out.length < 8; i++) {
    const c = word[i];
    let k: string;
    if (c >= '0' && c <= '9') k = 'd';
    else if (c !== c.toLowerCase()) k = 'X';
    else if (c !== c.toUpperCase()) k = 'x';
    else k = c;
    if (k !== last) out += k;
    last = k;
  }
  return out;
}

export interface Gazetteer {
  /** Lowercased word -> class tags ("loc", "per-first", "org-head", "demonym", "title"...). */
  lookup(lower: string): string[] | undefined;
}

/** Features of the word itself, whatever its context: the tagger caches their summed weights per word. */
export function wordFeatures(w: string, lw: string, sh: string, gaz?: Gazetteer): string[] {
  const f = ['b', 'w=' + w, 'lw=' + lw, 'sh=' + sh, 'p3=' + lw.slice(0, 3), 's3=' + lw.slice(-3), 's2=' + lw.slice(-2)];
  if (w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase()) f.push('allcaps');
  const g = gaz?.lookup(lw);
  if (g) for (const c of g) f.push('g=' + c);
  return f;
}

/**
 * Features of token i's context. `prev` and `prev2` are the tags already given to the two tokens before
 * (greedy left-to-right decoding). `words` and `lowers` are the sentence's tokens.
 */
export function contextFeatures(words: string[], lowers: string[], shapes: string[], i: number, prev: string, prev2: string, gaz?: Gazetteer): string[] {
  const lw = lowers[i];
  const f: string[] = [
    't1=' + prev,
    't12=' + prev2 + '|' + prev,
    't1w=' + prev + '|' + lw,
    'w-1=' + (i > 0 ? lowers[i - 1] : '<s>'),
    'w+1=' + (i + 1 < words.length ? lowers[i + 1] : '</s>'),
    'w-2=' + (i > 1 ? lowers[i - 2] : '<s>'),
    'w+2=' + (i + 2 < words.length ? lowers[i + 2] : '</s>'),
    'sh-1=' + (i > 0 ? shapes[i - 1] : '<s>') + '|' + shapes[i],
    'sh+1=' + shapes[i] + '|' + (i + 1 < words.length ? shapes[i + 1] : '</s>'),
    'w-1w=' + (i > 0 ? lowers[i - 1] : '<s>') + '|' + lw,
    'ww+1=' + lw + '|' + (i + 1 < words.length ? lowers[i + 1] : '</s>'),
  ];
  if (i === 0) f.push('first');
  if (gaz) {
    const gp = i > 0 ? gaz.lookup(lowers[i - 1]) : undefined;
    if (gp) for (const c of gp) f.push('g-1=' + c);
    const gn = i + 1 < words.length ? gaz.lookup(lowers[i + 1]) : undefined;
    if (gn) for (const c of gn) f.push('g+1=' + c);
  }
  return f;
}

/** All features of token i (training uses these; tagging sums the same two parts). */
export function tokenFeatures(words: string[], lowers: string[], shapes: string[], i: number, prev: string, prev2: string, gaz?: Gazetteer): string[] {
  return [...wordFeatures(words[i], lowers[i], shapes[i], gaz), ...contextFeatures(words, lowers, shapes, i, prev, prev2, gaz)];
}
