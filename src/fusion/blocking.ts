// Blocking: the few stored reports a new one could be the same incident as, found without comparing it
// with every report. A report is filed under its keys (the town it is placed in, the towns and people it
// names, its region, its rarest event words), each key per day of its incident date; a new report looks
// up its own keys over the days within WINDOW_DAYS of its date. Undated reports are filed and looked up
// under their keys alone. People's names are also filed without a date, so that a follow-up weeks later
// (an arrest, a trial) still meets the first reports. The index is kept in memory and grows as reports join, so fusing N reports
// compares each with a bounded number of others (near-linear in N).
import { idfOf } from './idf.ts';
import type { FusionProfile } from './profile.ts';

export const WINDOW_DAYS = 7;
const RARE_TERMS = 6;
/** A key held by more reports than this in one day says nothing (a state on a busy day). */
const MAX_POSTINGS = 200;
/** A name filed under more reports than this, over all dates, is too common to link distant reports
 * ("Smith"): without the limit its list, and the comparisons, would grow with the whole store. */
const MAX_EVER_POSTINGS = 12;

const DAY = 86400000;
const dayOf = (date: string | null) => {
  if (!date) return null;
  const t = Date.parse(date);
  return Number.isNaN(t) ? null : Math.floor(t / DAY);
};

const keyCache = new WeakMap<FusionProfile, string[]>();

export function keysOf(p: FusionProfile): string[] {
  const cached = keyCache.get(p);
  if (cached) return cached;
  const keys = new Set<string>();
  if (p.place) keys.add(`town:${p.place}`);
  for (const t of p.places) keys.add(`town:${t}`);
  for (const n of p.names) keys.add(`name:${n}`);
  if (p.admin1) keys.add(`region:${p.admin1.toLowerCase()}`);
  const rare = Object.keys(p.terms).sort((a, b) => idfOf(b) - idfOf(a) || (a < b ? -1 : 1)).slice(0, RARE_TERMS);
  for (const w of rare) keys.add(`word:${w}`);
  const out = [...keys];
  keyCache.set(p, out);
  return out;
}

export class BlockingIndex {
  private postings = new Map<string, number[]>();
  private profiles: FusionProfile[] = [];

  add(p: FusionProfile): void {
    const n = this.profiles.push(p) - 1;
    const day = dayOf(p.date);
    for (const k of keysOf(p)) {
      this.post(day === null ? k : `${k}@${day}`, n);
      // A person's name links reports however far apart (a trial months after the shooting).
      if (day !== null && k.startsWith('name:')) this.post(`ever:${k}`, n);
    }
  }

  private post(key: string, n: number) {
    const list = this.postings.get(key);
    if (list) list.push(n);
    else this.postings.set(key, [n]);
  }

  /** Stored reports sharing a key with p within the date window (each once, in the order they were added). */
  candidates(p: FusionProfile): FusionProfile[] {
    const found = new Set<number>();
    const day = dayOf(p.date);
    const probe = (key: string, max = MAX_POSTINGS) => {
      const list = this.postings.get(key);
      if (list && list.length <= max) for (const n of list) found.add(n);
    };
    for (const k of keysOf(p)) {
      probe(k); // undated reports
      if (k.startsWith('name:')) probe(`ever:${k}`, MAX_EVER_POSTINGS);
      if (day !== null) for (let d = day - WINDOW_DAYS; d <= day + WINDOW_DAYS; d++) probe(`${k}@${d}`);
    }
    return [...found].sort((a, b) => a - b).map((n) => this.profiles[n]);
  }
}
