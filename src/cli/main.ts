// `sitrep` command line: one module per command under commands/.
import { readFileSync } from 'node:fs';
import { StoreError } from '../store/index.ts';
import { UsageError, type Io } from './args.ts';
import * as bench from './commands/bench.ts';
import * as demo from './commands/demo.ts';
import * as evaluate from './commands/eval.ts';
import * as exporter from './commands/export.ts';
import * as extract from './commands/extract.ts';
import * as ingest from './commands/ingest.ts';
import * as reanalyse from './commands/reanalyse.ts';
import * as reviewer from './commands/review.ts';
import * as serve from './commands/serve.ts';
import * as show from './commands/show.ts';

interface Command { usage: string; run(argv: string[], io: Io): Promise<number> }

const COMMANDS: Record<string, Command & { summary: string }> = {
  extract: { ...extract, summary: 'analyse FILE|DIR|- and print JSON (no database)' },
  ingest: { ...ingest, summary: 'analyse inputs and store them (SQLite)' },
  show: { ...show, summary: 'list stored documents, or show one readably' },
  export: { ...exporter, summary: 'export incidents (JSON, CSV, GeoJSON) or documents' },
  review: { ...reviewer, summary: 'correct an incident or a document, with an audit trail' },
  reanalyse: { ...reanalyse, summary: 'run the current stages again over every stored document' },
  eval: { ...evaluate, summary: 'score against the gold corpus and benchmark sets' },
  bench: { ...bench, summary: 'measure throughput and memory' },
  serve: { ...serve, summary: 'serve the web app and the JSON API over the store' },
  demo: { ...demo, summary: 'ingest the bundled examples and serve them (start here)' },
};

export const USAGE = `Usage: sitrep COMMAND [options]

Turns news reports of armed-conflict incidents into structured, sourced records.

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run "sitrep COMMAND --help" for a command's options; "sitrep --version" for the version.`;

/** This sitrep's version, from package.json. */
export function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') { io.out.write(`sitrep ${version()}\n`); return 0; }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0] && COMMANDS[rest[0]]) { io.out.write(COMMANDS[rest[0]].usage + '\n'); return 0; }
    (name ? io.out : io.err).write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err.write(`sitrep: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) { io.err.write(`sitrep ${name}: ${e.message}\n`); return 2; }
    if (e instanceof StoreError) { io.err.write(`sitrep ${name}: ${e.message}\n`); return 1; }
    throw e;
  }
}
