// Victim groups: when two claims are about the same people. Shared by the claims stage (disputes) and
// the incident stage (reconciliation), so both agree on what "the same group" means.

const LEADING = /^(?:(?:the|members|member|of|some|other|more|at|least|about|around)\s+)+/;

/** Normalised words of a group: "seven members of the pro-government forces" -> "pro government forces". */
export function groupKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().replace(LEADING, '').trim();
}

/**
 * Same group when the head nouns agree and one description's words include the other's:
 * "pro-government forces" ~ "pro-Syrian government forces"; "soldiers" !~ "civilians".
 */
export function sameGroup(a: string, b: string): boolean {
  const ka = groupKey(a).split(' ').filter(Boolean);
  const kb = groupKey(b).split(' ').filter(Boolean);
  if (!ka.length || !kb.length) return false;
  const head = (k: string[]) => k[k.length - 1].replace(/s$/, '');
  if (head(ka) !== head(kb)) return false;
  const [small, big] = ka.length <= kb.length ? [ka, new Set(kb)] : [kb, new Set(ka)];
  return small.every((w) => big.has(w));
}
