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

/** English function words: in English news they are about a third of the words; in other languages a few in a hundred. */
const ENGLISH = new Set('the of and to in a on at for was were is are said that with by from as has had have it its he she they their an be been after who which'.split(' '));

/** The language of a text sample, an ISO 639-1 code, with the detector's confidence; undefined when too short. */
export function detectLanguage(text: string): { code: string; accuracy: number } | undefined {
  const sample = text.slice(0, SAMPLE_CHARS).replace(/https?:\/\/\S+/g, ' ');
  if (sample.replace(/[\s\d\p{P}]+/gu, '').length < MIN_CHARS) return undefined;
  // Plainly English (the common case) is settled by counting function words: the n-gram detector costs
  // 20-60 ms a document, more than the rest of a short article's analysis.
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length >= 20 && words.filter((w) => ENGLISH.has(w)).length / words.length >= 0.15) return { code: 'en', accuracy: 1 };
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
