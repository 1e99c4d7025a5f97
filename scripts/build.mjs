// `npm run build` (also npm ci's prepare step): compiles src/ to dist/ so the CLI starts without a
// TypeScript compiler. Plain JavaScript itself, so it runs before anything is compiled. tsc transpiles
// only (--noCheck; `npx tsc --noEmit` is the type check); the worker entries (.mjs) are copied with their
// imports pointed at the compiled files and without the TypeScript loader they need under src/.
// Without typescript installed (npm ci --omit=dev) it says so and leaves bin/sitrep.js on tsx.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  process.stderr.write('build: typescript is not installed; bin/sitrep.js runs the sources through tsx\n');
  process.exit(0);
}
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}
for (const file of files(join(root, 'src'))) {
  if (!file.endsWith('.mjs')) continue;
  const target = join(dist, relative(join(root, 'src'), file));
  const js = readFileSync(file, 'utf8')
    .replace(/^import \{ register \} from 'tsx\/esm\/api';\n/m, '')
    .replace(/^register\(\);\n/m, '')
    .replace(/(import\(\s*'\.{1,2}\/[^']*)\.ts'/g, "$1.js'")
    .replace(/(from\s+'\.{1,2}\/[^']*)\.ts'/g, "$1.js'");
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, js);
}
// The stamp bin/sitrep.js compares with the sources' times: a source edited after the build runs through tsx.
writeFileSync(join(dist, '.built'), new Date().toISOString() + '\n');
if (!existsSync(join(dist, 'cli', 'main.js'))) { process.stderr.write('build: dist/cli/main.js missing\n'); process.exit(1); }
