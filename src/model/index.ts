export * from './document.ts';
export * from './source.ts';
export * from './quote.ts';
export * from './claim.ts';
export * from './where-when.ts';
export * from './incident.ts';
export { createDocument, documentId } from './create.ts';
