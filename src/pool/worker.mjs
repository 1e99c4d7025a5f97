// Entry of a pool worker thread (plain JavaScript: a worker does not inherit bin/sitrep.js's TypeScript
// loader, so under src/ it registers its own; the build drops these two lines and points at task.js).
import { register } from 'tsx/esm/api';
register();
export default (await import('./task.ts')).default;
