// Matching rules shared by the scorers (../shared/corpus/README.md, "Matching").

/** Case- and punctuation-insensitive form: "U.S.-led" -> "u s led". */
export function normName(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A system name matches a gold alias when it equals it or contains it as whole words. */
export function nameMatches(systemNames: string[], goldAliases: string[]): boolean {
  for (const s of systemNames) {
    const sys = ' ' + normName(s) + ' ';
    if (sys.length <= 2) continue;
    for (const g of goldAliases) {
      const gold = normName(g);
      if (gold && sys.includes(' ' + gold + ' ')) return true;
    }
  }
  return false;
}

export interface PRF { precision: number; recall: number; f1: number }

export function prf(tp: number, predicted: number, gold: number): PRF & { tp: number; fp: number; fn: number } {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, fp: predicted - tp, fn: gold - tp };
}

export { haversineKm } from '../where/distance.ts';

/** Whitespace- and quote-style-insensitive text for "span covers `contains`". */
export function normText(s: string): string {
  return s.replace(/[“”„«»]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}
