// The language stage: which language the text is in (tinyld, an n-gram detector), so a document that is
// not English is flagged instead of being silently misread: every model and lexicon here is English.
import { detectAll } from 'tinyld';
import type { Document } from '../model/document.ts';

/** Texts shorter than this (a headline, a caption) say too little to judge. */
const MIN_CHARS = 60;
/** How much of the body is read: language does not change halfway through an article. */
const SAMPLE_CHARS = 4000;
/** How sure the detector must be before a text is called not English. */
const MIN_ACCURACY = 0.5;

const NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
export const languageName = (code: string) => { try { return NAMES.of(code) ?? code; } catch { return code; } };

/** The language of a text sample, an ISO 639-1 code, with the detector's confidence; undefined when too short. */
export function detectLanguage(text: string): { code: string; accuracy: number } | undefined {
  const sample = text.slice(0, SAMPLE_CHARS).replace(/https?:\/\/\S+/g, ' ');
  if (sample.replace(/[\s\d\p{P}]+/gu, '').length < MIN_CHARS) return undefined;
  const [best] = detectAll(sample);
  return best ? { code: best.lang, accuracy: best.accuracy } : undefined;
}

export function identifyLanguage(doc: Document): void {
  // The body, when the text has one: headlines and captions are short and often carry names only.
  const body = doc.sections.filter((s) => s.kind === 'body').map((s) => doc.text.slice(s.start, s.end)).join('\n');
  const found = detectLanguage(body.length >= MIN_CHARS ? body : doc.text);
  if (!found) return;
  doc.meta.language ??= found.code;
  if (found.code !== 'en' && found.accuracy >= MIN_ACCURACY) {
    doc.messages.push({
      code: 'not-english', severity: 'warning',
      text: `the text looks like ${languageName(found.code)} (${found.code}), not English: sitrep's models read English only, so its names, figures and dates may be missed or wrong`,
    });
  }
}
