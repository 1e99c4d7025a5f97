// ACLED's conventions for the CSV export: country names, ISO numeric codes and regions, disorder types,
// actor types (inter1/inter2) and their interaction, civilian targeting. Filled only from what a record
// supports; a cell the data cannot support is left empty (docs in src/cli/commands/export.ts usage).
import { COUNTRY_NAMES, DEMONYM_OWNER } from '../where/conventions.ts';
import { loadGazetteer } from '../where/gazetteer.ts';
import { foldName } from '../where/fold.ts';
import { COUNTRY_ROWS } from './countries.ts';

export interface CountryInfo { alpha2: string; numeric: string; alpha3: string; name: string; region: string }

// ACLED spells these countries its own way (the rest follow world-countries' short names).
const ACLED_NAMES: Record<string, string> = {
  CD: 'Democratic Republic of Congo', CG: 'Republic of Congo', SZ: 'eSwatini', TR: 'Turkey', CZ: 'Czech Republic',
  TL: 'East Timor', BL: 'Saint-Barthelemy', MF: 'Saint-Martin', VA: 'Vatican City', FM: 'Micronesia',
};

// ACLED's regions from the UN-style subregions, with the countries ACLED places elsewhere.
const REGION_OF_SUBREGION: Record<string, string> = {
  'Western Africa': 'Western Africa', 'Middle Africa': 'Middle Africa', 'Eastern Africa': 'Eastern Africa',
  'Southern Africa': 'Southern Africa', 'Northern Africa': 'Northern Africa', 'Southern Asia': 'South Asia',
  'South-Eastern Asia': 'Southeast Asia', 'Eastern Asia': 'East Asia', 'Western Asia': 'Middle East', 'Central Asia': 'Caucasus and Central Asia',
  'Northern Europe': 'Europe', 'Western Europe': 'Europe', 'Southern Europe': 'Europe', 'Eastern Europe': 'Europe',
  'Central Europe': 'Europe', 'Southeast Europe': 'Europe', 'Caribbean': 'Caribbean', 'Central America': 'Central America',
  'South America': 'South America', 'North America': 'North America', 'Australia and New Zealand': 'Oceania',
  'Melanesia': 'Oceania', 'Micronesia': 'Oceania', 'Polynesia': 'Oceania', 'Antarctic': 'Antarctica',
};
const REGION_OF_COUNTRY: Record<string, string> = {
  IR: 'Middle East', AM: 'Caucasus and Central Asia', AZ: 'Caucasus and Central Asia', GE: 'Caucasus and Central Asia',
  MX: 'Central America', SS: 'Eastern Africa',
};

let byCode: Map<string, CountryInfo> | undefined;
let byName: Map<string, string> | undefined;

function load(): Map<string, CountryInfo> {
  if (byCode) return byCode;
  byCode = new Map();
  byName = new Map();
  for (const line of COUNTRY_ROWS.split('\n')) {
    if (!line) continue;
    const [alpha2, numeric, alpha3, common, subregion] = line.split('\t');
    const name = ACLED_NAMES[alpha2] ?? common;
    byCode.set(alpha2, { alpha2, numeric, alpha3, name, region: REGION_OF_COUNTRY[alpha2] ?? REGION_OF_SUBREGION[subregion] ?? '' });
    for (const n of [name, common, alpha3]) byName.set(foldName(n), alpha2);
  }
  for (const [folded, code] of Object.entries(COUNTRY_NAMES)) if (!byName.has(folded)) byName.set(folded, code);
  return byCode;
}

/** ISO numeric and alpha-3 codes, ACLED's name and region of an ISO 3166 alpha-2 code. */
export function countryInfo(alpha2: string | null | undefined): CountryInfo | undefined {
  return alpha2 ? load().get(alpha2.toUpperCase()) : undefined;
}

/**
 * The alpha-2 code a user means: a code ("sy"), ACLED's or the common English name ("Afghanistan",
 * "Democratic Republic of Congo", "Turkey"), or the alpha-3 code ("AFG"); undefined when none matches.
 */
export function countryCode(input: string): string | undefined {
  const codes = load();
  const s = input.trim();
  if (/^[A-Za-z]{2}$/.test(s)) return codes.has(s.toUpperCase()) ? s.toUpperCase() : undefined;
  return byName!.get(foldName(s));
}

/** ACLED's disorder type of an ACLED event type (and sub-event type). */
export function disorderType(eventType: string | null, subEventType: string | null): string {
  if (!eventType) return '';
  if (subEventType === 'Excessive force against protesters' || subEventType === 'Mob violence') return 'Political violence; Demonstrations';
  if (eventType === 'Protests' || eventType === 'Riots') return 'Demonstrations';
  if (eventType === 'Strategic developments') return 'Strategic developments';
  return 'Political violence';
}

/** ACLED's actor types, in its order (the interaction names the lower first). */
export const ACTOR_TYPES = ['State forces', 'Rebel group', 'Political militia', 'Identity militia', 'Rioters', 'Protesters', 'Civilians', 'External/Other forces'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

const STATE = /\b(army|armies|military|soldiers?|troops|police(?:m[ae]n| officers?)?|security forces|government forces|armed forces|gendarmes?|gendarmerie|navy|air force|national guard|border guards?|coast guard|army post|checkpoint)\b/i;
const REBEL = /\b(rebels?|insurgents?|guerrill?as?)\b/i;
const PROTESTERS = /\b(protesters?|protestors?|demonstrators?|marchers?)\b/i;
const RIOTERS = /\b(rioters?|mobs?)\b/i;
const CIVILIANS = /\b(civilians?|residents?|villagers?|worshippers?|pupils?|students?|children|women|passengers?|shoppers?|farmers?|journalists?|aid workers?|refugees?|pilgrims?|patients?)\b/i;

/**
 * ACLED's type of an actor, read from its name (and the country it is named after, if not the incident's:
 * state forces abroad are "External/Other forces" in ACLED's codebook); undefined when the name does not say.
 * Unnamed armed groups ("gunmen", "militants") are left untyped: ACLED's choice among militias needs more.
 */
export function actorType(name: string, foreign: boolean): ActorType | undefined {
  if (PROTESTERS.test(name)) return 'Protesters';
  if (RIOTERS.test(name)) return 'Rioters';
  if (REBEL.test(name)) return 'Rebel group';
  if (STATE.test(name)) return foreign ? 'External/Other forces' : 'State forces';
  if (CIVILIANS.test(name)) return 'Civilians';
  return undefined;
}

/**
 * ACLED's type of an actor of an incident in a country: from its name, with the forces of a named
 * country ("U.S. forces", "Russian troops") as state forces, "External/Other forces" when that country is
 * not the incident's. "Syrian Democratic Forces" names no country, and stays untyped.
 */
export function actorTypeIn(name: string, country: string | null): ActorType | undefined {
  const type = actorType(name, false);
  if (type !== undefined && type !== 'State forces') return type;
  if (type === undefined && !/\bforces\b/i.test(name)) return undefined;
  const named = namedCountry(name);
  if (type === undefined && named === undefined) return undefined;
  return named !== undefined && country !== null && named !== country ? 'External/Other forces' : 'State forces';
}

/** ACLED's interaction: both actor types, the lower first, or one type "only" when there is no second actor. */
export function interaction(inter1: ActorType | undefined, inter2: ActorType | undefined, hasActor2: boolean): string {
  if (!inter1) return '';
  if (!hasActor2) return `${inter1} only`;
  if (!inter2) return '';
  const [a, b] = [inter1, inter2].sort((x, y) => ACTOR_TYPES.indexOf(x) - ACTOR_TYPES.indexOf(y));
  return `${a}-${b}`;
}

/**
 * The country an actor's name is named after ("U.S. forces", "Israeli troops", "Syrian army"): the
 * words before its first lower-case word, read as a country or a demonym. Undefined when none.
 */
export function namedCountry(name: string): string | undefined {
  const lead = /^((?:\p{Lu}[\p{L}.'’-]*\s*)+)/u.exec(name)?.[1]?.trim();
  if (!lead || lead.length < 2) return undefined;
  const direct = countryCode(lead.replace(/\.$/, '')) ?? countryCode(lead);
  if (direct && lead.length > 2) return direct;
  const g = loadGazetteer();
  const demonym = g.demonyms.get(lead.toLowerCase());
  if (demonym) return DEMONYM_OWNER[demonym] ?? demonym;
  return g.lookup(lead).find((p) => p.feature === 'PCLI')?.country;
}
