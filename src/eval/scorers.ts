// The one place a benchmark task meets its scorer: a set's manifest names its `task`, this table names the
// module that scores it. Registering a scorer is one line here; modules load when a set of their task is
// met. A task with no line (or whose module is not there yet) is reported as "not built (no scorer for
// task X)" and the run goes on.
import type { SetScorer } from './sets/types.ts';

type Load = () => Promise<SetScorer<any, any, any>>;

export const SCORERS: Record<string, Load> = {
  ner: () => import('./sets/ner.ts').then((m) => m.nerScorer),
  html: () => import('./sets/html.ts').then((m) => m.htmlScorer),
  quotes: () => import('./sets/quotes.ts').then((m) => m.quotesScorer),
  geo: () => import('./sets/geo.ts').then((m) => m.geoScorer),
  dates: () => import('./sets/dates.ts').then((m) => m.datesScorer),
  casualties: () => import('./sets/casualties.ts').then((m) => m.casualtiesScorer),
  victims: () => import('./sets/victims.ts').then((m) => m.victimsScorer),
  fusion: () => import('./sets/fusion.ts').then((m) => m.fusionScorer),
  templates: () => import('./sets/templates.ts').then((m) => m.templatesScorer),
  syntax: () => import('./sets/syntax.ts').then((m) => m.syntaxScorer),
};

/** The scorer of a task, or undefined when none is registered. */
export async function scorerFor(task: string): Promise<SetScorer<any, any, any> | undefined> {
  const load = Object.hasOwn(SCORERS, task) ? SCORERS[task] : undefined;
  return load ? load() : undefined;
}
