// Attribution stage: direct quotes and reported speech, each with its source.
// 1. Quote marks give direct quotes (paragraph-spanning quotes continue when the next paragraph
//    reopens the quote). 2. Reporting frames per sentence ("X said (that) ...", "..., X said",
//    "..., said X", "according to X", "X cited Y as saying") give a speaker chunk, a cue and a content
//    span. 3. Chunks resolve to sources (entity, pronoun, anonymous, media, role, chain).
// 4. Frames claim the direct quotes next to them; unclaimed quotes inherit the previous speaker when
//    they open a paragraph. Fills doc.quotes.
import type { Document, Entity, Mention, Section, Span } from '../model/document.ts';
import type { Quote } from '../model/quote.ts';
import { lowerBound } from '../model/search.ts';
import type { Source } from '../model/source.ts';
import { ARTEFACT, CALL_CUES, CHARACTERISE_CUES, CUE_VERBS, OBJECT_CUES, PARTICIPLE_CUES, PAST_CUES, SPEECH_ACT_CUES, THAT_ONLY_CUES, WEAK_CUES } from './cues.ts';
import { attributionModels, buildAtoms, findCues, phraseOf, readAttribution, type Atoms, type AttributionModels, type LearnedCue } from './learned.ts';
import { findQuoteMarks, type QuoteMark } from './quote-marks.ts';
import { personSource, resolveSource, type SourceContext } from './sources.ts';

interface Frame {
  source: Source;
  cue: Span;
  /** Reported content (may be empty when the frame only attributes an adjacent direct quote). */
  content?: Span;
  /** The content's pieces when a parenthetical cue interrupts it. */
  fragments?: Span[];
  /** Where the speaker chunk sits relative to the cue, to find the quote it attributes. */
  chunk: Span;
  /** Token index of the cue (to find the frame a later one is nested in). */
  at?: number;
  /** A direct quote this frame attributes by its layout (a dash and a name after it, a speaker label before it). */
  owns?: QuoteMark;
}

/** Tokens a rule looks at around a cue at most: the parser's window (src/syntax/index.ts). */
const MAX_WINDOW = 250;
/** Least share of its occurrences in training that a learned cue's lemma headed a cue (learned.ts). */
const LEARNED_PRIOR = 0.15;
/** A learned cue outside the rules' lexicon whose lemma headed a cue in at least this share of its occurrences needs no clause ("endorsed X"). */
const CLAUSE_FREE_PRIOR = 0.4;

/** A document a statement was made in, not a speaker: "according to a statement issued on Friday". */
const DOCUMENT_WORDS = /^(?:(?:a|an|the|its|their|his|her)\s+)?(?:\w+\s+)?(?:statement|release|press release|communiqu[ée]|letter|post|tweet|message|video|transcript|report|notice)s?\b/;
/** Common irregular past forms in news, for telling a clause from a noun phrase. */
const IRREGULAR_PAST = /^(withdrew|fled|struck|hit|shot|fought|took|came|went|began|left|held|made|found|gave|kept|led|met|ran|sent|set|stood|told|said|won|lost|brought|caught|threw|blew|broke|drew|rose|fell|sought|spread|became|got|saw|knew|thought|felt|heard|paid|put|read|wrote|overran|overtook|stole|swept|tore|wore|woke)$/;
/** A token that can open a quote. */
const OPENING_MARK = /^["“'‘]$/;
/** Openers of a subordinate clause that comes before the main one. */
const SUBORDINATOR = /^(while|although|though|whereas|as|because|since|if|when|even|after|before|until|once)$/;
const BOUNDARY = new Set([',', ';', ':', '"', '“', '”', '(', ')', '—', '–']);
const CLAUSE_WORDS = new Set(['and', 'but', 'while', 'as', 'because', 'although', 'though', 'after', 'before', 'when', 'where', 'that', 'if', 'since', 'so', 'than', 'or']);
const TELL_OBJECTS = new Set(['reporters', 'journalists', 'lawmakers', 'a', 'an', 'the', 'news', 'briefing', 'conference', 'press', 'parliament', 'congress', 'told', 'us', 'him', 'her', 'them', 'me', 'viewers', 'listeners', 'supporters', 'crowd']);
const RELATIVE = new Set(['who', 'which', 'whose', 'whom']);
const NOT_BEFORE_VERB = new Set(['the', 'a', 'an', 'of', 'amid', 'more', 'further', 'additional', 'these', 'those', 'such', 'any', 'no', 'their', 'his', 'her', 'its', 'our', 'my', 'your', 'new', 'recent', 'media', 'press', 'unconfirmed', 'growing', 'to', 'for', 'by', 'with', 'without', 'despite', 'following', 'after', 'on', 'in', 'earlier', 'initial', 'first', 'conflicting', 'widespread', 'this', 'whose', 'latest', 'unverified']);
/** An appositive between commas: "Kaine, Hillary Clinton's running mate, said" / ", who ...". */
const APPOSITIVE_START = new Set(['a', 'an', 'the', 'who', 'which', 'whose', 'his', 'her', 'its', 'their', 'also', 'himself', 'herself']);
/** Nouns that name speakers, to join coordinated speakers ("security and medical officials"). */
const SPEAKER_NOUN = /^(officials?|sources?|police|security|military|medical|hospital|health|witness(?:es)?|residents?|activists?|doctors?|medics?|diplomats?|officers?|authorities|investigators?|prosecutors?|lawyers?|analysts?|experts?|aides?|spokes(?:man|woman|person)|ministers?|commanders?)$/i;
/** Forms of "be" before a participle make it passive: "was briefed", "is believed to be", "were asked to". */
const BE = new Set(['is', 'was', 'were', 'are', 'been', 'being', 'be', 'am']);
const PASSIVE_GAP = /^(also|not|never|widely|reportedly|repeatedly|previously|later|then|again|often|still|already|initially|first|being|n't)$/;
/** Words that open an adverbial tail after a cue ("tweeted early Sunday", "posted on Twitter", "reported from Washington"). */
const ADVERBIAL_START = /^(on|in|at|from|to|via|during|after|before|around|about|late|early|earlier|later|shortly|overnight|yesterday|today|tonight|last|this|next|through|over|with|by|for|into|again|soon|recently|afterwards|monday|tuesday|wednesday|thursday|friday|saturday|sunday|in|while|when|as|citing|without|under|outside|inside|near|here|there|then|also|too|publicly|privately|separately|online|repeatedly|once|twice)$/;
/** Tokens that make a tail a clause: auxiliaries, modals, copulas. */
const FINITE = /^(is|was|were|are|am|had|has|have|would|will|could|can|may|might|should|must|did|do|does|'s|'re|'ve|'d|’s|’re|’ve|’d|remains?|remained|seems?|seemed|appears?|appeared)$/;
/** A source written after its cue starts like a noun phrase, not like an adverbial or a clause. */
const NP_START = /^(a|an|the|one|two|three|another|several|some|many|his|her|their|its|our|my|both|other|senior|local|top|former|chief)$/;
/** Reporting verbs that, after "and", continue the sentence's first speaker. */
const SECOND_VERB = /^(said|says|told|tells|added|adds|noted|notes|warned|warns|argued|argues|insisted|insists|stressed|acknowledged|conceded|concedes|claimed|claims|denied|denies|wrote|writes|explained|explains|predicted|predicts|suggested|suggests)$/;
const TIME_WORD = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|morning|afternoon|evening|night|day|week|weekend|month|year|hour|minute)s?$/;
const MONTH = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/;
const PREPOSITION = /^(in|of|for|with|from|at|on|to|near|supporting|backing|against|about|under|like|over|behind|into|during|after|before|through|across|among|between|without|within|outside|inside)$/;

export function attributeQuotes(doc: Document): void {
  const { text, tokens, sentences } = doc;
  const marks = findQuoteMarks(doc);
  const quoted = (offset: number): boolean => {
    const k = lowerBound(marks, offset + 1, (m) => m.open) - 1;
    return k >= 0 && offset < marks[k].close;
  };
  /** Inside a quote that closes properly (an unclosed stray mark says nothing). */
  const insideClosedQuote = (offset: number): boolean => {
    const k = lowerBound(marks, offset + 1, (m) => m.open) - 1;
    return k >= 0 && offset < marks[k].close && /["”']/.test(text[marks[k].close - 1]);
  };
  const ctx: SourceContext = { doc, lastPerson: undefined, anonymous: new Map(), quoted };
  // The learned attributions (src/attribution/learned.ts), taken per sentence after the rules' frames.
  const models = doc.syntax ? attributionModels() : null;
  const atoms = models ? buildAtoms(doc) : undefined;
  const learned = models && atoms ? findCues(doc, models, atoms, LEARNED_PRIOR) : [];
  let nextLearned = 0;
  const frames: Frame[] = [];
  const words = tokens.map((t) => text.slice(t.start, t.end));
  const lowers = words.map((w) => w.toLowerCase());
  /** Punctuation that ends a speaker chunk, including the two apostrophes that stand for a quote mark. */
  const boundary = (k: number): boolean => BOUNDARY.has(words[k]) || (words[k] === "'" && (words[k - 1] === "'" || words[k + 1] === "'"));

  // Token range of each sentence, cut into windows of the parser's length: every rule looks only inside
  // its window, so a "sentence" of 200,000 tokens (a list run together, hostile text) costs what its
  // windows cost, not their square.
  const firstTok: number[] = new Array(sentences.length).fill(-1);
  const endTok: number[] = new Array(sentences.length).fill(-1);
  tokens.forEach((t, i) => {
    if (firstTok[t.sentence] < 0) firstTok[t.sentence] = i;
    endTok[t.sentence] = i + 1;
  });
  const windows: [number, number][] = [];
  for (let s = 0; s < sentences.length; s++) {
    if (firstTok[s] < 0) continue;
    for (let a = firstTok[s]; a < endTok[s]; a += MAX_WINDOW) windows.push([a, Math.min(endTok[s], a + MAX_WINDOW)]);
  }

  const spanOf = (a: number, b: number): Span => ({ start: tokens[a].start, end: tokens[b - 1].end });
  /** Content from token a to b, without trailing punctuation. */
  const contentOf = (a: number, b: number, least = 2): Span | undefined => {
    while (b > a && /^[.,;:!?]$/.test(words[b - 1])) b--;
    while (a < b && (/^[,;:]$/.test(words[a]) || isArtefact(a))) a++;
    return b - a >= least ? spanOf(a, b) : undefined;
  };

  /** A scrape artefact ("AD") standing before a capitalised word or a quote mark. */
  const isArtefact = (k: number): boolean => ARTEFACT.test(words[k] ?? '') && k + 1 < tokens.length && /^[\p{Lu}"“]/u.test(words[k + 1]);
  /** A cue token used as a noun or as part of a name: "reports of", "New York state", "the Islamic State", "UN report". */
  const nounUse = (i: number, a: number): boolean => {
    const w = words[i];
    if (i > a && /^\p{Lu}/u.test(w) && !/^["“”'’:]$/.test(words[i - 1]) && !isArtefact(i - 1)) return true;
    if (lowers[i + 1] === 'of' && !PAST_CUES.has(lowers[i]) && (i === a || isArtefact(i - 1))) return true;
    // "the agency's estimate", "Moscow's report".
    if (i > a && /^(?:.*['’]s|['’])$/.test(words[i - 1]) && !PAST_CUES.has(lowers[i])) return true;
    // Bare forms that are never nouns after a name: "Grassley and Leahy say".
    const bare = !PAST_CUES.has(lowers[i]) && !/(s|ing|ed)$/.test(lowers[i]) && !/^(say|tell|insist|argue|believe|think|contend)$/.test(lowers[i]);
    // "New York state", "UN report" - but "Investigators say" opens a sentence with a plural subject.
    const pluralOpener = i - 1 === a && /^\p{Lu}\p{Ll}+s$/u.test(words[i - 1]);
    return bare && i > a && /^\p{Lu}/u.test(words[i - 1]) && words[i - 1] !== 'I' && !pluralOpener;
  };
  /** A reporting verb inside a speaker chunk that is really a verb: "officials say [Dzhokhar told]". */
  const verbalCue = (k: number, a: number): boolean => CUE_VERBS.has(lowers[k]) && !WEAK_CUES.has(lowers[k]) && /^\p{Ll}/u.test(words[k]) &&
    k > a && !NOT_BEFORE_VERB.has(lowers[k - 1]) && !nounUse(k, a) && !/ing$/.test(lowers[k]);

  for (const [a, b] of windows) {
    const sentenceFrames: Frame[] = [];
    for (let i = a; i < b; i++) {
      const w = lowers[i];
      // "according to X"
      if (w === 'according' && lowers[i + 1] === 'to' && i + 2 < b) {
        let e = i + 2;
        while (e < b && !boundary(e) && words[e] !== '.') e++;
        // "The army said it was investigating, according to a statement / to Reuters": the phrase tells where
        // the sentence's statement comes from - a document of the speaker, or a relay - not a second statement.
        const opening = i === a || (i === a + 1 && isArtefact(a));
        const earlier = opening ? undefined : sentenceFrames.find((f) => f.content && f.cue.start < tokens[i].start && f.content.end > tokens[i].start);
        if (earlier) {
          endContent(earlier, i);
          const relay = DOCUMENT_WORDS.test(lowers.slice(i + 2, e).join(' ')) ? undefined : resolveSource(ctx, spanOf(i + 2, e));
          if (relay) earlier.source = { ...earlier.source, via: [...(earlier.source.via ?? []), relay] };
          i = e;
          continue;
        }
        const source = resolveSource(ctx, spanOf(i + 2, e));
        if (!source) continue;
        const content = opening ? contentOf(e, b) : contentOf(a, i);
        sentenceFrames.push({ source, cue: spanOf(i, i + 2), content, chunk: spanOf(i + 2, e), at: i });
        i = e;
        continue;
      }
      // "called for a ceasefire", "called on the council to act" (not "called on Monday").
      const call = CALL_CUES.has(w) && (lowers[i + 1] === 'for' || (lowers[i + 1] === 'on' && !/(day|^\d.*)$/.test(lowers[i + 2] ?? '') && !MONTH.test(lowers[i + 2] ?? ''))) && i + 2 < b;
      // "called the raid a massacre", 'branded the group "terrorists"': a characterisation is a statement.
      const characterise = !call && CHARACTERISE_CUES.has(w) && secondObject(i + 1, b);
      if (!CUE_VERBS.has(w) && !call && !characterise) continue;
      // Words inside a direct quote belong to its speaker, not to a new frame.
      if (insideClosedQuote(tokens[i].start)) continue;
      // "amid reports of", "the alleged use", "such claims": a noun or adjective, not a reporting verb.
      const afterPreposition = i > a && /^(by|from|for|after|before|while|without|when)$/.test(lowers[i - 1]);
      if (i > a && NOT_BEFORE_VERB.has(lowers[i - 1]) && !(PARTICIPLE_CUES.has(w) && afterPreposition)) continue;
      if (nounUse(i, a)) continue;
      const weak = WEAK_CUES.has(w);

      // Passive: "was briefed on", "is believed to be", "were asked to leave" - the subject is not the speaker,
      // except in "X was quoted as saying".
      let p = i - 1;
      while (p > a && PASSIVE_GAP.test(lowers[p])) p--;
      if (p >= a && BE.has(lowers[p]) && (PAST_CUES.has(w) || /en$/.test(w) || ((call || characterise) && /ed$/.test(w)))) {
        if (lowers[i + 1] === 'as' && lowers[i + 2] === 'saying') {
          const chunk = chunkBefore(p, a);
          const source = chunk && resolveSource(ctx, spanOf(chunk[0], chunk[1]));
          if (chunk && source) sentenceFrames.push({ source: withSpan(source, chunk), cue: spanOf(i, i + 3), content: contentAfter(i + 3, b), chunk: spanOf(chunk[0], chunk[1]), at: i });
          i += 2;
        }
        continue;
      }

      // Participles continue the speaker of the sentence's earlier frame: "disputed the toll, saying ...".
      // ... and after a preposition: "began by saying he would ...", "was criticised for saying that ...".
      // ("exploded without warning at the pub" says nothing: after a preposition a clause must follow.)
      if (PARTICIPLE_CUES.has(w) && i > a && (words[i - 1] === ',' || (afterPreposition && /^(that|clause|quote)$/.test(tailKind(i + 1, b)) && !PREPOSITION.test(lowers[i + 1] ?? '')))) {
        const earlier = sentenceFrames[sentenceFrames.length - 1];
        const source = earlier?.source ?? subjectOfSentence(i);
        // "said A, arguing that B": the earlier statement ends at the comma; B is the participle's own.
        if (source && earlier && words[i - 1] === ',' && holdsToken(earlier, i)) endContent(earlier, i - 1);
        if (source) sentenceFrames.push({ source, cue: spanOf(i, i + 1), content: contentAfter(i + 1, b), chunk: earlier?.chunk ?? spanOf(i, i + 1), at: i });
        continue;
      }

      // A second verb of the same subject: "Merrill says the talks failed and said she would resign".
      if (i > a + 1 && /^(and|but)$/.test(lowers[i - 1]) && SECOND_VERB.test(w)) {
        const earlier = sentenceFrames[0];
        const source = earlier?.source ?? subjectOfSentence(i - 1);
        const tail = tailKind(i + 1, b);
        if (source && (tail === 'that' || tail === 'clause' || tail === 'quote')) {
          // "said A but noted that B": the first statement ends before the conjunction.
          if (earlier && holdsToken(earlier, i)) endContent(earlier, i - 1);
          sentenceFrames.push({ source, cue: spanOf(i, i + 1), content: contentAfter(i + 1, b), chunk: earlier?.chunk ?? spanOf(i, i + 1), at: i });
          continue;
        }
      }

      // "X cited Y as saying ..." -> Y via X.
      if ((w === 'cited' || w === 'quoted') && i > a) {
        const as = lowers.indexOf('as', i + 1);
        if (as > i + 1 && as < b - 1 && lowers[as + 1] === 'saying') {
          const outer = chunkBefore(i, a);
          const outerSource = outer && resolveSource(ctx, spanOf(outer[0], outer[1]));
          const inner = resolveSource(ctx, spanOf(i + 1, as));
          if (inner && outerSource) {
            inner.via = [outerSource, ...(outerSource.via ?? [])];
            sentenceFrames.push({ source: inner, cue: spanOf(i, as + 2), content: contentAfter(as + 2, b), chunk: spanOf(i + 1, as), at: i });
            i = as + 1;
            continue;
          }
        }
      }

      // Subject before the cue: "X said (that) ...", "..., X said."
      const chunk = chunkBefore(i, a);
      if (chunk) {
        let source = resolveSource(ctx, spanOf(chunk[0], chunk[1]));
        if (source) {
          source = withSpan(source, chunk);
          // The statement can stand before the speaker only when a comma or quote separates them (not "Lee and Kim reported").
          const midSentence = chunk[0] > a && !(chunk[0] === a + 1 && isArtefact(a)) && !CLAUSE_WORDS.has(lowers[chunk[0] - 1]);
          const tail = tailKind(i + 1, b);
          const objectCue = OBJECT_CUES.has(w);
          // "..., the ministry said, while ...": the statement is what came before the speaker.
          const commaAfter = words[i + 1] === ',' && /^(while|but|although|though|whereas|as|even|and)$/.test(lowers[i + 2] ?? '');
          let content: Span | undefined;
          let fragments: Span[] | undefined;
          // An object cue's statement starts right after it ("urged that ..."); "dismissed concerns that ..." is not one.
          // "described the raid as illegal" characterises; "urged Cuba to act", "blamed the group" do not state anything.
          const thatNow = tail === 'that' && (!objectCue || lowers[i + 1] === 'that' || /^tel|^told$/.test(w));
          const characterises = /^describ/.test(w) && lowers.slice(i + 1, Math.min(b, i + 25)).includes('as');
          // "found the country was in breach": a clause without "that" is a finding too; "found the bodies" is not.
          if (THAT_ONLY_CUES.has(w) && !thatNow) content = tail === 'clause' && hasFiniteVerb(i + 1, b) ? contentAfter(i + 1, b) : undefined;
          else if (call) content = contentOf(i + 2, b, 1); // "called for calm"
          else if (characterise) {
            // The characterisation ends where the subject's next verb starts: "... a massacre" and demanded ...
            let e = i + 1;
            while (e < b && !((lowers[e] === 'and' || lowers[e] === 'but') && (CUE_VERBS.has(lowers[e + 1]) || /ed$/.test(lowers[e + 1] ?? '')))) e++;
            content = contentOf(i + 1, e);
          }
          // "..., with the UN reporting at least 85 deaths": the absolute clause's object is what was reported.
          else if (/ing$/.test(w) && lowers[chunk[0]] === 'with') content = contentOf(i + 1, b);
          else if (commaAfter && midSentence) content = undefined;
          // A parenthetical frame: "The strike, the official said, hit a school" - the statement is the
          // sentence around it, in two pieces.
          else if (midSentence && words[chunk[0] - 1] === ',' && words[commaAt(i + 1, b)] === ',' && tail === 'clause' && !quoteWithin(a, chunk[0]) && !quoteWithin(i + 2, b)) {
            const before = contentOf(a, chunk[0] - 1), after = contentOf(commaAt(i + 1, b) + 1, b);
            if (before && after) { content = { start: before.start, end: after.end }; fragments = [before, after]; }
          }
          else if (thatNow || tail === 'quote' || ((tail === 'clause' || tail === 'that') && (!objectCue || characterises || quoteWithin(i + 1, Math.min(b, i + 9))))) {
            content = contentAfter(i + 1, b);
            // "While O'Neill said X, the bureau posted ...": a frame in an opening subordinate clause says
            // only up to the comma where the main clause starts.
            if (content && chunk[0] === a + 1 && SUBORDINATOR.test(lowers[a])) content = contentOf(tokenAt(content.start), mainClauseAfter(tokenAt(content.start), b));
          }
          // What was urged, promised, charged or cited: "urged the council to act", "pledged to rebuild".
          else if (SPEECH_ACT_CUES.has(w) && (tail === 'infinitive' || tail === 'clause')) content = contentAfter(i + 1, b);
          // '..., the police said on Sunday.' / '..., a spokesman posted on Twitter.'
          if (!content && midSentence && (tail === 'adverbial' || tail === 'none' || commaAfter)) content = contentOf(a, chunk[0]);
          // "... before authorities confirmed the nature of the blast": an act told as a time, its object a
          // noun phrase - nothing is stated.
          if (content && /^(before|after|until|since|once|when)$/.test(lowers[chunk[0] - 1] ?? '') && !hasVerb(tokenAt(content.start), tokenAt(content.end - 1) + 1)) content = undefined;
          // A frame nested in an earlier one's content: "officials say Dzhokhar told them that ...".
          const outer = chunk[2] !== undefined ? sentenceFrames.find((f) => f.at === chunk[2]) : undefined;
          if (outer) source = { ...source, via: [outer.source, ...(outer.source.via ?? [])] };
          // Sentence-final frame around an inner frame: "... ministry described ..., SANA said." -> ministry via SANA.
          const inners = sentenceFrames.filter((f) => f.content && content && f.cue.start >= content.start && f.cue.end <= content.end);
          if (inners.length && midSentence && i + 2 >= b) {
            for (const inner of inners) {
              inner.source = { ...inner.source, via: [source, ...(source.via ?? [])] };
              // The inner content stops before ", SANA said".
              const comma = tokens[chunk[0] - 1];
              if (inner.content && comma && inner.content.end > comma.start) endContent(inner, chunk[0] - 1);
            }
            continue;
          }
          sentenceFrames.push({ source, cue: spanOf(i, call ? i + 2 : i + 1), content, ...(fragments ? { fragments } : {}), chunk: spanOf(chunk[0], chunk[1]), at: i });
          continue;
        }
      }
      if (call || characterise) continue;
      // Subject after the cue: '..., said a U.S. official on condition of anonymity.' / '"...," said Haddad.'
      if (!weak && i > a && (words[i - 1] === ',' || /^["”’']$/.test(words[i - 1]))) {
        // The speaker runs to a comma or the sentence end; a bracket is part of it ("Rep. Jane Doe (D-N.Y.)").
        const phraseEnd = (from: number): number => {
          let e = from;
          while (e < b && words[e] !== ',' && words[e] !== '.' && words[e] !== ';') e = words[e] === '(' ? closeBracket(e, b) : e + 1;
          return e;
        };
        let e = phraseEnd(i + 1);
        const first = words[i + 1] ?? '';
        if (e > i + 1 && (NP_START.test(first.toLowerCase()) || /^[\p{Lu}\p{N}]/u.test(first)) && !FINITE.test(first.toLowerCase())) {
          let source = resolveSource(ctx, spanOf(i + 1, e));
          // '"...," said the voice on the recording, said to be that of <name>, ...': the appositive names the speaker.
          if (words[e] === ',' && source?.kind !== 'named') {
            let f = e + 1;
            while (f < b && words[f] !== ',' && words[f] !== '.' && words[f] !== ';') f++;
            const named = f - e <= 10 ? personSource(ctx, spanOf(e + 1, f)) : undefined;
            if (named) source = named;
          }
          if (source) {
            // An appositive after the name belongs to the phrase: 'said Rep. Jane Doe, who chairs the panel.'
            let spanEnd = e;
            if (words[e] === ',' && (APPOSITIVE_START.has(lowers[e + 1] ?? '') || /^\p{Ll}/u.test(words[e + 1] ?? ''))) {
              const f = phraseEnd(e + 1);
              if (f - e <= 20 && f > e + 1) spanEnd = f;
            }
            if (source.kind !== 'named' || source.span === undefined || source.span.start >= tokens[i + 1].start) source = { ...source, span: spanOf(i + 1, spanEnd) };
            sentenceFrames.push({ source, cue: spanOf(i, i + 1), content: contentOf(a, i), chunk: spanOf(i + 1, e), at: i });
          }
        }
      }
    }
    while (nextLearned < learned.length && learned[nextLearned].cue < a) nextLearned++;
    for (; nextLearned < learned.length && learned[nextLearned].cue < b; nextLearned++) {
      const frame = learnedFrame(learned[nextLearned], sentenceFrames, models!, atoms!);
      if (frame) sentenceFrames.push(frame);
    }
    frames.push(...sentenceFrames);
  }

  /**
   * A learned attribution as a frame, where the rules found nothing there: its cue is not a rule's cue and
   * its content not a rule's content. The speaker is resolved by our own resolution from the phrase the
   * model points at; one the model finds no source for is left out.
   */
  function learnedFrame(found: LearnedCue, taken: Frame[], models: AttributionModels, atoms: Atoms): Frame | undefined {
    const cue = spanOf(found.cue, found.cue + 1);
    if (insideClosedQuote(cue.start)) return undefined;
    let ruled = false;
    // A rule's frame on the same cue decides, unless it found no statement there (then see below).
    for (const f of taken) if (f.cue.start < cue.end && f.cue.end > cue.start) { if (f.content) return undefined; ruled = true; }
    const l = readAttribution(doc, models, atoms, found.cue, found.prior);
    if (!l) return undefined;
    const content = spanOf(l.content[0], l.content[1]);
    for (const f of taken) {
      if (f.content) {
        const o = Math.min(f.content.end, content.end) - Math.max(f.content.start, content.start);
        if (o > 0.5 * Math.min(f.content.end - f.content.start, content.end - content.start)) return undefined;
      }
    }
    if (l.source < 0 || l.prior < LEARNED_PRIOR) return undefined;
    // Verbs the rules read as reports only in some frames ("urged the rebels to", "blamed the militia",
    // "called the police", "found the bodies") report a statement only as a clause, as the rules have it.
    const w = lowers[l.cue];
    const byFrame = OBJECT_CUES.has(w) || WEAK_CUES.has(w) || CALL_CUES.has(w) || CHARACTERISE_CUES.has(w) || THAT_ONLY_CUES.has(w);
    // A statement is a clause with its own subject, or quoted words: "expressed concern about the debt",
    // "approved a plan", "offered to stay" report acts or attitudes, not statements - unless the verb,
    // one the rules do not know, is nearly always a cue.
    const quoted = OPENING_MARK.test(words[l.content[0]]);
    const needsClause = byFrame || ruled || (!CUE_VERBS.has(w) && l.prior < CLAUSE_FREE_PRIOR);
    if (needsClause && !quoted && !clauseWithSubject(l.content[0], l.content[1])) return undefined;
    // Where a rule's frame found no statement ("before authorities confirmed the nature of the blast"), the
    // model's content must at least hold a verb.
    if (ruled && !quoted && !holdsVerb(l.content[0], l.content[1])) return undefined;
    let head = l.source;
    const syn = doc.syntax!;
    // The subject of a passive cue is what is told, not who tells it ("the veto is expected to fail");
    // a day or a time is when, not who ("exploded on Friday, injuring ...").
    if (syn.head[head] === l.cue && syn.deprel[head] === 'nsubj:pass') return undefined;
    if (TIME_WORD.test(lowers[head]) || MONTH.test(lowers[head]) || /:tmod$/.test(syn.deprel[head])) return undefined;
    // "the senator, who said ...": a relative pronoun speaks for the noun its clause hangs on; its own
    // span is kept, as a pronoun's is.
    let pronoun: Span | undefined;
    if (RELATIVE.has(lowers[head]) || lowers[head] === 'that') {
      let x = syn.head[head];
      for (let hops = 0; x >= 0 && syn.deprel[x] !== 'acl:relcl' && hops < 6; hops++) x = syn.head[x];
      if (x < 0 || syn.head[x] < 0 || !atoms.nominal[syn.head[x]]) return undefined;
      pronoun = spanOf(head, head + 1);
      head = syn.head[x];
    }
    const [p, q] = phraseOf(atoms, doc, head);
    // A phrase opened by a preposition is a circumstance, not a speaker ("in many cases", "to him").
    if (syn.upos[p] === 'ADP' || syn.upos[p] === 'SCONJ') return undefined;
    const phrase = spanOf(p, q);
    const resolved = resolveSource(ctx, phrase);
    if (!resolved && syn.upos[head] === 'PRON') return undefined;
    // The span is the phrase as written, relative clause and appositive included ("The envoy, who left the talks,").
    const [fp, fq] = phraseOf(atoms, doc, head, true, l.cue);
    const written = pronoun ?? spanOf(Math.min(p, fp), Math.max(q, fq));
    const raw = lowers.slice(p, q).join(' ');
    // A phrase our resolution does not know ("environmentalists", "the researchers") speaks as a role.
    const source: Source = !resolved ? { kind: 'named_role', name: text.slice(phrase.start, phrase.end), span: written } : /^(he|she)$/.test(raw) ? resolved : { ...resolved, span: written };
    return { source, cue, content, chunk: phrase, at: l.cue };
  }

  /** A verb or auxiliary among tokens [x, y), by the syntax layer's tags. */
  function holdsVerb(x: number, y: number): boolean {
    const upos = doc.syntax!.upos;
    for (let t = x; t < y; t++) if (upos[t] === 'VERB' || upos[t] === 'AUX') return true;
    return false;
  }

  /**
   * A finite clause among tokens [x, y): a verb with its subject, both inside, the verb not an infinitive
   * ("urged the rebels to lay down their arms" requests an act; the parser may take "rebels" as its subject).
   */
  function clauseWithSubject(x: number, y: number): boolean {
    const syn = doc.syntax!;
    for (let t = x; t < y; t++) {
      if (!/^(nsubj|nsubj:pass|expl|csubj)$/.test(syn.deprel[t])) continue;
      const hd = syn.head[t];
      if (hd < x || hd >= y) continue;
      let infinitive = false;
      for (let k = x; k < hd; k++) if (syn.head[k] === hd && syn.deprel[k] === 'mark' && lowers[k] === 'to') infinitive = true;
      if (!infinitive) return true;
    }
    return false;
  }

  /** The token holding an offset: the first one ending after it (the last token when none does). */
  function tokenAt(offset: number): number {
    return Math.min(lowerBound(tokens, offset + 1, (t) => t.end), tokens.length - 1);
  }

  /** The source keeps the whole phrase it was read from (title, appositive), except a pronoun, which keeps its own span. */
  function withSpan(source: Source, chunk: [number, number, number?, number?]): Source {
    const end = chunk[3] ?? chunk[1];
    const raw = lowers.slice(chunk[0], chunk[1]).join(' ');
    if (/^(he|she)$/.test(raw)) return source;
    return { ...source, span: spanOf(lowers[chunk[0]] === 'with' && chunk[0] + 1 < end ? chunk[0] + 1 : chunk[0], end) };
  }

  /** Whether a frame's content runs over token k (it started before it). */
  function holdsToken(f: Frame, k: number): boolean {
    return !!f.content && f.content.start < tokens[k].start && f.content.end > tokens[k].start;
  }

  /** Ends a frame's content before token k, its pieces with it. */
  function endContent(f: Frame, k: number): void {
    if (!f.content) return;
    f.content = contentOf(tokenAt(f.content.start), k) ?? f.content;
    const end = f.content.end;
    f.fragments = f.fragments?.filter((x) => x.start < end).map((x) => ({ start: x.start, end: Math.min(x.end, end) }));
    if (f.fragments && f.fragments.length < 2) f.fragments = undefined;
  }

  /** A noun phrase and then a second one or quoted words: "the strike a war crime", 'it "total nonsense"'. */
  function secondObject(k: number, b: number): boolean {
    if (k >= b || /^(for|on|off|up|in|out|back|to|by|at|from)$/.test(lowers[k])) return false;
    for (let j = k + 1; j < b && j < k + 8; j++) {
      if (/^(a|an)$/.test(lowers[j]) || OPENING_MARK.test(words[j])) return j > k;
      // "called half of the supporters 'deplorables'": "of" stays inside the noun phrase.
      if (BOUNDARY.has(words[j]) || /^[.;!?]$/.test(words[j]) || FINITE.test(lowers[j]) || (PREPOSITION.test(lowers[j]) && lowers[j] !== 'of') || CLAUSE_WORDS.has(lowers[j])) return false;
    }
    return false;
  }

  /** An auxiliary, copula or modal among tokens [k, b): what makes "the country was in breach" a clause. */
  function hasFiniteVerb(k: number, b: number): boolean {
    for (let j = k; j < b; j++) if (FINITE.test(lowers[j])) return true;
    return false;
  }

  /** Token j is an auxiliary, copula or modal, or a past form: it makes a clause of what holds it. */
  function finiteOrPast(j: number): boolean {
    return FINITE.test(lowers[j]) || IRREGULAR_PAST.test(lowers[j]) || (/ed$/.test(lowers[j]) && /^\p{Ll}/u.test(words[j]));
  }

  /** A finite verb, a past form or a reporting verb among tokens [k, b). */
  function hasVerb(k: number, b: number): boolean {
    for (let j = k; j < b; j++) if (finiteOrPast(j) || CUE_VERBS.has(lowers[j])) return true;
    return false;
  }

  /** The comma after which a main clause starts (a noun phrase, then a verb), or b. */
  function mainClauseAfter(k: number, b: number): number {
    for (let j = k + 1; j < b - 2; j++) {
      const next = lowers[j + 1];
      if (words[j] !== ',' || FINITE.test(next) || RELATIVE.has(next) || CLAUSE_WORDS.has(next) || /(ed|ing|ly)$/.test(next) || !/^\p{L}/u.test(next)) continue;
      for (let v = j + 2; v < b && v < j + 9 && words[v] !== ','; v++) if (finiteOrPast(v)) return j;
    }
    return b;
  }

  /** The comma closing a cue's adverbial tail ("said on Sunday, ..."), or k itself. */
  function commaAt(k: number, b: number): number {
    if (words[k] === ',' || !ADVERBIAL_START.test(lowers[k])) return k;
    for (let j = k + 1; j < b && j < k + 5; j++) {
      if (words[j] === ',') return j;
      if (FINITE.test(lowers[j]) || BOUNDARY.has(words[j])) break;
    }
    return k;
  }

  /** A quotation mark among tokens [k, b): 'described the raid as "a war crime"'. */
  function quoteWithin(k: number, b: number): boolean {
    if (k >= b) return false;
    const from = tokens[k].start, to = tokens[b - 1].end;
    for (let j = lowerBound(marks, from, (m) => m.open); j < marks.length && marks[j].open < to; j++) if (marks[j].close <= to + 1) return true;
    return false;
  }

  /** What follows a cue: a that-clause, a quote, a bare clause, an infinitive ("agreed to"), or only adverbials. */
  function tailKind(i: number, b: number): 'that' | 'quote' | 'clause' | 'infinitive' | 'adverbial' | 'none' {
    let k = i;
    if ((i > 0 && /^tel/.test(lowers[i - 1])) || lowers[i - 1] === 'told') k = pastListener(i, b);
    if (thatAfter(k, b) >= 0) return 'that';
    while (k < b && words[k] === ',') k++;
    if (k >= b || /^[.!?;]$/.test(words[k])) return 'none';
    if (/^[:"“]$/.test(words[k])) return 'quote';
    if (lowers[k] === 'to' && !/^tel|^told$/.test(lowers[i - 1])) return 'infinitive';
    if (ADVERBIAL_START.test(lowers[k])) {
      for (let j = k; j < b; j++) if (FINITE.test(lowers[j]) || (/ed$/.test(lowers[j]) && j > k + 1 && !/^(a|an|the)$/.test(lowers[j - 1]) && !/^\p{Lu}/u.test(words[j]))) return 'clause';
      return 'adverbial';
    }
    return 'clause';
  }

  /**
   * The speaker chunk ending right before token i: back to a clause boundary, skipping an appositive or relative clause.
   * Returns [start, end, cue token of an enclosing frame the chunk follows, end of the whole phrase with its appositive].
   */
  function chunkBefore(i: number, a: number): [number, number, number?, number?] | undefined {
    let end = i;
    // "Ruiz, the party's candidate in 2019, said" / "Okafor, who is backed by the council, has said".
    while (end > a && /^(has|have|had|was|were|is|are|also|later|then|again|previously|earlier|reportedly|would|will|could|had|did|does|do|not|never|recently|once|publicly|repeatedly|separately|further)$/.test(lowers[end - 1])) end--;
    const phraseEnd = words[end - 1] === ',' ? end - 1 : end;
    for (let hop = 0; hop < 3 && end > a && words[end - 1] === ','; hop++) {
      let k = end - 2;
      while (k > a && words[k] !== ',') k--;
      if (!(k > a && words[k] === ',')) return undefined;
      // Only skip what reads as an appositive or relative clause; a plain clause ends the search.
      const opener = lowers[k + 1];
      if (hop > 0 && !APPOSITIVE_START.has(opener) && !/^\p{Lu}/u.test(words[k + 1])) return undefined;
      end = k;
    }
    // A party or state in brackets after a name: "Gov. Andrew Cuomo (D) said", "Rep. Jane Doe (R-Ohio) said".
    end = skipBrackets(end, a);
    let start = end;
    let nestedIn: number | undefined;
    while (start > a && end - start < 16) {
      const k = start - 1;
      if (words[k] === ')') { const open = skipBrackets(start, a); if (open < start) { start = open; continue; } }
      // "security and medical officials said", "Lee and Kim reported": coordinated speakers.
      if ((lowers[k] === 'and' || lowers[k] === 'or') && k > a && start < end) {
        let j = k;
        while (j > a && k - j < 4 && !boundary(j - 1) && !CLAUSE_WORDS.has(lowers[j - 1])) j--;
        const conjunct = words.slice(j, k);
        const bounded = j === a || boundary(j - 1) || CLAUSE_WORDS.has(lowers[j - 1]) || isArtefact(j - 1);
        if (bounded && conjunct.length && (conjunct.every((x) => /^\p{Lu}/u.test(x)) || SPEAKER_NOUN.test(conjunct[conjunct.length - 1]))) { start = j; break; }
      }
      if (boundary(k) || (CLAUSE_WORDS.has(lowers[k]) && k > a) || isArtefact(k)) break;
      // "an announcement which insiders said was ...": an object relative clause; its subject speaks.
      if (RELATIVE.has(lowers[k]) && k + 1 < end && end - k <= 5 && /^(he|she|they|we|i|the|a|an|some|many|two|several|officials|sources|authorities|police|\p{Lu}.*|\p{Ll}+s)$/u.test(words[k + 1]) && !FINITE.test(lowers[k + 1]) && !CUE_VERBS.has(lowers[k + 1])) break;
      // A time of day ends the clause before the speaker: "... happened at about 9:15 p.m. officers said".
      if (/^(a\.m\.|p\.m\.|am|pm|GMT|UTC)$/.test(words[k]) && end - start >= 1) break;
      if (verbalCue(k, a)) { nestedIn = k; break; }
      start--;
    }
    if (start < end && isArtefact(start)) start++;
    if (start < end && CLAUSE_WORDS.has(lowers[start])) start++;
    // "Nouri Mahmoud, spokesman for the militia, said": the chunk found is the appositive; the name before it speaks.
    if (start - 1 > a && words[start - 1] === ',' && (/^\p{Ll}/u.test(words[start]) && !RELATIVE.has(lowers[start]) && !/^(he|she|they|it|we|i)$/.test(lowers[start]))) {
      let n = start - 1;
      while (n > a && /^(\p{Lu}[\p{L}.'’-]*|de|da|di|du|van|von|al|bin|ibn|abu|le|la)$/u.test(words[n - 1]) && start - 1 - n < 5) n--;
      const bounded = n === a || boundary(n - 1) || CLAUSE_WORDS.has(lowers[n - 1]) || isArtefact(n - 1);
      if (n < start - 1 && bounded && /^\p{Lu}/u.test(words[n]) && !CLAUSE_WORDS.has(lowers[n]) && mentionWithin(doc, tokens[n].start, tokens[start - 2].end, (x) => x.kind === 'person')) {
        return [n, start - 1, undefined, Math.max(end, phraseEnd)];
      }
    }
    // An object relative clause: "an announcement which insiders said was ...", "who authorities say ...".
    if (start < end - 1 && RELATIVE.has(lowers[start])) start++;
    // Cut a relative clause: "the U.S. official who spoke anonymously".
    for (let k = start; k < end; k++) if (RELATIVE.has(lowers[k])) { end = k; break; }
    // "A local official who spoke ... because he was not authorised ... said": the chunk is a subordinate
    // clause; the speaker is the noun phrase the relative clause hangs on.
    if (/^(he|she|they|it|we|i)$/.test(lowers[start]) && end - start > 1 || lowers.slice(start, end).some((w) => /^(was|were|is|are|had|has)$/.test(w))) {
      let r = a;
      while (r < start && !RELATIVE.has(lowers[r])) r++;
      if (r < start && r > a) { start = CLAUSE_WORDS.has(lowers[a]) ? a + 1 : a; if (isArtefact(start)) start++; end = r; }
    }
    // A chunk holding an inflected reporting verb is a clause, not a speaker ("Defence secretary dismisses").
    for (let k = start; k < end; k++) if (CUE_VERBS.has(words[k]) && !WEAK_CUES.has(words[k]) && /(ed|s|said|told|wrote|thought)$/.test(words[k]) && !nounUse(k, start)) return undefined;
    return end > start && end - start <= 14 ? [start, end, nestedIn, Math.max(end, phraseEnd)] : undefined;
  }

  /** Token index just past the ")" closing the "(" at k (k + 1 when none closes it nearby). */
  function closeBracket(k: number, b: number): number {
    for (let j = k + 1; j < b && j <= k + 8; j++) if (words[j] === ')') return j + 1;
    return k + 1;
  }

  /** Token index of the "(" matching a ")" right before token end (end itself when there is none nearby). */
  function skipBrackets(end: number, a: number): number {
    if (words[end - 1] !== ')') return end;
    for (let k = end - 2; k >= a && k >= end - 8; k--) if (words[k] === '(') return k;
    return end;
  }

  /**
   * Offset from i of the complementiser "that" of a cue: right after it or after a listener or an adverbial
   * ("told reporters on Sunday that"), not the relative pronoun of a clause already under way
   * ("said patients were treated for injuries that included ...").
   */
  function thatAfter(i: number, b: number): number {
    const thatAt = lowers.slice(i, Math.min(b, i + 9)).indexOf('that');
    if (thatAt < 0) return -1;
    for (let k = i; k < i + thatAt; k++) {
      // A past form counts as a verb unless the cue is followed by an adverbial ("said in a statement released Monday that").
      const verb = /ed$/.test(lowers[k]) && k > i && !/^(a|an|the)$/.test(lowers[k - 1]) && !ADVERBIAL_START.test(lowers[i]);
      if (CUE_VERBS.has(lowers[k]) || FINITE.test(lowers[k]) || verb) return -1;
    }
    return thatAt;
  }

  /** The token after the listener of "told" ("told reporters", "told a news conference"); an article after a listener opens the content. */
  function pastListener(i: number, b: number): number {
    // "told his radio audience on Monday, "..."": whatever stands before the comma or colon that opens a quote.
    for (let j = i + 1; j < b && j < i + 8; j++) {
      if ((words[j] === ',' || words[j] === ':') && OPENING_MARK.test(words[j + 1] ?? '')) return j + 1;
      if (BOUNDARY.has(words[j]) || FINITE.test(lowers[j]) || lowers[j] === 'that') break;
    }
    let k = i;
    while (k < b && k < i + 4 && TELL_OBJECTS.has(lowers[k]) && !(k > i && /^(a|an|the)$/.test(lowers[k]))) k++;
    return k;
  }

  /** Content after a cue: skip "that", the object of "told" and a leading colon. */
  function contentAfter(i: number, b: number): Span | undefined {
    const thatAt = thatAfter(i, b);
    if (thatAt >= 0) return contentOf(i + thatAt + 1, b);
    let k = i;
    // "told reporters ...", "told a news briefing ...": the listener is not the content.
    if (i > 0 && /^tel/.test(lowers[i - 1]) || lowers[i - 1] === 'told') k = pastListener(i, b);
    return contentOf(k, b);
  }

  /** For a participle cue without an earlier frame: the sentence's opening noun phrase. */
  function subjectOfSentence(i: number): Source | undefined {
    const s = tokens[i].sentence;
    let start = Math.max(firstTok[s], i - MAX_WINDOW);
    if (isArtefact(start)) start++;
    if (CLAUSE_WORDS.has(lowers[start])) start++;
    let end = start;
    while (end < i && !CUE_VERBS.has(lowers[end]) && !/ed$/.test(lowers[end]) && !FINITE.test(lowers[end]) && words[end] !== ',') end++;
    return end > start ? resolveSource(ctx, spanOf(start, end)) : undefined;
  }

  frames.push(...layoutFrames(doc, marks, ctx));
  doc.quotes = assemble(doc, frames, marks);
}

/** Whether a mention lies inside [start, end) and passes the test (mentions are in text order: a bisection finds the first). */
function mentionWithin(doc: Document, start: number, end: number, test: (m: Mention) => boolean): boolean {
  for (let i = lowerBound(doc.mentions, start, (m) => m.start); i < doc.mentions.length && doc.mentions[i].start < end; i++) {
    const m = doc.mentions[i];
    if (m.end <= end && test(m)) return true;
  }
  return false;
}

const LABEL = /^["“]?(\p{Lu}[\p{Lu}'’.-]+(?: \p{Lu}[\p{Lu}'’.-]+){0,2}):[ \t]+/u;
const NOT_A_SPEAKER = /^(UPDATE|UPDATED|WATCH|READ|READ MORE|MORE|EXCLUSIVE|BREAKING|NOTE|EDITOR'S NOTE|PHOTOS?|VIDEO|RELATED|SOURCE|SOURCES|CORRECTION|CLARIFICATION|WARNING|ALERT|LIVE|ANALYSIS|OPINION|Q|A)$/;

/**
 * Quotes attributed by layout rather than by a verb: a dash and a name after a quote ('"..." ― Ana Ruiz'), and
 * the speaker labels of an interview transcript ("SMITH: ..."), taken only when a label recurs.
 */
function layoutFrames(doc: Document, marks: QuoteMark[], ctx: SourceContext): Frame[] {
  const { text } = doc;
  const frames: Frame[] = [];
  /** Person entities by their name's last word, lower-cased (the first entity wins). */
  let bySurname: Map<string, Entity> | undefined;
  const named = (start: number, end: number): Source | undefined => {
    const span = { start, end };
    const source = resolveSource(ctx, span);
    if (source) return { ...source, span };
    const name = text.slice(start, end);
    const last = name.split(/\s+/).pop()!.toLowerCase();
    if (!bySurname) {
      bySurname = new Map();
      for (const e of doc.entities) {
        const key = e.name.toLowerCase().split(/\s+/).pop()!;
        if (e.kind === 'person' && !bySurname.has(key)) bySurname.set(key, e);
      }
    }
    const entity = bySurname.get(last);
    if (entity) return { kind: 'named', name: entity.name, entity: entity.id, span };
    return /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}\.?[\p{L}'’-]*){0,3}$/u.test(name) ? { kind: 'named', name, span } : undefined;
  };
  for (const m of marks) {
    const d = /^[ \t\u00a0,]*[―—–][ \t\u00a0]*/.exec(text.slice(m.close, m.close + 8));
    if (!d) continue;
    const from = m.close + d[0].length;
    // The name runs to a comma, a bracket, the line's end or a full stop that is not an initial's ("Julie A. Diaz").
    const n = /^\p{Lu}(?:[\p{L}\p{M}'’ -]|(?<=(?:^|[ \u00a0])\p{Lu})\.){1,60}?(?=[ \t\u00a0]*(?:[,;(\n]|$|(?<!(?:^|[ \u00a0])\p{Lu})\.))/u.exec(text.slice(from, from + 80));
    if (!n || /^\p{Lu}[\p{L}.'’-]*$/u.test(n[0]) && doc.mentions[lowerBound(doc.mentions, from, (x) => x.start)]?.start !== from) continue;
    const source = named(from, from + n[0].trimEnd().length);
    if (source) frames.push({ source, cue: { start: from - d[0].length + d[0].search(/[―—–]/), end: from - d[0].length + d[0].search(/[―—–]/) + 1 }, chunk: source.span!, owns: m });
  }
  // A headline led by its speaker: "UN envoy: Talks on the truce have stalled". Only a person or a body
  // speaks so; "Syria: Airstrike kills 12" is a place label.
  for (const [n, section] of doc.sections.entries()) {
    // A headline, or a first short line that stands as the title of an untyped text.
    const titleLine = n === 0 && section.end - section.start <= 200 && !text.slice(section.start, section.end).includes('\n');
    if (section.kind !== 'headline' && !titleLine) continue;
    const h = /^([^:\n]{2,60}?):[ \t]+(?=\S)/.exec(text.slice(section.start, section.end));
    if (!h || NOT_A_SPEAKER.test(h[1].trim())) continue;
    const span = { start: section.start, end: section.start + h[1].length };
    if (mentionWithin(doc, span.start, span.end, (m) => m.kind === 'place' || m.kind === 'nationality')) continue;
    const source = resolveSource(ctx, span) ?? named(span.start, span.end);
    if (!source || (source.kind === 'named' && !mentionWithin(doc, span.start, span.end, (m) => m.kind === 'person') && source.entity === undefined)) continue;
    let end = section.end;
    while (end > span.end && /[\s.]/.test(text[end - 1])) end--;
    const from = section.start + h[0].length;
    const m = marks.find((x) => x.open === from || x.start === from);
    frames.push({ source: { ...source, span }, cue: { start: span.end, end: span.end + 1 }, chunk: span, ...(m && m.close >= end - 1 ? { owns: m } : { content: { start: from, end } }) });
  }
  const found: [Section, string, number][] = [];
  for (const section of doc.sections) {
    const l = LABEL.exec(text.slice(section.start, Math.min(section.end, section.start + 40)));
    if (!l || NOT_A_SPEAKER.test(l[1])) continue;
    found.push([section, l[1], l[0].length]);
  }
  if (found.length < 2) return frames;
  const markAt = new Map<number, QuoteMark>();
  for (const m of marks) if (!markAt.has(m.open)) markAt.set(m.open, m);
  for (const [section, label, length] of found) {
    const start = section.start;
    const at = start + (/^["“]/.test(text[start]) ? 1 : 0);
    const source = named(at, at + label.length);
    if (!source) continue;
    const cue = { start: at + label.length, end: at + label.length + 1 };
    const m = markAt.get(start);
    let end = section.end;
    while (end > start + length && /[\s"”]/.test(text[end - 1])) end--;
    frames.push({ source, cue, chunk: source.span!, ...(m ? { owns: m } : { content: { start: start + length, end } }) });
  }
  return frames;
}

/** How far from its cue a frame may reach for a quote: a long paragraph's worth. */
const REACH = 1500;

/**
 * Frames claim adjacent direct quotes; reported content mostly made of a direct quote is not repeated.
 * Every search is windowed around the frame (binary search on sorted offsets), so a long page with
 * thousands of quotes stays linear.
 */
function assemble(doc: Document, frames: Frame[], marks: QuoteMark[]): Quote[] {
  const { text } = doc;
  const quotes: Quote[] = [];
  const owner = new Map<QuoteMark, Frame>();
  const sorted = [...marks].sort((x, y) => x.start - y.start);
  for (const f of frames) if (f.owns) owner.set(f.owns, f);
  for (const f of frames) {
    if (f.owns) continue;
    const from = lowerBound(sorted, Math.min(f.chunk.start, f.cue.start) - REACH, (m) => m.start);
    const until = Math.max(f.content?.end ?? 0, f.cue.end) + REACH;
    for (let k = from; k < sorted.length && sorted[k].start <= until; k++) {
      const m = sorted[k];
      if (owner.has(m)) continue;
      // A quote that ends right before the frame: '"...," Mattis said.' (only a comma and spaces between).
      // A quote closed by a full stop ends its sentence: the speaker of the next sentence did not say it.
      const before = m.close <= f.cue.start && m.close <= f.chunk.start && Math.min(f.chunk.start, f.cue.start) - m.close < 40 &&
        !/[.…]["”’'\s]*$/.test(text.slice(m.start, m.close)) &&
        /^[\s,]*$/.test(text.slice(m.close, Math.min(f.chunk.start, f.cue.start)).replace(/[”"']/g, ''));
      // A quote inside the frame's content or right after its cue: 'Mattis said: "No."'
      const inside = f.content && m.start >= f.content.start - 2 && m.end <= f.content.end + 2;
      // ... or after its listener: 'Limbaugh told his radio audience on Monday: "..."'.
      const gap = m.open >= f.cue.end && m.open - f.cue.end < 60 ? text.slice(f.cue.end, m.open) : undefined;
      const after = gap !== undefined && (/^[\s,:]*$/.test(gap) || (/^tel|^told$/i.test(text.slice(f.cue.start, f.cue.end)) && /^\s+[^".;:“”\n]{1,50}[,:]\s*$/.test(gap)));
      if (before || inside || after) owner.set(m, f);
      // '"...," Mattis told reporters at the Pentagon.': what follows the cue is not a statement.
      if (before && f.content && f.content.start >= f.cue.end) f.content = undefined;
    }
  }
  // Unclaimed quotes that open a sentence or paragraph, or continue one, belong to the speaker of the quote
  // before them when no new speaker opened a sentence since; else to the nearest speaker before them.
  const byCue = [...frames].sort((x, y) => x.cue.start - y.cue.start);
  const sentenceStarts = new Set(doc.sentences.map((x) => x.start));
  const opensSentence = (f: Frame) => sentenceStarts.has(f.chunk.start) || sentenceStarts.has(f.cue.start) || /^\W*(?:AD|ADVERTISEMENT|Advertisement)\s*$/.test(text.slice(sentenceStartBefore(f.chunk.start), f.chunk.start));
  function sentenceStartBefore(offset: number): number {
    const k = lowerBound(doc.sentences, offset + 1, (x) => x.start) - 1;
    return k >= 0 ? doc.sentences[k].start : 0;
  }
  // A quote that continues an earlier speaker names no speaker and no cue of its own: it keeps the
  // speaker (name, entity) without a span, which belongs to the quote that named them.
  const continuing = new Set<QuoteMark>();
  let previous: QuoteMark | undefined;
  for (const m of sorted) {
    if (!owner.has(m) && (m.opensSection || m.continued || sentenceStarts.has(m.open))) {
      const k = lowerBound(byCue, m.start, (f) => f.cue.start) - 1;
      let last = k >= 0 ? byCue[k] : undefined;
      const prior = previous && owner.get(previous);
      let near = last !== undefined && m.start - last.cue.end < REACH;
      if (prior && previous && m.start - previous.close < REACH) {
        let j = k;
        while (j >= 0 && byCue[j].cue.start > previous.close && !opensSentence(byCue[j])) j--;
        if (j < 0 || byCue[j].cue.start <= previous.close) { last = prior; near = true; }
      }
      if (last && near) { owner.set(m, last); continuing.add(m); }
    }
    previous = m;
  }
  for (const m of sorted) {
    const f = owner.get(m);
    if (!f) continue;
    if (continuing.has(m)) {
      const { span: _named, ...speaker } = f.source;
      quotes.push({ start: m.start, end: m.end, text: text.slice(m.start, m.end), direct: true, source: speaker, cue: { ...f.cue, text: text.slice(f.cue.start, f.cue.end) } });
      continue;
    }
    quotes.push({ start: m.start, end: m.end, text: text.slice(m.start, m.end), direct: true, source: f.source, cue: { ...f.cue, text: text.slice(f.cue.start, f.cue.end) } });
  }
  const reported: Quote[] = [];
  for (const f of frames) {
    if (!f.content) continue;
    const { start, end } = f.content;
    let covered = 0;
    for (let k = lowerBound(quotes, start - REACH, (q) => q.start); k < quotes.length && quotes[k].start < end; k++) {
      covered += Math.max(0, Math.min(end, quotes[k].end) - Math.max(start, quotes[k].start));
    }
    if (covered >= 0.6 * (end - start)) continue;
    reported.push({ start, end, text: text.slice(start, end), direct: false, source: f.source, ...(f.fragments ? { fragments: f.fragments } : {}), cue: { ...f.cue, text: text.slice(f.cue.start, f.cue.end) } });
  }
  // Words quoted inside a reported statement of the same speaker ('described it as "perplexing"') are part of that statement.
  const same = (x: Source, y: Source) => x === y || (x.name === y.name && x.entity === y.entity);
  // One record per statement: the reported statement carries the words it quotes.
  // A statement that quotes several separate phrases ('insisted that strikes are "precise" and spare "civilians"')
  // keeps the later ones as direct quotes of their own: each is a quotation the reader may look for.
  // Both lookups are bisections over lists in text order, so a page of thousands of statements stays linear.
  const byStart = reported.map((r, k) => [r, k] as const).sort((x, y) => x[0].start - y[0].start || x[1] - y[1]);
  const longest = reported.reduce((n, r) => Math.max(n, r.end - r.start), 0);
  const kept = quotes.filter((q) => {
    // The first reported statement (in frame order) of the same speaker that holds the quote.
    let r: Quote | undefined, first = Infinity;
    for (let k = lowerBound(byStart, q.end - longest, (x) => x[0].start); k < byStart.length && byStart[k][0].start <= q.start; k++) {
      const [x, order] = byStart[k];
      if (order < first && x.end >= q.end && same(x.source, q.source)) { r = x; first = order; }
    }
    if (!r) return true;
    for (let k = lowerBound(quotes, r.start, (o) => o.start); k < quotes.length && quotes[k].start < q.start; k++) if (quotes[k] !== q && quotes[k].end <= r.end) return true;
    return false;
  });
  return [...kept, ...reported].sort((x, y) => x.start - y.start);
}
