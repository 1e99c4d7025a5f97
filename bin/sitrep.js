#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between a clone and a working CLI.
import { register } from 'tsx/esm/api';
register();
// A closed pipe (`sitrep export | head`) ends the output quietly, as in any Unix tool.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
