// Issue 18: two `sitrep worker` processes on one PostgreSQL queue, one killed mid-batch: every input is
// stored exactly once. Runs when SITREP_PG_URL names a server whose user may create databases (.ci/run
// starts Debian's postgresql).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import pg from 'pg';

const PG_URL = process.env.SITREP_PG_URL;
const BIN = fileURLToPath(new URL('../bin/sitrep.js', import.meta.url));
const N = 24;

function sitrep(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}
const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => p.once('exit', (code) => resolve(code)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job queue (pg-boss on PostgreSQL)', { skip: PG_URL ? false : 'SITREP_PG_URL not set (no PostgreSQL server)' }, () => {
  it('two workers ingest a batch exactly once though one is killed mid-batch', { timeout: 300_000 }, async () => {
    const name = `sitrep_queue_${process.pid}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(PG_URL!);
    u.pathname = '/' + name;
    const url = u.toString();
    const db = new pg.Client({ connectionString: url });
    const workers: ChildProcess[] = [];
    try {
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-queue-'));
      for (let i = 0; i < N; i++) {
        writeFileSync(join(dir, `r${String(i).padStart(2, '0')}.txt`), `Clashes near Orvan\n\nFighting between two armed groups near the town of Orvan killed ${i + 3} people on Thursday, a local official said.\n\nThe road to the river crossing was closed for ${i + 2} hours.`);
      }
      const enqueue = sitrep(['enqueue', '--db', url, '--expire', '5s', dir]);
      let err = '';
      enqueue.stderr!.on('data', (c) => (err += c));
      assert.equal(await exited(enqueue), 0, err);
      assert.match(err, new RegExp(`${N} jobs queued`));
      await db.connect();
      const env = { SITREP_QUEUE_MAINTENANCE_SECONDS: '2' };
      for (let k = 0; k < 2; k++) {
        const w = sitrep(['worker', '--db', url, '--workers', '1', '--poll', '0.5', '--quiet'], env);
        w.stdout!.resume();
        w.stderr!.resume();
        workers.push(w);
      }
      // Until a worker has opened the store its tables do not exist yet.
      const count = async () => Number((await db.query('SELECT count(*) AS n FROM documents').catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n);
      // Kill the first worker once the batch is under way (a few stored, most not).
      const deadline = Date.now() + 240_000;
      while ((await count()) < 3 && Date.now() < deadline) await sleep(200);
      assert.ok((await count()) < N, 'the batch was done before a worker could be killed');
      workers[0].kill('SIGKILL');
      await exited(workers[0]);
      const open = async () => Number((await db.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'sitrep-ingest' AND state IN ('created', 'retry', 'active')`)).rows[0].n);
      while (((await count()) < N || (await open()) > 0) && Date.now() < deadline) await sleep(500);
      assert.equal(await count(), N, 'every input stored');
      const dupes = await db.query('SELECT origin, count(*) FROM documents GROUP BY origin HAVING count(*) > 1');
      assert.deepEqual(dupes.rows, [], 'no document stored twice');
      const states = await db.query(`SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'sitrep-ingest' GROUP BY state`);
      assert.deepEqual(states.rows, [{ state: 'completed', n: N }], 'each job done, none left failed');
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) { w.kill('SIGTERM'); await exited(w); }
      await db.end().catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end();
    }
  });
});
