// Where stage: place mentions (and nationality adjectives, which name a country) resolved against
// the offline gazetteer. Among same-named places, the document's own countries decide, then feature
// rank and population. Context words give the precision: "near X", "8 km east of X" -> 2, "X province"
// -> 3, a country or region -> 3. One place is flagged as locating the incident.
import type { Document, Mention } from '../model/document.ts';
import type { PlaceMention, PlacePrecision } from '../model/where-when.ts';
import { loadGazetteer, type Place } from './gazetteer.ts';

const AREA_SUFFIX = /\s+(province|governorate|district|region|county|state|oblast|prefecture|city|town|village)$/i;
const NEAR_BEFORE = /\b(near|outside|around|close to|on the outskirts of|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of|km (?:\w+ )?of|kilometres (?:\w+ )?of|kilometers (?:\w+ )?of|miles (?:\w+ )?of|the outskirts of)\s+(?:the\s+)?$/i;
const FEATURE_RANK: Record<string, number> = { PCLI: 6, PPLC: 5, ADM1: 5, PPLA: 4, RGN: 3, STM: 3, SEA: 3, CONT: 2, PPLA2: 3, ADM2: 3, PPLA3: 2, PPLA4: 1.5, PPL: 1, PPLX: 0.5 };
const BACKGROUND_SECTIONS = new Set(['caption', 'credit', 'byline', 'headline', 'subheadline', 'dateline']);

function precisionOf(place: Place, areaWord: boolean, near: boolean): PlacePrecision {
  if (place.feature === 'PCLI' || place.feature === 'RGN' || place.feature === 'CONT' || place.feature === 'SEA' || place.feature.startsWith('ADM1') || areaWord) return 3;
  if (near || place.feature === 'STM' || place.feature.startsWith('ADM')) return 2;
  return 1;
}

/** Candidate score: a place in a country the document talks about wins; then rank and population. */
function score(p: Place, countries: Map<string, number>): number {
  return (countries.get(p.country) ?? 0) * 4 + (FEATURE_RANK[p.feature] ?? 1) + Math.log10(p.population + 10);
}

export function resolvePlaces(doc: Document): void {
  const gaz = loadGazetteer();
  const { text } = doc;
  type Candidate = { mention: Mention; name: string; areaWord: boolean; places: Place[] };
  const candidates: Candidate[] = [];
  const weak = new Set<Mention>();
  // Countries named or implied (by a demonym) in the document, weighted by how often.
  const countries = new Map<string, number>();
  for (const m of doc.mentions) {
    // A demonym names its country, whatever kind the tagger gave it ("Syrian" in a headline).
    const demonym = gaz.demonyms.get(m.text.toLowerCase().replace(/-(backed|led|based|born|allied)$/, ''));
    if (m.kind === 'nationality' || (demonym !== undefined && m.kind === 'place')) {
      const code = demonym;
      if (code !== undefined) {
        countries.set(code, (countries.get(code) ?? 0) + 1);
        candidates.push({ mention: m, name: m.text, areaWord: false, places: [gaz.get(gaz.countries.get(code)!)] });
      }
      continue;
    }
    if (m.kind !== 'place') continue;
    let name = m.text.replace(/['’]s$/, '');
    // "Latakia province": the area word may follow the name outside the mention.
    const areaWord = AREA_SUFFIX.test(name) || /^\s+(province|governorate|district|region|county|oblast|prefecture)\b/i.test(doc.text.slice(m.end, m.end + 16));
    let found = gaz.match(name);
    if (!found.places.length && areaWord) found = gaz.match((name = name.replace(AREA_SUFFIX, '')));
    let places = found.places;
    if (!places.length) continue;
    // A name that is a country's name means the country ("Colombia", not a town called Colombia).
    const country = places.find((p) => p.feature === 'PCLI');
    if (country && !areaWord) places = [country];
    if (found.bySkeleton) weak.add(m);
    for (const p of places) if (p.feature === 'PCLI') countries.set(p.country, (countries.get(p.country) ?? 0) + 1);
    candidates.push({ mention: m, name, areaWord, places });
  }
  // Unambiguous, well-known places vouch for their countries too ("Baquba" alone says Iraq); a small
  // place must not vouch for itself.
  for (const c of candidates) {
    const only = c.places.length === 1 ? c.places[0] : undefined;
    if (only && only.feature !== 'PCLI' && only.country && (only.population >= 100000 || only.feature === 'PPLC' || only.feature === 'PPLA')) {
      countries.set(only.country, (countries.get(only.country) ?? 0) + 0.5);
    }
  }
  const weights = new Map<string, number>();
  for (const [code, n] of countries) weights.set(code, Math.min(3, n));

  const out: PlaceMention[] = [];
  const talksOfCountries = weights.size > 0;
  for (const c of candidates) {
    let best: Place | undefined;
    let bestScore = -Infinity;
    for (const p of c.places) {
      // A small place in a country the document never mentions is a homonym, not the place meant.
      if (talksOfCountries && p.country && !weights.has(p.country) && p.population < 50000 && !['PCLI', 'RGN', 'STM', 'SEA', 'CONT'].includes(p.feature)) continue;
      // A spelling variant matched only by its consonants must be in a country the document is about.
      if (weak.has(c.mention) && !weights.has(p.country)) continue;
      const s = score(p, weights);
      if (s > bestScore) { best = p; bestScore = s; }
    }
    if (!best) continue;
    const near = NEAR_BEFORE.test(text.slice(Math.max(0, c.mention.start - 40), c.mention.start));
    out.push({
      start: c.mention.start, end: c.mention.end, text: c.mention.text,
      gazetteerId: best.id, name: best.name, lat: best.lat, lon: best.lon,
      ...(best.admin1 ? { admin1: best.admin1 } : {}), ...(best.country ? { country: best.country } : {}),
      precision: precisionOf(best, c.areaWord, near),
    });
  }
  flagIncidentPlace(doc, out);
  doc.places = out;
}

/**
 * The incident's place: the most specific place in the reporting text near its start. Preference goes
 * to a place in the sentence of the incident's date, then to the first town-level place in the body.
 */
function flagIncidentPlace(doc: Document, places: PlaceMention[]): void {
  const sectionOf = (offset: number) => doc.sections.find((s) => s.start <= offset && s.end >= offset)?.kind ?? 'body';
  const body = places.filter((p) => !BACKGROUND_SECTIONS.has(sectionOf(p.start)) && p.country);
  const incidentTime = doc.times.find((t) => t.incident);
  const sentence = incidentTime && doc.sentences.find((s) => s.start <= incidentTime.start && s.end >= incidentTime.end);
  const inSentence = sentence ? body.filter((p) => p.start >= sentence.start && p.end <= sentence.end) : [];
  // Most specific first (a town before a river, a river before a province), then earliest.
  const pick = (list: PlaceMention[]) => [...list].sort((a, b) => (a.precision ?? 3) - (b.precision ?? 3) || a.start - b.start)[0];
  const specific = (list: PlaceMention[]) => list.filter((p) => (p.precision ?? 3) < 3);
  const chosen = pick(specific(inSentence)) ?? pick(specific(body)) ?? pick(inSentence) ?? body[0] ?? places[0];
  if (chosen) chosen.incident = true;
}

