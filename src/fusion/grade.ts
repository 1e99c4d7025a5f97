// A grade per fused incident in Airwars' categories, from a rule a reader can check (docs/fusion.md):
//   Discounted  every figure the sources give is a denial, or no source reports anyone harmed;
//   Contested   independent sources' figures for one group and outcome, published the same day,
//               contradict (their ranges do not overlap), or a source disputes another's figure;
//   Confirmed   two or more independent sources, and an official or a party to the fighting (police,
//               army, ministry, a group's spokesman) acknowledges the harm;
//   Fair        two or more independent sources, no official acknowledgement;
//   Weak        a single source (syndicated copies of one story count as one).
// The first rule that holds gives the grade; every rule's finding is listed among the reasons.
export type Grade = 'Confirmed' | 'Fair' | 'Weak' | 'Contested' | 'Discounted';

export interface GradeEvidence {
  /** Independent sources: reports after syndicated copies are counted once. */
  independent: number;
  reports: number;
  /** Names of the sources giving figures (the attributed speaker, or the outlet when none is named). */
  sources: string[];
  /** How many figures were given, and how many of those are denials ("no one was hurt", "denied any deaths"). */
  figures: number;
  denials: number;
  /** Figures of one victim group and outcome that contradict across reports, as "killed: 4 vs 7". */
  contradictions: string[];
  /** A figure's modality was "disputed" (one source disputing another's). */
  disputed: boolean;
  /** Anyone harmed according to some source (a figure above 0). */
  harmed: boolean;
}

/** Who counts as an official or a party acknowledging the harm: names and roles, in English. */
const OFFICIAL = /\b(police|sheriff|officers?|officials?|authorit(y|ies)|ministry|minister|department|army|military|forces|command(er)?|spokes(man|woman|person)|government|governor|mayor|coroner|medical examiner|prosecutors?|attorney|troops|militants?|rebels?|group|pentagon|coalition)\b/i;

export const isOfficial = (source: string) => OFFICIAL.test(source);

export function grade(e: GradeEvidence): { grade: Grade; reasons: string[] } {
  const reasons: string[] = [];
  const official = e.sources.filter(isOfficial);
  reasons.push(`${e.independent} independent source${e.independent === 1 ? '' : 's'} (${e.reports} report${e.reports === 1 ? '' : 's'}${e.reports > e.independent ? `, ${e.reports - e.independent} syndicated cop${e.reports - e.independent === 1 ? 'y' : 'ies'}` : ''})`);
  reasons.push(official.length ? `acknowledged by ${[...new Set(official)].slice(0, 3).join(', ')}` : 'no official or party acknowledges it');
  if (e.contradictions.length) reasons.push(`contradicting figures: ${e.contradictions.slice(0, 3).join('; ')}`);
  if (e.disputed) reasons.push('a source disputes a figure');
  if (e.figures && e.denials === e.figures) {
    reasons.push('every figure given is a denial');
    return { grade: 'Discounted', reasons };
  }
  if (!e.harmed) {
    reasons.push('no source reports anyone harmed');
    return { grade: 'Discounted', reasons };
  }
  if (e.contradictions.length || e.disputed) return { grade: 'Contested', reasons };
  if (e.independent >= 2 && official.length) return { grade: 'Confirmed', reasons };
  if (e.independent >= 2) return { grade: 'Fair', reasons };
  return { grade: 'Weak', reasons };
}
