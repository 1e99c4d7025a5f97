#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (npm ci's prepare step builds it: `npm run build`); when there is
// none, or a source under src/ is newer than the build (a developer's edit), the TypeScript sources run
// through tsx instead, so an edit is never hidden behind a stale build.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The build's time, or 0 when there is none or a source is newer. */
function fresh() {
  let built;
  try { built = statSync(join(root, 'dist', '.built')).mtimeMs; } catch { return false; }
  const newer = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory() ? newer(p) : statSync(p).mtimeMs > built) return true;
    }
    return false;
  };
  return !newer(join(root, 'src'));
}

// A closed pipe (`sitrep export | head`) ends the output quietly, as in any Unix tool.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
let main;
if (process.env.SITREP_FROM_SOURCE !== '1' && fresh()) ({ main } = await import('../dist/cli/main.js'));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
