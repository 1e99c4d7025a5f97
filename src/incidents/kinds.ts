// Who a victim description names, as a path in a small hierarchy: [] is anyone ("people", "victims");
// ["civ"] civilians, ["civ", "child"] children; ["comb"] fighters of any side, ["comb", "state"] state
// forces, ["comb", "state", "police"] the police; ["comb", "armed"] armed groups, ["comb", "armed",
// "attacker"] the attack's authors. A description the lexicon does not know gets ["?word"]: it may be
// anyone's. Synonyms share a path ("soldiers", "troops", "servicemen"), so rival sources' words for one
// toll are one group (reconcile.ts).
import { groupKey } from '../claims/groups.ts';

const HEADS: Record<string, string[]> = {};
const put = (path: string[], words: string) => { for (const w of words.split(' ')) HEADS[w] = path; };
put([], 'people person persons individuals victims others dead deaths casualties lives bodies fatalities wounded injured killed');
put(['civ'], 'civilians civilian noncombatants non-combatants bystanders passers-by passersby inhabitants locals');
put(['civ', 'resident'], 'residents resident villagers villager townspeople');
put(['civ', 'child'], 'children child kids kid boys boy girls girl babies baby infants infant toddlers toddler minors minor schoolchildren pupils pupil teenagers teenager teens');
put(['civ', 'woman'], 'women woman mothers mother');
put(['civ', 'worshipper'], 'worshippers worshipper worshipers worshiper pilgrims pilgrim congregants mourners mourner');
put(['civ', 'protester'], 'protesters protester protestors protestor demonstrators demonstrator marchers marcher');
put(['civ', 'passenger'], 'passengers passenger commuters commuter travellers travelers');
put(['civ', 'student'], 'students student');
put(['civ', 'journalist'], 'journalists journalist reporters reporter cameraman photographers photographer');
put(['civ', 'medic'], 'doctors doctor nurses nurse paramedics paramedic medics medic');
put(['civ', 'worker'], 'workers worker labourers laborers employees employee staff staffers');
put(['civ', 'shopper'], 'shoppers shopper customers customer diners');
put(['civ', 'farmer'], 'farmers farmer herders herder shepherds');
put(['civ', 'refugee'], 'refugees refugee migrants migrant displaced');
put(['civ', 'tourist'], 'tourists tourist visitors');
put(['civ', 'patient'], 'patients patient');
put(['comb'], 'fighters fighter combatants combatant forces personnel members');
put(['comb', 'state'], 'servicemen serviceman');
put(['comb', 'state', 'soldier'], 'soldiers soldier troops troop army military conscripts conscript recruits recruit paratroopers marines marine commandos commando sailors airmen');
put(['comb', 'state', 'police'], 'police policemen policeman policewomen policewoman officers officer cops cop gendarmes gendarme constables patrolmen');
put(['comb', 'state', 'guard'], 'guards guard bodyguards bodyguard guardsmen');
put(['comb', 'armed'], 'militants militant insurgents insurgent rebels rebel jihadists jihadist extremists extremist terrorists terrorist guerrillas guerrilla militiamen militiaman militia militias separatists separatist');
put(['comb', 'armed', 'attacker'], 'attackers attacker assailants assailant gunmen gunman bombers bomber shooter shooters hijackers kidnappers suspects suspect perpetrators perpetrator');

/** Words before "forces" / "fighters" / "members" that say whose they are. */
const STATE = /\b(?:security|government|regime|state|army|military|armed|police|border|coalition|federal|national|special|afghan|iraqi|syrian|russian|ukrainian|israeli|u s|us|american|british|french|turkish|pakistani|indian|nigerian|egyptian|saudi|iranian|malian)\b/;
const ARMED = /\b(?:rebel|rebels|militant|insurgent|jihadist|islamist|taliban|opposition|militia|separatist|guerrilla|is|isis|daesh|al qaeda|qaeda|shabaab|boko haram|hezbollah|hamas|pkk|sdf|ypg)\b/;

/** The path of a victim description (see the top of this file). */
export function kindOf(text: string): string[] {
  const words = groupKey(text).split(' ').filter(Boolean);
  if (!words.length) return [];
  const head = words[words.length - 1];
  const base = HEADS[head] ?? HEADS[head.replace(/s$/, '')];
  const rest = words.slice(0, -1).join(' ');
  if (base && base.length === 1 && base[0] === 'comb' && rest) {
    // "pro-government forces" are militias beside the state; "U.S.-backed fighters" a proxy force.
    if (/\bpro\b|\bbacked\b|\ballied\b|\baligned\b/.test(rest)) return ['comb', `?${rest}`];
    if (ARMED.test(rest)) return ['comb', 'armed'];
    if (STATE.test(rest)) return ['comb', 'state'];
  }
  if (base && base[0] === 'comb' && base.length > 1 && /\boff duty\b/.test(rest)) return base;
  if (base) return base;
  // A people ("Iraqis", "Afghans"): anyone of them.
  const last = text.trim().split(/\s+/).pop() ?? '';
  if (/^[A-Z][a-z]+(?:is|ns|ks|es|ts|ds|gs)$/.test(last) && words.length <= 2) return [];
  // A person named ("Tamerlan Tsarnaev", "the mayor"): one of anyone.
  return [`?${head}`];
}

export type Relation = 'same' | 'contains' | 'within' | 'disjoint' | 'unknown';

/** How two descriptions' victims relate: the same kind, one containing the other, exclusive, or unknown. */
export function relation(a: string[], b: string[]): Relation {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return 'same';
  if (i === a.length) return 'contains';
  if (i === b.length) return 'within';
  return a[i].startsWith('?') || b[i].startsWith('?') ? 'unknown' : 'disjoint';
}
