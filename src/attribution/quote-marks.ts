// Direct quotation marks, section by section. Curly quotes pair by direction; straight quotes toggle.
// A quote left open at the end of a paragraph continues when the next paragraph opens with a quote mark
// (the newswire convention for multi-paragraph quotes). Two apostrophes ('') stand for a straight double
// quote (a house style of some newspapers' plain-text archives).
import type { Document } from '../model/document.ts';

export interface QuoteMark {
  /** Offset of the opening mark and just past the closing one (or the section end). */
  open: number;
  close: number;
  /** The quoted words, without the marks. */
  start: number;
  end: number;
  /** The quote opens its paragraph. */
  opensSection: boolean;
  /** The quote continues one left open in the previous paragraph. */
  continued: boolean;
}

export function findQuoteMarks(doc: Document): QuoteMark[] {
  const { text } = doc;
  const marks: QuoteMark[] = [];
  let leftOpen = false;
  for (const section of doc.sections) {
    let openAt = -1;
    let openWidth = 1;
    let straight = false;
    let doubled = false;
    const opensWithQuote = text[section.start] === '“' || text[section.start] === '"' || text.startsWith("''", section.start);
    const continued = leftOpen && opensWithQuote;
    leftOpen = false;
    let first = true;
    for (let i = section.start; i < section.end; i++) {
      const c = text[i];
      const pair = c === "'" && text[i + 1] === "'";
      // A closing mark typed where an opening one belongs: '”Fear. I am afraid ...”' opens its paragraph.
      const misturned = c === '”' && i === section.start && /\p{L}/u.test(text[i + 1] ?? '');
      if (openAt < 0 && (c === '“' || c === '"' || pair || misturned)) {
        openAt = i;
        straight = c === '"';
        doubled = pair;
        openWidth = pair ? 2 : 1;
        if (pair) i++;
      } else if (openAt >= 0 && ((straight && c === '"') || (doubled && pair) || (!straight && !doubled && c === '”'))) {
        push(openAt, i + (pair ? 2 : 1), i, first && continued);
        openAt = -1;
        first = false;
        if (pair) i++;
      }
    }
    if (openAt >= 0) {
      // Unclosed: runs to the end of the paragraph and may continue in the next.
      push(openAt, section.end, section.end, first && continued);
      leftOpen = true;
    }
    function push(open: number, close: number, contentEnd: number, isContinuation: boolean) {
      let start = open + openWidth;
      let end = contentEnd;
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /[\s,]/.test(text[end - 1])) end--;
      if (end - start < 2) return;
      marks.push({ open, close, start, end, opensSection: open === section.start, continued: isContinuation });
    }
  }
  return marks;
}
