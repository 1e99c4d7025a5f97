// Times each pipeline stage on one text file: where a long or hostile input spends its time.
// node --import tsx scripts/stage-times.ts FILE [--chars N]
import { readFileSync } from 'node:fs';
import { documentFrom } from '../src/ingest/index.ts';
import { STAGES } from '../src/pipeline/index.ts';

const [file, flag, n] = process.argv.slice(2);
if (!file) { process.stderr.write('usage: stage-times.ts FILE [--chars N]\n'); process.exit(2); }
let text = readFileSync(file, 'utf8');
if (flag === '--chars') text = text.slice(0, Number(n));
const doc = documentFrom(text, 'text', { origin: file, published: '2025-01-01' });
for (const stage of STAGES) {
  const t = performance.now();
  stage.run(doc);
  process.stdout.write(`${stage.name.padEnd(12)} ${((performance.now() - t) / 1000).toFixed(2)} s\n`);
}
