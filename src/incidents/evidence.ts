// Event evidence: whether a trigger word ("bomb", "attack", "protest") reports an incident or only
// mentions the idea of one. A reported incident is told by an event verb in the past (or the present
// perfect, the progressive, a headline's present), not under a modal ("could attack"), not as a noun
// modifying another thing ("protest laws", "bomb threat", "exploded drawings"), not in another sense
// ("ransomware attack", "heart attack"), and not in a generic sentence that lists where such things
// happen ("roadside bombs are common in countries such as ..."). The syntax layer (doc.syntax) is read
// when the document has one; otherwise the same tests fall back to the words around the trigger.
import type { Document, Sentence } from '../model/document.ts';
import { lowerBound } from '../model/search.ts';

/** The syntax layer's fields read here (UD v2; see the syntax stage), parallel to doc.tokens. */
interface Syntax { upos: string[]; lemma: string[]; head: number[]; deprel: string[] }
const syntaxOf = (doc: Document): Syntax | undefined => {
  const s = (doc as unknown as { syntax?: Syntax }).syntax;
  return s && s.upos.length === doc.tokens.length ? s : undefined;
};

/** Another sense of the word: a computer, a body, a word fight. */
const OTHER_SENSE_BEFORE = /\b(?:ransomware|cyber|malware|hacking|hacker|phishing|denial[- ]of[- ]service|ddos|heart|panic|asthma|anxiety|allergy|allergic|verbal|personal|political|partisan|legal|media|charm|brain|sugar|price|photo|trade|tariff|insect|shark|dog|bear|bee|wasp|snake)[\s-]+$/i;
/** Heads that keep a noun-modifier trigger an event: "car bomb blast", "suicide bomb attack", "bombing victims". */
const EVENT_HEAD = /^(?:attacks?|bombings?|blasts?|explosions?|strikes?|raids?|victims?|survivors?|suspects?|site|scene|toll|casualties|dead|wounded|aftermath|wave|spate|series)$/i;
/** Words after a trigger used as a modifier, when there is no syntax layer: "protest laws", "bomb threat". */
const MODIFIED_AFTER = /^\s+(?:laws?|bills?|rules?|drawings?|views?|diagrams?|ads?|advertisements?|campaigns?|movies?|films?|games?|songs?|albums?|threats?|scares?|hoax(?:es)?|squads?|shelters?|proof|disposal|sniffing|dogs?|tests?|tech(?:nology)?|movements?|groups?|organi[sz]ers?|signs?|permits?|zones?)\b/i;
const MODAL = /^(?:will|would|could|might|may|can|should|must|shall|'ll|wo|ca)$/i;
/** Verbs whose complement is not (yet) an event: "threatened to attack", "plans to bomb". */
const NOT_YET = /^(?:threaten|plan|plot|vow|warn|fear|intend|aim|try|want|seek|prepare|conspire|urge|call|pledge|promise|expect|risk|consider|propose|allege|deny)$/i;
const PAST_IRREGULAR = /^(?:was|were|struck|shot|hit|blew|fought|took|went|broke|fled|left|began|set|threw|drove|ran|rose|led|came|tore|caught|held|stole|burnt|burned|slew|sank|shook|overran|beat|stabbed|seized)$/i;
/** "are a common weapon in countries such as": a generic list of where such things happen. */
const GENERIC_LIST = /\b(?:such as|countries (?:like|including|where)|places (?:like|where)|parts of the world)\b/i;
/** ... told as a habit or a state: "have been used", "are often", "remain common". */
const GENERIC_VERB = /\b(?:(?:have|has) (?:long )?been|(?:are|is) (?:often|commonly|frequently|widely|regularly|still)|remains?|tend to|are (?:a |an )?(?:common|frequent|favou?red))\b/i;

function tokenAt(doc: Document, offset: number): number {
  const i = lowerBound(doc.tokens, offset, (t) => t.start);
  return i < doc.tokens.length && doc.tokens[i].start === offset ? i : -1;
}

/** The sentence's words tell something that happened (or is happening), not a rule, a wish or a generality. */
export function tellsAnEvent(doc: Document, sentence: Sentence, headline: boolean): boolean {
  if (headline) return true;
  const s = syntaxOf(doc);
  const first = lowerBound(doc.tokens, sentence.start, (t) => t.start);
  for (let i = first; i < doc.tokens.length && doc.tokens[i].start < sentence.end; i++) {
    const w = doc.text.slice(doc.tokens[i].start, doc.tokens[i].end);
    if (PAST_IRREGULAR.test(w)) return true;
    // (The tree is not trusted on text in capitals: wire copy in upper case tags most words PROPN.)
    if (/[a-z]{2,}ed$/i.test(w) && (!s || s.upos[i] === 'VERB' || s.upos[i] === 'AUX' || w === w.toUpperCase())) return true;
    // "has risen", "have been killed", "had fled": the perfect.
    if (/^(?:has|have|had)$/i.test(w) && i + 1 < doc.tokens.length) {
      const next = doc.text.slice(doc.tokens[i + 1].start, doc.tokens[i + 1].end);
      if (/^(?:been|[a-z]+(?:en|ed|wn|un|ung|ought|aught))$/i.test(next) || PAST_IRREGULAR.test(next)) return true;
    }
    // "are fighting", "is burning": the progressive of an event happening now.
    if (/ing$/.test(w) && i > first && /^(?:is|are)$/i.test(doc.text.slice(doc.tokens[i - 1].start, doc.tokens[i - 1].end))) return true;
  }
  return false;
}

/**
 * Whether the trigger matched at [start, end) reports an incident: in its sense of violence or protest,
 * not a modifier of a thing, not under a modal or a verb of intent, in a sentence that tells an event.
 */
export function reportsIncident(doc: Document, start: number, end: number, sentence: Sentence | undefined, headline: boolean): boolean {
  const { text } = doc;
  if (OTHER_SENSE_BEFORE.test(text.slice(Math.max(0, start - 30), start))) return false;
  const s = syntaxOf(doc);
  // The trigger's own word is its last ("car bomb", "suicide attack"): the one the tree attaches.
  const last = text.slice(start, end).search(/\S+$/);
  const k = tokenAt(doc, start + Math.max(0, last));
  const word = text.slice(start, end);
  if (s && k >= 0 && word !== word.toUpperCase()) {
    const head = s.head[k];
    const headWord = head >= 0 ? text.slice(doc.tokens[head].start, doc.tokens[head].end) : '';
    // "protest laws", "bomb threat", but "car bomb blast".
    if (s.deprel[k] === 'compound' && head > k && s.upos[head] === 'NOUN' && !EVENT_HEAD.test(headWord)) return false;
    // "exploded drawings", "the shelled houses": a participle describing a thing.
    if ((s.upos[k] === 'ADJ' || /ed$/i.test(text.slice(start, end))) && k + 1 < s.upos.length && s.upos[k + 1] === 'NOUN' && head !== -1 && s.deprel[k] !== 'root'
      && !s.deprel.some((d, j) => s.head[j] === k && /^nsubj/.test(d))) return false;
    // "militants could attack", "threatened to bomb": the verb of the trigger's clause is not (yet) an event.
    let v = k;
    for (let hops = 0; v >= 0 && s.upos[v] !== 'VERB' && hops < 3; hops++) v = s.head[v];
    // Only when the trigger is that verb or its subject or object ("militants could attack", "a bomb
    // could go off"), not a thing it mentions ("fragments that might be from the device").
    if (v >= 0 && s.upos[v] === 'VERB' && (v === k || /^(?:nsubj|obj|nsubj:pass)$/.test(s.deprel[k]))) {
      for (let j = Math.max(0, v - 4); j < v; j++) if (s.head[j] === v && s.deprel[j] === 'aux' && MODAL.test(text.slice(doc.tokens[j].start, doc.tokens[j].end))) return false;
      const up = s.head[v];
      if (up >= 0 && (s.deprel[v] === 'xcomp' || s.deprel[v] === 'ccomp') && NOT_YET.test(s.lemma[up])) return false;
    }
  } else {
    if (MODIFIED_AFTER.test(text.slice(end, end + 30))) return false;
    if (/ed$/i.test(text.slice(start, end)) && /\b(?:the|an?|its|their|his|her|of)\s+$/i.test(text.slice(Math.max(0, start - 8), start))) return false;
    if (/\b(?:will|would|could|might|may|can|should|must)\s+(?:\w+\s+)?$/i.test(text.slice(Math.max(0, start - 20), start))) return false;
    if (/\b(?:threaten\w*|plan\w*|plot\w*|vow\w*|intend\w*|want\w*|seek\w*|tr(?:y|ied|ying))\s+to\s+$/i.test(text.slice(Math.max(0, start - 24), start))) return false;
  }
  if (!sentence) return true;
  // A headline tells an event in the present ("Gunmen storm hotel", "Bomb kills 10"), or names a subject
  // ("Roadside bombs"): the incident stage counts it only when the body reports an incident too.
  if (headline) return true;
  const said = text.slice(sentence.start, sentence.end);
  if (GENERIC_LIST.test(said) && GENERIC_VERB.test(said)) return false;
  return tellsAnEvent(doc, sentence, false);
}
