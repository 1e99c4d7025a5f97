// "The article's main incident", as the victims and fusion scorers read it (rule in docs/eval.md):
// among doc.incidents the one with the largest killed + injured (each its reconciled best total over
// victim groups, src/incidents/reconcile.ts), ties to the one described earliest in the text. When the
// incidents stage found none, the document's casualty claims reconciled together stand in for it, at the
// place and time the where/when stages flagged as the incident's (so a report whose event type was not
// recognised still gives its figures, as the casualties scorer reads ACLED notes).
import type { Document } from '../../model/document.ts';
import type { ReconciledFigure } from '../../model/incident.ts';
import type { PlaceMention, TimeExpression } from '../../model/where-when.ts';
import { reconcile, totalOf } from '../../incidents/reconcile.ts';

export interface MainIncident {
  killed: number;
  injured: number;
  place?: PlaceMention;
  time?: TimeExpression;
  /** Index into doc.incidents, or -1 for the stand-in built from the document's claims. */
  index: number;
  claims: number[];
}

/** A reconciled best total as a count of people (a range's midpoint rounded down). */
export function countOf(figures: ReconciledFigure[], outcome: 'killed' | 'injured'): number {
  const t = totalOf(figures, outcome);
  return t ? Math.floor(t.best) : 0;
}

export function mainIncident(doc: Document): MainIncident | undefined {
  let best: MainIncident | undefined;
  let bestStart = Infinity;
  doc.incidents.forEach((inc, index) => {
    const m: MainIncident = { killed: countOf(inc.figures, 'killed'), injured: countOf(inc.figures, 'injured'), place: inc.place, time: inc.time, index, claims: inc.claims };
    const start = inc.evidence.start;
    if (!best || m.killed + m.injured > best.killed + best.injured || (m.killed + m.injured === best.killed + best.injured && start < bestStart)) {
      best = m;
      bestStart = start;
    }
  });
  if (best) return best;
  const claims = doc.claims.map((_, i) => i).filter((i) => doc.claims[i].kind === 'casualties');
  const place = doc.places.find((p) => p.incident);
  const time = doc.times.find((t) => t.incident);
  if (!claims.length && !place && !time) return undefined;
  const figures = reconcile(doc, claims);
  return { killed: countOf(figures, 'killed'), injured: countOf(figures, 'injured'), place, time, index: -1, claims };
}
