// Fusion sets (gva-dev, ecbplus-dev): the whole set's articles clustered at once by sitrep's fusion
// (src/fusion: blocking, features, a decision learned from gva-dev's GVC train incidents, incremental
// clustering in publication order, as the store does), scored pairwise and by B-cubed, and each gold
// incident's fused record (killed, injured, place, date, chosen among its reports by src/fusion/choose.ts)
// against the GVA record, as the benchmarks README states. Each article is profiled from its main
// incident (main-incident.ts); a refused article is a singleton with an empty record.
import { clusterProfiles } from '../../fusion/cluster.ts';
import { fusedFigures } from '../../fusion/choose.ts';
import { reportProfile, type FusionProfile } from '../../fusion/profile.ts';
import { documentFromText } from '../../ingest/index.ts';
import { parseDateString } from '../../ingest/metadata.ts';
import { analyse } from '../../pipeline/index.ts';
import { haversineKm } from '../match.ts';
import { f1, type SetScorer } from './types.ts';

export interface GvaRecord {
  id: string; date: string; lat: number | null; lon: number | null;
  killed: number; injured: number; killed_stated: boolean; injured_stated: boolean;
}
export interface FusionItem {
  id: string; title?: string | null; published?: string | null; url?: string | null; outlet?: string | null; text: string;
  incident: string; gva?: GvaRecord | null; gvc?: string | null;
}
/** The article's fusion profile (its main incident's), or null when the input was refused. */
export type FusionPred = FusionProfile | null;

/** What the scorer reads off a fused record. */
export interface FusedFigures { killed: number; injured: number; date: string | null; lat: number | null; lon: number | null }
export interface PredCluster { members: string[]; record: FusedFigures }
export interface GoldArticle { id: string; incident: string; gvc: boolean; gva: GvaRecord | null }

interface State { articles: GoldArticle[]; profiles: FusionProfile[] }

const EMPTY: FusedFigures = { killed: 0, injured: 0, date: null, lat: null, lon: null };
const pairs = (n: number) => (n * (n - 1)) / 2;

/** Pairwise and B-cubed precision / recall / F1 of a clustering (labels per article, same order). */
export function clusterScores(gold: string[], pred: string[]) {
  const n = gold.length;
  const count = (xs: string[]) => { const m = new Map<string, number>(); for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1); return m; };
  const g = count(gold), p = count(pred);
  const both = count(gold.map((x, i) => JSON.stringify([x, pred[i]])));
  let tp = 0, predPairs = 0, goldPairs = 0;
  for (const c of both.values()) tp += pairs(c);
  for (const c of p.values()) predPairs += pairs(c);
  for (const c of g.values()) goldPairs += pairs(c);
  const pp = predPairs ? tp / predPairs : 1;
  const pr = goldPairs ? tp / goldPairs : 0;
  let bp = 0, br = 0;
  for (let i = 0; i < n; i++) {
    const shared = both.get(JSON.stringify([gold[i], pred[i]]))!;
    bp += shared / p.get(pred[i])!;
    br += shared / g.get(gold[i])!;
  }
  bp = n ? bp / n : 0;
  br = n ? br / n : 0;
  return {
    pairwise_precision: pp, pairwise_recall: pr, pairwise_f1: f1(pp, pr),
    bcubed_precision: bp, bcubed_recall: br, bcubed_f1: f1(bp, br),
  };
}

/** The README's scores of a predicted clustering with one fused record per cluster. */
export function scoreFusion(articles: GoldArticle[], clusters: PredCluster[]): Record<string, number> {
  const clusterOf = new Map<string, number>();
  clusters.forEach((c, k) => { for (const id of c.members) clusterOf.set(id, k); });
  // An article no cluster names is a singleton.
  const label = (a: GoldArticle) => (clusterOf.has(a.id) ? `c${clusterOf.get(a.id)}` : `s${a.id}`);
  const out: Record<string, number> = clusterScores(articles.map((a) => a.incident), articles.map(label));
  const gvc = articles.filter((a) => a.gvc);
  if (gvc.length) out.gvc_bcubed_f1 = clusterScores(gvc.map((a) => a.incident), gvc.map(label)).bcubed_f1;

  // Gold incidents with a GVA record: the fused record of the cluster holding most of their articles.
  const incidents = new Map<string, { gva: GvaRecord; ids: string[] }>();
  for (const a of articles) {
    if (!a.gva) continue;
    const inc = incidents.get(a.incident) ?? { gva: a.gva, ids: [] };
    inc.ids.push(a.id);
    incidents.set(a.incident, inc);
  }
  if (!incidents.size) return out;
  const size = (k: number | undefined, id: string) => (k === undefined ? 1 : clusters[k].members.length);
  const smallest = (k: number | undefined, id: string) => (k === undefined ? id : clusters[k].members.reduce((m, x) => (x < m ? x : m)));
  const s = { killed: 0, killedOk: 0, killedNz: 0, killedNzOk: 0, injured: 0, injuredOk: 0, injuredNz: 0, injuredNzOk: 0, points: 0, near: 0, dates: 0, dateOk: 0 };
  for (const { gva, ids } of incidents.values()) {
    // Candidate clusters: each predicted cluster (or singleton) holding some of the incident's articles.
    const cands = new Map<string, { k: number | undefined; id: string; n: number }>();
    for (const id of ids) {
      const k = clusterOf.get(id);
      const key = k === undefined ? `s${id}` : `c${k}`;
      const c = cands.get(key) ?? { k, id, n: 0 };
      c.n++;
      cands.set(key, c);
    }
    const best = [...cands.values()].sort((x, y) => y.n - x.n || size(x.k, x.id) - size(y.k, y.id) || (smallest(x.k, x.id) < smallest(y.k, y.id) ? -1 : 1))[0];
    const rec = best.k === undefined ? EMPTY : clusters[best.k].record;
    if (gva.killed_stated) {
      s.killed++;
      if (rec.killed === gva.killed) s.killedOk++;
      if (gva.killed > 0) { s.killedNz++; if (rec.killed === gva.killed) s.killedNzOk++; }
    }
    if (gva.injured_stated) {
      s.injured++;
      if (rec.injured === gva.injured) s.injuredOk++;
      if (gva.injured > 0) { s.injuredNz++; if (rec.injured === gva.injured) s.injuredNzOk++; }
    }
    if (gva.lat !== null && gva.lon !== null) {
      s.points++;
      if (rec.lat !== null && rec.lon !== null && haversineKm(rec.lat, rec.lon, gva.lat, gva.lon) <= 25) s.near++;
    }
    s.dates++;
    if (rec.date && Math.abs(Date.parse(rec.date) - Date.parse(gva.date)) <= 86400000) s.dateOk++;
  }
  const r = (a: number, b: number) => (b ? a / b : 0);
  return {
    ...out,
    killed_exact: r(s.killedOk, s.killed), injured_exact: r(s.injuredOk, s.injured),
    killed_exact_nonzero: r(s.killedNzOk, s.killedNz), injured_exact_nonzero: r(s.injuredNzOk, s.injuredNz),
    location_25km: r(s.near, s.points), date_within1: r(s.dateOk, s.dates),
    killed_scored: s.killed, injured_scored: s.injured,
  };
}

/** An item as sitrep reads it (the title leads the text as its headline, as in a feed item), analysed and
 * profiled for fusion; null when the input is refused (e.g. empty text): a singleton. */
export function profileItem(item: FusionItem): FusionProfile | null {
  const published = item.published ? parseDateString(String(item.published)) : undefined;
  const title = item.title?.trim();
  const text = title && !item.text.startsWith(title) ? `${title}\n\n${item.text}` : item.text;
  let doc;
  try {
    doc = analyse(documentFromText(text, {
      origin: item.id, ...(item.outlet ? { outlet: item.outlet } : {}), ...(item.url ? { url: item.url } : {}), ...(title ? { title } : {}),
      ...(published ? { published, publishedFrom: 'metadata' as const } : {}),
    }));
  } catch {
    return null;
  }
  return reportProfile(doc, item.id);
}

export const fusionScorer: SetScorer<FusionItem, FusionPred, State> = {
  task: 'fusion',
  needs: ['incidents'],
  predict: profileItem,
  init: () => ({ articles: [], profiles: [] }),
  add(s, item, pred) {
    s.articles.push({ id: item.id, incident: item.incident, gvc: item.gvc != null, gva: item.gva ?? null });
    if (pred) s.profiles.push(pred);
  },
  finish(s) {
    const byId = new Map(s.profiles.map((p) => [p.report, p]));
    const clusters: PredCluster[] = clusterProfiles(s.profiles).clusters.map((c) => {
      const f = fusedFigures(c.reports.map((r) => byId.get(r)!));
      return { members: c.reports, record: { killed: f.killed, injured: f.injured, date: f.date, lat: f.lat, lon: f.lon } };
    });
    return scoreFusion(s.articles, clusters);
  },
};
