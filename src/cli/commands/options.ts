// Options several commands share.
import { UsageError } from '../args.ts';

/** --workers N: analysis threads; default the machine's cores (availableParallelism). */
export function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new UsageError(`--workers must be a whole number from 0 to 256, got "${value}"`);
  return n;
}
