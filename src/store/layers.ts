// How a document's layers are stored: as JSON, with every surface form that is a copy of the text
// (a quote's content, a cue, a mention, a claim's subject: any `text` beside its own `start`/`end`)
// stored as 0 and sliced back out of the document's text on reading. Nested reported speech made
// each quote carry most of the document again: 7,692 quotes of a 100 KB text were 386 MB of layers.
import type { Document } from '../model/document.ts';

/** Copies shorter than this stay as they are (they cost nothing and keep the stored JSON readable). */
const MIN_PACKED = 24;

/** The stored JSON of a document's layers (everything but id, text and tokens). */
export function packLayers(doc: Document): string {
  const { id, meta, text, tokens, ...layers } = doc;
  return JSON.stringify({ ...layers, meta }, function (this: any, key, value) {
    if (key === 'text' && typeof value === 'string' && value.length >= MIN_PACKED && typeof this.start === 'number' && typeof this.end === 'number'
      && this.end - this.start === value.length && text.startsWith(value, this.start)) return 0;
    return value;
  });
}

/** The layers back from their stored JSON (or a JSONB value already parsed), surface forms restored. */
export function unpackLayers(text: string, stored: string | object): any {
  const restore = (holder: any) => {
    for (const key of Object.keys(holder)) {
      const v = holder[key];
      if (key === 'text' && v === 0 && typeof holder.start === 'number' && typeof holder.end === 'number') holder.text = text.slice(holder.start, holder.end);
      else if (v && typeof v === 'object') restore(v);
    }
  };
  if (typeof stored === 'string') {
    const layers = JSON.parse(stored);
    // Only layers that hold a packed copy are walked.
    if (stored.includes('"text":0')) restore(layers);
    return layers;
  }
  restore(stored);
  return stored;
}
