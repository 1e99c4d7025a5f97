// The fused incident record: the lead report's record (the most precise place and date) with every
// report's figures merged, the figures fusion chose among the reports (choose.ts), the toll over time
// (every source's figure with its report, publication time and sentence), syndicated copies counted
// once, the joins with their evidence, and the grade with its reasons (grade.ts).
import { sameGroup } from '../claims/groups.ts';
import { summarise, totalOf } from '../incidents/reconcile.ts';
import type { IncidentRecord, RecordFigure } from '../export/records.ts';
import type { Join } from './cluster.ts';
import { fusedFigures, type FusedFigures } from './choose.ts';
import { grade, type Grade } from './grade.ts';
import type { FusionProfile } from './profile.ts';
import { isCopy } from './syndication.ts';

/** One source's figure as one report gave it, at that report's publication time. */
export interface TollPoint {
  report: string;
  document: string;
  outlet: string | null;
  published: string | null;
  outcome: string;
  group: string;
  min: number;
  max: number | null;
  vague?: string;
  /** Who gave the figure. */
  source: string;
  claim: number;
  /** The claim's span and sentence in the report's document (the incident page links each point to it). */
  start: number;
  end: number;
  sentence: { start: number; end: number; text: string };
  /** The report is a syndicated copy of this (earlier) report: the same source, not a new one. */
  copy_of?: string;
}

export interface FusedIncident extends IncidentRecord {
  /** The reports joined here (incident record ids), in the order they joined. */
  reports: string[];
  documents: string[];
  joins: { a: string; b: string; why: string; probability?: number; copy?: boolean }[];
  /** What fusion chose among the reports' figures. */
  fused: FusedFigures;
  /** Every source's figure per report, in publication order. */
  toll: TollPoint[];
  /** Reports after syndicated copies are counted once. */
  independent_sources: number;
  copies: { report: string; copy_of: string }[];
  grade: Grade;
  grade_reasons: string[];
}

export interface Member { record: IncidentRecord; profile: FusionProfile; join?: Join }

const DAY = 86400000;

export function fusedRecord(id: string, members: Member[]): FusedIncident {
  const byTime = [...members].sort((a, b) => (a.record.published ?? '').localeCompare(b.record.published ?? '') || a.record.id.localeCompare(b.record.id));
  // Syndicated copies: a report whose text is near-identical to an earlier one's is that one's copy.
  const copyOf = new Map<string, string>();
  byTime.forEach((m, i) => {
    for (let j = 0; j < i; j++) {
      if (isCopy(m.profile.sketch, byTime[j].profile.sketch)) { copyOf.set(m.record.id, copyOf.get(byTime[j].record.id) ?? byTime[j].record.id); break; }
    }
  });
  const rs = byTime.map((m) => m.record);
  const lead = [...rs].sort((x, y) => (x.geo_precision ?? 3) - (y.geo_precision ?? 3) || (x.time_precision ?? 3) - (y.time_precision ?? 3))[0];
  const toll: TollPoint[] = [];
  for (const r of rs) {
    for (const f of r.figures) {
      for (const s of f.sources) {
        toll.push({
          report: r.id, document: r.document, outlet: r.outlet, published: r.published, outcome: f.outcome, group: f.group,
          min: s.min, max: s.max, ...(s.vague ? { vague: s.vague } : {}), source: s.name, claim: s.claim, start: s.start, end: s.end, sentence: s.sentence,
          ...(copyOf.has(r.id) ? { copy_of: copyOf.get(r.id)! } : {}),
        });
      }
    }
  }
  const figures = mergeFigures(rs.filter((r) => !copyOf.has(r.id)));
  const killed = totalOf(figures as never);
  const fused = fusedFigures(byTime.map((m) => m.profile));
  const independent = rs.length - copyOf.size;
  const evidence = gradeEvidence(toll, independent, rs.length);
  const g = grade(evidence);
  const actors = new Map<string, { name: string; role: string }>();
  for (const r of rs) for (const a of r.actors) if (!actors.has(a.name)) actors.set(a.name, a);
  const joins = members.filter((m) => m.join).map((m) => ({ a: m.join!.to, b: m.join!.report, why: m.join!.why, probability: m.join!.probability, copy: m.join!.copy }));
  return {
    ...lead,
    id,
    outlet: [...new Set(rs.map((r) => r.outlet).filter(Boolean))].join('; ') || null,
    actors: [...actors.values()],
    fatalities: Math.min(...rs.map((r) => r.fatalities)),
    fatalities_low: killed ? killed.low : lead.fatalities_low,
    fatalities_best: killed ? killed.best : lead.fatalities_best,
    fatalities_high: killed ? killed.high : lead.fatalities_high,
    contested: figures.some((f) => f.contested),
    figures,
    sources: [...new Set(rs.flatMap((r) => r.sources ?? []))],
    reports: members.map((m) => m.record.id),
    documents: [...new Set(rs.map((r) => r.document))],
    joins,
    fused,
    toll,
    independent_sources: independent,
    copies: [...copyOf.entries()].map(([report, copy_of]) => ({ report, copy_of })),
    grade: g.grade,
    grade_reasons: g.reasons,
  };
}

/** Figures of all reports together, per victim group and outcome (the rule within a document). */
function mergeFigures(records: IncidentRecord[]): RecordFigure[] {
  const merged: RecordFigure[] = [];
  for (const r of records) {
    for (const f of r.figures) {
      const sources = f.sources.map((s) => ({ ...s, name: `${s.name} (${r.outlet ?? r.document})`, document: r.document }));
      const same = merged.find((m) => m.outcome === f.outcome && (m.group === f.group || (m.group && f.group && sameGroup(m.group, f.group))));
      if (same) same.sources.push(...sources);
      else merged.push({ ...f, sources });
    }
  }
  for (const m of merged) Object.assign(m, summarise(m.sources));
  return merged;
}

/** What the grade weighs, read off the toll: contradictions are figures of one outcome and group from
 * independent reports published on the same day whose ranges do not overlap (a toll that rises from one
 * day's reports to the next is an update, not a contradiction). */
export function gradeEvidence(toll: TollPoint[], independent: number, reports: number) {
  const own = toll.filter((t) => !t.copy_of);
  const contradictions: string[] = [];
  for (let i = 0; i < own.length; i++) {
    for (let j = i + 1; j < own.length; j++) {
      const a = own[i], b = own[j];
      if (a.report === b.report || a.outcome !== b.outcome) continue;
      if (a.group !== b.group && !sameGroup(a.group, b.group)) continue;
      const gap = a.published && b.published ? Math.abs(Date.parse(a.published) - Date.parse(b.published)) / DAY : 0;
      if (gap >= 1) continue;
      const hiA = a.max ?? Infinity, hiB = b.max ?? Infinity;
      if (hiA < b.min || hiB < a.min) contradictions.push(`${a.outcome}: ${a.min} (${a.outlet ?? a.report}) vs ${b.min} (${b.outlet ?? b.report})`);
    }
  }
  const zero = (t: TollPoint) => t.min === 0 && t.max === 0;
  return {
    independent, reports,
    sources: [...new Set(own.map((t) => t.source))],
    figures: own.length,
    denials: own.filter(zero).length,
    contradictions,
    disputed: false,
    harmed: own.some((t) => t.min > 0),
  };
}
