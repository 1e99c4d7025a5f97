import { runBench } from '../../bench/index.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep bench [PATH...] [options]

Measure the whole pipeline (raw input to analysed document) on one core: words per second, model
load time, peak memory and each stage's share of the time. Default input: the bundled examples.

Options:
  --benchmarks   add the texts of ../shared/benchmarks (conll, gwn, polnear, timebank) when present
  --seconds N    measure for at least N seconds (default 2)
  --json         print the figures as JSON
  -h, --help     show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, benchmarks: { type: 'boolean' }, seconds: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
  if (seconds !== undefined && !(seconds > 0)) throw new UsageError('--seconds must be a positive number');
  return runBench({ paths: positionals, json: !!values.json, out: io.out, benchmarks: !!values.benchmarks, seconds });
}
