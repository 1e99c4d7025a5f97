// Syntax stage: every sentence gets UPOS tags, lemmas and a dependency tree (Universal Dependencies v2),
// from our own models trained on the UD English treebanks (scripts/train-syntax.ts), shipped in
// models/syntax.bin.gz and loaded once, lazily. Reads doc.tokens; writes doc.syntax, parallel to them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Document, SyntaxLayer } from '../model/document.ts';
import { unpackModels } from './artefact.ts';
import { Lemmatizer, type LemmaData } from './lemma.ts';
import { DependencyParser, parserWords, type ParserData } from './parser.ts';
import { SparsePerceptron } from './perceptron.ts';
import { PosTagger, UPOS, type TaggerData } from './tagger.ts';

export const SYNTAX_MODEL_PATH = fileURLToPath(new URL('../../models/syntax.bin.gz', import.meta.url));

export interface SyntaxMeta {
  /** Name and version written into each document's layer. */
  name: string;
  tagger: TaggerData;
  parser: ParserData;
  lemmas: LemmaData;
  /** How the models were trained and what they scored, for the record. */
  trained?: Record<string, unknown>;
}

export interface SyntaxModels {
  name: string;
  tagger: PosTagger;
  parser: DependencyParser;
  lemmatizer: Lemmatizer;
}

export function loadSyntaxModels(path = SYNTAX_MODEL_PATH): SyntaxModels {
  const { meta, models } = unpackModels<SyntaxMeta>(readFileSync(path), path);
  return {
    name: meta.name,
    tagger: new PosTagger(new SparsePerceptron(models.tagger), meta.tagger, models.tagger2 ? new SparsePerceptron(models.tagger2) : undefined),
    parser: new DependencyParser(new SparsePerceptron(models.moves), new SparsePerceptron(models.labels), meta.parser),
    lemmatizer: new Lemmatizer(meta.lemmas),
  };
}

let shared: SyntaxModels | undefined;
export function syntaxModels(): SyntaxModels {
  return (shared ??= loadSyntaxModels());
}

export interface AnalysedWord {
  upos: string;
  lemma: string;
  /** Index of the head word in the sentence, -1 for the root. */
  head: number;
  deprel: string;
}

/** Tag, lemmatise and parse one sentence given as words. */
export function analyseWords(words: readonly string[], models = syntaxModels()): AnalysedWord[] {
  if (words.length === 0) return [];
  const tags = models.tagger.tag(words);
  const { heads, labels } = models.parser.parse(parserWords(words), tags);
  const names = models.parser.data.labels;
  return words.map((w, i) => ({ upos: UPOS[tags[i]], lemma: models.lemmatizer.lemma(w, UPOS[tags[i]]), head: heads[i], deprel: names[labels[i]] }));
}

/** Longest sentence parsed as one: past it (a list or a table run together) the words go in chunks. */
const MAX_SENTENCE = 250;

export function parseSyntax(doc: Document): void {
  const models = syntaxModels();
  const n = doc.tokens.length;
  const layer: SyntaxLayer = { model: models.name, upos: new Array(n), lemma: new Array(n), head: new Array(n), deprel: new Array(n) };
  const names = models.parser.data.labels;
  let first = 0;
  while (first < n) {
    const sentence = doc.tokens[first].sentence;
    let end = first + 1;
    while (end < n && doc.tokens[end].sentence === sentence && end - first < MAX_SENTENCE) end++;
    const words: string[] = new Array(end - first);
    for (let i = first; i < end; i++) words[i - first] = doc.text.slice(doc.tokens[i].start, doc.tokens[i].end);
    const tags = models.tagger.tag(words);
    const { heads, labels } = models.parser.parse(parserWords(words), tags);
    for (let i = 0; i < words.length; i++) {
      const upos = UPOS[tags[i]];
      layer.upos[first + i] = upos;
      layer.lemma[first + i] = models.lemmatizer.lemma(words[i], upos);
      layer.head[first + i] = heads[i] < 0 ? -1 : first + heads[i];
      layer.deprel[first + i] = names[labels[i]];
    }
    first = end;
  }
  doc.syntax = layer;
}
