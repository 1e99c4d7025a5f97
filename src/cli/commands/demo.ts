import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInputs } from '../../ingest/index.ts';
import { analyseBounded as analyse } from '../../ingest/bounded.ts';
import { openStore } from '../../store/index.ts';
import { parse, UsageError, type Io } from '../args.ts';
import { portOption, serveUntilStopped, tokenOption } from './serve.ts';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'articles');

export const usage = `Usage: sitrep demo [options]

Ingest the bundled example articles (examples/articles) into a fresh database and serve the web app,
with "Add article" enabled. The one command to see what sitrep does.

Options:
  --db PATH     database to create or reuse (default: a new one in the system's temporary directory)
  --port N      port (default 8080; 0 picks a free one)
  --host HOST   address to listen on (default 127.0.0.1); given again, a further name to answer to
  --token T     the write token for "Add article" instead of a random one (env SITREP_TOKEN)
  -h, --help    show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string', multiple: true }, token: { type: 'string' } }, usage);
  if (values.help) { io.out.write(usage + '\n'); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}\n\n${usage}`);
  const port = portOption(values.port, 8080);
  const token = tokenOption(values.token);
  const db = values.db ?? join(mkdtempSync(join(tmpdir(), 'sitrep-demo-')), 'demo.db');
  const store = await openStore(db);
  try {
    for await (const r of readInputs([EXAMPLES])) {
      if (!r.ok) { io.err.write(`sitrep: ${r.origin}: ${r.error}\n`); continue; }
      await store.putDocument(analyse(r.doc));
    }
    io.err.write(`sitrep demo: ${await store.count()} example documents in ${db}\n`);
  } finally {
    await store.close();
  }
  return serveUntilStopped(db, { port, hosts: values.host ?? ['127.0.0.1'], allowIngest: true, token }, io);
}
