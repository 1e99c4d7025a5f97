// Attribution stage: direct quotes and reported speech, each with its source.
// 1. Quote marks give direct quotes (paragraph-spanning quotes continue when the next paragraph
//    reopens the quote). 2. Reporting frames per sentence ("X said (that) ...", "..., X said",
//    "..., said X", "according to X", "X cited Y as saying") give a speaker chunk, a cue and a content
//    span. 3. Chunks resolve to sources (entity, pronoun, anonymous, media, role, chain).
// 4. Frames claim the direct quotes next to them; unclaimed quotes inherit the previous speaker when
//    they open a paragraph. Fills doc.quotes.
import type { Document, Span } from '../model/document.ts';
import type { Quote } from '../model/quote.ts';
import type { Source } from '../model/source.ts';
import { CUE_VERBS, PARTICIPLE_CUES, WEAK_CUES } from './cues.ts';
import { findQuoteMarks, type QuoteMark } from './quote-marks.ts';
import { resolveSource, type SourceContext } from './sources.ts';

interface Frame {
  source: Source;
  cue: Span;
  /** Reported content (may be empty when the frame only attributes an adjacent direct quote). */
  content?: Span;
  /** Where the speaker chunk sits relative to the cue, to find the quote it attributes. */
  chunk: Span;
}

const BOUNDARY = new Set([',', ';', ':', '"', '“', '”', '(', ')', '—', '–']);
const CLAUSE_WORDS = new Set(['and', 'but', 'while', 'as', 'because', 'although', 'though', 'after', 'before', 'when', 'where', 'that', 'if', 'since', 'so', 'than', 'or']);
const TELL_OBJECTS = new Set(['reporters', 'journalists', 'lawmakers', 'a', 'an', 'the', 'news', 'briefing', 'conference', 'press', 'parliament', 'congress', 'told', 'us', 'him', 'her', 'them', 'me', 'viewers', 'listeners', 'supporters', 'crowd']);
const RELATIVE = new Set(['who', 'which', 'whose', 'whom']);
const NOT_BEFORE_VERB = new Set(['the', 'a', 'an', 'of', 'amid', 'these', 'those', 'such', 'any', 'no', 'their', 'his', 'her', 'its', 'our', 'my', 'your', 'new', 'recent', 'media', 'press', 'unconfirmed', 'growing', 'to', 'for', 'by', 'with', 'without', 'despite', 'following', 'after', 'on', 'in', 'earlier', 'initial', 'first', 'conflicting', 'widespread']);
/** An appositive between commas: "Kaine, Hillary Clinton's running mate, said" / ", who ...". */
const APPOSITIVE_START = new Set(['a', 'an', 'the', 'who', 'which', 'whose', 'his', 'her', 'its', 'their', 'also', 'himself', 'herself']);

export function attributeQuotes(doc: Document): void {
  const { text, tokens, sentences } = doc;
  const marks = findQuoteMarks(doc);
  const ctx: SourceContext = { doc, lastPerson: undefined, anonymous: new Map() };
  const frames: Frame[] = [];
  const words = tokens.map((t) => text.slice(t.start, t.end));
  const lowers = words.map((w) => w.toLowerCase());

  // Token range of each sentence.
  const firstTok: number[] = new Array(sentences.length).fill(-1);
  const endTok: number[] = new Array(sentences.length).fill(-1);
  tokens.forEach((t, i) => {
    if (firstTok[t.sentence] < 0) firstTok[t.sentence] = i;
    endTok[t.sentence] = i + 1;
  });

  const spanOf = (a: number, b: number): Span => ({ start: tokens[a].start, end: tokens[b - 1].end });
  /** Content from token a to b, without trailing punctuation. */
  const contentOf = (a: number, b: number): Span | undefined => {
    while (b > a && /^[.,;:!?]$/.test(words[b - 1])) b--;
    while (a < b && /^[,;:]$/.test(words[a])) a++;
    return b - a >= 2 ? spanOf(a, b) : undefined;
  };

  for (let s = 0; s < sentences.length; s++) {
    const a = firstTok[s];
    const b = endTok[s];
    if (a < 0) continue;
    const sentenceFrames: Frame[] = [];
    for (let i = a; i < b; i++) {
      const w = lowers[i];
      // "according to X"
      if (w === 'according' && lowers[i + 1] === 'to' && i + 2 < b) {
        let e = i + 2;
        while (e < b && !BOUNDARY.has(words[e]) && words[e] !== '.') e++;
        const source = resolveSource(ctx, spanOf(i + 2, e));
        if (!source) continue;
        const content = i === a ? contentOf(e, b) : contentOf(a, i);
        sentenceFrames.push({ source, cue: spanOf(i, i + 2), content, chunk: spanOf(i + 2, e) });
        i = e;
        continue;
      }
      if (!CUE_VERBS.has(w)) continue;
      // "amid reports of", "the alleged use", "such claims": a noun or adjective, not a reporting verb.
      if (i > a && NOT_BEFORE_VERB.has(lowers[i - 1])) continue;
      const weak = WEAK_CUES.has(w);

      // Participles continue the speaker of the sentence's earlier frame: "disputed the toll, saying ...".
      if (PARTICIPLE_CUES.has(w) && i > a && words[i - 1] === ',') {
        const earlier = sentenceFrames[sentenceFrames.length - 1];
        const source = earlier?.source ?? subjectOfSentence(i);
        if (source) sentenceFrames.push({ source, cue: spanOf(i, i + 1), content: contentAfter(i + 1, b), chunk: earlier?.chunk ?? spanOf(i, i + 1) });
        continue;
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
            sentenceFrames.push({ source: inner, cue: spanOf(i, as + 2), content: contentAfter(as + 2, b), chunk: spanOf(i + 1, as) });
            i = as + 1;
            continue;
          }
        }
      }

      // Subject before the cue: "X said (that) ...", "..., X said."
      const chunk = chunkBefore(i, a);
      if (chunk) {
        const source = resolveSource(ctx, spanOf(chunk[0], chunk[1]));
        if (source) {
          // "..., the ministry said, while ...": the statement is what came before the speaker.
          const commaAfter = words[i + 1] === ',' && /^(while|but|although|though|whereas|as|even)$/.test(lowers[i + 2] ?? '');
          let content = commaAfter && chunk[0] > a ? undefined : contentAfter(i + 1, b);
          if (!content && chunk[0] > a) content = contentOf(a, chunk[0]);
          // Sentence-final frame around an inner frame: "... ministry described ..., SANA said." -> ministry via SANA.
          const inner = sentenceFrames.find((f) => f.content && content && f.cue.start >= content.start && f.cue.end <= content.end);
          if (inner && chunk[0] > a && i + 2 >= b) {
            inner.source.via = [source, ...(source.via ?? [])];
            // The inner content stops before ", SANA said".
            const comma = tokens[chunk[0] - 1];
            if (inner.content && comma && inner.content.end > comma.start) inner.content = contentOf(tokenAt(inner.content.start), chunk[0] - 1) ?? inner.content;
            continue;
          }
          sentenceFrames.push({ source, cue: spanOf(i, i + 1), content, chunk: spanOf(chunk[0], chunk[1]) });
          continue;
        }
      }
      // Subject after the cue: '..., said a U.S. official on condition of anonymity.' / '"...," said Haddad.'
      if (!weak && i > a && (words[i - 1] === ',' || /^["”’]$/.test(words[i - 1]))) {
        let e = i + 1;
        while (e < b && words[e] !== ',' && words[e] !== '.' && words[e] !== ';') e++;
        if (e > i + 1) {
          const source = resolveSource(ctx, spanOf(i + 1, e));
          if (source) sentenceFrames.push({ source, cue: spanOf(i, i + 1), content: contentOf(a, i), chunk: spanOf(i + 1, e) });
        }
      }
    }
    frames.push(...sentenceFrames);
  }

  function tokenAt(offset: number): number {
    let lo = 0, hi = tokens.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].end <= offset) lo = mid + 1; else hi = mid; }
    return lo;
  }

  /** The speaker chunk ending right before token i: back to a clause boundary, skipping an appositive or relative clause. */
  function chunkBefore(i: number, a: number): [number, number] | undefined {
    let end = i;
    // "Kaine, Hillary Clinton's running mate in 2016, said" / "Assad, who is supported by Russia, has said".
    while (end > a && /^(has|have|had|was|were|is|are|also|later|then|again|previously|earlier|reportedly|would|will|could|had|did|does|do|not|never|recently|once)$/.test(lowers[end - 1])) end--;
    for (let hop = 0; hop < 3 && end > a && words[end - 1] === ','; hop++) {
      let k = end - 2;
      while (k > a && words[k] !== ',') k--;
      if (!(k > a && words[k] === ',')) return undefined;
      // Only skip what reads as an appositive or relative clause; a plain clause ends the search.
      const opener = lowers[k + 1];
      if (hop > 0 && !APPOSITIVE_START.has(opener) && !/^\p{Lu}/u.test(words[k + 1])) return undefined;
      end = k;
    }
    let start = end;
    while (start > a && !BOUNDARY.has(words[start - 1]) && !(CLAUSE_WORDS.has(lowers[start - 1]) && start - 1 > a) && end - start < 14) start--;
    if (start < end && CLAUSE_WORDS.has(lowers[start])) start++;
    // Cut a relative clause: "the U.S. official who spoke anonymously".
    for (let k = start; k < end; k++) if (RELATIVE.has(lowers[k])) { end = k; break; }
    // "A local official who spoke ... because he was not authorised ... said": the chunk is a subordinate
    // clause; the speaker is the noun phrase the relative clause hangs on.
    if (/^(he|she|they|it|we|i)$/.test(lowers[start]) && end - start > 1 || lowers.slice(start, end).some((w) => /^(was|were|is|are|had|has)$/.test(w))) {
      let r = a;
      while (r < start && !RELATIVE.has(lowers[r])) r++;
      if (r < start && r > a) { start = CLAUSE_WORDS.has(lowers[a]) ? a + 1 : a; end = r; }
    }
    // A chunk holding an inflected reporting verb is a clause, not a speaker ("Defence secretary dismisses").
    for (let k = start; k < end; k++) if (CUE_VERBS.has(words[k]) && !WEAK_CUES.has(words[k]) && /(ed|s|said|told|wrote|thought)$/.test(words[k])) return undefined;
    return end > start && end - start <= 12 ? [start, end] : undefined;
  }

  /** Content after a cue: skip "that", the object of "told" and a leading colon. */
  function contentAfter(i: number, b: number): Span | undefined {
    const thatAt = lowers.slice(i, Math.min(b, i + 9)).indexOf('that');
    if (thatAt >= 0 && lowers.slice(i, i + thatAt).every((w) => !CUE_VERBS.has(w))) return contentOf(i + thatAt + 1, b);
    let k = i;
    // "told reporters ...", "told a news briefing ...": the listener is not the content.
    if (i > 0 && /^tel/.test(lowers[i - 1]) || lowers[i - 1] === 'told') while (k < b && k < i + 4 && TELL_OBJECTS.has(lowers[k])) k++;
    return contentOf(k, b);
  }

  /** For a participle cue without an earlier frame: the sentence's opening noun phrase. */
  function subjectOfSentence(i: number): Source | undefined {
    const s = tokens[i].sentence;
    let start = firstTok[s];
    if (CLAUSE_WORDS.has(lowers[start])) start++;
    let end = start;
    while (end < i && !CUE_VERBS.has(lowers[end]) && !/ed$/.test(lowers[end]) && words[end] !== ',') end++;
    return end > start ? resolveSource(ctx, spanOf(start, end)) : undefined;
  }

  doc.quotes = assemble(doc, frames, marks);
}

/** Index of the first element whose key is >= value (arrays sorted by key). */
function lowerBound<T>(list: T[], value: number, key: (x: T) => number): number {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (key(list[mid]) < value) lo = mid + 1; else hi = mid; }
  return lo;
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
  for (const f of frames) {
    const from = lowerBound(sorted, Math.min(f.chunk.start, f.cue.start) - REACH, (m) => m.start);
    const until = Math.max(f.content?.end ?? 0, f.cue.end) + REACH;
    for (let k = from; k < sorted.length && sorted[k].start <= until; k++) {
      const m = sorted[k];
      if (owner.has(m)) continue;
      // A quote that ends right before the frame: '"...," Mattis said.' (only a comma and spaces between).
      const before = m.close <= f.cue.start && m.close <= f.chunk.start && Math.min(f.chunk.start, f.cue.start) - m.close < 40 &&
        /^[\s,]*$/.test(text.slice(m.close, Math.min(f.chunk.start, f.cue.start)).replace(/[”"]/g, ''));
      // A quote inside the frame's content or right after its cue: 'Mattis said: "No."'
      const inside = f.content && m.start >= f.content.start - 2 && m.end <= f.content.end + 2;
      const after = m.open >= f.cue.end && m.open - f.cue.end < 40 && /^[\s,:]*$/.test(text.slice(f.cue.end, m.open));
      if (before || inside || after) owner.set(m, f);
      // '"...," Mattis told reporters at the Pentagon.': what follows the cue is not a statement.
      if (before && f.content && f.content.start >= f.cue.end) f.content = undefined;
    }
  }
  // Unclaimed quotes that open a sentence or paragraph, or continue one, belong to the nearest speaker before them.
  const byCue = [...frames].sort((x, y) => x.cue.start - y.cue.start);
  const sentenceStarts = new Set(doc.sentences.map((x) => x.start));
  for (const m of sorted) {
    if (owner.has(m) || !(m.opensSection || m.continued || sentenceStarts.has(m.open))) continue;
    const k = lowerBound(byCue, m.start, (f) => f.cue.start) - 1;
    const last = k >= 0 ? byCue[k] : undefined;
    if (last && m.start - last.cue.end < REACH) owner.set(m, last);
  }
  for (const m of sorted) {
    const f = owner.get(m);
    if (!f) continue;
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
    reported.push({ start, end, text: text.slice(start, end), direct: false, source: f.source, cue: { ...f.cue, text: text.slice(f.cue.start, f.cue.end) } });
  }
  // A word or two quoted inside a reported statement ('described it as "perplexing"') is part of that statement.
  const kept = quotes.filter((q) => q.text.split(/\s+/).length >= 4 || !reported.some((r) => r.source === q.source && r.start <= q.start && r.end >= q.end));
  return [...kept, ...reported].sort((x, y) => x.start - y.start);
}
