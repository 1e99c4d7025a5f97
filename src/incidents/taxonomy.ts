// Incident types: our codes, each mapped to ACLED (event type / sub-event type, 2019+ codebook) and
// PLOVER (event / mode). docs/taxonomy.md explains them. Triggers are the words that signal the type;
// the most specific type found in the incident's text wins (the order below).

export interface IncidentType {
  code: string;
  acled: { event_type: string; sub_event_type: string };
  plover: { event: string; mode?: string };
  triggers: RegExp;
}

export const TAXONOMY: IncidentType[] = [
  { code: 'suicide_bombing', acled: { event_type: 'Explosions/Remote violence', sub_event_type: 'Suicide bomb' }, plover: { event: 'ASSAULT', mode: 'bombing' },
    triggers: /\b(suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers)?|car bomb|vest)|blew (?:himself|herself|themselves) up)\b/i },
  { code: 'air_strike', acled: { event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike' }, plover: { event: 'ASSAULT', mode: 'aerial' },
    triggers: /\b(air ?strikes?|drone strikes?|airstrikes?|air raids?|warplanes?|helicopter gunships?|bombing raids?|aerial (?:attack|bombardment)s?)\b/i },
  { code: 'ied', acled: { event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED' }, plover: { event: 'ASSAULT', mode: 'bombing' },
    triggers: /\b(IEDs?|improvised explosive|roadside bombs?|car bombs?|truck bombs?|pressure[- ]cooker bombs?|booby[- ]trap(?:ped)?|landmines?|explosive devices?|sticky bombs?)\b/i },
  { code: 'shelling', acled: { event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack' }, plover: { event: 'ASSAULT', mode: 'firearms' },
    triggers: /\b(shelling|shelled|artillery fire|mortars? (?:fire|rounds?|shells?)|rockets? (?:fire|attacks?)|missile (?:strikes?|attacks?)|barrel bombs?)\b/i },
  { code: 'bombing', acled: { event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED' }, plover: { event: 'ASSAULT', mode: 'bombing' },
    triggers: /\b(bomb(?:s|ing|ings|ed)?|blasts?|explosions?|exploded|detonat(?:ed|ion))\b/i },
  { code: 'battle', acled: { event_type: 'Battles', sub_event_type: 'Armed clash' }, plover: { event: 'ASSAULT', mode: 'firearms' },
    triggers: /\b(clash(?:es|ed)?|firefights?|gun ?battles?|skirmish(?:es)?|fighting|fought|repelled|counter-?attack|offensive|shootout)\b/i },
  { code: 'abduction', acled: { event_type: 'Violence against civilians', sub_event_type: 'Abduction/forced disappearance' }, plover: { event: 'ABDUCT' },
    triggers: /\b(abduct(?:ed|ion|ions|ing|s)?|kidnapp?(?:ed|ing|ings|ers?)?|kidnaps|(?:seized|took|taking|held)\s+(?:[\w-]+\s+){0,3}?hostages?|hostage[- ]taking)\b/i },
  { code: 'arson', acled: { event_type: 'Strategic developments', sub_event_type: 'Looting/property destruction' }, plover: { event: 'ASSAULT', mode: 'arson' },
    triggers: /\b(arson(?:ists?)?|set (?:on )?fire to|set\s+(?:[\w-]+\s+){1,3}?(?:on fire|ablaze|alight)|burn(?:ed|t) down|firebomb(?:ed|s|ing)?|incendiary (?:bombs?|devices?|attacks?))\b/i },
  { code: 'violence_against_civilians', acled: { event_type: 'Violence against civilians', sub_event_type: 'Attack' }, plover: { event: 'ASSAULT', mode: 'firearms' },
    triggers: /\b(massacres?|massacred|executed|execution-style|stabb(?:ed|ing)|lynch(?:ed|ing))\b/i },
  { code: 'armed_attack', acled: { event_type: 'Violence against civilians', sub_event_type: 'Attack' }, plover: { event: 'ASSAULT', mode: 'firearms' },
    triggers: /\b(gunm(?:a|e)n|shootings?|shot (?:dead|and killed)|opened fire|ambush(?:ed)?|attack(?:ed|s)?|raid(?:ed|s)?|stormed|murder(?:ed|s)?|assassinat(?:ed|ion|ions))\b/i },
  { code: 'riot', acled: { event_type: 'Riots', sub_event_type: 'Violent demonstration' }, plover: { event: 'PROTEST', mode: 'riot' },
    triggers: /\b(riot(?:s|ers|ing)?|torched|looting|mob)\b/i },
  { code: 'robbery', acled: { event_type: 'Strategic developments', sub_event_type: 'Looting/property destruction' }, plover: { event: 'SEIZE' },
    triggers: /\b(robb(?:ed|ery|eries|ers?|ing)|hold-?ups?|held up (?:a|an|the)|stole|looted)\b/i },
  { code: 'protest', acled: { event_type: 'Protests', sub_event_type: 'Peaceful protest' }, plover: { event: 'PROTEST', mode: 'demonstrate' },
    // A rally is a protest when it is against something or called one ("a protest rally"), not a
    // candidate's campaign rally.
    triggers: /\b(protest(?:s|ers|ed)?|demonstrat(?:ion|ions|ors|ed)|(?:protest|opposition|anti-[\w-]+) rall(?:y|ies)|rall(?:y|ies|ied) (?:against|to protest|in protest)|marched|sit-in)\b/i },
  { code: 'strategic_development', acled: { event_type: 'Strategic developments', sub_event_type: 'Other' }, plover: { event: 'OTHER' },
    triggers: /\b(arrested|detained|seized|ceasefire|truce|agreement|withdr(?:ew|awal))\b/i },
];

export const TYPE_BY_CODE = new Map(TAXONOMY.map((t) => [t.code, t]));
