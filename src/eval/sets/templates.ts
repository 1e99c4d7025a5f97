// MUC-3/4 template filling (muc-dev), scored at document level as GRIT / GTT do, per the benchmarks
// README: incident types (type_f1), role fillers pooled over a message's templates (role_f1, per role,
// victim_any_f1), and the killed / injured totals. The system's incidents come from the pipeline; their
// types are mapped onto MUC's six, and an incident whose type has no MUC counterpart (a battle, a protest,
// an arrest: MUC templates none of these) is not output.
import { acledFatalities } from '../../claims/acled.ts';
import type { Document } from '../../model/document.ts';
import { createDocument } from '../../model/create.ts';
import { analyse } from '../../pipeline/index.ts';
import { assignMax } from '../assign.ts';
import { prf } from '../match.ts';
import { countOf } from './main-incident.ts';
import type { SetScorer } from './types.ts';

export const ROLES = ['PerpInd', 'PerpOrg', 'Target', 'Victim', 'Weapon'] as const;
export type Role = (typeof ROLES)[number];

interface MucEntity { mentions: string[]; name_mentions?: string[] }
export interface MucTemplate {
  type: string;
  perp_individual?: MucEntity[]; perp_organization?: MucEntity[]; physical_target?: MucEntity[]; human_target?: MucEntity[]; instrument?: MucEntity[];
}
export interface MucItem { id: string; text: string; dct?: string | null; templates: MucTemplate[]; killed: number | null; injured: number | null }
export interface MucIncident { type: string; fillers: Partial<Record<Role, string[]>>; victimsAny?: string[]; killed: number; injured: number; killedAcled?: number }
export type MucPred = MucIncident[];

/** Our incident types onto MUC's (ATTACK, BOMBING, KIDNAPPING, ARSON, ROBBERY, FORCED WORK STOPPAGE). */
export const MUC_TYPE: Record<string, string> = {
  suicide_bombing: 'BOMBING', ied: 'BOMBING', bombing: 'BOMBING',
  air_strike: 'ATTACK', shelling: 'ATTACK', armed_attack: 'ATTACK', violence_against_civilians: 'ATTACK',
  abduction: 'KIDNAPPING', arson: 'ARSON', robbery: 'ROBBERY',
};

/** A force's post named as the target (the incidents stage's actor for an attacked base or station). */
const POST_NAME = /\b(?:academy|station|post|checkpoint|headquarters|barracks|compound|base|convoy|patrol)$/i;

/** GTT's normalize_string: lower case, ASCII punctuation deleted, the words a / an / the deleted, white space collapsed. */
export function normFiller(s: string): string {
  return s.toLowerCase().replace(/[!-/:-@[-`{-~]/g, '').replace(/\b(?:a|an|the)\b/g, ' ').split(/\s+/).filter(Boolean).join(' ');
}

/** Distinct entities as sets of normalised mentions (entities left with none skipped). */
function goldEntities(list: MucEntity[], pick: (e: MucEntity) => string[] | undefined): Set<string>[] {
  const seen = new Set<string>();
  const out: Set<string>[] = [];
  for (const e of list) {
    const mentions = new Set((pick(e) ?? []).map(normFiller).filter(Boolean));
    if (!mentions.size) continue;
    const key = [...mentions].sort().join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(mentions);
  }
  return out;
}

/** Size of a maximum one-to-one matching of predicted strings to gold entities (a string matches an entity it is a mention of). */
export function fillerMatches(pred: string[], gold: Set<string>[]): number {
  if (!pred.length || !gold.length) return 0;
  return assignMax(pred.map((p) => gold.map((g) => (g.has(p) ? 1 : 0)))).length;
}

type Tally = { tp: number; pred: number; gold: number };
interface State {
  roles: Record<Role, Tally>; victimAny: Tally; types: Tally;
  killedN: number; killedOk: number; killedNz: number; killedNzOk: number; killedAcledOk: number; injuredN: number; injuredOk: number;
}

const GOLD_ROLE: Record<Role, (t: MucTemplate) => Set<string>[]> = {
  PerpInd: (t) => goldEntities(t.perp_individual ?? [], (e) => e.mentions),
  PerpOrg: (t) => goldEntities(t.perp_organization ?? [], (e) => e.mentions),
  Target: (t) => goldEntities(t.physical_target ?? [], (e) => e.mentions),
  Victim: (t) => goldEntities(t.human_target ?? [], (e) => e.name_mentions),
  Weapon: (t) => goldEntities(t.instrument ?? [], (e) => e.mentions),
};

/** Pooled over a message's templates: the distinct entities of one role. */
function pooled(templates: MucTemplate[], get: (t: MucTemplate) => Set<string>[]): Set<string>[] {
  const seen = new Set<string>();
  const out: Set<string>[] = [];
  for (const t of templates) for (const e of get(t)) {
    const key = [...e].sort().join('\u0000');
    if (!seen.has(key)) { seen.add(key); out.push(e); }
  }
  return out;
}

const distinct = (xs: string[]) => [...new Set(xs.map(normFiller).filter(Boolean))];

/** The fillers of one of our incidents, by MUC role (rule in docs/eval.md). */
export function incidentFillers(doc: Document, index: number): Pick<MucIncident, 'fillers' | 'victimsAny'> {
  const inc = doc.incidents[index];
  const kindOf = (entity: number | undefined) => (entity !== undefined ? doc.entities[entity]?.kind : undefined);
  const nameOf = (a: { name: string; entity?: number }) => (a.entity !== undefined && doc.entities[a.entity] ? doc.entities[a.entity].name : a.name);
  const fillers: Record<Role, string[]> = { PerpInd: [], PerpOrg: [], Target: [], Victim: [], Weapon: [] };
  const victimsAny: string[] = [];
  // Casualty subjects are people; a target actor that is one of them (or a person) is a human target.
  const casualtySubjects = new Set<string>();
  for (const i of inc.claims) {
    const c = doc.claims[i];
    if (c.kind === 'weapons' && Array.isArray(c.value)) fillers.Weapon.push(...c.value);
    if (c.kind === 'casualties' && c.subject) {
      victimsAny.push(c.subject.text);
      casualtySubjects.add(normFiller(c.subject.text));
      if (kindOf(c.subject.entity) === 'person') { const name = doc.entities[c.subject.entity!].name; fillers.Victim.push(name); victimsAny.push(name); }
    }
  }
  for (const w of inc.weapons ?? []) fillers.Weapon.push(w.text);
  for (const t of inc.targets ?? []) fillers.Target.push(t.text);
  for (const a of inc.actors) {
    // The actor's own kind (the role tagger's) before its entity's.
    const kind = a.kind ?? kindOf(a.entity);
    const name = a.kind ? a.name : nameOf(a);
    if (a.role === 'attacker') (kind === 'organisation' || kind === 'armed_group' || kind === 'media' ? fillers.PerpOrg : fillers.PerpInd).push(name);
    else if (a.role === 'target') {
      // A target actor is people (physical targets are listed apart, inc.targets), except a force's post
      // ("the police academy"), which the rules keep as the force attacked.
      if (kind === 'person') { fillers.Victim.push(name); victimsAny.push(name); } else if (!POST_NAME.test(name) || casualtySubjects.has(normFiller(name))) victimsAny.push(name); else fillers.Target.push(name);
    }
  }
  return { fillers, victimsAny };
}

export const templatesScorer: SetScorer<MucItem, MucPred, State> = {
  task: 'templates',
  needs: ['incidents'],
  predict(item) {
    const doc = analyse(createDocument(item.text, { origin: item.id, format: 'text', ...(item.dct ? { published: item.dct, publishedFrom: 'metadata' as const } : {}) }));
    const out: MucPred = [];
    doc.incidents.forEach((inc, i) => {
      const type = MUC_TYPE[inc.type];
      if (!type) return;
      out.push({ type, ...incidentFillers(doc, i), killed: countOf(inc.figures, 'killed'), injured: countOf(inc.figures, 'injured'), killedAcled: acledFatalities(doc, inc.claims) });
    });
    return out;
  },
  init: () => ({
    roles: Object.fromEntries(ROLES.map((r) => [r, { tp: 0, pred: 0, gold: 0 }])) as Record<Role, Tally>,
    victimAny: { tp: 0, pred: 0, gold: 0 }, types: { tp: 0, pred: 0, gold: 0 },
    killedN: 0, killedOk: 0, killedNz: 0, killedNzOk: 0, killedAcledOk: 0, injuredN: 0, injuredOk: 0,
  }),
  add(s, item, pred) {
    const tally = (t: Tally, p: string[], g: Set<string>[]) => { t.tp += fillerMatches(p, g); t.pred += p.length; t.gold += g.length; };
    for (const role of ROLES) tally(s.roles[role], distinct(pred.flatMap((i) => i.fillers[role] ?? [])), pooled(item.templates, GOLD_ROLE[role]));
    tally(s.victimAny, distinct(pred.flatMap((i) => i.victimsAny ?? i.fillers.Victim ?? [])), pooled(item.templates, (t) => goldEntities(t.human_target ?? [], (e) => e.mentions)));
    const goldTypes = new Set(item.templates.map((t) => t.type));
    const predTypes = new Set(pred.map((i) => i.type));
    s.types.tp += [...predTypes].filter((t) => goldTypes.has(t)).length;
    s.types.pred += predTypes.size;
    s.types.gold += goldTypes.size;
    if (item.templates.length && item.killed !== null) {
      const k = pred.reduce((n, i) => n + i.killed, 0);
      s.killedN++;
      if (k === item.killed) s.killedOk++;
      if (pred.reduce((n, i) => n + (i.killedAcled ?? i.killed), 0) === item.killed) s.killedAcledOk++;
      if (item.killed > 0) { s.killedNz++; if (k === item.killed) s.killedNzOk++; }
    }
    if (item.templates.length && item.injured !== null) {
      s.injuredN++;
      if (pred.reduce((n, i) => n + i.injured, 0) === item.injured) s.injuredOk++;
    }
  },
  finish(s) {
    const out: Record<string, number> = {};
    const all: Tally = { tp: 0, pred: 0, gold: 0 };
    for (const role of ROLES) {
      const t = s.roles[role];
      const m = prf(t.tp, t.pred, t.gold);
      Object.assign(out, { [`p_${role}`]: m.precision, [`r_${role}`]: m.recall, [`f1_${role}`]: m.f1 });
      all.tp += t.tp; all.pred += t.pred; all.gold += t.gold;
    }
    const micro = prf(all.tp, all.pred, all.gold);
    const types = prf(s.types.tp, s.types.pred, s.types.gold);
    const r = (a: number, b: number) => (b ? a / b : 0);
    return {
      role_f1: micro.f1, role_precision: micro.precision, role_recall: micro.recall, ...out,
      victim_any_f1: prf(s.victimAny.tp, s.victimAny.pred, s.victimAny.gold).f1,
      type_f1: types.f1, type_precision: types.precision, type_recall: types.recall,
      killed_exact: r(s.killedOk, s.killedN), killed_exact_nonzero: r(s.killedNzOk, s.killedNz), injured_exact: r(s.injuredOk, s.injuredN),
      killed_exact_acled: r(s.killedAcledOk, s.killedN),
    };
  },
};
