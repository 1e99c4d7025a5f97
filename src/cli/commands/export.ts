import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DEFAULT_DB, openStore } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';

export const usage = `Usage: sitrep export --format json [options]

Export every stored document with its layers as JSON Lines (one document per line), streamed.
CSV and GeoJSON exports come with incident records.

Options:
  --format json   the export format
  --db PATH       SQLite database (default ${DEFAULT_DB})
  --out FILE      write to FILE instead of stdout
  -h, --help      show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}\n\n${usage}`);
  const format = values.format ?? 'json';
  if (format !== 'json') throw new UsageError(`--format ${format} is not available yet (json only; csv and geojson come with incidents)`);
  const store = openStore(values.db ?? DEFAULT_DB);
  const out = values.out ? createWriteStream(values.out) : io.out;
  try {
    for (const doc of store.allDocuments()) {
      // Respect back-pressure: a large store streams instead of piling up in memory.
      if (!out.write(JSON.stringify(doc) + '\n')) await once(out, 'drain');
    }
  } finally {
    store.close();
    if (values.out) await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  return 0;
}
