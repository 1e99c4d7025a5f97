// Incremental clustering: reports arrive one at a time (as they are ingested, or in publication order
// when the clustering is rebuilt); each joins the existing incident it is most probably part of, or
// opens one. A report's link to an incident is its strongest link to any of the incident's reports
// (single link), so an incident grows along a chain of reports each like the one before (an early
// "four shot" report, then a follow-up naming the victims). Joins are recorded with their evidence, and
// a join can be undone (detach) without touching the other reports.
import { BlockingIndex } from './blocking.ts';
import { judge, loadModel, probability, type FusionModel } from './decision.ts';
import type { FeatureContext } from './features.ts';
import { StreamIdf } from './idf.ts';
import type { FusionProfile } from './profile.ts';
import { isCopy } from './syndication.ts';

export interface Join {
  /** The report that joined, and the incident's report it matched best. */
  report: string;
  to: string;
  probability: number;
  why: string;
  /** The two texts are near-identical: a syndicated copy of one story. */
  copy: boolean;
}

export interface FusedCluster {
  /** The incident's id: "incident-" + the id of its first report. */
  id: string;
  reports: string[];
  joins: Join[];
}

export class Clustering {
  private index = new BlockingIndex();
  private clusterOf = new Map<string, FusedCluster>();
  readonly clusters: FusedCluster[] = [];
  /** Pairs compared so far: the work the clustering does, independent of the machine's load. */
  comparisons = 0;
  /** Word weights: the news frequencies plus those of the reports fused so far. */
  private stream = new StreamIdf();
  private ctx: FeatureContext = { idf: (w) => this.stream.idf(w), vectors: new WeakMap() };

  constructor(private model: FusionModel = loadModel()) {}

  /** Files a report already placed in a stored incident (the incident named by its id), judging nothing:
   * the store seeds the clustering with the reports around a new one before adding it. */
  seed(p: FusionProfile, incident: string): void {
    let cluster = this.clusters.find((c) => c.id === incident);
    if (!cluster) this.clusters.push((cluster = { id: incident, reports: [], joins: [] }));
    cluster.reports.push(p.report);
    this.clusterOf.set(p.report, cluster);
    this.index.add(p);
    this.stream.observe(p.terms);
  }

  /** Adds a report: it joins the best incident among its candidates, or opens a new one. */
  add(p: FusionProfile): { cluster: FusedCluster; join?: Join } {
    this.stream.observe(p.terms);
    let best: { cluster: FusedCluster; to: FusionProfile; probability: number } | undefined;
    for (const q of this.index.candidates(p)) {
      if (q.document === p.document && q.report !== p.report) continue; // two incidents of one document stay apart
      const cluster = this.clusterOf.get(q.report);
      if (!cluster) continue;
      this.comparisons++;
      const pr = probability(q, p, this.model, this.ctx);
      if (pr >= this.model.threshold && (!best || pr > best.probability)) best = { cluster, to: q, probability: pr };
    }
    this.index.add(p);
    if (best) {
      const why = judge(best.to, p, this.model, this.ctx).why;
      const join: Join = { report: p.report, to: best.to.report, probability: best.probability, why, copy: isCopy(p.sketch, best.to.sketch) };
      best.cluster.reports.push(p.report);
      best.cluster.joins.push(join);
      this.clusterOf.set(p.report, best.cluster);
      return { cluster: best.cluster, join };
    }
    const cluster: FusedCluster = { id: `incident-${p.report}`, reports: [p.report], joins: [] };
    this.clusters.push(cluster);
    this.clusterOf.set(p.report, cluster);
    return { cluster };
  }
}

/** The order reports are fused in when the clustering is rebuilt: by publication (then incident) date, then id. */
export function streamOrder(a: FusionProfile, b: FusionProfile): number {
  const ka = a.published ?? a.date ?? '9999', kb = b.published ?? b.date ?? '9999';
  return ka < kb ? -1 : ka > kb ? 1 : a.report < b.report ? -1 : a.report > b.report ? 1 : 0;
}

/** Fuses a whole set of reports at once, as a stream in publication order. */
export function clusterProfiles(profiles: FusionProfile[], model?: FusionModel): { clusters: FusedCluster[]; comparisons: number } {
  const c = new Clustering(model);
  for (const p of [...profiles].sort(streamOrder)) c.add(p);
  return { clusters: c.clusters, comparisons: c.comparisons };
}
