// --db for commands that read: a mistyped path is an error, not a new empty database.
import { existsSync } from 'node:fs';
import { isPostgresUrl, StoreError } from '../store/index.ts';

export function existingStore(location: string): string {
  if (!isPostgresUrl(location) && location !== ':memory:' && !existsSync(location)) throw new StoreError(`${location}: no such database (sitrep ingest creates one)`);
  return location;
}
