// The one place that composes the pipeline. Each stage is `(doc) => void`: it reads the document
// and adds its own layer; stages run in this order and none re-reads the raw input.
import type { Document } from '../model/document.ts';
import { attributeQuotes } from '../attribution/index.ts';
import { extractClaims } from '../claims/index.ts';
import { recogniseEntities } from '../entities/index.ts';
import { identifyLanguage } from '../language/index.ts';
import { buildIncidents } from '../incidents/index.ts';
import { segment } from '../segment/index.ts';
import { parseSyntax } from '../syntax/index.ts';
import { resolveTimes } from '../when/index.ts';
import { resolvePlaces } from '../where/index.ts';

export interface Stage {
  name: string;
  run(doc: Document): void;
}

export const STAGES: Stage[] = [
  { name: 'segment', run: segment },
  { name: 'language', run: identifyLanguage },
  { name: 'syntax', run: parseSyntax },
  { name: 'entities', run: recogniseEntities },
  { name: 'attribution', run: attributeQuotes },
  { name: 'claims', run: extractClaims },
  { name: 'when', run: resolveTimes },
  { name: 'where', run: resolvePlaces },
  { name: 'incidents', run: buildIncidents },
];

/**
 * Run every stage over a freshly ingested document, in place, and return it. A stage that fails on
 * one document leaves an error message on it (and is not listed in doc.stages); the batch goes on.
 */
export function analyse(doc: Document, stages: Stage[] = STAGES): Document {
  for (const stage of stages) {
    try {
      stage.run(doc);
      doc.stages.push(stage.name);
    } catch (e) {
      doc.messages.push({ code: 'stage-failed', severity: 'error', text: `${stage.name} failed: ${(e as Error).message}` });
    }
  }
  return doc;
}
