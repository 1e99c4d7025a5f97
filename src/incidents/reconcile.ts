// Reconciling casualty figures across sources, per victim group and outcome (UCDP-style low/best/high),
// and the incident's one toll (ACLED's conservative count, traced to the claim it comes from).
//
// Rule (docs/taxonomy.md, "Reconciliation"):
// - each source's figure is an interval [min, max], an open-ended figure ("more than 100") [min, min];
// - low = the lowest min; high = the highest max; best = the median of the sources' point estimates
//   (the midpoint of a range, the min otherwise; the lower median when their number is even), so one
//   outlying source moves best less than it moves low or high;
// - contested = the intervals do not all overlap (some source's min exceeds another's max, an open-ended
//   figure counting as unbounded above); every source's figure is listed beside the others.
//
// Victim groups: mentions of the same victims are one group. A description is placed in a small
// hierarchy of who can be a victim (kinds.ts: anyone > civilians > children; combatants > state forces >
// police ...). Within one incident:
// - descriptions of one kind ("soldiers", "troops", "Iraqi soldiers") are one group: their figures are
//   rival readings of one toll (alternatives, never added);
// - a wider description and a narrower one ("people" and "demonstrators") are one group when their
//   figures agree (overlap), else the narrower lies within the wider (a part: "10 people ... 6 soldiers");
// - descriptions of kinds that exclude each other ("soldiers" and "rebels", "civilians" and "police") are
//   distinct groups, added; so are groups one source lists together in one sentence ("killing five
//   soldiers and three civilians", "20 people as well as the attacker") and a group the text says is in
//   addition ("two policemen were also killed");
// - a description of an unknown kind ("a commander") may overlap the others: it counts only when it is
//   more than they are together.
import type { Document } from '../model/document.ts';
import type { Claim, Outcome, Quantity } from '../model/claim.ts';
import type { Fatalities, ReconciledFigure } from '../model/incident.ts';
import { groupKey, sameGroup } from '../claims/groups.ts';
import { kindOf, relation } from './kinds.ts';

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

interface Entry { claim: number; c: Claim }
interface Group { group: string; outcome: Outcome; kind: string[]; entries: Entry[]; parent?: Group; apart?: boolean }

/** The sentence index holding an offset (sentences are in text order). */
function sentenceAt(doc: Document, offset: number): number {
  let lo = 0, hi = doc.sentences.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (doc.sentences[mid].start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** "were also killed", "in addition", "another five": the text says these victims come on top of others. */
const ADDITION = /\b(?:also|in addition|additionally|as well|another|besides|too)\b/i;

/** The claim's own clause says its victims are in addition to others. */
function saysAddition(doc: Document, c: Claim): boolean {
  const k = sentenceAt(doc, c.start);
  const s = k >= 0 ? doc.sentences[k] : undefined;
  const from = Math.max(s?.start ?? 0, Math.min(c.start, c.subject?.start ?? c.start) - 25);
  const to = Math.min(s?.end ?? doc.text.length, Math.max(c.end, c.subject?.end ?? c.end) + 12);
  return ADDITION.test(doc.text.slice(from, to));
}

/** A toll of many attacks: "a wave of attacks", "a series of bombings", "attacks across the country". */
const WAVE = /\b(?:(?:wave|series|string|spate|string|rash|chain|number)\s+of\s+(?:[\w-]+\s+)?(?:attacks|bombings|blasts|explosions|strikes|raids|assaults)|(?:attacks|bombings|blasts|explosions|strikes|raids)\s+(?:across|around|throughout)\b|\d+\s+(?:different\s+|separate\s+|coordinated\s+)?(?:attacks|bombings|blasts|explosions))\b/i;
/** One attack of many: "the deadliest attack", "in one of the attacks", "the worst of the bombings". */
const ONE_OF = /\b(?:(?:the|day's|monday's|tuesday's|wednesday's|thursday's|friday's|saturday's|sunday's)\s+(?:deadliest|worst|biggest|largest|bloodiest|single\s+deadliest)\s+(?:attack|bombing|blast|explosion|strike|raid|assault|incident)|(?:in\s+)?one\s+of\s+the\s+(?:attacks|bombings|blasts|explosions|strikes|raids))\b/i;

const overlaps = (a: { low: number; high: number }, b: { low: number; high: number }) => a.low <= b.high && b.low <= a.high;

/** Figures of the given claims (indices into doc.claims) reconciled per victim group and outcome. */
export function reconcile(doc: Document, claimIndices: number[]): ReconciledFigure[] {
  return groupsOf(doc, claimIndices).figures;
}

function groupsOf(doc: Document, claimIndices: number[]): { groups: Group[]; figures: ReconciledFigure[] } {
  const all: Group[] = [];
  for (const outcome of OUTCOMES) {
    const groups: Group[] = [];
    const entries: Entry[] = [];
    for (const i of claimIndices) {
      const c = doc.claims[i];
      if (c.kind !== 'casualties' || c.repeats !== undefined || !c.figures?.[outcome]) continue;
      entries.push({ claim: i, c });
    }
    if (!entries.length) continue;
    const sentenceOf = new Map(entries.map((e) => [e.claim, sentenceAt(doc, e.c.start)]));
    // Claims one source gives in one sentence about different victims ("killing five soldiers and three
    // civilians"), not as a part of another: their groups are disjoint.
    const listed = (a: Entry, b: Entry) => a.claim !== b.claim && sentenceOf.get(a.claim) === sentenceOf.get(b.claim) && a.c.source.name === b.c.source.name
      && a.c.partOf !== b.claim && b.c.partOf !== a.claim && (a.c.subject?.text ?? '') !== (b.c.subject?.text ?? '');
    // 0. One attack of a wave whose toll is also given ("a wave of attacks killed 107 ... In the deadliest
    // attack, 42 people were killed"): its figure is a part of the wave's, not a rival reading of it.
    const sentenceText = (e: Entry) => { const k = sentenceOf.get(e.claim)!; return k >= 0 ? doc.text.slice(doc.sentences[k].start, doc.sentences[k].end) : ''; };
    const wave = entries.filter((e) => WAVE.test(sentenceText(e)) && !ONE_OF.test(sentenceText(e)));
    const oneOf = wave.length ? entries.filter((e) => ONE_OF.test(sentenceText(e)) && !wave.includes(e)) : [];
    // 1. Descriptions of one kind are one group ("pro-government forces" ~ "pro-Syrian government forces").
    for (const e of entries.filter((x) => !oneOf.includes(x))) {
      const text = e.c.subject?.text ?? '';
      const kind = text ? kindOf(text) : [];
      const same = groups.find((g) => !g.entries.some((x) => listed(x, e)) && e.c.partOf === undefined && !g.entries.some((x) => x.c.partOf !== undefined)
        && ((text && g.group && sameGroup(g.group, text)) || (text && g.group && (kind.length === 0 || !kind[kind.length - 1].startsWith('?')) && relation(g.kind, kind) === 'same') || (!text && !g.group)));
      if (same) { same.entries.push(e); if (text && (!same.group || groupKey(text).length > groupKey(same.group).length && relation(same.kind, kind) === 'same')) { same.group = text; same.kind = kind; } continue; }
      groups.push({ group: text, outcome, kind, entries: [e] });
    }
    for (const e of oneOf) {
      const parent = groups.find((g) => g.entries.some((x) => wave.includes(x)) && relation(g.kind, kindOf(e.c.subject?.text ?? '')) !== 'disjoint');
      groups.push({ group: e.c.subject?.text ?? '', outcome, kind: kindOf(e.c.subject?.text ?? ''), entries: [e], ...(parent ? { parent, apart: true } : {}) });
    }
    // 2. Parts the claims stage marked ("dozens died, including 19 soldiers").
    for (const g of groups) {
      const parents = new Set(g.entries.map((e) => e.c.partOf).filter((p) => p !== undefined));
      const parent = groups.find((o) => o !== g && o.entries.some((e) => parents.has(e.claim)));
      if (parent) g.parent = parent;
    }
    // 3. Groups listed apart by one source, or said to come in addition, stand apart from the others.
    for (const g of groups) {
      if (g.parent) continue;
      if (groups.some((o) => o !== g && !o.parent && o.entries.some((x) => g.entries.some((e) => listed(x, e))))) g.apart = true;
      else if (g.group && g.entries.every((e) => saysAddition(doc, e.c))) g.apart = true;
    }
    // 4. A wider description and a narrower one: the same victims when their figures agree, else a part.
    const span = (g: Group) => summarise(g.entries.map((e) => ({ name: '', claim: e.claim, min: e.c.figures![outcome]!.min, max: e.c.figures![outcome]!.max })));
    for (const g of [...groups].sort((a, b) => b.kind.length - a.kind.length)) {
      if (g.parent || g.apart || !groups.includes(g) || !g.group) continue;
      // The narrowest wider group ("civilians" before "people").
      const wider = groups.filter((o) => o !== g && !o.parent && o.group && relation(o.kind, g.kind) === 'contains' && !o.entries.some((x) => g.entries.some((e) => listed(x, e))))
        .sort((a, b) => b.kind.length - a.kind.length)[0];
      if (!wider) continue;
      const [a, b] = [span(g), span(wider)];
      const hasParts = groups.some((o) => o.parent === wider);
      // More victims in the narrower description than in the wider one: not a part, a rival reading of
      // the same toll ("30 people were killed" / "as many as 45 fighters died").
      const rival = a.low > b.high;
      if ((overlaps(a, b) || rival) && !hasParts && !groups.some((o) => o !== g && o !== wider && !o.parent && !o.apart && o.group && relation(wider.kind, o.kind) === 'contains')) {
        // One group: under the narrower description when the figures agree, else the wider one.
        wider.entries.push(...g.entries);
        wider.entries.sort((x, y) => x.claim - y.claim);
        if (!rival) { wider.group = g.group; wider.kind = g.kind; }
        groups.splice(groups.indexOf(g), 1);
        for (const o of groups) if (o.parent === g) o.parent = wider;
      } else if (!rival) g.parent = wider;
    }
    all.push(...groups);
  }
  const figures: ReconciledFigure[] = all.map((g) => {
    const sources = g.entries.map(({ claim, c }) => {
      const q = c.figures![g.outcome]!;
      return { name: c.source.name, claim, min: q.min, max: q.max, ...(q.vague ? { vague: q.vague } : {}) };
    });
    const unknown = !g.apart && g.group !== '' && g.kind.length > 0 && g.kind[g.kind.length - 1].startsWith('?');
    return {
      group: g.group, outcome: g.outcome, ...summarise(sources),
      ...(g.parent ? { within: g.parent.group } : {}),
      ...(unknown ? { mayOverlap: true } : {}),
      sources,
    };
  });
  return { groups: all, figures };
}

/** The value of a figure counting its parts: itself, or its parts together when they are more. */
function valueOf<T>(f: ReconciledFigure, figures: ReconciledFigure[], own: (f: ReconciledFigure) => T, add: (a: T, b: T) => T, more: (a: T, b: T) => boolean, zero: T, depth = 0): T {
  const parts = figures.filter((p) => p !== f && p.outcome === f.outcome && p.within === f.group && f.group !== '');
  const mine = own(f);
  if (!parts.length || depth > 8) return mine;
  const sum = combine(parts, figures, own, add, more, zero, depth + 1);
  return more(sum, mine) ? sum : mine;
}

/** Sibling groups together: groups of known, exclusive kinds are added; one that may overlap them counts only when it is more. */
function combine<T>(siblings: ReconciledFigure[], figures: ReconciledFigure[], own: (f: ReconciledFigure) => T, add: (a: T, b: T) => T, more: (a: T, b: T) => boolean, zero: T, depth = 0): T {
  let sum = zero;
  // Parts of one kind given by different sources ("12 soldiers" by one, "including 19 soldiers" by
  // another) are rival readings of one part: the lesser counts, never both.
  const alike: { kind?: string[]; value: T }[] = [];
  for (const s of siblings.filter((s) => !s.mayOverlap)) {
    const value = valueOf(s, figures, own, add, more, zero, depth);
    const kind = kindOf(s.group);
    const known = s.group !== '' && kind.length > 0 && !kind[kind.length - 1].startsWith('?');
    const rival = known ? alike.find((a) => a.kind && relation(a.kind, kind) === 'same') : undefined;
    if (rival) { if (more(rival.value, value)) rival.value = value; } else alike.push({ ...(known ? { kind } : {}), value });
  }
  for (const a of alike) sum = add(sum, a.value);
  for (const s of siblings.filter((s) => s.mayOverlap)) {
    const v = valueOf(s, figures, own, add, more, zero, depth);
    if (more(v, sum)) sum = v;
  }
  return sum;
}

/** The groups not within another: named ones, or the unnamed figures when no group is named. */
function roots(figures: ReconciledFigure[], outcome: Outcome): ReconciledFigure[] {
  const all = figures.filter((f) => f.outcome === outcome);
  const named = all.some((f) => f.group) ? all.filter((f) => f.group) : all;
  return named.filter((f) => !f.within || !named.some((g) => g.group === f.within));
}

/**
 * Deaths (or another outcome) across an incident's victim groups, as low / best / high: groups of
 * exclusive kinds added, each counted as itself or as the sum of its parts when those add up to more
 * ("dozens of fighters died, including 19 soldiers and more than 20 attackers": 19 + 21 = 40, not
 * 24 + 19 + 21); a group that may overlap the others only when it is more than they are. Figures without
 * stated victims restate a named one when any exists (headline vs body), so they count only when no group
 * is named. Null when there is no figure for the outcome.
 */
export function totalOf(figures: ReconciledFigure[], outcome: Outcome = 'killed'): { low: number; best: number; high: number } | null {
  if (outcome === 'injured') return injuredOf(figures);
  return ownTotal(figures, outcome);
}

/**
 * The injured, i.e. hurt and not killed: the injured figures, or the people hit ("three people were
 * shot", "30 casualties": killed or injured) less those killed, whichever is more. The killed are
 * taken to be among the hit ("two men were shot ... one of them died": one injured).
 */
function injuredOf(all: ReconciledFigure[]): { low: number; best: number; high: number } | null {
  // One named person hurt and later dead ("Harris was taken to hospital ... Harris was pronounced
  // dead") is among the killed, not the injured as well.
  const killedNames = all.filter((f) => f.outcome === 'killed' && f.best >= 1 && f.group).map((f) => f.group);
  const hurtThenDead = (f: ReconciledFigure) => f.outcome === 'injured' && f.best === 1 && /^(\p{Lu}|victim$)/u.test(f.group) && killedNames.some((k) => sameGroup(k, f.group));
  const figures = all.filter((f) => !hurtThenDead(f));
  const injured = ownTotal(figures, 'injured');
  const hit = ownTotal(figures, 'killed_or_injured');
  if (!hit) return injured;
  const killed = ownTotal(figures, 'killed') ?? { low: 0, best: 0, high: 0 };
  const rest = { low: Math.max(0, hit.low - killed.high), best: Math.max(0, hit.best - killed.best), high: Math.max(0, hit.high - killed.low) };
  if (!injured) return rest.high > 0 ? rest : null;
  return rest.best > injured.best ? rest : injured;
}

function ownTotal(figures: ReconciledFigure[], outcome: Outcome): { low: number; best: number; high: number } | null {
  const top = roots(figures, outcome);
  if (!top.length) return null;
  type T = { low: number; best: number; high: number };
  const out = { low: 0, best: 0, high: 0 };
  for (const k of ['low', 'best', 'high'] as const) {
    out[k] = combine<number>(top, figures.filter((f) => f.outcome === outcome), (f) => f[k], (a, b) => a + b, (a, b) => a > b, 0);
  }
  return out as T;
}

const VAGUE_LOW: Record<string, number> = {
  dozens: 12, dozen: 12, hundreds: 100, thousands: 1000, scores: 20, several: 10, many: 10, multiple: 10, numerous: 10, some: 10,
};

/** ACLED's reading of one literal figure: vague words low ("dozens" -> 12, "hundreds" -> 100), else the minimum. */
export function acledReading(q: Quantity): number {
  if (q.vague) {
    const word = q.vague.toLowerCase().split(/\s+/).find((w) => VAGUE_LOW[w] !== undefined);
    if (word !== undefined && q.min >= VAGUE_LOW[word]) return VAGUE_LOW[word];
  }
  return q.min;
}

/**
 * The incident's deaths as ACLED codes them: per victim group the most conservative figure any source
 * gives (vague words read low), groups added only as totalOf adds them (exclusive kinds, parts not
 * counted twice). Says where the count comes from: one claim, or the stated sum of disjoint groups.
 */
export function fatalitiesOf(doc: Document, figures: ReconciledFigure[]): Fatalities {
  const killed = figures.filter((f) => f.outcome === 'killed');
  const top = roots(killed, 'killed');
  if (!top.length) return { count: 0, claims: [], rule: 'none' };
  type T = { n: number; claims: number[] };
  const own = (f: ReconciledFigure): T => {
    let best: T = { n: Infinity, claims: [] };
    for (const s of f.sources) {
      const q = doc.claims[s.claim]?.figures?.killed;
      const n = q ? acledReading(q) : s.min;
      if (n < best.n) best = { n, claims: [s.claim] };
    }
    return best;
  };
  const v = combine<T>(top, killed, own, (a, b) => ({ n: a.n + b.n, claims: [...a.claims, ...b.claims] }), (a, b) => a.n > b.n, { n: 0, claims: [] });
  const claims = [...new Set(v.claims)].sort((a, b) => a - b);
  return { count: v.n, claims, rule: claims.length > 1 ? 'sum' : claims.length ? 'claim' : 'none' };
}
