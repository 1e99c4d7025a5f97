// `sitrep` command line: one module per command under commands/.
import { readFileSync } from 'node:fs';
import { UsageError, type Io } from './args.ts';

interface Command { usage: string; run(argv: string[], io: Io): Promise<number> }

// Each command's module is imported when it runs: `extract` does not load the server, pg or eval.
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  extract: { summary: 'analyse FILE|DIR|URL|- and print JSON (no database)', load: () => import('./commands/extract.ts') },
  ingest: { summary: 'analyse inputs (files, directories, URLs) and store them', load: () => import('./commands/ingest.ts') },
  watch: { summary: 'poll feeds and pages (ETag, If-Modified-Since) and store what is new', load: () => import('./commands/watch.ts') },
  enqueue: { summary: 'put inputs on the PostgreSQL job queue for workers', load: () => import('./commands/enqueue.ts') },
  worker: { summary: 'take jobs from the PostgreSQL queue, analyse and store them', load: () => import('./commands/worker.ts') },
  fuse: { summary: 'list fused incidents, show one, rebuild the clustering, undo a join', load: () => import('./commands/fuse.ts') },
  show: { summary: 'list stored documents, or show one readably', load: () => import('./commands/show.ts') },
  export: { summary: 'export incidents (JSON, CSV, GeoJSON) or documents', load: () => import('./commands/export.ts') },
  review: { summary: 'correct an incident or a document, with an audit trail', load: () => import('./commands/review.ts') },
  reanalyse: { summary: 'run the current stages again over every stored document', load: () => import('./commands/reanalyse.ts') },
  eval: { summary: 'score against the gold corpus and benchmark sets', load: () => import('./commands/eval.ts') },
  bench: { summary: 'measure throughput and memory', load: () => import('./commands/bench.ts') },
  serve: { summary: 'serve the web app and the JSON API over the store', load: () => import('./commands/serve.ts') },
  demo: { summary: 'ingest the bundled examples and serve them (start here)', load: () => import('./commands/demo.ts') },
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
    if (name === 'help' && rest[0] && COMMANDS[rest[0]]) { io.out.write((await COMMANDS[rest[0]].load()).usage + '\n'); return 0; }
    (name ? io.out : io.err).write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err.write(`sitrep: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) { io.err.write(`sitrep ${name}: ${e.message}\n`); return 2; }
    // Only a store opened by the command can have failed with a StoreError: its module is loaded by then.
    const { StoreError } = await import('../store/index.ts');
    if (e instanceof StoreError) { io.err.write(`sitrep ${name}: ${e.message}\n`); return 1; }
    throw e;
  }
}
