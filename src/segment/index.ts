// Segmentation stage: sections -> sentences -> tokens, all as offsets into the document text.
import type { Document, Section, Sentence, Token } from '../model/document.ts';
import { sentenceEnds } from './sentences.ts';
import { tokenizeRange, type RawToken } from './tokenize.ts';

/** Paragraphs (runs of non-blank lines) as body sections, for documents that arrive without sections. */
export function paragraphSections(text: string): Section[] {
  const sections: Section[] = [];
  const re = /[^\n]+(?:\n[ \t]*[^\s][^\n]*)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) sections.push({ start, end, kind: 'body' });
  }
  return sections;
}

export function segment(doc: Document): void {
  if (doc.sections.length === 0) doc.sections = paragraphSections(doc.text);
  const raw: RawToken[] = [];
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  doc.sections.forEach((section, sectionIndex) => {
    const from = raw.length;
    tokenizeRange(doc.text, section.start, section.end, raw);
    const to = raw.length;
    if (to === from) return;
    let first = from;
    for (const end of sentenceEnds(doc.text, raw, from, to)) {
      if (end <= first) continue;
      const sentenceIndex = sentences.length;
      sentences.push({ start: raw[first].start, end: raw[end - 1].end, section: sectionIndex });
      for (let k = first; k < end; k++) tokens.push({ start: raw[k].start, end: raw[k].end, kind: raw[k].kind, sentence: sentenceIndex });
      first = end;
    }
  });
  doc.sentences = sentences;
  doc.tokens = tokens;
}
