import { runEval } from '../../eval/index.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep eval DIR [options]

Score the system against gold data. DIR may be our gold corpus (folders holding gold.json), a
benchmark set (a folder with manifest.json and items.jsonl), or a folder of either, e.g.
  sitrep eval ../shared/corpus
  sitrep eval ../shared/benchmarks
Areas or sets whose stage is not built yet score 0 and say so; a set whose task has no scorer
(src/eval/scorers.ts) is listed as not built and the run goes on.

Options:
  --json       one JSON object: {corpus: {areas: ...}, sets: {name: metrics}}
  --limit N    score only the first N items of each benchmark set
  -h, --help   show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, limit: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length !== 1) throw new UsageError(`eval needs one DIR\n\n${usage}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError('--limit must be a positive integer');
  return runEval(positionals[0], { json: !!values.json, out: io.out, limit });
}
