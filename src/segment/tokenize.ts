// Tokens with offsets. One regex pass per section; the few decisions a regex cannot make
// (abbreviation periods, possessive 's) are made on the match, not by re-scanning the text.
import type { Span, Token, TokenKind } from '../model/document.ts';
import { FINAL_ABBREVIATIONS, NON_FINAL_ABBREVIATIONS } from './abbreviations.ts';

// Order matters: dotted acronyms ("U.S.", "a.m.") before numbers before words before any other char.
const TOKEN_RE =
  /(?:\p{L}\.){2,}(?!\p{L})|\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?(?![\p{L}\d])|\d+|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)*|\S/gu;

const PUNCT = new Set(['.', ',', ';', ':', '!', '?', '"', "'", '“', '”', '‘', '’', '(', ')', '[', ']', '{', '}', '-', '–', '—', '…', '/']);

export interface RawToken extends Span {
  kind: TokenKind;
}

function kindOf(first: string): TokenKind {
  if (first >= '0' && first <= '9') return 'number';
  if (PUNCT.has(first)) return 'punct';
  return /\p{L}/u.test(first) ? 'word' : 'symbol';
}

/** True when the word before a '.' keeps the period as part of itself ("Sen.", "Feb.", "J."). */
export function takesPeriod(word: string): boolean {
  if (word.length === 1) return word >= 'A' && word <= 'Z';
  const lower = word.toLowerCase();
  return NON_FINAL_ABBREVIATIONS.has(lower) || FINAL_ABBREVIATIONS.has(lower);
}

/** Tokenise `text` between `start` and `end`, appending to `out`. */
export function tokenizeRange(text: string, start: number, end: number, out: RawToken[]): void {
  TOKEN_RE.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const s = m.index;
    if (s >= end) break;
    let e = Math.min(s + m[0].length, end);
    const kind = kindOf(m[0][0]);
    if (kind === 'word') {
      // Possessive "'s" is its own token (as in the CoNLL data our tagger learns from).
      const last2 = text.slice(e - 2, e);
      if (e - s > 2 && (last2 === "'s" || last2 === '’s' || last2 === "'S")) {
        out.push({ start: s, end: e - 2, kind });
        out.push({ start: e - 2, end: e, kind: 'word' });
        continue;
      }
      if (text.charCodeAt(e) === 46 /* . */ && e < end && takesPeriod(text.slice(s, e))) {
        e += 1;
        TOKEN_RE.lastIndex = e;
      }
    }
    out.push({ start: s, end: e, kind });
  }
}
