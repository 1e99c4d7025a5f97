// Sentence boundaries over tokens. A sentence never crosses a section (paragraph, caption) or a line break.
import { FINAL_ABBREVIATIONS, SENTENCE_STARTERS } from './abbreviations.ts';
import type { RawToken } from './tokenize.ts';

const TERMINAL = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']']);

function isUpperStart(text: string, tok: RawToken): boolean {
  const c = text[tok.start];
  return c !== c.toLowerCase() || (c >= '0' && c <= '9');
}

function opensNewSentence(text: string, next: RawToken): boolean {
  const c = text[next.start];
  if (c === '"' || c === '“' || c === '‘' || c === "'" || c === '(' || c === '[') return true;
  return isUpperStart(text, next);
}

/**
 * Returns, for tokens[from..to), the index just past the last token of each sentence.
 * Decisions: a terminal mark followed by a capitalised word, digit or opening quote ends a sentence;
 * an abbreviation such as "U.S." or "Inc." ends one only when a typical sentence starter follows.
 */
export function sentenceEnds(text: string, tokens: RawToken[], from: number, to: number): number[] {
  const ends: number[] = [];
  for (let i = from; i < to; i++) {
    const tok = tokens[i];
    const next = i + 1 < to ? tokens[i + 1] : undefined;
    if (!next) break;
    // A line break inside a section (a headline over a dateline, a list) always ends a sentence.
    if (text.indexOf('\n', tok.end) !== -1 && text.indexOf('\n', tok.end) < next.start) {
      ends.push(i + 1);
      continue;
    }
    const surface = text.slice(tok.start, tok.end);
    let boundary = false;
    if (surface.length === 1 && TERMINAL.has(surface)) {
      // A full stop with a letter right after it sits inside an abbreviation ("D-N.Y.", "S.C."), not at an end.
      if (surface === '.' && next.start === tok.end && /^\p{Lu}\.?$/u.test(text.slice(next.start, next.end))) continue;
      // Swallow closing quotes and brackets into the sentence they close.
      let j = i + 1;
      while (j < to && CLOSERS.has(text.slice(tokens[j].start, tokens[j].end)) && tokens[j].start === tokens[j - 1].end) j++;
      if (j >= to) break;
      if (opensNewSentence(text, tokens[j])) {
        ends.push(j);
        i = j - 1;
      }
      continue;
    } else if (surface.length > 1 && surface.endsWith('.')) {
      const bare = surface.slice(0, -1).toLowerCase();
      const acronym = bare.includes('.');
      if ((acronym || FINAL_ABBREVIATIONS.has(bare)) && next.kind === 'word') {
        const nextWord = text.slice(next.start, next.end).toLowerCase();
        boundary = isUpperStart(text, next) && SENTENCE_STARTERS.has(nextWord);
      }
    }
    if (boundary) ends.push(i + 1);
  }
  ends.push(to);
  return ends;
}
