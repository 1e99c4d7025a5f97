// Entry of the analysis worker thread (plain JavaScript: a worker does not inherit bin/sitrep.js's
// TypeScript loader, so it registers its own, as bin/sitrep.js does).
import { register } from 'tsx/esm/api';
register();
await import('./analysis-job.ts');
