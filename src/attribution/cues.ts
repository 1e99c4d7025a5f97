// Reporting verbs and phrases: the cues that introduce what someone says, thinks or claims.
// Lemmas written by us; the inflected forms are generated.

const SPEECH = `say tell add state announce report claim estimate describe dispute deny warn write note explain insist
confirm acknowledge suggest ask tweet post argue believe think allege assert declare predict promise pledge vow
urge accuse blame admit reply respond recall conclude stress emphasise emphasize indicate reveal disclose testify
caution concede contend complain comment mention observe remark reiterate repeat agree charge demand question doubt
fear hope expect want threaten boast brief inform quote cite estimate counter dismiss reject criticise criticize praise
condemn decry denounce welcome acknowledge signal record tally count document find show`;

function inflect(lemma: string): string[] {
  const irregular: Record<string, string[]> = {
    say: ['says', 'said', 'saying'], tell: ['tells', 'told', 'telling'], write: ['writes', 'wrote', 'written', 'writing'],
    think: ['thinks', 'thought', 'thinking'], deny: ['denies', 'denied', 'denying'], reply: ['replies', 'replied', 'replying'],
    testify: ['testifies', 'testified', 'testifying'], signal: ['signals', 'signalled', 'signaled', 'signalling'],
    // No -ing forms: "a photo showing the site", "the finding" describe, they do not report.
    find: ['finds', 'found'], show: ['shows', 'showed', 'shown'],
  };
  if (irregular[lemma]) return [lemma, ...irregular[lemma]];
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const third = /(s|sh|ch|x|z)$/.test(lemma) ? lemma + 'es' : lemma + 's';
  const past = lemma.endsWith('e') ? lemma + 'd' : /[^aeiou][aeiou][pt]$/.test(lemma) && lemma.length <= 4 ? lemma + lemma.slice(-1) + 'ed' : lemma + 'ed';
  return [lemma, third, past, stem + 'ing'];
}

export const CUE_VERBS = new Set<string>();
for (const lemma of SPEECH.split(/\s+/).filter(Boolean)) for (const f of inflect(lemma)) CUE_VERBS.add(f);

/** Participles that continue the main clause's speaker: "disputed the toll, saying ...". */
export const PARTICIPLE_CUES = new Set(['saying', 'adding', 'telling', 'noting', 'arguing', 'insisting', 'warning', 'explaining', 'claiming', 'stressing', 'writing', 'asking', 'suggesting']);

/** Words that are verbs of speech only in some senses; accepted only right next to a subject. */
export const WEAK_CUES = new Set(['hope', 'hopes', 'expect', 'expects', 'expected', 'want', 'wants', 'wanted', 'charge', 'charged', 'charges', 'question', 'questioned', 'post', 'posts', 'posted', 'counter', 'signal', 'signals', 'signalled', 'signaled', 'fear', 'feared', 'fears', 'comment', 'brief', 'briefed', 'quote', 'quoted', 'cite', 'cited', 'welcome', 'welcomed', 'praise', 'praised', 'doubt', 'doubted', 'dismiss', 'dismissed', 'reject', 'rejected', 'agree', 'agreed', 'respond', 'responded', 'demand', 'demanded', 'promise', 'promised']);

/** Head nouns of sources without a name. */
export const ANONYMOUS_HEADS = /\b(officials?|sources?|diplomats?|aides?|people familiar|person familiar|insiders?)\b/i;
export const MEDIA_WORDS = /\b(television|tv|radio|news agency|agency|newspaper|daily|broadcaster|channel|state media|media|website|outlet)\b/i;

function forms(lemmas: string): Set<string> {
  const set = new Set<string>();
  for (const lemma of lemmas.split(/\s+/).filter(Boolean)) for (const f of inflect(lemma)) set.add(f);
  return set;
}

/**
 * Verbs whose object is usually a noun phrase, not a statement ("blamed the group", "responded to the blast"):
 * they report speech only with a that-clause, a colon or quoted words ('described the raid as "a war crime"'),
 * when the statement stands before the speaker, or when they name a speech act (SPEECH_ACT_CUES below).
 */
export const OBJECT_CUES = forms(`describe dispute urge ask accuse blame criticise criticize praise condemn decry denounce welcome dismiss
reject question demand charge quote cite record count tally document brief inform threaten promise pledge vow respond agree want
expect hope fear signal comment mention counter post find show`);

/** Past forms: a reporting verb in one of these is a verb even right after a name ("Reuters reported"). */
export const PAST_CUES = new Set([...CUE_VERBS].filter((w) => /(ed|said|told|wrote|written|thought)$/.test(w)));

/** Scrape artefacts that end up inside paragraphs: an "AD" slot, "Advertisement". */
export const ARTEFACT = /^(?:AD|ADVERTISEMENT|Advertisement)$/;

/**
 * Object cues that report a speech act even with a noun phrase or an infinitive after them: a demand
 * ("demanded the release of"), a commitment ("pledged to rebuild"), an accusation or a reason given
 * ("accused the army of shelling", "cited security concerns"). "urged/asked X to act" are requests too, but
 * are left out for now: they cost our corpus more than they gain on PolNeAR. "agreed to a truce" is an act.
 */
export const SPEECH_ACT_CUES = forms(`pledge vow promise demand accuse cite`);

/** "call for", "call on": a demand, the particle being part of the cue. */
export const CALL_CUES = forms('call');

/** Verbs that characterise with a second object: "called the strike a war crime", "branded them 'terrorists'". */
export const CHARACTERISE_CUES = forms('call brand label dub term');

/** Verbs of finding and showing: a statement only with a that-clause ("the inquiry found that ..."), never "found the device". */
export const THAT_ONLY_CUES = forms('find show');
