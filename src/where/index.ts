// Where stage: place mentions (and nationality adjectives, which name a country) resolved against
// the offline gazetteer. Among same-named places, the document's own countries decide, then feature
// rank and population. Context words give the precision: "near X", "8 km east of X" -> 2, "X province"
// -> 3, a country or region -> 3. One place is flagged as locating the incident.
import type { Document, Mention, Span } from '../model/document.ts';
import type { PlaceMention, PlacePrecision } from '../model/where-when.ts';
import { COUNTRY_NAMES, DEMONYM_OWNER } from './conventions.ts';
import { haversineKm } from './distance.ts';
import { admin1Name, loadGazetteer, type Place } from './gazetteer.ts';
import { foldName } from './fold.ts';
import { lastStartingAtOrBefore } from '../model/search.ts';
import { type Candidate, loadToponymModel, RankingContext, scoreOf } from './rank.ts';

const AREA_SUFFIX = /\s+(province|governorate|district|region|county|state|oblast|prefecture|city|town|village)$/i;
const NEAR_BEFORE = /\b(near|outside|around|close to|on the outskirts of|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of|km (?:\w+ )?of|kilometres (?:\w+ )?of|kilometers (?:\w+ )?of|miles (?:\w+ )?of|the outskirts of)\s+(?:the\s+)?$/i;
const BACKGROUND_SECTIONS = new Set(['caption', 'credit', 'byline', 'headline', 'subheadline', 'dateline']);
/**
 * "the town of X", "the province's villages of X and Y", "the Baghdad neighbourhoods of X and Y": the
 * names after such a phrase are places, whatever the tagger made of them (or if it missed them).
 */
const SETTLEMENT_OF = /\b(towns?|villages?|cit(?:y|ies)|hamlets?|settlements?|suburbs?|neighbou?rhoods?|districts?|provinces?|governorates?|regions?|counties|county|municipalit(?:y|ies)|camps?)\s+of\s+/gi;
const NAME = /^[A-Z][\p{L}'’-]*(?:\s+[A-Z][\p{L}'’-]*){0,2}/u;
const AREA_NOUN = /^(provinces?|governorates?|regions?|districts?|counties|county|municipalit(?:y|ies))$/i;
/** Context that makes a name the tagger took for a person or an organisation a place: "in X", "X residents". */
const LOCATIVE_BEFORE = /\b(?:in|near|outside|from|at|into|toward|towards|around)\s+$/i;
const LOCATIVE_AFTER = /^(?:\s+residents?\b|-based\b|\s+(?:province|governorate|district|county)\b)/i;
/** Adjectives of regions and of the nations of the United Kingdom, to the gazetteer's name for them. */
const REGION_ADJECTIVES: Record<string, string> = {
  european: 'Europe', african: 'Africa', asian: 'Asia', 'latin american': 'Latin America', 'south american': 'South America',
  'north american': 'North America', 'middle eastern': 'Middle East', kurdish: 'Kurdistan', balkan: 'Balkans',
  english: 'England', scottish: 'Scotland', welsh: 'Wales',
};
const COMPASS = /^(?:the\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|northeast|northwest|southeast|southwest|middle)$/i;
/** Countries whose place names are English, written in Latin script: no transliteration variants. */
const ONE_SPELLING = new Set(['US', 'GB', 'IE', 'CA', 'AU', 'NZ']);
/** Kinds of mention whose name may be, or hold, a place's: "Liverpool" (a club), "the Toronto Police". */
const NAMED_KINDS = new Set(['organisation', 'media', 'misc', 'armed_group', 'person']);
/** Unions of countries named like organisations. */
const SUPRANATIONAL = /^(?:the\s+)?(?:EU|E\.U\.|European Union)$/;

/** AP's abbreviations of the US states ("Calif.", "N.J."), as datelines and bylines write them, to postal codes. */
const US_STATE_ABBREVIATIONS: Record<string, string> = {
  'ala.': 'AL', 'ariz.': 'AZ', 'ark.': 'AR', 'calif.': 'CA', 'cal.': 'CA', 'colo.': 'CO', 'conn.': 'CT', 'del.': 'DE', 'd.c.': 'DC', 'fla.': 'FL', 'ga.': 'GA',
  'ill.': 'IL', 'ind.': 'IN', 'kan.': 'KS', 'kans.': 'KS', 'ky.': 'KY', 'la.': 'LA', 'md.': 'MD', 'mass.': 'MA', 'mich.': 'MI', 'minn.': 'MN',
  'miss.': 'MS', 'mo.': 'MO', 'mont.': 'MT', 'neb.': 'NE', 'nebr.': 'NE', 'nev.': 'NV', 'n.h.': 'NH', 'n.j.': 'NJ', 'n.m.': 'NM', 'n.y.': 'NY',
  'n.c.': 'NC', 'n.d.': 'ND', 'okla.': 'OK', 'ore.': 'OR', 'pa.': 'PA', 'penn.': 'PA', 'r.i.': 'RI', 's.c.': 'SC', 's.d.': 'SD', 'tenn.': 'TN',
  'tex.': 'TX', 'vt.': 'VT', 'va.': 'VA', 'wash.': 'WA', 'w.va.': 'WV', 'wis.': 'WI', 'wyo.': 'WY',
};
const US_POSTAL = new Set([...Object.values(US_STATE_ABBREVIATIONS), 'AK', 'HI', 'ID', 'IA', 'ME', 'OH', 'UT']);
/** The states' names by postal code, to resolve "Mont." itself. */
const US_STATE_NAMES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia',
  FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana',
  ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska',
  NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio',
  OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas',
  UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
};
/** ", Calif.", ", N.J.", ", CA", ", Georgia", ", Sindh": a division named right after a place. */
const QUALIFIER_AFTER = /^,\s*((?:[A-Z][a-z]{0,4}\.)(?:\s?[A-Z][a-z]{0,2}\.)?|[A-Z]\.[A-Z]\.|[A-Z]{2}(?![\w.])|[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,2}(?=\s*(?:[,.;:)(—–]|\s-\s|$)))/u;


function precisionOf(place: Place, areaWord: boolean, near: boolean): PlacePrecision {
  if (place.feature === 'PCLI' || place.feature === 'RGN' || place.feature === 'CONT' || place.feature === 'SEA' || place.feature.startsWith('ADM1') || areaWord) return 3;
  if (near || place.feature === 'STM' || place.feature.startsWith('ADM')) return 2;
  return 1;
}

/** Every place-like mention with its same-named places, and what the document says as a whole. */
export function placeCandidates(doc: Document): { candidates: Candidate[]; context: RankingContext } {
  const gaz = loadGazetteer();
  const { text } = doc;
  const candidates: Candidate[] = [];
  const weak = new Set<Span>();
  // Countries named or implied (by a demonym) in the document, weighted by how often.
  const countries = new Map<string, number>();
  const demonymOf = (word: string) => {
    const code = gaz.demonyms.get(word.toLowerCase().replace(/-(backed|led|based|born|allied)$/, ''));
    return code !== undefined ? DEMONYM_OWNER[code] ?? code : undefined;
  };
  // Words of the people the document names ("Jordan" of "Michael Jordan", "Hamad" of "Hamad Salem"): such
  // a word tagged as a place elsewhere is the person again, unless the text puts it in a place's context.
  const personWords = new Set<string>();
  // Any person's, for the ranker: a feature, not a rule.
  const anyPersonWords = new Set<string>();
  for (const e of doc.entities) {
    if (e.kind !== 'person') continue;
    for (const n of [e.name, ...e.aliases]) {
      const words = n.split(/\s+/);
      if (words.length < 2) continue;
      for (const w of words) {
        if (!/^[A-Z]/.test(w)) continue;
        anyPersonWords.add(w.replace(/['’]s$/, ''));
        // Only people the text names more than once ("Jordan Blake ... Blake"): a one-off "person" may be the tagger's error.
        if (e.mentions.length >= 2) personWords.add(w.replace(/['’]s$/, ''));
      }
    }
  }
  const personsWord = (m: Mention) => !/\s/.test(m.text) && personWords.has(m.text.replace(/['’]s$/, ''))
    && !LOCATIVE_BEFORE.test(text.slice(Math.max(0, m.start - 12), m.start)) && !LOCATIVE_AFTER.test(text.slice(m.end, m.end + 20))
    && !/^\s*(?:,\s*)?(?:province|governorate|state|city|capital|border|'s\s+(?:capital|government|army|president|border))/i.test(text.slice(m.end, m.end + 24));
  // Places named with their division somewhere in the text ("AURORA, Colo."): the name means that place
  // wherever it stands (the headline's "Aurora" too).
  const qualified = new Map<string, { country: string; admin1: string }>();
  for (const m of doc.mentions) {
    if (m.kind !== 'place') continue;
    const within = divisionAfter(m.end, true);
    if (within && !qualified.has(foldName(m.text))) qualified.set(foldName(m.text), within);
  }
  for (const m of doc.mentions) {
    if (m.kind === 'place' && personsWord(m)) continue;
    // "Colo." in "AURORA, Colo.": the state of the place before it, not a town of its own.
    const postal = US_STATE_ABBREVIATIONS[(m.text.endsWith('.') ? m.text : m.text + '.').toLowerCase()];
    if (m.kind === 'place' && postal && /,\s*$/.test(text.slice(Math.max(0, m.start - 3), m.start)) && doc.mentions.some((x) => x.kind === 'place' && x.end <= m.start && m.start - x.end <= 3)) {
      const state = gaz.match(US_STATE_NAMES[postal]).places.find((p) => p.country === 'US' && p.feature === 'ADM1' && p.admin1 === postal);
      if (state) candidates.push({ mention: m, name: m.text, areaWord: true, places: [state] });
      continue;
    }
    // A demonym names its country, whatever kind the tagger gave it ("Syrian" in a headline).
    const demonym = demonymOf(m.text);
    // A region's adjective ("European", "African", "Kurdish", "English"): the region, as a country's names its country.
    const region = m.kind === 'nationality' && demonym === undefined ? REGION_ADJECTIVES[m.text.toLowerCase()] : undefined;
    if (region) {
      const places = gaz.match(region).places.filter((p) => !p.id.startsWith('g'));
      if (places.length) candidates.push({ mention: m, name: m.text, areaWord: true, places: [places.find((p) => p.id.startsWith('r')) ?? places[0]] });
      continue;
    }
    // A union of countries the text names as an organisation ("the EU", "the European Union") is a
    // region in geoparsing's convention.
    if (m.kind === 'organisation' && SUPRANATIONAL.test(m.text)) {
      const places = gaz.match(m.text).places.filter((p) => p.id.startsWith('r'));
      if (places.length) { candidates.push({ mention: m, name: m.text, areaWord: true, places: [places[0]] }); continue; }
    }
    if (m.kind === 'nationality' || (demonym !== undefined && (m.kind === 'place' || m.kind === 'misc'))) {
      const code = demonym;
      if (code !== undefined && gaz.countries.has(code)) {
        countries.set(code, (countries.get(code) ?? 0) + 1);
        candidates.push({ mention: m, name: m.text, areaWord: false, places: [gaz.get(gaz.countries.get(code)!)] });
      }
      continue;
    }
    if (m.kind !== 'place') continue;
    const whole = fullName(m);
    addCandidate(whole, whole.text);
  }

  /**
   * The whole name when the tagger caught only part of it: "New Mexico", "Mexico City", "Trinidad and
   * Tobago", "Orange County" — kept only when the gazetteer knows the longer name exactly.
   */
  function fullName(m: Span & { text: string }): Span & { text: string } {
    const tries: (Span & { text: string })[] = [];
    const before = /(?:^|[^\p{L}.])((?:New|North|South|East|West|Upper|Lower|Saint|St\.|San|Santa|Port|Fort|Mount|Lake|El|Al|La|Le|Los|Las)\s+)$/iu.exec(text.slice(Math.max(0, m.start - 8), m.start));
    const after = /^(\s+(?:City|Town|County|Island|Islands|Beach|Falls|Springs|Heights|Bay|Valley)\b|\s+and\s+[A-Z][\p{L}-]+)/iu.exec(text.slice(m.end, m.end + 24));
    if (before) tries.push({ start: m.start - before[1].length, end: m.end, text: before[1] + m.text });
    if (after) tries.push({ start: m.start, end: m.end + after[1].length, text: m.text + after[1] });
    if (before && after) tries.unshift({ start: m.start - before[1].length, end: m.end + after[1].length, text: before[1] + m.text + after[1] });
    for (const t of tries) {
      const found = gaz.match(t.text);
      if (found.places.length && !found.bySkeleton && found.places.some((p) => foldName(p.name) === foldName(t.text) || p.alternates.some((a) => foldName(a) === foldName(t.text)))) return t;
    }
    return m;
  }
  // Names after "the town of", "villages of X and Y": places the tagger typed otherwise or missed.
  // Characters already named as places: a later reader skips what overlaps them (one flag per
  // character, so a long list of places stays linear).
  const covered = new Uint8Array(text.length + 1);
  const placeSpans = { push: (s: Span) => covered.fill(1, s.start, s.end) };
  for (const c of candidates) placeSpans.push(c.mention);
  const free = (span: Span) => { for (let i = span.start; i < span.end; i++) if (covered[i]) return false; return true; };
  for (const span of settlementNames(text)) {
    if (!free(span)) continue;
    placeSpans.push(span);
    addCandidate({ start: span.start, end: span.end, text: text.slice(span.start, span.end) }, text.slice(span.start, span.end), true, AREA_NOUN.test(span.noun));
  }
  // A one-word name the tagger took for a person or an organisation, in a place's context ("in X",
  // "X residents"), is a place when the gazetteer knows it in a country the document is about.
  for (const m of doc.mentions) {
    if ((m.kind !== 'person' && m.kind !== 'organisation') || /\s/.test(m.text) || !free(m) || m.title) continue;
    if (!LOCATIVE_BEFORE.test(text.slice(Math.max(0, m.start - 12), m.start)) && !LOCATIVE_AFTER.test(text.slice(m.end, m.end + 20))) continue;
    placeSpans.push(m);
    addCandidate({ start: m.start, end: m.end, text: m.text }, m.text, true);
  }

  // A one-word "person" the document never gives a title or a fuller name, that is a national capital
  // or a city of a million people, is the city ("at a Mogadishu checkpoint").
  for (const m of doc.mentions) {
    if (m.kind !== 'person' || /\s/.test(m.text) || !free(m) || m.title) continue;
    const e = doc.entities[m.entity];
    if (!e || /\s/.test(e.name) || e.titles.length || e.aliases.some((a) => /\s/.test(a))) continue;
    if (!gaz.lookup(m.text.replace(/['’]s$/, '')).some((p) => p.feature === 'PPLC' || p.population >= 1_000_000)) continue;
    placeSpans.push(m);
    addCandidate({ start: m.start, end: m.end, text: m.text }, m.text);
  }

  // Names of other kinds that are, or begin with, a well-known place: "Liverpool" (the club),
  // "Tamil Nadu" (its government), "the Toronto Police", "Cauvery Water Authority", "University of
  // Alberta". The place is named (a toponym, as geoparsing counts them) though the mention is not one:
  // such candidates never retype the mention and locate the incident only when nothing else does.
  for (const m of doc.mentions) {
    if (!NAMED_KINDS.has(m.kind) || !free(m)) continue;
    const e = doc.entities[m.entity];
    if (m.kind === 'person' && (!e || e.titles.length || m.title || e.aliases.some((a) => a.split(/\s+/).length > m.text.split(/\s+/).length))) continue;
    const whole = wellKnown(m.text, m.kind === 'person' ? 100000 : 50000);
    if (whole) { placeSpans.push(m); addCandidate({ start: m.start, end: m.end, text: m.text }, m.text, false, false, true); continue; }
    if (m.kind === 'person') continue;
    // "European Commission", "Philippine Navy": a name opening on a demonym names its country or region.
    const first = /^[A-Z][\p{L}]+/u.exec(m.text)?.[0];
    if (first && first.length < m.text.length) {
      const code = demonymOf(first);
      const region = code === undefined ? REGION_ADJECTIVES[first.toLowerCase()] : undefined;
      const places = code !== undefined && gaz.countries.has(code) ? [gaz.get(gaz.countries.get(code)!)]
        : region ? gaz.match(region).places.filter((p) => p.id.startsWith('r')).slice(0, 1) : [];
      if (places.length) {
        const span = { start: m.start, end: m.start + first.length, text: first };
        placeSpans.push(span);
        candidates.push({ mention: span, name: first, areaWord: true, places, inName: true });
        continue;
      }
    }
    for (const part of placeWithinName(m)) {
      if (!free(part)) continue;
      placeSpans.push(part);
      addCandidate(part, part.text, false, false, true);
      break;
    }
  }

  /** The name's well-known places: a country, a first-level division, a region or a town of `population`, by its own name. */
  function wellKnown(surface: string, population: number): boolean {
    const name = surface.replace(/['’]s$/, '');
    if (name.length < 3 || !/^[A-Z]/.test(name) || personWords.has(name)) return false;
    const found = gaz.match(name);
    if (found.bySkeleton) return false;
    const key = foldName(name);
    return found.places.some((p) => (p.feature === 'PCLI' || p.feature === 'ADM1' || p.feature === 'CONT' || p.feature === 'RGN' || p.feature === 'STM' || p.feature === 'SEA')
      ? foldName(p.name) === key || (name.length >= 4 && p.alternates.some((a) => foldName(a) === key)) || (p.feature === 'PCLI' && /^[A-Z.]{2,5}$/.test(name))
      : p.feature.startsWith('PPL') && p.population >= population && foldName(p.name) === key);
  }

  /** The place a longer name opens with ("Toronto Police Service") or ends on ("University of Alberta"). */
  function* placeWithinName(m: Mention): Generator<Span & { text: string }> {
    const words = [...m.text.matchAll(/[^\s]+/g)];
    if (words.length < 2) return;
    for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
      const end = words[n - 1].index! + words[n - 1][0].length;
      const text = m.text.slice(0, end).replace(/['’]s$/, '');
      if (wellKnown(text, 50000)) yield { start: m.start, end: m.start + text.length, text };
    }
    // A country named anywhere in it ("Air Canada", "the Bank of Zimbabwe Act").
    for (let i = 1; i < words.length; i++) {
      const w = words[i][0].replace(/['’]s$/, '');
      const code = COUNTRY_NAMES[w.toLowerCase()];
      if (/^[A-Z]/.test(w) && (code || gaz.match(w).places.some((p) => p.feature === 'PCLI' && foldName(p.name) === foldName(w)))) {
        yield { start: m.start + words[i].index!, end: m.start + words[i].index! + w.length, text: w };
      }
    }
    const of = / of ((?:the )?[A-Z][\p{L}'’-]+(?: [A-Z][\p{L}'’-]+){0,2})$/u.exec(m.text);
    if (of) {
      const text = of[1].replace(/^the /, '');
      const start = m.start + m.text.length - text.length;
      if (wellKnown(text, 50000)) yield { start, end: m.end, text };
    }
  }

  function addCandidate(m: Span & { text: string }, surface: string, retyped = false, areaNoun = false, inName = false): void {
    let name = surface.replace(/['’]s$/, '');
    // A bare direction ("the West", "North") is no place of its own, whatever town shares the word.
    if (COMPASS.test(name)) return;
    // "Latakia province": the area word may follow the name outside the mention.
    const areaWord = areaNoun || AREA_SUFFIX.test(name) || /^\s+(province|governorate|district|region|county|oblast|prefecture)\b/i.test(text.slice(m.end, m.end + 16));
    const countryCode = COUNTRY_NAMES[name.toLowerCase().replace(/[^a-z]+/g, ' ').trim()];
    let found = countryCode && gaz.countries.has(countryCode) ? { places: [gaz.get(gaz.countries.get(countryCode)!)], bySkeleton: false } : gaz.match(name);
    if (!found.places.length && areaWord) found = gaz.match((name = name.replace(AREA_SUFFIX, '')));
    let places = found.places;
    if (!places.length) return;
    // "Springfield, Ill.", "TOWN, Calif. (AP)", "Columbus, Georgia": the division after the name decides
    // among its homonyms.
    const within = divisionAfter(m.end) ?? qualified.get(foldName(name));
    if (within) {
      const inside = places.filter((p) => p.country === within.country && p.admin1 === within.admin1);
      if (inside.length) places = inside;
    }
    // A division named after its seat or a large city ("Kandahar", "New York", "Blackpool"): the bare
    // name is the city ("Kandahar province", "New York State" the division). Such a division does not
    // make its town ambiguous.
    if (!areaWord && places.some((p) => p.id.startsWith('s'))) {
      const seat = (d: Place) => places.some((p) => p.feature.startsWith('PPL') && p.country === d.country
        && (p.feature === 'PPLC' || p.feature === 'PPLA' || p.population >= 100000 || haversineKm(p.lat, p.lon, d.lat, d.lon) <= 50));
      const kept = places.filter((p) => !p.id.startsWith('s') || !seat(p));
      if (kept.length) places = kept;
    }
    // A name that is a country's name means the country ("Colombia", not a town called Colombia).
    // A name that is a country's name means the country ("Colombia", not a town called Colombia).
    const country = places.find((p) => p.feature === 'PCLI');
    if (country && !areaWord) places = [country];
    if (found.bySkeleton) {
      // Transliteration variants ("Heet" = "Hit") are for names written from another script: an
      // English-speaking country's place is spelled one way ("Helmet" is not "Helmetta").
      places = places.filter((p) => !ONE_SPELLING.has(p.country));
      if (!places.length) return;
      weak.add(m);
    }
    if (!retyped) for (const p of places) if (p.feature === 'PCLI') countries.set(p.country, (countries.get(p.country) ?? 0) + 1);
    candidates.push({ mention: m, name, areaWord, places, retyped, ...(inName ? { inName } : {}) });
  }
  /** The first-level division named right after a place ("Calif.", "N.J.", "Georgia", "Sindh"). */
  function divisionAfter(end: number, abbreviated = false): { country: string; admin1: string } | undefined {
    const q = QUALIFIER_AFTER.exec(text.slice(end, end + 40));
    if (!q) return undefined;
    const word = q[1];
    const postal = US_STATE_ABBREVIATIONS[word.toLowerCase().replace(/\s+/g, '')] ?? (US_POSTAL.has(word) ? word : undefined);
    if (postal) return { country: 'US', admin1: postal };
    if (word.endsWith('.') || abbreviated) return undefined;
    const division = gaz.match(word.replace(AREA_SUFFIX, '')).places.find((p) => p.feature === 'ADM1' && p.admin1);
    return division ? { country: division.country, admin1: division.admin1 } : undefined;
  }
  // Unambiguous, well-known places vouch for their countries too ("Baquba" alone says Iraq) and anchor
  // the story ("Chelsea" in a story about Manhattan is the one in New York): rank.ts.
  for (const c of candidates) {
    if (weak.has(c.mention)) c.weak = true;
    if (!/\s/.test(c.name) && anyPersonWords.has(c.name)) c.personWord = true;
  }
  const context = new RankingContext(candidates, countries);
  return { candidates, context };
}

/**
 * The candidates a model may choose among: a small place in a country the document never mentions is
 * a homonym, not the place meant; a spelling variant matched only by its consonants, or a name the
 * tagger did not call a place, must be in a country the document is about.
 */
export function eligiblePlaces(c: Candidate, context: RankingContext): Place[] {
  const weights = context.weights;
  const talksOfCountries = weights.size > 0;
  return c.places.filter((p) => !(talksOfCountries && p.country && !weights.has(p.country) && p.population < 50000 && !['PCLI', 'RGN', 'STM', 'SEA', 'CONT'].includes(p.feature))
    && !((c.weak || c.retyped) && !weights.has(p.country))
    // A one-word name that is only another name of a town ("Black" for Bratsk) must be in a country the document is about.
    && !(talksOfCountries && !/\s/.test(c.name) && p.feature.startsWith('PPL') && p.population >= 50000 && !weights.has(p.country) && foldName(p.name) !== foldName(c.name)));
}

export function resolvePlaces(doc: Document): void {
  const { text } = doc;
  const { candidates, context } = placeCandidates(doc);
  const { weights } = loadToponymModel();
  const out: PlaceMention[] = [];
  // A name said again with the same places gets the same answer (its features do not depend on which
  // mention it is): ranked once, so a long list repeating a few names stays cheap.
  const chosen = new Map<string, Place | undefined>();
  // Places named inside another entity's name (rank.ts: inName), by their index in `out`.
  const inNames = new Set<number>();
  for (const c of candidates) {
    const key = `${foldName(c.name)}|${c.areaWord}|${c.weak}|${c.retyped}|${c.personWord}|${c.places.map((p) => p.index).join()}`;
    let best: Place | undefined;
    if (chosen.has(key)) best = chosen.get(key);
    else {
      let bestScore = -Infinity;
      const eligible = eligiblePlaces(c, context);
      for (const p of eligible) {
        const s = eligible.length === 1 ? 0 : scoreOf(weights, context.features(c, p));
        if (s > bestScore) { best = p; bestScore = s; }
      }
      chosen.set(key, best);
    }
    if (!best) continue;
    const near = NEAR_BEFORE.test(text.slice(Math.max(0, c.mention.start - 40), c.mention.start));
    if (c.inName) inNames.add(out.length);
    out.push({
      start: c.mention.start, end: c.mention.end, text: c.mention.text,
      gazetteerId: best.id, name: best.name, lat: best.lat, lon: best.lon,
      // The division's name where known (data/admin1.tsv), else GeoNames' code; a province is its own.
      ...(best.admin1 ? { admin1: admin1Name(best.country, best.admin1) ?? best.admin1 } : best.feature === 'ADM1' ? { admin1: best.name } : {}),
      ...(best.country ? { country: best.country } : {}),
      precision: precisionOf(best, c.areaWord, near),
    });
  }
  const named = new Set([...inNames].map((i) => out[i]));
  out.sort((a, b) => a.start - b.start);
  const own = out.filter((p) => !named.has(p));
  retypeEntities(doc, own);
  flagIncidentPlace(doc, own.length ? own : out);
  doc.places = out;
}

/**
 * A name the tagger took for a person or an organisation that the gazetteer has placed ("Taji", "a
 * Mogadishu checkpoint") is a place: its mention says so, and so does its entity when every mention of
 * it was placed. The one correction this stage makes to an earlier layer: only it knows the places.
 */
function retypeEntities(doc: Document, places: PlaceMention[]): void {
  const spans = new Set(places.map((p) => `${p.start}:${p.end}`));
  const placed = (m: Mention) => spans.has(`${m.start}:${m.end}`);
  const touched = new Set<number>();
  for (const m of doc.mentions) {
    if ((m.kind === 'person' || m.kind === 'organisation') && !m.title && placed(m)) { m.kind = 'place'; touched.add(m.entity); }
  }
  for (const e of touched) {
    const entity = doc.entities[e];
    if (entity && entity.kind !== 'place' && entity.mentions.every((i) => doc.mentions[i].kind === 'place')) entity.kind = 'place';
  }
}

/** Capitalised names after "the town of" and the like, each with the noun that introduced it. */
function* settlementNames(text: string): Generator<Span & { noun: string }> {
  SETTLEMENT_OF.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SETTLEMENT_OF.exec(text)) !== null) {
    let pos = m.index + m[0].length;
    // "X and Y", "X, Y and Z": a list of names.
    for (;;) {
      const name = NAME.exec(text.slice(pos, pos + 60));
      if (!name) break;
      const words = name[0].split(/\s+/);
      // Stop a name at a word that starts a new clause ("Taji On Monday" never happens in news; "And" does).
      const keep = words.findIndex((w) => /^(And|Or|But|On|In|At)$/.test(w));
      const value = (keep > 0 ? words.slice(0, keep) : words).join(' ').replace(/['’]s$/, '');
      if (keep === 0) break;
      yield { start: pos, end: pos + value.length, noun: m[1] };
      pos += name[0].length;
      const sep = /^(?:,\s*|\s+and\s+|,\s*and\s+)/.exec(text.slice(pos, pos + 8));
      if (!sep) break;
      pos += sep[0].length;
    }
  }
}

/**
 * The incident's place: the most specific place in the reporting text near its start. Preference goes
 * to a place in the sentence of the incident's date, then to the first town-level place in the body.
 */
function flagIncidentPlace(doc: Document, places: PlaceMention[]): void {
  const sectionOf = (offset: number) => {
    const s = doc.sections[lastStartingAtOrBefore(doc.sections, offset)];
    return s && offset <= s.end ? s.kind : 'body';
  };
  // A name that speaks ("Kan reported", "Moscow said") is a broadcaster or a government, not where it happened.
  const speaks = (p: PlaceMention) => /^\s+(?:reported|reports|said|says|told|announced|quoted|claimed|stated|added)\b/.test(doc.text.slice(p.end, p.end + 12))
    && !/\b(?:in|at|from|of|near|outside)\s+(?:[\w-]+\s+){0,2}$/i.test(doc.text.slice(Math.max(0, p.start - 30), p.start));
  const body = places.filter((p) => !BACKGROUND_SECTIONS.has(sectionOf(p.start)) && p.country && !speaks(p));
  const incidentTime = doc.times.find((t) => t.incident);
  const sentence = incidentTime && doc.sentences.find((s) => s.start <= incidentTime.start && s.end >= incidentTime.end);
  const inSentence = sentence ? body.filter((p) => p.start >= sentence.start && p.end <= sentence.end) : [];
  // Most specific first (a town before a river, a river before a province), then earliest.
  const pick = (list: PlaceMention[]) => [...list].sort((a, b) => (a.precision ?? 3) - (b.precision ?? 3) || a.start - b.start)[0];
  const specific = (list: PlaceMention[]) => list.filter((p) => (p.precision ?? 3) < 3);
  const chosen = pick(specific(inSentence)) ?? pick(specific(body)) ?? pick(inSentence) ?? body[0] ?? places[0];
  if (chosen) chosen.incident = true;
}


/** Kinds whose names may hold a place's without being one ("Toronto Police", "the Guildford Four"). */
const OTHER_NAMES = new Set(['organisation', 'media', 'misc', 'armed_group', 'person']);

/**
 * A place named only inside (or as) another entity's name, which this stage reports as a toponym but
 * does not retype: the club "Liverpool", "the Toronto Police". Such a place does not locate an event.
 * Mentions are sorted by start: a binary search, so callers may ask per place.
 */
export function namedInOtherName(doc: Document, p: Span): boolean {
  const last = lastStartingAtOrBefore(doc.mentions, p.start);
  // The mention holding it starts at or just before it (mentions barely nest).
  for (let k = last; k >= 0 && k >= last - 2; k--) {
    const m = doc.mentions[k];
    if (m.start <= p.start && p.end <= m.end && OTHER_NAMES.has(m.kind)) return true;
  }
  return false;
}
