import { readInputs } from '../../ingest/read.ts';
import { analyseBounded as analyse } from '../../ingest/bounded.ts';
import type { Document } from '../../model/document.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep extract FILE|DIR|- [options]

Analyse input and print each document's record as JSON (no database needed).
One document: pretty-printed JSON. Several (a JSONL batch, a directory): one JSON object per line.

Options:
  --published YYYY-MM-DD   publication date (overrides metadata; anchors relative dates)
  --outlet NAME            outlet name (overrides metadata and URL)
  --format text|html|jsonl|feed  force the input format instead of sniffing it
  --compact                one line per document even for a single document
  --tokens                 include the token layer (large; the syntax layer's arrays are parallel to it)
  -h, --help               show this help`;

/** The record printed for a document: every layer, tokens only on request. */
export function record(doc: Document, withTokens = false): object {
  const { tokens, ...rest } = doc;
  return withTokens ? doc : rest;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    published: { type: 'string' }, outlet: { type: 'string' }, format: { type: 'string' }, compact: { type: 'boolean' }, tokens: { type: 'boolean' },
  }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length === 0) throw new UsageError(`extract needs a FILE, DIR or - (stdin)\n\n${usage}`);
  if (values.format && !['text', 'html', 'jsonl', 'feed'].includes(values.format)) throw new UsageError(`--format must be text, html, jsonl or feed\n\n${usage}`);
  const opts = { published: values.published, outlet: values.outlet, format: values.format as 'text' | 'html' | 'jsonl' | 'feed' | undefined };
  const results = [];
  let failed = 0;
  try {
    for await (const r of readInputs(positionals, opts)) results.push(r);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const docs = results.filter((r) => r.ok).length;
  const oneLine = values.compact || docs > 1;
  for (const r of results) {
    if (!r.ok) { io.err.write(`sitrep: ${r.origin}: ${r.error}\n`); failed++; continue; }
    const rec = record(analyse(r.doc), values.tokens);
    io.out.write((oneLine ? JSON.stringify(rec) : JSON.stringify(rec, null, 2)) + '\n');
  }
  return failed ? 1 : 0;
}
