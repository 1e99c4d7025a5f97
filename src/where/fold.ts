// Name folding for gazetteer keys, so spellings and transliterations meet:
// "Deir el-Zour" = "Deir ez-Zor" = "Dayr az Zawr"; "Khusham" = "Khasham"; "Baquba" = "Ba'qubah".

const ARTICLES = /\b(?:al|el|ez|ed|ad|as|ash|at|az|an|ar|ud|ul|adh|ath|uz)\b\s*/g;

/** Lowercase, no accents or apostrophes, hyphens as spaces, Arabic articles removed. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘ʻʼ`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(ARTICLES, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A coarser key for transliteration variants: consonant skeleton with doubled letters collapsed,
 * a final "h" dropped and common digraph variants unified ("ou"/"u", "dh"/"d", "kh"/"k" kept apart from "h").
 */
export function skeleton(folded: string): string {
  return folded
    .replace(/ou/g, 'u')
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/q/g, 'k')
    .replace(/[aeiouyw]/g, '')
    .replace(/h\b/g, '')
    .replace(/(.)\1+/g, '$1')
    .replace(/\s+/g, '');
}
