// PostgreSQL for the store tests: runs when SITREP_PG_URL names a server where its user may create
// databases (.ci/run starts one). Every store a test opens gets a database of its own, dropped when the
// test file's tests are done.
import { after } from 'node:test';
import pg from 'pg';

export const PG_URL = process.env.SITREP_PG_URL;

/** A maker of fresh databases named after `prefix`; call it at a test file's top level (it registers the cleanup). */
export function freshDatabases(prefix: string): () => Promise<string> {
  const created: string[] = [];
  after(async () => {
    if (!created.length) return;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  });
  return async () => {
    const name = `${prefix}_${process.pid}_${created.length}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    created.push(name);
    const u = new URL(PG_URL!);
    u.pathname = '/' + name;
    return u.toString();
  };
}
