// ACLED's conservative fatality coding, derived from a document's literal casualty claims.
// ACLED codes deaths only, the lowest figure when reports differ, and vague words low
// ("dozens" -> 12, "hundreds" -> 100, "several"/"many" -> 10); sitrep keeps the literal reading
// ("dozens" -> min 24) in its claims and converts here.
import type { Document } from '../model/document.ts';
import type { Quantity } from '../model/claim.ts';
import { sameGroup } from './groups.ts';

const VAGUE_LOW: Record<string, number> = {
  dozens: 12, dozen: 12, hundreds: 100, thousands: 1000, scores: 20, several: 10, many: 10, multiple: 10, numerous: 10, some: 10,
};

/** The ACLED figure for one literal quantity. */
export function acledFigure(q: Quantity): number {
  if (q.vague) {
    const word = q.vague.toLowerCase().split(/\s+/).find((w) => VAGUE_LOW[w] !== undefined);
    if (word !== undefined && q.min >= VAGUE_LOW[word]) return VAGUE_LOW[word];
  }
  return q.min;
}

/**
 * Deaths for the document's incident: per victim group the lowest figure any source gives, summed over
 * distinct groups (claims that repeat another are skipped). A figure with no stated victims counts only
 * when no figure names its victims (a headline's "kill 100" restates the body's). A group given as part
 * of another ("including 19 soldiers") is not added again: the containing group counts as itself or as
 * the sum of its parts, whichever is more. No claim -> 0.
 */
export function acledFatalities(doc: Document, claimIndices?: number[]): number {
  const lowestByGroup = new Map<string, number>();
  const groupOfClaim = new Map<number, string>();
  const indices = claimIndices ?? doc.claims.map((_, i) => i);
  for (const i of indices) {
    const c = doc.claims[i];
    if (c.kind !== 'casualties' || c.repeats !== undefined || !c.figures?.killed) continue;
    const text = c.subject?.text ?? '';
    const group = [...lowestByGroup.keys()].find((g) => g === text || (g && text && sameGroup(g, text))) ?? text;
    const n = acledFigure(c.figures.killed);
    lowestByGroup.set(group, Math.min(lowestByGroup.get(group) ?? Infinity, n));
    groupOfClaim.set(i, group);
  }
  // Which group each part-group lies within.
  const within = new Map<string, string>();
  for (const [i, group] of groupOfClaim) {
    const parent = doc.claims[i].partOf;
    const parentGroup = parent !== undefined ? groupOfClaim.get(parent) : undefined;
    if (parentGroup !== undefined && parentGroup !== group) within.set(group, parentGroup);
  }
  const named = [...lowestByGroup.keys()].some((g) => g !== '');
  let total = 0;
  for (const [g, n] of lowestByGroup) {
    if ((g === '' && named) || within.has(g)) continue;
    const parts = [...within].filter(([, p]) => p === g).reduce((s, [part]) => s + lowestByGroup.get(part)!, 0);
    total += Math.max(n, parts);
  }
  return total;
}
