// The package's entry point (package.json "exports"): loads the TypeScript sources through tsx's scoped
// loader, so importing sitrep changes nothing else in the importing program. Types: src/index.ts.
import { tsImport } from 'tsx/esm/api';

const api = await tsImport('./src/index.ts', import.meta.url);

export const { analyse, incidents } = api;
