// Entity stage: tagger spans -> typed mentions (lexicons refine organisations into armed groups and
// media) -> person titles -> name coreference into entities. Fills doc.mentions and doc.entities.
import type { Document, Entity, EntityKind, Mention } from '../model/document.ts';
import { tokenizeRange, type RawToken } from '../segment/tokenize.ts';
import { ALIAS_GROUPS, ARMED_GROUPS, COUNTRIES, DEMONYM_SET, MEDIA, ORG_HEADS, ORGANISATIONS, ROLE_NOUNS, TITLE_HEADS } from './lexicons.ts';
import { TAGS } from './perceptron.ts';
import { COUNT_WORDS } from '../claims/quantity.ts';
import { commonWords, loadTagger } from './tagger.ts';

const ARMED = new Set(ARMED_GROUPS);
const MEDIA_SET = new Set(MEDIA);
const ORGS = new Set(ORGANISATIONS);
const PLACES = new Set(COUNTRIES);
const TITLE_WORDS = new Set(TITLE_HEADS);
const ARMED_HEADS = new Set(['forces', 'army', 'militia', 'militias', 'brigade', 'brigades', 'battalion', 'battalions', 'front', 'guards', 'rebels', 'insurgents', 'regiment', 'corps']);
const MEDIA_HEADS = new Set(['news', 'tv', 'television', 'times', 'post', 'radio', 'herald', 'tribune', 'journal', 'gazette', 'channel', 'wire', 'press', 'broadcasting', 'newspaper']);
/** Words that make a title on their own (qualifiers such as "Defence" or "State" need one of these). */
const TITLE_CORE = new Set([...ROLE_NOUNS, ...['sen.', 'senator', 'rep.', 'gov.', 'gen.', 'lt.', 'col.', 'maj.', 'capt.', 'sgt.', 'adm.', 'cmdr.', 'brig.', 'marshal', 'king', 'queen', 'prince', 'princess', 'sheikh', 'emir', 'ayatollah', 'imam', 'pope', 'cardinal', 'bishop', 'rev.', 'justice', 'chancellor', 'premier', 'dr.', 'prof.', 'professor', 'speaker', 'commissioner', 'inspector', 'superintendent', 'sheriff', 'detective', 'chairwoman', 'chair', 'deputy', 'mp', 'congressman', 'congresswoman', 'delegate', 'consul', 'ceo', 'coordinator', 'councillor']]);
/** A name ending in one of these is a place ("Euphrates River", "Idlib province"). */
const GEO_HEADS = new Set(['river', 'sea', 'lake', 'mountains', 'mountain', 'valley', 'province', 'governorate', 'district', 'region', 'city', 'street', 'square', 'gulf', 'strait', 'island', 'islands', 'desert', 'bay', 'canal', 'peninsula', 'county', 'oblast', 'prefecture', 'avenue', 'road', 'bridge', 'airport', 'border', 'heights', 'plain', 'coast', 'ocean']);
/** First words of Arabic and other toponyms ("Deir el-Zour", "Ras al-Ain", "Tal Afar"). */
const TOPONYM_PREFIXES = new Set(['deir', 'dayr', 'tal', 'tell', 'ras', 'jabal', 'jebel', 'wadi', 'bir', 'ain', 'kafr', 'khan', 'qasr', 'beit', 'umm', 'abu kamal', 'hayy', 'mazraat', 'jisr', 'maarat', 'marrat', 'sheikh maqsoud']);
/** Lowercase name particles that belong to the capitalised word they are hyphenated to. */
const PARTICLE = /^(?:al|el|ez|ed|ad|as|ash|at|az|an|ar|ul|bin|ibn|abu|abd|bani|beni|ben|de|del|da|di|du|van|von|der|le|la)-[\p{Lu}]/u;
const ORG_HEAD_SET = new Set(ORG_HEADS);
/** Countries that are also given names: a person tag on them is believed. */
const NAME_LIKE_COUNTRIES = new Set(['georgia', 'jordan', 'chad', 'israel', 'india', 'kenya', 'america']);
/** A lone name right after these is a place ("in Taji", "town of Baquba"). */
const PLACE_CUES = new Set(['in', 'near', 'outside', 'around', 'across', 'at']);
const PLACE_OF = new Set(['city', 'cities', 'town', 'towns', 'village', 'villages', 'district', 'districts', 'province', 'provinces', 'region', 'neighbourhood', 'neighbourhoods', 'neighborhood', 'neighborhoods', 'suburb', 'suburbs', 'area', 'governorate', 'county', 'state', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'outskirts']);
/** "provincial capital Baquba", "the border town Rafah": a place noun right before a name. */
const PLACE_NOUNS = new Set(['capital', 'city', 'town', 'village', 'province', 'district', 'neighbourhood', 'neighborhood', 'suburb', 'governorate', 'port', 'hometown']);
/** Surname prefixes glued by an apostrophe or case: "O’Neill", "McCain", "DeYoung". */
const SURNAME = /^(?:O['’]|Mc|Mac|De|Di|Da|Van|Le|La|St\.)\p{Lu}/u;
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);
/** Lowercase words that may sit inside a name ("Bureau of Investigation", "Bosnia and Herzegovina"). */
const CONNECTORS = new Set(['of', 'and', 'the', 'for', 'de', 'du', 'da', 'del', 'al', 'el', 'bin', 'ibn', 'van', 'von', 'der', 'la', 'le', 'y', 'on', 'in', 'du', 'des', 'di', '&']);
const CALENDAR = /^(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$|^(january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ramadan|muharram|shawwal)$/i;
/** Words that name a kind of street, never a place on their own ("28th Street" leaves "Street"). */
const STREET_WORD = /^(street|avenue|road|boulevard|lane|square|highway|drive|st|ave|rd|blvd)\.?$/i;
const INITIAL = /^\p{Lu}\.$/u;
const HONORIFICS = new Set(['mr.', 'mrs.', 'ms.', 'mr', 'mrs', 'ms']);
const TAG_TYPE = TAGS.map((t) => t.slice(2));

const ORG_KINDS = new Set<EntityKind>(['organisation', 'armed_group', 'media']);
const family = (k: EntityKind) => (ORG_KINDS.has(k) ? 'org' : k);

/** Lowercased name without a leading article or trailing possessive, for lexicon and alias lookups. */
function key(name: string): string {
  return name.toLowerCase().replace(/^the /, '').replace(/['’]s$/, '').trim();
}

/** Known aliases map to one key ("daesh" -> "islamic state"), so coreference joins them. */
const CANONICAL = new Map<string, string>();
for (const group of ALIAS_GROUPS) for (const name of group) CANONICAL.set(key(name), key(group[0]));
const aliasKey = (name: string) => { const k = key(name); return CANONICAL.get(k) ?? k; };

function kindOf(name: string, type: string): EntityKind {
  const k = key(name);
  if (ARMED.has(k)) return 'armed_group';
  if (MEDIA_SET.has(k)) return 'media';
  if (ORGS.has(k)) return 'organisation';
  if (DEMONYM_SET.has(k)) return 'nationality';
  if (PLACES.has(k) && (type !== 'PER' || !NAME_LIKE_COUNTRIES.has(k))) return 'place';
  const last = k.slice(k.lastIndexOf(' ') + 1);
  const first = k.slice(0, k.indexOf(' ') >>> 0);
  const multi = k.includes(' ');
  if (multi && GEO_HEADS.has(last)) return 'place';
  if (TOPONYM_PREFIXES.has(first)) return 'place';
  if (multi && (ORG_HEAD_SET.has(last) || (type === 'PER' && / of /.test(k)))) return ARMED_HEADS.has(last) ? 'armed_group' : MEDIA_HEADS.has(last) ? 'media' : 'organisation';
  switch (type) {
    case 'PER': return 'person';
    case 'LOC': return 'place';
    case 'ORG': return ARMED_HEADS.has(last) ? 'armed_group' : MEDIA_HEADS.has(last) ? 'media' : 'organisation';
    default: return DEMONYM_SET.has(k.replace(/-(backed|led|born|based|allied)$/, '')) ? 'nationality' : 'misc';
  }
}

interface Candidate { s: number; e: number; kind: EntityKind; title?: [number, number] }

/** Lexicon phrases as token-word sequences, indexed by first word, longest first. */
let phraseIndex: Map<string, { words: string[]; kind: EntityKind }[]> | undefined;
function phrases() {
  if (phraseIndex) return phraseIndex;
  phraseIndex = new Map();
  const add = (list: string[], kind: EntityKind) => {
    for (const entry of list) {
      const toks: RawToken[] = [];
      tokenizeRange(entry, 0, entry.length, toks);
      const words = toks.map((t) => entry.slice(t.start, t.end));
      const bucket = phraseIndex!.get(words[0]) ?? [];
      bucket.push({ words, kind });
      phraseIndex!.set(words[0], bucket);
    }
  };
  add(ARMED_GROUPS, 'armed_group');
  add(MEDIA, 'media');
  add(ORGANISATIONS, 'organisation');
  add(COUNTRIES, 'place');
  for (const list of phraseIndex.values()) list.sort((a, b) => b.words.length - a.words.length);
  return phraseIndex;
}
// Short all-caps entries that are also common words: only trusted when the tagger agrees.
const AMBIGUOUS = new Set(['is', 'who', 'us', 'it', 'rt', 'ria', 'ap', 'ira']);

function isCapitalised(s: string): boolean {
  const c = s[0];
  return c !== c.toLowerCase();
}

/** Tag one sentence's tokens [from, to) and add candidates. */
function recogniseSentence(words: string[], lowers: string[], from: number, out: Candidate[]): void {
  const tags = loadTagger().tag(words);
  const local: Candidate[] = [];
  let start = -1;
  let type = '';
  const close = (i: number) => {
    if (start >= 0) local.push({ s: start, e: i, kind: kindOf(words.slice(start, i).join(' '), type) });
    start = -1;
  };
  for (let i = 0; i < tags.length; i++) {
    const tag = TAGS[tags[i]];
    if (tag === 'O') close(i);
    else if (tag[0] === 'B' || TAG_TYPE[tags[i]] !== type) {
      close(i);
      start = i;
      type = TAG_TYPE[tags[i]];
    }
  }
  close(tags.length);

  // Lexicon phrases: add what the tagger missed, retype what it found with the same extent or less.
  const index = phrases();
  for (let i = 0; i < words.length; i++) {
    const bucket = index.get(lowers[i]);
    if (!bucket) continue;
    // Names open with a capital, or with a particle before one ("al-Qaida", "al Qaeda").
    if (!isCapitalised(words[i]) && !PARTICLE.test(words[i]) && !(i + 1 < words.length && (lowers[i] === 'al' || lowers[i] === 'el') && isCapitalised(words[i + 1]))) continue;
    for (const { words: p, kind } of bucket) {
      if (i + p.length > words.length) continue;
      let ok = true;
      for (let k = 1; k < p.length && ok; k++) ok = lowers[i + k] === p[k];
      if (!ok) continue;
      const e = i + p.length;
      const short = p.length === 1 && p[0].length <= 3;
      if (short && words[i] !== words[i].toUpperCase()) continue;
      const overlapping = local.filter((c) => c.s < e && i < c.e);
      if (short && AMBIGUOUS.has(p[0]) && overlapping.length === 0) continue;
      if (overlapping.every((c) => c.s >= i && c.e <= e)) {
        for (const c of overlapping) local.splice(local.indexOf(c), 1);
        local.push({ s: i, e, kind });
      } else if (overlapping.length === 1 && ORG_KINDS.has(overlapping[0].kind) && ORG_KINDS.has(kind) && overlapping[0].e === e) {
        overlapping[0].kind = kind; // "U.S. State Department" keeps its extent, takes the lexicon's type
      }
      i = e - 1;
      break;
    }
  }
  // "Mr. King", "Dr. Haddad": an honorific makes the capitalised words after it a person, whatever the tagger said.
  for (let i = 0; i + 1 < words.length; i++) {
    if ((!HONORIFICS.has(lowers[i]) && lowers[i] !== 'dr.') || !isCapitalised(words[i + 1]) || !/^\p{L}/u.test(words[i + 1])) continue;
    let e = i + 1;
    while (e < words.length && e < i + 4 && /^\p{Lu}[\p{L}'’.-]*$/u.test(words[e])) e++;
    const overlapping = local.filter((c) => c.s < e && i < c.e);
    if (overlapping.length === 0) local.push({ s: i + 1, e, kind: 'person' });
    else if (overlapping.length === 1 && overlapping[0].s >= i && overlapping[0].kind !== 'person') overlapping[0].kind = 'person';
    i = e - 1;
  }
  local.sort((a, b) => a.s - b.s);
  normaliseCandidates(words, lowers, local);
  for (const c of local) {
    // Drop spans with no capitalised word (tagger noise on lowercase text).
    let cap = false;
    for (let k = c.s; k < c.e && !cap; k++) cap = isCapitalised(words[k]) || /\d/.test(words[k][0]) || PARTICLE.test(words[k]);
    if (!cap) continue;
    if (c.kind === 'person') attachTitle(words, lowers, c, local);
    if (c.e > c.s) out.push({ s: c.s + from, e: c.e + from, kind: c.kind, title: c.title && [c.title[0] + from, c.title[1] + from] });
  }
}

/**
 * Repairs the tagger's systematic slips on news text: hyphenated name particles ("Bashar" "al-Assad",
 * "Deir" "el-Zour") split from their name; trailing or leading lowercase words ("SDF alliance");
 * a title and a name inside one organisation span ("UN Ambassador Vassily Nebenzia").
 */
function normaliseCandidates(words: string[], lowers: string[], local: Candidate[]): void {
  // A name never spans a comma ("Deir el-Zour, Syria" is two places) or a lowercase content word
  // ("al-Rashidi entered Deir" is two names).
  for (let n = 0; n < local.length; n++) {
    const c = local[n];
    for (let k = c.s; k < c.e; k++) {
      const w = words[k];
      const breaks = w === ',' || (k > c.s && k < c.e - 1 && /^\p{Ll}/u.test(w) && !CONNECTORS.has(w) && !PARTICLE.test(w));
      if (!breaks) continue;
      const rest: Candidate = { s: k + 1, e: c.e, kind: c.kind };
      c.e = k;
      if (rest.e > rest.s) local.splice(n + 1, 0, rest);
      break;
    }
    if (c.e <= c.s) local.splice(n--, 1);
  }
  for (let n = 0; n < local.length; n++) {
    const c = local[n];
    // Join a particle token to the capitalised word before it, and neighbouring spans across it.
    if (PARTICLE.test(words[c.s]) && c.s > 0 && isCapitalised(words[c.s - 1])) {
      const prev = n > 0 && local[n - 1].e === c.s ? local[n - 1] : undefined;
      if (prev) {
        prev.e = c.e;
        if (prev.kind !== c.kind) prev.kind = kindOf(words.slice(prev.s, prev.e).join(' '), prev.kind === 'person' || c.kind === 'person' ? 'PER' : prev.kind === 'place' || c.kind === 'place' ? 'LOC' : 'ORG');
        local.splice(n--, 1);
        continue;
      }
      c.s -= 1;
    }
    while (c.e < words.length && PARTICLE.test(words[c.e])) {
      const next = local[n + 1];
      if (next && next.s === c.e) { c.e = next.e; local.splice(n + 1, 1); } else c.e++;
    }
    if (c.kind !== 'nationality') {
      while (c.e - c.s > 1 && !isCapitalised(words[c.e - 1]) && !/\d/.test(words[c.e - 1][0]) && !PARTICLE.test(words[c.e - 1])) c.e--;
      while (c.e - c.s > 1 && !isCapitalised(words[c.s]) && !PARTICLE.test(words[c.s]) && !(lowers[c.s] === 'al' || lowers[c.s] === 'el')) c.s++;
    }
    if (c.kind !== 'person') {
      for (let k = c.s; k < c.e - 1; k++) {
        if (!TITLE_CORE.has(lowers[k]) || !isCapitalised(words[k]) || !isCapitalised(words[k + 1])) continue;
        const person: Candidate = { s: k + 1, e: c.e, kind: 'person' };
        c.e = k;
        if (c.e > c.s) c.kind = kindOf(words.slice(c.s, c.e).join(' '), 'ORG');
        else local.splice(n, 1);
        local.splice(n + 1, 0, person);
        break;
      }
    }
    if (local[n] === c && c.e > c.s) c.kind = kindOf(words.slice(c.s, c.e).join(' '), typeOf(c.kind));
  }
  const common = commonWords();
  // "St. Cloud", "Mt. Hermon", "Fort Worth": a saint's or feature's prefix and the name after it are one
  // place, even when the tagger split them.
  for (let n = 0; n + 1 < local.length; n++) {
    const c = local[n], next = local[n + 1];
    if (c.e - c.s === 1 && next.s === c.e && /^(?:St|Ste|Mt|Ft|Pt)\.$|^(?:Saint|Sainte|San|Santa|Sao|São|Fort|Port|Mount|Lake|Cape)$/.test(words[c.s]) && isCapitalised(words[next.s])) {
      c.e = next.e;
      c.kind = 'place';
      local.splice(n + 1, 1);
    }
  }
  for (let n = 0; n < local.length; n++) {
    const c = local[n];
    // Quote marks and brackets at the edges are never part of a name.
    while (c.e - c.s > 1 && !/[\p{L}\p{N}]/u.test(words[c.s])) c.s++;
    while (c.e - c.s > 1 && !/[\p{L}\p{N}]/u.test(words[c.e - 1])) c.e--;
    if (!/[\p{L}\p{N}]/u.test(words[c.s])) { local.splice(n--, 1); continue; }
    // "An Agence France Presse report": a capitalised determiner or common word is not part of the name.
    while (c.e - c.s > 1 && (DETERMINERS.has(lowers[c.s]) || (common.has(lowers[c.s]) && !PARTICLE.test(words[c.s]) && !TITLE_WORDS.has(lowers[c.s])))) c.s++;
    while (c.e - c.s > 1 && common.has(lowers[c.e - 1]) && !ORG_HEAD_SET.has(lowers[c.e - 1]) && !GEO_HEADS.has(lowers[c.e - 1])) c.e--;
    // Names with initials: "John F. Kerry", "George W. Bush"; two adjacent person spans are one name.
    const next = local[n + 1];
    if (next && (c.kind === 'person' || next.kind === 'person')) {
      const gap = next.s - c.e;
      const initialNext = (gap === 1 && INITIAL.test(words[c.e])) || (gap === 0 && c.kind === 'person' && INITIAL.test(words[next.s]));
      if ((gap === 0 && c.kind === 'person' && next.kind === 'person') || initialNext) {
        c.e = next.e;
        c.kind = 'person';
        local.splice(n + 1, 1);
        n--;
        continue;
      }
    }
    // "James O’Neill": a surname the tagger left out.
    if (c.kind === 'person' && c.e < words.length && SURNAME.test(words[c.e]) && !(next && next.s === c.e)) c.e++;
    // "Massachusetts Institute of Technology", "Bureau of Investigation": an organisation head + "of" + name.
    if (ORG_KINDS.has(c.kind) && ORG_HEAD_SET.has(lowers[c.e - 1]) && lowers[c.e] === 'of' && c.e + 1 < words.length && isCapitalised(words[c.e + 1])) {
      let e = c.e + 1;
      while (e < words.length && (isCapitalised(words[e]) || PARTICLE.test(words[e]))) e++;
      while (n + 1 < local.length && local[n + 1].s < e) { e = Math.max(e, local[n + 1].e); local.splice(n + 1, 1); }
      c.e = e;
    }
    if (c.kind === 'person' && c.s >= 1 && INITIAL.test(words[c.s]) && isCapitalised(words[c.s - 1]) && !TITLE_WORDS.has(lowers[c.s - 1]) && !(n > 0 && local[n - 1].e === c.s)) c.s--;
    const single = c.e - c.s === 1;
    const lexical = kindOf(words[c.s], 'MISC') !== 'misc' && kindOf(words[c.s], 'MISC') !== 'nationality';
    // Months and weekdays are dates, not names ("Feb." in "Feb. 2, 2025").
    if (single && CALENDAR.test(words[c.s])) { local.splice(n--, 1); continue; }
    // A lone common word tagged as a name ("See", "Nine") is a sentence start or a quoted word.
    if (single && common.has(lowers[c.s]) && !lexical && !/^\p{Lu}{2,}$/u.test(words[c.s])) { local.splice(n--, 1); continue; }
    // A number word is a count, never a name ("Two were killed", "Nine bomb blasts").
    if (single && COUNT_WORDS.has(lowers[c.s])) { local.splice(n--, 1); continue; }
    // A lone letter is an initial or a party label ("(D)", "R-Ore."), a lone street word a cut-off address.
    if (single && (/^\p{L}\.?$/u.test(words[c.s]) || STREET_WORD.test(words[c.s]))) { local.splice(n--, 1); continue; }
    // A lone name after "in", "near" or "the town of" is a place, whatever the tagger thought.
    if (c.kind !== 'place' && !lexical && c.s > 0) {
      const prevWord = lowers[c.s - 1];
      const ofPlace = c.s > 1 && prevWord === 'of' && PLACE_OF.has(lowers[c.s - 2]);
      const placeNoun = PLACE_NOUNS.has(prevWord);
      // "towns of Dibis and Tuz Khurmatu": a name coordinated with a place just named is a place.
      const prevCand = n > 0 ? local[n - 1] : undefined;
      const coordinated = c.kind !== 'person' && (prevWord === 'and' || prevWord === 'or' || prevWord === ',') && prevCand?.e === c.s - 1 && prevCand.kind === 'place';
      const cue = PLACE_CUES.has(prevWord) && (c.kind !== 'person' || single);
      if ((ofPlace || placeNoun || coordinated || cue) && !ORG_HEAD_SET.has(lowers[c.e - 1])) c.kind = 'place';
    }
  }
}

const typeOf = (kind: EntityKind) => (kind === 'person' ? 'PER' : kind === 'place' ? 'LOC' : ORG_KINDS.has(kind) ? 'ORG' : 'MISC');

/** Move title words out of a person span and collect the title written before it. */
function attachTitle(words: string[], lowers: string[], c: Candidate, all: Candidate[]): void {
  while (c.e - c.s > 1 && (TITLE_WORDS.has(lowers[c.s]) || HONORIFICS.has(lowers[c.s]) || ROLE_NOUNS.has(lowers[c.s]))) c.s++;
  const titleEnd = c.s;
  let j = c.s - 1;
  while (j >= 0) {
    const other = all.find((o) => o !== c && o.e === j + 1 && o.kind !== 'person' && o.kind !== 'misc');
    if (other) { j = other.s - 1; continue; }
    if (TITLE_WORDS.has(lowers[j]) || ROLE_NOUNS.has(lowers[j]) || /^(\p{Lu}\.)+$/u.test(words[j])) { j--; continue; }
    if ((lowers[j] === "'s" || lowers[j] === '’s') && j > 0) { j--; continue; }
    break;
  }
  let ts = j + 1;
  while (ts < titleEnd && (HONORIFICS.has(lowers[ts]) || lowers[ts] === "'s" || lowers[ts] === '’s')) ts++;
  let core = false;
  for (let k = ts; k < titleEnd && !core; k++) core = TITLE_CORE.has(lowers[k]);
  if (core) c.title = [ts, titleEnd];
}

/** "Bashar al-Assad" ends with "assad" (and starts with "bashar"): a lone name may refer to it. */
function nameEndsWith(fullName: string, word: string): boolean {
  const parts = key(fullName).split(' ');
  if (parts.length < 2) return false;
  const last = parts[parts.length - 1];
  return last === word || last.replace(/^[a-z]{1,3}-/, '') === word.replace(/^[a-z]{1,3}-/, '') || parts[0] === word;
}

function initials(name: string): string {
  return name.split(/[\s-]+/).filter((w) => w && isCapitalised(w) && !/^(of|the|and|for)$/i.test(w)).map((w) => w[0]).join('');
}

/** Group mentions into entities: exact names, surnames, acronyms in parentheses and initials. */
function corefer(doc: Document): void {
  const { mentions, text } = doc;
  const entities: Entity[] = [];
  const byAlias = new Map<string, number>(); // family + key -> entity
  const persons: number[] = [];
  const addAlias = (e: Entity, name: string) => {
    const k = family(e.kind) + ':' + aliasKey(name);
    if (!byAlias.has(k)) byAlias.set(k, e.id);
    if (name !== e.name && !e.aliases.includes(name)) e.aliases.push(name);
  };
  const create = (m: Mention, name: string): Entity => {
    const e: Entity = { id: entities.length, kind: m.kind, name, aliases: [], titles: [], mentions: [] };
    entities.push(e);
    if (m.kind === 'person') persons.push(e.id);
    byAlias.set(family(m.kind) + ':' + aliasKey(name), e.id);
    return e;
  };
  // A lone word the tagger typed as a place or an organisation that is the surname of a person the
  // document names in full ("Duque" after "Ivan Duque", "Haddad:" in a headline) is that person, unless
  // it stands where a place does ("in Haddad") or names a country.
  const surnames = new Set<string>();
  for (const m of mentions) if (m.kind === 'person' && /\s/.test(m.text)) surnames.add(key(m.text.split(/\s+/).pop()!));
  for (const m of mentions) {
    if (m.kind === 'person' || m.kind === 'nationality' || /\s/.test(m.text)) continue;
    const k = key(m.text);
    if (surnames.has(k) && !PLACES.has(k) && !/\b(?:in|near|at|from|to|into|outside|toward|towards|around)\s+$/i.test(text.slice(Math.max(0, m.start - 12), m.start))) m.kind = 'person';
  }
  const pending: number[] = [];
  mentions.forEach((m, mi) => {
    const name = m.text.replace(/['’]s$/, '');
    let id = byAlias.get(family(m.kind) + ':' + aliasKey(name));
    if (id === undefined && m.kind === 'person' && !name.includes(' ')) {
      const w = key(name);
      // A lone surname (or given name) refers to the latest full name that ends (or starts) with it.
      for (let p = persons.length - 1; p >= 0 && id === undefined; p--) {
        if (nameEndsWith(entities[persons[p]].name, w)) id = persons[p];
      }
      if (id === undefined) { pending.push(mi); return; }
    }
    if (id === undefined && ORG_KINDS.has(m.kind) && !name.includes(' ')) {
      // "Obama" tagged as an organisation after "Barack Obama" is the person.
      const w = key(name);
      const person = persons.find((p) => nameEndsWith(entities[p].name, w));
      if (person !== undefined) { id = person; m.kind = 'person'; }
    }
    if (id === undefined && ORG_KINDS.has(m.kind) && /^[\p{Lu}]{2,6}$/u.test(name)) {
      // "SDF" for "Syrian Democratic Forces"; "IRA" for "Provisional IRA".
      id = entities.find((e) => ORG_KINDS.has(e.kind) && (initials(e.name) === name || e.name.endsWith(' ' + name)))?.id;
    }
    const e = id === undefined ? create(m, name) : entities[id];
    if (id !== undefined) addAlias(e, name);
    m.entity = e.id;
    e.mentions.push(mi);
    // "the Syrian Democratic Forces (SDF)": the parenthesised acronym names the same entity.
    if (ORG_KINDS.has(m.kind)) {
      const after = /^ ?\(([\p{Lu}][\p{Lu}\p{Ll}.-]{1,9})\)/u.exec(text.slice(m.end, m.end + 14));
      if (after) addAlias(e, after[1]);
    }
    if (m.title) {
      const t = text.slice(m.title.start, m.title.end);
      if (!e.titles.includes(t)) e.titles.push(t);
    }
  });
  // Surnames seen before their full name, now that all full names are known.
  for (const mi of pending) {
    const m = mentions[mi];
    const w = key(m.text.replace(/['’]s$/, ''));
    let id = byAlias.get('person:' + w) ?? persons.find((p) => nameEndsWith(entities[p].name, w));
    const e = id === undefined ? create(m, m.text.replace(/['’]s$/, '')) : entities[id];
    if (id !== undefined) addAlias(e, m.text.replace(/['’]s$/, ''));
    m.entity = e.id;
    e.mentions.push(mi);
  }
  // Canonical name: the fullest form the document gives.
  for (const e of entities) {
    e.mentions.sort((a, b) => a - b);
    const names = [e.name, ...e.aliases];
    const longest = names.reduce((a, b) => (b.length > a.length ? b : a));
    if (longest !== e.name) {
      e.aliases = names.filter((n) => n !== longest);
      e.name = longest;
    }
  }
  doc.entities = entities;
}

export function recogniseEntities(doc: Document): void {
  const { text, tokens } = doc;
  const candidates: Candidate[] = [];
  const words: string[] = [];
  const lowers: string[] = [];
  let from = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i === tokens.length || (i > from && tokens[i].sentence !== tokens[from].sentence)) {
      if (i > from) recogniseSentence(words, lowers, from, candidates);
      words.length = 0;
      lowers.length = 0;
      from = i;
    }
    if (i < tokens.length) {
      const w = text.slice(tokens[i].start, tokens[i].end);
      words.push(w);
      lowers.push(w.toLowerCase());
    }
  }
  // Mentions in text order, which later stages search by bisection (the repairs above can leave a
  // sentence's candidates out of order).
  candidates.sort((a, b) => a.s - b.s || a.e - b.e);
  const mentions: Mention[] = candidates.map((c) => {
    const start = tokens[c.s].start;
    const end = tokens[c.e - 1].end;
    const m: Mention = { start, end, text: text.slice(start, end), kind: c.kind, entity: -1 };
    if (c.title && c.title[1] > c.title[0]) {
      const ts = tokens[c.title[0]].start;
      const te = tokens[c.title[1] - 1].end;
      m.title = { start: ts, end: te, text: text.slice(ts, te) };
    }
    return m;
  });
  doc.mentions = mentions;
  corefer(doc);
}
