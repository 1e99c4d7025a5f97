// Fusion scored pairwise on a gold clustering: a folder with fusion.jsonl, one JSONL ingest record per
// report plus `incident`, the label of the gold incident it reports (examples/fusion). Each report is
// profiled from its main incident and fused with the others as the store does (src/fusion, in
// publication order); a pair of reports is a true join when both carry one label.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterProfiles } from '../fusion/cluster.ts';
import { reportProfile, type FusionProfile } from '../fusion/profile.ts';
import { documentFromText } from '../ingest/index.ts';
import { parseDateString } from '../ingest/metadata.ts';
import { analyse } from '../pipeline/index.ts';
import { prf } from './match.ts';

export interface FusionScore { reports: number; incidents: number; clusters: number; precision: number; recall: number; f1: number; tp: number; fp: number; fn: number; unplaced: number }

export function evaluateFusion(dir: string): FusionScore {
  const lines = readFileSync(join(dir, 'fusion.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const profiles: FusionProfile[] = [];
  const label = new Map<string, string>();
  // Gold pairs over all reports, including any the pipeline found no incident in.
  const sizes = new Map<string, number>();
  let unplaced = 0;
  lines.forEach((line, i) => {
    const rec = JSON.parse(line);
    if (typeof rec.text !== 'string' || typeof rec.incident !== 'string') throw new Error(`${dir}/fusion.jsonl:${i + 1}: a record needs "text" and "incident"`);
    sizes.set(rec.incident, (sizes.get(rec.incident) ?? 0) + 1);
    const published = rec.published ? parseDateString(String(rec.published)) : undefined;
    const doc = analyse(documentFromText(rec.text, { origin: `${dir}/fusion.jsonl:${i + 1}`, outlet: rec.outlet, title: rec.title, ...(published ? { published, publishedFrom: 'metadata' as const } : {}) }));
    if (!doc.incidents.length) { unplaced++; return; } // no incident found: every gold pair with it is a missed join
    const p = reportProfile(doc, `r${i + 1}`);
    profiles.push(p);
    label.set(p.report, rec.incident);
  });
  const { clusters } = clusterProfiles(profiles);
  const cluster = new Map<string, number>();
  clusters.forEach((c, k) => { for (const id of c.reports) cluster.set(id, k); });
  let tp = 0, predicted = 0;
  for (let i = 0; i < profiles.length; i++) {
    for (let j = i + 1; j < profiles.length; j++) {
      const a = profiles[i].report, b = profiles[j].report;
      const joined = cluster.get(a) === cluster.get(b);
      if (joined) predicted++;
      if (joined && label.get(a) === label.get(b)) tp++;
    }
  }
  const gold = [...sizes.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  return { reports: lines.length, incidents: profiles.length, clusters: clusters.length, unplaced, ...prf(tp, predicted, gold) };
}
