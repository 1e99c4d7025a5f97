// Loads the shipped tagger model once, on first use.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { lexiconGazetteer } from './gazetteer.ts';
import { Perceptron } from './perceptron.ts';

export const MODEL_PATH = fileURLToPath(new URL('../../models/tagger.json.gz', import.meta.url));

let model: Perceptron | undefined;
let common: Set<string> = new Set();

/** Lowercased words that are common English words in the training text (never names there). */
export function commonWords(): Set<string> {
  loadTagger();
  return common;
}

export function loadTagger(): Perceptron {
  if (!model) {
    let data: { scale: number; features: Record<string, number[]>; common?: string[] };
    try {
      data = JSON.parse(gunzipSync(readFileSync(MODEL_PATH)).toString('utf8'));
    } catch (e) {
      throw new Error(`cannot load the entity tagger model at ${MODEL_PATH} (${(e as Error).message}); rebuild it with npm run train:tagger`);
    }
    model = Perceptron.deserialise(data, lexiconGazetteer());
    common = new Set(data.common ?? []);
  }
  return model;
}
