// Reconciling casualty figures across sources, per victim group and outcome (UCDP-style low/best/high).
//
// Rule (docs/taxonomy.md, "Reconciliation"):
// - each source's figure is an interval [min, max], an open-ended figure ("more than 100") [min, min];
// - low = the lowest min; high = the highest max; best = the median of the sources' point estimates
//   (the midpoint of a range, the min otherwise; the lower median when their number is even), so one
//   outlying source moves best less than it moves low or high;
// - contested = the intervals do not all overlap (some source's min exceeds another's max, an open-ended
//   figure counting as unbounded above); every source's figure is listed beside the others.
import type { Document } from '../model/document.ts';
import type { Claim, Outcome } from '../model/claim.ts';
import type { ReconciledFigure } from '../model/incident.ts';
import { groupKey, sameGroup } from '../claims/groups.ts';

const OUTCOMES: Outcome[] = ['killed', 'injured', 'killed_or_injured', 'missing', 'captured'];

type SourceFigure = ReconciledFigure['sources'][number];

/** low / best / high / contested of several sources' figures (the rule at the top of this file). */
export function summarise(sources: SourceFigure[]): Pick<ReconciledFigure, 'low' | 'best' | 'high' | 'contested'> {
  const points = sources.map((s) => (s.max !== null && s.max !== s.min ? (s.min + s.max) / 2 : s.min)).sort((a, b) => a - b);
  return {
    low: Math.min(...sources.map((s) => s.min)),
    best: points[Math.floor((points.length - 1) / 2)],
    high: Math.max(...sources.map((s) => s.max ?? s.min)),
    contested: Math.max(...sources.map((s) => s.min)) > Math.min(...sources.map((s) => s.max ?? Infinity)),
  };
}

/** Figures of the given claims (indices into doc.claims) reconciled per victim group and outcome. */
export function reconcile(doc: Document, claimIndices: number[]): ReconciledFigure[] {
  const groups = new Map<string, { group: string; outcome: Outcome; entries: { claim: number; c: Claim }[] }>();
  for (const i of claimIndices) {
    const c = doc.claims[i];
    if (c.kind !== 'casualties' || c.repeats !== undefined || !c.figures) continue;
    const group = c.subject ? groupKey(c.subject.text) : '';
    for (const outcome of OUTCOMES) {
      if (!c.figures[outcome]) continue;
      // "pro-government forces" and "pro-Syrian government forces" are one group.
      let key = `${group}|${outcome}`;
      for (const [k, v] of groups) if (v.outcome === outcome && group && sameGroup(v.group, c.subject?.text ?? '')) key = k;
      const entry = groups.get(key) ?? { group: c.subject?.text ?? '', outcome, entries: [] };
      entry.entries.push({ claim: i, c });
      groups.set(key, entry);
    }
  }
  const out: ReconciledFigure[] = [];
  for (const { group, outcome, entries } of groups.values()) {
    const sources = entries.map(({ claim, c }) => {
      const q = c.figures![outcome]!;
      return { name: c.source.name, claim, min: q.min, max: q.max, ...(q.vague ? { vague: q.vague } : {}) };
    });
    out.push({ group, outcome, ...summarise(sources), sources });
  }
  // A figure whose claims are parts of another figure's claims lies within that figure.
  for (const f of out) {
    const parents = new Set(f.sources.map((s) => doc.claims[s.claim].partOf).filter((p) => p !== undefined));
    const g = out.find((o) => o !== f && o.outcome === f.outcome && o.sources.some((s) => parents.has(s.claim)));
    if (g) f.within = g.group;
  }
  return out;
}

/**
 * Deaths (or another outcome) across an incident's victim groups, as low / best / high: the sum over the
 * groups that are not parts of another, each counted as itself or as the sum of its parts when those add
 * up to more ("dozens of fighters died, including 19 soldiers and more than 20 attackers": 19 + 21 = 40,
 * not 24 + 19 + 21). Figures without stated victims restate a named one when any exists (headline vs
 * body), so they count only when no group is named. Null when there is no figure for the outcome.
 */
export function totalOf(figures: ReconciledFigure[], outcome: Outcome = 'killed'): { low: number; best: number; high: number } | null {
  const all = figures.filter((f) => f.outcome === outcome);
  const named = all.some((f) => f.group) ? all.filter((f) => f.group) : all;
  if (!named.length) return null;
  const roots = named.filter((f) => !f.within || !named.some((g) => g.group === f.within));
  const total = { low: 0, best: 0, high: 0 };
  for (const r of roots) {
    const parts = named.filter((f) => f !== r && f.within === r.group);
    for (const k of ['low', 'best', 'high'] as const) total[k] += Math.max(r[k], parts.reduce((s, p) => s + p[k], 0));
  }
  return total;
}
