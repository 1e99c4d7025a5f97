// Plain text -> Document. Sections come from layout alone: blank-line paragraphs, a headline line,
// bylines, datelines, and photo captions with their credits (which must not read as reporting).
import type { Document, DocumentMeta, Section, SectionKind } from '../model/document.ts';
import { createDocument } from '../model/create.ts';
import { publishedFromText } from './metadata.ts';
import { checkTextLength, InputError, normaliseText } from './normalise.ts';

type TextMeta = Partial<DocumentMeta> & { origin: string };

// A trailing "(SANA via Associated Press)", "(AP Photo/Jane Doe)", "(Photo: Reuters)" closes a caption.
const TRAILING_CREDIT = /\((?:[^()\n]{1,60} via [^()\n]{1,60}|(?:AP |AFP |Reuters )?(?:Photo|Image|Picture|Credit)s?\b[^()\n]{0,80}|[^()\n]{1,40}\/(?:Getty Images|AFP|AP|Reuters|EPA)[^()\n]{0,30})\)$/;
const CREDIT_LINE = /^(?:(?:Photo|Image|Picture|Credit)s?(?: by)?\s*[:/]|©|\(.{1,80}\)$)/i;
const BYLINE = /^By [A-Z][\p{L}.'’-]+(?: [A-Z\p{Lu}][\p{L}.'’-]+){0,4}(?:,? (?:and|&) [A-Z][\p{L}.'’-]+(?: [A-Z][\p{L}.'’-]+){0,4})*(?:,[^\n]{0,60})?$/u;
// "BEIRUT (Reuters) - ", "KABUL, Afghanistan — ", "WASHINGTON (AP) — ".
const DATELINE = /^[A-Z][A-Z .'-]{2,40}(?:, [A-Z][\p{L} .'-]{1,40})?(?: \([A-Za-z .]{2,40}\))? ?[-—–]{1,2} /u;
const PUBLISHED_LINE = /^(?:published|posted|updated|date|first published)\b/i;

function isHeadlineLike(line: string): boolean {
  return line.length > 0 && line.length <= 200 && !line.includes('\n') && !/[.:;,]$/.test(line) && !/^["“]/.test(line);
}

/** Split normalised text into sections by layout. */
export function plainTextSections(text: string): Section[] {
  const sections: Section[] = [];
  const blocks: { start: number; end: number }[] = [];
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) blocks.push({ start: m.index, end: m.index + m[0].length });

  const push = (start: number, end: number, kind: SectionKind) => {
    while (start < end && text[start] === ' ') start++;
    while (end > start && text[end - 1] === ' ') end--;
    if (end > start) sections.push({ start, end, kind });
  };

  blocks.forEach((b, i) => {
    const s = text.slice(b.start, b.end);
    if (i === 0 && isHeadlineLike(s) && blocks.length > 1) return push(b.start, b.end, 'headline');
    if (BYLINE.test(s) && i < 4) return push(b.start, b.end, 'byline');
    if (PUBLISHED_LINE.test(s) && s.length < 80 && i < 5) return push(b.start, b.end, 'dateline');
    if (CREDIT_LINE.test(s) && s.length < 120) return push(b.start, b.end, 'credit');
    const credit = TRAILING_CREDIT.exec(s);
    if (credit && credit.index > 0) {
      push(b.start, b.start + credit.index, 'caption');
      return push(b.start + credit.index, b.end, 'credit');
    }
    if (isHeadlineLike(s) && s.length <= 120 && i > 0) return push(b.start, b.end, 'subheadline');
    const dl = DATELINE.exec(s);
    if (dl && dl[0].length < s.length) {
      push(b.start, b.start + dl[0].length, 'dateline');
      return push(b.start + dl[0].length, b.end, 'body');
    }
    push(b.start, b.end, 'body');
  });
  return sections;
}

export function documentFromText(raw: string, meta: TextMeta): Document {
  const text = normaliseText(raw);
  if (!text) throw new InputError('no text (empty or whitespace only)');
  checkTextLength(text);
  const sections = plainTextSections(text);
  const headline = sections.find((s) => s.kind === 'headline');
  const byline = sections.find((s) => s.kind === 'byline');
  const full: DocumentMeta = { format: 'text', ...meta };
  if (!full.title && headline) full.title = text.slice(headline.start, headline.end);
  if (!full.byline && byline) full.byline = text.slice(byline.start, byline.end).replace(/^By /, '');
  if (!full.published) {
    const fromText = publishedFromText(text);
    if (fromText) Object.assign(full, { published: fromText, publishedFrom: 'text' });
  }
  return createDocument(text, full, sections);
}
