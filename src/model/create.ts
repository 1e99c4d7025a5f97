import { createHash } from 'node:crypto';
import type { Document, DocumentMeta, Section } from './document.ts';

/** Content hash of the normalised text: the document id, so re-ingesting the same text is idempotent. */
export function documentId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function createDocument(text: string, meta: DocumentMeta, sections: Section[] = []): Document {
  return {
    id: documentId(text),
    meta,
    text,
    sections,
    sentences: [],
    tokens: [],
    mentions: [],
    entities: [],
    quotes: [],
    claims: [],
    times: [],
    places: [],
    incidents: [],
    messages: [],
    stages: [],
  };
}
