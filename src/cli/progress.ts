// A progress bar for batches (cli-progress) on stderr: n/N, rate, time left. Only on a terminal and
// without --quiet; elsewhere (a pipe, a log file, CI) nothing is drawn. Lines printed while it is drawn
// (errors) go above it.
import type { Io } from './args.ts';

export interface Progress {
  /** Whether a bar is drawn (then per-document lines are left out). */
  readonly drawn: boolean;
  tick(n?: number): void;
  /** A line above the bar (or plain, when there is none). */
  log(line: string): void;
  stop(): void;
}

export async function startProgress(io: Io, opts: { quiet?: boolean; total?: number; unit: string }): Promise<Progress> {
  const tty = (io.err as NodeJS.WriteStream).isTTY === true;
  if (!tty || opts.quiet) return { drawn: false, tick() {}, log: (line) => { io.err.write(line + '\n'); }, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const known = opts.total !== undefined && opts.total > 0;
  const bar = new cliProgress.SingleBar({
    stream: io.err as NodeJS.WriteStream,
    format: known ? `{bar} {value}/{total} ${opts.unit} | {rate}/s | {eta_formatted} left` : `{value} ${opts.unit} | {rate}/s | {duration_formatted}`,
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
    fps: 5,
  }, cliProgress.Presets.shades_classic);
  const start = performance.now();
  let value = 0;
  bar.start(known ? opts.total! : 0, 0, { rate: '0' });
  const rate = () => (value / Math.max(0.001, (performance.now() - start) / 1000)).toFixed(1);
  return {
    drawn: true,
    tick(n = 1) { value += n; if (known && value > opts.total!) bar.setTotal(value); bar.update(value, { rate: rate() }); },
    log(line) { io.err.write('\r\x1b[K' + line + '\n'); bar.render(); },
    stop() { bar.update(value, { rate: rate() }); bar.stop(); },
  };
}
