// Runs the `sitrep` command line in-process and captures what it writes.
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';

export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void) { this.text += chunk.toString(); cb(); }
}

export async function sitrep(...argv: string[]) {
  const out = new Capture();
  const err = new Capture();
  const code = await main(argv, { out, err });
  return { code, out: out.text, err: err.text };
}
